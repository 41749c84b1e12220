/* lanes-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-timeline-private.h"

#include <stdlib.h>

G_DEFINE_FINAL_TYPE (LanesTimeline, lanes_timeline, G_TYPE_OBJECT)

static const LanesLaneKind runtime_lanes[LANES_N_RUNTIME_LANES] = {
  LANES_LANE_GC,
  LANES_LANE_SWEEP,
  LANES_LANE_STW,
  LANES_LANE_HEAP,
  LANES_LANE_GOROUTINE_COUNTS,
  LANES_LANE_BLOCKED_COUNTS,
  LANES_LANE_THREAD_COUNTS,
};

static void
lanes_timeline_finalize (GObject *object)
{
  LanesTimeline *self = LANES_TIMELINE (object);

  g_clear_pointer (&self->lod, lanes_lod_free);
  g_clear_pointer (&self->store, lanes_span_store_free);
  for (guint s = 0; s < LANES_N_SERIES; s++)
    g_clear_pointer (&self->series[s], lanes_plot_free);
  g_clear_pointer (&self->tasks, lanes_tasks_free);
  g_clear_pointer (&self->samples, lanes_cpu_samples_free);
  g_clear_pointer (&self->goroutines, g_array_unref);
  g_clear_pointer (&self->procs, g_array_unref);
  g_clear_pointer (&self->threads, g_array_unref);
  g_free (self->goroutine_order);
  g_free (self->busiest_goroutines);
  g_free (self->proc_order);
  g_free (self->thread_order);
  g_clear_error (&self->warning);
  if (self->whole != NULL)
    g_clear_object (&self->whole);
  else
    g_clear_pointer (&self->reader, lanes_trace_reader_free);

  G_OBJECT_CLASS (lanes_timeline_parent_class)->finalize (object);
}

static void
lanes_timeline_class_init (LanesTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanes_timeline_finalize;
}

static void
lanes_timeline_init (LanesTimeline *self)
{
}

LanesTimeline *
lanes_timeline_new_for_reader (LanesTraceReader          *reader,
                               GCancellable              *cancellable,
                               LanesTimelineProgressFunc  progress,
                               gpointer                   user_data,
                               GError                   **error)
{
  g_autoptr(LanesTimeline) self = g_object_new (LANES_TYPE_TIMELINE, NULL);
  LanesTimelineBuilder *builder;
  GError *local_error = NULL;
  gboolean ok;

  self->reader = reader;
  builder = lanes_timeline_builder_new (self);
  ok = lanes_timeline_load (self, builder, cancellable, progress, user_data, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      lanes_timeline_builder_free (builder);
      g_propagate_error (error, local_error);
      return NULL;
    }
  lanes_timeline_builder_finish (builder);
  if (!ok)
    {
      /* A trace cut short still shows what came before the cut. */
      if (self->goroutines->len == 0)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      self->warning = local_error;
    }
  return g_steal_pointer (&self);
}

LanesTimeline *
lanes_timeline_new_for_path (const char  *path,
                             GError     **error)
{
  LanesTraceReader *reader = lanes_trace_reader_new_for_path (path, error);

  return reader != NULL ? lanes_timeline_new_for_reader (reader, NULL, NULL, NULL, error) : NULL;
}

LanesTimeline *
lanes_timeline_new_for_bytes (GBytes      *bytes,
                              const char  *name,
                              GError     **error)
{
  LanesTraceReader *reader = lanes_trace_reader_new_for_bytes (bytes, name, error);

  return reader != NULL ? lanes_timeline_new_for_reader (reader, NULL, NULL, NULL, error) : NULL;
}

LanesTraceReader *
lanes_timeline_get_reader (LanesTimeline *self)
{
  return self->reader;
}

gboolean
lanes_timeline_is_partial (LanesTimeline *self)
{
  return self->whole != NULL;
}

const GError *
lanes_timeline_get_warning (LanesTimeline *self)
{
  return self->warning;
}

gint64
lanes_timeline_get_start (LanesTimeline *self)
{
  return self->start;
}

gint64
lanes_timeline_get_end (LanesTimeline *self)
{
  return self->end;
}

guint64
lanes_timeline_get_n_events (LanesTimeline *self)
{
  return self->n_events;
}

