/* lanes-trace-reader.c: the reader loop.
 *
 * Go 1.22+ traces are read one generation at a time: frame its batches,
 * then merge the per-thread event streams through the ordering state
 * machine, interleaving CPU samples, exactly as golang.org/x/exp/trace's
 * Reader does (see docs/trace-format.md §3.1).  Older traces are read
 * whole when opened and converted event by event (§4.4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace-reader.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lanes-generation.h"
#include "lanes-order.h"
#include "lanes-trace-convert.h"
#include "lanes-trace-tables.h"
#include "lanes-v1-convert.h"
#include "lanes-varint.h"
#include "lanes-wire.h"

#define HEADER_SIZE 16

/* A thread's position in its event batches of the current generation. */
typedef struct
{
  gint64 m;
  guint32 thread;        /* index of the thread's state in the ordering */
  guint32 batch;         /* current batch index */
  const guint8 *pos;
  const guint8 *end;
  gint64 last_ts;
  LanesRawEvent ev;      /* the next event, decoded */
} Cursor;

struct _LanesTraceReader
{
  char *name;
  GMappedFile *mapped;
  GBytes *bytes;
  LanesInput input;
  gsize pos;             /* next unread byte */
  gsize released;        /* bytes of the mapping given back to the OS */

  LanesTraceTables *tables;
  LanesOrder *order;
  LanesOrderQueue *queue;  /* the order's */
  LanesConvert convert;

  LanesGeneration *gen;  /* the generation being ordered */
  gboolean have_gen;
  LanesOrderGen order_gen;
  LanesBatch spill;      /* first batch of the next generation (before 1.26) */
  guint64 spill_gen;
  gboolean have_spill;
  GError *pending_error; /* reported after one more Sync */
  gboolean pending_error_synced;

  Cursor *cursors;
  guint n_cursors;
  guint cursors_capacity;
  Cursor **frontier;     /* binary min-heap on ev.time */
  guint n_frontier;
  guint next_sample;
  gint64 next_sample_time; /* G_MAXINT64 when no sample is left */

  guint32 syncs;
  gint64 last_ts;
  gboolean done;

  LanesV1Converter *v1;  /* set for old-format traces (Go 1.11–1.21) */
};

G_DEFINE_QUARK (lanes-trace-error-quark, lanes_trace_error)

/* Opening */

static gboolean
read_header (LanesTraceReader  *reader,
             GError           **error)
{
  const guint8 *data = reader->input.data;
  guint version = 0;
  gsize i;

  if (reader->input.size < HEADER_SIZE || memcmp (data, "go 1.", 5) != 0)
    {
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_NOT_A_TRACE,
                   "%s: not a Go execution trace (it does not start with \"go 1.N trace\")", reader->name);
      return FALSE;
    }
  for (i = 5; i < 8 && g_ascii_isdigit (data[i]); i++)
    version = version * 10 + (data[i] - '0');
  if (i == 5 || memcmp (data + i, " trace", 6) != 0)
    {
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_NOT_A_TRACE,
                   "%s: not a Go execution trace (bad header)", reader->name);
      return FALSE;
    }
  for (i += 6; i < HEADER_SIZE; i++)
    if (data[i] != 0)
      {
        g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_NOT_A_TRACE,
                     "%s: not a Go execution trace (bad header)", reader->name);
        return FALSE;
      }

  switch (version)
    {
    case 11: case 19: case 21:
    case 22: case 23: case 25: case 26:
      break;
    default:
      if (version < 11)
        g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_UNSUPPORTED,
                     "%s: Go 1.%u traces are not supported (neither Lanes nor Go's own tools read traces older than Go 1.11)",
                     reader->name, version);
      else
        g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_UNSUPPORTED,
                     "%s: unknown or unsupported trace version go 1.%u", reader->name, version);
      return FALSE;
    }
  reader->input.version = version;
  reader->pos = HEADER_SIZE;
  return TRUE;
}

/* An old-format trace has no generations to stream: only the whole of it
 * says in what order its events happened (as Go's reader, this fails on
 * a trace whose framing or order is broken). */
