/* lanes-v1-parser.c: reading an old-format trace.
 *
 * One pass over the bytes checks every event and collects the batches of
 * each P, the strings, stacks, frequency footer, timer goroutines and CPU
 * samples.  Cursors then decode a P's events again, in order, as often
 * as the later steps need them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-v1-parser.h"

#include <string.h>

#include "lanes-trace-reader.h"
#include "lanes-varint.h"

#define HEADER_SIZE 16
/* The runtime writes at most a few hundred bytes; Go refuses more. */
#define MAX_ARGS_LENGTH 2048
#define MAX_STRING_LENGTH 1000000
#define MAX_FRAMES 1000

const LanesV1Spec lanes_v1_specs[LANES_V1_N_TYPES] = {
  [LANES_V1_BATCH] = { "Batch", 2, FALSE },
  [LANES_V1_FREQUENCY] = { "Frequency", 1, FALSE },
  [LANES_V1_STACK] = { "Stack", 2, FALSE },
  [LANES_V1_GOMAXPROCS] = { "Gomaxprocs", 1, TRUE },
  [LANES_V1_PROC_START] = { "ProcStart", 1, FALSE },
  [LANES_V1_PROC_STOP] = { "ProcStop", 0, FALSE },
  [LANES_V1_GC_START] = { "GCStart", 1, TRUE },
  [LANES_V1_GC_DONE] = { "GCDone", 0, FALSE },
  [LANES_V1_STW_START] = { "GCSTWStart", 1, FALSE },
  [LANES_V1_STW_DONE] = { "GCSTWDone", 0, FALSE },
  [LANES_V1_GC_SWEEP_START] = { "GCSweepStart", 0, TRUE },
  [LANES_V1_GC_SWEEP_DONE] = { "GCSweepDone", 2, FALSE },
  [LANES_V1_GO_CREATE] = { "GoCreate", 2, TRUE },
  [LANES_V1_GO_START] = { "GoStart", 2, FALSE },
  [LANES_V1_GO_END] = { "GoEnd", 0, FALSE },
  [LANES_V1_GO_STOP] = { "GoStop", 0, TRUE },
  [LANES_V1_GO_SCHED] = { "GoSched", 0, TRUE },
  [LANES_V1_GO_PREEMPT] = { "GoPreempt", 0, TRUE },
  [LANES_V1_GO_SLEEP] = { "GoSleep", 0, TRUE },
  [LANES_V1_GO_BLOCK] = { "GoBlock", 0, TRUE },
  [LANES_V1_GO_UNBLOCK] = { "GoUnblock", 2, TRUE },
  [LANES_V1_GO_BLOCK_SEND] = { "GoBlockSend", 0, TRUE },
  [LANES_V1_GO_BLOCK_RECV] = { "GoBlockRecv", 0, TRUE },
  [LANES_V1_GO_BLOCK_SELECT] = { "GoBlockSelect", 0, TRUE },
  [LANES_V1_GO_BLOCK_SYNC] = { "GoBlockSync", 0, TRUE },
  [LANES_V1_GO_BLOCK_COND] = { "GoBlockCond", 0, TRUE },
  [LANES_V1_GO_BLOCK_NET] = { "GoBlockNet", 0, TRUE },
  [LANES_V1_GO_SYSCALL] = { "GoSysCall", 0, TRUE },
  [LANES_V1_GO_SYSEXIT] = { "GoSysExit", 3, FALSE },
  [LANES_V1_GO_SYSBLOCK] = { "GoSysBlock", 0, FALSE },
  [LANES_V1_GO_WAITING] = { "GoWaiting", 1, FALSE },
  [LANES_V1_GO_IN_SYSCALL] = { "GoInSyscall", 1, FALSE },
  [LANES_V1_HEAP_ALLOC] = { "HeapAlloc", 1, FALSE },
  [LANES_V1_HEAP_GOAL] = { "HeapGoal", 1, FALSE },
  [LANES_V1_TIMER_GOROUTINE] = { "TimerGoroutine", 1, FALSE },
  [LANES_V1_FUTILE_WAKEUP] = { "FutileWakeup", 0, FALSE },
  [LANES_V1_STRING] = { "String", 0, FALSE },
  [LANES_V1_GO_START_LOCAL] = { "GoStartLocal", 1, FALSE },
  [LANES_V1_GO_UNBLOCK_LOCAL] = { "GoUnblockLocal", 1, TRUE },
  [LANES_V1_GO_SYSEXIT_LOCAL] = { "GoSysExitLocal", 2, FALSE },
  [LANES_V1_GO_START_LABEL] = { "GoStartLabel", 3, FALSE },
  [LANES_V1_GO_BLOCK_GC] = { "GoBlockGC", 0, TRUE },
  [LANES_V1_GC_MARK_ASSIST_START] = { "GCMarkAssistStart", 0, TRUE },
  [LANES_V1_GC_MARK_ASSIST_DONE] = { "GCMarkAssistDone", 0, FALSE },
  [LANES_V1_USER_TASK_CREATE] = { "UserTaskCreate", 3, TRUE },
  [LANES_V1_USER_TASK_END] = { "UserTaskEnd", 1, TRUE },
  [LANES_V1_USER_REGION] = { "UserRegion", 3, TRUE },
  [LANES_V1_USER_LOG] = { "UserLog", 2, TRUE },
  [LANES_V1_CPU_SAMPLE] = { "CPUSample", 3, TRUE },
};

