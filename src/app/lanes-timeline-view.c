/* lanes-timeline-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-timeline-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lanes-duration.h"
#include "lanes-overview.h"
#include "lanes-palette.h"
#include "lanes-renderer.h"

#define ZOOM_STEP       1.5    /* one key press or menu zoom */
#define WHEEL_ZOOM      1.15   /* one wheel notch */
#define PAN_STEP        0.15   /* of the visible span, per key press */
#define WHEEL_PAN       0.05
#define MIN_DRAG_PIXELS 4

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_ZOOM_TO,     /* on the axis: zoom to the dragged range */
  DRAG_MEASURE,     /* with Shift: measure the dragged range */
} DragMode;

struct _LanesTimelineView
{
  GtkWidget parent_instance;

  LanesTimeline *timeline;
  LanesRenderer *renderer;
  cairo_surface_t *frames[2];  /* drawn into in turn, then painted by GTK */
  gboolean current;
  gint64 draw_us;              /* the last frame took, for benchmarks */
  LanesViewport *viewport;
  char *filter;
  guint32 filter_states;  /* the states the filter names */
  guint groups;         /* shown groups, bits 1 << LanesGroup */
  guint collapsed;      /* groups shown as their heading alone */
  guint goroutines_shown; /* goroutine lanes the filter leaves */

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;

  GArray *rows;         /* guint lanes, in display order */
  GArray *row_tops;     /* int: where each row starts in the scrolled content */
  int content_height;

  double pointer_x;     /* where the pointer is (NaN: not over the view);
                           GTK 4 scroll events carry no position */
  DragMode drag;
  gboolean dragged;     /* the press under way moved: its release is no click */
  double pinch_scale;   /* of the pinch under way, as last applied */
  double drag_x;        /* where the drag started */
  double drag_last_dx;
  gboolean has_measure;
  double measure_start; /* times, ns */
  double measure_end;

  gboolean has_selection;
  guint selected_lane;
  LanesSpanDetails selection;
  gboolean has_assist;          /* a mark assist over the selected point */
  LanesSpanDetails assist;
  gboolean on_task;             /* the selection is a task lane's item: */
  LanesTaskPart task_part;
  guint task_index;             /* of the region or log */
};

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  PROP_COLLAPSED_GROUPS,
};

enum {
  SELECTION_CHANGED,
  VIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (LanesTimelineView, lanes_timeline_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Geometry */

static int
lanes_area_height (LanesTimelineView *self)
{
  /* The legend wraps: the narrower the view, the taller it is. */
  int legend = self->renderer ? lanes_renderer_get_legend_height (self->renderer, gtk_widget_get_width (GTK_WIDGET (self)))
                              : LANES_RENDER_LEGEND_HEIGHT;

  return MAX (gtk_widget_get_height (GTK_WIDGET (self)) - LANES_RENDER_AXIS_HEIGHT - legend, 0);
}

static double
area_width (LanesTimelineView *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - LANES_RENDER_LABEL_WIDTH, 1);
}

static double
time_at (LanesTimelineView *self,
         double             x)
{
  return lanes_viewport_time_at (self->viewport, x - LANES_RENDER_LABEL_WIDTH, area_width (self));
}

static double
x_of (LanesTimelineView *self,
      double             time)
{
  return LANES_RENDER_LABEL_WIDTH + lanes_viewport_x_of (self->viewport, time, area_width (self));
}

/* The row at the top: the first whose bottom is below the scroll offset. */
static guint
first_row (LanesTimelineView *self)
{
  double offset = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
  guint lo = 0, hi = self->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint lane = g_array_index (self->rows, guint, mid);
      if (g_array_index (self->row_tops, int, mid) + lanes_render_row_height (self->timeline, lane) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return MIN (lo, self->rows->len > 0 ? self->rows->len - 1 : 0);
}

static void
configure_vadjustment (LanesTimelineView *self)
{
  int page = lanes_area_height (self);

  if (self->vadjustment == NULL)
    return;
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, MAX (self->content_height - page, 0)),
                            0, MAX (self->content_height, page), LANES_RENDER_SPAN_HEIGHT, page * 0.9, page);
}

/* A filter matches goroutine lanes by name, that is id and start
 * function ("G12 main.serve"), or by a state they were ever in. */
static gboolean
lane_matches (LanesTimelineView *self,
              guint              lane)
{
  g_autofree char *name = NULL;

  if (self->filter == NULL || lanes_timeline_lane_get_kind (self->timeline, lane) != LANES_LANE_GOROUTINE)
    return TRUE;
  if (lanes_timeline_lane_get_states (self->timeline, lane) & self->filter_states)
    return TRUE;
  name = lanes_timeline_lane_dup_name (self->timeline, lane);
  return strstr (name, self->filter) != NULL;
}

