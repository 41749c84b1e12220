/* test-fixtures.c: the trace reader on the project's own fixture traces.
 *
 * tests/fixtures/gen writes each trace from a known program, so these
 * tests assert what that program did (eight workers, three collections,
 * five sleeps, …) rather than what the reader happened to print once.
 * See tests/fixtures/README.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lanes-trace.h"

#define N_WORKERS 8     /* nWorkers in gen/main.go */
#define N_GCS     3
#define N_SLEEPS  5
#define GOMAXPROCS 4    /* set by gen itself */

/* Go 1.19 and 1.21 write the old format, 1.22 and 1.23 generations: the
 * reader gives the same events for both. */
static const char * const versions[] = { "go1.19", "go1.21", "go1.22", "go1.23" };

typedef struct
{
  LanesTraceReader *reader;
  GArray *events;       /* LanesTraceEvent */
} Fixture;

static char *
fixture_path (const char *version,
              const char *scenario)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.trace", version, scenario);

  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static const char *
string_of (Fixture *f,
           guint32  id)
{
  return lanes_trace_reader_get_string (f->reader, id);
}

/* Innermost function of a stack, or NULL when it has no frames. */
static const char *
innermost_function (Fixture *f,
                    guint32  stack)
{
  const LanesTraceFrame *frames;

  if (lanes_trace_reader_get_stack (f->reader, stack, &frames) == 0)
    return NULL;
  return string_of (f, frames[0].function);
}

static gboolean
is_goroutine_transition (const LanesTraceEvent *ev,
                         LanesGoState           from,
                         LanesGoState           to)
{
  return ev->kind == LANES_EVENT_STATE_TRANSITION
         && ev->transition.resource == LANES_RESOURCE_GOROUTINE
         && ev->transition.from == from
         && ev->transition.to == to;
}

/* Facts that hold for every trace, whatever the scenario. */
static void
check_invariants (Fixture *f)
{
  GArray *events = f->events;
  guint32 syncs = 0;
  gboolean saw_gomaxprocs = FALSE;

  g_assert_cmpuint (events->len, >=, 2);
  g_assert_cmpuint (g_array_index (events, LanesTraceEvent, 0).kind, ==, LANES_EVENT_SYNC);
  g_assert_cmpuint (g_array_index (events, LanesTraceEvent, events->len - 1).kind, ==, LANES_EVENT_SYNC);

  for (guint i = 0; i < events->len; i++)
    {
      const LanesTraceEvent *ev = &g_array_index (events, LanesTraceEvent, i);

      g_assert_cmpuint (ev->kind, >, LANES_EVENT_BAD);
      g_assert_cmpuint (ev->kind, <, LANES_EVENT_N_KINDS);
      if (i > 0)
        g_assert_cmpint (ev->time, >, g_array_index (events, LanesTraceEvent, i - 1).time);

      switch (ev->kind)
        {
        case LANES_EVENT_SYNC:
          g_assert_cmpuint (ev->sync.n, ==, ++syncs);
          break;
        case LANES_EVENT_STATE_TRANSITION:
          if (ev->transition.resource == LANES_RESOURCE_GOROUTINE)
            {
              g_assert_cmpuint (ev->transition.from, <, LANES_GO_N_STATES);
              g_assert_cmpuint (ev->transition.to, <, LANES_GO_N_STATES);
            }
          else
            {
              g_assert_cmpuint (ev->transition.resource, ==, LANES_RESOURCE_PROC);
              g_assert_cmpuint (ev->transition.from, <, LANES_PROC_N_STATES);
              g_assert_cmpuint (ev->transition.to, <, LANES_PROC_N_STATES);
            }
          g_assert_cmpuint (ev->transition.from, !=, ev->transition.to);
          break;
        case LANES_EVENT_METRIC:
          /* The first value is the one gen set before tracing. */
          if (!saw_gomaxprocs && g_strcmp0 (string_of (f, ev->metric.name), "/sched/gomaxprocs:threads") == 0)
            {
              g_assert_cmpuint (ev->metric.value, ==, GOMAXPROCS);
              saw_gomaxprocs = TRUE;
            }
          break;
        default:
          break;
        }
    }
  /* Old traces' first GOMAXPROCS event marks the end of their preamble
   * and becomes no event of its own, as in Go's reader. */
  if (lanes_trace_reader_get_version (f->reader) >= 22)
    g_assert_true (saw_gomaxprocs);
}

