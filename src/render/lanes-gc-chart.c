/* lanes-gc-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-gc-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lanes-chart-private.h"
#include "lanes-gc-table.h"
#include "lanes-renderer-private.h"
#include "lanes-duration.h"

#define PAUSE_SHARE    0.4     /* of the plot's height, for the pauses */
#define PART_GAP       10
#define MIN_PAUSE_TOP  (2 * G_GINT64_CONSTANT (1000000))   /* the 1 ms line halfway up at least */
#define TICK_SPACING   120     /* pixels between time labels, about */
#define CYCLE_SLOP     3       /* pixels either side of a band that still hit it */

struct _LanesGcChart
{
  LanesText *typesetter;
  const GArray *cycles;
  const GArray *pauses;
  LanesTimeline *timeline;
  gint64 origin;

  /* The frame */
  gint64 start;
  gint64 end;
  int width;
  int height;
  double left, right;          /* the plot's columns */
  double pause_top, pause_bottom;
  double heap_top, heap_bottom;
  double pixels_per_ns;
  gint64 pause_max;            /* the pause axis's top */
  guint64 heap_max;
  guint selected;              /* a cycle, G_MAXUINT for none */
};

LanesGcChart *
lanes_gc_chart_new (const GArray  *cycles,
                    const GArray  *pauses,
                    LanesTimeline *timeline,
                    gint64         origin)
{
  LanesGcChart *chart = g_new0 (LanesGcChart, 1);

  chart->typesetter = lanes_text_new ();
  chart->cycles = cycles;
  chart->pauses = pauses;
  chart->timeline = timeline;
  chart->origin = origin;
  chart->selected = G_MAXUINT;
  return chart;
}

void
lanes_gc_chart_free (LanesGcChart *chart)
{
  if (chart == NULL)
    return;
  g_clear_object (&chart->typesetter);
  g_free (chart);
}

static gint64
longest_pause (const LanesGcChart *chart)
{
  gint64 longest = 0;

  for (guint i = 0; i < chart->pauses->len; i++)
    {
      const LanesStwPause *p = &g_array_index (chart->pauses, LanesStwPause, i);

      if (p->start < chart->end && p->start + p->duration_ns >= chart->start)
        longest = MAX (longest, p->duration_ns);
    }
  return longest;
}

static guint64
heap_max (const LanesGcChart *chart)
{
  gint64 live = 0, goal = 0;

  if (chart->timeline == NULL)
    return 0;
  lanes_timeline_get_series_max_between (chart->timeline, LANES_SERIES_HEAP_LIVE, chart->start, chart->end, &live);
  lanes_timeline_get_series_max_between (chart->timeline, LANES_SERIES_HEAP_GOAL, chart->start, chart->end, &goal);
  return (guint64) MAX (MAX (live, goal), 0);
}

void
lanes_gc_chart_set_frame (LanesGcChart *chart,
                          int           width,
                          int           height,
                          gint64        start,
                          gint64        end)
{
  double top = LANES_CHART_TOP, bottom = height - LANES_CHART_BOTTOM;

  chart->start = start;
  chart->end = MAX (end, start + 1);
  chart->width = width;
  chart->height = height;
  chart->left = LANES_CHART_LEFT;
  chart->right = MAX (width - LANES_CHART_RIGHT, chart->left + 1);
  chart->pixels_per_ns = (chart->right - chart->left) / (double) (chart->end - chart->start);
  chart->pause_top = top;
  chart->pause_bottom = top + (bottom - top) * PAUSE_SHARE;
  chart->heap_top = chart->pause_bottom + PART_GAP;
  chart->heap_bottom = MAX (bottom, chart->heap_top + 1);
  /* A little room over the longest bar for its label. */
  chart->pause_max = MAX (MIN_PAUSE_TOP, longest_pause (chart) + longest_pause (chart) / 8);
  chart->heap_max = heap_max (chart);
}

