/* test-diagnosis.c: each diagnosis rule on a trace built by hand where
 * it must fire, and on one, as close as can be, where it must not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lanes-diagnosis.h"
#include "test-events.h"

#define MS ((gint64) 1000 * 1000)

typedef struct
{
  LanesTraceReader *reader;
  GArray *events;
  LanesDiagnosis *diagnosis;
} Trace;

static Trace *
trace_new (guint gomaxprocs)
{
  Trace *trace = g_new0 (Trace, 1);
  LanesTraceEvent sync;

  trace->reader = test_reader_new ();
  trace->events = g_array_new (FALSE, FALSE, sizeof (LanesTraceEvent));
  sync = test_sync (0);
  g_array_append_val (trace->events, sync);
  if (gomaxprocs > 0)
    {
      LanesTraceEvent procs = test_metric (trace->reader, 0, "/sched/gomaxprocs:threads", gomaxprocs);

      g_array_append_val (trace->events, procs);
    }
  return trace;
}

static void
trace_free (Trace *trace)
{
  lanes_diagnosis_free (trace->diagnosis);
  g_array_unref (trace->events);
  lanes_trace_reader_free (trace->reader);
  g_free (trace);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Trace, trace_free)

static void
add (Trace           *trace,
     LanesTraceEvent  event)
{
  g_array_append_val (trace->events, event);
}

static void
go (Trace        *trace,
    gint64        time,
    gint64        proc,
    gint64        goroutine,
    LanesGoState  from,
    LanesGoState  to,
    const char   *reason,
    guint32       stack)
{
  add (trace, test_go_transition (trace->reader, time, proc, goroutine, from, to, reason, stack));
}

/* A waiting goroutine made runnable by @waker. */
static void
wake (Trace  *trace,
      gint64  time,
      gint64  proc,
      gint64  goroutine,
      gint64  waker)
{
  LanesTraceEvent event = test_go_transition (trace->reader, time, proc, goroutine,
                                              LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, 0);

  event.goroutine = waker;
  add (trace, event);
}

static int
compare_time (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const LanesTraceEvent *events = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (events[x].time != events[y].time)
    return events[x].time > events[y].time ? 1 : -1;
  return (x > y) - (x < y);
}

/* Events were added goroutine by goroutine; the reader hands them in
 * time order, and in the order added at the same time. */
static GArray *
in_time_order (GArray *events)
{
  g_autofree guint *order = g_new (guint, events->len);
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (LanesTraceEvent), events->len);

  for (guint i = 0; i < events->len; i++)
    order[i] = i;
  g_qsort_with_data (order, events->len, sizeof (guint), compare_time, events->data);
  for (guint i = 0; i < events->len; i++)
    g_array_append_val (sorted, g_array_index (events, LanesTraceEvent, order[i]));
  return sorted;
}

/* The finding @id, or NULL. */
static LanesFinding *
diagnose (Trace      *trace,
          const char *id)
{
  GListModel *findings;

  if (trace->diagnosis == NULL)
    {
      g_autoptr(GArray) events = in_time_order (trace->events);

      trace->diagnosis = lanes_diagnosis_new (trace->reader);
      lanes_diagnosis_add (trace->diagnosis, (const LanesTraceEvent *) events->data, events->len);
      lanes_diagnosis_finish (trace->diagnosis);
    }
  findings = lanes_diagnosis_get_findings (trace->diagnosis);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(LanesFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (lanes_finding_get_id (finding), id) == 0)
        return finding;   /* the diagnosis keeps it */
    }
  return NULL;
}

static double
evidence (LanesFinding *finding,
          const char   *name)
{
  double value = -1;

  g_assert_true (lanes_finding_lookup_evidence (finding, name, &value));
  return value;
}