guint
lanes_timeline_get_n_gcs (LanesTimeline *self)
{
  return self->n_gcs;
}

guint
lanes_timeline_get_n_stws (LanesTimeline *self)
{
  return self->n_stws;
}

gsize
lanes_timeline_get_memory (LanesTimeline *self)
{
  gsize n = lanes_span_store_get_memory (self->store) + lanes_lod_get_memory (self->lod);

  for (guint s = 0; s < LANES_N_SERIES; s++)
    if (self->series[s] != NULL)
      n += lanes_plot_get_memory (self->series[s]);
  n += self->goroutines->len * (sizeof (LanesTimelineGoroutine) + sizeof (guint32));
  n += self->procs->len * (sizeof (LanesProcInfo) + sizeof (guint32));
  n += self->threads->len * (sizeof (LanesThreadInfo) + sizeof (guint32));
  n += lanes_cpu_samples_get_memory (self->samples);
  return n;
}

/* Lanes */

guint
lanes_timeline_get_n_lanes (LanesTimeline *self)
{
  return self->group_first[LANES_N_GROUPS];
}

guint
lanes_timeline_get_group (LanesTimeline *self,
                          LanesGroup     group,
                          guint         *first)
{
  *first = self->group_first[group];
  return self->group_first[group + 1] - self->group_first[group];
}

LanesGroup
lanes_timeline_lane_get_group (LanesTimeline *self,
                               guint          lane)
{
  LanesGroup group = LANES_GROUP_RUNTIME;

  g_return_val_if_fail (lane < lanes_timeline_get_n_lanes (self), LANES_GROUP_RUNTIME);
  while (lane >= self->group_first[group + 1])
    group++;
  return group;
}

LanesLaneKind
lanes_timeline_lane_get_kind (LanesTimeline *self,
                              guint          lane)
{
  switch (lanes_timeline_lane_get_group (self, lane))
    {
    case LANES_GROUP_RUNTIME: return runtime_lanes[lane];
    case LANES_GROUP_PROCS: return LANES_LANE_PROC;
    case LANES_GROUP_THREADS: return LANES_LANE_THREAD;
    case LANES_GROUP_GOROUTINES: return LANES_LANE_GOROUTINE;
    default: return LANES_LANE_TASK;
    }
}

/* The index of @lane among its kind: into procs, threads or goroutines
 * (through the display order), or the task index. */
static guint32
lane_index (LanesTimeline *self,
            guint          lane)
{
  LanesGroup group = lanes_timeline_lane_get_group (self, lane);
  guint i = lane - self->group_first[group];

  switch (group)
    {
    case LANES_GROUP_PROCS: return self->proc_order[i];
    case LANES_GROUP_THREADS: return self->thread_order[i];
    case LANES_GROUP_GOROUTINES: return self->goroutine_order[i];
    default: return i;
    }
}

static const LanesTimelineGoroutine *
goroutine_info (LanesTimeline *self,
                guint32        g)
{
  return &g_array_index (self->goroutines, LanesTimelineGoroutine, g);
}

/* The lane in the span store, or LANES_NO_INDEX for plots and tasks. */
static guint32
store_lane (LanesTimeline *self,
            guint          lane)
{
  switch (lanes_timeline_lane_get_kind (self, lane))
    {
    case LANES_LANE_GC: return self->gc_lane;
    case LANES_LANE_SWEEP: return self->sweep_lane;
    case LANES_LANE_STW: return self->stw_lane;
    case LANES_LANE_PROC: return g_array_index (self->procs, LanesProcInfo, lane_index (self, lane)).lane;
    case LANES_LANE_THREAD: return g_array_index (self->threads, LanesThreadInfo, lane_index (self, lane)).lane;
    case LANES_LANE_GOROUTINE: return goroutine_info (self, lane_index (self, lane))->lane;
    default: return LANES_NO_INDEX;
    }
}

gint64
lanes_timeline_lane_get_id (LanesTimeline *self,
                            guint          lane)
{
  switch (lanes_timeline_lane_get_kind (self, lane))
    {
    case LANES_LANE_PROC: return g_array_index (self->procs, LanesProcInfo, lane_index (self, lane)).id;
    case LANES_LANE_THREAD: return g_array_index (self->threads, LanesThreadInfo, lane_index (self, lane)).id;
    case LANES_LANE_GOROUTINE: return goroutine_info (self, lane_index (self, lane))->id;
    case LANES_LANE_TASK: return (gint64) lanes_tasks_get_task (self->tasks, lane_index (self, lane))->id;
    default: return -1;
    }
}

