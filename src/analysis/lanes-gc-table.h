/* lanes-gc-table.h: the GC cycles as the rows of a table.
 *
 * Each row holds a cycle's numbers as a person reads them: times from
 * the start of the trace, the mark phase split into the work of the
 * background mark workers and of the assists, the heap before and after,
 * and the flags the thresholds give (pauses over 1 ms are long, over
 * 10 ms severe; a GC taking more than the pacer's 25 % of the CPU is
 * over its target).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-gc-analysis.h"

G_BEGIN_DECLS

#define LANES_GC_LONG_PAUSE_NS   G_GINT64_CONSTANT (1000000)
#define LANES_GC_SEVERE_PAUSE_NS G_GINT64_CONSTANT (10000000)
#define LANES_GC_CPU_TARGET      0.25

typedef enum
{
  LANES_PAUSE_SHORT,
  LANES_PAUSE_LONG,       /* over 1 ms */
  LANES_PAUSE_SEVERE,     /* over 10 ms */
} LanesPauseSeverity;

typedef struct
{
  guint number;               /* from 1 */
  gint64 start;               /* from the start of the trace */
  gint64 duration_ns;
  gint64 sweep_term_ns;       /* stop-the-world */
  gint64 mark_ns;             /* the concurrent mark phase */
  gint64 mark_term_ns;        /* stop-the-world */
  gint64 worker_ns;           /* background mark workers running, until the next cycle */
  gint64 assist_ns;
  guint n_assisting;          /* goroutines that assisted */
  double assist_share;        /* of the mark work (workers and assists); 0 without any */
  guint64 heap_start_bytes;
  guint64 heap_end_bytes;
  guint64 heap_goal_bytes;
  double cpu_share;           /* of all Ps during the cycle */
  gboolean over_cpu_target;
  gint64 since_previous_ns;   /* from the previous cycle's start; -1 for the first */
  LanesPauseSeverity pause;   /* of the longer of its two pauses */
  gboolean complete;          /* both ends in the trace */
} LanesGcRow;

LanesPauseSeverity lanes_pause_severity (gint64        pause_ns);

/* One LanesGcRow per LanesGcCycle of @cycles, times from @origin. */
GArray            *lanes_gc_table_new   (const GArray *cycles,
                                         gint64        origin);

/* The row of the cycle running at @time (from the trace's start), or
 * G_MAXUINT between cycles. */
guint              lanes_gc_table_row_at (const GArray *rows,
                                          gint64        time);

/* @rows with a heading line, comma-separated: times in ns, sizes in
 * bytes, shares from 0 to 1, as a spreadsheet takes them. */
char              *lanes_gc_table_to_csv (const GArray *rows);

G_END_DECLS
