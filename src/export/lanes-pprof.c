/* lanes-pprof.c
 *
 * Messages are gathered in flat arrays first and linked by pointers only
 * once all are in, since the arrays move while they grow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-pprof.h"

#include "lanes-id-map.h"
#include "profile.pb-c.h"

/* What a profile's values are: one or two per sample. */
typedef struct
{
  const char *types[2][2];      /* type and unit of each value */
  guint n_values;
  const char *period_type[2];
} Layout;

/* As go tool trace -pprof writes them. */
static const Layout blocking_layout = {
  { { "contentions", "count" }, { "delay", "nanoseconds" } }, 2, { "trace", "count" },
};

/* As the runtime writes CPU profiles. */
static const Layout cpu_layout = {
  { { "samples", "count" }, { "cpu", "nanoseconds" } }, 2, { "cpu", "nanoseconds" },
};

typedef struct
{
  LanesTraceReader *reader;
  GPtrArray *strings;          /* the string table; borrowed strings */
  GHashTable *string_index;    /* string → index + 1 */
  GArray *functions;           /* Perftools__Profiles__Function */
  LanesIdMap function_of;      /* (file, name) string ids → index in functions */
  GArray *locations;           /* Perftools__Profiles__Location */
  GArray *lines;               /* Perftools__Profiles__Line, one per location */
  LanesIdMap location_of;      /* program counter → index in locations */
  GArray *samples;             /* Perftools__Profiles__Sample */
  GArray *location_ids;        /* every sample's, one after the other */
  GArray *values;              /* n_values per sample */
  guint n_values;
} Encoder;

static gint64
string_index (Encoder    *encoder,
              const char *string)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (encoder->string_index, string));

  if (index == 0)
    {
      g_ptr_array_add (encoder->strings, (gpointer) string);
      index = encoder->strings->len;
      g_hash_table_insert (encoder->string_index, (gpointer) string, GUINT_TO_POINTER (index));
    }
  return index - 1;
}

static guint64
function_id (Encoder               *encoder,
             const LanesTraceFrame *frame)
{
  guint64 key = ((guint64) frame->file << 32) | frame->function;
  guint32 i = lanes_id_map_lookup (&encoder->function_of, key);

  if (i == LANES_ID_MAP_ABSENT)
    {
      Perftools__Profiles__Function function = PERFTOOLS__PROFILES__FUNCTION__INIT;
      const char *name = lanes_trace_reader_get_string (encoder->reader, frame->function);

      function.id = encoder->functions->len + 1;
      function.name = string_index (encoder, name);
      function.system_name = function.name;
      function.filename = string_index (encoder, lanes_trace_reader_get_string (encoder->reader, frame->file));
      i = encoder->functions->len;
      g_array_append_val (encoder->functions, function);
      lanes_id_map_insert (&encoder->function_of, key, i);
    }
  return i + 1;
}

static guint64
location_id (Encoder               *encoder,
             const LanesTraceFrame *frame)
{
  guint32 i = lanes_id_map_lookup (&encoder->location_of, frame->pc);

  if (i == LANES_ID_MAP_ABSENT)
    {
      Perftools__Profiles__Location location = PERFTOOLS__PROFILES__LOCATION__INIT;
      Perftools__Profiles__Line line = PERFTOOLS__PROFILES__LINE__INIT;

      line.function_id = function_id (encoder, frame);
      line.line = (gint64) frame->line;
      location.id = encoder->locations->len + 1;
      location.address = frame->pc;
      i = encoder->locations->len;
      g_array_append_val (encoder->locations, location);
      g_array_append_val (encoder->lines, line);
      lanes_id_map_insert (&encoder->location_of, frame->pc, i);
    }
  return i + 1;
}

static void
add_record (Encoder                  *encoder,
            const LanesProfileRecord *record)
{
  Perftools__Profiles__Sample sample = PERFTOOLS__PROFILES__SAMPLE__INIT;
  const LanesTraceFrame *frames;
  guint n = lanes_trace_reader_get_stack (encoder->reader, record->stack, &frames);
  gint64 values[2] = { (gint64) record->count, record->delay_ns };

  for (guint f = 0; f < n; f++)
    {
      guint64 id = location_id (encoder, &frames[f]);
      g_array_append_val (encoder->location_ids, id);
    }
  sample.n_location_id = n;
  sample.n_value = encoder->n_values;
  g_array_append_vals (encoder->values, values, encoder->n_values);
  g_array_append_val (encoder->samples, sample);
}

static Perftools__Profiles__ValueType
value_type (Encoder    *encoder,
            const char *type,
            const char *unit)
{
  Perftools__Profiles__ValueType value_type = PERFTOOLS__PROFILES__VALUE_TYPE__INIT;

  value_type.type = string_index (encoder, type);
  value_type.unit = string_index (encoder, unit);
  return value_type;
}

/* Pointers to each element of @array, for the repeated fields. */
static gpointer *
pointers_to (GArray *array)
{
  gpointer *pointers = g_new (gpointer, array->len + 1);
  guint size = g_array_get_element_size (array);

  for (guint i = 0; i < array->len; i++)
    pointers[i] = array->data + (gsize) i * size;
  return pointers;
}

