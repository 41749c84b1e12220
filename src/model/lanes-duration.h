/* lanes-duration.h: durations in nanoseconds, written and read the way
 * people write them ("1.5 ms", "10ms", "250us", "2s").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @ns in the largest unit that keeps it at 1 or more: "12.345 ms". */
void     lanes_duration_append (GString    *out,
                                gint64      ns);
char    *lanes_duration_format (gint64      ns);

/* A non-negative number with a unit (ns, us, µs, ms or s), or plain
 * nanoseconds; FALSE if @text is anything else. */
gboolean lanes_duration_parse  (const char *text,
                                gint64     *ns);

G_END_DECLS
