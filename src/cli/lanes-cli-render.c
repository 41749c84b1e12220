/* lanes-cli-render.c: `lanes-cli render TRACE -o OUT.png`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "lanes-cli.h"
#include "lanes-duration.h"
#include "lanes-flame-graph.h"
#include "lanes-gc-chart.h"
#include "lanes-mmu-chart.h"
#include "lanes-renderer.h"

static const char * const group_names[LANES_N_GROUPS] = {
  "runtime", "procs", "threads", "goroutines", "tasks",
};

guint
lanes_cli_parse_groups (const char  *text,
                        GError     **error)
{
  g_auto(GStrv) names = NULL;
  guint groups = 0;

  if (text == NULL)
    return (1u << LANES_N_GROUPS) - 1;
  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint g;

      for (g = 0; g < LANES_N_GROUPS && strcmp (g_strstrip (names[i]), group_names[g]) != 0; g++)
        ;
      if (g == LANES_N_GROUPS)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unknown lane group “%s” (runtime, procs, threads, goroutines, tasks)", names[i]);
          return 0;
        }
      groups |= 1u << g;
    }
  return groups;
}

/* The samples between @start and @end as a flame graph. */
static void
draw_flame_graph (LanesTimeline *timeline,
                  cairo_t       *cr,
                  int            width,
                  int            height,
                  gint64         start,
                  gint64         end,
                  gboolean       dark)
{
  guint n;
  const LanesStackSample *samples = lanes_cpu_samples_get_range (lanes_timeline_get_samples (timeline), start, end, &n);
  g_autoptr(LanesCallTree) tree = lanes_call_tree_new (lanes_timeline_get_reader (timeline), samples, n);
  g_autoptr(LanesFlameLayout) layout = lanes_flame_layout_new (tree, LANES_CALL_TREE_ROOT, width);

  lanes_flame_graph_draw (cr, layout, tree, lanes_palette_get (dark), 0, 0, height);
}

/* The GC cycles between @start and @end, as the GC panel's chart. */
static void
draw_gc_chart (LanesDocument *document,
               cairo_t       *cr,
               int            width,
               int            height,
               gint64         start,
               gint64         end,
               gboolean       dark)
{
  LanesAnalysis *analysis = lanes_document_get_analysis (document);
  LanesGcAnalysis *gc = lanes_analysis_get_gc (analysis);
  LanesTimeline *timeline = lanes_document_get_timeline (document);
  g_autoptr(LanesGcChart) chart = lanes_gc_chart_new (lanes_gc_analysis_get_cycles (gc),
                                                      lanes_gc_analysis_get_pauses (gc),
                                                      timeline, lanes_timeline_get_start (timeline));

  lanes_gc_chart_set_frame (chart, width, height, start, end);
  lanes_gc_chart_draw (chart, cr, lanes_palette_get (dark));
}

/* The whole trace's MMU curve, as the MMU panel's chart. */
static void
draw_mmu_chart (LanesDocument *document,
                cairo_t       *cr,
                int            width,
                int            height,
                gint64         budget,
                gboolean       dark)
{
  LanesAnalysis *analysis = lanes_document_get_analysis (document);
  g_autoptr(LanesMmuChart) chart = lanes_mmu_chart_new (lanes_analysis_get_mmu (analysis, FALSE),
                                                        lanes_analysis_get_end_time (analysis)
                                                        - lanes_analysis_get_start_time (analysis));

  lanes_mmu_chart_set_size (chart, width, height);
  lanes_mmu_chart_set_budget (chart, budget);
  lanes_mmu_chart_draw (chart, cr, lanes_palette_get (dark));
}

