/* lanes-sched-facts.c
 *
 * Every goroutine has a row (in a LanesGoroutineIndex of its own) with
 * its state since when; the builder keeps the counts of goroutines in
 * each state and, whenever a count changes, checks the conditions that
 * make a stretch (oversubscribed, serial, …), opening or closing it.
 * What a wait was (a lock, a channel) and whether a goroutine belongs to
 * the runtime are read from stacks once per stack and cached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-sched-facts.h"

#include <string.h>

#include "lanes-goroutine-index.h"
#include "lanes-id-map.h"
#include "lanes-state.h"

/* What a stack says, cached per stack id with STACK_KNOWN set. */
#define STACK_KNOWN     0x1
#define STACK_SYSTEM    0x2   /* started by the runtime for itself */
#define STACK_LOCK      0x4   /* inside sync.Mutex or sync.RWMutex */
#define STACK_FORCED_GC 0x8   /* inside runtime.GC or debug.FreeOSMemory */

/* The runtime's own limit on GOMAXPROCS. */
#define MAX_PROCS 1024
/* Stack ids the reader gives stay far below this; StackInfo for each
 * would take 512 MB. */
#define MAX_CACHED_STACK (1u << 24)

typedef enum
{
  WAIT_NONE,
  WAIT_LOCK,
  WAIT_CHANNEL,
  WAIT_OTHER,
} WaitKind;

/* What goroutines are counted as, at every moment. */
typedef enum
{
  BUCKET_NONE,
  BUCKET_RUNNING,              /* the program's goroutines */
  BUCKET_RUNNING_WORKER,       /* GC mark workers */
  BUCKET_RUNNABLE,
  BUCKET_SYSCALL,
  BUCKET_BLOCKED,              /* the program's, on a lock or a channel */
  N_BUCKETS
} Bucket;

typedef struct
{
  gint64 since;                /* when it entered its state */
  gint64 ns[LANES_N_TIMES];
  guint32 wait_stack;
  guint8 state;                /* LanesGoState; UNDETERMINED until first seen */
  guint8 time_kind;            /* LanesTimeKind of its state: its wait's kind */
  guint8 bucket;               /* Bucket it counts in */
  guint8 wait_system : 1;      /* the wait's stack is a runtime goroutine's */
  guint8 worker : 1;           /* labelled a GC mark worker */
  guint8 system : 1;           /* a stack showed a runtime goroutine */
  guint8 assisting : 1;
  guint8 seen : 1;
} GoRow;

/* One cache line a goroutine: traces hold hundreds of thousands. */
G_STATIC_ASSERT (sizeof (GoRow) <= 64);
/* Wait counts index times by LANES_TIME_LOCK + 0 or 1. */
G_STATIC_ASSERT (LANES_TIME_CHANNEL == LANES_TIME_LOCK + 1);

/* What a stack says (STACK_*, 0 when not looked at yet), and the lock
 * (0) and channel (1) waits that began there. */
typedef struct
{
  guint32 waits[2];
  gint64 ns[2];
  guint8 flags;
} StackInfo;

/* Lock (0) and channel (1) waits of a goroutine, and the waiters it
 * woke; apart from the rows, as few goroutines have any. */
typedef struct
{
  guint32 waits[2];
  guint32 wakes[2];
} WaitCounts;

typedef struct
{
  gboolean active;
  gint64 start;
  gboolean has_pending;
  LanesTimeRange pending;      /* the last stretch, still open to merging */
  LanesStretches *out;
} Tracker;

struct _LanesSchedFactsBuilder
{
  LanesTraceReader *reader;
  LanesGoroutineIndex index;
  gsize row;
  GByteArray *reason_kinds;    /* WaitKind + 1 per reason string id; 0 unknown */
  GArray *stacks;              /* StackInfo by stack id */
  LanesIdMap threads;
  gint64 last_thread;
  GArray *thread_slots;
  guint32 assist_name;
  guint32 mark_phase_name;
  guint32 gomaxprocs_name;

  guint procs;                 /* current GOMAXPROCS */
  gboolean procs_told;         /* by an event, rather than guessed from P ids */
  guint counts[N_BUCKETS];     /* goroutines in each bucket */
  guint assists;

  Tracker oversubscribed;
  Tracker serial;
  Tracker gc_takeover;
  Tracker multi_assist;
  guint conditions;            /* which of the four held after the last event */

