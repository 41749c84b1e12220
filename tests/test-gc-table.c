/* test-gc-table.c: the GC table's columns on two cycles built by hand,
 * every expected number worked out from the events below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-analysis.h"
#include "lanes-gc-table.h"
#include "test-events.h"

#define SWEEP_TERM "stop-the-world (GC sweep termination)"
#define MARK_TERM  "stop-the-world (GC mark termination)"
#define MARK       "GC concurrent mark phase"
#define ASSIST     "GC mark assist"
#define HEAP_LIVE  "/memory/classes/heap/objects:bytes"
#define HEAP_GOAL  "/gc/heap/goal:bytes"

static GArray *
rows_of (LanesTraceReader      *reader,
         const LanesTraceEvent *events,
         guint                  n_events)
{
  g_autoptr(LanesAnalysis) analysis = lanes_analysis_new (reader);

  lanes_analysis_add (analysis, events, n_events);
  lanes_analysis_finish (analysis);
  return lanes_gc_table_new (lanes_gc_analysis_get_cycles (lanes_analysis_get_gc (analysis)),
                             lanes_analysis_get_start_time (analysis));
}

/* Two Ps, G1 running throughout.  Cycle 1: a 50 ns sweep termination,
 * the mark worker G2 running 100 ns and 100 ns more after it, assists by G1 (100 + 50 ns) and G3
 * (50 ns), the heap marked down to 900 bytes in a 70 ns mark
 * termination.  Cycle 2: a 2 ms sweep termination, nothing else. */
static GArray *
two_cycles (void)
{
  g_autoptr(LanesTraceReader) reader = test_reader_new ();
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (reader, 0, "/sched/gomaxprocs:threads", 2),
    test_metric (reader, 0, HEAP_LIVE, 1000),
    test_metric (reader, 0, HEAP_GOAL, 2000),
    test_go_transition (reader, 0, 0, 1, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),

    test_proc_range (reader, 100, LANES_EVENT_RANGE_BEGIN, MARK, 0, 1),
    test_range (reader, 100, LANES_EVENT_RANGE_BEGIN, SWEEP_TERM, 0, 1),
    test_range (reader, 150, LANES_EVENT_RANGE_END, SWEEP_TERM, 0, 1),
    test_go_transition (reader, 200, 1, 2, LANES_GO_WAITING, LANES_GO_RUNNING, NULL, 0),
    test_label (reader, 200, 1, 2, "GC (dedicated)"),
    test_go_transition (reader, 300, 1, 2, LANES_GO_RUNNING, LANES_GO_WAITING, "GC worker (idle)", 0),
    test_range (reader, 300, LANES_EVENT_RANGE_BEGIN, ASSIST, 0, 1),
    test_range (reader, 400, LANES_EVENT_RANGE_END, ASSIST, 0, 1),
    test_range (reader, 400, LANES_EVENT_RANGE_BEGIN, ASSIST, 1, 3),
    test_range (reader, 450, LANES_EVENT_RANGE_END, ASSIST, 1, 3),
    test_range (reader, 500, LANES_EVENT_RANGE_BEGIN, ASSIST, 0, 1),
    test_range (reader, 550, LANES_EVENT_RANGE_END, ASSIST, 0, 1),
    test_metric (reader, 580, HEAP_LIVE, 1800),
    test_range (reader, 690, LANES_EVENT_RANGE_BEGIN, MARK_TERM, 0, 1),
    test_proc_range (reader, 700, LANES_EVENT_RANGE_END, MARK, 0, 1),
    test_metric (reader, 750, HEAP_LIVE, 900),
    test_range (reader, 760, LANES_EVENT_RANGE_END, MARK_TERM, 0, 1),
    /* The worker finishing the cycle's work after its end. */
    test_go_transition (reader, 800, 1, 2, LANES_GO_WAITING, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (reader, 900, 1, 2, LANES_GO_RUNNING, LANES_GO_WAITING, NULL, 0),

    test_metric (reader, 1000, HEAP_GOAL, 1800),
    test_proc_range (reader, 10000, LANES_EVENT_RANGE_BEGIN, MARK, 0, 1),
    test_range (reader, 10000, LANES_EVENT_RANGE_BEGIN, SWEEP_TERM, 0, 1),
    test_range (reader, 2010000, LANES_EVENT_RANGE_END, SWEEP_TERM, 0, 1),
    test_range (reader, 2990000, LANES_EVENT_RANGE_BEGIN, MARK_TERM, 0, 1),
    test_proc_range (reader, 3000000, LANES_EVENT_RANGE_END, MARK, 0, 1),
    test_range (reader, 3010000, LANES_EVENT_RANGE_END, MARK_TERM, 0, 1),
    test_go_transition (reader, 4000000, 0, 1, LANES_GO_RUNNING, LANES_GO_RUNNABLE, NULL, 0),
  };

  return rows_of (reader, events, G_N_ELEMENTS (events));
}

