/* lanes-trace-event.h: one event of a Go execution trace, as the reader
 * hands it out.
 *
 * The model mirrors golang.org/x/exp/trace: every event has a kind, a time
 * in nanoseconds, the scheduling context (M, P, G) it happened in, and data
 * that depends on its kind.  Strings and stacks are interned by the reader;
 * the ids here resolve through lanes_trace_reader_get_string() and friends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANES_NO_GOROUTINE ((gint64) -1)
#define LANES_NO_PROC      ((gint64) -1)
#define LANES_NO_THREAD    ((gint64) -1)
#define LANES_NO_TASK      G_MAXUINT64
#define LANES_BACKGROUND_TASK ((guint64) 0)
#define LANES_NO_STRING    0u
#define LANES_NO_STACK     0u

typedef enum
{
  LANES_EVENT_BAD,
  LANES_EVENT_SYNC,
  LANES_EVENT_METRIC,
  LANES_EVENT_LABEL,
  LANES_EVENT_STACK_SAMPLE,
  LANES_EVENT_RANGE_BEGIN,
  LANES_EVENT_RANGE_ACTIVE,
  LANES_EVENT_RANGE_END,
  LANES_EVENT_TASK_BEGIN,
  LANES_EVENT_TASK_END,
  LANES_EVENT_REGION_BEGIN,
  LANES_EVENT_REGION_END,
  LANES_EVENT_LOG,
  LANES_EVENT_STATE_TRANSITION,
  LANES_EVENT_EXPERIMENTAL,
  LANES_EVENT_N_KINDS
} LanesEventKind;

typedef enum
{
  LANES_GO_UNDETERMINED,
  LANES_GO_NOT_EXIST,
  LANES_GO_RUNNABLE,
  LANES_GO_RUNNING,
  LANES_GO_WAITING,
  LANES_GO_SYSCALL,
  LANES_GO_N_STATES
} LanesGoState;

typedef enum
{
  LANES_PROC_UNDETERMINED,
  LANES_PROC_NOT_EXIST,
  LANES_PROC_RUNNING,
  LANES_PROC_IDLE,
  LANES_PROC_N_STATES
} LanesProcState;

typedef enum
{
  LANES_RESOURCE_NONE,
  LANES_RESOURCE_GOROUTINE,
  LANES_RESOURCE_PROC,
  LANES_RESOURCE_THREAD
} LanesResourceKind;

/* A goroutine or proc changing state. */
typedef struct
{
  LanesResourceKind resource;
  gint64 id;
  guint8 from;          /* LanesGoState or LanesProcState */
  guint8 to;
  guint32 reason;       /* string id: why it stopped or blocked */
  guint32 stack;        /* stack of the goroutine at the transition */
} LanesTransition;

/* GC mark phase, sweep, mark assist or stop-the-world. */
typedef struct
{
  guint32 name;         /* string id: "GC mark assist", "stop-the-world (…)" */
  LanesResourceKind scope;
  gint64 scope_id;
  guint64 swept;        /* RangeEnd of a sweep only */
  guint64 reclaimed;
} LanesRange;

typedef struct
{
  guint32 name;         /* string id: "/sched/gomaxprocs:threads", … */
  guint64 value;
} LanesMetric;

typedef struct
{
  guint64 id;
  guint64 parent;       /* LANES_NO_TASK when none */
  guint32 type;         /* string id */
} LanesTask;

typedef struct
{
  guint64 task;
  guint32 type;         /* string id */
} LanesRegion;

typedef struct
{
  guint64 task;
  guint32 category;     /* string id */
  guint32 message;      /* string id */
} LanesLog;

typedef struct
{
  guint32 label;        /* string id */
  gint64 goroutine;
} LanesLabel;

/* Marks the start of a generation (and the end of the trace). */
typedef struct
{
  guint32 n;            /* 1, 2, 3, … */
  guint64 generation;   /* wire generation number; 0 on the final sync */
  gboolean has_clock_snapshot;
  gint64 snapshot_trace_ns;
  guint64 snapshot_mono;
  gint64 snapshot_wall_sec;
  gint64 snapshot_wall_nsec;
  guint n_experimental_batches;
} LanesSync;

/* Events of an experiment (e.g. AllocFree), passed on uninterpreted. */
typedef struct
{
  guint8 type;          /* wire type, 128–136 */
  guint64 args[4];
} LanesExperimental;

typedef struct
{
  gint64 time;          /* ns, strictly increasing over the whole trace */
  gint64 goroutine;     /* context before the event; LANES_NO_* when none */
  gint64 proc;
  gint64 thread;
  guint32 stack;        /* stack of the event itself, LANES_NO_STACK if none */
  guint8 kind;          /* LanesEventKind */
  guint8 wire_type;     /* the event's type on the wire */
  /* Only the member for the event's kind is meaningful. */
  union {
    LanesTransition transition;
    LanesRange range;
    LanesMetric metric;
    LanesLabel label;
    LanesTask task;
    LanesRegion region;
    LanesLog log;
    LanesSync sync;
    LanesExperimental experimental;
  };
} LanesTraceEvent;

const char *lanes_event_kind_to_string (LanesEventKind kind);
const char *lanes_go_state_to_string (LanesGoState state);
const char *lanes_proc_state_to_string (LanesProcState state);

G_END_DECLS
