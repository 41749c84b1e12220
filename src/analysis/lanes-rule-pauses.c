/* lanes-rule-pauses.c: stop-the-world pauses.
 *
 * long-stw: pauses over 1 ms (over 10 ms: severe), with their reasons.
 * forced-gc: GC cycles started by the program (runtime.GC,
 *   debug.FreeOSMemory) rather than by the pacer.  Old traces (Go 1.21
 *   and before) give no reason for pauses, so forced cycles are found
 *   from the stack where a cycle starts, in every format.
 * global-pause: pauses for something other than the GC that the program
 *   asked for (runtime.ReadMemStats, GOMAXPROCS changes, goroutine
 *   profiles…), which stop every goroutine too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-rules-private.h"

#include <string.h>

/* A millisecond stopped is visible in any latency percentile; ten are
 * a dropped frame, a missed deadline. */
#define LONG_PAUSE_NS LANES_MS
#define SEVERE_PAUSE_NS (10 * LANES_MS)
/* Non-GC pauses that add up to a long pause. */
#define GLOBAL_PAUSE_MIN_NS LANES_MS
/* More than one forced cycle is a habit rather than a one-off. */
#define FORCED_WARNING_CYCLES 2

typedef struct
{
  guint32 reason;
  guint count;
  gint64 total_ns;
  gint64 max_ns;
} ReasonTotal;

/* Pauses the tracer makes to start and stop itself are not the
 * program's. */
static gboolean
is_tracer_pause (const char *reason)
{
  return strcmp (reason, "start trace") == 0 || strcmp (reason, "stop trace") == 0;
}

static void
add_reason (GArray              *totals,
            const LanesStwPause *pause)
{
  ReasonTotal *total = NULL;

  for (guint i = 0; i < totals->len && total == NULL; i++)
    if (g_array_index (totals, ReasonTotal, i).reason == pause->reason)
      total = &g_array_index (totals, ReasonTotal, i);
  if (total == NULL)
    {
      g_array_set_size (totals, totals->len + 1);
      total = &g_array_index (totals, ReasonTotal, totals->len - 1);
      total->reason = pause->reason;
    }
  total->count++;
  total->total_ns += pause->duration_ns;
  total->max_ns = MAX (total->max_ns, pause->duration_ns);
}

static void
add_reason_details (LanesRuleContext *context,
                    LanesFinding     *finding,
                    const GArray     *totals)
{
  for (guint i = 0; i < totals->len; i++)
    {
      const ReasonTotal *total = &g_array_index (totals, ReasonTotal, i);
      const char *reason = lanes_trace_reader_get_string (context->reader, total->reason);
      g_autofree char *sum = lanes_duration_format (total->total_ns);
      g_autofree char *max = lanes_duration_format (total->max_ns);

      lanes_finding_add_detail (finding, "%s: %u, %s in all, longest %s",
                                reason != NULL && *reason ? reason : "(no reason given)", total->count, sum, max);
    }
}

static int
compare_longest_pause (gconstpointer a,
                       gconstpointer b)
{
  const LanesStwPause *x = *(const LanesStwPause **) a, *y = *(const LanesStwPause **) b;

  return (x->duration_ns < y->duration_ns) - (x->duration_ns > y->duration_ns);
}

static void
long_stw (LanesRuleContext *context,
          const GArray     *pauses)
{
  g_autoptr(GPtrArray) long_ones = g_ptr_array_new ();
  g_autoptr(GArray) reasons = g_array_new (FALSE, TRUE, sizeof (ReasonTotal));
  const LanesStwPause *longest;
  LanesFinding *finding;
  gint64 total = 0;

  for (guint i = 0; i < pauses->len; i++)
    {
      const LanesStwPause *pause = &g_array_index (pauses, LanesStwPause, i);

      if (pause->duration_ns <= LONG_PAUSE_NS)
        continue;
      g_ptr_array_add (long_ones, (gpointer) pause);
      add_reason (reasons, pause);
      total += pause->duration_ns;
    }
  if (long_ones->len == 0)
    return;
  g_ptr_array_sort (long_ones, compare_longest_pause);
  longest = g_ptr_array_index (long_ones, 0);

  finding = lanes_finding_new ("long-stw", longest->duration_ns > SEVERE_PAUSE_NS ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "The runtime stopped every goroutine for more than a millisecond. GC "
                               "pauses grow when goroutines take long to reach a safe point (tight "
                               "loops, long cgo or system calls), on an overloaded machine (more Ps than "
                               "cores, CPU limits), or with very many goroutines or a huge heap of roots.",
                               "Check the pause's reason: for GC pauses, keep GOMAXPROCS within the CPUs "
                               "the process really gets (container limits), and avoid huge numbers of "
                               "goroutines; for others, stop calling what asks for them on a hot path "
                               "(ReadMemStats, GOMAXPROCS, goroutine profiles).");
  lanes_finding_set_summary (finding, "%u stop-the-world pauses over 1 ms, the longest %.1f ms",
                             long_ones->len, longest->duration_ns / 1e6);
  lanes_finding_add_evidence (finding, "pauses_over_1ms", LANES_UNIT_COUNT, long_ones->len);
  lanes_finding_add_evidence (finding, "longest_ns", LANES_UNIT_NS, longest->duration_ns);
  lanes_finding_add_evidence (finding, "total_ns", LANES_UNIT_NS, total);
  add_reason_details (context, finding, reasons);
  for (guint i = 0; i < long_ones->len && i < LANES_MAX_STRETCHES; i++)
    {
      const LanesStwPause *pause = g_ptr_array_index (long_ones, i);

      lanes_finding_add_range (finding, pause->start, pause->start + pause->duration_ns);
    }
  lanes_rule_report (context, finding);
}

