/* test-mutator-util.c: utilization functions built from a few events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-mutator-util.h"
#include "test-events.h"

static void
assert_function (GArray             *function,
                 const LanesUtilPoint *expected,
                 guint                n)
{
  g_assert_cmpuint (function->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const LanesUtilPoint *point = &g_array_index (function, LanesUtilPoint, i);
      g_assert_cmpint (point->time, ==, expected[i].time);
      g_assert_cmpfloat (point->util, ==, expected[i].util);
    }
}

/* The three kinds of utilization function, made from @events. */
static void
build_functions (LanesTraceReader       *reader,
                 const LanesTraceEvent  *events,
                 guint                   n_events,
                 GPtrArray             **all_procs,
                 GPtrArray             **per_proc,
                 GPtrArray             **by_goroutine)
{
  LanesGoroutineIndex index;
  LanesUtilBuilder *builder;

  lanes_goroutine_index_init (&index);
  builder = lanes_util_builder_new (reader, &index, LANES_UTIL_ALL_GC);
  lanes_util_builder_add (builder, events, n_events);
  lanes_util_builder_finish (builder, all_procs, per_proc, by_goroutine);
  lanes_util_builder_free (builder);
  lanes_goroutine_index_clear (&index);
}

/* Two Ps: a GC pause takes both, a sweep one, a dedicated mark worker
 * one for all Ps together but none per P. */
static void
test_two_procs (void)
{
  g_autoptr(LanesTraceReader) reader = test_reader_new ();
  g_autoptr(GPtrArray) all_procs = NULL;
  g_autoptr(GPtrArray) per_proc = NULL;
  g_autoptr(GPtrArray) by_goroutine = NULL;
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (reader, 0, "/sched/gomaxprocs:threads", 2),
    test_range (reader, 100, LANES_EVENT_RANGE_BEGIN, "stop-the-world (GC sweep termination)", 0, 1),
    test_range (reader, 110, LANES_EVENT_RANGE_END, "stop-the-world (GC sweep termination)", 0, 1),
    /* A pause that is not the GC's does not count. */
    test_range (reader, 150, LANES_EVENT_RANGE_BEGIN, "stop-the-world (read mem stats)", 0, 1),
    test_range (reader, 160, LANES_EVENT_RANGE_END, "stop-the-world (read mem stats)", 0, 1),
    test_proc_range (reader, 200, LANES_EVENT_RANGE_BEGIN, "GC incremental sweep", 1, 2),
    test_proc_range (reader, 250, LANES_EVENT_RANGE_END, "GC incremental sweep", 1, 2),
    test_label (reader, 300, 0, 5, "GC (dedicated)"),
    test_go_transition (reader, 350, 0, 5, LANES_GO_RUNNING, LANES_GO_WAITING, "GC worker (idle)", 0),
    test_go_transition (reader, 400, 1, 7, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
  };
  static const LanesUtilPoint expected_all[] = {
    { 0, 1 }, { 100, 0 }, { 110, 1 }, { 200, 0.5 }, { 250, 1 }, { 300, 0.5 }, { 350, 1 }, { 400, 0 },
  };
  static const LanesUtilPoint expected_p0[] = { { 0, 1 }, { 100, 0 }, { 110, 1 }, { 400, 0 } };
  static const LanesUtilPoint expected_p1[] = {
    { 0, 1 }, { 100, 0 }, { 110, 1 }, { 200, 0 }, { 250, 1 }, { 400, 0 },
  };
  /* Sweeping is not the GC's CPU share. */
  static const LanesUtilPoint expected_by_goroutine[] = {
    { 0, 1 }, { 100, 0 }, { 110, 1 }, { 300, 0.5 }, { 350, 1 }, { 400, 0 },
  };

  build_functions (reader, events, G_N_ELEMENTS (events), &all_procs, &per_proc, &by_goroutine);

  g_assert_cmpuint (all_procs->len, ==, 1);
  assert_function (g_ptr_array_index (all_procs, 0), expected_all, G_N_ELEMENTS (expected_all));
  g_assert_cmpuint (per_proc->len, ==, 2);
  assert_function (g_ptr_array_index (per_proc, 0), expected_p0, G_N_ELEMENTS (expected_p0));
  assert_function (g_ptr_array_index (per_proc, 1), expected_p1, G_N_ELEMENTS (expected_p1));
  assert_function (g_ptr_array_index (by_goroutine, 0), expected_by_goroutine, G_N_ELEMENTS (expected_by_goroutine));
}

