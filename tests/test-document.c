/* test-document.c: LanesDocument without a window: what it reports
 * while it opens whatever it is pointed at, and how soon it stops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lanes-document.h"
#include "lanes-summary-json.h"
#include "test-gzip.h"

/* How soon cancelling must end any step. */
#define STOP_WITHIN_US (100 * 1000)

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static const char *
example_trace (void)
{
  return g_getenv ("LANES_EXAMPLE_TRACE");
}

static char *
summary_json (LanesDocument *document)
{
  g_autoptr(JsonNode) root = lanes_summary_to_json (lanes_document_get_summary (document));

  return json_to_string (root, TRUE);
}

static char *
summary_of (const char *path)
{
  g_autoptr(LanesDocument) document = lanes_document_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (lanes_document_read (document, LANES_DOCUMENT_SUMMARY, NULL, &error));
  g_assert_no_error (error);
  return summary_json (document);
}

/* An async load, followed from the main loop. */
typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
  gint64 done_at;
  GArray *states;       /* LanesDocumentState, each new one */
  guint timelines;      /* notify::timeline */
  guint analyzed;       /* notify::analyzed */
  GCancellable *cancel_on_decompressing;
  gint64 cancelled_at;
} Watch;

static void
on_state (LanesDocument *document,
          GParamSpec    *pspec,
          Watch         *watch)
{
  LanesDocumentState state = lanes_document_get_state (document);

  g_array_append_val (watch->states, state);
  if (state == LANES_DOCUMENT_STATE_DECOMPRESSING && watch->cancel_on_decompressing != NULL
      && watch->cancelled_at == 0)
    {
      watch->cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (watch->cancel_on_decompressing);
    }
}

static void
on_timeline (LanesDocument *document,
             GParamSpec    *pspec,
             Watch         *watch)
{
  watch->timelines++;
}

static void
on_analyzed (LanesDocument *document,
             GParamSpec    *pspec,
             Watch         *watch)
{
  watch->analyzed++;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Watch *watch = data;

  watch->done = TRUE;
  watch->done_at = g_get_monotonic_time ();
  watch->ok = g_task_get_source_tag (G_TASK (result)) == (gpointer) lanes_document_load_async
            ? lanes_document_load_finish (LANES_DOCUMENT (source), result, &watch->error)
            : lanes_document_analyze_finish (LANES_DOCUMENT (source), result, &watch->error);
}

static void
watch_init (Watch         *watch,
            LanesDocument *document)
{
  *watch = (Watch) { .states = g_array_new (FALSE, FALSE, sizeof (LanesDocumentState)) };
  g_signal_connect (document, "notify::state", G_CALLBACK (on_state), watch);
  g_signal_connect (document, "notify::timeline", G_CALLBACK (on_timeline), watch);
  g_signal_connect (document, "notify::analyzed", G_CALLBACK (on_analyzed), watch);
}

static void
watch_clear (Watch         *watch,
             LanesDocument *document)
{
  g_signal_handlers_disconnect_by_data (document, watch);
  g_array_unref (watch->states);
  g_clear_error (&watch->error);
}

static gboolean
saw_state (Watch              *watch,
           LanesDocumentState  state)
{
  for (guint i = 0; i < watch->states->len; i++)
    if (g_array_index (watch->states, LanesDocumentState, i) == state)
      return TRUE;
  return FALSE;
}

static void
wait_until_done (Watch *watch)
{
  while (!watch->done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_for (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, on_timeout, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

/* A plain file: the states in order, one timeline, then the numbers. */
static void
test_plain (void)
{
  g_autoptr(LanesDocument) document = lanes_document_new_for_path (example_trace ());
  Watch watch;

  watch_init (&watch, document);
  lanes_document_load_async (document, NULL, on_done, &watch);
  wait_until_done (&watch);
  g_assert_no_error (watch.error);
  g_assert_true (watch.ok);
  g_assert_true (saw_state (&watch, LANES_DOCUMENT_STATE_BUILDING));
  g_assert_cmpint (lanes_document_get_state (document), ==, LANES_DOCUMENT_STATE_READY);
  g_assert_cmpuint (watch.timelines, ==, 1);
  g_assert_cmpuint (watch.analyzed, ==, 0);
  g_assert_nonnull (lanes_document_get_timeline (document));
  g_assert_null (lanes_document_get_warning (document));

  watch.done = FALSE;
  lanes_document_analyze_async (document, NULL, on_done, &watch);
  wait_until_done (&watch);
  g_assert_no_error (watch.error);
  g_assert_true (saw_state (&watch, LANES_DOCUMENT_STATE_ANALYZING));
  g_assert_cmpuint (watch.analyzed, ==, 1);
  g_assert_cmpuint (lanes_summary_get_events (lanes_document_get_summary (document)), >, 0);
  g_assert_cmpuint (lanes_summary_get_events (lanes_document_get_summary (document)), ==,
                    lanes_timeline_get_n_events (lanes_document_get_timeline (document)));
  watch_clear (&watch, document);
}

/* gzip is known by its first bytes, not its name. */
static void
test_gzip_any_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size;
  g_autoptr(GBytes) compressed = NULL;
  g_autofree char *path = tmp_path ("compressed.data");
  g_autofree char *expected = summary_of (example_trace ());
  g_autofree char *got = NULL;

  g_assert_true (g_file_get_contents (example_trace (), &contents, &size, &error));
  compressed = test_gzip_bytes ((const guint8 *) contents, size);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed), &error));
  got = summary_of (path);
  g_assert_cmpstr (got, ==, expected);
}