char *
lanes_timeline_lane_dup_name (LanesTimeline *self,
                              guint          lane)
{
  static const char * const runtime_names[LANES_N_RUNTIME_LANES] = {
    "GC", "Sweep", "STW", "Heap", "Goroutines", "Blocked", "Threads",
  };
  gint64 id = lanes_timeline_lane_get_id (self, lane);
  const char *function;
  const LanesUserTask *task;

  switch (lanes_timeline_lane_get_kind (self, lane))
    {
    case LANES_LANE_PROC:
      return g_strdup_printf ("P%" G_GINT64_FORMAT, id);
    case LANES_LANE_THREAD:
      return g_strdup_printf ("M%" G_GINT64_FORMAT, id);
    case LANES_LANE_GOROUTINE:
      function = lanes_timeline_goroutine_get_function (self, lane_index (self, lane));
      return function != NULL ? g_strdup_printf ("G%" G_GINT64_FORMAT " %s", id, function)
                              : g_strdup_printf ("G%" G_GINT64_FORMAT, id);
    case LANES_LANE_TASK:
      task = lanes_tasks_get_task (self->tasks, lane_index (self, lane));
      return g_strdup_printf ("Task %" G_GINT64_FORMAT " %s", id,
                              lanes_trace_reader_get_string (self->reader, task->name));
    default:
      return g_strdup (runtime_names[lane]);
    }
}

gboolean
lanes_timeline_lane_is_plot (LanesTimeline *self,
                             guint          lane)
{
  LanesLaneKind kind = lanes_timeline_lane_get_kind (self, lane);

  return kind >= LANES_LANE_HEAP && kind <= LANES_LANE_THREAD_COUNTS;
}

guint
lanes_timeline_find_lane (LanesTimeline *self,
                          LanesLaneKind  kind,
                          gint64         id)
{
  LanesGroup group;
  guint first, n;

  switch (kind)
    {
    case LANES_LANE_PROC: group = LANES_GROUP_PROCS; break;
    case LANES_LANE_THREAD: group = LANES_GROUP_THREADS; break;
    case LANES_LANE_GOROUTINE: group = LANES_GROUP_GOROUTINES; break;
    case LANES_LANE_TASK: group = LANES_GROUP_TASKS; break;
    default:
      for (guint i = 0; i < LANES_N_RUNTIME_LANES; i++)
        if (runtime_lanes[i] == kind)
          return i;
      return G_MAXUINT;
    }

  /* Lanes of a group are sorted by id. */
  n = lanes_timeline_get_group (self, group, &first);
  for (guint lo = 0, hi = n; lo < hi;)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = lanes_timeline_lane_get_id (self, first + mid);

      if (mid_id == id)
        return first + mid;
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return G_MAXUINT;
}

gint64
lanes_timeline_lane_get_running_ns (LanesTimeline *self,
                                    guint          lane)
{
  if (lanes_timeline_lane_get_kind (self, lane) != LANES_LANE_GOROUTINE)
    return 0;
  return goroutine_info (self, lane_index (self, lane))->running_ns;
}

guint32
lanes_timeline_lane_get_states (LanesTimeline *self,
                                guint          lane)
{
  if (lanes_timeline_lane_get_kind (self, lane) != LANES_LANE_GOROUTINE)
    return 0;
  return goroutine_info (self, lane_index (self, lane))->states;
}

typedef struct
{
  gint64 running_ns;
  guint lane;
} BusyLane;

static gint
compare_busy (gconstpointer a,
              gconstpointer b)
{
  const BusyLane *x = a, *y = b;

  if (x->running_ns != y->running_ns)
    return x->running_ns < y->running_ns ? 1 : -1;
  return (x->lane > y->lane) - (x->lane < y->lane);
}

