/* test-blocking-profile.c: go tool trace's blocking profiles on two
 * goroutines sharing one P, each wait worked out by hand; and one of
 * them written in pprof's format and read back with protobuf-c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-analysis.h"
#include "lanes-pprof.h"
#include "profile.pb-c.h"
#include "test-events.h"

#include <glib/gstdio.h>

typedef struct
{
  LanesTraceReader *reader;
  LanesAnalysis *analysis;
  guint32 chan, unblock, netpoll, net, sys, spawn, select, wake;
} Fixture;

/* A wait begins at a transition with a stack into its profile's state
 * and ends at the goroutine's next transition with a stack into another
 * state; only what follows the goroutine's first run counts, and waits
 * still going on at the end do not.
 *
 * G1 runs 10–20, waits on a channel (sync) until 50; is runnable
 * (sched) from 50 until its next stacked transition at 70, where it waits
 * on the network until 100; runnable 100–120; in a syscall 120–150; on a
 * channel again from 160 to the end.  G2 is created runnable at 30,
 * first runs at 40 and selects at 45 (sched: 45 - 40), waits until 90,
 * then stays runnable to the end. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  LanesTraceReader *r = f->reader = test_reader_new ();
  guint32 main_stack = test_stack (r, "main.main", "runtime.main", NULL);
  f->chan = test_stack (r, "main.recv", "main.main", NULL);
  f->unblock = test_stack (r, "main.send", "main.main", NULL);
  f->netpoll = test_stack (r, "runtime.netpoll", "runtime.findRunnable", NULL);
  f->net = test_stack (r, "net.read", "main.serve", NULL);
  f->sys = test_stack (r, "syscall.read", "main.serve", NULL);
  f->spawn = test_stack (r, "main.spawn", "main.main", NULL);
  f->select = test_stack (r, "main.wait", "main.worker", NULL);
  f->wake = test_stack (r, "main.notify", "main.main", NULL);
  const LanesTraceEvent events[] = {
    test_sync (0),
    test_metric (r, 0, "/sched/gomaxprocs:threads", 1),
    test_go_transition (r, 10, 0, 1, LANES_GO_UNDETERMINED, LANES_GO_RUNNING, NULL, main_stack),
    test_go_transition (r, 20, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "chan receive", f->chan),
    test_go_transition (r, 30, 0, 2, LANES_GO_NOT_EXIST, LANES_GO_RUNNABLE, NULL, f->spawn),
    test_go_transition (r, 40, 0, 2, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (r, 45, 0, 2, LANES_GO_RUNNING, LANES_GO_WAITING, "select", f->select),
    test_go_transition (r, 50, 0, 1, LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, f->unblock),
    test_go_transition (r, 60, 0, 1, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (r, 70, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "network", f->net),
    test_go_transition (r, 90, 0, 2, LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, f->wake),
    test_go_transition (r, 100, 0, 1, LANES_GO_WAITING, LANES_GO_RUNNABLE, NULL, f->netpoll),
    test_go_transition (r, 110, 0, 1, LANES_GO_RUNNABLE, LANES_GO_RUNNING, NULL, 0),
    test_go_transition (r, 120, 0, 1, LANES_GO_RUNNING, LANES_GO_SYSCALL, NULL, f->sys),
    test_go_transition (r, 150, 0, 1, LANES_GO_SYSCALL, LANES_GO_RUNNING, NULL, main_stack),
    test_go_transition (r, 160, 0, 1, LANES_GO_RUNNING, LANES_GO_WAITING, "chan receive", f->chan),
    test_sync (200),
  };

  f->analysis = lanes_analysis_new (r);
  lanes_analysis_add (f->analysis, events, G_N_ELEMENTS (events));
  lanes_analysis_finish (f->analysis);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lanes_analysis_free (f->analysis);
  lanes_trace_reader_free (f->reader);
}

static const GArray *
profile (Fixture          *f,
         LanesProfileKind  kind)
{
  return lanes_blocking_profiles_get (lanes_analysis_get_profiles (f->analysis), kind);
}

static void
assert_record (const GArray *records,
               guint         i,
               guint32       stack,
               guint64       count,
               gint64        delay_ns)
{
  const LanesProfileRecord *record = &g_array_index (records, LanesProfileRecord, i);

  g_assert_cmpuint (record->stack, ==, stack);
  g_assert_cmpuint (record->count, ==, count);
  g_assert_cmpint (record->delay_ns, ==, delay_ns);
}

static void
test_profiles (Fixture       *f,
               gconstpointer  data)
{
  const GArray *sync = profile (f, LANES_PROFILE_SYNC);
  const GArray *net = profile (f, LANES_PROFILE_NET);
  const GArray *syscall = profile (f, LANES_PROFILE_SYSCALL);
  const GArray *sched = profile (f, LANES_PROFILE_SCHED);

  /* Longest delay first. */
  g_assert_cmpuint (sync->len, ==, 2);
  assert_record (sync, 0, f->select, 1, 90 - 45);
  assert_record (sync, 1, f->chan, 1, 50 - 20);
  g_assert_cmpuint (net->len, ==, 1);
  assert_record (net, 0, f->net, 1, 100 - 70);
  g_assert_cmpuint (syscall->len, ==, 1);
  assert_record (syscall, 0, f->sys, 1, 150 - 120);
  /* Equal delays in the order of their stacks. */
  g_assert_cmpuint (sched->len, ==, 3);
  assert_record (sched, 0, f->unblock, 1, 70 - 50);
  assert_record (sched, 1, f->netpoll, 1, 120 - 100);
  assert_record (sched, 2, f->spawn, 1, 45 - 40);
}

