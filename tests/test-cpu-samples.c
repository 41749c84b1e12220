/* test-cpu-samples.c: CPU profiler samples in the timeline model.
 *
 * Samples made by hand check the buckets a query merges them into, the
 * nearest-sample hit test and the sampling interval against counts made
 * here by brute force.  The fixtures' cpu scenario (three goroutines
 * busy in main.cpuHash, main.cpuSpin and main.cpuMix with the profiler
 * on) checks that every StackSample event the reader gives shows on the
 * lanes of its goroutine, P and thread, as ticks when zoomed in and as
 * counts when zoomed out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-cpu-samples.h"
#include "lanes-goroutine-index.h"
#include "lanes-timeline.h"

static LanesCpuSamples *
samples_at (const gint64 *times,
            guint         n,
            guint32       goroutine)
{
  LanesCpuSamples *samples = lanes_cpu_samples_new ();

  for (guint i = 0; i < n; i++)
    {
      LanesStackSample s = { times[i], 0, goroutine, LANES_NO_INDEX, LANES_NO_INDEX };
      lanes_cpu_samples_add (samples, &s);
    }
  return samples;
}

static void
test_buckets (void)
{
  /* Goroutine 0: a lone sample, a burst of five in 100 ns, two more
   * far apart; goroutine 1 has samples interleaved that must not count. */
  static const gint64 times[] = { 1000, 5000, 5020, 5040, 5060, 5080, 9000, 70000 };
  g_autoptr(LanesCpuSamples) samples = lanes_cpu_samples_new ();
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesSampleItem));
  const gint64 origin = 0;
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      LanesStackSample mine = { times[i], i + 1, 0, LANES_NO_INDEX, LANES_NO_INDEX };
      LanesStackSample other = { times[i] + 1, 0, 1, LANES_NO_INDEX, LANES_NO_INDEX };
      lanes_cpu_samples_add (samples, &mine);
      lanes_cpu_samples_add (samples, &other);
    }
  lanes_cpu_samples_finish (samples, 2, 0, 0);

  /* Buckets of 1 ns: each sample alone, at its own time. */
  lanes_cpu_samples_query (samples, LANES_SAMPLES_OF_GOROUTINE, 0, origin, 0, 100000, 0, items);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (times));
  for (guint i = 0; i < items->len; i++)
    {
      const LanesSampleItem *item = &g_array_index (items, LanesSampleItem, i);
      g_assert_cmpuint (item->count, ==, 1);
      g_assert_cmpint (item->time, ==, times[i]);
      g_assert_cmpuint (lanes_cpu_samples_get (samples, item->first)->stack, ==, i + 1);
    }

  /* Buckets of 1024 ns: the burst merges, the others stay alone; each
   * count is what a count by hand gives. */
  g_array_set_size (items, 0);
  lanes_cpu_samples_query (samples, LANES_SAMPLES_OF_GOROUTINE, 0, origin, 0, 100000, 10, items);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    {
      const LanesSampleItem *item = &g_array_index (items, LanesSampleItem, i);
      guint by_hand = 0;

      g_assert_cmpint (item->end - item->start, ==, 1024);
      g_assert_cmpint (item->start % 1024, ==, 0);
      for (guint t = 0; t < G_N_ELEMENTS (times); t++)
        by_hand += times[t] >= item->start && times[t] < item->end;
      g_assert_cmpuint (item->count, ==, by_hand);
      total += item->count;
    }
  g_assert_cmpuint (g_array_index (items, LanesSampleItem, 1).count, ==, 5);
  g_assert_cmpuint (total, ==, G_N_ELEMENTS (times));

  /* A range starting inside the burst counts only what it holds. */
  g_array_set_size (items, 0);
  lanes_cpu_samples_query (samples, LANES_SAMPLES_OF_GOROUTINE, 0, origin, 5030, 9000, 10, items);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (g_array_index (items, LanesSampleItem, 0).count, ==, 3);
  g_assert_cmpint (g_array_index (items, LanesSampleItem, 0).time, ==, 5040);

  /* Owners with no samples, or unknown, give nothing. */
  g_array_set_size (items, 0);
  lanes_cpu_samples_query (samples, LANES_SAMPLES_OF_GOROUTINE, 7, origin, 0, 100000, 0, items);
  lanes_cpu_samples_query (samples, LANES_SAMPLES_OF_PROC, 0, origin, 0, 100000, 0, items);
  g_assert_cmpuint (items->len, ==, 0);
}

