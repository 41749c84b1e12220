/* lanes-plot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-plot.h"

#define BUDGET    (1u << 16)    /* buckets of the finest level */
#define MAX_LEVEL 62

typedef struct
{
  gint64 index;         /* (time - origin) >> level */
  gint64 min;           /* over the bucket, the value carried in included */
  gint64 max;
  gint64 last;
} Bucket;

struct _LanesPlot
{
  gint64 origin;
  gint64 end;
  guint base;           /* the level of levels[0] */
  GPtrArray *levels;    /* GArray of Bucket, sorted; only buckets with samples */
  Bucket *current;      /* the newest bucket of levels[0] */
  gint64 current_end;   /* and when it ends */
  gint64 value;
  gint64 max;
};

LanesPlot *
lanes_plot_new (gint64 origin)
{
  LanesPlot *plot = g_new0 (LanesPlot, 1);

  plot->origin = origin;
  plot->end = origin;
  plot->max = G_MININT64;
  plot->current_end = G_MININT64;
  plot->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (plot->levels, g_array_new (FALSE, FALSE, sizeof (Bucket)));
  return plot;
}

void
lanes_plot_free (LanesPlot *plot)
{
  if (plot == NULL)
    return;
  g_ptr_array_unref (plot->levels);
  g_free (plot);
}

/* Merges the buckets of @fine into those @shift levels up. */
static GArray *
coarsen (const GArray *fine,
         guint         shift)
{
  const Bucket *f = (const Bucket *) fine->data;
  GArray *coarse = g_array_sized_new (FALSE, FALSE, sizeof (Bucket), fine->len);
  Bucket *c = (Bucket *) coarse->data;
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

void
lanes_plot_set (LanesPlot *plot,
                gint64     time,
                gint64     value)
{
  GArray *base;
  Bucket b;
  gint64 start;

  plot->max = MAX (plot->max, value);
  if (G_LIKELY (time < plot->current_end))
    {
      plot->current->min = MIN (plot->current->min, value);
      plot->current->max = MAX (plot->current->max, value);
      plot->current->last = value;
      plot->value = value;
      return;
    }

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
      /* Coarse enough for a quarter of the budget over the time seen,
       * so that coarsening costs a copy or two per bucket. */
      gint64 span = b.index - g_array_index (base, Bucket, 0).index + 1;
      guint shift = MIN (g_bit_storage ((guint64) (span / (BUDGET / 4))), MAX_LEVEL - plot->base);

      plot->levels->pdata[0] = coarsen (base, shift);
      g_array_unref (base);
      plot->base += shift;
      base = g_ptr_array_index (plot->levels, 0);
    }
  plot->current = &g_array_index (base, Bucket, base->len - 1);
  plot->current_end = plot->origin + ((plot->current->index + 1) << plot->base);
  plot->value = value;
}

void
lanes_plot_finish (LanesPlot *plot,
                   gint64     end)
{
  plot->end = MAX (end, plot->origin);
  for (;;)
    {
      GArray *top = g_ptr_array_index (plot->levels, plot->levels->len - 1);
      guint level = plot->base + plot->levels->len - 1;

      if (top->len <= 1 || level >= MAX_LEVEL)
        break;
      g_ptr_array_add (plot->levels, coarsen (top, 1));
    }
}

gint64
lanes_plot_get_max (const LanesPlot *plot)
{
  return plot->current != NULL ? plot->max : 0;
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
    n += ((GArray *) g_ptr_array_index (plot->levels, i))->len * sizeof (Bucket);
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
  const Bucket *b;
  guint lo, hi, n;
  gint64 first, last_index, t;
  gboolean has_value;
  gint64 value = 0;

  t0 = MAX (t0, plot->origin);
  t1 = MIN (t1, plot->end);
  if (t0 >= t1)
    return;
  level = CLAMP (level, plot->base, plot->base + plot->levels->len - 1);
  buckets = g_ptr_array_index (plot->levels, level - plot->base);
  b = (const Bucket *) buckets->data;
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
