/* lanes-goroutine-analysis.h: go tool trace's goroutine analysis.
 *
 * For every goroutine: how long it ran, waited to be scheduled, spent in
 * syscalls, was blocked (by reason) and spent inside ranges such as mark
 * assists; and the same summed over the goroutines of one name (the
 * function its stacks start from).  The numbers are those of Go's
 * internal/trace summarizer, quirks included, so they agree with
 * go tool trace to the nanosecond.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-goroutine-index.h"
#include "lanes-trace.h"

G_BEGIN_DECLS

#define LANES_UNKNOWN_GOROUTINE_NAME "(unknown)"

typedef struct
{
  gint64 exec_ns;
  gint64 sched_wait_ns;
  gint64 syscall_ns;
  gint64 syscall_block_ns;   /* in a syscall after its P was taken away */
} LanesGoroutineTimes;

/* A duration keyed by a string: a block reason or a range name. */
typedef struct
{
  guint32 key;               /* string id */
  gint64 ns;
} LanesTimeByString;

typedef struct
{
  gint64 id;
  guint32 name;              /* string id; the empty string when unknown */
  LanesGoroutineTimes times;
} LanesGoroutineInfo;

typedef struct
{
  const char *name;          /* LANES_UNKNOWN_GOROUTINE_NAME for goroutines seen with no stack */
  guint count;
  LanesGoroutineTimes times;
  GArray *block_ns;          /* LanesTimeByString by reason, sorted by reason */
  GArray *range_ns;          /* LanesTimeByString by range name, sorted by name */
} LanesGoroutineGroup;

typedef struct _LanesGoroutineAnalysis LanesGoroutineAnalysis;

/* @index is shared with the other analyses of the same events. */
LanesGoroutineAnalysis *lanes_goroutine_analysis_new    (LanesTraceReader       *reader,
                                                         LanesGoroutineIndex    *index);
void                    lanes_goroutine_analysis_free   (LanesGoroutineAnalysis *analysis);

void                    lanes_goroutine_analysis_add    (LanesGoroutineAnalysis *analysis,
                                                         const LanesTraceEvent  *events,
                                                         guint                   n_events);
/* One event, with lanes_goroutine_index_of_transition() of it. */
void                    lanes_goroutine_analysis_add_event (LanesGoroutineAnalysis *analysis,
                                                            const LanesTraceEvent  *event,
                                                            guint32                 goroutine);
/* Accounts for what is still running at the last event; call once, after
 * the last lanes_goroutine_analysis_add(). */
void                    lanes_goroutine_analysis_finish (LanesGoroutineAnalysis *analysis);

/* Goroutines in order of first appearance.  A goroutine id that is
 * created again (a cgo callback's goroutine on an extra M) counts only
 * for its last life, as in Go's summarizer. */
guint   lanes_goroutine_analysis_get_n_goroutines (LanesGoroutineAnalysis *analysis);
void    lanes_goroutine_analysis_get_goroutine    (LanesGoroutineAnalysis *analysis,
                                                   guint                   i,
                                                   LanesGoroutineInfo     *info);
gint64  lanes_goroutine_analysis_get_block_ns     (LanesGoroutineAnalysis *analysis,
                                                   guint                   i,
                                                   guint32                 reason);
gint64  lanes_goroutine_analysis_get_range_ns     (LanesGoroutineAnalysis *analysis,
                                                   guint                   i,
                                                   guint32                 range_name);

/* While events are added, too: when the current life of the goroutine at
 * @index (in the shared goroutine index) first ran, 0 if not yet; and
 * which life that is (1 for the first, 0 if none). */
gint64  lanes_goroutine_analysis_get_start_time   (LanesGoroutineAnalysis *analysis,
                                                   guint32                 index,
                                                   guint32                *life);

/* LanesGoroutineGroup by name, sorted by name. */
const GArray *lanes_goroutine_analysis_get_groups (LanesGoroutineAnalysis *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesGoroutineAnalysis, lanes_goroutine_analysis_free)

G_END_DECLS
