/* lanes-plot.h: a value over time (heap bytes, goroutine counts), kept
 * as min, max and last value per time bucket.
 *
 * Buckets are 2^level ns aligned to the trace start, like the span
 * levels.  The finest level starts at 1 ns (every sample exact) and
 * coarsens, by as few levels as halve it, whenever it would hold more
 * than 2^17 buckets, so a plot costs at most a few MiB however many
 * samples it saw.  Coarser levels are built once at the end, those that
 * merge buckets only: where samples are sparse a query reads a finer
 * level, which holds about as many.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 start;
  gint64 end;
  gint64 min;
  gint64 max;
  gint64 last;          /* the value at the end of the item */
} LanesPlotItem;

typedef struct _LanesPlot LanesPlot;

LanesPlot *lanes_plot_new        (gint64           origin);
void       lanes_plot_free       (LanesPlot       *plot);

/* The value is @value from @time on; times must not decrease. */
void       lanes_plot_set        (LanesPlot       *plot,
                                  gint64           time,
                                  gint64           value);
void       lanes_plot_finish     (LanesPlot       *plot,
                                  gint64           end);
/* An unfinished copy of an unfinished plot, to finish earlier. */
LanesPlot *lanes_plot_copy       (const LanesPlot *plot);

gint64     lanes_plot_get_max    (const LanesPlot *plot);
/* The most the value was over [@t0, @t1), exact to the finest level's
 * bucket at the two ends, in time proportional to the levels: FALSE
 * when no value was set by @t1. */
gboolean   lanes_plot_get_max_between (const LanesPlot *plot,
                                       gint64           t0,
                                       gint64           t1,
                                       gint64          *max);
guint      lanes_plot_get_base_level (const LanesPlot *plot);
gsize      lanes_plot_get_memory (const LanesPlot *plot);

/* Appends items (LanesPlotItem) covering [@t0, @t1) at @level, or at
 * the finest level kept when that is coarser. */
void       lanes_plot_query      (const LanesPlot *plot,
                                  gint64           t0,
                                  gint64           t1,
                                  guint            level,
                                  GArray          *items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesPlot, lanes_plot_free)

G_END_DECLS
