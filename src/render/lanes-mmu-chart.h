/* lanes-mmu-chart.h: minimum mutator utilization against window size.
 *
 * Windows run on a logarithmic axis from 1 µs to the trace's length,
 * utilization from 0 to 1, with a grid at each power of ten and each
 * quarter.  The curve is sampled once per pixel column when the chart
 * is laid out (each sample is an exact lanes_mmu_curve_get_mmu()), so
 * drawing and hovering cost nothing after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lanes-mmu.h"
#include "lanes-palette.h"

G_BEGIN_DECLS

#define LANES_MMU_CHART_MIN_WINDOW G_GINT64_CONSTANT (1000)  /* 1 µs */

typedef struct _LanesMmuChart LanesMmuChart;

/* Keeps @curve by reference; the window axis ends at @trace_ns, the
 * trace's length (10 µs at least). */
LanesMmuChart *lanes_mmu_chart_new        (LanesMmuCurve       *curve,
                                           gint64               trace_ns);
void           lanes_mmu_chart_free       (LanesMmuChart       *chart);

/* Lays the chart out @width × @height pixels and samples the curve. */
void           lanes_mmu_chart_set_size   (LanesMmuChart       *chart,
                                           int                  width,
                                           int                  height);

double         lanes_mmu_chart_x_of       (const LanesMmuChart *chart,
                                           gint64               window_ns);
gint64         lanes_mmu_chart_window_at  (const LanesMmuChart *chart,
                                           double               x);
double         lanes_mmu_chart_y_of       (const LanesMmuChart *chart,
                                           double               util);
/* The window and MMU sampled at column @x: FALSE outside the plot. */
gboolean       lanes_mmu_chart_value_at   (const LanesMmuChart *chart,
                                           double               x,
                                           gint64              *window_ns,
                                           double              *mmu);

/* A latency budget to mark on the axis, with the MMU at it in words
 * ("mmu(5 ms) = 0.60: the GC alone can take 40 % of any 5 ms window");
 * 0 for none.  Returns the MMU at @budget_ns. */
double         lanes_mmu_chart_set_budget (LanesMmuChart       *chart,
                                           gint64               budget_ns);

void           lanes_mmu_chart_draw       (LanesMmuChart       *chart,
                                           cairo_t             *cr,
                                           const LanesPalette  *palette);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesMmuChart, lanes_mmu_chart_free)

G_END_DECLS
