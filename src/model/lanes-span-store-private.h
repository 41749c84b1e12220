/* lanes-span-store-private.h: the store's layout, its inline reader for
 * the level-of-detail code that reads whole lanes, and its inline writer
 * for the builder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-span-store.h"

G_BEGIN_DECLS

#define LANES_SPAN_BLOCK_ENTRIES 64
#define LANES_SPAN_CHUNK_SHIFT   20
#define LANES_SPAN_CHUNK_SIZE    (1u << LANES_SPAN_CHUNK_SHIFT)

/* The code byte of an entry: its state, and which optional fields
 * follow the time delta and the code byte, in this order. */
#define LANES_SPAN_CODE_STATE  0x1f
#define LANES_SPAN_CODE_REASON 0x40
#define LANES_SPAN_CODE_STACK  0x20
#define LANES_SPAN_CODE_ACTOR  0x80

G_STATIC_ASSERT (LANES_N_STATES <= LANES_SPAN_CODE_STATE + 1);

typedef struct
{
  gint64 first_time;
  guint64 place;        /* arena offset << 8 | number of entries */
} LanesSpanBlock;

struct _LanesSpanStore
{
  GPtrArray *chunks;    /* CHUNK_SIZE bytes each; blocks never straddle two */
  GPtrArray *own;       /* those of the chunks this store frees: all but a
                         * snapshot's borrowed ones */
  gsize chunk_used;
  GArray *blocks;       /* LanesSpanBlock: by lane once finished */
  GArray *block_lanes;  /* guint32 per block, while building */
  GArray *open;         /* the newest block of each lane, while building */
  guint32 *lane_blocks; /* first block of each lane, and one past the end */
  guint n_lanes;
};

/* Unchecked: the store only reads what it wrote itself. */
static inline const guint8 *
_lanes_span_get_varint (const guint8 *p,
                        guint64      *v)
{
  guint64 x = *p++;
  guint shift = 7;

  if (G_LIKELY (x < 0x80))
    {
      *v = x;
      return p;
    }
  x &= 0x7f;
  for (;;)
    {
      guint64 b = *p++;
      x |= (b & 0x7f) << shift;
      if (b < 0x80)
        break;
      shift += 7;
    }
  *v = x;
  return p;
}

static inline const guint8 *
_lanes_span_skip_varint (const guint8 *p)
{
  while (*p++ & 0x80)
    ;
  return p;
}

static inline const guint8 *
_lanes_span_block_bytes (const LanesSpanStore *store,
                         const LanesSpanBlock *block)
{
  guint64 offset = block->place >> 8;
  const guint8 *chunk = g_ptr_array_index (store->chunks, offset >> LANES_SPAN_CHUNK_SHIFT);

  return chunk + (offset & (LANES_SPAN_CHUNK_SIZE - 1));
}

static inline void
_lanes_span_iter_load_block (LanesSpanIter *iter)
{
  const LanesSpanBlock *block = &g_array_index (iter->store->blocks, LanesSpanBlock, iter->block);

  iter->pos = _lanes_span_block_bytes (iter->store, block);
  iter->left = block->place & 0xff;
  iter->time = block->first_time;
  iter->block++;
  /* A lane's blocks lie far apart in the arena: fetch the next early. */
  if (iter->block < iter->end_block)
    __builtin_prefetch (_lanes_span_block_bytes (iter->store, block + 1));
}

static inline gboolean
_lanes_span_iter_next (LanesSpanIter  *iter,
                       LanesSpanEntry *entry)
{
  const guint8 *p;
  guint64 v;
  guint8 code;

  if (iter->left == 0)
    {
      if (iter->block == iter->end_block)
        return FALSE;
      _lanes_span_iter_load_block (iter);
    }
  p = _lanes_span_get_varint (iter->pos, &v);
  iter->time += (gint64) v;
  entry->time = iter->time;
  code = *p++;
  entry->state = code & LANES_SPAN_CODE_STATE;
  entry->reason = 0;
  entry->stack = 0;
  entry->actor = LANES_NO_ACTOR;
  if (code & LANES_SPAN_CODE_REASON)
    {
      p = _lanes_span_get_varint (p, &v);
      entry->reason = (guint32) v;
    }
  if (code & LANES_SPAN_CODE_STACK)
    {
      p = _lanes_span_get_varint (p, &v);
      entry->stack = (guint32) v;
    }
  if (code & LANES_SPAN_CODE_ACTOR)
    {
      p = _lanes_span_get_varint (p, &v);
      entry->actor = (guint32) v;
    }
  iter->pos = p;
  iter->left--;
  return TRUE;
}

