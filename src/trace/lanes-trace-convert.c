/* lanes-trace-convert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace-convert.h"

#include <string.h>

#include "lanes-trace-reader.h"
#include "lanes-wire.h"

static guint32
intern (LanesTraceTables *tables,
        const char       *string)
{
  return lanes_trace_tables_intern_string (tables, string, strlen (string));
}

void
lanes_convert_init (LanesConvert     *convert,
                    LanesTraceTables *tables)
{
  convert->tables = tables;
  convert->gc_mark = intern (tables, "GC concurrent mark phase");
  convert->gc_sweep = intern (tables, "GC incremental sweep");
  convert->gc_assist = intern (tables, "GC mark assist");
  convert->metric_gomaxprocs = intern (tables, "/sched/gomaxprocs:threads");
  convert->metric_heap_alloc = intern (tables, "/memory/classes/heap/objects:bytes");
  convert->metric_heap_goal = intern (tables, "/gc/heap/goal:bytes");
  lanes_id_map_init (&convert->stw_names);
}

void
lanes_convert_clear (LanesConvert *convert)
{
  lanes_id_map_clear (&convert->stw_names);
}

static guint32
stw_name (LanesConvert *convert,
          guint32       kind)
{
  guint32 name = lanes_id_map_lookup (&convert->stw_names, kind);

  if (name == LANES_ID_MAP_ABSENT)
    {
      const char *kind_string = lanes_trace_tables_get_string (convert->tables, kind);
      g_autofree char *full = g_strdup_printf ("stop-the-world (%s)", kind_string ? kind_string : "");
      name = intern (convert->tables, full);
      lanes_id_map_insert (&convert->stw_names, kind, name);
    }
  return name;
}

static const guint8 kinds[LANES_WIRE_N_TYPES] = {
  [LANES_WIRE_PROC_START ... LANES_WIRE_GO_STATUS] = LANES_EVENT_STATE_TRANSITION,
  [LANES_WIRE_GO_SWITCH ... LANES_WIRE_GO_STATUS_STACK] = LANES_EVENT_STATE_TRANSITION,
  [LANES_WIRE_STW_BEGIN] = LANES_EVENT_RANGE_BEGIN,
  [LANES_WIRE_GC_BEGIN] = LANES_EVENT_RANGE_BEGIN,
  [LANES_WIRE_GC_SWEEP_BEGIN] = LANES_EVENT_RANGE_BEGIN,
  [LANES_WIRE_GC_MARK_ASSIST_BEGIN] = LANES_EVENT_RANGE_BEGIN,
  [LANES_WIRE_GC_ACTIVE] = LANES_EVENT_RANGE_ACTIVE,
  [LANES_WIRE_GC_SWEEP_ACTIVE] = LANES_EVENT_RANGE_ACTIVE,
  [LANES_WIRE_GC_MARK_ASSIST_ACTIVE] = LANES_EVENT_RANGE_ACTIVE,
  [LANES_WIRE_STW_END] = LANES_EVENT_RANGE_END,
  [LANES_WIRE_GC_END] = LANES_EVENT_RANGE_END,
  [LANES_WIRE_GC_SWEEP_END] = LANES_EVENT_RANGE_END,
  [LANES_WIRE_GC_MARK_ASSIST_END] = LANES_EVENT_RANGE_END,
  [LANES_WIRE_PROCS_CHANGE] = LANES_EVENT_METRIC,
  [LANES_WIRE_HEAP_ALLOC] = LANES_EVENT_METRIC,
  [LANES_WIRE_HEAP_GOAL] = LANES_EVENT_METRIC,
  [LANES_WIRE_GO_LABEL] = LANES_EVENT_LABEL,
  [LANES_WIRE_USER_TASK_BEGIN] = LANES_EVENT_TASK_BEGIN,
  [LANES_WIRE_USER_TASK_END] = LANES_EVENT_TASK_END,
  [LANES_WIRE_USER_REGION_BEGIN] = LANES_EVENT_REGION_BEGIN,
  [LANES_WIRE_USER_REGION_END] = LANES_EVENT_REGION_END,
  [LANES_WIRE_USER_LOG] = LANES_EVENT_LOG,
  [LANES_WIRE_CPU_SAMPLE] = LANES_EVENT_STACK_SAMPLE,
  [LANES_WIRE_SPAN ... LANES_WIRE_GOROUTINE_STACK_FREE] = LANES_EVENT_EXPERIMENTAL,
};

/* Wire goroutine and proc status to the reader's states. */
static const guint8 go_states[LANES_WIRE_GO_N_STATUS] = {
  LANES_GO_UNDETERMINED, LANES_GO_RUNNABLE, LANES_GO_RUNNING, LANES_GO_SYSCALL, LANES_GO_WAITING,
};
static const guint8 proc_states[LANES_WIRE_PROC_N_STATUS] = {
  LANES_PROC_UNDETERMINED, LANES_PROC_RUNNING, LANES_PROC_IDLE, LANES_PROC_RUNNING, LANES_PROC_IDLE,
};

