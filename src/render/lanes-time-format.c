/* lanes-time-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-time-format.h"

#include <math.h>
#include <string.h>

typedef struct
{
  const char *name;
  gint64 ns;
} Unit;

static const Unit units[] = {
  { "s", 1000000000 },
  { "ms", 1000000 },
  { "us", 1000 },
  { "µs", 1000 },
  { "ns", 1 },
};

gboolean
lanes_time_parse (const char  *text,
                  gint64      *ns,
                  GError     **error)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || !isfinite (value))
    goto bad;
  while (*end == ' ')
    end++;
  if (*end == '\0')
    {
      *ns = (gint64) llround (value);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (end, units[i].name) == 0)
      {
        *ns = (gint64) llround (value * units[i].ns);
        return TRUE;
      }

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "“%s” is not a time (try 1.5s, 250ms, 40us or 100ns)", text);
  return FALSE;
}

char *
lanes_time_format (gint64 ns,
                   gint64 precision,
                   gint64 magnitude)
{
  const Unit *unit = &units[G_N_ELEMENTS (units) - 1];
  int decimals = 0;

  /* "12.10005 s" rather than "12100050 µs". */
  precision = MAX (precision, 1);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (units[i].ns <= MAX (ABS (magnitude), precision) && strcmp (units[i].name, "us") != 0)
      {
        unit = &units[i];
        break;
      }
  /* Enough decimals to tell values @precision apart. */
  while (decimals < 9 && precision * pow (10, decimals) < unit->ns)
    decimals++;
  return g_strdup_printf ("%.*f %s", decimals, (double) ns / unit->ns, unit->name);
}

gint64
lanes_time_round_step (double min_step)
{
  gint64 step = 1;

  for (;;)
    {
      if (step >= min_step)
        return step;
      if (2 * step >= min_step)
        return 2 * step;
      if (5 * step >= min_step)
        return 5 * step;
      if (step > G_MAXINT64 / 100)
        return step * 10;
      step *= 10;
    }
}
