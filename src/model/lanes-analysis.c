/* lanes-analysis.c
 *
 * The analyses run in two groups side by side on each batch of events:
 * the goroutine analysis and the profiles (which read it) on a worker
 * thread, utilization and GC cycles, with the caller's own work, on the
 * calling thread.  Before a batch goes out, every goroutine id in it is
 * given its index, so that during the batch the shared goroutine index is
 * only read; the rows of the goroutine index belong to the worker's
 * group, and the others keep their per-goroutine bytes apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-analysis.h"

/* Events per slice: a slice of LanesTraceEvents fits the L1 cache. */
#define SLICE 128

/* Smaller batches are not worth waking the worker for. */
#define PARALLEL_BATCH 1024

typedef struct
{
  GThread *thread;
  GMutex lock;
  GCond cond;
  const LanesTraceEvent *events;   /* the batch to analyse, NULL when done */
  guint n_events;
  gboolean quit;
} Worker;

struct _LanesAnalysis
{
  LanesGoroutineIndex index;   /* shared by all the analyses below */
  LanesGoroutineAnalysis *goroutines;
  LanesUtilBuilder *util_builder;
  LanesMmuCurve *mmu[2];          /* all Ps together, per P */
  LanesGcAnalysis *gc;
  LanesBlockingProfiles *profiles;
  Worker worker;
  gboolean no_worker;          /* the thread could not be made */
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
  g_mutex_init (&analysis->worker.lock);
  g_cond_init (&analysis->worker.cond);
  return analysis;
}

static void
stop_worker (LanesAnalysis *analysis)
{
  Worker *worker = &analysis->worker;

  if (worker->thread == NULL)
    return;
  g_mutex_lock (&worker->lock);
  worker->quit = TRUE;
  g_cond_broadcast (&worker->cond);
  g_mutex_unlock (&worker->lock);
  g_thread_join (g_steal_pointer (&worker->thread));
}

void
lanes_analysis_free (LanesAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  stop_worker (analysis);
  g_mutex_clear (&analysis->worker.lock);
  g_cond_clear (&analysis->worker.cond);
  lanes_goroutine_analysis_free (analysis->goroutines);
  lanes_util_builder_free (analysis->util_builder);
  for (guint i = 0; i < 2; i++)
    lanes_mmu_curve_free (analysis->mmu[i]);
  lanes_gc_analysis_free (analysis->gc);
  lanes_blocking_profiles_free (analysis->profiles);
  lanes_goroutine_index_clear (&analysis->index);
  g_free (analysis);
}

/* Each analysis takes a slice of events in turn: tight loops, and the
 * slice stays in the first-level cache for all of the group.  The
 * goroutine analysis goes first, since the profiles ask it when
 * goroutines first ran. */
static void
add_to_goroutine_group (LanesAnalysis         *analysis,
                        const LanesTraceEvent *events,
                        guint                  n_events)
{
  for (guint i = 0; i < n_events; i += SLICE)
    {
      guint n = MIN (SLICE, n_events - i);
      lanes_goroutine_analysis_add (analysis->goroutines, events + i, n);
      lanes_blocking_profiles_add (analysis->profiles, events + i, n);
    }
}

static void
add_to_other_group (LanesAnalysis         *analysis,
                    const LanesTraceEvent *events,
                    guint                  n_events)
{
  for (guint i = 0; i < n_events; i += SLICE)
    {
      guint n = MIN (SLICE, n_events - i);
      lanes_util_builder_add (analysis->util_builder, events + i, n);
      lanes_gc_analysis_add (analysis->gc, events + i, n);
    }
}

static gpointer
run_worker (gpointer data)
{
  LanesAnalysis *analysis = data;
  Worker *worker = &analysis->worker;

  g_mutex_lock (&worker->lock);
  for (;;)
    {
      const LanesTraceEvent *events;

      while (worker->events == NULL && !worker->quit)
        g_cond_wait (&worker->cond, &worker->lock);
      if (worker->quit)
        break;
      events = worker->events;
      g_mutex_unlock (&worker->lock);

      add_to_goroutine_group (analysis, events, worker->n_events);

      g_mutex_lock (&worker->lock);
      worker->events = NULL;
      g_cond_broadcast (&worker->cond);
    }
  g_mutex_unlock (&worker->lock);
  return NULL;
}

