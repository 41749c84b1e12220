/* lanes-mmu-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-mmu-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lanes-chart-private.h"
#include "lanes-renderer-private.h"
#include "lanes-duration.h"

struct _LanesMmuChart
{
  LanesText *typesetter;
  LanesMmuCurve *curve;
  gint64 trace_ns;
  int width;
  int height;
  double left, right, top, bottom;
  double log_min, log_max;     /* log10 of the axis's ends, in ns */
  double *mmu;                 /* per column from left */
  guint n_columns;
  gint64 budget;               /* 0: none */
  double budget_mmu;
};

LanesMmuChart *
lanes_mmu_chart_new (LanesMmuCurve *curve,
                     gint64         trace_ns)
{
  LanesMmuChart *chart = g_new0 (LanesMmuChart, 1);

  chart->typesetter = lanes_text_new ();
  chart->curve = curve;
  chart->trace_ns = trace_ns;
  return chart;
}

void
lanes_mmu_chart_free (LanesMmuChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->mmu);
  g_clear_object (&chart->typesetter);
  g_free (chart);
}

void
lanes_mmu_chart_set_size (LanesMmuChart *chart,
                          int            width,
                          int            height)
{
  /* A trace shorter than the axis's start still gets a decade. */
  gint64 longest = MAX (chart->trace_ns, 10 * LANES_MMU_CHART_MIN_WINDOW);

  chart->width = width;
  chart->height = height;
  chart->left = LANES_CHART_LEFT;
  chart->right = MAX (width - LANES_CHART_RIGHT, chart->left + 1);
  chart->top = LANES_CHART_TOP;
  chart->bottom = MAX (height - LANES_CHART_BOTTOM, chart->top + 1);
  chart->log_min = log10 ((double) LANES_MMU_CHART_MIN_WINDOW);
  chart->log_max = log10 ((double) longest);

  g_free (chart->mmu);
  chart->n_columns = (guint) (chart->right - chart->left) + 1;
  chart->mmu = g_new (double, chart->n_columns);
  for (guint i = 0; i < chart->n_columns; i++)
    chart->mmu[i] = lanes_mmu_curve_get_mmu (chart->curve, lanes_mmu_chart_window_at (chart, chart->left + i));
}

double
lanes_mmu_chart_x_of (const LanesMmuChart *chart,
                      gint64               window_ns)
{
  double fraction = (log10 ((double) MAX (window_ns, 1)) - chart->log_min) / (chart->log_max - chart->log_min);

  return chart->left + fraction * (chart->right - chart->left);
}

gint64
lanes_mmu_chart_window_at (const LanesMmuChart *chart,
                           double               x)
{
  double fraction = (x - chart->left) / (chart->right - chart->left);

  return (gint64) llround (pow (10, chart->log_min + fraction * (chart->log_max - chart->log_min)));
}

double
lanes_mmu_chart_y_of (const LanesMmuChart *chart,
                      double               util)
{
  return chart->bottom - util * (chart->bottom - chart->top);
}

gboolean
lanes_mmu_chart_value_at (const LanesMmuChart *chart,
                          double               x,
                          gint64              *window_ns,
                          double              *mmu)
{
  long column = lround (x - chart->left);

  if (chart->mmu == NULL || column < 0 || column >= (long) chart->n_columns)
    return FALSE;
  *window_ns = lanes_mmu_chart_window_at (chart, chart->left + column);
  *mmu = chart->mmu[column];
  return TRUE;
}

double
lanes_mmu_chart_set_budget (LanesMmuChart *chart,
                            gint64         budget_ns)
{
  chart->budget = MAX (budget_ns, 0);
  chart->budget_mmu = chart->budget > 0 ? lanes_mmu_curve_get_mmu (chart->curve, chart->budget) : 1;
  return chart->budget_mmu;
}

