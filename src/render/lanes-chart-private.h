/* lanes-chart-private.h: what the GC and MMU charts share: margins
 * around the plot, and text placed by its alignment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lanes-palette.h"
#include "lanes-text.h"

G_BEGIN_DECLS

#define LANES_CHART_LEFT   64     /* value labels */
#define LANES_CHART_RIGHT  16
#define LANES_CHART_TOP    28     /* the key */
#define LANES_CHART_BOTTOM 36     /* the axis's labels and title */

/* Shows @text with its baseline at @y: left of @x at @align 0, centred
 * at 0.5, right of it at 1. */
void   lanes_chart_text (LanesText  *typesetter,
                         cairo_t    *cr,
                         const char *text,
                         double      x,
                         double      y,
                         double      align);
/* A key entry at (@x, @y): a swatch of @color and @name; returns where
 * the next begins. */
double lanes_chart_key  (LanesText  *typesetter,
                         cairo_t    *cr,
                         const LanesPalette *palette,
                         LanesRgb    color,
                         const char *name,
                         double      x,
                         double      y);

G_END_DECLS
