/* test-gc-analysis.c: GC cycles, pauses and the GC's CPU share on one P,
 * from events whose times are chosen so every number is known by hand;
 * and the MMU curve's mean over a range that cuts into GC work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-analysis.h"
#include "test-events.h"

#define MARK "GC concurrent mark phase"
#define SWEEP_TERM "stop-the-world (GC sweep termination)"
#define MARK_TERM "stop-the-world (GC mark termination)"

static LanesAnalysis *
analyse (LanesTraceReader      *reader,
         const LanesTraceEvent *events,
         guint                  n_events)
{
  LanesAnalysis *analysis = lanes_analysis_new (reader);

  lanes_analysis_add (analysis, events, n_events);
  lanes_analysis_finish (analysis);
  return analysis;
}

/* One P, one goroutine running from 0 to 400.  A cycle: sweep
 * termination pause 100–110, mark phase 108–310, an assist 200–240,
 * mark termination pause 300–320; then a pause that is not the GC's,
 * 350–355.  GC work: 10 + 40 + 20 = 70 ns. */
static void
test_one_cycle (void)
{
  g_autoptr(LanesTraceReader) r = test_reader_new ();
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (r, 0, "/sched/gomaxprocs:threads", 1),
    test_go_transition (r, 0, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0),
    test_metric (r, 50, "/memory/classes/heap/objects:bytes", 1000),
    test_metric (r, 50, "/gc/heap/goal:bytes", 4000),
    test_range (r, 100, LANES_EVENT_RANGE_BEGIN, SWEEP_TERM, 0, 1),
    test_range (r, 108, LANES_EVENT_RANGE_BEGIN, MARK, 0, 1),
    test_range (r, 110, LANES_EVENT_RANGE_END, SWEEP_TERM, 0, 1),
    test_range (r, 200, LANES_EVENT_RANGE_BEGIN, "GC mark assist", 0, 1),
    test_range (r, 240, LANES_EVENT_RANGE_END, "GC mark assist", 0, 1),
    test_range (r, 300, LANES_EVENT_RANGE_BEGIN, MARK_TERM, 0, 1),
    test_range (r, 310, LANES_EVENT_RANGE_END, MARK, 0, 1),
    test_range (r, 320, LANES_EVENT_RANGE_END, MARK_TERM, 0, 1),
    test_range (r, 350, LANES_EVENT_RANGE_BEGIN, "stop-the-world (read mem stats)", 0, 1),
    test_range (r, 355, LANES_EVENT_RANGE_END, "stop-the-world (read mem stats)", 0, 1),
    test_go_transition (r, 400, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "sleep", 0),
  };
  g_autoptr(LanesAnalysis) analysis = analyse (r, events, G_N_ELEMENTS (events));
  LanesGcAnalysis *gc = lanes_analysis_get_gc (analysis);
  const GArray *cycles = lanes_gc_analysis_get_cycles (gc);
  const GArray *pauses = lanes_gc_analysis_get_pauses (gc);
  const LanesGcCycle *cycle;
  const LanesStwPause *pause;
  LanesMmuCurve *mmu;

  g_assert_cmpuint (cycles->len, ==, 1);
  cycle = &g_array_index (cycles, LanesGcCycle, 0);
  g_assert_true (cycle->complete);
  g_assert_cmpint (cycle->start, ==, 100);
  g_assert_cmpint (cycle->end, ==, 320);
  g_assert_cmpint (cycle->mark_start, ==, 108);
  g_assert_cmpint (cycle->mark_end, ==, 310);
  g_assert_cmpint (cycle->sweep_term_start, ==, 100);
  g_assert_cmpint (cycle->sweep_term_ns, ==, 10);
  g_assert_cmpint (cycle->mark_term_start, ==, 300);
  g_assert_cmpint (cycle->mark_term_ns, ==, 20);
  g_assert_cmpint (cycle->assist_ns, ==, 40);
  g_assert_cmpuint (cycle->heap_live_bytes, ==, 1000);
  g_assert_cmpuint (cycle->heap_goal_bytes, ==, 4000);
  /* 70 ns of GC work in the cycle's 220, and in the trace's 400. */
  g_assert_cmpfloat_with_epsilon (cycle->cpu_share, 70.0 / 220.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lanes_gc_analysis_get_cpu_share (gc), 70.0 / 400.0, 1e-9);

  g_assert_cmpuint (pauses->len, ==, 3);
  pause = &g_array_index (pauses, LanesStwPause, 0);
  g_assert_cmpint (pause->start, ==, 100);
  g_assert_cmpint (pause->duration_ns, ==, 10);
  g_assert_cmpstr (lanes_trace_reader_get_string (r, pause->reason), ==, "GC sweep termination");
  g_assert_true (pause->for_gc);
  pause = &g_array_index (pauses, LanesStwPause, 1);
  g_assert_cmpint (pause->duration_ns, ==, 20);
  g_assert_cmpstr (lanes_trace_reader_get_string (r, pause->reason), ==, "GC mark termination");
  pause = &g_array_index (pauses, LanesStwPause, 2);
  g_assert_cmpint (pause->start, ==, 350);
  g_assert_cmpint (pause->duration_ns, ==, 5);
  g_assert_cmpstr (lanes_trace_reader_get_string (r, pause->reason), ==, "read mem stats");
  g_assert_false (pause->for_gc);

  /* Ranges whose ends fall inside GC work: 220–260 is half in the
   * assist; 105–205 has 5 ns of pause and 5 of assist. */
  mmu = lanes_analysis_get_mmu (analysis, FALSE);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mean_util (mmu, 220, 260), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mean_util (mmu, 105, 205), 0.9, 1e-9);
  /* No 20 ns window escapes the mark termination pause. */
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (mmu, 20), 0.0, 1e-9);
}