static gboolean
has_goroutine (LanesFinding *finding,
               gint64        id)
{
  const GArray *goroutines = lanes_finding_get_goroutines (finding);

  for (guint i = 0; i < goroutines->len; i++)
    if (g_array_index (goroutines, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* oversubscription: 40 goroutines made at once for 2 Ps, run in pairs
 * for 1 ms each; or made one pair at a time, as a bounded pool would. */
static void
build_batch (Trace    *trace,
             gboolean  all_at_once)
{
  for (gint64 g = 1; g <= 40; g++)
    {
      gint64 slot = (g - 1) / 2, proc = (g - 1) % 2;
      gint64 created = all_at_once ? 0 : slot * MS;

      go (trace, created, proc, g, LANES_GO_NOT_EXIST, LANES_GO_RUNNABLE, NULL, 0);
      go (trace, slot * MS + 1, proc, g, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0);
      go (trace, (slot + 1) * MS, proc, g, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0);
    }
}

static void
test_oversubscription (void)
{
  g_autoptr(Trace) trace = trace_new (2);
  LanesFinding *finding;

  build_batch (trace, TRUE);
  finding = diagnose (trace, "oversubscription");
  g_assert_nonnull (finding);
  /* Goroutines 2k+1 and 2k+2 wait k ms and 1 ns: 2 × (0 + … + 19) ms,
   * and run 1 ms less 1 ns each. */
  g_assert_cmpfloat (evidence (finding, "sched_wait_ns"), ==, 380 * MS + 40);
  g_assert_cmpfloat (evidence (finding, "exec_ns"), ==, 40 * MS - 40);
  /* At least 8 runnable until the 17th slot began. */
  g_assert_cmpfloat (evidence (finding, "oversubscribed_ns"), ==, 16 * MS + 1);
  g_assert_cmpint (lanes_finding_get_ranges (finding)->len, ==, 2);
}

static void
test_oversubscription_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (2);

  build_batch (trace, FALSE);
  g_assert_null (diagnose (trace, "oversubscription"));
}

/* under-parallelism: on 8 Ps, four goroutines take turns holding a
 * mutex for 1 ms each, 40 times, or take turns sleeping. */
static void
build_turns (Trace      *trace,
             const char *reason,
             guint32     stack)
{
  for (gint64 g = 1; g <= 4; g++)
    go (trace, 0, 0, g, LANES_GO_UNDETERMINED, g == 1 ? LANES_GO_RUNNING : LANES_GO_WAITING,
        g == 1 ? NULL : reason, g == 1 ? 0 : stack);
  for (gint64 turn = 1; turn < 40; turn++)
    {
      gint64 holder = (turn - 1) % 4 + 1, next = turn % 4 + 1;

      go (trace, turn * MS, 0, holder, LANES_GO_RUNNING, LANES_GO_WAITING, reason, stack);
      wake (trace, turn * MS + 1, 0, next, holder);
      go (trace, turn * MS + 2, 0, next, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0);
    }
}

static void
test_under_parallelism (void)
{
  g_autoptr(Trace) trace = trace_new (8);
  guint32 lock = test_stack (trace->reader, "runtime.gopark", "sync.(*Mutex).Lock", "main.work", "main.worker", NULL);
  LanesFinding *finding;

  build_turns (trace, "sync", lock);
  finding = diagnose (trace, "under-parallelism");
  g_assert_nonnull (finding);
  /* One running and three queued from the start to the end. */
  g_assert_cmpfloat (evidence (finding, "serial_share"), >, 0.99);
  g_assert_nonnull (diagnose (trace, "lock-contention"));
}

static void
test_under_parallelism_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (8);
  guint32 sleep = test_stack (trace->reader, "runtime.gopark", "time.Sleep", "main.worker", NULL);

  build_turns (trace, "sleep", sleep);
  g_assert_null (diagnose (trace, "under-parallelism"));
  g_assert_null (diagnose (trace, "lock-contention"));
}

/* One goroutine works for 40 ms while three stay parked on a channel
 * for good, as an idle pool's would: nobody queues behind the work. */
static void
test_under_parallelism_parked (void)
{
  g_autoptr(Trace) trace = trace_new (8);
  guint32 receive = test_stack (trace->reader, "runtime.chanrecv1", "main.idle", NULL);

  go (trace, 0, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0);
  for (gint64 g = 2; g <= 4; g++)
    go (trace, 0, 0, g, LANES_GO_UNDETERMINED, LANES_GO_WAITING, "chan receive", receive);
  go (trace, 40 * MS, 0, 1, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0);
  g_assert_null (diagnose (trace, "under-parallelism"));
  g_assert_null (diagnose (trace, "channel-contention"));
}

/* lock-contention and channel-contention: one goroutine releases three
 * others in turn; each waits 3 ms of every 4. */
static void
test_contention (gconstpointer data)
{
  const char *reason = data;
  gboolean channel = g_str_has_prefix (reason, "chan");
  g_autoptr(Trace) trace = trace_new (8);
  guint32 stack = channel ? test_stack (trace->reader, "runtime.chanrecv", "main.consume", NULL)
                          : test_stack (trace->reader, "sync.(*RWMutex).RLock", "main.read", NULL);
  const char *id = channel ? "channel-contention" : "lock-contention";
  LanesFinding *finding;

  build_turns (trace, reason, stack);
  finding = diagnose (trace, id);
  g_assert_nonnull (finding);
  /* 39 waits of 3 ms (less the 1 ns before the wake) of 4 × 40 ms. */
  g_assert_cmpfloat (evidence (finding, "waits"), ==, 39);
  g_assert_cmpfloat (evidence (finding, "blocked_share"), >, 0.7);
  /* Each was released by the one before it. */
  g_assert_true (has_goroutine (finding, 1));
  g_assert_null (diagnose (trace, channel ? "lock-contention" : "channel-contention"));
}

/* A WaitGroup wait is a wait for an event, not contention. */
static void
test_contention_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (8);
  guint32 stack = test_stack (trace->reader, "sync.runtime_Semacquire", "sync.(*WaitGroup).Wait", "main.main", NULL);

  build_turns (trace, "sync", stack);
  g_assert_null (diagnose (trace, "lock-contention"));
}

