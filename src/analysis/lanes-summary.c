/* lanes-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-summary.h"

#include "lanes-id-map.h"

#define STW_PREFIX "stop-the-world ("

/* A range in flight: its name and the resource it runs on. */
typedef struct
{
  guint32 name;
  guint32 scope;
  gint64 scope_id;
} OpenRange;

struct _LanesSummary
{
  LanesTraceReader *reader;
  guint64 events;
  gint64 first_time;
  gint64 last_time;
  guint64 kinds[LANES_EVENT_N_KINDS];
  LanesIdMap goroutines;   /* used as sets */
  LanesIdMap procs;
  LanesIdMap threads;
  guint64 go_transitions[LANES_GO_N_STATES][LANES_GO_N_STATES];
  guint64 proc_transitions[LANES_PROC_N_STATES][LANES_PROC_N_STATES];
  GArray *block_reasons;   /* guint64 per string id */
  GArray *metrics;         /* guint64 per string id */
  guint32 heap_alloc_name;
  guint64 max_heap_live;
  GHashTable *open_ranges; /* OpenRange → start time */
  GHashTable *ranges;      /* name id → LanesRangeStats */
  guint64 tasks, regions, logs, cpu_samples;
  gint64 last_proc;        /* of the last event */
  gint64 last_thread;
  LanesAnalysis *analysis;
};

static guint
open_range_hash (gconstpointer key)
{
  const OpenRange *r = key;
  return r->name * 31u + r->scope * 7u + (guint) r->scope_id;
}

static gboolean
open_range_equal (gconstpointer a,
                  gconstpointer b)
{
  const OpenRange *x = a, *y = b;
  return x->name == y->name && x->scope == y->scope && x->scope_id == y->scope_id;
}

LanesSummary *
lanes_summary_new (LanesTraceReader *reader)
{
  LanesSummary *summary = g_new0 (LanesSummary, 1);

  summary->reader = reader;
  lanes_id_map_init (&summary->goroutines);
  lanes_id_map_init (&summary->procs);
  lanes_id_map_init (&summary->threads);
  summary->block_reasons = g_array_new (FALSE, TRUE, sizeof (guint64));
  summary->metrics = g_array_new (FALSE, TRUE, sizeof (guint64));
  summary->heap_alloc_name = lanes_trace_reader_intern_string (reader, "/memory/classes/heap/objects:bytes");
  summary->open_ranges = g_hash_table_new_full (open_range_hash, open_range_equal, g_free, g_free);
  summary->ranges = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  summary->last_proc = LANES_NO_PROC;
  summary->last_thread = LANES_NO_THREAD;
  summary->analysis = lanes_analysis_new (reader);
  return summary;
}

void
lanes_summary_free (LanesSummary *summary)
{
  if (summary == NULL)
    return;
  lanes_id_map_clear (&summary->goroutines);
  lanes_id_map_clear (&summary->procs);
  lanes_id_map_clear (&summary->threads);
  g_array_unref (summary->block_reasons);
  g_array_unref (summary->metrics);
  g_hash_table_unref (summary->open_ranges);
  g_hash_table_unref (summary->ranges);
  lanes_analysis_free (summary->analysis);
  g_free (summary);
}

static void
add_to_set (LanesIdMap *set,
            gint64      id)
{
  if (lanes_id_map_lookup (set, (guint64) id) == LANES_ID_MAP_ABSENT)
    lanes_id_map_insert (set, (guint64) id, 1);
}

static void
count_by_string (GArray  *counts,
                 guint32  id)
{
  if (id >= counts->len)
    g_array_set_size (counts, id + 1);
  g_array_index (counts, guint64, id)++;
}

static void
add_transition (LanesSummary          *summary,
                const LanesTraceEvent *event)
{
  const LanesTransition *t = &event->transition;

  if (t->resource == LANES_RESOURCE_PROC)
    {
      summary->proc_transitions[t->from][t->to]++;
      return;
    }

  summary->go_transitions[t->from][t->to]++;
  if (t->to == LANES_GO_WAITING)
    count_by_string (summary->block_reasons, t->reason);
  /* Go's goroutine analysis has an entry for each goroutine it saw come
   * into existence (or first seen, at the start of the trace). */
  if (t->from != t->to && (t->from == LANES_GO_UNDETERMINED || t->from == LANES_GO_NOT_EXIST)
      && t->id != LANES_NO_GOROUTINE)
    add_to_set (&summary->goroutines, t->id);
}

