/* lanes-mmu.c
 *
 * A window's mean utilization, as its left edge slides, is piecewise
 * linear with breaks where either edge meets a point of the function, so
 * the minimum is found by visiting only those positions.  To skip most
 * of them, each function is cut into about a thousand bands; for every
 * band a cheap lower bound holds for all windows starting in it, and
 * bands are searched from the lowest bound up, until no bound is below
 * the best MMU found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-mmu.h"

#include <stdlib.h>

#define BANDS_PER_FUNCTION 1000

/* Within this many points a cursor walks; farther, it bisects. */
#define CURSOR_WALK 8

typedef struct
{
  double min_util;     /* lowest utilization within the band */
  double integral;     /* of utilization from the start to the band's left edge */
  guint pos;           /* the point at or before the left edge */
} Band;

typedef struct
{
  const LanesUtilPoint *points;
  guint n;
  double *integrals;   /* of utilization from the first point to each point */
  Band *bands;
  guint n_bands;       /* including a last one that only closes the sums */
  gint64 band_ns;
} Function;

struct _LanesMmuCurve
{
  GPtrArray *arrays;
  Function *functions;
  guint n_functions;
};

/* A position in a function, moving forward, that integrates it. */
typedef struct
{
  const Function *f;
  guint pos;
} Cursor;

/* The integral from the start to @time.  Like Go's integrator it trusts
 * @time not to go back, so the one backward step of a window that
 * reached past the end lands near, not exactly on, its point. */
static double
cursor_integral (Cursor *cursor,
                 gint64  time)
{
  const LanesUtilPoint *p = cursor->f->points;
  guint n = cursor->f->n;
  guint pos = cursor->pos;

  if (pos + CURSOR_WALK < n && p[pos + CURSOR_WALK].time > time)
    {
      while (pos + 1 < n && p[pos + 1].time <= time)
        pos++;
    }
  else
    {
      guint lo = pos, hi = n;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (p[mid].time <= time)
            lo = mid + 1;
          else
            hi = mid;
        }
      pos = lo > 0 ? lo - 1 : 0;
    }
  cursor->pos = pos;
  if (time == p[pos].time)
    return cursor->f->integrals[pos];
  return cursor->f->integrals[pos] + p[pos].util * (double) (time - p[pos].time);
}

/* The first point after @time, from the cursor on. */
static gint64
cursor_next (const Cursor *cursor,
             gint64        time)
{
  for (guint i = cursor->pos; i < cursor->f->n; i++)
    if (cursor->f->points[i].time > time)
      return cursor->f->points[i].time;
  return G_MAXINT64;
}

static gint64
function_start (const Function *f)
{
  return f->points[0].time;
}

static gint64
function_duration (const Function *f)
{
  return f->points[f->n - 1].time - f->points[0].time;
}

static void
init_function (Function *f,
               GArray   *points)
{
  Cursor cursor = { f, 0 };
  gint64 duration;

  f->points = (const LanesUtilPoint *) points->data;
  f->n = points->len;
  f->integrals = g_new (double, f->n);
  for (guint i = 0; i < f->n; i++)
    f->integrals[i] = i == 0 ? 0 : f->integrals[i - 1] + f->points[i - 1].util * (double) (f->points[i].time - f->points[i - 1].time);

  f->n_bands = MIN (BANDS_PER_FUNCTION, f->n) + 1;
  duration = function_duration (f);
  f->band_ns = MAX ((duration + f->n_bands - 2) / (f->n_bands - 1), 1);
  f->bands = g_new (Band, f->n_bands);
  for (guint b = 0; b < f->n_bands; b++)
    {
      gint64 start = function_start (f) + b * f->band_ns;
      Band *band = &f->bands[b];

      band->integral = cursor_integral (&cursor, start);
      band->pos = cursor.pos;
      band->min_util = 1.0;
      for (guint i = cursor.pos; i < f->n && f->points[i].time < start + f->band_ns; i++)
        band->min_util = MIN (band->min_util, f->points[i].util);
    }
}

