/* lanes-timeline-builder.c: events to lanes.
 *
 * Each event appends at most a few entries to the span store: one to the
 * goroutine's lane for a goroutine transition, one to the P's lane when
 * the goroutine on it changes or enters a syscall, one to the thread's
 * lane when the P it holds or its syscall changes.  Thread lanes show
 * which P a thread holds and its syscalls, not every goroutine switch
 * again: that is the P's lane, and a hit test on a thread lane reads it.
 *
 * What a span stores besides its state is what the user follows from
 * it: the reason and stack of a wait, stop or syscall, and for a
 * goroutine made runnable the goroutine that did it (the unblocker or
 * the creator) with its stack.  Events themselves are not kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-timeline-private.h"

#include "lanes-id-map.h"
#include "lanes-plot-private.h"
#include "lanes-span-store-private.h"
#include "lanes-wire.h"

#define FAKE_PROCS 1000000

typedef struct
{
  guint32 goroutine;    /* on it, running or in a syscall */
  guint32 thread;       /* holding it */
  LanesState shown;     /* its lane's newest entry */
  guint32 shown_actor;
} ProcState;

typedef struct
{
  guint32 proc;         /* held */
  guint32 syscall;      /* goroutine in a syscall on it */
  LanesState shown;
  guint32 shown_actor;
} ThreadState;

struct _LanesTimelineBuilder
{
  LanesTimeline *timeline;
  LanesIdIndex goroutine_ids;
  LanesIdIndex proc_ids;
  LanesIdIndex thread_ids;
  GArray *proc_states;      /* ProcState */
  GArray *thread_states;    /* ThreadState */
  gint64 counts[LANES_N_SERIES];
  guint sweeping;           /* Ps sweeping now */
  guint32 heap_live_name;
  guint32 heap_goal_name;
  /* What strings mean, as LanesState + 1 by string id, 0 until looked
   * at: the class of a block reason, the kind of a range, the mode of a
   * GC worker's label. */
  GArray *reason_states;
  GArray *range_states;
  GArray *label_states;
};

LanesTimelineBuilder *
lanes_timeline_builder_new (LanesTimeline *timeline)
{
  LanesTimelineBuilder *b = g_new0 (LanesTimelineBuilder, 1);

  b->timeline = timeline;
  lanes_id_index_init (&b->goroutine_ids);
  lanes_id_index_init (&b->proc_ids);
  lanes_id_index_init (&b->thread_ids);
  b->proc_states = g_array_new (FALSE, FALSE, sizeof (ProcState));
  b->thread_states = g_array_new (FALSE, FALSE, sizeof (ThreadState));
  b->reason_states = g_array_new (FALSE, TRUE, 1);
  b->range_states = g_array_new (FALSE, TRUE, 1);
  b->label_states = g_array_new (FALSE, TRUE, 1);
  /* Interned now, before a reading thread owns the string table. */
  b->heap_live_name = lanes_trace_reader_intern_string (timeline->reader, "/memory/classes/heap/objects:bytes");
  b->heap_goal_name = lanes_trace_reader_intern_string (timeline->reader, "/gc/heap/goal:bytes");

  timeline->store = lanes_span_store_new ();
  timeline->tasks = lanes_tasks_new ();
  timeline->samples = lanes_cpu_samples_new ();
  timeline->goroutines = g_array_new (FALSE, FALSE, sizeof (LanesTimelineGoroutine));
  timeline->procs = g_array_new (FALSE, FALSE, sizeof (LanesProcInfo));
  timeline->threads = g_array_new (FALSE, FALSE, sizeof (LanesThreadInfo));
  timeline->gc_lane = lanes_span_store_add_lane (timeline->store);
  timeline->sweep_lane = lanes_span_store_add_lane (timeline->store);
  timeline->stw_lane = lanes_span_store_add_lane (timeline->store);
  return b;
}

/* The strings are the reader's; it may be adding more on another
 * thread, which its tables allow. */
