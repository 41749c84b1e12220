/* lanes-wire.h: event types of the generation-based wire format (Go 1.22+)
 * and what each carries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef enum
{
  LANES_WIRE_NONE = 0,
  LANES_WIRE_EVENT_BATCH,
  LANES_WIRE_STACKS,
  LANES_WIRE_STACK,
  LANES_WIRE_STRINGS,
  LANES_WIRE_STRING,
  LANES_WIRE_CPU_SAMPLES,
  LANES_WIRE_CPU_SAMPLE,
  LANES_WIRE_FREQUENCY,
  LANES_WIRE_PROCS_CHANGE,
  LANES_WIRE_PROC_START,
  LANES_WIRE_PROC_STOP,
  LANES_WIRE_PROC_STEAL,
  LANES_WIRE_PROC_STATUS,
  LANES_WIRE_GO_CREATE,
  LANES_WIRE_GO_CREATE_SYSCALL,
  LANES_WIRE_GO_START,
  LANES_WIRE_GO_DESTROY,
  LANES_WIRE_GO_DESTROY_SYSCALL,
  LANES_WIRE_GO_STOP,
  LANES_WIRE_GO_BLOCK,
  LANES_WIRE_GO_UNBLOCK,
  LANES_WIRE_GO_SYSCALL_BEGIN,
  LANES_WIRE_GO_SYSCALL_END,
  LANES_WIRE_GO_SYSCALL_END_BLOCKED,
  LANES_WIRE_GO_STATUS,
  LANES_WIRE_STW_BEGIN,
  LANES_WIRE_STW_END,
  LANES_WIRE_GC_ACTIVE,
  LANES_WIRE_GC_BEGIN,
  LANES_WIRE_GC_END,
  LANES_WIRE_GC_SWEEP_ACTIVE,
  LANES_WIRE_GC_SWEEP_BEGIN,
  LANES_WIRE_GC_SWEEP_END,
  LANES_WIRE_GC_MARK_ASSIST_ACTIVE,
  LANES_WIRE_GC_MARK_ASSIST_BEGIN,
  LANES_WIRE_GC_MARK_ASSIST_END,
  LANES_WIRE_HEAP_ALLOC,
  LANES_WIRE_HEAP_GOAL,
  LANES_WIRE_GO_LABEL,
  LANES_WIRE_USER_TASK_BEGIN,
  LANES_WIRE_USER_TASK_END,
  LANES_WIRE_USER_REGION_BEGIN,
  LANES_WIRE_USER_REGION_END,
  LANES_WIRE_USER_LOG,
  LANES_WIRE_GO_SWITCH,
  LANES_WIRE_GO_SWITCH_DESTROY,
  LANES_WIRE_GO_CREATE_BLOCKED,
  LANES_WIRE_GO_STATUS_STACK,
  LANES_WIRE_EXPERIMENTAL_BATCH,
  LANES_WIRE_SYNC,
  LANES_WIRE_CLOCK_SNAPSHOT,
  LANES_WIRE_END_OF_GENERATION,

  /* AllocFree experiment. */
  LANES_WIRE_SPAN = 128,
  LANES_WIRE_SPAN_ALLOC,
  LANES_WIRE_SPAN_FREE,
  LANES_WIRE_HEAP_OBJECT,
  LANES_WIRE_HEAP_OBJECT_ALLOC,
  LANES_WIRE_HEAP_OBJECT_FREE,
  LANES_WIRE_GOROUTINE_STACK,
  LANES_WIRE_GOROUTINE_STACK_ALLOC,
  LANES_WIRE_GOROUTINE_STACK_FREE,
  LANES_WIRE_N_TYPES,

  /* Not on the wire: the reader's own Sync events. */
  LANES_WIRE_SYNTHETIC_SYNC = 0xff,
} LanesWireType;

#define LANES_WIRE_MAX_BATCH_SIZE  65536
#define LANES_WIRE_MAX_STRING_SIZE 1024
#define LANES_WIRE_MAX_FRAMES      128
#define LANES_WIRE_MAX_ARGS        4     /* after the time delta */

/* Goroutine and proc status values as the runtime writes them. */
enum { LANES_WIRE_GO_BAD, LANES_WIRE_GO_RUNNABLE, LANES_WIRE_GO_RUNNING,
       LANES_WIRE_GO_SYSCALL, LANES_WIRE_GO_WAITING, LANES_WIRE_GO_N_STATUS };
enum { LANES_WIRE_PROC_BAD, LANES_WIRE_PROC_RUNNING, LANES_WIRE_PROC_IDLE,
       LANES_WIRE_PROC_SYSCALL, LANES_WIRE_PROC_SYSCALL_ABANDONED,
       LANES_WIRE_PROC_N_STATUS };

typedef struct
{
  const char *name;
  guint8 n_args;          /* wire arguments after the time delta */
  guint8 timed;           /* has a time delta: may appear in event batches */
  gint8 stack_args[2];    /* argument indexes holding stack ids, -1 if none */
  gint8 string_args[2];   /* argument indexes holding string ids, -1 if none */
  guint8 start;           /* for *End and *Active events: the Begin type */
} LanesWireSpec;

extern const LanesWireSpec lanes_wire_specs[LANES_WIRE_N_TYPES];

/* NULL for a type with no spec (and for types past the table). */
static inline const LanesWireSpec *
lanes_wire_spec (guint type)
{
  if (type >= LANES_WIRE_N_TYPES || lanes_wire_specs[type].name == NULL)
    return NULL;
  return &lanes_wire_specs[type];
}
