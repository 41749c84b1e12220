/* lanes-v1-parser.h: the old trace format (Go 1.11–1.21), read whole.
 *
 * Old traces have no generations: every P writes batches for the whole
 * run, and only sequence numbers say how the batches interleave.  So the
 * trace is checked and indexed in one pass, merged into a single order,
 * its time stamps fixed up and its goroutine and proc states checked,
 * all as golang.org/x/exp/trace's tracev1 package does
 * (docs/trace-format.md §4).
 *
 * Events are not kept: the input holds them, compactly, and each P's are
 * always read in file order.  The order is kept as which P each event
 * came from, a byte per event, and read back by decoding the input again
 * (lanes_v1_replay_next()).  lanes-v1-convert.h turns what it gives into
 * events of the generation format.
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

/* One decoded event; only ever a few exist at a time. */
typedef struct
{
  gint64 time;           /* raw ticks while ordering; ns since the first event once replayed */
  guint64 g;             /* goroutine running on the P, or the one the event is about */
  guint64 args[3];       /* the type's arguments */
  gsize offset;          /* of the event in the input */
  const char *value;     /* UserLog: the logged value, inside the input */
  gsize value_length;
  guint32 stack;         /* old-format stack id */
  gint32 p;              /* -1 for the global buffer, or a fake P */
  guint8 type;           /* LanesV1Type */
} LanesV1Event;

typedef struct
{
  gsize start;           /* the batch's events: after its header ... */
  gsize end;             /* ... up to the next batch header */
  gint64 ticks;          /* time stamp of the header */
  guint32 next;          /* next batch of the same P, or LANES_NO_BATCH */
  gint32 p;
} LanesV1Batch;

typedef struct
{
  gint32 p;
  guint32 first;         /* first and last batch of the P */
  guint32 last;
} LanesV1Proc;

/* A syscall exit that moved to the time the syscall really returned. */
typedef struct
{
  gint64 time;           /* raw ticks */
  guint32 position;      /* in the merge, before it moved */
  gsize offset;
} LanesV1Moved;

typedef struct
{
  const LanesInput *input;
  guint version;         /* 11, 19 or 21 */

  GArray *batches;       /* LanesV1Batch, in file order */
  GArray *procs;         /* LanesV1Proc */
  GArray *samples;       /* LanesV1Event: CPU samples, by time */
  guint32 n_events;      /* batch events and samples */
  gint64 ticks_per_sec;  /* 0 when the trace has no frequency */
  LanesIdMap timer_goroutines;
  GArray *inline_strings;/* guint32 trace-wide ids of UserLog values */
  LanesIdMap inline_index; /* trace-wide id → index in inline_strings */
  guint64 max_string_id; /* largest old-format string id, 0 if none */
  gsize max_string_offset;

  /* The order (lanes_v1_order()): for each event of the merge, its
   * stream (index in @procs, or @procs->len for the CPU samples) in
   * 1, 2 or 4 bytes; then the syscall exits that moved. */
  gpointer picks;
  guint pick_size;
  GArray *moved_by_position;  /* LanesV1Moved */
  GArray *moved_by_time;
  gint64 first_time;     /* raw ticks of the first event in trace order */

  /* From lanes_v1_check(): a bit per event in trace order, set for a
   * GoUnblock of a goroutine blocked on the network, and for a GoSysCall
   * whose goroutine then blocked in it. */
  guint8 *flags;
} LanesV1Trace;

/* Checks, indexes, orders and state-checks a whole old-format trace.
 * Fills @strings and @stacks (old-format id → trace-wide id) as it
 * interns them.  @input must outlive the result. */
LanesV1Trace *lanes_v1_parse       (const LanesInput   *input,
                                    LanesTraceTables   *tables,
                                    LanesIdTable       *strings,
                                    LanesIdTable       *stacks,
                                    GError            **error);
void          lanes_v1_trace_free  (LanesV1Trace       *trace);

static inline gboolean
lanes_v1_trace_flag (const LanesV1Trace *trace,
                     guint32             index)
{
  return (trace->flags[index / 8] >> (index % 8)) & 1;
}

/* A P's events, decoded one after another from its batches. */
typedef struct
{
  const LanesV1Trace *trace;
  const guint8 *data;    /* the input */
  guint32 batch;
  gint32 p;
  const guint8 *pos;
  const guint8 *end;
  gint64 last_ts;
  guint64 current_g;     /* the goroutine running on the P */
} LanesV1Cursor;

/* Room for the arguments of one event, time stamp first. */
typedef struct
{
  guint64 values[2048];
  guint n;
  const guint8 *value;   /* UserLog's value string */
  gsize value_length;
} LanesV1Args;

void          lanes_v1_cursor_init (LanesV1Cursor      *cursor,
                                    const LanesV1Trace *trace,
                                    guint32             proc);
/* The P's next event; *has_event is FALSE after its last. */
gboolean      lanes_v1_cursor_next (LanesV1Cursor      *cursor,
                                    LanesV1Args        *scratch,
                                    LanesV1Event       *event,
                                    gboolean           *has_event,
                                    GError            **error);
/* The GoSysExit at @offset, decoded without its P: its time is the one
 * it moved to, and it needs nothing else of the P's. */
gboolean      lanes_v1_decode_syscall_exit (const LanesV1Trace *trace,
                                            gsize               offset,
                                            LanesV1Args        *scratch,
                                            LanesV1Event       *event,
                                            GError            **error);

/* The trace order, read back. */
typedef struct
{
  const LanesV1Trace *trace;
  LanesV1Cursor *cursors;
  LanesV1Args *scratch;
  guint32 position;      /* next event of the merge */
  guint32 next_sample;
  guint skip;            /* next of moved_by_position to leave out */
  guint next_moved;      /* next of moved_by_time to put in */
  LanesV1Event slots[2]; /* the event last returned, and the merge's next
                          * that did not move, held in @held_slot */
  guint held_slot;
  guint32 held_position;
  gboolean has_held;
  guint32 index;         /* trace-order index of the event last returned */
  guint32 next_index;
  double ns_per_tick;
} LanesV1Replay;

void          lanes_v1_replay_init  (LanesV1Replay      *replay,
                                     const LanesV1Trace *trace);
void          lanes_v1_replay_clear (LanesV1Replay      *replay);
/* The next event in trace order, with its time in nanoseconds since the
 * first event and timer wakeups and syscall exits on their fake Ps; the
 * caller may change it, until the next call.  NULL after the last event
 * (@error unset) or on an error. */
LanesV1Event *lanes_v1_replay_next  (LanesV1Replay      *replay,
                                     GError            **error);

/* The steps after indexing, in lanes-v1-order.c and lanes-v1-check.c. */
gboolean      lanes_v1_order       (LanesV1Trace       *trace,
                                    GError            **error);
gboolean      lanes_v1_check       (LanesV1Trace       *trace,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesV1Trace, lanes_v1_trace_free)
