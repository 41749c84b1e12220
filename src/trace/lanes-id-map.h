/* lanes-id-map.h: a map from 64-bit ids to 32-bit indexes.
 *
 * Goroutine, thread and table ids in a trace are arbitrary 64-bit values
 * (a fuzzer's stack id can be 2^60), so nothing is ever sized by an id:
 * the map is an open-addressing hash table with linear probing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#define LANES_ID_MAP_ABSENT G_MAXUINT32

typedef struct
{
  guint64 *keys;
  guint32 *values;   /* LANES_ID_MAP_ABSENT marks an empty slot */
  gsize mask;        /* capacity - 1; capacity is a power of two */
  gsize count;
  guint64 seed;      /* random, so crafted ids cannot all collide */
} LanesIdMap;

void    lanes_id_map_init    (LanesIdMap *map);
void    lanes_id_map_clear   (LanesIdMap *map);
void    lanes_id_map_reset   (LanesIdMap *map);
void    lanes_id_map_insert  (LanesIdMap *map,
                              guint64     key,
                              guint32     value);
gboolean lanes_id_map_remove (LanesIdMap *map,
                              guint64     key);
/* The index of @key, appending a cleared element to @array (made with
 * clear_ TRUE) for a key not seen before. */
guint32 lanes_id_map_find_or_append (LanesIdMap *map,
                                     guint64     key,
                                     GArray     *array);

static inline gsize
lanes_id_map_slot (const LanesIdMap *map,
                   guint64           key)
{
  /* A full 64-bit mix of the seeded key: sequential ids spread out, and
   * a trace cannot pick ids that pile into one probe chain. */
  guint64 x = key ^ map->seed;

  x ^= x >> 31;
  x *= G_GUINT64_CONSTANT (0x7fb5d329728ea185);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x81dadef4bc2dd44d);
  x ^= x >> 33;
  return (gsize) x & map->mask;
}

static inline guint32
lanes_id_map_lookup (const LanesIdMap *map,
                     guint64           key)
{
  if (map->keys == NULL)
    return LANES_ID_MAP_ABSENT;
  for (gsize i = lanes_id_map_slot (map, key);; i = (i + 1) & map->mask)
    {
      if (map->values[i] == LANES_ID_MAP_ABSENT)
        return LANES_ID_MAP_ABSENT;
      if (map->keys[i] == key)
        return map->values[i];
    }
}

/* An id map that also keeps a flat array when its keys are small and
 * dense, as a generation's string and stack ids usually are: lookups are
 * then one load instead of a probe. */
typedef struct
{
  LanesIdMap map;
  guint32 *dense;    /* dense[key] for key < dense_length, ABSENT if none */
  gsize dense_length;
} LanesIdTable;

void lanes_id_table_init    (LanesIdTable *table);
void lanes_id_table_clear   (LanesIdTable *table);
void lanes_id_table_reset   (LanesIdTable *table);
/* Builds the flat array if the keys allow it; call after the inserts. */
void lanes_id_table_compact (LanesIdTable *table);

static inline guint32
lanes_id_table_lookup (const LanesIdTable *table,
                       guint64             key)
{
  if (key < table->dense_length)
    return table->dense[key];
  return lanes_id_map_lookup (&table->map, key);
}

/* Resolves a generation-local id of a string or stack table, where 0
 * always means "none"; FALSE when the table has no such id. */
static inline gboolean
lanes_id_table_resolve (const LanesIdTable *table,
                        guint64             local_id,
                        guint32            *global_id)
{
  guint32 id;

  if (local_id == 0)
    {
      *global_id = 0;
      return TRUE;
    }
  id = lanes_id_table_lookup (table, local_id);
  *global_id = id;
  return id != LANES_ID_MAP_ABSENT;
}

/* An id map that grows a flat array while ids stay small and dense, as
 * goroutine, P and thread ids do, so a lookup is one load; other ids go
 * to the hash map.  Lookups of one id past the flat part in a row (a
 * thread's, event after event) are remembered. */
typedef struct
{
  guint32 *dense;    /* dense[id] for id < n_dense, ABSENT if none */
  gsize n_dense;
  LanesIdMap map;    /* ids past the flat part; those below it are stale */
  gsize count;       /* inserts so far */
  guint64 last_id;
  guint32 last;      /* ABSENT while last_id means nothing */
} LanesIdIndex;

void lanes_id_index_init   (LanesIdIndex *index);
void lanes_id_index_clear  (LanesIdIndex *index);
void lanes_id_index_insert (LanesIdIndex *index,
                            guint64       id,
                            guint32       value);
void lanes_id_index_remove (LanesIdIndex *index,
                            guint64       id);

static inline guint32
lanes_id_index_lookup (LanesIdIndex *index,
                       guint64       id)
{
  if (id < index->n_dense)
    return index->dense[id];
  if (id == index->last_id && index->last != LANES_ID_MAP_ABSENT)
    return index->last;
  index->last_id = id;
  index->last = lanes_id_map_lookup (&index->map, id);
  return index->last;
}
