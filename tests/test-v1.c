/* test-v1.c: old-format traces (Go 1.11–1.21) built by hand, read through
 * the public reader: the conversion rules of x/exp/trace's tracev1.go,
 * the syscall exit fix-up, and the errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace-reader.h"
#include "lanes-v1-parser.h"
#include "lanes-wire.h"

/* Writing old-format traces */

static void
put_uvarint (GByteArray *out,
             guint64     v)
{
  do
    {
      guint8 b = (v & 0x7f) | (v >= 0x80 ? 0x80 : 0);
      g_byte_array_append (out, &b, 1);
      v >>= 7;
    }
  while (v != 0);
}

static GByteArray *
trace_new (guint version)
{
  GByteArray *out = g_byte_array_new ();
  char header[16] = { 0 };

  g_snprintf (header, sizeof header, "go 1.%u trace", version);
  g_byte_array_append (out, (const guint8 *) header, 16);
  return out;
}

static void
batch (GByteArray *out,
       gint64      p,
       guint64     ticks)
{
  guint8 b = LANES_V1_BATCH | 1 << 6;

  g_byte_array_append (out, &b, 1);
  put_uvarint (out, p < 0 ? G_MAXUINT64 : (guint64) p);
  put_uvarint (out, ticks);
}

/* Up to three values inline, more with a byte length, as the runtime. */
static void
event_values (GByteArray    *out,
              guint          type,
              guint          n,
              const guint64 *values)
{
  guint8 b;

  if (n <= 3)
    {
      b = type | (n - 1) << 6;
      g_byte_array_append (out, &b, 1);
      for (guint i = 0; i < n; i++)
        put_uvarint (out, values[i]);
    }
  else
    {
      g_autoptr(GByteArray) args = g_byte_array_new ();
      for (guint i = 0; i < n; i++)
        put_uvarint (args, values[i]);
      b = type | 3 << 6;
      g_byte_array_append (out, &b, 1);
      put_uvarint (out, args->len);
      g_byte_array_append (out, args->data, args->len);
    }
}

/* EV (out, type, dt, args…, stack if the type has one) */
#define EV(out, type, ...) \
  event_values (out, type, G_N_ELEMENTS (((guint64[]) { __VA_ARGS__ })), (guint64[]) { __VA_ARGS__ })

static void
string (GByteArray *out,
        guint64     id,
        const char *s)
{
  guint8 b = LANES_V1_STRING;

  g_byte_array_append (out, &b, 1);
  put_uvarint (out, id);
  put_uvarint (out, strlen (s));
  g_byte_array_append (out, (const guint8 *) s, strlen (s));
}

static void
user_log (GByteArray *out,
          guint64     dt,
          guint64     task,
          guint64     key,
          const char *value)
{
  EV (out, LANES_V1_USER_LOG, dt, task, key, 0);
  put_uvarint (out, strlen (value));
  g_byte_array_append (out, (const guint8 *) value, strlen (value));
}

static void
frequency (GByteArray *out)
{
  EV (out, LANES_V1_FREQUENCY, 1000000000);   /* a tick is a nanosecond */
}

/* Reading them */

static LanesTraceReader *
open_trace (GByteArray  *trace,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (trace->data, trace->len);
  return lanes_trace_reader_new_for_bytes (bytes, "test.trace", error);
}

