/* test-timeline.c: the timeline model on traces whose content is known.
 *
 * The fixtures come from tests/fixtures/gen (see its README): eight
 * workers that each wait once on a channel until main sends, five sleeps
 * on one goroutine, three forced collections, a task with a region and a
 * log.  The tests check what a user would read off the lanes.  Corpus
 * traces, when ../shared/corpus is there, must show as many GC cycles and
 * stop-the-world pauses as Go's own reader counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "lanes-timeline.h"

#define N_WORKERS 8
#define N_SLEEPS  5
#define N_GCS     3

static const char * const versions[] = { "go1.22", "go1.23" };

static LanesTimeline *
load_fixture (const char *version,
              const char *scenario)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.trace", version, scenario);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  LanesTimeline *timeline = lanes_timeline_new_for_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_null (lanes_timeline_get_warning (timeline));
  return timeline;
}

typedef gboolean (*HitTest) (LanesTimeline *, guint, gint64, LanesSpanDetails *);

/* What @hit_test finds on a lane, in order, by testing where each span
 * ends (a miss says where the next begins). */
static GArray *
walk_lane (LanesTimeline *timeline,
           guint          lane,
           HitTest        hit_test)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (LanesSpanDetails));
  gint64 t = lanes_timeline_get_start (timeline);
  LanesSpanDetails d;

  while (t < lanes_timeline_get_end (timeline))
    {
      if (hit_test (timeline, lane, t, &d))
        {
          g_assert_cmpint (d.start, <=, t);
          g_array_append_val (spans, d);
        }
      g_assert_cmpint (d.end, >, t);
      t = d.end;
    }
  return spans;
}

/* The spans of a lane in order. */
static GArray *
spans_of (LanesTimeline *timeline,
          guint          lane)
{
  return walk_lane (timeline, lane, lanes_timeline_hit_test);
}

/* The same for what overlays a lane (mark assists, sweeps). */
static GArray *
overlays_of (LanesTimeline *timeline,
             guint          lane)
{
  return walk_lane (timeline, lane, lanes_timeline_hit_test_overlay);
}

/* Goroutine lanes whose goroutine started in @function. */
static GArray *
goroutine_lanes (LanesTimeline *timeline,
                 const char    *function)
{
  GArray *lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first);

  for (guint lane = first; lane < first + n; lane++)
    {
      g_autofree char *name = lanes_timeline_lane_dup_name (timeline, lane);
      if (g_str_has_suffix (name, function))
        g_array_append_val (lanes, lane);
    }
  return lanes;
}

static guint
main_lane (LanesTimeline *timeline)
{
  g_autoptr(GArray) lanes = goroutine_lanes (timeline, " main.main");

  g_assert_cmpuint (lanes->len, ==, 1);
  return g_array_index (lanes, guint, 0);
}

/* A lane's extent is its first span's start and its last one's end: for
 * a worker, from its creation to its exit. */
static void
test_lane_extent (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(LanesTimeline) timeline = load_fixture (versions[v], "workers");
      g_autoptr(GArray) workers = goroutine_lanes (timeline, "main.fixtureWorker");
      guint lane = g_array_index (workers, guint, 0);
      g_autoptr(GArray) spans = spans_of (timeline, lane);
      gint64 start, end;

      g_assert_true (lanes_timeline_lane_get_extent (timeline, lane, &start, &end));
      g_assert_cmpint (start, ==, g_array_index (spans, LanesSpanDetails, 0).start);
      g_assert_cmpint (end, ==, g_array_index (spans, LanesSpanDetails, spans->len - 1).end);
      g_assert_cmpint (end, <, lanes_timeline_get_end (timeline));
    }
}

/* Each worker is created by main, runs, waits on a channel receive until
 * main wakes it, runs again and exits. */