static void
add_range (LanesSummary          *summary,
           const LanesTraceEvent *event)
{
  OpenRange key = { event->range.name, event->range.scope, event->range.scope_id };

  if (event->kind != LANES_EVENT_RANGE_END)
    {
      gint64 *start = g_new (gint64, 1);
      *start = event->time;
      g_hash_table_replace (summary->open_ranges, g_memdup2 (&key, sizeof key), start);
    }
  else
    {
      gint64 *start = g_hash_table_lookup (summary->open_ranges, &key);
      LanesRangeStats *stats;
      gint64 duration;

      if (start == NULL)
        return;
      duration = event->time - *start;
      g_hash_table_remove (summary->open_ranges, &key);
      stats = g_hash_table_lookup (summary->ranges, GUINT_TO_POINTER (key.name));
      if (stats == NULL)
        {
          stats = g_new0 (LanesRangeStats, 1);
          g_hash_table_insert (summary->ranges, GUINT_TO_POINTER (key.name), stats);
        }
      stats->count++;
      stats->total_ns += duration;
      stats->max_ns = MAX (stats->max_ns, duration);
    }
}

static void
add_event (LanesSummary          *summary,
           const LanesTraceEvent *event)
{
  if (summary->events == 0)
    summary->first_time = event->time;
  summary->events++;
  summary->last_time = event->time;
  summary->kinds[event->kind]++;
  /* Events come in runs on one P and M. */
  if (event->proc != LANES_NO_PROC && event->proc != summary->last_proc)
    add_to_set (&summary->procs, event->proc);
  if (event->thread != LANES_NO_THREAD && event->thread != summary->last_thread)
    add_to_set (&summary->threads, event->thread);
  summary->last_proc = event->proc;
  summary->last_thread = event->thread;

  switch (event->kind)
    {
    case LANES_EVENT_STATE_TRANSITION:
      add_transition (summary, event);
      break;
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      add_range (summary, event);
      break;
    case LANES_EVENT_METRIC:
      count_by_string (summary->metrics, event->metric.name);
      if (event->metric.name == summary->heap_alloc_name)
        summary->max_heap_live = MAX (summary->max_heap_live, event->metric.value);
      break;
    case LANES_EVENT_TASK_BEGIN:
      summary->tasks++;
      break;
    case LANES_EVENT_REGION_BEGIN:
      summary->regions++;
      break;
    case LANES_EVENT_LOG:
      summary->logs++;
      break;
    case LANES_EVENT_STACK_SAMPLE:
      summary->cpu_samples++;
      break;
    default:
      break;
    }
}

void
lanes_summary_add_events (LanesSummary          *summary,
                          const LanesTraceEvent *events,
                          guint                  n_events)
{
  for (guint i = 0; i < n_events; i++)
    add_event (summary, &events[i]);
  lanes_analysis_add (summary->analysis, events, n_events);
}

void
lanes_summary_add (LanesSummary          *summary,
                   const LanesTraceEvent *event)
{
  lanes_summary_add_events (summary, event, 1);
}

void
lanes_summary_finish (LanesSummary *summary)
{
  lanes_analysis_finish (summary->analysis);
}

LanesSummary *
lanes_summary_compute (LanesTraceReader *reader,
                       GError          **error)
{
  g_autoptr(LanesSummary) summary = lanes_summary_new (reader);
  g_autofree LanesTraceEvent *batch = g_new (LanesTraceEvent, LANES_ANALYSIS_BATCH);
  GError *local_error = NULL;
  guint n;

  do
    {
      n = lanes_trace_reader_next_batch (reader, batch, LANES_ANALYSIS_BATCH, &local_error);
      lanes_summary_add_events (summary, batch, n);
    }
  while (n == LANES_ANALYSIS_BATCH);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  lanes_summary_finish (summary);
  return g_steal_pointer (&summary);
}

