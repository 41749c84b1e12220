/* lanes-timeline-loader.c: reading and building on two cores.
 *
 * A thread of its own runs the reader and hands events to the builder in
 * chunks of 4096 through a bounded ring of eight, so reading overlaps
 * building (about as much work) and memory stays a few MiB.
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
} Loader;

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
          if (!lanes_trace_reader_next (loader->reader, &chunk->events[chunk->n], &loader->error))
            {
              chunk->last = TRUE;
              break;
            }
          chunk->n++;
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
  for (guint i = 0; i < N_CHUNKS; i++)
    g_async_queue_push (loader.empty, g_new (Chunk, 1));

  thread = g_thread_new ("lanes-reader", read_events, &loader);
  do
    {
      Chunk *chunk = g_async_queue_pop (loader.full);

      for (guint i = 0; i < chunk->n; i++)
        lanes_timeline_builder_add (builder, &chunk->events[i]);
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