static void
test_worker_states (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(LanesTimeline) timeline = load_fixture (versions[v], "workers");
      g_autoptr(GArray) workers = goroutine_lanes (timeline, " main.fixtureWorker");
      gint64 main_id = lanes_timeline_lane_get_id (timeline, main_lane (timeline));
      static const LanesState expected[] = {
        LANES_STATE_RUNNABLE, LANES_STATE_RUNNING, LANES_STATE_WAIT_CHAN,
        LANES_STATE_RUNNABLE, LANES_STATE_RUNNING,
      };

      g_assert_cmpuint (workers->len, ==, N_WORKERS);
      for (guint w = 0; w < workers->len; w++)
        {
          guint lane = g_array_index (workers, guint, w);
          g_autoptr(GArray) spans = spans_of (timeline, lane);
          const LanesSpanDetails *wait, *woken;

          g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (expected));
          for (guint i = 0; i < spans->len; i++)
            g_assert_cmpuint (g_array_index (spans, LanesSpanDetails, i).state, ==, expected[i]);
          /* The states a filter finds it by: those, and none after it exits. */
          g_assert_cmphex (lanes_timeline_lane_get_states (timeline, lane), ==,
                           1u << LANES_STATE_RUNNABLE | 1u << LANES_STATE_RUNNING | 1u << LANES_STATE_WAIT_CHAN
                           | 1u << LANES_STATE_NONE);

          /* Created by main, then woken by main, which the wait knows. */
          g_assert_cmpint (g_array_index (spans, LanesSpanDetails, 0).unblocker, ==, main_id);
          wait = &g_array_index (spans, LanesSpanDetails, 2);
          woken = &g_array_index (spans, LanesSpanDetails, 3);
          g_assert_cmpstr (lanes_trace_reader_get_string (lanes_timeline_get_reader (timeline), wait->reason),
                           ==, "chan receive");
          g_assert_cmpuint (wait->stack, !=, 0);
          g_assert_cmpint (wait->unblocker, ==, main_id);
          g_assert_cmpint (woken->unblocker, ==, main_id);
          g_assert_cmpint (woken->start, ==, wait->end);
          g_assert_cmpuint (woken->unblock_stack, !=, 0);
          /* What began and ended them: a creation, a wake-up. */
          g_assert_cmpuint (g_array_index (spans, LanesSpanDetails, 0).previous, ==, LANES_STATE_NONE);
          g_assert_cmpuint (woken->previous, ==, LANES_STATE_WAIT_CHAN);
          g_assert_cmpuint (wait->next, ==, LANES_STATE_RUNNABLE);
          g_assert_cmpuint (g_array_index (spans, LanesSpanDetails, spans->len - 1).next, ==, LANES_STATE_NONE);
        }
    }
}

/* While a worker runs, exactly one P runs it, and its thread holds it. */
static void
test_proc_runs_goroutine (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(LanesTimeline) timeline = load_fixture (versions[v], "workers");
      g_autoptr(GArray) workers = goroutine_lanes (timeline, " main.fixtureWorker");
      guint first_proc, n_procs = lanes_timeline_get_group (timeline, LANES_GROUP_PROCS, &first_proc);
      guint first_thread, n_threads = lanes_timeline_get_group (timeline, LANES_GROUP_THREADS, &first_thread);

      g_assert_cmpuint (n_procs, ==, 4);
      for (guint w = 0; w < workers->len; w++)
        {
          guint lane = g_array_index (workers, guint, w);
          gint64 id = lanes_timeline_lane_get_id (timeline, lane);
          g_autoptr(GArray) spans = spans_of (timeline, lane);

          for (guint i = 0; i < spans->len; i++)
            {
              const LanesSpanDetails *run = &g_array_index (spans, LanesSpanDetails, i);
              gint64 t = run->start + (run->end - run->start) / 2;
              guint running_on = 0, holding = 0;
              LanesSpanDetails d;

              if (run->state != LANES_STATE_RUNNING)
                continue;
              g_assert_cmpint (run->proc, >=, 0);
              for (guint p = first_proc; p < first_proc + n_procs; p++)
                if (lanes_timeline_hit_test (timeline, p, t, &d) && d.goroutine == id)
                  {
                    g_assert_cmpuint (d.state, ==, LANES_STATE_RUNNING);
                    g_assert_cmpint (d.proc, ==, run->proc);
                    g_assert_cmpint (lanes_timeline_lane_get_id (timeline, p), ==, run->proc);
                    running_on++;
                  }
              g_assert_cmpuint (running_on, ==, 1);
              for (guint m = first_thread; m < first_thread + n_threads; m++)
                if (lanes_timeline_hit_test (timeline, m, t, &d) && d.state == LANES_STATE_ON_PROC
                    && d.proc == run->proc)
                  {
                    g_assert_cmpint (d.goroutine, ==, id);
                    holding++;
                  }
              g_assert_cmpuint (holding, ==, 1);
            }
        }
    }
}