int
lanes_cli_render (int    argc,
                  char **argv)
{
  g_autofree char *output = NULL, *start_text = NULL, *end_text = NULL, *lanes_text = NULL, *chart = NULL;
  g_autofree char *budget_text = NULL;
  int width = 1920, height = 1080;
  gboolean dark = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the PNG here", "OUT.png" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (1920)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (1080)", "H" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, "From this long after the trace starts (1.5s, 250ms, 40us)", "T" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text, "To this long after the trace starts", "T" },
    { "lanes", 0, 0, G_OPTION_ARG_STRING, &lanes_text, "Lane groups: runtime,procs,threads,goroutines,tasks", "LIST" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark palette", NULL },
    { "budget", 0, 0, G_OPTION_ARG_STRING, &budget_text, "With --chart mmu: mark this latency budget (5ms)", "T" },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart, "timeline (the default); flame: a flame graph of the CPU samples; gc: GC cycles; mmu: the MMU curve", "CHART" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TRACE — draw a Go execution trace's timeline to a PNG");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesDocument) document = NULL;
  LanesTimeline *timeline;
  g_autoptr(LanesRenderer) renderer = NULL;
  g_autoptr(GArray) lanes = NULL;
  cairo_surface_t *surface;
  cairo_status_t written;
  int status = 0;
  cairo_t *cr;
  gint64 start, end, budget = 0;
  guint groups;
  LanesDocumentParts parts;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lanes_cli_fail (error);
  if (argc != 2 || output == NULL || width < 200 || height < 100)
    {
      fprintf (stderr, "lanes-cli: render needs one TRACE, -o OUT.png, and a size of at least 200x100\n");
      return 2;
    }
  if (chart == NULL)
    chart = g_strdup ("timeline");
  if (!g_strv_contains ((const char * const[]) { "timeline", "flame", "gc", "mmu", NULL }, chart))
    {
      fprintf (stderr, "lanes-cli: unknown chart “%s” (timeline, flame, gc, mmu)\n", chart);
      return 2;
    }
  if (strcmp (chart, "mmu") == 0 && (start_text != NULL || end_text != NULL))
    {
      fprintf (stderr, "lanes-cli: the MMU chart is of the whole trace: no --start or --end\n");
      return 2;
    }
  if (budget_text != NULL && (strcmp (chart, "mmu") != 0 || !lanes_duration_parse (budget_text, &budget, NULL)))
    {
      fprintf (stderr, "lanes-cli: --budget takes a duration (5ms), with --chart mmu\n");
      return 2;
    }
  groups = lanes_cli_parse_groups (lanes_text, &error);
  if (groups == 0)
    return lanes_cli_fail (error);

  parts = strcmp (chart, "mmu") == 0 ? LANES_DOCUMENT_ANALYSIS
          : strcmp (chart, "gc") == 0 ? LANES_DOCUMENT_TIMELINE | LANES_DOCUMENT_ANALYSIS
          : LANES_DOCUMENT_TIMELINE;
  document = lanes_cli_open (argv[1], parts, &status);
  if (document == NULL)
    return status;
  timeline = lanes_document_get_timeline (document);
  if (timeline != NULL && !lanes_cli_parse_range (timeline, start_text, end_text, &start, &end, &error))
    return lanes_cli_fail (error);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (strcmp (chart, "mmu") == 0)
    draw_mmu_chart (document, cr, width, height, budget, dark);
  else if (strcmp (chart, "gc") == 0)
    draw_gc_chart (document, cr, width, height, start, end, dark);
  else if (strcmp (chart, "flame") == 0)
    draw_flame_graph (timeline, cr, width, height, start, end, dark);
  else
    {
      renderer = lanes_renderer_new (timeline);
      lanes_renderer_set_dark (renderer, dark);
      lanes = lanes_renderer_pick_lanes (renderer, groups, width, height);
      lanes_renderer_draw (renderer, cr, width, height, start, end, (const guint *) lanes->data, lanes->len);
    }
  cairo_destroy (cr);
  written = cairo_surface_write_to_png (surface, output);
  cairo_surface_destroy (surface);
  if (written != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "lanes-cli: cannot write %s: %s\n", output, cairo_status_to_string (written));
      return 1;
    }
  return 0;
}
