/* lanes-cli.c: Lanes without a window: summaries and benchmarks of Go
 * execution traces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
  "Usage:\n"
  "  lanes-cli summary [--json] TRACE    what the trace holds, for a person or as JSON\n"
  "  lanes-cli render TRACE -o OUT.png   draw the timeline (see render --help)\n"
  "  lanes-cli bench parse TRACE         time one full read of the trace\n"
  "  lanes-cli bench render TRACE        time building the model and drawing frames\n"
  "  lanes-cli --version\n";

int
lanes_cli_fail (const GError *error)
{
  fprintf (stderr, "lanes-cli: %s\n", error->message);
  return 1;
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

  fputs (usage, argc >= 2 && strcmp (argv[1], "--help") == 0 ? stdout : stderr);
  return argc >= 2 && strcmp (argv[1], "--help") == 0 ? 0 : 2;
}