/* One goroutine sleeps five times. */
static void
test_sleeps (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(LanesTimeline) timeline = load_fixture (versions[v], "sleep");
      guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first);
      guint sleepers = 0;

      for (guint lane = first; lane < first + n; lane++)
        {
          g_autoptr(GArray) spans = spans_of (timeline, lane);
          guint sleeps = 0;

          for (guint i = 0; i < spans->len; i++)
            sleeps += g_array_index (spans, LanesSpanDetails, i).state == LANES_STATE_WAIT_SLEEP;
          if (sleeps > 0)
            {
              g_assert_cmpuint (sleeps, ==, N_SLEEPS);
              sleepers++;
            }
        }
      g_assert_cmpuint (sleepers, ==, 1);
    }
}

/* Three collections, with their mark workers labelled on the Ps. */
/* The mark assists a click finds on goroutine lanes are Go's "GC mark
 * assist" ranges, as many as Go's reader counts.  Go's summary times an
 * assist under way at a generation's start from that start (its
 * RangeActive); the timeline knows when it began, so its total is no
 * less. */
static void
test_assists (void)
{
  const char *corpus = g_getenv ("LANES_CORPUS");
  g_autofree char *trace = NULL, *json = NULL, *text = NULL;
  g_autoptr(LanesTimeline) timeline = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *expected;
  guint first, n, count = 0;
  gint64 total = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no trace corpus (../shared/corpus)");
      return;
    }
  trace = g_strdup_printf ("%s/traces/go1.23-gcstress.trace", corpus);
  json = g_strdup_printf ("%s/traces/go1.23-gcstress.json", corpus);
  timeline = lanes_timeline_new_for_path (trace, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  expected = json_object_get_object_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                                           "ranges"), "GC mark assist");
  n = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first);
  for (guint lane = first; lane < first + n; lane++)
    {
      g_autoptr(GArray) assists = overlays_of (timeline, lane);

      for (guint i = 0; i < assists->len; i++)
        {
          const LanesSpanDetails *d = &g_array_index (assists, LanesSpanDetails, i);

          g_assert_cmpint (d->state, ==, LANES_STATE_ASSIST);
          g_assert_cmpint (d->goroutine, ==, lanes_timeline_lane_get_id (timeline, lane));
          total += d->end - d->start;
        }
      count += assists->len;
    }
  g_assert_cmpuint (count, ==, json_object_get_int_member (expected, "count"));
  g_assert_cmpint (total, >=, json_object_get_int_member (expected, "total_ns"));
}

