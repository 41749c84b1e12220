/* lanes-generation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-generation.h"
#include "lanes-fail.h"

#include <string.h>

#include "lanes-trace-reader.h"
#include "lanes-varint.h"
#include "lanes-wire.h"

typedef struct
{
  guint32 first_pc;      /* index in stack_pcs */
  guint32 n_frames;
  guint32 global_id;
} RawStack;

typedef struct
{
  guint64 pc;
  guint64 function;      /* generation string ids */
  guint64 file;
  guint64 line;
} RawFrame;

LanesGeneration *
lanes_generation_new (void)
{
  LanesGeneration *gen = g_new0 (LanesGeneration, 1);

  gen->batches = g_array_new (FALSE, FALSE, sizeof (LanesBatch));
  gen->threads = g_array_new (FALSE, FALSE, sizeof (LanesThreadBatches));
  gen->cpu_samples = g_array_new (FALSE, FALSE, sizeof (LanesCpuSample));
  gen->experimental = g_array_new (FALSE, FALSE, sizeof (LanesExperimentalBatch));
  gen->raw_stacks = g_array_new (FALSE, FALSE, sizeof (RawStack));
  gen->stack_pcs = g_array_new (FALSE, FALSE, sizeof (guint64));
  gen->frames = g_array_new (FALSE, FALSE, sizeof (RawFrame));
  lanes_id_map_init (&gen->thread_index);
  lanes_id_table_init (&gen->strings);
  lanes_id_table_init (&gen->stacks);
  lanes_id_map_init (&gen->stack_index);
  lanes_id_map_init (&gen->pc_index);
  return gen;
}

void
lanes_generation_free (LanesGeneration *gen)
{
  if (gen == NULL)
    return;
  g_array_unref (gen->batches);
  g_array_unref (gen->threads);
  g_array_unref (gen->cpu_samples);
  g_array_unref (gen->experimental);
  g_array_unref (gen->raw_stacks);
  g_array_unref (gen->stack_pcs);
  g_array_unref (gen->frames);
  lanes_id_map_clear (&gen->thread_index);
  lanes_id_table_clear (&gen->strings);
  lanes_id_table_clear (&gen->stacks);
  lanes_id_map_clear (&gen->stack_index);
  lanes_id_map_clear (&gen->pc_index);
  g_free (gen);
}

/* Empties the generation, keeping its storage for the next one. */
void
lanes_generation_reset (LanesGeneration *gen)
{
  gen->gen = 0;
  gen->start_offset = 0;
  gen->min_ts = 0;
  gen->freq = 0;
  gen->ns_per_tick = 0;
  gen->has_clock_snapshot = FALSE;
  gen->snapshot_ts = gen->snapshot_mono = gen->snapshot_sec = gen->snapshot_nsec = 0;
  g_array_set_size (gen->batches, 0);
  g_array_set_size (gen->threads, 0);
  g_array_set_size (gen->cpu_samples, 0);
  g_array_set_size (gen->experimental, 0);
  g_array_set_size (gen->raw_stacks, 0);
  g_array_set_size (gen->stack_pcs, 0);
  g_array_set_size (gen->frames, 0);
  lanes_id_map_reset (&gen->thread_index);
  lanes_id_table_reset (&gen->strings);
  lanes_id_table_reset (&gen->stacks);
  lanes_id_map_reset (&gen->stack_index);
  lanes_id_map_reset (&gen->pc_index);
}

/* Reads a varint inside a batch body; @what names it in errors. */
static gboolean
read_uvarint (const LanesInput *input,
              const guint8    **pos,
              const guint8     *end,
              guint64          *value,
              const char       *what,
              GError          **error)
{
  const guint8 *start = *pos;

  switch (lanes_read_uvarint (pos, end, value))
    {
    case LANES_VARINT_OK:
      return TRUE;
    case LANES_VARINT_TRUNCATED:
      return lanes_fail_at (error, LANES_TRACE_ERROR_TRUNCATED, start - input->data,
                      "%s is cut off (unexpected EOF)", what);
    case LANES_VARINT_OVERFLOW:
    default:
      return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, start - input->data,
                      "%s is not a valid varint (overflows 64 bits)", what);
    }
}

