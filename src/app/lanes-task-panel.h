/* lanes-task-panel.h: what the selected task, region or log of a task
 * lane is, when and where in the code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-timeline.h"

G_BEGIN_DECLS

/* Rows describing task lane @lane's @part (@index of its regions or
 * logs); its goroutine's row activates "win.select-goroutine". */
GtkWidget *lanes_task_panel_new (LanesTimeline *timeline,
                                 guint          lane,
                                 LanesTaskPart  part,
                                 guint          index);

G_END_DECLS
