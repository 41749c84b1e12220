/* lanes-id-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-id-map.h"

#include <string.h>

void
lanes_id_map_init (LanesIdMap *map)
{
  memset (map, 0, sizeof *map);
  map->seed = ((guint64) g_random_int () << 32) | g_random_int ();
}

void
lanes_id_map_clear (LanesIdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->mask = 0;
  map->count = 0;
}

/* Empties the map but keeps its storage for reuse. */
void
lanes_id_map_reset (LanesIdMap *map)
{
  if (map->values != NULL)
    memset (map->values, 0xff, (map->mask + 1) * sizeof *map->values);
  map->count = 0;
}

static void
put (LanesIdMap *map,
     guint64     key,
     guint32     value)
{
  for (gsize i = lanes_id_map_slot (map, key);; i = (i + 1) & map->mask)
    {
      if (map->values[i] == LANES_ID_MAP_ABSENT)
        {
          map->keys[i] = key;
          map->values[i] = value;
          map->count++;
          return;
        }
      if (map->keys[i] == key)
        {
          map->values[i] = value;
          return;
        }
    }
}

static void
grow (LanesIdMap *map)
{
  gsize old_capacity = map->keys ? map->mask + 1 : 0;
  gsize capacity = old_capacity ? old_capacity * 2 : 16;
  guint64 *old_keys = map->keys;
  guint32 *old_values = map->values;

  map->keys = g_new (guint64, capacity);
  map->values = g_new (guint32, capacity);
  memset (map->values, 0xff, capacity * sizeof *map->values);
  map->mask = capacity - 1;
  map->count = 0;

  for (gsize i = 0; i < old_capacity; i++)
    if (old_values[i] != LANES_ID_MAP_ABSENT)
      put (map, old_keys[i], old_values[i]);

  g_free (old_keys);
  g_free (old_values);
}

void
lanes_id_map_insert (LanesIdMap *map,
                     guint64     key,
                     guint32     value)
{
  g_assert (value != LANES_ID_MAP_ABSENT);
  /* Keep the load under 1/2 so probes stay short. */
  if (map->keys == NULL || (map->count + 1) * 2 > map->mask + 1)
    grow (map);
  put (map, key, value);
}

guint32
lanes_id_map_find_or_append (LanesIdMap *map,
                             guint64     key,
                             GArray     *array)
{
  guint32 index = lanes_id_map_lookup (map, key);

  if (index == LANES_ID_MAP_ABSENT)
    {
      index = array->len;
      lanes_id_map_insert (map, key, index);
      g_array_set_size (array, index + 1);
    }
  return index;
}

/* Backward-shift deletion keeps probe chains intact without tombstones. */
gboolean
lanes_id_map_remove (LanesIdMap *map,
                     guint64     key)
{
  gsize i;

  if (map->keys == NULL)
    return FALSE;
  for (i = lanes_id_map_slot (map, key);; i = (i + 1) & map->mask)
    {
      if (map->values[i] == LANES_ID_MAP_ABSENT)
        return FALSE;
      if (map->keys[i] == key)
        break;
    }

  for (gsize j = (i + 1) & map->mask;; j = (j + 1) & map->mask)
    {
      if (map->values[j] == LANES_ID_MAP_ABSENT)
        break;
      gsize home = lanes_id_map_slot (map, map->keys[j]);
      /* Move j back to the hole at i if its home is not in (i, j]. */
      gboolean movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
      if (movable)
        {
          map->keys[i] = map->keys[j];
          map->values[i] = map->values[j];
          i = j;
        }
    }
  map->values[i] = LANES_ID_MAP_ABSENT;
  map->count--;
  return TRUE;
}

void
lanes_id_table_init (LanesIdTable *table)
{
  lanes_id_map_init (&table->map);
  table->dense = NULL;
  table->dense_length = 0;
}

void
lanes_id_table_clear (LanesIdTable *table)
{
  lanes_id_map_clear (&table->map);
  g_clear_pointer (&table->dense, g_free);
  table->dense_length = 0;
}

void
lanes_id_table_reset (LanesIdTable *table)
{
  lanes_id_map_reset (&table->map);
  table->dense_length = 0;
}

void
lanes_id_table_compact (LanesIdTable *table)
{
  const LanesIdMap *map = &table->map;
  guint64 max_key = 0;
  gsize length;

  if (map->count == 0)
    return;
  for (gsize i = 0; i <= map->mask; i++)
    if (map->values[i] != LANES_ID_MAP_ABSENT && map->keys[i] > max_key)
      max_key = map->keys[i];
  /* Only when the array costs about what the map does. */
  if (max_key >= 2 * map->count + 64)
    return;
  length = (gsize) max_key + 1;
  g_free (table->dense);
  table->dense = g_new (guint32, length);
  memset (table->dense, 0xff, length * sizeof *table->dense);
  for (gsize i = 0; i <= map->mask; i++)
    if (map->values[i] != LANES_ID_MAP_ABSENT)
      table->dense[map->keys[i]] = map->values[i];
  table->dense_length = length;
}

void
lanes_id_index_init (LanesIdIndex *index)
{
  memset (index, 0, sizeof *index);
  lanes_id_map_init (&index->map);
  index->last = LANES_ID_MAP_ABSENT;
}

void
lanes_id_index_clear (LanesIdIndex *index)
{
  g_clear_pointer (&index->dense, g_free);
  index->n_dense = 0;
  lanes_id_map_clear (&index->map);
  index->last = LANES_ID_MAP_ABSENT;
}

void
lanes_id_index_insert (LanesIdIndex *index,
                       guint64       id,
                       guint32       value)
{
  index->count++;
  /* Grow the flat part while the ids it would cover are mostly used. */
  if (id >= index->n_dense && id < 8 * index->count + 1024)
    {
      gsize n = MAX (id + 1, 2 * index->n_dense);

      index->dense = g_renew (guint32, index->dense, n);
      for (gsize i = index->n_dense; i < n; i++)
        index->dense[i] = lanes_id_map_lookup (&index->map, i);
      index->n_dense = n;
    }
  if (id < index->n_dense)
    index->dense[id] = value;
  else
    lanes_id_map_insert (&index->map, id, value);
  index->last_id = id;
  index->last = value;
}

void
lanes_id_index_remove (LanesIdIndex *index,
                       guint64       id)
{
  if (id < index->n_dense)
    index->dense[id] = LANES_ID_MAP_ABSENT;
  else
    lanes_id_map_remove (&index->map, id);
  if (id == index->last_id)
    index->last = LANES_ID_MAP_ABSENT;
}