LanesBatchStatus
lanes_read_batch (const LanesInput *input,
                  gsize            *pos,
                  LanesBatch       *batch,
                  guint64          *gen,
                  gboolean         *end_of_generation,
                  GError          **error)
{
  const guint8 *p = input->data + *pos;
  const guint8 *end = input->data + input->size;
  gsize start = *pos;
  guint64 m, time, size;
  guint8 type;

  *end_of_generation = FALSE;
  *gen = 0;
  if (p >= end)
    return LANES_BATCH_END_OF_INPUT;

  type = *p++;
  memset (batch, 0, sizeof *batch);
  batch->next = LANES_NO_BATCH;
  batch->m = LANES_NO_THREAD;
  if (type == LANES_WIRE_END_OF_GENERATION)
    {
      *end_of_generation = TRUE;
      batch->offset = start;
      *pos = p - input->data;
      return LANES_BATCH_READ;
    }
  if (type != LANES_WIRE_EVENT_BATCH && type != LANES_WIRE_EXPERIMENTAL_BATCH)
    {
      lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, start, "expected batch event, got event %u", type);
      return LANES_BATCH_ERROR;
    }
  if (type == LANES_WIRE_EXPERIMENTAL_BATCH)
    {
      /* Go reads a lone experimental-batch byte at the end as a clean end. */
      if (p >= end)
        return LANES_BATCH_END_OF_INPUT;
      batch->experiment = *p++;
    }

  if (!read_uvarint (input, &p, end, gen, "batch generation", error)
      || !read_uvarint (input, &p, end, &m, "batch thread (M) id", error)
      || !read_uvarint (input, &p, end, &time, "batch timestamp", error)
      || !read_uvarint (input, &p, end, &size, "batch size", error))
    {
      g_prefix_error (error, "error reading batch: ");
      return LANES_BATCH_ERROR;
    }
  if (size > LANES_WIRE_MAX_BATCH_SIZE)
    {
      lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, start, "invalid batch size %" G_GUINT64_FORMAT ", maximum is %d",
               size, LANES_WIRE_MAX_BATCH_SIZE);
      return LANES_BATCH_ERROR;
    }
  if (size > (guint64) (end - p))
    {
      lanes_fail_at (error, LANES_TRACE_ERROR_TRUNCATED, start,
               "failed to read full batch: read %" G_GSIZE_FORMAT " but wanted %" G_GUINT64_FORMAT " (the file is cut off)",
               (gsize) (end - p), size);
      return LANES_BATCH_ERROR;
    }

  batch->m = (gint64) m;
  batch->time = time;
  batch->data = p;
  batch->size = size;
  batch->offset = p - input->data;
  *pos = (p + size) - input->data;
  return LANES_BATCH_READ;
}

/* Tables */

static gboolean
add_strings (LanesGeneration  *gen,
             const LanesInput *input,
             LanesTraceTables *tables,
             const LanesBatch *batch,
             GError          **error)
{
  const guint8 *p = batch->data + 1;
  const guint8 *end = batch->data + batch->size;

  while (p < end)
    {
      guint64 id, length;
      gsize at = p - input->data;

      if (*p != LANES_WIRE_STRING)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "expected string event, got %u", *p);
      p++;
      if (!read_uvarint (input, &p, end, &id, "string id", error)
          || !read_uvarint (input, &p, end, &length, "string length", error))
        return FALSE;
      if (length > LANES_WIRE_MAX_STRING_SIZE)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "invalid string size %" G_GUINT64_FORMAT ", maximum is %d",
                        length, LANES_WIRE_MAX_STRING_SIZE);
      if (length > (guint64) (end - p))
        return lanes_fail_at (error, LANES_TRACE_ERROR_TRUNCATED, at, "failed to read full string: read %" G_GSIZE_FORMAT " but wanted %" G_GUINT64_FORMAT,
                        (gsize) (end - p), length);
      if (id == 0 || lanes_id_map_lookup (&gen->strings.map, id) != LANES_ID_MAP_ABSENT)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "multiple strings with the same ID: id=%" G_GUINT64_FORMAT, id);
      lanes_id_map_insert (&gen->strings.map, id, lanes_trace_tables_intern_string (tables, (const char *) p, length));
      p += length;
    }
  return TRUE;
}

