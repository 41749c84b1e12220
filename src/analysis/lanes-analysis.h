/* lanes-analysis.h: every analysis go tool trace offers, computed in one
 * pass over the events: goroutine analysis, mutator utilization and MMU
 * (for all Ps together and per P), GC cycles and pauses, and blocking
 * profiles.
 *
 * It works on events alone, whatever trace format they were read from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-blocking-profile.h"
#include "lanes-gc-analysis.h"
#include "lanes-goroutine-analysis.h"
#include "lanes-mmu.h"

G_BEGIN_DECLS

/* Events are best given a few thousand at a time. */
#define LANES_ANALYSIS_BATCH 4096

typedef struct _LanesAnalysis LanesAnalysis;

LanesAnalysis *lanes_analysis_new     (LanesTraceReader      *reader);
void           lanes_analysis_free    (LanesAnalysis         *analysis);

void           lanes_analysis_add     (LanesAnalysis         *analysis,
                                       const LanesTraceEvent *events,
                                       guint                  n_events);
/* Call once after the last event, before asking for results. */
void           lanes_analysis_finish  (LanesAnalysis         *analysis);

/* Reads every remaining event of @reader and finishes. */
LanesAnalysis *lanes_analysis_compute (LanesTraceReader      *reader,
                                       GError               **error);

/* Times of the first and last events. */
gint64                  lanes_analysis_get_start_time (LanesAnalysis *analysis);
gint64                  lanes_analysis_get_end_time   (LanesAnalysis *analysis);
LanesGoroutineAnalysis *lanes_analysis_get_goroutines (LanesAnalysis *analysis);
/* The MMU curve counting all GC work, for all Ps together or per P. */
LanesMmuCurve          *lanes_analysis_get_mmu        (LanesAnalysis *analysis,
                                                       gboolean       per_proc);
LanesGcAnalysis        *lanes_analysis_get_gc         (LanesAnalysis *analysis);
LanesBlockingProfiles  *lanes_analysis_get_profiles   (LanesAnalysis *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesAnalysis, lanes_analysis_free)

G_END_DECLS
