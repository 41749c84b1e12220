/* lanes-generation.h: one generation of a Go 1.22+ trace, framed.
 *
 * A generation is a self-contained slice of the trace (about a second by
 * default) with its own string table, stack table, CPU samples and clock
 * data.  Reading one frames its batches (pointing into the input, never
 * copying it), loads its tables into the trace-wide interned tables and
 * groups its event batches by thread for the ordering pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lanes-id-map.h"
#include "lanes-trace-tables.h"

#define LANES_NO_BATCH G_MAXUINT32

typedef struct
{
  const guint8 *data;    /* batch body, inside the input */
  gsize size;
  gsize offset;          /* input offset of the body, for error messages */
  guint64 time;          /* raw ticks */
  gint64 m;
  guint8 experiment;     /* 0 for ordinary batches */
  guint32 next;          /* next event batch of the same thread */
} LanesBatch;

/* A thread's event batches, as a list through LanesBatch.next. */
typedef struct
{
  gint64 m;
  guint32 first;
  guint32 last;
} LanesThreadBatches;

typedef struct
{
  gint64 time;           /* ns */
  gint64 m, p, g;
  guint64 stack;         /* generation stack id until resolved, then trace-wide */
} LanesCpuSample;

typedef struct
{
  guint64 gen;
  gsize start_offset;
  guint64 min_ts;        /* earliest batch time, raw ticks */
  guint64 freq;          /* ticks per second; 0 until seen */
  double ns_per_tick;
  gboolean has_clock_snapshot;
  guint64 snapshot_ts;   /* raw ticks */
  guint64 snapshot_mono;
  guint64 snapshot_sec;
  guint64 snapshot_nsec;

  GArray *batches;       /* LanesBatch: event batches, in input order */
  GArray *threads;       /* LanesThreadBatches, in order of first batch */
  LanesIdMap thread_index;
  GArray *cpu_samples;   /* LanesCpuSample, sorted by time once resolved */
  GArray *experimental;  /* LanesExperimentalBatch */

  LanesIdTable strings;  /* generation string id → trace-wide id */
  LanesIdTable stacks;   /* generation stack id → trace-wide id, once resolved */
  LanesIdMap stack_index;/* generation stack id → index in raw_stacks */
  GArray *raw_stacks;    /* (first pc, count, trace-wide id) */
  GArray *stack_pcs;     /* guint64: pcs of all stacks, back to back */
  LanesIdMap pc_index;   /* pc → index in frames; the first frame seen wins */
  GArray *frames;        /* frames with generation string ids */
} LanesGeneration;

typedef enum
{
  LANES_BATCH_READ,
  LANES_BATCH_END_OF_INPUT,
  LANES_BATCH_ERROR,
} LanesBatchStatus;

/* Where the input is and what it is called, for reading and errors. */
typedef struct
{
  const guint8 *data;
  gsize size;
  guint version;         /* 22, 23, 25 or 26 */
} LanesInput;

LanesGeneration *lanes_generation_new          (void);
void             lanes_generation_free         (LanesGeneration    *gen);
void             lanes_generation_reset        (LanesGeneration    *gen);

/* Frames the batch at *pos.  An EndOfGeneration byte reads as a batch of
 * generation 0 with @end_of_generation set. */
LanesBatchStatus lanes_read_batch              (const LanesInput   *input,
                                                gsize              *pos,
                                                LanesBatch         *batch,
                                                guint64            *gen,
                                                gboolean           *end_of_generation,
                                                GError            **error);

/* Adds one batch of this generation: a table, samples, sync data,
 * experimental data or events. */
gboolean         lanes_generation_add_batch    (LanesGeneration    *gen,
                                                const LanesInput   *input,
                                                LanesTraceTables   *tables,
                                                const LanesBatch   *batch,
                                                GError            **error);

/* Checks the generation is complete and resolves its stacks and samples
 * against the trace-wide tables. */
gboolean         lanes_generation_finish       (LanesGeneration    *gen,
                                                const LanesInput   *input,
                                                LanesTraceTables   *tables,
                                                GError            **error);

/* Trace-wide stack id of a generation stack id; FALSE if it has none. */
static inline gboolean
lanes_generation_stack (const LanesGeneration *gen,
                        guint64                local_id,
                        guint32               *global_id)
{
  return lanes_id_table_resolve (&gen->stacks, local_id, global_id);
}

/* Raw ticks to nanoseconds exactly as Go's reader converts them. */
static inline gint64
lanes_ticks_to_ns (double  ns_per_tick,
                   guint64 ticks)
{
  double ns = (double) ticks * ns_per_tick;

  /* Go converts with a truncating float-to-int; out of range it yields
   * the minimum int64 on amd64.  C leaves that undefined, so say it. */
  if (G_UNLIKELY (!(ns > -9223372036854775808.0 && ns < 9223372036854775808.0)))
    return G_MININT64;
  return (gint64) ns;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesGeneration, lanes_generation_free)