static LanesState
string_meaning (LanesTimelineBuilder *b,
                GArray               *cache,
                guint32               id,
                LanesState          (*classify) (const char *))
{
  guint8 *known;

  if (id >= cache->len)
    g_array_set_size (cache, id + 1);
  known = &g_array_index (cache, guint8, id);
  if (*known == 0)
    *known = classify (lanes_trace_reader_get_string (b->timeline->reader, id)) + 1;
  return *known - 1;
}

static LanesTimelineGoroutine *
goroutine_info (LanesTimelineBuilder *b,
                guint32               g)
{
  return &g_array_index (b->timeline->goroutines, LanesTimelineGoroutine, g);
}

/* The first event of a goroutine, P or thread: a new lane. */
static G_GNUC_NO_INLINE guint32
add_goroutine (LanesTimelineBuilder *b,
               gint64                id)
{
  LanesTimelineGoroutine info = { id, 0, LANES_NO_INDEX, 0, 0, 0 };
  guint32 g = b->timeline->goroutines->len;

  info.lane = lanes_span_store_add_lane (b->timeline->store);
  g_array_append_val (b->timeline->goroutines, info);
  lanes_id_index_insert (&b->goroutine_ids, id, g);
  return g;
}

static G_GNUC_NO_INLINE guint32
add_proc (LanesTimelineBuilder *b,
          gint64                id)
{
  LanesProcInfo info = { id, 0, LANES_NO_INDEX };
  ProcState state = { LANES_NO_INDEX, LANES_NO_INDEX, LANES_STATE_NONE, LANES_NO_ACTOR };
  guint32 p = b->timeline->procs->len;

  info.lane = lanes_span_store_add_lane (b->timeline->store);
  g_array_append_val (b->timeline->procs, info);
  g_array_append_val (b->proc_states, state);
  lanes_id_index_insert (&b->proc_ids, id, p);
  return p;
}

static G_GNUC_NO_INLINE guint32
add_thread (LanesTimelineBuilder *b,
            gint64                id)
{
  LanesThreadInfo info = { id, 0 };
  ThreadState state = { LANES_NO_INDEX, LANES_NO_INDEX, LANES_STATE_NONE, LANES_NO_ACTOR };
  guint32 m = b->timeline->threads->len;

  info.lane = lanes_span_store_add_lane (b->timeline->store);
  g_array_append_val (b->timeline->threads, info);
  g_array_append_val (b->thread_states, state);
  lanes_id_index_insert (&b->thread_ids, id, m);
  return m;
}

static inline guint32
goroutine_index (LanesTimelineBuilder *b,
                 gint64                id)
{
  guint32 g;

  if (id == LANES_NO_GOROUTINE)
    return LANES_NO_INDEX;
  g = lanes_id_index_lookup (&b->goroutine_ids, id);
  return G_LIKELY (g != LANES_ID_MAP_ABSENT) ? g : add_goroutine (b, id);
}

static inline guint32
proc_index (LanesTimelineBuilder *b,
            gint64                id)
{
  guint32 p;

  /* Old-format traces give timer, netpoll, syscall and GC work the fake
   * Ps 1000001-1000004 (Go's tracev1 does too); they are no Ps to show. */
  if (id == LANES_NO_PROC || id > FAKE_PROCS)
    return LANES_NO_INDEX;
  p = lanes_id_index_lookup (&b->proc_ids, id);
  return G_LIKELY (p != LANES_ID_MAP_ABSENT) ? p : add_proc (b, id);
}

static inline guint32
thread_index (LanesTimelineBuilder *b,
              gint64                id)
{
  guint32 m;

  if (id == LANES_NO_THREAD)
    return LANES_NO_INDEX;
  m = lanes_id_index_lookup (&b->thread_ids, id);
  return G_LIKELY (m != LANES_ID_MAP_ABSENT) ? m : add_thread (b, id);
}

