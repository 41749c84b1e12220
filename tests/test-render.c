/* test-render.c: frames of the fixture traces, checked pixel by pixel.
 *
 * Spans found by hit tests must show in their palette colour where the
 * frame says their lane is, in both palettes; stop-the-world pauses tint
 * the lanes; time labels stay whole at the right edge; the legend wraps;
 * plots show and name their true peaks; and a frame written as PNG reads
 * back the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lanes-flame-graph.h"
#include "lanes-palette.h"
#include "lanes-renderer-private.h"
#include "lanes-wire.h"
#include "test-pixels.h"
#include "trace-writer.h"

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
  f->lanes = lanes_renderer_pick_lanes (f->renderer, (1u << LANES_N_GROUPS) - 1, WIDTH, HEIGHT);
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

/* Whether the legend, in however many rows, shows a swatch of @rgb. */
static gboolean
legend_has (Frame    *f,
            LanesRgb  rgb)
{
  for (int y = HEIGHT - lanes_renderer_get_legend_height (f->renderer, WIDTH); y < HEIGHT; y++)
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

/* Time labels near the frame's right edge stay whole: drawn into a
 * wider surface, nothing may land right of the frame, and the last
 * tick's label still shows inside it. */
static void
test_axis_edge (void)
{
  const int height = 120, margin = 80;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "go1.23-sleep.trace", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = lanes_timeline_new_for_path (path, &error);
  g_autoptr(LanesRenderer) renderer = NULL;
  g_autoptr(GArray) lanes = NULL;
  gint64 start;

  g_assert_no_error (error);
  renderer = lanes_renderer_new (timeline);
  lanes = lanes_renderer_pick_lanes (renderer, 1u << LANES_GROUP_RUNTIME, WIDTH, height);
  start = lanes_timeline_get_start (timeline);
  /* 400 ms and a little more: the 400 ms tick walks from the right
   * edge to some 70 pixels left of it. */
  for (gint64 extra = 100000; extra <= 40000000; extra += 1300000)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH + margin, height);
      cairo_t *cr = cairo_create (surface);
      const guint32 *data;
      int stride, text_pixels = 0;

      lanes_renderer_draw (renderer, cr, WIDTH, height, start, start + 400000000 + extra,
                           (const guint *) lanes->data, lanes->len);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = (const guint32 *) cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface) / 4;
      for (int y = 0; y < LANES_RENDER_AXIS_HEIGHT; y++)
        for (int x = WIDTH; x < WIDTH + margin; x++)
          g_assert_cmphex (data[y * stride + x], ==, 0);
      /* Above the tick marks, only labels draw. */
      for (int y = 2; y < LANES_RENDER_AXIS_HEIGHT - 8; y++)
        for (int x = WIDTH - 70; x < WIDTH; x++)
          text_pixels += (data[y * stride + x] & 0xffffff) != lanes_palette_get (FALSE)->background;
      g_assert_cmpint (text_pixels, >, 20);
      cairo_surface_destroy (surface);
    }
}

/* The legend keeps every entry whole at any width, in as many rows as it
 * needs: each span colour, the heap's two and the wake-up arrow show
 * in the band the renderer reports, and that band grows as the frame
 * narrows. */
