/* test-id-map.c: the id map against GHashTable, with the arbitrary 64-bit
 * keys traces contain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-id-map.h"

static void
test_extreme_keys (void)
{
  LanesIdMap map;

  lanes_id_map_init (&map);
  g_assert_cmpuint (lanes_id_map_lookup (&map, 7), ==, LANES_ID_MAP_ABSENT);
  lanes_id_map_insert (&map, 0, 10);
  lanes_id_map_insert (&map, G_MAXUINT64, 11);   /* "no goroutine" on the wire */
  lanes_id_map_insert (&map, G_GUINT64_CONSTANT (2107684625609392127), 12);
  g_assert_cmpuint (lanes_id_map_lookup (&map, 0), ==, 10);
  g_assert_cmpuint (lanes_id_map_lookup (&map, G_MAXUINT64), ==, 11);
  g_assert_cmpuint (lanes_id_map_lookup (&map, G_GUINT64_CONSTANT (2107684625609392127)), ==, 12);
  g_assert_cmpuint (map.count, ==, 3);
  /* Storage is sized by the number of keys, never by their values. */
  g_assert_cmpuint (map.mask + 1, <=, 16);
  lanes_id_map_clear (&map);
}

/* Random inserts, updates and removals, checked against GHashTable. */
static void
test_against_hash_table (void)
{
  g_autoptr(GHashTable) reference = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  LanesIdMap map;

  lanes_id_map_init (&map);
  for (guint step = 0; step < 200000; step++)
    {
      /* A small key space makes collisions, updates and removals common. */
      guint64 key = g_rand_int_range (rand, 0, 5000) * G_GUINT64_CONSTANT (0x10000);
      guint32 value = g_rand_int_range (rand, 0, 1000000);

      if (g_rand_boolean (rand))
        {
          lanes_id_map_insert (&map, key, value);
          g_hash_table_replace (reference, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (value + 1));
        }
      else
        {
          gboolean removed = lanes_id_map_remove (&map, key);
          g_assert_cmpint (removed, ==, g_hash_table_remove (reference, &key));
        }
    }

  g_assert_cmpuint (map.count, ==, g_hash_table_size (reference));
  for (guint64 k = 0; k < 5000; k++)
    {
      guint64 key = k * G_GUINT64_CONSTANT (0x10000);
      gpointer expected = g_hash_table_lookup (reference, &key);
      guint32 got = lanes_id_map_lookup (&map, key);
      if (expected == NULL)
        g_assert_cmpuint (got, ==, LANES_ID_MAP_ABSENT);
      else
        g_assert_cmpuint (got, ==, GPOINTER_TO_UINT (expected) - 1);
    }
  lanes_id_map_clear (&map);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/id-map/extreme-keys", test_extreme_keys);
  g_test_add_func ("/id-map/against-hash-table", test_against_hash_table);
  return g_test_run ();
}
