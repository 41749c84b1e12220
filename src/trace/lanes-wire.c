/* lanes-wire.c: the table of wire event specs, after Go's tracev2 package.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-wire.h"

#define NONE { -1, -1 }
#define ONE(i) { i, -1 }
#define TWO(i, j) { i, j }

/* Argument indexes count from 0 after the time delta. */
static const LanesWireSpec specs[LANES_WIRE_N_TYPES] = {
  [LANES_WIRE_EVENT_BATCH] = { "EventBatch", 4, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_STACKS] = { "Stacks", 0, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_STACK] = { "Stack", 2, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_STRINGS] = { "Strings", 0, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_STRING] = { "String", 1, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_CPU_SAMPLES] = { "CPUSamples", 0, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_CPU_SAMPLE] = { "CPUSample", 5, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_FREQUENCY] = { "Frequency", 1, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_PROCS_CHANGE] = { "ProcsChange", 2, TRUE, ONE (1), NONE, 0 },
  [LANES_WIRE_PROC_START] = { "ProcStart", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_PROC_STOP] = { "ProcStop", 0, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_PROC_STEAL] = { "ProcSteal", 3, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_PROC_STATUS] = { "ProcStatus", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_CREATE] = { "GoCreate", 3, TRUE, TWO (2, 1), NONE, 0 },
  [LANES_WIRE_GO_CREATE_SYSCALL] = { "GoCreateSyscall", 1, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_START] = { "GoStart", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_DESTROY] = { "GoDestroy", 0, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_DESTROY_SYSCALL] = { "GoDestroySyscall", 0, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_STOP] = { "GoStop", 2, TRUE, ONE (1), ONE (0), 0 },
  [LANES_WIRE_GO_BLOCK] = { "GoBlock", 2, TRUE, ONE (1), ONE (0), 0 },
  [LANES_WIRE_GO_UNBLOCK] = { "GoUnblock", 3, TRUE, ONE (2), NONE, 0 },
  [LANES_WIRE_GO_SYSCALL_BEGIN] = { "GoSyscallBegin", 2, TRUE, ONE (1), NONE, 0 },
  [LANES_WIRE_GO_SYSCALL_END] = { "GoSyscallEnd", 0, TRUE, NONE, NONE, LANES_WIRE_GO_SYSCALL_BEGIN },
  [LANES_WIRE_GO_SYSCALL_END_BLOCKED] = { "GoSyscallEndBlocked", 0, TRUE, NONE, NONE, LANES_WIRE_GO_SYSCALL_BEGIN },
  [LANES_WIRE_GO_STATUS] = { "GoStatus", 3, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_STW_BEGIN] = { "STWBegin", 2, TRUE, ONE (1), ONE (0), 0 },
  [LANES_WIRE_STW_END] = { "STWEnd", 0, TRUE, NONE, NONE, LANES_WIRE_STW_BEGIN },
  [LANES_WIRE_GC_ACTIVE] = { "GCActive", 1, TRUE, NONE, NONE, LANES_WIRE_GC_BEGIN },
  [LANES_WIRE_GC_BEGIN] = { "GCBegin", 2, TRUE, ONE (1), NONE, 0 },
  [LANES_WIRE_GC_END] = { "GCEnd", 1, TRUE, NONE, NONE, LANES_WIRE_GC_BEGIN },
  [LANES_WIRE_GC_SWEEP_ACTIVE] = { "GCSweepActive", 1, TRUE, NONE, NONE, LANES_WIRE_GC_SWEEP_BEGIN },
  [LANES_WIRE_GC_SWEEP_BEGIN] = { "GCSweepBegin", 1, TRUE, ONE (0), NONE, 0 },
  [LANES_WIRE_GC_SWEEP_END] = { "GCSweepEnd", 2, TRUE, NONE, NONE, LANES_WIRE_GC_SWEEP_BEGIN },
  [LANES_WIRE_GC_MARK_ASSIST_ACTIVE] = { "GCMarkAssistActive", 1, TRUE, NONE, NONE, LANES_WIRE_GC_MARK_ASSIST_BEGIN },
  [LANES_WIRE_GC_MARK_ASSIST_BEGIN] = { "GCMarkAssistBegin", 1, TRUE, ONE (0), NONE, 0 },
  [LANES_WIRE_GC_MARK_ASSIST_END] = { "GCMarkAssistEnd", 0, TRUE, NONE, NONE, LANES_WIRE_GC_MARK_ASSIST_BEGIN },
  [LANES_WIRE_HEAP_ALLOC] = { "HeapAlloc", 1, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_HEAP_GOAL] = { "HeapGoal", 1, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_LABEL] = { "GoLabel", 1, TRUE, NONE, ONE (0), 0 },
  [LANES_WIRE_USER_TASK_BEGIN] = { "UserTaskBegin", 4, TRUE, ONE (3), ONE (2), 0 },
  [LANES_WIRE_USER_TASK_END] = { "UserTaskEnd", 2, TRUE, ONE (1), NONE, 0 },
  [LANES_WIRE_USER_REGION_BEGIN] = { "UserRegionBegin", 3, TRUE, ONE (2), ONE (1), 0 },
  [LANES_WIRE_USER_REGION_END] = { "UserRegionEnd", 3, TRUE, ONE (2), ONE (1), LANES_WIRE_USER_REGION_BEGIN },
  [LANES_WIRE_USER_LOG] = { "UserLog", 4, TRUE, ONE (3), TWO (1, 2), 0 },
  [LANES_WIRE_GO_SWITCH] = { "GoSwitch", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_SWITCH_DESTROY] = { "GoSwitchDestroy", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GO_CREATE_BLOCKED] = { "GoCreateBlocked", 3, TRUE, TWO (2, 1), NONE, 0 },
  [LANES_WIRE_GO_STATUS_STACK] = { "GoStatusStack", 4, TRUE, ONE (3), NONE, 0 },
  [LANES_WIRE_EXPERIMENTAL_BATCH] = { "ExperimentalBatch", 4, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_SYNC] = { "Sync", 0, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_CLOCK_SNAPSHOT] = { "ClockSnapshot", 3, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_END_OF_GENERATION] = { "EndOfGeneration", 0, FALSE, NONE, NONE, 0 },
  [LANES_WIRE_SPAN] = { "Span", 3, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_SPAN_ALLOC] = { "SpanAlloc", 3, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_SPAN_FREE] = { "SpanFree", 1, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_HEAP_OBJECT] = { "HeapObject", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_HEAP_OBJECT_ALLOC] = { "HeapObjectAlloc", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_HEAP_OBJECT_FREE] = { "HeapObjectFree", 1, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GOROUTINE_STACK] = { "GoroutineStack", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GOROUTINE_STACK_ALLOC] = { "GoroutineStackAlloc", 2, TRUE, NONE, NONE, 0 },
  [LANES_WIRE_GOROUTINE_STACK_FREE] = { "GoroutineStackFree", 1, TRUE, NONE, NONE, 0 },
};

const LanesWireSpec *
lanes_wire_spec (guint type)
{
  if (type >= LANES_WIRE_N_TYPES || specs[type].name == NULL)
    return NULL;
  return &specs[type];
}
