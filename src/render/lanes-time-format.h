/* lanes-time-format.h: durations for people, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1.5s", "250ms", "40us", "40µs", "100ns", or plain nanoseconds. */
gboolean lanes_time_parse          (const char *text,
                                    gint64     *ns,
                                    GError    **error);

/* @ns in the largest unit not above @magnitude (so that neighbours on an
 * axis share one), with the decimals that @precision ns (the least
 * difference the reader must see) needs: "1.25 s", "340 µs", "12.10005 s". */
char    *lanes_time_format         (gint64      ns,
                                    gint64      precision,
                                    gint64      magnitude);

/* A round step (1, 2 or 5 times a power of ten ns) at least @min_step. */
gint64   lanes_time_round_step     (double      min_step);

G_END_DECLS