static ProcState *
proc_state (LanesTimelineBuilder *b,
            guint32               p)
{
  return &g_array_index (b->proc_states, ProcState, p);
}

static ThreadState *
thread_state (LanesTimelineBuilder *b,
              guint32               m)
{
  return &g_array_index (b->thread_states, ThreadState, m);
}

static void
plot (LanesTimelineBuilder *b,
      LanesSeries           series,
      gint64                time,
      gint64                value)
{
  LanesTimeline *tl = b->timeline;

  if (tl->series[series] == NULL)
    tl->series[series] = lanes_plot_new (tl->start);
  _lanes_plot_set (tl->series[series], time, value);
}

static void
count (LanesTimelineBuilder *b,
       LanesSeries           series,
       gint64                delta,
       gint64                time)
{
  b->counts[series] += delta;
  plot (b, series, time, b->counts[series]);
}

static void
on_metric (LanesTimelineBuilder  *b,
           const LanesTraceEvent *ev)
{
  if (ev->metric.name == b->heap_live_name)
    plot (b, LANES_SERIES_HEAP_LIVE, ev->time, (gint64) ev->metric.value);
  else if (ev->metric.name == b->heap_goal_name)
    plot (b, LANES_SERIES_HEAP_GOAL, ev->time, (gint64) ev->metric.value);
}

static gint
series_of (LanesGoState state)
{
  switch (state)
    {
    case LANES_GO_RUNNING: return LANES_SERIES_RUNNING;
    case LANES_GO_RUNNABLE: return LANES_SERIES_RUNNABLE;
    case LANES_GO_WAITING: return LANES_SERIES_WAITING;
    case LANES_GO_SYSCALL: return LANES_SERIES_SYSCALL;
    default: return -1;
    }
}

static void
append (LanesTimelineBuilder *b,
        guint32               lane,
        gint64                time,
        LanesState            state,
        guint32               actor)
{
  LanesSpanEntry entry = { time, state, 0, 0, actor };

  _lanes_span_store_append (b->timeline->store, lane, &entry);
}

static void
show_proc (LanesTimelineBuilder *b,
           guint32               p,
           gint64                time,
           LanesState            state,
           guint32               actor)
{
  ProcState *ps = proc_state (b, p);

  if (ps->shown == state && ps->shown_actor == actor)
    return;
  ps->shown = state;
  ps->shown_actor = actor;
  append (b, g_array_index (b->timeline->procs, LanesProcInfo, p).lane, time, state, actor);
}

/* A thread shows its syscall, else the P it holds, else nothing. */
static void
update_thread (LanesTimelineBuilder *b,
               guint32               m,
               gint64                time)
{
  ThreadState *ms = thread_state (b, m);
  LanesState state = LANES_STATE_NONE;
  guint32 actor = LANES_NO_ACTOR;

  if (ms->syscall != LANES_NO_INDEX)
    {
      state = LANES_STATE_SYSCALL;
      actor = ms->syscall;
    }
  else if (ms->proc != LANES_NO_INDEX)
    {
      state = LANES_STATE_ON_PROC;
      actor = ms->proc;
    }
  if (ms->shown == state && ms->shown_actor == actor)
    return;
  if ((ms->shown == LANES_STATE_NONE) != (state == LANES_STATE_NONE))
    count (b, LANES_SERIES_THREADS, state == LANES_STATE_NONE ? -1 : 1, time);
  ms->shown = state;
  ms->shown_actor = actor;
  append (b, g_array_index (b->timeline->threads, LanesThreadInfo, m).lane, time, state, actor);
}

/* Goroutines are named by the outermost frame of the first stack seen
 * for them, as Go's goroutine analysis does. */
static void
name_goroutine (LanesTimelineBuilder *b,
                guint32               g,
                guint32               stack)
{
  if (g != LANES_NO_INDEX && goroutine_info (b, g)->start_stack == 0)
    goroutine_info (b, g)->start_stack = stack;
}

