/* test-plot.c: plot buckets against the samples they summarize.
 *
 * Many more samples than the plot's budget force it to coarsen; every
 * item a query returns must hold the min and max of the values in force
 * over its time, and the value at its end.
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/random", test_random);
  return g_test_run ();
}
