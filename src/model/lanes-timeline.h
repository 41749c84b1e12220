/* lanes-timeline.h: a Go execution trace as lanes a person reads.
 *
 * Lanes come in groups, in display order: Runtime (GC mark phases,
 * sweeping, stop-the-world pauses, and plots of the heap, goroutine
 * counts and busy threads), Procs (one lane per P: which goroutine runs), Threads (one
 * per M: which P it holds, its syscalls), Goroutines (one per goroutine:
 * running, runnable, waiting by reason, syscall; mark assists and user
 * regions on top) and Tasks (user tasks with their regions and logs).
 * A lane is a number from 0 to lanes_timeline_get_n_lanes() - 1.
 *
 * Queries take a time range and a width in pixels and return at most
 * about one item per pixel, computed from level-of-detail pyramids (see
 * lanes-lod.h), so their cost does not grow with the events in range.
 * A hit test gives the exact span at a time with what caused it.
 *
 * Building reads the trace on a second thread and keeps memory to a few
 * times the trace's size; see lanes-timeline-builder.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-cpu-samples.h"
#include "lanes-lod.h"
#include "lanes-plot.h"
#include "lanes-state.h"
#include "lanes-tasks.h"
#include "lanes-trace.h"

G_BEGIN_DECLS

typedef enum
{
  LANES_GROUP_RUNTIME,
  LANES_GROUP_PROCS,
  LANES_GROUP_THREADS,
  LANES_GROUP_GOROUTINES,
  LANES_GROUP_TASKS,
  LANES_N_GROUPS
} LanesGroup;

typedef enum
{
  LANES_LANE_GC,                /* spans: mark phases */
  LANES_LANE_SWEEP,             /* spans: some P sweeping */
  LANES_LANE_STW,               /* spans: stop-the-world, reason = kind */
  LANES_LANE_HEAP,              /* plot: live heap and heap goal */
  LANES_LANE_GOROUTINE_COUNTS,  /* plot: running and runnable goroutines */
  LANES_LANE_BLOCKED_COUNTS,    /* plot: waiting and syscall goroutines */
  LANES_LANE_THREAD_COUNTS,     /* plot: threads holding a P or in a syscall */
  LANES_LANE_PROC,
  LANES_LANE_THREAD,
  LANES_LANE_GOROUTINE,
  LANES_LANE_TASK,
} LanesLaneKind;

/* The values plot lanes draw. */
typedef enum
{
  LANES_SERIES_HEAP_LIVE,
  LANES_SERIES_HEAP_GOAL,
  LANES_SERIES_RUNNING,
  LANES_SERIES_RUNNABLE,
  LANES_SERIES_WAITING,
  LANES_SERIES_SYSCALL,
  LANES_SERIES_THREADS,
  LANES_N_SERIES
} LanesSeries;

/* What a task lane shows: its task, its regions and its logs. */
typedef enum
{
  LANES_TASK_PART_TASK,
  LANES_TASK_PART_REGION,
  LANES_TASK_PART_LOG,
} LanesTaskPart;

/* A span found by a hit test, with its causes. */
typedef struct
{
  LanesState state;
  gint64 start;
  gint64 end;
  gint64 goroutine;     /* the lane's, or the one running or in the syscall; -1 */
  gint64 proc;          /* the P held (thread lanes); -1 */
  guint32 reason;       /* string id: why it blocked, stopped or paused */
  guint32 stack;        /* stack id: where it blocked, stopped, entered a syscall or was made runnable */
  gint64 unblocker;     /* goroutine that made it runnable (the wake-up's cause
                         * or creator), for the wait before too; -1 */
  guint32 unblock_stack;/* the unblocker's stack when it did */
  guint32 end_stack;    /* where it left this state: blocked, yielded, entered
                         * a syscall (goroutine lanes); 0 */
  /* What began and ended it: the states before and after (NONE before
   * creation and after exit).  Runnable after waiting is a wake-up,
   * after NONE a creation, after running a preemption or a yield. */
  LanesState previous;
  LanesState next;
} LanesSpanDetails;

/* A CPU profiler's sample found by a hit test. */
typedef struct
{
  gint64 time;
  guint32 stack;        /* stack id: what was on the CPU */
  gint64 goroutine;     /* ids of where it was taken; -1 when none */
  gint64 proc;
  gint64 thread;
} LanesSampleDetails;

#define LANES_TYPE_TIMELINE (lanes_timeline_get_type ())
G_DECLARE_FINAL_TYPE (LanesTimeline, lanes_timeline, LANES, TIMELINE, GObject)