static Fixture *
fixture_read (const char *version,
              const char *scenario)
{
  g_autofree char *path = fixture_path (version, scenario);
  g_autoptr(GError) error = NULL;
  Fixture *f = g_new0 (Fixture, 1);
  LanesTraceEvent ev;

  f->reader = lanes_trace_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->reader);
  g_assert_cmpuint (lanes_trace_reader_get_version (f->reader), ==,
                    g_ascii_strtoull (version + strlen ("go1."), NULL, 10));

  f->events = g_array_new (FALSE, FALSE, sizeof (LanesTraceEvent));
  while (lanes_trace_reader_next (f->reader, &ev, &error))
    g_array_append_val (f->events, ev);
  g_assert_no_error (error);
  /* The end stays the end. */
  g_assert_false (lanes_trace_reader_next (f->reader, &ev, &error));
  g_assert_no_error (error);

  check_invariants (f);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_array_unref (f->events);
  lanes_trace_reader_free (f->reader);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* workers: eight main.fixtureWorker goroutines, created by main.workers,
 * each waiting once on a channel receive and then exiting. */
static void
test_workers (gconstpointer data)
{
  g_autoptr(Fixture) f = fixture_read (data, "workers");
  g_autoptr(GHashTable) created = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) received = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) exited = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < f->events->len; i++)
    {
      LanesTraceEvent *ev = &g_array_index (f->events, LanesTraceEvent, i);
      gint64 *g = &ev->transition.id;

      if (is_goroutine_transition (ev, LANES_GO_NOT_EXIST, LANES_GO_RUNNABLE)
          && g_strcmp0 (innermost_function (f, ev->transition.stack), "main.fixtureWorker") == 0)
        {
          g_assert_false (g_hash_table_contains (created, g));
          g_assert_cmpstr (innermost_function (f, ev->stack), ==, "main.workers");
          g_hash_table_add (created, g);
        }
      else if (is_goroutine_transition (ev, LANES_GO_RUNNING, LANES_GO_WAITING)
               && g_hash_table_contains (created, g))
        {
          /* Exactly once, and on the start channel. */
          g_assert_cmpstr (string_of (f, ev->transition.reason), ==, "chan receive");
          g_assert_false (g_hash_table_contains (received, g));
          g_hash_table_add (received, g);
        }
      else if (is_goroutine_transition (ev, LANES_GO_RUNNING, LANES_GO_NOT_EXIST)
               && g_hash_table_contains (created, g))
        {
          g_assert_true (g_hash_table_contains (received, g));
          g_assert_false (g_hash_table_contains (exited, g));
          g_hash_table_add (exited, g);
        }
    }

  g_assert_cmpuint (g_hash_table_size (created), ==, N_WORKERS);
  g_hash_table_iter_init (&iter, created);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_assert_true (g_hash_table_contains (received, key));
      g_assert_true (g_hash_table_contains (exited, key));
    }
}

/* Index of the only event of @kind whose string field is @type. */
static guint
find_one (Fixture        *f,
          LanesEventKind  kind,
          const char     *type)
{
  guint found = G_MAXUINT;

  for (guint i = 0; i < f->events->len; i++)
    {
      const LanesTraceEvent *ev = &g_array_index (f->events, LanesTraceEvent, i);
      guint32 id;

      if (ev->kind != kind)
        continue;
      switch (kind)
        {
        case LANES_EVENT_TASK_BEGIN:
        case LANES_EVENT_TASK_END:
          id = ev->task.type;
          break;
        case LANES_EVENT_REGION_BEGIN:
        case LANES_EVENT_REGION_END:
          id = ev->region.type;
          break;
        case LANES_EVENT_LOG:
          id = ev->log.category;
          break;
        default:
          g_assert_not_reached ();
        }
      if (g_strcmp0 (string_of (f, id), type) == 0)
        {
          g_assert_cmpuint (found, ==, G_MAXUINT);
          found = i;
        }
    }
  g_assert_cmpuint (found, !=, G_MAXUINT);
  return found;
}

#define EVENT(f, i) (&g_array_index ((f)->events, LanesTraceEvent, (i)))

