/* lanes-cli-bench.c: `lanes-cli bench parse TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "lanes-cli.h"
#include "lanes-trace.h"

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* Linux reports KiB */
}

static int
bench_parse (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  LanesTraceEvent event;
  guint64 events = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;
  gsize bytes;

  reader = lanes_trace_reader_new_for_path (path, &error);
  if (reader == NULL)
    return lanes_cli_fail (error);
  while (lanes_trace_reader_next (reader, &event, &error))
    events++;
  if (error != NULL)
    return lanes_cli_fail (error);

  seconds = (g_get_monotonic_time () - start) / 1e6;
  bytes = lanes_trace_reader_get_size (reader);
  printf ("trace:     %s (Go 1.%u format)\n", path, lanes_trace_reader_get_version (reader));
  printf ("events:    %" G_GUINT64_FORMAT "\n", events);
  printf ("bytes:     %" G_GSIZE_FORMAT "\n", bytes);
  printf ("seconds:   %.3f\n", seconds);
  printf ("events/s:  %.2f M\n", events / seconds / 1e6);
  printf ("MB/s:      %.1f\n", bytes / seconds / 1e6);
  printf ("peak RSS:  %.1f MiB\n", peak_rss_mib ());
  return 0;
}

int
lanes_cli_bench (int    argc,
                 char **argv)
{
  if (argc == 3 && strcmp (argv[1], "parse") == 0)
    return bench_parse (argv[2]);
  fprintf (stderr, "Usage: lanes-cli bench parse TRACE\n");
  return 2;
}