static void
test_gc (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(LanesTimeline) timeline = load_fixture (versions[v], "gc");
      guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_PROCS, &first);
      guint gc_lane = lanes_timeline_find_lane (timeline, LANES_LANE_GC, -1);
      g_autoptr(GArray) marks = spans_of (timeline, gc_lane);
      g_autoptr(GArray) sweeps = NULL;
      guint workers = 0;

      g_assert_cmpuint (lanes_timeline_get_n_gcs (timeline), >=, N_GCS);
      g_assert_cmpuint (marks->len, ==, lanes_timeline_get_n_gcs (timeline));
      g_assert_cmpuint (lanes_timeline_get_n_stws (timeline), >=, 2 * N_GCS);
      for (guint lane = first; lane < first + n; lane++)
        {
          g_autoptr(GArray) spans = spans_of (timeline, lane);
          for (guint i = 0; i < spans->len; i++)
            workers += lanes_state_is_gc_worker (g_array_index (spans, LanesSpanDetails, i).state);
        }
      g_assert_cmpuint (workers, >, 0);

      /* The 1.23 fixture sweeps incrementally four times, on some P. */
      sweeps = spans_of (timeline, lanes_timeline_find_lane (timeline, LANES_LANE_SWEEP, -1));
      if (g_strcmp0 (versions[v], "go1.23") == 0)
        g_assert_cmpuint (sweeps->len, >, 0);
      for (guint i = 0; i < sweeps->len; i++)
        g_assert_cmpuint (g_array_index (sweeps, LanesSpanDetails, i).state, ==, LANES_STATE_SWEEP);
    }
}

static void
test_tasks (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(LanesTimeline) timeline = load_fixture (versions[v], "annotate");
      LanesTraceReader *reader = lanes_timeline_get_reader (timeline);
      guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_TASKS, &first);
      const LanesUserTask *task = NULL, *child = NULL;
      const LanesUserRegion *regions;
      const LanesUserLog *logs;
      guint task_lane = 0, n_regions, n_logs;

      g_assert_cmpuint (n, ==, 2);
      for (guint lane = first; lane < first + n; lane++)
        {
          const LanesUserTask *t = lanes_timeline_lane_get_task (timeline, lane);
          const char *name = lanes_trace_reader_get_string (reader, t->name);

          if (g_strcmp0 (name, "fixture-task") == 0)
            {
              task = t;
              task_lane = lane;
            }
          else if (g_strcmp0 (name, "fixture-child") == 0)
            child = t;
        }
      g_assert_nonnull (task);
      g_assert_nonnull (child);
      g_assert_cmpuint (child->parent, ==, task->id);
      g_assert_cmpint (task->start, <, child->start);
      g_assert_cmpint (child->end, <=, task->end);

      regions = lanes_timeline_lane_get_regions (timeline, task_lane, &n_regions);
      g_assert_cmpuint (n_regions, ==, 1);
      g_assert_cmpstr (lanes_trace_reader_get_string (reader, regions[0].name), ==, "fixture-region");
      g_assert_cmpint (regions[0].start, >=, task->start);
      g_assert_cmpint (regions[0].end, <=, child->start);
      logs = lanes_timeline_lane_get_logs (timeline, task_lane, &n_logs);
      g_assert_cmpuint (n_logs, ==, 1);
      g_assert_cmpstr (lanes_trace_reader_get_string (reader, logs[0].category), ==, "fixture-key");
      g_assert_cmpint (logs[0].time, >, regions[0].start);
      g_assert_cmpint (logs[0].time, <, regions[0].end);

      /* What a click finds: the region inside it, the log within the
       * slack only, nothing outside. */
      g_assert_cmpuint (lanes_timeline_find_region (timeline, task_lane, (regions[0].start + regions[0].end) / 2), ==, 0);
      g_assert_cmpuint (lanes_timeline_find_region (timeline, task_lane, regions[0].end), ==, G_MAXUINT);
      g_assert_cmpuint (lanes_timeline_find_region (timeline, task_lane, regions[0].start - 1), ==, G_MAXUINT);
      g_assert_cmpuint (lanes_timeline_find_log (timeline, task_lane, logs[0].time + 10, 10), ==, 0);
      g_assert_cmpuint (lanes_timeline_find_log (timeline, task_lane, logs[0].time - 11, 10), ==, G_MAXUINT);

      /* The region is on main's lane too. */
      regions = lanes_timeline_lane_get_regions (timeline, main_lane (timeline), &n_regions);
      g_assert_cmpuint (n_regions, ==, 1);
    }
}

