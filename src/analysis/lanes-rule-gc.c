/* lanes-rule-gc.c: what the garbage collector costs the program.
 *
 * gc-assist-pressure: allocating goroutines are drafted into mark
 *   assists for a large share of the GC's work, several at once.
 * gc-frequency: the pacer starts cycles more than about once a second,
 *   or the GC takes more than a quarter of the CPU.
 * gc-overhead: mark workers hold most Ps while goroutines wait for one.
 * low-mmu: in its worst 10 ms window the program kept less than half
 *   of the machine.
 * healthy-gc (info): short, regular cycles done by background workers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-rules-private.h"

/* The pacer plans for the background workers to do the marking with a
 * quarter of the CPU; assists are its brake when allocation outruns
 * them.  Assists doing a quarter of the GC's work mean the brake is on
 * all the time; half is severe. */
#define ASSIST_MIN_SHARE 0.25
#define ASSIST_SEVERE_SHARE 0.5
#define ASSIST_MIN_NS (10 * LANES_MS)

/* The GC's own CPU goal is 25 %. */
#define GC_CPU_MAX_SHARE 0.25
#define GC_MIN_CPU_NS (10 * LANES_MS)
/* About one cycle a second of steady run, over enough cycles for a rate. */
#define GC_MAX_PER_SECOND 1.0
#define GC_MIN_CYCLES 3

/* Mark workers holding most Ps while goroutines wait, for a tenth of
 * the run; three tenths is severe. */
#define TAKEOVER_MIN_SHARE 0.1
#define TAKEOVER_SEVERE_SHARE 0.3
#define TAKEOVER_MIN_NS (10 * LANES_MS)

/* Half the machine in the worst 10 ms window (the background GC alone
 * takes a quarter); a fifth is severe.  The trace must hold ten such
 * windows. */
#define MMU_WINDOW_NS (10 * LANES_MS)
#define MMU_MIN 0.5
#define MMU_SEVERE 0.2
#define MMU_MIN_TRACE_NS (10 * MMU_WINDOW_NS)
#define MMU_WORST_WINDOWS 3

/* A GC pause is short below 1 ms. */
#define SHORT_PAUSE_NS LANES_MS

typedef struct
{
  const GArray *cycles;
  guint pacer_cycles;          /* cycles not forced by the program */
  gint64 assist_ns;
  gint64 gc_cpu_ns;            /* pauses, assists and mark workers, all Ps */
  double cpu_share;
  gint64 longest_pause_ns;     /* of the GC's own pauses */
  double mmu;                  /* at MMU_WINDOW_NS; 1 when the trace is too short */
} GcFacts;

static void
gc_facts_init (LanesRuleContext *context,
               GcFacts          *gc)
{
  LanesGcAnalysis *analysis = lanes_analysis_get_gc (context->analysis);
  const GArray *pauses = lanes_gc_analysis_get_pauses (analysis);
  gint64 duration = context->end - context->start;
  guint forced = context->facts->forced_gc_starts->len;

  gc->cycles = lanes_gc_analysis_get_cycles (analysis);
  gc->pacer_cycles = gc->cycles->len > forced ? gc->cycles->len - forced : 0;
  gc->assist_ns = 0;
  for (guint i = 0; i < gc->cycles->len; i++)
    gc->assist_ns += g_array_index (gc->cycles, LanesGcCycle, i).assist_ns;
  gc->cpu_share = lanes_gc_analysis_get_cpu_share (analysis);
  gc->gc_cpu_ns = (gint64) (gc->cpu_share * (double) duration * MAX (context->facts->gomaxprocs, 1));
  gc->longest_pause_ns = 0;
  for (guint i = 0; i < pauses->len; i++)
    {
      const LanesStwPause *pause = &g_array_index (pauses, LanesStwPause, i);

      if (pause->for_gc)
        gc->longest_pause_ns = MAX (gc->longest_pause_ns, pause->duration_ns);
    }
  gc->mmu = duration >= MMU_MIN_TRACE_NS
            ? lanes_mmu_curve_get_mmu (lanes_analysis_get_mmu (context->analysis, FALSE), MMU_WINDOW_NS)
            : 1.0;
}