/* The entry a goroutine transition adds to the goroutine's lane. */
static LanesSpanEntry
goroutine_entry (LanesTimelineBuilder  *b,
                 const LanesTraceEvent *ev)
{
  const LanesTransition *tr = &ev->transition;
  LanesSpanEntry e = { ev->time, LANES_STATE_NONE, 0, 0, LANES_NO_ACTOR };

  switch (tr->to)
    {
    case LANES_GO_RUNNING:
      e.state = LANES_STATE_RUNNING;
      break;
    case LANES_GO_RUNNABLE:
      e.state = LANES_STATE_RUNNABLE;
      if (tr->from == LANES_GO_WAITING || tr->from == LANES_GO_NOT_EXIST)
        {
          /* Woken or created: by whom, from where. */
          e.actor = goroutine_index (b, ev->goroutine);
          e.stack = ev->stack;
          name_goroutine (b, e.actor, ev->stack);
        }
      else if (tr->from == LANES_GO_RUNNING)
        {
          e.reason = tr->reason;
          e.stack = tr->stack;
        }
      break;
    case LANES_GO_WAITING:
      e.state = string_meaning (b, b->reason_states, tr->reason, lanes_state_for_reason);
      e.reason = tr->reason;
      e.stack = tr->stack;
      if (tr->from == LANES_GO_NOT_EXIST)
        e.actor = goroutine_index (b, ev->goroutine);
      break;
    case LANES_GO_SYSCALL:
      e.state = LANES_STATE_SYSCALL;
      e.stack = tr->stack;
      break;
    default:
      break;
    }
  return e;
}

/* How a goroutine transition changes the P and thread it happens on. */
static void
schedule_goroutine (LanesTimelineBuilder  *b,
                    const LanesTraceEvent *ev,
                    guint32                g)
{
  const LanesTransition *tr = &ev->transition;
  guint32 p = proc_index (b, ev->proc);
  guint32 m = thread_index (b, ev->thread);
  gint64 t = ev->time;

  if (tr->to == LANES_GO_RUNNING || tr->to == LANES_GO_SYSCALL)
    {
      gboolean syscall = tr->to == LANES_GO_SYSCALL;

      if (p != LANES_NO_INDEX)
        {
          proc_state (b, p)->goroutine = g;
          show_proc (b, p, t, syscall ? LANES_STATE_SYSCALL : LANES_STATE_RUNNING, g);
        }
      if (m != LANES_NO_INDEX)
        {
          ThreadState *ms = thread_state (b, m);

          /* Running on a P binds it to the thread, whether or not the
           * trace said so yet (statuses at its start come in any order). */
          if (p != LANES_NO_INDEX && ms->proc != p)
            {
              guint32 before = proc_state (b, p)->thread;

              if (before != LANES_NO_INDEX && before != m && thread_state (b, before)->proc == p)
                {
                  thread_state (b, before)->proc = LANES_NO_INDEX;
                  update_thread (b, before, t);
                }
              proc_state (b, p)->thread = m;
              ms->proc = p;
            }
          ms->syscall = syscall ? g : LANES_NO_INDEX;
          update_thread (b, m, t);
        }
      return;
    }

  /* Stopped, blocked, ended, or out of a syscall without its P. */
  if (p != LANES_NO_INDEX && proc_state (b, p)->goroutine == g)
    {
      proc_state (b, p)->goroutine = LANES_NO_INDEX;
      show_proc (b, p, t, LANES_STATE_PROC_SCHED, LANES_NO_ACTOR);
    }
  if (m != LANES_NO_INDEX && thread_state (b, m)->syscall == g)
    {
      thread_state (b, m)->syscall = LANES_NO_INDEX;
      update_thread (b, m, t);
    }
}

