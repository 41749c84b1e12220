/* lanes-cpu-samples.h: the CPU profiler's samples a trace carries
 * (StackSample events), kept in time order with the goroutine, P and
 * thread each was taken on.
 *
 * A query for one goroutine, P or thread gives at most one item per
 * time bucket of 2^level ns aligned to the trace's start, like the span
 * levels: a lone sample as itself, several merged into a count, so its
 * cost is bounded by the buckets in view, not by the samples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 time;
  guint32 stack;        /* the reader's stack id; LANES_NO_STACK when none */
  guint32 goroutine;    /* indexes into the timeline's goroutines, procs, */
  guint32 proc;         /* threads; LANES_NO_INDEX when not known */
  guint32 thread;
} LanesStackSample;

/* Whose samples a query reads. */
typedef enum
{
  LANES_SAMPLES_OF_GOROUTINE,
  LANES_SAMPLES_OF_PROC,
  LANES_SAMPLES_OF_THREAD,
  LANES_N_SAMPLE_OWNERS
} LanesSampleOwner;

/* One sample (@count 1, at @time), or @count samples in the bucket
 * [@start, @end), the first of them at @time. */
typedef struct
{
  gint64 start;
  gint64 end;
  gint64 time;
  guint32 count;
  guint32 first;        /* index of its first sample */
} LanesSampleItem;

/* Go profiles at 100 Hz unless told otherwise. */
#define LANES_DEFAULT_SAMPLE_INTERVAL ((gint64) 10000000)

typedef struct _LanesCpuSamples LanesCpuSamples;

LanesCpuSamples *lanes_cpu_samples_new    (void);
void             lanes_cpu_samples_free   (LanesCpuSamples       *samples);
/* Times must not decrease. */
void             lanes_cpu_samples_add    (LanesCpuSamples       *samples,
                                           const LanesStackSample  *sample);
/* An unfinished copy of unfinished samples, to finish apart. */
LanesCpuSamples *lanes_cpu_samples_copy   (const LanesCpuSamples *samples);
/* Indexes the samples by owner; owner indexes must be below the counts. */
void             lanes_cpu_samples_finish (LanesCpuSamples       *samples,
                                           guint                  n_goroutines,
                                           guint                  n_procs,
                                           guint                  n_threads);
gsize            lanes_cpu_samples_get_memory (const LanesCpuSamples *samples);

/* The samples with @t0 <= time < @t1, in time order. */
const LanesStackSample *lanes_cpu_samples_get_range (const LanesCpuSamples *samples,
                                                   gint64                 t0,
                                                   gint64                 t1,
                                                   guint                 *n);
const LanesStackSample *lanes_cpu_samples_get  (const LanesCpuSamples *samples,
                                              guint                  index);
guint            lanes_cpu_samples_get_n     (const LanesCpuSamples *samples);

/* How often a busy goroutine was sampled: the tenth shortest part of
 * the gaps between samples of one goroutine, or LANES_DEFAULT_SAMPLE_INTERVAL
 * when there are too few to tell.  Scales merged counts to a share of
 * CPU time. */
gint64           lanes_cpu_samples_get_interval (const LanesCpuSamples *samples);

/* Appends the items (LanesSampleItem) of owner @index between @t0 and
 * @t1, in buckets of 2^@level ns from @origin. */
void             lanes_cpu_samples_query   (const LanesCpuSamples *samples,
                                            LanesSampleOwner       owner,
                                            guint32                index,
                                            gint64                 origin,
                                            gint64                 t0,
                                            gint64                 t1,
                                            guint                  level,
                                            GArray                *items);
/* The sample of owner @index nearest @time, no further than @distance
 * from it: FALSE when there is none. */
gboolean         lanes_cpu_samples_nearest (const LanesCpuSamples *samples,
                                            LanesSampleOwner       owner,
                                            guint32                index,
                                            gint64                 time,
                                            gint64                 distance,
                                            guint                 *sample);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesCpuSamples, lanes_cpu_samples_free)

G_END_DECLS
