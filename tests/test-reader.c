/* test-reader.c: the Go 1.22+ reader on traces built byte by byte: the
 * events and transitions a small valid trace gives, and every class of
 * malformed input Go's reader rejects (docs/trace-format.md §6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace.h"
#include "lanes-wire.h"
#include "trace-writer.h"

#define NAME "built.trace"
#define NONE G_MAXUINT64

/* Reads every event; returns them, and the error that ended the read.
 * The reader is handed back in @out_reader when wanted, to resolve names. */
static GArray *
read_events_with_reader (TraceWriter       *w,
                         LanesTraceReader **out_reader,
                         GError           **error)
{
  g_autoptr(GBytes) bytes = trace_writer_bytes (w);
  g_autoptr(LanesTraceReader) reader = NULL;
  GArray *events = g_array_new (FALSE, FALSE, sizeof (LanesTraceEvent));
  LanesTraceEvent event;

  reader = lanes_trace_reader_new_for_bytes (bytes, NAME, error);
  if (reader == NULL)
    return events;
  while (lanes_trace_reader_next (reader, &event, error))
    g_array_append_val (events, event);
  if (out_reader != NULL)
    *out_reader = g_steal_pointer (&reader);
  return events;
}

static GArray *
read_events (TraceWriter *w,
             GError     **error)
{
  return read_events_with_reader (w, NULL, error);
}

static void
assert_fails (TraceWriter *w,
              const char  *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = read_events (w, &error);

  g_assert_nonnull (error);
  g_assert_true (error->domain == LANES_TRACE_ERROR);
  /* Every message names the file first. */
  g_assert_true (g_str_has_prefix (error->message, NAME ": "));
  if (!g_regex_match_simple (pattern, error->message, 0, 0))
    g_error ("message \"%s\" does not match \"%s\"", error->message, pattern);
}

/* One generation: sync, strings, and an event batch on M 1 that the
 * caller fills between begin and end. */
static TraceWriter *
begin_trace (guint version)
{
  static const char * const strings[] = { "chan receive", "GC (dedicated)", NULL };
  TraceWriter *w = trace_writer_new (version);

  trace_writer_sync_batch (w, version, 1, 1000000000);   /* 1 ns per tick */
  trace_writer_strings (w, 1, strings);
  trace_writer_begin_batch (w, 1, 1, 100);
  return w;
}

static void
end_trace (TraceWriter *w,
           guint        version)
{
  trace_writer_end_batch (w);
  if (version >= 26)
    trace_writer_byte (w, LANES_WIRE_END_OF_GENERATION);
}

/* A goroutine that blocks, is woken and exits, on one P. */
static void
write_lifecycle (TraceWriter *w)
{
  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_STATUS, 4, 1, 7, NONE, LANES_WIRE_GO_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_BLOCK, 3, 1, 1, 0);
  trace_writer_event (w, LANES_WIRE_GO_UNBLOCK, 4, 1, 7, 1, 0);
  trace_writer_event (w, LANES_WIRE_GO_START, 3, 1, 7, 2);
  trace_writer_event (w, LANES_WIRE_GO_DESTROY, 1, 1);
  trace_writer_event (w, LANES_WIRE_PROC_STOP, 1, 1);
}

