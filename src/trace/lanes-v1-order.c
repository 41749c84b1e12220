/* lanes-v1-order.c: putting an old-format trace's events in one order.
 *
 * Each P's events are in order; the merge interleaves the Ps, taking the
 * earliest event whose goroutine is in the state (and at the sequence
 * number) the event expects, as golang.org/x/exp/trace's tracev1 does.
 * Then syscall exits get the time the syscall really returned, which a
 * stable sort by time puts in place.  The replay reads that order back,
 * with times in nanoseconds since the first event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-v1-parser.h"
#include "lanes-fail.h"

#include <string.h>

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

/* The merge */

/* A P's events, or the CPU samples, with the next one decoded. */
typedef struct
{
  LanesV1Cursor cursor;
  LanesV1Event head;
  gboolean has_head;
  gboolean waiting;      /* the head waits for its goroutine to change */
  guint32 next_waiting;  /* next stream waiting for the same goroutine */
  guint32 state;         /* index in Merge.gs of the head's goroutine, if it had one */
} Stream;

typedef struct
{
  LanesV1Trace *trace;
  LanesV1Args *scratch;
  Stream *streams;       /* one per P, then the samples */
  guint n_streams;
  guint32 next_sample;
  LanesIdMap g_index;    /* goroutine → index in gs */
  GArray *gs;            /* GSeq */
  guint32 *available;    /* streams whose head is to be looked at */
  guint n_available;
  guint32 *frontier;     /* streams whose head can happen, a min-heap on its time */
  guint n_frontier;
  /* Streams whose head cannot happen yet wait, by goroutine, for it to
   * change: looking at them all after every event would be quadratic. */
  LanesIdMap waiting;    /* goroutine → first waiting stream */
  guint n_waiting;

  /* What is checked of the merged order as it comes out. */
  guint32 n_out;
  gint64 last_time;
  gboolean disordered;
  gsize disorder_offset;
  guint8 disorder_type;
  LanesIdMap block_index;/* goroutine → index in block_times */
  GArray *block_times;   /* gint64: when it last blocked in a syscall */
  GError *exit_error;
  gboolean has_first;
  gint64 first_time;     /* of the first event that did not move */
} Merge;

