/* lanes-cli.h: the subcommands of lanes-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Each takes the arguments after its name and returns the exit status. */
int lanes_cli_summary (int argc, char **argv);
int lanes_cli_bench   (int argc, char **argv);
int lanes_cli_render  (int argc, char **argv);

/* Lane groups as bits 1 << LanesGroup from "procs,goroutines"; all when
 * @text is NULL; 0 and @error when a name is unknown. */
guint lanes_cli_parse_groups (const char *text, GError **error);

/* Prints "lanes-cli: MESSAGE" on stderr and returns 1. */
int lanes_cli_fail    (const GError *error);