/* Rows are every lane of every group, goroutines busiest first, laid out
 * as the renderer lays them out: a heading before each group, or for a
 * collapsed group the heading alone. */
static void
rebuild_rows (LanesTimelineView *self)
{
  int y = 0;

  g_array_set_size (self->rows, 0);
  g_array_set_size (self->row_tops, 0);
  if (self->timeline != NULL)
    for (LanesGroup group = 0; group < LANES_N_GROUPS; group++)
      {
        guint first, n = lanes_timeline_get_group (self->timeline, group, &first);
        guint start = self->rows->len;
        const guint *order = NULL;

        if (!(self->groups & (1u << group)) || n == 0)
          continue;
        if (self->collapsed & (1u << group))
          {
            guint marker = LANES_RENDER_COLLAPSED (group);

            g_array_append_val (self->rows, marker);
            g_array_append_val (self->row_tops, y);
            y += LANES_RENDER_HEADER_HEIGHT;
            continue;
          }
        /* Goroutines busiest first, the other groups in id order. */
        if (group == LANES_GROUP_GOROUTINES)
          order = lanes_timeline_get_busiest_goroutines (self->timeline, &n);
        for (guint i = 0; i < n; i++)
          {
            guint lane = order ? order[i] : first + i;
            if (lane_matches (self, lane))
              g_array_append_val (self->rows, lane);
          }
        lanes_renderer_set_shown_in_group (self->renderer, group, self->rows->len - start);
        if (group == LANES_GROUP_GOROUTINES)
          self->goroutines_shown = self->rows->len - start;
        if (self->rows->len > start)
          y += LANES_RENDER_HEADER_HEIGHT;
        for (guint i = start; i < self->rows->len; i++)
          {
            g_array_append_val (self->row_tops, y);
            y += lanes_render_row_height (self->timeline, g_array_index (self->rows, guint, i));
          }
      }
  self->content_height = y;
  configure_vadjustment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing */

static void
draw_overlays (LanesTimelineView *self,
               cairo_t           *cr,
               int                width,
               int                height)
{
  int top = LANES_RENDER_AXIS_HEIGHT, bottom = height - lanes_renderer_get_legend_height (self->renderer, width);
  const LanesPalette *palette = lanes_palette_get (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  int y, h;

  if (self->has_measure)
    {
      double x0 = x_of (self, MIN (self->measure_start, self->measure_end));
      double x1 = x_of (self, MAX (self->measure_start, self->measure_end));
      g_autofree char *label = lanes_duration_format ((gint64) fabs (self->measure_end - self->measure_start));
      cairo_text_extents_t extents;

      x0 = MAX (x0, LANES_RENDER_LABEL_WIDTH);
      x1 = MIN (x1, width);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.18);
      cairo_rectangle (cr, x0, top, MAX (x1 - x0, 1), bottom - top);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, floor (x0) + 0.5, top);
      cairo_line_to (cr, floor (x0) + 0.5, bottom);
      cairo_move_to (cr, floor (x1) + 0.5, top);
      cairo_line_to (cr, floor (x1) + 0.5, bottom);
      cairo_stroke (cr);
      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 12);
      cairo_text_extents (cr, label, &extents);
      cairo_rectangle (cr, (x0 + x1) / 2 - extents.width / 2 - 6, top + 4, extents.width + 12, 20);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, (x0 + x1) / 2 - extents.width / 2, top + 18);
      cairo_show_text (cr, label);
    }

  /* A filter that leaves no goroutine says so where they would be. */
  if (self->filter != NULL && self->goroutines_shown == 0 && (self->groups & (1u << LANES_GROUP_GOROUTINES)))
    {
      g_autofree char *message = g_strdup_printf (_("No goroutine matches “%s”"), self->filter);
      cairo_text_extents_t extents;

      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 14);
      cairo_text_extents (cr, message, &extents);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_rectangle (cr, (LANES_RENDER_LABEL_WIDTH + width - extents.width) / 2 - 12, bottom - 48,
                       extents.width + 24, 30);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, (LANES_RENDER_LABEL_WIDTH + width - extents.width) / 2, bottom - 28);
      cairo_show_text (cr, message);
    }

  if (self->has_selection && lanes_renderer_get_lane_area (self->renderer, self->selected_lane, &y, &h))
    {
      double x0 = MAX (x_of (self, self->selection.start), LANES_RENDER_LABEL_WIDTH);
      double x1 = MIN (x_of (self, self->selection.end), width);

      /* On a task lane: the task's bar, the regions' bar, or a log's tick. */
      if (self->on_task)
        {
          h = LANES_RENDER_SPAN_HEIGHT;
          if (self->task_part == LANES_TASK_PART_REGION)
            y += LANES_RENDER_REGION_TOP;
          else if (self->task_part == LANES_TASK_PART_LOG)
            {
              x0 -= 3;
              x1 += 3;
              h = LANES_RENDER_TASK_HEIGHT;
            }
        }

      cairo_set_line_width (cr, 2);
      cairo_set_source_rgb (cr, 0.1, 0.37, 0.71);
      cairo_rectangle (cr, floor (x0), y, MAX (ceil (x1 - x0), 2), h - 3);
      cairo_stroke (cr);

      /* The wake-up: from the goroutine that made this one runnable. */
      if (self->selection.unblocker >= 0)
        {
          guint from = lanes_timeline_find_lane (self->timeline, LANES_LANE_GOROUTINE, self->selection.unblocker);
          double wake = self->selection.state == LANES_STATE_RUNNABLE ? self->selection.start : self->selection.end;
          int fy, fh;

          if (from != G_MAXUINT && lanes_renderer_get_lane_area (self->renderer, from, &fy, &fh))
            {
              double x = x_of (self, wake);
              double y0 = fy + fh / 2.0, y1 = y + (h - 3) / 2.0;
              double dir = y1 > y0 ? 1 : -1;

              lanes_palette_set_source (cr, palette->wakeup, 1);
              cairo_move_to (cr, x, y0);
              cairo_line_to (cr, x, y1 - dir * 6);
              cairo_stroke (cr);
              cairo_move_to (cr, x, y1);
              cairo_line_to (cr, x - 5, y1 - dir * 8);
              cairo_line_to (cr, x + 5, y1 - dir * 8);
              cairo_close_path (cr);
              cairo_fill (cr);
              cairo_arc (cr, x, y0, 3.5, 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }
    }
}

static void
ensure_frame (cairo_surface_t **frame,
              int               width,
              int               height)
{
  if (*frame != NULL && cairo_image_surface_get_width (*frame) == width
      && cairo_image_surface_get_height (*frame) == height)
    return;
  g_clear_pointer (frame, cairo_surface_destroy);
  *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
}

static void
lanes_timeline_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  LanesTimelineView *self = LANES_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gint64 began = g_get_monotonic_time ();
  cairo_surface_t **frame;
  LanesViewRange range;
  cairo_t *cr;
  guint first;

  if (self->timeline == NULL || width <= LANES_RENDER_LABEL_WIDTH || height <= 0)
    return;

  /* Two frames in turn: the render node GTK keeps from the last frame
   * still paints from the one drawn then. */
  self->current = !self->current;
  frame = &self->frames[self->current];
  ensure_frame (frame, width, height);

  range = lanes_viewport_get_range (self->viewport);
  first = first_row (self);
  lanes_renderer_set_dark (self->renderer, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cr = cairo_create (*frame);
  lanes_renderer_draw (self->renderer, cr, width, height,
                       (gint64) range.start, (gint64) ceil (range.start + range.span),
                       self->rows->len ? &g_array_index (self->rows, guint, first) : NULL,
                       self->rows->len - first);
  draw_overlays (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (*frame);

  /* Painted straight from the frame when GTK renders: no copy of it. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, *frame, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  self->draw_us = g_get_monotonic_time () - began;
}

static void
lanes_timeline_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  configure_vadjustment (LANES_TIMELINE_VIEW (widget));
}

/* Navigation */

static void
changed (LanesTimelineView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.back",
                                 self->viewport && lanes_viewport_can_go_back (self->viewport));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.forward",
                                 self->viewport && lanes_viewport_can_go_forward (self->viewport));
  /* Escape goes on to the window (to stop reading) when there is
   * nothing to clear. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.clear", self->has_selection || self->has_measure);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

static void
scroll_rows (LanesTimelineView *self,
             double             pixels)
{
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + pixels);
}

static void
navigate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LanesTimelineView *self = LANES_TIMELINE_VIEW (widget);
  const char *what = strchr (action_name, '.') + 1;

  if (self->viewport == NULL)
    return;
  if (g_str_equal (what, "zoom-in"))
    lanes_viewport_zoom (self->viewport, ZOOM_STEP, 0.5);
  else if (g_str_equal (what, "zoom-out"))
    lanes_viewport_zoom (self->viewport, 1 / ZOOM_STEP, 0.5);
  else if (g_str_equal (what, "pan-left"))
    lanes_viewport_pan (self->viewport, -PAN_STEP);
  else if (g_str_equal (what, "pan-right"))
    lanes_viewport_pan (self->viewport, PAN_STEP);
  else if (g_str_equal (what, "scroll-up"))
    scroll_rows (self, -LANES_RENDER_SPAN_HEIGHT * 3);
  else if (g_str_equal (what, "scroll-down"))
    scroll_rows (self, LANES_RENDER_SPAN_HEIGHT * 3);
  else if (g_str_equal (what, "fit"))
    lanes_viewport_fit (self->viewport);
  else if (g_str_equal (what, "back"))
    lanes_viewport_go_back (self->viewport);
  else if (g_str_equal (what, "forward"))
    lanes_viewport_go_forward (self->viewport);
  else if (g_str_equal (what, "clear"))
    {
      self->has_measure = FALSE;
      if (self->has_selection)
        {
          self->has_selection = FALSE;
          g_signal_emit (self, signals[SELECTION_CHANGED], 0);
        }
    }
  else if (g_str_equal (what, "follow-wakeup") && self->has_selection && self->selection.unblocker >= 0)
    {
      guint lane = lanes_timeline_find_lane (self->timeline, LANES_LANE_GOROUTINE, self->selection.unblocker);
      double wake = self->selection.state == LANES_STATE_RUNNABLE ? self->selection.start : self->selection.end;
      if (lane != G_MAXUINT)
        {
          lanes_viewport_remember (self->viewport);
          /* The unblocker ran just before it woke this goroutine. */
          lanes_timeline_view_select (self, lane, (gint64) wake - 1);
        }
    }
  changed (self);
}