  GHashTable *long_run_goroutines;
  GHashTable *long_run_stacks;
  GArray *wait_counts;         /* WaitCounts by goroutine index */

  LanesSchedFacts facts;
  gboolean finished;
};

static void
keep_longest (GArray         *ranges,
              LanesTimeRange  range)
{
  guint shortest = 0;

  if (ranges->len < LANES_MAX_STRETCHES)
    {
      g_array_append_val (ranges, range);
      return;
    }
  for (guint i = 1; i < ranges->len; i++)
    {
      const LanesTimeRange *r = &g_array_index (ranges, LanesTimeRange, i);
      const LanesTimeRange *s = &g_array_index (ranges, LanesTimeRange, shortest);

      if (r->end - r->start < s->end - s->start)
        shortest = i;
    }
  if (range.end - range.start > g_array_index (ranges, LanesTimeRange, shortest).end
                                - g_array_index (ranges, LanesTimeRange, shortest).start)
    g_array_index (ranges, LanesTimeRange, shortest) = range;
}

static int
compare_longest (gconstpointer a,
                 gconstpointer b)
{
  const LanesTimeRange *x = a, *y = b;
  gint64 dx = x->end - x->start, dy = y->end - y->start;

  return dx < dy ? 1 : dx > dy ? -1 : (x->start > y->start) - (x->start < y->start);
}

static void
tracker_init (Tracker        *tracker,
              LanesStretches *out)
{
  tracker->out = out;
  out->ranges = g_array_new (FALSE, FALSE, sizeof (LanesTimeRange));
}

static void
tracker_set (Tracker  *tracker,
             gboolean  on,
             gint64    now)
{
  if (on == tracker->active)
    return;
  tracker->active = on;
  if (on)
    {
      tracker->start = now;
      return;
    }
  tracker->out->total_ns += now - tracker->start;
  if (tracker->has_pending && tracker->start - tracker->pending.end < LANES_STRETCH_GAP_NS)
    {
      tracker->pending.end = now;
      return;
    }
  if (tracker->has_pending)
    keep_longest (tracker->out->ranges, tracker->pending);
  tracker->pending = (LanesTimeRange) { tracker->start, now };
  tracker->has_pending = TRUE;
}

static void
tracker_finish (Tracker *tracker,
                gint64   end)
{
  tracker_set (tracker, FALSE, end);
  if (tracker->has_pending)
    keep_longest (tracker->out->ranges, tracker->pending);
  g_array_sort (tracker->out->ranges, compare_longest);
}

/* Keys are goroutine and stack ids, which fit a pointer on the 64-bit
 * machines Lanes runs on: direct hashing is the cheapest. */
G_STATIC_ASSERT (sizeof (gpointer) >= sizeof (gint64));

static GHashTable *
key_totals_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

static void
key_totals_add (GHashTable *totals,
                gint64      key,
                gint64      ns)
{
  LanesKeyTotal *total = g_hash_table_lookup (totals, GSIZE_TO_POINTER ((gsize) key));

  if (total == NULL)
    {
      total = g_new0 (LanesKeyTotal, 1);
      total->key = key;
      g_hash_table_insert (totals, GSIZE_TO_POINTER ((gsize) key), total);
    }
  total->count++;
  total->ns += ns;
}

static int
compare_most_ns (gconstpointer a,
                 gconstpointer b)
{
  const LanesKeyTotal *x = a, *y = b;

  if (x->ns != y->ns)
    return x->ns < y->ns ? 1 : -1;
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return (x->key > y->key) - (x->key < y->key);
}

static int
compare_most_count (gconstpointer a,
                    gconstpointer b)
{
  const LanesKeyTotal *x = a, *y = b;

  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return compare_most_ns (a, b);
}

static GArray *
key_totals_sorted (GHashTable   *totals,
                   GCompareFunc  compare)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (LanesKeyTotal), g_hash_table_size (totals));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_vals (sorted, value, 1);
  g_array_sort (sorted, compare);
  return sorted;
}