static GSeq
state_at (Merge   *merge,
          guint32  index)
{
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

/* The goroutine's state, added blank if absent; @index is where it was
 * found before, if it was. */
static GSeq *
state_slot (Merge   *merge,
            guint64  g,
            guint32  index)
{
  if (index == LANES_ID_MAP_ABSENT)
    index = lanes_id_map_lookup (&merge->g_index, g);
  if (index == LANES_ID_MAP_ABSENT)
    {
      GSeq none = { 0, G_DEAD };
      index = merge->gs->len;
      lanes_id_map_insert (&merge->g_index, g, index);
      g_array_append_val (merge->gs, none);
    }
  return &g_array_index (merge->gs, GSeq, index);
}

static inline void
set_pick (LanesV1Trace *trace,
          guint32       position,
          guint32       stream)
{
  switch (trace->pick_size)
    {
    case 1: ((guint8 *) trace->picks)[position] = (guint8) stream; break;
    case 2: ((guint16 *) trace->picks)[position] = (guint16) stream; break;
    default: ((guint32 *) trace->picks)[position] = stream; break;
    }
}

static inline guint32
get_pick (const LanesV1Trace *trace,
          guint32             position)
{
  switch (trace->pick_size)
    {
    case 1: return ((const guint8 *) trace->picks)[position];
    case 2: return ((const guint16 *) trace->picks)[position];
    default: return ((const guint32 *) trace->picks)[position];
    }
}

/* The frontier heap, with Go's sift rules so that equal times come out
 * in the same order as there. */

static inline gboolean
head_less (const Merge *merge,
           guint        i,
           guint        j)
{
  return merge->streams[merge->frontier[i]].head.time < merge->streams[merge->frontier[j]].head.time;
}

static inline void
head_swap (Merge *merge,
           guint  i,
           guint  j)
{
  guint32 t = merge->frontier[i];
  merge->frontier[i] = merge->frontier[j];
  merge->frontier[j] = t;
}

static void
frontier_push (Merge   *merge,
               guint32  stream)
{
  guint j = merge->n_frontier++;

  merge->frontier[j] = stream;
  while (j > 0 && head_less (merge, j, (j - 1) / 2))
    {
      head_swap (merge, j, (j - 1) / 2);
      j = (j - 1) / 2;
    }
}

static guint32
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

/* Decodes the stream's next event unless it has one; FALSE in
 * *has_event when it has no more. */
static gboolean
stream_fill (Merge     *merge,
             guint32    s,
             gboolean  *has_event,
             GError   **error)
{
  Stream *stream = &merge->streams[s];
  GArray *samples = merge->trace->samples;

  if (stream->has_head)
    *has_event = TRUE;
  else if (s + 1 == merge->n_streams)
    {
      *has_event = merge->next_sample < samples->len;
      if (*has_event)
        stream->head = g_array_index (samples, LanesV1Event, merge->next_sample++);
    }
  else if (!lanes_v1_cursor_next (&stream->cursor, merge->scratch, &stream->head, has_event, error))
    return FALSE;
  stream->has_head = *has_event;
  return TRUE;
}

static void
describe_event (GString            *out,
                const LanesV1Event *ev)
{
  g_string_append_printf (out, "%s on P %d, goroutine %" G_GUINT64_FORMAT ", at byte %" G_GSIZE_FORMAT,
                          lanes_v1_specs[ev->type].name, ev->p, ev->g, ev->offset);
}

static gboolean
fail_stuck (Merge   *merge,
            GError **error)
{
  GString *message = g_string_new (NULL);
  guint shown = 0;

  for (guint s = 0; s < merge->n_streams && shown < 4; s++)
    {
      if (!merge->streams[s].waiting)
        continue;
      if (shown++ == 0)
        g_string_printf (message, "at byte %" G_GSIZE_FORMAT ": no consistent ordering of events possible: "
                         "the next event of every P waits for another (", merge->streams[s].head.offset);
      else
        g_string_append (message, "; ");
      describe_event (message, &merge->streams[s].head);
    }
  g_string_append (message, merge->n_waiting > 4 ? "; …)" : ")");
  g_set_error_literal (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_INCONSISTENT, message->str);
  g_string_free (message, TRUE);
  return FALSE;
}

/* Moves each available stream's next event into the frontier if it can
 * happen now, or makes the stream wait for the event's goroutine. */
static gboolean
fill_frontier (Merge   *merge,
               GError **error)
{
  for (guint i = 0; i < merge->n_available; i++)
    {
      guint32 s = merge->available[i];
      Stream *stream = &merge->streams[s];
      gboolean has_event;
      GSeq need, after;
      guint64 g;

      if (!stream_fill (merge, s, &has_event, error))
        return FALSE;
      if (!has_event)
        continue;
      g = transition_of (&stream->head, &need, &after);
      /* Kept for when the head happens: states never move in gs. */
      stream->state = g == UNORDERED ? LANES_ID_MAP_ABSENT : lanes_id_map_lookup (&merge->g_index, g);
      if (ready (g, state_at (merge, stream->state), need))
        {
          frontier_push (merge, s);
          continue;
        }
      stream->waiting = TRUE;
      stream->next_waiting = lanes_id_map_lookup (&merge->waiting, g);
      lanes_id_map_insert (&merge->waiting, g, s);
      merge->n_waiting++;
    }
  merge->n_available = 0;
  return TRUE;
}

/* The goroutine changed: what waited for it is worth a look again. */
static void
wake (Merge   *merge,
      guint64  g)
{
  guint32 s = lanes_id_map_lookup (&merge->waiting, g);

  if (s == LANES_ID_MAP_ABSENT)
    return;
  lanes_id_map_remove (&merge->waiting, g);
  while (s != LANES_ID_MAP_ABSENT)
    {
      Stream *stream = &merge->streams[s];
      stream->waiting = FALSE;
      merge->n_waiting--;
      merge->available[merge->n_available++] = s;
      s = stream->next_waiting;
    }
}

static guint8
base_type (guint8 type)
{
  switch (type)
    {
    case LANES_V1_GO_START_LOCAL: return LANES_V1_GO_START;
    case LANES_V1_GO_UNBLOCK_LOCAL: return LANES_V1_GO_UNBLOCK;
    case LANES_V1_GO_SYSEXIT_LOCAL: return LANES_V1_GO_SYSEXIT;
    default: return type;
    }
}

/* A syscall exit is written when the goroutine gets a P back, long after
 * the syscall returned; the runtime notes the real time too.  Returns
 * TRUE when the exit moves to it. */
static gboolean
fix_syscall_exit (Merge              *merge,
                  const LanesV1Event *ev,
                  guint8              type)
{
  guint32 index = lanes_id_map_lookup (&merge->block_index, ev->g);
  gint64 real, block;

  if (type == LANES_V1_GO_SYSBLOCK || type == LANES_V1_GO_IN_SYSCALL)
    {
      if (index == LANES_ID_MAP_ABSENT)
        {
          lanes_id_map_insert (&merge->block_index, ev->g, merge->block_times->len);
          g_array_append_val (merge->block_times, ev->time);
        }
      else
        g_array_index (merge->block_times, gint64, index) = ev->time;
      return FALSE;
    }
  if (type != LANES_V1_GO_SYSEXIT || (real = (gint64) ev->args[2]) == 0)
    return FALSE;

  block = index == LANES_ID_MAP_ABSENT ? 0 : g_array_index (merge->block_times, gint64, index);
  if (block == 0)
    lanes_fail_at (&merge->exit_error, LANES_TRACE_ERROR_INCONSISTENT, ev->offset,
                   "stray syscall exit: goroutine %" G_GUINT64_FORMAT " never blocked in a syscall", ev->g);
  else if (real < block)
    lanes_fail_at (&merge->exit_error, LANES_TRACE_ERROR_INCONSISTENT, ev->offset,
                   "time stamps out of order: goroutine %" G_GUINT64_FORMAT " left a syscall before it blocked in it",
                   ev->g);
  else if (real != ev->time)
    {
      LanesV1Moved moved = { real, merge->n_out, ev->offset };
      g_array_append_val (merge->trace->moved_by_position, moved);
      return TRUE;
    }
  return FALSE;
}

/* What Go checks of the merged order afterwards, checked as it comes. */
static void
take_event (Merge              *merge,
            const LanesV1Event *ev)
{
  guint8 type = base_type (ev->type);
  gboolean moved = FALSE;

  if (merge->n_out > 0 && ev->time < merge->last_time && !merge->disordered)
    {
      merge->disordered = TRUE;
      merge->disorder_offset = ev->offset;
      merge->disorder_type = type;
    }
  merge->last_time = ev->time;
  if (merge->exit_error == NULL)
    moved = fix_syscall_exit (merge, ev, type);
  if (!moved && !merge->has_first)
    {
      merge->has_first = TRUE;
      merge->first_time = ev->time;
    }
  merge->n_out++;
}

static void
merge_init (Merge        *merge,
            LanesV1Trace *trace)
{
  memset (merge, 0, sizeof *merge);
  merge->trace = trace;
  merge->scratch = g_new (LanesV1Args, 1);
  lanes_id_map_init (&merge->g_index);
  lanes_id_map_init (&merge->waiting);
  lanes_id_map_init (&merge->block_index);
  merge->gs = g_array_new (FALSE, FALSE, sizeof (GSeq));
  merge->block_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  merge->n_streams = trace->procs->len + 1;
  merge->streams = g_new0 (Stream, merge->n_streams);
  merge->available = g_new (guint32, merge->n_streams);
  merge->frontier = g_new (guint32, merge->n_streams);
  for (guint i = 0; i < trace->procs->len; i++)
    lanes_v1_cursor_init (&merge->streams[i].cursor, trace, i);
  for (guint i = 0; i < merge->n_streams; i++)
    merge->available[i] = i;
  merge->n_available = merge->n_streams;

  trace->pick_size = merge->n_streams <= 256 ? 1 : merge->n_streams <= 65536 ? 2 : 4;
  trace->picks = g_malloc ((gsize) trace->n_events * trace->pick_size);
}

static void
merge_clear (Merge *merge)
{
  g_free (merge->scratch);
  lanes_id_map_clear (&merge->g_index);
  lanes_id_map_clear (&merge->waiting);
  lanes_id_map_clear (&merge->block_index);
  g_array_unref (merge->gs);
  g_array_unref (merge->block_times);
  g_free (merge->streams);
  g_free (merge->available);
  g_free (merge->frontier);
  g_clear_error (&merge->exit_error);
}

static gboolean
merge_events (Merge   *merge,
              GError **error)
{
  LanesV1Trace *trace = merge->trace;

  for (;;)
    {
      guint32 s;
      LanesV1Event *ev;
      GSeq need, after;
      guint64 g;

      if (!fill_frontier (merge, error))
        return FALSE;
      if (merge->n_frontier == 0)
        return merge->n_waiting == 0 || fail_stuck (merge, error);

      s = frontier_pop (merge);
      ev = &merge->streams[s].head;
      g = transition_of (ev, &need, &after);
      if (g != UNORDERED)
        {
          GSeq *current = state_slot (merge, g, merge->streams[s].state);

          /* Another event of the frontier may have changed the state since. */
          if (!ready (g, *current, need))
            return lanes_fail_at (error, LANES_TRACE_ERROR_INCONSISTENT, ev->offset,
                            "encountered impossible goroutine state transition: %s of goroutine %" G_GUINT64_FORMAT " on P %d",
                            lanes_v1_specs[ev->type].name, g, ev->p);
          if (after.seq == NOSEQ)
            after.seq = current->seq;
          else if (after.seq == SEQINC)
            after.seq = current->seq + 1;
          *current = after;
          if (merge->n_waiting > 0)
            wake (merge, g);
        }
      /* Every event was counted when indexed: this one is among them. */
      if (merge->n_out == trace->n_events)
        return lanes_fail_at (error, LANES_TRACE_ERROR_MALFORMED, ev->offset, "more events than the trace has");
      set_pick (trace, merge->n_out, s);
      take_event (merge, ev);
      merge->streams[s].has_head = FALSE;
      merge->available[merge->n_available++] = s;
    }
}

static int
compare_moved (gconstpointer a,
               gconstpointer b)
{
  const LanesV1Moved *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (x->position > y->position) - (x->position < y->position);
}

gboolean
lanes_v1_order (LanesV1Trace  *trace,
                GError       **error)
{
  Merge merge;
  gboolean ok;

  merge_init (&merge, trace);
  ok = merge_events (&merge, error);
  if (ok && merge.disordered)
    ok = lanes_fail_at (error, LANES_TRACE_ERROR_INCONSISTENT, merge.disorder_offset,
                  "time stamps out of order: %s is ordered after an event with a later time",
                  lanes_v1_specs[merge.disorder_type].name);
  if (ok && merge.exit_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&merge.exit_error));
      ok = FALSE;
    }
  if (ok && trace->ticks_per_sec == 0)
    ok = lanes_fail_at (error, LANES_TRACE_ERROR_TRUNCATED, trace->input->size,
                  "the trace has no Frequency event (it may be cut off before its end)");
  if (ok)
    {
      /* The stable sort by time merges the exits that moved back in. */
      g_array_append_vals (trace->moved_by_time, trace->moved_by_position->data, trace->moved_by_position->len);
      g_array_sort (trace->moved_by_time, compare_moved);
      trace->first_time = merge.first_time;
      if (trace->moved_by_time->len > 0
          && (!merge.has_first || g_array_index (trace->moved_by_time, LanesV1Moved, 0).time < merge.first_time))
        trace->first_time = g_array_index (trace->moved_by_time, LanesV1Moved, 0).time;
    }
  merge_clear (&merge);
  return ok;
}