/* long-running-goroutines: on one P, two goroutines run @slice_ms each
 * until preempted, for 100 ms. */
static void
build_slices (Trace  *trace,
              gint64  slice)
{
  guint32 loop = test_stack (trace->reader, "main.spin", "main.worker", NULL);

  go (trace, 0, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0);
  go (trace, 0, 0, 2, LANES_GO_UNDETERMINED, LANES_GO_RUNNABLE, NULL, 0);
  for (gint64 t = slice, turn = 0; t <= 100 * MS; t += slice, turn++)
    {
      gint64 running = turn % 2 + 1, waiting = 2 - turn % 2;

      go (trace, t, 0, running, LANES_GO_RUNNING, LANES_GO_RUNNABLE, "preempted", loop);
      go (trace, t + 1, 0, waiting, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0);
    }
}

static void
test_long_running (void)
{
  g_autoptr(Trace) trace = trace_new (1);
  LanesFinding *finding;

  build_slices (trace, 12 * MS);
  finding = diagnose (trace, "long-running-goroutines");
  g_assert_nonnull (finding);
  /* Preempted at 12, 24, … 96 ms: 8 runs, 4 each. */
  g_assert_cmpfloat (evidence (finding, "long_runs"), ==, 8);
  g_assert_cmpfloat (evidence (finding, "most_preemptions_of_one"), ==, 4);
  g_assert_true (has_goroutine (finding, 1) && has_goroutine (finding, 2));
}

static void
test_long_running_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (1);

  build_slices (trace, 2 * MS);
  g_assert_null (diagnose (trace, "long-running-goroutines"));
}

/* syscall-blocking and thread-creation: @n goroutines, each on its own
 * thread, alternate 1 ms running with @syscall_ms in a syscall, 20 times. */
static void
build_syscalls (Trace  *trace,
                gint64  n,
                gint64  syscall)
{
  for (gint64 g = 1; g <= n; g++)
    {
      gint64 t = g;

      go (trace, t, 0, g, LANES_GO_NOT_EXIST, LANES_GO_RUNNING, NULL, 0);
      for (int i = 0; i < 20; i++)
        {
          LanesTraceEvent enter = test_go_transition (trace->reader, t + MS, 0, g, LANES_GO_RUNNING, LANES_GO_SYSCALL, NULL, 0);
          LanesTraceEvent leave = test_go_transition (trace->reader, t + MS + syscall, LANES_NO_PROC, g,
                                                      LANES_GO_SYSCALL, LANES_GO_RUNNING, NULL, 0);

          enter.thread = leave.thread = 100 + g;
          add (trace, enter);
          add (trace, leave);
          t += MS + syscall;
        }
      go (trace, t + 1, 0, g, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0);
    }
}