static void
test_legend_wraps (void)
{
  static const LanesState states[] = {
    LANES_STATE_RUNNING, LANES_STATE_RUNNABLE, LANES_STATE_SYSCALL, LANES_STATE_WAIT_SYNC,
    LANES_STATE_WAIT_CHAN, LANES_STATE_WAIT_SELECT, LANES_STATE_WAIT_NETWORK, LANES_STATE_WAIT_SLEEP,
    LANES_STATE_WAIT_GC, LANES_STATE_WAIT_OTHER, LANES_STATE_GC_DEDICATED, LANES_STATE_ASSIST,
    LANES_STATE_SWEEP, LANES_STATE_PROC_SCHED, LANES_STATE_ON_PROC, LANES_STATE_STW,
  };
  static const int widths[] = { 1920, 1200, 850, 500, 300 };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "go1.23-sleep.trace", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = lanes_timeline_new_for_path (path, &error);
  g_autoptr(LanesRenderer) renderer = NULL;

  g_assert_no_error (error);
  renderer = lanes_renderer_new (timeline);
  g_assert_cmpint (lanes_renderer_get_legend_height (renderer, 1920), ==, LANES_RENDER_LEGEND_HEIGHT);
  for (guint w = 1; w < G_N_ELEMENTS (widths); w++)
    g_assert_cmpint (lanes_renderer_get_legend_height (renderer, widths[w]), >=,
                     lanes_renderer_get_legend_height (renderer, widths[w - 1]));
  for (guint dark = 0; dark < 2; dark++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        const LanesPalette *palette = lanes_palette_get (dark);
        int width = widths[w], legend = lanes_renderer_get_legend_height (renderer, width);
        g_autoptr(GArray) lanes = lanes_renderer_pick_lanes (renderer, (1u << LANES_N_GROUPS) - 1, width, HEIGHT);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, HEIGHT);
        cairo_t *cr = cairo_create (surface);
        LanesRgb wanted[G_N_ELEMENTS (states) + 3];
        int lane_y, lane_height;

        lanes_renderer_set_dark (renderer, dark);
        lanes_renderer_draw (renderer, cr, width, HEIGHT, lanes_timeline_get_start (timeline),
                             lanes_timeline_get_end (timeline), (const guint *) lanes->data, lanes->len);
        cairo_destroy (cr);
        cairo_surface_flush (surface);

        /* The lanes stop above it. */
        g_assert_true (lanes_renderer_get_lane_area (renderer, g_array_index (lanes, guint, lanes->len - 1),
                                                     &lane_y, &lane_height));
        g_assert_cmpint (lane_y + lane_height, <=, HEIGHT - legend);

        for (guint i = 0; i < G_N_ELEMENTS (states); i++)
          wanted[i] = palette->states[states[i]];
        wanted[G_N_ELEMENTS (states)] = palette->series[LANES_SERIES_HEAP_LIVE];
        wanted[G_N_ELEMENTS (states) + 1] = palette->series[LANES_SERIES_HEAP_GOAL];
        wanted[G_N_ELEMENTS (states) + 2] = palette->wakeup;
        for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
          {
            gboolean found = FALSE;

            for (int y = HEIGHT - legend; y < HEIGHT && !found; y++)
              for (int x = 0; x < width && !found; x++)
                found = pixel (surface, x, y) == wanted[i];
            if (!found)
              g_test_fail_printf ("%d px wide, %s: no #%06x in the legend", width, dark ? "dark" : "light",
                                  wanted[i]);
          }
        cairo_surface_destroy (surface);
      }
  g_assert_cmpint (lanes_renderer_get_legend_height (renderer, 850), >, LANES_RENDER_LEGEND_HEIGHT);
}

/* The text of the last frame's label that begins with @prefix. */
static const char *
find_label (LanesRenderer *renderer,
            const char    *prefix)
{
  for (guint i = 0; i < renderer->labels->len; i++)
    {
      const char *text = renderer->text->str + g_array_index (renderer->labels, LanesTextLabel, i).offset;

      if (g_str_has_prefix (text, prefix))
        return text;
    }
  return NULL;
}

/* The most of @series over [@t0, @t1), from its finest items read a few
 * microseconds at a time. */
static gint64
series_peak (LanesTimeline *timeline,
             LanesSeries    series,
             gint64         t0,
             gint64         t1)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesPlotItem));
  gint64 peak = G_MININT64;

  for (gint64 t = t0; t < t1; t += 4096)
    {
      g_array_set_size (items, 0);
      lanes_timeline_query_plot (timeline, series, t, MIN (t + 4096, t1), 4096, items);
      for (guint i = 0; i < items->len; i++)
        peak = MAX (peak, g_array_index (items, LanesPlotItem, i).max);
    }
  return peak;
}

/* A heap that grows slowly for 800 µs, with a goal that rises now and
 * then, and a spike 3 ns long: a peak far narrower than a pixel. */
static LanesTimeline *
heap_timeline (void)
{
  static const char * const strings[] = { "unused", NULL };
  g_autoptr(TraceWriter) w = trace_writer_new (23);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LanesTimeline *timeline;

  trace_writer_sync_batch (w, 23, 1, 1000000000);   /* 1 ns per tick */
  trace_writer_strings (w, 1, strings);
  trace_writer_begin_batch (w, 1, 1, 100);
  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_STATUS, 4, 1, 1, G_MAXUINT64, LANES_WIRE_GO_RUNNING);
  for (guint i = 0; i < 8000; i++)
    {
      trace_writer_event (w, LANES_WIRE_HEAP_ALLOC, 2, 100, (guint64) (1000000 + 50 * i + (i % 7) * 1000));
      if (i == 5003)
        {
          trace_writer_event (w, LANES_WIRE_HEAP_ALLOC, 2, 10, 9000000);
          trace_writer_event (w, LANES_WIRE_HEAP_ALLOC, 2, 3, 1300000);
        }
      if (i % 1000 == 0)
        trace_writer_event (w, LANES_WIRE_HEAP_GOAL, 2, 1,
                            (guint64) (2000000 + 100 * i + (i == 3000 ? 4000000 : 0)));
    }
  trace_writer_end_batch (w);
  bytes = trace_writer_bytes (w);
  timeline = lanes_timeline_new_for_bytes (bytes, "heap.trace", &error);
  g_assert_no_error (error);
  return timeline;
}