static gboolean
add_stacks (LanesGeneration  *gen,
            const LanesInput *input,
            const LanesBatch *batch,
            GError          **error)
{
  const guint8 *p = batch->data + 1;
  const guint8 *end = batch->data + batch->size;

  while (p < end)
    {
      guint64 id, n_frames;
      gsize at = p - input->data;
      RawStack stack;

      if (*p != LANES_WIRE_STACK)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "expected stack event, got %u", *p);
      p++;
      if (!read_uvarint (input, &p, end, &id, "stack id", error)
          || !read_uvarint (input, &p, end, &n_frames, "stack frame count", error))
        return FALSE;
      if (n_frames > LANES_WIRE_MAX_FRAMES)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "invalid stack size %" G_GUINT64_FORMAT ", maximum is %d",
                        n_frames, LANES_WIRE_MAX_FRAMES);

      stack.first_pc = gen->stack_pcs->len;
      stack.n_frames = (guint32) n_frames;
      stack.global_id = 0;
      for (guint64 i = 0; i < n_frames; i++)
        {
          RawFrame frame;

          if (!read_uvarint (input, &p, end, &frame.pc, "frame PC", error)
              || !read_uvarint (input, &p, end, &frame.function, "frame function", error)
              || !read_uvarint (input, &p, end, &frame.file, "frame file", error)
              || !read_uvarint (input, &p, end, &frame.line, "frame line", error))
            {
              g_prefix_error (error, "reading frame %" G_GUINT64_FORMAT " of stack %" G_GUINT64_FORMAT ": ", i + 1, id);
              return FALSE;
            }
          g_array_append_val (gen->stack_pcs, frame.pc);
          if (lanes_id_map_lookup (&gen->pc_index, frame.pc) == LANES_ID_MAP_ABSENT)
            {
              lanes_id_map_insert (&gen->pc_index, frame.pc, gen->frames->len);
              g_array_append_val (gen->frames, frame);
            }
        }

      if (id == 0 || lanes_id_map_lookup (&gen->stack_index, id) != LANES_ID_MAP_ABSENT)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "multiple stacks with the same ID: id=%" G_GUINT64_FORMAT, id);
      lanes_id_map_insert (&gen->stack_index, id, gen->raw_stacks->len);
      g_array_append_val (gen->raw_stacks, stack);
    }
  return TRUE;
}

static gboolean
add_cpu_samples (LanesGeneration  *gen,
                 const LanesInput *input,
                 const LanesBatch *batch,
                 GError          **error)
{
  const guint8 *p = batch->data + 1;
  const guint8 *end = batch->data + batch->size;

  while (p < end)
    {
      guint64 time, m, proc, g, stack;
      LanesCpuSample sample;

      if (*p != LANES_WIRE_CPU_SAMPLE)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, p - input->data, "expected CPU sample event, got %u", *p);
      p++;
      if (!read_uvarint (input, &p, end, &time, "CPU sample time", error)
          || !read_uvarint (input, &p, end, &m, "CPU sample thread", error)
          || !read_uvarint (input, &p, end, &proc, "CPU sample proc", error)
          || !read_uvarint (input, &p, end, &g, "CPU sample goroutine", error)
          || !read_uvarint (input, &p, end, &stack, "CPU sample stack", error))
        return FALSE;
      sample.time = (gint64) time;   /* raw ticks until lanes_generation_finish */
      sample.m = (gint64) m;
      sample.p = (gint64) proc;
      sample.g = g == 0 ? LANES_NO_GOROUTINE : (gint64) g;
      sample.stack = stack;
      g_array_append_val (gen->cpu_samples, sample);
    }
  return TRUE;
}