static void
on_goroutine (LanesTimelineBuilder  *b,
              const LanesTraceEvent *ev)
{
  const LanesTransition *tr = &ev->transition;
  guint32 g = goroutine_index (b, tr->id);
  LanesSpanStore *store = b->timeline->store;
  LanesTimelineGoroutine *info;
  LanesSpanEntry entry;
  gint from = series_of (tr->from), to = series_of (tr->to);

  /* A status restated at the start of a generation changes nothing; a
   * damaged trace may name no goroutine at all. */
  if (tr->from == tr->to || tr->to == LANES_GO_UNDETERMINED || g == LANES_NO_INDEX)
    return;

  if (from >= 0)
    count (b, from, -1, ev->time);
  if (to >= 0)
    count (b, to, 1, ev->time);

  entry = goroutine_entry (b, ev);
  name_goroutine (b, g, tr->stack);
  info = goroutine_info (b, g);
  if (tr->from == LANES_GO_RUNNING)
    info->running_ns += ev->time - _lanes_span_store_get_last_time (store, info->lane);
  info->states |= 1u << entry.state;
  _lanes_span_store_append (store, info->lane, &entry);
  if (tr->to == LANES_GO_NOT_EXIST)
    lanes_span_store_close_lane (store, info->lane);

  schedule_goroutine (b, ev, g);
}

static void
on_proc (LanesTimelineBuilder  *b,
         const LanesTraceEvent *ev)
{
  const LanesTransition *tr = &ev->transition;
  gboolean steal = ev->wire_type == LANES_WIRE_PROC_STEAL;
  guint32 p = proc_index (b, tr->id);
  ProcState *ps;
  guint32 m;

  /* A damaged trace may name no P at all. */
  if (p == LANES_NO_INDEX)
    return;
  ps = proc_state (b, p);
  if (tr->from == tr->to)
    {
      /* A restated status, or an abandoned P stolen: idle already. */
      if (steal)
        show_proc (b, p, ev->time, LANES_STATE_PROC_STOLEN, LANES_NO_ACTOR);
      return;
    }
  if (tr->to == LANES_PROC_RUNNING)
    {
      /* ProcStart, or running when the trace starts: on this thread. */
      m = thread_index (b, ev->thread);
      ps->thread = m;
      show_proc (b, p, ev->time, LANES_STATE_PROC_SCHED, LANES_NO_ACTOR);
      if (m != LANES_NO_INDEX)
        {
          thread_state (b, m)->proc = p;
          update_thread (b, m, ev->time);
        }
      return;
    }
  if (tr->from != LANES_PROC_RUNNING)
    {
      show_proc (b, p, ev->time, LANES_STATE_PROC_IDLE, LANES_NO_ACTOR);
      return;
    }

  /* ProcStop, or ProcSteal from a thread in a syscall, which stays in it. */
  m = ps->thread;
  ps->thread = LANES_NO_INDEX;
  ps->goroutine = LANES_NO_INDEX;
  show_proc (b, p, ev->time, steal ? LANES_STATE_PROC_STOLEN : LANES_STATE_PROC_IDLE, LANES_NO_ACTOR);
  if (m != LANES_NO_INDEX && thread_state (b, m)->proc == p)
    {
      thread_state (b, m)->proc = LANES_NO_INDEX;
      update_thread (b, m, ev->time);
    }
}

/* The lane of a range's resource, created on first use. */
static guint32
range_lane (LanesTimelineBuilder  *b,
            const LanesTraceEvent *ev,
            LanesState             kind)
{
  LanesTimeline *tl = b->timeline;
  guint32 *lane;

  switch (kind)
    {
    case LANES_STATE_GC_MARK:
      return tl->gc_lane;
    case LANES_STATE_STW:
      return tl->stw_lane;
    case LANES_STATE_SWEEP:
      if (ev->range.scope != LANES_RESOURCE_PROC)
        return LANES_NO_INDEX;
      {
        /* proc_index() may grow the array: take the index first.  A
         * range may name no P at all in a damaged trace. */
        guint32 proc = proc_index (b, ev->range.scope_id);
        if (proc == LANES_NO_INDEX)
          return LANES_NO_INDEX;
        lane = &g_array_index (tl->procs, LanesProcInfo, proc).sweep_lane;
      }
      break;
    case LANES_STATE_ASSIST:
      if (ev->range.scope != LANES_RESOURCE_GOROUTINE)
        return LANES_NO_INDEX;
      {
        guint32 g = goroutine_index (b, ev->range.scope_id);
        if (g == LANES_NO_INDEX)
          return LANES_NO_INDEX;
        lane = &goroutine_info (b, g)->assist_lane;
      }
      break;
    default:
      return LANES_NO_INDEX;
    }
  if (*lane == LANES_NO_INDEX)
    *lane = lanes_span_store_add_lane (tl->store);
  return *lane;
}