/* Scrolling: the wheel scrolls lanes, with Ctrl it zooms at the pointer,
 * with Shift (or sideways) it pans. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LanesTimelineView        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->viewport == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    lanes_viewport_zoom_at (self->viewport, pow (WHEEL_ZOOM, -dy),
                            self->pointer_x - LANES_RENDER_LABEL_WIDTH, area_width (self));
  else if (state & GDK_SHIFT_MASK)
    lanes_viewport_pan (self->viewport, WHEEL_PAN * dy);
  else
    {
      if (dx != 0)
        lanes_viewport_pan (self->viewport, WHEEL_PAN * dx);
      if (dy != 0)
        scroll_rows (self, dy * LANES_RENDER_SPAN_HEIGHT * 3);
    }
  changed (self);
  return TRUE;
}

static void
on_pointer_motion (GtkEventControllerMotion *controller,
                   double                    x,
                   double                    y,
                   LanesTimelineView        *self)
{
  self->pointer_x = x;
}

static void
on_pointer_leave (GtkEventControllerMotion *controller,
                  LanesTimelineView        *self)
{
  self->pointer_x = NAN;
}

static void
on_zoom_begin (GtkGesture        *gesture,
               GdkEventSequence  *sequence,
               LanesTimelineView *self)
{
  self->pinch_scale = 1;
}

static void
on_zoom_scale_changed (GtkGestureZoom    *gesture,
                       double             scale,
                       LanesTimelineView *self)
{
  double x, y;

  if (self->viewport == NULL || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  lanes_viewport_zoom_at (self->viewport, scale / self->pinch_scale, x - LANES_RENDER_LABEL_WIDTH, area_width (self));
  self->pinch_scale = scale;
  changed (self);
}

static void
on_drag_begin (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               LanesTimelineView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->dragged = FALSE;
  if (self->viewport == NULL || x < LANES_RENDER_LABEL_WIDTH)
    {
      self->drag = DRAG_NONE;
      return;
    }
  self->drag_x = x;
  self->drag_last_dx = 0;
  if (y < LANES_RENDER_AXIS_HEIGHT)
    self->drag = DRAG_ZOOM_TO;
  else if (state & GDK_SHIFT_MASK)
    self->drag = DRAG_MEASURE;
  else
    {
      self->drag = DRAG_PAN;
      lanes_viewport_remember (self->viewport);
    }
}

static void
on_drag_update (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                LanesTimelineView *self)
{
  /* A press that moved is a drag: its release selects nothing. */
  if (fabs (dx) >= MIN_DRAG_PIXELS || fabs (dy) >= MIN_DRAG_PIXELS)
    self->dragged = TRUE;
  switch (self->drag)
    {
    case DRAG_PAN:
      lanes_viewport_pan (self->viewport, -(dx - self->drag_last_dx) / area_width (self));
      self->drag_last_dx = dx;
      break;
    case DRAG_ZOOM_TO:
    case DRAG_MEASURE:
      if (fabs (dx) < MIN_DRAG_PIXELS)
        return;
      self->has_measure = TRUE;
      self->measure_start = time_at (self, self->drag_x);
      self->measure_end = time_at (self, self->drag_x + dx);
      break;
    case DRAG_NONE:
    default:
      return;
    }
  changed (self);
}

