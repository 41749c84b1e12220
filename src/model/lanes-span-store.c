/* lanes-span-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-span-store-private.h"

#include <string.h>

LanesSpanStore *
lanes_span_store_new (void)
{
  LanesSpanStore *store = g_new0 (LanesSpanStore, 1);

  store->chunks = g_ptr_array_new ();
  store->own = g_ptr_array_new_with_free_func (g_free);
  store->chunk_used = LANES_SPAN_CHUNK_SIZE;
  store->blocks = g_array_new (FALSE, FALSE, sizeof (LanesSpanBlock));
  store->block_lanes = g_array_new (FALSE, FALSE, sizeof (guint32));
  store->open = g_array_new (FALSE, TRUE, sizeof (LanesSpanOpenLane));
  return store;
}

static void
free_open_lanes (LanesSpanStore *store)
{
  if (store->open == NULL)
    return;
  for (guint i = 0; i < store->open->len; i++)
    g_free (g_array_index (store->open, LanesSpanOpenLane, i).buf);
  g_clear_pointer (&store->open, g_array_unref);
}

void
lanes_span_store_free (LanesSpanStore *store)
{
  if (store == NULL)
    return;
  free_open_lanes (store);
  g_clear_pointer (&store->block_lanes, g_array_unref);
  g_ptr_array_unref (store->chunks);
  g_ptr_array_unref (store->own);
  g_array_unref (store->blocks);
  g_free (store->lane_blocks);
  g_free (store);
}

guint32
lanes_span_store_add_lane (LanesSpanStore *store)
{
  g_return_val_if_fail (store->open != NULL, 0);
  g_array_set_size (store->open, store->n_lanes + 1);
  return store->n_lanes++;
}

static guint64
arena_append (LanesSpanStore *store,
              const guint8   *bytes,
              gsize           n)
{
  guint64 offset;

  if (store->chunk_used + n > LANES_SPAN_CHUNK_SIZE)
    {
      guint8 *chunk = g_malloc (LANES_SPAN_CHUNK_SIZE);

      g_ptr_array_add (store->chunks, chunk);
      g_ptr_array_add (store->own, chunk);
      store->chunk_used = 0;
    }
  offset = ((guint64) (store->chunks->len - 1) << LANES_SPAN_CHUNK_SHIFT) | store->chunk_used;
  memcpy ((guint8 *) g_ptr_array_index (store->chunks, store->chunks->len - 1) + store->chunk_used, bytes, n);
  store->chunk_used += n;
  return offset;
}

static void
flush_block (LanesSpanStore *store,
             guint32         lane,
             LanesSpanOpenLane       *open)
{
  LanesSpanBlock block;

  if (open->count == 0)
    return;
  block.first_time = open->first_time;
  block.place = arena_append (store, open->buf, open->len) << 8 | open->count;
  g_array_append_val (store->blocks, block);
  g_array_append_val (store->block_lanes, lane);
  open->len = 0;
  open->count = 0;
}

void
_lanes_span_store_make_room (LanesSpanStore    *store,
                             guint32            lane,
                             LanesSpanOpenLane *open)
{
  if (open->count == LANES_SPAN_BLOCK_ENTRIES)
    flush_block (store, lane, open);
  if (open->len + LANES_SPAN_MAX_ENTRY_BYTES > open->cap)
    {
      open->cap = MAX (32, open->cap * 2);
      open->buf = g_realloc (open->buf, open->cap);
    }
}

void
lanes_span_store_append (LanesSpanStore       *store,
                         guint32               lane,
                         const LanesSpanEntry *entry)
{
  _lanes_span_store_append (store, lane, entry);
}

LanesState
lanes_span_store_get_last_state (LanesSpanStore *store,
                                 guint32         lane)
{
  return g_array_index (store->open, LanesSpanOpenLane, lane).last_state;
}

void
lanes_span_store_set_last_state (LanesSpanStore *store,
                                 guint32         lane,
                                 LanesState      state)
{
  LanesSpanOpenLane *open = &g_array_index (store->open, LanesSpanOpenLane, lane);

  g_return_if_fail (open->count > 0);
  open->buf[open->last_code] = (open->buf[open->last_code] & ~LANES_SPAN_CODE_STATE) | state;
  open->last_state = state;
}

void
lanes_span_store_close_lane (LanesSpanStore *store,
                             guint32         lane)
{
  LanesSpanOpenLane *open = &g_array_index (store->open, LanesSpanOpenLane, lane);

  flush_block (store, lane, open);
  g_clear_pointer (&open->buf, g_free);
  open->cap = 0;
}

/* A stable counting sort of the blocks by lane: each lane's blocks were
 * closed in time order, and stay so. */