static void
draw_budget (LanesMmuChart      *chart,
             cairo_t            *cr,
             const LanesPalette *palette)
{
  const double dash[] = { 4, 3 };
  double x = round (lanes_mmu_chart_x_of (chart, chart->budget)) + 0.5;
  g_autofree char *window = NULL;
  g_autofree char *text = NULL;
  gint64 precision = 1;

  /* As the user wrote it: "5 ms", "1.5 ms". */
  while (precision < G_GINT64_CONSTANT (1000000000) && chart->budget % (precision * 10) == 0)
    precision *= 10;
  window = lanes_duration_format_precise (chart->budget, precision, chart->budget);
  text = g_strdup_printf (_("mmu(%s) = %.2f: the GC alone can take %.0f %% of any %s window"),
                          window, chart->budget_mmu, 100 * (1 - chart->budget_mmu), window);
  lanes_palette_set_source (cr, palette->text, 1);
  /* A budget past the trace's length has its words, at the end. */
  if (x > chart->right + 1)
    {
      lanes_chart_text (chart->typesetter, cr, text, chart->right, chart->top + 14, 1);
      return;
    }
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, x, chart->top);
  cairo_line_to (cr, x, chart->bottom);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_arc (cr, x, lanes_mmu_chart_y_of (chart, chart->budget_mmu), 3.5, 0, 2 * G_PI);
  cairo_fill (cr);
  /* Beside the line, on whichever side has room. */
  lanes_chart_text (chart->typesetter, cr, text, x < (chart->left + chart->right) / 2 ? x + 6 : x - 6, chart->top + 14,
                    x < (chart->left + chart->right) / 2 ? 0 : 1);
}

static void
draw_grid (LanesMmuChart      *chart,
           cairo_t            *cr,
           const LanesPalette *palette)
{
  double label_y = chart->bottom + 16;

  cairo_set_line_width (cr, 1);
  /* A line and a label at each power of ten. */
  for (int e = (int) ceil (chart->log_min - 1e-9); e <= (int) floor (chart->log_max + 1e-9); e++)
    {
      gint64 window = (gint64) llround (pow (10, e));
      double x = round (lanes_mmu_chart_x_of (chart, window)) + 0.5;
      g_autofree char *label = lanes_duration_format_precise (window, window, window);

      lanes_palette_set_source (cr, palette->grid, 1);
      cairo_move_to (cr, x, chart->top);
      cairo_line_to (cr, x, chart->bottom + 4);
      cairo_stroke (cr);
      lanes_palette_set_source (cr, palette->text_dim, 1);
      lanes_chart_text (chart->typesetter, cr, label, MIN (x, chart->right - 24), label_y, 0.5);
    }
  for (int q = 0; q <= 4; q++)
    {
      double y = round (lanes_mmu_chart_y_of (chart, q / 4.0)) + 0.5;
      g_autofree char *label = g_strdup_printf ("%.2f", q / 4.0);

      lanes_palette_set_source (cr, palette->grid, 1);
      cairo_move_to (cr, chart->left, y);
      cairo_line_to (cr, chart->right, y);
      cairo_stroke (cr);
      lanes_palette_set_source (cr, palette->text_dim, 1);
      lanes_chart_text (chart->typesetter, cr, label, chart->left - 6, y + 4, 1);
    }
  lanes_palette_set_source (cr, palette->text, 1);
  lanes_chart_text (chart->typesetter, cr, _("window (log scale)"), (chart->left + chart->right) / 2, chart->bottom + 31, 0.5);
  lanes_chart_text (chart->typesetter, cr, _("minimum mutator utilization: the least share of the CPU the program kept in any window of a size"),
                    chart->left, 18, 0);
}

void
lanes_mmu_chart_draw (LanesMmuChart      *chart,
                      cairo_t            *cr,
                      const LanesPalette *palette)
{
  LanesRgb color = palette->states[LANES_STATE_RUNNING];

  g_return_if_fail (chart->mmu != NULL);

  cairo_save (cr);
  lanes_palette_set_source (cr, palette->background, 1);
  cairo_paint (cr);
  lanes_text_update (chart->typesetter, cr);
  draw_grid (chart, cr, palette);

  /* The area under the curve, tinted, then the curve. */
  cairo_move_to (cr, chart->left, chart->bottom);
  for (guint i = 0; i < chart->n_columns; i++)
    cairo_line_to (cr, chart->left + i, lanes_mmu_chart_y_of (chart, chart->mmu[i]));
  cairo_line_to (cr, chart->left + chart->n_columns - 1, chart->bottom);
  cairo_close_path (cr);
  lanes_palette_set_source (cr, color, 0.18);
  cairo_fill (cr);
  for (guint i = 0; i < chart->n_columns; i++)
    cairo_line_to (cr, chart->left + i, lanes_mmu_chart_y_of (chart, chart->mmu[i]));
  lanes_palette_set_source (cr, color, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  lanes_palette_set_source (cr, palette->text_dim, 1);
  cairo_rectangle (cr, chart->left, round (chart->bottom), chart->right - chart->left, 1);
  cairo_fill (cr);
  if (chart->budget > 0)
    draw_budget (chart, cr, palette);
  cairo_restore (cr);
}