const guint *
lanes_timeline_get_busiest_goroutines (LanesTimeline *self,
                                       guint         *n_lanes)
{
  guint first, n = lanes_timeline_get_group (self, LANES_GROUP_GOROUTINES, &first);

  *n_lanes = n;
  if (self->busiest_goroutines == NULL)
    {
      /* Keys read once rather than in every comparison. */
      g_autofree BusyLane *busy = g_new (BusyLane, MAX (n, 1));
      guint *lanes = g_new (guint, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        busy[i] = (BusyLane) { lanes_timeline_lane_get_running_ns (self, first + i), first + i };
      qsort (busy, n, sizeof *busy, compare_busy);
      for (guint i = 0; i < n; i++)
        lanes[i] = busy[i].lane;
      self->busiest_goroutines = lanes;
    }
  return self->busiest_goroutines;
}

/* Queries */

#define MAX_WIDTH (1 << 16)   /* pixels: bounds the items a query makes */

static guint
level_for (gint64 t0,
           gint64 t1,
           guint  width)
{
  return lanes_lod_level_for ((double) (t1 - t0) / CLAMP (width, 1, MAX_WIDTH));
}

void
lanes_timeline_query (LanesTimeline *self,
                      guint          lane,
                      gint64         t0,
                      gint64         t1,
                      guint          width,
                      GArray        *items)
{
  guint32 slane = store_lane (self, lane);

  if (slane != LANES_NO_INDEX)
    lanes_lod_query (self->lod, slane, t0, t1, level_for (t0, t1, width), items);
}

/* The store lane of what overlays @lane, or LANES_NO_INDEX. */
static guint32
overlay_lane (LanesTimeline *self,
              guint          lane)
{
  switch (lanes_timeline_lane_get_kind (self, lane))
    {
    case LANES_LANE_GOROUTINE:
      return goroutine_info (self, lane_index (self, lane))->assist_lane;
    case LANES_LANE_PROC:
      return g_array_index (self->procs, LanesProcInfo, lane_index (self, lane)).sweep_lane;
    default:
      return LANES_NO_INDEX;
    }
}

void
lanes_timeline_query_overlay (LanesTimeline *self,
                              guint          lane,
                              gint64         t0,
                              gint64         t1,
                              guint          width,
                              GArray        *items)
{
  guint32 slane = overlay_lane (self, lane);

  if (slane != LANES_NO_INDEX)
    lanes_lod_query (self->lod, slane, t0, t1, level_for (t0, t1, width), items);
}

guint
lanes_timeline_lane_get_series (LanesTimeline *self,
                                guint          lane,
                                LanesSeries    series[4])
{
  switch (lanes_timeline_lane_get_kind (self, lane))
    {
    case LANES_LANE_HEAP:
      series[0] = LANES_SERIES_HEAP_LIVE;
      series[1] = LANES_SERIES_HEAP_GOAL;
      return 2;
    case LANES_LANE_GOROUTINE_COUNTS:
      series[0] = LANES_SERIES_RUNNING;
      series[1] = LANES_SERIES_RUNNABLE;
      return 2;
    case LANES_LANE_BLOCKED_COUNTS:
      series[0] = LANES_SERIES_WAITING;
      series[1] = LANES_SERIES_SYSCALL;
      return 2;
    case LANES_LANE_THREAD_COUNTS:
      series[0] = LANES_SERIES_THREADS;
      return 1;
    default:
      return 0;
    }
}

void
lanes_timeline_query_plot (LanesTimeline *self,
                           LanesSeries    series,
                           gint64         t0,
                           gint64         t1,
                           guint          width,
                           GArray        *items)
{
  if (self->series[series] != NULL)
    lanes_plot_query (self->series[series], t0, t1, level_for (t0, t1, width), items);
}

gint64
lanes_timeline_get_series_max (LanesTimeline *self,
                               LanesSeries    series)
{
  return self->series[series] != NULL ? lanes_plot_get_max (self->series[series]) : 0;
}

gboolean
lanes_timeline_get_series_max_between (LanesTimeline *self,
                                       LanesSeries    series,
                                       gint64         t0,
                                       gint64         t1,
                                       gint64        *max)
{
  *max = 0;
  return self->series[series] != NULL && lanes_plot_get_max_between (self->series[series], t0, t1, max);
}

const LanesUserRegion *
lanes_timeline_lane_get_regions (LanesTimeline *self,
                                 guint          lane,
                                 guint         *n_regions)
{
  *n_regions = 0;
  switch (lanes_timeline_lane_get_kind (self, lane))
    {
    case LANES_LANE_GOROUTINE:
      return lanes_tasks_get_goroutine_regions (self->tasks, lane_index (self, lane), n_regions);
    case LANES_LANE_TASK:
      return lanes_tasks_get_task_regions (self->tasks, lane_index (self, lane), n_regions);
    default:
      return NULL;
    }
}

const LanesUserLog *
lanes_timeline_lane_get_logs (LanesTimeline *self,
                              guint          lane,
                              guint         *n_logs)
{
  *n_logs = 0;
  if (lanes_timeline_lane_get_kind (self, lane) != LANES_LANE_TASK)
    return NULL;
  return lanes_tasks_get_task_logs (self->tasks, lane_index (self, lane), n_logs);
}

const LanesUserTask *
lanes_timeline_lane_get_task (LanesTimeline *self,
                              guint          lane)
{
  if (lanes_timeline_lane_get_kind (self, lane) != LANES_LANE_TASK)
    return NULL;
  return lanes_tasks_get_task (self->tasks, lane_index (self, lane));
}

/* Hit testing */

guint
lanes_timeline_find_region (LanesTimeline *self,
                            guint          lane,
                            gint64         time)
{
  guint n, found = G_MAXUINT;
  const LanesUserRegion *regions = lanes_timeline_lane_get_regions (self, lane, &n);

  /* In order of start: of those under @time, the deepest, then the last. */
  for (guint i = 0; i < n && regions[i].start <= time; i++)
    if (time < regions[i].end && (found == G_MAXUINT || regions[i].depth >= regions[found].depth))
      found = i;
  return found;
}

guint
lanes_timeline_find_log (LanesTimeline *self,
                         guint          lane,
                         gint64         time,
                         gint64         slack)
{
  guint n, found = G_MAXUINT;
  const LanesUserLog *logs = lanes_timeline_lane_get_logs (self, lane, &n);

  for (guint i = 0; i < n; i++)
    {
      gint64 distance = ABS (logs[i].time - time);

      if (distance <= slack && (found == G_MAXUINT || distance < ABS (logs[found].time - time)))
        found = i;
    }
  return found;
}

/* The entry of store lane @slane at @time and the next one's start. */
static gboolean
find_entry (LanesTimeline  *self,
            guint32         slane,
            gint64          time,
            LanesSpanEntry *entry,
            LanesSpanEntry *next)
{
  LanesSpanIter iter;

  *next = (LanesSpanEntry) { self->end, LANES_STATE_NONE, 0, 0, LANES_NO_ACTOR };
  lanes_span_iter_seek (&iter, self->store, slane, time);
  if (!lanes_span_iter_next (&iter, entry))
    return FALSE;
  if (entry->time > time)
    {
      /* Before the lane's first span. */
      *next = *entry;
      return FALSE;
    }
  lanes_span_iter_next (&iter, next);
  return time <= self->end;
}

static gint64
proc_of_goroutine (LanesTimeline *self,
                   guint32        g,
                   gint64         time)
{
  for (guint p = 0; p < self->procs->len; p++)
    {
      const LanesProcInfo *info = &g_array_index (self->procs, LanesProcInfo, p);
      LanesSpanEntry entry, next;

      if (find_entry (self, info->lane, time, &entry, &next) && entry.actor == g
          && (lanes_state_is_running (entry.state) || entry.state == LANES_STATE_SYSCALL))
        return info->id;
    }
  return -1;
}

static gint64
goroutine_id (LanesTimeline *self,
              guint32        g)
{
  return g == LANES_NO_ACTOR ? -1 : goroutine_info (self, g)->id;
}

/* The span of store lane @slane at @time, as details of its own (no
 * goroutine, P or cause yet); FALSE where there is none, and then
 * @details->end is where the next begins. */
static gboolean
find_span (LanesTimeline    *self,
           guint32           slane,
           gint64            time,
           LanesSpanEntry   *entry,
           LanesSpanEntry   *next,
           LanesSpanDetails *details)
{
  details->end = self->end;
  if (slane == LANES_NO_INDEX)
    return FALSE;
  if (!find_entry (self, slane, time, entry, next) || entry->state == LANES_STATE_NONE)
    {
      details->end = MAX (next->time, time + 1);
      return FALSE;
    }
  *details = (LanesSpanDetails) { entry->state, entry->time, next->time, -1, -1, entry->reason, entry->stack, -1, 0, 0,
                                  LANES_STATE_NONE, next->state };
  return TRUE;
}

gboolean
lanes_timeline_hit_test (LanesTimeline    *self,
                         guint             lane,
                         gint64            time,
                         LanesSpanDetails *details)
{
  LanesLaneKind kind = lanes_timeline_lane_get_kind (self, lane);
  guint32 slane = store_lane (self, lane);
  LanesSpanEntry entry, next, before, next_before;

  if (!find_span (self, slane, time, &entry, &next, details))
    return FALSE;
  if (find_entry (self, slane, entry.time - 1, &before, &next_before))
    details->previous = before.state;
  switch (kind)
    {
    case LANES_LANE_GOROUTINE:
      details->goroutine = lanes_timeline_lane_get_id (self, lane);
      if (entry.state == LANES_STATE_RUNNABLE && entry.actor != LANES_NO_ACTOR)
        {
          /* The stack of a wake-up is the waker's. */
          details->unblocker = goroutine_id (self, entry.actor);
          details->unblock_stack = entry.stack;
          details->stack = 0;
        }
      else if (lanes_state_is_waiting (entry.state) && next.state == LANES_STATE_RUNNABLE)
        {
          details->unblocker = goroutine_id (self, next.actor);
          details->unblock_stack = next.stack;
        }
      if (lanes_state_is_running (entry.state) || entry.state == LANES_STATE_SYSCALL)
        details->proc = proc_of_goroutine (self, lane_index (self, lane), time);
      if (next.state != LANES_STATE_RUNNABLE)
        details->end_stack = next.stack;
      break;
    case LANES_LANE_PROC:
      details->proc = lanes_timeline_lane_get_id (self, lane);
      details->goroutine = goroutine_id (self, entry.actor);
      break;
    case LANES_LANE_THREAD:
      if (entry.state == LANES_STATE_ON_PROC)
        {
          LanesProcInfo *p = &g_array_index (self->procs, LanesProcInfo, entry.actor);
          LanesSpanEntry on_p, after;

          /* What the thread runs is what runs on its P. */
          details->proc = p->id;
          if (find_entry (self, p->lane, time, &on_p, &after))
            details->goroutine = goroutine_id (self, on_p.actor);
        }
      else
        details->goroutine = goroutine_id (self, entry.actor);
      break;
    default:
      break;
    }
  return TRUE;
}

gboolean
lanes_timeline_hit_test_overlay (LanesTimeline    *self,
                                 guint             lane,
                                 gint64            time,
                                 LanesSpanDetails *details)
{
  LanesSpanEntry entry, next;

  if (!find_span (self, overlay_lane (self, lane), time, &entry, &next, details))
    return FALSE;
  if (lanes_timeline_lane_get_kind (self, lane) == LANES_LANE_GOROUTINE)
    details->goroutine = lanes_timeline_lane_get_id (self, lane);
  else
    details->proc = lanes_timeline_lane_get_id (self, lane);
  return TRUE;
}

const char *
lanes_timeline_get_task_item (LanesTimeline    *self,
                              guint             lane,
                              LanesTaskPart     part,
                              guint             index,
                              LanesSpanDetails *details)
{
  LanesTraceReader *reader = lanes_timeline_get_reader (self);
  guint n;

  *details = (LanesSpanDetails) { LANES_STATE_NONE, 0, 0, -1, -1, 0, 0, -1, 0, 0, LANES_STATE_NONE, LANES_STATE_NONE };
  switch (part)
    {
    case LANES_TASK_PART_TASK:
      {
        const LanesUserTask *task = lanes_timeline_lane_get_task (self, lane);

        details->start = task->start;
        details->end = task->end;
        if (task->goroutine != LANES_NO_INDEX)
          details->goroutine = goroutine_id (self, task->goroutine);
        return lanes_trace_reader_get_string (reader, task->name);
      }
    case LANES_TASK_PART_REGION:
      {
        const LanesUserRegion *region = &lanes_timeline_lane_get_regions (self, lane, &n)[index];

        details->start = region->start;
        details->end = region->end;
        details->goroutine = goroutine_id (self, region->goroutine);
        return lanes_trace_reader_get_string (reader, region->name);
      }
    case LANES_TASK_PART_LOG:
    default:
      {
        const LanesUserLog *log = &lanes_timeline_lane_get_logs (self, lane, &n)[index];

        details->start = details->end = log->time;
        details->goroutine = goroutine_id (self, log->goroutine);
        return lanes_trace_reader_get_string (reader, log->message);
      }
    }
}

gboolean
lanes_timeline_lane_get_extent (LanesTimeline *self,
                                guint          lane,
                                gint64        *start,
                                gint64        *end)
{
  guint32 slane = store_lane (self, lane);
  LanesSpanDetails first;
  LanesSpanEntry last, after;

  if (slane == LANES_NO_INDEX)
    return FALSE;
  if (lanes_timeline_hit_test (self, lane, self->start, &first))
    *start = first.start;
  else if (first.end < self->end)
    *start = first.end;
  else
    return FALSE;
  /* After its last span a lane shows nothing (a goroutine that exited). */
  *end = find_entry (self, slane, self->end, &last, &after) && last.state == LANES_STATE_NONE ? last.time : self->end;
  return TRUE;
}

/* CPU samples */

const LanesCpuSamples *
lanes_timeline_get_samples (LanesTimeline *self)
{
  return self->samples;
}

/* Whose samples @lane shows: FALSE for lanes that show none. */
static gboolean
sample_owner (LanesTimeline    *self,
              guint             lane,
              LanesSampleOwner *owner)
{
  switch (lanes_timeline_lane_get_kind (self, lane))
    {
    case LANES_LANE_GOROUTINE: *owner = LANES_SAMPLES_OF_GOROUTINE; return TRUE;
    case LANES_LANE_PROC: *owner = LANES_SAMPLES_OF_PROC; return TRUE;
    case LANES_LANE_THREAD: *owner = LANES_SAMPLES_OF_THREAD; return TRUE;
    default: return FALSE;
    }
}

void
lanes_timeline_query_samples (LanesTimeline *self,
                              guint          lane,
                              gint64         t0,
                              gint64         t1,
                              guint          width,
                              GArray        *items)
{
  LanesSampleOwner owner;

  if (sample_owner (self, lane, &owner))
    lanes_cpu_samples_query (self->samples, owner, lane_index (self, lane), self->start,
                             t0, t1, level_for (t0, t1, width), items);
}

gboolean
lanes_timeline_hit_test_sample (LanesTimeline      *self,
                                guint               lane,
                                gint64              time,
                                gint64              distance,
                                LanesSampleDetails *details)
{
  const LanesStackSample *sample;
  LanesSampleOwner owner;
  guint index;

  if (!sample_owner (self, lane, &owner)
      || !lanes_cpu_samples_nearest (self->samples, owner, lane_index (self, lane), time, distance, &index))
    return FALSE;
  sample = lanes_cpu_samples_get (self->samples, index);
  details->time = sample->time;
  details->stack = sample->stack;
  details->goroutine = sample->goroutine != LANES_NO_INDEX ? goroutine_id (self, sample->goroutine) : -1;
  details->proc = sample->proc != LANES_NO_INDEX ? lanes_timeline_proc_get_id (self, sample->proc) : -1;
  details->thread = sample->thread != LANES_NO_INDEX
                    ? g_array_index (self->threads, LanesThreadInfo, sample->thread).id : -1;
  return TRUE;
}

gint64
lanes_timeline_goroutine_get_id (LanesTimeline *self,
                                 guint32        goroutine)
{
  return goroutine_id (self, goroutine);
}

const char *
lanes_timeline_goroutine_get_function (LanesTimeline *self,
                                       guint32        goroutine)
{
  const LanesTraceFrame *frames;
  guint n = lanes_trace_reader_get_stack (self->reader, goroutine_info (self, goroutine)->start_stack, &frames);

  /* Frames are innermost first: the outermost is where it started. */
  return n > 0 ? lanes_trace_reader_get_string (self->reader, frames[n - 1].function) : NULL;
}

gint64
lanes_timeline_proc_get_id (LanesTimeline *self,
                            guint32        proc)
{
  return g_array_index (self->procs, LanesProcInfo, proc).id;
}
