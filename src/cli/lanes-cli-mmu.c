/* lanes-cli-mmu.c: `lanes-cli mmu [--window W] [--per-proc] [--worst N] TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "lanes-cli.h"
#include "lanes-duration.h"

/* Window sizes of the curve: 1, 2 and 5 times each power of ten from a
 * microsecond up, and the whole trace. */
static void
print_curve (LanesMmuCurve *curve)
{
  gint64 duration = lanes_mmu_curve_get_duration (curve);
  static const gint64 steps[] = { 1, 2, 5 };

  printf ("  %14s  %s\n", "window", "MMU");
  for (gint64 decade = 1000; decade <= duration; decade *= 10)
    for (guint s = 0; s < G_N_ELEMENTS (steps) && decade * steps[s] < duration; s++)
      {
        g_autofree char *window = lanes_duration_format (decade * steps[s]);
        printf ("  %14s  %.4f\n", window, lanes_mmu_curve_get_mmu (curve, decade * steps[s]));
      }
  if (duration > 0)
    {
      g_autofree char *window = lanes_duration_format (duration);
      printf ("  %14s  %.4f  (the whole trace)\n", window, lanes_mmu_curve_get_mmu (curve, duration));
    }
}

static void
print_window (LanesMmuCurve *curve,
              gint64         window,
              guint          n_worst,
              gint64         origin)
{
  g_autofree LanesUtilWindow *worst = g_new (LanesUtilWindow, MAX (n_worst, 1));
  g_autofree char *size = lanes_duration_format (window);
  guint n = lanes_mmu_curve_get_worst_windows (curve, window, n_worst, worst);

  printf ("MMU(%s) = %.4f\n", size, lanes_mmu_curve_get_mmu (curve, window));
  if (n == 0)
    return;
  printf ("\nWorst windows (from the start of the trace):\n  %14s  %s\n", "start", "utilization");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = lanes_duration_format (worst[i].start - origin);
      printf ("  %14s  %.4f\n", start, worst[i].util);
    }
}

int
lanes_cli_mmu (int    argc,
               char **argv)
{
  g_autofree char *window_text = NULL;
  gboolean per_proc = FALSE;
  gint n_worst = 5;
  GOptionEntry entries[] = {
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_text, "One window size (e.g. 10ms; ns, us, ms, s)", "SIZE" },
    { "per-proc", 0, 0, G_OPTION_ARG_NONE, &per_proc, "Utilization per P rather than of all Ps together", NULL },
    { "worst", 0, 0, G_OPTION_ARG_INT, &n_worst, "How many worst windows to list with --window (5)", "N" },
    { NULL }
  };
  g_autoptr(LanesDocument) document = NULL;
  LanesAnalysis *analysis;
  LanesMmuCurve *curve;
  const char *path;
  gint64 window = 0;
  int status = 0;

  path = lanes_cli_parse (argc, argv, "TRACE — minimum mutator utilization", entries, &status);
  if (path == NULL)
    return status;
  if (window_text != NULL && (!lanes_duration_parse (window_text, &window, NULL) || window == 0))
    {
      fprintf (stderr, "lanes-cli: not a window size: %s (try 10ms, 500us, 1s)\n", window_text);
      return 2;
    }
  if (n_worst < 0)
    n_worst = 0;
  document = lanes_cli_open (path, LANES_DOCUMENT_ANALYSIS, &status);
  if (document == NULL)
    return status;
  analysis = lanes_document_get_analysis (document);

  curve = lanes_analysis_get_mmu (analysis, per_proc);
  if (window_text != NULL)
    print_window (curve, window, n_worst, lanes_analysis_get_start_time (analysis));
  else
    {
      printf ("Minimum mutator utilization %s; STW, mark workers, assists and sweeping count as GC:\n\n",
              per_proc ? "per P" : "of all Ps together");
      print_curve (curve);
    }
  return 0;
}