/* A stack as the trace gives it, until its strings are all known. */
typedef struct
{
  gsize offset;
  guint32 first_pc;      /* index in stack_pcs */
  guint32 n_frames;
} RawStack;

typedef struct
{
  guint64 pc;
  guint64 function;      /* old-format string ids */
  guint64 file;
  guint64 line;
} RawFrame;

typedef struct
{
  const LanesInput *input;
  LanesTraceTables *tables;
  LanesIdTable *strings;
  LanesIdTable *stacks;
  LanesV1Trace *trace;

  LanesIdMap proc_index; /* P → index in trace->procs */
  guint32 batch;         /* the current batch; LANES_NO_BATCH before the first */

  GArray *raw_stacks;    /* RawStack */
  LanesIdMap stack_index;/* old-format stack id → index in raw_stacks */
  GArray *stack_pcs;     /* guint64 */
  LanesIdMap pc_index;   /* pc → index in frames; the first frame seen wins */
  GArray *frames;        /* RawFrame */

  LanesV1Args args;
} Parser;

G_GNUC_PRINTF (4, 5) static gboolean
fail_at (GError    **error,
         gint        code,
         gsize       offset,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LANES_TRACE_ERROR, code, "at byte %" G_GSIZE_FORMAT ": %s", offset, message);
  return FALSE;
}

static gboolean
fail_cut_off (GError **error,
              gsize    at,
              guint    type)
{
  return fail_at (error, LANES_TRACE_ERROR_TRUNCATED, at, "%s event is cut off (unexpected end of the trace)",
                  lanes_v1_specs[type].name);
}

static gboolean
check_type (guint    type,
            guint    version,
            gsize    at,
            GError **error)
{
  if (type == LANES_V1_NONE || type >= LANES_V1_N_TYPES
      || (type == LANES_V1_CPU_SAMPLE && version < 19))
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "unknown event type %u", type);
  return TRUE;
}

static gboolean
fail_varint (LanesVarintStatus   status,
             gsize               at,
             guint               type,
             GError            **error)
{
  if (status == LANES_VARINT_TRUNCATED)
    return fail_cut_off (error, at, type);
  return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "malformed varint in %s event",
                  lanes_v1_specs[type].name);
}

/* Every pass over the trace decodes every value: keep this inline. */
static inline gboolean
read_value (const guint8 **pos,
            const guint8  *end,
            guint64       *value,
            gsize          at,
            guint          type,
            GError       **error)
{
  LanesVarintStatus status = lanes_read_uvarint (pos, end, value);

  if (G_LIKELY (status == LANES_VARINT_OK))
    return TRUE;
  return fail_varint (status, at, type, error);
}