static void
on_drag_end (GtkGestureDrag    *gesture,
             double             dx,
             double             dy,
             LanesTimelineView *self)
{
  if (self->drag == DRAG_ZOOM_TO && self->has_measure)
    {
      lanes_viewport_show (self->viewport, MIN (self->measure_start, self->measure_end),
                           MAX (self->measure_start, self->measure_end));
      self->has_measure = FALSE;
    }
  self->drag = DRAG_NONE;
  changed (self);
}

gboolean
lanes_timeline_view_select (LanesTimelineView *self,
                            guint              lane,
                            gint64             time)
{
  LanesSpanDetails details;
  LanesViewRange range;

  if (self->timeline == NULL || !lanes_timeline_hit_test (self->timeline, lane, time, &details))
    return FALSE;
  self->has_selection = TRUE;
  self->on_task = FALSE;
  self->selected_lane = lane;
  self->selection = details;
  self->has_assist = lanes_timeline_hit_test_overlay (self->timeline, lane, time, &self->assist)
                     && self->assist.state == LANES_STATE_ASSIST;

  /* Bring it into view: its row, and its time if off screen. */
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, guint, i) == lane)
      {
        int top = g_array_index (self->row_tops, int, i);
        double value = gtk_adjustment_get_value (self->vadjustment);
        if (top < value || top + lanes_render_row_height (self->timeline, lane) > value + lanes_area_height (self))
          gtk_adjustment_set_value (self->vadjustment, MAX (top - lanes_area_height (self) / 3, 0));
        break;
      }
  range = lanes_viewport_get_range (self->viewport);
  if (time < range.start || time > range.start + range.span)
    lanes_viewport_show (self->viewport, time - range.span / 2, time + range.span / 2);

  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  changed (self);
  return TRUE;
}

