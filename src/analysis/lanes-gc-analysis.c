/* lanes-gc-analysis.c
 *
 * The runtime begins a cycle's mark phase just before its sweep
 * termination pause and ends it inside its mark termination pause, so a
 * sweep termination belongs to the cycle open when it ends (or, if none
 * is, the next to open) and a mark termination to the cycle open when it
 * ends or else the one that has just closed.
 *
 * Background mark workers label themselves "GC (dedicated)",
 * "GC (fractional)" or "GC (idle)" each time they start: a goroutine
 * once labelled so does mark work whenever it runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-gc-analysis.h"

#include <string.h>

#define STW_PREFIX "stop-the-world ("
#define NONE G_MAXUINT

/* Per goroutine index in workers */
#define WORKER          0x1
#define WORKER_RUNNING  0x2

struct _LanesGcAnalysis
{
  LanesTraceReader *reader;
  LanesGoroutineIndex *index;
  guint32 mark_phase;
  guint32 assist;
  guint32 heap_live_metric;
  guint32 heap_goal_metric;
  guint32 sweep_termination;  /* the range names of the GC's pauses */
  guint32 mark_termination;
  GByteArray *stw_names;      /* per string id: 0 not looked at, 1 a pause's name, 2 not */

  GArray *cycles;             /* LanesGcCycle */
  GArray *pauses;             /* LanesStwPause */
  guint open_cycle;           /* index in cycles, NONE */
  guint pending_sweep_term;   /* a pause waiting for its cycle, NONE */
  guint32 open_stw;           /* range name of the pause in progress, 0 if none */
  gint64 open_stw_start;

  GByteArray *in_assist;      /* per goroutine index */
  guint n_assisting;
  gint64 assist_clock;        /* when assist and worker time was last added */
  GArray *assisted_in;        /* per goroutine index: 1 + the last cycle it was counted in */

  guint32 worker_labels[3];
  GByteArray *workers;        /* per goroutine index: WORKER, WORKER_RUNNING */
  guint n_workers_running;

  guint64 heap_live;
  guint64 heap_goal;
  double cpu_share;
};

LanesGcAnalysis *
lanes_gc_analysis_new (LanesTraceReader    *reader,
                       LanesGoroutineIndex *index)
{
  LanesGcAnalysis *analysis = g_new0 (LanesGcAnalysis, 1);

  analysis->reader = reader;
  analysis->index = index;
  analysis->mark_phase = lanes_trace_reader_intern_string (reader, "GC concurrent mark phase");
  analysis->assist = lanes_trace_reader_intern_string (reader, "GC mark assist");
  analysis->heap_live_metric = lanes_trace_reader_intern_string (reader, "/memory/classes/heap/objects:bytes");
  analysis->heap_goal_metric = lanes_trace_reader_intern_string (reader, "/gc/heap/goal:bytes");
  analysis->sweep_termination = lanes_trace_reader_intern_string (reader, STW_PREFIX "GC sweep termination)");
  analysis->mark_termination = lanes_trace_reader_intern_string (reader, STW_PREFIX "GC mark termination)");
  analysis->stw_names = g_byte_array_new ();
  analysis->cycles = g_array_new (FALSE, TRUE, sizeof (LanesGcCycle));
  analysis->pauses = g_array_new (FALSE, TRUE, sizeof (LanesStwPause));
  analysis->open_cycle = NONE;
  analysis->pending_sweep_term = NONE;
  analysis->in_assist = g_byte_array_new ();
  analysis->assisted_in = g_array_new (FALSE, TRUE, sizeof (guint32));
  analysis->worker_labels[0] = lanes_trace_reader_intern_string (reader, "GC (dedicated)");
  analysis->worker_labels[1] = lanes_trace_reader_intern_string (reader, "GC (fractional)");
  analysis->worker_labels[2] = lanes_trace_reader_intern_string (reader, "GC (idle)");
  analysis->workers = g_byte_array_new ();
  return analysis;
}