/* No GC at all: no cycles, no pauses, the program keeps every P. */
static void
test_no_gc (void)
{
  g_autoptr(LanesTraceReader) r = test_reader_new ();
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (r, 0, "/sched/gomaxprocs:threads", 1),
    test_go_transition (r, 0, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (r, 500, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "sleep", 0),
  };
  g_autoptr(LanesAnalysis) analysis = analyse (r, events, G_N_ELEMENTS (events));
  LanesGcAnalysis *gc = lanes_analysis_get_gc (analysis);

  g_assert_cmpuint (lanes_gc_analysis_get_cycles (gc)->len, ==, 0);
  g_assert_cmpuint (lanes_gc_analysis_get_pauses (gc)->len, ==, 0);
  g_assert_cmpfloat (lanes_gc_analysis_get_cpu_share (gc), ==, 0.0);
  g_assert_cmpfloat (lanes_mmu_curve_get_mean_util (lanes_analysis_get_mmu (analysis, FALSE), 100, 200), ==, 1.0);
}

/* The trace begins inside one cycle (its mark phase already active) and
 * ends inside the next, whose sweep termination came before its mark
 * phase: both are incomplete and cut at the trace's ends. */
static void
test_cut_cycles (void)
{
  g_autoptr(LanesTraceReader) r = test_reader_new ();
  const LanesTraceEvent events[] = {
    test_metric (r, 0, "/sched/gomaxprocs:threads", 1),
    test_range (r, 0, LANES_EVENT_RANGE_ACTIVE, MARK, 0, 1),
    test_sync (0),
    test_go_transition (r, 0, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0),
    test_range (r, 50, LANES_EVENT_RANGE_END, MARK, 0, 1),
    test_range (r, 90, LANES_EVENT_RANGE_BEGIN, SWEEP_TERM, 0, 1),
    test_range (r, 100, LANES_EVENT_RANGE_END, SWEEP_TERM, 0, 1),
    test_range (r, 100, LANES_EVENT_RANGE_BEGIN, MARK, 0, 1),
    test_go_transition (r, 250, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "sleep", 0),
  };
  g_autoptr(LanesAnalysis) analysis = analyse (r, events, G_N_ELEMENTS (events));
  const GArray *cycles = lanes_gc_analysis_get_cycles (lanes_analysis_get_gc (analysis));
  const LanesGcCycle *first, *last;

  g_assert_cmpuint (cycles->len, ==, 2);
  first = &g_array_index (cycles, LanesGcCycle, 0);
  g_assert_false (first->complete);
  g_assert_cmpint (first->start, ==, 0);
  g_assert_cmpint (first->end, ==, 50);
  g_assert_cmpint (first->sweep_term_ns, ==, 0);

  last = &g_array_index (cycles, LanesGcCycle, 1);
  g_assert_false (last->complete);
  g_assert_cmpint (last->start, ==, 90);
  g_assert_cmpint (last->mark_start, ==, 100);
  g_assert_cmpint (last->end, ==, 250);
  g_assert_cmpint (last->sweep_term_ns, ==, 10);
  g_assert_cmpint (last->mark_term_ns, ==, 0);
  /* 10 ns paused of the 160 from 90 to the end. */
  g_assert_cmpfloat_with_epsilon (last->cpu_share, 10.0 / 160.0, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gc-analysis/one-cycle", test_one_cycle);
  g_test_add_func ("/gc-analysis/no-gc", test_no_gc);
  g_test_add_func ("/gc-analysis/cut-cycles", test_cut_cycles);
  return g_test_run ();
}