LanesMmuCurve *
lanes_mmu_curve_new (GPtrArray *functions)
{
  LanesMmuCurve *curve = g_new0 (LanesMmuCurve, 1);

  curve->arrays = g_ptr_array_ref (functions);
  curve->functions = g_new0 (Function, functions->len);
  for (guint i = 0; i < functions->len; i++)
    {
      GArray *points = g_ptr_array_index (functions, i);
      if (points->len > 0)
        init_function (&curve->functions[curve->n_functions++], points);
    }
  return curve;
}

void
lanes_mmu_curve_free (LanesMmuCurve *curve)
{
  if (curve == NULL)
    return;
  for (guint i = 0; i < curve->n_functions; i++)
    {
      g_free (curve->functions[i].integrals);
      g_free (curve->functions[i].bands);
    }
  g_free (curve->functions);
  g_ptr_array_unref (curve->arrays);
  g_free (curve);
}

gint64
lanes_mmu_curve_get_duration (LanesMmuCurve *curve)
{
  gint64 duration = 0;

  for (guint i = 0; i < curve->n_functions; i++)
    duration = MAX (duration, function_duration (&curve->functions[i]));
  return duration;
}

/* What the search collects: the MMU, and optionally the worst windows. */
typedef struct
{
  double mmu;
  /* Windows whose utilization is at or above this cannot change the
   * result any more. */
  double bound;
  guint n_worst;
  guint n_found;
  LanesUtilWindow *worst;
} Accumulator;

static guint
highest_worst (const Accumulator *acc)
{
  guint highest = 0;

  for (guint i = 1; i < acc->n_found; i++)
    if (acc->worst[i].util > acc->worst[highest].util)
      highest = i;
  return highest;
}

/* Keeps the worst disjoint windows: a window overlapping a kept one
 * replaces it only if lower. */
static void
consider_window (Accumulator *acc,
                 gint64       start,
                 double       mu,
                 gint64       window)
{
  guint slot = acc->n_found;

  if (acc->n_found == acc->n_worst && mu >= acc->worst[highest_worst (acc)].util)
    return;
  for (guint i = 0; i < acc->n_found; i++)
    if (start + window > acc->worst[i].start && acc->worst[i].start + window > start)
      {
        if (acc->worst[i].util <= mu)
          return;
        slot = i;
        break;
      }
  if (slot == acc->n_worst)
    slot = highest_worst (acc);
  else if (slot == acc->n_found)
    acc->n_found++;
  acc->worst[slot] = (LanesUtilWindow) { start, mu };
}

/* Adds the window at @start; returns TRUE when nothing further can
 * change the result. */
static gboolean
accumulate (Accumulator *acc,
            gint64       start,
            double       mu,
            gint64       window)
{
  double highest;

  acc->mmu = MIN (acc->mmu, mu);
  acc->bound = acc->mmu;
  if (acc->n_worst == 0)
    return mu == 0;

  consider_window (acc, start, mu, window);
  if (acc->n_found < acc->n_worst)
    {
      acc->bound = 1.0;
      return FALSE;
    }
  highest = acc->worst[highest_worst (acc)].util;
  acc->bound = MAX (acc->bound, highest);
  return highest == 0;
}

typedef struct
{
  double bound;
  guint function;
  guint band;
} Candidate;

/* Appends, for each band where a window of @window can start, a lower
 * bound on the mean utilization of those windows.  The bands it fully
 * covers count with their exact sum; of the partly covered ones, the
 * lowest is assumed under a whole band and the next under the rest. */
