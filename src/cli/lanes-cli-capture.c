/* lanes-cli-capture.c: `lanes-cli capture [--seconds N] [--cpu] URL -o OUT`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "lanes-capture.h"
#include "lanes-cli.h"

typedef struct
{
  GMainLoop *loop;
  GError *error;
} Waiting;

static void
on_progress (LanesCapture *capture,
             GParamSpec   *pspec,
             gpointer      data)
{
  guint seconds = lanes_capture_get_seconds (capture);
  g_autofree char *size = g_format_size (lanes_capture_get_received (capture));

  fprintf (stderr, "\r\033[Kcapturing: %.1f s of %d s, %s received",
           lanes_capture_get_progress (capture) * seconds, seconds, size);
}

static gboolean
on_interrupt (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_CONTINUE;
}

static void
on_captured (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Waiting *waiting = data;

  lanes_capture_run_finish (LANES_CAPTURE (source), result, &waiting->error);
  g_main_loop_quit (waiting->loop);
}

int
lanes_cli_capture (int    argc,
                   char **argv)
{
  int seconds = 5;
  gboolean cpu = FALSE;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long to trace (5 unless given)", "N" },
    { "cpu", 0, 0, G_OPTION_ARG_NONE, &cpu, "Take a CPU profile at the same time: CPU samples in the trace, and the profile beside it", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Where to save the trace", "OUT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("URL -o OUT — record a trace from a service with net/http/pprof");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesCapture) capture = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Waiting waiting = { loop, NULL };
  gboolean show_progress = isatty (STDERR_FILENO);
  guint interrupt, terminate;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lanes_cli_fail (error);
  if (argc != 2 || output == NULL)
    {
      fprintf (stderr, "lanes-cli: capture needs one URL and -o OUT\n");
      return 2;
    }
  if (seconds <= 0)
    {
      fprintf (stderr, "lanes-cli: --seconds must be 1 or more\n");
      return 2;
    }

  file = g_file_new_for_commandline_arg (output);
  capture = lanes_capture_new (argv[1], seconds, cpu, file, &error);
  if (capture == NULL)
    return lanes_cli_fail (error);

  if (show_progress)
    {
      g_signal_connect (capture, "notify::progress", G_CALLBACK (on_progress), NULL);
      g_signal_connect (capture, "notify::received", G_CALLBACK (on_progress), NULL);
    }
  /* Ctrl+C cancels, so the temporary files go too. */
  interrupt = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  terminate = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  lanes_capture_run_async (capture, cancellable, on_captured, &waiting);
  g_main_loop_run (loop);
  g_source_remove (interrupt);
  g_source_remove (terminate);
  if (show_progress)
    fputs ("\r\033[K", stderr);

  if (waiting.error != NULL)
    {
      int status = lanes_cli_fail (waiting.error);

      g_error_free (waiting.error);
      return status;
    }
  {
    g_autofree char *size = g_format_size (lanes_capture_get_received (capture));

    printf ("%s: %d s of %s, %s\n", output, seconds, lanes_capture_get_trace_url (capture), size);
  }
  if (cpu)
    {
      g_autofree char *profile = g_file_get_parse_name (lanes_capture_get_profile_output (capture));

      printf ("%s: the CPU profile over the same time\n", profile);
    }
  return 0;
}
