/* lanes-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-state.h"

#include <glib/gi18n-lib.h>

#include <string.h>

static const char * const names[LANES_N_STATES] = {
  [LANES_STATE_NONE] = N_("none"),
  [LANES_STATE_RUNNING] = N_("running"),
  [LANES_STATE_RUNNABLE] = N_("runnable"),
  [LANES_STATE_SYSCALL] = N_("syscall"),
  [LANES_STATE_WAIT_SYNC] = N_("waiting (sync)"),
  [LANES_STATE_WAIT_CHAN] = N_("waiting (channel)"),
  [LANES_STATE_WAIT_SELECT] = N_("waiting (select)"),
  [LANES_STATE_WAIT_NETWORK] = N_("waiting (network)"),
  [LANES_STATE_WAIT_SLEEP] = N_("waiting (sleep)"),
  [LANES_STATE_WAIT_GC] = N_("waiting (GC)"),
  [LANES_STATE_WAIT_OTHER] = N_("waiting"),
  [LANES_STATE_GC_DEDICATED] = N_("GC worker (dedicated)"),
  [LANES_STATE_GC_FRACTIONAL] = N_("GC worker (fractional)"),
  [LANES_STATE_GC_IDLE] = N_("GC worker (idle)"),
  [LANES_STATE_PROC_IDLE] = N_("idle"),
  [LANES_STATE_PROC_STOLEN] = N_("idle (stolen)"),
  [LANES_STATE_PROC_SCHED] = N_("scheduling"),
  [LANES_STATE_ON_PROC] = N_("on P"),
  [LANES_STATE_GC_MARK] = N_("GC mark phase"),
  [LANES_STATE_STW] = N_("stop-the-world"),
  [LANES_STATE_SWEEP] = N_("sweep"),
  [LANES_STATE_ASSIST] = N_("mark assist"),
};

const char *
lanes_state_to_string (LanesState state)
{
  return state < LANES_N_STATES ? _(names[state]) : "?";
}

guint32
lanes_states_named (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  guint32 states = 0;

  for (guint s = LANES_STATE_NONE + 1; s < LANES_N_STATES; s++)
    {
      g_autofree char *name = g_utf8_casefold (lanes_state_to_string (s), -1);

      if (strstr (name, folded) != NULL)
        states |= 1u << s;
    }
  return states;
}

LanesState
lanes_state_for_reason (const char *reason)
{
  if (reason == NULL)
    return LANES_STATE_WAIT_OTHER;
  if (g_str_has_prefix (reason, "sync"))
    return LANES_STATE_WAIT_SYNC;
  if (g_str_has_prefix (reason, "chan "))
    return LANES_STATE_WAIT_CHAN;
  if (strcmp (reason, "select") == 0)
    return LANES_STATE_WAIT_SELECT;
  if (strcmp (reason, "network") == 0)
    return LANES_STATE_WAIT_NETWORK;
  if (strcmp (reason, "sleep") == 0)
    return LANES_STATE_WAIT_SLEEP;
  /* "GC mark assist wait for work", "wait until GC ends", … */
  if (strstr (reason, "GC") != NULL)
    return LANES_STATE_WAIT_GC;
  return LANES_STATE_WAIT_OTHER;
}

LanesState
lanes_state_for_label (const char *label)
{
  if (label == NULL)
    return LANES_STATE_NONE;
  if (strcmp (label, "GC (dedicated)") == 0)
    return LANES_STATE_GC_DEDICATED;
  if (strcmp (label, "GC (fractional)") == 0)
    return LANES_STATE_GC_FRACTIONAL;
  if (strcmp (label, "GC (idle)") == 0)
    return LANES_STATE_GC_IDLE;
  return LANES_STATE_NONE;
}

LanesState
lanes_state_for_range (const char *name)
{
  if (name == NULL)
    return LANES_STATE_NONE;
  if (strcmp (name, "GC concurrent mark phase") == 0)
    return LANES_STATE_GC_MARK;
  if (g_str_has_prefix (name, "stop-the-world ("))
    return LANES_STATE_STW;
  if (strcmp (name, "GC incremental sweep") == 0)
    return LANES_STATE_SWEEP;
  if (strcmp (name, "GC mark assist") == 0)
    return LANES_STATE_ASSIST;
  return LANES_STATE_NONE;
}