static gboolean
open_v1 (LanesTraceReader  *reader,
         GError           **error)
{
  GError *local_error = NULL;
  LanesV1Trace *trace = lanes_v1_parse (&reader->input, reader->tables, &reader->gen->strings,
                                        &reader->gen->stacks, &local_error);

  /* The whole trace is one generation. */
  reader->gen->gen = 1;
  if (trace != NULL)
    reader->v1 = lanes_v1_converter_new (trace, &reader->convert, reader->gen, &local_error);
  if (reader->v1 == NULL)
    {
      g_prefix_error (&local_error, "%s: ", reader->name);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  reader->pos = reader->input.size;
  /* Times count from the Sync before the first event, which is -1. */
  reader->last_ts = -1;
  return TRUE;
}

static LanesTraceReader *
reader_new (const char    *name,
            const guint8  *data,
            gsize          size,
            GError       **error)
{
  LanesTraceReader *reader = g_new0 (LanesTraceReader, 1);

  reader->name = g_strdup (name);
  reader->input.data = data;
  reader->input.size = size;
  if (!read_header (reader, error))
    {
      lanes_trace_reader_free (reader);
      return NULL;
    }
  reader->tables = lanes_trace_tables_new ();
  reader->order = lanes_order_new (reader->tables);
  reader->queue = lanes_order_get_queue (reader->order);
  lanes_convert_init (&reader->convert, reader->tables);
  reader->gen = lanes_generation_new ();
  if (reader->input.version < 22 && !open_v1 (reader, error))
    {
      lanes_trace_reader_free (reader);
      return NULL;
    }
  return reader;
}

LanesTraceReader *
lanes_trace_reader_new_for_path (const char  *path,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &local_error);

  if (mapped == NULL)
    {
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return lanes_trace_reader_new_for_mapped_file (mapped, path, error);
}

LanesTraceReader *
lanes_trace_reader_new_for_mapped_file (GMappedFile  *mapped,
                                        const char   *name,
                                        GError      **error)
{
  const guint8 *data = (const guint8 *) g_mapped_file_get_contents (mapped);
  gsize size = g_mapped_file_get_length (mapped);
  LanesTraceReader *reader;

#ifdef MADV_SEQUENTIAL
  if (size > 0)
    madvise ((void *) data, size, MADV_SEQUENTIAL);
#endif
  reader = reader_new (name, data, size, error);
  if (reader != NULL)
    reader->mapped = g_mapped_file_ref (mapped);
  return reader;
}

LanesTraceReader *
lanes_trace_reader_new_for_bytes (GBytes      *bytes,
                                  const char  *name,
                                  GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  LanesTraceReader *reader = reader_new (name, data, size, error);

  if (reader != NULL)
    reader->bytes = g_bytes_ref (bytes);
  return reader;
}

void
lanes_trace_reader_free (LanesTraceReader *reader)
{
  if (reader == NULL)
    return;
  lanes_v1_converter_free (reader->v1);
  if (reader->tables != NULL)
    {
      lanes_convert_clear (&reader->convert);
      lanes_order_free (reader->order);
      lanes_trace_tables_free (reader->tables);
      lanes_generation_free (reader->gen);
    }
  g_clear_error (&reader->pending_error);
  g_free (reader->cursors);
  g_free (reader->frontier);
  g_clear_pointer (&reader->mapped, g_mapped_file_unref);
  g_clear_pointer (&reader->bytes, g_bytes_unref);
  g_free (reader->name);
  g_free (reader);
}

guint
lanes_trace_reader_get_version (LanesTraceReader *reader)
{
  return reader->input.version;
}

const char *
lanes_trace_reader_get_name (LanesTraceReader *reader)
{
  return reader->name;
}

gsize
lanes_trace_reader_get_size (LanesTraceReader *reader)
{
  return reader->input.size;
}

double
lanes_trace_reader_get_progress (LanesTraceReader *reader)
{
  if (reader->v1 != NULL)
    return lanes_v1_converter_get_progress (reader->v1);
  return (double) reader->pos / MAX (reader->input.size, 1);
}

const char *
lanes_trace_reader_get_string (LanesTraceReader *reader,
                               guint32           string_id)
{
  return lanes_trace_tables_get_string (reader->tables, string_id);
}

guint32
lanes_trace_reader_intern_string (LanesTraceReader *reader,
                                  const char       *string)
{
  return lanes_trace_tables_intern_string (reader->tables, string, strlen (string));
}

guint
lanes_trace_reader_get_stack (LanesTraceReader       *reader,
                              guint32                 stack_id,
                              const LanesTraceFrame **frames)
{
  return lanes_trace_tables_get_stack (reader->tables, stack_id, frames);
}

guint32
lanes_trace_reader_intern_stack (LanesTraceReader      *reader,
                                 const LanesTraceFrame *frames,
                                 guint                  n_frames)
{
  return lanes_trace_tables_intern_stack (reader->tables, frames, n_frames);
}

const LanesExperimentalBatch *
lanes_trace_reader_get_experimental_batches (LanesTraceReader *reader,
                                             guint            *n_batches)
{
  if (!reader->have_gen)
    {
      *n_batches = 0;
      return NULL;
    }
  *n_batches = reader->gen->experimental->len;
  return (const LanesExperimentalBatch *) reader->gen->experimental->data;
}

const char *
lanes_experiment_to_string (guint8 experiment)
{
  switch (experiment)
    {
    case 0: return "None";
    case 1: return "AllocFree";
    default: return "unknown experiment";
    }
}

/* Errors */

static gboolean
fail (LanesTraceReader *reader,
      GError          **error,
      GError           *cause)
{
  reader->done = TRUE;
  g_prefix_error (&cause, "%s: ", reader->name);
  g_propagate_error (error, cause);
  return FALSE;
}

/* Frontier: a min-heap of cursors on their next event's time, with the
 * same tie rules as Go's so the output order is the same. */

static inline void
heap_swap (Cursor **heap,
           guint    i,
           guint    j)
{
  Cursor *t = heap[i];
  heap[i] = heap[j];
  heap[j] = t;
}

static guint
heap_sift_up (Cursor **heap,
              guint    i)
{
  while (i > 0 && heap[(i - 1) / 2]->ev.time > heap[i]->ev.time)
    {
      heap_swap (heap, (i - 1) / 2, i);
      i = (i - 1) / 2;
    }
  return i;
}

/* Moves heap[i] down to its place: the hole goes down, and the cursor
 * is written once where it stops. */
G_ALWAYS_INLINE static inline void
heap_sift_down (Cursor **heap,
                guint    n,
                guint    i)
{
  Cursor *moving = heap[i];
  gint64 t = moving->ev.time;

  for (;;)
    {
      guint child = 2 * i + 1;
      Cursor *smallest;

      if (child >= n)
        break;
      smallest = heap[child];
      if (child + 1 < n && heap[child + 1]->ev.time < smallest->ev.time)
        smallest = heap[++child];
      if (!(smallest->ev.time < t))
        break;
      heap[i] = smallest;
      i = child;
    }
  heap[i] = moving;
}

G_ALWAYS_INLINE static inline void
heap_update (LanesTraceReader *reader,
             guint             i)
{
  if (heap_sift_up (reader->frontier, i) == i)
    heap_sift_down (reader->frontier, reader->n_frontier, i);
}

static void
heap_remove (LanesTraceReader *reader,
             guint             i)
{
  Cursor **heap = reader->frontier;

  while (i > 0)
    {
      heap_swap (heap, (i - 1) / 2, i);
      i = (i - 1) / 2;
    }
  heap_swap (heap, 0, reader->n_frontier - 1);
  reader->n_frontier--;
  if (reader->n_frontier > 0)
    heap_sift_down (heap, reader->n_frontier, 0);
}

/* Cursors */

static gboolean
decode_fail (LanesTraceReader *reader,
             const guint8     *at,
             GError          **error,
             const char       *message)
{
  g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
               "at byte %" G_GSIZE_FORMAT " (generation %" G_GUINT64_FORMAT "): %s",
               (gsize) (at - reader->input.data), reader->gen->gen, message);
  return FALSE;
}

