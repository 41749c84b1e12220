/* lanes-summary-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-summary-text.h"

#include "lanes-duration.h"

static void
append_range_line (GString               *out,
                   const char            *name,
                   const LanesRangeStats *stats)
{
  g_string_append_printf (out, "  %-44s %8" G_GUINT64_FORMAT "  total ", name, stats->count);
  lanes_duration_append (out, stats->total_ns);
  g_string_append (out, ", longest ");
  lanes_duration_append (out, stats->max_ns);
  g_string_append_c (out, '\n');
}

char *
lanes_summary_to_text (LanesSummary *summary)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) range_names = lanes_summary_get_range_names (summary);
  g_autoptr(GArray) reasons = lanes_summary_get_block_reasons (summary);
  LanesRangeStats stw = lanes_summary_get_stw (summary);
  const LanesRangeStats *gc = lanes_summary_get_range (summary, "GC concurrent mark phase");
  LanesAnnotationCounts annotations = lanes_summary_get_annotations (summary);

  g_string_append_printf (out, "Trace format:  Go 1.%u\n", lanes_trace_reader_get_version (lanes_summary_get_reader (summary)));
  g_string_append (out, "Duration:      ");
  lanes_duration_append (out, lanes_summary_get_duration_ns (summary));
  g_string_append_printf (out, "\nEvents:        %" G_GUINT64_FORMAT "\n", lanes_summary_get_events (summary));
  g_string_append_printf (out, "Goroutines:    %u\n", lanes_summary_get_goroutines (summary));
  g_string_append_printf (out, "Procs (P):     %u\n", lanes_summary_get_procs (summary));
  g_string_append_printf (out, "Threads (M):   %u\n", lanes_summary_get_threads (summary));
  g_string_append_printf (out, "GC cycles:     %" G_GUINT64_FORMAT "\n", gc ? gc->count : 0);
  g_string_append_printf (out, "Stop-the-world pauses: %" G_GUINT64_FORMAT ", total ", stw.count);
  lanes_duration_append (out, stw.total_ns);
  g_string_append (out, ", longest ");
  lanes_duration_append (out, stw.max_ns);
  g_string_append_printf (out, "\nMax heap live: %.1f MiB\n", lanes_summary_get_max_heap_live (summary) / (1024.0 * 1024.0));
  g_string_append_printf (out, "User tasks: %" G_GUINT64_FORMAT ", regions: %" G_GUINT64_FORMAT ", logs: %" G_GUINT64_FORMAT
                          ", CPU samples: %" G_GUINT64_FORMAT "\n",
                          annotations.tasks, annotations.regions, annotations.logs, annotations.cpu_samples);

  g_string_append (out, "\nEvents by kind:\n");
  for (guint kind = 1; kind < LANES_EVENT_N_KINDS; kind++)
    if (lanes_summary_get_kind_count (summary, kind) != 0)
      g_string_append_printf (out, "  %-16s %10" G_GUINT64_FORMAT "\n", lanes_event_kind_to_string (kind),
                              lanes_summary_get_kind_count (summary, kind));

  g_string_append (out, "\nGoroutines blocked, by reason:\n");
  for (guint i = 0; i < reasons->len; i++)
    {
      const LanesNamedCount *reason = &g_array_index (reasons, LanesNamedCount, i);
      g_string_append_printf (out, "  %-44s %8" G_GUINT64_FORMAT "\n",
                              *reason->name ? reason->name : "(status at a generation start)", reason->count);
    }

  g_string_append (out, "\nRanges (count, total and longest duration):\n");
  for (guint i = 0; i < range_names->len; i++)
    {
      const char *name = g_ptr_array_index (range_names, i);
      append_range_line (out, name, lanes_summary_get_range (summary, name));
    }
  return g_string_free (out, FALSE);
}