static void
test_nearest (void)
{
  static const gint64 times[] = { 1000, 2000, 2100 };
  g_autoptr(LanesCpuSamples) samples = samples_at (times, G_N_ELEMENTS (times), 0);
  guint found = G_MAXUINT;

  lanes_cpu_samples_finish (samples, 1, 0, 0);
  g_assert_true (lanes_cpu_samples_nearest (samples, LANES_SAMPLES_OF_GOROUTINE, 0, 1040, 50, &found));
  g_assert_cmpuint (found, ==, 0);
  g_assert_true (lanes_cpu_samples_nearest (samples, LANES_SAMPLES_OF_GOROUTINE, 0, 2060, 500, &found));
  g_assert_cmpuint (found, ==, 2);
  g_assert_true (lanes_cpu_samples_nearest (samples, LANES_SAMPLES_OF_GOROUTINE, 0, 1960, 500, &found));
  g_assert_cmpuint (found, ==, 1);
  g_assert_false (lanes_cpu_samples_nearest (samples, LANES_SAMPLES_OF_GOROUTINE, 0, 1500, 100, &found));
  g_assert_false (lanes_cpu_samples_nearest (samples, LANES_SAMPLES_OF_GOROUTINE, 0, 9000, 100, &found));
}

static void
test_interval (void)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LanesCpuSamples) busy = NULL;
  g_autoptr(LanesCpuSamples) few = NULL;
  gint64 t = 0;

  /* Runs of samples 4 ms apart, broken by long waits. */
  for (guint run = 0; run < 10; run++)
    {
      for (guint i = 0; i < 20; i++, t += 4000000)
        g_array_append_val (times, t);
      t += 300000000;
    }
  busy = samples_at ((const gint64 *) times->data, times->len, 0);
  lanes_cpu_samples_finish (busy, 1, 0, 0);
  g_assert_cmpint (lanes_cpu_samples_get_interval (busy), ==, 4000000);

  few = samples_at ((const gint64 *) times->data, 5, 0);
  lanes_cpu_samples_finish (few, 1, 0, 0);
  g_assert_cmpint (lanes_cpu_samples_get_interval (few), ==, LANES_DEFAULT_SAMPLE_INTERVAL);
}

/* The same frames, by program counter and function name. */
static void
assert_same_stack (LanesTraceReader *reader_a,
                   guint32           a,
                   LanesTraceReader *reader_b,
                   guint32           b)
{
  const LanesTraceFrame *frames_a, *frames_b;
  guint n = lanes_trace_reader_get_stack (reader_a, a, &frames_a);

  g_assert_cmpuint (lanes_trace_reader_get_stack (reader_b, b, &frames_b), ==, n);
  for (guint f = 0; f < n; f++)
    {
      g_assert_cmphex (frames_a[f].pc, ==, frames_b[f].pc);
      g_assert_cmpstr (lanes_trace_reader_get_string (reader_a, frames_a[f].function), ==,
                       lanes_trace_reader_get_string (reader_b, frames_b[f].function));
    }
}

/* The fixture's StackSample events as @reader gives them. */
static GArray *
read_samples (LanesTraceReader *reader)
{
  g_autoptr(GError) error = NULL;
  GArray *events = g_array_new (FALSE, FALSE, sizeof (LanesTraceEvent));
  LanesTraceEvent event;

  g_assert_no_error (error);
  while (lanes_trace_reader_next (reader, &event, &error))
    if (event.kind == LANES_EVENT_STACK_SAMPLE)
      g_array_append_val (events, event);
  g_assert_no_error (error);
  return events;
}

/* The samples a lane's items hold, and how many items merge several. */
static guint
count_on_lane (LanesTimeline *timeline,
               guint          lane,
               gint64         t0,
               gint64         t1,
               guint          width,
               guint         *merged)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesSampleItem));
  guint n = 0;

  lanes_timeline_query_samples (timeline, lane, t0, t1, width, items);
  g_assert_cmpuint (items->len, <=, width + 1);
  for (guint i = 0; i < items->len; i++)
    {
      const LanesSampleItem *item = &g_array_index (items, LanesSampleItem, i);

      g_assert_cmpint (item->time, >=, MAX (item->start, t0));
      g_assert_cmpint (item->time, <, MIN (item->end, t1));
      n += item->count;
      *merged += item->count > 1;
    }
  return n;
}