/* Moves the cursor to the next batch of its thread that has data;
 * FALSE when there is none. */
static gboolean
cursor_next_batch (LanesTraceReader *reader,
                   Cursor           *cursor)
{
  const LanesBatch *batches = (const LanesBatch *) reader->gen->batches->data;

  while (cursor->pos == cursor->end)
    {
      guint32 next = batches[cursor->batch].next;
      if (next == LANES_NO_BATCH)
        return FALSE;
      cursor->batch = next;
      cursor->pos = batches[next].data;
      cursor->end = batches[next].data + batches[next].size;
      cursor->last_ts = 0;
    }
  return TRUE;
}

/* Decodes the cursor's next event; *has_event is FALSE when the thread
 * has no more.  This is the reader's innermost loop: inline, it saves
 * a call's register traffic on every event. */
G_ALWAYS_INLINE static inline gboolean
cursor_next (LanesTraceReader *reader,
             Cursor           *cursor,
             gboolean         *has_event,
             GError          **error)
{
  LanesGeneration *gen = reader->gen;
  const guint8 *p, *start;
  const LanesWireSpec *spec;
  guint64 dt;
  guint type, n_args;

  if (G_UNLIKELY (cursor->pos == cursor->end) && !cursor_next_batch (reader, cursor))
    {
      *has_event = FALSE;
      return TRUE;
    }
  if (cursor->last_ts == 0)
    cursor->last_ts = lanes_ticks_to_ns (gen->ns_per_tick,
                                         g_array_index (gen->batches, LanesBatch, cursor->batch).time);

  p = start = cursor->pos;
  type = *p++;
  if (G_UNLIKELY (type >= LANES_WIRE_N_TYPES))
    return decode_fail (reader, start, error, "found invalid event type");
  spec = &lanes_wire_specs[type];
  if (G_UNLIKELY (!spec->timed))
    {
      g_autofree char *message = g_strdup_printf ("found event without a timestamp: type=%u", type);
      return decode_fail (reader, start, error, message);
    }
  /* Far from the batch's end, which is nearly always, the varints need
   * no bounds checks.  (The count is read once: the arguments' stores
   * could otherwise alias the spec.) */
  n_args = spec->n_args;
  if (G_LIKELY (cursor->end - p >= (1 + LANES_WIRE_MAX_ARGS) * LANES_VARINT_MAX_SIZE))
    {
      if (G_UNLIKELY (lanes_read_uvarint_unbounded (&p, &dt) != LANES_VARINT_OK))
        return decode_fail (reader, start, error, "found invalid uvarint for timestamp");
      for (guint i = 0; i < n_args; i++)
        if (G_UNLIKELY (lanes_read_uvarint_unbounded (&p, &cursor->ev.args[i]) != LANES_VARINT_OK))
          return decode_fail (reader, start, error, "found invalid uvarint");
    }
  else
    {
      if (G_UNLIKELY (lanes_read_uvarint (&p, cursor->end, &dt) != LANES_VARINT_OK))
        return decode_fail (reader, start, error, "found invalid uvarint for timestamp");
      for (guint i = 0; i < n_args; i++)
        if (G_UNLIKELY (lanes_read_uvarint (&p, cursor->end, &cursor->ev.args[i]) != LANES_VARINT_OK))
          return decode_fail (reader, start, error, "found invalid uvarint");
    }
  cursor->ev.type = type;
  /* Go adds in int64, which wraps: add unsigned to do the same defined. */
  cursor->ev.time = (gint64) ((guint64) lanes_ticks_to_ns (gen->ns_per_tick, dt) + (guint64) cursor->last_ts);
  cursor->last_ts = cursor->ev.time;
  cursor->pos = p;
  *has_event = TRUE;
  return TRUE;
}

