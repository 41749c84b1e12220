/* lanes-span-panel.h: what the selected span is, why it began and ended,
 * where in the code, and who woke it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-timeline.h"

G_BEGIN_DECLS

/* A group of rows describing @details on @lane, and the mark assist
 * over it if @assist is not NULL; "Follow" on the wake-up activates the
 * window's "win.follow-wakeup" action, a goroutine's row
 * "win.select-goroutine". */
GtkWidget *lanes_span_panel_new (LanesTimeline          *timeline,
                                 guint                   lane,
                                 const LanesSpanDetails *details,
                                 const LanesSpanDetails *assist);

G_END_DECLS
