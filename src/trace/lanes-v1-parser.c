/* lanes-v1-parser.c: decoding an old-format trace.
 *
 * One pass over the bytes: batches, strings, stacks, the frequency
 * footer, timer goroutines and CPU samples, with every event appended to
 * one flat array and each P's batches linked for the merge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-v1-parser.h"

#include <string.h>

#include "lanes-trace-reader.h"
#include "lanes-varint.h"

#define HEADER_SIZE 16
#define NO_PROC G_MAXUINT32
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
  gsize capacity;        /* of trace->events */

  LanesIdMap proc_index; /* P → index in trace->procs */
  guint32 proc;          /* P of the current batch; NO_PROC before the first */
  guint32 batch;
  gint64 last_ts;
  GArray *samples;       /* LanesV1Event */
  LanesIdMap inline_index; /* trace-wide string id → index in inline_strings */

  GArray *raw_stacks;    /* RawStack */
  LanesIdMap stack_index;/* old-format stack id → index in raw_stacks */
  GArray *stack_pcs;     /* guint64 */
  LanesIdMap pc_index;   /* pc → index in frames; the first frame seen wins */
  GArray *frames;        /* RawFrame */

  guint64 args[MAX_ARGS_LENGTH];  /* of the event being decoded, time stamp first */
  guint n_args;
  const guint8 *value;   /* UserLog's value string */
  gsize value_length;
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
read_value (const guint8 **pos,
            const guint8  *end,
            guint64       *value,
            gsize          at,
            guint          type,
            GError       **error)
{
  switch (lanes_read_uvarint (pos, end, value))
    {
    case LANES_VARINT_OK:
      return TRUE;
    case LANES_VARINT_TRUNCATED:
      return fail_at (error, LANES_TRACE_ERROR_TRUNCATED, at, "%s event is cut off (unexpected end of the trace)",
                      lanes_v1_specs[type].name);
    default:
      return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "malformed varint in %s event",
                      lanes_v1_specs[type].name);
    }
}

static gboolean
read_batch (Parser        *parser,
            const guint8 **pos,
            const guint8  *end,
            guint          narg,
            gsize          at,
            GError       **error)
{
  LanesV1Trace *trace = parser->trace;
  guint64 pid, ticks;
  LanesV1Batch batch = { at, trace->n_events, 0, LANES_NO_BATCH, -1 };
  LanesV1Proc *proc;
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

  index = lanes_id_map_lookup (&parser->proc_index, (guint64) (gint64) batch.p);
  if (index == LANES_ID_MAP_ABSENT)
    {
      LanesV1Proc new_proc = { batch.p, trace->batches->len, trace->batches->len, 0 };
      index = trace->procs->len;
      lanes_id_map_insert (&parser->proc_index, (guint64) (gint64) batch.p, index);
      g_array_append_val (trace->procs, new_proc);
    }
  else
    {
      proc = &g_array_index (trace->procs, LanesV1Proc, index);
      g_array_index (trace->batches, LanesV1Batch, proc->last).next = trace->batches->len;
      proc->last = trace->batches->len;
    }
  parser->proc = index;
  parser->batch = trace->batches->len;
  parser->last_ts = (gint64) ticks;
  g_array_append_val (trace->batches, batch);
  return TRUE;
}

static gboolean
read_string (Parser        *parser,
             const guint8 **pos,
             const guint8  *end,
             gsize          at,
             GError       **error)
{
  guint64 id, length;
  guint32 global;

  if (!read_value (pos, end, &id, at, LANES_V1_STRING, error)
      || !read_value (pos, end, &length, at, LANES_V1_STRING, error))
    return FALSE;
  if (parser->proc == NO_PROC)
    {
      /* Go only skips over strings before the first batch. */
      if (length > (guint64) (end - *pos))
        return fail_at (error, LANES_TRACE_ERROR_TRUNCATED, at, "String event is cut off (unexpected end of the trace)");
      *pos += length;
      return TRUE;
    }
  if (id == 0)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has invalid id 0");
  if (lanes_id_map_lookup (&parser->strings->map, id) != LANES_ID_MAP_ABSENT)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has duplicate id %" G_GUINT64_FORMAT, id);
  if (length == 0)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has invalid length 0");
  if (length > MAX_STRING_LENGTH)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "string has too large length %" G_GUINT64_FORMAT, length);
  if (length > (guint64) (end - *pos))
    return fail_at (error, LANES_TRACE_ERROR_TRUNCATED, at, "String event is cut off (unexpected end of the trace)");

  global = lanes_trace_tables_intern_string (parser->tables, (const char *) *pos, length);
  lanes_id_map_insert (&parser->strings->map, id, global);
  if (id > parser->trace->max_string_id)
    {
      parser->trace->max_string_id = id;
      parser->trace->max_string_offset = at;
    }
  *pos += length;
  return TRUE;
}