double
lanes_gc_chart_x_of (const LanesGcChart *chart,
                     gint64              time)
{
  return chart->left + (time - chart->start) * chart->pixels_per_ns;
}

gint64
lanes_gc_chart_time_at (const LanesGcChart *chart,
                        double              x)
{
  return chart->start + (gint64) ((x - chart->left) / chart->pixels_per_ns);
}

guint
lanes_gc_chart_cycle_at (const LanesGcChart *chart,
                         double              x)
{
  guint lo = 0, hi = chart->cycles->len, best = G_MAXUINT;
  double best_distance = CYCLE_SLOP + 1;

  if (x < chart->left || x >= chart->right)
    return G_MAXUINT;
  /* The first cycle starting right of @x, then its neighbours. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (lanes_gc_chart_x_of (chart, g_array_index (chart->cycles, LanesGcCycle, mid).start) <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo > 0 ? lo - 1 : 0; i <= lo && i < chart->cycles->len; i++)
    {
      const LanesGcCycle *c = &g_array_index (chart->cycles, LanesGcCycle, i);
      double x0 = lanes_gc_chart_x_of (chart, c->start), x1 = lanes_gc_chart_x_of (chart, c->end);
      double distance = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;

      if (distance < best_distance)
        {
          best = i;
          best_distance = distance;
        }
    }
  return best_distance <= CYCLE_SLOP ? best : G_MAXUINT;
}

double
lanes_gc_chart_pause_y (const LanesGcChart *chart,
                        gint64              ns)
{
  return chart->pause_bottom - (chart->pause_bottom - chart->pause_top) * ns / (double) chart->pause_max;
}

double
lanes_gc_chart_heap_y (const LanesGcChart *chart,
                       guint64             bytes)
{
  if (chart->heap_max == 0)
    return chart->heap_bottom;
  return chart->heap_bottom - (chart->heap_bottom - chart->heap_top) * (double) bytes / (double) chart->heap_max;
}

void
lanes_gc_chart_set_selected (LanesGcChart *chart,
                             guint         cycle)
{
  chart->selected = cycle < chart->cycles->len ? cycle : G_MAXUINT;
}

guint64
lanes_gc_chart_get_heap_max (const LanesGcChart *chart)
{
  return chart->heap_max;
}

/* Drawing */

static char *
format_bytes (guint64 bytes)
{
  if (bytes >= 1024 * 1024 * 1024)
    return g_strdup_printf ("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  if (bytes >= 1024 * 1024)
    return g_strdup_printf ("%.1f MiB", bytes / (1024.0 * 1024));
  if (bytes >= 1024)
    return g_strdup_printf ("%.1f KiB", bytes / 1024.0);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " B", bytes);
}

static void
draw_mark_bands (LanesGcChart       *chart,
                 cairo_t            *cr,
                 const LanesPalette *palette)
{
  lanes_palette_set_source (cr, palette->states[LANES_STATE_GC_MARK], palette->band_alpha / 255.0);
  for (guint i = 0; i < chart->cycles->len; i++)
    {
      const LanesGcCycle *c = &g_array_index (chart->cycles, LanesGcCycle, i);
      double x0 = lanes_gc_chart_x_of (chart, c->mark_start), x1 = lanes_gc_chart_x_of (chart, c->mark_end);

      if (c->mark_end < chart->start || c->mark_start > chart->end)
        continue;
      cairo_rectangle (cr, x0, chart->pause_top, MAX (x1 - x0, 1), chart->heap_bottom - chart->pause_top);
    }
  cairo_fill (cr);
}

/* The selected cycle, start to end, as a deeper band in a frame. */
static void
draw_selected (LanesGcChart       *chart,
               cairo_t            *cr,
               const LanesPalette *palette)
{
  const LanesGcCycle *c = &g_array_index (chart->cycles, LanesGcCycle, chart->selected);
  double x0 = round (lanes_gc_chart_x_of (chart, c->start)), x1 = round (lanes_gc_chart_x_of (chart, c->end));
  double width = MAX (x1 - x0, 1);

  cairo_rectangle (cr, x0, chart->pause_top, width, chart->heap_bottom - chart->pause_top);
  lanes_palette_set_source (cr, palette->states[LANES_STATE_GC_MARK], palette->band_alpha / 255.0);
  cairo_fill (cr);
  cairo_rectangle (cr, x0 + 0.5, chart->pause_top + 0.5, width - 1, chart->heap_bottom - chart->pause_top - 1);
  lanes_palette_set_source (cr, palette->states[LANES_STATE_GC_MARK], 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_pauses (LanesGcChart       *chart,
             cairo_t            *cr,
             const LanesPalette *palette)
{
  double one_ms = round (lanes_gc_chart_pause_y (chart, LANES_GC_LONG_PAUSE_NS)) + 0.5;
  const double dash[] = { 4, 3 };

  lanes_palette_set_source (cr, palette->states[LANES_STATE_STW], 1);
  for (guint i = 0; i < chart->pauses->len; i++)
    {
      const LanesStwPause *p = &g_array_index (chart->pauses, LanesStwPause, i);
      double x0 = lanes_gc_chart_x_of (chart, p->start), x1 = lanes_gc_chart_x_of (chart, p->start + p->duration_ns);
      double y = lanes_gc_chart_pause_y (chart, p->duration_ns);

      if (p->start > chart->end || p->start + p->duration_ns < chart->start)
        continue;
      /* Two pixels at least, and one pixel tall, so the shortest show. */
      cairo_rectangle (cr, x0, MIN (y, chart->pause_bottom - 1), MAX (x1 - x0, 2), chart->pause_bottom - MIN (y, chart->pause_bottom - 1));
    }
  cairo_fill (cr);

  lanes_palette_set_source (cr, palette->text_dim, 1);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, chart->left, one_ms);
  cairo_line_to (cr, chart->right, one_ms);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_series (LanesGcChart       *chart,
             cairo_t            *cr,
             LanesSeries         series,
             LanesRgb            color)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesPlotItem));
  gboolean started = FALSE;

  lanes_timeline_query_plot (chart->timeline, series, chart->start, chart->end, (guint) (chart->right - chart->left), items);
  for (guint i = 0; i < items->len; i++)
    {
      const LanesPlotItem *item = &g_array_index (items, LanesPlotItem, i);
      double x0 = MAX (lanes_gc_chart_x_of (chart, item->start), chart->left);
      double x1 = MIN (lanes_gc_chart_x_of (chart, item->end), chart->right);

      /* A step line, with each item's range drawn upright at its start. */
      if (started)
        cairo_line_to (cr, x0, lanes_gc_chart_heap_y (chart, item->max));
      else
        cairo_move_to (cr, x0, lanes_gc_chart_heap_y (chart, item->max));
      started = TRUE;
      cairo_line_to (cr, x0, lanes_gc_chart_heap_y (chart, item->min));
      cairo_line_to (cr, x0, lanes_gc_chart_heap_y (chart, item->last));
      cairo_line_to (cr, x1, lanes_gc_chart_heap_y (chart, item->last));
    }
  lanes_palette_set_source (cr, color, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_stroke (cr);
}

static void
draw_time_axis (LanesGcChart       *chart,
                cairo_t            *cr,
                const LanesPalette *palette)
{
  gint64 step = lanes_duration_round_step (TICK_SPACING / chart->pixels_per_ns);
  gint64 t = chart->origin + (chart->start - chart->origin + step - 1) / step * step;
  double baseline = chart->heap_bottom + 16;

  for (; t < chart->end; t += step)
    {
      double x = round (lanes_gc_chart_x_of (chart, t)) + 0.5;
      g_autofree char *label = lanes_duration_format_precise (t - chart->origin, step, chart->end - chart->origin);

      lanes_palette_set_source (cr, palette->grid, 1);
      cairo_move_to (cr, x, chart->pause_top);
      cairo_line_to (cr, x, chart->heap_bottom + 4);
      cairo_stroke (cr);
      lanes_palette_set_source (cr, palette->text_dim, 1);
      lanes_chart_text (chart->typesetter, cr, label, MIN (x, chart->right - 30), baseline, 0.5);
    }
}

static void
draw_value_labels (LanesGcChart       *chart,
                   cairo_t            *cr,
                   const LanesPalette *palette)
{
  g_autofree char *pause_top = lanes_duration_format_precise (chart->pause_max, chart->pause_max / 100 + 1, chart->pause_max);
  g_autofree char *heap_top = format_bytes (chart->heap_max);
  double x = chart->left - 6, one_ms = lanes_gc_chart_pause_y (chart, LANES_GC_LONG_PAUSE_NS);

  lanes_palette_set_source (cr, palette->text_dim, 1);
  lanes_chart_text (chart->typesetter, cr, pause_top, x, chart->pause_top + 9, 1);
  lanes_chart_text (chart->typesetter, cr, "1 ms", x, one_ms + 4, 1);
  /* Unless the 1 ms label is in its place. */
  if (chart->pause_bottom - one_ms > 12)
    lanes_chart_text (chart->typesetter, cr, "0", x, chart->pause_bottom, 1);
  if (chart->timeline != NULL)
    {
      lanes_chart_text (chart->typesetter, cr, heap_top, x, chart->heap_top + 9, 1);
      lanes_chart_text (chart->typesetter, cr, "0", x, chart->heap_bottom, 1);
    }
}

void
lanes_gc_chart_draw (LanesGcChart       *chart,
                     cairo_t            *cr,
                     const LanesPalette *palette)
{
  double x = chart->left;

  cairo_save (cr);
  lanes_palette_set_source (cr, palette->background, 1);
  cairo_paint (cr);
  cairo_set_line_width (cr, 1);
  lanes_text_update (chart->typesetter, cr);
  draw_time_axis (chart, cr, palette);
  draw_value_labels (chart, cr, palette);

  cairo_save (cr);
  cairo_rectangle (cr, chart->left, chart->pause_top, chart->right - chart->left, chart->heap_bottom - chart->pause_top);
  cairo_clip (cr);
  draw_mark_bands (chart, cr, palette);
  if (chart->selected != G_MAXUINT)
    draw_selected (chart, cr, palette);
  draw_pauses (chart, cr, palette);
  if (chart->timeline != NULL)
    {
      draw_series (chart, cr, LANES_SERIES_HEAP_GOAL, palette->series[LANES_SERIES_HEAP_GOAL]);
      draw_series (chart, cr, LANES_SERIES_HEAP_LIVE, palette->series[LANES_SERIES_HEAP_LIVE]);
    }
  cairo_restore (cr);

  /* The parts' baselines, and the key. */
  lanes_palette_set_source (cr, palette->text_dim, 1);
  cairo_rectangle (cr, chart->left, round (chart->pause_bottom), chart->right - chart->left, 1);
  cairo_rectangle (cr, chart->left, round (chart->heap_bottom), chart->right - chart->left, 1);
  cairo_fill (cr);
  x = lanes_chart_key (chart->typesetter, cr, palette, palette->states[LANES_STATE_STW], _("stop-the-world pauses (dashed: 1 ms)"), x, 18);
  x = lanes_chart_key (chart->typesetter, cr, palette, palette->states[LANES_STATE_GC_MARK], _("mark phases"), x, 18);
  if (chart->timeline != NULL)
    {
      x = lanes_chart_key (chart->typesetter, cr, palette, palette->series[LANES_SERIES_HEAP_LIVE], _("heap live"), x, 18);
      lanes_chart_key (chart->typesetter, cr, palette, palette->series[LANES_SERIES_HEAP_GOAL], _("heap goal"), x, 18);
    }
  cairo_restore (cr);
}
