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

/**
 * LANES_NO_GOROUTINE:
 *
 * No goroutine: an event outside any, or one that names none.
 * %LANES_NO_PROC, %LANES_NO_THREAD, %LANES_NO_TASK, %LANES_NO_STRING and
 * %LANES_NO_STACK are the same for procs, threads, tasks, strings and
 * stacks; %LANES_BACKGROUND_TASK is Go's background task.
 */
#define LANES_NO_GOROUTINE ((gint64) -1)
#define LANES_NO_PROC      ((gint64) -1)
#define LANES_NO_THREAD    ((gint64) -1)
#define LANES_NO_TASK      G_MAXUINT64
#define LANES_BACKGROUND_TASK ((guint64) 0)
#define LANES_NO_STRING    0u
#define LANES_NO_STACK     0u

/**
 * LanesEventKind:
 * @LANES_EVENT_BAD: never handed out
 * @LANES_EVENT_SYNC: the start of a generation, and the end of the trace
 * @LANES_EVENT_METRIC: a runtime metric's value
 * @LANES_EVENT_LABEL: a label on a goroutine (e.g. a GC worker's)
 * @LANES_EVENT_STACK_SAMPLE: a CPU profile sample
 * @LANES_EVENT_RANGE_BEGIN: a GC phase, assist, sweep or stop-the-world begins
 * @LANES_EVENT_RANGE_ACTIVE: such a range was under way when the trace began
 * @LANES_EVENT_RANGE_END: it ends
 * @LANES_EVENT_TASK_BEGIN: a user task (runtime/trace.NewTask) begins
 * @LANES_EVENT_TASK_END: it ends
 * @LANES_EVENT_REGION_BEGIN: a user region begins
 * @LANES_EVENT_REGION_END: it ends
 * @LANES_EVENT_LOG: a user log message (runtime/trace.Log)
 * @LANES_EVENT_STATE_TRANSITION: a goroutine or proc changes state
 * @LANES_EVENT_EXPERIMENTAL: an experiment's event, uninterpreted
 * @LANES_EVENT_N_KINDS: the number of kinds
 *
 * Event kinds, as golang.org/x/exp/trace's EventKind.
 */
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

/**
 * LanesGoState:
 * @LANES_GO_UNDETERMINED: not known (before the goroutine's first event)
 * @LANES_GO_NOT_EXIST: not created yet, or exited
 * @LANES_GO_RUNNABLE: ready to run, waiting for a proc
 * @LANES_GO_RUNNING: running
 * @LANES_GO_WAITING: blocked; the transition's reason says on what
 * @LANES_GO_SYSCALL: in a system call
 * @LANES_GO_N_STATES: the number of states
 *
 * A goroutine's states, as golang.org/x/exp/trace's GoState.
 */
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

/**
 * LanesProcState:
 * @LANES_PROC_UNDETERMINED: not known (before the proc's first event)
 * @LANES_PROC_NOT_EXIST: not in use (beyond GOMAXPROCS)
 * @LANES_PROC_RUNNING: running Go code on a thread
 * @LANES_PROC_IDLE: idle
 * @LANES_PROC_N_STATES: the number of states
 *
 * A proc's (a P's) states, as golang.org/x/exp/trace's ProcState.
 */
typedef enum
{
  LANES_PROC_UNDETERMINED,
  LANES_PROC_NOT_EXIST,
  LANES_PROC_RUNNING,
  LANES_PROC_IDLE,
  LANES_PROC_N_STATES
} LanesProcState;

/**
 * LanesResourceKind:
 * @LANES_RESOURCE_NONE: none: global
 * @LANES_RESOURCE_GOROUTINE: a goroutine
 * @LANES_RESOURCE_PROC: a proc
 * @LANES_RESOURCE_THREAD: a thread (an M)
 *
 * What a state transition or a range is about.
 */
typedef enum
{
  LANES_RESOURCE_NONE,
  LANES_RESOURCE_GOROUTINE,
  LANES_RESOURCE_PROC,
  LANES_RESOURCE_THREAD
} LanesResourceKind;

/**
 * LanesTransition:
 * @resource: a goroutine or a proc
 * @id: its id
 * @from: the state it leaves, a #LanesGoState or #LanesProcState
 * @to: the state it enters
 * @reason: a string id: why it stopped or blocked ("chan receive",
 *   "network", "sleep", …)
 * @stack: the goroutine's stack at the transition
 *
 * A goroutine or proc changing state.
 */
typedef struct
{
  LanesResourceKind resource;
  gint64 id;
  guint8 from;
  guint8 to;
  guint32 reason;
  guint32 stack;
} LanesTransition;

