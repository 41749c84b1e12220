/* test-lod.c: level-of-detail queries against a brute-force scan.
 *
 * Lanes of random spans, with bursts dense enough to fill the pyramids,
 * are queried over random ranges and widths; every bucket of every item
 * must have the dominant state and coverage that summing the spans over
 * that bucket gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-lod.h"

#define ORIGIN   1000000
#define DURATION 50000000

typedef struct
{
  LanesSpanStore *store;
  LanesLod *lod;
  GArray *lanes;        /* GArray of LanesSpanEntry per lane */
} Fixture;

/* States a lane may show, background ones included. */
static const LanesState states[] = {
  LANES_STATE_NONE, LANES_STATE_RUNNING, LANES_STATE_RUNNABLE,
  LANES_STATE_WAIT_CHAN, LANES_STATE_SYSCALL, LANES_STATE_PROC_IDLE,
};

/* Spans starting on bucket boundaries exercise the edges of buckets;
 * @align is 1 for anywhere. */
static GArray *
random_lane (GRand *rand,
             guint  n,
             gint64 align)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (LanesSpanEntry));
  /* An aligned lane starts on a boundary of every level up to 2^22 ns. */
  gint64 t = align > 1 ? ORIGIN + (1 << 22) : ORIGIN + g_rand_int_range (rand, 0, 1000);

  for (guint i = 0; i < n && t < ORIGIN + DURATION; i++)
    {
      LanesSpanEntry e = { t, states[g_rand_int_range (rand, 0, G_N_ELEMENTS (states))],
                           0, 0, (guint32) g_rand_int_range (rand, 0, 100) };

      g_array_append_val (entries, e);
      /* Mostly bursts of short spans, sometimes a long gap. */
      if (g_rand_int_range (rand, 0, 2000) == 0)
        t += g_rand_int_range (rand, 10000, 500000);
      else
        t += g_rand_int_range (rand, 1, g_rand_boolean (rand) ? 40 : 1500);
      t = ORIGIN + (t - ORIGIN + align - 1) / align * align;
    }
  return entries;
}

/* A span alone on a bucket boundary with nothing after it for long: the
 * coarse levels must still show it. */
static GArray *
lonely_lane (void)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (LanesSpanEntry));
  LanesSpanEntry e = { ORIGIN + (1 << 23), LANES_STATE_RUNNING, 0, 0, LANES_NO_ACTOR };

  g_array_append_val (entries, e);
  for (guint k = 0; k < 100; k++)
    {
      e.time = ORIGIN + (1 << 24) + k * (1 << 18);
      e.state = k % 2 ? LANES_STATE_RUNNABLE : LANES_STATE_WAIT_CHAN;
      g_array_append_val (entries, e);
    }
  return entries;
}

static void
add_lane (Fixture *f,
          GArray  *entries)
{
  guint32 lane = lanes_span_store_add_lane (f->store);

  g_assert_cmpuint (lane, ==, f->lanes->len);
  for (guint j = 0; j < entries->len; j++)
    lanes_span_store_append (f->store, lane, &g_array_index (entries, LanesSpanEntry, j));
  g_array_append_val (f->lanes, entries);
}

static Fixture *
fixture_new (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  static const struct { guint n; gint64 align; } lanes[] = {
    { 0, 1 }, { 1, 1 }, { 5, 1 }, { 40, 1 }, { 300, 1 }, { 5000, 1 }, { 3000, 4096 }, { 100, 1 << 18 }, { 60000, 1 },
  };
  Fixture *f = g_new0 (Fixture, 1);

  f->store = lanes_span_store_new ();
  f->lanes = g_array_new (FALSE, FALSE, sizeof (GArray *));
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    add_lane (f, random_lane (rand, lanes[i].n, lanes[i].align));
  add_lane (f, lonely_lane ());
  lanes_span_store_finish (f->store);
  f->lod = lanes_lod_new (f->store, ORIGIN, ORIGIN + DURATION);
  lanes_lod_build (f->lod, 2);
  /* The long lanes have pyramids to check. */
  g_assert_cmpuint (lanes_lod_get_memory (f->lod), >, 20000);
  return f;
}

static void
fixture_free (Fixture *f)
{
  for (guint i = 0; i < f->lanes->len; i++)
    g_array_unref (g_array_index (f->lanes, GArray *, i));
  g_array_unref (f->lanes);
  lanes_lod_free (f->lod);
  lanes_span_store_free (f->store);
  g_free (f);
}

