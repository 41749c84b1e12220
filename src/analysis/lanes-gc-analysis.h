/* lanes-gc-analysis.h: garbage collection cycles and stop-the-world
 * pauses.
 *
 * A cycle runs from its sweep termination pause through the concurrent
 * mark phase to the end of its mark termination pause.  For each: the
 * pauses, the time goroutines spent in mark assists and mark workers
 * running, the heap at its start and end, and the share of the CPU (all Ps) the GC took.  Pauses of every
 * kind are listed with their reasons, the GC's and the others (read mem
 * stats, GOMAXPROCS changes, the start of the trace…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-goroutine-index.h"
#include "lanes-mmu.h"
#include "lanes-trace.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 start;            /* first of the mark phase and its sweep termination */
  gint64 end;              /* last of the mark phase and its mark termination */
  gint64 mark_start;       /* the "GC concurrent mark phase" range */
  gint64 mark_end;
  gint64 sweep_term_start; /* stop-the-world pauses; 0 ns when not in the trace */
  gint64 sweep_term_ns;
  gint64 mark_term_start;
  gint64 mark_term_ns;
  gint64 assist_ns;        /* summed over every assisting goroutine */
  guint64 heap_live_bytes; /* last known at the start */
  guint64 heap_goal_bytes;
  double cpu_share;        /* of all Ps' time, start to end, taken by pauses, assists, mark workers */
  gboolean complete;       /* both ends of the mark phase are in the trace */
  gint64 worker_ns;        /* background mark workers' running time, summed, until the next cycle */
  guint n_assisting;       /* goroutines that assisted in it */
  guint64 heap_end_bytes;  /* last known at the end of mark termination */
} LanesGcCycle;

typedef struct
{
  gint64 start;
  gint64 duration_ns;
  guint32 reason;          /* string id: "GC sweep termination", "read mem stats"… */
  gboolean for_gc;         /* one of the GC's own pauses */
} LanesStwPause;

typedef struct _LanesGcAnalysis LanesGcAnalysis;

LanesGcAnalysis *lanes_gc_analysis_new    (LanesTraceReader      *reader,
                                           LanesGoroutineIndex   *index);
void             lanes_gc_analysis_free   (LanesGcAnalysis       *analysis);

void             lanes_gc_analysis_add    (LanesGcAnalysis       *analysis,
                                           const LanesTraceEvent *events,
                                           guint                  n_events);
/* One event; state transitions go to lanes_gc_analysis_add_transition(). */
void             lanes_gc_analysis_add_event (LanesGcAnalysis       *analysis,
                                              const LanesTraceEvent *event);
/* A goroutine state transition, with the index of its goroutine (see
 * lanes_goroutine_index_of_transition()): mark workers' running time. */
void             lanes_gc_analysis_add_transition (LanesGcAnalysis       *analysis,
                                                   const LanesTraceEvent *event,
                                                   guint32                goroutine);
/* After the last event, at time @end; @util is the utilization of all Ps
 * together with GC work counted by goroutine (see
 * lanes_util_builder_finish()), for the CPU shares.  A cycle still
 * running at @end ends there. */
void             lanes_gc_analysis_finish (LanesGcAnalysis       *analysis,
                                           LanesMmuCurve         *util,
                                           gint64                 end);

/* LanesGcCycle and LanesStwPause, in time order. */
const GArray    *lanes_gc_analysis_get_cycles (LanesGcAnalysis *analysis);
const GArray    *lanes_gc_analysis_get_pauses (LanesGcAnalysis *analysis);
/* The GC's share of all Ps' time over the whole trace (from the first
 * GOMAXPROCS event). */
double           lanes_gc_analysis_get_cpu_share (LanesGcAnalysis *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesGcAnalysis, lanes_gc_analysis_free)

G_END_DECLS
