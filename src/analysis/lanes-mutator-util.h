/* lanes-mutator-util.h: mutator utilization over time, the input of the
 * MMU curve.
 *
 * Utilization is the share of the Ps (GOMAXPROCS) free for the program
 * rather than the garbage collector; which GC work counts is chosen by
 * flags.  A utilization function is a step function: a time-ordered list
 * of points, each giving the utilization from its time to the next
 * point's.  The builder makes, in one pass, the function of all Ps
 * together and one function per P, exactly as Go's internal/trace
 * MutatorUtilizationV2 makes them without and with UtilPerProc, so MMUs
 * agree with go tool trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-goroutine-index.h"
#include "lanes-trace.h"

G_BEGIN_DECLS

typedef enum
{
  LANES_UTIL_STW        = 1 << 0,  /* the GC's stop-the-world pauses */
  LANES_UTIL_BACKGROUND = 1 << 1,  /* background mark workers */
  LANES_UTIL_ASSIST     = 1 << 2,  /* mark assists */
  LANES_UTIL_SWEEP      = 1 << 3,  /* incremental sweeping */
  LANES_UTIL_ALL_GC     = LANES_UTIL_STW | LANES_UTIL_BACKGROUND | LANES_UTIL_ASSIST | LANES_UTIL_SWEEP,
} LanesUtilFlags;

typedef struct
{
  gint64 time;
  double util;    /* 0 to 1, from time until the next point */
} LanesUtilPoint;

typedef struct _LanesUtilBuilder LanesUtilBuilder;

LanesUtilBuilder *lanes_util_builder_new    (LanesTraceReader      *reader,
                                             LanesGoroutineIndex   *index,
                                             LanesUtilFlags         flags);
void              lanes_util_builder_free   (LanesUtilBuilder      *builder);

void              lanes_util_builder_add    (LanesUtilBuilder      *builder,
                                             const LanesTraceEvent *events,
                                             guint                  n_events);
/* One event, with lanes_goroutine_index_of_transition() of it. */
void              lanes_util_builder_add_event (LanesUtilBuilder      *builder,
                                                const LanesTraceEvent *event,
                                                guint32                goroutine);

/* Ends every function at the last event (with utilization 0) and hands
 * them over, as GPtrArrays of GArrays of LanesUtilPoint: @all_procs gets
 * the one function of all Ps together, @per_proc one per P (a P that
 * GOMAXPROCS removed and added again gets a new one), as Go computes
 * them.  @by_goroutine gets one function of all Ps together in which
 * the GC's pauses, assists and active mark workers count as they run,
 * without the drift of Go's per-P counts (and without sweeping): the
 * GC's true share of the CPU.  All are empty if no event told GOMAXPROCS.
 * Call once. */
void              lanes_util_builder_finish (LanesUtilBuilder      *builder,
                                             GPtrArray            **all_procs,
                                             GPtrArray            **per_proc,
                                             GPtrArray            **by_goroutine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesUtilBuilder, lanes_util_builder_free)

G_END_DECLS
