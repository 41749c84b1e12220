/* lanes-timeline-loader.c: reading and building on two cores.
 *
 * A thread of its own runs the reader and hands events to the builder in
 * chunks of 4096 through a bounded ring of eight, so reading (the larger
 * half of the work) overlaps building and memory stays a few MiB.
 *
 * The builder must not read the reader's string table while the reading
 * thread may be adding to it, so that thread also gives each event the
 * meaning of its strings: the class of a block reason, the kind of a
 * range, the mode of a GC worker's label.
 *
 * Between chunks the builder reports progress and, when asked, hands out
 * a snapshot of what it has built, so a window can show the trace while
 * the rest arrives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-timeline-private.h"

#define CHUNK_EVENTS 4096
#define N_CHUNKS     8

typedef struct
{
  LanesTraceEvent events[CHUNK_EVENTS];
  guint8 meanings[CHUNK_EVENTS];
  guint n;
  gboolean last;
  double progress;      /* of the reader, after the chunk's events */
} Chunk;

typedef struct
{
  LanesTraceReader *reader;
  gint stop;                /* atomic: the builder wants no more */
  GAsyncQueue *full;
  GAsyncQueue *empty;
  GError *error;
  /* LanesState + 1 by string id, 0 until looked at. */
  GArray *reason_states;
  GArray *range_states;
  GArray *label_states;
} Loader;

static guint8
string_meaning (Loader      *loader,
                GArray      *cache,
                guint32      id,
                LanesState (*classify) (const char *))
{
  guint8 *known;

  if (id >= cache->len)
    g_array_set_size (cache, id + 1);
  known = &g_array_index (cache, guint8, id);
  if (*known == 0)
    *known = classify (lanes_trace_reader_get_string (loader->reader, id)) + 1;
  return *known - 1;
}

static guint8
meaning (Loader                *loader,
         const LanesTraceEvent *ev)
{
  switch (ev->kind)
    {
    case LANES_EVENT_STATE_TRANSITION:
      if (ev->transition.resource == LANES_RESOURCE_GOROUTINE && ev->transition.to == LANES_GO_WAITING)
        return string_meaning (loader, loader->reason_states, ev->transition.reason, lanes_state_for_reason);
      return LANES_STATE_NONE;
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      return string_meaning (loader, loader->range_states, ev->range.name, lanes_state_for_range);
    case LANES_EVENT_LABEL:
      return string_meaning (loader, loader->label_states, ev->label.label, lanes_state_for_label);
    default:
      return LANES_STATE_NONE;
    }
}

static gpointer
read_events (gpointer data)
{
  Loader *loader = data;

  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (loader->empty);

      chunk->n = 0;
      chunk->last = g_atomic_int_get (&loader->stop);
      while (!chunk->last && chunk->n < CHUNK_EVENTS)
        {
          LanesTraceEvent *ev = &chunk->events[chunk->n];

          if (!lanes_trace_reader_next (loader->reader, ev, &loader->error))
            {
              chunk->last = TRUE;
              break;
            }
          chunk->meanings[chunk->n++] = meaning (loader, ev);
        }
      chunk->progress = lanes_trace_reader_get_progress (loader->reader);
      g_async_queue_push (loader->full, chunk);
      if (chunk->last)
        return NULL;
    }
}

static void
report (LanesTimelineBuilder      *builder,
        double                     fraction,
        LanesTimelineProgressFunc  progress,
        gpointer                   user_data)
{
  g_autoptr(LanesTimeline) part = NULL;

  if (!progress (fraction, NULL, user_data))
    return;
  part = lanes_timeline_builder_snapshot (builder);
  progress (fraction, part, user_data);
}

gboolean
lanes_timeline_load (LanesTimeline             *timeline,
                     LanesTimelineBuilder      *builder,
                     GCancellable              *cancellable,
                     LanesTimelineProgressFunc  progress,
                     gpointer                   user_data,
                     GError                   **error)
{
  Loader loader = { timeline->reader };
  GThread *thread;
  gboolean last;

  loader.full = g_async_queue_new ();
  loader.empty = g_async_queue_new_full (g_free);
  loader.reason_states = g_array_new (FALSE, TRUE, 1);
  loader.range_states = g_array_new (FALSE, TRUE, 1);
  loader.label_states = g_array_new (FALSE, TRUE, 1);
  for (guint i = 0; i < N_CHUNKS; i++)
    g_async_queue_push (loader.empty, g_new (Chunk, 1));

  thread = g_thread_new ("lanes-reader", read_events, &loader);
  do
    {
      Chunk *chunk = g_async_queue_pop (loader.full);

      for (guint i = 0; i < chunk->n; i++)
        lanes_timeline_builder_add (builder, &chunk->events[i], chunk->meanings[i]);
      last = chunk->last;
      if (!last && progress != NULL)
        report (builder, chunk->progress, progress, user_data);
      if (g_cancellable_is_cancelled (cancellable))
        g_atomic_int_set (&loader.stop, TRUE);
      g_async_queue_push (loader.empty, chunk);
    }
  while (!last);
  g_thread_join (thread);

  g_async_queue_unref (loader.full);
  g_async_queue_unref (loader.empty);
  g_array_unref (loader.reason_states);
  g_array_unref (loader.range_states);
  g_array_unref (loader.label_states);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_error (&loader.error);
      return FALSE;
    }
  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return FALSE;
    }
  return TRUE;
}