static void
test_lifecycle (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autoptr(TraceWriter) w = begin_trace (version);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  static const struct { guint8 resource, from, to; } expected[] = {
    { LANES_RESOURCE_PROC, LANES_PROC_UNDETERMINED, LANES_PROC_RUNNING },
    { LANES_RESOURCE_GOROUTINE, LANES_GO_UNDETERMINED, LANES_GO_RUNNING },
    { LANES_RESOURCE_GOROUTINE, LANES_GO_RUNNING, LANES_GO_WAITING },
    { LANES_RESOURCE_GOROUTINE, LANES_GO_WAITING, LANES_GO_RUNNABLE },
    { LANES_RESOURCE_GOROUTINE, LANES_GO_RUNNABLE, LANES_GO_RUNNING },
    { LANES_RESOURCE_GOROUTINE, LANES_GO_RUNNING, LANES_GO_NOT_EXIST },
    { LANES_RESOURCE_PROC, LANES_PROC_RUNNING, LANES_PROC_IDLE },
  };
  const LanesTraceEvent *ev;

  write_lifecycle (w);
  end_trace (w, version);
  events = read_events (w, &error);
  g_assert_no_error (error);

  /* A Sync opens the generation and another closes the trace. */
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected) + 2);
  g_assert_cmpint (g_array_index (events, LanesTraceEvent, 0).kind, ==, LANES_EVENT_SYNC);
  g_assert_cmpint (g_array_index (events, LanesTraceEvent, events->len - 1).kind, ==, LANES_EVENT_SYNC);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ev = &g_array_index (events, LanesTraceEvent, i + 1);
      g_assert_cmpint (ev->kind, ==, LANES_EVENT_STATE_TRANSITION);
      g_assert_cmpint (ev->transition.resource, ==, expected[i].resource);
      g_assert_cmpint (ev->transition.from, ==, expected[i].from);
      g_assert_cmpint (ev->transition.to, ==, expected[i].to);
    }
  for (guint i = 1; i < events->len; i++)
    g_assert_cmpint (g_array_index (events, LanesTraceEvent, i).time, >,
                     g_array_index (events, LanesTraceEvent, i - 1).time);

  /* The block: on goroutine 7, proc 0, thread 1, with its reason. */
  ev = &g_array_index (events, LanesTraceEvent, 3);
  g_assert_cmpint (ev->goroutine, ==, 7);
  g_assert_cmpint (ev->proc, ==, 0);
  g_assert_cmpint (ev->thread, ==, 1);
  g_assert_cmpint (ev->transition.id, ==, 7);
  /* The block is 2 ticks after the batch start at 100 ticks of 1 ns. */
  g_assert_cmpint (ev->time, ==, 103);
}

/* Task and region names travel to their end events across the ordering. */
static void
test_annotations (void)
{
  static const char * const strings[] = { "task-name", "region-name", "key", "value", NULL };
  g_autoptr(TraceWriter) w = trace_writer_new (23);
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  guint tasks = 0, regions = 0, logs = 0;

  trace_writer_sync_batch (w, 23, 1, 1000000000);
  trace_writer_strings (w, 1, strings);
  trace_writer_begin_batch (w, 1, 1, 10);
  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_STATUS, 4, 1, 1, NONE, LANES_WIRE_GO_RUNNING);
  trace_writer_event (w, LANES_WIRE_USER_TASK_BEGIN, 5, 1, 5, 0, 1, 0);
  trace_writer_event (w, LANES_WIRE_USER_REGION_BEGIN, 4, 1, 5, 2, 0);
  trace_writer_event (w, LANES_WIRE_USER_LOG, 5, 1, 5, 3, 4, 0);
  trace_writer_event (w, LANES_WIRE_USER_REGION_END, 4, 1, 5, 2, 0);
  trace_writer_event (w, LANES_WIRE_USER_TASK_END, 3, 1, 5, 0);
  trace_writer_end_batch (w);
  events = read_events_with_reader (w, &reader, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < events->len; i++)
    {
      const LanesTraceEvent *ev = &g_array_index (events, LanesTraceEvent, i);
      switch (ev->kind)
        {
        case LANES_EVENT_TASK_BEGIN:
        case LANES_EVENT_TASK_END:
          tasks++;
          g_assert_cmpuint (ev->task.id, ==, 5);
          g_assert_cmpuint (ev->task.parent, ==, LANES_NO_TASK);
          /* The end event carries the name given at the beginning. */
          g_assert_cmpstr (lanes_trace_reader_get_string (reader, ev->task.type), ==, "task-name");
          break;
        case LANES_EVENT_REGION_BEGIN:
        case LANES_EVENT_REGION_END:
          regions++;
          g_assert_cmpuint (ev->region.task, ==, 5);
          g_assert_cmpstr (lanes_trace_reader_get_string (reader, ev->region.type), ==, "region-name");
          break;
        case LANES_EVENT_LOG:
          logs++;
          g_assert_cmpstr (lanes_trace_reader_get_string (reader, ev->log.category), ==, "key");
          g_assert_cmpstr (lanes_trace_reader_get_string (reader, ev->log.message), ==, "value");
          break;
        default:
          break;
        }
    }
  g_assert_cmpuint (tasks, ==, 2);
  g_assert_cmpuint (regions, ==, 2);
  g_assert_cmpuint (logs, ==, 1);
}

