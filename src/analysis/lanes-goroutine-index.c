/* lanes-goroutine-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-goroutine-index.h"

#include <string.h>

/* The flat array covers ids up to this many times the number of
 * goroutines, so a few huge ids never make it large. */
#define DENSE_SPREAD 8
#define DENSE_MIN 4096

/* Rows start on cache lines. */
#define ROW_ALIGNMENT 64

G_STATIC_ASSERT (LANES_NO_INDEX == LANES_ID_MAP_ABSENT);

void
lanes_goroutine_index_init (LanesGoroutineIndex *index)
{
  memset (index, 0, sizeof *index);
  lanes_id_map_init (&index->sparse);
  index->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
lanes_goroutine_index_clear (LanesGoroutineIndex *index)
{
  g_aligned_free (index->rows);
  g_free (index->dense);
  lanes_id_map_clear (&index->sparse);
  g_array_unref (index->ids);
  memset (index, 0, sizeof *index);
}

gsize
lanes_goroutine_index_reserve (LanesGoroutineIndex *index,
                               gsize                size)
{
  /* Aligned as a struct of that size needs; small parts pack together. */
  gsize align = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
  gsize offset = (index->row_used + align - 1) / align * align;

  g_return_val_if_fail (index->ids->len == 0, 0);
  index->row_used = offset + size;
  index->row_size = (index->row_used + ROW_ALIGNMENT - 1) / ROW_ALIGNMENT * ROW_ALIGNMENT;
  return offset;
}

static void
grow_rows (LanesGoroutineIndex *index)
{
  gsize capacity = MAX (index->rows_capacity * 2, 1024);
  guint8 *rows;

  if (index->row_size == 0)
    return;
  rows = g_aligned_alloc0 (capacity, index->row_size, ROW_ALIGNMENT);
  if (index->rows != NULL)
    memcpy (rows, index->rows, index->rows_capacity * index->row_size);
  g_aligned_free (index->rows);
  index->rows = rows;
  index->rows_capacity = capacity;
}

/* Grows the flat array to cover @id and moves the sparse ids it now
 * covers into it. */
static void
grow_dense (LanesGoroutineIndex *index,
            gint64               id)
{
  gsize length = MAX (index->dense_length, DENSE_MIN);
  LanesIdMap *sparse = &index->sparse;

  while (length <= (guint64) id)
    length *= 2;
  index->dense = g_renew (guint32, index->dense, length);
  memset (index->dense + index->dense_length, 0xff, (length - index->dense_length) * sizeof (guint32));
  index->dense_length = length;

  if (sparse->count > 0)
    {
      g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (guint64));

      for (gsize slot = 0; slot <= sparse->mask; slot++)
        {
          guint64 key = sparse->keys[slot];
          if (sparse->values[slot] != LANES_ID_MAP_ABSENT && key < length)
            {
              index->dense[key] = sparse->values[slot];
              g_array_append_val (moved, key);
            }
        }
      for (guint i = 0; i < moved->len; i++)
        lanes_id_map_remove (&index->sparse, g_array_index (moved, guint64, i));
    }
}

guint32
lanes_goroutine_index_add_slow (LanesGoroutineIndex *index,
                                gint64               id)
{
  guint32 i = index->ids->len;

  g_array_append_val (index->ids, id);
  if (i >= index->rows_capacity)
    grow_rows (index);
  if (id >= 0 && (guint64) id >= index->dense_length
      && (guint64) id < MAX ((guint64) DENSE_MIN, (guint64) i * DENSE_SPREAD))
    grow_dense (index, id);

  if ((guint64) id < index->dense_length)
    index->dense[id] = i;
  else
    lanes_id_map_insert (&index->sparse, (guint64) id, i);
  return i;
}
