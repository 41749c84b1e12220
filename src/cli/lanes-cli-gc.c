/* lanes-cli-gc.c: `lanes-cli gc [--pauses] TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "lanes-cli.h"
#include "lanes-duration.h"
#include "lanes-gc-table.h"

#define MIB (1024.0 * 1024.0)

typedef struct
{
  guint32 reason;
  guint count;
  gint64 total_ns;
  gint64 max_ns;
} ReasonStats;

static void
print_column (gint64 ns)
{
  g_autofree char *text = lanes_duration_format (ns);
  /* µ takes two bytes for one column. */
  printf (" %*s", 12 + (g_utf8_strlen (text, -1) != (glong) strlen (text)), text);
}

static void
print_cycles (const GArray *cycles,
              gint64        origin)
{
  g_autoptr(GArray) rows = lanes_gc_table_new (cycles, origin);

  printf ("  %4s %12s %12s %12s %12s %12s %12s %12s %4s %7s %10s %10s %10s %7s %12s\n",
          "#", "start", "duration", "sweep term", "mark phase", "mark term", "workers",
          "assists", "Gs", "assist%", "heap start", "heap end", "heap goal", "GC CPU", "since prev");
  for (guint i = 0; i < rows->len; i++)
    {
      const LanesGcRow *r = &g_array_index (rows, LanesGcRow, i);

      printf ("  %4u", r->number);
      print_column (r->start);
      print_column (r->duration_ns);
      print_column (r->sweep_term_ns);
      print_column (r->mark_ns);
      print_column (r->mark_term_ns);
      print_column (r->worker_ns);
      print_column (r->assist_ns);
      printf (" %4u %6.1f%% %6.1f MiB %6.1f MiB %6.1f MiB %6.1f%%", r->n_assisting, 100 * r->assist_share,
              r->heap_start_bytes / MIB, r->heap_end_bytes / MIB, r->heap_goal_bytes / MIB, 100 * r->cpu_share);
      if (r->since_previous_ns >= 0)
        print_column (r->since_previous_ns);
      else
        printf (" %12s", "");
      printf ("%s%s%s\n",
              r->pause == LANES_PAUSE_SEVERE ? "  pause over 10 ms" : r->pause == LANES_PAUSE_LONG ? "  pause over 1 ms" : "",
              r->over_cpu_target ? "  GC CPU over 25 %" : "",
              r->complete ? "" : "  (cut by the trace's ends)");
    }
}

static void
print_pauses_by_reason (LanesTraceReader *reader,
                        const GArray     *pauses)
{
  g_autoptr(GArray) reasons = g_array_new (FALSE, TRUE, sizeof (ReasonStats));

  for (guint i = 0; i < pauses->len; i++)
    {
      const LanesStwPause *pause = &g_array_index (pauses, LanesStwPause, i);
      ReasonStats *stats = NULL;

      for (guint r = 0; r < reasons->len && stats == NULL; r++)
        if (g_array_index (reasons, ReasonStats, r).reason == pause->reason)
          stats = &g_array_index (reasons, ReasonStats, r);
      if (stats == NULL)
        {
          g_array_set_size (reasons, reasons->len + 1);
          stats = &g_array_index (reasons, ReasonStats, reasons->len - 1);
          stats->reason = pause->reason;
        }
      stats->count++;
      stats->total_ns += pause->duration_ns;
      stats->max_ns = MAX (stats->max_ns, pause->duration_ns);
    }

  printf ("  %-36s %8s %12s %12s\n", "reason", "count", "total", "longest");
  for (guint r = 0; r < reasons->len; r++)
    {
      const ReasonStats *stats = &g_array_index (reasons, ReasonStats, r);
      printf ("  %-36s %8u", lanes_trace_reader_get_string (reader, stats->reason), stats->count);
      print_column (stats->total_ns);
      print_column (stats->max_ns);
      printf ("\n");
    }
}

static void
print_pauses (LanesTraceReader *reader,
              const GArray     *pauses,
              gint64            origin)
{
  printf ("  %12s %12s  %s\n", "start", "duration", "reason");
  for (guint i = 0; i < pauses->len; i++)
    {
      const LanesStwPause *pause = &g_array_index (pauses, LanesStwPause, i);
      print_column (pause->start - origin);
      print_column (pause->duration_ns);
      printf ("  %s\n", lanes_trace_reader_get_string (reader, pause->reason));
    }
}

static const char * const severities[] = { "short", "long", "severe" };

