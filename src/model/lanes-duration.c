/* lanes-duration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-duration.h"

#include <string.h>

typedef struct
{
  const char *name;
  gint64 ns;
} Unit;

/* Largest first; "us" is read, "µs" written. */
static const Unit units[] = {
  { "s", 1000000000 },
  { "ms", 1000000 },
  { "µs", 1000 },
  { "us", 1000 },
  { "ns", 1 },
};

#define NANOSECONDS (&units[G_N_ELEMENTS (units) - 1])

/* The largest unit written that is not above @magnitude. */
static const Unit *
unit_for (gint64 magnitude)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (units[i].ns <= magnitude && strcmp (units[i].name, "us") != 0)
      return &units[i];
  return NANOSECONDS;
}

static void
append_in_unit (GString    *out,
                gint64      ns,
                const Unit *unit,
                int         decimals)
{
  if (unit == NANOSECONDS)
    g_string_append_printf (out, "%" G_GINT64_FORMAT " ns", ns);
  else
    g_string_append_printf (out, "%.*f %s", decimals, (double) ns / unit->ns, unit->name);
}

void
lanes_duration_append (GString *out,
                       gint64   ns)
{
  append_in_unit (out, ns, unit_for (ABS (ns)), 3);
}

char *
lanes_duration_format (gint64 ns)
{
  GString *out = g_string_new (NULL);

  lanes_duration_append (out, ns);
  return g_string_free (out, FALSE);
}

char *
lanes_duration_format_precise (gint64 ns,
                               gint64 precision,
                               gint64 magnitude)
{
  GString *out = g_string_new (NULL);
  const Unit *unit;
  int decimals = 0;
  gint64 step = 1;

  /* "12.10005 s" rather than "12100050 µs". */
  precision = MAX (precision, 1);
  unit = unit_for (MAX (ABS (magnitude), precision));
  /* Enough decimals to tell values @precision apart. */
  while (decimals < 9 && precision * step < unit->ns)
    {
      decimals++;
      step *= 10;
    }
  append_in_unit (out, ns, unit, decimals);
  return g_string_free (out, FALSE);
}

gboolean
lanes_duration_parse (const char  *text,
                      gint64      *ns,
                      GError     **error)
{
  char *end;
  double value = g_ascii_strtod (text, &end);

  if (end != text && value >= 0 && (*text == '.' || g_ascii_isdigit (*text)))
    {
      while (*end == ' ')
        end++;
      if (*end == '\0' && value <= (double) G_MAXINT64)
        {
          *ns = (gint64) (value + 0.5);
          return TRUE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        if (strcmp (end, units[i].name) == 0 && value * units[i].ns <= (double) G_MAXINT64)
          {
            *ns = (gint64) (value * units[i].ns + 0.5);
            return TRUE;
          }
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "“%s” is not a duration (try 1.5s, 250ms, 40us or 100ns)", text);
  return FALSE;
}

gint64
lanes_duration_round_step (double min_step)
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
