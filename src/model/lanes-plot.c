/* lanes-plot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-plot-private.h"

#define BUDGET    (1u << 17)    /* buckets of the finest level: 4 MiB at most */
#define MAX_LEVEL 62

LanesPlot *
lanes_plot_new (gint64 origin)
{
  LanesPlot *plot = g_new0 (LanesPlot, 1);

  plot->origin = origin;
  plot->end = origin;
  plot->max = G_MININT64;
  plot->current_end = G_MININT64;
  plot->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (plot->levels, g_array_new (FALSE, FALSE, sizeof (LanesPlotBucket)));
  plot->level_of = g_array_new (FALSE, FALSE, sizeof (guint));
  return plot;
}

void
lanes_plot_free (LanesPlot *plot)
{
  if (plot == NULL)
    return;
  g_ptr_array_unref (plot->levels);
  g_array_unref (plot->level_of);
  g_free (plot);
}

LanesPlot *
lanes_plot_copy (const LanesPlot *plot)
{
  LanesPlot *copy = g_memdup2 (plot, sizeof *plot);
  GArray *base;

  g_return_val_if_fail (plot->levels->len == 1, NULL);

  base = g_array_copy (g_ptr_array_index (plot->levels, 0));
  copy->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (copy->levels, base);
  copy->level_of = g_array_new (FALSE, FALSE, sizeof (guint));
  if (plot->current != NULL)
    copy->current = &g_array_index (base, LanesPlotBucket, base->len - 1);
  return copy;
}

/* Merges the buckets of @fine into those @shift levels up. */
static GArray *
coarsen (const GArray *fine,
         guint         shift)
{
  const LanesPlotBucket *f = (const LanesPlotBucket *) fine->data;
  GArray *coarse = g_array_sized_new (FALSE, FALSE, sizeof (LanesPlotBucket), fine->len);
  LanesPlotBucket *c = (LanesPlotBucket *) coarse->data;
  guint n = 0;

  for (guint i = 0; i < fine->len; i++)
    {
      gint64 index = f[i].index >> shift;

      if (n > 0 && c[n - 1].index == index)
        {
          c[n - 1].min = MIN (c[n - 1].min, f[i].min);
          c[n - 1].max = MAX (c[n - 1].max, f[i].max);
          c[n - 1].last = f[i].last;
          continue;
        }
      c[n] = f[i];
      c[n].index = index;
      /* Before its first sample, the bucket held the value carried out
       * of the previous one. */
      if (i > 0 && f[i].index != index << shift)
        {
          c[n].min = MIN (c[n].min, f[i - 1].last);
          c[n].max = MAX (c[n].max, f[i - 1].last);
        }
      n++;
    }
  g_array_set_size (coarse, n);
  return coarse;
}

/* How many buckets @buckets would make @shift levels up. */
static guint
count_coarse (const GArray *buckets,
              guint         shift)
{
  const LanesPlotBucket *b = (const LanesPlotBucket *) buckets->data;
  guint n = 0;

  for (guint i = 0; i < buckets->len; i++)
    n += i == 0 || (b[i].index >> shift) != (b[i - 1].index >> shift);
  return n;
}

void
lanes_plot_set (LanesPlot *plot,
                gint64     time,
                gint64     value)
{
  _lanes_plot_set (plot, time, value);
}

void
_lanes_plot_set_in_new_bucket (LanesPlot *plot,
                               gint64     time,
                               gint64     value)
{
  GArray *base;
  LanesPlotBucket b;
  gint64 start;

  plot->max = MAX (plot->max, value);
  base = g_ptr_array_index (plot->levels, 0);
  b.index = (MAX (time, plot->origin) - plot->origin) >> plot->base;
  b.min = b.max = b.last = value;
  start = plot->origin + (b.index << plot->base);
  /* The value held from the bucket's start until now counts too. */
  if (plot->current != NULL && time > start)
    {
      b.min = MIN (value, plot->value);
      b.max = MAX (value, plot->value);
    }
  g_array_append_val (base, b);
  if (base->len > BUDGET)
    {
      /* The least coarsening that halves it: pairing buckets narrower
       * than the gaps between samples merges nothing. */
      guint shift = 1;

      while (plot->base + shift < MAX_LEVEL && count_coarse (base, shift) > BUDGET / 2)
        shift++;
      plot->levels->pdata[0] = coarsen (base, shift);
      g_array_unref (base);
      plot->base += shift;
      base = g_ptr_array_index (plot->levels, 0);
    }
  plot->current = &g_array_index (base, LanesPlotBucket, base->len - 1);
  plot->current_end = plot->origin + ((plot->current->index + 1) << plot->base);
  plot->value = value;
}

void
lanes_plot_finish (LanesPlot *plot,
                   gint64     end)
{
  guint level = plot->base;

  plot->end = MAX (end, plot->origin);
  g_array_append_val (plot->level_of, level);
  /* Coarser levels, keeping those with a quarter fewer buckets than the
   * last kept: where samples are sparse, pairing buckets merges few, and
   * a query may as well read the finer level. */
  for (level = plot->base + 1; level <= MAX_LEVEL; level++)
    {
      GArray *kept = g_ptr_array_index (plot->levels, plot->levels->len - 1);
      guint kept_level = g_array_index (plot->level_of, guint, plot->level_of->len - 1);
      GArray *coarse;

      if (kept->len <= 1)
        break;
      coarse = coarsen (kept, level - kept_level);
      if (coarse->len * 4 > kept->len * 3)
        {
          g_array_unref (coarse);
          continue;
        }
      g_ptr_array_add (plot->levels, coarse);
      g_array_append_val (plot->level_of, level);
    }
}

