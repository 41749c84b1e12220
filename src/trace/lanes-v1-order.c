/* lanes-v1-order.c: putting an old-format trace's events in one order.
 *
 * Each P's events are in order; the merge interleaves the Ps, taking the
 * earliest event whose goroutine is in the state (and at the sequence
 * number) the event expects, as golang.org/x/exp/trace's tracev1 does.
 * Then syscall exits get the time the syscall really returned, and all
 * times become nanoseconds since the first event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-v1-parser.h"

#include "lanes-trace-reader.h"

/* What the merge knows of a goroutine. */
enum { G_DEAD, G_RUNNABLE, G_RUNNING, G_WAITING };

typedef struct
{
  guint64 seq;
  guint8 status;
} GSeq;

/* Sequence wildcards, and the goroutine ids of events with no ordering
 * constraint and of the GC's sequence. */
#define NOSEQ     G_MAXUINT64
#define SEQINC    (G_MAXUINT64 - 1)
#define UNORDERED G_MAXUINT64
#define GARBAGE   (G_MAXUINT64 - 1)

typedef struct
{
  guint32 batch;         /* current batch, LANES_NO_BATCH for the samples */
  guint32 next;          /* next event, index in trace->events */
  guint32 end;
} Cursor;

typedef struct
{
  guint32 event;
  guint32 cursor;
} Head;

typedef struct
{
  LanesV1Trace *trace;
  LanesIdMap g_index;    /* goroutine → index in gs */
  GArray *gs;            /* GSeq */
  Cursor *cursors;
  guint n_cursors;
  guint32 *available;    /* cursors whose next event is not in the frontier */
  guint n_available;
  Head *frontier;        /* min-heap on time */
  guint n_frontier;
} Merge;

G_GNUC_PRINTF (4, 5) static gboolean
fail_at (GError    **error,
         gint        code,
         gsize       offset,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LANES_TRACE_ERROR, code, "at byte %" G_GSIZE_FORMAT ": %s", offset, message);
  return FALSE;
}

/* The goroutine an event orders on, the state it needs and the state it
 * leaves; UNORDERED when it may happen any time. */
static guint64
transition_of (const LanesV1Event *ev,
               GSeq               *need,
               GSeq               *after)
{
  switch (ev->type)
    {
    case LANES_V1_GO_CREATE:
      *need = (GSeq) { 0, G_DEAD };
      *after = (GSeq) { 1, G_RUNNABLE };
      return ev->args[0];
    case LANES_V1_GO_WAITING:
    case LANES_V1_GO_IN_SYSCALL:
      *need = (GSeq) { 1, G_RUNNABLE };
      *after = (GSeq) { 2, G_WAITING };
      return ev->g;
    case LANES_V1_GO_START:
    case LANES_V1_GO_START_LABEL:
      *need = (GSeq) { ev->args[1], G_RUNNABLE };
      *after = (GSeq) { ev->args[1] + 1, G_RUNNING };
      return ev->g;
    case LANES_V1_GO_START_LOCAL:
      /* Written on the P that made the goroutine runnable, so that
       * event is merged already; the sequence number is implied. */
      *need = (GSeq) { NOSEQ, G_RUNNABLE };
      *after = (GSeq) { SEQINC, G_RUNNING };
      return ev->g;
    case LANES_V1_GO_BLOCK:
    case LANES_V1_GO_BLOCK_SEND:
    case LANES_V1_GO_BLOCK_RECV:
    case LANES_V1_GO_BLOCK_SELECT:
    case LANES_V1_GO_BLOCK_SYNC:
    case LANES_V1_GO_BLOCK_COND:
    case LANES_V1_GO_BLOCK_NET:
    case LANES_V1_GO_SLEEP:
    case LANES_V1_GO_SYSBLOCK:
    case LANES_V1_GO_BLOCK_GC:
      *need = (GSeq) { NOSEQ, G_RUNNING };
      *after = (GSeq) { NOSEQ, G_WAITING };
      return ev->g;
    case LANES_V1_GO_SCHED:
    case LANES_V1_GO_PREEMPT:
      *need = (GSeq) { NOSEQ, G_RUNNING };
      *after = (GSeq) { NOSEQ, G_RUNNABLE };
      return ev->g;
    case LANES_V1_GO_UNBLOCK:
    case LANES_V1_GO_SYSEXIT:
      *need = (GSeq) { ev->args[1], G_WAITING };
      *after = (GSeq) { ev->args[1] + 1, G_RUNNABLE };
      return ev->args[0];
    case LANES_V1_GO_UNBLOCK_LOCAL:
    case LANES_V1_GO_SYSEXIT_LOCAL:
      *need = (GSeq) { NOSEQ, G_WAITING };
      *after = (GSeq) { SEQINC, G_RUNNABLE };
      return ev->args[0];
    case LANES_V1_GC_START:
      *need = (GSeq) { ev->args[0], G_DEAD };
      *after = (GSeq) { ev->args[0] + 1, G_DEAD };
      return GARBAGE;
    default:
      return UNORDERED;
    }
}