LanesTimeline    *lanes_timeline_new_for_path   (const char     *path,
                                                 GError        **error);

/* Loading reports the share of the input read after every few thousand
 * events, with @partial NULL: return TRUE to be called again at once
 * with @partial, a timeline of what was read so far (ref it to keep
 * it).  Called on the loading thread. */
typedef gboolean (*LanesTimelineProgressFunc) (double         fraction,
                                               LanesTimeline *partial,
                                               gpointer       user_data);

/* Takes @reader.  Cancelling stops it with G_IO_ERROR_CANCELLED. */
LanesTimeline    *lanes_timeline_new_for_reader (LanesTraceReader          *reader,
                                                 GCancellable              *cancellable,
                                                 LanesTimelineProgressFunc  progress,
                                                 gpointer                   user_data,
                                                 GError                   **error);
LanesTimeline    *lanes_timeline_new_for_bytes  (GBytes         *bytes,
                                                 const char     *name,
                                                 GError        **error);

/* Strings and stacks of ids in spans and details resolve here. */
LanesTraceReader *lanes_timeline_get_reader     (LanesTimeline  *self);
/* TRUE for a timeline of the part of a trace read so far. */
gboolean          lanes_timeline_is_partial     (LanesTimeline  *self);
/* Set when the trace ended early: the timeline holds what came before. */
const GError     *lanes_timeline_get_warning    (LanesTimeline  *self);
gint64            lanes_timeline_get_start      (LanesTimeline  *self);
gint64            lanes_timeline_get_end        (LanesTimeline  *self);
guint64           lanes_timeline_get_n_events   (LanesTimeline  *self);
/* Completed GC mark phases and stop-the-world pauses. */
guint             lanes_timeline_get_n_gcs      (LanesTimeline  *self);
guint             lanes_timeline_get_n_stws     (LanesTimeline  *self);
/* Bytes the model holds, for reports. */
gsize             lanes_timeline_get_memory     (LanesTimeline  *self);

/* Lanes */
guint             lanes_timeline_get_n_lanes    (LanesTimeline  *self);
/* The lanes of @group are @first … @first + returned count - 1. */
guint             lanes_timeline_get_group      (LanesTimeline  *self,
                                                 LanesGroup      group,
                                                 guint          *first);
LanesGroup        lanes_timeline_lane_get_group (LanesTimeline  *self,
                                                 guint           lane);
LanesLaneKind     lanes_timeline_lane_get_kind  (LanesTimeline  *self,
                                                 guint           lane);
/* The P, thread, goroutine or task id; -1 for runtime lanes. */
gint64            lanes_timeline_lane_get_id    (LanesTimeline  *self,
                                                 guint           lane);
char             *lanes_timeline_lane_dup_name  (LanesTimeline  *self,
                                                 guint           lane);
gboolean          lanes_timeline_lane_is_plot   (LanesTimeline  *self,
                                                 guint           lane);
/* The lane of a goroutine, P or thread by id; G_MAXUINT when none. */
guint             lanes_timeline_find_lane      (LanesTimeline  *self,
                                                 LanesLaneKind   kind,
                                                 gint64          id);
/* Goroutine lanes, most time running first.  Made on the first call
 * (make it on the thread that built the timeline to keep it off the main
 * loop) and kept; valid as long as the timeline. */
const guint      *lanes_timeline_get_busiest_goroutines (LanesTimeline *self,
                                                         guint         *n_lanes);
/* Time a goroutine lane spent running, for ordering goroutines. */
gint64            lanes_timeline_lane_get_running_ns (LanesTimeline *self,
                                                      guint          lane);
/* The states a goroutine lane was ever in, as bits 1 << LanesState; 0
 * for other lanes. */
guint32           lanes_timeline_lane_get_states (LanesTimeline *self,
                                                  guint          lane);

/* Queries: append at most about one item per pixel of @width (up to
 * 65536). */
void              lanes_timeline_query          (LanesTimeline  *self,
                                                 guint           lane,
                                                 gint64          t0,
                                                 gint64          t1,
                                                 guint           width,
                                                 GArray         *items);
/* Mark assists on goroutine lanes, sweeps on P lanes (LanesItem). */
void              lanes_timeline_query_overlay  (LanesTimeline  *self,
                                                 guint           lane,
                                                 gint64          t0,
                                                 gint64          t1,
                                                 guint           width,
                                                 GArray         *items);