/* Reads the values after the type byte: up to three inline, or a byte
 * length and then as many varints as fit in it. */
static gboolean
read_args (Parser        *parser,
           const guint8 **pos,
           const guint8  *end,
           guint          type,
           guint          narg,
           gsize          at,
           GError       **error)
{
  const guint8 *p = *pos;
  guint64 length;
  const guint8 *args_end;

  parser->n_args = 0;
  if (narg < 4)
    {
      for (guint i = 0; i < narg; i++)
        if (!read_value (&p, end, &parser->args[parser->n_args++], at, type, error))
          return FALSE;
      *pos = p;
      return TRUE;
    }

  if (!read_value (&p, end, &length, at, type, error))
    return FALSE;
  if (length > MAX_ARGS_LENGTH)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "%s event has %" G_GUINT64_FORMAT " bytes of arguments, limit is %d",
                    lanes_v1_specs[type].name, length, MAX_ARGS_LENGTH);
  if (length > (guint64) (end - p))
    return fail_at (error, LANES_TRACE_ERROR_TRUNCATED, at, "%s event is cut off (unexpected end of the trace)",
                    lanes_v1_specs[type].name);
  args_end = p + length;
  while (p < args_end)
    if (lanes_read_uvarint (&p, args_end, &parser->args[parser->n_args++]) != LANES_VARINT_OK)
      return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "malformed varint in the arguments of %s event",
                      lanes_v1_specs[type].name);

  if (type == LANES_V1_USER_LOG)
    {
      if (!read_value (&p, end, &length, at, type, error))
        return FALSE;
      if (length > MAX_STRING_LENGTH)
        return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "logged string is too large (%" G_GUINT64_FORMAT " bytes)", length);
      if (length > (guint64) (end - p))
        return fail_at (error, LANES_TRACE_ERROR_TRUNCATED, at, "UserLog event is cut off (unexpected end of the trace)");
      parser->value = p;
      parser->value_length = length;
      p += length;
    }
  *pos = p;
  return TRUE;
}

static LanesV1Event *
new_event (Parser  *parser,
           gsize    at,
           GError **error)
{
  LanesV1Trace *trace = parser->trace;

  /* Indexes are 32-bit; a trace this large would not fit in memory. */
  if (trace->n_events == G_MAXUINT32 - 1)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "the trace has too many events"), NULL;
  if (trace->n_events == parser->capacity)
    {
      parser->capacity = MAX (4096, parser->capacity * 2);
      trace->events = g_renew (LanesV1Event, trace->events, parser->capacity);
    }
  return memset (&trace->events[trace->n_events++], 0, sizeof (LanesV1Event));
}

static guint32
inline_string (Parser *parser)
{
  guint32 global = lanes_trace_tables_intern_string (parser->tables, (const char *) parser->value,
                                                     parser->value_length);
  guint32 index = lanes_id_map_lookup (&parser->inline_index, global);

  if (index == LANES_ID_MAP_ABSENT)
    {
      index = parser->trace->inline_strings->len;
      lanes_id_map_insert (&parser->inline_index, global, index);
      g_array_append_val (parser->trace->inline_strings, global);
    }
  return index;
}

static gboolean
add_timed_event (Parser  *parser,
                 guint    type,
                 gsize    at,
                 GError **error)
{
  const LanesV1Spec *spec = &lanes_v1_specs[type];
  LanesV1Proc *proc = &g_array_index (parser->trace->procs, LanesV1Proc, parser->proc);
  const guint64 *a = parser->args;
  LanesV1Event *ev = new_event (parser, at, error);

  if (ev == NULL)
    return FALSE;
  g_array_index (parser->trace->batches, LanesV1Batch, parser->batch).n_events++;
  ev->type = type;
  ev->p = proc->p;
  ev->g = proc->current_g;
  /* Go adds in int64, which wraps: add unsigned to do the same defined. */
  ev->time = (gint64) ((guint64) parser->last_ts + a[0]);
  parser->last_ts = ev->time;
  for (guint i = 1; i < parser->n_args; i++)
    {
      if (i == parser->n_args - 1 && spec->stack)
        ev->stack = (guint32) a[i];
      else
        ev->args[i - 1] = a[i];
    }

  /* Track which goroutine runs on the P: later events happen on it. */
  switch (type)
    {
    case LANES_V1_GO_START:
    case LANES_V1_GO_START_LOCAL:
    case LANES_V1_GO_START_LABEL:
      proc->current_g = ev->g = ev->args[0];
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
      proc->current_g = 0;
      break;
    case LANES_V1_GO_SYSEXIT:
    case LANES_V1_GO_WAITING:
    case LANES_V1_GO_IN_SYSCALL:
      ev->g = ev->args[0];
      break;
    case LANES_V1_USER_LOG:
      ev->args[LANES_V1_LOG_VALUE] = inline_string (parser);
      break;
    default:
      break;
    }
  return TRUE;
}

