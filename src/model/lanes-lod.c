/* lanes-lod.c
 *
 * The pyramid of a lane holds, per level, the buckets that need more than
 * a glance at the lane: those with more than DENSE boundaries (span
 * starts), and on the coarse levels, where buckets are few, every bucket
 * with a boundary at all.  Each keeps its dominant state, its coverage and
 * the state in effect at its end.  A query on a coarse level therefore
 * never reads the lane, whose entries are scattered over a large arena:
 * what is not in the pyramid is a run of the state the previous bucket
 * ended with.  On finer levels a bucket not in the pyramid is read from
 * the lane, at most DENSE spans.  Stored buckets form a tree: a stored
 * bucket's parent is stored.
 *
 * The pyramid is built in one pass over the lane, depth first in time
 * order: a reader keeps the time spent in each state since the lane
 * began, so a bucket's histogram is the difference between its end and
 * its start, and reads DENSE entries ahead, so whether a child bucket is
 * stored is known before descending into it.  The coarse levels are
 * those with at most n / 32 buckets, so a pyramid holds at most about
 * n / 16 buckets besides the dense ones, 7 bytes each: storing more cost
 * more to build than the reads it saved (at most DENSE spans a bucket,
 * in order) cost to draw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-lod.h"

#include "lanes-span-store-private.h"

#include <math.h>
#include <string.h>

#define DENSE               32      /* 16 built 4 % slower, drew no faster */
/* DENSE entries still to read, and a block read after them. */
#define READ_AHEAD          (DENSE + 1 + LANES_SPAN_BLOCK_ENTRIES)
#define MIN_PYRAMID_ENTRIES 64
#define MAX_LEVEL           62
#define LABELLED_RUN        32      /* buckets a run needs to be worth its actor */

/* States are sets of bits in a guint32. */
G_STATIC_ASSERT (LANES_N_STATES <= 32);

typedef struct
{
  guint8 min_level;
  guint8 n_levels;
  guint8 full_level;    /* from here up, every bucket with a boundary */
  guint32 *starts;      /* n_levels + 1 offsets into the arrays below */
  guint32 *buckets;     /* by level, then time */
  guint8 *states;
  guint8 *coverage;
  guint8 *end_states;   /* the state in effect at the bucket's end */
} Pyramid;

struct _LanesLod
{
  const LanesSpanStore *store;
  gint64 origin;
  gint64 end;
  guint min_level;      /* bucket indexes fit 32 bits from here up */
  guint max_level;      /* one bucket holds the whole trace */
  Pyramid **pyramids;   /* per lane; NULL when the lane is small */
  gsize memory;
};

LanesState
lanes_lod_dominant (const guint64 *histogram,
                    guint32        touched,
                    gint64         length,
                    guint8        *coverage)
{
  guint64 active = 0, best = 0, best_background = 0;
  LanesState state = LANES_N_STATES, background = LANES_STATE_NONE;

  for (; touched != 0; touched &= touched - 1)
    {
      guint s = __builtin_ctz (touched);
      guint64 v = histogram[s];

      if (v == 0)
        continue;
      if (lanes_state_is_background (s))
        {
          if (v > best_background)
            {
              best_background = v;
              background = s;
            }
          continue;
        }
      active += v;
      if (v > best)
        {
          best = v;
          state = s;
        }
    }
  /* Any activity shows, however little of the bucket it filled. */
  *coverage = active == 0 ? 0 : (guint8) CLAMP ((active * 255 + length / 2) / length, 1, 255);
  return state != LANES_N_STATES ? state : background;
}

LanesLod *
lanes_lod_new (const LanesSpanStore *store,
               gint64                origin,
               gint64                end)
{
  LanesLod *lod = g_new0 (LanesLod, 1);
  guint64 duration = (guint64) MAX (end - origin, 1);

  lod->store = store;
  lod->origin = origin;
  lod->end = MAX (end, origin);
  lod->max_level = g_bit_storage (duration);
  lod->min_level = lod->max_level > 32 ? lod->max_level - 32 : 0;
  lod->pyramids = g_new0 (Pyramid *, lanes_span_store_get_n_lanes (store));
  return lod;
}