/* Stopped while it inflates, it ends within 100 ms. */
static void
test_bomb_cancel (void)
{
  g_autofree char *path = tmp_path ("bomb");
  g_autoptr(LanesDocument) document = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch watch;

  test_write_gzip_bomb (path);
  document = lanes_document_new_for_path (path);
  watch_init (&watch, document);
  watch.cancel_on_decompressing = cancellable;
  lanes_document_load_async (document, cancellable, on_done, &watch);
  wait_until_done (&watch);
  g_assert_cmpint (watch.cancelled_at, >, 0);
  g_test_message ("stopped %.1f ms after cancelling", (watch.done_at - watch.cancelled_at) / 1000.0);
  g_assert_error (watch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (watch.done_at - watch.cancelled_at, <, STOP_WITHIN_US);
  g_assert_cmpint (lanes_document_get_state (document), ==, LANES_DOCUMENT_STATE_FAILED);
  g_assert_nonnull (lanes_document_get_error (document));
  watch_clear (&watch, document);
}

/* A FIFO nobody writes to: the document waits, and stops when asked. */
static void
test_fifo_without_writer (void)
{
  g_autofree char *path = tmp_path ("no-writer");
  g_autoptr(LanesDocument) document = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch watch;
  gint64 cancelled_at;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  document = lanes_document_new_for_path (path);
  watch_init (&watch, document);
  lanes_document_load_async (document, cancellable, on_done, &watch);
  spin_for (300);
  g_assert_false (watch.done);
  g_assert_cmpint (lanes_document_get_state (document), ==, LANES_DOCUMENT_STATE_RECEIVING);
  g_assert_cmpuint (lanes_document_get_received (document), ==, 0);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  wait_until_done (&watch);
  g_test_message ("stopped %.1f ms after cancelling", (watch.done_at - cancelled_at) / 1000.0);
  g_assert_error (watch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (watch.done_at - cancelled_at, <, STOP_WITHIN_US);
  watch_clear (&watch, document);
  g_unlink (path);
}

typedef struct
{
  char *path;
  GBytes *bytes;
} Writer;

static gpointer
write_fifo (gpointer data)
{
  Writer *writer = data;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (writer->bytes, &size);
  int fd = open (writer->path, O_WRONLY);

  g_assert_cmpint (fd, >=, 0);
  while (size > 0)
    {
      gssize n = write (fd, bytes, MIN (size, 4096));
      g_assert_cmpint (n, >, 0);
      bytes += n;
      size -= n;
    }
  close (fd);
  return NULL;
}

/* A FIFO with a writer, gzip'd: read as a stream, the same trace. */
static void
test_fifo_gzip (void)
{
  g_autofree char *path = tmp_path ("writer");
  g_autofree char *contents = NULL;
  g_autofree char *expected = summary_of (example_trace ());
  g_autofree char *got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesDocument) document = NULL;
  Writer writer = { path, NULL };
  GThread *thread;
  Watch watch;
  gsize size;

  g_assert_true (g_file_get_contents (example_trace (), &contents, &size, &error));
  writer.bytes = test_gzip_bytes ((const guint8 *) contents, size);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("writer", write_fifo, &writer);
  document = lanes_document_new_for_path (path);
  watch_init (&watch, document);
  lanes_document_load_async (document, NULL, on_done, &watch);
  wait_until_done (&watch);
  g_thread_join (thread);
  g_assert_no_error (watch.error);
  g_assert_true (saw_state (&watch, LANES_DOCUMENT_STATE_DECOMPRESSING));
  g_assert_cmpuint (lanes_document_get_received (document), ==, g_bytes_get_size (writer.bytes));

  watch.done = FALSE;
  lanes_document_analyze_async (document, NULL, on_done, &watch);
  wait_until_done (&watch);
  g_assert_no_error (watch.error);
  got = summary_json (document);
  g_assert_cmpstr (got, ==, expected);
  watch_clear (&watch, document);
  g_bytes_unref (writer.bytes);
  g_unlink (path);
}

/* Each refused at once, with a message naming it. */
static void
test_bad_paths (void)
{
  g_autofree char *missing = tmp_path ("missing.trace");
  g_autofree char *empty = tmp_path ("empty.trace");
  g_autofree char *folder = tmp_path ("folder.trace");
  g_autofree char *empty_gzip = tmp_path ("empty.trace.gz");
  g_autoptr(GBytes) nothing = test_gzip_bytes ((const guint8 *) "", 0);
  g_autoptr(GError) error = NULL;
  struct { const char *path; const char *says; } cases[] = {
    { missing, "no such file" },
    { empty, "is empty" },
    { folder, "is a folder" },
    { empty_gzip, "holds nothing once decompressed" },
    { "/dev/zero", "is a device" },
    { "/dev/null", "is a device" },
  };

  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  g_assert_true (g_file_set_contents (empty_gzip, g_bytes_get_data (nothing, NULL), g_bytes_get_size (nothing), &error));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LanesDocument) document = lanes_document_new_for_path (cases[i].path);
      g_autofree char *prefix = g_strdup_printf ("%s: ", cases[i].path);
      gint64 start = g_get_monotonic_time ();

      g_assert_false (lanes_document_read (document, LANES_DOCUMENT_TIMELINE, NULL, &error));
      g_assert_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_cmpint (g_get_monotonic_time () - start, <, STOP_WITHIN_US);
      g_assert_cmpint (lanes_document_get_state (document), ==, LANES_DOCUMENT_STATE_FAILED);
      g_assert_cmpstr (lanes_document_get_error (document)->message, ==, error->message);
      g_clear_error (&error);
    }
}