static gboolean
assist_pressure (LanesRuleContext *context,
                 const GcFacts    *gc)
{
  const LanesSchedFacts *facts = context->facts;
  double part = lanes_rule_share (gc->assist_ns, gc->gc_cpu_ns);
  LanesFinding *finding;

  if (gc->assist_ns < ASSIST_MIN_NS || part < ASSIST_MIN_SHARE || facts->max_assists < 2)
    return FALSE;

  finding = lanes_finding_new ("gc-assist-pressure", part >= ASSIST_SEVERE_SHARE ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "Allocation outruns the GC's background workers, so the pacer drafts the "
                               "allocating goroutines into mark assists: they mark instead of doing their "
                               "own work, and every allocation during a cycle gets slower.",
                               "Allocate less on the hot path (reuse buffers, sync.Pool, avoid pointers in "
                               "large objects), or give the heap more room: a higher GOGC, or a "
                               "GOMEMLIMIT near the memory you can spare with GOGC raised.");
  lanes_finding_set_summary (finding, "Mark assists did %.0f%% of the GC's work; up to %u goroutines assisted at once",
                             100 * part, facts->max_assists);
  lanes_finding_add_evidence (finding, "assist_ns", LANES_UNIT_NS, gc->assist_ns);
  lanes_finding_add_evidence (finding, "gc_cpu_ns", LANES_UNIT_NS, gc->gc_cpu_ns);
  lanes_finding_add_evidence (finding, "assist_share_of_gc", LANES_UNIT_SHARE, part);
  lanes_finding_add_evidence (finding, "assist_share_of_running", LANES_UNIT_SHARE,
                              lanes_rule_share (gc->assist_ns, facts->user_ns[LANES_TIME_RUNNING]));
  lanes_finding_add_evidence (finding, "max_concurrent_assists", LANES_UNIT_COUNT, facts->max_assists);
  lanes_finding_add_evidence (finding, "concurrent_assists_ns", LANES_UNIT_NS, facts->multi_assist.total_ns);
  lanes_rule_add_stretches (finding, &facts->multi_assist);
  lanes_rule_report (context, finding);
  return TRUE;
}

static gboolean
frequency (LanesRuleContext *context,
           const GcFacts    *gc)
{
  double seconds = (double) (context->end - context->start) / 1e9;
  double rate = seconds > 0 ? gc->pacer_cycles / seconds : 0.0;
  gboolean too_often = gc->pacer_cycles >= GC_MIN_CYCLES && rate > GC_MAX_PER_SECOND;
  gboolean too_costly = gc->cpu_share > GC_CPU_MAX_SHARE && gc->gc_cpu_ns >= GC_MIN_CPU_NS;
  LanesFinding *finding;

  if (!too_often && !too_costly)
    return FALSE;

  finding = lanes_finding_new ("gc-frequency", too_costly ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "The heap reaches its goal quickly, so collections follow one another; "
                               "each costs the mark work of the live heap, and together they take CPU "
                               "the program could use.",
                               "Allocate less (reuse objects, sync.Pool, fewer temporary slices and "
                               "strings), or raise GOGC, or set GOMEMLIMIT so the heap may grow to the "
                               "memory available before collecting.");
  lanes_finding_set_summary (finding, "%u GC cycles in %.2f s (%.1f a second); the GC took %.0f%% of the CPU",
                             gc->pacer_cycles, seconds, rate, 100 * gc->cpu_share);
  lanes_finding_add_evidence (finding, "cycles", LANES_UNIT_COUNT, gc->pacer_cycles);
  lanes_finding_add_evidence (finding, "cycles_per_second", LANES_UNIT_PER_SECOND, rate);
  lanes_finding_add_evidence (finding, "gc_cpu_share", LANES_UNIT_SHARE, gc->cpu_share);
  lanes_finding_add_evidence (finding, "gc_cpu_ns", LANES_UNIT_NS, gc->gc_cpu_ns);
  for (guint i = 0; i < gc->cycles->len && i < LANES_MAX_STRETCHES; i++)
    {
      const LanesGcCycle *cycle = &g_array_index (gc->cycles, LanesGcCycle, i);

      lanes_finding_add_range (finding, cycle->start, cycle->end);
    }
  lanes_rule_report (context, finding);
  return TRUE;
}

static gboolean
overhead (LanesRuleContext *context,
          const GcFacts    *gc)
{
  const LanesSchedFacts *facts = context->facts;
  double part = lanes_rule_share (facts->gc_takeover.total_ns, context->end - context->start);
  LanesFinding *finding;

  if (facts->gc_takeover.total_ns < TAKEOVER_MIN_NS || part < TAKEOVER_MIN_SHARE)
    return FALSE;

  finding = lanes_finding_new ("gc-overhead", part >= TAKEOVER_SEVERE_SHARE ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "Every P is busy, but mostly with GC mark workers: goroutines that could "
                               "run wait for a P while the collector marks. The heap is large for the "
                               "time between cycles, or the GC runs far too often.",
                               "Reduce the live heap (fewer pointers, smaller caches) and the allocation "
                               "rate, or give the GC room with GOGC or GOMEMLIMIT so cycles are rarer.");
  lanes_finding_set_summary (finding, "For %.0f%% of the run mark workers held more than half the Ps while goroutines waited for one",
                             100 * part);
  lanes_finding_add_evidence (finding, "gc_takeover_ns", LANES_UNIT_NS, facts->gc_takeover.total_ns);
  lanes_finding_add_evidence (finding, "gc_takeover_share", LANES_UNIT_SHARE, part);
  lanes_finding_add_evidence (finding, "gc_cpu_share", LANES_UNIT_SHARE, gc->cpu_share);
  lanes_rule_add_stretches (finding, &facts->gc_takeover);
  lanes_rule_report (context, finding);
  return TRUE;
}