void
lanes_lod_free (LanesLod *lod)
{
  if (lod == NULL)
    return;
  for (guint i = 0; i < lanes_span_store_get_n_lanes (lod->store); i++)
    g_free (lod->pyramids[i]);
  g_free (lod->pyramids);
  g_free (lod);
}

gsize
lanes_lod_get_memory (const LanesLod *lod)
{
  return lod->memory + lanes_span_store_get_n_lanes (lod->store) * sizeof (Pyramid *);
}

guint
lanes_lod_level_for (double ns_per_pixel)
{
  /* Buckets of 0.7 to 1.4 pixels: about one item per pixel, and about
   * one pixel's precision. */
  if (!(ns_per_pixel >= 1.5))
    return 0;
  return MIN ((guint) floor (log2 (ns_per_pixel) + 0.5), MAX_LEVEL);
}

/* Building */

/* A lane read in order, summing the time spent in each state, with the
 * entries to come read ahead a block at a time.  After the lane's last
 * entry comes a NONE span from the end of the trace on, then entries at
 * G_MAXINT64 that never come. */
typedef struct
{
  LanesSpanIter iter;
  gint64 end;
  gboolean past_end;
  gint64 times[READ_AHEAD];           /* entries read ahead: [next, n) */
  guint8 states[READ_AHEAD];
  guint next;
  guint n;
  LanesState state;                   /* of the span in effect */
  gint64 time;                        /* summed up to here */
  gint64 changed;                     /* when the state last changed */
  guint64 histogram[LANES_N_STATES];
  guint32 touched;                    /* states added to, as bits */
} Reader;

static G_GNUC_NO_INLINE void
reader_refill (Reader *r,
               guint   k)
{
  guint left = r->n - r->next;

  memmove (r->times, r->times + r->next, left * sizeof (gint64));
  memmove (r->states, r->states + r->next, left);
  r->next = 0;
  r->n = left;
  while (r->n <= k)
    {
      guint got = r->past_end ? 0 : _lanes_span_iter_read_states (&r->iter, r->times + r->n, r->states + r->n);

      if (got > 0)
        {
          r->n += got;
          continue;
        }
      r->times[r->n] = r->past_end ? G_MAXINT64 : r->end;
      r->states[r->n] = LANES_STATE_NONE;
      r->past_end = TRUE;
      r->n++;
    }
}

/* The start of the @k-th entry ahead; @k is at most DENSE. */
static inline gint64
reader_peek (Reader *r,
             guint   k)
{
  if (G_UNLIKELY (r->next + k >= r->n))
    reader_refill (r, k);
  return r->times[r->next + k];
}

static inline void
reader_run_to (Reader *r,
               gint64  time)
{
  LanesState state = r->state;
  gint64 at = r->time;
  guint32 touched = r->touched;

  for (;;)
    {
      guint next = r->next, n = r->n;

      /* In locals: this loop runs once per entry of every large lane. */
      while (next < n && r->times[next] <= time)
        {
          r->histogram[state] += r->times[next] - at;
          touched |= 1u << state;
          at = r->changed = r->times[next];
          state = r->states[next++];
        }
      r->next = next;
      if (next < n)
        break;
      reader_refill (r, 0);
    }
  r->histogram[state] += time - at;
  r->touched = touched | 1u << state;
  r->state = state;
  r->time = time;
}

typedef struct
{
  guint32 bucket;
  guint8 state;
  guint8 coverage;
  guint8 end_state;
} Stored;

/* Plain growing arrays: a GArray checks each append for overflow with
 * a division, which showed in profiles. */
typedef struct
{
  Stored *items;
  guint len;
  guint capacity;
} StoredLevel;

