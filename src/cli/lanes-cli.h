/* lanes-cli.h: the subcommands of lanes-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-document.h"

/* Each takes the arguments after its name and returns the exit status. */
int lanes_cli_summary (int argc, char **argv);
int lanes_cli_bench   (int argc, char **argv);
int lanes_cli_gc      (int argc, char **argv);
int lanes_cli_mmu     (int argc, char **argv);
int lanes_cli_profile (int argc, char **argv);
int lanes_cli_diagnose (int argc, char **argv);
int lanes_cli_render  (int argc, char **argv);
int lanes_cli_capture (int argc, char **argv);
int lanes_cli_events  (int argc, char **argv);

/* Lane groups as bits 1 << LanesGroup from "procs,goroutines"; all when
 * @text is NULL; 0 and @error when a name is unknown. */
guint lanes_cli_parse_groups (const char *text, GError **error);

/* The range --start and --end give, times after the trace's start; the
 * whole trace when unset.  FALSE and @error when one does not parse or
 * the end does not come after the start. */
gboolean lanes_cli_parse_range (LanesTimeline  *timeline,
                                const char     *start_text,
                                const char     *end_text,
                                gint64         *start,
                                gint64         *end,
                                GError        **error);

int lanes_cli_bench_model (const char *path);
int lanes_cli_bench_render (const char *path);

/* The process's peak resident memory so far. */
double lanes_cli_peak_rss_mib (void);

/* Prints "lanes-cli: MESSAGE" on stderr and returns 1. */
int lanes_cli_fail    (const GError *error);

/* Parses @entries from @argv, which must then hold exactly one TRACE (a
 * path, or "-" for standard input), and returns it; or prints why not, sets *@status to the exit status and
 * returns NULL. */
const char    *lanes_cli_parse   (int                 argc,
                                  char              **argv,
                                  const char         *summary,
                                  const GOptionEntry *entries,
                                  int                *status);

/* Opens @path ("-" for standard input) as the window does and reads
 * @parts.  A trace that breaks off is used up to the break, with a
 * warning on stderr; when nothing usable could be read, or Go's reader
 * would reject the trace, prints why, sets *@status to 1 and returns
 * NULL. */
LanesDocument *lanes_cli_open (const char         *path,
                               LanesDocumentParts  parts,
                               int                *status);

/* A reader on @path, opened as lanes_cli_open() does. */
LanesTraceReader *lanes_cli_open_reader (const char  *path,
                                         GError     **error);
