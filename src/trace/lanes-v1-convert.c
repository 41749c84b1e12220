/* lanes-v1-convert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-v1-convert.h"

#include <string.h>

#include "lanes-trace-reader.h"
#include "lanes-wire.h"

/* Strings the conversion names: block and stop reasons, then the
 * stop-the-world kinds by the runtime's numbering. */
enum
{
  S_FOREVER, S_PREEMPTED, S_GOSCHED, S_SLEEP, S_CHAN_SEND, S_CHAN_RECV,
  S_NETWORK, S_SYNC, S_SYNC_COND, S_SELECT, S_EMPTY, S_MARK_ASSIST_WAIT,
  S_STW_KINDS,
  N_BUILTINS = S_STW_KINDS + 17
};

static const char *const builtin_strings[N_BUILTINS] = {
  "forever", "preempted", "runtime.Gosched", "sleep", "chan send", "chan receive",
  "network", "sync", "sync.(*Cond).Wait", "select", "", "GC mark assist wait for work",
  /* stop-the-world kinds */
  "", "GC mark termination", "GC sweep termination", "write heap dump",
  "goroutine profile", "goroutine profile cleanup", "all goroutine stack trace",
  "read mem stats", "AllThreadsSyscall", "GOMAXPROCS", "start trace", "stop trace",
  "CountPagesInUse (test)", "ReadMetricsSlow (test)", "ReadMemStatsSlow (test)",
  "PageCachePagesLeaked (test)", "ResetDebugLog (test)",
};

typedef struct
{
  gboolean seen;         /* a status event went out for it */
  gboolean has_thread;   /* running, on @thread */
  gint64 thread;
} ProcInfo;

typedef struct
{
  guint64 parent;        /* as the trace has it: 0 for none */
  guint32 name;          /* trace-wide string id */
} TaskInfo;

struct _LanesV1Converter
{
  LanesV1Trace *trace;   /* NULL once every event went out */
  LanesV1Replay replay;
  LanesConvert *convert;
  LanesGeneration *gen;
  LanesOrderGen order_gen;
  gboolean started;
  gsize current;         /* byte offset of the event the last output came from */

  guint64 inline_base;   /* old-format-side ids of the added strings */
  guint64 builtin_base;
  guint32 builtin_names[N_BUILTINS];   /* trace-wide ids */
  guint32 last_stw;      /* trace-wide id of the last stop-the-world kind */

  /* Until the first Gomaxprocs, events describe goroutines that existed
   * before tracing started. */
  gboolean pre_init;
  LanesIdMap created;    /* goroutine → 1: created before, no status seen */
  GArray *created_order; /* guint64 goroutines in creation order */
  guint statuses_next;   /* next of @created_order to give a status */
  gint64 statuses_time;

  LanesRawEvent extra;   /* second half of a two-event conversion */
  gboolean has_extra;

  LanesIdMap proc_index; /* P → index in procs */
  GArray *procs;         /* ProcInfo */
  LanesIdMap task_index; /* task → index in tasks */
  GArray *tasks;         /* TaskInfo */
};

typedef enum { SKIP, RAW, SAMPLE, FAILED } Outcome;

/* Goroutine status events, for those the trace starts with. */
static void
go_status (LanesRawEvent *raw,
           guint64        g,
           guint64        status)
{
  raw->type = LANES_WIRE_GO_STATUS;
  raw->args[0] = g;
  raw->args[1] = (guint64) LANES_NO_THREAD;
  raw->args[2] = status;   /* high half: from Undetermined */
}

