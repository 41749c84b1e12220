/* lanes-diagnosis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-diagnosis.h"

#include <string.h>

#include "lanes-rules-private.h"

struct _LanesDiagnosis
{
  LanesTraceReader *reader;
  LanesAnalysis *analysis;
  LanesSchedFactsBuilder *facts;
  GListStore *findings;
  gboolean finished;
};

LanesDiagnosis *
lanes_diagnosis_new (LanesTraceReader *reader)
{
  LanesDiagnosis *diagnosis = g_new0 (LanesDiagnosis, 1);

  diagnosis->reader = reader;
  diagnosis->analysis = lanes_analysis_new (reader);
  diagnosis->facts = lanes_sched_facts_builder_new (reader);
  diagnosis->findings = g_list_store_new (LANES_TYPE_FINDING);
  return diagnosis;
}

void
lanes_diagnosis_free (LanesDiagnosis *diagnosis)
{
  if (diagnosis == NULL)
    return;
  lanes_analysis_free (diagnosis->analysis);
  lanes_sched_facts_builder_free (diagnosis->facts);
  g_object_unref (diagnosis->findings);
  g_free (diagnosis);
}

void
lanes_diagnosis_add (LanesDiagnosis        *diagnosis,
                     const LanesTraceEvent *events,
                     guint                  n_events)
{
  g_return_if_fail (!diagnosis->finished);
  lanes_analysis_add (diagnosis->analysis, events, n_events);
  lanes_sched_facts_builder_add (diagnosis->facts, events, n_events);
}

void
lanes_diagnosis_finish (LanesDiagnosis *diagnosis)
{
  const LanesSchedFacts *facts;

  g_return_if_fail (!diagnosis->finished);
  diagnosis->finished = TRUE;
  lanes_analysis_finish (diagnosis->analysis);
  facts = lanes_sched_facts_builder_finish (diagnosis->facts,
                                            lanes_analysis_get_end_time (diagnosis->analysis));
  lanes_diagnose (diagnosis->reader, diagnosis->analysis, facts, diagnosis->findings);
}

LanesDiagnosis *
lanes_diagnosis_compute (LanesTraceReader *reader,
                         GError          **error)
{
  g_autoptr(LanesDiagnosis) diagnosis = lanes_diagnosis_new (reader);
  g_autofree LanesTraceEvent *batch = g_new (LanesTraceEvent, LANES_ANALYSIS_BATCH);
  GError *local_error = NULL;
  guint n;

  do
    {
      n = lanes_trace_reader_next_batch (reader, batch, LANES_ANALYSIS_BATCH, &local_error);
      lanes_diagnosis_add (diagnosis, batch, n);
    }
  while (n == LANES_ANALYSIS_BATCH);
  if (local_error != NULL)
    {
      gboolean truncated = g_error_matches (local_error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED);

      g_propagate_error (error, local_error);
      if (!truncated)
        return NULL;
    }
  lanes_diagnosis_finish (diagnosis);
  return g_steal_pointer (&diagnosis);
}

gint64
lanes_diagnosis_get_start_time (LanesDiagnosis *diagnosis)
{
  return lanes_analysis_get_start_time (diagnosis->analysis);
}

GListModel *
lanes_diagnosis_get_findings (LanesDiagnosis *diagnosis)
{
  return G_LIST_MODEL (diagnosis->findings);
}

void
lanes_diagnose (LanesTraceReader      *reader,
                LanesAnalysis         *analysis,
                const LanesSchedFacts *facts,
                GListStore            *findings)
{
  LanesRuleContext context = {
    .reader = reader,
    .analysis = analysis,
    .facts = facts,
    .start = lanes_analysis_get_start_time (analysis),
    .end = lanes_analysis_get_end_time (analysis),
    .findings = g_list_store_new (LANES_TYPE_FINDING),
  };

  lanes_rules_scheduling (&context);
  lanes_rules_blocking (&context);
  lanes_rules_threads (&context);
  lanes_rules_gc (&context);
  lanes_rules_pauses (&context);
  /* Most severe first; within a severity, in the order above. */
  for (int severity = LANES_SEVERITY_SEVERE; severity >= LANES_SEVERITY_INFO; severity--)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (context.findings)); i++)
      {
        g_autoptr(LanesFinding) finding = g_list_model_get_item (G_LIST_MODEL (context.findings), i);

        if ((int) lanes_finding_get_severity (finding) == severity)
          g_list_store_append (findings, finding);
      }
  g_object_unref (context.findings);
}

void
lanes_rule_report (LanesRuleContext *context,
                   LanesFinding     *finding)
{
  g_list_store_append (context->findings, finding);
  g_object_unref (finding);
}

/* Frames of the runtime and of package sync say how a goroutine waits,
 * not where the program made it wait. */
static gboolean
is_machinery (const char *function)
{
  return g_str_has_prefix (function, "runtime.") || g_str_has_prefix (function, "sync.")
         || g_str_has_prefix (function, "internal/") || g_str_has_prefix (function, "runtime/internal/");
}

char *
lanes_rule_describe_stack (LanesRuleContext *context,
                           guint32           stack)
{
  const LanesTraceFrame *frames;
  guint n = lanes_trace_reader_get_stack (context->reader, stack, &frames);

  for (guint i = 0; i < n; i++)
    {
      const char *function = lanes_trace_reader_get_string (context->reader, frames[i].function);
      const char *file = lanes_trace_reader_get_string (context->reader, frames[i].file);

      if (function == NULL || *function == '\0' || is_machinery (function))
        continue;
      if (file != NULL && *file != '\0')
        return g_strdup_printf ("%s (%s:%" G_GUINT64_FORMAT ")", function, strrchr (file, '/') != NULL ? strrchr (file, '/') + 1 : file,
                                frames[i].line);
      return g_strdup (function);
    }
  return NULL;
}

void
lanes_rule_add_stretches (LanesFinding         *finding,
                          const LanesStretches *stretches)
{
  for (guint i = 0; i < stretches->ranges->len; i++)
    {
      const LanesTimeRange *r = &g_array_index (stretches->ranges, LanesTimeRange, i);

      lanes_finding_add_range (finding, r->start, r->end);
    }
}

void
lanes_rule_add_goroutines (LanesFinding *finding,
                           const GArray *totals,
                           guint         n)
{
  for (guint i = 0; i < totals->len && i < n; i++)
    lanes_finding_add_goroutine (finding, g_array_index (totals, LanesKeyTotal, i).key);
}

void
lanes_rule_add_hottest_waits (LanesRuleContext *context,
                              LanesFinding     *finding,
                              const GArray     *stacks,
                              const char       *what,
                              guint             n)
{
  for (guint i = 0; i < stacks->len && i < n; i++)
    {
      const LanesKeyTotal *total = &g_array_index (stacks, LanesKeyTotal, i);
      g_autofree char *where = lanes_rule_describe_stack (context, (guint32) total->key);
      g_autofree char *waited = lanes_duration_format (total->ns);

      if (where != NULL)
        lanes_finding_add_detail (finding, "%s at %s: %" G_GUINT64_FORMAT " waits, %s", what, where, total->count, waited);
    }
}

gint64
lanes_rule_user_time (const LanesSchedFacts *facts)
{
  gint64 total = 0;

  for (guint k = 0; k < LANES_N_TIMES; k++)
    total += facts->user_ns[k];
  return total;
}

guint64
lanes_rule_total_count (const GArray *totals)
{
  guint64 count = 0;

  for (guint i = 0; i < totals->len; i++)
    count += g_array_index (totals, LanesKeyTotal, i).count;
  return count;
}
