/* lanes-rule-scheduling.c: how goroutines share the Ps.
 *
 * oversubscription: far more goroutines want a P than there are Ps, so
 *   each waits in the run queues much longer than it runs.
 * under-parallelism: one or two goroutines run while most Ps are idle
 *   and others queue on a lock or a channel: a serial bottleneck.
 * long-running-goroutines: goroutines that run 10 ms or more without
 *   stopping until the scheduler preempts them, while others wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-rules-private.h"

/* Goroutines waiting for a P at least twice as long as they run: a
 * newly runnable goroutine finds two others' time slices ahead of it.
 * Ten times as long is severe: work waits an order of magnitude longer
 * than it takes. */
#define OVERSUB_WAIT_RATIO 2.0
#define OVERSUB_SEVERE_RATIO 10.0
/* The run queues must be that long for a real part of the run. */
#define OVERSUB_MIN_SHARE 0.1
#define OVERSUB_MIN_NS (10 * LANES_MS)

/* Serial stretches (see LanesSchedFacts) most of the run, and at least
 * this long; four fifths of it is severe.  The waiters must be handed
 * the lock or the channel and come back to queue (twice each on
 * average): goroutines parked for good (an idle pool, a server waiting
 * for requests) are not queueing behind the work. */
#define SERIAL_MIN_SHARE 0.5
#define SERIAL_SEVERE_SHARE 0.8
#define SERIAL_MIN_NS (10 * LANES_MS)
#define SERIAL_MIN_WAITS_PER_WAITER 2


/* Preempted after a long run, more than once for one goroutine, and
 * enough such runs to be a pattern rather than an accident. */
#define LONG_RUN_MIN_REPEATS 2
#define LONG_RUN_MIN_RUNS 5
/* Severe when these runs hold the Ps for half the run. */
#define LONG_RUN_SEVERE_SHARE 0.5

static void
oversubscription (LanesRuleContext *context)
{
  const LanesSchedFacts *facts = context->facts;
  gint64 running = facts->user_ns[LANES_TIME_RUNNING];
  gint64 runnable = facts->user_ns[LANES_TIME_RUNNABLE];
  gint64 duration = context->end - context->start;
  double ratio = running > 0 ? (double) runnable / (double) running : 0.0;
  LanesFinding *finding;

  if (facts->gomaxprocs == 0 || ratio < OVERSUB_WAIT_RATIO
      || facts->user_goroutines < LANES_OVERSUB_FACTOR * facts->gomaxprocs
      || facts->oversubscribed.total_ns < OVERSUB_MIN_NS
      || lanes_rule_share (facts->oversubscribed.total_ns, duration) < OVERSUB_MIN_SHARE)
    return;

  finding = lanes_finding_new ("oversubscription",
                               ratio >= OVERSUB_SEVERE_RATIO ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "More goroutines are ready to run than there are Ps to run them, so each "
                               "spends most of its life in a run queue (the pale runnable tails). The "
                               "work is not parallel beyond GOMAXPROCS; the extra goroutines only add "
                               "scheduling, memory and latency.",
                               "Bound the concurrency: a worker pool of about GOMAXPROCS goroutines fed "
                               "by a channel, or a semaphore (a buffered channel, "
                               "golang.org/x/sync/semaphore, errgroup.SetLimit) around the work.");
  lanes_finding_set_summary (finding, "Goroutines waited %.1f× as long for a P as they ran; %u or more were runnable on %u Ps for %.0f%% of the run",
                             ratio, LANES_OVERSUB_FACTOR * facts->gomaxprocs, facts->gomaxprocs,
                             100 * lanes_rule_share (facts->oversubscribed.total_ns, duration));
  lanes_finding_add_evidence (finding, "sched_wait_ns", LANES_UNIT_NS, runnable);
  lanes_finding_add_evidence (finding, "exec_ns", LANES_UNIT_NS, running);
  lanes_finding_add_evidence (finding, "wait_to_run_ratio", LANES_UNIT_RATIO, ratio);
  lanes_finding_add_evidence (finding, "oversubscribed_ns", LANES_UNIT_NS, facts->oversubscribed.total_ns);
  lanes_finding_add_evidence (finding, "oversubscribed_share", LANES_UNIT_SHARE, lanes_rule_share (facts->oversubscribed.total_ns, duration));
  lanes_finding_add_evidence (finding, "goroutines", LANES_UNIT_COUNT, facts->user_goroutines);
  lanes_finding_add_evidence (finding, "gomaxprocs", LANES_UNIT_COUNT, facts->gomaxprocs);
  lanes_rule_add_stretches (finding, &facts->oversubscribed);
  lanes_rule_report (context, finding);
}

/* The goroutines that ran most, from the goroutine analysis. */
static void
add_busiest (LanesRuleContext *context,
             LanesFinding     *finding,
             guint             n)
{
  LanesGoroutineAnalysis *goroutines = lanes_analysis_get_goroutines (context->analysis);
  g_autoptr(GArray) best = g_array_new (FALSE, FALSE, sizeof (LanesGoroutineInfo));

  for (guint i = 0; i < lanes_goroutine_analysis_get_n_goroutines (goroutines); i++)
    {
      LanesGoroutineInfo info;
      guint at;

      lanes_goroutine_analysis_get_goroutine (goroutines, i, &info);
      for (at = 0; at < best->len; at++)
        if (info.times.exec_ns > g_array_index (best, LanesGoroutineInfo, at).times.exec_ns)
          break;
      if (at < n)
        g_array_insert_val (best, at, info);
      if (best->len > n)
        g_array_set_size (best, n);
    }
  for (guint i = 0; i < best->len; i++)
    {
      const LanesGoroutineInfo *info = &g_array_index (best, LanesGoroutineInfo, i);
      const char *name = lanes_trace_reader_get_string (context->reader, info->name);
      g_autofree char *ran = lanes_duration_format (info->times.exec_ns);

      lanes_finding_add_goroutine (finding, info->id);
      lanes_finding_add_detail (finding, "goroutine %" G_GINT64_FORMAT " (%s) ran %s",
                                info->id, name != NULL && *name ? name : LANES_UNKNOWN_GOROUTINE_NAME, ran);
    }
}