static gboolean
add_strings (LanesV1Converter  *converter,
             GError           **error)
{
  LanesV1Trace *trace = converter->trace;
  LanesIdTable *strings = &converter->gen->strings;
  guint n_inline = trace->inline_strings->len;

  /* New ids go above the trace's own, as in Go. */
  converter->inline_base = trace->max_string_id + 1;
  converter->builtin_base = converter->inline_base + n_inline;
  if (converter->inline_base == 0 || converter->builtin_base < converter->inline_base
      || converter->builtin_base + N_BUILTINS < converter->builtin_base)
    {
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                   "at byte %" G_GSIZE_FORMAT ": string id %" G_GUINT64_FORMAT " leaves no room for the strings the conversion adds",
                   trace->max_string_offset, trace->max_string_id);
      return FALSE;
    }
  for (guint i = 0; i < n_inline; i++)
    lanes_id_map_insert (&strings->map, converter->inline_base + i, g_array_index (trace->inline_strings, guint32, i));
  for (guint i = 0; i < N_BUILTINS; i++)
    {
      const char *s = builtin_strings[i];
      converter->builtin_names[i] = lanes_trace_tables_intern_string (converter->convert->tables, s, strlen (s));
      lanes_id_map_insert (&strings->map, converter->builtin_base + i, converter->builtin_names[i]);
    }
  lanes_id_table_compact (strings);
  return TRUE;
}

LanesV1Converter *
lanes_v1_converter_new (LanesV1Trace     *trace,
                        LanesConvert     *convert,
                        LanesGeneration  *gen,
                        GError          **error)
{
  LanesV1Converter *converter = g_new0 (LanesV1Converter, 1);

  converter->trace = trace;
  lanes_v1_replay_init (&converter->replay, trace);
  converter->convert = convert;
  converter->gen = gen;
  converter->order_gen.gen = gen->gen;
  converter->order_gen.strings = &gen->strings;
  converter->pre_init = TRUE;
  lanes_id_map_init (&converter->created);
  converter->created_order = g_array_new (FALSE, FALSE, sizeof (guint64));
  converter->statuses_next = G_MAXUINT;
  lanes_id_map_init (&converter->proc_index);
  converter->procs = g_array_new (FALSE, TRUE, sizeof (ProcInfo));
  lanes_id_map_init (&converter->task_index);
  converter->tasks = g_array_new (FALSE, FALSE, sizeof (TaskInfo));
  if (!add_strings (converter, error))
    {
      lanes_v1_converter_free (converter);
      return NULL;
    }
  return converter;
}

void
lanes_v1_converter_free (LanesV1Converter *converter)
{
  if (converter == NULL)
    return;
  lanes_v1_replay_clear (&converter->replay);
  lanes_v1_trace_free (converter->trace);
  lanes_id_map_clear (&converter->created);
  g_array_unref (converter->created_order);
  lanes_id_map_clear (&converter->proc_index);
  g_array_unref (converter->procs);
  lanes_id_map_clear (&converter->task_index);
  g_array_unref (converter->tasks);
  g_free (converter);
}

gboolean
lanes_v1_converter_first_time (LanesV1Converter *converter,
                               gint64           *time)
{
  const LanesV1Trace *trace = converter->trace;

  if (trace == NULL || converter->started || trace->n_events == 0)
    return FALSE;
  /* Times count from the first event. */
  *time = 0;
  return TRUE;
}

static ProcInfo *
proc_info (LanesV1Converter *converter,
           gint32            p)
{
  guint32 index = lanes_id_map_find_or_append (&converter->proc_index, (guint64) (gint64) p, converter->procs);

  return &g_array_index (converter->procs, ProcInfo, index);
}

static void
forget_created (LanesV1Converter *converter,
                guint64           g)
{
  lanes_id_map_remove (&converter->created, g);
}

/* The status of each goroutine created before tracing that never showed
 * another state: Runnable.  Returns FALSE when none is left. */
static gboolean
next_status (LanesV1Converter *converter,
             LanesRawEvent    *raw)
{
  GArray *order = converter->created_order;

  while (converter->statuses_next < order->len)
    {
      guint64 g = g_array_index (order, guint64, converter->statuses_next++);

      if (!lanes_id_map_remove (&converter->created, g))
        continue;
      memset (raw, 0, sizeof *raw);
      raw->time = converter->statuses_time;
      raw->g = LANES_NO_GOROUTINE;
      raw->p = LANES_NO_PROC;
      raw->m = LANES_NO_THREAD;
      go_status (raw, g, LANES_WIRE_GO_RUNNABLE);
      return TRUE;
    }
  if (converter->statuses_next != G_MAXUINT)
    {
      converter->statuses_next = G_MAXUINT;
      g_array_set_size (order, 0);
    }
  return FALSE;
}

