/* lanes-cli-events.c: `lanes-cli events [--kind K] [--goroutine G]
 * [--start T --end T] [--stacks] TRACE`: every event the reader returns,
 * in order, as JSON lines, for scripts.  Streams: memory stays that of
 * the reader, whatever the trace's length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>

#include "lanes-cli.h"
#include "lanes-event-json.h"
#include "lanes-duration.h"

#define BATCH 512

/* Kinds as bits 1 << LanesEventKind from "StateTransition,Log"; all when
 * @text is NULL. */
static gboolean
parse_kinds (const char  *text,
             guint       *kinds,
             GError     **error)
{
  g_auto(GStrv) names = NULL;

  *kinds = text == NULL ? ~0u : 0;
  if (text == NULL)
    return TRUE;
  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint k;

      for (k = LANES_EVENT_SYNC; k < LANES_EVENT_N_KINDS; k++)
        if (g_ascii_strcasecmp (g_strstrip (names[i]), lanes_event_kind_to_string (k)) == 0)
          break;
      if (k == LANES_EVENT_N_KINDS)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (k = LANES_EVENT_SYNC; k < LANES_EVENT_N_KINDS; k++)
            g_string_append_printf (known, "%s%s", k > LANES_EVENT_SYNC ? ", " : "", lanes_event_kind_to_string (k));
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unknown event kind “%s” (%s)", names[i], known->str);
          return FALSE;
        }
      *kinds |= 1u << k;
    }
  return TRUE;
}

/* The event is the goroutine's: it ran on it, changed its state or
 * labelled it. */
static gboolean
concerns_goroutine (const LanesTraceEvent *event,
                    gint64                 goroutine)
{
  if (event->goroutine == goroutine)
    return TRUE;
  if (event->kind == LANES_EVENT_STATE_TRANSITION)
    return event->transition.resource == LANES_RESOURCE_GOROUTINE && event->transition.id == goroutine;
  if (event->kind == LANES_EVENT_LABEL)
    return event->label.goroutine == goroutine;
  return FALSE;
}

int
lanes_cli_events (int    argc,
                  char **argv)
{
  g_autofree char *kinds_text = NULL, *start_text = NULL, *end_text = NULL;
  gint64 goroutine = G_MININT64;
  gboolean stacks = FALSE;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kinds_text, "Only events of these kinds (StateTransition,Log,…)", "K" },
    { "goroutine", 0, 0, G_OPTION_ARG_INT64, &goroutine, "Only events on the goroutine, or of its state or label", "G" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, "From this long after the trace starts (1.5s, 250ms, 40us)", "T" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text, "To this long after the trace starts", "T" },
    { "stacks", 0, 0, G_OPTION_ARG_NONE, &stacks, "Each stack's frames after its id", NULL },
    { NULL }
  };
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(LanesEventJson) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree LanesTraceEvent *batch = NULL;
  gint64 start = 0, end = G_MAXINT64, origin = 0;
  gboolean first = TRUE, done = FALSE, written = TRUE;
  const char *path;
  guint kinds, n;
  int status = 0;

  path = lanes_cli_parse (argc, argv, "TRACE — every event, in order, as JSON lines", entries, &status);
  if (path == NULL)
    return status;
  if (!parse_kinds (kinds_text, &kinds, &error)
      || (start_text != NULL && !lanes_duration_parse (start_text, &start, &error))
      || (end_text != NULL && !lanes_duration_parse (end_text, &end, &error)))
    return lanes_cli_fail (error);

  reader = lanes_cli_open_reader (path, &error);
  if (reader == NULL)
    return lanes_cli_fail (error);
  json = lanes_event_json_new (reader, stacks);
  batch = g_new (LanesTraceEvent, BATCH);

  while (!done && written)
    {
      n = lanes_trace_reader_next_batch (reader, batch, BATCH, &error);
      /* A short batch is the last: the end of the trace, or an error. */
      done = n < BATCH;
      for (guint i = 0; i < n; i++)
        {
          const LanesTraceEvent *event = &batch[i];

          if (first)
            origin = event->time;
          first = FALSE;
          /* Times never go back: nothing after the end can follow. */
          if (event->time - origin > end)
            {
              done = TRUE;
              break;
            }
          if (event->time - origin < start
              || (kinds & (1u << event->kind)) == 0
              || (goroutine != G_MININT64 && !concerns_goroutine (event, goroutine)))
            continue;
          lanes_event_json_append (json, event);
        }
      written = lanes_event_json_flush (json, stdout, FALSE);
    }
  if (written)
    written = lanes_event_json_flush (json, stdout, TRUE) && fflush (stdout) == 0;
  if (!written)
    {
      fprintf (stderr, "lanes-cli: cannot write the events: %s\n", g_strerror (errno));
      return 1;
    }
  if (error != NULL)
    return lanes_cli_fail (error);
  return 0;
}
