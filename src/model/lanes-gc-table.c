/* lanes-gc-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-gc-table.h"

LanesPauseSeverity
lanes_pause_severity (gint64 pause_ns)
{
  if (pause_ns > LANES_GC_SEVERE_PAUSE_NS)
    return LANES_PAUSE_SEVERE;
  if (pause_ns > LANES_GC_LONG_PAUSE_NS)
    return LANES_PAUSE_LONG;
  return LANES_PAUSE_SHORT;
}

GArray *
lanes_gc_table_new (const GArray *cycles,
                    gint64        origin)
{
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (LanesGcRow), cycles->len);

  for (guint i = 0; i < cycles->len; i++)
    {
      const LanesGcCycle *c = &g_array_index (cycles, LanesGcCycle, i);
      gint64 mark_work = c->worker_ns + c->assist_ns;
      LanesGcRow row = {
        .number = i + 1,
        .start = c->start - origin,
        .duration_ns = c->end - c->start,
        .sweep_term_ns = c->sweep_term_ns,
        .mark_ns = c->mark_end - c->mark_start,
        .mark_term_ns = c->mark_term_ns,
        .worker_ns = c->worker_ns,
        .assist_ns = c->assist_ns,
        .n_assisting = c->n_assisting,
        .assist_share = mark_work > 0 ? (double) c->assist_ns / mark_work : 0,
        .heap_start_bytes = c->heap_live_bytes,
        .heap_end_bytes = c->heap_end_bytes,
        .heap_goal_bytes = c->heap_goal_bytes,
        .cpu_share = c->cpu_share,
        .over_cpu_target = c->cpu_share > LANES_GC_CPU_TARGET,
        .since_previous_ns = i > 0 ? c->start - g_array_index (cycles, LanesGcCycle, i - 1).start : -1,
        .pause = lanes_pause_severity (MAX (c->sweep_term_ns, c->mark_term_ns)),
        .complete = c->complete,
      };

      g_array_append_val (rows, row);
    }
  return rows;
}
