/* lanes-mutator-util.c
 *
 * A P does GC work while its count of GC activities (sweeps, assists,
 * running mark workers) is positive, or while the world is stopped for
 * the GC.  Counts change on range and label events and when an assisting
 * goroutine or a mark worker starts or stops running.
 *
 * The two views differ only in dedicated mark workers: they count for all
 * Ps together, but not per P, since they take a whole P and so delay no
 * goroutine directly.  Each P therefore keeps two counts.
 *
 * Go's counts drift: a mark worker counts once for its label and again
 * for starting to run, but stops once, so after a few GC cycles every P
 * looks busy for good.  The MMUs keep that, to agree with go tool trace;
 * a third function counts the goroutines doing GC work as they run, for
 * the GC's share of the CPU.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-mutator-util.h"

#include <string.h>

/* The runtime's own limit on GOMAXPROCS; larger values are damage. */
#define MAX_PROCS 1024

/* What a range name or a label means here; stored + 1 per string id,
 * 0 meaning "not looked at yet". */
typedef enum
{
  CLASS_OTHER,
  CLASS_GC_STW,
  CLASS_SWEEP,
  CLASS_ASSIST,
  CLASS_MARK_WORKER,
  CLASS_DEDICATED_MARK_WORKER,
  CLASS_IDLE_MARK_WORKER,
} StringClass;

/* Per goroutine, in one byte: its GC roles, and its last state. */
#define IN_ASSIST            0x1
#define MARK_WORKER          0x2   /* ever labelled a mark worker */
#define SHARED_MARK_WORKER   0x4   /* ever labelled one that is not dedicated */
#define STATE_SHIFT          3     /* three bits */
#define BUSY                 0x40  /* running while in an assist or an active worker */
#define ACTIVE_WORKER        0x80  /* last labelled a worker that is not idle */

/* Which GC activities count in each view. */
#define ROLES_ALL_PROCS (IN_ASSIST | MARK_WORKER)
#define ROLES_PER_PROC  (IN_ASSIST | SHARED_MARK_WORKER)

typedef struct
{
  gint gc;          /* GC activities on this P, all Ps view; > 0: GC work */
  gint gc_per_proc; /* the same, per P view */
  guint series;     /* its function in the per P view */
} Proc;

typedef struct
{
  gint64 time;
  guint n;
} ProcsChange;

struct _LanesUtilBuilder
{
  LanesTraceReader *reader;
  LanesGoroutineIndex *index;
  LanesUtilFlags flags;
  guint32 gomaxprocs_name;
  GByteArray *classes;     /* StringClass + 1 per string id */
  GByteArray *goroutines;  /* roles and state per goroutine index */

  GArray *procs;           /* Proc per P id below GOMAXPROCS */
  guint n_gc_procs;        /* Ps whose all Ps count is positive */
  gint stw;
  GArray *procs_changes;   /* ProcsChange, for the fix-up before the first sync */
  GPtrArray *all_procs;    /* the one GArray of LanesUtilPoint */
  GPtrArray *per_proc;     /* a GArray of LanesUtilPoint per P */
  GPtrArray *by_goroutine; /* the one GArray of LanesUtilPoint counted by goroutine */
  guint n_busy;            /* goroutines BUSY */
  gboolean seen_sync;
  gboolean seen_event;
  gint64 last_time;
  /* Some function may lack the current utilization. */
  gboolean stale;
  gboolean stale_per_proc;
  gboolean stale_by_goroutine;
};

