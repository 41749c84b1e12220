/* lanes-gc-analysis.c
 *
 * The runtime begins a cycle's mark phase just before its sweep
 * termination pause and ends it inside its mark termination pause, so a
 * sweep termination belongs to the cycle open when it ends (or, if none
 * is, the next to open) and a mark termination to the cycle open when it
 * ends or else the one that has just closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-gc-analysis.h"

#include <string.h>

#define STW_PREFIX "stop-the-world ("
#define NONE G_MAXUINT

struct _LanesGcAnalysis
{
  LanesTraceReader *reader;
  LanesGoroutineIndex *index;
  guint32 mark_phase;
  guint32 assist;
  guint32 heap_live_metric;
  guint32 heap_goal_metric;
  guint32 sweep_termination;
  guint32 mark_termination;
  LanesIdMap stw_reasons;     /* range name → reason string id + 1, 1 if not a pause */

  GArray *cycles;             /* LanesGcCycle */
  GArray *pauses;             /* LanesStwPause */
  guint open_cycle;           /* index in cycles, NONE */
  guint pending_sweep_term;   /* a pause waiting for its cycle, NONE */
  guint32 open_stw;           /* range name of the pause in progress, 0 if none */
  gint64 open_stw_start;

  gsize row;                  /* where "in an assist" is in goroutine rows */
  guint n_assisting;
  gint64 assist_clock;        /* when assist time was last added */

  guint64 heap_live;
  guint64 heap_goal;
  gint64 first_time;
  gint64 last_time;
  gboolean seen_event;
  double cpu_share;
};

LanesGcAnalysis *
lanes_gc_analysis_new (LanesTraceReader    *reader,
                       LanesGoroutineIndex *index)
{
  LanesGcAnalysis *analysis = g_new0 (LanesGcAnalysis, 1);

  analysis->reader = reader;
  analysis->index = index;
  analysis->mark_phase = lanes_trace_reader_intern_string (reader, "GC concurrent mark phase");
  analysis->assist = lanes_trace_reader_intern_string (reader, "GC mark assist");
  analysis->heap_live_metric = lanes_trace_reader_intern_string (reader, "/memory/classes/heap/objects:bytes");
  analysis->heap_goal_metric = lanes_trace_reader_intern_string (reader, "/gc/heap/goal:bytes");
  analysis->sweep_termination = lanes_trace_reader_intern_string (reader, "GC sweep termination");
  analysis->mark_termination = lanes_trace_reader_intern_string (reader, "GC mark termination");
  lanes_id_map_init (&analysis->stw_reasons);
  analysis->cycles = g_array_new (FALSE, TRUE, sizeof (LanesGcCycle));
  analysis->pauses = g_array_new (FALSE, TRUE, sizeof (LanesStwPause));
  analysis->open_cycle = NONE;
  analysis->pending_sweep_term = NONE;
  analysis->row = lanes_goroutine_index_reserve (index, 1);
  return analysis;
}

void
lanes_gc_analysis_free (LanesGcAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  lanes_id_map_clear (&analysis->stw_reasons);
  g_array_unref (analysis->cycles);
  g_array_unref (analysis->pauses);
  g_free (analysis);
}

static LanesGcCycle *
cycle_at (LanesGcAnalysis *analysis,
          guint            i)
{
  return &g_array_index (analysis->cycles, LanesGcCycle, i);
}

/* The reason inside "stop-the-world (REASON)", 0 if @name is not one. */
static guint32
stw_reason (LanesGcAnalysis *analysis,
            guint32          name)
{
  guint32 cached = lanes_id_map_lookup (&analysis->stw_reasons, name);
  const char *s;
  gsize length;
  guint32 reason = 0;

  if (cached != LANES_ID_MAP_ABSENT)
    return cached - 1;
  s = lanes_trace_reader_get_string (analysis->reader, name);
  length = strlen (s);
  if (g_str_has_prefix (s, STW_PREFIX) && length > strlen (STW_PREFIX) && s[length - 1] == ')')
    {
      g_autofree char *inside = g_strndup (s + strlen (STW_PREFIX), length - strlen (STW_PREFIX) - 1);
      reason = lanes_trace_reader_intern_string (analysis->reader, inside);
    }
  lanes_id_map_insert (&analysis->stw_reasons, name, reason + 1);
  return reason;
}

/* Adds the assist time since the last change to the open cycle. */
static void
advance_assist_clock (LanesGcAnalysis *analysis,
                      gint64           time)
{
  if (analysis->open_cycle != NONE)
    cycle_at (analysis, analysis->open_cycle)->assist_ns += analysis->n_assisting * (time - analysis->assist_clock);
  analysis->assist_clock = time;
}

static void
set_sweep_term (LanesGcCycle        *cycle,
                const LanesStwPause *pause)
{
  cycle->sweep_term_start = pause->start;
  cycle->sweep_term_ns = pause->duration_ns;
}

static void
open_cycle (LanesGcAnalysis       *analysis,
            const LanesTraceEvent *event)
{
  LanesGcCycle cycle = {
    .mark_start = event->time,
    .heap_live_bytes = analysis->heap_live,
    .heap_goal_bytes = analysis->heap_goal,
    .complete = event->kind == LANES_EVENT_RANGE_BEGIN,
  };

  advance_assist_clock (analysis, event->time);
  if (analysis->pending_sweep_term != NONE)
    set_sweep_term (&cycle, &g_array_index (analysis->pauses, LanesStwPause, analysis->pending_sweep_term));
  analysis->pending_sweep_term = NONE;
  analysis->open_cycle = analysis->cycles->len;
  g_array_append_val (analysis->cycles, cycle);
}

