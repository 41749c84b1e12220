/* lanes-viewport.h: which stretch of a trace's time is on screen, and
 * how zooming, panning and going back and forth change it.
 *
 * Pure arithmetic with no widget, so it is tested headless.  Times are
 * nanoseconds; the visible range is kept as a double start and span so
 * that repeated zooms at the pointer do not drift.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Narrower than this and no event is told apart from the next. */
#define LANES_VIEWPORT_MIN_SPAN_NS 100.0

typedef struct
{
  double start;
  double span;
} LanesViewRange;

typedef struct _LanesViewport LanesViewport;

LanesViewport *lanes_viewport_new          (gint64          trace_start,
                                            gint64          trace_end);
void           lanes_viewport_free         (LanesViewport  *viewport);

LanesViewRange lanes_viewport_get_range    (LanesViewport  *viewport);

/* Zooms by @factor (> 1 zooms in) keeping the time at @anchor_fraction
 * of the width (0 = left edge, 1 = right edge) where it is; an anchor
 * that is not a number zooms at the centre. */
void           lanes_viewport_zoom         (LanesViewport  *viewport,
                                            double          factor,
                                            double          anchor_fraction);
/* The same at pixel @x of a view @width pixels wide (the pointer of a
 * wheel or the centre of a pinch), clamped to the view. */
void           lanes_viewport_zoom_at      (LanesViewport  *viewport,
                                            double          factor,
                                            double          x,
                                            double          width);
/* Moves by @fraction of the visible span (negative: earlier). */
void           lanes_viewport_pan          (LanesViewport  *viewport,
                                            double          fraction);
/* Shows [start, end]; remembered in the history. */
void           lanes_viewport_show         (LanesViewport  *viewport,
                                            double          start,
                                            double          end);
/* Shows the whole trace; remembered in the history. */
void           lanes_viewport_fit          (LanesViewport  *viewport);

/* The trace now ends at @trace_end (it grows while loading): a view of
 * the whole trace grows with it, any other stays where it is. */
void           lanes_viewport_extend       (LanesViewport  *viewport,
                                            gint64          trace_end);

/* Marks the current range as a place to come back to, before a run of
 * continuous zooms and pans (a drag, a burst of wheel events). */
void           lanes_viewport_remember     (LanesViewport  *viewport);
gboolean       lanes_viewport_can_go_back  (LanesViewport  *viewport);
gboolean       lanes_viewport_can_go_forward (LanesViewport *viewport);
void           lanes_viewport_go_back      (LanesViewport  *viewport);
void           lanes_viewport_go_forward   (LanesViewport  *viewport);

/* Pixels and times for a view @width pixels wide. */
double         lanes_viewport_time_at      (LanesViewport  *viewport,
                                            double          x,
                                            double          width);
double         lanes_viewport_x_of         (LanesViewport  *viewport,
                                            double          time,
                                            double          width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesViewport, lanes_viewport_free)

G_END_DECLS