static gboolean
add_stack (Parser  *parser,
           gsize    at,
           GError **error)
{
  const guint64 *a = parser->args;
  guint64 n_frames;
  guint32 id;
  RawStack stack;

  if (parser->n_args < 2)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "Stack has wrong number of arguments: want at least 2, got %u",
                    parser->n_args);
  n_frames = a[1];
  if (n_frames > MAX_FRAMES)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "Stack has bad number of frames: %" G_GUINT64_FORMAT, n_frames);
  if (parser->n_args != 2 + 4 * n_frames)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "Stack has wrong number of arguments: want %" G_GUINT64_FORMAT ", got %u",
                    2 + 4 * n_frames, parser->n_args);
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
add_cpu_sample (Parser  *parser,
                gsize    at,
                GError **error)
{
  const guint64 *a = parser->args;
  LanesV1Event sample = { 0 };

  if (parser->n_args != 5)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "CPU sample has wrong number of arguments: want 5, got %u",
                    parser->n_args);
  sample.type = LANES_V1_CPU_SAMPLE;
  sample.time = (gint64) a[1];    /* taken in the signal handler, absolute */
  sample.p = (gint32) (guint32) a[2];
  sample.g = a[3];
  sample.stack = (guint32) a[4];
  sample.args[LANES_V1_SAMPLE_OFFSET] = at;
  g_array_append_val (parser->samples, sample);
  return TRUE;
}

/* An event the runtime writes inside a batch. */
static gboolean
add_event (Parser  *parser,
           guint    type,
           gsize    at,
           GError **error)
{
  const LanesV1Spec *spec = &lanes_v1_specs[type];
  gboolean timed = type != LANES_V1_FREQUENCY && type != LANES_V1_TIMER_GOROUTINE;
  guint want = spec->n_args + (spec->stack ? 1 : 0) + (timed ? 1 : 0);

  if (type == LANES_V1_STACK)
    return add_stack (parser, at, error);
  if (type == LANES_V1_CPU_SAMPLE)
    return add_cpu_sample (parser, at, error);
  if (parser->n_args != want)
    return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "%s has wrong number of arguments: want %u, got %u",
                    spec->name, want, parser->n_args);

  switch (type)
    {
    case LANES_V1_FREQUENCY:
      /* Go keeps the last one. */
      parser->trace->ticks_per_sec = (gint64) parser->args[0];
      if (parser->trace->ticks_per_sec <= 0)
        return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "time stamps out of order (the clock frequency is %" G_GINT64_FORMAT ")",
                        parser->trace->ticks_per_sec);
      return TRUE;
    case LANES_V1_TIMER_GOROUTINE:
      if (lanes_id_map_lookup (&parser->trace->timer_goroutines, parser->args[0]) == LANES_ID_MAP_ABSENT)
        lanes_id_map_insert (&parser->trace->timer_goroutines, parser->args[0], 1);
      return TRUE;
    default:
      return add_timed_event (parser, type, at, error);
    }
}