gint64
lanes_plot_get_max (const LanesPlot *plot)
{
  return plot->current != NULL ? plot->max : 0;
}

/* The first bucket of @buckets at or after @index. */
static guint
find_bucket (const GArray *buckets,
             gint64        index)
{
  const LanesPlotBucket *b = (const LanesPlotBucket *) buckets->data;
  guint lo = 0, hi = buckets->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (b[mid].index < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Folds into @max the values over [@t0, @t1) from kept level @k: its
 * buckets inside the range whole, those across an end from the finer
 * level, and the value carried into @t0 when no bucket holds it. */
static void
fold_max (const LanesPlot *plot,
          guint            k,
          gint64           t0,
          gint64           t1,
          gint64          *max,
          gboolean        *known)
{
  guint level = g_array_index (plot->level_of, guint, k);
  const GArray *buckets = g_ptr_array_index (plot->levels, k);
  const LanesPlotBucket *b = (const LanesPlotBucket *) buckets->data;
  gint64 first = (t0 - plot->origin) >> level, last = (t1 - 1 - plot->origin) >> level;
  guint i = find_bucket (buckets, first);

  if ((i == buckets->len || b[i].index != first) && i > 0)
    {
      *max = *known ? MAX (*max, b[i - 1].last) : b[i - 1].last;
      *known = TRUE;
    }
  for (; i < buckets->len && b[i].index <= last; i++)
    {
      gint64 start = plot->origin + (b[i].index << level), end = start + ((gint64) 1 << level);

      if (k > 0 && (start < t0 || end > t1))
        {
          fold_max (plot, k - 1, MAX (start, t0), MIN (end, t1), max, known);
          continue;
        }
      *max = *known ? MAX (*max, b[i].max) : b[i].max;
      *known = TRUE;
    }
}

gboolean
lanes_plot_get_max_between (const LanesPlot *plot,
                            gint64           t0,
                            gint64           t1,
                            gint64          *max)
{
  gboolean known = FALSE;

  t0 = MAX (t0, plot->origin);
  t1 = MIN (t1, plot->end);
  *max = 0;
  if (t0 >= t1 || plot->level_of->len == 0)
    return FALSE;
  fold_max (plot, plot->level_of->len - 1, t0, t1, max, &known);
  return known;
}

guint
lanes_plot_get_base_level (const LanesPlot *plot)
{
  return plot->base;
}

gsize
lanes_plot_get_memory (const LanesPlot *plot)
{
  gsize n = 0;

  for (guint i = 0; i < plot->levels->len; i++)
    n += ((GArray *) g_ptr_array_index (plot->levels, i))->len * sizeof (LanesPlotBucket);
  return n;
}

static void
append_item (GArray *items,
             gint64  start,
             gint64  end,
             gint64  min,
             gint64  max,
             gint64  last)
{
  LanesPlotItem item = { start, end, min, max, last };

  if (start < end)
    g_array_append_val (items, item);
}

void
lanes_plot_query (const LanesPlot *plot,
                  gint64           t0,
                  gint64           t1,
                  guint            level,
                  GArray          *items)
{
  const GArray *buckets;
  const LanesPlotBucket *b;
  guint lo, hi, n, k;
  gint64 first, last_index, t;
  gboolean has_value;
  gint64 value = 0;

  t0 = MAX (t0, plot->origin);
  t1 = MIN (t1, plot->end);
  if (t0 >= t1)
    return;
  /* The coarsest kept level at or below @level. */
  k = 0;
  while (k + 1 < plot->level_of->len && g_array_index (plot->level_of, guint, k + 1) <= level)
    k++;
  level = g_array_index (plot->level_of, guint, k);
  buckets = g_ptr_array_index (plot->levels, k);
  b = (const LanesPlotBucket *) buckets->data;
  n = buckets->len;
  first = (t0 - plot->origin) >> level;
  last_index = (t1 - plot->origin - 1) >> level;

  /* The first bucket at or after @first, and the value carried into it. */
  lo = 0;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (b[mid].index < first)
        lo = mid + 1;
      else
        hi = mid;
    }
  has_value = lo > 0;
  if (has_value)
    value = b[lo - 1].last;

  t = plot->origin + (first << level);
  for (guint i = lo; i < n && b[i].index <= last_index; i++)
    {
      gint64 start = plot->origin + (b[i].index << level);

      if (has_value)
        append_item (items, t, start, value, value, value);
      append_item (items, start, start + ((gint64) 1 << level), b[i].min, b[i].max, b[i].last);
      has_value = TRUE;
      value = b[i].last;
      t = start + ((gint64) 1 << level);
    }
  if (has_value)
    append_item (items, t, plot->origin + ((last_index + 1) << level), value, value, value);
}