static gboolean
set_sync (LanesGeneration  *gen,
          const LanesInput *input,
          const LanesBatch *batch,
          GError          **error)
{
  const guint8 *p = batch->data;
  const guint8 *end = batch->data + batch->size;
  guint64 last_ts = batch->time;

  if (input->version >= 25)
    p++;  /* the Sync byte */

  while (p < end)
    {
      gsize at = p - input->data;
      guint8 type = *p++;

      if (type == LANES_WIRE_FREQUENCY)
        {
          guint64 freq;
          if (gen->freq != 0)
            return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "found multiple frequency events");
          if (!read_uvarint (input, &p, end, &freq, "frequency", error))
            return FALSE;
          /* Go accepts 0 and turns every time into garbage; refuse it. */
          if (freq == 0)
            return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "the trace clock frequency is 0");
          gen->freq = freq;
          gen->ns_per_tick = 1.0 / ((double) freq / 1e9);
        }
      else if (type == LANES_WIRE_CLOCK_SNAPSHOT && input->version >= 25)
        {
          guint64 dt;
          if (gen->has_clock_snapshot)
            return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "found multiple clock snapshot events");
          gen->has_clock_snapshot = TRUE;
          if (!read_uvarint (input, &p, end, &dt, "clock snapshot time", error)
              || !read_uvarint (input, &p, end, &gen->snapshot_mono, "clock snapshot monotonic time", error)
              || !read_uvarint (input, &p, end, &gen->snapshot_sec, "clock snapshot seconds", error)
              || !read_uvarint (input, &p, end, &gen->snapshot_nsec, "clock snapshot nanoseconds", error))
            return FALSE;
          last_ts += dt;
          gen->snapshot_ts = last_ts;
        }
      else
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "expected frequency or clock snapshot event, got %u", type);
    }
  return TRUE;
}

static void
add_event_batch (LanesGeneration  *gen,
                 const LanesBatch *batch)
{
  guint32 index = gen->batches->len;
  guint32 thread = lanes_id_map_lookup (&gen->thread_index, (guint64) batch->m);

  g_array_append_val (gen->batches, *batch);
  if (thread == LANES_ID_MAP_ABSENT)
    {
      LanesThreadBatches list = { batch->m, index, index };
      lanes_id_map_insert (&gen->thread_index, (guint64) batch->m, gen->threads->len);
      g_array_append_val (gen->threads, list);
    }
  else
    {
      LanesThreadBatches *list = &g_array_index (gen->threads, LanesThreadBatches, thread);
      g_array_index (gen->batches, LanesBatch, list->last).next = index;
      list->last = index;
    }
}

gboolean
lanes_generation_add_batch (LanesGeneration  *gen,
                            const LanesInput *input,
                            LanesTraceTables *tables,
                            const LanesBatch *batch,
                            GError          **error)
{
  guint8 first = batch->size > 0 ? batch->data[0] : 0;
  gboolean plain = batch->experiment == 0 && batch->size > 0;

  if (gen->min_ts == 0 || batch->time < gen->min_ts)
    gen->min_ts = batch->time;

  if (plain && first == LANES_WIRE_STRINGS)
    return add_strings (gen, input, tables, batch, error);
  if (plain && first == LANES_WIRE_STACKS)
    return add_stacks (gen, input, batch, error);
  if (plain && first == LANES_WIRE_CPU_SAMPLES)
    return add_cpu_samples (gen, input, batch, error);
  if (plain && ((first == LANES_WIRE_FREQUENCY && input->version < 25)
                || (first == LANES_WIRE_SYNC && input->version >= 25)))
    return set_sync (gen, input, batch, error);
  if (batch->experiment != 0)
    {
      LanesExperimentalBatch exp = { batch->experiment, batch->m, batch->data, batch->size };
      g_array_append_val (gen->experimental, exp);
      return TRUE;
    }
  add_event_batch (gen, batch);
  return TRUE;
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const LanesCpuSample *x = a, *y = b;
  return (x->time > y->time) - (x->time < y->time);
}