/* Generations */

static void
release_consumed_input (LanesTraceReader *reader)
{
  /* Pages of generations already ordered are not needed again: give
   * them back so memory stays bounded by a generation, not the file. */
#ifdef MADV_DONTNEED
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize until = reader->gen->start_offset & ~(page - 1);

  if (reader->mapped != NULL && until > reader->released)
    {
      madvise ((void *) (reader->input.data + reader->released), until - reader->released, MADV_DONTNEED);
      reader->released = until;
    }
#endif
}

static LanesTraceEvent *
make_sync (LanesTraceReader *reader,
           LanesTraceEvent  *event,
           gint64            time,
           gboolean          with_generation)
{
  memset (event, 0, sizeof *event);
  event->kind = LANES_EVENT_SYNC;
  event->wire_type = LANES_WIRE_SYNTHETIC_SYNC;
  event->time = time;
  event->goroutine = LANES_NO_GOROUTINE;
  event->proc = LANES_NO_PROC;
  event->thread = LANES_NO_THREAD;
  event->sync.n = ++reader->syncs;
  if (with_generation)
    {
      LanesGeneration *gen = reader->gen;
      event->sync.generation = gen->gen;
      event->sync.has_clock_snapshot = gen->has_clock_snapshot;
      if (gen->has_clock_snapshot)
        {
          event->sync.snapshot_trace_ns = lanes_ticks_to_ns (gen->ns_per_tick, gen->snapshot_ts);
          event->sync.snapshot_mono = gen->snapshot_mono;
          event->sync.snapshot_wall_sec = (gint64) gen->snapshot_sec;
          event->sync.snapshot_wall_nsec = (gint64) gen->snapshot_nsec;
        }
      event->sync.n_experimental_batches = gen->experimental->len;
    }
  return event;
}

/* Caches when the next CPU sample of the generation is due, so that the
 * loop over events looks at one number. */