LanesSchedFactsBuilder *
lanes_sched_facts_builder_new (LanesTraceReader *reader)
{
  LanesSchedFactsBuilder *builder = g_new0 (LanesSchedFactsBuilder, 1);

  builder->reader = reader;
  lanes_goroutine_index_init (&builder->index);
  builder->row = lanes_goroutine_index_reserve (&builder->index, sizeof (GoRow));
  builder->reason_kinds = g_byte_array_new ();
  builder->stacks = g_array_new (FALSE, TRUE, sizeof (StackInfo));
  lanes_id_map_init (&builder->threads);
  builder->last_thread = LANES_NO_THREAD;
  builder->thread_slots = g_array_new (FALSE, TRUE, 1);
  builder->assist_name = lanes_trace_reader_intern_string (reader, "GC mark assist");
  builder->mark_phase_name = lanes_trace_reader_intern_string (reader, "GC concurrent mark phase");
  builder->gomaxprocs_name = lanes_trace_reader_intern_string (reader, "/sched/gomaxprocs:threads");
  builder->long_run_goroutines = key_totals_new ();
  builder->long_run_stacks = key_totals_new ();
  builder->wait_counts = g_array_new (FALSE, TRUE, sizeof (WaitCounts));

  tracker_init (&builder->oversubscribed, &builder->facts.oversubscribed);
  tracker_init (&builder->serial, &builder->facts.serial);
  tracker_init (&builder->gc_takeover, &builder->facts.gc_takeover);
  tracker_init (&builder->multi_assist, &builder->facts.multi_assist);
  builder->facts.long_run_ranges = g_array_new (FALSE, FALSE, sizeof (LanesTimeRange));
  builder->facts.thread_first_seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  builder->facts.forced_gc_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  return builder;
}

void
lanes_sched_facts_builder_free (LanesSchedFactsBuilder *builder)
{
  LanesSchedFacts *facts;

  if (builder == NULL)
    return;
  facts = &builder->facts;
  g_clear_pointer (&facts->oversubscribed.ranges, g_array_unref);
  g_clear_pointer (&facts->serial.ranges, g_array_unref);
  g_clear_pointer (&facts->gc_takeover.ranges, g_array_unref);
  g_clear_pointer (&facts->multi_assist.ranges, g_array_unref);
  g_clear_pointer (&facts->long_run_goroutines, g_array_unref);
  g_clear_pointer (&facts->long_run_stacks, g_array_unref);
  g_clear_pointer (&facts->long_run_ranges, g_array_unref);
  g_clear_pointer (&facts->lock_stacks, g_array_unref);
  g_clear_pointer (&facts->lock_wakers, g_array_unref);
  g_clear_pointer (&facts->lock_waiters, g_array_unref);
  g_clear_pointer (&facts->channel_stacks, g_array_unref);
  g_clear_pointer (&facts->channel_wakers, g_array_unref);
  g_clear_pointer (&facts->channel_waiters, g_array_unref);
  g_clear_pointer (&facts->syscall_goroutines, g_array_unref);
  g_clear_pointer (&facts->thread_first_seen, g_array_unref);
  g_clear_pointer (&facts->forced_gc_starts, g_array_unref);

  lanes_goroutine_index_clear (&builder->index);
  g_byte_array_unref (builder->reason_kinds);
  g_array_unref (builder->stacks);
  lanes_id_map_clear (&builder->threads);
  g_array_unref (builder->thread_slots);
  g_hash_table_unref (builder->long_run_goroutines);
  g_hash_table_unref (builder->long_run_stacks);
  g_array_unref (builder->wait_counts);
  g_free (builder);
}

/* Go's own test (internal/trace's IsSystemGoroutine): a goroutine is the
 * runtime's when it starts in a runtime function other than main. */
static gboolean
is_system_entry (const char *function)
{
  return g_str_has_prefix (function, "runtime.")
         && strcmp (function, "runtime.main") != 0
         && strcmp (function, "runtime.handleAsyncEvent") != 0;
}

static guint
read_stack (LanesSchedFactsBuilder *builder,
            guint32                 stack)
{
  const LanesTraceFrame *frames;
  guint flags = STACK_KNOWN, n;

  n = lanes_trace_reader_get_stack (builder->reader, stack, &frames);
  for (guint i = 0; i < n; i++)
    {
      const char *function = lanes_trace_reader_get_string (builder->reader, frames[i].function);

      if (function == NULL)
        continue;
      if (g_str_has_prefix (function, "sync.(*Mutex).") || g_str_has_prefix (function, "sync.(*RWMutex)."))
        flags |= STACK_LOCK;
      if (strcmp (function, "runtime.GC") == 0 || strcmp (function, "runtime/debug.FreeOSMemory") == 0
          || strcmp (function, "runtime.debug_freeOSMemory") == 0)
        flags |= STACK_FORCED_GC;
      if (i == n - 1 && is_system_entry (function))
        flags |= STACK_SYSTEM;
    }
  return flags;
}

