/* test-plot.c: plot buckets against the samples they summarize.
 *
 * Many more samples than the plot's budget force it to coarsen; every
 * item a query returns must hold the min and max of the values in force
 * over its time, and the value at its end; and the most over a range
 * must be the most of the samples in force over it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-lod.h"
#include "lanes-plot.h"

#define ORIGIN 5000

typedef struct
{
  gint64 time;
  gint64 value;
} Sample;

/* The index of the sample in force at @t, or -1 before the first. */
static gint
sample_at (GArray *samples,
           gint64  t)
{
  gint lo = 0, hi = samples->len;

  while (lo < hi)
    {
      gint mid = lo + (hi - lo) / 2;
      if (g_array_index (samples, Sample, mid).time <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo - 1;
}

static void
check_item (GArray              *samples,
            const LanesPlotItem *item)
{
  gint first = sample_at (samples, item->start), last = sample_at (samples, item->end - 1);
  gint64 min = G_MAXINT64, max = G_MININT64;

  g_assert_cmpint (first, >=, 0);
  for (gint i = first; i <= last; i++)
    {
      min = MIN (min, g_array_index (samples, Sample, i).value);
      max = MAX (max, g_array_index (samples, Sample, i).value);
    }
  g_assert_cmpint (item->min, ==, min);
  g_assert_cmpint (item->max, ==, max);
  g_assert_cmpint (item->last, ==, g_array_index (samples, Sample, last).value);
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_autoptr(LanesPlot) plot = lanes_plot_new (ORIGIN);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (LanesPlotItem));
  gint64 t = ORIGIN + 100, value = 0, end;
  guint checked = 0;

  for (guint i = 0; i < 400000; i++)
    {
      Sample s = { t, value };

      g_array_append_val (samples, s);
      lanes_plot_set (plot, t, value);
      value += g_rand_int_range (rand, -3, 4);
      t += g_rand_int_range (rand, 1, g_rand_int_range (rand, 0, 100) == 0 ? 100000 : 50);
    }
  end = t;
  lanes_plot_finish (plot, end);
  g_assert_cmpuint (lanes_plot_get_base_level (plot), >, 0);

  for (guint q = 0; q < 60; q++)
    {
      gint64 t0 = ORIGIN + g_rand_int_range (rand, 0, end - ORIGIN);
      gint64 t1 = MIN (end, t0 + g_rand_int_range (rand, 1000, 2000000));
      guint level = lanes_lod_level_for ((double) (t1 - t0) / g_rand_int_range (rand, 10, 500));

      g_array_set_size (items, 0);
      lanes_plot_query (plot, t0, t1, level, items);
      for (guint i = 0; i < items->len; i++)
        {
          const LanesPlotItem *item = &g_array_index (items, LanesPlotItem, i);

          if (i > 0)
            g_assert_cmpint (g_array_index (items, LanesPlotItem, i - 1).end, ==, item->start);
          if (item->start >= ORIGIN + 100)
            {
              check_item (samples, item);
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >, 1000);
}

/* A spike inside a bucket of every coarse level: the most over a range
 * is the spike while the range holds it, and what was in force around
 * it otherwise, however the range meets the buckets. */
static void
test_max_between (void)
{
  g_autoptr(LanesPlot) plot = lanes_plot_new (ORIGIN);
  gint64 max = -1;

  g_assert_false (lanes_plot_get_max_between (plot, ORIGIN, ORIGIN + 10, &max));
  for (gint64 t = ORIGIN + 100; t < ORIGIN + 100000; t += 100)
    {
      lanes_plot_set (plot, t, (t - ORIGIN) % 700 == 0 ? 20 : 10 + (t - ORIGIN) / 20000);
      if (t == ORIGIN + 61200)
        {
          lanes_plot_set (plot, ORIGIN + 61234, 1000);
          lanes_plot_set (plot, ORIGIN + 61237, 16);
        }
    }
  lanes_plot_finish (plot, ORIGIN + 100000);

  g_assert_false (lanes_plot_get_max_between (plot, ORIGIN, ORIGIN + 100, &max));
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN, ORIGIN + 100000, &max));
  g_assert_cmpint (max, ==, 1000);
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN + 61234, ORIGIN + 61235, &max));
  g_assert_cmpint (max, ==, 1000);
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN + 61000, ORIGIN + 62000, &max));
  g_assert_cmpint (max, ==, 1000);
  /* Just before and just after the spike. */
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN + 61201, ORIGIN + 61234, &max));
  g_assert_cmpint (max, ==, 13);
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN + 61237, ORIGIN + 61299, &max));
  g_assert_cmpint (max, ==, 16);
  /* Between samples: the value carried in. */
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN + 61601, ORIGIN + 61699, &max));
  g_assert_cmpint (max, ==, 20);
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN + 80000, ORIGIN + 200000, &max));
  g_assert_cmpint (max, ==, 20);
  g_assert_true (lanes_plot_get_max_between (plot, ORIGIN + 71500, ORIGIN + 72100, &max));
  g_assert_cmpint (max, ==, 13);
}

/* Against the samples, with more of them than the finest level holds:
 * exact where the range meets that level's buckets, and otherwise no
 * less than the truth and no more than the buckets at the two ends. */
static void
test_max_between_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_autoptr(LanesPlot) plot = lanes_plot_new (ORIGIN);
  gint64 t = ORIGIN + 100, value = 0, end, bucket;

  for (guint i = 0; i < 300000; i++)
    {
      Sample s = { t, g_rand_int_range (rand, 0, 50) == 0 ? value + g_rand_int_range (rand, 0, 500) : value };

      g_array_append_val (samples, s);
      lanes_plot_set (plot, t, s.value);
      value += g_rand_int_range (rand, -3, 4);
      t += g_rand_int_range (rand, 1, 40);
    }
  end = t;
  lanes_plot_finish (plot, end);
  bucket = (gint64) 1 << lanes_plot_get_base_level (plot);
  g_assert_cmpint (bucket, >, 1);

  for (guint q = 0; q < 300; q++)
    {
      gint64 t0 = ORIGIN + 100 + g_rand_int_range (rand, 0, end - ORIGIN - 200);
      gint64 t1 = MIN (end, t0 + g_rand_int_range (rand, 1, q % 2 ? 5000 : 3000000));
      gint64 a0 = ORIGIN + (t0 - ORIGIN) / bucket * bucket;
      gint64 a1 = MIN (end, ORIGIN + (t1 - ORIGIN + bucket - 1) / bucket * bucket);
      gint64 truth = G_MININT64, outer = G_MININT64, aligned = G_MININT64, max;

      for (gint i = sample_at (samples, a0); i <= sample_at (samples, a1 - 1); i++)
        {
          const Sample *s = &g_array_index (samples, Sample, i);

          outer = MAX (outer, s->value);
          if (s->time < t1 && (s->time >= t0 || i == sample_at (samples, t0)))
            truth = MAX (truth, s->value);
        }
      g_assert_true (lanes_plot_get_max_between (plot, t0, t1, &max));
      g_assert_cmpint (max, >=, truth);
      g_assert_cmpint (max, <=, outer);
      g_assert_true (lanes_plot_get_max_between (plot, a0, a1, &aligned));
      g_assert_cmpint (aligned, ==, outer);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/random", test_random);
  g_test_add_func ("/plot/max-between", test_max_between);
  g_test_add_func ("/plot/max-between-random", test_max_between_random);
  return g_test_run ();
}
