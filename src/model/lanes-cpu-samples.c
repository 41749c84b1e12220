/* lanes-cpu-samples.c
 *
 * Samples sit in one array in time order.  Finishing lists each owner's
 * samples apart (a counting sort by owner, which keeps time order), so a
 * query binary-searches the owner's list and then jumps from bucket to
 * bucket: a bucket holding many samples costs one search, not a step
 * per sample.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-cpu-samples.h"

#define MIN_GAPS 16     /* gaps needed to tell the sampling interval */

struct _LanesCpuSamples
{
  GArray *samples;      /* LanesStackSample */
  /* Per owner kind: the samples of owner i are
   * order[offsets[i]] … order[offsets[i + 1] - 1]. */
  guint32 *offsets[LANES_N_SAMPLE_OWNERS];
  guint32 *order[LANES_N_SAMPLE_OWNERS];
  guint n_owners[LANES_N_SAMPLE_OWNERS];
  gint64 interval;
};

LanesCpuSamples *
lanes_cpu_samples_new (void)
{
  LanesCpuSamples *samples = g_new0 (LanesCpuSamples, 1);

  samples->samples = g_array_new (FALSE, FALSE, sizeof (LanesStackSample));
  samples->interval = LANES_DEFAULT_SAMPLE_INTERVAL;
  return samples;
}

void
lanes_cpu_samples_free (LanesCpuSamples *samples)
{
  if (samples == NULL)
    return;
  g_array_unref (samples->samples);
  for (guint o = 0; o < LANES_N_SAMPLE_OWNERS; o++)
    {
      g_free (samples->offsets[o]);
      g_free (samples->order[o]);
    }
  g_free (samples);
}

void
lanes_cpu_samples_add (LanesCpuSamples      *samples,
                       const LanesStackSample *sample)
{
  g_array_append_val (samples->samples, *sample);
}

LanesCpuSamples *
lanes_cpu_samples_copy (const LanesCpuSamples *samples)
{
  LanesCpuSamples *copy = lanes_cpu_samples_new ();

  g_return_val_if_fail (samples->offsets[0] == NULL, copy);
  g_array_append_vals (copy->samples, samples->samples->data, samples->samples->len);
  return copy;
}

static guint32
owner_of (const LanesStackSample *sample,
          LanesSampleOwner      owner)
{
  switch (owner)
    {
    case LANES_SAMPLES_OF_GOROUTINE: return sample->goroutine;
    case LANES_SAMPLES_OF_PROC: return sample->proc;
    default: return sample->thread;
    }
}

static void
index_owners (LanesCpuSamples  *samples,
              LanesSampleOwner  owner,
              guint             n_owners)
{
  const LanesStackSample *s = (const LanesStackSample *) samples->samples->data;
  guint n = samples->samples->len;
  guint32 *offsets = g_new0 (guint32, n_owners + 1);
  guint32 *next;
  guint32 *order;

  for (guint i = 0; i < n; i++)
    if (owner_of (&s[i], owner) < n_owners)
      offsets[owner_of (&s[i], owner) + 1]++;
  for (guint o = 0; o < n_owners; o++)
    offsets[o + 1] += offsets[o];
  order = g_new (guint32, MAX (offsets[n_owners], 1));
  next = g_memdup2 (offsets, (n_owners + 1) * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    if (owner_of (&s[i], owner) < n_owners)
      order[next[owner_of (&s[i], owner)]++] = i;
  g_free (next);

  samples->offsets[owner] = offsets;
  samples->order[owner] = order;
  samples->n_owners[owner] = n_owners;
}

static gint
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A goroutine the profiler found busy is sampled once an interval of
 * its CPU time; gaps over its waits are longer, timer jitter rarely
 * shorter.  (Goroutines, since old traces name no thread.) */
static gint64
guess_interval (const LanesCpuSamples *samples)
{
  const LanesStackSample *s = (const LanesStackSample *) samples->samples->data;
  const LanesSampleOwner owner = LANES_SAMPLES_OF_GOROUTINE;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint g = 0; g < samples->n_owners[owner]; g++)
    for (guint32 k = samples->offsets[owner][g] + 1; k < samples->offsets[owner][g + 1]; k++)
      {
        gint64 gap = s[samples->order[owner][k]].time - s[samples->order[owner][k - 1]].time;

        if (gap > 0)
          g_array_append_val (gaps, gap);
      }
  if (gaps->len < MIN_GAPS)
    return LANES_DEFAULT_SAMPLE_INTERVAL;
  g_array_sort (gaps, compare_times);
  return g_array_index (gaps, gint64, gaps->len / 10);
}