/* The reader numbers the stacks it interned from 1: ids are dense.  A
 * wild one (none the reader gives) has no StackInfo. */
static StackInfo *
stack_info (LanesSchedFactsBuilder *builder,
            guint32                 stack)
{
  StackInfo *info;

  if (stack == LANES_NO_STACK || stack >= MAX_CACHED_STACK)
    return NULL;
  if (stack >= builder->stacks->len)
    g_array_set_size (builder->stacks, MAX (stack + 1, 2 * builder->stacks->len));
  info = &g_array_index (builder->stacks, StackInfo, stack);
  if (info->flags == 0)
    info->flags = read_stack (builder, stack);
  return info;
}

static guint
stack_flags (LanesSchedFactsBuilder *builder,
             guint32                 stack)
{
  StackInfo *info = stack_info (builder, stack);

  return info != NULL ? info->flags : stack != LANES_NO_STACK ? read_stack (builder, stack) : 0;
}

static WaitKind
reason_kind (LanesSchedFactsBuilder *builder,
             guint32                 reason)
{
  if (reason >= builder->reason_kinds->len)
    {
      guint old = builder->reason_kinds->len;

      g_byte_array_set_size (builder->reason_kinds, reason + 1);
      memset (builder->reason_kinds->data + old, 0, reason + 1 - old);
    }
  if (builder->reason_kinds->data[reason] == 0)
    {
      LanesState state = lanes_state_for_reason (lanes_trace_reader_get_string (builder->reader, reason));
      WaitKind kind = state == LANES_STATE_WAIT_SYNC ? WAIT_LOCK
                      : state == LANES_STATE_WAIT_CHAN || state == LANES_STATE_WAIT_SELECT ? WAIT_CHANNEL
                      : WAIT_OTHER;

      builder->reason_kinds->data[reason] = kind + 1;
    }
  return builder->reason_kinds->data[reason] - 1;
}

static GoRow *
row_of (LanesSchedFactsBuilder *builder,
        gint64                  id)
{
  guint32 i = lanes_goroutine_index_get (&builder->index, id);

  return lanes_goroutine_index_row (&builder->index, i, builder->row);
}

/* Sets what @row's state and wait (WAIT_NONE unless waiting) count as. */
static void
classify (GoRow    *row,
          WaitKind  wait)
{
  switch (row->state)
    {
    case LANES_GO_RUNNING:
      row->time_kind = LANES_TIME_RUNNING;
      row->bucket = row->worker ? BUCKET_RUNNING_WORKER : BUCKET_RUNNING;
      break;
    case LANES_GO_RUNNABLE:
      row->time_kind = LANES_TIME_RUNNABLE;
      row->bucket = BUCKET_RUNNABLE;
      break;
    case LANES_GO_SYSCALL:
      row->time_kind = LANES_TIME_SYSCALL;
      row->bucket = BUCKET_SYSCALL;
      break;
    case LANES_GO_WAITING:
      row->time_kind = wait == WAIT_LOCK ? LANES_TIME_LOCK
                       : wait == WAIT_CHANNEL ? LANES_TIME_CHANNEL
                       : LANES_TIME_OTHER_WAIT;
      row->bucket = (wait == WAIT_LOCK || wait == WAIT_CHANNEL) && !row->wait_system ? BUCKET_BLOCKED : BUCKET_NONE;
      break;
    default:
      row->time_kind = LANES_TIME_OTHER_WAIT;
      row->bucket = BUCKET_NONE;
      break;
    }
}