static GSeq
state_of (Merge   *merge,
          guint64  g)
{
  guint32 index = lanes_id_map_lookup (&merge->g_index, g);
  GSeq none = { 0, G_DEAD };

  return index == LANES_ID_MAP_ABSENT ? none : g_array_index (merge->gs, GSeq, index);
}

static gboolean
ready (guint64 g,
       GSeq    current,
       GSeq    need)
{
  return g == UNORDERED
         || ((need.seq == NOSEQ || need.seq == current.seq) && need.status == current.status);
}

static void
set_state (Merge   *merge,
           guint64  g,
           GSeq     state)
{
  guint32 index = lanes_id_map_lookup (&merge->g_index, g);

  if (index == LANES_ID_MAP_ABSENT)
    {
      lanes_id_map_insert (&merge->g_index, g, merge->gs->len);
      g_array_append_val (merge->gs, state);
    }
  else
    g_array_index (merge->gs, GSeq, index) = state;
}

/* The frontier heap, with Go's sift rules so that equal times come out
 * in the same order as there. */

static inline gboolean
head_less (const Merge *merge,
           guint        i,
           guint        j)
{
  const LanesV1Event *events = merge->trace->events;
  return events[merge->frontier[i].event].time < events[merge->frontier[j].event].time;
}

static inline void
head_swap (Merge *merge,
           guint  i,
           guint  j)
{
  Head t = merge->frontier[i];
  merge->frontier[i] = merge->frontier[j];
  merge->frontier[j] = t;
}

static void
frontier_push (Merge *merge,
               Head   head)
{
  guint j = merge->n_frontier++;

  merge->frontier[j] = head;
  while (j > 0 && head_less (merge, j, (j - 1) / 2))
    {
      head_swap (merge, j, (j - 1) / 2);
      j = (j - 1) / 2;
    }
}

static Head
frontier_pop (Merge *merge)
{
  guint n = --merge->n_frontier;
  guint i = 0;

  head_swap (merge, 0, n);
  for (;;)
    {
      guint j = 2 * i + 1;
      if (j >= n)
        break;
      if (j + 1 < n && head_less (merge, j + 1, j))
        j++;
      if (!head_less (merge, j, i))
        break;
      head_swap (merge, i, j);
      i = j;
    }
  return merge->frontier[n];
}

/* Moves the cursor to a batch with events left; FALSE when the P has none. */
static gboolean
cursor_has_event (const LanesV1Trace *trace,
                  Cursor             *cursor)
{
  while (cursor->next == cursor->end)
    {
      const LanesV1Batch *batch;

      if (cursor->batch == LANES_NO_BATCH)
        return FALSE;
      cursor->batch = g_array_index (trace->batches, LanesV1Batch, cursor->batch).next;
      if (cursor->batch == LANES_NO_BATCH)
        return FALSE;
      batch = &g_array_index (trace->batches, LanesV1Batch, cursor->batch);
      cursor->next = batch->first;
      cursor->end = batch->first + batch->n_events;
    }
  return TRUE;
}