static guint
stw_kind (guint   version,
          guint64 kind)
{
  /* Before Go 1.21 only the two GC stops had a kind. */
  if (version < 21)
    return kind <= 1 ? (guint) kind + 1 : 0;
  return kind < N_BUILTINS - S_STW_KINDS ? (guint) kind : 0;
}

/* The context Go gives the two events of GoStartLabel and of a syscall
 * that did not block: the goroutine as is, and thread 0 when the P has
 * none. */
static void
plain_context (LanesV1Converter   *converter,
               const LanesV1Event *ev,
               LanesRawEvent      *raw)
{
  const ProcInfo *proc = proc_info (converter, ev->p);

  raw->g = (gint64) ev->g;
  raw->p = ev->p;
  raw->m = proc->has_thread ? proc->thread : 0;
}

static void
convert_sample (LanesV1Converter   *converter,
                const LanesV1Event *ev,
                guint32             stack,
                LanesTraceEvent    *event)
{
  guint32 global;

  lanes_generation_stack (converter->gen, stack, &global);
  memset (event, 0, sizeof *event);
  event->kind = LANES_EVENT_STACK_SAMPLE;
  event->wire_type = LANES_WIRE_CPU_SAMPLE;
  event->time = ev->time;
  event->goroutine = ev->g == 0 ? LANES_NO_GOROUTINE : (gint64) ev->g;
  event->proc = ev->p;
  event->thread = LANES_NO_THREAD;
  event->stack = global;
}

static void
convert_task (LanesV1Converter   *converter,
              const LanesV1Event *ev,
              LanesRawEvent      *raw)
{
  guint32 index = lanes_id_map_lookup (&converter->task_index, ev->args[0]);
  guint64 *a = raw->args;

  if (ev->type == LANES_V1_USER_TASK_CREATE)
    {
      TaskInfo task = { ev->args[1], 0 };

      /* A name the table lacks ends as "" here, as in Go. */
      if (!lanes_order_gen_string (&converter->order_gen, ev->args[2], &task.name))
        task.name = 0;
      if (index == LANES_ID_MAP_ABSENT)
        {
          lanes_id_map_insert (&converter->task_index, ev->args[0], converter->tasks->len);
          g_array_append_val (converter->tasks, task);
        }
      else
        g_array_index (converter->tasks, TaskInfo, index) = task;
      raw->type = LANES_WIRE_USER_TASK_BEGIN;
      a[1] = ev->args[1] == 0 ? LANES_NO_TASK : ev->args[1];
      a[2] = ev->args[2];
      return;
    }

  /* The end carries its task's parent and trace-wide name. */
  raw->type = LANES_WIRE_USER_TASK_END;
  if (index != LANES_ID_MAP_ABSENT)
    {
      const TaskInfo *task = &g_array_index (converter->tasks, TaskInfo, index);
      a[2] = task->parent;
      a[3] = task->name;
      lanes_id_map_remove (&converter->task_index, ev->args[0]);
    }
  else
    {
      a[2] = LANES_NO_TASK;
      a[3] = 0;
    }
}

