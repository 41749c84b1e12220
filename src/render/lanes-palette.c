/* lanes-palette.c
 *
 * Hues from the GNOME palette, so Lanes sits well next to other apps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-palette.h"

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
    [LANES_STATE_SYSCALL] = 0x3584e4,
    [LANES_STATE_WAIT_SYNC] = 0xf0c05a,
    [LANES_STATE_WAIT_CHAN] = 0xf5ad7a,
    [LANES_STATE_WAIT_SELECT] = 0xf3dc76,
    [LANES_STATE_WAIT_NETWORK] = 0x8fd3dc,
    [LANES_STATE_WAIT_SLEEP] = 0xb7c7e0,
    [LANES_STATE_WAIT_GC] = 0xdcbfe6,
    [LANES_STATE_WAIT_OTHER] = 0xd4d2ce,
    [LANES_STATE_GC_DEDICATED] = 0x813d9c,
    [LANES_STATE_GC_FRACTIONAL] = 0x9c4fb8,
    [LANES_STATE_GC_IDLE] = 0xb877c9,
    [LANES_STATE_PROC_SCHED] = 0xc0bfbc,
    [LANES_STATE_ON_PROC] = 0x57c88a,
    [LANES_STATE_GC_MARK] = 0xb877c9,
    [LANES_STATE_STW] = 0xe01b24,
    [LANES_STATE_SWEEP] = 0xb5835a,
    [LANES_STATE_ASSIST] = 0x813d9c,
  },
  .series = {
    [LANES_SERIES_HEAP_LIVE] = 0x62a0ea,
    [LANES_SERIES_HEAP_GOAL] = 0xe66100,
    [LANES_SERIES_RUNNING] = 0x26a269,
    [LANES_SERIES_RUNNABLE] = 0xa8e2bf,
    [LANES_SERIES_WAITING] = 0xd4d2ce,
    [LANES_SERIES_SYSCALL] = 0x3584e4,
    [LANES_SERIES_THREADS] = 0x9a9996,
  },
  .region = 0x1c71d8,
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
    [LANES_STATE_SYSCALL] = 0x4a8ee6,
    [LANES_STATE_WAIT_SYNC] = 0x8a6d22,
    [LANES_STATE_WAIT_CHAN] = 0x8f5a36,
    [LANES_STATE_WAIT_SELECT] = 0x7d7330,
    [LANES_STATE_WAIT_NETWORK] = 0x2f6f78,
    [LANES_STATE_WAIT_SLEEP] = 0x4c5a73,
    [LANES_STATE_WAIT_GC] = 0x674d73,
    [LANES_STATE_WAIT_OTHER] = 0x4a484e,
    [LANES_STATE_GC_DEDICATED] = 0xc061cb,
    [LANES_STATE_GC_FRACTIONAL] = 0xa84fb5,
    [LANES_STATE_GC_IDLE] = 0x8c4b9a,
    [LANES_STATE_PROC_SCHED] = 0x5e5c64,
    [LANES_STATE_ON_PROC] = 0x2a8c57,
    [LANES_STATE_GC_MARK] = 0x9c4fb8,
    [LANES_STATE_STW] = 0xff4a52,
    [LANES_STATE_SWEEP] = 0x8f6442,
    [LANES_STATE_ASSIST] = 0xc061cb,
  },
  .series = {
    [LANES_SERIES_HEAP_LIVE] = 0x3d6fb0,
    [LANES_SERIES_HEAP_GOAL] = 0xffa348,
    [LANES_SERIES_RUNNING] = 0x33d17a,
    [LANES_SERIES_RUNNABLE] = 0x2f6b4a,
    [LANES_SERIES_WAITING] = 0x5e5c64,
    [LANES_SERIES_SYSCALL] = 0x4a8ee6,
    [LANES_SERIES_THREADS] = 0x77767b,
  },
  .region = 0x62a0ea,
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
