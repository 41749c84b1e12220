/* lanes-order.h: the ordering state machine of the generation format.
 *
 * Events arrive per thread (M), each thread's in time order.  The ordering
 * decides which thread's next event may happen now, given the state of
 * every goroutine, proc and thread and the sequence numbers the runtime
 * attaches; it validates every transition and queues the events it
 * accepts, plus the synthetic events some of them imply.  The rules are
 * those of golang.org/x/exp/trace (see docs/trace-format.md §3.2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lanes-id-map.h"
#include "lanes-trace-tables.h"
#include "lanes-trace-event.h"
#include "lanes-wire.h"

/* An event as decoded from a batch, or as ordered: raw arguments, with the
 * scheduling context filled in once ordered. */
typedef struct
{
  gint64 time;
  gint64 g, p, m;
  guint64 args[4];
  guint8 type;
} LanesRawEvent;

/* The generation the ordering works in: its number and how its string ids
 * map to trace-wide ones. */
typedef struct
{
  guint64 gen;
  const LanesIdTable *strings;
} LanesOrderGen;

typedef enum
{
  LANES_ADVANCE_RETRY,   /* not yet: another thread must go first */
  LANES_ADVANCE_OK,
  LANES_ADVANCE_ERROR,
} LanesAdvance;

typedef struct _LanesOrder LanesOrder;

LanesOrder  *lanes_order_new        (LanesTraceTables   *tables);
void         lanes_order_free       (LanesOrder         *order);

/* The index of thread @m's state, created on first use; threads are never
 * forgotten, so callers may keep it. */
guint32      lanes_order_thread     (LanesOrder         *order,
                                     gint64              m);

/* A thread's scheduling context: the goroutine and P it holds, or
 * those an event happens in. */
typedef struct
{
  gint64 g, p, m;
} LanesOrderCtx;

/* Each type's rule: checks the event against the state, updates the
 * state, queues the event and sets the thread's context after it in
 * *next.  NULL for types that cannot be ordered. */
typedef LanesAdvance (*LanesOrderHandler) (LanesOrder          *order,
                                           const LanesOrderGen *gen,
                                           LanesRawEvent       *event,
                                           LanesOrderCtx        ctx,
                                           LanesOrderCtx       *next,
                                           GError             **error);

extern const LanesOrderHandler lanes_order_handlers[];

/* What lanes_order_advance() reads: every LanesOrder starts with it. */
typedef struct
{
  LanesOrderCtx *threads;  /* by index from lanes_order_thread() */
  guint64 initial_gen;     /* 0 until the first event */
} LanesOrderHead;

LanesAdvance lanes_order_bad_type   (guint8              type,
                                     GError            **error);

/* Orders @event, the next of thread @m (whose index is @thread, or any
 * for LANES_NO_THREAD), or says it cannot happen yet.  Inline: the
 * reader orders every event so. */
G_ALWAYS_INLINE static inline LanesAdvance
lanes_order_advance (LanesOrder          *order,
                     const LanesOrderGen *gen,
                     LanesRawEvent       *event,
                     gint64               m,
                     guint32              thread,
                     GError             **error)
{
  LanesOrderHead *head = (LanesOrderHead *) order;
  LanesOrderCtx ctx = { LANES_NO_GOROUTINE, LANES_NO_PROC, m };
  LanesOrderCtx next;
  LanesOrderHandler handler;
  LanesAdvance result;

  if (G_UNLIKELY (head->initial_gen == 0))
    head->initial_gen = gen->gen;
  if (m != LANES_NO_THREAD)
    ctx = head->threads[thread];
  next = ctx;

  handler = event->type < LANES_WIRE_N_TYPES ? lanes_order_handlers[event->type] : NULL;
  if (G_UNLIKELY (handler == NULL))
    return lanes_order_bad_type (event->type, error);

  result = handler (order, gen, event, ctx, &next, error);
  /* Handlers may add threads, which moves them: look again. */
  if (result == LANES_ADVANCE_OK && m != LANES_NO_THREAD)
    {
      head->threads[thread].g = next.g;
      head->threads[thread].p = next.p;
    }
  return result;
}

/* Ordered events wait in a queue until the reader takes them; it
 * empties between events, so it starts over from the front each time. */
typedef struct
{
  LanesRawEvent *events;
  gsize capacity;
  gsize start;
  gsize end;
} LanesOrderQueue;

/* The queue of @order: it stays where it is for the order's life. */
LanesOrderQueue *
             lanes_order_get_queue  (LanesOrder         *order);

/* The next ordered event, or NULL; it stays valid until the next call
 * to lanes_order_advance().  Inline: the reader takes every event so. */
static inline const LanesRawEvent *
lanes_order_queue_pop (LanesOrderQueue *queue)
{
  const LanesRawEvent *event;

  if (queue->start == queue->end)
    return NULL;
  event = &queue->events[queue->start++];
  if (queue->start == queue->end)
    queue->start = queue->end = 0;
  return event;
}

/* Resolves a generation string id; FALSE when the generation has none. */
static inline gboolean
lanes_order_gen_string (const LanesOrderGen *gen,
                        guint64              local_id,
                        guint32             *global_id)
{
  return lanes_id_table_resolve (gen->strings, local_id, global_id);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesOrder, lanes_order_free)
