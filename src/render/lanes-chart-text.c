/* lanes-chart-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-chart-private.h"

#include "lanes-renderer-private.h"

void
lanes_chart_text (cairo_t    *cr,
                  const char *text,
                  double      x,
                  double      y,
                  double      align)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x - align * extents.x_advance, y);
  cairo_show_text (cr, text);
}

double
lanes_chart_key (cairo_t            *cr,
                 const LanesPalette *palette,
                 LanesRgb            color,
                 const char         *name,
                 double              x,
                 double              y)
{
  cairo_text_extents_t extents;

  lanes_palette_set_source (cr, color, 1);
  cairo_rectangle (cr, x, y - 9, 10, 10);
  cairo_fill (cr);
  lanes_renderer_set_font (cr, CAIRO_FONT_WEIGHT_NORMAL, LANES_RENDER_FONT_SIZE - 1);
  lanes_palette_set_source (cr, palette->text, 1);
  cairo_move_to (cr, x + 14, y);
  cairo_show_text (cr, name);
  cairo_text_extents (cr, name, &extents);
  return x + 14 + extents.x_advance + 16;
}