void
lanes_gc_analysis_free (LanesGcAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_byte_array_unref (analysis->stw_names);
  g_byte_array_unref (analysis->in_assist);
  g_array_unref (analysis->assisted_in);
  g_byte_array_unref (analysis->workers);
  g_array_unref (analysis->cycles);
  g_array_unref (analysis->pauses);
  g_free (analysis);
}

static LanesGcCycle *
cycle_at (LanesGcAnalysis *analysis,
          guint            i)
{
  return &g_array_index (analysis->cycles, LanesGcCycle, i);
}

static gboolean
is_stw_name (const char *s)
{
  gsize length = strlen (s);

  return g_str_has_prefix (s, STW_PREFIX) && length > strlen (STW_PREFIX) && s[length - 1] == ')';
}

static gboolean
names_stw (LanesGcAnalysis *analysis,
           guint32          name)
{
  if (name >= analysis->stw_names->len)
    {
      guint old = analysis->stw_names->len;
      g_byte_array_set_size (analysis->stw_names, name + 1);
      memset (analysis->stw_names->data + old, 0, name + 1 - old);
    }
  if (analysis->stw_names->data[name] == 0)
    analysis->stw_names->data[name] = is_stw_name (lanes_trace_reader_get_string (analysis->reader, name)) ? 1 : 2;
  return analysis->stw_names->data[name] == 1;
}

/* The reason inside "stop-the-world (REASON)", interned at the end. */
static guint32
stw_reason (LanesGcAnalysis *analysis,
            guint32          name)
{
  const char *s = lanes_trace_reader_get_string (analysis->reader, name);
  g_autofree char *inside = g_strndup (s + strlen (STW_PREFIX), strlen (s) - strlen (STW_PREFIX) - 1);

  return lanes_trace_reader_intern_string (analysis->reader, inside);
}

/* Goroutine @i's byte in @bytes, which grows to hold it (zeroed). */
static guint8 *
byte_for (GByteArray *bytes,
          guint32     i)
{
  if (i >= bytes->len)
    {
      guint old = bytes->len;
      g_byte_array_set_size (bytes, MAX (i + 1, old * 2));
      memset (bytes->data + old, 0, bytes->len - old);
    }
  return &bytes->data[i];
}

/* Adds the assist time since the last change to the open cycle, and the
 * workers' to the open cycle or else the last: the worker that ends the
 * mark phase goes on with the cycle's last work (the mark termination,
 * flushing caches) after it. */
static void
advance_assist_clock (LanesGcAnalysis *analysis,
                      gint64           time)
{
  if (analysis->open_cycle != NONE)
    cycle_at (analysis, analysis->open_cycle)->assist_ns += analysis->n_assisting * (time - analysis->assist_clock);
  if (analysis->cycles->len > 0)
    cycle_at (analysis, analysis->open_cycle != NONE ? analysis->open_cycle : analysis->cycles->len - 1)->worker_ns
      += analysis->n_workers_running * (time - analysis->assist_clock);
  analysis->assist_clock = time;
}

/* Counts goroutine @i among the open cycle's assisting goroutines, once. */
static void
count_assisting (LanesGcAnalysis *analysis,
                 guint32          i)
{
  if (analysis->open_cycle == NONE)
    return;
  if (i >= analysis->assisted_in->len)
    g_array_set_size (analysis->assisted_in, MAX (i + 1, analysis->assisted_in->len * 2));
  if (g_array_index (analysis->assisted_in, guint32, i) == analysis->open_cycle + 1)
    return;
  g_array_index (analysis->assisted_in, guint32, i) = analysis->open_cycle + 1;
  cycle_at (analysis, analysis->open_cycle)->n_assisting++;
}

static void
set_sweep_term (LanesGcCycle        *cycle,
                const LanesStwPause *pause)
{
  cycle->sweep_term_start = pause->start;
  cycle->sweep_term_ns = pause->duration_ns;
}

