/* lanes-palette.h: the one set of colours lanes, plots and legends use.
 *
 * Running is bright, runnable a pale tint of it, waiting soft colours by
 * reason, syscalls blue, GC mark workers and assists purple, stop-the-
 * world red.  The dark variant keeps the same hues at values that read
 * on a dark background.  Any two span colours differ by a CIEDE2000
 * distance of 10 or more, and every span colour takes a label at 4.5:1
 * contrast (WCAG), dark or light: tests/test-palette.c holds both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lanes-state.h"
#include "lanes-timeline.h"

G_BEGIN_DECLS

typedef guint32 LanesRgb;       /* 0xRRGGBB */

typedef struct
{
  gboolean dark;
  LanesRgb background;
  LanesRgb alternate;           /* every other lane */
  LanesRgb header;              /* group headings */
  LanesRgb text;
  LanesRgb text_dim;
  LanesRgb grid;
  LanesRgb states[LANES_N_STATES];
  LanesRgb series[LANES_N_SERIES];
  LanesRgb region;
  LanesRgb task;
  LanesRgb log;
  LanesRgb wakeup;              /* the arrow from a waker to the woken */
  guint8 band_alpha;            /* of 255: a pause's band over the lanes */
  LanesRgb sample;              /* CPU profiler samples */
} LanesPalette;

/* @over on @under with @alpha out of 256. */
static inline LanesRgb
lanes_rgb_mix (LanesRgb under,
               LanesRgb over,
               guint    alpha)
{
  guint32 rb = ((under & 0xff00ff) * (256 - alpha) + (over & 0xff00ff) * alpha) >> 8;
  guint32 g = ((under & 0x00ff00) * (256 - alpha) + (over & 0x00ff00) * alpha) >> 8;

  return (rb & 0xff00ff) | (g & 0x00ff00);
}

const LanesPalette *lanes_palette_get        (gboolean    dark);
void                lanes_palette_set_source (cairo_t    *cr,
                                              LanesRgb    rgb,
                                              double      alpha);
/* The label colour, near-black or white, that contrasts most with
 * @background. */
LanesRgb            lanes_palette_text_on    (LanesRgb    background);

G_END_DECLS