static void
on_range (LanesTimelineBuilder  *b,
          const LanesTraceEvent *ev,
          LanesState             kind)
{
  LanesTimeline *tl = b->timeline;
  guint32 lane = range_lane (b, ev, kind);
  gboolean active;
  LanesSpanEntry entry = { ev->time, LANES_STATE_NONE, 0, 0, LANES_NO_ACTOR };

  if (lane == LANES_NO_INDEX)
    return;
  active = lanes_span_store_get_last_state (tl->store, lane) != LANES_STATE_NONE;
  if (ev->kind != LANES_EVENT_RANGE_END)
    {
      /* Active events restate ranges at each generation's start. */
      if (active)
        return;
      entry.state = kind;
      if (kind == LANES_STATE_STW)
        entry.reason = ev->range.name;
    }
  else
    {
      if (!active)
        return;
      tl->n_gcs += kind == LANES_STATE_GC_MARK;
      tl->n_stws += kind == LANES_STATE_STW;
    }
  _lanes_span_store_append (tl->store, lane, &entry);

  /* The runtime's sweep lane: any P sweeping. */
  if (kind == LANES_STATE_SWEEP)
    {
      b->sweeping += entry.state == LANES_STATE_SWEEP ? 1 : -1;
      if (b->sweeping == (entry.state == LANES_STATE_SWEEP))
        _lanes_span_store_append (tl->store, tl->sweep_lane, &entry);
    }
}

/* A sample belongs to the goroutine, P and thread it names that have
 * lanes; it makes no lane of its own. */
static guint32
known_index (LanesIdIndex *index,
             gint64        id)
{
  guint32 i = id >= 0 ? lanes_id_index_lookup (index, id) : LANES_ID_MAP_ABSENT;

  return i != LANES_ID_MAP_ABSENT ? i : LANES_NO_INDEX;
}

static void
on_sample (LanesTimelineBuilder  *b,
           const LanesTraceEvent *ev)
{
  LanesStackSample sample = {
    .time = ev->time,
    .stack = ev->stack,
    .goroutine = known_index (&b->goroutine_ids, ev->goroutine),
    .proc = ev->proc <= FAKE_PROCS ? known_index (&b->proc_ids, ev->proc) : LANES_NO_INDEX,
    .thread = known_index (&b->thread_ids, ev->thread),
  };

  lanes_cpu_samples_add (b->timeline->samples, &sample);
}

/* GC mark workers say which kind they are right after they start. */
static void
on_label (LanesTimelineBuilder  *b,
          const LanesTraceEvent *ev,
          LanesState             worker)
{
  LanesSpanStore *store = b->timeline->store;
  guint32 g = goroutine_index (b, ev->label.goroutine);
  guint32 p = proc_index (b, ev->proc);
  guint32 lane;

  if (worker == LANES_STATE_NONE || g == LANES_NO_INDEX)
    return;
  lane = goroutine_info (b, g)->lane;
  if (lanes_span_store_get_last_state (store, lane) == LANES_STATE_RUNNING)
    {
      lanes_span_store_set_last_state (store, lane, worker);
      goroutine_info (b, g)->states |= 1u << worker;
    }
  if (p != LANES_NO_INDEX && proc_state (b, p)->goroutine == g
      && proc_state (b, p)->shown == LANES_STATE_RUNNING)
    {
      proc_state (b, p)->shown = worker;
      lanes_span_store_set_last_state (store, g_array_index (b->timeline->procs, LanesProcInfo, p).lane, worker);
    }
}