/* What of task lane @lane is under (@x, @y): a log's tick, else the
 * task on its bar or the innermost region on the bar below. */
static gboolean
find_task_item (LanesTimelineView *self,
                guint              lane,
                double             x,
                double             y,
                LanesTaskPart     *part,
                guint             *index)
{
  gint64 time = (gint64) time_at (self, x);
  gint64 slack = (gint64) (3 * lanes_viewport_get_range (self->viewport).span / area_width (self));
  const LanesUserTask *task = lanes_timeline_lane_get_task (self->timeline, lane);
  int top, height;

  if (!lanes_renderer_get_lane_area (self->renderer, lane, &top, &height))
    return FALSE;
  if ((*index = lanes_timeline_find_log (self->timeline, lane, time, slack)) != G_MAXUINT)
    *part = LANES_TASK_PART_LOG;
  else if (y - top >= LANES_RENDER_REGION_TOP)
    {
      *part = LANES_TASK_PART_REGION;
      return (*index = lanes_timeline_find_region (self->timeline, lane, time)) != G_MAXUINT;
    }
  else
    {
      *part = LANES_TASK_PART_TASK;
      *index = 0;
      return task->start <= time && time < task->end;
    }
  return TRUE;
}

static gboolean
select_task_item (LanesTimelineView *self,
                  guint              lane,
                  double             x,
                  double             y)
{
  LanesTaskPart part;
  guint index;

  if (!find_task_item (self, lane, x, y, &part, &index))
    return FALSE;
  self->has_selection = TRUE;
  self->has_assist = FALSE;
  self->on_task = TRUE;
  self->task_part = part;
  self->task_index = index;
  self->selected_lane = lane;
  lanes_timeline_get_task_item (self->timeline, lane, part, index, &self->selection);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  changed (self);
  return TRUE;
}

static void
on_click_released (GtkGestureClick   *gesture,
                   int                n_press,
                   double             x,
                   double             y,
                   LanesTimelineView *self)
{
  guint lane;
  LanesGroup group;

  if (self->timeline == NULL || y < LANES_RENDER_AXIS_HEIGHT || self->dragged)
    return;
  if (lanes_renderer_get_heading_at (self->renderer, (int) y, &group))
    {
      lanes_timeline_view_toggle_group (self, group);
      return;
    }
  if (x < LANES_RENDER_LABEL_WIDTH)
    return;
  self->has_measure = FALSE;
  lane = lanes_renderer_get_lane_at (self->renderer, (int) y);
  if (lane != G_MAXUINT && lanes_timeline_lane_get_kind (self->timeline, lane) == LANES_LANE_TASK
      && select_task_item (self, lane, x, y))
    return;
  if (lane == G_MAXUINT || !lanes_timeline_view_select (self, lane, (gint64) time_at (self, x)))
    {
      self->has_selection = FALSE;
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
      changed (self);
    }
}

static void G_GNUC_PRINTF (2, 3)
append_escaped (GString    *text,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *escaped = NULL;

  va_start (args, format);
  escaped = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (text, escaped);
}

