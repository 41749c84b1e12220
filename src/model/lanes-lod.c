/* lanes-lod.c
 *
 * The pyramid of a lane holds, for each level, the buckets with more than
 * DENSE boundaries (span starts) in them, with their dominant state and
 * coverage.  Such buckets form a tree: a dense bucket's parent is dense.
 *
 * It is built in one pass over the lane, depth first in time order: a
 * reader keeps the time spent in each state since the lane began, so a
 * bucket's histogram is the difference between its end and its start,
 * and reads DENSE entries ahead, so whether a child bucket is dense is
 * known before descending into it.  The work beyond reading the lane is
 * proportional to the number of dense buckets, about n / 8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-lod.h"

#include "lanes-span-store-private.h"

#include <math.h>
#include <string.h>

#define DENSE               16
#define LOOKAHEAD           32      /* more than DENSE, a power of two */
#define MIN_PYRAMID_ENTRIES 64
#define MAX_LEVEL           62

typedef struct
{
  guint8 min_level;
  guint8 n_levels;
  guint32 *starts;      /* n_levels + 1 offsets into the arrays below */
  guint32 *buckets;     /* by level, then time */
  guint8 *states;
  guint8 *coverage;
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

/* The span in effect at some time, and when the next one begins.  After
 * the lane's last entry comes a NONE span from the end of the trace on. */
typedef struct
{
  LanesSpanIter iter;
  gint64 end;
  gboolean past_end;
  gboolean states_only;     /* actors are not needed: read faster */
  LanesState state;
  guint32 actor;
  gint64 next_time;         /* G_MAXINT64 past the end */
  LanesState next_state;
  guint32 next_actor;
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
  if (c->states_only)
    {
      if (lanes_span_iter_next_state (&c->iter, &c->next_time, &c->next_state))
        return;
    }
  else if (lanes_span_iter_next (&c->iter, &entry))
    {
      c->next_time = entry.time;
      c->next_state = entry.state;
      c->next_actor = entry.actor;
      return;
    }
  c->next_time = c->end;
  c->next_state = LANES_STATE_NONE;
  c->next_actor = LANES_NO_ACTOR;
  c->past_end = TRUE;
}

static inline void
cursor_advance (Cursor *c)
{
  c->state = c->next_state;
  c->actor = c->next_actor;
  cursor_fetch (c);
}

static void
cursor_seek (Cursor         *c,
             const LanesLod *lod,
             guint32         lane,
             gint64          time,
             gboolean        states_only)
{
  lanes_span_iter_seek (&c->iter, lod->store, lane, time);
  c->end = lod->end;
  c->past_end = FALSE;
  c->states_only = states_only;
  c->state = LANES_STATE_NONE;
  c->actor = LANES_NO_ACTOR;
  c->next_actor = LANES_NO_ACTOR;
  cursor_fetch (c);
  if (c->next_time <= time)
    cursor_advance (c);
}

/* Adds the time of each state in [start, end) to @histogram; the cursor
 * must hold the span in effect at @start, and is left on the one at
 * @end - 1. */
static inline void
cursor_scan (Cursor  *c,
             gint64   start,
             gint64   end,
             guint64 *histogram)
{
  gint64 t = start;

  while (c->next_time < end)
    {
      histogram[c->state] += c->next_time - t;
      t = c->next_time;
      cursor_advance (c);
    }
  histogram[c->state] += end - t;
}

LanesState
lanes_lod_dominant (const guint64 *histogram,
                    gint64         length,
                    guint8        *coverage)
{
  guint64 active = 0, best = 0, best_background = 0;
  LanesState state = LANES_N_STATES, background = LANES_STATE_NONE;

  for (guint s = 0; s < LANES_N_STATES; s++)
    {
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
  if (!(ns_per_pixel >= 2))
    return 0;
  return MIN ((guint) floor (log2 (ns_per_pixel)), MAX_LEVEL);
}

/* A lane read in order, summing the time spent in each state, with the
 * entries to come read ahead. */
typedef struct
{
  LanesSpanIter iter;
  gint64 end;
  gboolean past_end;
  gint64 times[LOOKAHEAD];
  guint8 states[LOOKAHEAD];
  guint head;
  guint count;
  LanesState state;                   /* of the span in effect */
  gint64 time;                        /* summed up to here */
  guint64 histogram[LANES_N_STATES];
} Reader;

static inline gint64
reader_peek (Reader *r,
             guint   k)
{
  while (r->count <= k)
    {
      guint i = (r->head + r->count) & (LOOKAHEAD - 1);
      LanesState state = LANES_STATE_NONE;

      if (r->past_end)
        r->times[i] = G_MAXINT64;
      else if (!_lanes_span_iter_next_state (&r->iter, &r->times[i], &state))
        {
          r->times[i] = r->end;
          r->past_end = TRUE;
        }
      r->states[i] = state;
      r->count++;
    }
  return r->times[(r->head + k) & (LOOKAHEAD - 1)];
}

static inline void
reader_run_to (Reader *r,
               gint64  time)
{
  gint64 next;

  while ((next = reader_peek (r, 0)) <= time)
    {
      r->histogram[r->state] += next - r->time;
      r->time = next;
      r->state = r->states[r->head];
      r->head = (r->head + 1) & (LOOKAHEAD - 1);
      r->count--;
    }
  r->histogram[r->state] += time - r->time;
  r->time = time;
}

typedef struct
{
  guint32 bucket;
  guint8 state;
  guint8 coverage;
} Dense;

typedef struct
{
  const LanesLod *lod;
  Reader reader;
  GArray *levels[MAX_LEVEL + 1];      /* Dense, sorted */
} Summarizer;

/* Records dense bucket @bucket of @level, which the reader is at the
 * start of, and the dense buckets inside it. */
static void
summarize (Summarizer *s,
           guint       level,
           gint64      bucket)
{
  Reader *r = &s->reader;
  GArray *out = s->levels[level];
  guint index = out->len;
  Dense dense = { (guint32) bucket, 0, 0 };
  guint64 before[LANES_N_STATES];

  g_array_append_val (out, dense);
  memcpy (before, r->histogram, sizeof before);
  for (guint half = 0; half < 2; half++)
    {
      guint child_level = level - 1;
      gint64 child = bucket * 2 + half;
      gint64 end = s->lod->origin + ((child + 1) << child_level);

      if (child_level > 0 && child_level >= s->lod->min_level && reader_peek (r, DENSE) < end)
        summarize (s, child_level, child);
      else
        reader_run_to (r, end);
    }
  for (guint i = 0; i < LANES_N_STATES; i++)
    before[i] = r->histogram[i] - before[i];
  dense.state = lanes_lod_dominant (before, (gint64) 1 << level, &dense.coverage);
  g_array_index (out, Dense, index) = dense;
}

static Pyramid *
build_pyramid (const LanesLod *lod,
               guint32         lane,
               gsize          *memory)
{
  Summarizer *s = g_new0 (Summarizer, 1);
  guint min_level = MAX_LEVEL + 1, n_levels, total = 0;
  Pyramid *p = NULL;
  gsize size;

  s->lod = lod;
  s->reader.end = lod->end;
  lanes_span_iter_init (&s->reader.iter, lod->store, lane);
  s->reader.time = lod->origin;
  reader_run_to (&s->reader, lod->origin);
  for (guint l = 0; l <= lod->max_level; l++)
    s->levels[l] = g_array_new (FALSE, FALSE, sizeof (Dense));

  /* The top level's one bucket holds the whole lane. */
  if (lod->max_level > 0 && reader_peek (&s->reader, DENSE) < lod->end)
    summarize (s, lod->max_level, 0);

  for (guint l = 0; l <= lod->max_level; l++)
    if (s->levels[l]->len > 0)
      {
        min_level = MIN (min_level, l);
        total += s->levels[l]->len;
      }
  if (total > 0)
    {
      /* One allocation: the header, then the arrays. */
      n_levels = lod->max_level - min_level + 1;
      size = sizeof (Pyramid) + (n_levels + 1) * sizeof (guint32) + total * (sizeof (guint32) + 2);
      p = g_malloc (size);
      p->min_level = min_level;
      p->n_levels = n_levels;
      p->starts = (guint32 *) (p + 1);
      p->buckets = p->starts + n_levels + 1;
      p->states = (guint8 *) (p->buckets + total);
      p->coverage = p->states + total;
      p->starts[0] = 0;
      for (guint i = 0; i < n_levels; i++)
        {
          GArray *level = s->levels[min_level + i];

          for (guint j = 0; j < level->len; j++)
            {
              const Dense *d = &g_array_index (level, Dense, j);
              p->buckets[p->starts[i] + j] = d->bucket;
              p->states[p->starts[i] + j] = d->state;
              p->coverage[p->starts[i] + j] = d->coverage;
            }
          p->starts[i + 1] = p->starts[i] + level->len;
        }
      *memory = size;
    }

  for (guint l = 0; l <= lod->max_level; l++)
    g_array_unref (s->levels[l]);
  g_free (s);
  return p;
}

typedef struct
{
  LanesLod *lod;
  guint32 *lanes;       /* the lanes to build, largest first */
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

      job->lod->pyramids[lane] = build_pyramid (job->lod, lane, &memory);
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
  BuildJob job = { lod, lanes, 0, 0, 0 };

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

/* Query */

static void
emit (GArray  *items,
      guint    first,
      gint64   start,
      gint64   end,
      guint8   state,
      guint8   coverage,
      gboolean merged,
      guint32  actor)
{
  LanesItem item = { start, end, state, coverage, merged, actor };

  if (items->len > first)
    {
      LanesItem *last = &g_array_index (items, LanesItem, items->len - 1);

      if (last->end == start && last->state == state && last->coverage == coverage
          && last->merged == merged && last->actor == actor)
        {
          last->end = end;
          return;
        }
    }
  g_array_append_val (items, item);
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

void
lanes_lod_query (const LanesLod *lod,
                 guint32         lane,
                 gint64          t0,
                 gint64          t1,
                 guint           level,
                 GArray         *items)
{
  const Pyramid *p = lod->pyramids[lane];
  const guint32 *dense = NULL;
  guint32 pos = 0, dense_end = 0;
  gint64 bucket, end_bucket;
  gboolean stale = TRUE;
  guint first = items->len;
  Cursor c;

  t0 = MAX (t0, lod->origin);
  t1 = MIN (t1, lod->end);
  if (t0 >= t1)
    return;
  level = MIN (level, lod->max_level);
  bucket = (t0 - lod->origin) >> level;
  end_bucket = ((t1 - lod->origin - 1) >> level) + 1;

  if (p != NULL && level >= p->min_level && level < (guint) p->min_level + p->n_levels)
    {
      dense = p->buckets;
      dense_end = p->starts[level - p->min_level + 1];
      pos = lower_bound (dense, p->starts[level - p->min_level], dense_end, (guint32) bucket);
    }

  while (bucket < end_bucket)
    {
      gint64 start = lod->origin + (bucket << level);
      gint64 end = start + ((gint64) 1 << level);

      if (pos < dense_end && dense[pos] == (guint32) bucket)
        {
          emit (items, first, start, end, p->states[pos], p->coverage[pos], TRUE, LANES_NO_ACTOR);
          pos++;
          bucket++;
          stale = TRUE;
          continue;
        }

      if (stale)
        {
          cursor_seek (&c, lod, lane, start, FALSE);
          stale = FALSE;
        }
      while (c.next_time <= start)
        cursor_advance (&c);

      if (c.next_time >= end)
        {
          /* Every bucket up to the one where the next span starts. */
          gint64 next_bucket = c.next_time == G_MAXINT64
                               ? end_bucket : (c.next_time - lod->origin) >> level;

          next_bucket = MIN (next_bucket, end_bucket);
          emit (items, first, start, lod->origin + (next_bucket << level), c.state,
                lanes_state_is_background (c.state) ? 0 : 255, FALSE, c.actor);
          bucket = next_bucket;
        }
      else
        {
          guint64 histogram[LANES_N_STATES] = { 0 };
          guint8 coverage;
          LanesState state;

          cursor_scan (&c, start, end, histogram);
          state = lanes_lod_dominant (histogram, end - start, &coverage);
          emit (items, first, start, end, state, coverage, TRUE, LANES_NO_ACTOR);
          bucket++;
        }
    }
}
