/* lanes-renderer.c: the frame around the lanes.
 *
 * The whole frame is laid out as rows (group headings, lanes), filled
 * into the raster (backgrounds, grid, lanes, pauses), painted in one go,
 * and only text is left to cairo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-renderer-private.h"

#include <glib/gi18n-lib.h>

#include <stdarg.h>
#include <string.h>

#include "lanes-duration.h"

#define TICK_SPACING 120        /* pixels between time ticks, at least */

typedef struct
{
  guint lane;           /* G_MAXUINT for a group heading */
  LanesGroup group;
  int y;
  int height;
  gboolean collapsed;   /* a heading whose lanes are not shown */
} Row;

G_DEFINE_FINAL_TYPE (LanesRenderer, lanes_renderer, G_TYPE_OBJECT)

static void
lanes_renderer_finalize (GObject *object)
{
  LanesRenderer *self = LANES_RENDERER (object);

  g_clear_object (&self->timeline);
  g_clear_pointer (&self->raster, lanes_raster_free);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->sample_items, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->points); i++)
    g_clear_pointer (&self->points[i], g_array_unref);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self->colors);
  g_free (self->tops);
  g_free (self->bottoms);
  if (self->text != NULL)
    g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (lanes_renderer_parent_class)->finalize (object);
}

static void
lanes_renderer_class_init (LanesRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanes_renderer_finalize;
}

static void
lanes_renderer_init (LanesRenderer *self)
{
  self->palette = lanes_palette_get (FALSE);
  self->raster = lanes_raster_new ();
  self->items = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  self->sample_items = g_array_new (FALSE, FALSE, sizeof (LanesSampleItem));
  for (guint i = 0; i < G_N_ELEMENTS (self->points); i++)
    self->points[i] = g_array_new (FALSE, FALSE, sizeof (LanesPlotItem));
  self->labels = g_array_new (FALSE, FALSE, sizeof (LanesTextLabel));
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->text = g_string_new (NULL);
  for (guint g = 0; g < LANES_N_GROUPS; g++)
    self->shown_in_group[g] = G_MAXUINT;
}

void
lanes_renderer_set_shown_in_group (LanesRenderer *self,
                                   LanesGroup     group,
                                   guint          shown)
{
  self->shown_in_group[group] = shown;
}

LanesRenderer *
lanes_renderer_new (LanesTimeline *timeline)
{
  LanesRenderer *self = g_object_new (LANES_TYPE_RENDERER, NULL);

  self->timeline = g_object_ref (timeline);
  return self;
}

void
lanes_renderer_set_timeline (LanesRenderer *self,
                             LanesTimeline *timeline)
{
  g_set_object (&self->timeline, timeline);
  /* Lanes laid out for the last one mean nothing in this one. */
  g_array_set_size (self->rows, 0);
}

void
lanes_renderer_set_dark (LanesRenderer *self,
                         gboolean       dark)
{
  self->palette = lanes_palette_get (dark);
}

void
lanes_renderer_clear_columns (LanesRenderer *self)
{
  if (self->n_columns < self->area_width)
    {
      self->n_columns = self->area_width;
      self->colors = g_renew (guint32, self->colors, self->n_columns);
      self->tops = g_renew (guint8, self->tops, self->n_columns);
      self->bottoms = g_renew (guint8, self->bottoms, self->n_columns);
    }
  memset (self->colors, 0xff, self->area_width * sizeof (guint32));
}

void
lanes_renderer_add_label (LanesRenderer *self,
                          int            x,
                          int            y,
                          int            width,
                          LanesRgb       color,
                          const char    *format,
                          ...)
{
  LanesTextLabel label = { x, y, width, color, self->text->len };
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (self->text, format, args);
  va_end (args);
  g_string_append_c (self->text, '\0');
  g_array_append_val (self->labels, label);
}

int
lanes_render_row_height (LanesTimeline *timeline,
                         guint          lane)
{
  if (LANES_RENDER_IS_COLLAPSED (lane))
    return LANES_RENDER_HEADER_HEIGHT;
  if (lanes_timeline_lane_is_plot (timeline, lane))
    return LANES_RENDER_PLOT_HEIGHT;
  if (lanes_timeline_lane_get_kind (timeline, lane) == LANES_LANE_TASK)
    return LANES_RENDER_TASK_HEIGHT;
  return LANES_RENDER_SPAN_HEIGHT;
}