static void
test_syscalls (void)
{
  g_autoptr(Trace) trace = trace_new (2);
  LanesFinding *finding;

  build_syscalls (trace, 12, 3 * MS);
  finding = diagnose (trace, "syscall-blocking");
  g_assert_nonnull (finding);
  /* 3 ms of every 4. */
  g_assert_cmpfloat (evidence (finding, "syscall_share"), >, 0.74);
  g_assert_cmpfloat (evidence (finding, "max_concurrent_syscalls"), ==, 12);
  finding = diagnose (trace, "thread-creation");
  g_assert_nonnull (finding);
  /* Twelve goroutines' threads and the one of the metric events. */
  g_assert_cmpfloat (evidence (finding, "threads"), ==, 13);
}

static void
test_syscalls_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (2);

  /* Short syscalls, on as many threads as Ps and a few more. */
  build_syscalls (trace, 6, MS / 10);
  g_assert_null (diagnose (trace, "syscall-blocking"));
  g_assert_null (diagnose (trace, "thread-creation"));
}

/* Pauses: a GC cycle with its two pauses every 20 ms for 200 ms, one
 * started by runtime.GC(), and other pauses. */
static void
stw (Trace      *trace,
     gint64      start,
     gint64      duration,
     const char *reason)
{
  g_autofree char *name = g_strdup_printf ("stop-the-world (%s)", reason);

  add (trace, test_range (trace->reader, start, LANES_EVENT_RANGE_BEGIN, name, 0, 1));
  add (trace, test_range (trace->reader, start + duration, LANES_EVENT_RANGE_END, name, 0, 1));
}

static void
gc_cycle (Trace   *trace,
          gint64   start,
          gint64   pause,
          guint32  stack)
{
  LanesTraceEvent begin = test_range (trace->reader, start + pause, LANES_EVENT_RANGE_BEGIN, "GC concurrent mark phase", 0, 1);
  LanesTraceEvent end = test_range (trace->reader, start + pause + 2 * MS, LANES_EVENT_RANGE_END, "GC concurrent mark phase", 0, 1);

  begin.range.scope = end.range.scope = LANES_RESOURCE_NONE;
  begin.stack = stack;
  stw (trace, start, pause, "GC sweep termination");
  add (trace, begin);
  add (trace, end);
  stw (trace, start + pause + 2 * MS, pause, "GC mark termination");
}

static void
build_cycles (Trace  *trace,
              guint   n,
              gint64  period,
              gint64  pause,
              guint   forced)
{
  guint32 pacer = test_stack (trace->reader, "runtime.gcStart", "runtime.mallocgc", "main.main", NULL);
  guint32 explicit = test_stack (trace->reader, "runtime.gcStart", "runtime.GC", "main.main", NULL);

  go (trace, 0, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0);
  for (guint i = 0; i < n; i++)
    gc_cycle (trace, i * period + MS, pause, i < forced ? explicit : pacer);
  go (trace, n * period, 0, 1, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0);
}

static void
build_gcs (Trace  *trace,
           gint64  pause,
           guint   forced)
{
  build_cycles (trace, 10, 20 * MS, pause, forced);
}

static void
test_long_stw (void)
{
  g_autoptr(Trace) trace = trace_new (4);
  LanesFinding *finding;

  build_gcs (trace, 100 * 1000, 0);
  stw (trace, 150 * MS, 12 * MS, "GC mark termination");
  finding = diagnose (trace, "long-stw");
  g_assert_nonnull (finding);
  g_assert_cmpint (lanes_finding_get_severity (finding), ==, LANES_SEVERITY_SEVERE);
  g_assert_cmpfloat (evidence (finding, "pauses_over_1ms"), ==, 1);
  g_assert_cmpfloat (evidence (finding, "longest_ns"), ==, 12 * MS);
  g_assert_cmpint (g_array_index (lanes_finding_get_ranges (finding), gint64, 0), ==, 150 * MS);
  /* No 10 ms window is free of that pause. */
  finding = diagnose (trace, "low-mmu");
  g_assert_nonnull (finding);
  g_assert_cmpfloat (evidence (finding, "mmu_10ms"), ==, 0);
  g_assert_cmpint (g_array_index (lanes_finding_get_ranges (finding), gint64, 0), >=, 150 * MS);
  g_assert_cmpint (g_array_index (lanes_finding_get_ranges (finding), gint64, 1), <=, 162 * MS);
}