static GBytes *
encode (LanesTraceReader *reader,
        const Layout     *layout,
        gint64            period,
        const GArray     *records)
{
  Encoder encoder = {
    .reader = reader,
    .n_values = layout->n_values,
    .strings = g_ptr_array_new (),
    .string_index = g_hash_table_new (g_str_hash, g_str_equal),
    .functions = g_array_new (FALSE, FALSE, sizeof (Perftools__Profiles__Function)),
    .locations = g_array_new (FALSE, FALSE, sizeof (Perftools__Profiles__Location)),
    .lines = g_array_new (FALSE, FALSE, sizeof (Perftools__Profiles__Line)),
    .samples = g_array_new (FALSE, FALSE, sizeof (Perftools__Profiles__Sample)),
    .location_ids = g_array_new (FALSE, FALSE, sizeof (guint64)),
    .values = g_array_new (FALSE, FALSE, sizeof (gint64)),
  };
  Perftools__Profiles__Profile profile = PERFTOOLS__PROFILES__PROFILE__INIT;
  Perftools__Profiles__ValueType types[2], period_type;
  Perftools__Profiles__ValueType *type_pointers[2] = { &types[0], &types[1] };
  g_autofree gpointer *samples = NULL, *locations = NULL, *lines = NULL, *functions = NULL;
  guint8 *data;
  gsize size, next_location = 0;

  lanes_id_map_init (&encoder.function_of);
  lanes_id_map_init (&encoder.location_of);
  string_index (&encoder, "");   /* entry 0, as the format requires */
  for (guint v = 0; v < layout->n_values; v++)
    types[v] = value_type (&encoder, layout->types[v][0], layout->types[v][1]);
  period_type = value_type (&encoder, layout->period_type[0], layout->period_type[1]);
  for (guint r = 0; r < records->len; r++)
    add_record (&encoder, &g_array_index (records, LanesProfileRecord, r));

  for (guint s = 0; s < encoder.samples->len; s++)
    {
      Perftools__Profiles__Sample *sample = &g_array_index (encoder.samples, Perftools__Profiles__Sample, s);
      sample->location_id = &g_array_index (encoder.location_ids, guint64, next_location);
      sample->value = &g_array_index (encoder.values, gint64, (gsize) layout->n_values * s);
      next_location += sample->n_location_id;
    }
  lines = pointers_to (encoder.lines);
  for (guint l = 0; l < encoder.locations->len; l++)
    {
      Perftools__Profiles__Location *location = &g_array_index (encoder.locations, Perftools__Profiles__Location, l);
      location->n_line = 1;
      location->line = (Perftools__Profiles__Line **) &lines[l];
    }
  samples = pointers_to (encoder.samples);
  locations = pointers_to (encoder.locations);
  functions = pointers_to (encoder.functions);

  profile.n_sample_type = layout->n_values;
  profile.sample_type = type_pointers;
  profile.period_type = &period_type;
  profile.period = period;
  profile.n_sample = encoder.samples->len;
  profile.sample = (Perftools__Profiles__Sample **) samples;
  profile.n_location = encoder.locations->len;
  profile.location = (Perftools__Profiles__Location **) locations;
  profile.n_function = encoder.functions->len;
  profile.function = (Perftools__Profiles__Function **) functions;
  profile.n_string_table = encoder.strings->len;
  profile.string_table = (char **) encoder.strings->pdata;

  size = perftools__profiles__profile__get_packed_size (&profile);
  data = g_malloc (size);
  perftools__profiles__profile__pack (&profile, data);

  g_ptr_array_unref (encoder.strings);
  g_hash_table_unref (encoder.string_index);
  g_array_unref (encoder.functions);
  lanes_id_map_clear (&encoder.function_of);
  g_array_unref (encoder.locations);
  g_array_unref (encoder.lines);
  lanes_id_map_clear (&encoder.location_of);
  g_array_unref (encoder.samples);
  g_array_unref (encoder.location_ids);
  g_array_unref (encoder.values);
  return g_bytes_new_take (data, size);
}

GBytes *
lanes_pprof_encode (LanesTraceReader *reader,
                    const GArray     *records)
{
  return encode (reader, &blocking_layout, 1, records);
}

/* One record per stack: how many samples, and the CPU time they stand
 * for. */
static GArray *
cpu_records (const LanesStackSample *samples,
             guint                 n_samples,
             gint64                interval)
{
  GArray *records = g_array_new (FALSE, TRUE, sizeof (LanesProfileRecord));
  LanesIdMap record_of;

  lanes_id_map_init (&record_of);
  for (guint s = 0; s < n_samples; s++)
    {
      guint32 r = lanes_id_map_find_or_append (&record_of, samples[s].stack, records);
      LanesProfileRecord *record = &g_array_index (records, LanesProfileRecord, r);

      record->stack = samples[s].stack;
      record->count++;
      record->delay_ns += interval;
    }
  lanes_id_map_clear (&record_of);
  return records;
}

GBytes *
lanes_pprof_encode_cpu (LanesTraceReader     *reader,
                        const LanesStackSample *samples,
                        guint                 n_samples,
                        gint64                interval)
{
  g_autoptr(GArray) records = cpu_records (samples, n_samples, interval);

  return encode (reader, &cpu_layout, interval, records);
}

static gboolean
write_gzipped (GBytes      *encoded,
               const char  *path,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) gzipped = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (encoded, &size);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return FALSE;
  gzipped = g_converter_output_stream_new (G_OUTPUT_STREAM (out), G_CONVERTER (compressor));
  return g_output_stream_write_all (gzipped, data, size, NULL, NULL, error)
         && g_output_stream_close (gzipped, NULL, error);
}

gboolean
lanes_pprof_write (LanesTraceReader *reader,
                   const GArray     *records,
                   const char       *path,
                   GError          **error)
{
  g_autoptr(GBytes) encoded = lanes_pprof_encode (reader, records);

  return write_gzipped (encoded, path, error);
}

gboolean
lanes_pprof_write_cpu (LanesTraceReader     *reader,
                       const LanesStackSample *samples,
                       guint                 n_samples,
                       gint64                interval,
                       const char           *path,
                       GError              **error)
{
  g_autoptr(GBytes) encoded = lanes_pprof_encode_cpu (reader, samples, n_samples, interval);

  return write_gzipped (encoded, path, error);
}