void
lanes_cpu_samples_finish (LanesCpuSamples *samples,
                          guint            n_goroutines,
                          guint            n_procs,
                          guint            n_threads)
{
  g_return_if_fail (samples->offsets[0] == NULL);

  index_owners (samples, LANES_SAMPLES_OF_GOROUTINE, n_goroutines);
  index_owners (samples, LANES_SAMPLES_OF_PROC, n_procs);
  index_owners (samples, LANES_SAMPLES_OF_THREAD, n_threads);
  samples->interval = guess_interval (samples);
}

gsize
lanes_cpu_samples_get_memory (const LanesCpuSamples *samples)
{
  gsize n = samples->samples->len * sizeof (LanesStackSample);

  for (guint o = 0; o < LANES_N_SAMPLE_OWNERS; o++)
    if (samples->offsets[o] != NULL)
      n += (samples->n_owners[o] + 1 + samples->offsets[o][samples->n_owners[o]]) * sizeof (guint32);
  return n;
}

/* The first sample at or after @time among @n in time order. */
static guint
first_at (const LanesStackSample *s,
          guint                 n,
          gint64                time)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (s[mid].time < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

const LanesStackSample *
lanes_cpu_samples_get_range (const LanesCpuSamples *samples,
                             gint64                 t0,
                             gint64                 t1,
                             guint                 *n)
{
  const LanesStackSample *s = (const LanesStackSample *) samples->samples->data;
  guint first = first_at (s, samples->samples->len, t0);
  guint last = first_at (s, samples->samples->len, t1);

  *n = last > first ? last - first : 0;
  return s + first;
}

const LanesStackSample *
lanes_cpu_samples_get (const LanesCpuSamples *samples,
                       guint                  index)
{
  g_return_val_if_fail (index < samples->samples->len, NULL);
  return &g_array_index (samples->samples, LanesStackSample, index);
}

guint
lanes_cpu_samples_get_n (const LanesCpuSamples *samples)
{
  return samples->samples->len;
}

gint64
lanes_cpu_samples_get_interval (const LanesCpuSamples *samples)
{
  return samples->interval;
}

/* The first position from @k on in an owner's list whose sample is at
 * or after @time: galloping, since it is usually near. */
static guint32
list_first_at (const LanesStackSample *s,
               const guint32        *list,
               guint32               k,
               guint32               n,
               gint64                time)
{
  guint32 step = 1, lo = k, hi;

  while (k + step < n && s[list[k + step]].time < time)
    {
      lo = k + step;
      step *= 2;
    }
  hi = MIN (k + step, n);
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (s[list[mid]].time < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The owner's list, or NULL when it has no samples or is unknown. */
static const guint32 *
owner_list (const LanesCpuSamples *samples,
            LanesSampleOwner       owner,
            guint32                index,
            guint32               *n)
{
  g_return_val_if_fail (samples->offsets[owner] != NULL, NULL);

  if (index >= samples->n_owners[owner])
    return NULL;
  *n = samples->offsets[owner][index + 1] - samples->offsets[owner][index];
  return samples->order[owner] + samples->offsets[owner][index];
}

void
lanes_cpu_samples_query (const LanesCpuSamples *samples,
                         LanesSampleOwner       owner,
                         guint32                index,
                         gint64                 origin,
                         gint64                 t0,
                         gint64                 t1,
                         guint                  level,
                         GArray                *items)
{
  const LanesStackSample *s = (const LanesStackSample *) samples->samples->data;
  guint32 n = 0, k;
  const guint32 *list = owner_list (samples, owner, index, &n);

  if (list == NULL || n == 0)
    return;
  k = list_first_at (s, list, 0, n, t0);
  while (k < n && s[list[k]].time < t1)
    {
      gint64 time = s[list[k]].time;
      gint64 bucket = (MAX (time, origin) - origin) >> level;
      LanesSampleItem item;
      guint32 next;

      item.start = origin + (bucket << level);
      item.end = item.start + ((gint64) 1 << level);
      item.time = time;
      item.first = list[k];
      next = list_first_at (s, list, k, n, MIN (item.end, t1));
      item.count = next - k;
      g_array_append_val (items, item);
      k = next;
    }
}

gboolean
lanes_cpu_samples_nearest (const LanesCpuSamples *samples,
                           LanesSampleOwner       owner,
                           guint32                index,
                           gint64                 time,
                           gint64                 distance,
                           guint                 *sample)
{
  const LanesStackSample *s = (const LanesStackSample *) samples->samples->data;
  guint32 n = 0, k;
  const guint32 *list = owner_list (samples, owner, index, &n);
  gint64 best = G_MAXINT64;

  if (list == NULL || n == 0)
    return FALSE;
  k = list_first_at (s, list, 0, n, time);
  if (k < n && s[list[k]].time - time <= distance)
    {
      best = s[list[k]].time - time;
      *sample = list[k];
    }
  if (k > 0 && time - s[list[k - 1]].time <= MIN (distance, best))
    {
      best = time - s[list[k - 1]].time;
      *sample = list[k - 1];
    }
  return best != G_MAXINT64;
}
