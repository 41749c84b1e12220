/* lanes-rule-blocking.c: goroutines piling up on a mutex or a channel.
 *
 * lock-contention: user goroutines spend a large share of their time
 *   blocked in sync.Mutex or sync.RWMutex (WaitGroup, Cond and Once
 *   waits are waits for an event, not contention, and do not count).
 * channel-contention: the same for channel sends, receives and selects.
 *
 * Each names the hottest stacks and the goroutines that released the
 * waiters (the contention partners).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-rules-private.h"

/* A fifth of all goroutine time blocked on one kind of operation: the
 * program's goroutines spend more time queued than a typical program
 * spends running.  Half of it is severe. */
#define CONTENTION_MIN_SHARE 0.2
#define CONTENTION_SEVERE_SHARE 0.5
/* And enough of it, more than one goroutine queueing, and coming back
 * to queue again (twice per goroutine on average): a pile that forms
 * and re-forms, not workers waiting once for their first job. */
#define CONTENTION_MIN_NS (10 * LANES_MS)
#define CONTENTION_MIN_WAITERS 2
#define CONTENTION_MIN_WAITS_PER_WAITER 2

typedef struct
{
  const char *id;
  LanesTimeKind kind;
  const char *noun;
  const char *meaning;
  const char *fix;
} ContentionRule;

static const ContentionRule lock_rule = {
  "lock-contention", LANES_TIME_LOCK, "a mutex",
  "Goroutines queue on sync.Mutex or sync.RWMutex: while one holds the lock the others "
  "park and wait to be handed it, so the critical section runs one goroutine at a time.",
  "Hold the lock for less (compute outside it, copy then release), shard the protected "
  "state, use sync.RWMutex only for read-mostly data, or replace the shared state with "
  "per-goroutine state merged at the end (atomic counters, sync.Pool).",
};

static const ContentionRule channel_rule = {
  "channel-contention", LANES_TIME_CHANNEL, "channels",
  "Goroutines spend much of their time blocked sending to or receiving from channels: the "
  "other side is not keeping up (an unbuffered hand-off, one consumer for many producers, "
  "or a full buffer).",
  "Balance the two sides: more consumers (or fewer producers), a buffer sized for bursts, "
  "batching several items per send, or a channel per worker instead of one shared.",
};

static void
contention (LanesRuleContext     *context,
            const ContentionRule *rule,
            const GArray         *stacks,
            const GArray         *wakers,
            const GArray         *waiters)
{
  const LanesSchedFacts *facts = context->facts;
  gint64 blocked = facts->user_ns[rule->kind];
  double part = lanes_rule_share (blocked, lanes_rule_user_time (facts));
  guint64 waits = lanes_rule_total_count (waiters);
  LanesFinding *finding;

  if (blocked < CONTENTION_MIN_NS || part < CONTENTION_MIN_SHARE || waiters->len < CONTENTION_MIN_WAITERS
      || waits < CONTENTION_MIN_WAITS_PER_WAITER * waiters->len)
    return;

  finding = lanes_finding_new (rule->id, part >= CONTENTION_SEVERE_SHARE ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               rule->meaning, rule->fix);
  lanes_finding_set_summary (finding, "Goroutines spent %.0f%% of their time blocked on %s (%u goroutines, %" G_GUINT64_FORMAT " waits)",
                             100 * part, rule->noun, waiters->len, waits);
  lanes_finding_add_evidence (finding, "blocked_ns", LANES_UNIT_NS, blocked);
  lanes_finding_add_evidence (finding, "blocked_share", LANES_UNIT_SHARE, part);
  lanes_finding_add_evidence (finding, "waits", LANES_UNIT_COUNT, waits);
  lanes_finding_add_evidence (finding, "waiting_goroutines", LANES_UNIT_COUNT, waiters->len);
  lanes_finding_add_evidence (finding, "stacks", LANES_UNIT_COUNT, stacks->len);
  lanes_rule_add_hottest_waits (context, finding, stacks, "blocked", 3);
  for (guint i = 0; i < wakers->len && i < 3; i++)
    {
      const LanesKeyTotal *waker = &g_array_index (wakers, LanesKeyTotal, i);

      lanes_finding_add_detail (finding, "goroutine %" G_GINT64_FORMAT " released waiters %" G_GUINT64_FORMAT " times",
                                waker->key, waker->count);
    }
  lanes_rule_add_goroutines (finding, wakers, 3);
  lanes_rule_add_goroutines (finding, waiters, 5);
  lanes_rule_report (context, finding);
}

void
lanes_rules_blocking (LanesRuleContext *context)
{
  const LanesSchedFacts *facts = context->facts;

  contention (context, &lock_rule, facts->lock_stacks, facts->lock_wakers, facts->lock_waiters);
  contention (context, &channel_rule, facts->channel_stacks, facts->channel_wakers, facts->channel_waiters);
}