/* The series a plot lane shows, drawn in this order. */
guint             lanes_timeline_lane_get_series (LanesTimeline *self,
                                                  guint          lane,
                                                  LanesSeries    series[4]);
void              lanes_timeline_query_plot     (LanesTimeline  *self,
                                                 LanesSeries     series,
                                                 gint64          t0,
                                                 gint64          t1,
                                                 guint           width,
                                                 GArray         *items);
gint64            lanes_timeline_get_series_max (LanesTimeline  *self,
                                                 LanesSeries     series);
/* The most @series was over [@t0, @t1): FALSE when it had no value. */
gboolean          lanes_timeline_get_series_max_between (LanesTimeline *self,
                                                         LanesSeries    series,
                                                         gint64         t0,
                                                         gint64         t1,
                                                         gint64        *max);
/* User regions of a goroutine lane or task lane; logs of a task lane. */
const LanesUserRegion *lanes_timeline_lane_get_regions (LanesTimeline *self,
                                                    guint          lane,
                                                    guint         *n_regions);
const LanesUserLog    *lanes_timeline_lane_get_logs    (LanesTimeline *self,
                                                    guint          lane,
                                                    guint         *n_logs);
const LanesUserTask   *lanes_timeline_lane_get_task    (LanesTimeline *self,
                                                    guint          lane);

/* The innermost region of goroutine or task lane @lane at @time, as an
 * index into lanes_timeline_lane_get_regions(); G_MAXUINT for none. */
guint             lanes_timeline_find_region    (LanesTimeline    *self,
                                                 guint             lane,
                                                 gint64            time);
/* The log of task lane @lane nearest @time, no further than @slack ns,
 * as an index into lanes_timeline_lane_get_logs(); G_MAXUINT for none. */
guint             lanes_timeline_find_log       (LanesTimeline    *self,
                                                 guint             lane,
                                                 gint64            time,
                                                 gint64            slack);

/* Task lane @lane's task, its region @index or its log @index: the
 * name (the log's message), and in @details its times and goroutine. */
const char       *lanes_timeline_get_task_item  (LanesTimeline    *self,
                                                 guint             lane,
                                                 LanesTaskPart     part,
                                                 guint             index,
                                                 LanesSpanDetails *details);

/* The span of @lane at @time.  FALSE when the lane shows nothing there;
 * then @details->end is where it shows something next, if anything. */
gboolean          lanes_timeline_hit_test       (LanesTimeline    *self,
                                                 guint             lane,
                                                 gint64            time,
                                                 LanesSpanDetails *details);

/* When @lane shows something first and last; FALSE if never. */
gboolean          lanes_timeline_lane_get_extent (LanesTimeline *self,
                                                  guint          lane,
                                                  gint64        *start,
                                                  gint64        *end);

/* What overlays @lane at @time: a mark assist on a goroutine lane, a
 * sweep on a P lane.  FALSE when nothing does; then @details->end is
 * where something does next, if anything. */
gboolean          lanes_timeline_hit_test_overlay (LanesTimeline    *self,
                                                   guint             lane,
                                                   gint64            time,
                                                   LanesSpanDetails *details);

/* CPU profiler samples (StackSample events), all of them. */
const LanesCpuSamples *lanes_timeline_get_samples  (LanesTimeline *self);
/* The samples taken on a goroutine, P or thread lane (LanesSampleItem):
 * at most about one item per pixel of @width, lone samples as
 * themselves, the rest merged into counts per bucket. */
void              lanes_timeline_query_samples  (LanesTimeline  *self,
                                                 guint           lane,
                                                 gint64          t0,
                                                 gint64          t1,
                                                 guint           width,
                                                 GArray         *items);
/* The sample on @lane nearest @time, no further than @distance ns from
 * it.  FALSE when there is none. */
gboolean          lanes_timeline_hit_test_sample (LanesTimeline      *self,
                                                  guint               lane,
                                                  gint64              time,
                                                  gint64              distance,
                                                  LanesSampleDetails *details);

/* Goroutines by the index spans use as actors. */
gint64            lanes_timeline_goroutine_get_id   (LanesTimeline *self,
                                                     guint32        goroutine);
/* The function it started in, or NULL when unknown. */
const char       *lanes_timeline_goroutine_get_function (LanesTimeline *self,
                                                         guint32        goroutine);
gint64            lanes_timeline_proc_get_id        (LanesTimeline *self,
                                                     guint32        proc);

G_END_DECLS
