/* lanes-viewport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-viewport.h"

#include <math.h>

/* Back and forward remember this many places at most. */
#define HISTORY_LIMIT 100

struct _LanesViewport
{
  gint64 trace_start;
  gint64 trace_end;
  LanesViewRange range;
  GArray *back;       /* LanesViewRange, most recent last */
  GArray *forward;
};

static double
trace_span (LanesViewport *viewport)
{
  return MAX ((double) (viewport->trace_end - viewport->trace_start), LANES_VIEWPORT_MIN_SPAN_NS);
}

/* Keeps the span sensible and the view over the trace; a view wider
 * than the trace is centred on it. */
static LanesViewRange
clamp_range (LanesViewport  *viewport,
             LanesViewRange  range)
{
  double whole = trace_span (viewport);

  range.span = CLAMP (range.span, LANES_VIEWPORT_MIN_SPAN_NS, whole);
  range.start = CLAMP (range.start, (double) viewport->trace_start,
                       (double) viewport->trace_start + whole - range.span);
  return range;
}

LanesViewport *
lanes_viewport_new (gint64 trace_start,
                    gint64 trace_end)
{
  LanesViewport *viewport = g_new0 (LanesViewport, 1);

  viewport->trace_start = trace_start;
  viewport->trace_end = MAX (trace_end, trace_start);
  viewport->back = g_array_new (FALSE, FALSE, sizeof (LanesViewRange));
  viewport->forward = g_array_new (FALSE, FALSE, sizeof (LanesViewRange));
  viewport->range = (LanesViewRange) { (double) trace_start, trace_span (viewport) };
  return viewport;
}

void
lanes_viewport_free (LanesViewport *viewport)
{
  if (viewport == NULL)
    return;
  g_array_unref (viewport->back);
  g_array_unref (viewport->forward);
  g_free (viewport);
}

LanesViewRange
lanes_viewport_get_range (LanesViewport *viewport)
{
  return viewport->range;
}

void
lanes_viewport_zoom (LanesViewport *viewport,
                     double         factor,
                     double         anchor_fraction)
{
  LanesViewRange r = viewport->range;
  double anchor, span;

  /* A pointer position that is not known (NaN) zooms at the centre
   * rather than poisoning the range. */
  anchor_fraction = isfinite (anchor_fraction) ? CLAMP (anchor_fraction, 0, 1) : 0.5;
  if (!(factor > 0) || !isfinite (factor))
    return;
  anchor = r.start + anchor_fraction * r.span;
  span = CLAMP (r.span / factor, LANES_VIEWPORT_MIN_SPAN_NS, trace_span (viewport));
  r.start = anchor - anchor_fraction * span;
  r.span = span;
  viewport->range = clamp_range (viewport, r);
}

void
lanes_viewport_zoom_at (LanesViewport *viewport,
                        double         factor,
                        double         x,
                        double         width)
{
  lanes_viewport_zoom (viewport, factor, width > 0 ? x / width : 0.5);
}

void
lanes_viewport_pan (LanesViewport *viewport,
                    double         fraction)
{
  LanesViewRange r = viewport->range;

  if (!isfinite (fraction))
    return;

  r.start += fraction * r.span;
  viewport->range = clamp_range (viewport, r);
}

static gboolean
same_range (LanesViewRange a,
            LanesViewRange b)
{
  return a.start == b.start && a.span == b.span;
}

void
lanes_viewport_extend (LanesViewport *viewport,
                       gint64         trace_end)
{
  LanesViewRange whole = { (double) viewport->trace_start, trace_span (viewport) };
  gboolean showed_whole = same_range (viewport->range, whole);

  viewport->trace_end = MAX (trace_end, viewport->trace_end);
  if (showed_whole)
    viewport->range = (LanesViewRange) { (double) viewport->trace_start, trace_span (viewport) };
}

void
lanes_viewport_remember (LanesViewport *viewport)
{
  GArray *back = viewport->back;

  if (back->len > 0 && same_range (g_array_index (back, LanesViewRange, back->len - 1), viewport->range))
    return;
  if (back->len == HISTORY_LIMIT)
    g_array_remove_index (back, 0);
  g_array_append_val (back, viewport->range);
  g_array_set_size (viewport->forward, 0);
}

void
lanes_viewport_show (LanesViewport *viewport,
                     double         start,
                     double         end)
{
  LanesViewRange r;

  if (!isfinite (start) || !isfinite (end))
    return;
  r = clamp_range (viewport, (LanesViewRange) { start, end - start });
  if (same_range (r, viewport->range))
    return;
  lanes_viewport_remember (viewport);
  viewport->range = r;
}

void
lanes_viewport_fit (LanesViewport *viewport)
{
  lanes_viewport_show (viewport, (double) viewport->trace_start,
                       (double) viewport->trace_start + trace_span (viewport));
}

gboolean
lanes_viewport_can_go_back (LanesViewport *viewport)
{
  return viewport->back->len > 0;
}

gboolean
lanes_viewport_can_go_forward (LanesViewport *viewport)
{
  return viewport->forward->len > 0;
}

/* Moves the current range onto @to and the last of @from into view. */
static void
travel (LanesViewport *viewport,
        GArray        *from,
        GArray        *to)
{
  if (from->len == 0)
    return;
  g_array_append_val (to, viewport->range);
  viewport->range = g_array_index (from, LanesViewRange, from->len - 1);
  g_array_set_size (from, from->len - 1);
}

void
lanes_viewport_go_back (LanesViewport *viewport)
{
  travel (viewport, viewport->back, viewport->forward);
}

void
lanes_viewport_go_forward (LanesViewport *viewport)
{
  travel (viewport, viewport->forward, viewport->back);
}

double
lanes_viewport_time_at (LanesViewport *viewport,
                        double         x,
                        double         width)
{
  return viewport->range.start + (width > 0 ? x / width : 0) * viewport->range.span;
}

double
lanes_viewport_x_of (LanesViewport *viewport,
                     double         time,
                     double         width)
{
  return (time - viewport->range.start) / viewport->range.span * width;
}