/* annotate: task > region > log, then a child task, all in that order. */
static void
test_annotate (gconstpointer data)
{
  g_autoptr(Fixture) f = fixture_read (data, "annotate");
  guint task_begin = find_one (f, LANES_EVENT_TASK_BEGIN, "fixture-task");
  guint region_begin = find_one (f, LANES_EVENT_REGION_BEGIN, "fixture-region");
  guint log = find_one (f, LANES_EVENT_LOG, "fixture-key");
  guint region_end = find_one (f, LANES_EVENT_REGION_END, "fixture-region");
  guint child_begin = find_one (f, LANES_EVENT_TASK_BEGIN, "fixture-child");
  guint child_end = find_one (f, LANES_EVENT_TASK_END, "fixture-child");
  guint task_end = find_one (f, LANES_EVENT_TASK_END, "fixture-task");
  guint64 task = EVENT (f, task_begin)->task.id;

  g_assert_cmpuint (task, !=, LANES_BACKGROUND_TASK);
  g_assert_cmpuint (task, !=, LANES_NO_TASK);
  /* A task made from context.Background() has no parent, as in Go. */
  g_assert_true (EVENT (f, task_begin)->task.parent == LANES_NO_TASK);
  /* Go's reader keeps an old trace's raw parent, 0, on the end event. */
  if (lanes_trace_reader_get_version (f->reader) >= 22)
    g_assert_true (EVENT (f, task_end)->task.parent == LANES_NO_TASK);
  else
    g_assert_true (EVENT (f, task_end)->task.parent == LANES_BACKGROUND_TASK);
  g_assert_cmpuint (EVENT (f, task_end)->task.id, ==, task);

  g_assert_cmpuint (EVENT (f, region_begin)->region.task, ==, task);
  g_assert_cmpuint (EVENT (f, region_end)->region.task, ==, task);

  g_assert_cmpuint (EVENT (f, log)->log.task, ==, task);
  g_assert_cmpstr (string_of (f, EVENT (f, log)->log.message), ==, "fixture-value");

  g_assert_cmpuint (EVENT (f, child_begin)->task.parent, ==, task);
  g_assert_cmpuint (EVENT (f, child_begin)->task.id, !=, task);
  g_assert_cmpuint (EVENT (f, child_end)->task.id, ==, EVENT (f, child_begin)->task.id);

  g_assert_cmpuint (task_begin, <, region_begin);
  g_assert_cmpuint (region_begin, <, log);
  g_assert_cmpuint (log, <, region_end);
  g_assert_cmpuint (region_end, <, child_begin);
  g_assert_cmpuint (child_begin, <, child_end);
  g_assert_cmpuint (child_end, <, task_end);

  /* All on main, the one goroutine that annotates. */
  g_assert_cmpint (EVENT (f, log)->goroutine, ==, EVENT (f, task_begin)->goroutine);
  g_assert_cmpint (EVENT (f, child_end)->goroutine, ==, EVENT (f, task_begin)->goroutine);
}

/* gc: three forced collections, each a mark phase and two stop-the-world
 * pauses (sweep termination, mark termination). */
static void
test_gc (gconstpointer data)
{
  g_autoptr(Fixture) f = fixture_read (data, "gc");
  g_autoptr(GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint marks = 0, sweep_terms = 0, mark_terms = 0, stws = 0;

  for (guint i = 0; i < f->events->len; i++)
    {
      const LanesTraceEvent *ev = EVENT (f, i);
      const char *name;
      g_autofree char *key = NULL;
      guint n;

      if (ev->kind != LANES_EVENT_RANGE_BEGIN && ev->kind != LANES_EVENT_RANGE_END)
        continue;
      name = string_of (f, ev->range.name);
      g_assert_nonnull (name);
      key = g_strdup_printf ("%s/%u/%" G_GINT64_FORMAT, name, ev->range.scope, ev->range.scope_id);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (open, key));
      if (ev->kind == LANES_EVENT_RANGE_BEGIN)
        {
          g_hash_table_replace (open, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
          continue;
        }
      if (n == 0)
        continue;   /* began before the trace did */
      g_hash_table_replace (open, g_steal_pointer (&key), GUINT_TO_POINTER (n - 1));

      if (strcmp (name, "GC concurrent mark phase") == 0)
        marks++;
      else if (g_str_has_prefix (name, "stop-the-world ("))
        {
          g_assert_true (g_str_has_suffix (name, ")"));
          stws++;
          if (strcmp (name, "stop-the-world (GC sweep termination)") == 0)
            sweep_terms++;
          else if (strcmp (name, "stop-the-world (GC mark termination)") == 0)
            mark_terms++;
        }
    }

  g_assert_cmpuint (marks, >=, N_GCS);
  g_assert_cmpuint (sweep_terms, >=, N_GCS);
  g_assert_cmpuint (mark_terms, >=, N_GCS);
  g_assert_cmpuint (stws, >=, sweep_terms + mark_terms);
}

/* sleep: one goroutine blocks in time.Sleep exactly five times. */
static void
test_sleep (gconstpointer data)
{
  g_autoptr(Fixture) f = fixture_read (data, "sleep");
  g_autoptr(GHashTable) sleeps = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint max = 0;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < f->events->len; i++)
    {
      LanesTraceEvent *ev = EVENT (f, i);

      if (is_goroutine_transition (ev, LANES_GO_RUNNING, LANES_GO_WAITING)
          && g_strcmp0 (string_of (f, ev->transition.reason), "sleep") == 0)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (sleeps, &ev->transition.id));
          g_hash_table_insert (sleeps, &ev->transition.id, GUINT_TO_POINTER (n + 1));
        }
    }

  g_assert_cmpuint (g_hash_table_size (sleeps), ==, 1);
  g_hash_table_iter_init (&iter, sleeps);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    max = MAX (max, GPOINTER_TO_UINT (value));
  g_assert_cmpuint (max, ==, N_SLEEPS);
}

