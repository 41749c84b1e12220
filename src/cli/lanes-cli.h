/* lanes-cli.h: the subcommands of lanes-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Each takes the arguments after its name and returns the exit status. */
int lanes_cli_summary (int argc, char **argv);
int lanes_cli_bench   (int argc, char **argv);

/* Prints "lanes-cli: MESSAGE" on stderr and returns 1. */
int lanes_cli_fail    (const GError *error);