static char *
describe (LanesTraceReader      *reader,
          const LanesTraceEvent *ev)
{
  const LanesWireSpec *spec = lanes_wire_spec (ev->wire_type);
  const char *name = ev->kind == LANES_EVENT_SYNC ? "Sync" : spec != NULL ? spec->name : "?";
  const LanesTransition *t = &ev->transition;

  switch (ev->kind)
    {
    case LANES_EVENT_STATE_TRANSITION:
      if (t->resource == LANES_RESOURCE_PROC)
        return g_strdup_printf ("%s p%" G_GINT64_FORMAT " %s->%s", name, t->id,
                                lanes_proc_state_to_string (t->from), lanes_proc_state_to_string (t->to));
      return g_strdup_printf ("%s g%" G_GINT64_FORMAT " %s->%s%s%s", name, t->id,
                              lanes_go_state_to_string (t->from), lanes_go_state_to_string (t->to),
                              t->reason ? " " : "", t->reason ? lanes_trace_reader_get_string (reader, t->reason) : "");
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_END:
      return g_strdup_printf ("%s %s", name, lanes_trace_reader_get_string (reader, ev->range.name));
    case LANES_EVENT_TASK_BEGIN:
    case LANES_EVENT_TASK_END:
      return g_strdup_printf ("%s %" G_GUINT64_FORMAT " parent=%" G_GINT64_FORMAT " %s", name, ev->task.id,
                              (gint64) ev->task.parent, lanes_trace_reader_get_string (reader, ev->task.type));
    case LANES_EVENT_REGION_BEGIN:
    case LANES_EVENT_REGION_END:
      return g_strdup_printf ("%s %s", name, lanes_trace_reader_get_string (reader, ev->region.type));
    case LANES_EVENT_LOG:
      return g_strdup_printf ("%s %s=%s", name, lanes_trace_reader_get_string (reader, ev->log.category),
                              lanes_trace_reader_get_string (reader, ev->log.message));
    case LANES_EVENT_LABEL:
      return g_strdup_printf ("%s %s", name, lanes_trace_reader_get_string (reader, ev->label.label));
    case LANES_EVENT_METRIC:
      return g_strdup_printf ("%s %s=%" G_GUINT64_FORMAT, name, lanes_trace_reader_get_string (reader, ev->metric.name),
                              ev->metric.value);
    case LANES_EVENT_STACK_SAMPLE:
      return g_strdup_printf ("CPUSample g%" G_GINT64_FORMAT " p%" G_GINT64_FORMAT, ev->goroutine, ev->proc);
    default:
      return g_strdup (name);
    }
}

/* Reads the whole trace, checks times only ever grow, and compares the
 * events with @expected. */