static void
update_next_sample_time (LanesTraceReader *reader)
{
  GArray *samples = reader->have_gen ? reader->gen->cpu_samples : NULL;

  if (samples != NULL && reader->next_sample < samples->len)
    reader->next_sample_time = g_array_index (samples, LanesCpuSample, reader->next_sample).time;
  else
    reader->next_sample_time = G_MAXINT64;
}

/* Sets up the cursors over a freshly read generation. */
static gboolean
install_generation (LanesTraceReader *reader,
                    LanesTraceEvent  *event,
                    GError          **error)
{
  LanesGeneration *gen = reader->gen;
  GError *local_error = NULL;

  reader->have_gen = TRUE;
  reader->order_gen.gen = gen->gen;
  reader->order_gen.strings = &gen->strings;
  reader->next_sample = 0;
  update_next_sample_time (reader);
  release_consumed_input (reader);

  if (gen->threads->len > reader->cursors_capacity)
    {
      reader->cursors_capacity = gen->threads->len;
      reader->cursors = g_renew (Cursor, reader->cursors, reader->cursors_capacity);
      reader->frontier = g_renew (Cursor *, reader->frontier, reader->cursors_capacity);
    }
  reader->n_cursors = 0;
  reader->n_frontier = 0;
  for (guint i = 0; i < gen->threads->len; i++)
    {
      const LanesThreadBatches *list = &g_array_index (gen->threads, LanesThreadBatches, i);
      const LanesBatch *batch = &g_array_index (gen->batches, LanesBatch, list->first);
      Cursor *cursor = &reader->cursors[reader->n_cursors];
      gboolean has_event;

      cursor->m = list->m;
      cursor->thread = list->m == LANES_NO_THREAD ? G_MAXUINT32 : lanes_order_thread (reader->order, list->m);
      cursor->batch = list->first;
      cursor->pos = batch->data;
      cursor->end = batch->data + batch->size;
      cursor->last_ts = 0;
      if (!cursor_next (reader, cursor, &has_event, &local_error))
        return fail (reader, error, local_error);
      if (!has_event)
        continue;
      reader->n_cursors++;
      reader->frontier[reader->n_frontier] = cursor;
      heap_sift_up (reader->frontier, reader->n_frontier++);
    }

  make_sync (reader, event, lanes_ticks_to_ns (gen->ns_per_tick, gen->min_ts), TRUE);
  return TRUE;
}

static gboolean
add_batch (LanesTraceReader *reader,
           const LanesBatch *batch,
           GError          **error)
{
  return lanes_generation_add_batch (reader->gen, &reader->input, reader->tables, batch, error);
}

static gboolean
finish_generation (LanesTraceReader *reader,
                   GError          **error)
{
  if (!lanes_generation_finish (reader->gen, &reader->input, reader->tables, error))
    {
      g_prefix_error (error, "generation %" G_GUINT64_FORMAT ": ", reader->gen->gen);
      return FALSE;
    }
  return TRUE;
}

/* Before Go 1.26 a generation ends where a batch of the next one begins;
 * that batch is kept for the next call.  Returns FALSE on a hard error;
 * an error met while reading ahead into the next generation is kept in
 * @spill_error, to be reported after this generation. */