static guint8
block_reason (guint8 type)
{
  switch (type)
    {
    case LANES_V1_GO_STOP: return S_FOREVER;
    case LANES_V1_GO_SCHED: return S_GOSCHED;
    case LANES_V1_GO_PREEMPT: return S_PREEMPTED;
    case LANES_V1_GO_SLEEP: return S_SLEEP;
    case LANES_V1_GO_BLOCK: return S_EMPTY;
    case LANES_V1_GO_BLOCK_SEND: return S_CHAN_SEND;
    case LANES_V1_GO_BLOCK_RECV: return S_CHAN_RECV;
    case LANES_V1_GO_BLOCK_SELECT: return S_SELECT;
    case LANES_V1_GO_BLOCK_SYNC: return S_SYNC;
    case LANES_V1_GO_BLOCK_COND: return S_SYNC_COND;
    case LANES_V1_GO_BLOCK_NET: return S_NETWORK;
    default: return S_MARK_ASSIST_WAIT;   /* GoBlockGC */
    }
}

/* The old-format id under which a UserLog value is in the string table. */
static guint64
log_value (LanesV1Converter   *converter,
           const LanesV1Event *ev)
{
  guint32 global = lanes_trace_tables_intern_string (converter->convert->tables, ev->value, ev->value_length);

  return converter->inline_base + lanes_id_map_lookup (&converter->trace->inline_index, global);
}

/* Turns one old event into a raw generation-format event (and maybe an
 * extra one), or a CPU sample directly into @event. */
