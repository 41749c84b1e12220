/* lanes-cli-profile.c: `lanes-cli profile --kind KIND -o OUT.pb.gz TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "lanes-cli.h"
#include "lanes-duration.h"
#include "lanes-pprof.h"

int
lanes_cli_profile (int    argc,
                   char **argv)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, "net, sync, syscall or sched", "KIND" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Where to write the gzipped pprof profile", "OUT.pb.gz" },
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

  path = lanes_cli_parse (argc, argv, "TRACE — a blocking profile, as go tool trace -pprof writes it",
                          entries, &status);
  if (path == NULL)
    return status;
  if (kind_name == NULL || !lanes_profile_kind_from_string (kind_name, &kind) || output == NULL)
    {
      fprintf (stderr, "lanes-cli: profile needs --kind net|sync|syscall|sched and -o OUT.pb.gz\n");
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