static void
test_two_cycles (void)
{
  g_autoptr(GArray) rows = two_cycles ();
  const LanesGcRow *first, *second;

  g_assert_cmpuint (rows->len, ==, 2);
  first = &g_array_index (rows, LanesGcRow, 0);
  second = &g_array_index (rows, LanesGcRow, 1);

  g_assert_cmpuint (first->number, ==, 1);
  g_assert_cmpint (first->start, ==, 100);
  g_assert_cmpint (first->duration_ns, ==, 660);
  g_assert_cmpint (first->sweep_term_ns, ==, 50);
  g_assert_cmpint (first->mark_ns, ==, 600);
  g_assert_cmpint (first->mark_term_ns, ==, 70);
  g_assert_cmpint (first->worker_ns, ==, 200);
  g_assert_cmpint (first->assist_ns, ==, 200);
  g_assert_cmpuint (first->n_assisting, ==, 2);
  g_assert_cmpfloat_with_epsilon (first->assist_share, 200.0 / 400.0, 1e-12);
  g_assert_cmpuint (first->heap_start_bytes, ==, 1000);
  g_assert_cmpuint (first->heap_end_bytes, ==, 900);
  g_assert_cmpuint (first->heap_goal_bytes, ==, 2000);
  /* Of 2 × 660 P-ns: both Ps in the pauses (2 × 50 + 2 × 70), one in
   * the worker (100) and in each assist (200). */
  g_assert_cmpfloat_with_epsilon (first->cpu_share, 540.0 / 1320.0, 1e-9);
  g_assert_true (first->over_cpu_target);
  g_assert_cmpint (first->since_previous_ns, ==, -1);
  g_assert_cmpint (first->pause, ==, LANES_PAUSE_SHORT);
  g_assert_true (first->complete);

  g_assert_cmpint (second->start, ==, 10000);
  g_assert_cmpint (second->duration_ns, ==, 3000000);
  g_assert_cmpint (second->sweep_term_ns, ==, 2000000);
  g_assert_cmpint (second->worker_ns, ==, 0);
  g_assert_cmpint (second->assist_ns, ==, 0);
  g_assert_cmpuint (second->n_assisting, ==, 0);
  g_assert_cmpfloat (second->assist_share, ==, 0);
  g_assert_cmpuint (second->heap_start_bytes, ==, 900);
  g_assert_cmpuint (second->heap_end_bytes, ==, 900);
  g_assert_cmpuint (second->heap_goal_bytes, ==, 1800);
  g_assert_cmpfloat_with_epsilon (second->cpu_share, (2.0 * 2000000 + 2.0 * 20000) / (2.0 * 3000000), 1e-9);
  g_assert_cmpint (second->since_previous_ns, ==, 9900);
  g_assert_cmpint (second->pause, ==, LANES_PAUSE_LONG);
}

/* Each cycle from its start to the end of its mark termination. */
static void
test_row_at (void)
{
  g_autoptr(GArray) rows = two_cycles ();

  g_assert_cmpuint (lanes_gc_table_row_at (rows, 99), ==, G_MAXUINT);
  g_assert_cmpuint (lanes_gc_table_row_at (rows, 100), ==, 0);
  g_assert_cmpuint (lanes_gc_table_row_at (rows, 760), ==, 0);
  g_assert_cmpuint (lanes_gc_table_row_at (rows, 761), ==, G_MAXUINT);
  g_assert_cmpuint (lanes_gc_table_row_at (rows, 3010000), ==, 1);
  g_assert_cmpuint (lanes_gc_table_row_at (rows, 3010001), ==, G_MAXUINT);
}

static void
test_csv (void)
{
  g_autoptr(GArray) rows = two_cycles ();
  g_autofree char *csv = lanes_gc_table_to_csv (rows);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* heading, two rows, the empty end */
  g_assert_true (g_str_has_prefix (lines[0], "cycle,start_ns,duration_ns,"));
  g_assert_cmpstr (lines[1], ==, "1,100,660,50,600,70,200,200,2,0.5000,1000,900,2000,0.4091,,,yes");
  g_assert_cmpstr (lines[2], ==, "2,10000,3000000,2000000,2990000,20000,0,0,0,0.0000,900,900,1800,0.6733,9900,long,yes");
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_severity (void)
{
  g_assert_cmpint (lanes_pause_severity (1000000), ==, LANES_PAUSE_SHORT);
  g_assert_cmpint (lanes_pause_severity (1000001), ==, LANES_PAUSE_LONG);
  g_assert_cmpint (lanes_pause_severity (10000000), ==, LANES_PAUSE_LONG);
  g_assert_cmpint (lanes_pause_severity (10000001), ==, LANES_PAUSE_SEVERE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gc-table/two-cycles", test_two_cycles);
  g_test_add_func ("/gc-table/row-at", test_row_at);
  g_test_add_func ("/gc-table/csv", test_csv);
  g_test_add_func ("/gc-table/severity", test_severity);
  return g_test_run ();
}
