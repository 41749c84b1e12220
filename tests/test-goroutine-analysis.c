/* test-goroutine-analysis.c: go tool trace's goroutine analysis on a few
 * goroutines whose times are known by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-goroutine-analysis.h"
#include "test-events.h"

typedef struct
{
  LanesTraceReader *reader;
  LanesGoroutineIndex index;
  LanesGoroutineAnalysis *analysis;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->reader = test_reader_new ();
  lanes_goroutine_index_init (&fixture->index);
  fixture->analysis = lanes_goroutine_analysis_new (fixture->reader, &fixture->index);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lanes_goroutine_analysis_free (fixture->analysis);
  lanes_goroutine_index_clear (&fixture->index);
  lanes_trace_reader_free (fixture->reader);
}

static const LanesGoroutineGroup *
find_group (Fixture    *fixture,
            const char *name)
{
  const GArray *groups = lanes_goroutine_analysis_get_groups (fixture->analysis);

  for (guint g = 0; g < groups->len; g++)
    if (g_strcmp0 (g_array_index (groups, LanesGoroutineGroup, g).name, name) == 0)
      return &g_array_index (groups, LanesGoroutineGroup, g);
  g_assert_not_reached ();
}

static gint64
time_for (Fixture      *fixture,
          const GArray *times,
          const char   *key)
{
  guint32 id = lanes_trace_reader_intern_string (fixture->reader, key);

  for (guint k = 0; k < times->len; k++)
    if (g_array_index (times, LanesTimeByString, k).key == id)
      return g_array_index (times, LanesTimeByString, k).ns;
  return 0;
}

/* main runs, blocks on a channel, and runs again until the end; it
 * creates a worker that makes a syscall its P leaves it in, assists the
 * GC and exits. */
static void
test_two_goroutines (Fixture       *fixture,
                     gconstpointer  data)
{
  LanesTraceReader *r = fixture->reader;
  guint32 main_stack = test_stack (r, "main.main", "runtime.main", NULL);
  guint32 worker_stack = test_stack (r, "main.helper", "main.worker", NULL);
  const LanesTraceEvent events[] = {
    test_sync (100),
    test_go_transition (r, 100, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, main_stack),
    test_go_transition (r, 150, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "chan receive", main_stack),
    test_go_transition (r, 160, 0, 2, LANES_GO_NOT_EXIST, LANES_GO_RUNNABLE, NULL, worker_stack),
    test_go_transition (r, 170, 0, 2, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (r, 180, 0, 2, LANES_GO_RUNNING, LANES_GO_SYSCALL, NULL, worker_stack),
    test_proc_transition (190, 0, LANES_PROC_RUNNING, LANES_PROC_IDLE),
    test_go_transition (r, 220, LANES_NO_PROC, 2, LANES_GO_SYSCALL, LANES_GO_RUNNABLE, NULL, 0),
    test_go_transition (r, 230, 1, 2, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_range (r, 240, LANES_EVENT_RANGE_BEGIN, "GC mark assist", 1, 2),
    test_range (r, 260, LANES_EVENT_RANGE_END, "GC mark assist", 1, 2),
    test_go_transition (r, 270, 1, 2, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0),
    test_go_transition (r, 280, 1, 1, LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, 0),
    test_go_transition (r, 290, 1, 1, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_metric (r, 300, "/gc/heap/goal:bytes", 4096),
  };
  const LanesGoroutineGroup *main_group, *worker_group;
  LanesGoroutineInfo info;

  lanes_goroutine_analysis_add (fixture->analysis, events, G_N_ELEMENTS (events));
  lanes_goroutine_analysis_finish (fixture->analysis);

  /* Named after the outermost frame of their first stacks. */
  main_group = find_group (fixture, "runtime.main");
  g_assert_cmpuint (main_group->count, ==, 1);
  g_assert_cmpint (main_group->times.exec_ns, ==, 50 + 10);   /* and running at the end */
  g_assert_cmpint (main_group->times.sched_wait_ns, ==, 10);
  g_assert_cmpint (time_for (fixture, main_group->block_ns, "chan receive"), ==, 130);

  worker_group = find_group (fixture, "main.worker");
  g_assert_cmpuint (worker_group->count, ==, 1);
  g_assert_cmpint (worker_group->times.exec_ns, ==, 10 + 40);
  g_assert_cmpint (worker_group->times.sched_wait_ns, ==, 10 + 10);
  g_assert_cmpint (worker_group->times.syscall_ns, ==, 10);        /* until its P left */
  g_assert_cmpint (worker_group->times.syscall_block_ns, ==, 30);
  g_assert_cmpint (time_for (fixture, worker_group->range_ns, "GC mark assist"), ==, 20);

  g_assert_cmpuint (lanes_goroutine_analysis_get_n_goroutines (fixture->analysis), ==, 2);
  lanes_goroutine_analysis_get_goroutine (fixture->analysis, 1, &info);
  g_assert_cmpint (info.id, ==, 2);
  g_assert_cmpstr (lanes_trace_reader_get_string (r, info.name), ==, "main.worker");
}

/* A goroutine id created again (as cgo callbacks' goroutines on extra Ms
 * are) counts once, for its last life; one never seen with a stack is
 * "(unknown)"; one blocked forever stops counting. */
static void
test_lives (Fixture       *fixture,
            gconstpointer  data)
{
  LanesTraceReader *r = fixture->reader;
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_go_transition (r, 10, 0, 7, LANES_GO_NOT_EXIST, LANES_GO_SYSCALL, NULL, 0),
    test_go_transition (r, 30, 0, 7, LANES_GO_SYSCALL, LANES_GO_NOT_EXIST, NULL, 0),
    test_go_transition (r, 40, 0, 7, LANES_GO_NOT_EXIST, LANES_GO_SYSCALL, NULL, 0),
    test_go_transition (r, 45, 0, 7, LANES_GO_SYSCALL, LANES_GO_NOT_EXIST, NULL, 0),
    test_go_transition (r, 50, 0, 8, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (r, 60, 0, 8, LANES_GO_RUNNING, LANES_GO_WAITING, "forever", 0),
    test_sync (100),
  };
  const LanesGoroutineGroup *unknown;

  lanes_goroutine_analysis_add (fixture->analysis, events, G_N_ELEMENTS (events));
  lanes_goroutine_analysis_finish (fixture->analysis);

  unknown = find_group (fixture, LANES_UNKNOWN_GOROUTINE_NAME);
  g_assert_cmpuint (unknown->count, ==, 2);
  g_assert_cmpint (unknown->times.syscall_ns, ==, 5);
  g_assert_cmpint (unknown->times.exec_ns, ==, 10);
  g_assert_cmpint (time_for (fixture, unknown->block_ns, "forever"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/goroutine-analysis/two-goroutines", Fixture, NULL,
              fixture_set_up, test_two_goroutines, fixture_tear_down);
  g_test_add ("/goroutine-analysis/lives", Fixture, NULL,
              fixture_set_up, test_lives, fixture_tear_down);
  return g_test_run ();
}