/**
 * LanesRange:
 * @name: a string id: "GC concurrent mark phase", "GC incremental sweep",
 *   "GC mark assist", "stop-the-world (…)"
 * @scope: what the range is on: global, a goroutine or a proc
 * @scope_id: which one
 * @swept: bytes swept, on a sweep's RangeEnd only
 * @reclaimed: bytes reclaimed, on a sweep's RangeEnd only
 *
 * A GC mark phase, sweep, mark assist or stop-the-world.
 */
typedef struct
{
  guint32 name;
  LanesResourceKind scope;
  gint64 scope_id;
  guint64 swept;
  guint64 reclaimed;
} LanesRange;

/**
 * LanesMetric:
 * @name: a string id: "/sched/gomaxprocs:threads", …
 * @value: the metric's value
 *
 * A runtime metric's value.
 */
typedef struct
{
  guint32 name;
  guint64 value;
} LanesMetric;

/**
 * LanesTask:
 * @id: the task's id
 * @parent: the parent task's id; %LANES_NO_TASK when none
 * @type: a string id: the task's type, as given to NewTask
 *
 * A user task beginning or ending.
 */
typedef struct
{
  guint64 id;
  guint64 parent;
  guint32 type;
} LanesTask;

/**
 * LanesRegion:
 * @task: the task the region is in
 * @type: a string id: the region's type
 *
 * A user region beginning or ending.
 */
typedef struct
{
  guint64 task;
  guint32 type;
} LanesRegion;

/**
 * LanesLog:
 * @task: the task the message is in
 * @category: a string id
 * @message: a string id
 *
 * A user log message.
 */
typedef struct
{
  guint64 task;
  guint32 category;
  guint32 message;
} LanesLog;

/**
 * LanesLabel:
 * @label: a string id: the label
 * @goroutine: the goroutine labelled
 *
 * A label on a goroutine.
 */
typedef struct
{
  guint32 label;
  gint64 goroutine;
} LanesLabel;

/**
 * LanesSync:
 * @n: 1, 2, 3, … in the trace's order
 * @generation: the wire generation number; 0 on the final sync
 * @has_clock_snapshot: whether the snapshot below is set (Go 1.25+)
 * @snapshot_trace_ns: a trace time …
 * @snapshot_mono: … and the monotonic clock …
 * @snapshot_wall_sec: … and the wall clock at the same instant
 * @snapshot_wall_nsec: the wall clock's nanoseconds
 * @n_experimental_batches: batches for
 *   lanes_trace_reader_get_experimental_batches()
 *
 * The start of a generation, and the end of the trace.
 */
typedef struct
{
  guint32 n;
  guint64 generation;
  gboolean has_clock_snapshot;
  gint64 snapshot_trace_ns;
  guint64 snapshot_mono;
  gint64 snapshot_wall_sec;
  gint64 snapshot_wall_nsec;
  guint n_experimental_batches;
} LanesSync;

/**
 * LanesExperimental:
 * @type: the wire type, 128 to 136
 * @args: its arguments
 *
 * An event of an experiment (e.g. AllocFree), passed on uninterpreted.
 */
typedef struct
{
  guint8 type;
  guint64 args[4];
} LanesExperimental;

/**
 * LanesTraceEvent:
 * @time: nanoseconds, as Go's Event.Time(); never less than the
 *   previous event's
 * @goroutine: the goroutine the event happened on (before it, for a
 *   transition), or %LANES_NO_GOROUTINE
 * @proc: the proc, or %LANES_NO_PROC
 * @thread: the thread, or %LANES_NO_THREAD
 * @stack: the stack of the event itself, or %LANES_NO_STACK
 * @kind: a #LanesEventKind; says which member of the union holds
 * @wire_type: the event's type on the wire
 *
 * One event, as golang.org/x/exp/trace's Event.  Only the union member for
 * @kind is meaningful: transition, range, metric, label, task, region,
 * log, sync or experimental.
 */
typedef struct
{
  gint64 time;
  gint64 goroutine;
  gint64 proc;
  gint64 thread;
  guint32 stack;
  guint8 kind;
  guint8 wire_type;
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

/**
 * lanes_event_kind_to_string:
 * @kind: a kind
 *
 * Returns: its name as Go spells it: "StateTransition", …
 */
const char *lanes_event_kind_to_string (LanesEventKind kind);
/**
 * lanes_go_state_to_string:
 * @state: a goroutine state
 *
 * Returns: its name as Go spells it: "Running", …
 */
const char *lanes_go_state_to_string (LanesGoState state);
/**
 * lanes_proc_state_to_string:
 * @state: a proc state
 *
 * Returns: its name as Go spells it: "Idle", …
 */
const char *lanes_proc_state_to_string (LanesProcState state);

G_END_DECLS