static const char *
string_at (Perftools__Profiles__Profile *p,
           gint64                        i)
{
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (i, <, (gint64) p->n_string_table);
  return p->string_table[i];
}

/* The function named by location @id, whose line is its only one. */
static const char *
function_of_location (Perftools__Profiles__Profile *p,
                      guint64                       id)
{
  for (gsize l = 0; l < p->n_location; l++)
    if (p->location[l]->id == id)
      {
        g_assert_cmpuint (p->location[l]->n_line, ==, 1);
        for (gsize fn = 0; fn < p->n_function; fn++)
          if (p->function[fn]->id == p->location[l]->line[0]->function_id)
            return string_at (p, p->function[fn]->name);
      }
  g_assert_not_reached ();
}

static void
test_pprof (Fixture       *f,
            gconstpointer  data)
{
  const GArray *sched = profile (f, LANES_PROFILE_SCHED);
  g_autoptr(GBytes) encoded = lanes_pprof_encode (f->reader, sched);
  gsize size;
  const guint8 *bytes = g_bytes_get_data (encoded, &size);
  Perftools__Profiles__Profile *p = perftools__profiles__profile__unpack (NULL, size, bytes);
  static const char *const spawn_frames[] = { "main.spawn", "main.main" };
  Perftools__Profiles__Sample *last;

  g_assert_nonnull (p);
  g_assert_cmpstr (string_at (p, 0), ==, "");
  g_assert_cmpuint (p->n_sample_type, ==, 2);
  g_assert_cmpstr (string_at (p, p->sample_type[0]->type), ==, "contentions");
  g_assert_cmpstr (string_at (p, p->sample_type[0]->unit), ==, "count");
  g_assert_cmpstr (string_at (p, p->sample_type[1]->type), ==, "delay");
  g_assert_cmpstr (string_at (p, p->sample_type[1]->unit), ==, "nanoseconds");

  /* One sample per record, its values the record's. */
  g_assert_cmpuint (p->n_sample, ==, 3);
  for (gsize s = 0; s < p->n_sample; s++)
    {
      g_assert_cmpuint (p->sample[s]->n_value, ==, 2);
      g_assert_cmpint (p->sample[s]->value[0], ==, 1);
    }
  g_assert_cmpint (p->sample[0]->value[1] + p->sample[1]->value[1] + p->sample[2]->value[1], ==, 20 + 20 + 5);
  last = p->sample[2];
  g_assert_cmpint (last->value[1], ==, 5);
  g_assert_cmpuint (last->n_location_id, ==, G_N_ELEMENTS (spawn_frames));
  for (gsize i = 0; i < last->n_location_id; i++)
    g_assert_cmpstr (function_of_location (p, last->location_id[i]), ==, spawn_frames[i]);
  /* main.send, main.main, runtime.netpoll, runtime.findRunnable and
   * main.spawn: main.main is one location and one function. */
  g_assert_cmpuint (p->n_location, ==, 5);
  g_assert_cmpuint (p->n_function, ==, 5);

  perftools__profiles__profile__free_unpacked (p, NULL);
}

/* What is written is the encoding, gzipped. */
static void
test_pprof_file (Fixture       *f,
                 gconstpointer  data)
{
  const GArray *sync = profile (f, LANES_PROFILE_SYNC);
  g_autoptr(GBytes) encoded = lanes_pprof_encode (f->reader, sync);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanes-pprof-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sync.pb.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = NULL, gunzipped = NULL;
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) read_back = NULL;

  g_assert_no_error (error);
  g_assert_true (lanes_pprof_write (f->reader, sync, path, &error));
  g_assert_no_error (error);
  raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  gunzipped = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_output_stream_splice (out, gunzipped, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  read_back = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_bytes_equal (read_back, encoded));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/blocking-profile/profiles", Fixture, NULL, fixture_set_up, test_profiles, fixture_tear_down);
  g_test_add ("/blocking-profile/pprof", Fixture, NULL, fixture_set_up, test_pprof, fixture_tear_down);
  g_test_add ("/blocking-profile/pprof-file", Fixture, NULL, fixture_set_up, test_pprof_file, fixture_tear_down);
  return g_test_run ();
}
