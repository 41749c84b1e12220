/* lanes-sched-facts.h: what the diagnosis rules need to know about the
 * scheduler that the go tool trace analyses do not say: how many
 * goroutines ran, waited for a P or queued on a lock or a channel at
 * each moment, and for how long those moments lasted; who woke whom;
 * long runs cut by preemption; assists running at once; threads; the
 * stacks GC cycles started from.
 *
 * One pass over the events, beside LanesAnalysis; per event it costs a
 * goroutine lookup and a few counters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-trace.h"

G_BEGIN_DECLS

/* A run, as preemption counts it: sysmon preempts a goroutine that has
 * run this long without stopping (runtime.forcePreemptNS). */
#define LANES_LONG_RUN_NS ((gint64) 10 * 1000 * 1000)

typedef struct
{
  gint64 start;
  gint64 end;
} LanesTimeRange;

/* What a goroutine's time went to, summed over user goroutines (those
 * not started by the runtime itself). */
typedef enum
{
  LANES_TIME_RUNNING,
  LANES_TIME_RUNNABLE,
  LANES_TIME_LOCK,         /* blocked in sync.Mutex or sync.RWMutex */
  LANES_TIME_CHANNEL,      /* blocked in a channel send, receive or select */
  LANES_TIME_SYSCALL,
  LANES_TIME_OTHER_WAIT,   /* sleeping, network, WaitGroup, Cond… */
  LANES_N_TIMES
} LanesTimeKind;

/* Moments when the state of the whole program has a shape: how long
 * they lasted in total and where (merged when closer than
 * LANES_STRETCH_GAP_NS; the longest LANES_MAX_STRETCHES are kept). */
typedef struct
{
  gint64 total_ns;
  GArray *ranges;          /* LanesTimeRange, longest first after finish */
} LanesStretches;

#define LANES_STRETCH_GAP_NS ((gint64) 1000 * 1000)
#define LANES_MAX_STRETCHES 8

/* One key (a goroutine id or a stack id) with what it counted. */
typedef struct
{
  gint64 key;
  guint64 count;
  gint64 ns;
} LanesKeyTotal;

typedef struct
{
  guint gomaxprocs;                /* the largest seen */
  gint64 user_ns[LANES_N_TIMES];
  guint user_goroutines;

  /* Runnable goroutines at least LANES_OVERSUB_FACTOR times the Ps. */
  LanesStretches oversubscribed;
  /* One or two user goroutines running, and at most half the Ps busy,
   * while at least LANES_SERIAL_MIN_WAITERS user goroutines wait on a
   * lock or a channel. */
  LanesStretches serial;
  /* GC mark workers on more than half of the Ps while goroutines wait
   * for one. */
  LanesStretches gc_takeover;
  /* At least two goroutines in mark assists at once. */
  LanesStretches multi_assist;
  guint max_assists;

  /* Runs of LANES_LONG_RUN_NS or more that ended in preemption while
   * another goroutine was runnable. */
  guint64 long_runs;
  gint64 long_run_ns;
  GArray *long_run_goroutines;     /* LanesKeyTotal by goroutine, most first */
  GArray *long_run_stacks;         /* LanesKeyTotal by stack where preempted */
  GArray *long_run_ranges;         /* LanesTimeRange, longest first, at most LANES_MAX_STRETCHES */

  /* Completed lock and channel waits of user goroutines: where they
   * waited (stack) and who woke them. */
  GArray *lock_stacks;             /* LanesKeyTotal, most time first */
  GArray *lock_wakers;             /* LanesKeyTotal by waking goroutine, most wake-ups first */
  GArray *lock_waiters;            /* LanesKeyTotal by waiting goroutine */
  GArray *channel_stacks;
  GArray *channel_wakers;
  GArray *channel_waiters;
  GArray *syscall_goroutines;      /* LanesKeyTotal, most time in syscalls first */

  /* Threads: how many were seen, and when each first appeared. */
  guint threads;
  GArray *thread_first_seen;       /* gint64 times, in order */
  guint max_syscalls;              /* goroutines in syscalls at once */

  /* GC cycles begun from runtime.GC(), debug.FreeOSMemory() and the
   * like rather than by the pacer; their start times. */
  GArray *forced_gc_starts;        /* gint64 */
  guint gc_starts;
} LanesSchedFacts;

#define LANES_OVERSUB_FACTOR 4
#define LANES_SERIAL_MIN_WAITERS 2

typedef struct _LanesSchedFactsBuilder LanesSchedFactsBuilder;

LanesSchedFactsBuilder *lanes_sched_facts_builder_new    (LanesTraceReader       *reader);
void                    lanes_sched_facts_builder_free   (LanesSchedFactsBuilder *builder);
void                    lanes_sched_facts_builder_add    (LanesSchedFactsBuilder *builder,
                                                          const LanesTraceEvent  *events,
                                                          guint                   n_events);
/* After the last event, at time @end; the facts stay valid until the
 * builder is freed. */
const LanesSchedFacts  *lanes_sched_facts_builder_finish (LanesSchedFactsBuilder *builder,
                                                          gint64                  end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesSchedFactsBuilder, lanes_sched_facts_builder_free)

G_END_DECLS
