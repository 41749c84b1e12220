/* lanes-overview-strip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-overview-strip.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lanes-palette.h"
#include "lanes-renderer.h"
#include "lanes-text.h"

#define STRIP_HEIGHT 36

struct _LanesOverviewStrip
{
  GtkWidget parent_instance;

  LanesSession *session;
  GArray *items;             /* LanesPlotItem, scratch */
  LanesText *text;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LanesOverviewStrip, lanes_overview_strip, GTK_TYPE_WIDGET)

static LanesTimeline *
timeline_of (LanesOverviewStrip *self)
{
  return self->session ? lanes_session_get_timeline (self->session) : NULL;
}

/* The strip spans the same columns as the timeline's lanes. */
static double
strip_width (LanesOverviewStrip *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - LANES_RENDER_LABEL_WIDTH, 1);
}

static void
lanes_overview_strip_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  LanesOverviewStrip *self = LANES_OVERVIEW_STRIP (widget);
  LanesTimeline *timeline = timeline_of (self);
  const LanesPalette *palette = lanes_palette_get (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double w = strip_width (self), x0 = LANES_RENDER_LABEL_WIDTH;
  gint64 start, end, peak;
  LanesViewRange range;
  cairo_t *cr;

  if (timeline == NULL || width <= LANES_RENDER_LABEL_WIDTH)
    return;
  start = lanes_timeline_get_start (timeline);
  end = MAX (lanes_timeline_get_end (timeline), start + 1);
  peak = MAX (lanes_timeline_get_series_max (timeline, LANES_SERIES_RUNNING), 1);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lanes_text_update (self->text, cr);
  lanes_palette_set_source (cr, palette->text_dim, 1);
  lanes_text_draw (self->text, cr, LANES_TEXT_BODY, _("Whole trace · running"), 8, height / 2.0 + 4);
  lanes_palette_set_source (cr, palette->alternate, 1);
  cairo_rectangle (cr, x0, 0, w, height);
  cairo_fill (cr);

  /* Running goroutines over the whole trace, one bar per column. */
  g_array_set_size (self->items, 0);
  lanes_timeline_query_plot (timeline, LANES_SERIES_RUNNING, start, end, (guint) w, self->items);
  lanes_palette_set_source (cr, palette->states[LANES_STATE_RUNNING], 1);
  for (guint i = 0; i < self->items->len; i++)
    {
      const LanesPlotItem *item = &g_array_index (self->items, LanesPlotItem, i);
      double a = x0 + (double) (item->start - start) / (end - start) * w;
      double b = x0 + (double) (item->end - start) / (end - start) * w;
      double h = (double) item->max / peak * (height - 4);

      cairo_rectangle (cr, floor (a), height - h, MAX (ceil (b - a), 1), h);
    }
  cairo_fill (cr);

  /* What the timeline shows: the rest is dimmed. */
  range = lanes_session_get_range (self->session);
  {
    double a = x0 + (range.start - start) / (end - start) * w;
    double b = x0 + (range.start + range.span - start) / (end - start) * w;

    lanes_palette_set_source (cr, palette->background, 0.6);
    cairo_rectangle (cr, x0, 0, MAX (a - x0, 0), height);
    cairo_rectangle (cr, b, 0, MAX (x0 + w - b, 0), height);
    cairo_fill (cr);
    cairo_set_line_width (cr, 1.5);
    lanes_palette_set_source (cr, palette->text, 0.8);
    cairo_rectangle (cr, floor (a) + 0.75, 0.75, MAX (b - a, 2) - 1.5, height - 1.5);
    cairo_stroke (cr);
  }
  cairo_destroy (cr);
}

static void
lanes_overview_strip_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? STRIP_HEIGHT : LANES_RENDER_LABEL_WIDTH + 1;
}

/* Centres the timeline on the time under @x, keeping its zoom. */
static void
move_to (LanesOverviewStrip *self,
         double              x,
         gboolean            remember)
{
  LanesTimeline *timeline = timeline_of (self);
  LanesViewport *viewport;
  LanesViewRange range;
  gint64 start, end;
  double time;

  if (timeline == NULL)
    return;
  viewport = lanes_session_get_viewport (self->session);
  range = lanes_viewport_get_range (viewport);
  start = lanes_timeline_get_start (timeline);
  end = lanes_timeline_get_end (timeline);
  time = start + CLAMP ((x - LANES_RENDER_LABEL_WIDTH) / strip_width (self), 0, 1) * (end - start);
  if (remember)
    lanes_viewport_show (viewport, time - range.span / 2, time + range.span / 2);
  else
    lanes_viewport_pan (viewport, (time - range.span / 2 - range.start) / range.span);
  lanes_session_range_changed (self->session);
}

static void
on_drag_begin (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               LanesOverviewStrip *self)
{
  move_to (self, x, TRUE);
}

static void
on_drag_update (GtkGestureDrag     *gesture,
                double              dx,
                double              dy,
                LanesOverviewStrip *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  move_to (self, x + dx, FALSE);
}

LanesSession *
lanes_overview_strip_get_session (LanesOverviewStrip *self)
{
  return self->session;
}

void
lanes_overview_strip_set_session (LanesOverviewStrip *self,
                                  LanesSession       *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  /* Redraw when the range or the timeline changes. */
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::range-start", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::range-end", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::timeline", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
lanes_overview_strip_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, LANES_OVERVIEW_STRIP (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_overview_strip_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      lanes_overview_strip_set_session (LANES_OVERVIEW_STRIP (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_overview_strip_dispose (GObject *object)
{
  g_clear_object (&LANES_OVERVIEW_STRIP (object)->session);
  g_clear_object (&LANES_OVERVIEW_STRIP (object)->text);
  G_OBJECT_CLASS (lanes_overview_strip_parent_class)->dispose (object);
}

static void
lanes_overview_strip_finalize (GObject *object)
{
  g_array_unref (LANES_OVERVIEW_STRIP (object)->items);
  G_OBJECT_CLASS (lanes_overview_strip_parent_class)->finalize (object);
}

static void
lanes_overview_strip_class_init (LanesOverviewStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lanes_overview_strip_get_property;
  object_class->set_property = lanes_overview_strip_set_property;
  object_class->dispose = lanes_overview_strip_dispose;
  object_class->finalize = lanes_overview_strip_finalize;
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, LANES_TYPE_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->snapshot = lanes_overview_strip_snapshot;
  widget_class->measure = lanes_overview_strip_measure;
  gtk_widget_class_set_css_name (widget_class, "lanes-overview-strip");
}

static void
lanes_overview_strip_init (LanesOverviewStrip *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->items = g_array_new (FALSE, FALSE, sizeof (LanesPlotItem));
  self->text = lanes_text_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
