/* lanes-summary-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-summary-json.h"

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* @counts: LanesNamedCount, freed here. */
static void
add_named_counts (JsonBuilder *builder,
                  const char  *member,
                  GArray      *counts)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < counts->len; i++)
    {
      const LanesNamedCount *count = &g_array_index (counts, LanesNamedCount, i);
      add_int (builder, count->name, (gint64) count->count);
    }
  json_builder_end_object (builder);
  g_array_unref (counts);
}

static void
add_range_stats (JsonBuilder           *builder,
                 const char            *member,
                 const LanesRangeStats *stats)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_int (builder, "count", (gint64) stats->count);
  add_int (builder, "total_ns", stats->total_ns);
  add_int (builder, "max_ns", stats->max_ns);
  json_builder_end_object (builder);
}

/* Goroutine and P transitions alike: a state space, its counts and its
 * names. */
typedef struct
{
  const char *member;
  guint n_states;
  guint64 (*count) (LanesSummary *summary, guint from, guint to);
  const char *(*name) (guint state);
} Transitions;

static guint64
go_count (LanesSummary *summary,
          guint         from,
          guint         to)
{
  return lanes_summary_get_go_transitions (summary, from, to);
}

static const char *
go_name (guint state)
{
  return lanes_go_state_to_string (state);
}

static guint64
proc_count (LanesSummary *summary,
            guint         from,
            guint         to)
{
  return lanes_summary_get_proc_transitions (summary, from, to);
}

static const char *
proc_name (guint state)
{
  return lanes_proc_state_to_string (state);
}

static const Transitions go_transitions = { "goroutine_transitions", LANES_GO_N_STATES, go_count, go_name };
static const Transitions proc_transitions = { "proc_transitions", LANES_PROC_N_STATES, proc_count, proc_name };

static void
add_transitions (JsonBuilder       *builder,
                 LanesSummary      *summary,
                 const Transitions *kind)
{
  json_builder_set_member_name (builder, kind->member);
  json_builder_begin_object (builder);
  for (guint from = 0; from < kind->n_states; from++)
    for (guint to = 0; to < kind->n_states; to++)
      {
        guint64 n = kind->count (summary, from, to);
        g_autofree char *name = NULL;
        if (n == 0)
          continue;
        name = g_strdup_printf ("%s->%s", kind->name (from), kind->name (to));
        add_int (builder, name, (gint64) n);
      }
  json_builder_end_object (builder);
}

/* The MMU at the corpus' window sizes. */
static void
add_mmu (JsonBuilder   *builder,
         const char    *member,
         LanesMmuCurve *curve)
{
  static const struct { const char *name; gint64 ns; } windows[] = {
    { "1ms", 1000000 }, { "10ms", 10000000 }, { "100ms", 100000000 }, { "1s", 1000000000 },
  };

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      json_builder_set_member_name (builder, windows[i].name);
      json_builder_add_double_value (builder, lanes_mmu_curve_get_mmu (curve, windows[i].ns));
    }
  json_builder_end_object (builder);
}

static void
add_times_by_string (JsonBuilder      *builder,
                     LanesTraceReader *reader,
                     const char       *member,
                     const GArray     *times)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint k = 0; k < times->len; k++)
    {
      const LanesTimeByString *t = &g_array_index (times, LanesTimeByString, k);
      add_int (builder, lanes_trace_reader_get_string (reader, t->key), t->ns);
    }
  json_builder_end_object (builder);
}

/* The groups as the corpus' "goroutine_analysis" object (which has no
 * syscall block time). */
static void
add_goroutine_analysis (JsonBuilder            *builder,
                        LanesTraceReader       *reader,
                        LanesGoroutineAnalysis *analysis)
{
  const GArray *groups = lanes_goroutine_analysis_get_groups (analysis);

  json_builder_set_member_name (builder, "goroutine_analysis");
  json_builder_begin_object (builder);
  for (guint g = 0; g < groups->len; g++)
    {
      const LanesGoroutineGroup *group = &g_array_index (groups, LanesGoroutineGroup, g);

      json_builder_set_member_name (builder, group->name);
      json_builder_begin_object (builder);
      add_int (builder, "count", group->count);
      add_int (builder, "exec_ns", group->times.exec_ns);
      add_int (builder, "sched_wait_ns", group->times.sched_wait_ns);
      add_int (builder, "syscall_ns", group->times.syscall_ns);
      add_times_by_string (builder, reader, "block_ns", group->block_ns);
      add_times_by_string (builder, reader, "range_ns", group->range_ns);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

JsonNode *
lanes_summary_to_json (LanesSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) range_names = lanes_summary_get_range_names (summary);
  LanesTraceReader *reader = lanes_summary_get_reader (summary);
  LanesAnalysis *analysis = lanes_summary_get_analysis (summary);
  g_autofree char *version = g_strdup_printf ("1.%u", lanes_trace_reader_get_version (reader));
  const LanesRangeStats *gc = lanes_summary_get_range (summary, "GC concurrent mark phase");
  LanesRangeStats stw = lanes_summary_get_stw (summary);
  LanesAnnotationCounts annotations = lanes_summary_get_annotations (summary);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version);
  add_int (builder, "events", (gint64) lanes_summary_get_events (summary));
  add_int (builder, "duration_ns", lanes_summary_get_duration_ns (summary));

  json_builder_set_member_name (builder, "kinds");
  json_builder_begin_object (builder);
  for (guint kind = 1; kind < LANES_EVENT_N_KINDS; kind++)
    if (lanes_summary_get_kind_count (summary, kind) != 0)
      add_int (builder, lanes_event_kind_to_string (kind), (gint64) lanes_summary_get_kind_count (summary, kind));
  json_builder_end_object (builder);

  add_int (builder, "goroutines", lanes_summary_get_goroutines (summary));
  add_int (builder, "procs", lanes_summary_get_procs (summary));
  add_int (builder, "threads", lanes_summary_get_threads (summary));
  add_transitions (builder, summary, &go_transitions);
  add_transitions (builder, summary, &proc_transitions);
  add_named_counts (builder, "goroutine_block_reasons", lanes_summary_get_block_reasons (summary));

  json_builder_set_member_name (builder, "ranges");
  json_builder_begin_object (builder);
  for (guint i = 0; i < range_names->len; i++)
    {
      const char *name = g_ptr_array_index (range_names, i);
      add_range_stats (builder, name, lanes_summary_get_range (summary, name));
    }
  json_builder_end_object (builder);

  add_int (builder, "gc_cycles", gc ? (gint64) gc->count : 0);
  add_range_stats (builder, "stw", &stw);
  add_int (builder, "tasks", (gint64) annotations.tasks);
  add_int (builder, "regions", (gint64) annotations.regions);
  add_int (builder, "logs", (gint64) annotations.logs);
  add_int (builder, "cpu_samples", (gint64) annotations.cpu_samples);
  add_named_counts (builder, "metrics", lanes_summary_get_metrics (summary));
  add_int (builder, "max_heap_live_bytes", (gint64) lanes_summary_get_max_heap_live (summary));
  add_goroutine_analysis (builder, reader, lanes_analysis_get_goroutines (analysis));
  add_mmu (builder, "mmu", lanes_analysis_get_mmu (analysis, FALSE));
  add_mmu (builder, "mmu_per_proc", lanes_analysis_get_mmu (analysis, TRUE));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
