/* lanes-overview-strip.h: the whole trace in a thin strip above the
 * timeline — running goroutines and stop-the-world pauses over time — with
 * the stretch the timeline shows marked.  Clicking or dragging in it
 * moves the timeline there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-session.h"

G_BEGIN_DECLS

#define LANES_TYPE_OVERVIEW_STRIP (lanes_overview_strip_get_type ())

G_DECLARE_FINAL_TYPE (LanesOverviewStrip, lanes_overview_strip, LANES, OVERVIEW_STRIP, GtkWidget)

/* The "session" property: the strip follows and steers its range. */
LanesSession *lanes_overview_strip_get_session (LanesOverviewStrip *self);
void          lanes_overview_strip_set_session (LanesOverviewStrip *self,
                                                LanesSession       *session);

G_END_DECLS
