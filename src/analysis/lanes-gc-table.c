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

guint
lanes_gc_table_row_at (const GArray *rows,
                       gint64        time)
{
  guint lo = 0, hi = rows->len;
  const LanesGcRow *row;

  /* The last row starting at or before @time. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (rows, LanesGcRow, mid).start <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return G_MAXUINT;
  row = &g_array_index (rows, LanesGcRow, lo - 1);
  return time <= row->start + row->duration_ns ? lo - 1 : G_MAXUINT;
}

static const char * const severity_names[] = { "", "long", "severe" };

char *
lanes_gc_table_to_csv (const GArray *rows)
{
  GString *csv = g_string_new ("cycle,start_ns,duration_ns,sweep_termination_ns,mark_ns,mark_termination_ns,"
                               "worker_ns,assist_ns,assisting_goroutines,assist_share,heap_start_bytes,"
                               "heap_end_bytes,heap_goal_bytes,gc_cpu_share,since_previous_ns,pause,complete\n");

  for (guint i = 0; i < rows->len; i++)
    {
      const LanesGcRow *r = &g_array_index (rows, LanesGcRow, i);
      char share[G_ASCII_DTOSTR_BUF_SIZE], cpu[G_ASCII_DTOSTR_BUF_SIZE];

      /* Not the locale's decimal comma, which would split the field. */
      g_ascii_formatd (share, sizeof share, "%.4f", r->assist_share);
      g_ascii_formatd (cpu, sizeof cpu, "%.4f", r->cpu_share);
      g_string_append_printf (csv, "%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                              ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%s,%" G_GUINT64_FORMAT
                              ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%s,",
                              r->number, r->start, r->duration_ns, r->sweep_term_ns, r->mark_ns, r->mark_term_ns,
                              r->worker_ns, r->assist_ns, r->n_assisting, share, r->heap_start_bytes,
                              r->heap_end_bytes, r->heap_goal_bytes, cpu);
      if (r->since_previous_ns >= 0)
        g_string_append_printf (csv, "%" G_GINT64_FORMAT, r->since_previous_ns);
      g_string_append_printf (csv, ",%s,%s\n", severity_names[r->pause], r->complete ? "yes" : "no");
    }
  return g_string_free (csv, FALSE);
}