/* Time in each state over [start, end), straight from the entries. */
static void
brute_histogram (GArray  *entries,
                 gint64   start,
                 gint64   end,
                 guint64 *histogram)
{
  const LanesSpanEntry *e0 = (const LanesSpanEntry *) entries->data;
  guint first = 0;

  /* The span in effect at @start is the first that can count. */
  for (guint lo = 0, hi = entries->len; lo < hi;)
    {
      guint mid = lo + (hi - lo) / 2;
      if (e0[mid].time <= start)
        first = lo = mid + 1;
      else
        hi = mid;
    }
  memset (histogram, 0, LANES_N_STATES * sizeof (guint64));
  for (guint i = first; i <= entries->len; i++)
    {
      gint64 s = i == 0 ? G_MININT64 : g_array_index (entries, LanesSpanEntry, i - 1).time;
      gint64 e = i < entries->len ? g_array_index (entries, LanesSpanEntry, i).time : ORIGIN + DURATION;
      LanesState state = i == 0 ? LANES_STATE_NONE : g_array_index (entries, LanesSpanEntry, i - 1).state;
      gint64 a = MAX (s, start), b = MIN (e, end);

      if (s >= end)
        break;
      if (a < b)
        histogram[state] += b - a;
    }
  if (end > ORIGIN + DURATION)
    histogram[LANES_STATE_NONE] += end - MAX (start, ORIGIN + DURATION);
}

static void
check_query (Fixture *f,
             guint32  lane,
             gint64   t0,
             gint64   t1,
             guint    width)
{
  GArray *entries = g_array_index (f->lanes, GArray *, lane);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  guint level = lanes_lod_level_for ((double) (t1 - t0) / width);
  gint64 size = (gint64) 1 << level;
  gint64 covered = -1;

  lanes_lod_query (f->lod, lane, t0, t1, level, items);
  /* About one item per pixel at most. */
  g_assert_cmpuint (items->len, <=, 2 * width + 2);

  for (guint i = 0; i < items->len; i++)
    {
      const LanesItem *item = &g_array_index (items, LanesItem, i);

      g_assert_cmpint (item->start, <, item->end);
      g_assert_cmpint ((item->start - ORIGIN) % size, ==, 0);
      g_assert_cmpint ((item->end - ORIGIN) % size, ==, 0);
      if (covered >= 0)
        g_assert_cmpint (item->start, ==, covered);
      covered = item->end;

      for (gint64 b = item->start; b < item->end; b += size)
        {
          guint64 histogram[LANES_N_STATES];
          guint8 coverage;
          LanesState state;

          brute_histogram (entries, b, b + size, histogram);
          state = lanes_lod_dominant (histogram, (1u << LANES_N_STATES) - 1, size, &coverage);
          g_assert_cmpuint (item->state, ==, state);
          g_assert_cmpuint (item->coverage, ==, coverage);
        }
    }
  /* The items cover the range, bucket-aligned. */
  if (items->len > 0)
    {
      g_assert_cmpint (g_array_index (items, LanesItem, 0).start, <=, MAX (t0, ORIGIN));
      g_assert_cmpint (covered, >=, MIN (t1, ORIGIN + DURATION));
    }
}

static void
test_random_queries (void)
{
  Fixture *f = fixture_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint q = 0; q < 1000; q++)
    {
      guint32 lane = g_rand_int_range (rand, 0, f->lanes->len);
      gint64 span = (gint64) 1 << g_rand_int_range (rand, 6, 27);
      gint64 t0 = ORIGIN - 1000 + g_rand_int_range (rand, 0, DURATION);
      guint width = g_rand_int_range (rand, 1, 2000);

      check_query (f, lane, t0, t0 + span + g_rand_int_range (rand, 0, 1000), width);
    }
  /* The whole lane, at widths from one pixel up. */
  for (guint32 lane = 0; lane < f->lanes->len; lane++)
    for (guint width = 1; width < 5000; width *= 3)
      check_query (f, lane, ORIGIN, ORIGIN + DURATION, width);
  fixture_free (f);
}

/* Panning must not change what a bucket shows. */
static void
test_stable_while_panning (void)
{
  Fixture *f = fixture_new ();
  guint32 lane = f->lanes->len - 1;
  gint64 span = 4000000;
  guint width = 1000;
  guint level = lanes_lod_level_for ((double) span / width);
  gint64 size = (gint64) 1 << level;
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  gint64 t0 = ORIGIN + 10000000;

  lanes_lod_query (f->lod, lane, t0, t0 + span, level, a);
  lanes_lod_query (f->lod, lane, t0 + 37 * size + 5, t0 + span + 37 * size + 5, level, b);
  /* Items wholly inside both views are the same. */
  for (guint i = 0; i < a->len; i++)
    {
      const LanesItem *x = &g_array_index (a, LanesItem, i);
      for (guint j = 0; j < b->len; j++)
        {
          const LanesItem *y = &g_array_index (b, LanesItem, j);
          if (x->start == y->start && i > 0 && j > 0 && x->end < t0 + span)
            {
              g_assert_cmpint (x->end, ==, y->end);
              g_assert_cmpuint (x->state, ==, y->state);
            }
        }
    }
  fixture_free (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lod/random-queries", test_random_queries);
  g_test_add_func ("/lod/stable-while-panning", test_stable_while_panning);
  return g_test_run ();
}