static void
close_cycle (LanesGcAnalysis *analysis,
             gint64           time)
{
  advance_assist_clock (analysis, time);
  cycle_at (analysis, analysis->open_cycle)->mark_end = time;
  analysis->open_cycle = NONE;
}

static void
add_pause (LanesGcAnalysis *analysis,
           gint64           end)
{
  guint32 reason = stw_reason (analysis, analysis->open_stw);
  LanesStwPause pause = {
    .start = analysis->open_stw_start,
    .duration_ns = end - analysis->open_stw_start,
    .reason = reason,
    .for_gc = strstr (lanes_trace_reader_get_string (analysis->reader, reason), "GC") != NULL,
  };
  LanesGcCycle *cycle = NULL;

  g_array_append_val (analysis->pauses, pause);
  if (analysis->open_cycle != NONE)
    cycle = cycle_at (analysis, analysis->open_cycle);

  if (reason == analysis->sweep_termination)
    {
      if (cycle != NULL && cycle->sweep_term_ns == 0)
        set_sweep_term (cycle, &pause);
      else
        analysis->pending_sweep_term = analysis->pauses->len - 1;
    }
  else if (reason == analysis->mark_termination)
    {
      if (cycle == NULL && analysis->cycles->len > 0)
        cycle = cycle_at (analysis, analysis->cycles->len - 1);
      if (cycle != NULL && cycle->mark_term_ns == 0)
        {
          cycle->mark_term_start = pause.start;
          cycle->mark_term_ns = pause.duration_ns;
        }
    }
}

static void
add_stw (LanesGcAnalysis       *analysis,
         const LanesTraceEvent *event)
{
  if (event->kind != LANES_EVENT_RANGE_END && analysis->open_stw == 0)
    {
      analysis->open_stw = event->range.name;
      analysis->open_stw_start = event->time;
    }
  else if (event->kind == LANES_EVENT_RANGE_END && analysis->open_stw == event->range.name)
    {
      add_pause (analysis, event->time);
      analysis->open_stw = 0;
    }
}

static void
add_assist (LanesGcAnalysis       *analysis,
            const LanesTraceEvent *event)
{
  guint32 i = lanes_goroutine_index_get (analysis->index, event->range.scope_id);
  guint8 *in_assist = lanes_goroutine_index_row (analysis->index, i, analysis->row);
  gboolean assisting = event->kind != LANES_EVENT_RANGE_END;

  if (*in_assist == assisting)
    return;
  advance_assist_clock (analysis, event->time);
  *in_assist = assisting;
  analysis->n_assisting += assisting ? 1 : -1;
}

static void
add_range (LanesGcAnalysis       *analysis,
           const LanesTraceEvent *event)
{
  guint32 name = event->range.name;

  if (name == analysis->mark_phase)
    {
      if (event->kind == LANES_EVENT_RANGE_END && analysis->open_cycle != NONE)
        close_cycle (analysis, event->time);
      else if (event->kind != LANES_EVENT_RANGE_END && analysis->open_cycle == NONE)
        open_cycle (analysis, event);
    }
  else if (name == analysis->assist)
    add_assist (analysis, event);
  else if (stw_reason (analysis, name) != 0)
    add_stw (analysis, event);
}

static inline void
add_event (LanesGcAnalysis       *analysis,
           const LanesTraceEvent *event)
{
  if (!analysis->seen_event)
    analysis->first_time = event->time;
  analysis->seen_event = TRUE;
  analysis->last_time = event->time;

  switch (event->kind)
    {
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      add_range (analysis, event);
      break;
    case LANES_EVENT_METRIC:
      if (event->metric.name == analysis->heap_live_metric)
        analysis->heap_live = event->metric.value;
      else if (event->metric.name == analysis->heap_goal_metric)
        analysis->heap_goal = event->metric.value;
      break;
    default:
      break;
    }
}

void
lanes_gc_analysis_add (LanesGcAnalysis       *analysis,
                       const LanesTraceEvent *events,
                       guint                  n_events)
{
  for (guint i = 0; i < n_events; i++)
    add_event (analysis, &events[i]);
}

void
lanes_gc_analysis_finish (LanesGcAnalysis *analysis,
                          LanesMmuCurve   *util)
{
  if (analysis->open_cycle != NONE)
    {
      close_cycle (analysis, analysis->last_time);
      cycle_at (analysis, analysis->cycles->len - 1)->complete = FALSE;
    }

  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      LanesGcCycle *cycle = cycle_at (analysis, i);

      cycle->start = cycle->mark_start;
      if (cycle->sweep_term_ns > 0)
        cycle->start = MIN (cycle->start, cycle->sweep_term_start);
      cycle->end = MAX (cycle->mark_end, cycle->mark_term_start + cycle->mark_term_ns);
      cycle->cpu_share = 1.0 - lanes_mmu_curve_get_mean_util (util, cycle->start, cycle->end);
    }
  analysis->cpu_share = 1.0 - lanes_mmu_curve_get_mean_util (util, analysis->first_time, analysis->last_time);
}

const GArray *
lanes_gc_analysis_get_cycles (LanesGcAnalysis *analysis)
{
  return analysis->cycles;
}

const GArray *
lanes_gc_analysis_get_pauses (LanesGcAnalysis *analysis)
{
  return analysis->pauses;
}

double
lanes_gc_analysis_get_cpu_share (LanesGcAnalysis *analysis)
{
  return analysis->cpu_share;
}