guint64
lanes_summary_get_events (LanesSummary *summary)
{
  return summary->events;
}

gint64
lanes_summary_get_duration_ns (LanesSummary *summary)
{
  return summary->events ? summary->last_time - summary->first_time : 0;
}

guint
lanes_summary_get_goroutines (LanesSummary *summary)
{
  return summary->goroutines.count;
}

guint
lanes_summary_get_procs (LanesSummary *summary)
{
  return summary->procs.count;
}

guint
lanes_summary_get_threads (LanesSummary *summary)
{
  return summary->threads.count;
}

const LanesRangeStats *
lanes_summary_get_range (LanesSummary *summary,
                         const char   *name)
{
  guint32 id = lanes_trace_reader_intern_string (summary->reader, name);
  return g_hash_table_lookup (summary->ranges, GUINT_TO_POINTER (id));
}

LanesRangeStats
lanes_summary_get_stw (LanesSummary *summary)
{
  LanesRangeStats stw = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, summary->ranges);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *name = lanes_trace_reader_get_string (summary->reader, GPOINTER_TO_UINT (key));
      const LanesRangeStats *stats = value;

      if (!g_str_has_prefix (name, STW_PREFIX))
        continue;
      stw.count += stats->count;
      stw.total_ns += stats->total_ns;
      stw.max_ns = MAX (stw.max_ns, stats->max_ns);
    }
  return stw;
}

static gint
compare_counts_descending (gconstpointer a,
                           gconstpointer b)
{
  const LanesNamedCount *x = a, *y = b;
  return (x->count < y->count) - (x->count > y->count);
}

/* The non-zero counts of @counts (one per string id), named. */
static GArray *
named_counts (LanesSummary *summary,
              GArray       *counts)
{
  GArray *named = g_array_new (FALSE, FALSE, sizeof (LanesNamedCount));

  for (guint id = 0; id < counts->len; id++)
    {
      LanesNamedCount count = {
        lanes_trace_reader_get_string (summary->reader, id),
        g_array_index (counts, guint64, id),
      };
      if (count.count != 0)
        g_array_append_val (named, count);
    }
  g_array_sort (named, compare_counts_descending);
  return named;
}

GArray *
lanes_summary_get_block_reasons (LanesSummary *summary)
{
  return named_counts (summary, summary->block_reasons);
}

GArray *
lanes_summary_get_metrics (LanesSummary *summary)
{
  return named_counts (summary, summary->metrics);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
lanes_summary_get_range_names (LanesSummary *summary)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, summary->ranges);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, (gpointer) lanes_trace_reader_get_string (summary->reader, GPOINTER_TO_UINT (key)));
  g_ptr_array_sort (names, compare_names);
  return names;
}

guint64
lanes_summary_get_kind_count (LanesSummary   *summary,
                              LanesEventKind  kind)
{
  g_return_val_if_fail (kind < LANES_EVENT_N_KINDS, 0);
  return summary->kinds[kind];
}

guint64
lanes_summary_get_go_transitions (LanesSummary *summary,
                                  LanesGoState  from,
                                  LanesGoState  to)
{
  g_return_val_if_fail (from < LANES_GO_N_STATES && to < LANES_GO_N_STATES, 0);
  return summary->go_transitions[from][to];
}

guint64
lanes_summary_get_proc_transitions (LanesSummary   *summary,
                                    LanesProcState  from,
                                    LanesProcState  to)
{
  g_return_val_if_fail (from < LANES_PROC_N_STATES && to < LANES_PROC_N_STATES, 0);
  return summary->proc_transitions[from][to];
}

LanesAnnotationCounts
lanes_summary_get_annotations (LanesSummary *summary)
{
  LanesAnnotationCounts counts = { summary->tasks, summary->regions, summary->logs, summary->cpu_samples };
  return counts;
}

guint64
lanes_summary_get_max_heap_live (LanesSummary *summary)
{
  return summary->max_heap_live;
}

LanesTraceReader *
lanes_summary_get_reader (LanesSummary *summary)
{
  return summary->reader;
}

LanesAnalysis *
lanes_summary_get_analysis (LanesSummary *summary)
{
  return summary->analysis;
}
