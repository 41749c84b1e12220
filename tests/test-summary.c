/* test-summary.c: a summary of events built by hand on one P, with every
 * count worked out from the events; and the summary written as JSON (as
 * the corpus' reference files) and as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-summary-json.h"
#include "lanes-summary-text.h"
#include "test-events.h"

#include <string.h>

#define MARK "GC concurrent mark phase"
#define READ_MEM_STATS "stop-the-world (read mem stats)"
#define HEAP "/memory/classes/heap/objects:bytes"
#define GOMAXPROCS "/sched/gomaxprocs:threads"

static LanesTraceEvent
annotation (gint64         time,
            LanesEventKind kind)
{
  return (LanesTraceEvent) { .time = time, .kind = kind, .proc = 0, .goroutine = 1, .thread = 1 };
}

/* G1 runs 0–20, waits on a channel until 100, is runnable until 120
 * and runs until it exits at 150.  G2 is created at 10, runs 30–110 and
 * waits on a channel until the end.  A non-GC pause 70–75, a mark phase
 * 80–130, the heap at 3000 then 2000 bytes, a task and a log. */
static LanesSummary *
build_summary (LanesTraceReader *r)
{
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (r, 0, GOMAXPROCS, 1),
    test_proc_transition (0, 0, LANES_PROC_IDLE, LANES_PROC_RUNNING),
    test_go_transition (r, 0, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (r, 10, 0, 2, LANES_GO_NOT_EXIST, LANES_GO_RUNNABLE, NULL, 0),
    test_go_transition (r, 20, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "chan receive", 0),
    test_go_transition (r, 30, 0, 2, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_metric (r, 40, HEAP, 3000),
    test_metric (r, 60, HEAP, 2000),
    test_range (r, 70, LANES_EVENT_RANGE_BEGIN, READ_MEM_STATS, 0, 2),
    test_range (r, 75, LANES_EVENT_RANGE_END, READ_MEM_STATS, 0, 2),
    test_proc_range (r, 80, LANES_EVENT_RANGE_BEGIN, MARK, 0, 2),
    test_go_transition (r, 100, 0, 1, LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, 0),
    test_go_transition (r, 110, 0, 2, LANES_GO_RUNNING, LANES_GO_WAITING, "chan receive", 0),
    test_go_transition (r, 120, 0, 1, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    annotation (125, LANES_EVENT_TASK_BEGIN),
    annotation (126, LANES_EVENT_LOG),
    test_proc_range (r, 130, LANES_EVENT_RANGE_END, MARK, 0, 1),
    test_go_transition (r, 150, 0, 1, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0),
  };
  LanesSummary *summary = lanes_summary_new (r);

  lanes_summary_add_events (summary, events, G_N_ELEMENTS (events));
  lanes_summary_finish (summary);
  return summary;
}

static void
test_counts (void)
{
  g_autoptr(LanesTraceReader) r = test_reader_new ();
  g_autoptr(LanesSummary) summary = build_summary (r);
  g_autoptr(GArray) reasons = lanes_summary_get_block_reasons (summary);
  g_autoptr(GArray) metrics = lanes_summary_get_metrics (summary);
  g_autoptr(GPtrArray) range_names = lanes_summary_get_range_names (summary);
  const LanesRangeStats *mark;
  LanesRangeStats stw = lanes_summary_get_stw (summary);
  LanesAnnotationCounts annotations = lanes_summary_get_annotations (summary);

  g_assert_cmpuint (lanes_summary_get_events (summary), ==, 19);
  g_assert_cmpint (lanes_summary_get_duration_ns (summary), ==, 150);
  g_assert_cmpuint (lanes_summary_get_goroutines (summary), ==, 2);
  g_assert_cmpuint (lanes_summary_get_procs (summary), ==, 1);
  g_assert_cmpuint (lanes_summary_get_threads (summary), ==, 1);

  g_assert_cmpuint (lanes_summary_get_kind_count (summary, LANES_EVENT_SYNC), ==, 1);
  g_assert_cmpuint (lanes_summary_get_kind_count (summary, LANES_EVENT_METRIC), ==, 3);
  g_assert_cmpuint (lanes_summary_get_kind_count (summary, LANES_EVENT_STATE_TRANSITION), ==, 9);
  g_assert_cmpuint (lanes_summary_get_kind_count (summary, LANES_EVENT_RANGE_BEGIN), ==, 2);
  g_assert_cmpuint (lanes_summary_get_kind_count (summary, LANES_EVENT_RANGE_END), ==, 2);

  g_assert_cmpuint (lanes_summary_get_go_transitions (summary, LANES_GO_RUNNING, LANES_GO_WAITING), ==, 2);
  g_assert_cmpuint (lanes_summary_get_go_transitions (summary, LANES_GO_RUNNABLE, LANES_GO_RUNNING), ==, 2);
  g_assert_cmpuint (lanes_summary_get_go_transitions (summary, LANES_GO_NOT_EXIST, LANES_GO_RUNNABLE), ==, 1);
  g_assert_cmpuint (lanes_summary_get_go_transitions (summary, LANES_GO_RUNNING, LANES_GO_NOT_EXIST), ==, 1);
  g_assert_cmpuint (lanes_summary_get_proc_transitions (summary, LANES_PROC_IDLE, LANES_PROC_RUNNING), ==, 1);

  g_assert_cmpuint (reasons->len, ==, 1);
  g_assert_cmpstr (g_array_index (reasons, LanesNamedCount, 0).name, ==, "chan receive");
  g_assert_cmpuint (g_array_index (reasons, LanesNamedCount, 0).count, ==, 2);
  /* Most frequent first. */
  g_assert_cmpuint (metrics->len, ==, 2);
  g_assert_cmpstr (g_array_index (metrics, LanesNamedCount, 0).name, ==, HEAP);
  g_assert_cmpuint (g_array_index (metrics, LanesNamedCount, 0).count, ==, 2);
  g_assert_cmpuint (lanes_summary_get_max_heap_live (summary), ==, 3000);

  g_assert_cmpuint (range_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (range_names, 0), ==, MARK);
  g_assert_cmpstr (g_ptr_array_index (range_names, 1), ==, READ_MEM_STATS);
  mark = lanes_summary_get_range (summary, MARK);
  g_assert_nonnull (mark);
  g_assert_cmpuint (mark->count, ==, 1);
  g_assert_cmpint (mark->total_ns, ==, 50);
  g_assert_cmpuint (stw.count, ==, 1);
  g_assert_cmpint (stw.total_ns, ==, 5);
  g_assert_cmpint (stw.max_ns, ==, 5);
  g_assert_null (lanes_summary_get_range (summary, "GC incremental sweep"));

  g_assert_cmpuint (annotations.tasks, ==, 1);
  g_assert_cmpuint (annotations.regions, ==, 0);
  g_assert_cmpuint (annotations.logs, ==, 1);
  g_assert_cmpuint (annotations.cpu_samples, ==, 0);
}

/* @path: member names joined by '|' (metric names hold slashes). */
static gint64
member_int (JsonObject *object,
            const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, "|", -1);
  guint n = g_strv_length (names);

  for (guint i = 0; i + 1 < n; i++)
    object = json_object_get_object_member (object, names[i]);
  g_assert_true (json_object_has_member (object, names[n - 1]));
  return json_object_get_int_member (object, names[n - 1]);
}

static void
test_json (void)
{
  g_autoptr(LanesTraceReader) r = test_reader_new ();
  g_autoptr(LanesSummary) summary = build_summary (r);
  g_autoptr(JsonNode) root = lanes_summary_to_json (summary);
  JsonObject *object = json_node_get_object (root);
  JsonObject *goroutines;
  g_autofree char *running_to_waiting = g_strdup_printf ("goroutine_transitions|%s->%s",
                                                         lanes_go_state_to_string (LANES_GO_RUNNING),
                                                         lanes_go_state_to_string (LANES_GO_WAITING));

  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "1.23");
  g_assert_cmpint (member_int (object, "events"), ==, 19);
  g_assert_cmpint (member_int (object, "duration_ns"), ==, 150);
  g_assert_cmpint (member_int (object, "goroutines"), ==, 2);
  g_assert_cmpint (member_int (object, running_to_waiting), ==, 2);
  g_assert_cmpint (member_int (object, "goroutine_block_reasons|chan receive"), ==, 2);
  g_assert_cmpint (member_int (object, "ranges|" MARK "|total_ns"), ==, 50);
  g_assert_cmpint (member_int (object, "gc_cycles"), ==, 1);
  g_assert_cmpint (member_int (object, "stw|count"), ==, 1);
  g_assert_cmpint (member_int (object, "stw|max_ns"), ==, 5);
  g_assert_cmpint (member_int (object, "tasks"), ==, 1);
  g_assert_cmpint (member_int (object, "logs"), ==, 1);
  g_assert_cmpint (member_int (object, "metrics|" HEAP), ==, 2);
  g_assert_cmpint (member_int (object, "max_heap_live_bytes"), ==, 3000);

  /* Neither goroutine was seen with a stack.  They ran 0–20, 120–150 and
   * 30–110; waited for a P 10–30 and 100–120; on the channel 20–100
   * and, until the trace ends, 110–150. */
  goroutines = json_object_get_object_member (json_object_get_object_member (object, "goroutine_analysis"),
                                              LANES_UNKNOWN_GOROUTINE_NAME);
  g_assert_cmpint (member_int (goroutines, "count"), ==, 2);
  g_assert_cmpint (member_int (goroutines, "exec_ns"), ==, 20 + 30 + 80);
  g_assert_cmpint (member_int (goroutines, "sched_wait_ns"), ==, 20 + 20);
  g_assert_cmpint (member_int (goroutines, "block_ns|chan receive"), ==, 80 + 40);

  /* No GC work: every window keeps the whole P. */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (object, "mmu"), "1ms"), ==, 1.0);
}

static void
test_text (void)
{
  g_autoptr(LanesTraceReader) r = test_reader_new ();
  g_autoptr(LanesSummary) summary = build_summary (r);
  g_autofree char *text = lanes_summary_to_text (summary);

  g_assert_nonnull (strstr (text, "Duration:      150 ns\n"));
  g_assert_nonnull (strstr (text, "Goroutines:    2\n"));
  g_assert_nonnull (strstr (text, "GC cycles:     1\n"));
  g_assert_nonnull (strstr (text, "Stop-the-world pauses: 1, total 5 ns, longest 5 ns\n"));
  g_assert_true (g_regex_match_simple ("\n  chan receive +2\n", text, 0, 0));
  g_assert_true (g_regex_match_simple ("\n  " MARK " +1  total 50 ns, longest 50 ns\n", text, 0, 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/summary/counts", test_counts);
  g_test_add_func ("/summary/json", test_json);
  g_test_add_func ("/summary/text", test_text);
  return g_test_run ();
}