static gboolean
low_mmu (LanesRuleContext *context,
         const GcFacts    *gc)
{
  LanesMmuCurve *curve = lanes_analysis_get_mmu (context->analysis, FALSE);
  LanesUtilWindow windows[MMU_WORST_WINDOWS];
  LanesFinding *finding;
  guint n;

  if (gc->mmu >= MMU_MIN)
    return FALSE;

  finding = lanes_finding_new ("low-mmu", gc->mmu < MMU_SEVERE ? LANES_SEVERITY_SEVERE : LANES_SEVERITY_WARNING,
                               "In its worst stretches the program kept little of the machine for "
                               "itself: pauses, mark assists and mark workers took the rest. Requests "
                               "served then see that much less CPU, which shows as tail latency.",
                               "Find what the worst windows hold: long pauses (see long-stw), assists "
                               "(less allocation, GOGC, GOMEMLIMIT) or a GC that runs too often.");
  lanes_finding_set_summary (finding, "Minimum mutator utilization %.0f%% over 10 ms windows (%.0f%% over 1 ms)",
                             100 * gc->mmu, 100 * lanes_mmu_curve_get_mmu (curve, LANES_MS));
  lanes_finding_add_evidence (finding, "mmu_1ms", LANES_UNIT_SHARE, lanes_mmu_curve_get_mmu (curve, LANES_MS));
  lanes_finding_add_evidence (finding, "mmu_10ms", LANES_UNIT_SHARE, gc->mmu);
  lanes_finding_add_evidence (finding, "mmu_100ms", LANES_UNIT_SHARE, lanes_mmu_curve_get_mmu (curve, 100 * LANES_MS));
  n = lanes_mmu_curve_get_worst_windows (curve, MMU_WINDOW_NS, MMU_WORST_WINDOWS, windows);
  for (guint i = 0; i < n; i++)
    lanes_finding_add_range (finding, windows[i].start, MIN (windows[i].start + MMU_WINDOW_NS, context->end));
  lanes_rule_report (context, finding);
  return TRUE;
}

static void
healthy (LanesRuleContext *context,
         const GcFacts    *gc)
{
  LanesFinding *finding;
  gint64 longest = 0;

  /* It is the pacer's cycles that can be healthy. */
  if (gc->pacer_cycles < 2 || gc->longest_pause_ns >= SHORT_PAUSE_NS)
    return;
  for (guint i = 0; i < gc->cycles->len; i++)
    {
      const LanesGcCycle *cycle = &g_array_index (gc->cycles, LanesGcCycle, i);

      longest = MAX (longest, cycle->end - cycle->start);
    }

  finding = lanes_finding_new ("healthy-gc", LANES_SEVERITY_INFO,
                               "Collections are short and regular, pauses stay under a millisecond and "
                               "background workers do the marking: the GC is not what limits this run.",
                               "Nothing to do for the GC; look elsewhere for time.");
  lanes_finding_set_summary (finding, "%u GC cycles, pauses under 1 ms, assists %.0f%% of the GC's work, GC %.0f%% of the CPU",
                             gc->cycles->len, 100 * lanes_rule_share (gc->assist_ns, gc->gc_cpu_ns), 100 * gc->cpu_share);
  lanes_finding_add_evidence (finding, "cycles", LANES_UNIT_COUNT, gc->cycles->len);
  lanes_finding_add_evidence (finding, "longest_pause_ns", LANES_UNIT_NS, gc->longest_pause_ns);
  lanes_finding_add_evidence (finding, "longest_cycle_ns", LANES_UNIT_NS, longest);
  lanes_finding_add_evidence (finding, "assist_share_of_gc", LANES_UNIT_SHARE, lanes_rule_share (gc->assist_ns, gc->gc_cpu_ns));
  lanes_finding_add_evidence (finding, "gc_cpu_share", LANES_UNIT_SHARE, gc->cpu_share);
  lanes_rule_report (context, finding);
}

void
lanes_rules_gc (LanesRuleContext *context)
{
  GcFacts gc;
  gboolean trouble = FALSE;

  gc_facts_init (context, &gc);
  trouble |= assist_pressure (context, &gc);
  trouble |= frequency (context, &gc);
  trouble |= overhead (context, &gc);
  trouble |= low_mmu (context, &gc);
  /* Fine only when no other GC rule found anything. */
  if (!trouble)
    healthy (context, &gc);
}