static gboolean
start_batch (LanesAnalysis         *analysis,
             const LanesTraceEvent *events,
             guint                  n_events)
{
  Worker *worker = &analysis->worker;

  if (n_events < PARALLEL_BATCH || analysis->no_worker)
    return FALSE;
  if (worker->thread == NULL)
    {
      worker->thread = g_thread_try_new ("lanes-analysis", run_worker, analysis, NULL);
      analysis->no_worker = worker->thread == NULL;
      if (analysis->no_worker)
        return FALSE;
    }
  g_mutex_lock (&worker->lock);
  worker->events = events;
  worker->n_events = n_events;
  g_cond_broadcast (&worker->cond);
  g_mutex_unlock (&worker->lock);
  return TRUE;
}

static void
wait_for_batch (LanesAnalysis *analysis)
{
  Worker *worker = &analysis->worker;

  g_mutex_lock (&worker->lock);
  while (worker->events != NULL)
    g_cond_wait (&worker->cond, &worker->lock);
  g_mutex_unlock (&worker->lock);
}

/* Gives every goroutine id an analysis will look up its index now, so
 * that the index does not change while the groups run. */
static void
index_goroutines (LanesAnalysis         *analysis,
                  const LanesTraceEvent *events,
                  guint                  n_events)
{
  for (guint i = 0; i < n_events; i++)
    {
      const LanesTraceEvent *event = &events[i];

      switch (event->kind)
        {
        case LANES_EVENT_STATE_TRANSITION:
          if (event->transition.resource == LANES_RESOURCE_GOROUTINE)
            lanes_goroutine_index_get (&analysis->index, event->transition.id);
          break;
        case LANES_EVENT_RANGE_BEGIN:
        case LANES_EVENT_RANGE_ACTIVE:
        case LANES_EVENT_RANGE_END:
          if (event->range.scope == LANES_RESOURCE_GOROUTINE)
            lanes_goroutine_index_get (&analysis->index, event->range.scope_id);
          lanes_goroutine_index_get (&analysis->index, event->goroutine);
          break;
        case LANES_EVENT_LABEL:
          lanes_goroutine_index_get (&analysis->index, event->goroutine);
          break;
        default:
          break;
        }
    }
}

void
lanes_analysis_add_along (LanesAnalysis         *analysis,
                          const LanesTraceEvent *events,
                          guint                  n_events,
                          LanesEventsFunc        along,
                          gpointer               user_data)
{
  gboolean parallel;

  g_return_if_fail (!analysis->finished);

  if (n_events == 0)
    return;
  if (analysis->events == 0)
    analysis->start_time = events[0].time;
  analysis->events += n_events;
  analysis->end_time = events[n_events - 1].time;

  index_goroutines (analysis, events, n_events);
  parallel = start_batch (analysis, events, n_events);
  add_to_other_group (analysis, events, n_events);
  if (along != NULL)
    along (user_data, events, n_events);
  if (parallel)
    wait_for_batch (analysis);
  else
    add_to_goroutine_group (analysis, events, n_events);
}

void
lanes_analysis_add (LanesAnalysis         *analysis,
                    const LanesTraceEvent *events,
                    guint                  n_events)
{
  lanes_analysis_add_along (analysis, events, n_events, NULL, NULL);
}

void
lanes_analysis_finish (LanesAnalysis *analysis)
{
  g_autoptr(GPtrArray) all_procs = NULL;
  g_autoptr(GPtrArray) per_proc = NULL;

  g_return_if_fail (!analysis->finished);

  stop_worker (analysis);
  lanes_goroutine_analysis_finish (analysis->goroutines);
  lanes_util_builder_finish (analysis->util_builder, &all_procs, &per_proc);
  g_clear_pointer (&analysis->util_builder, lanes_util_builder_free);
  analysis->mmu[0] = lanes_mmu_curve_new (all_procs);
  analysis->mmu[1] = lanes_mmu_curve_new (per_proc);
  lanes_gc_analysis_finish (analysis->gc, analysis->mmu[0]);
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