static GArray *
read_expecting (GByteArray        *trace,
                const char *const *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = open_trace (trace, &error);
  g_autoptr(GArray) events = NULL;
  guint i;

  g_assert_no_error (error);
  events = lanes_trace_reader_read_all (reader, &error);
  g_assert_no_error (error);
  for (i = 0; i < events->len; i++)
    {
      const LanesTraceEvent *ev = &g_array_index (events, LanesTraceEvent, i);
      g_autofree char *text = describe (reader, ev);

      if (i > 0)
        g_assert_cmpint (ev->time, >, g_array_index (events, LanesTraceEvent, i - 1).time);
      g_assert_nonnull (expected[i]);
      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_null (expected[i]);
  return g_steal_pointer (&events);
}

static void
expect_error (GByteArray *trace,
              gint        code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = open_trace (trace, &error);

  if (reader != NULL)
    {
      g_autoptr(GArray) events = lanes_trace_reader_read_all (reader, &error);
      g_assert_null (events);
    }
  g_assert_error (error, LANES_TRACE_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected an error with \"%s\", got \"%s\"", message, error->message);
  g_assert_nonnull (strstr (error->message, "test.trace: at byte "));
}

/* Goroutines before tracing, a syscall that blocks (its exit moves back
 * to when it returned), one that does not, and a second P.  Ticks are
 * nanoseconds; times count from the first event. */
static GByteArray *
scheduling_trace (void)
{
  GByteArray *t = trace_new (19);

  batch (t, 0, 1000);
  EV (t, LANES_V1_GO_CREATE, 0, 1, 0, 0);        /* 1000: existed before tracing */
  EV (t, LANES_V1_GO_CREATE, 1, 2, 0, 0);
  EV (t, LANES_V1_GO_WAITING, 1, 2);
  EV (t, LANES_V1_GO_CREATE, 1, 3, 0, 0);
  EV (t, LANES_V1_PROC_START, 1, 7);             /* 1004, on thread 7 */
  EV (t, LANES_V1_GO_START, 1, 1, 1);
  EV (t, LANES_V1_GOMAXPROCS, 1, 2, 0);          /* 1006: tracing starts */
  EV (t, LANES_V1_GO_SYSCALL, 4, 0);             /* 1010 */
  EV (t, LANES_V1_GO_SYSBLOCK, 10);
  EV (t, LANES_V1_PROC_STOP, 1);                 /* 1021 */
  batch (t, 1, 1030);
  EV (t, LANES_V1_PROC_START, 0, 8);
  EV (t, LANES_V1_GO_SYSEXIT, 20, 1, 2, 1025);   /* written at 1050, returned at 1025 */
  EV (t, LANES_V1_GO_START, 5, 1, 3);
  EV (t, LANES_V1_GO_SYSCALL, 5, 0);             /* 1060, does not block */
  EV (t, LANES_V1_GO_END, 5);
  EV (t, LANES_V1_PROC_STOP, 1);                 /* 1066 */
  batch (t, 0, 1040);
  EV (t, LANES_V1_PROC_START, 0, 9);
  EV (t, LANES_V1_PROC_STOP, 30);                /* 1070 */
  frequency (t);
  return t;
}

static void
test_scheduling (void)
{
  g_autoptr(GByteArray) t = scheduling_trace ();
  static const char *const expected[] = {
    "Sync",
    "GoStatus g2 Undetermined->Waiting",
    "ProcStatus p0 Undetermined->Running",
    "GoStatus g1 Undetermined->Running",
    "GoStatus g3 Undetermined->Runnable",
    "GoSyscallBegin g1 Running->Syscall",
    "ProcStop p0 Running->Idle",
    "GoSyscallEndBlocked g1 Syscall->Runnable",
    "ProcStatus p1 Undetermined->Running",
    "ProcStart p0 Idle->Running",
    "GoStart g1 Runnable->Running",
    "GoSyscallBegin g1 Running->Syscall",
    "GoSyscallEnd g1 Syscall->Running",
    "GoDestroy g1 Running->NotExist",
    "ProcStop p1 Running->Idle",
    "ProcStop p0 Running->Idle",
    "Sync",
    NULL
  };
  g_autoptr(GArray) events = read_expecting (t, expected);
  const LanesTraceEvent *e = (const LanesTraceEvent *) events->data;

  /* Times: the first Sync just before the first event, at 0 ns. */
  g_assert_cmpint (e[0].time, ==, -1);
  g_assert_cmpint (e[1].time, ==, 2);
  g_assert_cmpint (e[4].time, ==, 6);
  g_assert_cmpint (e[5].time, ==, 10);
  g_assert_cmpint (e[7].time, ==, 25);     /* the syscall's real end */
  g_assert_cmpint (e[12].time, ==, 61);    /* a nanosecond after its begin */
  g_assert_cmpint (e[16].time, ==, 71);
  /* Threads come from ProcStart; syscall exits happen on a fake P. */
  g_assert_cmpint (e[2].thread, ==, 7);
  g_assert_cmpint (e[6].thread, ==, 7);
  g_assert_cmpint (e[7].proc, ==, LANES_V1_SYSCALL_P);
  g_assert_cmpint (e[7].thread, ==, LANES_NO_THREAD);
  g_assert_cmpint (e[9].thread, ==, 9);
  g_assert_cmpint (e[11].thread, ==, 8);
  g_assert_cmpint (e[12].thread, ==, 8);
  g_assert_cmpint (e[4].goroutine, ==, LANES_NO_GOROUTINE);
}

/* Every way to cut the trace short ends in an error or in fewer events,
 * never in a crash (the sanitizer build runs this too). */
static void
test_truncated (void)
{
  g_autoptr(GByteArray) t = scheduling_trace ();

  for (guint n = 16; n < t->len; n++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (t->data, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(LanesTraceReader) reader = lanes_trace_reader_new_for_bytes (bytes, "cut.trace", &error);
      g_autoptr(GArray) events = NULL;

      if (reader != NULL)
        events = lanes_trace_reader_read_all (reader, &error);
      /* Without its frequency footer the trace cannot be read at all. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == LANES_TRACE_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "cut.trace: at byte "));
    }
}

static void
test_annotations (void)
{
  g_autoptr(GByteArray) t = trace_new (21);
  static const char *const expected[] = {
    "Sync",
    "ProcStatus p0 Undetermined->Running",
    "GoStatus g1 Undetermined->Running",
    "UserTaskBegin 1 parent=-1 build",
    "UserTaskBegin 2 parent=1 step",
    "UserRegionBegin compile",
    "UserLog phase=starting",
    "UserRegionEnd compile",
    "UserTaskEnd 2 parent=1 step",
    "UserTaskEnd 9 parent=-1 ",
    "STWBegin stop-the-world (read mem stats)",
    "STWEnd stop-the-world (read mem stats)",
    "STWBegin stop-the-world ()",
    "STWEnd stop-the-world ()",
    "GoStop g1 Running->Runnable runtime.Gosched",
    "GoStart g1 Runnable->Running",
    "GoLabel GC (dedicated)",
    "GoBlock g1 Running->Waiting forever",
    "Sync",
    NULL
  };

  batch (t, 0, 100);
  string (t, 1, "build");
  string (t, 2, "step");
  string (t, 3, "compile");
  string (t, 4, "phase");
  string (t, 5, "GC (dedicated)");
  EV (t, LANES_V1_GO_CREATE, 0, 1, 0, 0);
  EV (t, LANES_V1_PROC_START, 1, 3);
  EV (t, LANES_V1_GO_START, 1, 1, 1);
  EV (t, LANES_V1_GOMAXPROCS, 1, 1, 0);
  EV (t, LANES_V1_USER_TASK_CREATE, 1, 1, 0, 1, 0);
  EV (t, LANES_V1_USER_TASK_CREATE, 1, 2, 1, 2, 0);
  EV (t, LANES_V1_USER_REGION, 1, 2, 0, 3, 0);
  user_log (t, 1, 2, 4, "starting");
  EV (t, LANES_V1_USER_REGION, 1, 2, 1, 3, 0);
  EV (t, LANES_V1_USER_TASK_END, 1, 2, 0);
  EV (t, LANES_V1_USER_TASK_END, 1, 9, 0);       /* never began */
  EV (t, LANES_V1_STW_START, 1, 7);              /* in 1.21, kind 7 */
  EV (t, LANES_V1_STW_DONE, 1);
  EV (t, LANES_V1_STW_START, 1, 99);             /* unknown kind */
  EV (t, LANES_V1_STW_DONE, 1);
  EV (t, LANES_V1_GO_SCHED, 1, 0);
  EV (t, LANES_V1_GO_START_LABEL, 1, 1, 2, 5);
  EV (t, LANES_V1_GO_STOP, 1, 0);
  frequency (t);

  g_autoptr(GArray) events = read_expecting (t, expected);
}

/* Before 1.21 the only STW kinds were the two GC ones, numbered from 0;
 * CPU samples came in 1.19, sorted by the time the signal handler took. */
static void
test_stw_kinds_and_samples (void)
{
  g_autoptr(GByteArray) t = trace_new (19);
  static const char *const expected[] = {
    "Sync",
    "ProcStatus p0 Undetermined->Running",
    "CPUSample g5 p0",
    "STWBegin stop-the-world (GC mark termination)",
    "STWEnd stop-the-world (GC mark termination)",
    "STWBegin stop-the-world (GC sweep termination)",
    "CPUSample g-1 p-1",
    "STWEnd stop-the-world (GC sweep termination)",
    "Sync",
    NULL
  };

  batch (t, 0, 100);
  EV (t, LANES_V1_PROC_START, 0, 3);
  EV (t, LANES_V1_STW_START, 10, 0);             /* 110 */
  EV (t, LANES_V1_STW_DONE, 1);
  EV (t, LANES_V1_STW_START, 1, 1);
  EV (t, LANES_V1_STW_DONE, 10);                 /* 122 */
  batch (t, -1, 200);
  EV (t, LANES_V1_CPU_SAMPLE, 0, 115, G_MAXUINT64, 0, 0);   /* written later, taken earlier */
  EV (t, LANES_V1_CPU_SAMPLE, 0, 105, 0, 5, 0);
  frequency (t);

  g_autoptr(GArray) events = read_expecting (t, expected);
}

/* A P whose next event needs another P's first: it waits, then goes. */
static void
test_cross_p_order (void)
{
  g_autoptr(GByteArray) t = trace_new (19);
  static const char *const expected[] = {
    "Sync",
    "ProcStatus p0 Undetermined->Running",
    "ProcStatus p1 Undetermined->Running",
    "GoCreate g2 NotExist->Runnable",
    "GoStart g2 Runnable->Running",
    "GoDestroy g2 Running->NotExist",
    "Sync",
    NULL
  };

  batch (t, 1, 5);
  EV (t, LANES_V1_PROC_START, 0, 4);             /* 5 */
  EV (t, LANES_V1_GO_START, 15, 2, 1);           /* 20: needs goroutine 2 created */
  EV (t, LANES_V1_GO_END, 1);
  batch (t, 0, 1);
  EV (t, LANES_V1_PROC_START, 0, 3);             /* 1 */
  EV (t, LANES_V1_GOMAXPROCS, 1, 2, 0);
  EV (t, LANES_V1_GO_CREATE, 8, 2, 0, 0);        /* 10 */
  frequency (t);

  g_autoptr(GArray) events = read_expecting (t, expected);
}

static void
test_errors (void)
{
  g_autoptr(GByteArray) futile = trace_new (11);
  g_autoptr(GByteArray) early = trace_new (11);
  g_autoptr(GByteArray) sample = trace_new (11);
  g_autoptr(GByteArray) no_frequency = trace_new (19);
  g_autoptr(GByteArray) stray = trace_new (19);
  g_autoptr(GByteArray) stuck = trace_new (19);
  g_autoptr(GByteArray) waiting = trace_new (19);
  g_autoptr(GByteArray) arguments = trace_new (19);
  g_autoptr(GByteArray) stack = trace_new (19);

  /* Go's converter knows no FutileWakeup: the error comes when read. */
  batch (futile, 0, 1);
  EV (futile, LANES_V1_FUTILE_WAKEUP, 1);
  frequency (futile);
  expect_error (futile, LANES_TRACE_ERROR_MALFORMED, "unexpected event type 36");

  EV (early, LANES_V1_PROC_START, 1, 1);
  expect_error (early, LANES_TRACE_ERROR_MALFORMED, "ProcStart event before the first batch");

  batch (sample, 0, 1);
  EV (sample, LANES_V1_CPU_SAMPLE, 0, 1, 0, 0, 0);
  expect_error (sample, LANES_TRACE_ERROR_MALFORMED, "unknown event type 49");

  batch (no_frequency, 0, 1);
  EV (no_frequency, LANES_V1_PROC_START, 1, 1);
  expect_error (no_frequency, LANES_TRACE_ERROR_TRUNCATED, "no Frequency event");

  batch (stray, 0, 1);
  EV (stray, LANES_V1_GO_CREATE, 0, 1, 0, 0);
  EV (stray, LANES_V1_GO_WAITING, 1, 1);
  EV (stray, LANES_V1_GO_SYSEXIT, 1, 1, 2, 2);    /* waiting, but not in a syscall */
  frequency (stray);
  expect_error (stray, LANES_TRACE_ERROR_INCONSISTENT, "stray syscall exit");

  batch (stuck, 0, 1);
  EV (stuck, LANES_V1_GO_CREATE, 0, 1, 0, 0);
  EV (stuck, LANES_V1_GO_START, 1, 1, 5);        /* sequence 5 never comes */
  frequency (stuck);
  expect_error (stuck, LANES_TRACE_ERROR_INCONSISTENT, "no consistent ordering of events possible");

  /* Many Ps waiting at once must not make the merge quadratic. */
  for (guint p = 1; p <= 5000; p++)
    {
      batch (waiting, p, 10);
      EV (waiting, LANES_V1_GO_START, 1, 7, 99);
    }
  batch (waiting, 0, 1);
  for (guint i = 0; i < 5000; i++)
    EV (waiting, LANES_V1_HEAP_ALLOC, 1, i);
  frequency (waiting);
  expect_error (waiting, LANES_TRACE_ERROR_INCONSISTENT, "GoStart on P 1, goroutine 7, at byte 19");

  batch (arguments, 0, 1);
  EV (arguments, LANES_V1_GO_START, 1, 1);       /* the sequence number is missing */
  frequency (arguments);
  expect_error (arguments, LANES_TRACE_ERROR_MALFORMED, "GoStart has wrong number of arguments: want 3, got 2");

  /* Stricter than Go, which would crash reading the frame. */
  batch (stack, 0, 1);
  EV (stack, LANES_V1_STACK, 1, 1, 0x1000, 42, 0, 7);
  frequency (stack);
  expect_error (stack, LANES_TRACE_ERROR_MALFORMED, "stack names function string 42, which the trace does not define");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/v1/scheduling", test_scheduling);
  g_test_add_func ("/v1/truncated", test_truncated);
  g_test_add_func ("/v1/annotations", test_annotations);
  g_test_add_func ("/v1/stw-kinds-and-samples", test_stw_kinds_and_samples);
  g_test_add_func ("/v1/cross-p-order", test_cross_p_order);
  g_test_add_func ("/v1/errors", test_errors);
  return g_test_run ();
}