/* A String event after the type byte: id, length, bytes. */
static gboolean
read_string (const guint8 **pos,
             const guint8  *end,
             guint64       *id,
             guint64       *length,
             gsize          at,
             GError       **error)
{
  if (!read_value (pos, end, id, at, LANES_V1_STRING, error)
      || !read_value (pos, end, length, at, LANES_V1_STRING, error))
    return FALSE;
  if (*length > (guint64) (end - *pos))
    return fail_cut_off (error, at, LANES_V1_STRING);
  *pos += *length;
  return TRUE;
}

/* The values after the type byte: up to three inline, or a byte length
 * and then as many varints as fit in it.  @narg is the 2-bit count + 1. */
static inline gboolean
read_args (LanesV1Args   *args,
           const guint8 **pos,
           const guint8  *end,
           guint          type,
           guint          narg,
           gsize          at,
           GError       **error)
{
  const guint8 *p = *pos;
  guint64 *values = args->values;
  guint64 length = 0;
  const guint8 *args_end;
  guint n = 0;

  if (narg < 4)
    {
      for (; n < narg; n++)
        if (!read_value (&p, end, &values[n], at, type, error))
          return FALSE;
      args->n = n;
      *pos = p;
      return TRUE;
    }

  if (!read_value (&p, end, &length, at, type, error))
    return FALSE;
  if (length > MAX_ARGS_LENGTH)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "%s event has %" G_GUINT64_FORMAT " bytes of arguments, limit is %d",
                    lanes_v1_specs[type].name, length, MAX_ARGS_LENGTH);
  if (length > (guint64) (end - p))
    return fail_cut_off (error, at, type);
  /* Each varint takes a byte at least, so they fit in args->values. */
  args_end = p + length;
  while (p < args_end)
    if (lanes_read_uvarint (&p, args_end, &values[n++]) != LANES_VARINT_OK)
      return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "malformed varint in the arguments of %s event",
                      lanes_v1_specs[type].name);
  args->n = n;

  if (type == LANES_V1_USER_LOG)
    {
      if (!read_value (&p, end, &length, at, type, error))
        return FALSE;
      if (length > MAX_STRING_LENGTH)
        return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "logged string is too large (%" G_GUINT64_FORMAT " bytes)", length);
      if (length > (guint64) (end - p))
        return fail_cut_off (error, at, type);
      args->value = p;
      args->value_length = length;
      p += length;
    }
  *pos = p;
  return TRUE;
}

/* Values the event must have: time stamp, arguments and stack. */
static guint
n_values (guint type)
{
  const LanesV1Spec *spec = &lanes_v1_specs[type];
  gboolean timed = type != LANES_V1_FREQUENCY && type != LANES_V1_TIMER_GOROUTINE;

  return spec->n_args + (spec->stack ? 1 : 0) + (timed ? 1 : 0);
}

/* Indexing */

static gboolean
index_batch (Parser        *parser,
             const guint8 **pos,
             const guint8  *end,
             guint          narg,
             gsize          at,
             GError       **error)
{
  LanesV1Trace *trace = parser->trace;
  guint64 pid = 0, ticks = 0;
  LanesV1Batch batch = { 0, 0, 0, LANES_NO_BATCH, -1 };
  guint32 index;

  if (narg != 2)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "Batch has wrong number of arguments: got %u, want 2", narg);
  if (!read_value (pos, end, &pid, at, LANES_V1_BATCH, error)
      || !read_value (pos, end, &ticks, at, LANES_V1_BATCH, error))
    return FALSE;
  if (pid != G_MAXUINT64 && pid > G_MAXINT32)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "processor ID %" G_GUINT64_FORMAT " is larger than maximum of %d",
                    pid, G_MAXINT32);
  if (pid != G_MAXUINT64)
    batch.p = (gint32) pid;
  batch.start = batch.end = *pos - parser->input->data;
  batch.ticks = (gint64) ticks;

  index = lanes_id_map_lookup (&parser->proc_index, (guint64) (gint64) batch.p);
  if (index == LANES_ID_MAP_ABSENT)
    {
      LanesV1Proc proc = { batch.p, trace->batches->len, trace->batches->len };
      lanes_id_map_insert (&parser->proc_index, (guint64) (gint64) batch.p, trace->procs->len);
      g_array_append_val (trace->procs, proc);
    }
  else
    {
      LanesV1Proc *proc = &g_array_index (trace->procs, LanesV1Proc, index);
      g_array_index (trace->batches, LanesV1Batch, proc->last).next = trace->batches->len;
      proc->last = trace->batches->len;
    }
  parser->batch = trace->batches->len;
  g_array_append_val (trace->batches, batch);
  return TRUE;
}