/* Filters name states as the legend and the panel do. */
static void
test_states_named (void)
{
  guint32 waits = 0;

  for (LanesState state = LANES_STATE_WAIT_SYNC; state <= LANES_STATE_WAIT_OTHER; state++)
    waits |= 1u << state;
  g_assert_cmphex (lanes_states_named ("select"), ==, 1u << LANES_STATE_WAIT_SELECT);
  g_assert_cmphex (lanes_states_named ("Channel"), ==, 1u << LANES_STATE_WAIT_CHAN);
  g_assert_cmphex (lanes_states_named ("syscall"), ==, 1u << LANES_STATE_SYSCALL);
  g_assert_cmphex (lanes_states_named ("waiting"), ==, waits);
  g_assert_cmphex (lanes_states_named ("G12"), ==, 0);
  g_assert_cmphex (lanes_states_named ("main.serve"), ==, 0);
}

/* Items cover the time they are asked for, one at most per bucket. */
static void
test_query_whole_trace (void)
{
  g_autoptr(LanesTimeline) timeline = load_fixture ("go1.23", "workers");
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  gint64 start = lanes_timeline_get_start (timeline), end = lanes_timeline_get_end (timeline);

  for (guint lane = 0; lane < lanes_timeline_get_n_lanes (timeline); lane++)
    {
      g_array_set_size (items, 0);
      lanes_timeline_query (timeline, lane, start, end, 100, items);
      g_assert_cmpuint (items->len, <=, 2 * 100 + 2);
      for (guint i = 1; i < items->len; i++)
        g_assert_cmpint (g_array_index (items, LanesItem, i - 1).end, ==, g_array_index (items, LanesItem, i).start);
    }
}

/* Lanes of a group are in order of id, and found by it. */
static void
test_lane_order (void)
{
  g_autoptr(LanesTimeline) timeline = load_fixture ("go1.23", "workers");
  static const struct { LanesGroup group; LanesLaneKind kind; } groups[] = {
    { LANES_GROUP_PROCS, LANES_LANE_PROC },
    { LANES_GROUP_THREADS, LANES_LANE_THREAD },
    { LANES_GROUP_GOROUTINES, LANES_LANE_GOROUTINE },
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      guint first, n = lanes_timeline_get_group (timeline, groups[g].group, &first);

      g_assert_cmpuint (n, >, 1);
      for (guint lane = first; lane < first + n; lane++)
        {
          gint64 id = lanes_timeline_lane_get_id (timeline, lane);

          if (lane > first)
            g_assert_cmpint (lanes_timeline_lane_get_id (timeline, lane - 1), <, id);
          g_assert_cmpuint (lanes_timeline_lane_get_group (timeline, lane), ==, groups[g].group);
          g_assert_cmpuint (lanes_timeline_find_lane (timeline, groups[g].kind, id), ==, lane);
        }
    }
}

typedef struct
{
  guint calls;
  double fraction;
  GPtrArray *parts;
} Progress;

