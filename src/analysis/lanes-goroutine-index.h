/* lanes-goroutine-index.h: dense 32-bit indexes for goroutine ids, and a
 * row of state per goroutine that the analyses share.
 *
 * Real traces number goroutines from 1 upwards, so ids below a bound that
 * grows with the number of goroutines resolve through one flat array; any
 * other id (negative, huge, fuzzed) goes through a hash map.
 *
 * An analysis can reserve a part of every goroutine's row: rows start on
 * cache lines and need no per-analysis growth, and analyses that look at
 * the same transitions (the goroutine analysis and the profiles) find
 * their parts side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lanes-id-map.h"
#include "lanes-trace-event.h"

#define LANES_NO_INDEX G_MAXUINT32

typedef struct
{
  guint32 *dense;      /* index per id below dense_length, LANES_NO_INDEX if unseen */
  gsize dense_length;
  LanesIdMap sparse;   /* every other id */
  GArray *ids;         /* gint64 id per index */
  guint8 *rows;        /* row_size bytes per index, zeroed when added */
  gsize row_used;      /* bytes reserved */
  gsize row_size;      /* row_used rounded up to whole cache lines */
  gsize rows_capacity;
} LanesGoroutineIndex;

void     lanes_goroutine_index_init    (LanesGoroutineIndex *index);
void     lanes_goroutine_index_clear   (LanesGoroutineIndex *index);

/* Reserves @size bytes in every goroutine's row and returns where they
 * start; only before the first id is added. */
gsize    lanes_goroutine_index_reserve (LanesGoroutineIndex *index,
                                        gsize                size);

/* Adds @id when it is new. */
guint32  lanes_goroutine_index_add_slow (LanesGoroutineIndex *index,
                                         gint64               id);

static inline guint32
lanes_goroutine_index_lookup (const LanesGoroutineIndex *index,
                              gint64                     id)
{
  if ((guint64) id < index->dense_length)
    return index->dense[id];
  return lanes_id_map_lookup (&index->sparse, (guint64) id);
}

/* The index of @id, which is added when new. */
static inline guint32
lanes_goroutine_index_get (LanesGoroutineIndex *index,
                           gint64               id)
{
  guint32 i = lanes_goroutine_index_lookup (index, id);

  return i != LANES_NO_INDEX ? i : lanes_goroutine_index_add_slow (index, id);
}

/* The index of the goroutine a state transition is about, added when
 * new; LANES_NO_INDEX for any other event. */
static inline guint32
lanes_goroutine_index_of_transition (LanesGoroutineIndex   *index,
                                     const LanesTraceEvent *event)
{
  if (event->kind != LANES_EVENT_STATE_TRANSITION || event->transition.resource != LANES_RESOURCE_GOROUTINE)
    return LANES_NO_INDEX;
  return lanes_goroutine_index_get (index, event->transition.id);
}

/* The part of the row of goroutine @i that begins at @offset. */
static inline gpointer
lanes_goroutine_index_row (const LanesGoroutineIndex *index,
                           guint32                    i,
                           gsize                      offset)
{
  return index->rows + (gsize) i * index->row_size + offset;
}

static inline guint
lanes_goroutine_index_size (const LanesGoroutineIndex *index)
{
  return index->ids->len;
}

static inline gint64
lanes_goroutine_index_id (const LanesGoroutineIndex *index,
                          guint32                    i)
{
  return g_array_index (index->ids, gint64, i);
}
