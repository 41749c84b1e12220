/* lanes-cli-summary.c: `lanes-cli summary [--json] TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "lanes-cli.h"
#include "lanes-summary.h"

int
lanes_cli_summary (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the summary as JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TRACE — summarize a Go execution trace");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(LanesSummary) summary = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lanes_cli_fail (error);
  if (argc != 2)
    {
      fprintf (stderr, "lanes-cli: summary needs exactly one TRACE\n");
      return 2;
    }

  reader = lanes_trace_reader_new_for_path (argv[1], &error);
  if (reader == NULL)
    return lanes_cli_fail (error);
  summary = lanes_summary_compute (reader, &error);
  /* A cut-off trace still has its complete generations: summarize those
   * and say where the cut is. */
  if (error != NULL && !g_error_matches (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED))
    return lanes_cli_fail (error);
  if (error != NULL)
    fprintf (stderr, "lanes-cli: warning: %s\n", error->message);

  if (json)
    {
      g_autoptr(JsonNode) root = lanes_summary_to_json (summary);
      g_autofree char *text = json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *text = lanes_summary_to_text (summary);
      fputs (text, stdout);
    }
  return 0;
}
