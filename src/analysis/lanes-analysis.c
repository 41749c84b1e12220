/* lanes-analysis.c
 *
 * One loop hands each event to every analysis that wants it, after
 * looking up once the goroutine a state transition is about.  With
 * millions of events, the cost is in the per-event overhead more than in
 * any one analysis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-analysis.h"

struct _LanesAnalysis
{
  LanesGoroutineIndex index;   /* shared by all the analyses below */
  LanesGoroutineAnalysis *goroutines;
  LanesUtilBuilder *util_builder;
  LanesMmuCurve *mmu[2];          /* all Ps together, per P */
  LanesMmuCurve *gc_load;         /* utilization counted by goroutine */
  LanesGcAnalysis *gc;
  LanesBlockingProfiles *profiles;
  guint64 events;
  gint64 start_time;
  gint64 end_time;
  gboolean finished;
};

LanesAnalysis *
lanes_analysis_new (LanesTraceReader *reader)
{
  LanesAnalysis *analysis = g_new0 (LanesAnalysis, 1);

  lanes_goroutine_index_init (&analysis->index);
  analysis->goroutines = lanes_goroutine_analysis_new (reader, &analysis->index);
  analysis->util_builder = lanes_util_builder_new (reader, &analysis->index, LANES_UTIL_ALL_GC);
  analysis->gc = lanes_gc_analysis_new (reader, &analysis->index);
  analysis->profiles = lanes_blocking_profiles_new (reader, &analysis->index, analysis->goroutines);
  return analysis;
}

void
lanes_analysis_free (LanesAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  lanes_goroutine_analysis_free (analysis->goroutines);
  lanes_util_builder_free (analysis->util_builder);
  for (guint i = 0; i < 2; i++)
    lanes_mmu_curve_free (analysis->mmu[i]);
  lanes_mmu_curve_free (analysis->gc_load);
  lanes_gc_analysis_free (analysis->gc);
  lanes_blocking_profiles_free (analysis->profiles);
  lanes_goroutine_index_clear (&analysis->index);
  g_free (analysis);
}

void
lanes_analysis_add (LanesAnalysis         *analysis,
                    const LanesTraceEvent *events,
                    guint                  n_events)
{
  g_return_if_fail (!analysis->finished);

  if (n_events == 0)
    return;
  if (analysis->events == 0)
    analysis->start_time = events[0].time;
  analysis->events += n_events;
  analysis->end_time = events[n_events - 1].time;

  for (guint i = 0; i < n_events; i++)
    {
      const LanesTraceEvent *event = &events[i];
      guint32 goroutine = lanes_goroutine_index_of_transition (&analysis->index, event);

      /* The goroutine analysis goes first: the profiles ask it when
       * goroutines first ran. */
      lanes_goroutine_analysis_add_event (analysis->goroutines, event, goroutine);
      lanes_util_builder_add_event (analysis->util_builder, event, goroutine);
      if (goroutine != LANES_NO_INDEX && event->stack != LANES_NO_STACK)
        lanes_blocking_profiles_add_event (analysis->profiles, event, goroutine);
      else if (event->kind != LANES_EVENT_STATE_TRANSITION)
        lanes_gc_analysis_add_event (analysis->gc, event);
      if (goroutine != LANES_NO_INDEX)
        lanes_gc_analysis_add_transition (analysis->gc, event, goroutine);
    }
}

void
lanes_analysis_finish (LanesAnalysis *analysis)
{
  g_autoptr(GPtrArray) all_procs = NULL;
  g_autoptr(GPtrArray) per_proc = NULL;
  g_autoptr(GPtrArray) by_goroutine = NULL;

  g_return_if_fail (!analysis->finished);

  lanes_goroutine_analysis_finish (analysis->goroutines);
  lanes_util_builder_finish (analysis->util_builder, &all_procs, &per_proc, &by_goroutine);
  g_clear_pointer (&analysis->util_builder, lanes_util_builder_free);
  analysis->mmu[0] = lanes_mmu_curve_new (all_procs);
  analysis->mmu[1] = lanes_mmu_curve_new (per_proc);
  analysis->gc_load = lanes_mmu_curve_new (by_goroutine);
  lanes_gc_analysis_finish (analysis->gc, analysis->gc_load, analysis->end_time);
  lanes_blocking_profiles_finish (analysis->profiles);
  analysis->finished = TRUE;
}

LanesAnalysis *
lanes_analysis_compute (LanesTraceReader *reader,
                        GError          **error)
{
  g_autoptr(LanesAnalysis) analysis = lanes_analysis_new (reader);
  g_autofree LanesTraceEvent *batch = g_new (LanesTraceEvent, LANES_ANALYSIS_BATCH);
  GError *local_error = NULL;
  guint n;

  do
    {
      n = lanes_trace_reader_next_batch (reader, batch, LANES_ANALYSIS_BATCH, &local_error);
      lanes_analysis_add (analysis, batch, n);
    }
  while (n == LANES_ANALYSIS_BATCH);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  lanes_analysis_finish (analysis);
  return g_steal_pointer (&analysis);
}

gint64
lanes_analysis_get_start_time (LanesAnalysis *analysis)
{
  return analysis->start_time;
}

gint64
lanes_analysis_get_end_time (LanesAnalysis *analysis)
{
  return analysis->end_time;
}

LanesGoroutineAnalysis *
lanes_analysis_get_goroutines (LanesAnalysis *analysis)
{
  g_return_val_if_fail (analysis->finished, NULL);
  return analysis->goroutines;
}

LanesMmuCurve *
lanes_analysis_get_mmu (LanesAnalysis *analysis,
                        gboolean       per_proc)
{
  g_return_val_if_fail (analysis->finished, NULL);
  return analysis->mmu[per_proc ? 1 : 0];
}

LanesGcAnalysis *
lanes_analysis_get_gc (LanesAnalysis *analysis)
{
  g_return_val_if_fail (analysis->finished, NULL);
  return analysis->gc;
}

LanesBlockingProfiles *
lanes_analysis_get_profiles (LanesAnalysis *analysis)
{
  g_return_val_if_fail (analysis->finished, NULL);
  return analysis->profiles;
}
