/* lanes-diagnosis.h: the shapes a trace shows, named.
 *
 * The diagnosis runs every rule (lanes-rule-*.c) over the analyses of
 * go tool trace (LanesAnalysis) and the scheduler facts gathered beside
 * them (LanesSchedFacts), both from one pass over the events, and keeps
 * what they found as a list of LanesFinding, most severe first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-analysis.h"
#include "lanes-finding.h"
#include "lanes-sched-facts.h"

G_BEGIN_DECLS

typedef struct _LanesDiagnosis LanesDiagnosis;

LanesDiagnosis *lanes_diagnosis_new     (LanesTraceReader      *reader);
void            lanes_diagnosis_free    (LanesDiagnosis        *diagnosis);
void            lanes_diagnosis_add     (LanesDiagnosis        *diagnosis,
                                         const LanesTraceEvent *events,
                                         guint                  n_events);
/* Runs the rules; call once, after the last event. */
void            lanes_diagnosis_finish  (LanesDiagnosis        *diagnosis);

/* Reads every remaining event of @reader and runs the rules.  If the
 * read ends in an error, @error is set and, when the trace was only cut
 * short (LANES_TRACE_ERROR_TRUNCATED), the diagnosis of what came before
 * is still returned. */
LanesDiagnosis *lanes_diagnosis_compute (LanesTraceReader      *reader,
                                         GError               **error);

/* The time of the first event, from which ranges are best shown. */
gint64          lanes_diagnosis_get_start_time (LanesDiagnosis *diagnosis);
/* LanesFinding, most severe first. */
GListModel     *lanes_diagnosis_get_findings   (LanesDiagnosis *diagnosis);

/* The rules alone, over analyses made elsewhere: appends LanesFinding to
 * @findings. */
void            lanes_diagnose (LanesTraceReader      *reader,
                                LanesAnalysis         *analysis,
                                const LanesSchedFacts *facts,
                                GListStore            *findings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesDiagnosis, lanes_diagnosis_free)

G_END_DECLS
