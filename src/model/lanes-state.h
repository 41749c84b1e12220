/* lanes-state.h: what a span on a timeline lane shows.
 *
 * One vocabulary for every lane kind, so the palette, the legend and the
 * level-of-detail code index by the same small number.  Waiting states are
 * split by the class of their reason string, GC mark workers by their mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LANES_STATE_NONE,            /* before creation, after exit, no data */
  LANES_STATE_RUNNING,
  LANES_STATE_RUNNABLE,
  LANES_STATE_SYSCALL,
  LANES_STATE_WAIT_SYNC,
  LANES_STATE_WAIT_CHAN,
  LANES_STATE_WAIT_SELECT,
  LANES_STATE_WAIT_NETWORK,
  LANES_STATE_WAIT_SLEEP,
  LANES_STATE_WAIT_GC,
  LANES_STATE_WAIT_OTHER,
  LANES_STATE_GC_DEDICATED,    /* a mark worker goroutine, by its label */
  LANES_STATE_GC_FRACTIONAL,
  LANES_STATE_GC_IDLE,
  LANES_STATE_PROC_IDLE,
  LANES_STATE_PROC_STOLEN,     /* idle since a ProcSteal took it */
  LANES_STATE_PROC_SCHED,      /* held by an M, no goroutine: the scheduler */
  LANES_STATE_ON_PROC,         /* a thread holding a P (its actor) */
  LANES_STATE_GC_MARK,         /* the concurrent mark phase */
  LANES_STATE_STW,
  LANES_STATE_SWEEP,
  LANES_STATE_ASSIST,
  LANES_N_STATES
} LanesState;

/* Background states draw nothing and do not count as activity when a
 * merged pixel's dominant state and coverage are chosen. */
static inline gboolean
lanes_state_is_background (LanesState state)
{
  return state == LANES_STATE_NONE
         || state == LANES_STATE_PROC_IDLE
         || state == LANES_STATE_PROC_STOLEN;
}

static inline gboolean
lanes_state_is_waiting (LanesState state)
{
  return state >= LANES_STATE_WAIT_SYNC && state <= LANES_STATE_WAIT_OTHER;
}

static inline gboolean
lanes_state_is_gc_worker (LanesState state)
{
  return state >= LANES_STATE_GC_DEDICATED && state <= LANES_STATE_GC_IDLE;
}

/* Running in any form: plain or as a GC mark worker. */
static inline gboolean
lanes_state_is_running (LanesState state)
{
  return state == LANES_STATE_RUNNING || lanes_state_is_gc_worker (state);
}

const char *lanes_state_to_string (LanesState state);
/* The states whose name holds @text, ignoring case, as bits
 * 1 << LanesState ("select" gives WAIT_SELECT, "wait" every wait). */
guint32     lanes_states_named    (const char *text);

/* The waiting class of a block reason ("chan receive", "select", …). */
LanesState lanes_state_for_reason (const char *reason);
/* GC_DEDICATED, _FRACTIONAL or _IDLE for a mark worker's label, else NONE. */
LanesState lanes_state_for_label  (const char *label);
/* GC_MARK, STW, SWEEP or ASSIST for a range name, else NONE. */
LanesState lanes_state_for_range  (const char *name);

G_END_DECLS
