/* lanes-trace-convert.h: turning ordered wire events into the events the
 * reader hands out (kinds, transitions, ranges, …), as x/exp/trace's
 * Event methods interpret them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-generation.h"
#include "lanes-order.h"
#include "lanes-trace-event.h"
#include "lanes-trace-reader.h"
#include "lanes-wire.h"

/* Names the conversion gives out, interned once. */
typedef struct
{
  LanesTraceTables *tables;
  guint32 gc_mark;             /* "GC concurrent mark phase" */
  guint32 gc_sweep;            /* "GC incremental sweep" */
  guint32 gc_assist;           /* "GC mark assist" */
  guint32 metric_gomaxprocs;
  guint32 metric_heap_alloc;
  guint32 metric_heap_goal;
  LanesIdMap stw_names;        /* kind string id → "stop-the-world (kind)" id */
} LanesConvert;

void     lanes_convert_init    (LanesConvert          *convert,
                                LanesTraceTables      *tables);
void     lanes_convert_clear   (LanesConvert          *convert);

/* What the conversion looks up per event: the kind of each wire type,
 * and wire goroutine and proc status as the reader's states. */
extern const guint8 lanes_convert_kinds[LANES_WIRE_N_TYPES];
extern const guint8 lanes_convert_go_states[LANES_WIRE_GO_N_STATUS];
extern const guint8 lanes_convert_proc_states[LANES_WIRE_PROC_N_STATUS];

/* Ranges are rarer, and may intern a name: out of line. */
void     lanes_convert_fill_range (LanesConvert        *convert,
                                   const LanesRawEvent *raw,
                                   LanesTraceEvent     *event,
                                   const guint32       *strings);

/* The rest is inline: every event of a trace goes through here, and
 * a call per event cost a twentieth of the reading. */

static inline void
lanes_convert_go_transition (LanesTraceEvent *event,
                             gint64           g,
                             guint8           from,
                             guint8           to)
{
  event->transition = (LanesTransition) { LANES_RESOURCE_GOROUTINE, g, from, to, 0, 0 };
}

static inline void
lanes_convert_proc_transition (LanesTraceEvent *event,
                               gint64           p,
                               guint8           from,
                               guint8           to)
{
  event->transition = (LanesTransition) { LANES_RESOURCE_PROC, p, from, to, 0, 0 };
}