static void
update_stretches (LanesSchedFactsBuilder *builder,
                  gint64                  now)
{
  const guint *n = builder->counts;
  guint procs = builder->procs;
  guint busy = n[BUCKET_RUNNING] + n[BUCKET_RUNNING_WORKER];
  guint conditions;

  if (procs == 0)
    return;
  conditions = (n[BUCKET_RUNNABLE] >= LANES_OVERSUB_FACTOR * procs)
               | (n[BUCKET_RUNNING] >= 1 && n[BUCKET_RUNNING] <= 2
                  && 2 * busy <= procs
                  && n[BUCKET_BLOCKED] >= LANES_SERIAL_MIN_WAITERS) << 1
               | (2 * n[BUCKET_RUNNING_WORKER] > procs && n[BUCKET_RUNNABLE] > 0) << 2
               | (builder->assists >= 2) << 3;
  /* Most events change no condition. */
  if (conditions == builder->conditions)
    return;
  builder->conditions = conditions;
  tracker_set (&builder->oversubscribed, conditions & 1, now);
  tracker_set (&builder->serial, (conditions >> 1) & 1, now);
  tracker_set (&builder->gc_takeover, (conditions >> 2) & 1, now);
  tracker_set (&builder->multi_assist, (conditions >> 3) & 1, now);
}

/* Ends @row's wait; returns which kind of contended wait it was, -1
 * for none. */
static int
end_wait (LanesSchedFactsBuilder *builder,
          GoRow                  *row,
          const LanesTraceEvent  *event)
{
  gint64 ns = event->time - row->since;
  StackInfo *info;
  int k;

  if (row->wait_system || (row->time_kind != LANES_TIME_LOCK && row->time_kind != LANES_TIME_CHANNEL))
    return -1;
  k = row->time_kind - LANES_TIME_LOCK;
  info = stack_info (builder, row->wait_stack);
  if (info != NULL)
    {
      info->waits[k]++;
      info->ns[k] += ns;
    }
  return k;
}

static void
end_run (LanesSchedFactsBuilder *builder,
         const GoRow            *row,
         const LanesTraceEvent  *event)
{
  gint64 ns = event->time - row->since;

  if (ns < LANES_LONG_RUN_NS || builder->counts[BUCKET_RUNNABLE] == 0 || row->worker)
    return;
  builder->facts.long_runs++;
  builder->facts.long_run_ns += ns;
  key_totals_add (builder->long_run_goroutines, event->transition.id, ns);
  if (event->transition.stack != LANES_NO_STACK)
    key_totals_add (builder->long_run_stacks, event->transition.stack, ns);
  keep_longest (builder->facts.long_run_ranges, (LanesTimeRange) { row->since, event->time });
}

static WaitCounts *
wait_counts (LanesSchedFactsBuilder *builder,
             guint32                 index)
{
  if (index >= builder->wait_counts->len)
    g_array_set_size (builder->wait_counts, MAX (index + 1, 2 * builder->wait_counts->len));
  return &g_array_index (builder->wait_counts, WaitCounts, index);
}

static void
add_transition (LanesSchedFactsBuilder *builder,
                const LanesTraceEvent  *event)
{
  const LanesTransition *t = &event->transition;
  /* The goroutine that woke it, looked up first: adding it may move
   * the rows. */
  guint32 waker = t->from == LANES_GO_WAITING && event->goroutine != LANES_NO_GOROUTINE && event->goroutine != t->id
                  ? lanes_goroutine_index_get (&builder->index, event->goroutine) : LANES_NO_INDEX;
  GoRow *row = row_of (builder, t->id);
  /* Stacks matter for waits, which also show runtime goroutines: they
   * spend their lives parked. */
  guint flags = t->to == LANES_GO_WAITING ? stack_flags (builder, t->stack) : 0;
  WaitKind wait = WAIT_NONE;
  int woken = -1;

  if (flags & STACK_SYSTEM)
    row->system = TRUE;
  if (row->state != LANES_GO_UNDETERMINED && row->state != LANES_GO_NOT_EXIST)
    {
      row->ns[row->time_kind] += event->time - row->since;
      if (row->state == LANES_GO_WAITING)
        woken = end_wait (builder, row, event);
      else if (row->state == LANES_GO_RUNNING && t->to == LANES_GO_RUNNABLE)
        end_run (builder, row, event);
    }
  builder->counts[row->bucket]--;

  row->state = t->to;
  row->since = event->time;
  row->seen = TRUE;
  if (t->to == LANES_GO_WAITING)
    {
      wait = reason_kind (builder, t->reason);
      /* sync.WaitGroup, Cond and Once are waits for an event, not for
       * a lock someone holds. */
      if (wait == WAIT_LOCK && !(flags & STACK_LOCK))
        wait = WAIT_OTHER;
      row->wait_stack = t->stack;
      row->wait_system = (flags & STACK_SYSTEM) != 0;
    }
  else if (t->to == LANES_GO_NOT_EXIST)
    row->worker = FALSE;
  classify (row, wait);
  builder->counts[row->bucket]++;
  if (row->bucket == BUCKET_SYSCALL)
    builder->facts.max_syscalls = MAX (builder->facts.max_syscalls, builder->counts[BUCKET_SYSCALL]);

  if (woken >= 0)
    {
      wait_counts (builder, lanes_goroutine_index_lookup (&builder->index, t->id))->waits[woken]++;
      if (waker != LANES_NO_INDEX)
        wait_counts (builder, waker)->wakes[woken]++;
    }
}

