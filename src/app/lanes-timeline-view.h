/* lanes-timeline-view.h: the timeline of a trace, to explore with the
 * mouse and the keyboard like a map: zoom at the pointer, drag to pan,
 * scroll through lanes, hover for what a span is, click to select it.
 *
 * Drawing is the renderer's (src/render); what is shown (the range,
 * the selection, the measure) is the LanesSession's: this widget draws
 * it, keeps the vertical scroll offset and turns input into changes of
 * the session.  Every navigation is also a widget action
 * ("timeline.zoom-in", "timeline.fit", …), which is what the shortcuts
 * and the tests use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-timeline.h"
#include "lanes-session.h"
#include "lanes-viewport.h"

G_BEGIN_DECLS

#define LANES_TYPE_TIMELINE_VIEW (lanes_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (LanesTimelineView, lanes_timeline_view, LANES, TIMELINE_VIEW, GtkWidget)

GtkWidget     *lanes_timeline_view_new          (void);
/* The "session" property. */
LanesSession  *lanes_timeline_view_get_session  (LanesTimelineView *self);
void           lanes_timeline_view_set_session  (LanesTimelineView *self,
                                                 LanesSession      *session);
/* Shorthands for the session's timeline and viewport. */
void           lanes_timeline_view_set_timeline (LanesTimelineView *self,
                                                 LanesTimeline     *timeline);
LanesTimeline *lanes_timeline_view_get_timeline (LanesTimelineView *self);
LanesViewport *lanes_timeline_view_get_viewport (LanesTimelineView *self);
/* Microseconds the last frame took to draw, for benchmarks. */
gint64         lanes_timeline_view_get_draw_time (LanesTimelineView *self);

/* The selected span, if any (the session's "selection"). */
gboolean       lanes_timeline_view_get_selection (LanesTimelineView *self,
                                                  guint             *lane,
                                                  LanesSpanDetails  *details);
/* When a task lane's task, region or log is selected: which, with
 * @index into lanes_timeline_lane_get_regions() or _get_logs(). */
gboolean       lanes_timeline_view_get_task_selection (LanesTimelineView *self,
                                                       LanesTaskPart     *part,
                                                       guint             *index);
/* Selects what goroutine @goroutine was doing at @time, on its lane. */
gboolean       lanes_timeline_view_select_goroutine (LanesTimelineView *self,
                                                     gint64             goroutine,
                                                     gint64             time);
/* The measured range (Shift+drag), in ns, if there is one. */
gboolean       lanes_timeline_view_get_measure  (LanesTimelineView *self,
                                                 double            *start,
                                                 double            *end);
/* Selects the span of @lane at @time and scrolls it into view. */
gboolean       lanes_timeline_view_select       (LanesTimelineView *self,
                                                 guint              lane,
                                                 gint64             time);
/* Shows the whole life of goroutine @goroutine and selects its first
 * span, scrolling its lane into view; FALSE if there is none. */
gboolean       lanes_timeline_view_show_goroutine (LanesTimelineView *self,
                                                   gint64             goroutine);
/* Keeps only goroutine lanes whose id, start function or current state
 * name contains @text (NULL or "" shows them all). */
void           lanes_timeline_view_set_filter   (LanesTimelineView *self,
                                                 const char        *text);
/* How many goroutine lanes the filter leaves. */
guint          lanes_timeline_view_get_goroutines_shown (LanesTimelineView *self);
/* Shows only the lane groups in @groups (bits 1 << LanesGroup). */
void           lanes_timeline_view_set_groups   (LanesTimelineView *self,
                                                 guint              groups);
/* Groups shown as their heading alone (bits 1 << LanesGroup): the
 * "collapsed-groups" property. */
void           lanes_timeline_view_set_collapsed_groups (LanesTimelineView *self,
                                                         guint              groups);
/* Collapses a group to its heading, or opens it (a click on the heading
 * does the same). */
void           lanes_timeline_view_toggle_group (LanesTimelineView *self,
                                                 LanesGroup         group);
gboolean       lanes_timeline_view_is_collapsed (LanesTimelineView *self,
                                                 LanesGroup         group);
/* Where the last frame drew @lane, in widget coordinates. */
gboolean       lanes_timeline_view_get_lane_area (LanesTimelineView *self,
                                                  guint              lane,
                                                  int               *y,
                                                  int               *height);

G_END_DECLS