static void
open_cycle (LanesGcAnalysis       *analysis,
            const LanesTraceEvent *event)
{
  LanesGcCycle cycle = {
    .mark_start = event->time,
    .heap_live_bytes = analysis->heap_live,
    .heap_goal_bytes = analysis->heap_goal,
    .complete = event->kind == LANES_EVENT_RANGE_BEGIN,
  };

  advance_assist_clock (analysis, event->time);
  if (analysis->pending_sweep_term != NONE)
    set_sweep_term (&cycle, &g_array_index (analysis->pauses, LanesStwPause, analysis->pending_sweep_term));
  analysis->pending_sweep_term = NONE;
  analysis->open_cycle = analysis->cycles->len;
  g_array_append_val (analysis->cycles, cycle);
  /* Assists found running at the start of the trace, before the mark phase. */
  for (guint i = 0; analysis->n_assisting > 0 && i < analysis->in_assist->len; i++)
    if (analysis->in_assist->data[i])
      count_assisting (analysis, i);
}

static void
close_cycle (LanesGcAnalysis *analysis,
             gint64           time)
{
  advance_assist_clock (analysis, time);
  cycle_at (analysis, analysis->open_cycle)->mark_end = time;
  cycle_at (analysis, analysis->open_cycle)->heap_end_bytes = analysis->heap_live;
  analysis->open_cycle = NONE;
}

static void
add_pause (LanesGcAnalysis *analysis,
           gint64           end)
{
  guint32 name = analysis->open_stw;
  LanesStwPause pause = {
    .start = analysis->open_stw_start,
    .duration_ns = end - analysis->open_stw_start,
    .reason = name,   /* until the end */
    .for_gc = strstr (lanes_trace_reader_get_string (analysis->reader, name), "GC") != NULL,
  };
  LanesGcCycle *cycle = NULL;

  g_array_append_val (analysis->pauses, pause);
  if (analysis->open_cycle != NONE)
    cycle = cycle_at (analysis, analysis->open_cycle);

  if (name == analysis->sweep_termination)
    {
      if (cycle != NULL && cycle->sweep_term_ns == 0)
        set_sweep_term (cycle, &pause);
      else
        analysis->pending_sweep_term = analysis->pauses->len - 1;
    }
  else if (name == analysis->mark_termination)
    {
      if (cycle == NULL && analysis->cycles->len > 0)
        cycle = cycle_at (analysis, analysis->cycles->len - 1);
      if (cycle != NULL && cycle->mark_term_ns == 0)
        {
          cycle->mark_term_start = pause.start;
          cycle->mark_term_ns = pause.duration_ns;
          /* The runtime sets the live heap to what was marked in it. */
          cycle->heap_end_bytes = analysis->heap_live;
        }
    }
}

static void
add_stw (LanesGcAnalysis       *analysis,
         const LanesTraceEvent *event)
{
  if (event->kind != LANES_EVENT_RANGE_END && analysis->open_stw == 0)
    {
      analysis->open_stw = event->range.name;
      analysis->open_stw_start = event->time;
    }
  else if (event->kind == LANES_EVENT_RANGE_END && analysis->open_stw == event->range.name)
    {
      add_pause (analysis, event->time);
      analysis->open_stw = 0;
    }
}

static void
add_assist (LanesGcAnalysis       *analysis,
            const LanesTraceEvent *event)
{
  guint32 i = lanes_goroutine_index_get (analysis->index, event->range.scope_id);
  gboolean assisting = event->kind != LANES_EVENT_RANGE_END;
  guint8 *in_assist = byte_for (analysis->in_assist, i);

  if (*in_assist == assisting)
    return;
  advance_assist_clock (analysis, event->time);
  *in_assist = assisting;
  analysis->n_assisting += assisting ? 1 : -1;
  if (assisting)
    count_assisting (analysis, i);
}

static void
set_worker_running (LanesGcAnalysis *analysis,
                    guint8          *worker,
                    gboolean         running,
                    gint64           time)
{
  if (running == ((*worker & WORKER_RUNNING) != 0))
    return;
  advance_assist_clock (analysis, time);
  *worker ^= WORKER_RUNNING;
  analysis->n_workers_running += running ? 1 : -1;
}

