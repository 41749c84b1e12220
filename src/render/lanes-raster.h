/* lanes-raster.h: an image the renderer fills with spans directly.
 *
 * A frame holds up to a rectangle per pixel column of every lane, some
 * hundred thousand; cairo fills about three million pixel-aligned
 * rectangles a second here even batched one path per colour, so spans
 * and plots are written into this image and composited once.  Rectangles
 * are in whole pixels, clipped to the image.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lanes-palette.h"

G_BEGIN_DECLS

typedef struct _LanesRaster LanesRaster;

LanesRaster *lanes_raster_new    (void);
void         lanes_raster_free   (LanesRaster *raster);
/* Makes it @width × @height; its content is then undefined. */
void         lanes_raster_resize (LanesRaster *raster,
                                  int          width,
                                  int          height);
int          lanes_raster_get_width (LanesRaster *raster);

void         lanes_raster_fill   (LanesRaster *raster,
                                  int          x0,
                                  int          y0,
                                  int          x1,
                                  int          y1,
                                  LanesRgb     rgb);
/* Mixes @rgb in with @alpha out of 256. */
void         lanes_raster_blend  (LanesRaster *raster,
                                  int          x0,
                                  int          y0,
                                  int          x1,
                                  int          y1,
                                  LanesRgb     rgb,
                                  guint        alpha);
/* Diagonal stripes of @rgb, fixed to the image so they line up. */
void         lanes_raster_hatch  (LanesRaster *raster,
                                  int          x0,
                                  int          y0,
                                  int          x1,
                                  int          y1,
                                  LanesRgb     rgb);
/* Draws it with its top left corner at (@x, @y). */
void         lanes_raster_paint  (LanesRaster *raster,
                                  cairo_t     *cr,
                                  int          x,
                                  int          y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesRaster, lanes_raster_free)

G_END_DECLS