static guint
stored_level_add (StoredLevel *level)
{
  if (G_UNLIKELY (level->len == level->capacity))
    {
      level->capacity = MAX (16, 2 * level->capacity);
      level->items = g_renew (Stored, level->items, level->capacity);
    }
  return level->len++;
}

typedef struct
{
  const LanesLod *lod;
  guint full_level;
  Reader reader;
  StoredLevel levels[MAX_LEVEL + 1];  /* sorted by bucket */
} Summarizer;

/* Whether the bucket the reader is at the start of, ending at @end, is
 * one to keep. */
static gboolean
keep (Summarizer *s,
      guint       level,
      gint64      end)
{
  Reader *r = &s->reader;

  if (level == 0 || level < s->lod->min_level)
    return FALSE;
  if (level >= s->full_level && (reader_peek (r, 0) < end || r->changed == r->time))
    return TRUE;
  return reader_peek (r, DENSE) < end;
}

/* Records bucket @bucket of @level, which the reader is at the start of,
 * and the buckets to keep inside it. */
static void
summarize (Summarizer *s,
           guint       level,
           gint64      bucket)
{
  Reader *r = &s->reader;
  guint index = stored_level_add (&s->levels[level]);
  Stored stored = { (guint32) bucket, 0, 0, 0 };
  guint64 before[LANES_N_STATES];
  guint32 outer = r->touched, touched;

  memcpy (before, r->histogram, sizeof before);
  /* What the bucket touches: only those states can differ. */
  r->touched = 0;
  for (guint half = 0; half < 2; half++)
    {
      guint child_level = level - 1;
      gint64 child = bucket * 2 + half;
      gint64 end = s->lod->origin + ((child + 1) << child_level);

      if (keep (s, child_level, end))
        summarize (s, child_level, child);
      else
        reader_run_to (r, end);
    }
  touched = r->touched;
  for (guint32 t = touched; t != 0; t &= t - 1)
    before[__builtin_ctz (t)] = r->histogram[__builtin_ctz (t)] - before[__builtin_ctz (t)];
  stored.state = lanes_lod_dominant (before, touched, (gint64) 1 << level, &stored.coverage);
  stored.end_state = r->state;
  r->touched = outer | touched;
  s->levels[level].items[index] = stored;
}

static Pyramid *
pack (Summarizer *s,
      gsize      *memory)
{
  guint min_level = MAX_LEVEL + 1, n_levels, total = 0;
  Pyramid *p;
  gsize size;

  for (guint l = 0; l <= s->lod->max_level; l++)
    if (s->levels[l].len > 0)
      {
        min_level = MIN (min_level, l);
        total += s->levels[l].len;
      }
  if (total == 0)
    return NULL;

  /* One allocation: the header, then the arrays. */
  n_levels = s->lod->max_level - min_level + 1;
  size = sizeof (Pyramid) + (n_levels + 1) * sizeof (guint32) + total * (sizeof (guint32) + 3);
  p = g_malloc (size);
  p->min_level = min_level;
  p->n_levels = n_levels;
  p->full_level = s->full_level;
  p->starts = (guint32 *) (p + 1);
  p->buckets = p->starts + n_levels + 1;
  p->states = (guint8 *) (p->buckets + total);
  p->coverage = p->states + total;
  p->end_states = p->coverage + total;
  p->starts[0] = 0;
  for (guint i = 0; i < n_levels; i++)
    {
      const StoredLevel *level = &s->levels[min_level + i];

      for (guint j = 0; j < level->len; j++)
        {
          const Stored *stored = &level->items[j];
          guint k = p->starts[i] + j;

          p->buckets[k] = stored->bucket;
          p->states[k] = stored->state;
          p->coverage[k] = stored->coverage;
          p->end_states[k] = stored->end_state;
        }
      p->starts[i + 1] = p->starts[i] + level->len;
    }
  *memory = size;
  return p;
}