static void
on_annotation (LanesTimelineBuilder  *b,
               const LanesTraceEvent *ev)
{
  LanesTasks *tasks = b->timeline->tasks;
  guint32 g = goroutine_index (b, ev->goroutine);

  name_goroutine (b, g, ev->stack);
  switch (ev->kind)
    {
    case LANES_EVENT_TASK_BEGIN:
      lanes_tasks_begin_task (tasks, ev->time, ev->task.id, ev->task.parent, ev->task.type, g);
      break;
    case LANES_EVENT_TASK_END:
      lanes_tasks_end_task (tasks, ev->time, ev->task.id, ev->task.parent, ev->task.type);
      break;
    case LANES_EVENT_REGION_BEGIN:
      lanes_tasks_begin_region (tasks, ev->time, g, ev->region.task, ev->region.type);
      break;
    case LANES_EVENT_REGION_END:
      lanes_tasks_end_region (tasks, ev->time, g, ev->region.task, ev->region.type);
      break;
    case LANES_EVENT_LOG:
      lanes_tasks_log (tasks, ev->time, g, ev->log.task, ev->log.category, ev->log.message);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
lanes_timeline_builder_add (LanesTimelineBuilder  *b,
                            const LanesTraceEvent *ev)
{
  LanesTimeline *tl = b->timeline;

  if (tl->n_events++ == 0)
    tl->start = ev->time;
  tl->end = ev->time;

  switch (ev->kind)
    {
    case LANES_EVENT_STATE_TRANSITION:
      if (ev->transition.resource == LANES_RESOURCE_GOROUTINE)
        on_goroutine (b, ev);
      else if (ev->transition.resource == LANES_RESOURCE_PROC)
        on_proc (b, ev);
      break;
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      on_range (b, ev, string_meaning (b, b->range_states, ev->range.name, lanes_state_for_range));
      break;
    case LANES_EVENT_LABEL:
      on_label (b, ev, string_meaning (b, b->label_states, ev->label.label, lanes_state_for_label));
      break;
    case LANES_EVENT_TASK_BEGIN:
    case LANES_EVENT_TASK_END:
    case LANES_EVENT_REGION_BEGIN:
    case LANES_EVENT_REGION_END:
    case LANES_EVENT_LOG:
      on_annotation (b, ev);
      break;
    case LANES_EVENT_METRIC:
      on_metric (b, ev);
      break;
    case LANES_EVENT_STACK_SAMPLE:
      on_sample (b, ev);
      break;
    default:
      break;
    }
}

typedef struct
{
  gint64 id;
  guint32 index;
} IdPair;

static gint
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  gint64 x = ((const IdPair *) a)->id, y = ((const IdPair *) b)->id;

  return x < y ? -1 : x > y;
}

/* Indexes in order of id: the flat part of @index is in order already,
 * only the ids in its map need sorting. */
static guint32 *
order_by_id (const LanesIdIndex *index,
             guint               n)
{
  guint32 *order = g_new (guint32, MAX (n, 1));
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (IdPair));
  guint k = 0;

  for (gsize id = 0; id < index->n_dense; id++)
    if (index->dense[id] != LANES_ID_MAP_ABSENT)
      order[k++] = index->dense[id];
  for (gsize slot = 0; index->map.keys != NULL && slot <= index->map.mask; slot++)
    {
      IdPair pair = { (gint64) index->map.keys[slot], index->map.values[slot] };

      /* Ids below n_dense were copied to the flat part when it grew. */
      if (pair.index != LANES_ID_MAP_ABSENT && (guint64) pair.id >= index->n_dense)
        g_array_append_val (rest, pair);
    }
  g_array_sort (rest, compare_pairs);
  for (guint i = 0; i < rest->len; i++)
    order[k++] = g_array_index (rest, IdPair, i).index;
  g_assert (k == n);
  return order;
}

