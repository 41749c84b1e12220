/* lanes-trace-panel.h: the side panel of the trace's numbers at a
 * glance: its span and population, garbage collection and what
 * goroutines waited on; while they are counted, what it waits for; after
 * reading was stopped, what the part read holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-session.h"

G_BEGIN_DECLS

#define LANES_TYPE_TRACE_PANEL (lanes_trace_panel_get_type ())

G_DECLARE_FINAL_TYPE (LanesTracePanel, lanes_trace_panel, LANES, TRACE_PANEL, GtkWidget)

G_END_DECLS
