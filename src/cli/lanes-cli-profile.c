/* lanes-cli-profile.c: `lanes-cli profile --kind KIND -o OUT.pb.gz TRACE`.
 *
 * Blocking profiles come from the analyses, the CPU profile from the
 * timeline's samples, which a range selects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "lanes-cli.h"
#include "lanes-duration.h"
#include "lanes-pprof.h"

static int
write_cpu_profile (const char *path,
                   const char *start_text,
                   const char *end_text,
                   const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesDocument) document = NULL;
  g_autofree char *from = NULL, *to = NULL, *interval_text = NULL;
  LanesTimeline *timeline;
  const LanesCpuSamples *samples;
  const LanesStackSample *in_range;
  gint64 start, end, interval;
  guint n;
  int status;

  document = lanes_cli_open (path, LANES_DOCUMENT_TIMELINE, &status);
  if (document == NULL)
    return status;
  timeline = lanes_document_get_timeline (document);
  if (!lanes_cli_parse_range (timeline, start_text, end_text, &start, &end, &error))
    return lanes_cli_fail (error);
  samples = lanes_timeline_get_samples (timeline);
  interval = lanes_cpu_samples_get_interval (samples);
  in_range = lanes_cpu_samples_get_range (samples, start, end, &n);
  if (!lanes_pprof_write_cpu (lanes_timeline_get_reader (timeline), in_range, n, interval, output, &error))
    return lanes_cli_fail (error);

  from = lanes_duration_format (start - lanes_timeline_get_start (timeline));
  to = lanes_duration_format (end - lanes_timeline_get_start (timeline));
  interval_text = lanes_duration_format (interval);
  printf ("cpu profile: %u samples from %s to %s, one every %s of CPU; written to %s\n",
          n, from, to, interval_text, output);
  return 0;
}

int
lanes_cli_profile (int    argc,
                   char **argv)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *start_text = NULL, *end_text = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, "cpu, net, sync, syscall or sched", "KIND" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Where to write the gzipped pprof profile", "OUT.pb.gz" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, "cpu: from this long after the trace starts (1.5s, 250ms, 40us)", "T" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text, "cpu: to this long after the trace starts", "T" },
    { NULL }
  };
  g_autoptr(LanesDocument) document = NULL;
  LanesTraceReader *reader;
  LanesAnalysis *analysis;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  LanesProfileKind kind;
  const GArray *records;
  const char *path;
  guint64 waits = 0;
  gint64 delay = 0;
  int status = 0;

  path = lanes_cli_parse (argc, argv, "TRACE — the CPU samples, or a blocking profile as go tool trace -pprof writes it",
                          entries, &status);
  if (path == NULL)
    return status;
  if (kind_name != NULL && strcmp (kind_name, "cpu") == 0 && output != NULL)
    return write_cpu_profile (path, start_text, end_text, output);
  if (kind_name == NULL || !lanes_profile_kind_from_string (kind_name, &kind) || output == NULL)
    {
      fprintf (stderr, "lanes-cli: profile needs --kind cpu|net|sync|syscall|sched and -o OUT.pb.gz\n");
      return 2;
    }
  if (start_text != NULL || end_text != NULL)
    {
      fprintf (stderr, "lanes-cli: --start and --end select CPU samples; blocking profiles cover the whole trace\n");
      return 2;
    }
  document = lanes_cli_open (path, LANES_DOCUMENT_ANALYSIS, &status);
  if (document == NULL)
    return status;
  reader = lanes_document_get_reader (document);
  analysis = lanes_document_get_analysis (document);

  records = lanes_blocking_profiles_get (lanes_analysis_get_profiles (analysis), kind);
  if (!lanes_pprof_write (reader, records, output, &error))
    return lanes_cli_fail (error);
  for (guint r = 0; r < records->len; r++)
    {
      waits += g_array_index (records, LanesProfileRecord, r).count;
      delay += g_array_index (records, LanesProfileRecord, r).delay_ns;
    }
  total = lanes_duration_format (delay);
  printf ("%s profile: %u stacks, %" G_GUINT64_FORMAT " waits, %s in all; written to %s\n",
          kind_name, records->len, waits, total, output);
  return 0;
}