static Outcome
convert (LanesV1Converter  *converter,
         LanesV1Event      *ev,
         LanesRawEvent     *raw,
         LanesTraceEvent   *event,
         GError           **error)
{
  LanesV1Trace *trace = converter->trace;
  gboolean flagged = lanes_v1_trace_flag (trace, converter->replay.index);
  guint64 *a = raw->args;
  /* Go drops references to stacks the trace does not have. */
  guint32 stack = ev->stack != 0 && lanes_id_table_lookup (&converter->gen->stacks, ev->stack) != LANES_ID_MAP_ABSENT
                  ? ev->stack : 0;
  const LanesWireSpec *spec;
  ProcInfo *proc;

  memset (raw, 0, sizeof *raw);
  raw->time = ev->time;
  memcpy (a, ev->args, sizeof ev->args);

  switch (ev->type)
    {
    case LANES_V1_GOMAXPROCS:
      if (converter->pre_init)
        {
          /* The end of the goroutines that existed before tracing. */
          converter->pre_init = FALSE;
          converter->statuses_next = 0;
          converter->statuses_time = ev->time;
          return SKIP;
        }
      raw->type = LANES_WIRE_PROCS_CHANGE;
      break;
    case LANES_V1_PROC_START:
    case LANES_V1_PROC_STOP:
      proc = proc_info (converter, ev->p);
      if (ev->type == LANES_V1_PROC_START)
        {
          proc->has_thread = TRUE;
          proc->thread = (gint64) ev->args[0];
        }
      memset (a, 0, sizeof raw->args);
      a[0] = (guint64) (gint64) ev->p;
      if (proc->seen)
        raw->type = ev->type == LANES_V1_PROC_START ? LANES_WIRE_PROC_START : LANES_WIRE_PROC_STOP;
      else
        {
          /* First sight of the P: its status, from Undetermined. */
          proc->seen = TRUE;
          raw->type = LANES_WIRE_PROC_STATUS;
          a[1] = ev->type == LANES_V1_PROC_START ? LANES_WIRE_PROC_RUNNING : LANES_WIRE_PROC_IDLE;
          a[2] = LANES_PROC_UNDETERMINED;
        }
      break;
    case LANES_V1_GC_START:
      raw->type = LANES_WIRE_GC_BEGIN;
      ev->p = LANES_V1_GC_P;
      break;
    case LANES_V1_GC_DONE:
      raw->type = LANES_WIRE_GC_END;
      break;
    case LANES_V1_STW_START:
      {
        guint kind = S_STW_KINDS + stw_kind (trace->version, ev->args[0]);
        converter->last_stw = converter->builtin_names[kind];
        raw->type = LANES_WIRE_STW_BEGIN;
        a[0] = converter->builtin_base + kind;
      }
      break;
    case LANES_V1_STW_DONE:
      raw->type = LANES_WIRE_STW_END;
      a[0] = converter->last_stw;
      break;
    case LANES_V1_GC_SWEEP_START:
      raw->type = LANES_WIRE_GC_SWEEP_BEGIN;
      break;
    case LANES_V1_GC_SWEEP_DONE:
      raw->type = LANES_WIRE_GC_SWEEP_END;
      break;
    case LANES_V1_GO_CREATE:
      if (converter->pre_init)
        {
          if (lanes_id_map_lookup (&converter->created, ev->args[0]) == LANES_ID_MAP_ABSENT)
            {
              lanes_id_map_insert (&converter->created, ev->args[0], 1);
              g_array_append_val (converter->created_order, ev->args[0]);
            }
          return SKIP;
        }
      raw->type = LANES_WIRE_GO_CREATE;
      break;
    case LANES_V1_GO_START:
      if (converter->pre_init)
        {
          go_status (raw, ev->args[0], LANES_WIRE_GO_RUNNING);
          forget_created (converter, ev->args[0]);
        }
      else
        raw->type = LANES_WIRE_GO_START;
      break;
    case LANES_V1_GO_START_LABEL:
      raw->type = LANES_WIRE_GO_START;
      plain_context (converter, ev, raw);
      converter->extra = (LanesRawEvent) {
        .time = ev->time, .g = raw->g, .p = raw->p, .m = raw->m,
        .args = { ev->args[2] }, .type = LANES_WIRE_GO_LABEL,
      };
      converter->has_extra = TRUE;
      return RAW;
    case LANES_V1_GO_END:
      raw->type = LANES_WIRE_GO_DESTROY;
      break;
    case LANES_V1_GO_STOP:
    case LANES_V1_GO_SLEEP:
    case LANES_V1_GO_BLOCK:
    case LANES_V1_GO_BLOCK_SEND:
    case LANES_V1_GO_BLOCK_RECV:
    case LANES_V1_GO_BLOCK_SELECT:
    case LANES_V1_GO_BLOCK_SYNC:
    case LANES_V1_GO_BLOCK_COND:
    case LANES_V1_GO_BLOCK_NET:
    case LANES_V1_GO_BLOCK_GC:
    case LANES_V1_GO_SCHED:
    case LANES_V1_GO_PREEMPT:
      raw->type = ev->type == LANES_V1_GO_SCHED || ev->type == LANES_V1_GO_PREEMPT
                  ? LANES_WIRE_GO_STOP : LANES_WIRE_GO_BLOCK;
      a[0] = converter->builtin_base + block_reason (ev->type);
      break;
    case LANES_V1_GO_UNBLOCK:
      raw->type = LANES_WIRE_GO_UNBLOCK;
      if (flagged)
        ev->p = LANES_V1_NETPOLL_P;   /* woken by the network poller */
      break;
    case LANES_V1_GO_SYSCALL:
      raw->type = LANES_WIRE_GO_SYSCALL_BEGIN;
      if (flagged)
        break;                        /* the goroutine blocked in it */
      /* A syscall that did not block lasts a nanosecond. */
      a[1] = stack;
      plain_context (converter, ev, raw);
      converter->extra = (LanesRawEvent) {
        .time = (gint64) ((guint64) ev->time + 1), .g = raw->g, .p = raw->p, .m = raw->m,
        .type = LANES_WIRE_GO_SYSCALL_END,
      };
      converter->has_extra = TRUE;
      return RAW;
    case LANES_V1_GO_SYSEXIT:
      raw->type = LANES_WIRE_GO_SYSCALL_END_BLOCKED;
      break;
    case LANES_V1_GO_SYSBLOCK:
      return SKIP;
    case LANES_V1_GO_WAITING:
    case LANES_V1_GO_IN_SYSCALL:
      go_status (raw, ev->args[0], ev->type == LANES_V1_GO_WAITING ? LANES_WIRE_GO_WAITING : LANES_WIRE_GO_SYSCALL);
      forget_created (converter, ev->args[0]);
      break;
    case LANES_V1_HEAP_ALLOC:
      raw->type = LANES_WIRE_HEAP_ALLOC;
      break;
    case LANES_V1_HEAP_GOAL:
      raw->type = LANES_WIRE_HEAP_GOAL;
      break;
    case LANES_V1_GC_MARK_ASSIST_START:
      raw->type = LANES_WIRE_GC_MARK_ASSIST_BEGIN;
      break;
    case LANES_V1_GC_MARK_ASSIST_DONE:
      raw->type = LANES_WIRE_GC_MARK_ASSIST_END;
      break;
    case LANES_V1_USER_TASK_CREATE:
    case LANES_V1_USER_TASK_END:
      convert_task (converter, ev, raw);
      break;
    case LANES_V1_USER_REGION:
      /* The checks let only modes 0 and 1 through. */
      raw->type = ev->args[1] == 0 ? LANES_WIRE_USER_REGION_BEGIN : LANES_WIRE_USER_REGION_END;
      a[1] = ev->args[2];
      break;
    case LANES_V1_USER_LOG:
      raw->type = LANES_WIRE_USER_LOG;
      a[2] = log_value (converter, ev);
      break;
    case LANES_V1_CPU_SAMPLE:
      convert_sample (converter, ev, stack, event);
      return SAMPLE;
    default:
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                   "at byte %" G_GSIZE_FORMAT ": unexpected event type %u (%s) in an old-format trace",
                   ev->offset, ev->type, lanes_v1_specs[ev->type].name);
      return FAILED;
    }

  spec = lanes_wire_spec (raw->type);
  if (lanes_v1_specs[ev->type].stack && spec->stack_args[0] >= 0)
    a[spec->stack_args[0]] = stack;

  raw->g = ev->g == 0 ? LANES_NO_GOROUTINE : (gint64) ev->g;
  raw->p = ev->p;
  proc = proc_info (converter, ev->p);
  raw->m = ev->p != -1 && proc->has_thread ? proc->thread : LANES_NO_THREAD;
  if (ev->type == LANES_V1_PROC_STOP)
    proc->has_thread = FALSE;
  return RAW;
}