static void
add_label (LanesSchedFactsBuilder *builder,
           const LanesTraceEvent  *event)
{
  const char *label = lanes_trace_reader_get_string (builder->reader, event->label.label);
  GoRow *row;

  if (event->label.goroutine == LANES_NO_GOROUTINE
      || !lanes_state_is_gc_worker (lanes_state_for_label (label)))
    return;
  row = row_of (builder, event->label.goroutine);
  if (row->worker)
    return;
  builder->counts[row->bucket]--;
  row->worker = TRUE;
  row->system = TRUE;
  if (row->bucket == BUCKET_RUNNING)
    row->bucket = BUCKET_RUNNING_WORKER;
  builder->counts[row->bucket]++;
}

static void
add_range (LanesSchedFactsBuilder *builder,
           const LanesTraceEvent  *event)
{
  const LanesRange *range = &event->range;

  if (range->name == builder->mark_phase_name && event->kind == LANES_EVENT_RANGE_BEGIN)
    {
      builder->facts.gc_starts++;
      if (stack_flags (builder, event->stack) & STACK_FORCED_GC)
        g_array_append_val (builder->facts.forced_gc_starts, event->time);
    }
  else if (range->name == builder->assist_name && range->scope == LANES_RESOURCE_GOROUTINE)
    {
      GoRow *row = row_of (builder, range->scope_id);
      gboolean on = event->kind != LANES_EVENT_RANGE_END;

      if (row->assisting == on)
        return;
      row->assisting = on;
      builder->assists += on ? 1 : -1;
      builder->facts.max_assists = MAX (builder->facts.max_assists, builder->assists);
    }
}

/* Old traces (before Go 1.22) tell GOMAXPROCS only when it changes;
 * until then the Ps seen, numbered from 0, stand for it.  Larger ids are
 * the old format's fake Ps (timers, syscalls) or damage. */
static void
note_proc (LanesSchedFactsBuilder *builder,
           gint64                  proc)
{
  if (builder->procs_told || proc < 0 || proc >= MAX_PROCS || (guint) proc < builder->procs)
    return;
  builder->procs = (guint) proc + 1;
  builder->facts.gomaxprocs = MAX (builder->facts.gomaxprocs, builder->procs);
}

static void
note_thread (LanesSchedFactsBuilder *builder,
             const LanesTraceEvent  *event)
{
  guint before = builder->thread_slots->len;

  /* Events come in runs from one thread. */
  if (event->thread == LANES_NO_THREAD || event->thread == builder->last_thread)
    return;
  builder->last_thread = event->thread;
  lanes_id_map_find_or_append (&builder->threads, (guint64) event->thread, builder->thread_slots);
  if (builder->thread_slots->len != before)
    g_array_append_val (builder->facts.thread_first_seen, event->time);
}

void
lanes_sched_facts_builder_add (LanesSchedFactsBuilder *builder,
                               const LanesTraceEvent  *events,
                               guint                   n_events)
{
  g_return_if_fail (!builder->finished);

  for (guint i = 0; i < n_events; i++)
    {
      const LanesTraceEvent *event = &events[i];

      note_thread (builder, event);
      note_proc (builder, event->proc);
      switch (event->kind)
        {
        case LANES_EVENT_STATE_TRANSITION:
          if (event->transition.resource == LANES_RESOURCE_PROC)
            note_proc (builder, event->transition.id);
          if (event->transition.resource != LANES_RESOURCE_GOROUTINE)
            continue;
          add_transition (builder, event);
          break;
        case LANES_EVENT_LABEL:
          add_label (builder, event);
          break;
        case LANES_EVENT_RANGE_BEGIN:
        case LANES_EVENT_RANGE_ACTIVE:
        case LANES_EVENT_RANGE_END:
          add_range (builder, event);
          break;
        case LANES_EVENT_METRIC:
          if (event->metric.name != builder->gomaxprocs_name)
            continue;
          builder->procs = (guint) MIN (event->metric.value, MAX_PROCS);
          builder->procs_told = TRUE;
          builder->facts.gomaxprocs = MAX (builder->facts.gomaxprocs, builder->procs);
          break;
        default:
          continue;
        }
      update_stretches (builder, event->time);
    }
}

