/* lanes-gc-chart.h: the GC cycles over the trace's time, so their
 * cadence shows at a glance.
 *
 * Behind everything, each cycle's mark phase is a band.  The upper part
 * holds the stop-the-world pauses as bars as tall as they were long,
 * over a dashed line at 1 ms; the lower part the live heap and the heap
 * goal as lines.  Time labels run along the bottom, from the start of
 * the trace.
 *
 * A chart keeps its frame's geometry, so a widget can ask which cycle or
 * time is under the pointer and where a value is drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lanes-gc-analysis.h"
#include "lanes-palette.h"
#include "lanes-timeline.h"

G_BEGIN_DECLS

typedef struct _LanesGcChart LanesGcChart;

/* @cycles (LanesGcCycle) and @pauses (LanesStwPause) in trace time, as
 * the GC analysis gives them, and kept by reference; the heap's lines
 * come from @timeline's plots when it is not NULL.  @origin is the
 * trace's start, which time labels count from. */
LanesGcChart *lanes_gc_chart_new       (const GArray   *cycles,
                                        const GArray   *pauses,
                                        LanesTimeline  *timeline,
                                        gint64          origin);
void          lanes_gc_chart_free      (LanesGcChart   *chart);

/* Lays the chart out @width × @height pixels, showing [@start, @end). */
void          lanes_gc_chart_set_frame (LanesGcChart   *chart,
                                        int             width,
                                        int             height,
                                        gint64          start,
                                        gint64          end);

double        lanes_gc_chart_x_of      (const LanesGcChart *chart,
                                        gint64              time);
gint64        lanes_gc_chart_time_at   (const LanesGcChart *chart,
                                        double              x);
/* The index of the cycle drawn at @x (its band, or within 3 pixels of
 * it), or G_MAXUINT. */
guint         lanes_gc_chart_cycle_at  (const LanesGcChart *chart,
                                        double              x);
/* Where the top of a pause of @ns is drawn, and a heap of @bytes. */
double        lanes_gc_chart_pause_y   (const LanesGcChart *chart,
                                        gint64              ns);
double        lanes_gc_chart_heap_y    (const LanesGcChart *chart,
                                        guint64             bytes);
/* Marks cycle @cycle (an index), the one selected or under the
 * timeline's pointer; G_MAXUINT for none. */
void          lanes_gc_chart_set_selected (LanesGcChart   *chart,
                                           guint           cycle);

/* The most the live heap and goal were in the frame: the heap axis's top. */
guint64       lanes_gc_chart_get_heap_max (const LanesGcChart *chart);

void          lanes_gc_chart_draw      (LanesGcChart       *chart,
                                        cairo_t            *cr,
                                        const LanesPalette *palette);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesGcChart, lanes_gc_chart_free)

G_END_DECLS