/* A gzip'd multi-generation trace cut short keeps the generations
 * before the cut: as much as the same bytes uncompressed give. */
static void
test_truncated_gzip (void)
{
  const char *corpus = g_getenv ("LANES_CORPUS");
  g_autofree char *trace = g_build_filename (corpus ? corpus : "", "traces", "esbuild1.22-bundle.trace", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *cut_gzip = tmp_path ("cut.trace.gz");
  g_autofree char *cut_plain = tmp_path ("cut.trace");
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesDocument) document = NULL;
  g_autofree char *expected = NULL, *got = NULL;
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autofree guint8 *plain = NULL;
  gsize size, cut, bytes_read, bytes_written;

  if (!g_file_test (trace, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no corpus");
      return;
    }
  g_assert_true (g_file_get_contents (trace, &contents, &size, &error));
  compressed = test_gzip_bytes ((const guint8 *) contents, size);
  cut = g_bytes_get_size (compressed) * 7 / 10;
  g_assert_true (g_file_set_contents (cut_gzip, g_bytes_get_data (compressed, NULL), cut, &error));
  /* What the cut gzip holds, inflated apart. */
  plain = g_malloc (size);
  g_converter_convert (G_CONVERTER (decompressor), g_bytes_get_data (compressed, NULL), cut, plain, size,
                       G_CONVERTER_NO_FLAGS, &bytes_read, &bytes_written, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (cut_plain, (const char *) plain, bytes_written, &error));

  expected = summary_of (cut_plain);
  document = lanes_document_new_for_path (cut_gzip);
  g_assert_true (lanes_document_read (document, LANES_DOCUMENT_TIMELINE | LANES_DOCUMENT_SUMMARY, NULL, &error));
  g_assert_no_error (error);
  g_assert_error (lanes_document_get_warning (document), LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED);
  got = summary_json (document);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (lanes_summary_get_events (lanes_document_get_summary (document)), >, 0);
  g_assert_cmpuint (lanes_timeline_get_n_events (lanes_document_get_timeline (document)), ==,
                    lanes_summary_get_events (lanes_document_get_summary (document)));
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = tmp_path (name);
      g_remove (path);
    }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("lanes-test-document-XXXXXX", NULL);
  g_test_add_func ("/document/plain", test_plain);
  g_test_add_func ("/document/gzip-any-name", test_gzip_any_name);
  g_test_add_func ("/document/bomb-cancel", test_bomb_cancel);
  g_test_add_func ("/document/fifo-without-writer", test_fifo_without_writer);
  g_test_add_func ("/document/fifo-gzip", test_fifo_gzip);
  g_test_add_func ("/document/bad-paths", test_bad_paths);
  g_test_add_func ("/document/truncated-gzip", test_truncated_gzip);
  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
