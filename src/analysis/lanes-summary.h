/* lanes-summary.h: the counts a Go engineer checks first, gathered in one
 * pass over a trace: events by kind, goroutine and proc transitions, block
 * reasons, GC and stop-the-world ranges, metrics; and, from the same
 * pass, go tool trace's goroutine analysis and MMU (see lanes-analysis.h).
 *
 * They are computed as the corpus' reference summaries are (Go's own
 * reader plus its goroutine summarizer), so the two can be compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-analysis.h"
#include "lanes-trace.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 count;
  gint64 total_ns;
  gint64 max_ns;
} LanesRangeStats;

typedef struct _LanesSummary LanesSummary;

LanesSummary *lanes_summary_new        (LanesTraceReader *reader);
void          lanes_summary_free       (LanesSummary     *summary);

void          lanes_summary_add        (LanesSummary          *summary,
                                        const LanesTraceEvent *event);
/* The same for many events; a few thousand at a time is fastest. */
void          lanes_summary_add_events (LanesSummary          *summary,
                                        const LanesTraceEvent *events,
                                        guint                  n_events);
/* Call once after the last events. */
void          lanes_summary_finish     (LanesSummary          *summary);

/* Reads every remaining event of @reader into a new summary.  If the
 * read ends in an error, @error is set and the summary still holds
 * everything read before it. */
LanesSummary *lanes_summary_compute    (LanesTraceReader *reader,
                                        GError          **error);

guint64       lanes_summary_get_events      (LanesSummary *summary);
gint64        lanes_summary_get_duration_ns (LanesSummary *summary);
guint         lanes_summary_get_goroutines  (LanesSummary *summary);
guint         lanes_summary_get_procs       (LanesSummary *summary);
guint         lanes_summary_get_threads     (LanesSummary *summary);
/* NULL when no range of that name completed. */
const LanesRangeStats *
              lanes_summary_get_range       (LanesSummary *summary,
                                             const char   *name);
LanesRangeStats lanes_summary_get_stw       (LanesSummary *summary);
/* The analyses computed along, once finished. */
LanesAnalysis *lanes_summary_get_analysis   (LanesSummary *summary);

typedef struct
{
  const char *name;
  guint64 count;
} LanesNamedCount;

/* Transitions into Waiting by reason, and metric events by metric
 * name: most frequent first, the reader owns the names.  Free with
 * g_array_unref(). */
GArray       *lanes_summary_get_block_reasons (LanesSummary *summary);
GArray       *lanes_summary_get_metrics       (LanesSummary *summary);

/* The names of the ranges that completed at least once, sorted; the
 * reader owns them.  Free with g_ptr_array_unref(). */
GPtrArray    *lanes_summary_get_range_names   (LanesSummary *summary);

guint64       lanes_summary_get_kind_count    (LanesSummary   *summary,
                                               LanesEventKind  kind);
guint64       lanes_summary_get_go_transitions   (LanesSummary   *summary,
                                                  LanesGoState    from,
                                                  LanesGoState    to);
guint64       lanes_summary_get_proc_transitions (LanesSummary   *summary,
                                                  LanesProcState  from,
                                                  LanesProcState  to);

typedef struct
{
  guint64 tasks;
  guint64 regions;
  guint64 logs;
  guint64 cpu_samples;
} LanesAnnotationCounts;

LanesAnnotationCounts lanes_summary_get_annotations  (LanesSummary *summary);
guint64               lanes_summary_get_max_heap_live (LanesSummary *summary);
LanesTraceReader     *lanes_summary_get_reader        (LanesSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesSummary, lanes_summary_free)

G_END_DECLS