static gint
compare_running (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  gint64 x = lanes_timeline_lane_get_running_ns (data, *(const guint *) a);
  gint64 y = lanes_timeline_lane_get_running_ns (data, *(const guint *) b);

  return x < y ? 1 : x > y ? -1 : *(const guint *) a < *(const guint *) b ? -1 : 1;
}

GArray *
lanes_renderer_pick_lanes (LanesRenderer *self,
                           guint          groups,
                           int            width,
                           int            height)
{
  GArray *lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  int room = height - LANES_RENDER_AXIS_HEIGHT - lanes_renderer_get_legend_height (self, width);

  for (LanesGroup group = 0; group < LANES_N_GROUPS; group++)
    {
      guint first, n = lanes_timeline_get_group (self->timeline, group, &first);
      g_autofree guint *order = NULL;

      if (!(groups & (1u << group)) || n == 0 || room < LANES_RENDER_HEADER_HEIGHT + LANES_RENDER_SPAN_HEIGHT)
        continue;
      room -= LANES_RENDER_HEADER_HEIGHT;
      order = g_new (guint, n);
      for (guint i = 0; i < n; i++)
        order[i] = first + i;
      if (group == LANES_GROUP_GOROUTINES)
        g_qsort_with_data (order, n, sizeof (guint), compare_running, self->timeline);
      for (guint i = 0; i < n && room >= lanes_render_row_height (self->timeline, order[i]); i++)
        {
          g_array_append_val (lanes, order[i]);
          room -= lanes_render_row_height (self->timeline, order[i]);
        }
    }
  return lanes;
}

static void
layout (LanesRenderer *self,
        GArray        *rows,
        const guint   *lanes,
        guint          n_lanes,
        int            top,
        int            bottom)
{
  int y = top;
  gint group = -1;

  for (guint i = 0; i < n_lanes && y < bottom; i++)
    {
      Row row;

      if (LANES_RENDER_IS_COLLAPSED (lanes[i]))
        {
          Row heading = { G_MAXUINT, LANES_RENDER_COLLAPSED_GROUP (lanes[i]), y, LANES_RENDER_HEADER_HEIGHT, TRUE };

          g_array_append_val (rows, heading);
          group = heading.group;
          y += heading.height;
          continue;
        }
      row = (Row) { lanes[i], lanes_timeline_lane_get_group (self->timeline, lanes[i]), y, lanes_render_row_height (self->timeline, lanes[i]), FALSE };
      if ((gint) row.group != group)
        {
          Row heading = { G_MAXUINT, row.group, y, LANES_RENDER_HEADER_HEIGHT, FALSE };

          g_array_append_val (rows, heading);
          group = row.group;
          row.y = y += heading.height;
          if (y >= bottom)
            break;
        }
      g_array_append_val (rows, row);
      y += row.height;
    }
}

gboolean
lanes_renderer_get_lane_area (LanesRenderer *self,
                              guint          lane,
                              int           *y,
                              int           *height)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (row->lane == lane)
        {
          *y = row->y;
          *height = row->height;
          return TRUE;
        }
    }
  return FALSE;
}

guint
lanes_renderer_get_lane_at (LanesRenderer *self,
                            int            y)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (y >= row->y && y < row->y + row->height)
        return row->lane;
    }
  return G_MAXUINT;
}

gboolean
lanes_renderer_get_heading_at (LanesRenderer *self,
                               int            y,
                               LanesGroup    *group)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (row->lane == G_MAXUINT && y >= row->y && y < row->y + row->height)
        {
          *group = row->group;
          return TRUE;
        }
    }
  return FALSE;
}

gint64
lanes_renderer_get_time_at (LanesRenderer *self,
                            double         x)
{
  return self->start + (gint64) ((x - self->area_x) * self->ns_per_pixel);
}

void
lanes_renderer_set_font (cairo_t             *cr,
                         cairo_font_weight_t  weight,
                         double               size)
{
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, weight);
  cairo_set_font_size (cr, size);
}

