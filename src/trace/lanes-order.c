/* lanes-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-order.h"

#include "lanes-trace-reader.h"
#include "lanes-wire.h"

/* A (generation, counter) pair: an event with a sequence number may only
 * happen right after the one before it, in the same generation. */
typedef struct
{
  guint64 gen;
  guint64 n;
} Seq;

static inline gboolean
seq_succeeds (Seq a,
              Seq b)
{
  return a.gen == b.gen && a.n == b.n + 1;
}

/* A range in flight on a goroutine or proc: the type of its Begin event
 * and, for stop-the-world, its kind. */
typedef struct
{
  guint8 type;
  guint32 desc;
} RangeKey;

typedef struct
{
  guint64 task;
  guint32 name;
} Region;

typedef struct
{
  guint8 status;       /* wire status */
  Seq seq;
  GArray *ranges;      /* RangeKey, created on first use */
  GArray *regions;     /* Region stack, created on first use */
} GState;

typedef struct
{
  gint64 id;
  guint8 status;       /* wire status */
  Seq seq;
  GArray *ranges;
} PState;

/* A thread's state is its context: the goroutine and P it holds. */
typedef LanesOrderCtx MState;

typedef struct
{
  guint32 name;
  guint64 parent;
} TaskState;

typedef enum { GC_UNDETERMINED, GC_NOT_RUNNING, GC_RUNNING } GCState;

struct _LanesOrder
{
  LanesOrderHead head;   /* first: the inline dispatcher reads it */
  LanesTraceTables *tables;

  LanesIdIndex g_index;  /* goroutine id → index in @gs */
  GArray *gs;            /* GState */
  GArray *free_gs;       /* guint32 indexes of dead goroutines' slots */
  LanesIdIndex p_index;
  GArray *ps;            /* PState */
  LanesIdIndex m_index;
  GArray *ms;            /* MState; head.threads points at its data */
  GHashTable *tasks;     /* guint64 * → TaskState * */

  guint64 gc_seq;
  GCState gc_state;

  LanesOrderQueue queue;  /* ordered events, for the reader */
};

typedef enum { MUST_NOT_HAVE, MAY_HAVE, MUST_HAVE } Need;

typedef LanesOrderCtx Ctx;

LanesOrder *
lanes_order_new (LanesTraceTables *tables)
{
  LanesOrder *order = g_new0 (LanesOrder, 1);

  order->tables = tables;
  lanes_id_index_init (&order->g_index);
  lanes_id_index_init (&order->p_index);
  lanes_id_index_init (&order->m_index);
  order->gs = g_array_new (FALSE, TRUE, sizeof (GState));
  order->free_gs = g_array_new (FALSE, FALSE, sizeof (guint32));
  order->ps = g_array_new (FALSE, TRUE, sizeof (PState));
  order->ms = g_array_new (FALSE, TRUE, sizeof (MState));
  order->tasks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  order->queue.capacity = 64;
  order->queue.events = g_new (LanesRawEvent, order->queue.capacity);
  return order;
}

static void
free_arrays (GArray **ranges,
             GArray **regions)
{
  g_clear_pointer (ranges, g_array_unref);
  if (regions != NULL)
    g_clear_pointer (regions, g_array_unref);
}

void
lanes_order_free (LanesOrder *order)
{
  if (order == NULL)
    return;
  for (guint i = 0; i < order->gs->len; i++)
    {
      GState *g = &g_array_index (order->gs, GState, i);
      free_arrays (&g->ranges, &g->regions);
    }
  for (guint i = 0; i < order->ps->len; i++)
    free_arrays (&g_array_index (order->ps, PState, i).ranges, NULL);
  lanes_id_index_clear (&order->g_index);
  lanes_id_index_clear (&order->p_index);
  lanes_id_index_clear (&order->m_index);
  g_array_unref (order->gs);
  g_array_unref (order->free_gs);
  g_array_unref (order->ps);
  g_array_unref (order->ms);
  g_hash_table_unref (order->tasks);
  g_free (order->queue.events);
  g_free (order);
}

/* Queue */

/* The next free slot of the queue. */
static LanesRawEvent *
queue_slot (LanesOrder *order)
{
  LanesOrderQueue *queue = &order->queue;

  if (G_UNLIKELY (queue->end == queue->capacity))
    {
      queue->capacity *= 2;
      queue->events = g_renew (LanesRawEvent, queue->events, queue->capacity);
    }
  return &queue->events[queue->end++];
}

static inline void
push_in_ctx (LanesOrder          *order,
             const LanesRawEvent *event,
             Ctx                  ctx)
{
  LanesRawEvent *e = queue_slot (order);

  *e = *event;
  e->g = ctx.g;
  e->p = ctx.p;
  e->m = ctx.m;
}

/* Queues a synthetic event the runtime implies but did not write. */
static void
push_synthetic (LanesOrder *order,
                Ctx         ctx,
                guint8      type,
                gint64      time,
                guint64     arg0,
                guint64     arg1)
{
  LanesRawEvent e = { .time = time, .type = type, .args = { arg0, arg1, 0, 0 } };

  push_in_ctx (order, &e, ctx);
}

LanesOrderQueue *
lanes_order_get_queue (LanesOrder *order)
{
  return &order->queue;
}

/* State lookups */

guint32
lanes_order_thread (LanesOrder *order,
                    gint64      m)
{
  guint32 index = lanes_id_index_lookup (&order->m_index, (guint64) m);

  if (index == LANES_ID_MAP_ABSENT)
    {
      MState state = { LANES_NO_GOROUTINE, LANES_NO_PROC, m };
      index = order->ms->len;
      g_array_append_val (order->ms, state);
      order->head.threads = (LanesOrderCtx *) order->ms->data;
      lanes_id_index_insert (&order->m_index, (guint64) m, index);
    }
  return index;
}

static MState *
find_thread (LanesOrder *order,
             gint64      m)
{
  guint32 index = lanes_id_index_lookup (&order->m_index, (guint64) m);

  return index == LANES_ID_MAP_ABSENT ? NULL : &g_array_index (order->ms, MState, index);
}

