/* lanes-chart-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-chart-private.h"

void
lanes_chart_text (LanesText  *typesetter,
                  cairo_t    *cr,
                  const char *text,
                  double      x,
                  double      y,
                  double      align)
{
  int width = lanes_text_get_width (typesetter, LANES_TEXT_SMALL, text);

  lanes_text_draw (typesetter, cr, LANES_TEXT_SMALL, text, x - align * width, y);
}

double
lanes_chart_key (LanesText          *typesetter,
                 cairo_t            *cr,
                 const LanesPalette *palette,
                 LanesRgb            color,
                 const char         *name,
                 double              x,
                 double              y)
{
  lanes_palette_set_source (cr, color, 1);
  cairo_rectangle (cr, x, y - 9, 10, 10);
  cairo_fill (cr);
  lanes_palette_set_source (cr, palette->text, 1);
  lanes_text_draw (typesetter, cr, LANES_TEXT_SMALL, name, x + 14, y);
  return x + 14 + lanes_text_get_width (typesetter, LANES_TEXT_SMALL, name) + 16;
}
