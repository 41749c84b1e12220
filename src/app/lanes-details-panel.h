/* lanes-details-panel.h: the side panel that says what the session's
 * selection is: a span (why it began and ended, where in the code, who
 * woke it) or a task lane's task, region or log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-session.h"

G_BEGIN_DECLS

#define LANES_TYPE_DETAILS_PANEL (lanes_details_panel_get_type ())

G_DECLARE_FINAL_TYPE (LanesDetailsPanel, lanes_details_panel, LANES, DETAILS_PANEL, GtkWidget)

G_END_DECLS
