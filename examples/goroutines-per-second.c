/* goroutines-per-second.c: how many goroutines did the program create,
 * and how many each second?  An example of the lanes-trace-0 library.
 *
 *   cc goroutines-per-second.c $(pkg-config --cflags --libs lanes-trace-0)
 *   ./a.out trace.out
 *
 * A goroutine is created when it leaves the NotExist state, as Go's
 * GoCreate (and, for threads entering Go from C, GoCreateSyscall) say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <lanes-trace.h>
#include <stdio.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(GArray) per_second = g_array_new (FALSE, TRUE, sizeof (guint64));
  LanesTraceEvent event;
  gint64 first = 0, last = 0;
  gboolean any = FALSE;
  guint64 created = 0;
  double seconds;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s TRACE\n", argv[0]);
      return 2;
    }
  reader = lanes_trace_reader_new_for_path (argv[1], &error);
  if (reader == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  while (lanes_trace_reader_next (reader, &event, &error))
    {
      guint second;

      if (!any)
        first = event.time;
      any = TRUE;
      last = event.time;
      if (event.kind != LANES_EVENT_STATE_TRANSITION
          || event.transition.resource != LANES_RESOURCE_GOROUTINE
          || event.transition.from != LANES_GO_NOT_EXIST
          || event.transition.to == LANES_GO_NOT_EXIST)
        continue;
      created++;
      second = (event.time - first) / 1000000000;
      if (second >= per_second->len)
        g_array_set_size (per_second, second + 1);
      g_array_index (per_second, guint64, second)++;
    }
  if (error != NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  seconds = (last - first) / 1e9;
  printf ("goroutines created: %" G_GUINT64_FORMAT " in %.3f s", created, seconds);
  if (seconds > 0)
    printf (", %.1f per second", created / seconds);
  printf ("\n");
  for (guint s = 0; s < per_second->len; s++)
    printf ("second %u: %" G_GUINT64_FORMAT "\n", s, g_array_index (per_second, guint64, s));
  return 0;
}