static void
test_fixture (gconstpointer data)
{
  const char *version = data;
  g_autofree char *name = g_strdup_printf ("%s-cpu.trace", version);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = lanes_timeline_new_for_path (path, &error);
  g_autoptr(LanesTraceReader) reader = lanes_trace_reader_new_for_path (path, NULL);
  g_autoptr(GArray) events = read_samples (reader);
  static const char * const busy[] = { " main.cpuHash", " main.cpuSpin", " main.cpuMix" };
  gint64 start, end;
  guint first, n_lanes, on_goroutines = 0, with_goroutine = 0, merged = 0, found_busy = 0;

  g_assert_no_error (error);
  start = lanes_timeline_get_start (timeline);
  end = lanes_timeline_get_end (timeline) + 1;
  g_assert_cmpuint (events->len, >, 1000);
  g_assert_cmpuint (lanes_cpu_samples_get_n (lanes_timeline_get_samples (timeline)), ==, events->len);
  for (guint i = 0; i < events->len; i++)
    with_goroutine += g_array_index (events, LanesTraceEvent, i).goroutine != LANES_NO_GOROUTINE;

  /* Zoomed out, every sample with a goroutine is on its lane, and the
   * busy goroutines' samples merge. */
  n_lanes = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first);
  for (guint lane = first; lane < first + n_lanes; lane++)
    {
      g_autofree char *lane_name = lanes_timeline_lane_dup_name (timeline, lane);
      guint lane_merged = 0;
      guint n = count_on_lane (timeline, lane, start, end, 800, &lane_merged);

      on_goroutines += n;
      merged += lane_merged;
      for (guint b = 0; b < G_N_ELEMENTS (busy); b++)
        if (g_str_has_suffix (lane_name, busy[b]))
          {
            found_busy++;
            g_assert_cmpuint (n, >, events->len / 6);
            g_assert_cmpuint (lane_merged, >, 0);
          }
    }
  g_assert_cmpuint (found_busy, ==, G_N_ELEMENTS (busy));
  g_assert_cmpuint (on_goroutines, ==, with_goroutine);
  g_assert_cmpuint (merged, >, 0);

  /* Zoomed in to 1 µs a pixel around each of some samples, it is a
   * tick of its own at its time, found by a hit test on its goroutine,
   * P and thread lanes. */
  for (guint i = 0; i < events->len; i += events->len / 16)
    {
      const LanesTraceEvent *ev = &g_array_index (events, LanesTraceEvent, i);
      guint lanes[3] = {
        lanes_timeline_find_lane (timeline, LANES_LANE_GOROUTINE, ev->goroutine),
        lanes_timeline_find_lane (timeline, LANES_LANE_PROC, ev->proc),
        lanes_timeline_find_lane (timeline, LANES_LANE_THREAD, ev->thread),
      };

      for (guint l = 0; l < G_N_ELEMENTS (lanes); l++)
        {
          g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesSampleItem));
          LanesSampleDetails details;
          gboolean ticked = FALSE;

          if (lanes[l] == G_MAXUINT)
            continue;
          lanes_timeline_query_samples (timeline, lanes[l], ev->time - 500000, ev->time + 500000, 1000, items);
          for (guint k = 0; k < items->len; k++)
            {
              const LanesSampleItem *item = &g_array_index (items, LanesSampleItem, k);
              ticked |= item->time == ev->time && item->count == 1;
            }
          g_assert_true (ticked);

          g_assert_true (lanes_timeline_hit_test_sample (timeline, lanes[l], ev->time + 300, 1000, &details));
          g_assert_cmpint (details.time, ==, ev->time);
          assert_same_stack (lanes_timeline_get_reader (timeline), details.stack, reader, ev->stack);
          /* Ids without a lane (old traces name no thread) read -1. */
          g_assert_cmpint (details.goroutine, ==, lanes[0] != G_MAXUINT ? ev->goroutine : -1);
          g_assert_cmpint (details.proc, ==, lanes[1] != G_MAXUINT ? ev->proc : -1);
          g_assert_cmpint (details.thread, ==, lanes[2] != G_MAXUINT ? ev->thread : -1);
          g_assert_false (lanes_timeline_hit_test_sample (timeline, lanes[l], ev->time + 300, 100, &details));
        }
    }

  /* Spans and samples agree: a goroutine lane's sample falls where the
   * goroutine ran. */
  for (guint i = 0; i < events->len; i += events->len / 16)
    {
      const LanesTraceEvent *ev = &g_array_index (events, LanesTraceEvent, i);
      guint lane = lanes_timeline_find_lane (timeline, LANES_LANE_GOROUTINE, ev->goroutine);
      LanesSpanDetails span;

      if (lane == G_MAXUINT)
        continue;
      g_assert_true (lanes_timeline_hit_test (timeline, lane, ev->time, &span));
      g_assert_true (lanes_state_is_running (span.state) || span.state == LANES_STATE_SYSCALL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cpu-samples/buckets", test_buckets);
  g_test_add_func ("/cpu-samples/nearest", test_nearest);
  g_test_add_func ("/cpu-samples/interval", test_interval);
  g_test_add_data_func ("/cpu-samples/fixture/go1.19", "go1.19", test_fixture);
  g_test_add_data_func ("/cpu-samples/fixture/go1.23", "go1.23", test_fixture);
  return g_test_run ();
}