const LanesSchedFacts *
lanes_sched_facts_builder_finish (LanesSchedFactsBuilder *builder,
                                  gint64                  end)
{
  LanesSchedFacts *facts = &builder->facts;
  GArray *syscalls = g_array_new (FALSE, FALSE, sizeof (LanesKeyTotal));
  GArray *waiters[2], *wakers[2], *stacks[2];

  g_return_val_if_fail (!builder->finished, facts);
  builder->finished = TRUE;
  for (guint k = 0; k < 2; k++)
    {
      waiters[k] = g_array_new (FALSE, FALSE, sizeof (LanesKeyTotal));
      wakers[k] = g_array_new (FALSE, FALSE, sizeof (LanesKeyTotal));
    }

  /* What is still going on counts up to the end, as in Go's summary. */
  for (guint i = 0; i < lanes_goroutine_index_size (&builder->index); i++)
    {
      GoRow *row = lanes_goroutine_index_row (&builder->index, i, builder->row);
      gint64 id = lanes_goroutine_index_id (&builder->index, i);

      if (row->state != LANES_GO_UNDETERMINED && row->state != LANES_GO_NOT_EXIST)
        row->ns[row->time_kind] += end - row->since;
      for (guint k = 0; k < 2 && i < builder->wait_counts->len; k++)
        {
          const WaitCounts *counts = &g_array_index (builder->wait_counts, WaitCounts, i);

          if (counts->waits[k] > 0)
            g_array_append_val (waiters[k], ((LanesKeyTotal) { id, counts->waits[k], row->ns[LANES_TIME_LOCK + k] }));
          if (counts->wakes[k] > 0)
            g_array_append_val (wakers[k], ((LanesKeyTotal) { id, counts->wakes[k], 0 }));
        }
      if (row->system || !row->seen)
        continue;
      facts->user_goroutines++;
      for (guint k = 0; k < LANES_N_TIMES; k++)
        facts->user_ns[k] += row->ns[k];
      if (row->ns[LANES_TIME_SYSCALL] > 0)
        g_array_append_val (syscalls, ((LanesKeyTotal) { id, 1, row->ns[LANES_TIME_SYSCALL] }));
    }
  for (guint k = 0; k < 2; k++)
    {
      g_array_sort (waiters[k], compare_most_ns);
      g_array_sort (wakers[k], compare_most_count);
    }
  g_array_sort (syscalls, compare_most_ns);

  tracker_finish (&builder->oversubscribed, end);
  tracker_finish (&builder->serial, end);
  tracker_finish (&builder->gc_takeover, end);
  tracker_finish (&builder->multi_assist, end);
  g_array_sort (facts->long_run_ranges, compare_longest);
  facts->long_run_goroutines = key_totals_sorted (builder->long_run_goroutines, compare_most_count);
  facts->long_run_stacks = key_totals_sorted (builder->long_run_stacks, compare_most_count);
  for (guint k = 0; k < 2; k++)
    {
      stacks[k] = g_array_new (FALSE, FALSE, sizeof (LanesKeyTotal));
      for (guint i = 0; i < builder->stacks->len; i++)
        {
          const StackInfo *info = &g_array_index (builder->stacks, StackInfo, i);

          if (info->waits[k] > 0)
            g_array_append_val (stacks[k], ((LanesKeyTotal) { i, info->waits[k], info->ns[k] }));
        }
      g_array_sort (stacks[k], compare_most_ns);
    }
  facts->lock_stacks = stacks[0];
  facts->lock_wakers = wakers[0];
  facts->lock_waiters = waiters[0];
  facts->channel_stacks = stacks[1];
  facts->channel_wakers = wakers[1];
  facts->channel_waiters = waiters[1];
  facts->syscall_goroutines = syscalls;
  facts->threads = builder->thread_slots->len;
  return facts;
}