static void
test_healthy_gc (void)
{
  g_autoptr(Trace) trace = trace_new (4);
  LanesFinding *finding;

  build_gcs (trace, 100 * 1000, 0);
  g_assert_null (diagnose (trace, "long-stw"));
  g_assert_null (diagnose (trace, "forced-gc"));
  g_assert_null (diagnose (trace, "global-pause"));
  /* Ten cycles in 0.2 s is 50 a second. */
  finding = diagnose (trace, "gc-frequency");
  g_assert_nonnull (finding);
  g_assert_cmpfloat (evidence (finding, "cycles"), ==, 10);
}

/* A cycle every 1.5 s with short pauses: less than one a second. */
static void
test_healthy_gc_fires (void)
{
  g_autoptr(Trace) trace = trace_new (4);
  LanesFinding *finding;

  build_cycles (trace, 3, 1500 * MS, 100 * 1000, 0);
  finding = diagnose (trace, "healthy-gc");
  g_assert_nonnull (finding);
  g_assert_cmpint (lanes_finding_get_severity (finding), ==, LANES_SEVERITY_INFO);
  g_assert_cmpfloat (evidence (finding, "longest_pause_ns"), ==, 100 * 1000);
  g_assert_null (diagnose (trace, "gc-frequency"));
  g_assert_null (diagnose (trace, "low-mmu"));
}

static void
test_forced_gc (void)
{
  g_autoptr(Trace) trace = trace_new (4);
  LanesFinding *finding;

  build_gcs (trace, 100 * 1000, 10);
  finding = diagnose (trace, "forced-gc");
  g_assert_nonnull (finding);
  g_assert_cmpfloat (evidence (finding, "forced_cycles"), ==, 10);
  g_assert_cmpint (lanes_finding_get_ranges (finding)->len, ==, 2 * 8);
  /* Forced cycles are not the pacer's doing. */
  g_assert_null (diagnose (trace, "gc-frequency"));
}

static void
test_global_pause (void)
{
  g_autoptr(Trace) trace = trace_new (4);
  LanesFinding *finding;

  build_gcs (trace, 100 * 1000, 0);
  for (int i = 0; i < 5; i++)
    stw (trace, (11 + 20 * i) * MS, 300 * 1000, "read mem stats");
  stw (trace, 195 * MS, 5 * MS, "start trace");
  finding = diagnose (trace, "global-pause");
  g_assert_nonnull (finding);
  /* The tracer's own pause is not the program's. */
  g_assert_cmpfloat (evidence (finding, "pauses"), ==, 5);
  g_assert_cmpfloat (evidence (finding, "total_ns"), ==, 1500 * 1000);
}

static void
test_global_pause_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (4);

  build_gcs (trace, 100 * 1000, 0);
  stw (trace, 11 * MS, 300 * 1000, "read mem stats");
  g_assert_null (diagnose (trace, "global-pause"));
}

/* gc-assist-pressure: four goroutines run on 4 Ps through ten cycles;
 * in each, three assist for 1.5 ms; or a mark worker does the work and
 * one goroutine assists for 0.1 ms. */
static void
build_assists (Trace    *trace,
               gboolean  workers)
{
  /* Goroutine 1 is build_gcs()'s. */
  for (gint64 g = 2; g <= 4; g++)
    go (trace, 0, g - 1, g, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0);
  for (guint i = 0; i < 10; i++)
    {
      gint64 mark = i * 20 * MS + MS + 100 * 1000;

      for (gint64 g = 1; g <= (workers ? 1 : 3); g++)
        {
          add (trace, test_range (trace->reader, mark + 100, LANES_EVENT_RANGE_BEGIN, "GC mark assist", g - 1, g));
          add (trace, test_range (trace->reader, mark + 100 + (workers ? MS / 10 : 3 * MS / 2),
                                  LANES_EVENT_RANGE_END, "GC mark assist", g - 1, g));
        }
      if (workers)
        {
          go (trace, mark + 10, 3, 4, LANES_GO_RUNNING, LANES_GO_RUNNABLE, "preempted", 0);
          go (trace, mark + 20, 3, 10, i == 0 ? LANES_GO_UNDETERMINED : LANES_GO_WAITING, LANES_GO_RUNNING, NULL, 0);
          add (trace, test_label (trace->reader, mark + 30, 3, 10, "GC (dedicated)"));
          go (trace, mark + 2 * MS - 10, 3, 10, LANES_GO_RUNNING, LANES_GO_WAITING, "GC mark worker", 0);
          go (trace, mark + 2 * MS - 5, 3, 4, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0);
        }
    }
  build_gcs (trace, 100 * 1000, 0);
  for (gint64 g = 2; g <= 4; g++)
    go (trace, 200 * MS, g - 1, g, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0);
}