static Pyramid *
build_pyramid (const LanesLod *lod,
               guint32         lane,
               guint64         n_entries,
               gsize          *memory)
{
  Summarizer *s = g_new0 (Summarizer, 1);
  Pyramid *p = NULL;

  s->lod = lod;
  s->full_level = g_bit_storage ((guint64) (lod->end - lod->origin) / MAX (n_entries / 32, 1));
  s->reader.end = lod->end;
  s->reader.time = s->reader.changed = lod->origin;
  lanes_span_iter_init (&s->reader.iter, lod->store, lane);
  reader_run_to (&s->reader, lod->origin);

  /* The top level's one bucket holds the whole lane. */
  if (lod->max_level > 0 && keep (s, lod->max_level, lod->end))
    summarize (s, lod->max_level, 0);
  p = pack (s, memory);

  for (guint l = 0; l <= lod->max_level; l++)
    g_free (s->levels[l].items);
  g_free (s);
  return p;
}

typedef struct
{
  LanesLod *lod;
  guint32 *lanes;       /* the lanes to build, largest first */
  guint64 *sizes;       /* entries by lane */
  guint n_lanes;
  gint next;            /* atomic */
  gsize memory;         /* atomic */
} BuildJob;

static gpointer
build_worker (gpointer data)
{
  BuildJob *job = data;
  gint i;

  while ((i = g_atomic_int_add (&job->next, 1)) < (gint) job->n_lanes)
    {
      gsize memory = 0;
      guint32 lane = job->lanes[i];

      job->lod->pyramids[lane] = build_pyramid (job->lod, lane, job->sizes[lane], &memory);
      g_atomic_pointer_add (&job->memory, memory);
    }
  return NULL;
}

static gint
compare_sizes (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const guint64 *sizes = data;
  guint64 x = sizes[*(const guint32 *) a], y = sizes[*(const guint32 *) b];

  return x < y ? 1 : x > y ? -1 : 0;
}

void
lanes_lod_build (LanesLod *lod,
                 guint     n_threads)
{
  guint n = lanes_span_store_get_n_lanes (lod->store);
  g_autofree guint64 *sizes = g_new (guint64, n);
  g_autofree guint32 *lanes = g_new (guint32, n);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  BuildJob job = { lod, lanes, sizes, 0, 0, 0 };

  for (guint32 lane = 0; lane < n; lane++)
    {
      sizes[lane] = lanes_span_store_get_n_entries (lod->store, lane);
      if (sizes[lane] >= MIN_PYRAMID_ENTRIES)
        lanes[job.n_lanes++] = lane;
    }
  g_qsort_with_data (lanes, job.n_lanes, sizeof (guint32), compare_sizes, sizes);

  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("lanes-lod", build_worker, &job));
  build_worker (&job);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  lod->memory += job.memory;
}

/* Queries */

/* The span in effect at some time, and when the next one begins, as the
 * Reader above but with the actor and reason of spans. */
typedef struct
{
  LanesSpanIter iter;
  gint64 end;
  gboolean past_end;
  LanesState state;
  guint32 actor;
  guint32 reason;
  gint64 next_time;         /* G_MAXINT64 past the end */
  LanesState next_state;
  guint32 next_actor;
  guint32 next_reason;
} Cursor;

static inline void
cursor_fetch (Cursor *c)
{
  LanesSpanEntry entry;

  if (c->past_end)
    {
      c->next_time = G_MAXINT64;
      return;
    }
  if (_lanes_span_iter_next (&c->iter, &entry))
    {
      c->next_time = entry.time;
      c->next_state = entry.state;
      c->next_actor = entry.actor;
      c->next_reason = entry.reason;
      return;
    }
  c->next_time = c->end;
  c->next_state = LANES_STATE_NONE;
  c->next_actor = LANES_NO_ACTOR;
  c->next_reason = 0;
  c->past_end = TRUE;
}

static inline void
cursor_advance (Cursor *c)
{
  c->state = c->next_state;
  c->actor = c->next_actor;
  c->reason = c->next_reason;
  cursor_fetch (c);
}

