/* lanes-v1-check.c: the state checks of an ordered old-format trace.
 *
 * Goroutines, Ps, GC, stop-the-world, sweeps, mark assists, tasks and
 * regions must go through their states consistently, as
 * golang.org/x/exp/trace's tracev1 checks after ordering.  The same walk
 * flags the wakeups of goroutines blocked on the network (which go to
 * their fake P) and the syscalls the goroutine then blocked in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-v1-parser.h"

#include "lanes-trace-reader.h"

enum { G_DEAD, G_RUNNABLE, G_RUNNING, G_WAITING };

typedef struct
{
  guint64 task;
  guint64 name;
} Region;

typedef struct
{
  guint8 state;
  guint exists : 1;      /* Go's map has an entry: only GoCreate cares */
  guint on_net : 1;      /* the goroutine's last blocking event was GoBlockNet */
  guint in_assist : 1;
  guint32 syscall;       /* 1 + trace-order index of its GoSysCall until its next event */
  GArray *regions;       /* Region stack, created on first use */
} GDesc;

typedef struct
{
  guint64 g;
  gboolean running;
  gboolean sweeping;
} PDesc;

typedef struct
{
  LanesV1Trace *trace;
  LanesIdMap g_index;
  GArray *gs;            /* GDesc */
  LanesIdMap p_index;
  GArray *ps;            /* PDesc */
  LanesIdMap tasks;      /* used as a set */
  gboolean in_gc;
  gboolean in_stw;
  const LanesV1Event *ev;/* being checked */
  guint32 index;         /* its trace-order index */
} Checker;

G_GNUC_PRINTF (3, 4) static gboolean
fail (Checker    *checker,
      GError    **error,
      const char *format,
      ...)
{
  const LanesV1Event *ev = checker->ev;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_INCONSISTENT,
               "at byte %" G_GSIZE_FORMAT ": %s (%s at %" G_GINT64_FORMAT " ns)",
               ev->offset, message, lanes_v1_specs[ev->type].name, ev->time);
  return FALSE;
}

/* Opens (@open TRUE) or closes a phase that must not nest: opening an
 * open one or closing a closed one breaks the trace with @message. */
static gboolean
open_or_close (Checker    *checker,
               gboolean   *state,
               gboolean    open,
               const char *message,
               GError    **error)
{
  if (*state == open)
    return fail (checker, error, "%s", message);
  *state = open;
  return TRUE;
}

/* The goroutine's state, created blank if absent.  Pointers stay valid
 * until the next call. */
static GDesc *
goroutine (Checker *checker,
           guint64  g)
{
  guint32 index = lanes_id_map_find_or_append (&checker->g_index, g, checker->gs);

  return &g_array_index (checker->gs, GDesc, index);
}

static PDesc *
proc (Checker *checker,
      gint32   p)
{
  guint32 index = lanes_id_map_find_or_append (&checker->p_index, (guint64) (gint64) p, checker->ps);

  return &g_array_index (checker->ps, PDesc, index);
}

/* Events only the running goroutine of the P can cause. */
static gboolean
check_running (Checker            *checker,
               const LanesV1Event *ev,
               gboolean            allow_g0,
               GError            **error)
{
  guint64 running_g = proc (checker, ev->p)->g;

  if (goroutine (checker, ev->g)->state != G_RUNNING)
    return fail (checker, error, "goroutine %" G_GUINT64_FORMAT " is not running", ev->g);
  if (running_g != ev->g)
    return fail (checker, error, "P %d is not running goroutine %" G_GUINT64_FORMAT, ev->p, ev->g);
  if (!allow_g0 && ev->g == 0)
    return fail (checker, error, "goroutine 0 cannot do this");
  return TRUE;
}

/* A goroutine of the P stops running: set its new state. */
static gboolean
stop_running (Checker            *checker,
              const LanesV1Event *ev,
              guint8              state,
              GError            **error)
{
  GDesc *g;

  if (!check_running (checker, ev, FALSE, error))
    return FALSE;
  proc (checker, ev->p)->g = 0;
  g = goroutine (checker, ev->g);
  g->exists = TRUE;
  g->state = state;
  return TRUE;
}

static void
set_flag (Checker *checker,
          guint32  index)
{
  checker->trace->flags[index / 8] |= 1u << (index % 8);
}