static void
describe_event (GString            *out,
                const LanesV1Trace *trace,
                guint32             index)
{
  const LanesV1Event *ev = &trace->events[index];

  g_string_append_printf (out, "%s on P %d, goroutine %" G_GUINT64_FORMAT ", at byte %" G_GSIZE_FORMAT,
                          lanes_v1_specs[ev->type].name, ev->p, ev->g, lanes_v1_event_offset (trace, index));
}

static gboolean
fail_stuck (Merge   *merge,
            GError **error)
{
  GString *message = g_string_new (NULL);

  g_string_printf (message, "at byte %" G_GSIZE_FORMAT ": no consistent ordering of events possible: "
                   "the next event of every P waits for another (",
                   lanes_v1_event_offset (merge->trace, merge->cursors[merge->available[0]].next));

  for (guint i = 0; i < merge->n_available && i < 4; i++)
    {
      if (i > 0)
        g_string_append (message, "; ");
      describe_event (message, merge->trace, merge->cursors[merge->available[i]].next);
    }
  g_string_append (message, merge->n_available > 4 ? "; …)" : ")");
  g_set_error_literal (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_INCONSISTENT, message->str);
  g_string_free (message, TRUE);
  return FALSE;
}

static void
merge_init (Merge        *merge,
            LanesV1Trace *trace)
{
  merge->trace = trace;
  lanes_id_map_init (&merge->g_index);
  merge->gs = g_array_new (FALSE, FALSE, sizeof (GSeq));
  merge->n_cursors = trace->procs->len + 1;
  merge->cursors = g_new (Cursor, merge->n_cursors);
  merge->available = g_new (guint32, merge->n_cursors);
  merge->frontier = g_new (Head, merge->n_cursors);
  merge->n_frontier = 0;

  for (guint i = 0; i < trace->procs->len; i++)
    {
      const LanesV1Proc *proc = &g_array_index (trace->procs, LanesV1Proc, i);
      const LanesV1Batch *batch = &g_array_index (trace->batches, LanesV1Batch, proc->first);
      merge->cursors[i] = (Cursor) { proc->first, batch->first, batch->first + batch->n_events };
    }
  /* The CPU samples are one more stream, already sorted. */
  merge->cursors[trace->procs->len] = (Cursor) { LANES_NO_BATCH, trace->n_batch_events, trace->n_events };
  for (guint i = 0; i < merge->n_cursors; i++)
    merge->available[i] = i;
  merge->n_available = merge->n_cursors;
}

static void
merge_clear (Merge *merge)
{
  lanes_id_map_clear (&merge->g_index);
  g_array_unref (merge->gs);
  g_free (merge->cursors);
  g_free (merge->available);
  g_free (merge->frontier);
}

/* Moves every available P whose next event can happen now into the
 * frontier; the rest wait. */
static void
fill_frontier (Merge *merge)
{
  const LanesV1Trace *trace = merge->trace;

  for (guint i = 0; i < merge->n_available;)
    {
      guint32 c = merge->available[i];
      Cursor *cursor = &merge->cursors[c];
      GSeq need, after;
      guint64 g;

      if (!cursor_has_event (trace, cursor))
        {
          merge->available[i] = merge->available[--merge->n_available];
          continue;
        }
      g = transition_of (&trace->events[cursor->next], &need, &after);
      if (!ready (g, state_of (merge, g), need))
        {
          i++;
          continue;
        }
      frontier_push (merge, (Head) { cursor->next++, c });
      merge->available[i] = merge->available[--merge->n_available];
    }
}