static gboolean
read_generation_with_spill (LanesTraceReader *reader,
                            GError          **spill_error,
                            GError          **error)
{
  LanesGeneration *gen = reader->gen;
  GError *local_error = NULL;
  gboolean at_end = FALSE;

  lanes_generation_reset (gen);
  gen->start_offset = reader->pos;
  if (reader->have_spill)
    {
      reader->have_spill = FALSE;
      gen->start_offset = reader->spill.offset;
      gen->gen = reader->spill_gen;
      if (!add_batch (reader, &reader->spill, error))
        return FALSE;
    }

  for (;;)
    {
      LanesBatch batch;
      guint64 batch_gen;
      gboolean end_of_generation;
      LanesBatchStatus status = lanes_read_batch (&reader->input, &reader->pos, &batch, &batch_gen,
                                                  &end_of_generation, &local_error);

      if (status == LANES_BATCH_END_OF_INPUT)
        {
          at_end = TRUE;
          break;
        }
      if (status == LANES_BATCH_ERROR)
        {
          /* The file stops inside a batch of this very generation: the
           * generation is incomplete, so nothing of it is delivered. */
          if (gen->gen != 0 && batch_gen == gen->gen
              && g_error_matches (local_error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED))
            {
              g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED,
                           "the trace is cut off at byte %" G_GSIZE_FORMAT ", inside generation %" G_GUINT64_FORMAT,
                           reader->input.size, gen->gen);
              g_clear_error (&local_error);
              return FALSE;
            }
          /* Otherwise Go delivers this generation and reports the error
           * after it. */
          if (gen->gen != 0)
            {
              if (g_error_matches (local_error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED))
                {
                  g_set_error (spill_error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED,
                               "the trace is cut off at byte %" G_GSIZE_FORMAT ", after generation %" G_GUINT64_FORMAT " (%s)",
                               reader->input.size, gen->gen, local_error->message);
                  g_clear_error (&local_error);
                }
              else
                g_propagate_error (spill_error, g_steal_pointer (&local_error));
              break;
            }
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (batch_gen == 0)
        {
          g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                       "at byte %" G_GSIZE_FORMAT ": invalid generation number 0", batch.offset);
          return FALSE;
        }
      if (gen->gen == 0)
        gen->gen = batch_gen;
      if (batch_gen == gen->gen + 1)
        {
          reader->spill = batch;
          reader->spill_gen = batch_gen;
          reader->have_spill = TRUE;
          break;
        }
      if (batch_gen != gen->gen)
        {
          g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                       "at byte %" G_GSIZE_FORMAT ": generations out of order (generation %" G_GUINT64_FORMAT " after %" G_GUINT64_FORMAT ")",
                       batch.offset, batch_gen, gen->gen);
          return FALSE;
        }
      if (!add_batch (reader, &batch, error))
        return FALSE;
    }
  if (!finish_generation (reader, &local_error))
    {
      /* A generation's tables and clock come at its end: one that stops
       * short of them where the file stops was cut off. */
      if (at_end && gen->gen != 0)
        g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED,
                     "the trace is cut off at byte %" G_GSIZE_FORMAT ", inside generation %" G_GUINT64_FORMAT " (%s)",
                     reader->input.size, gen->gen, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_error (&local_error);
      return FALSE;
    }
  return TRUE;
}

/* From Go 1.26 on, an EndOfGeneration byte closes each generation.
 * Sets *@end when the input ended cleanly before any generation. */
static gboolean
read_generation (LanesTraceReader *reader,
                 gboolean         *end,
                 GError          **error)
{
  LanesGeneration *gen = reader->gen;

  *end = FALSE;
  lanes_generation_reset (gen);
  gen->start_offset = reader->pos;
  for (;;)
    {
      LanesBatch batch;
      guint64 batch_gen;
      gboolean end_of_generation;
      LanesBatchStatus status = lanes_read_batch (&reader->input, &reader->pos, &batch, &batch_gen,
                                                  &end_of_generation, error);

      if (status == LANES_BATCH_ERROR)
        return FALSE;
      if (status == LANES_BATCH_END_OF_INPUT)
        {
          if (gen->batches->len != 0)
            {
              g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED,
                           "the trace is cut off at byte %" G_GSIZE_FORMAT ": incomplete generation %" G_GUINT64_FORMAT " found; trace likely truncated",
                           reader->pos, gen->gen);
              return FALSE;
            }
          *end = TRUE;
          return TRUE;
        }
      if (gen->gen == 0)
        gen->gen = batch_gen;
      if (end_of_generation)
        break;
      if (batch_gen == 0)
        {
          g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                       "at byte %" G_GSIZE_FORMAT ": invalid generation number 0", batch.offset);
          return FALSE;
        }
      if (batch_gen != gen->gen)
        {
          g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                       "at byte %" G_GSIZE_FORMAT ": broken trace: missing end-of-generation event, or generations are interleaved",
                       batch.offset);
          return FALSE;
        }
      if (!add_batch (reader, &batch, error))
        return FALSE;
    }
  return finish_generation (reader, error);
}

/* Emits the Sync that precedes an error, and keeps the error for the
 * next call, as Go's reader does. */
static gboolean
sync_then_fail (LanesTraceReader *reader,
                LanesTraceEvent  *event,
                GError           *cause)
{
  reader->have_gen = FALSE;
  update_next_sample_time (reader);
  reader->pending_error = cause;
  reader->pending_error_synced = TRUE;
  make_sync (reader, event, reader->last_ts, FALSE);
  return TRUE;
}