/* An assisting goroutine does GC work only while it runs. */
static void
test_assist (void)
{
  g_autoptr(LanesTraceReader) reader = test_reader_new ();
  g_autoptr(GPtrArray) all_procs = NULL;
  g_autoptr(GPtrArray) per_proc = NULL;
  g_autoptr(GPtrArray) by_goroutine = NULL;
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (reader, 0, "/sched/gomaxprocs:threads", 1),
    test_range (reader, 10, LANES_EVENT_RANGE_BEGIN, "GC mark assist", 0, 3),
    test_go_transition (reader, 20, 0, 3, LANES_GO_RUNNING, LANES_GO_WAITING, "GC mark assist wait for work", 0),
    test_go_transition (reader, 30, 0, 3, LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, 0),
    test_go_transition (reader, 40, 0, 3, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_range (reader, 50, LANES_EVENT_RANGE_END, "GC mark assist", 0, 3),
    test_go_transition (reader, 60, 0, 3, LANES_GO_RUNNING, LANES_GO_WAITING, "sleep", 0),
  };
  static const LanesUtilPoint expected[] = { { 0, 1 }, { 10, 0 }, { 20, 1 }, { 40, 0 }, { 50, 1 }, { 60, 0 } };

  build_functions (reader, events, G_N_ELEMENTS (events), &all_procs, &per_proc, &by_goroutine);
  assert_function (g_ptr_array_index (all_procs, 0), expected, G_N_ELEMENTS (expected));
  assert_function (g_ptr_array_index (per_proc, 0), expected, G_N_ELEMENTS (expected));
  assert_function (g_ptr_array_index (by_goroutine, 0), expected, G_N_ELEMENTS (expected));
}

/* A mark worker labelled again each time it starts counts twice in Go's
 * accounting but stops once, so all Ps together never get their P back;
 * counted by goroutine, they do. */
static void
test_worker_drift (void)
{
  g_autoptr(LanesTraceReader) reader = test_reader_new ();
  g_autoptr(GPtrArray) all_procs = NULL;
  g_autoptr(GPtrArray) per_proc = NULL;
  g_autoptr(GPtrArray) by_goroutine = NULL;
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (reader, 0, "/sched/gomaxprocs:threads", 2),
    test_label (reader, 10, 0, 9, "GC (fractional)"),
    test_go_transition (reader, 20, 0, 9, LANES_GO_RUNNING, LANES_GO_WAITING, "GC worker (idle)", 0),
    test_go_transition (reader, 30, 0, 9, LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, 0),
    test_go_transition (reader, 40, 0, 9, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_label (reader, 41, 0, 9, "GC (fractional)"),
    test_go_transition (reader, 50, 0, 9, LANES_GO_RUNNING, LANES_GO_WAITING, "GC worker (idle)", 0),
    test_go_transition (reader, 60, 1, 3, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
  };
  static const LanesUtilPoint expected_all[] = { { 0, 1 }, { 10, 0.5 }, { 20, 1 }, { 40, 0.5 }, { 60, 0 } };
  static const LanesUtilPoint expected_by_goroutine[] = {
    { 0, 1 }, { 10, 0.5 }, { 20, 1 }, { 40, 0.5 }, { 50, 1 }, { 60, 0 },
  };

  build_functions (reader, events, G_N_ELEMENTS (events), &all_procs, &per_proc, &by_goroutine);
  assert_function (g_ptr_array_index (all_procs, 0), expected_all, G_N_ELEMENTS (expected_all));
  assert_function (g_ptr_array_index (by_goroutine, 0), expected_by_goroutine, G_N_ELEMENTS (expected_by_goroutine));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutator-util/two-procs", test_two_procs);
  g_test_add_func ("/mutator-util/assist", test_assist);
  g_test_add_func ("/mutator-util/worker-drift", test_worker_drift);
  return g_test_run ();
}