/* Framing */

static void
test_batch_too_big (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_event (w, LANES_WIRE_EVENT_BATCH, 4, 1, 1, 1, 65537);
  assert_fails (w, "at byte 16: invalid batch size 65537, maximum is 65536");
}

static void
test_batch_cut_off (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_event (w, LANES_WIRE_EVENT_BATCH, 4, 1, 1, 1, 100);
  trace_writer_byte (w, 0);
  assert_fails (w, "failed to read full batch: read 1 but wanted 100");
}

static void
test_not_a_batch (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_byte (w, 7);
  assert_fails (w, "at byte 16: expected batch event, got event 7");
}

static void
test_generation_zero (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 0, 1000);
  assert_fails (w, "invalid generation number 0");
}

static void
test_generations_out_of_order (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_sync_batch (w, 23, 3, 1000);
  assert_fails (w, "generations out of order");
}

static void
test_incomplete_generation (void)
{
  g_autoptr(TraceWriter) w = begin_trace (26);

  write_lifecycle (w);
  trace_writer_end_batch (w);   /* no EndOfGeneration byte */
  assert_fails (w, "incomplete generation 1 found; trace likely truncated");
}

static void
test_interleaved_generations (void)
{
  g_autoptr(TraceWriter) w = begin_trace (26);

  trace_writer_end_batch (w);
  trace_writer_sync_batch (w, 26, 2, 1000);
  assert_fails (w, "missing end-of-generation event, or generations are interleaved");
}

/* Tables */

static void
test_string_too_long (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);
  g_autofree char *long_string = g_strnfill (1025, 'x');

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_byte (w, LANES_WIRE_STRINGS);
  trace_writer_string (w, 1, long_string);
  trace_writer_end_batch (w);
  assert_fails (w, "invalid string size 1025, maximum is 1024");
}

static void
test_duplicate_string (void)
{
  static const char * const strings[] = { "a", NULL };
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_strings (w, 1, strings);
  trace_writer_strings (w, 1, strings);
  assert_fails (w, "multiple strings with the same ID: id=1");
}

static void
test_string_id_zero (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_byte (w, LANES_WIRE_STRINGS);
  trace_writer_string (w, 0, "zero");
  trace_writer_end_batch (w);
  assert_fails (w, "multiple strings with the same ID: id=0");
}

static void
test_stack_too_deep (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_byte (w, LANES_WIRE_STACKS);
  trace_writer_event (w, LANES_WIRE_STACK, 2, 1, 129);
  trace_writer_end_batch (w);
  assert_fails (w, "invalid stack size 129, maximum is 128");
}

static void
test_frame_with_unknown_function (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_byte (w, LANES_WIRE_STACKS);
  trace_writer_event (w, LANES_WIRE_STACK, 6, 1, 1, 0x401000, 9, 0, 12);
  trace_writer_end_batch (w);
  assert_fails (w, "generation 1: found invalid func string ID 9");
}

/* A huge stack id with no frames is fine: nothing is sized by ids. */
static void
test_huge_stack_id (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_byte (w, LANES_WIRE_STACKS);
  trace_writer_event (w, LANES_WIRE_STACK, 2, G_GUINT64_CONSTANT (2107684625609392127), 0);
  trace_writer_end_batch (w);
  events = read_events (w, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
}

static void
test_cpu_sample_unknown_stack (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 1, 1000);
  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_byte (w, LANES_WIRE_CPU_SAMPLES);
  trace_writer_event (w, LANES_WIRE_CPU_SAMPLE, 5, 5, 1, 0, 1, 99);
  trace_writer_end_batch (w);
  assert_fails (w, "found invalid stack ID 99 for a CPU sample");
}

/* Sync */

