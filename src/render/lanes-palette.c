/* lanes-palette.c
 *
 * Hues from the GNOME palette, so Lanes sits well next to other apps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-palette.h"

#include <math.h>

#define LABEL_DARK  0x241f31
#define LABEL_LIGHT 0xffffff

static const LanesPalette light = {
  .dark = FALSE,
  .background = 0xffffff,
  .alternate = 0xf6f5f4,
  .header = 0xe8e6e3,
  .text = 0x241f31,
  .text_dim = 0x6d6a73,
  .grid = 0xdeddda,
  .states = {
    [LANES_STATE_RUNNING] = 0x26a269,
    [LANES_STATE_RUNNABLE] = 0xa8e2bf,
    [LANES_STATE_SYSCALL] = 0x1c71d8,
    [LANES_STATE_WAIT_SYNC] = 0xf6d32d,
    [LANES_STATE_WAIT_CHAN] = 0xffa66b,
    [LANES_STATE_WAIT_SELECT] = 0xf0a3c8,
    [LANES_STATE_WAIT_NETWORK] = 0x8fd3dc,
    [LANES_STATE_WAIT_SLEEP] = 0xb7c7e0,
    [LANES_STATE_WAIT_GC] = 0xdcbfe6,
    [LANES_STATE_WAIT_OTHER] = 0xd8d6d2,
    [LANES_STATE_GC_DEDICATED] = 0x813d9c,
    [LANES_STATE_GC_FRACTIONAL] = 0x8a44a5,
    [LANES_STATE_GC_IDLE] = 0x9650ae,
    [LANES_STATE_PROC_SCHED] = 0x9a9996,
    [LANES_STATE_ON_PROC] = 0x33a198,
    [LANES_STATE_GC_MARK] = 0x9650ae,
    [LANES_STATE_STW] = 0xe01b24,
    [LANES_STATE_SWEEP] = 0xb5835a,
    [LANES_STATE_ASSIST] = 0xe08ce0,
  },
  .series = {
    [LANES_SERIES_HEAP_LIVE] = 0x62a0ea,
    [LANES_SERIES_HEAP_GOAL] = 0xe66100,
    [LANES_SERIES_RUNNING] = 0x26a269,
    [LANES_SERIES_RUNNABLE] = 0xa8e2bf,
    [LANES_SERIES_WAITING] = 0xd8d6d2,
    [LANES_SERIES_SYSCALL] = 0x1c71d8,
    [LANES_SERIES_THREADS] = 0x9a9996,
  },
  .band_alpha = 52,
  .wakeup = 0xe66100,
  .region = 0x16426e,
  .task = 0x99c1f1,
  .log = 0x241f31,
  .sample = 0xa51d2d,
};

static const LanesPalette dark = {
  .dark = TRUE,
  .background = 0x1e1e1e,
  .alternate = 0x252525,
  .header = 0x303030,
  .text = 0xf6f5f4,
  .text_dim = 0xa8a5ad,
  .grid = 0x3a3a3a,
  .states = {
    [LANES_STATE_RUNNING] = 0x33d17a,
    [LANES_STATE_RUNNABLE] = 0x2f6b4a,
    [LANES_STATE_SYSCALL] = 0x62a0ea,
    [LANES_STATE_WAIT_SYNC] = 0x8a6d22,
    [LANES_STATE_WAIT_CHAN] = 0x9a4f24,
    [LANES_STATE_WAIT_SELECT] = 0x8c3a6a,
    [LANES_STATE_WAIT_NETWORK] = 0x2f6f78,
    [LANES_STATE_WAIT_SLEEP] = 0x4c5a73,
    [LANES_STATE_WAIT_GC] = 0x674d80,
    [LANES_STATE_WAIT_OTHER] = 0x4a484e,
    [LANES_STATE_GC_DEDICATED] = 0xcb7ad4,
    [LANES_STATE_GC_FRACTIONAL] = 0xa44fb5,
    [LANES_STATE_GC_IDLE] = 0x9141ac,
    [LANES_STATE_PROC_SCHED] = 0x9a9996,
    [LANES_STATE_ON_PROC] = 0x20a090,
    [LANES_STATE_GC_MARK] = 0x9141ac,
    [LANES_STATE_STW] = 0xff4a52,
    [LANES_STATE_SWEEP] = 0xb08a5e,
    [LANES_STATE_ASSIST] = 0xf2aee0,
  },
  .series = {
    [LANES_SERIES_HEAP_LIVE] = 0x3d6fb0,
    [LANES_SERIES_HEAP_GOAL] = 0xffa348,
    [LANES_SERIES_RUNNING] = 0x33d17a,
    [LANES_SERIES_RUNNABLE] = 0x2f6b4a,
    [LANES_SERIES_WAITING] = 0x5e5c64,
    [LANES_SERIES_SYSCALL] = 0x62a0ea,
    [LANES_SERIES_THREADS] = 0x77767b,
  },
  .band_alpha = 72,
  .wakeup = 0xe66100,
  .region = 0xc0d8f8,
  .task = 0x274e7a,
  .log = 0xf6f5f4,
  .sample = 0xc01c28,
};

const LanesPalette *
lanes_palette_get (gboolean is_dark)
{
  return is_dark ? &dark : &light;
}

void
lanes_palette_set_source (cairo_t  *cr,
                          LanesRgb  rgb,
                          double    alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* WCAG relative luminance. */
static double
luminance (LanesRgb rgb)
{
  static const double weights[3] = { 0.2126, 0.7152, 0.0722 };
  double y = 0;

  for (guint i = 0; i < 3; i++)
    {
      double c = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
      y += weights[i] * (c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4));
    }
  return y;
}

LanesRgb
lanes_palette_text_on (LanesRgb background)
{
  double y = luminance (background);

  /* The ratios (y + 0.05) / (dark + 0.05) and 1.05 / (y + 0.05). */
  return (y + 0.05) * (y + 0.05) >= (luminance (LABEL_DARK) + 0.05) * 1.05 ? LABEL_DARK : LABEL_LIGHT;
}
