/* lanes-duration.h: durations in nanoseconds, written and read the way
 * people write them ("1.5 ms", "10ms", "250us", "2s").  The one place
 * that does so, for the CLI, the renderer's axis and the window alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @ns in the largest unit that keeps it at 1 or more, with
 * three decimals: "12.345 ms", "999 ns". */
void     lanes_duration_append        (GString    *out,
                                       gint64      ns);
char    *lanes_duration_format        (gint64      ns);

/* @ns in the largest unit not above @magnitude (so that neighbours on an
 * axis share one), with the decimals that @precision ns (the least
 * difference the reader must see) needs: "1.25 s", "340 µs", "12.10005 s". */
char    *lanes_duration_format_precise (gint64     ns,
                                        gint64     precision,
                                        gint64     magnitude);

/* A non-negative number with a unit (ns, us, µs, ms or s), or plain
 * nanoseconds; FALSE with @error set (G_OPTION_ERROR_BAD_VALUE, naming
 * @text) if @text is anything else. */
gboolean lanes_duration_parse         (const char *text,
                                       gint64     *ns,
                                       GError    **error);

/* A round step (1, 2 or 5 times a power of ten ns) at least @min_step. */
gint64   lanes_duration_round_step    (double      min_step);

G_END_DECLS