static gboolean
task_tooltip (LanesTimelineView *self,
              guint              lane,
              double             x,
              double             y,
              GtkTooltip        *tooltip)
{
  static const char * const kinds[] = { N_("Task"), N_("Region"), N_("Log") };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *duration = NULL;
  LanesSpanDetails d;
  LanesTaskPart part;
  const char *name;
  guint index;

  if (!find_task_item (self, lane, x, y, &part, &index))
    return FALSE;
  name = lanes_timeline_get_task_item (self->timeline, lane, part, index, &d);
  append_escaped (text, "<b>%s</b>\n%s", _(kinds[part]), name);
  if (part != LANES_TASK_PART_LOG)
    {
      duration = lanes_duration_format (d.end - d.start);
      append_escaped (text, " · %s", duration);
    }
  if (d.goroutine >= 0)
    append_escaped (text, "\nG%" G_GINT64_FORMAT, d.goroutine);
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

static gboolean
on_query_tooltip (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  LanesTimelineView *self)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *lane_name = NULL;
  LanesSpanDetails d, overlay;
  guint lane;
  gint64 time;
  const char *reason;

  if (self->timeline == NULL || y < LANES_RENDER_AXIS_HEIGHT)
    return FALSE;
  lane = lanes_renderer_get_lane_at (self->renderer, y);
  /* A lane's name, whole: long goroutine names are cut to the column. */
  if (x < LANES_RENDER_LABEL_WIDTH)
    {
      g_autofree char *name = lane != G_MAXUINT ? lanes_timeline_lane_dup_name (self->timeline, lane) : NULL;

      if (name == NULL)
        return FALSE;
      gtk_tooltip_set_text (tooltip, name);
      return TRUE;
    }
  time = (gint64) time_at (self, x);
  if (lane != G_MAXUINT && lanes_timeline_lane_get_kind (self->timeline, lane) == LANES_LANE_TASK)
    return task_tooltip (self, lane, x, y, tooltip);
  if (lane == G_MAXUINT || !lanes_timeline_hit_test (self->timeline, lane, time, &d) || d.state == LANES_STATE_NONE)
    return FALSE;

  lane_name = lanes_timeline_lane_dup_name (self->timeline, lane);
  duration = lanes_duration_format (d.end - d.start);
  reason = d.reason ? lanes_trace_reader_get_string (lanes_timeline_get_reader (self->timeline), d.reason) : NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>\n%s · %s", lanes_state_to_string (d.state), lane_name, duration);
  if (reason != NULL && *reason != '\0')
    append_escaped (text, "\n%s%s", _("Reason: "), reason);
  /* What a P or a thread runs is a goroutine: name it. */
  if (d.goroutine >= 0 && lanes_timeline_lane_get_kind (self->timeline, lane) != LANES_LANE_GOROUTINE)
    {
      guint g = lanes_timeline_find_lane (self->timeline, LANES_LANE_GOROUTINE, d.goroutine);
      g_autofree char *name = g != G_MAXUINT ? lanes_timeline_lane_dup_name (self->timeline, g)
                                             : g_strdup_printf ("G%" G_GINT64_FORMAT, d.goroutine);
      append_escaped (text, "\n%s", name);
    }
  if (lanes_timeline_hit_test_overlay (self->timeline, lane, time, &overlay) && overlay.state == LANES_STATE_ASSIST)
    {
      g_autofree char *assist = lanes_duration_format (overlay.end - overlay.start);
      append_escaped (text, "\n%s %s", _("Mark assist:"), assist);
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* Public */

GtkWidget *
lanes_timeline_view_new (void)
{
  return g_object_new (LANES_TYPE_TIMELINE_VIEW, NULL);
}

/* The lane of @timeline showing what @lane of @before showed. */
static guint
same_lane (LanesTimeline *before,
           guint          lane,
           LanesTimeline *timeline)
{
  LanesLaneKind kind = lanes_timeline_lane_get_kind (before, lane);
  guint first_before, first;

  if (kind == LANES_LANE_PROC || kind == LANES_LANE_THREAD || kind == LANES_LANE_GOROUTINE)
    return lanes_timeline_find_lane (timeline, kind, lanes_timeline_lane_get_id (before, lane));
  if (kind == LANES_LANE_TASK)
    {
      /* Tasks keep their place in their group: new ones come last. */
      lanes_timeline_get_group (before, LANES_GROUP_TASKS, &first_before);
      lanes_timeline_get_group (timeline, LANES_GROUP_TASKS, &first);
      return first + (lane - first_before);
    }
  /* Runtime lanes come first and stay. */
  return lane;
}

/* @timeline carries on a partial one: the view, the scroll and the
 * measure stay, and the selection follows its lane. */
static void
carry_on (LanesTimelineView *self,
          LanesTimeline     *before)
{
  lanes_viewport_extend (self->viewport, lanes_timeline_get_end (self->timeline));
  if (self->has_selection)
    {
      guint lane = same_lane (before, self->selected_lane, self->timeline);

      /* A task's regions and logs keep their order as more are read. */
      self->has_selection = lane != G_MAXUINT
                            && (self->on_task
                                || lanes_timeline_hit_test (self->timeline, lane, self->selection.start, &self->selection));
      self->selected_lane = lane;
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    }
}

void
lanes_timeline_view_set_timeline (LanesTimelineView *self,
                                  LanesTimeline     *timeline)
{
  g_autoptr(LanesTimeline) before = g_steal_pointer (&self->timeline);

  self->timeline = timeline ? g_object_ref (timeline) : NULL;
  if (timeline == NULL)
    g_clear_object (&self->renderer);
  else if (self->renderer == NULL)
    self->renderer = lanes_renderer_new (timeline);
  else
    lanes_renderer_set_timeline (self->renderer, timeline);

  if (before != NULL && timeline != NULL && lanes_timeline_is_partial (before)
      && lanes_timeline_get_start (before) == lanes_timeline_get_start (timeline))
    carry_on (self, before);
  else
    {
      g_clear_pointer (&self->viewport, lanes_viewport_free);
      self->has_selection = FALSE;
      self->has_measure = FALSE;
      if (timeline != NULL)
        self->viewport = lanes_viewport_new (lanes_timeline_get_start (timeline), lanes_timeline_get_end (timeline));
    }
  rebuild_rows (self);
  changed (self);
}

LanesTimeline *
lanes_timeline_view_get_timeline (LanesTimelineView *self)
{
  return self->timeline;
}

gint64
lanes_timeline_view_get_draw_time (LanesTimelineView *self)
{
  return self->draw_us;
}

LanesViewport *
lanes_timeline_view_get_viewport (LanesTimelineView *self)
{
  return self->viewport;
}

gboolean
lanes_timeline_view_get_selection (LanesTimelineView *self,
                                   guint             *lane,
                                   LanesSpanDetails  *details)
{
  if (!self->has_selection)
    return FALSE;
  if (lane != NULL)
    *lane = self->selected_lane;
  if (details != NULL)
    *details = self->selection;
  return TRUE;
}

gboolean
lanes_timeline_view_get_task_selection (LanesTimelineView *self,
                                        LanesTaskPart     *part,
                                        guint             *index)
{
  if (!self->has_selection || !self->on_task)
    return FALSE;
  *part = self->task_part;
  *index = self->task_index;
  return TRUE;
}

guint
lanes_timeline_view_get_goroutines_shown (LanesTimelineView *self)
{
  return self->goroutines_shown;
}

gboolean
lanes_timeline_view_get_assist (LanesTimelineView *self,
                                LanesSpanDetails  *assist)
{
  if (!self->has_selection || !self->has_assist)
    return FALSE;
  *assist = self->assist;
  return TRUE;
}

gboolean
lanes_timeline_view_select_goroutine (LanesTimelineView *self,
                                      gint64             goroutine,
                                      gint64             time)
{
  guint lane;

  if (self->timeline == NULL
      || (lane = lanes_timeline_find_lane (self->timeline, LANES_LANE_GOROUTINE, goroutine)) == G_MAXUINT)
    return FALSE;
  lanes_viewport_remember (self->viewport);
  return lanes_timeline_view_select (self, lane, time);
}

gboolean
lanes_timeline_view_get_measure (LanesTimelineView *self,
                                 double            *start,
                                 double            *end)
{
  if (self->has_measure)
    {
      *start = MIN (self->measure_start, self->measure_end);
      *end = MAX (self->measure_start, self->measure_end);
    }
  return self->has_measure;
}

gboolean
lanes_timeline_view_show_goroutine (LanesTimelineView *self,
                                    gint64             goroutine)
{
  gint64 start, end, margin;
  guint lane;

  if (self->timeline == NULL)
    return FALSE;
  lane = lanes_timeline_find_lane (self->timeline, LANES_LANE_GOROUTINE, goroutine);
  if (lane == G_MAXUINT || !lanes_timeline_lane_get_extent (self->timeline, lane, &start, &end))
    return FALSE;
  /* Its whole life in view, its first span selected (which scrolls its
   * lane into view). */
  margin = MAX ((end - start) / 20, 1);
  lanes_viewport_show (self->viewport, start - margin, end + margin);
  return lanes_timeline_view_select (self, lane, start);
}

void
lanes_timeline_view_set_filter (LanesTimelineView *self,
                                const char        *text)
{
  g_free (self->filter);
  self->filter = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  self->filter_states = self->filter != NULL ? lanes_states_named (self->filter) : 0;
  rebuild_rows (self);
}

void
lanes_timeline_view_viewport_changed (LanesTimelineView *self)
{
  changed (self);
}

gboolean
lanes_timeline_view_get_lane_area (LanesTimelineView *self,
                                   guint              lane,
                                   int               *y,
                                   int               *height)
{
  return self->renderer != NULL && lanes_renderer_get_lane_area (self->renderer, lane, y, height);
}

void
lanes_timeline_view_set_groups (LanesTimelineView *self,
                                guint              groups)
{
  self->groups = groups;
  rebuild_rows (self);
}

void
lanes_timeline_view_set_collapsed_groups (LanesTimelineView *self,
                                          guint              groups)
{
  if (groups == self->collapsed)
    return;
  self->collapsed = groups;
  rebuild_rows (self);
  g_object_notify (G_OBJECT (self), "collapsed-groups");
}

void
lanes_timeline_view_toggle_group (LanesTimelineView *self,
                                  LanesGroup         group)
{
  lanes_timeline_view_set_collapsed_groups (self, self->collapsed ^ (1u << group));
}

gboolean
lanes_timeline_view_is_collapsed (LanesTimelineView *self,
                                  LanesGroup         group)
{
  return (self->collapsed & (1u << group)) != 0;
}

/* GObject */

static void
set_adjustment (LanesTimelineView  *self,
                GtkAdjustment     **slot,
                GtkAdjustment      *adjustment)
{
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  configure_vadjustment (self);
}

static void
lanes_timeline_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LanesTimelineView *self = LANES_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    case PROP_COLLAPSED_GROUPS:
      g_value_set_uint (value, self->collapsed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_timeline_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LanesTimelineView *self = LANES_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      /* Time is panned, not scrolled: the horizontal adjustment is kept
       * only because GtkScrollable asks for one. */
      g_set_object (&self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    case PROP_COLLAPSED_GROUPS:
      lanes_timeline_view_set_collapsed_groups (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_timeline_view_dispose (GObject *object)
{
  LanesTimelineView *self = LANES_TIMELINE_VIEW (object);

  set_adjustment (self, &self->vadjustment, NULL);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->renderer);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->viewport, lanes_viewport_free);
  g_clear_pointer (&self->frames[0], cairo_surface_destroy);
  g_clear_pointer (&self->frames[1], cairo_surface_destroy);
  G_OBJECT_CLASS (lanes_timeline_view_parent_class)->dispose (object);
}

static void
lanes_timeline_view_finalize (GObject *object)
{
  LanesTimelineView *self = LANES_TIMELINE_VIEW (object);

  g_array_unref (self->rows);
  g_array_unref (self->row_tops);
  g_free (self->filter);
  G_OBJECT_CLASS (lanes_timeline_view_parent_class)->finalize (object);
}

static void
add_navigation (GtkWidgetClass *widget_class,
                const char     *name,
                guint           key,
                GdkModifierType modifiers,
                guint           second_key)
{
  gtk_widget_class_install_action (widget_class, name, NULL, navigate_action);
  if (key != 0)
    gtk_widget_class_add_binding_action (widget_class, key, modifiers, name, NULL);
  if (second_key != 0)
    gtk_widget_class_add_binding_action (widget_class, second_key, modifiers, name, NULL);
}

static void
lanes_timeline_view_class_init (LanesTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lanes_timeline_view_get_property;
  object_class->set_property = lanes_timeline_view_set_property;
  object_class->dispose = lanes_timeline_view_dispose;
  object_class->finalize = lanes_timeline_view_finalize;
  widget_class->snapshot = lanes_timeline_view_snapshot;
  widget_class->size_allocate = lanes_timeline_view_size_allocate;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");
  /* Groups shown as their heading alone, bits 1 << LanesGroup. */
  g_object_class_install_property (object_class, PROP_COLLAPSED_GROUPS,
                                   g_param_spec_uint ("collapsed-groups", NULL, NULL, 0, (1u << LANES_N_GROUPS) - 1, 0,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A span was selected, or the selection was cleared. */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The visible range or the timeline changed. */
  signals[VIEW_CHANGED] = g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  add_navigation (widget_class, "timeline.zoom-in", GDK_KEY_plus, 0, GDK_KEY_w);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  add_navigation (widget_class, "timeline.zoom-out", GDK_KEY_minus, 0, GDK_KEY_s);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  add_navigation (widget_class, "timeline.pan-left", GDK_KEY_a, 0, GDK_KEY_Left);
  add_navigation (widget_class, "timeline.pan-right", GDK_KEY_d, 0, GDK_KEY_Right);
  add_navigation (widget_class, "timeline.scroll-up", GDK_KEY_Up, 0, 0);
  add_navigation (widget_class, "timeline.scroll-down", GDK_KEY_Down, 0, 0);
  add_navigation (widget_class, "timeline.fit", GDK_KEY_0, 0, GDK_KEY_Home);
  add_navigation (widget_class, "timeline.back", GDK_KEY_Left, GDK_ALT_MASK, 0);
  add_navigation (widget_class, "timeline.forward", GDK_KEY_Right, GDK_ALT_MASK, 0);
  add_navigation (widget_class, "timeline.clear", GDK_KEY_Escape, 0, 0);
  add_navigation (widget_class, "timeline.follow-wakeup", GDK_KEY_Return, 0, 0);

  gtk_widget_class_set_css_name (widget_class, "lanes-timeline");
}

static void
lanes_timeline_view_init (LanesTimelineView *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();

  /* Now, not in the first frame of a trace. */
  lanes_renderer_load_fonts ();
  self->groups = (1u << LANES_N_GROUPS) - 1;
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->row_tops = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  self->pointer_x = NAN;
  g_signal_connect (motion, "enter", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
}
