/* lanes-v1-parser.h: the old trace format (Go 1.11–1.21), read whole.
 *
 * Old traces have no generations: every P writes batches for the whole
 * run, and only sequence numbers say how the batches interleave.  So the
 * trace is decoded eagerly into one flat array of events, merged into a
 * single order, its time stamps fixed up and its goroutine and proc
 * states checked, all as golang.org/x/exp/trace's tracev1 package does
 * (docs/trace-format.md §4).  lanes-v1-convert.h turns the result into
 * the events of the generation format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lanes-generation.h"
#include "lanes-id-map.h"
#include "lanes-trace-tables.h"

/* Event types of the old format, as the runtime numbered them. */
typedef enum
{
  LANES_V1_NONE,
  LANES_V1_BATCH,
  LANES_V1_FREQUENCY,
  LANES_V1_STACK,
  LANES_V1_GOMAXPROCS,
  LANES_V1_PROC_START,
  LANES_V1_PROC_STOP,
  LANES_V1_GC_START,
  LANES_V1_GC_DONE,
  LANES_V1_STW_START,
  LANES_V1_STW_DONE,
  LANES_V1_GC_SWEEP_START,
  LANES_V1_GC_SWEEP_DONE,
  LANES_V1_GO_CREATE,
  LANES_V1_GO_START,
  LANES_V1_GO_END,
  LANES_V1_GO_STOP,
  LANES_V1_GO_SCHED,
  LANES_V1_GO_PREEMPT,
  LANES_V1_GO_SLEEP,
  LANES_V1_GO_BLOCK,
  LANES_V1_GO_UNBLOCK,
  LANES_V1_GO_BLOCK_SEND,
  LANES_V1_GO_BLOCK_RECV,
  LANES_V1_GO_BLOCK_SELECT,
  LANES_V1_GO_BLOCK_SYNC,
  LANES_V1_GO_BLOCK_COND,
  LANES_V1_GO_BLOCK_NET,
  LANES_V1_GO_SYSCALL,
  LANES_V1_GO_SYSEXIT,
  LANES_V1_GO_SYSBLOCK,
  LANES_V1_GO_WAITING,
  LANES_V1_GO_IN_SYSCALL,
  LANES_V1_HEAP_ALLOC,
  LANES_V1_HEAP_GOAL,
  LANES_V1_TIMER_GOROUTINE,
  LANES_V1_FUTILE_WAKEUP,
  LANES_V1_STRING,
  LANES_V1_GO_START_LOCAL,
  LANES_V1_GO_UNBLOCK_LOCAL,
  LANES_V1_GO_SYSEXIT_LOCAL,
  LANES_V1_GO_START_LABEL,
  LANES_V1_GO_BLOCK_GC,
  LANES_V1_GC_MARK_ASSIST_START,
  LANES_V1_GC_MARK_ASSIST_DONE,
  LANES_V1_USER_TASK_CREATE,
  LANES_V1_USER_TASK_END,
  LANES_V1_USER_REGION,
  LANES_V1_USER_LOG,
  LANES_V1_CPU_SAMPLE,
  LANES_V1_N_TYPES
} LanesV1Type;

typedef struct
{
  const char *name;
  guint8 n_args;         /* arguments after the time stamp, stack not counted */
  gboolean stack;        /* a stack id follows the arguments */
} LanesV1Spec;

extern const LanesV1Spec lanes_v1_specs[LANES_V1_N_TYPES];

/* Procs that are not real: the reference reader moves timer wakeups,
 * network wakeups, syscall exits and GC starts onto them, and they show
 * up as such in the converted events. */
#define LANES_V1_TIMER_P   1000001
#define LANES_V1_NETPOLL_P 1000002
#define LANES_V1_SYSCALL_P 1000003
#define LANES_V1_GC_P      1000004

/* One event.  56 bytes: the trace holds all of them at once. */
typedef struct
{
  gint64 time;           /* raw ticks; nanoseconds since the first event once ordered */
  guint64 g;             /* goroutine running on the P, or the one the event is about */
  guint64 args[3];       /* the type's arguments; see below for extra uses */
  guint32 stack;         /* old-format stack id */
  gint32 p;              /* -1 for the global buffer, or a fake P */
  guint8 type;           /* LanesV1Type */
} LanesV1Event;

/* Slots the format leaves free, put to use:
 *  UserLog args[2]    index of the logged value in @inline_strings
 *  GoSysCall args[0]  1 when the goroutine's next event is GoSysBlock
 *  CPUSample args[0]  byte offset of the sample, for error messages */
#define LANES_V1_LOG_VALUE   2
#define LANES_V1_SYSCALL_BLOCKS 0
#define LANES_V1_SAMPLE_OFFSET 0

typedef struct
{
  gsize offset;          /* of the batch header */
  guint32 first;         /* index of its first event */
  guint32 n_events;
  guint32 next;          /* next batch of the same P, or LANES_NO_BATCH */
  gint32 p;
} LanesV1Batch;

typedef struct
{
  gint32 p;
  guint32 first;         /* first and last batch of the P */
  guint32 last;
  guint64 current_g;     /* goroutine running on it, while decoding */
} LanesV1Proc;

typedef struct
{
  guint version;         /* 11, 19 or 21 */
  gsize size;            /* of the input, for errors about its end */

  LanesV1Event *events;  /* batch events in file order, then CPU samples by time */
  guint32 n_events;
  guint32 n_batch_events;
  guint32 *order;        /* indexes into @events, in trace order */

  GArray *batches;       /* LanesV1Batch, in file order */
  GArray *procs;         /* LanesV1Proc: each P's batches */
  gint64 ticks_per_sec;  /* 0 when the trace has no frequency */
  LanesIdMap timer_goroutines;
  GArray *inline_strings;/* guint32 trace-wide ids of UserLog values */
  guint64 max_string_id; /* largest old-format string id, 0 if none */
  gsize max_string_offset;
} LanesV1Trace;

/* Decodes, orders and checks a whole old-format trace.  Fills @strings
 * and @stacks (old-format id → trace-wide id) as it interns them. */
LanesV1Trace *lanes_v1_parse       (const LanesInput   *input,
                                    LanesTraceTables   *tables,
                                    LanesIdTable       *strings,
                                    LanesIdTable       *stacks,
                                    GError            **error);
void          lanes_v1_trace_free  (LanesV1Trace       *trace);

/* Byte offset of an event, for error messages: its batch's, or the
 * sample's own. */
gsize         lanes_v1_event_offset (const LanesV1Trace *trace,
                                     guint32             index);

/* The steps after decoding, in lanes-v1-order.c and lanes-v1-check.c. */
gboolean      lanes_v1_order       (LanesV1Trace       *trace,
                                    GError            **error);
gboolean      lanes_v1_check       (LanesV1Trace       *trace,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesV1Trace, lanes_v1_trace_free)