void
lanes_renderer_load_fonts (void)
{
  static const struct { cairo_font_weight_t weight; double size; } fonts[] = {
    { CAIRO_FONT_WEIGHT_NORMAL, LANES_RENDER_FONT_SIZE },
    { CAIRO_FONT_WEIGHT_BOLD, LANES_RENDER_FONT_SIZE },
    { CAIRO_FONT_WEIGHT_NORMAL, LANES_RENDER_FONT_SIZE - 1 },
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  char glyphs[128 - ' '];

  for (guint i = 0; i < sizeof glyphs - 1; i++)
    glyphs[i] = (char) (' ' + i);
  glyphs[sizeof glyphs - 1] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    {
      lanes_renderer_set_font (cr, fonts[i].weight, fonts[i].size);
      cairo_move_to (cr, 0, 0);
      cairo_show_text (cr, glyphs);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Shows @text at (@x, @y) cut to @width pixels. */
static void
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y - 12, width, 16);
  cairo_clip (cr);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
  cairo_restore (cr);
}

static const char * const group_names[LANES_N_GROUPS] = {
  N_("Runtime"), N_("Procs"), N_("Threads"), N_("Goroutines"), N_("Tasks"),
};

static void
draw_names (LanesRenderer *self,
            cairo_t       *cr,
            GArray        *rows)
{
  const LanesPalette *palette = self->palette;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autofree char *name = NULL;
      guint first;

      if (row->lane == G_MAXUINT)
        {
          guint n = lanes_timeline_get_group (self->timeline, row->group, &first);

          lanes_renderer_set_font (cr, CAIRO_FONT_WEIGHT_BOLD, LANES_RENDER_FONT_SIZE);
          lanes_palette_set_source (cr, palette->text, 1);
          /* ▸ collapsed, ▾ open */
          if (self->shown_in_group[row->group] < n)
            name = g_strdup_printf (_("%s %s  ·  %u of %u"), row->collapsed ? "\u25B8" : "\u25BE",
                                    _(group_names[row->group]), self->shown_in_group[row->group], n);
          else
            name = g_strdup_printf ("%s %s  ·  %u", row->collapsed ? "\u25B8" : "\u25BE", _(group_names[row->group]), n);
          show_text (cr, name, 8, row->y + 14, self->area_x + self->area_width - 16);
          continue;
        }
      name = lanes_timeline_lane_dup_name (self->timeline, row->lane);
      /* "G16 net/http.(*conn).serve" fits better as "G16 http.(*conn).serve". */
      if (strchr (name, ' ') != NULL && strrchr (name, '/') > strchr (name, ' '))
        memmove (strchr (name, ' ') + 1, strrchr (name, '/') + 1, strlen (strrchr (name, '/')));
      lanes_renderer_set_font (cr, CAIRO_FONT_WEIGHT_NORMAL, LANES_RENDER_FONT_SIZE);
      lanes_palette_set_source (cr, palette->text, 1);
      show_text (cr, name, 14, row->y + row->height / 2 + 4, self->area_x - 20);
    }
}

/* The grid and tick marks into the raster, or (@text) the tick labels. */
static void
draw_axis (LanesRenderer *self,
           cairo_t       *cr,
           int            grid_top,
           int            grid_bottom,
           gboolean       text)
{
  const LanesPalette *palette = self->palette;
  gint64 origin = lanes_timeline_get_start (self->timeline);
  gint64 step = lanes_duration_round_step (self->ns_per_pixel * TICK_SPACING);
  gint64 t = origin + (self->start - origin + step - 1) / step * step;
  double right = self->area_x + self->area_width - 4, previous_end = 0;

  lanes_renderer_set_font (cr, CAIRO_FONT_WEIGHT_NORMAL, LANES_RENDER_FONT_SIZE);
  lanes_palette_set_source (cr, palette->text, 1);
  for (; t < self->end; t += step)
    {
      int x = lanes_renderer_x (self, t);

      if (text)
        {
          g_autofree char *label = lanes_duration_format_precise (t - origin, step, self->end - origin);
          cairo_text_extents_t extents;
          double label_x;

          /* Right of its tick, or moved left to stay whole at the frame's
           * edge, unless that runs into the label before. */
          cairo_text_extents (cr, label, &extents);
          label_x = MIN (x + 4, right - extents.x_advance);
          if (label_x < previous_end + 8)
            continue;
          show_text (cr, label, label_x, 17, extents.x_advance + 2);
          previous_end = label_x + extents.x_advance;
        }
      else
        {
          lanes_raster_fill (self->raster, x, grid_top, x + 1, grid_bottom, palette->grid);
          lanes_raster_fill (self->raster, x, LANES_RENDER_AXIS_HEIGHT - 7, x + 1, LANES_RENDER_AXIS_HEIGHT,
                             palette->text_dim);
        }
    }
  if (text)
    {
      /* Over the names: how much time the frame shows. */
      gint64 shown = self->end - self->start;
      g_autofree char *window = lanes_duration_format_precise (shown, MAX (shown / 1000, 1), shown);
      g_autofree char *caption = g_strdup_printf ("%s shown", window);

      lanes_palette_set_source (cr, palette->text_dim, 1);
      show_text (cr, caption, 8, 17, self->area_x - 12);
    }
}