/* The replay */

void
lanes_v1_replay_init (LanesV1Replay      *replay,
                      const LanesV1Trace *trace)
{
  memset (replay, 0, sizeof *replay);
  replay->trace = trace;
  replay->scratch = g_new (LanesV1Args, 1);
  replay->cursors = g_new (LanesV1Cursor, trace->procs->len);
  for (guint i = 0; i < trace->procs->len; i++)
    lanes_v1_cursor_init (&replay->cursors[i], trace, i);
  replay->ns_per_tick = 1e9 / (double) trace->ticks_per_sec;
}

void
lanes_v1_replay_clear (LanesV1Replay *replay)
{
  g_clear_pointer (&replay->scratch, g_free);
  g_clear_pointer (&replay->cursors, g_free);
}

/* The merge's next event that stayed where it was, into the held slot. */
static gboolean
hold_next (LanesV1Replay  *replay,
           GError        **error)
{
  const LanesV1Trace *trace = replay->trace;
  const GArray *by_position = trace->moved_by_position;

  while (!replay->has_held && replay->position < trace->n_events)
    {
      guint32 position = replay->position++;
      guint32 stream = get_pick (trace, position);
      LanesV1Event *held = &replay->slots[replay->held_slot];
      gboolean has_event = FALSE;

      if (stream < trace->procs->len)
        {
          if (!lanes_v1_cursor_next (&replay->cursors[stream], replay->scratch, held, &has_event, error))
            return FALSE;
        }
      else if (replay->next_sample < trace->samples->len)
        {
          *held = g_array_index (trace->samples, LanesV1Event, replay->next_sample++);
          has_event = TRUE;
        }
      if (!has_event)
        {
          g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_MALFORMED,
                       "the order of the trace reads past the events of P %u", stream);
          return FALSE;
        }
      if (replay->skip < by_position->len
          && g_array_index (by_position, LanesV1Moved, replay->skip).position == position)
        {
          replay->skip++;
          continue;
        }
      replay->has_held = TRUE;
      replay->held_position = position;
    }
  return TRUE;
}