static void
go_transition (LanesTraceEvent *event,
               gint64           g,
               guint8           from,
               guint8           to)
{
  event->transition = (LanesTransition) { LANES_RESOURCE_GOROUTINE, g, from, to, 0, 0 };
}

static void
proc_transition (LanesTraceEvent *event,
                 gint64           p,
                 guint8           from,
                 guint8           to)
{
  event->transition = (LanesTransition) { LANES_RESOURCE_PROC, p, from, to, 0, 0 };
}

static void
fill_transition (const LanesRawEvent *raw,
                 LanesTraceEvent     *event,
                 const guint32       *strings,
                 const guint32       *stacks)
{
  const guint64 *a = raw->args;

  switch (raw->type)
    {
    case LANES_WIRE_PROC_START:
      proc_transition (event, (gint64) a[0], LANES_PROC_IDLE, LANES_PROC_RUNNING);
      break;
    case LANES_WIRE_PROC_STOP:
      proc_transition (event, raw->p, LANES_PROC_RUNNING, LANES_PROC_IDLE);
      break;
    case LANES_WIRE_PROC_STEAL:
      proc_transition (event, (gint64) a[0],
                       a[3] == LANES_WIRE_PROC_SYSCALL_ABANDONED ? LANES_PROC_IDLE : LANES_PROC_RUNNING,
                       LANES_PROC_IDLE);
      break;
    case LANES_WIRE_PROC_STATUS:
      proc_transition (event, (gint64) a[0], (guint8) a[2], proc_states[a[1]]);
      break;
    case LANES_WIRE_GO_CREATE:
    case LANES_WIRE_GO_CREATE_BLOCKED:
      go_transition (event, (gint64) a[0], LANES_GO_NOT_EXIST,
                     raw->type == LANES_WIRE_GO_CREATE ? LANES_GO_RUNNABLE : LANES_GO_WAITING);
      event->transition.stack = stacks[1];   /* the new goroutine's start */
      break;
    case LANES_WIRE_GO_CREATE_SYSCALL:
      go_transition (event, (gint64) a[0], LANES_GO_NOT_EXIST, LANES_GO_SYSCALL);
      break;
    case LANES_WIRE_GO_START:
      go_transition (event, (gint64) a[0], LANES_GO_RUNNABLE, LANES_GO_RUNNING);
      break;
    case LANES_WIRE_GO_DESTROY:
      go_transition (event, raw->g, LANES_GO_RUNNING, LANES_GO_NOT_EXIST);
      break;
    case LANES_WIRE_GO_DESTROY_SYSCALL:
      go_transition (event, raw->g, LANES_GO_SYSCALL, LANES_GO_NOT_EXIST);
      break;
    case LANES_WIRE_GO_STOP:
    case LANES_WIRE_GO_BLOCK:
      go_transition (event, raw->g, LANES_GO_RUNNING,
                     raw->type == LANES_WIRE_GO_STOP ? LANES_GO_RUNNABLE : LANES_GO_WAITING);
      event->transition.reason = strings[0];
      event->transition.stack = event->stack;
      break;
    case LANES_WIRE_GO_UNBLOCK:
    case LANES_WIRE_GO_SWITCH:
    case LANES_WIRE_GO_SWITCH_DESTROY:
      go_transition (event, (gint64) a[0], LANES_GO_WAITING, LANES_GO_RUNNABLE);
      break;
    case LANES_WIRE_GO_SYSCALL_BEGIN:
      go_transition (event, raw->g, LANES_GO_RUNNING, LANES_GO_SYSCALL);
      event->transition.stack = event->stack;
      break;
    case LANES_WIRE_GO_SYSCALL_END:
      go_transition (event, raw->g, LANES_GO_SYSCALL, LANES_GO_RUNNING);
      break;
    case LANES_WIRE_GO_SYSCALL_END_BLOCKED:
      go_transition (event, raw->g, LANES_GO_SYSCALL, LANES_GO_RUNNABLE);
      break;
    case LANES_WIRE_GO_STATUS:
    case LANES_WIRE_GO_STATUS_STACK:
      go_transition (event, (gint64) a[0], (guint8) (a[2] >> 32), go_states[a[2] & 0xffffffff]);
      event->transition.stack = event->stack;
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
fill_range (LanesConvert        *convert,
            const LanesRawEvent *raw,
            LanesTraceEvent     *event,
            const guint32       *strings)
{
  LanesRange *range = &event->range;

  range->swept = range->reclaimed = 0;
  switch (raw->type)
    {
    case LANES_WIRE_STW_BEGIN:
    case LANES_WIRE_STW_END:
      range->name = stw_name (convert, raw->type == LANES_WIRE_STW_BEGIN ? strings[0] : (guint32) raw->args[0]);
      range->scope = LANES_RESOURCE_GOROUTINE;
      range->scope_id = raw->g;
      break;
    case LANES_WIRE_GC_BEGIN:
    case LANES_WIRE_GC_ACTIVE:
    case LANES_WIRE_GC_END:
      range->name = convert->gc_mark;
      range->scope = LANES_RESOURCE_NONE;
      range->scope_id = -1;
      break;
    case LANES_WIRE_GC_SWEEP_BEGIN:
    case LANES_WIRE_GC_SWEEP_ACTIVE:
    case LANES_WIRE_GC_SWEEP_END:
      range->name = convert->gc_sweep;
      range->scope = LANES_RESOURCE_PROC;
      range->scope_id = raw->type == LANES_WIRE_GC_SWEEP_ACTIVE ? (gint64) raw->args[0] : raw->p;
      if (raw->type == LANES_WIRE_GC_SWEEP_END)
        {
          range->swept = raw->args[0];
          range->reclaimed = raw->args[1];
        }
      break;
    default:  /* mark assists */
      range->name = convert->gc_assist;
      range->scope = LANES_RESOURCE_GOROUTINE;
      range->scope_id = raw->type == LANES_WIRE_GC_MARK_ASSIST_ACTIVE ? (gint64) raw->args[0] : raw->g;
      break;
    }
}

gboolean
lanes_convert_event (LanesConvert          *convert,
                     const LanesGeneration *gen,
                     const LanesOrderGen   *order_gen,
                     const LanesRawEvent   *raw,
                     LanesTraceEvent       *event,
                     GError               **error)
{
  /* Ordered events have types the decoder checked, or synthetic ones. */
  const LanesWireSpec *spec = &lanes_wire_specs[raw->type];
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
  event->kind = kinds[raw->type];
  event->wire_type = raw->type;

  switch (event->kind)
    {
    case LANES_EVENT_STATE_TRANSITION:
      fill_transition (raw, event, strings, stacks);
      break;
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      fill_range (convert, raw, event, strings);
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
