/* test-charts.c: the GC and MMU charts, drawn headless and checked
 * pixel by pixel against the numbers they draw.
 *
 * The MMU curve's pixels sit where lanes_mmu_curve_get_mmu() and, on
 * the corpus, Go's reference MMU put them; a pause over 1 ms reaches
 * above the 1 ms line and a shorter one does not; the heap lines' tops
 * are the heap's maxima; hit tests find the cycles drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <math.h>

#include "lanes-analysis.h"
#include "lanes-chart-private.h"
#include "lanes-duration.h"
#include "lanes-gc-chart.h"
#include "lanes-gc-table.h"
#include "lanes-mmu-chart.h"
#include "test-pixels.h"

#define WIDTH  900
#define HEIGHT 360

/* At least half way from @background to @color in every channel. */
static gboolean
near_color (LanesRgb pixel,
            LanesRgb color,
            LanesRgb background)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int p = (pixel >> shift) & 0xff, c = (color >> shift) & 0xff, b = (background >> shift) & 0xff;

      if (abs (p - c) > abs (b - c) / 2 + 2)
        return FALSE;
    }
  return TRUE;
}

/* The first row from @top down whose pixels in [@x0, @x1) near @color,
 * or -1. */
static int
first_row_with (cairo_surface_t *surface,
                int              x0,
                int              x1,
                int              top,
                int              bottom,
                LanesRgb         color,
                LanesRgb         background)
{
  for (int y = top; y < bottom; y++)
    for (int x = x0; x < x1; x++)
      if (near_color (pixel (surface, x, y), color, background))
        return y;
  return -1;
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static LanesAnalysis *
analyse (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = lanes_trace_reader_new_for_path (path, &error);
  LanesAnalysis *analysis;

  g_assert_no_error (error);
  analysis = lanes_analysis_compute (reader, &error);
  g_assert_no_error (error);
  return analysis;
}

static cairo_surface_t *
draw_mmu (LanesMmuChart *chart,
          gboolean       dark)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  lanes_mmu_chart_set_size (chart, WIDTH, HEIGHT);
  lanes_mmu_chart_draw (chart, cr, lanes_palette_get (dark));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The curve's colour within @slack rows of @util's height in the
 * column of @window. */
static void
assert_curve_at (cairo_surface_t     *surface,
                 const LanesMmuChart *chart,
                 const LanesPalette  *palette,
                 gint64               window,
                 double               util,
                 int                  slack)
{
  int x = (int) lround (lanes_mmu_chart_x_of (chart, window));
  int y = (int) floor (lanes_mmu_chart_y_of (chart, util));
  int found = -1;

  for (int dy = -slack; dy <= slack && found < 0; dy++)
    if (y + dy >= 0 && y + dy < HEIGHT
        && near_color (pixel (surface, x, y + dy), palette->states[LANES_STATE_RUNNING], palette->background))
      found = y + dy;
  if (found < 0)
    g_error ("no curve at window %" G_GINT64_FORMAT " ns (x %d), MMU %.4f (y %d)", window, x, util, y);
}

/* Each column samples the curve exactly, and draws it where it is. */
static void
test_mmu_fixture (void)
{
  g_autofree char *path = fixture_path ("go1.23-gc.trace");
  g_autoptr(LanesAnalysis) analysis = analyse (path);
  LanesMmuCurve *curve = lanes_analysis_get_mmu (analysis, FALSE);
  gint64 length = lanes_analysis_get_end_time (analysis) - lanes_analysis_get_start_time (analysis);
  g_autoptr(LanesMmuChart) chart = lanes_mmu_chart_new (curve, length);

  for (int dark = 0; dark <= 1; dark++)
    {
      const LanesPalette *palette = lanes_palette_get (dark);
      cairo_surface_t *surface = draw_mmu (chart, dark);
      gint64 window;
      double mmu;

      for (int x = LANES_CHART_LEFT; x <= WIDTH - LANES_CHART_RIGHT; x += 97)
        {
          g_assert_true (lanes_mmu_chart_value_at (chart, x, &window, &mmu));
          g_assert_cmpfloat (mmu, ==, lanes_mmu_curve_get_mmu (curve, window));
          assert_curve_at (surface, chart, palette, window, mmu, 1);
        }
      g_assert_false (lanes_mmu_chart_value_at (chart, 2, &window, &mmu));
      /* The axis starts at 1 µs and ends at the trace's length. */
      g_assert_cmpint (lanes_mmu_chart_window_at (chart, lanes_mmu_chart_x_of (chart, 1000)), ==, 1000);
      g_assert_cmpfloat (fabs (lanes_mmu_chart_x_of (chart, length) - (WIDTH - LANES_CHART_RIGHT)), <, 0.5);
      cairo_surface_destroy (surface);
    }
}

/* A budget: its line, and a dot where the curve crosses it. */
static void
test_mmu_budget (void)
{
  g_autofree char *path = fixture_path ("go1.23-gc.trace");
  g_autoptr(LanesAnalysis) analysis = analyse (path);
  LanesMmuCurve *curve = lanes_analysis_get_mmu (analysis, FALSE);
  g_autoptr(LanesMmuChart) chart = lanes_mmu_chart_new (curve, lanes_analysis_get_end_time (analysis)
                                                                - lanes_analysis_get_start_time (analysis));
  gint64 budget = 1000000;
  double mmu;
  cairo_surface_t *surface;
  const LanesPalette *palette = lanes_palette_get (FALSE);
  int x, y;

  lanes_mmu_chart_set_size (chart, WIDTH, HEIGHT);
  mmu = lanes_mmu_chart_set_budget (chart, budget);
  g_assert_cmpfloat (mmu, ==, lanes_mmu_curve_get_mmu (curve, budget));
  surface = draw_mmu (chart, FALSE);
  x = (int) lround (lanes_mmu_chart_x_of (chart, budget));
  y = (int) floor (lanes_mmu_chart_y_of (chart, mmu));
  g_assert_cmpuint (pixel (surface, x, y), ==, palette->text);
  /* The dashed line runs up the chart. */
  g_assert_cmpint (first_row_with (surface, x, x + 1, 0, HEIGHT, palette->text, palette->background), <=,
                   (int) lanes_mmu_chart_y_of (chart, 1) + 4);
  cairo_surface_destroy (surface);
}

/* Go's reference MMU at 1, 10 and 100 ms where it is not zero. */
static void
test_mmu_reference (void)
{
  static const char * const traces[] = { "go1.19-stw", "go1.21-gcstress", "esbuild1.25-three" };
  static const char * const windows[] = { "1ms", "10ms", "100ms" };
  const char *corpus = g_getenv ("LANES_CORPUS");
  guint checked = 0;

  for (guint t = 0; t < G_N_ELEMENTS (traces); t++)
    {
      g_autofree char *trace = g_strdup_printf ("%s/traces/%s.trace", corpus ? corpus : "", traces[t]);
      g_autofree char *json = g_strdup_printf ("%s/traces/%s.json", corpus ? corpus : "", traces[t]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(LanesAnalysis) analysis = NULL;
      g_autoptr(LanesMmuChart) chart = NULL;
      cairo_surface_t *surface;
      JsonObject *mmu;

      if (corpus == NULL || !g_file_test (trace, G_FILE_TEST_EXISTS))
        {
          g_test_skip ("no corpus");
          return;
        }
      json_parser_load_from_file (parser, json, &error);
      g_assert_no_error (error);
      mmu = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "mmu");
      analysis = analyse (trace);
      chart = lanes_mmu_chart_new (lanes_analysis_get_mmu (analysis, FALSE),
                                   lanes_analysis_get_end_time (analysis) - lanes_analysis_get_start_time (analysis));
      surface = draw_mmu (chart, FALSE);
      for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
        {
          double expected = json_object_get_double_member (mmu, windows[w]);
          gint64 window;

          g_assert_true (lanes_duration_parse (windows[w], &window, NULL));
          if (expected == 0)
            continue;
          /* Half a column either side is 1 % of the window. */
          assert_curve_at (surface, chart, lanes_palette_get (FALSE), window, expected, 3);
          checked++;
        }
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (checked, >=, 3);
}

/* Two cycles built by hand, one with a 3 ms pause, one with 0.5 ms. */
static void
test_gc_pauses (void)
{
  const LanesGcCycle cycles[] = {
    { .start = 1000000, .end = 9000000, .mark_start = 1000000, .mark_end = 8000000 },
    { .start = 20000000, .end = 24000000, .mark_start = 20000000, .mark_end = 23000000 },
  };
  const LanesStwPause pauses[] = {
    { .start = 1000000, .duration_ns = 3000000, .for_gc = TRUE },
    { .start = 20000000, .duration_ns = 500000, .for_gc = TRUE },
  };
  g_autoptr(GArray) cycle_array = g_array_new (FALSE, FALSE, sizeof (LanesGcCycle));
  g_autoptr(GArray) pause_array = g_array_new (FALSE, FALSE, sizeof (LanesStwPause));
  g_autoptr(LanesGcChart) chart = NULL;

  g_array_append_vals (cycle_array, cycles, G_N_ELEMENTS (cycles));
  g_array_append_vals (pause_array, pauses, G_N_ELEMENTS (pauses));
  chart = lanes_gc_chart_new (cycle_array, pause_array, NULL, 0);
  lanes_gc_chart_set_frame (chart, WIDTH, HEIGHT, 0, 30000000);

  for (int dark = 0; dark <= 1; dark++)
    {
      const LanesPalette *palette = lanes_palette_get (dark);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      int line = (int) floor (lanes_gc_chart_pause_y (chart, LANES_GC_LONG_PAUSE_NS));
      LanesRgb red = palette->states[LANES_STATE_STW];
      LanesRgb band = lanes_rgb_mix (palette->background, palette->states[LANES_STATE_GC_MARK], palette->band_alpha);

      lanes_gc_chart_draw (chart, cr, palette);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      for (guint i = 0; i < G_N_ELEMENTS (pauses); i++)
        {
          int x0 = (int) ceil (lanes_gc_chart_x_of (chart, pauses[i].start));
          int top = first_row_with (surface, x0, x0 + 2, 0, HEIGHT, red, palette->background);

          g_assert_cmpint (top, >=, 0);
          /* The bar's top at its length, and above the line only when over 1 ms. */
          g_assert_cmpint (abs (top - (int) floor (lanes_gc_chart_pause_y (chart, pauses[i].duration_ns))), <=, 1);
          if (pauses[i].duration_ns > LANES_GC_LONG_PAUSE_NS)
            g_assert_cmpint (top, <, line);
          else
            g_assert_cmpint (top, >, line);
        }

      /* The mark phase's band, between the bars and in the heap's part. */
      g_assert_true (near_color (pixel (surface, (int) lanes_gc_chart_x_of (chart, 5000000), HEIGHT - 60),
                                 band, palette->background));
      g_assert_cmpuint (pixel (surface, (int) lanes_gc_chart_x_of (chart, 16300000), HEIGHT - 60), ==,
                        palette->background);
      cairo_surface_destroy (surface);
    }

  /* The selected cycle's band is deeper, the others' as they were. */
  for (int dark = 0; dark <= 1; dark++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      int x = (int) lanes_gc_chart_x_of (chart, 5000000), other = (int) lanes_gc_chart_x_of (chart, 22000000);
      LanesRgb before, other_before;

      lanes_gc_chart_draw (chart, cr, lanes_palette_get (dark));
      cairo_surface_flush (surface);
      before = pixel (surface, x, HEIGHT - 60);
      other_before = pixel (surface, other, HEIGHT - 60);
      lanes_gc_chart_set_selected (chart, 0);
      lanes_gc_chart_draw (chart, cr, lanes_palette_get (dark));
      cairo_surface_flush (surface);
      g_assert_cmpuint (pixel (surface, x, HEIGHT - 60), !=, before);
      g_assert_cmpuint (pixel (surface, other, HEIGHT - 60), ==, other_before);
      lanes_gc_chart_set_selected (chart, G_MAXUINT);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  g_assert_cmpuint (lanes_gc_chart_cycle_at (chart, lanes_gc_chart_x_of (chart, 5000000)), ==, 0);
  g_assert_cmpuint (lanes_gc_chart_cycle_at (chart, lanes_gc_chart_x_of (chart, 24000000) + 2), ==, 1);
  g_assert_cmpuint (lanes_gc_chart_cycle_at (chart, lanes_gc_chart_x_of (chart, 15000000)), ==, G_MAXUINT);
  g_assert_cmpint (lanes_gc_chart_time_at (chart, lanes_gc_chart_x_of (chart, 12345678)), ==, 12345678);
}

/* The heap lines reach as high as the heap went, and no higher. */
static void
test_gc_heap (void)
{
  g_autofree char *path = fixture_path ("go1.23-gc.trace");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = lanes_timeline_new_for_path (path, &error);
  g_autoptr(LanesAnalysis) analysis = analyse (path);
  LanesGcAnalysis *gc = lanes_analysis_get_gc (analysis);
  g_autoptr(LanesGcChart) chart = NULL;
  gint64 start, end, live, goal;

  g_assert_no_error (error);
  start = lanes_timeline_get_start (timeline);
  end = lanes_timeline_get_end (timeline);
  chart = lanes_gc_chart_new (lanes_gc_analysis_get_cycles (gc), lanes_gc_analysis_get_pauses (gc), timeline, start);
  lanes_gc_chart_set_frame (chart, WIDTH, HEIGHT, start, end);
  g_assert_true (lanes_timeline_get_series_max_between (timeline, LANES_SERIES_HEAP_LIVE, start, end, &live));
  g_assert_true (lanes_timeline_get_series_max_between (timeline, LANES_SERIES_HEAP_GOAL, start, end, &goal));
  g_assert_cmpuint (lanes_gc_chart_get_heap_max (chart), ==, MAX (live, goal));
  g_assert_cmpuint (lanes_gc_analysis_get_cycles (gc)->len, >, 0);

  for (int dark = 0; dark <= 1; dark++)
    {
      const LanesPalette *palette = lanes_palette_get (dark);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      int left = (int) lanes_gc_chart_x_of (chart, start), right = (int) lanes_gc_chart_x_of (chart, end);
      int top = (int) floor (lanes_gc_chart_heap_y (chart, MAX (live, goal))) - 3;
      int live_top, goal_top;

      lanes_gc_chart_draw (chart, cr, palette);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      live_top = first_row_with (surface, left, right, top, HEIGHT, palette->series[LANES_SERIES_HEAP_LIVE],
                                 palette->background);
      goal_top = first_row_with (surface, left, right, top, HEIGHT, palette->series[LANES_SERIES_HEAP_GOAL],
                                 palette->background);
      g_assert_cmpfloat (fabs (live_top + 0.5 - lanes_gc_chart_heap_y (chart, live)), <=, 1.5);
      g_assert_cmpfloat (fabs (goal_top + 0.5 - lanes_gc_chart_heap_y (chart, goal)), <=, 1.5);
      cairo_surface_destroy (surface);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/mmu-fixture", test_mmu_fixture);
  g_test_add_func ("/charts/mmu-budget", test_mmu_budget);
  g_test_add_func ("/charts/mmu-reference", test_mmu_reference);
  g_test_add_func ("/charts/gc-pauses", test_gc_pauses);
  g_test_add_func ("/charts/gc-heap", test_gc_heap);
  return g_test_run ();
}