static void
sort_blocks_by_lane (LanesSpanStore *store)
{
  g_autoptr(GArray) sorted = NULL;
  guint32 *next;

  store->lane_blocks = g_new0 (guint32, store->n_lanes + 1);
  for (guint i = 0; i < store->block_lanes->len; i++)
    store->lane_blocks[g_array_index (store->block_lanes, guint32, i) + 1]++;
  for (guint lane = 0; lane < store->n_lanes; lane++)
    store->lane_blocks[lane + 1] += store->lane_blocks[lane];

  next = g_memdup2 (store->lane_blocks, store->n_lanes * sizeof (guint32));
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (LanesSpanBlock), store->blocks->len);
  g_array_set_size (sorted, store->blocks->len);
  for (guint i = 0; i < store->blocks->len; i++)
    {
      guint32 lane = g_array_index (store->block_lanes, guint32, i);
      g_array_index (sorted, LanesSpanBlock, next[lane]++) = g_array_index (store->blocks, LanesSpanBlock, i);
    }
  g_free (next);
  g_clear_pointer (&store->block_lanes, g_array_unref);
  g_array_unref (store->blocks);
  store->blocks = g_steal_pointer (&sorted);
}

void
lanes_span_store_finish (LanesSpanStore *store)
{
  g_return_if_fail (store->open != NULL);

  for (guint32 lane = 0; lane < store->n_lanes; lane++)
    flush_block (store, lane, &g_array_index (store->open, LanesSpanOpenLane, lane));
  free_open_lanes (store);
  sort_blocks_by_lane (store);
}

LanesSpanStore *
lanes_span_store_snapshot (LanesSpanStore *store)
{
  LanesSpanStore *copy = g_new0 (LanesSpanStore, 1);

  g_return_val_if_fail (store->open != NULL, NULL);

  /* The arena's chunks only grow past what the blocks so far point at;
   * the newest block of each lane is copied into chunks of the copy's
   * own, as the builder may still change it. */
  copy->chunks = g_ptr_array_copy (store->chunks, NULL, NULL);
  copy->own = g_ptr_array_new_with_free_func (g_free);
  copy->chunk_used = LANES_SPAN_CHUNK_SIZE;
  copy->blocks = g_array_copy (store->blocks);
  copy->block_lanes = g_array_copy (store->block_lanes);
  copy->n_lanes = store->n_lanes;
  for (guint32 lane = 0; lane < store->n_lanes; lane++)
    {
      LanesSpanOpenLane open = g_array_index (store->open, LanesSpanOpenLane, lane);

      flush_block (copy, lane, &open);
    }
  sort_blocks_by_lane (copy);
  return copy;
}

guint
lanes_span_store_get_n_lanes (const LanesSpanStore *store)
{
  return store->n_lanes;
}

guint64
lanes_span_store_get_n_entries (const LanesSpanStore *store,
                                guint32               lane)
{
  guint64 n = 0;

  for (guint32 b = store->lane_blocks[lane]; b < store->lane_blocks[lane + 1]; b++)
    n += g_array_index (store->blocks, LanesSpanBlock, b).place & 0xff;
  return n;
}

gsize
lanes_span_store_get_memory (const LanesSpanStore *store)
{
  return (gsize) store->chunks->len * LANES_SPAN_CHUNK_SIZE
         + store->blocks->len * sizeof (LanesSpanBlock)
         + (store->n_lanes + 1) * sizeof (guint32);
}

/* Reading */

void
lanes_span_iter_init (LanesSpanIter        *iter,
                      const LanesSpanStore *store,
                      guint32               lane)
{
  iter->store = store;
  iter->block = store->lane_blocks[lane];
  iter->end_block = store->lane_blocks[lane + 1];
  iter->left = 0;
  iter->pos = NULL;
  iter->time = 0;
}

gboolean
lanes_span_iter_next (LanesSpanIter  *iter,
                      LanesSpanEntry *entry)
{
  return _lanes_span_iter_next (iter, entry);
}

void
lanes_span_iter_seek (LanesSpanIter        *iter,
                      const LanesSpanStore *store,
                      guint32               lane,
                      gint64                time)
{
  lanes_span_iter_init (iter, store, lane);
  lanes_span_iter_skip (iter, time);
}

void
lanes_span_iter_skip (LanesSpanIter *iter,
                      gint64         time)
{
  const LanesSpanBlock *blocks = (const LanesSpanBlock *) iter->store->blocks->data;
  guint32 first = iter->left > 0 ? iter->block - 1 : iter->block;   /* of the next entry */
  guint32 lo = first + 1, hi = first + 1, step = 1;
  LanesSpanIter before;
  LanesSpanEntry entry;

  if (first >= iter->end_block)
    return;

  /* The last block at or before @time: gallop, as it is often near. */
  while (hi < iter->end_block && blocks[hi].first_time <= time)
    {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
  hi = MIN (hi, iter->end_block);
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (blocks[mid].first_time <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo - 1 > first || iter->left == 0)
    {
      iter->block = lo - 1;
      _lanes_span_iter_load_block (iter);
    }

  /* Read on while entries start at or before @time, keeping the reader
   * as it was before the last of them. */
  before = *iter;
  while (iter->left > 0)
    {
      LanesSpanIter here = *iter;

      _lanes_span_iter_next (iter, &entry);
      if (entry.time > time)
        break;
      before = here;
    }
  *iter = before;
}
