/* lanes-cli.h: the subcommands of lanes-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-analysis.h"

/* Each takes the arguments after its name and returns the exit status. */
int lanes_cli_summary (int argc, char **argv);
int lanes_cli_bench   (int argc, char **argv);
int lanes_cli_gc      (int argc, char **argv);
int lanes_cli_mmu     (int argc, char **argv);
int lanes_cli_profile (int argc, char **argv);
int lanes_cli_diagnose (int argc, char **argv);
int lanes_cli_render  (int argc, char **argv);

/* Lane groups as bits 1 << LanesGroup from "procs,goroutines"; all when
 * @text is NULL; 0 and @error when a name is unknown. */
guint lanes_cli_parse_groups (const char *text, GError **error);

int lanes_cli_bench_model (const char *path);
int lanes_cli_bench_render (const char *path);

/* The process's peak resident memory so far. */
double lanes_cli_peak_rss_mib (void);

/* Prints "lanes-cli: MESSAGE" on stderr and returns 1. */
int lanes_cli_fail    (const GError *error);

/* Parses @entries from @argv, which must then hold exactly one TRACE, and
 * returns it; or prints why not, sets *@status to the exit status and
 * returns NULL. */
const char    *lanes_cli_parse   (int                 argc,
                                  char              **argv,
                                  const char         *summary,
                                  const GOptionEntry *entries,
                                  int                *status);

/* Runs every analysis over the trace at @path; or prints why it cannot,
 * sets *@status and returns NULL. */
LanesAnalysis *lanes_cli_analyze (const char         *path,
                                  LanesTraceReader  **reader,
                                  int                *status);
