/* lanes-cli-bench.c: `lanes-cli bench parse|analyze|render TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lanes-cli.h"
#include "lanes-analysis.h"

static int
bench_parse (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  LanesTraceEvent event;
  guint64 events = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;
  gsize bytes;

  reader = lanes_cli_open_reader (path, &error);
  if (reader == NULL)
    return lanes_cli_fail (error);
  while (lanes_trace_reader_next (reader, &event, &error))
    events++;
  if (error != NULL)
    return lanes_cli_fail (error);

  seconds = (g_get_monotonic_time () - start) / 1e6;
  bytes = lanes_trace_reader_get_size (reader);
  printf ("trace:     %s (Go 1.%u format)\n", path, lanes_trace_reader_get_version (reader));
  printf ("events:    %" G_GUINT64_FORMAT "\n", events);
  printf ("bytes:     %" G_GSIZE_FORMAT "\n", bytes);
  printf ("seconds:   %.3f\n", seconds);
  printf ("events/s:  %.2f M\n", events / seconds / 1e6);
  printf ("MB/s:      %.1f\n", bytes / seconds / 1e6);
  printf ("peak RSS:  %.1f MiB\n", lanes_cli_peak_rss_mib ());
  return 0;
}

/* Wall-clock and CPU time, apart: the CPU time of a phase does not
 * depend on what else the machine runs. */
typedef struct
{
  double wall;
  double cpu;
} Elapsed;

static Elapsed
now (void)
{
  struct timespec cpu;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  return (Elapsed) { g_get_monotonic_time () / 1e6, cpu.tv_sec + cpu.tv_nsec / 1e9 };
}

static void
add_since (Elapsed *total,
           Elapsed  start)
{
  Elapsed end = now ();

  total->wall += end.wall - start.wall;
  total->cpu += end.cpu - start.cpu;
}

static void
print_elapsed (const char *what,
               Elapsed     elapsed)
{
  printf ("%-12s %.3f s (CPU %.3f s)\n", what, elapsed.wall, elapsed.cpu);
}

/* What a viewer asks once the events are in: the MMU at the usual
 * windows, the worst windows, every profile and the GC cycles. */
static void
ask_everything (LanesAnalysis *analysis)
{
  LanesUtilWindow worst[5];

  for (gint64 window = 1000; window <= 1000000000; window *= 10)
    for (guint per_proc = 0; per_proc < 2; per_proc++)
      {
        lanes_mmu_curve_get_mmu (lanes_analysis_get_mmu (analysis, per_proc), window);
        lanes_mmu_curve_get_worst_windows (lanes_analysis_get_mmu (analysis, per_proc), window, 5, worst);
      }
  for (guint kind = 0; kind < LANES_PROFILE_N_KINDS; kind++)
    lanes_blocking_profiles_get (lanes_analysis_get_profiles (analysis), kind);
  lanes_gc_analysis_get_cycles (lanes_analysis_get_gc (analysis));
  lanes_goroutine_analysis_get_groups (lanes_analysis_get_goroutines (analysis));
}

/* Events are read a batch at a time and then analysed, so that reading
 * and analysing are timed apart without holding the whole trace.  The
 * analyses are go tool trace's: the summary's own counts are not in. */
static int
bench_analyze (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(LanesAnalysis) analysis = NULL;
  g_autofree LanesTraceEvent *batch = g_new (LanesTraceEvent, LANES_ANALYSIS_BATCH);
  Elapsed read = { 0 }, add = { 0 }, finish = { 0 }, ask = { 0 }, start;
  guint64 events = 0;
  guint n;

  reader = lanes_cli_open_reader (path, &error);
  if (reader == NULL)
    return lanes_cli_fail (error);
  analysis = lanes_analysis_new (reader);
  do
    {
      start = now ();
      n = lanes_trace_reader_next_batch (reader, batch, LANES_ANALYSIS_BATCH, &error);
      if (error != NULL)
        return lanes_cli_fail (error);
      add_since (&read, start);

      start = now ();
      lanes_analysis_add (analysis, batch, n);
      add_since (&add, start);
      events += n;
    }
  while (n == LANES_ANALYSIS_BATCH);

  start = now ();
  lanes_analysis_finish (analysis);
  add_since (&finish, start);
  start = now ();
  ask_everything (analysis);
  add_since (&ask, start);

  printf ("trace:       %s (Go 1.%u format)\n", path, lanes_trace_reader_get_version (reader));
  printf ("events:      %" G_GUINT64_FORMAT "\n", events);
  printf ("goroutines:  %u\n", lanes_goroutine_analysis_get_n_goroutines (lanes_analysis_get_goroutines (analysis)));
  print_elapsed ("read:", read);
  print_elapsed ("analysis:", (Elapsed) { add.wall + finish.wall + ask.wall, add.cpu + finish.cpu + ask.cpu });
  print_elapsed ("  events:", add);
  print_elapsed ("  finish:", finish);
  print_elapsed ("  queries:", ask);
  printf ("peak RSS:    %.1f MiB\n", lanes_cli_peak_rss_mib ());
  return 0;
}

int
lanes_cli_bench (int    argc,
                 char **argv)
{
  if (argc == 3 && strcmp (argv[1], "parse") == 0)
    return bench_parse (argv[2]);
  if (argc == 3 && strcmp (argv[1], "analyze") == 0)
    return bench_analyze (argv[2]);
  if (argc == 3 && strcmp (argv[1], "model") == 0)
    return lanes_cli_bench_model (argv[2]);
  if (argc == 3 && strcmp (argv[1], "render") == 0)
    return lanes_cli_bench_render (argv[2]);
  fprintf (stderr, "Usage: lanes-cli bench parse|analyze|model|render TRACE\n");
  return 2;
}