G_ALWAYS_INLINE static inline void
lanes_convert_fill_transition (const LanesRawEvent *raw,
                               LanesTraceEvent     *event,
                               const guint32       *strings,
                               const guint32       *stacks)
{
  const guint64 *a = raw->args;

  switch (raw->type)
    {
    case LANES_WIRE_PROC_START:
      lanes_convert_proc_transition (event, (gint64) a[0], LANES_PROC_IDLE, LANES_PROC_RUNNING);
      break;
    case LANES_WIRE_PROC_STOP:
      lanes_convert_proc_transition (event, raw->p, LANES_PROC_RUNNING, LANES_PROC_IDLE);
      break;
    case LANES_WIRE_PROC_STEAL:
      lanes_convert_proc_transition (event, (gint64) a[0],
                       a[3] == LANES_WIRE_PROC_SYSCALL_ABANDONED ? LANES_PROC_IDLE : LANES_PROC_RUNNING,
                       LANES_PROC_IDLE);
      break;
    case LANES_WIRE_PROC_STATUS:
      lanes_convert_proc_transition (event, (gint64) a[0], (guint8) a[2], lanes_convert_proc_states[a[1]]);
      break;
    case LANES_WIRE_GO_CREATE:
    case LANES_WIRE_GO_CREATE_BLOCKED:
      lanes_convert_go_transition (event, (gint64) a[0], LANES_GO_NOT_EXIST,
                     raw->type == LANES_WIRE_GO_CREATE ? LANES_GO_RUNNABLE : LANES_GO_WAITING);
      event->transition.stack = stacks[1];   /* the new goroutine's start */
      break;
    case LANES_WIRE_GO_CREATE_SYSCALL:
      lanes_convert_go_transition (event, (gint64) a[0], LANES_GO_NOT_EXIST, LANES_GO_SYSCALL);
      break;
    case LANES_WIRE_GO_START:
      lanes_convert_go_transition (event, (gint64) a[0], LANES_GO_RUNNABLE, LANES_GO_RUNNING);
      break;
    case LANES_WIRE_GO_DESTROY:
      lanes_convert_go_transition (event, raw->g, LANES_GO_RUNNING, LANES_GO_NOT_EXIST);
      break;
    case LANES_WIRE_GO_DESTROY_SYSCALL:
      lanes_convert_go_transition (event, raw->g, LANES_GO_SYSCALL, LANES_GO_NOT_EXIST);
      break;
    case LANES_WIRE_GO_STOP:
    case LANES_WIRE_GO_BLOCK:
      lanes_convert_go_transition (event, raw->g, LANES_GO_RUNNING,
                     raw->type == LANES_WIRE_GO_STOP ? LANES_GO_RUNNABLE : LANES_GO_WAITING);
      event->transition.reason = strings[0];
      event->transition.stack = event->stack;
      break;
    case LANES_WIRE_GO_UNBLOCK:
    case LANES_WIRE_GO_SWITCH:
    case LANES_WIRE_GO_SWITCH_DESTROY:
      lanes_convert_go_transition (event, (gint64) a[0], LANES_GO_WAITING, LANES_GO_RUNNABLE);
      break;
    case LANES_WIRE_GO_SYSCALL_BEGIN:
      lanes_convert_go_transition (event, raw->g, LANES_GO_RUNNING, LANES_GO_SYSCALL);
      event->transition.stack = event->stack;
      break;
    case LANES_WIRE_GO_SYSCALL_END:
      lanes_convert_go_transition (event, raw->g, LANES_GO_SYSCALL, LANES_GO_RUNNING);
      break;
    case LANES_WIRE_GO_SYSCALL_END_BLOCKED:
      lanes_convert_go_transition (event, raw->g, LANES_GO_SYSCALL, LANES_GO_RUNNABLE);
      break;
    case LANES_WIRE_GO_STATUS:
    case LANES_WIRE_GO_STATUS_STACK:
      lanes_convert_go_transition (event, (gint64) a[0], (guint8) (a[2] >> 32), lanes_convert_go_states[a[2] & 0xffffffff]);
      event->transition.stack = event->stack;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Fails, as Go's reader does, when the event names a string or stack its
 * generation does not have. */
G_ALWAYS_INLINE static inline gboolean
lanes_convert_event (LanesConvert          *convert,
                     const LanesGeneration *gen,
                     const LanesOrderGen   *order_gen,
                     const LanesRawEvent   *raw,
                     LanesTraceEvent       *event,
                     GError               **error)
{
  /* Ordered events have types the decoder checked, or synthetic ones. */
  const LanesWireSpec *spec = &lanes_wire_specs[raw->type];
  guint8 kind = lanes_convert_kinds[raw->type];
  guint32 strings[2] = { 0, 0 };
  guint32 stacks[2] = { 0, 0 };

  /* Resolve the generation's ids; a missing one is Go's
   * "found invalid string/stack ID" error.  Most events carry a stack
   * and a string at most. */
  if (spec->stack_args[0] >= 0)
    for (guint i = 0; i < 2 && spec->stack_args[i] >= 0; i++)
      {
        guint64 id = raw->args[spec->stack_args[i]];
        if (G_UNLIKELY (!lanes_generation_stack (gen, id, &stacks[i])))
          {
            g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                         "found invalid stack ID %" G_GUINT64_FORMAT " for event %s", id, spec->name);
            return FALSE;
          }
      }
  if (spec->string_args[0] >= 0)
    for (guint i = 0; i < 2 && spec->string_args[i] >= 0; i++)
      {
        guint64 id = raw->args[spec->string_args[i]];
        if (G_UNLIKELY (!lanes_order_gen_string (order_gen, id, &strings[i])))
          {
            g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                         "found invalid string ID %" G_GUINT64_FORMAT " for event %s", id, spec->name);
            return FALSE;
          }
      }

  /* Each kind below sets all of its own fields: the event is not cleared
   * first, which costs more than anything else here. */
  event->time = raw->time;
  event->goroutine = raw->g;
  event->proc = raw->p;
  event->thread = raw->m;
  event->stack = stacks[0];
  event->kind = kind;
  event->wire_type = raw->type;

  switch (kind)
    {
    case LANES_EVENT_STATE_TRANSITION:
      lanes_convert_fill_transition (raw, event, strings, stacks);
      break;
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      lanes_convert_fill_range (convert, raw, event, strings);
      break;
    case LANES_EVENT_METRIC:
      event->metric.value = raw->args[0];
      event->metric.name = raw->type == LANES_WIRE_PROCS_CHANGE ? convert->metric_gomaxprocs
                         : raw->type == LANES_WIRE_HEAP_ALLOC ? convert->metric_heap_alloc
                         : convert->metric_heap_goal;
      break;
    case LANES_EVENT_LABEL:
      event->label = (LanesLabel) { strings[0], raw->g };
      break;
    case LANES_EVENT_TASK_BEGIN:
      event->task = (LanesTask) { raw->args[0], raw->args[1], strings[0] };
      break;
    case LANES_EVENT_TASK_END:
      event->task = (LanesTask) { raw->args[0], raw->args[2], (guint32) raw->args[3] };
      break;
    case LANES_EVENT_REGION_BEGIN:
    case LANES_EVENT_REGION_END:
      event->region = (LanesRegion) { raw->args[0], strings[0] };
      break;
    case LANES_EVENT_LOG:
      event->log = (LanesLog) { raw->args[0], strings[0], strings[1] };
      break;
    case LANES_EVENT_EXPERIMENTAL:
      event->experimental.type = raw->type;
      memcpy (event->experimental.args, raw->args, sizeof raw->args);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}