static void
add_candidates (GArray         *candidates,
                const Function *f,
                guint           function,
                gint64          window)
{
  gint64 band_ns = f->band_ns;
  guint min_bands = (window + band_ns - 1) / band_ns;
  guint max_bands = (window + 2 * (band_ns - 1)) / band_ns;
  gint64 tail = window % band_ns;

  for (guint b = 0; b + max_bands <= f->n_bands; b++)
    {
      double l = f->bands[b].min_util;
      double r1 = f->bands[b + min_bands - 1].min_util;
      double r2 = f->bands[b + max_bands - 1].min_util;
      double lowest = MIN (l, MIN (r1, r2));
      double next = MAX (MIN (l, r1), MIN (MAX (l, r1), r2));   /* the middle one */
      double total;
      Candidate c;

      if (min_bands == 1)
        total = lowest * (double) window;
      else
        total = lowest * (double) band_ns + next * (double) tail;
      if (min_bands > 2)
        total += f->bands[b + min_bands - 1].integral - f->bands[b + 1].integral;
      c = (Candidate) { total / (double) window, function, b };
      g_array_append_val (candidates, c);
    }
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->bound != y->bound)
    return x->bound < y->bound ? -1 : 1;
  if (x->function != y->function)
    return x->function < y->function ? -1 : 1;
  return (x->band > y->band) - (x->band < y->band);
}

/* Every window starting in band @b, at the positions where an edge meets
 * a point, skipping ahead as far as the slope (at most 1/window) proves
 * harmless. */
static void
search_band (const Function *f,
             guint           b,
             gint64          window,
             Accumulator    *acc)
{
  Cursor left = { f, f->bands[b].pos };
  Cursor right = left;
  gint64 time = function_start (f) + b * f->band_ns;
  gint64 end = MIN (time + f->band_ns, f->points[f->n - 1].time - window);

  for (;;)
    {
      double mu = (cursor_integral (&right, time + window) - cursor_integral (&left, time)) / (double) window;
      gint64 harmless, next_left, next_right;

      if (accumulate (acc, time, mu, window) || time == end)
        break;
      harmless = time + (gint64) ((mu - acc->bound) * (double) window);
      next_left = cursor_next (&left, time);
      next_right = cursor_next (&right, time + window) - window;
      time = MAX (MIN (next_left, next_right), harmless);
      if (time >= end)
        time = end;
    }
}

static void
search (LanesMmuCurve *curve,
        gint64         window,
        Accumulator   *acc)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gint64 *windows = g_new (gint64, curve->n_functions);

  if (window <= 0)
    {
      acc->mmu = 0;
      return;
    }
  for (guint i = 0; i < curve->n_functions; i++)
    {
      const Function *f = &curve->functions[i];
      windows[i] = MIN (window, function_duration (f));
      if (windows[i] > 0)
        add_candidates (candidates, f, i, windows[i]);
    }
  g_array_sort (candidates, compare_candidates);
  for (guint c = 0; c < candidates->len; c++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, c);
      if (candidate->bound >= acc->bound)
        break;
      search_band (&curve->functions[candidate->function], candidate->band, windows[candidate->function], acc);
    }
}

double
lanes_mmu_curve_get_mmu (LanesMmuCurve *curve,
                         gint64         window_ns)
{
  Accumulator acc = { .mmu = 1.0, .bound = 1.0 };

  search (curve, window_ns, &acc);
  return acc.mmu;
}

static gint
compare_windows (gconstpointer a,
                 gconstpointer b)
{
  const LanesUtilWindow *x = a, *y = b;

  if (x->util != y->util)
    return x->util < y->util ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

guint
lanes_mmu_curve_get_worst_windows (LanesMmuCurve   *curve,
                                   gint64           window_ns,
                                   guint            n,
                                   LanesUtilWindow *windows)
{
  Accumulator acc = { .mmu = 1.0, .bound = 1.0, .n_worst = n, .worst = windows };

  if (n == 0)
    return 0;
  search (curve, window_ns, &acc);
  qsort (windows, acc.n_found, sizeof *windows, compare_windows);
  return acc.n_found;
}

double
lanes_mmu_curve_get_mean_util (LanesMmuCurve *curve,
                               gint64         start,
                               gint64         end)
{
  const Function *f;
  Cursor cursor;
  double from;

  if (curve->n_functions == 0)
    return 1.0;
  f = &curve->functions[0];
  start = CLAMP (start, function_start (f), f->points[f->n - 1].time);
  end = CLAMP (end, start, f->points[f->n - 1].time);
  cursor = (Cursor) { f, 0 };
  from = cursor_integral (&cursor, start);
  if (end == start)
    return f->points[cursor.pos].util;
  return (cursor_integral (&cursor, end) - from) / (double) (end - start);
}