static void
forced_gc (LanesRuleContext *context)
{
  const GArray *starts = context->facts->forced_gc_starts;
  const GArray *cycles = lanes_gc_analysis_get_cycles (lanes_analysis_get_gc (context->analysis));
  LanesFinding *finding;
  guint c = 0;

  if (starts->len == 0)
    return;

  finding = lanes_finding_new ("forced-gc", starts->len >= FORCED_WARNING_CYCLES ? LANES_SEVERITY_WARNING : LANES_SEVERITY_INFO,
                               "The program started GC cycles itself (runtime.GC, debug.FreeOSMemory) "
                               "instead of leaving them to the pacer. A forced cycle blocks its caller "
                               "until marking and sweeping are done, and runs whether or not the heap "
                               "needed it.",
                               "Remove the explicit calls (they are rarely needed outside benchmarks and "
                               "tests); to bound memory, set GOMEMLIMIT instead.");
  lanes_finding_set_summary (finding, "%u of %u GC cycles were started by runtime.GC or debug.FreeOSMemory",
                             starts->len, MAX (cycles->len, starts->len));
  lanes_finding_add_evidence (finding, "forced_cycles", LANES_UNIT_COUNT, starts->len);
  lanes_finding_add_evidence (finding, "cycles", LANES_UNIT_COUNT, MAX (cycles->len, starts->len));
  /* Each forced start is the mark phase start of a cycle, in order. */
  for (guint i = 0; i < starts->len && i < LANES_MAX_STRETCHES; i++)
    {
      gint64 start = g_array_index (starts, gint64, i);
      gint64 end = start;

      for (; c < cycles->len && g_array_index (cycles, LanesGcCycle, c).mark_start < start; c++)
        ;
      if (c < cycles->len && g_array_index (cycles, LanesGcCycle, c).mark_start == start)
        end = g_array_index (cycles, LanesGcCycle, c).end;
      lanes_finding_add_range (finding, start, end);
    }
  lanes_rule_report (context, finding);
}

static void
global_pause (LanesRuleContext *context,
              const GArray     *pauses)
{
  g_autoptr(GArray) reasons = g_array_new (FALSE, TRUE, sizeof (ReasonTotal));
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (LanesTimeRange));
  LanesFinding *finding;
  gint64 total = 0, longest = 0;
  guint count = 0;

  for (guint i = 0; i < pauses->len; i++)
    {
      const LanesStwPause *pause = &g_array_index (pauses, LanesStwPause, i);
      const char *reason = lanes_trace_reader_get_string (context->reader, pause->reason);

      if (pause->for_gc || reason == NULL || is_tracer_pause (reason))
        continue;
      add_reason (reasons, pause);
      total += pause->duration_ns;
      longest = MAX (longest, pause->duration_ns);
      count++;
      if (ranges->len < LANES_MAX_STRETCHES)
        g_array_append_val (ranges, ((LanesTimeRange) { pause->start, pause->start + pause->duration_ns }));
    }
  if (total < GLOBAL_PAUSE_MIN_NS)
    return;

  finding = lanes_finding_new ("global-pause", longest > SEVERE_PAUSE_NS ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "The program stopped the world for things other than the GC: "
                               "runtime.ReadMemStats, runtime.GOMAXPROCS, goroutine profiles and stack "
                               "dumps each pause every goroutine while they run.",
                               "Read runtime/metrics instead of ReadMemStats (it does not stop the world), "
                               "set GOMAXPROCS once at start, and take goroutine profiles rarely.");
  lanes_finding_set_summary (finding, "%u stop-the-world pauses not for the GC, %.2f ms in all", count, total / 1e6);
  lanes_finding_add_evidence (finding, "pauses", LANES_UNIT_COUNT, count);
  lanes_finding_add_evidence (finding, "total_ns", LANES_UNIT_NS, total);
  lanes_finding_add_evidence (finding, "longest_ns", LANES_UNIT_NS, longest);
  add_reason_details (context, finding, reasons);
  for (guint i = 0; i < ranges->len; i++)
    lanes_finding_add_range (finding, g_array_index (ranges, LanesTimeRange, i).start,
                             g_array_index (ranges, LanesTimeRange, i).end);
  lanes_rule_report (context, finding);
}

void
lanes_rules_pauses (LanesRuleContext *context)
{
  const GArray *pauses = lanes_gc_analysis_get_pauses (lanes_analysis_get_gc (context->analysis));

  long_stw (context, pauses);
  forced_gc (context);
  global_pause (context, pauses);
}