static gboolean
resolve_stacks (LanesGeneration  *gen,
                LanesTraceTables *tables,
                GError          **error)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (LanesTraceFrame));

  for (guint s = 0; s < gen->raw_stacks->len; s++)
    {
      RawStack *stack = &g_array_index (gen->raw_stacks, RawStack, s);

      g_array_set_size (frames, stack->n_frames);
      for (guint i = 0; i < stack->n_frames; i++)
        {
          guint64 pc = g_array_index (gen->stack_pcs, guint64, stack->first_pc + i);
          const RawFrame *raw = &g_array_index (gen->frames, RawFrame,
                                                lanes_id_map_lookup (&gen->pc_index, pc));
          LanesTraceFrame *frame = &g_array_index (frames, LanesTraceFrame, i);
          guint32 function = 0, file = 0;

          if (raw->function != 0 && (function = lanes_id_map_lookup (&gen->strings.map, raw->function)) == LANES_ID_MAP_ABSENT)
            {
              g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                           "found invalid func string ID %" G_GUINT64_FORMAT " in a stack", raw->function);
              return FALSE;
            }
          if (raw->file != 0 && (file = lanes_id_map_lookup (&gen->strings.map, raw->file)) == LANES_ID_MAP_ABSENT)
            {
              g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                           "found invalid file string ID %" G_GUINT64_FORMAT " in a stack", raw->file);
              return FALSE;
            }
          frame->pc = pc;
          frame->function = function;
          frame->file = file;
          frame->line = raw->line;
        }
      stack->global_id = lanes_trace_tables_intern_stack (tables, (const LanesTraceFrame *) frames->data, stack->n_frames);
    }

  /* Events look stacks up by generation id from now on. */
  for (gsize i = 0; i <= gen->stack_index.mask && gen->stack_index.keys != NULL; i++)
    if (gen->stack_index.values[i] != LANES_ID_MAP_ABSENT)
      lanes_id_map_insert (&gen->stacks.map, gen->stack_index.keys[i],
                           g_array_index (gen->raw_stacks, RawStack, gen->stack_index.values[i]).global_id);
  lanes_id_table_compact (&gen->stacks);
  return TRUE;
}

gboolean
lanes_generation_finish (LanesGeneration  *gen,
                         const LanesInput *input,
                         LanesTraceTables *tables,
                         GError          **error)
{
  if (gen->freq == 0)
    {
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED, "no frequency event found");
      return FALSE;
    }
  if (input->version >= 25 && !gen->has_clock_snapshot)
    {
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED, "no clock snapshot event found");
      return FALSE;
    }
  lanes_id_table_compact (&gen->strings);
  if (!resolve_stacks (gen, tables, error))
    return FALSE;

  for (guint i = 0; i < gen->cpu_samples->len; i++)
    {
      LanesCpuSample *sample = &g_array_index (gen->cpu_samples, LanesCpuSample, i);
      guint32 stack;

      /* Go never checks these and later crashes on them. */
      if (!lanes_generation_stack (gen, sample->stack, &stack))
        {
          g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                       "found invalid stack ID %" G_GUINT64_FORMAT " for a CPU sample", sample->stack);
          return FALSE;
        }
      sample->stack = stack;
      sample->time = lanes_ticks_to_ns (gen->ns_per_tick, (guint64) sample->time);
    }
  g_array_sort (gen->cpu_samples, compare_samples);
  return TRUE;
}
