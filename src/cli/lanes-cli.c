/* lanes-cli.c: Lanes without a window: summaries, go tool trace's
 * analyses and benchmarks of Go execution traces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-cli.h"
#include "lanes-trace-input.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static const char usage[] =
  "Usage:\n"
  "  lanes-cli summary [--json] TRACE    what the trace holds, for a person or as JSON\n"
  "  lanes-cli render TRACE -o OUT.png   draw the timeline or a flame graph (see render --help)\n"
  "  lanes-cli gc [--pauses] TRACE       GC cycles and stop-the-world pauses\n"
  "  lanes-cli mmu [--window 10ms] [--per-proc] [--worst N] TRACE\n"
  "                                      minimum mutator utilization: the curve, or one\n"
  "                                      window size and its worst windows\n"
  "  lanes-cli diagnose [--json] TRACE   the shapes the trace shows: findings, evidence, fixes\n"
  "  lanes-cli profile --kind cpu|net|sync|syscall|sched -o OUT.pb.gz TRACE\n"
  "                                      the CPU samples or a blocking profile for\n"
  "                                      go tool pprof (see profile --help)\n"
  "  lanes-cli events [--kind K] [--goroutine G] [--start T] [--end T] [--stacks] TRACE\n"
  "                                      every event, in order, as JSON lines\n"
  "  lanes-cli capture [--seconds N] [--cpu] URL -o OUT\n"
  "                                      record a trace from a service with net/http/pprof\n"
  "  lanes-cli bench parse TRACE         time one full read of the trace\n"
  "  lanes-cli bench analyze TRACE       time reading and analysing it apart\n"
  "  lanes-cli bench model TRACE         time building the model\n"
  "  lanes-cli bench render TRACE        time building the model and drawing frames\n"
  "  lanes-cli --version\n";

double
lanes_cli_peak_rss_mib (void)
{
  struct rusage self;

  getrusage (RUSAGE_SELF, &self);
  return self.ru_maxrss / 1024.0;   /* Linux reports KiB */
}

int
lanes_cli_fail (const GError *error)
{
  fprintf (stderr, "lanes-cli: %s\n", error->message);
  return 1;
}

const char *
lanes_cli_parse (int                 argc,
                 char              **argv,
                 const char         *summary,
                 const GOptionEntry *entries,
                 int                *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      *status = lanes_cli_fail (error);
      return NULL;
    }
  if (argc != 2)
    {
      fprintf (stderr, "lanes-cli: %s needs exactly one TRACE\n", argv[0]);
      *status = 2;
      return NULL;
    }
  return argv[1];
}

LanesDocument *
lanes_cli_open (const char         *path,
                LanesDocumentParts  parts,
                int                *status)
{
  g_autoptr(LanesDocument) document = lanes_document_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const GError *warning;

  if (!lanes_document_read (document, parts, NULL, &error))
    {
      *status = lanes_cli_fail (error);
      return NULL;
    }
  /* Go's reader keeps nothing of a trace that is damaged rather than
   * cut short: neither do we, here. */
  warning = lanes_document_get_warning (document);
  if (warning != NULL && !g_error_matches (warning, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED))
    {
      *status = lanes_cli_fail (warning);
      return NULL;
    }
  if (warning != NULL)
    fprintf (stderr, "lanes-cli: warning: %s\n", warning->message);
  return g_steal_pointer (&document);
}

LanesTraceReader *
lanes_cli_open_reader (const char  *path,
                       GError     **error)
{
  g_autoptr(LanesTraceInput) input = lanes_trace_input_open (path, NULL, NULL, NULL, error);

  return input != NULL ? lanes_trace_input_new_reader (input, error) : NULL;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc >= 2 && strcmp (argv[1], "--version") == 0)
    {
      printf ("lanes-cli %s\n", LANES_VERSION);
      return 0;
    }
  if (argc >= 2 && strcmp (argv[1], "summary") == 0)
    return lanes_cli_summary (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "render") == 0)
    return lanes_cli_render (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "bench") == 0)
    return lanes_cli_bench (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "gc") == 0)
    return lanes_cli_gc (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "mmu") == 0)
    return lanes_cli_mmu (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "diagnose") == 0)
    return lanes_cli_diagnose (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "profile") == 0)
    return lanes_cli_profile (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "events") == 0)
    return lanes_cli_events (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "capture") == 0)
    return lanes_cli_capture (argc - 1, argv + 1);

  fputs (usage, argc >= 2 && strcmp (argv[1], "--help") == 0 ? stdout : stderr);
  return argc >= 2 && strcmp (argv[1], "--help") == 0 ? 0 : 2;
}