/* Reads the rest of the current block, or the next block, keeping only
 * the start times and states; returns how many entries, 0 at the end.
 * For scans of whole lanes, a block at a time in one tight loop. */
static inline guint
_lanes_span_iter_read_states (LanesSpanIter *iter,
                              gint64        *times,
                              guint8        *states)
{
  const guint8 *p;
  gint64 time;
  guint n;

  if (iter->left == 0)
    {
      if (iter->block == iter->end_block)
        return 0;
      _lanes_span_iter_load_block (iter);
    }
  p = iter->pos;
  time = iter->time;
  n = iter->left;
  for (guint i = 0; i < n; i++)
    {
      guint64 dt;
      guint8 code;

      p = _lanes_span_get_varint (p, &dt);
      time += (gint64) dt;
      code = *p++;
      if (code & LANES_SPAN_CODE_REASON)
        p = _lanes_span_skip_varint (p);
      if (code & LANES_SPAN_CODE_STACK)
        p = _lanes_span_skip_varint (p);
      if (code & LANES_SPAN_CODE_ACTOR)
        p = _lanes_span_skip_varint (p);
      times[i] = time;
      states[i] = code & LANES_SPAN_CODE_STATE;
    }
  iter->pos = p;
  iter->time = time;
  iter->left = 0;
  return n;
}

#define LANES_SPAN_MAX_ENTRY_BYTES 26   /* 10 for the delta, 1 code byte, 3 × 5 */

/* A lane's newest block, still being filled. */
typedef struct
{
  guint8 *buf;
  gint64 first_time;
  gint64 last_time;
  guint16 len;
  guint16 cap;
  guint16 last_code;    /* offset of the newest entry's code byte */
  guint8 count;
  guint8 last_state;
} LanesSpanOpenLane;

static inline guint8 *
_lanes_span_put_varint (guint8  *p,
                        guint64  v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

/* Flushes a full block, grows the buffer: the slow path of appending. */
void _lanes_span_store_make_room (LanesSpanStore    *store,
                                  guint32            lane,
                                  LanesSpanOpenLane *open);

/* Inline for the builder, which appends about twice an event. */
static inline void
_lanes_span_store_append (LanesSpanStore       *store,
                          guint32               lane,
                          const LanesSpanEntry *entry)
{
  LanesSpanOpenLane *open = &g_array_index (store->open, LanesSpanOpenLane, lane);
  guint8 *p;
  guint8 code = entry->state;

  g_assert (entry->state < LANES_N_STATES);

  /* A full block is flushed only now, so the newest entry always stays
   * in the buffer where lanes_span_store_set_last_state() can reach it. */
  if (G_UNLIKELY (open->count == LANES_SPAN_BLOCK_ENTRIES || open->len + LANES_SPAN_MAX_ENTRY_BYTES > open->cap))
    _lanes_span_store_make_room (store, lane, open);
  if (open->count == 0)
    {
      open->first_time = entry->time;
      open->last_time = entry->time;
    }
  g_assert (entry->time >= open->last_time);

  p = _lanes_span_put_varint (open->buf + open->len, (guint64) (entry->time - open->last_time));
  if (entry->reason != 0)
    code |= LANES_SPAN_CODE_REASON;
  if (entry->stack != 0)
    code |= LANES_SPAN_CODE_STACK;
  if (entry->actor != LANES_NO_ACTOR)
    code |= LANES_SPAN_CODE_ACTOR;
  open->last_code = p - open->buf;
  *p++ = code;
  if (code & LANES_SPAN_CODE_REASON)
    p = _lanes_span_put_varint (p, entry->reason);
  if (code & LANES_SPAN_CODE_STACK)
    p = _lanes_span_put_varint (p, entry->stack);
  if (code & LANES_SPAN_CODE_ACTOR)
    p = _lanes_span_put_varint (p, entry->actor);

  open->len = p - open->buf;
  open->count++;
  open->last_time = entry->time;
  open->last_state = entry->state;
}

static inline gint64
_lanes_span_store_get_last_time (LanesSpanStore *store,
                                 guint32         lane)
{
  return g_array_index (store->open, LanesSpanOpenLane, lane).last_time;
}

G_END_DECLS
