/* lanes-duration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-duration.h"

#include <string.h>

void
lanes_duration_append (GString *out,
                       gint64   ns)
{
  gint64 magnitude = ns < 0 ? -ns : ns;

  if (magnitude >= 1000000000)
    g_string_append_printf (out, "%.3f s", ns / 1e9);
  else if (magnitude >= 1000000)
    g_string_append_printf (out, "%.3f ms", ns / 1e6);
  else if (magnitude >= 1000)
    g_string_append_printf (out, "%.3f µs", ns / 1e3);
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT " ns", ns);
}

char *
lanes_duration_format (gint64 ns)
{
  GString *out = g_string_new (NULL);

  lanes_duration_append (out, ns);
  return g_string_free (out, FALSE);
}

gboolean
lanes_duration_parse (const char *text,
                      gint64     *ns)
{
  static const struct { const char *name; double ns; } units[] = {
    { "", 1 }, { "ns", 1 }, { "us", 1e3 }, { "µs", 1e3 }, { "ms", 1e6 }, { "s", 1e9 },
  };
  char *end;
  double value = g_ascii_strtod (text, &end);

  if (end == text || value < 0 || (*text != '.' && !g_ascii_isdigit (*text)))
    return FALSE;
  while (*end == ' ')
    end++;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (end, units[i].name) == 0)
      {
        double total = value * units[i].ns;
        if (total > (double) G_MAXINT64)
          return FALSE;
        *ns = (gint64) (total + 0.5);
        return TRUE;
      }
  return FALSE;
}
