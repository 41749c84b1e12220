/* lanes-fail.h: the one way decoding code reports a bad byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Sets @error (domain LANES_TRACE_ERROR, @code) to "at byte OFFSET:
 * MESSAGE" and returns FALSE, so callers can `return lanes_fail_at (…)`. */
G_GNUC_PRINTF (4, 5)
gboolean lanes_fail_at (GError    **error,
                        gint        code,
                        gsize       offset,
                        const char *format,
                        ...);