static void
test_frequency_zero (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_sync_batch (w, 23, 1, 0);
  assert_fails (w, "the trace clock frequency is 0");
}

static void
test_two_frequencies (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (23);

  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_event (w, LANES_WIRE_FREQUENCY, 1, 1000);
  trace_writer_event (w, LANES_WIRE_FREQUENCY, 1, 1000);
  trace_writer_end_batch (w);
  assert_fails (w, "found multiple frequency events");
}

static void
test_no_clock_snapshot (void)
{
  g_autoptr(TraceWriter) w = trace_writer_new (25);

  trace_writer_begin_batch (w, 1, NONE, 1);
  trace_writer_byte (w, LANES_WIRE_SYNC);
  trace_writer_event (w, LANES_WIRE_FREQUENCY, 1, 1000);
  trace_writer_end_batch (w);
  assert_fails (w, "no clock snapshot event found");
}

/* Events */

static void
test_invalid_event_type (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_byte (w, 200);
  end_trace (w, 23);
  assert_fails (w, "found invalid event type");
}

static void
test_event_without_timestamp (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_byte (w, 60);
  end_trace (w, 23);
  assert_fails (w, "found event without a timestamp: type=60");
}

static void
test_cut_timestamp (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_byte (w, LANES_WIRE_PROC_STOP);
  trace_writer_byte (w, 0x80);
  end_trace (w, 23);
  assert_fails (w, "found invalid uvarint for timestamp");
}

static void
test_unknown_stack_in_event (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_STATUS, 4, 1, 7, NONE, LANES_WIRE_GO_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_BLOCK, 3, 1, 1, 5);
  end_trace (w, 23);
  assert_fails (w, "found invalid stack ID 5 for event GoBlock");
}

static void
test_unknown_string_in_event (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_STATUS, 4, 1, 7, NONE, LANES_WIRE_GO_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_BLOCK, 3, 1, 9, 0);
  end_trace (w, 23);
  assert_fails (w, "found invalid string ID 9 for event GoBlock");
}

/* Ordering */

static void
test_no_proc (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_event (w, LANES_WIRE_GO_CREATE, 4, 1, 8, 0, 0);
  end_trace (w, 23);
  assert_fails (w, "generation 1: GoCreate .*: expected a proc but didn't have one");
}

static void
test_invalid_status (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, 69);
  end_trace (w, 23);
  assert_fails (w, "invalid status for proc 0: 69");
}

static void
test_stuck (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  /* Goroutine 9 never becomes runnable: its start can never happen. */
  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_START, 3, 1, 9, 1);
  end_trace (w, 23);
  assert_fails (w, "broken trace: failed to advance");
}

static void
test_region_misuse (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);

  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 1, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_STATUS, 4, 1, 7, NONE, LANES_WIRE_GO_RUNNING);
  trace_writer_event (w, LANES_WIRE_USER_REGION_BEGIN, 4, 1, 0, 1, 0);
  trace_writer_event (w, LANES_WIRE_USER_REGION_END, 4, 1, 0, 2, 0);
  end_trace (w, 23);
  assert_fails (w, "misuse of region in goroutine 7");
}

#define N_INTERNED 200000

typedef struct
{
  LanesTraceReader *reader;
  guint32 first;
  gint last;            /* atomic: the newest id interned, -1 before */
} Interning;

static gpointer
intern_many (gpointer data)
{
  Interning *in = data;

  for (guint i = 0; i < N_INTERNED; i++)
    {
      g_autofree char *s = g_strdup_printf ("interned %u", i);
      LanesTraceFrame frame = { i + 1, 1, 1, i };
      guint32 id = lanes_trace_reader_intern_string (in->reader, s);

      g_assert_cmpuint (id, ==, in->first + i);
      lanes_trace_reader_intern_stack (in->reader, &frame, 1);
      g_atomic_int_set (&in->last, (gint) i);
    }
  return NULL;
}

/* Strings and stacks another thread interns meanwhile resolve from here
 * as soon as their ids are out, and the tables grow past many pages. */