static gboolean
convert_raw (LanesV1Converter     *converter,
             const LanesRawEvent  *raw,
             LanesTraceEvent      *event,
             GError              **error)
{
  if (!lanes_convert_event (converter->convert, converter->gen, &converter->order_gen, raw, event, error))
    {
      g_prefix_error (error, "at byte %" G_GSIZE_FORMAT ": ", converter->current);
      return FALSE;
    }
  return TRUE;
}

double
lanes_v1_converter_get_progress (LanesV1Converter *converter)
{
  if (converter->trace == NULL)
    return 1.0;
  return (double) converter->replay.position / MAX (converter->trace->n_events, 1);
}

gboolean
lanes_v1_converter_next (LanesV1Converter  *converter,
                         LanesTraceEvent   *event,
                         GError           **error)
{
  LanesRawEvent raw;

  while (converter->trace != NULL)
    {
      GError *local_error = NULL;
      LanesV1Event *ev;

      if (next_status (converter, &raw))
        return convert_raw (converter, &raw, event, error);
      if (converter->has_extra)
        {
          converter->has_extra = FALSE;
          return convert_raw (converter, &converter->extra, event, error);
        }
      converter->started = TRUE;
      ev = lanes_v1_replay_next (&converter->replay, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (ev == NULL)
        {
          /* Everything went out: the order is not needed any more. */
          lanes_v1_replay_clear (&converter->replay);
          g_clear_pointer (&converter->trace, lanes_v1_trace_free);
          break;
        }

      converter->current = ev->offset;
      switch (convert (converter, ev, &raw, event, error))
        {
        case SKIP:
          continue;
        case RAW:
          return convert_raw (converter, &raw, event, error);
        case SAMPLE:
          return TRUE;
        case FAILED:
        default:
          return FALSE;
        }
    }
  return FALSE;
}