/* A label runs on the goroutine it names. */
static void
add_label (LanesGcAnalysis       *analysis,
           const LanesTraceEvent *event)
{
  guint8 *worker;
  guint k;

  for (k = 0; k < G_N_ELEMENTS (analysis->worker_labels) && event->label.label != analysis->worker_labels[k]; k++)
    ;
  if (k == G_N_ELEMENTS (analysis->worker_labels) || event->goroutine == LANES_NO_GOROUTINE)
    return;
  worker = byte_for (analysis->workers, lanes_goroutine_index_get (analysis->index, event->goroutine));
  *worker |= WORKER;
  set_worker_running (analysis, worker, TRUE, event->time);
}

static gboolean
executing (guint state)
{
  return state == LANES_GO_RUNNING || state == LANES_GO_SYSCALL;
}

void
lanes_gc_analysis_add_transition (LanesGcAnalysis       *analysis,
                                  const LanesTraceEvent *event,
                                  guint32                goroutine)
{
  guint8 *worker;

  if (goroutine >= analysis->workers->len || analysis->workers->data[goroutine] == 0)
    return;
  worker = &analysis->workers->data[goroutine];
  set_worker_running (analysis, worker, executing (event->transition.to), event->time);
}

static void
add_range (LanesGcAnalysis       *analysis,
           const LanesTraceEvent *event)
{
  guint32 name = event->range.name;

  if (name == analysis->mark_phase)
    {
      if (event->kind == LANES_EVENT_RANGE_END && analysis->open_cycle != NONE)
        close_cycle (analysis, event->time);
      else if (event->kind != LANES_EVENT_RANGE_END && analysis->open_cycle == NONE)
        open_cycle (analysis, event);
    }
  else if (name == analysis->assist && event->range.scope == LANES_RESOURCE_GOROUTINE)
    add_assist (analysis, event);
  else if (names_stw (analysis, name))
    add_stw (analysis, event);
}

void
lanes_gc_analysis_add_event (LanesGcAnalysis       *analysis,
                             const LanesTraceEvent *event)
{
  switch (event->kind)
    {
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      add_range (analysis, event);
      break;
    case LANES_EVENT_LABEL:
      add_label (analysis, event);
      break;
    case LANES_EVENT_METRIC:
      if (event->metric.name == analysis->heap_live_metric)
        analysis->heap_live = event->metric.value;
      else if (event->metric.name == analysis->heap_goal_metric)
        analysis->heap_goal = event->metric.value;
      break;
    default:
      break;
    }
}

void
lanes_gc_analysis_add (LanesGcAnalysis       *analysis,
                       const LanesTraceEvent *events,
                       guint                  n_events)
{
  for (guint i = 0; i < n_events; i++)
    lanes_gc_analysis_add_event (analysis, &events[i]);
}

void
lanes_gc_analysis_finish (LanesGcAnalysis *analysis,
                          LanesMmuCurve   *util,
                          gint64           end)
{
  if (analysis->open_cycle != NONE)
    {
      close_cycle (analysis, end);
      cycle_at (analysis, analysis->cycles->len - 1)->complete = FALSE;
    }

  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      LanesGcCycle *cycle = cycle_at (analysis, i);

      cycle->start = cycle->mark_start;
      if (cycle->sweep_term_ns > 0)
        cycle->start = MIN (cycle->start, cycle->sweep_term_start);
      cycle->end = MAX (cycle->mark_end, cycle->mark_term_start + cycle->mark_term_ns);
      cycle->cpu_share = 1.0 - lanes_mmu_curve_get_mean_util (util, cycle->start, cycle->end);
    }
  analysis->cpu_share = 1.0 - lanes_mmu_curve_get_mean_util (util, G_MININT64, G_MAXINT64);

  for (guint i = 0; i < analysis->pauses->len; i++)
    {
      LanesStwPause *pause = &g_array_index (analysis->pauses, LanesStwPause, i);
      pause->reason = stw_reason (analysis, pause->reason);
    }
}

const GArray *
lanes_gc_analysis_get_cycles (LanesGcAnalysis *analysis)
{
  return analysis->cycles;
}

const GArray *
lanes_gc_analysis_get_pauses (LanesGcAnalysis *analysis)
{
  return analysis->pauses;
}

double
lanes_gc_analysis_get_cpu_share (LanesGcAnalysis *analysis)
{
  return analysis->cpu_share;
}