static void
cursor_seek (Cursor         *c,
             const LanesLod *lod,
             guint32         lane,
             gint64          time)
{
  lanes_span_iter_seek (&c->iter, lod->store, lane, time);
  c->end = lod->end;
  c->past_end = FALSE;
  c->state = LANES_STATE_NONE;
  c->actor = LANES_NO_ACTOR;
  c->reason = 0;
  cursor_fetch (c);
  if (c->next_time <= time)
    cursor_advance (c);
}

/* Moves on to the span in effect at @time, at or after the current one,
 * skipping whole blocks of entries. */
static void
cursor_skip (Cursor *c,
             gint64  time)
{
  LanesState skipped_state;
  guint32 skipped_actor, skipped_reason;

  if (c->next_time > time)
    return;
  if (c->past_end)
    {
      while (c->next_time <= time)
        cursor_advance (c);
      return;
    }
  /* The entry read ahead is at or before @time; a later one may be too. */
  skipped_state = c->next_state;
  skipped_actor = c->next_actor;
  skipped_reason = c->next_reason;
  lanes_span_iter_skip (&c->iter, time);
  cursor_fetch (c);
  if (c->next_time <= time)
    cursor_advance (c);
  else
    {
      c->state = skipped_state;
      c->actor = skipped_actor;
      c->reason = skipped_reason;
    }
}

/* Adds the time of each state in [start, end) to @histogram, and
 * returns the states it added to as bits; the cursor must hold the span
 * in effect at @start, and is left on the one at @end - 1. */
static inline guint32
cursor_scan (Cursor  *c,
             gint64   start,
             gint64   end,
             guint64 *histogram)
{
  gint64 t = start;
  guint32 touched = 0;

  while (c->next_time < end)
    {
      histogram[c->state] += c->next_time - t;
      touched |= 1u << c->state;
      t = c->next_time;
      cursor_advance (c);
    }
  histogram[c->state] += end - t;
  return touched | 1u << c->state;
}

/* Items on their way out, written straight into the array, which has
 * room for an item per bucket; the last waits in case the next extends
 * it. */
typedef struct
{
  GArray *items;
  LanesItem *out;
  guint n;
  LanesItem last;
  gboolean pending;
} Emitter;

static void
emit_start (Emitter *e,
            GArray  *items,
            gint64   n_buckets)
{
  guint first = items->len;

  g_array_set_size (items, first + n_buckets);
  e->items = items;
  e->out = &g_array_index (items, LanesItem, first);
  e->n = 0;
  e->pending = FALSE;
}

static inline void
emit (Emitter         *e,
      const LanesItem *item)
{
  if (e->pending)
    {
      if (e->last.end == item->start && e->last.state == item->state && e->last.coverage == item->coverage
          && e->last.merged == item->merged && e->last.actor == item->actor && e->last.reason == item->reason)
        {
          e->last.end = item->end;
          return;
        }
      e->out[e->n++] = e->last;
    }
  e->last = *item;
  e->pending = TRUE;
}

static void
emit_finish (Emitter *e)
{
  if (e->pending)
    e->out[e->n++] = e->last;
  g_array_set_size (e->items, (e->out - (LanesItem *) e->items->data) + e->n);
}

