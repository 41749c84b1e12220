/* test-capture.c: the capture module as the window uses it: addresses
 * as people type them, and a capture cancelled half-way, which must
 * leave no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "lanes-capture.h"

static void
test_addresses (void)
{
  static const struct { const char *address; const char *url; } cases[] = {
    { "localhost:6060", "http://localhost:6060/debug/pprof/trace?seconds=3" },
    { "http://localhost:6060", "http://localhost:6060/debug/pprof/trace?seconds=3" },
    { " http://10.0.0.2:80/ ", "http://10.0.0.2:80/debug/pprof/trace?seconds=3" },
    { "http://h:6060/debug/pprof/", "http://h:6060/debug/pprof/trace?seconds=3" },
    { "https://h/debug/pprof/trace?seconds=10", "https://h/debug/pprof/trace?seconds=3" },
    { "http://h/admin/", "http://h/admin/debug/pprof/trace?seconds=3" },
  };
  static const char *const bad[] = { "ftp://h/", "http://", "", "http://h:port/" };
  g_autoptr(GFile) output = g_file_new_for_path ("/tmp/some dir/run.out");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LanesCapture) capture = lanes_capture_new (cases[i].address, 3, FALSE, output, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (lanes_capture_get_trace_url (capture), ==, cases[i].url);
      g_assert_null (lanes_capture_get_profile_output (capture));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LanesCapture) capture = lanes_capture_new (bad[i], 3, FALSE, output, &error);

      g_assert_null (capture);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_profile_name (void)
{
  static const struct { const char *output; const char *profile; } cases[] = {
    { "/tmp/run.out", "/tmp/run.cpu.pb.gz" },
    { "/tmp/trace", "/tmp/trace.cpu.pb.gz" },
    { "/tmp/a.b.trace", "/tmp/a.b.cpu.pb.gz" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) output = g_file_new_for_path (cases[i].output);
      g_autoptr(LanesCapture) capture = lanes_capture_new ("localhost:1", 1, TRUE, output, NULL);
      g_autofree char *profile = g_file_get_path (lanes_capture_get_profile_output (capture));

      g_assert_cmpstr (profile, ==, cases[i].profile);
    }
}

/* A service that sends a trace's header, then nothing more. */
static void
on_trace_request (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           data)
{
  static const char header[16] = "go 1.22 trace";

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (message), SOUP_ENCODING_CHUNKED);
  soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                            header, sizeof header);
}

typedef struct
{
  GCancellable *cancellable;
  GError *error;
  gboolean done;
  guint progress_notes;
} Waiting;

/* Half a file on disk, and progress shown: now Cancel. */
static void
on_notify (LanesCapture *capture,
           GParamSpec   *pspec,
           gpointer      data)
{
  Waiting *waiting = data;

  if (g_strcmp0 (pspec->name, "progress") == 0)
    waiting->progress_notes++;
  if (lanes_capture_get_received (capture) == 16 && waiting->progress_notes > 0)
    g_cancellable_cancel (waiting->cancellable);
}

static void
on_captured (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Waiting *waiting = data;

  g_assert_false (lanes_capture_run_finish (LANES_CAPTURE (source), result, &waiting->error));
  waiting->done = TRUE;
}

static void
test_cancel_leaves_no_file (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanes-capture-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "run.out", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(LanesCapture) capture = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDir) listing = NULL;
  g_autofree char *address = NULL;
  GSList *uris;
  Waiting waiting = { cancellable, NULL, FALSE, 0 };

  g_assert_no_error (error);
  soup_server_add_handler (server, "/debug/pprof/trace", on_trace_request, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  address = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  capture = lanes_capture_new (address, 30, FALSE, output, &error);
  g_assert_no_error (error);
  g_signal_connect (capture, "notify::received", G_CALLBACK (on_notify), &waiting);
  g_signal_connect (capture, "notify::progress", G_CALLBACK (on_notify), &waiting);
  lanes_capture_run_async (capture, cancellable, on_captured, &waiting);
  while (!waiting.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (waiting.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_str_has_prefix (waiting.error->message, lanes_capture_get_trace_url (capture)));
  g_clear_error (&waiting.error);
  g_assert_cmpuint (waiting.progress_notes, >, 0);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/capture/addresses", test_addresses);
  g_test_add_func ("/capture/profile-name", test_profile_name);
  g_test_add_func ("/capture/cancel-leaves-no-file", test_cancel_leaves_no_file);
  return g_test_run ();
}