/* The GC table's rows and every pause, times in ns from the start. */
static JsonNode *
gc_to_json (LanesTraceReader *reader,
            LanesGcAnalysis  *gc,
            gint64            origin)
{
  g_autoptr(GArray) rows = lanes_gc_table_new (lanes_gc_analysis_get_cycles (gc), origin);
  const GArray *pauses = lanes_gc_analysis_get_pauses (gc);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cpu_share");
  json_builder_add_double_value (b, lanes_gc_analysis_get_cpu_share (gc));
  json_builder_set_member_name (b, "cycles");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const LanesGcRow *r = &g_array_index (rows, LanesGcRow, i);
      const struct { const char *name; gint64 value; } ints[] = {
        { "number", r->number }, { "start_ns", r->start }, { "duration_ns", r->duration_ns },
        { "sweep_termination_ns", r->sweep_term_ns }, { "mark_ns", r->mark_ns },
        { "mark_termination_ns", r->mark_term_ns }, { "worker_ns", r->worker_ns },
        { "assist_ns", r->assist_ns }, { "assisting_goroutines", r->n_assisting },
        { "heap_start_bytes", r->heap_start_bytes }, { "heap_end_bytes", r->heap_end_bytes },
        { "heap_goal_bytes", r->heap_goal_bytes },
      };

      json_builder_begin_object (b);
      for (guint k = 0; k < G_N_ELEMENTS (ints); k++)
        {
          json_builder_set_member_name (b, ints[k].name);
          json_builder_add_int_value (b, ints[k].value);
        }
      json_builder_set_member_name (b, "assist_share");
      json_builder_add_double_value (b, r->assist_share);
      json_builder_set_member_name (b, "cpu_share");
      json_builder_add_double_value (b, r->cpu_share);
      json_builder_set_member_name (b, "over_cpu_target");
      json_builder_add_boolean_value (b, r->over_cpu_target);
      json_builder_set_member_name (b, "since_previous_ns");
      if (r->since_previous_ns >= 0)
        json_builder_add_int_value (b, r->since_previous_ns);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "pause");
      json_builder_add_string_value (b, severities[r->pause]);
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, r->complete);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pauses");
  json_builder_begin_array (b);
  for (guint i = 0; i < pauses->len; i++)
    {
      const LanesStwPause *pause = &g_array_index (pauses, LanesStwPause, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start_ns");
      json_builder_add_int_value (b, pause->start - origin);
      json_builder_set_member_name (b, "duration_ns");
      json_builder_add_int_value (b, pause->duration_ns);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, lanes_trace_reader_get_string (reader, pause->reason));
      json_builder_set_member_name (b, "for_gc");
      json_builder_add_boolean_value (b, pause->for_gc);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
lanes_cli_gc (int    argc,
              char **argv)
{
  gboolean list_pauses = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "pauses", 0, 0, G_OPTION_ARG_NONE, &list_pauses, "List every stop-the-world pause", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the cycles and pauses as JSON", NULL },
    { NULL }
  };
  g_autoptr(LanesDocument) document = NULL;
  LanesTraceReader *reader;
  LanesAnalysis *analysis;
  LanesGcAnalysis *gc;
  const GArray *cycles, *pauses;
  const char *path;
  gint64 origin;
  int status = 0;

  path = lanes_cli_parse (argc, argv, "TRACE — GC cycles and stop-the-world pauses", entries, &status);
  if (path == NULL)
    return status;
  document = lanes_cli_open (path, LANES_DOCUMENT_ANALYSIS, &status);
  if (document == NULL)
    return status;
  reader = lanes_document_get_reader (document);
  analysis = lanes_document_get_analysis (document);
  gc = lanes_analysis_get_gc (analysis);
  cycles = lanes_gc_analysis_get_cycles (gc);
  pauses = lanes_gc_analysis_get_pauses (gc);
  origin = lanes_analysis_get_start_time (analysis);
  if (json)
    {
      g_autoptr(JsonNode) root = gc_to_json (reader, gc, origin);
      g_autofree char *text = json_to_string (root, TRUE);

      printf ("%s\n", text);
      return 0;
    }

  printf ("GC cycles: %u; the GC took %.1f%% of all Ps' time (times from the start of the trace)\n\n",
          cycles->len, 100 * lanes_gc_analysis_get_cpu_share (gc));
  if (cycles->len > 0)
    {
      print_cycles (cycles, origin);
      printf ("\n");
    }
  printf ("Stop-the-world pauses: %u\n", pauses->len);
  if (pauses->len > 0)
    print_pauses_by_reason (reader, pauses);
  if (list_pauses && pauses->len > 0)
    {
      printf ("\n");
      print_pauses (reader, pauses, origin);
    }
  return 0;
}