static guint32
lower_bound (const guint32 *values,
             guint32        lo,
             guint32        hi,
             guint32        value)
{
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
emit_stored (const LanesLod *lod,
             const Pyramid  *p,
             guint32         k,
             guint           level,
             Emitter        *e)
{
  gint64 start = lod->origin + ((gint64) p->buckets[k] << level);
  LanesItem item = { start, start + ((gint64) 1 << level), p->states[k], p->coverage[k], TRUE, LANES_NO_ACTOR, 0 };

  emit (e, &item);
}

/* A coarse level: stored buckets, and runs of the state the one before
 * ended with.  Runs long enough to be named look their span up. */
static void
query_coarse (const LanesLod *lod,
              const Pyramid  *p,
              guint32         lane,
              gint64          bucket,
              gint64          end_bucket,
              guint           level,
              Emitter        *e)
{
  guint32 from = p->starts[level - p->min_level], to = p->starts[level - p->min_level + 1];
  guint32 k = lower_bound (p->buckets, from, to, (guint32) bucket);
  LanesState state = k > from ? p->end_states[k - 1] : LANES_STATE_NONE;

  while (bucket < end_bucket)
    {
      gint64 next;
      LanesItem item = { lod->origin + (bucket << level), 0, state, 0, FALSE, LANES_NO_ACTOR, 0 };

      if (k < to && p->buckets[k] == (guint32) bucket)
        {
          emit_stored (lod, p, k, level, e);
          state = p->end_states[k++];
          bucket++;
          continue;
        }
      next = k < to ? MIN ((gint64) p->buckets[k], end_bucket) : end_bucket;
      item.end = lod->origin + (next << level);
      item.coverage = lanes_state_is_background (state) ? 0 : 255;
      if (next - bucket >= LABELLED_RUN && !lanes_state_is_background (state))
        {
          Cursor c;

          cursor_seek (&c, lod, lane, item.start);
          item.actor = c.actor;
          item.reason = c.reason;
        }
      emit (e, &item);
      bucket = next;
    }
}

void
lanes_lod_query (const LanesLod *lod,
                 guint32         lane,
                 gint64          t0,
                 gint64          t1,
                 guint           level,
                 GArray         *items)
{
  const Pyramid *p = lod->pyramids[lane];
  guint32 k = 0, to = 0;
  gint64 bucket, end_bucket;
  gboolean positioned = FALSE;
  Emitter e;
  guint64 histogram[LANES_N_STATES] = { 0 };
  Cursor c;

  t0 = MAX (t0, lod->origin);
  t1 = MIN (t1, lod->end);
  if (t0 >= t1)
    return;
  level = MIN (level, lod->max_level);
  bucket = (t0 - lod->origin) >> level;
  end_bucket = ((t1 - lod->origin - 1) >> level) + 1;
  emit_start (&e, items, end_bucket - bucket);

  if (p != NULL && level >= p->min_level && level < (guint) p->min_level + p->n_levels)
    {
      if (level >= p->full_level)
        {
          query_coarse (lod, p, lane, bucket, end_bucket, level, &e);
          emit_finish (&e);
          return;
        }
      to = p->starts[level - p->min_level + 1];
      k = lower_bound (p->buckets, p->starts[level - p->min_level], to, (guint32) bucket);
    }

  while (bucket < end_bucket)
    {
      gint64 start = lod->origin + (bucket << level);
      gint64 end = start + ((gint64) 1 << level);

      if (k < to && p->buckets[k] == (guint32) bucket)
        {
          emit_stored (lod, p, k++, level, &e);
          bucket++;
          continue;
        }

      if (!positioned)
        {
          cursor_seek (&c, lod, lane, start);
          positioned = TRUE;
        }
      cursor_skip (&c, start);

      if (c.next_time >= end)
        {
          /* Every bucket up to the one where the next span starts. */
          gint64 next_bucket = c.next_time == G_MAXINT64
                               ? end_bucket : (c.next_time - lod->origin) >> level;
          LanesItem item = { start, 0, c.state, lanes_state_is_background (c.state) ? 0 : 255,
                             FALSE, c.actor, c.reason };

          next_bucket = MIN (next_bucket, end_bucket);
          item.end = lod->origin + (next_bucket << level);
          emit (&e, &item);
          bucket = next_bucket;
        }
      else
        {
          LanesItem item = { start, end, 0, 0, TRUE, LANES_NO_ACTOR, 0 };
          guint32 touched = cursor_scan (&c, start, end, histogram);

          item.state = lanes_lod_dominant (histogram, touched, end - start, &item.coverage);
          /* Only the few states the bucket held need clearing. */
          for (; touched != 0; touched &= touched - 1)
            histogram[__builtin_ctz (touched)] = 0;
          emit (&e, &item);
          bucket++;
        }
    }
  emit_finish (&e);
}