static void
under_parallelism (LanesRuleContext *context)
{
  const LanesSchedFacts *facts = context->facts;
  gint64 duration = context->end - context->start;
  double serial = lanes_rule_share (facts->serial.total_ns, duration);
  guint waiters = facts->lock_waiters->len + facts->channel_waiters->len;
  LanesFinding *finding;

  if (facts->serial.total_ns < SERIAL_MIN_NS || serial < SERIAL_MIN_SHARE || waiters < LANES_SERIAL_MIN_WAITERS
      || lanes_rule_total_count (facts->lock_waiters) + lanes_rule_total_count (facts->channel_waiters) < SERIAL_MIN_WAITS_PER_WAITER * waiters)
    return;

  finding = lanes_finding_new ("under-parallelism",
                               serial >= SERIAL_SEVERE_SHARE ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "One or two goroutines do the work while most Ps stay idle and the other "
                               "goroutines queue on a lock or a channel: a serial bottleneck. Adding "
                               "goroutines or cores will not make this faster.",
                               "Shrink what runs under the lock or behind the channel: do the work outside "
                               "the critical section, shard the state (one lock per shard), or give each "
                               "worker its own data and merge at the end.");
  lanes_finding_set_summary (finding, "For %.0f%% of the run one or two goroutines ran on %u Ps while others waited on a lock or channel",
                             100 * serial, facts->gomaxprocs);
  lanes_finding_add_evidence (finding, "serial_ns", LANES_UNIT_NS, facts->serial.total_ns);
  lanes_finding_add_evidence (finding, "serial_share", LANES_UNIT_SHARE, serial);
  lanes_finding_add_evidence (finding, "lock_wait_ns", LANES_UNIT_NS, facts->user_ns[LANES_TIME_LOCK]);
  lanes_finding_add_evidence (finding, "channel_wait_ns", LANES_UNIT_NS, facts->user_ns[LANES_TIME_CHANNEL]);
  lanes_finding_add_evidence (finding, "gomaxprocs", LANES_UNIT_COUNT, facts->gomaxprocs);
  add_busiest (context, finding, 2);
  lanes_rule_add_hottest_waits (context, finding, facts->lock_stacks, "queued on a lock", 2);
  lanes_rule_add_hottest_waits (context, finding, facts->channel_stacks, "queued on a channel", 2);
  lanes_rule_add_stretches (finding, &facts->serial);
  lanes_rule_report (context, finding);
}

static void
long_running_goroutines (LanesRuleContext *context)
{
  const LanesSchedFacts *facts = context->facts;
  gint64 capacity = (context->end - context->start) * MAX (facts->gomaxprocs, 1);
  LanesFinding *finding;
  guint64 most;

  if (facts->long_run_goroutines->len == 0)
    return;
  most = g_array_index (facts->long_run_goroutines, LanesKeyTotal, 0).count;
  if (most < LONG_RUN_MIN_REPEATS || facts->long_runs < LONG_RUN_MIN_RUNS)
    return;

  finding = lanes_finding_new ("long-running-goroutines",
                               lanes_rule_share (facts->long_run_ns, capacity) >= LONG_RUN_SEVERE_SHARE
                               ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "Goroutines run 10 ms or more without blocking, yielding or calling into "
                               "the scheduler, until sysmon preempts them, while other goroutines wait "
                               "for a P: tight loops that hold a P and add that much latency to "
                               "everything queued behind them.",
                               "Split the loop into smaller pieces of work, move it to a bounded pool of "
                               "its own, or call runtime.Gosched() in it; check that the loop is meant to "
                               "be that long (no missed exit condition).");
  lanes_finding_set_summary (finding, "%" G_GUINT64_FORMAT " runs of 10 ms or more ended in preemption while other goroutines were runnable",
                             facts->long_runs);
  lanes_finding_add_evidence (finding, "long_runs", LANES_UNIT_COUNT, facts->long_runs);
  lanes_finding_add_evidence (finding, "long_run_ns", LANES_UNIT_NS, facts->long_run_ns);
  lanes_finding_add_evidence (finding, "goroutines", LANES_UNIT_COUNT, facts->long_run_goroutines->len);
  lanes_finding_add_evidence (finding, "most_preemptions_of_one", LANES_UNIT_COUNT, most);
  for (guint i = 0; i < facts->long_run_stacks->len && i < 2; i++)
    {
      const LanesKeyTotal *total = &g_array_index (facts->long_run_stacks, LanesKeyTotal, i);
      g_autofree char *where = lanes_rule_describe_stack (context, (guint32) total->key);

      if (where != NULL)
        lanes_finding_add_detail (finding, "preempted at %s: %" G_GUINT64_FORMAT " times", where, total->count);
    }
  for (guint i = 0; i < facts->long_run_ranges->len; i++)
    {
      const LanesTimeRange *r = &g_array_index (facts->long_run_ranges, LanesTimeRange, i);

      lanes_finding_add_range (finding, r->start, r->end);
    }
  lanes_rule_add_goroutines (finding, facts->long_run_goroutines, 8);
  lanes_rule_report (context, finding);
}

void
lanes_rules_scheduling (LanesRuleContext *context)
{
  oversubscription (context);
  under_parallelism (context);
  long_running_goroutines (context);
}
