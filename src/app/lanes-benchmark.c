/* lanes-benchmark.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-benchmark.h"

#include <stdio.h>

#define N_STEPS        100
#define STALL_PROBE_MS 2

typedef struct
{
  LanesWindow *window;
  LanesTimelineView *view;
  gint64 started;
  gint64 last_probe;
  gint64 window_shown;    /* when the window's first frame was done */
  gint64 startup_stall;   /* the gap that held that frame */
  gint64 longest_stall;   /* any other */
  guint probe;
  gint64 first_paint;     /* of any timeline, partial or not */
  gint64 whole_paint;     /* of the whole trace's */
  guint step;
  gint64 steps_started;
  GArray *frame_ms;       /* double: drawing each step's frame */
} Benchmark;

/* The main loop runs this every few ms: a long gap is a stall. */
static gboolean
probe (gpointer data)
{
  Benchmark *b = data;
  gint64 now = g_get_monotonic_time ();

  /* The window's first frame is GTK starting up, not loading. */
  if (b->last_probe != 0 && b->window_shown != 0 && b->last_probe <= b->window_shown && b->window_shown <= now)
    b->startup_stall = MAX (b->startup_stall, now - b->last_probe);
  else if (b->last_probe != 0)
    b->longest_stall = MAX (b->longest_stall, now - b->last_probe);
  b->last_probe = now;
  return G_SOURCE_CONTINUE;
}

static const char * const script[] = {
  "timeline.zoom-in", "timeline.pan-right", "timeline.zoom-in", "timeline.pan-right",
  "timeline.zoom-out", "timeline.pan-left", "timeline.zoom-in", "timeline.scroll-down",
  "timeline.zoom-out", "timeline.scroll-up",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
frames_per_second (GArray *ms)
{
  double sum = 0;

  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  return sum > 0 ? ms->len / (sum / 1000.0) : 0;
}

static void
report (Benchmark *b)
{
  double total = (g_get_monotonic_time () - b->steps_started) / 1e6;
  GArray *ms = b->frame_ms;

  g_array_sort (ms, compare_doubles);
  printf ("first timeline paint:      %.3f s after start\n", (b->first_paint - b->started) / 1e6);
  printf ("whole timeline paint:      %.3f s after start\n", (b->whole_paint - b->started) / 1e6);
  printf ("window's first frame:      %.1f ms (GTK starting up)\n", b->startup_stall / 1000.0);
  printf ("longest main-loop stall:   %.1f ms (while loading, after the first frame)\n", b->longest_stall / 1000.0);
  printf ("%d zoom/pan steps:        %.3f s, %.1f frames/s as shown (paced by the frame clock)\n",
          N_STEPS, total, N_STEPS / total);
  printf ("drawing a frame:           p50 %.2f ms, p99 %.2f ms, on average %.1f frames/s of work\n",
          g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, (ms->len * 99) / 100),
          frames_per_second (ms));
  fflush (stdout);
}

static void
on_after_paint (GdkFrameClock *clock,
                Benchmark     *b)
{
  LanesTimeline *timeline = lanes_timeline_view_get_timeline (b->view);

  if (b->window_shown == 0)
    b->window_shown = g_get_monotonic_time ();
  if (timeline == NULL)
    return;
  if (b->first_paint == 0)
    b->first_paint = g_get_monotonic_time ();
  /* The steps wait for the whole trace; until then the main loop is
   * watched for stalls. */
  if (lanes_timeline_is_partial (timeline))
    return;
  if (b->whole_paint == 0)
    {
      b->whole_paint = g_get_monotonic_time ();
      g_clear_handle_id (&b->probe, g_source_remove);
      b->steps_started = g_get_monotonic_time ();
    }
  if (b->step == N_STEPS)
    {
      b->step++;
      report (b);
      g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (b->window))));
      return;
    }
  if (b->step > N_STEPS)
    return;
  /* The frame just shown was drawn for the step before. */
  if (b->step > 0)
    {
      double ms = lanes_timeline_view_get_draw_time (b->view) / 1000.0;
      g_array_append_val (b->frame_ms, ms);
    }
  gtk_widget_activate_action (GTK_WIDGET (b->view), script[b->step % G_N_ELEMENTS (script)], NULL);
  gtk_widget_queue_draw (GTK_WIDGET (b->view));
  b->step++;
}

static void
free_benchmark (gpointer data)
{
  Benchmark *b = data;

  g_clear_handle_id (&b->probe, g_source_remove);
  g_array_unref (b->frame_ms);
  g_free (b);
}

void
lanes_benchmark_run (LanesWindow *window,
                     GFile       *file,
                     gint64       started)
{
  Benchmark *b = g_new0 (Benchmark, 1);
  GdkFrameClock *clock;

  b->window = window;
  b->view = lanes_window_get_timeline_view (window);
  b->started = started;
  b->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  /* Lives as long as the window. */
  g_object_set_data_full (G_OBJECT (window), "lanes-benchmark", b, free_benchmark);

  /* The frames of the timeline benchmark: 1920x1080 in all. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), b);
  b->probe = g_timeout_add (STALL_PROBE_MS, probe, b);
  printf ("trace:                     %s\n", g_file_peek_path (file));
  lanes_window_set_remember_recent (window, FALSE);
  lanes_window_open (window, file);
}