static GState *
find_goroutine (LanesOrder *order,
                gint64      g)
{
  guint32 index = lanes_id_index_lookup (&order->g_index, (guint64) g);

  return index == LANES_ID_MAP_ABSENT ? NULL : &g_array_index (order->gs, GState, index);
}

static GState *
add_goroutine (LanesOrder *order,
               gint64      g,
               guint8      status,
               guint64     gen)
{
  guint32 index;
  GState *state;

  if (order->free_gs->len > 0)
    {
      index = g_array_index (order->free_gs, guint32, order->free_gs->len - 1);
      g_array_set_size (order->free_gs, order->free_gs->len - 1);
    }
  else
    {
      index = order->gs->len;
      g_array_set_size (order->gs, index + 1);
    }
  state = &g_array_index (order->gs, GState, index);
  state->status = status;
  state->seq = (Seq) { gen, 0 };
  /* Arrays of a reused slot are kept, emptied, to spare allocations. */
  if (state->ranges != NULL)
    g_array_set_size (state->ranges, 0);
  if (state->regions != NULL)
    g_array_set_size (state->regions, 0);
  lanes_id_index_insert (&order->g_index, (guint64) g, index);
  return state;
}

static void
remove_goroutine (LanesOrder *order,
                  gint64      g)
{
  guint32 index = lanes_id_index_lookup (&order->g_index, (guint64) g);

  if (index == LANES_ID_MAP_ABSENT)
    return;
  lanes_id_index_remove (&order->g_index, (guint64) g);
  g_array_append_val (order->free_gs, index);
}

static PState *
find_proc (LanesOrder *order,
           gint64      p)
{
  guint32 index = lanes_id_index_lookup (&order->p_index, (guint64) p);

  return index == LANES_ID_MAP_ABSENT ? NULL : &g_array_index (order->ps, PState, index);
}

static PState *
add_proc (LanesOrder *order,
          gint64      p,
          guint8      status,
          guint64     gen)
{
  PState state = { .id = p, .status = status, .seq = { gen, 0 } };
  guint32 index = order->ps->len;

  g_array_append_val (order->ps, state);
  lanes_id_index_insert (&order->p_index, (guint64) p, index);
  return &g_array_index (order->ps, PState, index);
}

/* Errors */

static const char *
event_name (guint type)
{
  const LanesWireSpec *spec = lanes_wire_spec (type);
  return spec ? spec->name : "?";
}

G_GNUC_PRINTF (2, 3) static LanesAdvance
fail (GError    **error,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    {
      g_assert (*error == NULL);
      *error = g_error_new_valist (LANES_TRACE_ERROR, LANES_TRACE_ERROR_INCONSISTENT, format, args);
    }
  va_end (args);
  return LANES_ADVANCE_ERROR;
}

static gboolean
check_ctx (Ctx       ctx,
           Need      m,
           Need      p,
           Need      g,
           GError  **error)
{
  if (m == MUST_HAVE && ctx.m == LANES_NO_THREAD)
    return fail (error, "expected a thread but didn't have one"), FALSE;
  if (m == MUST_NOT_HAVE && ctx.m != LANES_NO_THREAD)
    return fail (error, "expected no thread but had one"), FALSE;
  if (p == MUST_HAVE && ctx.p == LANES_NO_PROC)
    return fail (error, "expected a proc but didn't have one"), FALSE;
  if (p == MUST_NOT_HAVE && ctx.p != LANES_NO_PROC)
    return fail (error, "expected no proc but had one"), FALSE;
  if (g == MUST_HAVE && ctx.g == LANES_NO_GOROUTINE)
    return fail (error, "expected a goroutine but didn't have one"), FALSE;
  if (g == MUST_NOT_HAVE && ctx.g != LANES_NO_GOROUTINE)
    return fail (error, "expected no goroutine but had one"), FALSE;
  return TRUE;
}

#define CHECK_CTX(m, p, g) \
  G_STMT_START { if (!check_ctx (ctx, m, p, g, error)) return LANES_ADVANCE_ERROR; } G_STMT_END
#define CHECK_USER_CTX() CHECK_CTX (MUST_HAVE, MUST_HAVE, MUST_HAVE)

/* Ranges */

static guint8
range_start_type (guint8 type)
{
  const LanesWireSpec *spec = lanes_wire_spec (type);
  return spec->start ? spec->start : type;
}

static gboolean
has_range (GArray   *ranges,
           RangeKey  key)
{
  if (ranges == NULL)
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    {
      RangeKey *r = &g_array_index (ranges, RangeKey, i);
      if (r->type == key.type && r->desc == key.desc)
        return TRUE;
    }
  return FALSE;
}

static void
add_range (GArray   **ranges,
           RangeKey   key)
{
  if (*ranges == NULL)
    *ranges = g_array_new (FALSE, FALSE, sizeof (RangeKey));
  g_array_append_val (*ranges, key);
}

static gboolean
begin_range (GArray   **ranges,
             RangeKey   key,
             GError   **error)
{
  if (has_range (*ranges, key))
    return fail (error, "discovered event already in-flight for when starting event %s",
                 event_name (key.type)), FALSE;
  add_range (ranges, key);
  return TRUE;
}

static gboolean
active_range (GArray   **ranges,
              RangeKey   key,
              gboolean   initial_gen,
              GError   **error)
{
  if (initial_gen)
    {
      if (has_range (*ranges, key))
        return fail (error, "found named active range already in first gen: %s",
                     event_name (key.type)), FALSE;
      add_range (ranges, key);
    }
  else if (!has_range (*ranges, key))
    return fail (error, "resource is missing active range: %s", event_name (key.type)), FALSE;
  return TRUE;
}

static gboolean
end_range (GArray   *ranges,
           guint8    end_type,
           guint32  *desc,
           GError  **error)
{
  guint8 start = range_start_type (end_type);

  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      RangeKey *r = &g_array_index (ranges, RangeKey, i);
      if (r->type == start)
        {
          *desc = r->desc;
          g_array_remove_index_fast (ranges, i);
          return TRUE;
        }
    }
  return fail (error, "tried to end event %s, but not in-flight", event_name (start)), FALSE;
}