static void
test_read_while_interning (void)
{
  g_autoptr(TraceWriter) w = begin_trace (23);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  Interning in = { NULL, 0, -1 };
  GThread *thread;
  guint checked = 0;

  write_lifecycle (w);
  end_trace (w, 23);
  bytes = trace_writer_bytes (w);
  reader = lanes_trace_reader_new_for_bytes (bytes, NAME, &error);
  g_assert_no_error (error);
  in.reader = reader;
  in.first = lanes_trace_reader_intern_string (reader, "interned 0");
  thread = g_thread_new ("interning", intern_many, &in);
  while (g_atomic_int_get (&in.last) < N_INTERNED - 1)
    {
      gint last = g_atomic_int_get (&in.last);
      guint i;
      g_autofree char *expected = NULL;

      if (last < 0)
        continue;
      i = g_random_int_range (0, last + 1);
      expected = g_strdup_printf ("interned %u", i);
      g_assert_cmpstr (lanes_trace_reader_get_string (reader, in.first + i), ==, expected);
      checked++;
    }
  g_thread_join (thread);
  for (guint i = 0; i < N_INTERNED; i += 997)
    {
      g_autofree char *expected = g_strdup_printf ("interned %u", i);
      g_assert_cmpstr (lanes_trace_reader_get_string (reader, in.first + i), ==, expected);
    }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/reader/lifecycle/1.22", GUINT_TO_POINTER (22), test_lifecycle);
  g_test_add_data_func ("/reader/lifecycle/1.23", GUINT_TO_POINTER (23), test_lifecycle);
  g_test_add_data_func ("/reader/lifecycle/1.25", GUINT_TO_POINTER (25), test_lifecycle);
  g_test_add_data_func ("/reader/lifecycle/1.26", GUINT_TO_POINTER (26), test_lifecycle);
  g_test_add_func ("/reader/annotations", test_annotations);
  g_test_add_func ("/reader/framing/batch-too-big", test_batch_too_big);
  g_test_add_func ("/reader/framing/batch-cut-off", test_batch_cut_off);
  g_test_add_func ("/reader/framing/not-a-batch", test_not_a_batch);
  g_test_add_func ("/reader/framing/generation-zero", test_generation_zero);
  g_test_add_func ("/reader/framing/out-of-order", test_generations_out_of_order);
  g_test_add_func ("/reader/framing/incomplete-generation", test_incomplete_generation);
  g_test_add_func ("/reader/framing/interleaved-generations", test_interleaved_generations);
  g_test_add_func ("/reader/tables/string-too-long", test_string_too_long);
  g_test_add_func ("/reader/tables/duplicate-string", test_duplicate_string);
  g_test_add_func ("/reader/tables/string-id-zero", test_string_id_zero);
  g_test_add_func ("/reader/tables/stack-too-deep", test_stack_too_deep);
  g_test_add_func ("/reader/tables/frame-unknown-function", test_frame_with_unknown_function);
  g_test_add_func ("/reader/tables/huge-stack-id", test_huge_stack_id);
  g_test_add_func ("/reader/tables/cpu-sample-unknown-stack", test_cpu_sample_unknown_stack);
  g_test_add_func ("/reader/tables/read-while-interning", test_read_while_interning);
  g_test_add_func ("/reader/sync/frequency-zero", test_frequency_zero);
  g_test_add_func ("/reader/sync/two-frequencies", test_two_frequencies);
  g_test_add_func ("/reader/sync/no-clock-snapshot", test_no_clock_snapshot);
  g_test_add_func ("/reader/events/invalid-type", test_invalid_event_type);
  g_test_add_func ("/reader/events/without-timestamp", test_event_without_timestamp);
  g_test_add_func ("/reader/events/cut-timestamp", test_cut_timestamp);
  g_test_add_func ("/reader/events/unknown-stack", test_unknown_stack_in_event);
  g_test_add_func ("/reader/events/unknown-string", test_unknown_string_in_event);
  g_test_add_func ("/reader/order/no-proc", test_no_proc);
  g_test_add_func ("/reader/order/invalid-status", test_invalid_status);
  g_test_add_func ("/reader/order/stuck", test_stuck);
  g_test_add_func ("/reader/order/region-misuse", test_region_misuse);
  return g_test_run ();
}
