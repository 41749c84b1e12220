/* lanes-trace-event.c: names of kinds and states, as Go's trace package
 * spells them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace-event.h"

const char *
lanes_event_kind_to_string (LanesEventKind kind)
{
  static const char *names[LANES_EVENT_N_KINDS] = {
    "Bad", "Sync", "Metric", "Label", "StackSample", "RangeBegin", "RangeActive", "RangeEnd",
    "TaskBegin", "TaskEnd", "RegionBegin", "RegionEnd", "Log", "StateTransition", "Experimental",
  };
  return (guint) kind < LANES_EVENT_N_KINDS ? names[kind] : "Bad";
}

const char *
lanes_go_state_to_string (LanesGoState state)
{
  static const char *names[LANES_GO_N_STATES] = {
    "Undetermined", "NotExist", "Runnable", "Running", "Waiting", "Syscall",
  };
  return (guint) state < LANES_GO_N_STATES ? names[state] : "Bad";
}

const char *
lanes_proc_state_to_string (LanesProcState state)
{
  static const char *names[LANES_PROC_N_STATES] = {
    "Undetermined", "NotExist", "Running", "Idle",
  };
  return (guint) state < LANES_PROC_N_STATES ? names[state] : "Bad";
}