static gboolean
next_generation (LanesTraceReader *reader,
                 LanesTraceEvent  *event,
                 GError          **error)
{
  GError *local_error = NULL;

  if (reader->pending_error != NULL)
    {
      if (reader->pending_error_synced)
        return fail (reader, error, g_steal_pointer (&reader->pending_error));
      reader->pending_error_synced = TRUE;
      make_sync (reader, event, reader->last_ts, FALSE);
      return TRUE;
    }

  if (reader->input.version < 26)
    {
      GError *spill_error = NULL;

      if (reader->have_gen && !reader->have_spill)
        {
          reader->done = TRUE;
          make_sync (reader, event, reader->last_ts, FALSE);
          return TRUE;
        }
      if (!read_generation_with_spill (reader, &spill_error, &local_error))
        {
          g_clear_error (&spill_error);
          return sync_then_fail (reader, event, local_error);
        }
      reader->pending_error = spill_error;
      reader->pending_error_synced = FALSE;
    }
  else
    {
      gboolean end;

      if (!read_generation (reader, &end, &local_error))
        return sync_then_fail (reader, event, local_error);
      if (end)
        {
          reader->have_gen = FALSE;
          update_next_sample_time (reader);
          reader->done = TRUE;
          make_sync (reader, event, reader->last_ts, FALSE);
          return TRUE;
        }
    }
  return install_generation (reader, event, error);
}

/* Reading events */

/* After cursor @i's event was ordered: decodes its next one and puts
 * the cursor back in its place in the frontier. */
G_ALWAYS_INLINE static inline gboolean
step_cursor (LanesTraceReader *reader,
             guint             i,
             GError          **error)
{
  gboolean has_event;

  if (!cursor_next (reader, reader->frontier[i], &has_event, error))
    return FALSE;
  if (has_event)
    heap_update (reader, i);
  else
    heap_remove (reader, i);
  return TRUE;
}

static gboolean
ordering_failed (LanesTraceReader *reader,
                 const Cursor     *cursor,
                 GError          **error)
{
  g_prefix_error (error, "generation %" G_GUINT64_FORMAT ": %s at %" G_GINT64_FORMAT " ns on thread %" G_GINT64_FORMAT ": ",
                  reader->gen->gen, lanes_wire_spec (cursor->ev.type)->name, cursor->ev.time, cursor->m);
  return FALSE;
}

static gboolean
advance_cursor (LanesTraceReader *reader,
                guint             i,
                LanesAdvance     *result,
                GError          **error)
{
  Cursor *cursor = reader->frontier[i];

  *result = lanes_order_advance (reader->order, &reader->order_gen, &cursor->ev,
                                 cursor->m, cursor->thread, error);
  if (*result == LANES_ADVANCE_ERROR)
    return ordering_failed (reader, cursor, error);
  if (*result == LANES_ADVANCE_RETRY)
    return TRUE;
  return step_cursor (reader, i, error);
}

static int
compare_cursors (const void *a,
                 const void *b)
{
  const Cursor *x = *(Cursor * const *) a, *y = *(Cursor * const *) b;
  return (x->ev.time > y->ev.time) - (x->ev.time < y->ev.time);
}

/* The earliest event cannot happen yet: tries the others, earliest
 * first.  Rare, so kept out of the loop over events. */
G_GNUC_NO_INLINE static gboolean
advance_blocked_frontier (LanesTraceReader *reader,
                          GError          **error)
{
  LanesAdvance result;

  qsort (reader->frontier, reader->n_frontier, sizeof (Cursor *), compare_cursors);
  for (guint i = 1; i < reader->n_frontier; i++)
    {
      if (!advance_cursor (reader, i, &result, error))
        return FALSE;
      if (result == LANES_ADVANCE_OK)
        return TRUE;
    }

  {
    GString *dump = g_string_new (NULL);
    for (guint i = 0; i < reader->n_frontier; i++)
      {
        const Cursor *c = reader->frontier[i];
        g_string_append_printf (dump, "%s%s at %" G_GINT64_FORMAT " ns on thread %" G_GINT64_FORMAT,
                                i ? "; " : "", lanes_wire_spec (c->ev.type)->name, c->ev.time, c->m);
      }
    g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_INCONSISTENT,
                 "generation %" G_GUINT64_FORMAT ": broken trace: failed to advance: no thread's next event can happen (%s)",
                 reader->gen->gen, dump->str);
    g_string_free (dump, TRUE);
  }
  return FALSE;
}

/* Orders the next event of some thread; its results land in the queue. */
G_ALWAYS_INLINE static inline gboolean
advance_frontier (LanesTraceReader *reader,
                  GError          **error)
{
  Cursor *cursor = reader->frontier[0];
  LanesAdvance result = lanes_order_advance (reader->order, &reader->order_gen, &cursor->ev,
                                             cursor->m, cursor->thread, error);

  if (G_LIKELY (result == LANES_ADVANCE_OK))
    return step_cursor (reader, 0, error);
  if (result == LANES_ADVANCE_ERROR)
    return ordering_failed (reader, cursor, error);
  return advance_blocked_frontier (reader, error);
}