LanesV1Event *
lanes_v1_replay_next (LanesV1Replay  *replay,
                      GError        **error)
{
  const LanesV1Trace *trace = replay->trace;
  const GArray *by_time = trace->moved_by_time;
  const LanesV1Moved *moved = NULL;
  const LanesV1Event *held;
  LanesV1Event *ev;
  double ns;

  if (!hold_next (replay, error))
    return NULL;
  held = &replay->slots[replay->held_slot];
  if (replay->next_moved < by_time->len)
    moved = &g_array_index (by_time, LanesV1Moved, replay->next_moved);
  /* Sorted by time, equal times in merge order. */
  if (moved != NULL
      && (!replay->has_held || moved->time < held->time
          || (moved->time == held->time && moved->position < replay->held_position)))
    {
      ev = &replay->slots[replay->held_slot ^ 1];
      if (!lanes_v1_decode_syscall_exit (trace, moved->offset, replay->scratch, ev, error))
        return NULL;
      ev->time = moved->time;
      replay->next_moved++;
    }
  else if (replay->has_held)
    {
      /* Hand out the held slot; the other one holds the next. */
      ev = &replay->slots[replay->held_slot];
      replay->held_slot ^= 1;
      replay->has_held = FALSE;
    }
  else
    return NULL;

  /* The Local variants only mattered for the merge. */
  ev->type = base_type (ev->type);
  /* Go's float-to-int conversion gives the minimum int64 out of range. */
  ns = (double) (gint64) ((guint64) ev->time - (guint64) trace->first_time) * replay->ns_per_tick;
  ev->time = ns > -9223372036854775808.0 && ns < 9223372036854775808.0 ? (gint64) ns : G_MININT64;
  if (ev->type == LANES_V1_GO_UNBLOCK
      && lanes_id_map_lookup (&trace->timer_goroutines, ev->g) != LANES_ID_MAP_ABSENT)
    ev->p = LANES_V1_TIMER_P;
  if (ev->type == LANES_V1_GO_SYSEXIT)
    ev->p = LANES_V1_SYSCALL_P;
  replay->index = replay->next_index++;
  return ev;
}
