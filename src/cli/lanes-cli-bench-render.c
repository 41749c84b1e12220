/* lanes-cli-bench-render.c: `lanes-cli bench model TRACE`: building the
 * model; `lanes-cli bench render TRACE`: the same, then frames at every
 * zoom level.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "lanes-cli.h"
#include "lanes-duration.h"
#include "lanes-renderer.h"
#include "lanes-trace.h"

#define FRAME_WIDTH  1920
#define FRAME_HEIGHT 1080
#define POSITIONS    12       /* frames per zoom level and round */
#define ROUNDS       3
#define DEEPEST      100000   /* ns: the narrowest window drawn */

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

/* Frames at a zoom level: POSITIONS windows spread over the trace,
 * ROUNDS times, each timed alone. */
static void
bench_level (LanesRenderer *renderer,
             cairo_t       *cr,
             GArray        *lanes,
             gint64         start,
             gint64         end,
             gint64         window)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = lanes_duration_format_precise (window, MAX (window / 100, 1), window);

  for (guint round = 0; round < ROUNDS; round++)
    for (guint k = 0; k < POSITIONS; k++)
      {
        gint64 centre = start + (gint64) ((end - start) * (k + 0.5) / POSITIONS);
        gint64 t0 = CLAMP (centre - window / 2, start, MAX (end - window, start));
        gint64 before = g_get_monotonic_time ();
        double ms;

        lanes_renderer_draw (renderer, cr, FRAME_WIDTH, FRAME_HEIGHT, t0, t0 + window,
                             (const guint *) lanes->data, lanes->len);
        cairo_surface_flush (cairo_get_target (cr));
        ms = (g_get_monotonic_time () - before) / 1000.0;
        g_array_append_val (times, ms);
      }
  g_array_sort (times, compare_doubles);
  printf ("  %-12s  p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms\n", label,
          percentile (times, 0.5), percentile (times, 0.99), g_array_index (times, double, times->len - 1));
}

/* Builds the model of @path and prints what it cost. */
static LanesTimeline *
build_model (const char  *path,
             GError     **error)
{
  gint64 before = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  LanesTraceReader *reader = lanes_cli_open_reader (path, error);
  LanesTimeline *timeline = reader != NULL ? lanes_timeline_new_for_reader (reader, NULL, NULL, NULL, error) : NULL;

  if (timeline == NULL)
    return NULL;
  printf ("trace:      %s\n", path);
  printf ("events:     %" G_GUINT64_FORMAT ", %u lanes\n", lanes_timeline_get_n_events (timeline),
          lanes_timeline_get_n_lanes (timeline));
  printf ("build:      %.3f s (%.3f s of CPU)\n", (g_get_monotonic_time () - before) / 1e6, cpu_seconds () - cpu);
  printf ("peak RSS:   %.1f MiB (the model holds %.1f MiB)\n", lanes_cli_peak_rss_mib (),
          lanes_timeline_get_memory (timeline) / (1024.0 * 1024.0));
  return timeline;
}

int
lanes_cli_bench_model (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = build_model (path, &error);

  return timeline != NULL ? 0 : lanes_cli_fail (error);
}

int
lanes_cli_bench_render (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = NULL;
  g_autoptr(LanesRenderer) renderer = NULL;
  g_autoptr(GArray) lanes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 start, end, window;

  timeline = build_model (path, &error);
  if (timeline == NULL)
    return lanes_cli_fail (error);

  renderer = lanes_renderer_new (timeline);
  lanes = lanes_renderer_pick_lanes (renderer, (1u << LANES_N_GROUPS) - 1, FRAME_WIDTH, FRAME_HEIGHT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH, FRAME_HEIGHT);
  cr = cairo_create (surface);
  start = lanes_timeline_get_start (timeline);
  end = lanes_timeline_get_end (timeline);

  printf ("frames:     %dx%d, %u lanes, %d per zoom level\n", FRAME_WIDTH, FRAME_HEIGHT, lanes->len,
          POSITIONS * ROUNDS);
  /* Once untimed: the first text drawn loads fonts. */
  lanes_renderer_draw (renderer, cr, FRAME_WIDTH, FRAME_HEIGHT, start, end, (const guint *) lanes->data, lanes->len);
  for (window = end - start; window > DEEPEST; window /= 4)
    bench_level (renderer, cr, lanes, start, end, window);
  bench_level (renderer, cr, lanes, start, end, MIN (DEEPEST, end - start));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