static void
test_assist_pressure (void)
{
  g_autoptr(Trace) trace = trace_new (4);
  LanesFinding *finding;

  build_assists (trace, FALSE);
  finding = diagnose (trace, "gc-assist-pressure");
  g_assert_nonnull (finding);
  g_assert_cmpfloat (evidence (finding, "assist_ns"), ==, 10 * 3 * 3 * MS / 2);
  g_assert_cmpfloat (evidence (finding, "max_concurrent_assists"), ==, 3);
  g_assert_cmpfloat (evidence (finding, "assist_share_of_gc"), >, 0.5);
  g_assert_null (diagnose (trace, "healthy-gc"));
}

static void
test_assist_pressure_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (4);

  build_assists (trace, TRUE);
  g_assert_null (diagnose (trace, "gc-assist-pressure"));
}

/* gc-overhead: on 4 Ps for 200 ms, @workers mark workers run from 50
 * to 100 ms while goroutines 2 and 3 wait for a P. */
static void
build_takeover (Trace *trace,
                guint  workers)
{
  build_gcs (trace, 100 * 1000, 0);
  for (gint64 g = 2; g <= 3; g++)
    {
      go (trace, 0, g - 1, g, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0);
      go (trace, 50 * MS, g - 1, g, LANES_GO_RUNNING, LANES_GO_RUNNABLE, "preempted", 0);
      go (trace, 100 * MS + 10, g - 1, g, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0);
      go (trace, 200 * MS, g - 1, g, LANES_GO_RUNNING, LANES_GO_NOT_EXIST, NULL, 0);
    }
  for (gint64 w = 0; w < workers; w++)
    {
      go (trace, 50 * MS + 1, w + 1, 10 + w, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, 0);
      add (trace, test_label (trace->reader, 50 * MS + 2, w + 1, 10 + w, "GC (dedicated)"));
      go (trace, 100 * MS, w + 1, 10 + w, LANES_GO_RUNNING, LANES_GO_WAITING, "GC mark worker", 0);
    }
}

static void
test_gc_overhead (void)
{
  g_autoptr(Trace) trace = trace_new (4);
  LanesFinding *finding;

  build_takeover (trace, 3);
  finding = diagnose (trace, "gc-overhead");
  g_assert_nonnull (finding);
  /* From the third worker's label to the first worker's end. */
  g_assert_cmpfloat (evidence (finding, "gc_takeover_ns"), ==, 50 * MS - 2);
}

static void
test_gc_overhead_quiet (void)
{
  g_autoptr(Trace) trace = trace_new (4);

  build_takeover (trace, 2);
  g_assert_null (diagnose (trace, "gc-overhead"));
}

/* The project's own fixture traces (tests/fixtures/README.md), from
 * programs whose shape is known. */
typedef struct
{
  LanesTraceReader *reader;
  LanesDiagnosis *diagnosis;
} FixtureTrace;

static void
fixture_trace_clear (FixtureTrace *trace)
{
  g_clear_pointer (&trace->diagnosis, lanes_diagnosis_free);
  g_clear_pointer (&trace->reader, lanes_trace_reader_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FixtureTrace, fixture_trace_clear)

static GListModel *
diagnose_fixture (const char   *version,
                  const char   *scenario,
                  FixtureTrace *trace)
{
  g_autofree char *name = g_strdup_printf ("go%s-%s.trace", version, scenario);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;

  trace->reader = lanes_trace_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  trace->diagnosis = lanes_diagnosis_compute (trace->reader, &error);
  g_assert_no_error (error);
  return lanes_diagnosis_get_findings (trace->diagnosis);
}

static LanesFinding *
find (GListModel *findings,
      const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(LanesFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (lanes_finding_get_id (finding), id) == 0)
        return finding;
    }
  return NULL;
}