static gboolean
decode (Parser  *parser,
        GError **error)
{
  const LanesInput *input = parser->input;
  const guint8 *p = input->data + HEADER_SIZE;
  const guint8 *end = input->data + input->size;

  while (p < end)
    {
      gsize at = p - input->data;
      guint byte = *p++;
      guint type = byte & 0x3f;
      guint narg = (byte >> 6) + 1;   /* values inline, time stamp included; 4 means length-prefixed */

      if (type == LANES_V1_NONE || type >= LANES_V1_N_TYPES
          || (type == LANES_V1_CPU_SAMPLE && input->version < 19))
        return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "unknown event type %u", type);

      if (type == LANES_V1_STRING)
        {
          if (!read_string (parser, &p, end, at, error))
            return FALSE;
          continue;
        }
      if (type == LANES_V1_BATCH)
        {
          if (!read_batch (parser, &p, end, narg, at, error))
            return FALSE;
          continue;
        }
      if (parser->proc == NO_PROC)
        return fail_at (error, LANES_TRACE_ERROR_MALFORMED, at, "%s event before the first batch",
                        lanes_v1_specs[type].name);
      if (!read_args (parser, &p, end, type, narg, at, error)
          || !add_event (parser, type, at, error))
        return FALSE;
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

/* CPU samples go after the batch events, in the order of the time the
 * signal handler took, which is not the order they were written in. */
static gboolean
append_samples (Parser  *parser,
                GError **error)
{
  LanesV1Trace *trace = parser->trace;

  trace->n_batch_events = trace->n_events;
  g_array_sort (parser->samples, compare_times);
  for (guint i = 0; i < parser->samples->len; i++)
    {
      const LanesV1Event *sample = &g_array_index (parser->samples, LanesV1Event, i);
      LanesV1Event *ev = new_event (parser, sample->args[LANES_V1_SAMPLE_OFFSET], error);
      if (ev == NULL)
        return FALSE;
      *ev = *sample;
    }
  return TRUE;
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
trace_new (guint version,
           gsize size)
{
  LanesV1Trace *trace = g_new0 (LanesV1Trace, 1);

  trace->version = version;
  trace->size = size;
  trace->batches = g_array_new (FALSE, FALSE, sizeof (LanesV1Batch));
  trace->procs = g_array_new (FALSE, FALSE, sizeof (LanesV1Proc));
  trace->inline_strings = g_array_new (FALSE, FALSE, sizeof (guint32));
  lanes_id_map_init (&trace->timer_goroutines);
  return trace;
}

void
lanes_v1_trace_free (LanesV1Trace *trace)
{
  if (trace == NULL)
    return;
  g_free (trace->events);
  g_free (trace->order);
  g_array_unref (trace->batches);
  g_array_unref (trace->procs);
  g_array_unref (trace->inline_strings);
  lanes_id_map_clear (&trace->timer_goroutines);
  g_free (trace);
}

LanesV1Trace *
lanes_v1_parse (const LanesInput  *input,
                LanesTraceTables  *tables,
                LanesIdTable      *strings,
                LanesIdTable      *stacks,
                GError           **error)
{
  g_autoptr(LanesV1Trace) trace = trace_new (input->version, input->size);
  Parser *parser = g_new0 (Parser, 1);
  gboolean ok;

  parser->input = input;
  parser->tables = tables;
  parser->strings = strings;
  parser->stacks = stacks;
  parser->trace = trace;
  parser->proc = NO_PROC;
  parser->samples = g_array_new (FALSE, FALSE, sizeof (LanesV1Event));
  parser->raw_stacks = g_array_new (FALSE, FALSE, sizeof (RawStack));
  parser->stack_pcs = g_array_new (FALSE, FALSE, sizeof (guint64));
  parser->frames = g_array_new (FALSE, FALSE, sizeof (RawFrame));
  lanes_id_map_init (&parser->proc_index);
  lanes_id_map_init (&parser->inline_index);
  lanes_id_map_init (&parser->stack_index);
  lanes_id_map_init (&parser->pc_index);

  /* Go's checks on the result come before our own on the stacks. */
  ok = decode (parser, error)
       && append_samples (parser, error)
       && lanes_v1_order (trace, error)
       && lanes_v1_check (trace, error)
       && resolve_stacks (parser, error);

  g_array_unref (parser->samples);
  g_array_unref (parser->raw_stacks);
  g_array_unref (parser->stack_pcs);
  g_array_unref (parser->frames);
  lanes_id_map_clear (&parser->proc_index);
  lanes_id_map_clear (&parser->inline_index);
  lanes_id_map_clear (&parser->stack_index);
  lanes_id_map_clear (&parser->pc_index);
  g_free (parser);
  if (!ok)
    return NULL;
  /* The array was grown by doubling; give back what is unused. */
  trace->events = g_renew (LanesV1Event, trace->events, MAX (trace->n_events, 1));
  return g_steal_pointer (&trace);
}

gsize
lanes_v1_event_offset (const LanesV1Trace *trace,
                       guint32             index)
{
  const LanesV1Batch *batches = (const LanesV1Batch *) trace->batches->data;
  guint lo = 0, hi = trace->batches->len;

  if (index >= trace->n_batch_events)
    return (gsize) trace->events[index].args[LANES_V1_SAMPLE_OFFSET];
  /* The last batch whose events start at or before @index. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (batches[mid].first <= index)
        lo = mid;
      else
        hi = mid;
    }
  return batches[lo].offset;
}