static gboolean
index_string (Parser        *parser,
              const guint8 **pos,
              const guint8  *end,
              gsize          at,
              GError       **error)
{
  guint64 id, length;
  guint32 global;

  if (!read_string (pos, end, &id, &length, at, error))
    return FALSE;
  /* Go only skips over strings before the first batch. */
  if (parser->batch == LANES_NO_BATCH)
    return TRUE;
  if (id == 0)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has invalid id 0");
  if (lanes_id_map_lookup (&parser->strings->map, id) != LANES_ID_MAP_ABSENT)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has duplicate id %" G_GUINT64_FORMAT, id);
  if (length == 0)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has invalid length 0");
  if (length > MAX_STRING_LENGTH)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has too large length %" G_GUINT64_FORMAT, length);

  global = lanes_trace_tables_intern_string (parser->tables, (const char *) (*pos - length), length);
  lanes_id_map_insert (&parser->strings->map, id, global);
  if (id > parser->trace->max_string_id)
    {
      parser->trace->max_string_id = id;
      parser->trace->max_string_offset = at;
    }
  return TRUE;
}

static gboolean
index_stack (Parser  *parser,
             gsize    at,
             GError **error)
{
  const guint64 *a = parser->args.values;
  guint n = parser->args.n;
  guint64 n_frames;
  guint32 id;
  RawStack stack;

  if (n < 2)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "Stack has wrong number of arguments: want at least 2, got %u", n);
  n_frames = a[1];
  if (n_frames > MAX_FRAMES)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "Stack has bad number of frames: %" G_GUINT64_FORMAT, n_frames);
  if (n != 2 + 4 * n_frames)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "Stack has wrong number of arguments: want %" G_GUINT64_FORMAT ", got %u",
                    2 + 4 * n_frames, n);
  /* Go keeps 32 bits of the id, and drops empty stacks. */
  id = (guint32) a[0];
  if (id == 0 || n_frames == 0)
    return TRUE;

  stack.offset = at;
  stack.first_pc = parser->stack_pcs->len;
  stack.n_frames = (guint32) n_frames;
  for (guint i = 0; i < n_frames; i++)
    {
      RawFrame frame = { a[2 + 4 * i], a[3 + 4 * i], a[4 + 4 * i], a[5 + 4 * i] };

      g_array_append_val (parser->stack_pcs, frame.pc);
      if (lanes_id_map_lookup (&parser->pc_index, frame.pc) == LANES_ID_MAP_ABSENT)
        {
          lanes_id_map_insert (&parser->pc_index, frame.pc, parser->frames->len);
          g_array_append_val (parser->frames, frame);
        }
    }
  /* A later stack with the same id replaces an earlier one, as in Go. */
  lanes_id_map_insert (&parser->stack_index, id, parser->raw_stacks->len);
  g_array_append_val (parser->raw_stacks, stack);
  return TRUE;
}

static gboolean
count_event (Parser  *parser,
             gsize    at,
             GError **error)
{
  /* Positions in the order are 32-bit; such a trace would not fit anyway. */
  if (parser->trace->n_events == G_MAXUINT32 - 1)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "the trace has too many events");
  parser->trace->n_events++;
  return TRUE;
}

