/* lanes-cli-summary.c: `lanes-cli summary [--json] TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "lanes-cli.h"
#include "lanes-summary-json.h"
#include "lanes-summary-text.h"

int
lanes_cli_summary (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the summary as JSON", NULL },
    { NULL }
  };
  g_autoptr(LanesDocument) document = NULL;
  LanesSummary *summary;
  const char *path;
  int status = 0;

  path = lanes_cli_parse (argc, argv, "TRACE — summarize a Go execution trace", entries, &status);
  if (path == NULL)
    return status;
  document = lanes_cli_open (path, LANES_DOCUMENT_SUMMARY, &status);
  if (document == NULL)
    return status;
  summary = lanes_document_get_summary (document);

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