static GPtrArray *
new_functions (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

LanesUtilBuilder *
lanes_util_builder_new (LanesTraceReader    *reader,
                        LanesGoroutineIndex *index,
                        LanesUtilFlags       flags)
{
  LanesUtilBuilder *builder = g_new0 (LanesUtilBuilder, 1);

  builder->reader = reader;
  builder->index = index;
  builder->flags = flags;
  builder->gomaxprocs_name = lanes_trace_reader_intern_string (reader, "/sched/gomaxprocs:threads");
  builder->classes = g_byte_array_new ();
  builder->goroutines = g_byte_array_new ();
  builder->procs = g_array_new (FALSE, FALSE, sizeof (Proc));
  builder->procs_changes = g_array_new (FALSE, FALSE, sizeof (ProcsChange));
  builder->all_procs = new_functions ();
  builder->per_proc = new_functions ();
  builder->by_goroutine = new_functions ();
  return builder;
}

void
lanes_util_builder_free (LanesUtilBuilder *builder)
{
  if (builder == NULL)
    return;
  g_byte_array_unref (builder->classes);
  g_byte_array_unref (builder->goroutines);
  g_array_unref (builder->procs);
  g_array_unref (builder->procs_changes);
  g_clear_pointer (&builder->all_procs, g_ptr_array_unref);
  g_clear_pointer (&builder->per_proc, g_ptr_array_unref);
  g_clear_pointer (&builder->by_goroutine, g_ptr_array_unref);
  g_free (builder);
}

static StringClass
classify (const char *s)
{
  if (g_str_has_prefix (s, "stop-the-world") && strstr (s, "GC") != NULL)
    return CLASS_GC_STW;
  if (strcmp (s, "GC incremental sweep") == 0)
    return CLASS_SWEEP;
  if (strcmp (s, "GC mark assist") == 0)
    return CLASS_ASSIST;
  if (strcmp (s, "GC (dedicated)") == 0)
    return CLASS_DEDICATED_MARK_WORKER;
  if (strcmp (s, "GC (idle)") == 0)
    return CLASS_IDLE_MARK_WORKER;
  if (g_str_has_prefix (s, "GC "))
    return CLASS_MARK_WORKER;
  return CLASS_OTHER;
}

static StringClass
class_of (LanesUtilBuilder *builder,
          guint32           string)
{
  if (string >= builder->classes->len)
    {
      guint old = builder->classes->len;
      g_byte_array_set_size (builder->classes, string + 1);
      memset (builder->classes->data + old, 0, string + 1 - old);
    }
  if (builder->classes->data[string] == 0)
    builder->classes->data[string] = classify (lanes_trace_reader_get_string (builder->reader, string)) + 1;
  return builder->classes->data[string] - 1;
}

/* Which range names count as GC work under the builder's flags. */
static StringClass
counted_range (LanesUtilBuilder *builder,
               guint32           name)
{
  StringClass class = class_of (builder, name);

  if ((class == CLASS_GC_STW && (builder->flags & LANES_UTIL_STW))
      || (class == CLASS_SWEEP && (builder->flags & LANES_UTIL_SWEEP))
      || (class == CLASS_ASSIST && (builder->flags & LANES_UTIL_ASSIST)))
    return class;
  return CLASS_OTHER;
}

static inline guint8 *
byte_at (LanesUtilBuilder *builder,
         guint32           i)
{
  if (G_UNLIKELY (i >= builder->goroutines->len))
    {
      guint old = builder->goroutines->len;
      g_byte_array_set_size (builder->goroutines, MAX (i + 1, old * 2));
      memset (builder->goroutines->data + old, 0, builder->goroutines->len - old);
    }
  return &builder->goroutines->data[i];
}

static guint8 *
goroutine_byte (LanesUtilBuilder *builder,
                gint64            id)
{
  return byte_at (builder, lanes_goroutine_index_get (builder->index, id));
}

static gboolean
executing (guint state)
{
  return state == LANES_GO_RUNNING || state == LANES_GO_SYSCALL;
}

/* Go's addUtil: a point only where utilization changes, and the lowest
 * one when several fall on the same nanosecond. */
static void
add_point (GArray *function,
           gint64  time,
           double  util)
{
  if (function->len > 0)
    {
      LanesUtilPoint *last = &g_array_index (function, LanesUtilPoint, function->len - 1);

      if (util == last->util)
        return;
      if (time == last->time)
        {
          if (util < last->util)
            last->util = util;
          return;
        }
    }
  g_array_append_vals (function, &(LanesUtilPoint) { time, util }, 1);
}

/* Adds @util at @time to @function; returns FALSE while its last point
 * is lower than @util at the same nanosecond. */
static gboolean
record_point (GArray *function,
              gint64  time,
              double  util)
{
  add_point (function, time, util);
  return g_array_index (function, LanesUtilPoint, function->len - 1).util == util;
}

static GArray *
new_function (GPtrArray *functions,
              gint64     time)
{
  GArray *function = g_array_new (FALSE, FALSE, sizeof (LanesUtilPoint));

  add_point (function, time, 1);
  g_ptr_array_add (functions, function);
  return function;
}

static Proc *
proc_at (LanesUtilBuilder *builder,
         gint64            proc)
{
  if (proc < 0 || (guint64) proc >= builder->procs->len)
    return NULL;   /* Go would crash; the runtime never does this */
  return &g_array_index (builder->procs, Proc, proc);
}

/* Changes the GC activity counts of a P, in either view. */
static void
add_gc (LanesUtilBuilder *builder,
        gint64            proc_id,
        gint              delta,
        gint              delta_per_proc)
{
  Proc *proc = proc_at (builder, proc_id);

  if (proc == NULL)
    return;
  builder->n_gc_procs -= proc->gc > 0;
  proc->gc += delta;
  builder->n_gc_procs += proc->gc > 0;
  proc->gc_per_proc += delta_per_proc;
  builder->stale = TRUE;
  builder->stale_per_proc |= delta_per_proc != 0;
}

/* Counts goroutine @g as doing GC work while it runs (@running) in an
 * assist or as an active mark worker. */
static void
update_busy (LanesUtilBuilder *builder,
             guint8           *g,
             gboolean          running)
{
  gboolean busy = running && (*g & (IN_ASSIST | ACTIVE_WORKER));

  if (busy == ((*g & BUSY) != 0))
    return;
  *g ^= BUSY;
  builder->n_busy += busy ? 1 : -1;
  builder->stale_by_goroutine = TRUE;
}

static void
set_gomaxprocs (LanesUtilBuilder *builder,
                gint64            time,
                guint             n)
{
  for (guint p = n; p < builder->procs->len; p++)
    {
      const Proc *proc = &g_array_index (builder->procs, Proc, p);
      builder->n_gc_procs -= proc->gc > 0;
      add_point (g_ptr_array_index (builder->per_proc, proc->series), time, 0);
    }
  if (builder->procs->len > n)
    g_array_set_size (builder->procs, n);

  if (n > 0 && builder->all_procs->len == 0)
    {
      new_function (builder->all_procs, time);
      new_function (builder->by_goroutine, time);
    }
  while (builder->procs->len < n)
    {
      Proc proc = { 0, 0, builder->per_proc->len };
      new_function (builder->per_proc, time);
      g_array_append_val (builder->procs, proc);
    }

  if (builder->procs_changes->len == 0
      || g_array_index (builder->procs_changes, ProcsChange, builder->procs_changes->len - 1).n != n)
    g_array_append_vals (builder->procs_changes, &(ProcsChange) { time, n }, 1);
  builder->stale = builder->stale_per_proc = builder->stale_by_goroutine = TRUE;
}

/* Takes one P's share out of everything recorded so far for all Ps. */
static void
count_active_since_start (LanesUtilBuilder *builder)
{
  GArray *function = g_ptr_array_index (builder->all_procs, 0);
  guint change = 0;

  for (guint i = 0; i < function->len;)
    {
      LanesUtilPoint *point = &g_array_index (function, LanesUtilPoint, i);
      if (change + 1 < builder->procs_changes->len
          && g_array_index (builder->procs_changes, ProcsChange, change + 1).time < point->time)
        {
          change++;
          continue;
        }
      point->util -= 1.0 / g_array_index (builder->procs_changes, ProcsChange, change).n;
      if (point->util < 0)
        point->util = 0;
      i++;
    }
}

static void
add_stw (LanesUtilBuilder *builder,
         gint              delta)
{
  builder->stw += delta;
  builder->stale = builder->stale_per_proc = builder->stale_by_goroutine = TRUE;
}

static void
begin_range (LanesUtilBuilder      *builder,
             const LanesTraceEvent *event)
{
  switch (counted_range (builder, event->range.name))
    {
    case CLASS_GC_STW:
      add_stw (builder, 1);
      break;
    case CLASS_SWEEP:
      add_gc (builder, event->proc, 1, 1);
      break;
    case CLASS_ASSIST:
      add_gc (builder, event->proc, 1, 1);
      if (event->range.scope == LANES_RESOURCE_GOROUTINE && event->range.scope_id != LANES_NO_GOROUTINE)
        {
          guint8 *g = goroutine_byte (builder, event->range.scope_id);
          *g |= IN_ASSIST;
          update_busy (builder, g, event->goroutine == event->range.scope_id);
        }
      break;
    default:
      break;
    }
}

/* A range found active before the first sync ran from the start of the
 * trace; after a sync, active ranges only repeat what is known. */
static void
add_range_active (LanesUtilBuilder      *builder,
                  const LanesTraceEvent *event)
{
  StringClass class = counted_range (builder, event->range.name);

  if (builder->seen_sync)
    return;
  /* Per P, such a range shows on the P's first event anyway. */
  if (class == CLASS_SWEEP)
    count_active_since_start (builder);
  else if (class == CLASS_ASSIST && executing (*goroutine_byte (builder, event->goroutine) >> STATE_SHIFT))
    count_active_since_start (builder);
  begin_range (builder, event);
}

static void
end_range (LanesUtilBuilder      *builder,
           const LanesTraceEvent *event)
{
  switch (counted_range (builder, event->range.name))
    {
    case CLASS_GC_STW:
      add_stw (builder, -1);
      break;
    case CLASS_SWEEP:
      add_gc (builder, event->proc, -1, -1);
      break;
    case CLASS_ASSIST:
      add_gc (builder, event->proc, -1, -1);
      if (event->range.scope == LANES_RESOURCE_GOROUTINE && event->range.scope_id != LANES_NO_GOROUTINE)
        {
          guint8 *g = goroutine_byte (builder, event->range.scope_id);
          *g &= ~IN_ASSIST;
          update_busy (builder, g, (*g & BUSY) != 0);
        }
      break;
    default:
      break;
    }
}

/* An assisting goroutine or a mark worker does GC work on its P while it
 * runs. */
static void
add_transition (LanesUtilBuilder      *builder,
                const LanesTraceEvent *event,
                guint32                goroutine)
{
  const LanesTransition *t = &event->transition;
  guint8 *g;
  gint delta = 0;

  if (t->resource != LANES_RESOURCE_GOROUTINE)
    return;
  g = byte_at (builder, goroutine);
  if (*g & (ROLES_ALL_PROCS | ROLES_PER_PROC))
    {
      if (!executing (t->from) && executing (t->to))
        delta = 1;
      else if (executing (t->from) && !executing (t->to))
        delta = -1;
      if (delta != 0)
        add_gc (builder, event->proc, *g & ROLES_ALL_PROCS ? delta : 0, *g & ROLES_PER_PROC ? delta : 0);
      update_busy (builder, g, executing (t->to));
    }
  /* States only matter for ranges found active before the first sync. */
  if (!builder->seen_sync)
    *g = (*g & ~(0xff << STATE_SHIFT)) | (t->to << STATE_SHIFT);
}

/* Mark workers label themselves "GC (dedicated)", "GC (fractional)" or
 * "GC (idle)" each time they start. */
static void
add_label (LanesUtilBuilder      *builder,
           const LanesTraceEvent *event)
{
  StringClass class;
  guint8 *g;

  if (!(builder->flags & LANES_UTIL_BACKGROUND))
    return;
  class = class_of (builder, event->label.label);
  if (class == CLASS_IDLE_MARK_WORKER)
    {
      g = goroutine_byte (builder, event->goroutine);
      *g &= ~ACTIVE_WORKER;
      update_busy (builder, g, TRUE);
      return;
    }
  if (class != CLASS_MARK_WORKER && class != CLASS_DEDICATED_MARK_WORKER)
    return;
  g = goroutine_byte (builder, event->goroutine);
  *g |= MARK_WORKER | ACTIVE_WORKER;
  if (class == CLASS_MARK_WORKER)
    *g |= SHARED_MARK_WORKER;
  add_gc (builder, event->proc, 1, class == CLASS_MARK_WORKER);
  update_busy (builder, g, TRUE);
}

/* Go records the utilization after every event; only events that change
 * it, and the ones after a lower value took a nanosecond, matter. */
static void
record (LanesUtilBuilder *builder,
        gint64            time)
{
  guint n = builder->procs->len;

  if (builder->stale)
    {
      guint gc_procs = builder->stw > 0 ? n : builder->n_gc_procs;
      builder->stale = !record_point (g_ptr_array_index (builder->all_procs, 0), time,
                                      1.0 - (double) gc_procs / (double) n);
    }
  if (builder->stale_by_goroutine)
    {
      guint busy = builder->stw > 0 ? n : MIN (builder->n_busy, n);
      builder->stale_by_goroutine = !record_point (g_ptr_array_index (builder->by_goroutine, 0), time,
                                                   1.0 - (double) busy / (double) n);
    }
  if (builder->stale_per_proc)
    {
      builder->stale_per_proc = FALSE;
      for (guint p = 0; p < n; p++)
        {
          const Proc *proc = &g_array_index (builder->procs, Proc, p);
          double util = builder->stw > 0 || proc->gc_per_proc > 0 ? 0.0 : 1.0;

          if (!record_point (g_ptr_array_index (builder->per_proc, proc->series), time, util))
            builder->stale_per_proc = TRUE;
        }
    }
}

static G_GNUC_NO_INLINE void
add_event (LanesUtilBuilder      *builder,
           const LanesTraceEvent *event,
           guint32                goroutine)
{
  if (event->kind == LANES_EVENT_SYNC)
    builder->seen_sync = TRUE;
  else if (event->kind == LANES_EVENT_METRIC && event->metric.name == builder->gomaxprocs_name)
    set_gomaxprocs (builder, event->time, (guint) MIN (event->metric.value, MAX_PROCS));

  /* Nothing counts before GOMAXPROCS is known. */
  if (builder->procs->len == 0)
    return;

  switch (event->kind)
    {
    case LANES_EVENT_RANGE_ACTIVE:
      add_range_active (builder, event);
      break;
    case LANES_EVENT_RANGE_BEGIN:
      begin_range (builder, event);
      break;
    case LANES_EVENT_RANGE_END:
      end_range (builder, event);
      break;
    case LANES_EVENT_STATE_TRANSITION:
      add_transition (builder, event, goroutine);
      break;
    case LANES_EVENT_LABEL:
      add_label (builder, event);
      break;
    default:
      break;
    }
  record (builder, event->time);
}

void
lanes_util_builder_add_event (LanesUtilBuilder      *builder,
                              const LanesTraceEvent *event,
                              guint32                goroutine)
{
  builder->seen_event = TRUE;
  builder->last_time = event->time;

  /* Most events are goroutines, doing no GC work, changing state after
   * the first sync: nothing to do. */
  if (G_LIKELY (goroutine < builder->goroutines->len && builder->goroutines->data[goroutine] == 0
                && builder->seen_sync && !builder->stale && !builder->stale_per_proc
                && !builder->stale_by_goroutine))
    return;
  add_event (builder, event, goroutine);
}

void
lanes_util_builder_add (LanesUtilBuilder      *builder,
                        const LanesTraceEvent *events,
                        guint                  n_events)
{
  for (guint i = 0; i < n_events; i++)
    lanes_util_builder_add_event (builder, &events[i],
                                  lanes_goroutine_index_of_transition (builder->index, &events[i]));
}

void
lanes_util_builder_finish (LanesUtilBuilder  *builder,
                           GPtrArray        **all_procs,
                           GPtrArray        **per_proc,
                           GPtrArray        **by_goroutine)
{
  if (builder->seen_event)
    for (guint p = 0; p < builder->procs->len; p++)
      {
        add_point (g_ptr_array_index (builder->all_procs, 0), builder->last_time, 0);
        add_point (g_ptr_array_index (builder->by_goroutine, 0), builder->last_time, 0);
        add_point (g_ptr_array_index (builder->per_proc, g_array_index (builder->procs, Proc, p).series),
                   builder->last_time, 0);
      }
  *all_procs = g_steal_pointer (&builder->all_procs);
  *per_proc = g_steal_pointer (&builder->per_proc);
  *by_goroutine = g_steal_pointer (&builder->by_goroutine);
  builder->all_procs = new_functions ();
  builder->per_proc = new_functions ();
  builder->by_goroutine = new_functions ();
}
