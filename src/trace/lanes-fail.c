/* lanes-fail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-fail.h"

#include "lanes-trace-reader.h"

gboolean
lanes_fail_at (GError    **error,
               gint        code,
               gsize       offset,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LANES_TRACE_ERROR, code, "at byte %" G_GSIZE_FORMAT ": %s", offset, message);
  return FALSE;
}
