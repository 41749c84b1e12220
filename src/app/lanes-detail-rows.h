/* lanes-detail-rows.h: the rows the side panels are made of, so that
 * a span, a task, a region and the trace's numbers read alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-timeline.h"

G_BEGIN_DECLS

/* A row of @group: @title, and @value on the right, selectable. */
GtkWidget *lanes_detail_add_row       (GtkWidget     *group,
                                       const char    *title,
                                       const char    *value);
/* Goroutine @goroutine as a row of @group that selects what it was doing
 * at @time on its own lane ("win.select-goroutine"). */
void       lanes_detail_add_goroutine (GtkWidget     *group,
                                       LanesTimeline *timeline,
                                       const char    *title,
                                       gint64         goroutine,
                                       gint64         time);
/* Stack @stack as a group of rows appended to @box: function, then
 * file:line under it.  Nothing for an empty stack. */
void       lanes_detail_add_stack     (GtkWidget     *box,
                                       LanesTimeline *timeline,
                                       const char    *title,
                                       guint32        stack);

G_END_DECLS
