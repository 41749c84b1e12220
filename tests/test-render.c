/* test-render.c: frames of the fixture traces, checked pixel by pixel.
 *
 * Spans found by hit tests must show in their palette colour where the
 * frame says their lane is, in both palettes; stop-the-world pauses tint
 * the lanes; and a frame written as PNG reads back the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lanes-flame-graph.h"
#include "lanes-palette.h"
#include "lanes-renderer.h"

#define WIDTH  1000
#define HEIGHT 700

typedef struct
{
  LanesTimeline *timeline;
  LanesRenderer *renderer;
  cairo_surface_t *surface;
  GArray *lanes;
  gint64 start;
  gint64 end;
} Frame;

static Frame *
frame_new (const char *scenario,
           gboolean    dark)
{
  g_autofree char *name = g_strdup_printf ("go1.23-%s.trace", scenario);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  Frame *f = g_new0 (Frame, 1);
  cairo_t *cr;

  f->timeline = lanes_timeline_new_for_path (path, &error);
  g_assert_no_error (error);
  f->renderer = lanes_renderer_new (f->timeline);
  lanes_renderer_set_dark (f->renderer, dark);
  f->lanes = lanes_renderer_pick_lanes (f->renderer, (1u << LANES_N_GROUPS) - 1, HEIGHT);
  f->start = lanes_timeline_get_start (f->timeline);
  f->end = lanes_timeline_get_end (f->timeline);
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (f->surface);
  lanes_renderer_draw (f->renderer, cr, WIDTH, HEIGHT, f->start, f->end,
                       (const guint *) f->lanes->data, f->lanes->len);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
  return f;
}

/* Draws the frame again for [@start, @end). */
static void
frame_redraw (Frame  *f,
              gint64  start,
              gint64  end)
{
  cairo_t *cr = cairo_create (f->surface);

  f->start = start;
  f->end = end;
  lanes_renderer_draw (f->renderer, cr, WIDTH, HEIGHT, start, end,
                       (const guint *) f->lanes->data, f->lanes->len);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
}

static void
frame_free (Frame *f)
{
  cairo_surface_destroy (f->surface);
  g_array_unref (f->lanes);
  g_object_unref (f->renderer);
  g_object_unref (f->timeline);
  g_free (f);
}

static LanesRgb
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface)
                                          + y * cairo_image_surface_get_stride (surface));
  return row[x] & 0xffffff;
}

/* The column whose centre a time falls in, as the renderer maps it. */
static int
column_of (Frame  *f,
           gint64  time)
{
  double ns_per_pixel = (double) (f->end - f->start) / (WIDTH - LANES_RENDER_LABEL_WIDTH);

  return LANES_RENDER_LABEL_WIDTH + (int) floor ((time - f->start) / ns_per_pixel);
}

/* The longest span of @state on @lane, by hit tests. */
static gboolean
longest_span (Frame            *f,
              guint             lane,
              LanesState        state,
              LanesSpanDetails *longest)
{
  gboolean found = FALSE;
  LanesSpanDetails d;

  for (gint64 t = f->start; t < f->end; t = d.end)
    if (lanes_timeline_hit_test (f->timeline, lane, t, &d) && d.state == state
        && (!found || d.end - d.start > longest->end - longest->start))
      {
        *longest = d;
        found = TRUE;
      }
  return found;
}

/* Where the middle of a span shows: the bar's colour, unless a pause
 * tints that column. */
static void
check_span_colour (Frame      *f,
                   guint       lane,
                   LanesState  state)
{
  const LanesPalette *palette = lanes_palette_get (FALSE);
  LanesSpanDetails span = { 0 };
  int y, height, x;

  g_assert_true (longest_span (f, lane, state, &span));
  g_assert_true (lanes_renderer_get_lane_area (f->renderer, lane, &y, &height));
  g_assert_cmpuint (lanes_renderer_get_lane_at (f->renderer, y + height / 2), ==, lane);
  x = column_of (f, span.start + (span.end - span.start) / 2);
  /* Wide enough to be drawn solid in its middle. */
  g_assert_cmpint (column_of (f, span.end) - column_of (f, span.start), >=, 4);
  g_assert_cmphex (pixel (f->surface, x, y + height - 4), ==, palette->states[state]);
}

static guint
lane_named (Frame      *f,
            const char *suffix)
{
  for (guint i = 0; i < f->lanes->len; i++)
    {
      guint lane = g_array_index (f->lanes, guint, i);
      g_autofree char *name = lanes_timeline_lane_dup_name (f->timeline, lane);

      if (g_str_has_suffix (name, suffix))
        return lane;
    }
  g_assert_not_reached ();
}