static gboolean
merge_events (LanesV1Trace  *trace,
              GError       **error)
{
  Merge merge;
  guint32 n_out = 0;
  gboolean ok = TRUE;

  merge_init (&merge, trace);
  trace->order = g_new (guint32, MAX (trace->n_events, 1));
  for (;;)
    {
      Head head;
      LanesV1Event *ev;
      GSeq need, after, current;
      guint64 g;

      fill_frontier (&merge);
      if (merge.n_frontier == 0)
        {
          if (merge.n_available > 0)
            ok = fail_stuck (&merge, error);
          break;
        }
      head = frontier_pop (&merge);
      ev = &trace->events[head.event];
      g = transition_of (ev, &need, &after);
      current = state_of (&merge, g);
      /* Another event of the frontier may have changed the state since. */
      if (!ready (g, current, need))
        {
          ok = fail_at (error, LANES_TRACE_ERROR_INCONSISTENT, lanes_v1_event_offset (trace, head.event),
                        "encountered impossible goroutine state transition: %s of goroutine %" G_GUINT64_FORMAT " on P %d",
                        lanes_v1_specs[ev->type].name, g, ev->p);
          break;
        }
      if (g != UNORDERED)
        {
          if (after.seq == NOSEQ)
            after.seq = current.seq;
          else if (after.seq == SEQINC)
            after.seq = current.seq + 1;
          set_state (&merge, g, after);
        }

      /* The Local variants only mattered for ordering. */
      if (ev->type == LANES_V1_GO_START_LOCAL)
        ev->type = LANES_V1_GO_START;
      else if (ev->type == LANES_V1_GO_UNBLOCK_LOCAL)
        ev->type = LANES_V1_GO_UNBLOCK;
      else if (ev->type == LANES_V1_GO_SYSEXIT_LOCAL)
        ev->type = LANES_V1_GO_SYSEXIT;
      trace->order[n_out++] = head.event;
      merge.available[merge.n_available++] = head.cursor;
    }
  merge_clear (&merge);
  return ok;
}

static gboolean
check_sorted (const LanesV1Trace  *trace,
              GError             **error)
{
  for (guint32 i = 1; i < trace->n_events; i++)
    if (trace->events[trace->order[i]].time < trace->events[trace->order[i - 1]].time)
      return fail_at (error, LANES_TRACE_ERROR_INCONSISTENT, lanes_v1_event_offset (trace, trace->order[i]),
                      "time stamps out of order: %s is ordered after an event with a later time",
                      lanes_v1_specs[trace->events[trace->order[i]].type].name);
  return TRUE;
}

/* A syscall exit moved to its real time, and where it was in the order. */
typedef struct
{
  gint64 time;
  guint32 position;
  guint32 event;
} Moved;

static int
compare_moved (gconstpointer a,
               gconstpointer b)
{
  const Moved *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (x->position > y->position) - (x->position < y->position);
}

static gint
compare_order (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const LanesV1Event *events = data;
  gint64 x = events[*(const guint32 *) a].time, y = events[*(const guint32 *) b].time;
  return (x > y) - (x < y);
}

/* The stable sort by time after some syscall exits moved.  When they all
 * moved earlier (a real trace's always do), the rest are still in order:
 * merging the two sorted runs from the back needs no second array. */
static void
resort (LanesV1Trace *trace,
        GArray       *moved,
        gboolean      any_later)
{
  const LanesV1Event *events = trace->events;
  guint32 *order = trace->order;
  g_autoptr(GArray) by_time = NULL;
  gint64 r, w, m, k;

  if (moved->len == 0)
    return;
  if (any_later)
    {
      g_qsort_with_data (order, trace->n_events, sizeof (guint32), compare_order, (gpointer) events);
      return;
    }

  by_time = g_array_copy (moved);
  g_array_sort (by_time, compare_moved);
  r = w = (gint64) trace->n_events - 1;
  m = k = (gint64) moved->len - 1;   /* @moved is by position, @by_time by (time, position) */
  while (m >= 0)
    {
      const Moved *next = &g_array_index (by_time, Moved, m);

      while (k >= 0 && g_array_index (moved, Moved, k).position == r)
        {
          r--;
          k--;
        }
      if (r >= 0 && (events[order[r]].time > next->time
                     || (events[order[r]].time == next->time && r > next->position)))
        order[w--] = order[r--];
      else
        {
          order[w--] = next->event;
          m--;
        }
    }
}