/* The heap plot's label names the peaks of the range shown, whatever the
 * frame's width: the whole trace and parts of it. */
static void
test_plot_label (void)
{
  static const int widths[] = { 1920, 1000, 850, 400 };
  g_autoptr(LanesTimeline) timeline = heap_timeline ();
  g_autoptr(LanesRenderer) renderer = lanes_renderer_new (timeline);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  guint heap = lanes_timeline_find_lane (timeline, LANES_LANE_HEAP, -1);
  gint64 start = lanes_timeline_get_start (timeline), end = lanes_timeline_get_end (timeline);

  g_assert_cmpuint (heap, !=, G_MAXUINT);
  g_assert_cmpint (series_peak (timeline, LANES_SERIES_HEAP_LIVE, start, end), ==, 9000000);
  for (guint q = 0; q < 24; q++)
    {
      gint64 t0 = q == 0 ? start : start + (gint64) (g_rand_double (rand) * (end - start) * 0.9);
      gint64 t1 = q == 0 ? end : MIN (end, t0 + 1000 + (gint64) (g_rand_double (rand) * (end - start) / 2));
      g_autofree char *live = g_format_size_full (series_peak (timeline, LANES_SERIES_HEAP_LIVE, t0, t1),
                                                  G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *goal = g_format_size_full (series_peak (timeline, LANES_SERIES_HEAP_GOAL, t0, t1),
                                                  G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *expected = g_strdup_printf ("live heap ≤ %s   goal ≤ %s", live, goal);

      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, widths[w], 200);
          cairo_t *cr = cairo_create (surface);

          lanes_renderer_draw (renderer, cr, widths[w], 200, t0, t1, &heap, 1);
          g_assert_cmpstr (find_label (renderer, "live heap"), ==, expected);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }
}

/* The heap's spike, 3 ns in 800 µs, reaches the top of the plot in the
 * column it falls in, at any width and zoom. */
static void
test_plot_peak (void)
{
  static const int widths[] = { 1920, 1000, 850, 400 };
  g_autoptr(LanesTimeline) timeline = heap_timeline ();
  g_autoptr(LanesRenderer) renderer = lanes_renderer_new (timeline);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesPlotItem));
  guint heap = lanes_timeline_find_lane (timeline, LANES_LANE_HEAP, -1);
  gint64 start = lanes_timeline_get_start (timeline), end = lanes_timeline_get_end (timeline), spike = -1;
  const LanesPalette *palette = lanes_palette_get (FALSE);

  for (gint64 t = start; t < end && spike < 0; t += 4096)
    {
      g_array_set_size (items, 0);
      lanes_timeline_query_plot (timeline, LANES_SERIES_HEAP_LIVE, t, MIN (t + 4096, end), 4096, items);
      for (guint i = 0; i < items->len && spike < 0; i++)
        if (g_array_index (items, LanesPlotItem, i).max == 9000000)
          spike = g_array_index (items, LanesPlotItem, i).start;
    }
  g_assert_cmpint (spike, >=, start);

  for (guint zoom = 0; zoom < 12; zoom++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        gint64 t0 = start + (spike - start) * zoom / 13, t1 = end - (end - spike) * zoom / 17;
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, widths[w], 200);
        cairo_t *cr = cairo_create (surface);
        double ns_per_pixel = (double) (t1 - t0) / (widths[w] - LANES_RENDER_LABEL_WIDTH);
        int x = LANES_RENDER_LABEL_WIDTH + (int) floor ((spike - t0) / ns_per_pixel), y, height;
        LanesRgb top;

        lanes_renderer_draw (renderer, cr, widths[w], 200, t0, t1, &heap, 1);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        g_assert_true (lanes_renderer_get_lane_area (renderer, heap, &y, &height));
        /* The plot's top row, 13 pixels down under its label, holds the
         * spike; the heap before it, a ninth of it, stays low. */
        top = pixel (surface, x, y + 13);
        g_assert_cmphex (top, !=, palette->background);
        g_assert_cmphex (top, !=, palette->alternate);
        g_assert_cmphex (pixel (surface, LANES_RENDER_LABEL_WIDTH + 2, y + height / 2), ==,
                         pixel (surface, 2, y + height / 2));
        cairo_surface_destroy (surface);
      }
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
  g_test_add_func ("/render/axis-edge", test_axis_edge);
  g_test_add_func ("/render/legend-wraps", test_legend_wraps);
  g_test_add_func ("/render/plot-label", test_plot_label);
  g_test_add_func ("/render/plot-peak", test_plot_peak);
  g_test_add_func ("/render/png", test_png);
  g_test_add_func ("/render/cpu-ticks", test_cpu_ticks);
  g_test_add_func ("/render/flame-graph", test_flame_graph);
  status = g_test_run ();
  /* Pango's fonts first: they hold cairo's. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  return status;
}