static gboolean
check_procs (Checker            *checker,
             const LanesV1Event *ev,
             GError            **error)
{
  PDesc *p = proc (checker, ev->p);

  switch (ev->type)
    {
    case LANES_V1_PROC_START:
      if (p->running)
        return fail (checker, error, "P %d is running before start", ev->p);
      p->running = TRUE;
      break;
    case LANES_V1_PROC_STOP:
      if (!p->running)
        return fail (checker, error, "P %d is not running before stop", ev->p);
      if (p->g != 0)
        return fail (checker, error, "P %d is running goroutine %" G_GUINT64_FORMAT " during stop", ev->p, p->g);
      p->running = FALSE;
      break;
    case LANES_V1_GC_SWEEP_START:
      return open_or_close (checker, &p->sweeping, TRUE, "previous sweeping is not ended before a new one", error);
    case LANES_V1_GC_SWEEP_DONE:
      return open_or_close (checker, &p->sweeping, FALSE, "bogus sweeping end", error);
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
check_gc (Checker            *checker,
          const LanesV1Event *ev,
          GError            **error)
{
  switch (ev->type)
    {
    case LANES_V1_GC_START:
      return open_or_close (checker, &checker->in_gc, TRUE, "previous GC is not ended before a new one", error);
    case LANES_V1_GC_DONE:
      return open_or_close (checker, &checker->in_gc, FALSE, "bogus GC end", error);
    case LANES_V1_STW_START:
      return open_or_close (checker, &checker->in_stw, TRUE, "previous STW is not ended before a new one", error);
    case LANES_V1_STW_DONE:
      return open_or_close (checker, &checker->in_stw, FALSE, "bogus STW end", error);
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
check_unblock (Checker            *checker,
               const LanesV1Event *ev,
               GError            **error)
{
  GDesc *target;

  if (goroutine (checker, ev->g)->state != G_RUNNING)
    return fail (checker, error, "goroutine %" G_GUINT64_FORMAT " is not running while unparking", ev->g);
  if (ev->p != LANES_V1_TIMER_P && proc (checker, ev->p)->g != ev->g)
    return fail (checker, error, "P %d is not running goroutine %" G_GUINT64_FORMAT " while unparking", ev->p, ev->g);
  target = goroutine (checker, ev->args[0]);
  if (target->state != G_WAITING)
    return fail (checker, error, "goroutine %" G_GUINT64_FORMAT " is not waiting before unpark", ev->args[0]);
  if (target->on_net)
    set_flag (checker, checker->index);
  target->exists = TRUE;
  target->state = G_RUNNABLE;
  target->on_net = FALSE;
  return TRUE;
}

static gboolean
check_region (Checker            *checker,
              const LanesV1Event *ev,
              GError            **error)
{
  GDesc *g = goroutine (checker, ev->g);
  Region region = { ev->args[0], ev->args[2] };
  const Region *top;

  switch (ev->args[1])
    {
    case 0:
      if (g->regions == NULL)
        g->regions = g_array_new (FALSE, FALSE, sizeof (Region));
      g_array_append_val (g->regions, region);
      return TRUE;
    case 1:
      /* An end with no start began before the trace did. */
      if (g->regions == NULL || g->regions->len == 0)
        return TRUE;
      top = &g_array_index (g->regions, Region, g->regions->len - 1);
      if (top->task != region.task || top->name != region.name)
        return fail (checker, error, "misuse of region in goroutine %" G_GUINT64_FORMAT ": region end (task %" G_GUINT64_FORMAT
                     ", name %" G_GUINT64_FORMAT ") when the innermost active region is (task %" G_GUINT64_FORMAT ", name %" G_GUINT64_FORMAT ")",
                     ev->g, region.task, region.name, top->task, top->name);
      g_array_set_size (g->regions, g->regions->len - 1);
      return TRUE;
    default:
      return fail (checker, error, "invalid user region mode %" G_GUINT64_FORMAT, ev->args[1]);
    }
}

static gboolean
check_goroutines (Checker            *checker,
                  const LanesV1Event *ev,
                  GError            **error)
{
  GDesc *g;

  switch (ev->type)
    {
    case LANES_V1_GC_MARK_ASSIST_START:
      g = goroutine (checker, ev->g);
      if (g->in_assist)
        return fail (checker, error, "previous mark assist is not ended before a new one");
      g->exists = g->in_assist = TRUE;
      return TRUE;
    case LANES_V1_GC_MARK_ASSIST_DONE:
      /* An assist may be under way when tracing starts. */
      g = goroutine (checker, ev->g);
      g->exists = TRUE;
      g->in_assist = FALSE;
      return TRUE;
    case LANES_V1_GO_WAITING:
    case LANES_V1_GO_IN_SYSCALL:
      g = goroutine (checker, ev->g);
      if (g->state != G_RUNNABLE)
        return fail (checker, error, "goroutine %" G_GUINT64_FORMAT " is not runnable", ev->g);
      g->exists = TRUE;
      g->state = G_WAITING;
      g->on_net = FALSE;
      return TRUE;
    case LANES_V1_GO_CREATE:
      if (!check_running (checker, ev, TRUE, error))
        return FALSE;
      g = goroutine (checker, ev->args[0]);
      if (g->exists)
        return fail (checker, error, "goroutine %" G_GUINT64_FORMAT " already exists", ev->args[0]);
      g->exists = TRUE;
      g->state = G_RUNNABLE;
      g->on_net = g->in_assist = FALSE;
      return TRUE;
    case LANES_V1_GO_START:
    case LANES_V1_GO_START_LABEL:
      if (goroutine (checker, ev->g)->state != G_RUNNABLE)
        return fail (checker, error, "goroutine %" G_GUINT64_FORMAT " is not runnable before start", ev->g);
      if (proc (checker, ev->p)->g != 0)
        return fail (checker, error, "P %d is already running goroutine %" G_GUINT64_FORMAT " while starting goroutine %" G_GUINT64_FORMAT,
                     ev->p, proc (checker, ev->p)->g, ev->g);
      proc (checker, ev->p)->g = ev->g;
      g = goroutine (checker, ev->g);
      g->exists = TRUE;
      g->state = G_RUNNING;
      g->on_net = FALSE;
      return TRUE;
    case LANES_V1_GO_END:
    case LANES_V1_GO_STOP:
      if (!stop_running (checker, ev, G_DEAD, error))
        return FALSE;
      g = goroutine (checker, ev->g);
      if (ev->type == LANES_V1_GO_END && g->regions != NULL)
        g_array_set_size (g->regions, 0);
      return TRUE;
    case LANES_V1_GO_SCHED:
    case LANES_V1_GO_PREEMPT:
      if (!stop_running (checker, ev, G_RUNNABLE, error))
        return FALSE;
      goroutine (checker, ev->g)->on_net = FALSE;
      return TRUE;
    case LANES_V1_GO_UNBLOCK:
      return check_unblock (checker, ev, error);
    case LANES_V1_GO_SYSCALL:
      if (!check_running (checker, ev, FALSE, error))
        return FALSE;
      g = goroutine (checker, ev->g);
      g->exists = TRUE;
      g->on_net = FALSE;
      g->syscall = checker->index + 1;
      return TRUE;
    case LANES_V1_GO_SYSBLOCK:
      return stop_running (checker, ev, G_WAITING, error);
    case LANES_V1_GO_SYSEXIT:
      g = goroutine (checker, ev->g);
      if (g->state != G_WAITING)
        return fail (checker, error, "goroutine %" G_GUINT64_FORMAT " is not waiting during syscall exit", ev->g);
      g->exists = TRUE;
      g->state = G_RUNNABLE;
      g->on_net = FALSE;
      return TRUE;
    case LANES_V1_GO_SLEEP:
    case LANES_V1_GO_BLOCK:
    case LANES_V1_GO_BLOCK_SEND:
    case LANES_V1_GO_BLOCK_RECV:
    case LANES_V1_GO_BLOCK_SELECT:
    case LANES_V1_GO_BLOCK_SYNC:
    case LANES_V1_GO_BLOCK_COND:
    case LANES_V1_GO_BLOCK_NET:
    case LANES_V1_GO_BLOCK_GC:
      if (!stop_running (checker, ev, G_WAITING, error))
        return FALSE;
      goroutine (checker, ev->g)->on_net = ev->type == LANES_V1_GO_BLOCK_NET;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_event (Checker            *checker,
             const LanesV1Event *ev,
             GError            **error)
{
  switch (ev->type)
    {
    case LANES_V1_PROC_START:
    case LANES_V1_PROC_STOP:
    case LANES_V1_GC_SWEEP_START:
    case LANES_V1_GC_SWEEP_DONE:
      return check_procs (checker, ev, error);
    case LANES_V1_GC_START:
    case LANES_V1_GC_DONE:
    case LANES_V1_STW_START:
    case LANES_V1_STW_DONE:
      return check_gc (checker, ev, error);
    case LANES_V1_GC_MARK_ASSIST_START:
    case LANES_V1_GC_MARK_ASSIST_DONE:
    case LANES_V1_GO_WAITING:
    case LANES_V1_GO_IN_SYSCALL:
    case LANES_V1_GO_CREATE:
    case LANES_V1_GO_START:
    case LANES_V1_GO_START_LABEL:
    case LANES_V1_GO_END:
    case LANES_V1_GO_STOP:
    case LANES_V1_GO_SCHED:
    case LANES_V1_GO_PREEMPT:
    case LANES_V1_GO_UNBLOCK:
    case LANES_V1_GO_SYSCALL:
    case LANES_V1_GO_SYSBLOCK:
    case LANES_V1_GO_SYSEXIT:
    case LANES_V1_GO_SLEEP:
    case LANES_V1_GO_BLOCK:
    case LANES_V1_GO_BLOCK_SEND:
    case LANES_V1_GO_BLOCK_RECV:
    case LANES_V1_GO_BLOCK_SELECT:
    case LANES_V1_GO_BLOCK_SYNC:
    case LANES_V1_GO_BLOCK_COND:
    case LANES_V1_GO_BLOCK_NET:
    case LANES_V1_GO_BLOCK_GC:
      return check_goroutines (checker, ev, error);
    case LANES_V1_USER_TASK_CREATE:
      if (lanes_id_map_lookup (&checker->tasks, ev->args[0]) != LANES_ID_MAP_ABSENT)
        return fail (checker, error, "task id conflicts (id %" G_GUINT64_FORMAT ")", ev->args[0]);
      lanes_id_map_insert (&checker->tasks, ev->args[0], 1);
      return TRUE;
    case LANES_V1_USER_TASK_END:
      lanes_id_map_remove (&checker->tasks, ev->args[0]);
      return TRUE;
    case LANES_V1_USER_REGION:
      return check_region (checker, ev, error);
    default:
      return TRUE;
    }
}

/* Whether a syscall blocked shows in the goroutine's next event, the
 * converter needs it. */
static void
resolve_syscall (Checker            *checker,
                 const LanesV1Event *ev)
{
  guint32 index = lanes_id_map_lookup (&checker->g_index, ev->g);
  GDesc *g;

  if (index == LANES_ID_MAP_ABSENT)
    return;
  g = &g_array_index (checker->gs, GDesc, index);
  if (g->syscall == 0)
    return;
  if (ev->type == LANES_V1_GO_SYSBLOCK)
    set_flag (checker, g->syscall - 1);
  g->syscall = 0;
}

gboolean
lanes_v1_check (LanesV1Trace  *trace,
                GError       **error)
{
  Checker checker = { trace };
  LanesV1Replay replay;
  const LanesV1Event *ev;
  GError *local_error = NULL;
  gboolean ok = TRUE;

  lanes_id_map_init (&checker.g_index);
  lanes_id_map_init (&checker.p_index);
  lanes_id_map_init (&checker.tasks);
  checker.gs = g_array_new (FALSE, TRUE, sizeof (GDesc));
  checker.ps = g_array_new (FALSE, TRUE, sizeof (PDesc));
  /* Goroutine 0 stands for the runtime, always running. */
  goroutine (&checker, 0)->state = G_RUNNING;
  goroutine (&checker, 0)->exists = TRUE;

  trace->flags = g_new0 (guint8, trace->n_events / 8 + 1);
  lanes_v1_replay_init (&replay, trace);
  while (ok && (ev = lanes_v1_replay_next (&replay, &local_error)) != NULL)
    {
      checker.ev = ev;
      checker.index = replay.index;
      resolve_syscall (&checker, ev);
      ok = check_event (&checker, ev, error);
    }
  lanes_v1_replay_clear (&replay);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      ok = FALSE;
    }

  for (guint i = 0; i < checker.gs->len; i++)
    g_clear_pointer (&g_array_index (checker.gs, GDesc, i).regions, g_array_unref);
  g_array_unref (checker.gs);
  g_array_unref (checker.ps);
  lanes_id_map_clear (&checker.g_index);
  lanes_id_map_clear (&checker.p_index);
  lanes_id_map_clear (&checker.tasks);
  return ok;
}
