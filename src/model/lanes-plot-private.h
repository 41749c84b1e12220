/* lanes-plot-private.h: the plot's layout and the inline fast path of
 * lanes_plot_set(), for the builder, which sets counts twice an event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-plot.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 index;         /* (time - origin) >> level */
  gint64 min;           /* over the bucket, the value carried in included */
  gint64 max;
  gint64 last;
} LanesPlotBucket;

struct _LanesPlot
{
  gint64 origin;
  gint64 end;
  guint base;           /* the level of levels[0] */
  GPtrArray *levels;    /* GArray of LanesPlotBucket, sorted; only buckets with samples */
  GArray *level_of;     /* guint per entry of levels: those kept only */
  LanesPlotBucket *current; /* the newest bucket of levels[0] */
  gint64 current_end;   /* and when it ends */
  gint64 value;
  gint64 max;
};

/* A sample past the newest bucket: starts a bucket. */
void _lanes_plot_set_in_new_bucket (LanesPlot *plot,
                                    gint64     time,
                                    gint64     value);

static inline void
_lanes_plot_set (LanesPlot *plot,
                 gint64     time,
                 gint64     value)
{
  if (G_UNLIKELY (time >= plot->current_end))
    {
      _lanes_plot_set_in_new_bucket (plot, time, value);
      return;
    }
  plot->max = MAX (plot->max, value);
  plot->current->min = MIN (plot->current->min, value);
  plot->current->max = MAX (plot->current->max, value);
  plot->current->last = value;
  plot->value = value;
}

G_END_DECLS
