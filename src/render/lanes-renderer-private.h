/* lanes-renderer-private.h: what the frame and the lane drawing share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once


#include "lanes-palette.h"
#include "lanes-raster.h"
#include "lanes-renderer.h"
#include "lanes-text.h"

G_BEGIN_DECLS

/* Text to draw over the raster once it is painted. */
typedef struct
{
  int x;
  int y;                /* baseline */
  int width;            /* room for it */
  LanesRgb color;
  guint offset;         /* into LanesRenderer.text */
} LanesTextLabel;

struct _LanesRenderer
{
  GObject parent_instance;

  LanesTimeline *timeline;
  const LanesPalette *palette;
  LanesRaster *raster;
  GArray *items;        /* LanesItem, scratch */
  GArray *sample_items; /* LanesSampleItem, scratch */
  GArray *points[4];    /* LanesPlotItem per series, scratch */
  GArray *labels;       /* LanesTextLabel */
  GArray *rows;         /* the last frame's layout */
  /* Per column of the lane area, scratch for lanes_raster_fill_columns() */
  guint32 *colors;
  guint8 *tops;
  guint8 *bottoms;
  int n_columns;
  GString *text;        /* their text, NUL-separated */
  LanesText *typesetter;
  guint shown_in_group[LANES_N_GROUPS];  /* what a filter leaves; G_MAXUINT: all */

  /* The frame being drawn */
  gint64 start;
  gint64 end;
  double ns_per_pixel;
  double pixels_per_ns;
  int area_x;           /* where lanes begin, right of their names */
  int area_width;
};

/* The first column whose centre is at or after @time: a span covers the
 * columns whose centres it covers, so each column shows one bucket. */
static inline int
lanes_renderer_x (LanesRenderer *self,
                  gint64         time)
{
  double x = CLAMP ((time - self->start) * self->pixels_per_ns - 0.5, -1, self->area_width);
  int column = (int) x;

  return self->area_x + MAX (column + (x > column), 0);
}

/* "net/http.(*conn).serve" reads better as "http.(*conn).serve". */
const char *lanes_render_short_function (const char *function);

/* Clears the column scratch: no colour anywhere. */
void lanes_renderer_clear_columns (LanesRenderer *self);

void lanes_renderer_add_label  (LanesRenderer *self,
                                int            x,
                                int            y,
                                int            width,
                                LanesRgb       color,
                                const char    *format,
                                ...) G_GNUC_PRINTF (6, 7);

/* Draw lane @lane into the raster rows @y … @y + @height - 1; the
 * raster is the whole frame. */
void lanes_render_span_lane    (LanesRenderer *self,
                                guint          lane,
                                int            y,
                                int            height);
void lanes_render_plot_lane    (LanesRenderer *self,
                                guint          lane,
                                int            y,
                                int            height);
void lanes_render_task_lane    (LanesRenderer *self,
                                guint          lane,
                                int            y,
                                int            height);
/* The legend's marks into the raster, or (@text) its names and the
 * marks cairo draws. */
void lanes_render_legend       (LanesRenderer *self,
                                cairo_t       *cr,
                                int            width,
                                int            height,
                                gboolean       text);
/* Stop-the-world pauses across rows @y0 … @y1 - 1. */
void lanes_render_stw_bands    (LanesRenderer *self,
                                int            y0,
                                int            y1);

G_END_DECLS
