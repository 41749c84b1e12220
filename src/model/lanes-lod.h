/* lanes-lod.h: level of detail for the span lanes of a LanesSpanStore.
 *
 * Time is cut into buckets of 2^level ns, aligned to the trace start, so
 * a bucket's content never depends on the view.  A query at a level gives
 * at most one item per bucket: a run of buckets inside one span, or one
 * bucket holding span boundaries, drawn in the state that covered most of
 * it (activity before background) with the share of it that was active.
 *
 * Buckets holding more than 16 boundaries are precomputed per lane in a
 * sparse pyramid; the rest are read from the lane in at most 16 steps, so
 * a query costs O(buckets + log n) whatever the number of spans in view.
 * See lanes-lod.c for how the pyramid is built in two sequential passes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-span-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 start;
  gint64 end;
  guint8 state;         /* LanesState: the dominant one */
  guint8 coverage;      /* 0–255: share of [start, end) not in background */
  guint8 merged;        /* TRUE when boundaries fall inside */
  guint32 actor;        /* of the span shown, LANES_NO_ACTOR when merged */
  guint32 reason;       /* of the span shown, 0 when merged */
} LanesItem;

typedef struct _LanesLod LanesLod;

/* Spans after a lane's last entry last until @end. */
LanesLod *lanes_lod_new        (const LanesSpanStore *store,
                                gint64                origin,
                                gint64                end);
void      lanes_lod_free       (LanesLod             *lod);
/* Builds the pyramids, on @n_threads threads. */
void      lanes_lod_build      (LanesLod             *lod,
                                guint                 n_threads);
gsize     lanes_lod_get_memory (const LanesLod       *lod);

/* The level whose buckets are nearest @ns_per_pixel wide. */
guint     lanes_lod_level_for  (double                ns_per_pixel);

/* Appends the items of @lane between @t0 and @t1 to @items (LanesItem). */
void      lanes_lod_query      (const LanesLod       *lod,
                                guint32               lane,
                                gint64                t0,
                                gint64                t1,
                                guint                 level,
                                GArray               *items);

/* The dominant state and coverage of a time histogram over @length ns,
 * as the queries choose them; only the states in @touched (bits
 * 1 << LanesState) may be other than 0. */
LanesState lanes_lod_dominant  (const guint64        *histogram,
                                guint32               touched,
                                gint64                length,
                                guint8               *coverage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesLod, lanes_lod_free)

G_END_DECLS
