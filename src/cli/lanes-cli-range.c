/* lanes-cli-range.c: the --start and --end options of the commands that
 * look at part of a trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-cli.h"

#include "lanes-duration.h"

/* A time option, relative to the trace's start, or @fallback if unset. */
static gboolean
parse_time (const char  *text,
            gint64       origin,
            gint64       fallback,
            gint64      *time,
            GError     **error)
{
  gint64 ns;

  if (text == NULL)
    {
      *time = fallback;
      return TRUE;
    }
  if (!lanes_duration_parse (text, &ns, error))
    return FALSE;
  *time = origin + ns;
  return TRUE;
}

gboolean
lanes_cli_parse_range (LanesTimeline  *timeline,
                       const char     *start_text,
                       const char     *end_text,
                       gint64         *start,
                       gint64         *end,
                       GError        **error)
{
  gint64 origin = lanes_timeline_get_start (timeline);

  /* Without --end, the range holds the trace's last event too. */
  if (!parse_time (start_text, origin, origin, start, error)
      || !parse_time (end_text, origin, lanes_timeline_get_end (timeline) + 1, end, error))
    return FALSE;
  if (*end <= *start)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "the end must come after the start");
      return FALSE;
    }
  return TRUE;
}
