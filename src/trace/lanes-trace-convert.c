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

const guint8 lanes_convert_kinds[LANES_WIRE_N_TYPES] = {
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
const guint8 lanes_convert_go_states[LANES_WIRE_GO_N_STATUS] = {
  LANES_GO_UNDETERMINED, LANES_GO_RUNNABLE, LANES_GO_RUNNING, LANES_GO_SYSCALL, LANES_GO_WAITING,
};
const guint8 lanes_convert_proc_states[LANES_WIRE_PROC_N_STATUS] = {
  LANES_PROC_UNDETERMINED, LANES_PROC_RUNNING, LANES_PROC_IDLE, LANES_PROC_RUNNING, LANES_PROC_IDLE,
};

void
lanes_convert_fill_range (LanesConvert        *convert,
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
