/* lanes-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lanes-timeline-view.h"

G_BEGIN_DECLS

#define LANES_TYPE_WINDOW (lanes_window_get_type ())

G_DECLARE_FINAL_TYPE (LanesWindow, lanes_window, LANES, WINDOW, AdwApplicationWindow)

LanesWindow *lanes_window_new       (GtkApplication *application);
void         lanes_window_open      (LanesWindow    *self,
                                     GFile          *file);
/* Whether traces that open go to the recent list (not for benchmarks). */
void         lanes_window_set_remember_recent (LanesWindow *self,
                                               gboolean     remember_recent);
/* TRUE while the window shows no trace and is not loading one. */
gboolean     lanes_window_is_empty  (LanesWindow    *self);
LanesTimelineView *lanes_window_get_timeline_view (LanesWindow *self);

G_END_DECLS