static gboolean
has_detail (LanesFinding *finding,
            const char   *text)
{
  const GPtrArray *details = lanes_finding_get_details (finding);

  for (guint i = 0; i < details->len; i++)
    if (strstr (g_ptr_array_index (details, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_fixture_serial (gconstpointer data)
{
  g_auto(FixtureTrace) trace = { NULL };
  GListModel *findings = diagnose_fixture (data, "serial", &trace);
  LanesFinding *finding = find (findings, "under-parallelism");

  g_assert_nonnull (finding);
  g_assert_true (has_detail (finding, "main.fixtureSerial"));
  finding = find (findings, "lock-contention");
  g_assert_nonnull (finding);
  g_assert_cmpfloat (evidence (finding, "waiting_goroutines"), >=, 2);
  g_assert_true (has_detail (finding, "main.fixtureSerial"));
}

/* Three runtime.GC() calls and nothing else. */
static void
test_fixture_gc (gconstpointer data)
{
  g_auto(FixtureTrace) trace = { NULL };
  GListModel *findings = diagnose_fixture (data, "gc", &trace);
  LanesFinding *finding = find (findings, "forced-gc");

  g_assert_nonnull (finding);
  g_assert_cmpfloat (evidence (finding, "forced_cycles"), ==, 3);
  g_assert_null (find (findings, "gc-frequency"));
}

/* Short, quiet programs: no scheduling or blocking shape. */
static void
test_fixture_quiet (gconstpointer data)
{
  static const char * const scenarios[] = { "workers", "sleep", "annotate" };
  static const char * const ids[] = {
    "oversubscription", "under-parallelism", "lock-contention", "channel-contention",
    "long-running-goroutines", "syscall-blocking", "thread-creation",
  };

  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_auto(FixtureTrace) trace = { NULL };
      GListModel *findings = diagnose_fixture (data, scenarios[s], &trace);

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        g_assert_null (find (findings, ids[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diagnosis/oversubscription", test_oversubscription);
  g_test_add_func ("/diagnosis/oversubscription/quiet", test_oversubscription_quiet);
  g_test_add_func ("/diagnosis/under-parallelism", test_under_parallelism);
  g_test_add_func ("/diagnosis/under-parallelism/quiet", test_under_parallelism_quiet);
  g_test_add_func ("/diagnosis/under-parallelism/parked", test_under_parallelism_parked);
  g_test_add_data_func ("/diagnosis/lock-contention", "sync", test_contention);
  g_test_add_data_func ("/diagnosis/channel-contention", "chan receive", test_contention);
  g_test_add_func ("/diagnosis/contention/quiet", test_contention_quiet);
  g_test_add_func ("/diagnosis/long-running-goroutines", test_long_running);
  g_test_add_func ("/diagnosis/long-running-goroutines/quiet", test_long_running_quiet);
  g_test_add_func ("/diagnosis/syscalls", test_syscalls);
  g_test_add_func ("/diagnosis/syscalls/quiet", test_syscalls_quiet);
  g_test_add_func ("/diagnosis/long-stw", test_long_stw);
  g_test_add_func ("/diagnosis/healthy-gc", test_healthy_gc);
  g_test_add_func ("/diagnosis/healthy-gc/fires", test_healthy_gc_fires);
  g_test_add_func ("/diagnosis/forced-gc", test_forced_gc);
  g_test_add_func ("/diagnosis/global-pause", test_global_pause);
  g_test_add_func ("/diagnosis/global-pause/quiet", test_global_pause_quiet);
  g_test_add_func ("/diagnosis/gc-overhead", test_gc_overhead);
  g_test_add_func ("/diagnosis/gc-overhead/quiet", test_gc_overhead_quiet);
  g_test_add_func ("/diagnosis/gc-assist-pressure", test_assist_pressure);
  g_test_add_func ("/diagnosis/gc-assist-pressure/quiet", test_assist_pressure_quiet);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const versions[] = { "1.19", "1.21", "1.22", "1.23" };
      g_autofree char *serial = g_strdup_printf ("/diagnosis/fixtures/%s/serial", versions[i]);
      g_autofree char *gc = g_strdup_printf ("/diagnosis/fixtures/%s/gc", versions[i]);
      g_autofree char *quiet = g_strdup_printf ("/diagnosis/fixtures/%s/quiet", versions[i]);

      g_test_add_data_func (serial, versions[i], test_fixture_serial);
      g_test_add_data_func (gc, versions[i], test_fixture_gc);
      g_test_add_data_func (quiet, versions[i], test_fixture_quiet);
    }
  return g_test_run ();
}
