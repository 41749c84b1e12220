/* lanes-timeline-private.h: what the timeline, its builder and its loader
 * share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-timeline.h"

G_BEGIN_DECLS

#define LANES_N_RUNTIME_LANES 7

/* A goroutine as the timeline draws it: its lanes and what names it. */
typedef struct
{
  gint64 id;
  guint32 lane;         /* in the span store */
  guint32 assist_lane;  /* LANES_NO_INDEX until its first mark assist */
  guint32 start_stack;  /* the first stack seen: names the goroutine */
  guint32 states;       /* bits 1 << LanesState: every state it was in */
  gint64 running_ns;
} LanesTimelineGoroutine;

typedef struct
{
  gint64 id;
  guint32 lane;
  guint32 sweep_lane;   /* LANES_NO_INDEX until its first sweep */
} LanesProcInfo;

typedef struct
{
  gint64 id;
  guint32 lane;
} LanesThreadInfo;

struct _LanesTimeline
{
  GObject parent_instance;

  LanesTraceReader *reader;  /* owned, unless this is a snapshot of @whole */
  LanesTimeline *whole;      /* being built, for a snapshot: owns the reader
                              * and the arena the snapshot borrows */
  GError *warning;
  gint64 start;
  gint64 end;
  guint64 n_events;
  guint n_gcs;
  guint n_stws;

  LanesSpanStore *store;
  LanesLod *lod;
  LanesPlot *series[LANES_N_SERIES];
  LanesTasks *tasks;
  LanesCpuSamples *samples;
  guint32 gc_lane;
  guint32 sweep_lane;
  guint32 stw_lane;

  GArray *goroutines;   /* LanesTimelineGoroutine, in order of appearance */
  GArray *procs;        /* LanesProcInfo */
  GArray *threads;      /* LanesThreadInfo */
  /* Display order: indexes into the arrays above, sorted by id. */
  guint32 *goroutine_order;
  guint32 *proc_order;
  guint32 *thread_order;
  guint group_first[LANES_N_GROUPS + 1];
  guint *busiest_goroutines;  /* lanes, most running time first; made on first use */
};

/* Turns events into lanes; see lanes-timeline-builder.c. */
typedef struct _LanesTimelineBuilder LanesTimelineBuilder;

LanesTimelineBuilder *lanes_timeline_builder_new    (LanesTimeline         *timeline);
void                  lanes_timeline_builder_add    (LanesTimelineBuilder  *builder,
                                                     const LanesTraceEvent *event);
/* A timeline of the events added so far, ending at the newest; it may
 * be read on any thread while adding goes on. */
LanesTimeline        *lanes_timeline_builder_snapshot (LanesTimelineBuilder *builder);
/* Completes the timeline and frees the builder. */
void                  lanes_timeline_builder_finish (LanesTimelineBuilder  *builder);
/* Frees the builder, leaving the timeline incomplete: to drop it. */
void                  lanes_timeline_builder_free   (LanesTimelineBuilder  *builder);

/* Reads every event of the timeline's reader into @builder, the reading
 * on a thread of its own; see lanes-timeline-loader.c.  @progress may be
 * NULL. */
gboolean              lanes_timeline_load           (LanesTimeline             *timeline,
                                                     LanesTimelineBuilder      *builder,
                                                     GCancellable              *cancellable,
                                                     LanesTimelineProgressFunc  progress,
                                                     gpointer                   user_data,
                                                     GError                   **error);

G_END_DECLS
