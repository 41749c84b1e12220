/* lanes-mmu.h: minimum mutator utilization.
 *
 * The MMU for a window size is the lowest mean utilization of any window
 * of that size in the trace: how much of the machine the program kept
 * for itself in the worst stretch the GC caused.  A curve holds one or
 * more utilization functions (LanesUtilBuilder's) and answers for any
 * window size, together with the worst windows themselves.
 *
 * The search is Go's (internal/trace's MMUCurve): the functions are cut
 * into bands whose lower bounds let most windows go unexamined.  Like
 * Go's, windows starting in the last bands may reach past the end of
 * the trace, where utilization counts as 0; keeping that makes the
 * numbers agree with go tool trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-mutator-util.h"

G_BEGIN_DECLS

/* A window of a given size starting at @start. */
typedef struct
{
  gint64 start;
  double util;     /* its mean mutator utilization */
} LanesUtilWindow;

typedef struct _LanesMmuCurve LanesMmuCurve;

/* Takes a reference on @functions, a GPtrArray of GArrays of
 * LanesUtilPoint. */
LanesMmuCurve *lanes_mmu_curve_new    (GPtrArray     *functions);
void           lanes_mmu_curve_free   (LanesMmuCurve *curve);

/* The longest function's duration: the largest window worth asking for. */
gint64         lanes_mmu_curve_get_duration (LanesMmuCurve *curve);

/* The MMU for windows of @window_ns; 1 with no functions, 0 for a window
 * of 0.  Windows longer than a function are cut to its duration. */
double         lanes_mmu_curve_get_mmu      (LanesMmuCurve *curve,
                                             gint64         window_ns);

/* Up to @n disjoint windows of @window_ns with the lowest utilization,
 * lowest first; returns how many it found. */
guint          lanes_mmu_curve_get_worst_windows (LanesMmuCurve   *curve,
                                                  gint64           window_ns,
                                                  guint            n,
                                                  LanesUtilWindow *windows);

/* Mean utilization of the first function between @start and @end, cut
 * to its span (for a curve of one function: the share of all Ps left to
 * the program). */
double         lanes_mmu_curve_get_mean_util (LanesMmuCurve *curve,
                                              gint64         start,
                                              gint64         end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesMmuCurve, lanes_mmu_curve_free)

G_END_DECLS
