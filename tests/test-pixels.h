/* test-pixels.h: reading back what the render tests drew.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lanes-palette.h"

/* The colour at (@x, @y) of an RGB24 or ARGB32 image, alpha dropped. */
static inline LanesRgb
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface)
                                          + y * cairo_image_surface_get_stride (surface));
  return row[x] & 0xffffff;
}