/* A syscall exit is written when the goroutine gets a P back, long after
 * the syscall returned; the runtime notes the real time too. */
static gboolean
fix_syscall_exits (LanesV1Trace  *trace,
                   GError       **error)
{
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (Moved));
  g_autoptr(GArray) block_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  LanesIdMap last_block;   /* goroutine → index in block_times */
  gboolean any_later = FALSE;
  gboolean ok = TRUE;

  lanes_id_map_init (&last_block);
  for (guint32 i = 0; i < trace->n_events && ok; i++)
    {
      LanesV1Event *ev = &trace->events[trace->order[i]];
      guint32 index;
      gint64 real, block;

      switch (ev->type)
        {
        case LANES_V1_GO_SYSBLOCK:
        case LANES_V1_GO_IN_SYSCALL:
          index = lanes_id_map_lookup (&last_block, ev->g);
          if (index == LANES_ID_MAP_ABSENT)
            {
              lanes_id_map_insert (&last_block, ev->g, block_times->len);
              g_array_append_val (block_times, ev->time);
            }
          else
            g_array_index (block_times, gint64, index) = ev->time;
          break;
        case LANES_V1_GO_SYSEXIT:
          real = (gint64) ev->args[2];
          if (real == 0)
            break;
          index = lanes_id_map_lookup (&last_block, ev->g);
          block = index == LANES_ID_MAP_ABSENT ? 0 : g_array_index (block_times, gint64, index);
          if (block == 0)
            ok = fail_at (error, LANES_TRACE_ERROR_INCONSISTENT, lanes_v1_event_offset (trace, trace->order[i]),
                          "stray syscall exit: goroutine %" G_GUINT64_FORMAT " never blocked in a syscall", ev->g);
          else if (real < block)
            ok = fail_at (error, LANES_TRACE_ERROR_INCONSISTENT, lanes_v1_event_offset (trace, trace->order[i]),
                          "time stamps out of order: goroutine %" G_GUINT64_FORMAT " left a syscall before it blocked in it", ev->g);
          else if (real != ev->time)
            {
              Moved m = { real, i, trace->order[i] };
              any_later |= real > ev->time;
              ev->time = real;
              g_array_append_val (moved, m);
            }
          break;
        default:
          break;
        }
    }
  lanes_id_map_clear (&last_block);
  if (ok)
    resort (trace, moved, any_later);
  return ok;
}

/* Ticks to nanoseconds since the first event, computed as Go does. */
static void
normalize_times (LanesV1Trace *trace)
{
  double ns_per_tick = 1e9 / (double) trace->ticks_per_sec;
  gint64 first;

  if (trace->n_events == 0)
    return;
  first = trace->events[trace->order[0]].time;
  for (guint32 i = 0; i < trace->n_events; i++)
    {
      LanesV1Event *ev = &trace->events[i];
      double ns = (double) (gint64) ((guint64) ev->time - (guint64) first) * ns_per_tick;

      /* Go's float-to-int conversion gives the minimum int64 out of range. */
      ev->time = ns > -9223372036854775808.0 && ns < 9223372036854775808.0 ? (gint64) ns : G_MININT64;

      if (ev->type == LANES_V1_GO_UNBLOCK
          && lanes_id_map_lookup (&trace->timer_goroutines, ev->g) != LANES_ID_MAP_ABSENT)
        ev->p = LANES_V1_TIMER_P;
      if (ev->type == LANES_V1_GO_SYSEXIT)
        ev->p = LANES_V1_SYSCALL_P;
    }
}

gboolean
lanes_v1_order (LanesV1Trace  *trace,
                GError       **error)
{
  if (!merge_events (trace, error)
      || !check_sorted (trace, error)
      || !fix_syscall_exits (trace, error))
    return FALSE;
  if (trace->ticks_per_sec == 0)
    {
      return fail_at (error, LANES_TRACE_ERROR_TRUNCATED, trace->size,
                      "the trace has no Frequency event (it may be cut off before its end)");
    }
  normalize_times (trace);
  return TRUE;
}
