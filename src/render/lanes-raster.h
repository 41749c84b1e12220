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
/* Makes it @width × @height; its content is then undefined.  With
 * @target (an ARGB32 image that size, drawn to as it is), pixels go
 * straight into it and painting costs nothing. */
void         lanes_raster_resize (LanesRaster     *raster,
                                  int              width,
                                  int              height,
                                  cairo_surface_t *target);
int          lanes_raster_get_width (LanesRaster *raster);

void         lanes_raster_fill   (LanesRaster *raster,
                                  int          x0,
                                  int          y0,
                                  int          x1,
                                  int          y1,
                                  LanesRgb     rgb);
/* Diagonal stripes of @rgb, fixed to the image so they line up. */
void         lanes_raster_hatch  (LanesRaster *raster,
                                  int          x0,
                                  int          y0,
                                  int          x1,
                                  int          y1,
                                  LanesRgb     rgb);
/* Per column @i of @width from @x: rows @y + @tops[i] to @y + @bottoms[i]
 * in @colors[i] (0xRRGGBB, or G_MAXUINT32 for none), every other pixel
 * diagonally when @hatched.  Written row by row: a frame is mostly such
 * one-pixel columns, and column by column each pixel is a cache miss. */
void         lanes_raster_fill_columns  (LanesRaster    *raster,
                                         int             x,
                                         int             y,
                                         int             width,
                                         const guint32  *colors,
                                         const guint8   *tops,
                                         const guint8   *bottoms,
                                         gboolean        hatched);
/* Mixes @rgb into rows @y0 to @y1 of the column ranges [@x0s[i], @x1s[i])
 * with @alphas[i] out of 256, row by row. */
void         lanes_raster_blend_columns (LanesRaster    *raster,
                                         int             y0,
                                         int             y1,
                                         const int      *x0s,
                                         const int      *x1s,
                                         const guint16  *alphas,
                                         guint           n,
                                         LanesRgb        rgb);
LanesRgb     lanes_raster_get   (LanesRaster *raster,
                                 int          x,
                                 int          y);
/* Draws it with its top left corner at (@x, @y). */
void         lanes_raster_paint  (LanesRaster *raster,
                                  cairo_t     *cr,
                                  int          x,
                                  int          y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesRaster, lanes_raster_free)

G_END_DECLS
