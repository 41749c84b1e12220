/* lanes-session.h: what one window shows of a trace, shared by all its
 * widgets: the document, the timeline on screen, the visible range and
 * its history, the selection, the measure and the highlighted goroutines.
 *
 * Widgets bind to its properties instead of reaching into each other:
 * the timeline view turns input into changes here, the overview strip
 * and the side panels follow them.  GLib only, so it is tested headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lanes-document.h"
#include "lanes-timeline.h"
#include "lanes-viewport.h"

G_BEGIN_DECLS

/* What is selected: a span of @lane, or (@on_task) a task lane's task,
 * region or log, @task_index into its regions or logs. */
typedef struct
{
  guint lane;
  LanesSpanDetails details;
  gboolean has_assist;        /* a mark assist over the selected point */
  LanesSpanDetails assist;
  gboolean on_task;
  LanesTaskPart task_part;
  guint task_index;
} LanesSelection;

#define LANES_TYPE_SELECTION (lanes_selection_get_type ())
GType lanes_selection_get_type (void) G_GNUC_CONST;

#define LANES_TYPE_SESSION (lanes_session_get_type ())

G_DECLARE_FINAL_TYPE (LanesSession, lanes_session, LANES, SESSION, GObject)

LanesSession         *lanes_session_new            (void);

LanesDocument        *lanes_session_get_document   (LanesSession         *self);
void                  lanes_session_set_document   (LanesSession         *self,
                                                    LanesDocument        *document);

/* The timeline on screen: the document's, or the part read so far.  A
 * timeline that carries on the partial one shown keeps the range, the
 * history, the measure and (on the same lane) the selection; any other
 * starts afresh on the whole trace. */
LanesTimeline        *lanes_session_get_timeline   (LanesSession         *self);
void                  lanes_session_set_timeline   (LanesSession         *self,
                                                    LanesTimeline        *timeline);

/* The visible range and its history, NULL without a timeline.  Whoever
 * moves it calls lanes_session_range_changed(), which notifies
 * "range-start", "range-end", "can-go-back" and "can-go-forward". */
LanesViewport        *lanes_session_get_viewport   (LanesSession         *self);
void                  lanes_session_range_changed  (LanesSession         *self);
LanesViewRange        lanes_session_get_range      (LanesSession         *self);

/* NULL when nothing is selected. */
const LanesSelection *lanes_session_get_selection  (LanesSession         *self);
void                  lanes_session_set_selection  (LanesSession         *self,
                                                    const LanesSelection *selection);

/* The measured range, in ns, ordered; FALSE if there is none. */
gboolean              lanes_session_get_measure    (LanesSession         *self,
                                                    double               *start,
                                                    double               *end);
/* From @start to @end in the order dragged (either way round). */
void                  lanes_session_set_measure    (LanesSession         *self,
                                                    double                start,
                                                    double                end);
void                  lanes_session_clear_measure  (LanesSession         *self);

/* Goroutine ids (gint64) to pick out, e.g. the ones that assisted a GC
 * cycle; never NULL. */
GArray               *lanes_session_get_highlighted_goroutines (LanesSession *self);
void                  lanes_session_set_highlighted_goroutines (LanesSession *self,
                                                                const gint64 *goroutines,
                                                                guint         n_goroutines);

G_END_DECLS