/* Handlers: each checks the event against the state, updates the state,
 * queues the event and sets the thread's context after it. */

static LanesAdvance
advance_proc_status (LanesOrder          *order,
                     const LanesOrderGen *gen,
                     LanesRawEvent       *ev,
                     Ctx                  ctx,
                     Ctx                 *next,
                     GError             **error)
{
  gint64 pid = (gint64) ev->args[0];
  guint64 status = ev->args[1];
  guint8 old_state;
  PState *state;
  static const guint8 proc_state[] = {
    LANES_PROC_UNDETERMINED, LANES_PROC_RUNNING, LANES_PROC_IDLE, LANES_PROC_RUNNING, LANES_PROC_IDLE,
  };

  if (status >= LANES_WIRE_PROC_N_STATUS)
    return fail (error, "invalid status for proc %" G_GINT64_FORMAT ": %" G_GUINT64_FORMAT, pid, status);
  old_state = proc_state[status];

  state = find_proc (order, pid);
  if (state != NULL)
    {
      if (status == LANES_WIRE_PROC_SYSCALL_ABANDONED && state->status == LANES_WIRE_PROC_SYSCALL)
        {
          /* Lost its P in a syscall in the last generation: the steal
           * happens now, from the thread that still holds it. */
          old_state = LANES_PROC_RUNNING;
          ev->args[1] = LANES_WIRE_PROC_SYSCALL;
        }
      else if (status == LANES_WIRE_PROC_SYSCALL_ABANDONED && state->status == LANES_WIRE_PROC_SYSCALL_ABANDONED)
        old_state = LANES_PROC_IDLE;
      else if (state->status != status)
        return fail (error, "inconsistent status for proc %" G_GINT64_FORMAT ": old %u vs. new %u",
                     pid, state->status, (guint) status);
      state->seq = (Seq) { gen->gen, 0 };
    }
  else
    {
      add_proc (order, pid, (guint8) status, gen->gen);
      old_state = gen->gen == order->head.initial_gen ? LANES_PROC_UNDETERMINED : LANES_PROC_NOT_EXIST;
    }
  ev->args[2] = old_state;

  if (status == LANES_WIRE_PROC_RUNNING || status == LANES_WIRE_PROC_SYSCALL)
    next->p = pid;

  if (status == LANES_WIRE_PROC_SYSCALL_ABANDONED && old_state == LANES_PROC_RUNNING)
    {
      /* Report the event in the context of the thread that owns the P. */
      gboolean found = FALSE;
      for (guint i = 0; i < order->ms->len; i++)
        {
          MState *ms = &g_array_index (order->ms, MState, i);
          if (ms->p == pid)
            {
              ctx.m = ms->m;
              ctx.p = pid;
              ctx.g = ms->g;
              found = TRUE;
            }
        }
      if (!found)
        return fail (error, "failed to find sched context for proc %" G_GINT64_FORMAT " that's about to be stolen", pid);
    }
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_proc_start (LanesOrder          *order,
                    const LanesOrderGen *gen,
                    LanesRawEvent       *ev,
                    Ctx                  ctx,
                    Ctx                 *next,
                    GError             **error)
{
  gint64 pid = (gint64) ev->args[0];
  Seq seq = { gen->gen, ev->args[1] };
  PState *state = find_proc (order, pid);

  if (state == NULL || state->status != LANES_WIRE_PROC_IDLE || !seq_succeeds (seq, state->seq) || ctx.p != LANES_NO_PROC)
    return LANES_ADVANCE_RETRY;
  CHECK_CTX (MUST_HAVE, MUST_NOT_HAVE, MAY_HAVE);
  state->status = LANES_WIRE_PROC_RUNNING;
  state->seq = seq;
  next->p = pid;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_proc_stop (LanesOrder          *order,
                   const LanesOrderGen *gen,
                   LanesRawEvent       *ev,
                   Ctx                  ctx,
                   Ctx                 *next,
                   GError             **error)
{
  PState *state = find_proc (order, ctx.p);

  if (state == NULL)
    return fail (error, "event %s for proc (%" G_GINT64_FORMAT ") that doesn't exist", event_name (ev->type), ctx.p);
  if (state->status != LANES_WIRE_PROC_RUNNING && state->status != LANES_WIRE_PROC_SYSCALL)
    return fail (error, "%s event for proc that's not Running or Syscall", event_name (ev->type));
  CHECK_CTX (MUST_HAVE, MUST_HAVE, MAY_HAVE);
  state->status = LANES_WIRE_PROC_IDLE;
  next->p = LANES_NO_PROC;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_proc_steal (LanesOrder          *order,
                    const LanesOrderGen *gen,
                    LanesRawEvent       *ev,
                    Ctx                  ctx,
                    Ctx                 *next,
                    GError             **error)
{
  gint64 pid = (gint64) ev->args[0];
  Seq seq = { gen->gen, ev->args[1] };
  gint64 victim = (gint64) ev->args[2];
  PState *state = find_proc (order, pid);
  guint8 old_status;
  MState *ms;

  if (state == NULL
      || (state->status != LANES_WIRE_PROC_SYSCALL && state->status != LANES_WIRE_PROC_SYSCALL_ABANDONED)
      || !seq_succeeds (seq, state->seq))
    return LANES_ADVANCE_RETRY;
  CHECK_CTX (MUST_HAVE, MAY_HAVE, MAY_HAVE);

  old_status = state->status;
  ev->args[3] = old_status;
  state->status = LANES_WIRE_PROC_IDLE;
  state->seq = seq;

  /* The P was abandoned in an earlier generation: nothing else to fix. */
  if (old_status == LANES_WIRE_PROC_SYSCALL_ABANDONED)
    {
      push_in_ctx (order, ev, ctx);
      return LANES_ADVANCE_OK;
    }

  if (victim == ctx.m)
    {
      if (ctx.p != pid)
        return fail (error, "tried to self-steal proc %" G_GINT64_FORMAT " (thread %" G_GINT64_FORMAT "), but got proc %" G_GINT64_FORMAT " instead",
                     pid, victim, ctx.p);
      next->p = LANES_NO_PROC;
      push_in_ctx (order, ev, ctx);
      return LANES_ADVANCE_OK;
    }

  ms = find_thread (order, victim);
  if (ms == NULL)
    return fail (error, "stole proc from non-existent thread %" G_GINT64_FORMAT, victim);
  if (ms->p != pid)
    return fail (error, "tried to steal proc %" G_GINT64_FORMAT " from thread %" G_GINT64_FORMAT ", but got proc %" G_GINT64_FORMAT " instead",
                 pid, victim, ms->p);
  ms->p = LANES_NO_PROC;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_status (LanesOrder          *order,
                   const LanesOrderGen *gen,
                   LanesRawEvent       *ev,
                   Ctx                  ctx,
                   Ctx                 *next,
                   GError             **error)
{
  gint64 gid = (gint64) ev->args[0];
  gint64 mid = (gint64) ev->args[1];
  guint64 status = ev->args[2];
  guint8 old_state;
  GState *state;
  static const guint8 go_state[] = {
    LANES_GO_UNDETERMINED, LANES_GO_RUNNABLE, LANES_GO_RUNNING, LANES_GO_SYSCALL, LANES_GO_WAITING,
  };

  if (status >= LANES_WIRE_GO_N_STATUS)
    return fail (error, "invalid status for goroutine %" G_GINT64_FORMAT ": %" G_GUINT64_FORMAT, gid, status);
  old_state = go_state[status];

  state = find_goroutine (order, gid);
  if (state != NULL)
    {
      if (state->status != status)
        return fail (error, "inconsistent status for goroutine %" G_GINT64_FORMAT ": old %u vs. new %u",
                     gid, state->status, (guint) status);
      state->seq = (Seq) { gen->gen, 0 };
    }
  else if (gen->gen == order->head.initial_gen)
    {
      add_goroutine (order, gid, (guint8) status, gen->gen);
      old_state = LANES_GO_UNDETERMINED;
    }
  else
    return fail (error, "found goroutine status for new goroutine after the first generation: id=%" G_GINT64_FORMAT " status=%u",
                 gid, (guint) status);
  ev->args[2] = ((guint64) old_state << 32) | status;

  if (status == LANES_WIRE_GO_RUNNING)
    next->g = gid;
  else if (status == LANES_WIRE_GO_SYSCALL)
    {
      MState *ms;

      if (mid == LANES_NO_THREAD)
        return fail (error, "found goroutine %" G_GINT64_FORMAT " in syscall without a thread", gid);
      if (mid == ctx.m)
        {
          if (gen->gen != order->head.initial_gen && ctx.g != gid)
            return fail (error, "inconsistent thread for syscalling goroutine %" G_GINT64_FORMAT ": thread has goroutine %" G_GINT64_FORMAT,
                         gid, ctx.g);
          next->g = gid;
        }
      else
        {
          /* The goroutine sits in a syscall on another thread, which may
           * have lost its P: attribute the event to that thread. */
          ms = find_thread (order, mid);
          if (ms != NULL)
            {
              if (ms->g != gid)
                return fail (error, "inconsistent thread for syscalling goroutine %" G_GINT64_FORMAT ": thread has goroutine %" G_GINT64_FORMAT,
                             gid, ms->g);
              ctx.g = ms->g;
            }
          else
            {
              guint32 index = lanes_order_thread (order, mid);
              MState *created = &g_array_index (order->ms, MState, index);
              created->g = gid;
              created->p = LANES_NO_PROC;
            }
          ctx.m = mid;
        }
    }
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_create (LanesOrder          *order,
                   const LanesOrderGen *gen,
                   LanesRawEvent       *ev,
                   Ctx                  ctx,
                   Ctx                 *next,
                   GError             **error)
{
  gint64 new_g = (gint64) ev->args[0];
  GState *creator;

  CHECK_CTX (MUST_HAVE, MUST_HAVE, MAY_HAVE);
  creator = find_goroutine (order, ctx.g);
  if (creator != NULL && creator->status != LANES_WIRE_GO_RUNNING)
    return fail (error, "%s event for goroutine that's not Running", event_name (ev->type));
  if (find_goroutine (order, new_g) != NULL)
    return fail (error, "tried to create goroutine (%" G_GINT64_FORMAT ") that already exists", new_g);
  add_goroutine (order, new_g,
                 ev->type == LANES_WIRE_GO_CREATE_BLOCKED ? LANES_WIRE_GO_WAITING : LANES_WIRE_GO_RUNNABLE,
                 gen->gen);
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

G_GNUC_NO_INLINE static GState *
goroutine_not_in (const LanesRawEvent *ev,
                  Ctx                  ctx,
                  const GState        *state,
                  guint8               status,
                  GError             **error)
{
  static const char *names[] = { "Bad", "Runnable", "Running", "Syscall", "Waiting" };

  if (state == NULL)
    return fail (error, "event %s for goroutine (%" G_GINT64_FORMAT ") that doesn't exist", event_name (ev->type), ctx.g), NULL;
  return fail (error, "%s event for goroutine that's not %s", event_name (ev->type), names[status]), NULL;
}

/* The current goroutine must exist and be in @status.  Inline: most
 * events check it. */
G_ALWAYS_INLINE static inline GState *
current_goroutine (LanesOrder          *order,
                   const LanesRawEvent *ev,
                   Ctx                  ctx,
                   guint8               status,
                   GError             **error)
{
  GState *state = find_goroutine (order, ctx.g);

  if (G_LIKELY (state != NULL && state->status == status))
    return state;
  return goroutine_not_in (ev, ctx, state, status, error);
}

static LanesAdvance
advance_go_stop_exec (LanesOrder          *order,
                      const LanesOrderGen *gen,
                      LanesRawEvent       *ev,
                      Ctx                  ctx,
                      Ctx                 *next,
                      GError             **error)
{
  GState *state;

  CHECK_USER_CTX ();
  state = current_goroutine (order, ev, ctx, LANES_WIRE_GO_RUNNING, error);
  if (state == NULL)
    return LANES_ADVANCE_ERROR;
  if (ev->type == LANES_WIRE_GO_DESTROY)
    remove_goroutine (order, ctx.g);
  else
    state->status = ev->type == LANES_WIRE_GO_STOP ? LANES_WIRE_GO_RUNNABLE : LANES_WIRE_GO_WAITING;
  next->g = LANES_NO_GOROUTINE;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_start (LanesOrder          *order,
                  const LanesOrderGen *gen,
                  LanesRawEvent       *ev,
                  Ctx                  ctx,
                  Ctx                 *next,
                  GError             **error)
{
  gint64 gid = (gint64) ev->args[0];
  Seq seq = { gen->gen, ev->args[1] };
  GState *state = find_goroutine (order, gid);

  if (state == NULL || state->status != LANES_WIRE_GO_RUNNABLE || !seq_succeeds (seq, state->seq))
    return LANES_ADVANCE_RETRY;
  CHECK_CTX (MUST_HAVE, MUST_HAVE, MUST_NOT_HAVE);
  state->status = LANES_WIRE_GO_RUNNING;
  state->seq = seq;
  next->g = gid;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_unblock (LanesOrder          *order,
                    const LanesOrderGen *gen,
                    LanesRawEvent       *ev,
                    Ctx                  ctx,
                    Ctx                 *next,
                    GError             **error)
{
  Seq seq = { gen->gen, ev->args[1] };
  GState *state = find_goroutine (order, (gint64) ev->args[0]);

  if (state == NULL || state->status != LANES_WIRE_GO_WAITING || !seq_succeeds (seq, state->seq))
    return LANES_ADVANCE_RETRY;
  state->status = LANES_WIRE_GO_RUNNABLE;
  state->seq = seq;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

/* A coroutine switch: unblock the next goroutine, block (or destroy) the
 * current one and start the next, all at once. */
static LanesAdvance
advance_go_switch (LanesOrder          *order,
                   const LanesOrderGen *gen,
                   LanesRawEvent       *ev,
                   Ctx                  ctx,
                   Ctx                 *next,
                   GError             **error)
{
  gint64 next_g = (gint64) ev->args[0];
  Seq seq = { gen->gen, ev->args[1] };
  GState *current, *target;
  Ctx start_ctx = ctx;

  CHECK_USER_CTX ();
  current = current_goroutine (order, ev, ctx, LANES_WIRE_GO_RUNNING, error);
  if (current == NULL)
    return LANES_ADVANCE_ERROR;
  target = find_goroutine (order, next_g);
  if (target == NULL || target->status != LANES_WIRE_GO_WAITING || !seq_succeeds (seq, target->seq))
    return LANES_ADVANCE_RETRY;

  push_in_ctx (order, ev, ctx);
  if (ev->type == LANES_WIRE_GO_SWITCH)
    {
      current->status = LANES_WIRE_GO_WAITING;
      push_synthetic (order, ctx, LANES_WIRE_GO_BLOCK, ev->time, 0, 0);
    }
  else
    {
      remove_goroutine (order, ctx.g);
      push_synthetic (order, ctx, LANES_WIRE_GO_DESTROY, ev->time, 0, 0);
    }
  target->status = LANES_WIRE_GO_RUNNING;
  target->seq = seq;
  next->g = next_g;
  start_ctx.g = LANES_NO_GOROUTINE;
  push_synthetic (order, start_ctx, LANES_WIRE_GO_START, ev->time, (guint64) next_g, ev->args[1]);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_syscall_begin (LanesOrder          *order,
                          const LanesOrderGen *gen,
                          LanesRawEvent       *ev,
                          Ctx                  ctx,
                          Ctx                 *next,
                          GError             **error)
{
  GState *state;
  PState *proc;
  Seq p_seq = { gen->gen, ev->args[0] };

  CHECK_USER_CTX ();
  state = current_goroutine (order, ev, ctx, LANES_WIRE_GO_RUNNING, error);
  if (state == NULL)
    return LANES_ADVANCE_ERROR;
  state->status = LANES_WIRE_GO_SYSCALL;
  proc = find_proc (order, ctx.p);
  if (proc == NULL)
    return fail (error, "uninitialized proc %" G_GINT64_FORMAT " found during %s", ctx.p, event_name (ev->type));
  proc->status = LANES_WIRE_PROC_SYSCALL;
  if (!seq_succeeds (p_seq, proc->seq))
    return fail (error, "failed to advance %s: can't make sequence: %" G_GUINT64_FORMAT " (gen=%" G_GUINT64_FORMAT ") -> %" G_GUINT64_FORMAT " (gen=%" G_GUINT64_FORMAT ")",
                 event_name (ev->type), proc->seq.n, proc->seq.gen, p_seq.n, p_seq.gen);
  proc->seq = p_seq;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_syscall_end (LanesOrder          *order,
                        const LanesOrderGen *gen,
                        LanesRawEvent       *ev,
                        Ctx                  ctx,
                        Ctx                 *next,
                        GError             **error)
{
  GState *state;
  PState *proc;

  CHECK_USER_CTX ();
  state = current_goroutine (order, ev, ctx, LANES_WIRE_GO_SYSCALL, error);
  if (state == NULL)
    return LANES_ADVANCE_ERROR;
  state->status = LANES_WIRE_GO_RUNNING;
  proc = find_proc (order, ctx.p);
  if (proc == NULL)
    return fail (error, "uninitialized proc %" G_GINT64_FORMAT " found during %s", ctx.p, event_name (ev->type));
  if (proc->status != LANES_WIRE_PROC_SYSCALL)
    return fail (error, "expected proc %" G_GINT64_FORMAT " in state Syscall, but got %u instead", ctx.p, proc->status);
  proc->status = LANES_WIRE_PROC_RUNNING;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_syscall_end_blocked (LanesOrder          *order,
                                const LanesOrderGen *gen,
                                LanesRawEvent       *ev,
                                Ctx                  ctx,
                                Ctx                 *next,
                                GError             **error)
{
  GState *state;

  /* Wait until the P this thread held is stolen or abandoned. */
  if (ctx.p != LANES_NO_PROC)
    {
      PState *proc = find_proc (order, ctx.p);
      if (proc == NULL)
        return fail (error, "uninitialized proc %" G_GINT64_FORMAT " found during %s", ctx.p, event_name (ev->type));
      if (proc->status == LANES_WIRE_PROC_SYSCALL)
        return LANES_ADVANCE_RETRY;
    }
  CHECK_CTX (MUST_HAVE, MAY_HAVE, MUST_HAVE);
  state = current_goroutine (order, ev, ctx, LANES_WIRE_GO_SYSCALL, error);
  if (state == NULL)
    return LANES_ADVANCE_ERROR;
  state->status = LANES_WIRE_GO_RUNNABLE;
  next->g = LANES_NO_GOROUTINE;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_create_syscall (LanesOrder          *order,
                           const LanesOrderGen *gen,
                           LanesRawEvent       *ev,
                           Ctx                  ctx,
                           Ctx                 *next,
                           GError             **error)
{
  gint64 new_g = (gint64) ev->args[0];

  CHECK_CTX (MUST_HAVE, MAY_HAVE, MUST_NOT_HAVE);
  if (find_goroutine (order, new_g) != NULL)
    return fail (error, "tried to create goroutine (%" G_GINT64_FORMAT ") in syscall that already exists", new_g);
  add_goroutine (order, new_g, LANES_WIRE_GO_SYSCALL, gen->gen);
  next->g = new_g;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_destroy_syscall (LanesOrder          *order,
                            const LanesOrderGen *gen,
                            LanesRawEvent       *ev,
                            Ctx                  ctx,
                            Ctx                 *next,
                            GError             **error)
{
  CHECK_CTX (MUST_HAVE, MAY_HAVE, MUST_HAVE);
  if (current_goroutine (order, ev, ctx, LANES_WIRE_GO_SYSCALL, error) == NULL)
    return LANES_ADVANCE_ERROR;
  remove_goroutine (order, ctx.g);
  next->g = LANES_NO_GOROUTINE;

  /* A thread leaving Go for good gives up its P: say so with a synthetic
   * self-steal before the event itself. */
  if (ctx.p != LANES_NO_PROC)
    {
      PState *proc = find_proc (order, ctx.p);
      if (proc == NULL)
        return fail (error, "found invalid proc %" G_GINT64_FORMAT " during %s", ctx.p, event_name (ev->type));
      if (proc->status != LANES_WIRE_PROC_SYSCALL)
        return fail (error, "proc %" G_GINT64_FORMAT " in unexpected state %u during %s", ctx.p, proc->status, event_name (ev->type));
      proc->status = LANES_WIRE_PROC_SYSCALL_ABANDONED;
      next->p = LANES_NO_PROC;
      {
        LanesRawEvent steal = { .time = ev->time, .type = LANES_WIRE_PROC_STEAL,
                                .args = { (guint64) ctx.p, 0, 0, LANES_WIRE_PROC_SYSCALL } };
        push_in_ctx (order, &steal, ctx);
      }
    }
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_user_task_begin (LanesOrder          *order,
                         const LanesOrderGen *gen,
                         LanesRawEvent       *ev,
                         Ctx                  ctx,
                         Ctx                 *next,
                         GError             **error)
{
  guint64 id = ev->args[0];
  guint32 name;
  TaskState *task;

  if (g_hash_table_contains (order->tasks, &id))
    return fail (error, "task ID conflict: %" G_GUINT64_FORMAT, id);
  if (ev->args[1] == LANES_BACKGROUND_TASK)
    ev->args[1] = LANES_NO_TASK;
  if (!lanes_order_gen_string (gen, ev->args[2], &name))
    return fail (error, "invalid string ID %" G_GUINT64_FORMAT " for %s event", ev->args[2], event_name (ev->type));
  task = g_new (TaskState, 1);
  task->name = name;
  task->parent = ev->args[1];
  g_hash_table_insert (order->tasks, g_memdup2 (&id, sizeof id), task);
  CHECK_USER_CTX ();
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_user_task_end (LanesOrder          *order,
                       const LanesOrderGen *gen,
                       LanesRawEvent       *ev,
                       Ctx                  ctx,
                       Ctx                 *next,
                       GError             **error)
{
  guint64 id = ev->args[0];
  TaskState *task = g_hash_table_lookup (order->tasks, &id);

  /* The parent and name travel with the end event: the string tables of
   * the generation that began the task may be gone by now. */
  if (task != NULL)
    {
      ev->args[2] = task->parent;
      ev->args[3] = task->name;
      g_hash_table_remove (order->tasks, &id);
    }
  else
    {
      ev->args[2] = LANES_NO_TASK;
      ev->args[3] = 0;
    }
  CHECK_USER_CTX ();
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_user_region (LanesOrder          *order,
                     const LanesOrderGen *gen,
                     LanesRawEvent       *ev,
                     Ctx                  ctx,
                     Ctx                 *next,
                     GError             **error)
{
  Region region = { .task = ev->args[0] };
  GState *state;

  CHECK_USER_CTX ();
  if (!lanes_order_gen_string (gen, ev->args[1], &region.name))
    return fail (error, "invalid string ID %" G_GUINT64_FORMAT " for %s event", ev->args[1], event_name (ev->type));
  state = find_goroutine (order, ctx.g);
  if (state == NULL)
    return fail (error, "encountered %s without known state for current goroutine %" G_GINT64_FORMAT,
                 event_name (ev->type), ctx.g);

  if (ev->type == LANES_WIRE_USER_REGION_BEGIN)
    {
      if (state->regions == NULL)
        state->regions = g_array_new (FALSE, FALSE, sizeof (Region));
      g_array_append_val (state->regions, region);
    }
  else if (state->regions != NULL && state->regions->len > 0)
    {
      /* A region may end with none open: it began before tracing did. */
      Region *top = &g_array_index (state->regions, Region, state->regions->len - 1);
      if (top->task != region.task || top->name != region.name)
        return fail (error, "misuse of region in goroutine %" G_GINT64_FORMAT ": region end \"%s\" when the inner-most active region start event is \"%s\"",
                     ctx.g, lanes_trace_tables_get_string (order->tables, region.name),
                     lanes_trace_tables_get_string (order->tables, top->name));
      g_array_set_size (state->regions, state->regions->len - 1);
    }
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_gc_active (LanesOrder          *order,
                   const LanesOrderGen *gen,
                   LanesRawEvent       *ev,
                   Ctx                  ctx,
                   Ctx                 *next,
                   GError             **error)
{
  guint64 seq = ev->args[0];

  if (gen->gen == order->head.initial_gen)
    {
      if (order->gc_state != GC_UNDETERMINED)
        return fail (error, "GCActive in the first generation isn't first GC event");
      order->gc_seq = seq;
      order->gc_state = GC_RUNNING;
      push_in_ctx (order, ev, ctx);
      return LANES_ADVANCE_OK;
    }
  if (seq != order->gc_seq + 1)
    return LANES_ADVANCE_RETRY;
  if (order->gc_state != GC_RUNNING)
    return fail (error, "encountered GCActive while GC was not in progress");
  order->gc_seq = seq;
  CHECK_USER_CTX ();
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_gc_begin (LanesOrder          *order,
                  const LanesOrderGen *gen,
                  LanesRawEvent       *ev,
                  Ctx                  ctx,
                  Ctx                 *next,
                  GError             **error)
{
  guint64 seq = ev->args[0];

  if (order->gc_state == GC_UNDETERMINED)
    {
      order->gc_seq = seq;
      order->gc_state = GC_RUNNING;
      push_in_ctx (order, ev, ctx);
      return LANES_ADVANCE_OK;
    }
  if (seq != order->gc_seq + 1)
    return LANES_ADVANCE_RETRY;
  if (order->gc_state == GC_RUNNING)
    return fail (error, "encountered GCBegin while GC was already in progress");
  order->gc_seq = seq;
  order->gc_state = GC_RUNNING;
  CHECK_USER_CTX ();
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_gc_end (LanesOrder          *order,
                const LanesOrderGen *gen,
                LanesRawEvent       *ev,
                Ctx                  ctx,
                Ctx                 *next,
                GError             **error)
{
  if (ev->args[0] != order->gc_seq + 1)
    return LANES_ADVANCE_RETRY;
  if (order->gc_state == GC_NOT_RUNNING)
    return fail (error, "encountered GCEnd when GC was not in progress");
  if (order->gc_state == GC_UNDETERMINED)
    return fail (error, "encountered GCEnd when GC was in an undetermined state");
  order->gc_seq = ev->args[0];
  order->gc_state = GC_NOT_RUNNING;
  CHECK_USER_CTX ();
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_user_annotation (LanesOrder          *order,
                         const LanesOrderGen *gen,
                         LanesRawEvent       *ev,
                         Ctx                  ctx,
                         Ctx                 *next,
                         GError             **error)
{
  CHECK_USER_CTX ();
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

/* Heap metrics and experimental events: anything on a thread with a P
 * (or, for experiments, any thread). */
static LanesAdvance
advance_on_thread (LanesOrder          *order,
                   const LanesOrderGen *gen,
                   LanesRawEvent       *ev,
                   Ctx                  ctx,
                   Ctx                 *next,
                   GError             **error)
{
  gboolean needs_proc = ev->type == LANES_WIRE_HEAP_ALLOC || ev->type == LANES_WIRE_HEAP_GOAL;

  CHECK_CTX (MUST_HAVE, needs_proc ? MUST_HAVE : MAY_HAVE, MAY_HAVE);
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_gc_sweep (LanesOrder          *order,
                  const LanesOrderGen *gen,
                  LanesRawEvent       *ev,
                  Ctx                  ctx,
                  Ctx                 *next,
                  GError             **error)
{
  PState *proc;
  guint32 desc;

  CHECK_CTX (MUST_HAVE, MUST_HAVE, MAY_HAVE);
  proc = find_proc (order, ctx.p);
  if (proc == NULL)
    return fail (error, "%s on proc %" G_GINT64_FORMAT " with no known state", event_name (ev->type), ctx.p);
  if (ev->type == LANES_WIRE_GC_SWEEP_BEGIN)
    {
      if (!begin_range (&proc->ranges, (RangeKey) { ev->type, 0 }, error))
        return LANES_ADVANCE_ERROR;
    }
  else if (!end_range (proc->ranges, ev->type, &desc, error))
    return LANES_ADVANCE_ERROR;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_gc_sweep_active (LanesOrder          *order,
                         const LanesOrderGen *gen,
                         LanesRawEvent       *ev,
                         Ctx                  ctx,
                         Ctx                 *next,
                         GError             **error)
{
  gint64 pid = (gint64) ev->args[0];
  PState *proc = find_proc (order, pid);

  if (proc == NULL)
    return fail (error, "encountered GCSweepActive for unknown proc %" G_GINT64_FORMAT, pid);
  if (!active_range (&proc->ranges, (RangeKey) { LANES_WIRE_GC_SWEEP_BEGIN, 0 },
                     gen->gen == order->head.initial_gen, error))
    return LANES_ADVANCE_ERROR;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_range_begin (LanesOrder          *order,
                        const LanesOrderGen *gen,
                        LanesRawEvent       *ev,
                        Ctx                  ctx,
                        Ctx                 *next,
                        GError             **error)
{
  RangeKey key = { ev->type, 0 };
  GState *state;

  CHECK_USER_CTX ();
  /* Stop-the-world ranges are told apart by their kind.  An unknown kind
   * string fails when the event is emitted; keep an impossible id here. */
  if (ev->type == LANES_WIRE_STW_BEGIN && !lanes_order_gen_string (gen, ev->args[0], &key.desc))
    key.desc = G_MAXUINT32;
  state = find_goroutine (order, ctx.g);
  if (state == NULL)
    return fail (error, "encountered event of type %s without known state for current goroutine %" G_GINT64_FORMAT,
                 event_name (ev->type), ctx.g);
  if (!begin_range (&state->ranges, key, error))
    return LANES_ADVANCE_ERROR;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_range_active (LanesOrder          *order,
                         const LanesOrderGen *gen,
                         LanesRawEvent       *ev,
                         Ctx                  ctx,
                         Ctx                 *next,
                         GError             **error)
{
  gint64 gid = (gint64) ev->args[0];
  GState *state = find_goroutine (order, gid);

  if (state == NULL)
    return fail (error, "uninitialized goroutine %" G_GINT64_FORMAT " found during %s", gid, event_name (ev->type));
  if (!active_range (&state->ranges, (RangeKey) { range_start_type (ev->type), 0 },
                     gen->gen == order->head.initial_gen, error))
    return LANES_ADVANCE_ERROR;
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

static LanesAdvance
advance_go_range_end (LanesOrder          *order,
                      const LanesOrderGen *gen,
                      LanesRawEvent       *ev,
                      Ctx                  ctx,
                      Ctx                 *next,
                      GError             **error)
{
  GState *state;
  guint32 desc;

  CHECK_USER_CTX ();
  state = find_goroutine (order, ctx.g);
  if (state == NULL)
    return fail (error, "encountered event of type %s without known state for current goroutine %" G_GINT64_FORMAT,
                 event_name (ev->type), ctx.g);
  if (!end_range (state->ranges, ev->type, &desc, error))
    return LANES_ADVANCE_ERROR;
  if (ev->type == LANES_WIRE_STW_END)
    {
      /* The end carries the (trace-wide) kind of the stop-the-world it closes. */
      ev->args[0] = desc;
    }
  push_in_ctx (order, ev, ctx);
  return LANES_ADVANCE_OK;
}

const LanesOrderHandler lanes_order_handlers[LANES_WIRE_N_TYPES] = {
  [LANES_WIRE_PROCS_CHANGE] = advance_user_annotation,
  [LANES_WIRE_PROC_START] = advance_proc_start,
  [LANES_WIRE_PROC_STOP] = advance_proc_stop,
  [LANES_WIRE_PROC_STEAL] = advance_proc_steal,
  [LANES_WIRE_PROC_STATUS] = advance_proc_status,
  [LANES_WIRE_GO_CREATE] = advance_go_create,
  [LANES_WIRE_GO_CREATE_SYSCALL] = advance_go_create_syscall,
  [LANES_WIRE_GO_START] = advance_go_start,
  [LANES_WIRE_GO_DESTROY] = advance_go_stop_exec,
  [LANES_WIRE_GO_DESTROY_SYSCALL] = advance_go_destroy_syscall,
  [LANES_WIRE_GO_STOP] = advance_go_stop_exec,
  [LANES_WIRE_GO_BLOCK] = advance_go_stop_exec,
  [LANES_WIRE_GO_UNBLOCK] = advance_go_unblock,
  [LANES_WIRE_GO_SYSCALL_BEGIN] = advance_go_syscall_begin,
  [LANES_WIRE_GO_SYSCALL_END] = advance_go_syscall_end,
  [LANES_WIRE_GO_SYSCALL_END_BLOCKED] = advance_go_syscall_end_blocked,
  [LANES_WIRE_GO_STATUS] = advance_go_status,
  [LANES_WIRE_STW_BEGIN] = advance_go_range_begin,
  [LANES_WIRE_STW_END] = advance_go_range_end,
  [LANES_WIRE_GC_ACTIVE] = advance_gc_active,
  [LANES_WIRE_GC_BEGIN] = advance_gc_begin,
  [LANES_WIRE_GC_END] = advance_gc_end,
  [LANES_WIRE_GC_SWEEP_ACTIVE] = advance_gc_sweep_active,
  [LANES_WIRE_GC_SWEEP_BEGIN] = advance_gc_sweep,
  [LANES_WIRE_GC_SWEEP_END] = advance_gc_sweep,
  [LANES_WIRE_GC_MARK_ASSIST_ACTIVE] = advance_go_range_active,
  [LANES_WIRE_GC_MARK_ASSIST_BEGIN] = advance_go_range_begin,
  [LANES_WIRE_GC_MARK_ASSIST_END] = advance_go_range_end,
  [LANES_WIRE_HEAP_ALLOC] = advance_on_thread,
  [LANES_WIRE_HEAP_GOAL] = advance_on_thread,
  [LANES_WIRE_GO_LABEL] = advance_user_annotation,
  [LANES_WIRE_USER_TASK_BEGIN] = advance_user_task_begin,
  [LANES_WIRE_USER_TASK_END] = advance_user_task_end,
  [LANES_WIRE_USER_REGION_BEGIN] = advance_user_region,
  [LANES_WIRE_USER_REGION_END] = advance_user_region,
  [LANES_WIRE_USER_LOG] = advance_user_annotation,
  [LANES_WIRE_GO_SWITCH] = advance_go_switch,
  [LANES_WIRE_GO_SWITCH_DESTROY] = advance_go_switch,
  [LANES_WIRE_GO_CREATE_BLOCKED] = advance_go_create,
  [LANES_WIRE_GO_STATUS_STACK] = advance_go_status,
  [LANES_WIRE_SPAN] = advance_on_thread,
  [LANES_WIRE_SPAN_ALLOC] = advance_on_thread,
  [LANES_WIRE_SPAN_FREE] = advance_on_thread,
  [LANES_WIRE_HEAP_OBJECT] = advance_on_thread,
  [LANES_WIRE_HEAP_OBJECT_ALLOC] = advance_on_thread,
  [LANES_WIRE_HEAP_OBJECT_FREE] = advance_on_thread,
  [LANES_WIRE_GOROUTINE_STACK] = advance_on_thread,
  [LANES_WIRE_GOROUTINE_STACK_ALLOC] = advance_on_thread,
  [LANES_WIRE_GOROUTINE_STACK_FREE] = advance_on_thread,
};

LanesAdvance
lanes_order_bad_type (guint8   type,
                      GError **error)
{
  return fail (error, "bad event type found while ordering: %s", event_name (type));
}
