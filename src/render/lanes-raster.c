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
  guint32 *own;         /* the image of its own, when it has no target */
  gsize capacity;
  cairo_surface_t *surface;
  gboolean is_target;   /* @surface is the one painted to */
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
  g_free (raster->own);
  g_free (raster);
}

void
lanes_raster_resize (LanesRaster     *raster,
                     int              width,
                     int              height,
                     cairo_surface_t *target)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, MAX (width, 1));
  gsize size = (gsize) stride * MAX (height, 1);

  if (target != NULL)
    {
      /* Written in place: cairo must not hold any of it back. */
      cairo_surface_flush (target);
      g_clear_pointer (&raster->surface, cairo_surface_destroy);
      raster->surface = cairo_surface_reference (target);
      raster->is_target = TRUE;
      raster->pixels = (guint32 *) cairo_image_surface_get_data (target);
      raster->width = cairo_image_surface_get_width (target);
      raster->height = cairo_image_surface_get_height (target);
      raster->stride = cairo_image_surface_get_stride (target) / 4;
      return;
    }
  if (!raster->is_target && width == raster->width && height == raster->height)
    return;
  g_clear_pointer (&raster->surface, cairo_surface_destroy);
  raster->is_target = FALSE;
  if (size > raster->capacity)
    {
      g_free (raster->own);
      raster->own = g_malloc (size);
      raster->capacity = size;
    }
  raster->pixels = raster->own;
  raster->width = MAX (width, 1);
  raster->height = MAX (height, 1);
  raster->stride = stride / 4;
  /* ARGB32 with every pixel opaque: painting it is a plain copy. */
  raster->surface = cairo_image_surface_create_for_data ((unsigned char *) raster->pixels, CAIRO_FORMAT_ARGB32,
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
mix (guint32  under,
     LanesRgb over,
     guint    alpha)
{
  return 0xff000000 | lanes_rgb_mix (under & 0xffffff, over, alpha);
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
lanes_raster_fill_columns (LanesRaster   *raster,
                           int            x,
                           int            y,
                           int            width,
                           const guint32 *colors,
                           const guint8  *tops,
                           const guint8  *bottoms,
                           gboolean       hatched)
{
  int first = MAX (0, -x), last = MIN (width, raster->width - x);
  int height = 0;

  for (int i = first; i < last; i++)
    if (colors[i] != G_MAXUINT32)
      height = MAX (height, bottoms[i]);
  for (int r = MAX (0, -y); r < height && y + r < raster->height; r++)
    {
      guint32 *row = raster->pixels + (gsize) (y + r) * raster->stride + x;

      /* Branch-free and in one width, so that it vectorizes. */
      for (int i = first; i < last; i++)
        {
          guint32 on = (guint32) (r - tops[i]) < (guint32) (bottoms[i] - tops[i]);
          guint32 mask = -on & (colors[i] == G_MAXUINT32 ? 0 : G_MAXUINT32);

          if (hatched)
            mask &= ((x + i + y + r) & 3) < 2 ? G_MAXUINT32 : 0;
          row[i] = (row[i] & ~mask) | ((0xff000000 | colors[i]) & mask);
        }
    }
}

void
lanes_raster_blend_columns (LanesRaster   *raster,
                            int            y0,
                            int            y1,
                            const int     *x0s,
                            const int     *x1s,
                            const guint16 *alphas,
                            guint          n,
                            LanesRgb       rgb)
{
  for (int y = MAX (y0, 0); y < MIN (y1, raster->height); y++)
    {
      guint32 *row = raster->pixels + (gsize) y * raster->stride;

      for (guint i = 0; i < n; i++)
        {
          int x0 = MAX (x0s[i], 0), x1 = MIN (x1s[i], raster->width);
          guint32 under, over;

          if (x0 >= x1)
            continue;
          under = row[x0];
          over = mix (under, rgb, alphas[i]);
          for (int x = x0; x < x1; x++)
            {
              if (row[x] != under)
                {
                  under = row[x];
                  over = mix (under, rgb, alphas[i]);
                }
              row[x] = over;
            }
        }
    }
}

LanesRgb
lanes_raster_get (LanesRaster *raster,
                  int          x,
                  int          y)
{
  x = CLAMP (x, 0, raster->width - 1);
  y = CLAMP (y, 0, raster->height - 1);
  return raster->pixels[(gsize) y * raster->stride + x] & 0xffffff;
}

void
lanes_raster_paint (LanesRaster *raster,
                    cairo_t     *cr,
                    int          x,
                    int          y)
{
  cairo_surface_mark_dirty (raster->surface);
  if (raster->is_target)
    return;
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, raster->surface, x, y);
  cairo_rectangle (cr, x, y, raster->width, raster->height);
  cairo_fill (cr);
  cairo_restore (cr);
}