/* Makes times strictly increasing over the whole output, as Go does. */
static gboolean
emit (LanesTraceReader *reader,
      LanesTraceEvent  *event)
{
  if (event->time <= reader->last_ts)
    event->time = (gint64) ((guint64) reader->last_ts + 1);
  reader->last_ts = event->time;
  return TRUE;
}

/* An old-format trace's events, between a Sync before the first and one
 * after the last, as Go's reader gives them. */
static gboolean
next_v1 (LanesTraceReader  *reader,
         LanesTraceEvent   *event,
         GError           **error)
{
  GError *local_error = NULL;
  gint64 first;

  if (reader->syncs == 0 && lanes_v1_converter_first_time (reader->v1, &first))
    {
      make_sync (reader, event, (gint64) ((guint64) first - 1), TRUE);
      return TRUE;
    }
  if (lanes_v1_converter_next (reader->v1, event, &local_error))
    return emit (reader, event);
  if (local_error != NULL)
    return fail (reader, error, local_error);
  reader->done = TRUE;
  make_sync (reader, event, (gint64) ((guint64) reader->last_ts + 1), FALSE);
  return TRUE;
}

/* One event; inline in both entry points, so that reading a batch pays
 * no call per event. */
G_ALWAYS_INLINE static inline gboolean
read_event (LanesTraceReader  *reader,
            LanesTraceEvent   *event,
            GError           **error)
{
  GError *local_error = NULL;
  const LanesRawEvent *raw;

  if (reader->done)
    return FALSE;
  if (reader->v1 != NULL)
    return next_v1 (reader, event, error);

  while ((raw = lanes_order_queue_pop (reader->queue)) == NULL)
    {
      guint n_samples;

      /* Nearly always: some thread's event comes before the next sample. */
      if (G_LIKELY (reader->n_frontier > 0 && reader->frontier[0]->ev.time <= reader->next_sample_time))
        {
          if (!advance_frontier (reader, &local_error))
            return fail (reader, error, local_error);
          continue;
        }

      n_samples = reader->have_gen ? reader->gen->cpu_samples->len : 0;
      if (reader->n_frontier == 0 && reader->next_sample >= n_samples)
        {
          if (!next_generation (reader, event, error))
            return FALSE;
          return emit (reader, event);
        }

      if (reader->next_sample < n_samples)
        {
          const LanesCpuSample *sample = &g_array_index (reader->gen->cpu_samples, LanesCpuSample,
                                                         reader->next_sample);
          if (reader->n_frontier == 0 || sample->time < reader->frontier[0]->ev.time)
            {
              reader->next_sample++;
              update_next_sample_time (reader);
              memset (event, 0, sizeof *event);
              event->kind = LANES_EVENT_STACK_SAMPLE;
              event->wire_type = LANES_WIRE_CPU_SAMPLE;
              event->time = sample->time;
              event->thread = sample->m;
              event->proc = sample->p;
              event->goroutine = sample->g;
              event->stack = (guint32) sample->stack;
              return emit (reader, event);
            }
        }

      if (!advance_frontier (reader, &local_error))
        return fail (reader, error, local_error);
    }

  if (!lanes_convert_event (&reader->convert, reader->gen, &reader->order_gen, raw, event, &local_error))
    {
      g_prefix_error (&local_error, "generation %" G_GUINT64_FORMAT ": ", reader->gen->gen);
      return fail (reader, error, local_error);
    }
  return emit (reader, event);
}

gboolean
lanes_trace_reader_next (LanesTraceReader  *reader,
                         LanesTraceEvent   *event,
                         GError           **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  return read_event (reader, event, error);
}

guint
lanes_trace_reader_next_batch (LanesTraceReader  *reader,
                               LanesTraceEvent   *events,
                               guint              n_events,
                               GError           **error)
{
  guint n = 0;

  g_return_val_if_fail (reader != NULL, 0);
  g_return_val_if_fail (events != NULL || n_events == 0, 0);

  while (n < n_events && read_event (reader, &events[n], error))
    n++;
  return n;
}

GArray *
lanes_trace_reader_read_all (LanesTraceReader  *reader,
                             GError           **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (LanesTraceEvent));
  GError *local_error = NULL;
  LanesTraceEvent event;

  while (lanes_trace_reader_next (reader, &event, &local_error))
    g_array_append_val (events, event);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&events);
}