static void
test_span_colours (void)
{
  Frame *f = frame_new ("workers", FALSE);
  guint worker = lane_named (f, "main.fixtureWorker");
  guint first;

  check_span_colour (f, worker, LANES_STATE_WAIT_CHAN);
  check_span_colour (f, worker, LANES_STATE_RUNNING);
  check_span_colour (f, worker, LANES_STATE_RUNNABLE);
  check_span_colour (f, lane_named (f, "main.main"), LANES_STATE_WAIT_SLEEP);
  lanes_timeline_get_group (f->timeline, LANES_GROUP_PROCS, &first);
  check_span_colour (f, first + 2, LANES_STATE_RUNNING);
  frame_free (f);
}

/* Whether the legend shows a swatch of @rgb. */
static gboolean
legend_has (Frame    *f,
            LanesRgb  rgb)
{
  int y = HEIGHT - LANES_RENDER_LEGEND_HEIGHT + 12;

  for (int x = 0; x < WIDTH; x++)
    if (pixel (f->surface, x, y) == rgb)
      return TRUE;
  return FALSE;
}

/* The frame's corners and names: the palette's background and text. */
static void
test_dark_palette (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      Frame *f = frame_new ("sleep", dark);
      const LanesPalette *palette = lanes_palette_get (dark);

      g_assert_cmphex (pixel (f->surface, WIDTH - 2, HEIGHT - 2), ==, palette->background);
      g_assert_cmphex (pixel (f->surface, WIDTH / 2, 2), ==, palette->background);
      /* No samples in the trace, none in the legend. */
      g_assert_false (legend_has (f, palette->sample));
      g_assert_true (legend_has (f, palette->states[LANES_STATE_RUNNING]));
      frame_free (f);
    }
}

/* Stop-the-world pauses tint every lane red where they happen. */
static void
test_stw_band (void)
{
  Frame *f = frame_new ("gc", FALSE);
  const LanesPalette *palette = lanes_palette_get (FALSE);
  guint stw = lanes_timeline_find_lane (f->timeline, LANES_LANE_STW, -1);
  LanesSpanDetails pause = { 0 };
  int y, height, x, tinted = 0;
  guint first, n = lanes_timeline_get_group (f->timeline, LANES_GROUP_THREADS, &first);

  g_assert_true (longest_span (f, stw, LANES_STATE_STW, &pause));
  x = column_of (f, pause.start + (pause.end - pause.start) / 2);
  g_assert_true (lanes_renderer_get_lane_area (f->renderer, stw, &y, &height));
  g_assert_cmphex (pixel (f->surface, x, y + height / 2), ==, palette->states[LANES_STATE_STW]);

  /* Idle threads' lanes show their background, reddened. */
  for (guint m = first; m < first + n; m++)
    {
      LanesRgb c;

      if (!lanes_renderer_get_lane_area (f->renderer, m, &y, &height))
        continue;
      c = pixel (f->surface, x, y + 1);
      if (c != palette->background && c != palette->alternate)
        {
          g_assert_cmpuint ((c >> 16) & 0xff, >, (c >> 8) & 0xff);
          tinted++;
        }
    }
  g_assert_cmpint (tinted, >, 0);
  frame_free (f);
}

static void
test_png (void)
{
  Frame *f = frame_new ("annotate", FALSE);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "lanes-test-render.png", NULL);
  cairo_surface_t *back;

  g_assert_cmpint (cairo_surface_write_to_png (f->surface, path), ==, CAIRO_STATUS_SUCCESS);
  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, WIDTH);
  for (int y = 0; y < HEIGHT; y += 37)
    for (int x = 0; x < WIDTH; x += 41)
      g_assert_cmphex (pixel (back, x, y), ==, pixel (f->surface, x, y));
  cairo_surface_destroy (back);
  g_unlink (path);
  frame_free (f);
}

/* CPU samples: zoomed out, a busy goroutine's lane is lined with them
 * at the bar's foot; zoomed in, a lone sample is a tick in its column
 * and nowhere near. */
static void
test_cpu_ticks (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      Frame *f = frame_new ("cpu", dark);
      const LanesPalette *palette = lanes_palette_get (dark);
      guint lane = lane_named (f, "main.cpuHash");
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesSampleItem));
      int y, height, foot, lined = 0, x;
      gint64 t;

      g_assert_true (lanes_renderer_get_lane_area (f->renderer, lane, &y, &height));
      foot = y + height - 3;    /* the bar's bottom row */
      for (x = LANES_RENDER_LABEL_WIDTH; x < WIDTH; x++)
        lined += pixel (f->surface, x, foot) == palette->sample;
      g_assert_cmpint (lined, >, (WIDTH - LANES_RENDER_LABEL_WIDTH) / 4);
      g_assert_true (legend_has (f, palette->sample));

      /* The middle sample of the lane, with 1 µs a pixel around it. */
      lanes_timeline_query_samples (f->timeline, lane, f->start, f->end, 1u << 16, items);
      g_assert_cmpuint (items->len, >, 100);
      t = g_array_index (items, LanesSampleItem, items->len / 2).time;
      frame_redraw (f, t - 400000, t - 400000 + 1000 * (WIDTH - LANES_RENDER_LABEL_WIDTH));
      x = column_of (f, t);
      g_assert_cmphex (pixel (f->surface, x, foot), ==, palette->sample);
      g_assert_cmphex (pixel (f->surface, x, foot - 4), ==, palette->sample);
      g_assert_cmphex (pixel (f->surface, x, y + 3), !=, palette->sample);
      g_assert_cmphex (pixel (f->surface, x - 5, foot), !=, palette->sample);
      g_assert_cmphex (pixel (f->surface, x + 5, foot), !=, palette->sample);
      frame_free (f);
    }
}