/* In-memory traces: headers alone, good and bad. */

static LanesTraceReader *
reader_for (const char  *data,
            gsize        size,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  return lanes_trace_reader_new_for_bytes (bytes, "memory.trace", error);
}

static void
test_bytes_not_a_trace (void)
{
  static const char garbage[16] = "PK\3\4 not-trace";
  g_autoptr(GError) error = NULL;
  LanesTraceReader *reader;

  reader = reader_for ("", 0, &error);
  g_assert_null (reader);
  g_assert_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_NOT_A_TRACE);
  g_assert_nonnull (strstr (error->message, "memory.trace"));
  g_clear_error (&error);

  reader = reader_for (garbage, sizeof garbage, &error);
  g_assert_null (reader);
  g_assert_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_NOT_A_TRACE);
}

static void
test_bytes_too_old (void)
{
  static const char header[16] = "go 1.7 trace\0\0\0";
  g_autoptr(GError) error = NULL;
  LanesTraceReader *reader = reader_for (header, sizeof header, &error);

  g_assert_null (reader);
  g_assert_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "not supported"));
}

/* Before Go 1.26 an empty trace has no frequency event: Go's reader
 * yields one Sync, then that error. */
static void
test_bytes_header_only_go123 (void)
{
  static const char header[16] = "go 1.23 trace\0\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = reader_for (header, sizeof header, &error);
  LanesTraceEvent ev;

  g_assert_no_error (error);
  g_assert_cmpuint (lanes_trace_reader_get_version (reader), ==, 23);
  g_assert_true (lanes_trace_reader_next (reader, &ev, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ev.kind, ==, LANES_EVENT_SYNC);
  g_assert_false (lanes_trace_reader_next (reader, &ev, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == LANES_TRACE_ERROR);
  g_assert_nonnull (strstr (error->message, "no frequency event found"));
  g_assert_nonnull (strstr (error->message, "memory.trace"));
}

/* From Go 1.26 on, no generation at all is a clean, empty trace. */
static void
test_bytes_header_only_go126 (void)
{
  static const char header[16] = "go 1.26 trace\0\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = reader_for (header, sizeof header, &error);
  LanesTraceEvent ev;

  g_assert_no_error (error);
  g_assert_cmpuint (lanes_trace_reader_get_version (reader), ==, 26);
  g_assert_true (lanes_trace_reader_next (reader, &ev, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ev.kind, ==, LANES_EVENT_SYNC);
  g_assert_false (lanes_trace_reader_next (reader, &ev, &error));
  g_assert_no_error (error);
}

/* Progress never goes back and ends at 1; an old-format trace, read
 * whole before its first event, still reports it event by event. */
static void
test_progress (gconstpointer data)
{
  const char *version = data;
  g_autofree char *path = fixture_path (version, "workers");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = lanes_trace_reader_new_for_path (path, &error);
  LanesTraceEvent ev;
  double last = 0, first = -1;

  g_assert_no_error (error);
  while (lanes_trace_reader_next (reader, &ev, &error))
    {
      double progress = lanes_trace_reader_get_progress (reader);

      g_assert_cmpfloat (progress, >=, last);
      g_assert_cmpfloat (progress, <=, 1.0);
      if (first < 0)
        first = progress;
      last = progress;
    }
  g_assert_no_error (error);
  g_assert_cmpfloat (lanes_trace_reader_get_progress (reader), ==, 1.0);
  if (lanes_trace_reader_get_version (reader) < 22)
    g_assert_cmpfloat (first, <, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      const char *v = versions[i];
      g_autofree char *workers = g_strdup_printf ("/fixtures/%s/workers", v);
      g_autofree char *annotate = g_strdup_printf ("/fixtures/%s/annotate", v);
      g_autofree char *gc = g_strdup_printf ("/fixtures/%s/gc", v);
      g_autofree char *sleep = g_strdup_printf ("/fixtures/%s/sleep", v);
      g_autofree char *progress = g_strdup_printf ("/fixtures/%s/progress", v);

      g_test_add_data_func (workers, v, test_workers);
      g_test_add_data_func (annotate, v, test_annotate);
      g_test_add_data_func (gc, v, test_gc);
      g_test_add_data_func (sleep, v, test_sleep);
      g_test_add_data_func (progress, v, test_progress);
    }
  g_test_add_func ("/bytes/not-a-trace", test_bytes_not_a_trace);
  g_test_add_func ("/bytes/too-old", test_bytes_too_old);
  g_test_add_func ("/bytes/header-only-go1.23", test_bytes_header_only_go123);
  g_test_add_func ("/bytes/header-only-go1.26", test_bytes_header_only_go126);

  return g_test_run ();
}