static gboolean
index_cpu_sample (Parser  *parser,
                  gsize    at,
                  GError **error)
{
  const guint64 *a = parser->args.values;
  LanesV1Event sample = { 0 };

  if (parser->args.n != 5)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "CPU sample has wrong number of arguments: want 5, got %u",
                    parser->args.n);
  if (!count_event (parser, at, error))
    return FALSE;
  sample.type = LANES_V1_CPU_SAMPLE;
  sample.time = (gint64) a[1];    /* taken in the signal handler, absolute */
  sample.p = (gint32) (guint32) a[2];
  sample.g = a[3];
  sample.stack = (guint32) a[4];
  sample.offset = at;
  g_array_append_val (parser->trace->samples, sample);
  return TRUE;
}

static void
index_log_value (Parser *parser)
{
  LanesV1Trace *trace = parser->trace;
  guint32 global = lanes_trace_tables_intern_string (parser->tables, (const char *) parser->args.value,
                                                     parser->args.value_length);

  if (lanes_id_map_lookup (&trace->inline_index, global) == LANES_ID_MAP_ABSENT)
    {
      lanes_id_map_insert (&trace->inline_index, global, trace->inline_strings->len);
      g_array_append_val (trace->inline_strings, global);
    }
}

/* An event the runtime writes inside a batch, its values read. */
static gboolean
index_event (Parser  *parser,
             guint    type,
             gsize    at,
             GError **error)
{
  LanesV1Trace *trace = parser->trace;
  guint want = n_values (type);

  if (type == LANES_V1_STACK)
    return index_stack (parser, at, error);
  if (type == LANES_V1_CPU_SAMPLE)
    return index_cpu_sample (parser, at, error);
  if (parser->args.n != want)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "%s has wrong number of arguments: want %u, got %u",
                    lanes_v1_specs[type].name, want, parser->args.n);

  switch (type)
    {
    case LANES_V1_FREQUENCY:
      /* Go keeps the last one. */
      trace->ticks_per_sec = (gint64) parser->args.values[0];
      if (trace->ticks_per_sec <= 0)
        return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "time stamps out of order (the clock frequency is %" G_GINT64_FORMAT ")",
                        trace->ticks_per_sec);
      return TRUE;
    case LANES_V1_TIMER_GOROUTINE:
      if (lanes_id_map_lookup (&trace->timer_goroutines, parser->args.values[0]) == LANES_ID_MAP_ABSENT)
        lanes_id_map_insert (&trace->timer_goroutines, parser->args.values[0], 1);
      return TRUE;
    case LANES_V1_USER_LOG:
      index_log_value (parser);
      return count_event (parser, at, error);
    default:
      return count_event (parser, at, error);
    }
}

static gboolean
index_trace (Parser  *parser,
             GError **error)
{
  const LanesInput *input = parser->input;
  LanesV1Trace *trace = parser->trace;
  const guint8 *p = input->data + HEADER_SIZE;
  const guint8 *end = input->data + input->size;

  while (p < end)
    {
      gsize at = p - input->data;
      guint byte = *p++;
      guint type = byte & 0x3f;
      guint narg = (byte >> 6) + 1;   /* values inline, time stamp included; 4 means length-prefixed */

      if (!check_type (type, input->version, at, error))
        return FALSE;
      if (type == LANES_V1_STRING)
        {
          if (!index_string (parser, &p, end, at, error))
            return FALSE;
        }
      else if (type == LANES_V1_BATCH)
        {
          if (!index_batch (parser, &p, end, narg, at, error))
            return FALSE;
        }
      else if (parser->batch == LANES_NO_BATCH)
        return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "%s event before the first batch",
                        lanes_v1_specs[type].name);
      else if (!read_args (&parser->args, &p, end, type, narg, at, error)
               || !index_event (parser, type, at, error))
        return FALSE;

      /* A batch runs up to the next batch header. */
      if (parser->batch != LANES_NO_BATCH)
        g_array_index (trace->batches, LanesV1Batch, parser->batch).end = p - input->data;
    }
  return TRUE;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  const LanesV1Event *x = a, *y = b;
  return (x->time > y->time) - (x->time < y->time);
}

