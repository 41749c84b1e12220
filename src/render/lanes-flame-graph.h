/* lanes-flame-graph.h: a call tree of CPU samples as a flame graph.
 *
 * The root runs across the top and each function's callees sit under
 * it, every box as wide as the samples it holds (an icicle, as pprof
 * and gotraceui draw it).  Boxes are coloured by the function's package
 * and labelled with its name, cut short with an ellipsis where narrow.
 *
 * The layout is apart from the drawing so that a widget can keep it
 * between frames, ask which function is under the pointer, and lay it
 * out again around a focused node when the user zooms into a frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lanes-call-tree.h"
#include "lanes-palette.h"

G_BEGIN_DECLS

#define LANES_FLAME_ROW_HEIGHT 20     /* a box and a 1 px gap */

/* A node's box, in pixels from the graph's top left corner. */
typedef struct
{
  double x;
  double width;
  guint depth;          /* its row */
  guint32 node;
} LanesFlameBox;

typedef struct _LanesFlameLayout LanesFlameLayout;

/* Lays @tree out @width pixels wide with @focus (LANES_CALL_TREE_ROOT
 * for all of it) across the whole width, its callers above it as wide;
 * boxes narrower than half a pixel are left out with their callees. */
LanesFlameLayout    *lanes_flame_layout_new       (const LanesCallTree    *tree,
                                                   guint32                 focus,
                                                   double                  width);
void                 lanes_flame_layout_free      (LanesFlameLayout       *layout);

/* By row, then from left to right. */
const LanesFlameBox *lanes_flame_layout_get_boxes (const LanesFlameLayout *layout,
                                                   guint                  *n_boxes);
guint                lanes_flame_layout_get_n_rows (const LanesFlameLayout *layout);
/* The node whose box holds (@x, @y), or LANES_CALL_TREE_NONE. */
guint32              lanes_flame_layout_node_at   (const LanesFlameLayout *layout,
                                                   double                  x,
                                                   double                  y);

/* The colour of a function's box: one per package ("net/http" of
 * "net/http.(*conn).serve"), the same in every graph. */
LanesRgb             lanes_flame_color            (const char             *function,
                                                   gboolean                dark);

/* Draws @layout with its top left corner at (@x, @y), down to @y +
 * @height, on @palette's background. */
void                 lanes_flame_graph_draw       (cairo_t                *cr,
                                                   const LanesFlameLayout *layout,
                                                   const LanesCallTree    *tree,
                                                   const LanesPalette     *palette,
                                                   double                  x,
                                                   double                  y,
                                                   double                  height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesFlameLayout, lanes_flame_layout_free)

G_END_DECLS