static void
draw_labels (LanesRenderer *self,
             cairo_t       *cr)
{
  lanes_renderer_set_font (cr, CAIRO_FONT_WEIGHT_NORMAL, LANES_RENDER_FONT_SIZE - 1);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const LanesTextLabel *label = &g_array_index (self->labels, LanesTextLabel, i);

      lanes_palette_set_source (cr, label->color, 1);
      show_text (cr, self->text->str + label->offset, label->x, label->y, label->width);
    }
}

/* The surface @cr draws to, when the raster can be written into it in
 * place: an ARGB32 image of the frame's size, untransformed. */
static cairo_surface_t *
direct_target (cairo_t *cr,
               int      width,
               int      height)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t matrix;
  double dx, dy;

  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_offset (target, &dx, &dy);
  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE
      || cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32
      || cairo_image_surface_get_width (target) != width
      || cairo_image_surface_get_height (target) != height
      || matrix.xx != 1 || matrix.yy != 1 || matrix.xy != 0 || matrix.yx != 0
      || matrix.x0 != 0 || matrix.y0 != 0 || dx != 0 || dy != 0)
    return NULL;
  return target;
}

void
lanes_renderer_draw (LanesRenderer *self,
                     cairo_t       *cr,
                     int            width,
                     int            height,
                     gint64         start,
                     gint64         end,
                     const guint   *lanes,
                     guint          n_lanes)
{
  const LanesPalette *palette = self->palette;
  int top = LANES_RENDER_AXIS_HEIGHT, bottom = height - lanes_renderer_get_legend_height (self, width);
  GArray *rows = self->rows;
  int lanes_bottom = top;

  self->start = start;
  self->end = MAX (end, start + 1);
  self->area_x = LANES_RENDER_LABEL_WIDTH;
  self->area_width = MAX (width - self->area_x, 1);
  self->ns_per_pixel = (double) (self->end - self->start) / self->area_width;
  self->pixels_per_ns = 1 / self->ns_per_pixel;
  g_array_set_size (self->labels, 0);
  g_string_truncate (self->text, 0);

  lanes_raster_resize (self->raster, width, height, direct_target (cr, width, height));
  lanes_raster_fill (self->raster, 0, 0, width, height, palette->background);
  lanes_raster_fill (self->raster, 0, top - 1, width, top, palette->grid);
  lanes_raster_fill (self->raster, 0, bottom, width, bottom + 1, palette->grid);

  g_array_set_size (rows, 0);
  layout (self, rows, lanes, n_lanes, top, bottom);
  for (guint i = 0, parity = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      if (row->lane == G_MAXUINT)
        {
          lanes_raster_fill (self->raster, 0, row->y, width, row->y + row->height, palette->header);
          parity = 0;
        }
      else if (parity++ % 2 == 1)
        lanes_raster_fill (self->raster, 0, row->y, width, row->y + row->height, palette->alternate);
      lanes_bottom = MIN (row->y + row->height, bottom);
    }
  lanes_raster_fill (self->raster, self->area_x - 1, top, self->area_x, bottom, palette->grid);
  draw_axis (self, cr, top, lanes_bottom, FALSE);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      if (row->lane == G_MAXUINT)
        continue;
      if (lanes_timeline_lane_is_plot (self->timeline, row->lane))
        lanes_render_plot_lane (self, row->lane, row->y, row->height);
      else if (lanes_timeline_lane_get_kind (self->timeline, row->lane) == LANES_LANE_TASK)
        lanes_render_task_lane (self, row->lane, row->y, row->height);
      else
        lanes_render_span_lane (self, row->lane, row->y, row->height);
    }
  lanes_render_stw_bands (self, top, lanes_bottom);
  /* A lane cut by the frame's bottom stops at the legend. */
  lanes_raster_fill (self->raster, 0, bottom + 1, width, height, palette->background);
  lanes_render_legend (self, cr, width, height, FALSE);
  lanes_raster_paint (self->raster, cr, 0, 0);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, bottom);
  cairo_clip (cr);
  draw_axis (self, cr, top, lanes_bottom, TRUE);
  draw_names (self, cr, rows);
  draw_labels (self, cr);
  cairo_restore (cr);
  lanes_render_legend (self, cr, width, height, TRUE);
}