static gboolean
frame_string (Parser           *parser,
              const RawStack   *stack,
              guint64           id,
              const char       *what,
              guint32          *global,
              GError          **error)
{
  if (id == 0)
    {
      *global = 0;
      return TRUE;
    }
  *global = lanes_id_map_lookup (&parser->strings->map, id);
  if (*global == LANES_ID_MAP_ABSENT)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, stack->offset,
                    "stack names %s string %" G_GUINT64_FORMAT ", which the trace does not define", what, id);
  return TRUE;
}

/* Interns every stack; their strings may come anywhere in the trace. */
static gboolean
resolve_stacks (Parser  *parser,
                GError **error)
{
  const LanesIdMap *index = &parser->stack_index;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (LanesTraceFrame));

  for (gsize slot = 0; index->keys != NULL && slot <= index->mask; slot++)
    {
      const RawStack *stack;

      if (index->values[slot] == LANES_ID_MAP_ABSENT)
        continue;
      stack = &g_array_index (parser->raw_stacks, RawStack, index->values[slot]);
      g_array_set_size (frames, stack->n_frames);
      for (guint i = 0; i < stack->n_frames; i++)
        {
          guint64 pc = g_array_index (parser->stack_pcs, guint64, stack->first_pc + i);
          const RawFrame *raw = &g_array_index (parser->frames, RawFrame, lanes_id_map_lookup (&parser->pc_index, pc));
          LanesTraceFrame *frame = &g_array_index (frames, LanesTraceFrame, i);

          if (!frame_string (parser, stack, raw->function, "function", &frame->function, error)
              || !frame_string (parser, stack, raw->file, "file", &frame->file, error))
            return FALSE;
          frame->pc = pc;
          frame->line = raw->line;
        }
      lanes_id_map_insert (&parser->stacks->map, index->keys[slot],
                           lanes_trace_tables_intern_stack (parser->tables, (const LanesTraceFrame *) frames->data,
                                                            stack->n_frames));
    }
  lanes_id_table_compact (parser->stacks);
  return TRUE;
}

static LanesV1Trace *
trace_new (const LanesInput *input)
{
  LanesV1Trace *trace = g_new0 (LanesV1Trace, 1);

  trace->input = input;
  trace->version = input->version;
  trace->batches = g_array_new (FALSE, FALSE, sizeof (LanesV1Batch));
  trace->procs = g_array_new (FALSE, FALSE, sizeof (LanesV1Proc));
  trace->samples = g_array_new (FALSE, FALSE, sizeof (LanesV1Event));
  trace->inline_strings = g_array_new (FALSE, FALSE, sizeof (guint32));
  trace->moved_by_position = g_array_new (FALSE, FALSE, sizeof (LanesV1Moved));
  trace->moved_by_time = g_array_new (FALSE, FALSE, sizeof (LanesV1Moved));
  lanes_id_map_init (&trace->timer_goroutines);
  lanes_id_map_init (&trace->inline_index);
  return trace;
}

void
lanes_v1_trace_free (LanesV1Trace *trace)
{
  if (trace == NULL)
    return;
  g_array_unref (trace->batches);
  g_array_unref (trace->procs);
  g_array_unref (trace->samples);
  g_array_unref (trace->inline_strings);
  g_array_unref (trace->moved_by_position);
  g_array_unref (trace->moved_by_time);
  lanes_id_map_clear (&trace->timer_goroutines);
  lanes_id_map_clear (&trace->inline_index);
  g_free (trace->picks);
  g_free (trace->flags);
  g_free (trace);
}