/* A flame graph of the fixture's samples: the root holds every sample
 * the reader gives, the halves of the trace add up to it, and each box
 * shows in its package's colour where the layout puts it, labelled. */
static void
test_flame_graph (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "go1.23-cpu.trace", NULL);
  g_autoptr(LanesTraceReader) reader = lanes_trace_reader_new_for_path (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = lanes_timeline_new_for_path (path, &error);
  const LanesCpuSamples *samples = lanes_timeline_get_samples (timeline);
  gint64 start = lanes_timeline_get_start (timeline), end = lanes_timeline_get_end (timeline) + 1;
  gint64 middle = start + (end - start) / 2;
  guint64 halves = 0;
  guint n_events = 0, n;
  LanesTraceEvent event;
  const LanesStackSample *in_range;
  g_autoptr(LanesCallTree) tree = NULL;

  g_assert_no_error (error);
  while (lanes_trace_reader_next (reader, &event, &error))
    n_events += event.kind == LANES_EVENT_STACK_SAMPLE;
  g_assert_no_error (error);

  in_range = lanes_cpu_samples_get_range (samples, start, end, &n);
  tree = lanes_call_tree_new (lanes_timeline_get_reader (timeline), in_range, n);
  g_assert_cmpuint (lanes_call_tree_get_node (tree, LANES_CALL_TREE_ROOT)->total, ==, n_events);
  for (guint h = 0; h < 2; h++)
    {
      g_autoptr(LanesCallTree) half = NULL;

      in_range = lanes_cpu_samples_get_range (samples, h == 0 ? start : middle, h == 0 ? middle : end, &n);
      half = lanes_call_tree_new (lanes_timeline_get_reader (timeline), in_range, n);
      g_assert_cmpuint (lanes_call_tree_get_node (half, LANES_CALL_TREE_ROOT)->total, >, 0);
      halves += lanes_call_tree_get_node (half, LANES_CALL_TREE_ROOT)->total;
    }
  g_assert_cmpuint (halves, ==, n_events);

  for (guint dark = 0; dark < 2; dark++)
    {
      const LanesPalette *palette = lanes_palette_get (dark);
      g_autoptr(LanesFlameLayout) layout = lanes_flame_layout_new (tree, LANES_CALL_TREE_ROOT, WIDTH);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, 300);
      cairo_t *cr = cairo_create (surface);
      const LanesFlameBox *boxes = lanes_flame_layout_get_boxes (layout, &n);
      guint found = 0;

      lanes_flame_graph_draw (cr, layout, tree, palette, 0, 0, 300);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      for (guint b = 0; b < n; b++)
        {
          const char *name = lanes_call_tree_get_name (tree, boxes[b].node);
          int x = (int) boxes[b].x, top = boxes[b].depth * LANES_FLAME_ROW_HEIGHT;
          LanesRgb fill = lanes_flame_color (name, dark);
          gboolean lettered = FALSE;

          if (strcmp (name, "main.cpuHashRound") != 0 && strcmp (name, "lanesfixtures/crunch.Mix") != 0)
            continue;
          found++;
          g_assert_cmpfloat (boxes[b].width, >, WIDTH / 6);
          g_assert_cmphex (pixel (surface, x + 1, top + 1), ==, fill);
          g_assert_cmphex (pixel (surface, (int) (x + boxes[b].width) - 3, top + LANES_FLAME_ROW_HEIGHT / 2), ==, fill);
          g_assert_cmphex (pixel (surface, x + 1, top + LANES_FLAME_ROW_HEIGHT), !=, fill);
          for (int lx = x + 3; lx < x + 60; lx++)
            lettered |= pixel (surface, lx, top + LANES_FLAME_ROW_HEIGHT / 2) != fill;
          g_assert_true (lettered);
        }
      g_assert_cmpuint (found, ==, 2);
      g_assert_cmphex (pixel (surface, WIDTH / 2, 299), ==, palette->background);
      cairo_surface_destroy (surface);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/span-colours", test_span_colours);
  g_test_add_func ("/render/dark-palette", test_dark_palette);
  g_test_add_func ("/render/stw-band", test_stw_band);
  g_test_add_func ("/render/png", test_png);
  g_test_add_func ("/render/cpu-ticks", test_cpu_ticks);
  g_test_add_func ("/render/flame-graph", test_flame_graph);
  status = g_test_run ();
  cairo_debug_reset_static_data ();
  return status;
}