/* Everything a timeline needs once its store holds its spans: the
 * pyramids, finished plots and tasks, the display order and groups. */
static void
complete (LanesTimelineBuilder *b,
          LanesTimeline        *tl)
{
  guint sizes[LANES_N_GROUPS];

  tl->lod = lanes_lod_new (tl->store, tl->start, tl->end);
  lanes_lod_build (tl->lod, MAX (g_get_num_processors (), 1));
  lanes_cpu_samples_finish (tl->samples, tl->goroutines->len, tl->procs->len, tl->threads->len);
  for (guint s = 0; s < LANES_N_SERIES; s++)
    if (tl->series[s] != NULL)
      lanes_plot_finish (tl->series[s], tl->end);

  tl->goroutine_order = order_by_id (&b->goroutine_ids, tl->goroutines->len);
  tl->proc_order = order_by_id (&b->proc_ids, tl->procs->len);
  tl->thread_order = order_by_id (&b->thread_ids, tl->threads->len);
  sizes[LANES_GROUP_RUNTIME] = LANES_N_RUNTIME_LANES;
  sizes[LANES_GROUP_PROCS] = tl->procs->len;
  sizes[LANES_GROUP_THREADS] = tl->threads->len;
  sizes[LANES_GROUP_GOROUTINES] = tl->goroutines->len;
  sizes[LANES_GROUP_TASKS] = lanes_tasks_get_n_tasks (tl->tasks);
  tl->group_first[0] = 0;
  for (guint g = 0; g < LANES_N_GROUPS; g++)
    tl->group_first[g + 1] = tl->group_first[g] + sizes[g];
}

LanesTimeline *
lanes_timeline_builder_snapshot (LanesTimelineBuilder *b)
{
  LanesTimeline *tl = b->timeline;
  LanesTimeline *part = g_object_new (LANES_TYPE_TIMELINE, NULL);

  part->whole = g_object_ref (tl);
  part->reader = tl->reader;
  part->start = tl->start;
  part->end = tl->end;
  part->n_events = tl->n_events;
  part->n_gcs = tl->n_gcs;
  part->n_stws = tl->n_stws;
  part->gc_lane = tl->gc_lane;
  part->sweep_lane = tl->sweep_lane;
  part->stw_lane = tl->stw_lane;
  part->store = lanes_span_store_snapshot (tl->store);
  for (guint s = 0; s < LANES_N_SERIES; s++)
    if (tl->series[s] != NULL)
      part->series[s] = lanes_plot_copy (tl->series[s]);
  part->tasks = lanes_tasks_snapshot (tl->tasks, tl->start, tl->end);
  part->samples = lanes_cpu_samples_copy (tl->samples);
  part->goroutines = g_array_copy (tl->goroutines);
  part->procs = g_array_copy (tl->procs);
  part->threads = g_array_copy (tl->threads);
  complete (b, part);
  return part;
}

void
lanes_timeline_builder_finish (LanesTimelineBuilder *b)
{
  LanesTimeline *tl = b->timeline;

  lanes_span_store_finish (tl->store);
  lanes_tasks_finish (tl->tasks, tl->start, tl->end);
  complete (b, tl);
  lanes_timeline_builder_free (b);
}

void
lanes_timeline_builder_free (LanesTimelineBuilder *b)
{
  lanes_id_index_clear (&b->goroutine_ids);
  lanes_id_index_clear (&b->proc_ids);
  lanes_id_index_clear (&b->thread_ids);
  g_array_unref (b->proc_states);
  g_array_unref (b->thread_states);
  g_array_unref (b->reason_states);
  g_array_unref (b->range_states);
  g_array_unref (b->label_states);
  g_free (b);
}