/* Asks for a snapshot at the 1st, 4th, 16th… report. */
static gboolean
on_progress (double         fraction,
             LanesTimeline *partial,
             gpointer       data)
{
  Progress *progress = data;

  g_assert_cmpfloat (fraction, >=, progress->fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->fraction = fraction;
  if (partial != NULL)
    {
      g_assert_true (lanes_timeline_is_partial (partial));
      g_ptr_array_add (progress->parts, g_object_ref (partial));
      return FALSE;
    }
  progress->calls++;
  return (progress->calls & (progress->calls - 1)) == 0 && g_bit_nth_lsf (progress->calls, -1) % 2 == 0;
}

/* A snapshot shows what the whole timeline shows up to the snapshot's
 * end: the same lanes, and on each the same spans (the last one cut at
 * the end). */
static void
check_part (LanesTimeline *part,
            LanesTimeline *whole)
{
  gint64 end = lanes_timeline_get_end (part);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  guint n_checked = 0;

  g_assert_cmpint (lanes_timeline_get_start (part), ==, lanes_timeline_get_start (whole));
  g_assert_cmpint (end, <, lanes_timeline_get_end (whole));
  g_assert_cmpuint (lanes_timeline_get_n_events (part), <, lanes_timeline_get_n_events (whole));
  g_assert_cmpuint (lanes_timeline_get_n_gcs (part), <=, lanes_timeline_get_n_gcs (whole));
  g_assert_cmpuint (lanes_timeline_get_n_lanes (part), <=, lanes_timeline_get_n_lanes (whole));

  for (guint lane = 0; lane < lanes_timeline_get_n_lanes (part); lane++)
    {
      LanesLaneKind kind = lanes_timeline_lane_get_kind (part, lane);
      guint other = lane;
      g_autoptr(GArray) spans = NULL;

      g_array_set_size (items, 0);
      lanes_timeline_query (part, lane, lanes_timeline_get_start (part), end, 200, items);
      if (kind == LANES_LANE_PROC || kind == LANES_LANE_THREAD || kind == LANES_LANE_GOROUTINE)
        other = lanes_timeline_find_lane (whole, kind, lanes_timeline_lane_get_id (part, lane));
      g_assert_cmpuint (other, !=, G_MAXUINT);
      if (lanes_timeline_lane_is_plot (part, lane))
        continue;

      spans = spans_of (part, lane);
      for (guint i = 0; i < spans->len; i++)
        {
          const LanesSpanDetails *d = &g_array_index (spans, LanesSpanDetails, i);
          LanesSpanDetails w;

          g_assert_true (lanes_timeline_hit_test (whole, other, d->start, &w));
          g_assert_cmpint (w.state, ==, d->state);
          g_assert_cmpint (w.start, ==, d->start);
          if (d->end < end)
            g_assert_cmpint (w.end, ==, d->end);
          else
            g_assert_cmpint (w.end, >=, end);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 0);
}

/* Snapshots taken while loading @path match the finished timeline, and
 * stay readable after it is gone. */
static void
check_snapshots (const char *path,
                 guint       min_parts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  Progress progress = { 0, 0.0, parts };
  g_autoptr(LanesTimeline) whole = NULL;
  LanesTraceReader *reader;

  reader = lanes_trace_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  whole = lanes_timeline_new_for_reader (reader, NULL, on_progress, &progress, &error);
  g_assert_no_error (error);
  g_assert_false (lanes_timeline_is_partial (whole));
  g_assert_cmpuint (parts->len, >=, min_parts);

  for (guint i = 0; i < parts->len; i++)
    {
      LanesTimeline *part = g_ptr_array_index (parts, i);

      check_part (part, whole);
      if (i > 0)
        g_assert_cmpint (lanes_timeline_get_end (part), >, lanes_timeline_get_end (g_ptr_array_index (parts, i - 1)));
    }

  /* Strings and stacks resolve through the whole timeline's reader. */
  g_clear_object (&whole);
  for (guint i = 0; i < parts->len; i++)
    {
      LanesTimeline *part = g_ptr_array_index (parts, i);
      guint first, n = lanes_timeline_get_group (part, LANES_GROUP_GOROUTINES, &first);
      g_autofree char *name = NULL;

      g_assert_cmpuint (n, >, 0);
      name = lanes_timeline_lane_dup_name (part, first);
      g_assert_nonnull (name);
    }
}

static void
test_snapshots (void)
{
  const char *path = g_getenv ("LANES_EXAMPLE_TRACE");

  g_assert_nonnull (path);
  check_snapshots (path, 2);
}

/* Corpus traces of both formats, when the corpus is there. */
static void
test_corpus_snapshots (gconstpointer data)
{
  const char *corpus = g_getenv ("LANES_CORPUS");
  g_autofree char *path = NULL;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no trace corpus (../shared/corpus)");
      return;
    }
  path = g_strdup_printf ("%s/traces/%s.trace", corpus, (const char *) data);
  check_snapshots (path, 3);
}

typedef struct
{
  GCancellable *cancellable;
  LanesTimeline *part;
} Stopping;

/* Takes a snapshot at the first report, then cancels. */
static gboolean
snapshot_then_cancel (double         fraction,
                      LanesTimeline *partial,
                      gpointer       data)
{
  Stopping *stopping = data;

  if (partial == NULL)
    return stopping->part == NULL;
  stopping->part = g_object_ref (partial);
  g_cancellable_cancel (stopping->cancellable);
  return FALSE;
}

/* Cancelling stops the load with the cancelled error; a snapshot taken
 * before stays readable, strings and all. */
static void
test_cancel (void)
{
  const char *path = g_getenv ("LANES_EXAMPLE_TRACE");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Stopping stopping = { cancellable, NULL };
  g_autoptr(LanesTimeline) part = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  LanesTraceReader *reader = lanes_trace_reader_new_for_path (path, &error);
  g_autofree char *name = NULL;
  guint first, n;

  g_assert_no_error (error);
  g_assert_null (lanes_timeline_new_for_reader (reader, cancellable, snapshot_then_cancel, &stopping, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  part = g_steal_pointer (&stopping.part);
  g_assert_nonnull (part);
  n = lanes_timeline_get_group (part, LANES_GROUP_GOROUTINES, &first);
  g_assert_cmpuint (n, >, 0);
  name = lanes_timeline_lane_dup_name (part, first);
  g_assert_true (g_str_has_prefix (name, "G"));
  lanes_timeline_query (part, first, lanes_timeline_get_start (part), lanes_timeline_get_end (part), 100, items);
  g_assert_cmpuint (items->len, >, 0);
}

static void
check_corpus_trace (gconstpointer data)
{
  const char *name = data;
  const char *corpus = g_getenv ("LANES_CORPUS");
  g_autofree char *trace = NULL, *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LanesTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *summary;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no trace corpus (../shared/corpus)");
      return;
    }
  trace = g_strdup_printf ("%s/traces/%s.trace", corpus, name);
  json = g_strdup_printf ("%s/traces/%s.json", corpus, name);
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  g_assert_no_error (error);
  summary = json_node_get_object (json_parser_get_root (parser));

  timeline = lanes_timeline_new_for_path (trace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lanes_timeline_get_n_gcs (timeline), ==, json_object_get_int_member (summary, "gc_cycles"));
  g_assert_cmpuint (lanes_timeline_get_n_stws (timeline), ==,
                    json_object_get_int_member (json_object_get_object_member (summary, "stw"), "count"));
  g_assert_cmpuint (lanes_timeline_get_n_events (timeline), ==, json_object_get_int_member (summary, "events"));
}

int
main (int    argc,
      char **argv)
{
  static const char * const corpus_traces[] = {
    "go1.22-stw", "go1.23-gcstress", "go1.23-oversub", "esbuild1.23-bundle",
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline/worker-states", test_worker_states);
  g_test_add_func ("/timeline/proc-runs-goroutine", test_proc_runs_goroutine);
  g_test_add_func ("/timeline/sleeps", test_sleeps);
  g_test_add_func ("/timeline/gc", test_gc);
  g_test_add_func ("/timeline/lane-extent", test_lane_extent);
  g_test_add_func ("/timeline/assists", test_assists);
  g_test_add_func ("/timeline/tasks", test_tasks);
  g_test_add_func ("/timeline/query-whole-trace", test_query_whole_trace);
  g_test_add_func ("/timeline/lane-order", test_lane_order);
  g_test_add_func ("/timeline/states-named", test_states_named);
  g_test_add_func ("/timeline/snapshots", test_snapshots);
  g_test_add_data_func ("/timeline/snapshots/go1.23-pool", "go1.23-pool", test_corpus_snapshots);
  g_test_add_data_func ("/timeline/snapshots/go1.19-gcstress", "go1.19-gcstress", test_corpus_snapshots);
  g_test_add_func ("/timeline/cancel", test_cancel);
  for (guint i = 0; i < G_N_ELEMENTS (corpus_traces); i++)
    {
      g_autofree char *path = g_strdup_printf ("/timeline/corpus/%s", corpus_traces[i]);
      g_test_add_data_func (path, corpus_traces[i], check_corpus_trace);
    }
  return g_test_run ();
}