LanesV1Trace *
lanes_v1_parse (const LanesInput  *input,
                LanesTraceTables  *tables,
                LanesIdTable      *strings,
                LanesIdTable      *stacks,
                GError           **error)
{
  g_autoptr(LanesV1Trace) trace = trace_new (input);
  Parser *parser = g_new0 (Parser, 1);
  gboolean ok;

  parser->input = input;
  parser->tables = tables;
  parser->strings = strings;
  parser->stacks = stacks;
  parser->trace = trace;
  parser->batch = LANES_NO_BATCH;
  parser->raw_stacks = g_array_new (FALSE, FALSE, sizeof (RawStack));
  parser->stack_pcs = g_array_new (FALSE, FALSE, sizeof (guint64));
  parser->frames = g_array_new (FALSE, FALSE, sizeof (RawFrame));
  lanes_id_map_init (&parser->proc_index);
  lanes_id_map_init (&parser->stack_index);
  lanes_id_map_init (&parser->pc_index);

  ok = index_trace (parser, error);
  /* The samples come in the order of the time the signal handler took,
   * not the order they were written in. */
  g_array_sort (trace->samples, compare_times);
  /* Go's checks on the result come before our own on the stacks. */
  ok = ok
       && lanes_v1_order (trace, error)
       && lanes_v1_check (trace, error)
       && resolve_stacks (parser, error);

  g_array_unref (parser->raw_stacks);
  g_array_unref (parser->stack_pcs);
  g_array_unref (parser->frames);
  lanes_id_map_clear (&parser->proc_index);
  lanes_id_map_clear (&parser->stack_index);
  lanes_id_map_clear (&parser->pc_index);
  g_free (parser);
  return ok ? g_steal_pointer (&trace) : NULL;
}

/* Decoding again: the bytes passed the indexing pass, and are still read
 * with every bounds check. */

static void
set_batch (LanesV1Cursor *cursor,
           guint32        index)
{
  const LanesV1Batch *batch = &g_array_index (cursor->trace->batches, LanesV1Batch, index);

  cursor->batch = index;
  cursor->p = batch->p;
  cursor->pos = cursor->data + batch->start;
  cursor->end = cursor->data + batch->end;
  cursor->last_ts = batch->ticks;
}

void
lanes_v1_cursor_init (LanesV1Cursor      *cursor,
                      const LanesV1Trace *trace,
                      guint32             proc)
{
  cursor->trace = trace;
  cursor->data = trace->input->data;
  cursor->current_g = 0;
  set_batch (cursor, g_array_index (trace->procs, LanesV1Proc, proc).first);
}

/* Steps over what a batch holds besides the P's events: strings, stacks,
 * the frequency, timer goroutines and CPU samples. */
static gboolean
skip_event (const guint8 **pos,
            const guint8  *end,
            guint          type,
            guint          narg,
            gsize          at,
            GError       **error)
{
  guint64 a = 0, b = 0;

  if (type == LANES_V1_STRING)
    return read_string (pos, end, &a, &b, at, error);
  if (narg < 4)
    {
      for (guint i = 0; i < narg; i++)
        if (!read_value (pos, end, &a, at, type, error))
          return FALSE;
      return TRUE;
    }
  if (!read_value (pos, end, &a, at, type, error))
    return FALSE;
  if (a > (guint64) (end - *pos))
    return fail_cut_off (error, at, type);
  *pos += a;
  return TRUE;
}

/* @args has as many values as the type needs: checked by the caller. */
static void
set_event (LanesV1Event      *ev,
           const LanesV1Args *args,
           guint              type,
           gsize              at)
{
  guint n = args->n;

  ev->type = type;
  ev->offset = at;
  ev->stack = 0;
  if (lanes_v1_specs[type].stack)
    ev->stack = (guint32) args->values[--n];
  ev->args[0] = n > 1 ? args->values[1] : 0;
  ev->args[1] = n > 2 ? args->values[2] : 0;
  ev->args[2] = n > 3 ? args->values[3] : 0;
  ev->value = type == LANES_V1_USER_LOG ? (const char *) args->value : NULL;
  ev->value_length = type == LANES_V1_USER_LOG ? args->value_length : 0;
}

