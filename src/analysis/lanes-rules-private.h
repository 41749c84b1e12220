/* lanes-rules-private.h: what a family of diagnosis rules is given, and
 * the helpers they share.
 *
 * Every rule states its thresholds next to the reason for them, in terms
 * of what the shape means; each also asks for a minimum of evidence in
 * absolute time, so a short trace is not diagnosed from a few events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-diagnosis.h"
#include "lanes-duration.h"

G_BEGIN_DECLS

#define LANES_MS ((gint64) 1000 * 1000)

typedef struct
{
  LanesTraceReader *reader;
  LanesAnalysis *analysis;
  const LanesSchedFacts *facts;
  gint64 start;            /* first and last events */
  gint64 end;
  GListStore *findings;
} LanesRuleContext;

/* oversubscription, under-parallelism, long-running-goroutines */
void lanes_rules_scheduling (LanesRuleContext *context);
/* gc-assist-pressure, gc-frequency, gc-overhead, low-mmu, healthy-gc */
void lanes_rules_gc         (LanesRuleContext *context);
/* long-stw, forced-gc, global-pause */
void lanes_rules_pauses     (LanesRuleContext *context);
/* lock-contention, channel-contention */
void lanes_rules_blocking   (LanesRuleContext *context);
/* syscall-blocking, thread-creation */
void lanes_rules_threads    (LanesRuleContext *context);

/* @part of @whole, 0 when @whole is 0. */
static inline double
lanes_rule_share (gint64 part,
                  gint64 whole)
{
  return whole > 0 ? (double) part / (double) whole : 0.0;
}

/* Goroutine time of user goroutines, all states. */
gint64 lanes_rule_user_time (const LanesSchedFacts *facts);

/* Adds @finding to the context's list and drops the reference. */
void lanes_rule_report      (LanesRuleContext *context,
                             LanesFinding     *finding);

/* The first frame of @stack that is the program's rather than the
 * runtime's or package sync's ("main.worker (main.go:42)"); NULL when
 * the stack has none. */
char *lanes_rule_describe_stack (LanesRuleContext *context,
                                 guint32           stack);

/* Ranges of @stretches, as the finding's places to look. */
void lanes_rule_add_stretches (LanesFinding         *finding,
                               const LanesStretches *stretches);

/* Details naming where the first @n stacks of @stacks (LanesKeyTotal)
 * made goroutines wait: "@what at main.f (main.go:12): 40 waits, 3 ms". */
void lanes_rule_add_hottest_waits (LanesRuleContext *context,
                                   LanesFinding     *finding,
                                   const GArray     *stacks,
                                   const char       *what,
                                   guint             n);

/* The counts of @totals (LanesKeyTotal) added up. */
guint64 lanes_rule_total_count (const GArray *totals);

/* Goroutine ids of the first @n keys of @totals (LanesKeyTotal). */
void lanes_rule_add_goroutines (LanesFinding *finding,
                                const GArray *totals,
                                guint         n);

G_END_DECLS
