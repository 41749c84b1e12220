/* lanes-raster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-raster.h"

struct _LanesRaster
{
  guint32 *pixels;      /* opaque ARGB32, native endian, as cairo wants */
  int width;
  int height;
  int stride;           /* in pixels */
  gsize capacity;
  cairo_surface_t *surface;
};

LanesRaster *
lanes_raster_new (void)
{
  return g_new0 (LanesRaster, 1);
}

void
lanes_raster_free (LanesRaster *raster)
{
  if (raster == NULL)
    return;
  g_clear_pointer (&raster->surface, cairo_surface_destroy);
  g_free (raster->pixels);
  g_free (raster);
}

void
lanes_raster_resize (LanesRaster *raster,
                     int          width,
                     int          height)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, MAX (width, 1));
  gsize size = (gsize) stride * MAX (height, 1);

  if (width == raster->width && height == raster->height)
    return;
  g_clear_pointer (&raster->surface, cairo_surface_destroy);
  if (size > raster->capacity)
    {
      g_free (raster->pixels);
      raster->pixels = g_malloc (size);
      raster->capacity = size;
    }
  raster->width = MAX (width, 1);
  raster->height = MAX (height, 1);
  raster->stride = stride / 4;
  raster->surface = cairo_image_surface_create_for_data ((unsigned char *) raster->pixels, CAIRO_FORMAT_RGB24,
                                                         raster->width, raster->height, stride);
}

int
lanes_raster_get_width (LanesRaster *raster)
{
  return raster->width;
}

static gboolean
clip (LanesRaster *raster,
      int         *x0,
      int         *y0,
      int         *x1,
      int         *y1)
{
  *x0 = MAX (*x0, 0);
  *y0 = MAX (*y0, 0);
  *x1 = MIN (*x1, raster->width);
  *y1 = MIN (*y1, raster->height);
  return *x0 < *x1 && *y0 < *y1;
}

void
lanes_raster_fill (LanesRaster *raster,
                   int          x0,
                   int          y0,
                   int          x1,
                   int          y1,
                   LanesRgb     rgb)
{
  guint32 pixel = 0xff000000 | rgb;

  if (!clip (raster, &x0, &y0, &x1, &y1))
    return;
  for (int y = y0; y < y1; y++)
    {
      guint32 *row = raster->pixels + (gsize) y * raster->stride;
      for (int x = x0; x < x1; x++)
        row[x] = pixel;
    }
}

static inline guint32
mix (guint32 under,
     LanesRgb over,
     guint    alpha)
{
  guint32 rb = ((under & 0xff00ff) * (256 - alpha) + (over & 0xff00ff) * alpha) >> 8;
  guint32 g = ((under & 0x00ff00) * (256 - alpha) + (over & 0x00ff00) * alpha) >> 8;

  return 0xff000000 | (rb & 0xff00ff) | (g & 0x00ff00);
}

void
lanes_raster_blend (LanesRaster *raster,
                    int          x0,
                    int          y0,
                    int          x1,
                    int          y1,
                    LanesRgb     rgb,
                    guint        alpha)
{
  if (!clip (raster, &x0, &y0, &x1, &y1))
    return;
  for (int y = y0; y < y1; y++)
    {
      guint32 *row = raster->pixels + (gsize) y * raster->stride;
      for (int x = x0; x < x1; x++)
        row[x] = mix (row[x], rgb, alpha);
    }
}

void
lanes_raster_hatch (LanesRaster *raster,
                    int          x0,
                    int          y0,
                    int          x1,
                    int          y1,
                    LanesRgb     rgb)
{
  guint32 pixel = 0xff000000 | rgb;

  if (!clip (raster, &x0, &y0, &x1, &y1))
    return;
  for (int y = y0; y < y1; y++)
    {
      guint32 *row = raster->pixels + (gsize) y * raster->stride;
      for (int x = x0; x < x1; x++)
        if (((x + y) & 3) < 2)
          row[x] = pixel;
    }
}

void
lanes_raster_paint (LanesRaster *raster,
                    cairo_t     *cr,
                    int          x,
                    int          y)
{
  cairo_surface_mark_dirty (raster->surface);
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, raster->surface, x, y);
  cairo_rectangle (cr, x, y, raster->width, raster->height);
  cairo_fill (cr);
  cairo_restore (cr);
}