gboolean
lanes_v1_cursor_next (LanesV1Cursor  *cursor,
                      LanesV1Args    *scratch,
                      LanesV1Event   *ev,
                      gboolean       *has_event,
                      GError        **error)
{
  const LanesV1Trace *trace = cursor->trace;
  const guint8 *data = cursor->data;
  gsize at;
  guint type, narg;

  for (;;)
    {
      while (cursor->pos == cursor->end)
        {
          guint32 next = g_array_index (trace->batches, LanesV1Batch, cursor->batch).next;
          if (next == LANES_NO_BATCH)
            {
              *has_event = FALSE;
              return TRUE;
            }
          set_batch (cursor, next);
        }
      at = cursor->pos - data;
      type = *cursor->pos & 0x3f;
      narg = (*cursor->pos++ >> 6) + 1;
      if (!check_type (type, trace->version, at, error))
        return FALSE;
      if (type != LANES_V1_STRING && type != LANES_V1_FREQUENCY && type != LANES_V1_TIMER_GOROUTINE
          && type != LANES_V1_STACK && type != LANES_V1_CPU_SAMPLE)
        break;
      if (!skip_event (&cursor->pos, cursor->end, type, narg, at, error))
        return FALSE;
    }

  if (!read_args (scratch, &cursor->pos, cursor->end, type, narg, at, error))
    return FALSE;
  /* The indexing pass let only well-formed events through. */
  if (type == LANES_V1_BATCH || scratch->n != n_values (type))
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "%s event reads differently the second time",
                    lanes_v1_specs[type].name);

  set_event (ev, scratch, type, at);
  ev->p = cursor->p;
  ev->g = cursor->current_g;
  /* Go adds in int64, which wraps: add unsigned to do the same defined. */
  ev->time = (gint64) ((guint64) cursor->last_ts + scratch->values[0]);
  cursor->last_ts = ev->time;

  /* Which goroutine runs on the P: later events happen on it. */
  switch (type)
    {
    case LANES_V1_GO_START:
    case LANES_V1_GO_START_LOCAL:
    case LANES_V1_GO_START_LABEL:
      cursor->current_g = ev->g = ev->args[0];
      break;
    case LANES_V1_GO_END:
    case LANES_V1_GO_STOP:
    case LANES_V1_GO_SCHED:
    case LANES_V1_GO_PREEMPT:
    case LANES_V1_GO_SLEEP:
    case LANES_V1_GO_BLOCK:
    case LANES_V1_GO_BLOCK_SEND:
    case LANES_V1_GO_BLOCK_RECV:
    case LANES_V1_GO_BLOCK_SELECT:
    case LANES_V1_GO_BLOCK_SYNC:
    case LANES_V1_GO_BLOCK_COND:
    case LANES_V1_GO_BLOCK_NET:
    case LANES_V1_GO_SYSBLOCK:
    case LANES_V1_GO_BLOCK_GC:
      cursor->current_g = 0;
      break;
    case LANES_V1_GO_SYSEXIT:
    case LANES_V1_GO_WAITING:
    case LANES_V1_GO_IN_SYSCALL:
      ev->g = ev->args[0];
      break;
    default:
      break;
    }
  *has_event = TRUE;
  return TRUE;
}

gboolean
lanes_v1_decode_syscall_exit (const LanesV1Trace *trace,
                              gsize               offset,
                              LanesV1Args        *scratch,
                              LanesV1Event       *ev,
                              GError            **error)
{
  const LanesInput *input = trace->input;
  const guint8 *p = input->data + offset;
  guint byte;

  if (offset >= input->size || ((byte = *p++) & 0x3f) != LANES_V1_GO_SYSEXIT)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, offset, "GoSysExit event reads differently the second time");
  if (!read_args (scratch, &p, input->data + input->size, LANES_V1_GO_SYSEXIT, (byte >> 6) + 1, offset, error))
    return FALSE;
  if (scratch->n != n_values (LANES_V1_GO_SYSEXIT))
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, offset, "GoSysExit event reads differently the second time");
  set_event (ev, scratch, LANES_V1_GO_SYSEXIT, offset);
  ev->g = ev->args[0];
  ev->p = -1;
  return TRUE;
}
