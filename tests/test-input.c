/* test-input.c: the Lanes window driven as a person drives it.
 *
 * Under Xvfb, xdotool moves the real pointer, turns the wheel and
 * presses real keys and buttons through the X server; GTK receives them
 * as it would from a mouse.  Each test case is one gesture and checks
 * what the user would see afterwards: the visible range, the selection,
 * the measurement.  (Pinch cannot be made this way: test-viewport.c
 * checks its arithmetic.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sys/stat.h>

#include "lanes-application.h"
#include "lanes-renderer.h"
#include "lanes-settings.h"
#include "lanes-window.h"
#include "test-gzip.h"

#define WAIT_SECONDS 20

static struct
{
  LanesApplication *app;
  LanesWindow *window;
  LanesTimelineView *view;
  LanesViewport *viewport;
} fixture;

/* Input */

/* Runs xdotool with @command (its words, as a shell would split them). */
static void
xdo (const char *format,
     ...)
{
  va_list args;
  g_autofree char *command = NULL;
  g_autofree char *line = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);
  line = g_strconcat ("xdotool ", command, NULL);
  g_assert_true (g_spawn_command_line_sync (line, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s (%s)", line, error->message, err);
}

static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Lets GTK take in every event xdotool made and draw the result: a
 * round trip to the X server, then a few frames. */
static void
settle (void)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (fixture.window));
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint ticks = 0, id;

  XSync (gdk_x11_display_get_xdisplay (display), False);
  id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture.view), count_tick, &ticks, NULL);
  while (ticks < 3)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture.view), id);
  /* What is left over, but not forever: a spinner always has more. */
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
run_until (gboolean (*done) (void))
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  /* Looks again every so often even when nothing happens. */
  guint ticker = g_timeout_add (50, wake, NULL);

  while (!done ())
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);
}

/* The screen position of point (@x, @y) of @widget.  Xvfb has no window
 * manager: the window is where X put it, which X tells. */
static void
to_screen (GtkWidget *widget,
           double     x,
           double     y,
           int       *sx,
           int       *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  graphene_point_t point;
  double tx, ty;
  int rx, ry;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &tx, &ty);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface), DefaultRootWindow (xdisplay),
                         0, 0, &rx, &ry, &child);
  *sx = rx + (int) round (point.x + tx);
  *sy = ry + (int) round (point.y + ty);
}

/* Moves the real pointer to (@x, @y) of the timeline. */
static void
point_at (double x,
          double y)
{
  int sx, sy;

  to_screen (GTK_WIDGET (fixture.view), x, y, &sx, &sy);
  xdo ("mousemove %d %d", sx, sy);
  settle ();
}

/* Presses the left button at (@x0, @y0) of the timeline, moves to
 * (@x1, @y1) in steps and releases there, holding @modifier ("shift")
 * if not NULL. */
static void
drag (GtkWidget  *widget,
      const char *modifier,
      double      x0,
      double      y0,
      double      x1,
      double      y1)
{
  g_autoptr(GString) steps = g_string_new (NULL);
  int sx0, sy0, sx1, sy1, n;

  to_screen (widget, x0, y0, &sx0, &sy0);
  to_screen (widget, x1, y1, &sx1, &sy1);
  /* A hand moves a mouse a few pixels per event. */
  n = MAX (ABS (sx1 - sx0), ABS (sy1 - sy0)) / 3 + 1;
  for (int i = 1; i <= n; i++)
    g_string_append_printf (steps, " mousemove %d %d", sx0 + (sx1 - sx0) * i / n, sy0 + (sy1 - sy0) * i / n);
  xdo ("mousemove %d %d %s%s mousedown 1 sleep 0.05%s sleep 0.05 mouseup 1%s%s",
       sx0, sy0, modifier ? "keydown " : "", modifier ? modifier : "", steps->str,
       modifier ? " keyup " : "", modifier ? modifier : "");
  settle ();
}

static void
click (GtkWidget *widget,
       double     x,
       double     y)
{
  int sx, sy;

  to_screen (widget, x, y, &sx, &sy);
  xdo ("mousemove %d %d sleep 0.05 click 1", sx, sy);
  settle ();
}

/* Presses @keys (xdotool's names: "plus", "alt+Left") with the pointer
 * over the timeline, which has the keyboard focus. */
static void
press (const char *keys)
{
  xdo ("key %s", keys);
  settle ();
}

/* What is on screen */

static double
area_width (void)
{
  return gtk_widget_get_width (GTK_WIDGET (fixture.view)) - LANES_RENDER_LABEL_WIDTH;
}

static double
time_at (double x)
{
  return lanes_viewport_time_at (fixture.viewport, x - LANES_RENDER_LABEL_WIDTH, area_width ());
}

/* Where @view draws @time. */
static double
x_in (LanesTimelineView *view,
      double             time)
{
  return LANES_RENDER_LABEL_WIDTH + lanes_viewport_x_of (lanes_timeline_view_get_viewport (view), time,
                                                         gtk_widget_get_width (GTK_WIDGET (view)) - LANES_RENDER_LABEL_WIDTH);
}

static double
x_of (double time)
{
  return x_in (fixture.view, time);
}

static LanesViewRange
shown (void)
{
  return lanes_viewport_get_range (fixture.viewport);
}

/* One pixel's worth of time, the precision a pointer has. */
static double
pixel_time (void)
{
  return shown ().span / area_width ();
}

static LanesTimeline *
timeline (void)
{
  return lanes_timeline_view_get_timeline (fixture.view);
}

static gboolean
has_selection (void)
{
  return lanes_timeline_view_get_selection (fixture.view, NULL, NULL);
}

/* A goroutine's wait on a channel, which another goroutine ended. */
typedef struct
{
  guint lane;
  LanesSpanDetails span;
  double x;   /* on screen: in the span, */
  double y;   /* in the middle of its lane */
} Target;

static gboolean
find_channel_wait (Target *target)
{
  LanesTimeline *t = timeline ();
  guint first, n = lanes_timeline_get_group (t, LANES_GROUP_GOROUTINES, &first);
  gint64 start = lanes_timeline_get_start (t), end = lanes_timeline_get_end (t);

  for (guint lane = first; lane < first + n; lane++)
    for (guint step = 0; step < 4000; step++)
      {
        gint64 time = start + (end - start) * step / 4000;
        LanesSpanDetails d;

        if (lanes_timeline_hit_test (t, lane, time, &d) && d.state == LANES_STATE_WAIT_CHAN
            && d.unblocker >= 0)
          {
            target->lane = lane;
            target->span = d;
            return TRUE;
          }
      }
  return FALSE;
}

/* Zooms in on the end of @target's span (the wake-up), with its lane on
 * screen, and says where to point at it. */
static void
show_target (Target *target)
{
  LanesTimeline *t = timeline ();
  double length = (lanes_timeline_get_end (t) - lanes_timeline_get_start (t)) / 10.0;
  int y, h;

  lanes_viewport_show (fixture.viewport, target->span.end - length, target->span.end + length / 2);
  /* Selecting scrolls its lane into view. */
  g_assert_true (lanes_timeline_view_select (fixture.view, target->lane, target->span.end - 1));
  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "timeline.clear", NULL);
  settle ();
  g_assert_true (lanes_timeline_view_get_lane_area (fixture.view, target->lane, &y, &h));
  target->x = (MAX (x_of (target->span.start), LANES_RENDER_LABEL_WIDTH) + x_of (target->span.end)) / 2;
  target->y = y + h / 2.0;
  g_assert_cmpfloat (x_of (target->span.end) - target->x, >, 20);
}

/* Each case starts from the whole trace, nothing selected or measured,
 * the pointer away from the timeline and the keyboard on it. */
static void
reset (void)
{
  xdo ("mousemove 0 0");
  lanes_viewport_fit (fixture.viewport);
  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "timeline.clear", NULL);
  gtk_widget_grab_focus (GTK_WIDGET (fixture.view));
  lanes_session_range_changed (lanes_timeline_view_get_session (fixture.view));
  settle ();
}

/* Gestures */

/* Ctrl+wheel zooms at the pointer: three notches in, three out, at the
 * fraction @data of the width; the time under the pointer stays. */
static void
test_ctrl_wheel (gconstpointer data)
{
  double fraction = *(const double *) data;
  double x = LANES_RENDER_LABEL_WIDTH + fraction * area_width (), y = 200;
  double whole, under;

  reset ();
  whole = shown ().span;
  point_at (x, y);
  under = time_at (x);
  xdo ("keydown ctrl click 4 click 4 click 4 keyup ctrl");
  settle ();
  g_assert_true (isfinite (shown ().start));
  g_assert_cmpfloat_with_epsilon (shown ().span, whole / pow (1.15, 3), whole * 1e-6);
  g_assert_cmpfloat_with_epsilon (time_at (x), under, pixel_time ());

  xdo ("keydown ctrl click 5 click 5 click 5 keyup ctrl");
  settle ();
  g_assert_cmpfloat_with_epsilon (shown ().span, whole, whole * 1e-6);
  g_assert_cmpfloat_with_epsilon (time_at (x), under, pixel_time ());
}

/* Dragging moves the view with the pointer and selects nothing. */
static void
test_drag_pan (void)
{
  LanesViewRange before;
  Target target;
  LanesSpanDetails after;
  int direction;

  reset ();
  g_assert_true (find_channel_wait (&target));
  show_target (&target);
  g_assert_true (lanes_timeline_view_select (fixture.view, target.lane, target.span.end - 1));
  before = shown ();
  /* Towards whichever end of the trace has room. */
  direction = before.start - lanes_timeline_get_start (timeline ()) > 300 * pixel_time () ? 1 : -1;
  drag (GTK_WIDGET (fixture.view), NULL, 750 - direction * 150, target.y, 750 + direction * 150, target.y);
  /* The time under the press is now under the release. */
  g_assert_cmpfloat_with_epsilon (shown ().start, before.start - direction * 300 * before.span / area_width (),
                                  2 * pixel_time ());
  g_assert_cmpfloat (shown ().span, ==, before.span);
  g_assert_true (lanes_timeline_view_get_selection (fixture.view, NULL, &after));
  g_assert_cmpint (after.start, ==, target.span.start);
  g_assert_false (lanes_timeline_view_get_measure (fixture.view, &(double) { 0 }, &(double) { 0 }));
}

/* Shift+drag measures from the press to the release, and the measure
 * stays after the button is up. */
static void
test_shift_drag_measures (void)
{
  double from, to, start, end;

  reset ();
  from = time_at (500);
  to = time_at (1000);
  drag (GTK_WIDGET (fixture.view), "shift", 500, 300, 1000, 300);
  g_assert_true (lanes_timeline_view_get_measure (fixture.view, &start, &end));
  g_assert_cmpfloat_with_epsilon (start, from, pixel_time ());
  g_assert_cmpfloat_with_epsilon (end, to, pixel_time ());
  g_assert_false (has_selection ());
  settle ();
  g_assert_true (lanes_timeline_view_get_measure (fixture.view, &start, &end));
}

/* A click selects exactly the span under the pointer. */
static void
test_click_selects (void)
{
  Target target;
  guint lane;
  LanesSpanDetails selected;

  reset ();
  g_assert_true (find_channel_wait (&target));
  show_target (&target);
  click (GTK_WIDGET (fixture.view), target.x, target.y);
  g_assert_true (lanes_timeline_view_get_selection (fixture.view, &lane, &selected));
  g_assert_cmpuint (lane, ==, target.lane);
  g_assert_cmpint (selected.start, ==, target.span.start);
  g_assert_cmpint (selected.end, ==, target.span.end);
  g_assert_cmpint (selected.state, ==, LANES_STATE_WAIT_CHAN);
}

/* A click where no span is clears the selection. */
static void
test_click_empty (void)
{
  Target target;
  double x;
  int y, h;

  reset ();
  g_assert_true (find_channel_wait (&target));
  show_target (&target);
  g_assert_true (lanes_timeline_view_select (fixture.view, target.lane, target.span.end - 1));
  /* Left of the trace's first event nothing is drawn: zoom out to the
   * whole trace and click a lane where its goroutine does not exist yet. */
  lanes_viewport_fit (fixture.viewport);
  lanes_session_range_changed (lanes_timeline_view_get_session (fixture.view));
  settle ();
  for (x = LANES_RENDER_LABEL_WIDTH + 2; x < gtk_widget_get_width (GTK_WIDGET (fixture.view)); x++)
    if (!lanes_timeline_hit_test (timeline (), target.lane, (gint64) time_at (x), &(LanesSpanDetails) { 0 })
        && !lanes_timeline_hit_test (timeline (), target.lane, (gint64) time_at (x + 1), &(LanesSpanDetails) { 0 }))
      break;
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (fixture.view)));
  g_assert_true (lanes_timeline_view_get_lane_area (fixture.view, target.lane, &y, &h));
  click (GTK_WIDGET (fixture.view), x + 0.5, y + h / 2.0);
  g_assert_false (has_selection ());
}

/* +, -, D, A, arrows and 0 on the keyboard. */
static void
test_keyboard_zoom_pan (void)
{
  double whole, start;

  reset ();
  whole = shown ().span;
  point_at (700, 300);
  press ("plus");
  g_assert_cmpfloat_with_epsilon (shown ().span, whole / 1.5, 1);
  press ("plus");
  g_assert_cmpfloat_with_epsilon (shown ().span, whole / 2.25, 1);
  start = shown ().start;
  press ("d");
  g_assert_cmpfloat (shown ().start, >, start);
  press ("Right");
  g_assert_cmpfloat (shown ().start, >, start);
  start = shown ().start;
  press ("a");
  g_assert_cmpfloat (shown ().start, <, start);
  press ("minus");
  g_assert_cmpfloat_with_epsilon (shown ().span, whole / 1.5, 1);
  press ("0");
  g_assert_cmpfloat (shown ().span, ==, whole);
}

/* Alt+← and Alt+→ go back and forward through the views. */
static void
test_history_keys (void)
{
  double whole;

  reset ();
  whole = shown ().span;
  point_at (700, 300);
  press ("plus");
  press ("0");
  g_assert_cmpfloat (shown ().span, ==, whole);
  press ("alt+Left");
  g_assert_cmpfloat_with_epsilon (shown ().span, whole / 1.5, 1);
  press ("alt+Right");
  g_assert_cmpfloat (shown ().span, ==, whole);
}

/* Dragging along the time axis zooms to the dragged range. */
static void
test_axis_drag (void)
{
  double from, to;

  reset ();
  from = time_at (400);
  to = time_at (800);
  drag (GTK_WIDGET (fixture.view), NULL, 400, LANES_RENDER_AXIS_HEIGHT / 2.0, 800, LANES_RENDER_AXIS_HEIGHT / 2.0);
  g_assert_cmpfloat_with_epsilon (shown ().start, from, 2 * (to - from) / 400);
  g_assert_cmpfloat_with_epsilon (shown ().start + shown ().span, to, 2 * (to - from) / 400);
  g_assert_false (has_selection ());
}

typedef gboolean (*WidgetTest) (GtkWidget *, const char *);

/* The first widget under @widget that @test accepts with @what. */
static GtkWidget *
find_child (GtkWidget  *widget,
            WidgetTest  test,
            const char *what)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (test (child, what))
        return child;
      if ((found = find_child (child, test, what)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_type_name (GtkWidget  *widget,
               const char *type_name)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name);
}

static gboolean
activates (GtkWidget  *widget,
           const char *action)
{
  return GTK_IS_ACTIONABLE (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* The first widget under @widget whose type is named @type_name. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *type_name)
{
  return find_child (widget, has_type_name, type_name);
}

/* A click in the strip of the whole trace centres the timeline there,
 * at the same zoom. */
static void
test_overview_click (void)
{
  GtkWidget *strip = find_widget (GTK_WIDGET (fixture.window), "LanesOverviewStrip");
  LanesTimeline *t = timeline ();
  double strip_width, x, wanted, span;

  reset ();
  g_assert_nonnull (strip);
  lanes_viewport_zoom (fixture.viewport, 10, 0);
  lanes_session_range_changed (lanes_timeline_view_get_session (fixture.view));
  settle ();
  span = shown ().span;
  strip_width = gtk_widget_get_width (strip) - LANES_RENDER_LABEL_WIDTH;
  x = LANES_RENDER_LABEL_WIDTH + 0.6 * strip_width;
  wanted = lanes_timeline_get_start (t) + 0.6 * (lanes_timeline_get_end (t) - lanes_timeline_get_start (t));
  click (strip, x, gtk_widget_get_height (strip) / 2.0);
  g_assert_cmpfloat_with_epsilon (shown ().span, span, span * 1e-9);
  g_assert_cmpfloat_with_epsilon (shown ().start + span / 2, wanted,
                                  2 * (lanes_timeline_get_end (t) - lanes_timeline_get_start (t)) / strip_width);
}

/* Enter on a selected wait follows its wake-up: the goroutine that woke
 * it is selected, just before the moment it did. */
static void
test_enter_follows_wakeup (void)
{
  Target target;
  guint lane;
  LanesSpanDetails selected;

  reset ();
  g_assert_true (find_channel_wait (&target));
  show_target (&target);
  click (GTK_WIDGET (fixture.view), target.x, target.y);
  g_assert_true (has_selection ());
  press ("Return");
  g_assert_true (lanes_timeline_view_get_selection (fixture.view, &lane, &selected));
  g_assert_cmpint (lanes_timeline_lane_get_id (timeline (), lane), ==, target.span.unblocker);
  g_assert_cmpint (selected.start, <, target.span.end);
  g_assert_cmpint (selected.end, >=, target.span.end - 1);
}

/* Escape clears the selection and the measure. */
static void
test_escape_clears (void)
{
  Target target;

  reset ();
  g_assert_true (find_channel_wait (&target));
  show_target (&target);
  click (GTK_WIDGET (fixture.view), target.x, target.y);
  g_assert_true (has_selection ());
  press ("Escape");
  g_assert_false (has_selection ());
}

/* A span of a P names the goroutine it ran; clicking that name in the
 * details selects the goroutine's own lane at the same moment. */
static void
test_proc_goroutine_link (void)
{
  LanesTimeline *t = timeline ();
  guint p0, lane;
  LanesSpanDetails on_p = { .goroutine = -1 }, selected;
  GtkWidget *row;
  int y, h;
  double x;

  reset ();
  lanes_timeline_get_group (t, LANES_GROUP_PROCS, &p0);
  g_assert_true (lanes_timeline_view_get_lane_area (fixture.view, p0, &y, &h));
  /* The widest span a goroutine ran on P 0. */
  for (x = LANES_RENDER_LABEL_WIDTH + 1; x < gtk_widget_get_width (GTK_WIDGET (fixture.view)); x++)
    {
      LanesSpanDetails d;

      if (lanes_timeline_hit_test (t, p0, (gint64) time_at (x), &d) && d.goroutine >= 0
          && (on_p.goroutine < 0 || d.end - d.start > on_p.end - on_p.start))
        on_p = d;
    }
  g_assert_cmpint (on_p.goroutine, >=, 0);
  click (GTK_WIDGET (fixture.view), x_of ((on_p.start + on_p.end) / 2.0), y + h / 2.0);
  g_assert_true (lanes_timeline_view_get_selection (fixture.view, &lane, &selected));
  g_assert_cmpuint (lane, ==, p0);

  row = find_child (GTK_WIDGET (fixture.window), activates, "win.select-goroutine");
  g_assert_nonnull (row);
  click (row, gtk_widget_get_width (row) / 2.0, gtk_widget_get_height (row) / 2.0);
  g_assert_true (lanes_timeline_view_get_selection (fixture.view, &lane, &selected));
  g_assert_cmpint (lanes_timeline_lane_get_kind (t, lane), ==, LANES_LANE_GOROUTINE);
  g_assert_cmpint (lanes_timeline_lane_get_id (t, lane), ==, on_p.goroutine);
  g_assert_cmpint (selected.start, <=, (on_p.start + on_p.end) / 2);
  g_assert_cmpint (selected.end, >, (on_p.start + on_p.end) / 2);
  g_assert_true (lanes_state_is_running (selected.state));
}

static LanesTimelineView *annotated;

static gboolean
annotated_is_ready (void)
{
  LanesTimeline *t = lanes_timeline_view_get_timeline (annotated);
  guint first;
  int y, h;

  return t != NULL && !lanes_timeline_is_partial (t) && lanes_timeline_get_group (t, LANES_GROUP_TASKS, &first) > 0
         && lanes_timeline_view_get_lane_area (annotated, first, &y, &h);
}

/* Clicks (@x, @y) of the annotated trace's view and says what of a task
 * lane got selected. */
static gboolean
click_task_item (double         x,
                 double         y,
                 LanesTaskPart *part,
                 guint         *index)
{
  click (GTK_WIDGET (annotated), x, y);
  return lanes_timeline_view_get_task_selection (annotated, part, index);
}

/* On a task lane a click selects the task on its bar, the region on the
 * bar below it, or a log at its tick. */
static void
test_task_lane_click (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "go1.23-annotate.trace", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LanesWindow *window = lanes_window_new (GTK_APPLICATION (fixture.app));
  LanesViewport *viewport;
  LanesTimeline *t;
  const LanesUserRegion *regions;
  const LanesUserLog *logs;
  LanesTaskPart part;
  guint lane, n, index;
  int y, h;
  gint64 length, inside;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  lanes_window_open (window, file);
  annotated = lanes_window_get_timeline_view (window);
  lanes_timeline_view_set_groups (annotated, 1u << LANES_GROUP_TASKS);
  run_until (annotated_is_ready);
  t = lanes_timeline_view_get_timeline (annotated);
  viewport = lanes_timeline_view_get_viewport (annotated);
  lanes_timeline_get_group (t, LANES_GROUP_TASKS, &lane);
  /* The fixture's parent task comes first, its region and log inside
   * it: show the region, with a little of the task either side. */
  regions = lanes_timeline_lane_get_regions (t, lane, &n);
  g_assert_cmpuint (n, ==, 1);
  logs = lanes_timeline_lane_get_logs (t, lane, &n);
  g_assert_cmpuint (n, ==, 1);
  length = regions[0].end - regions[0].start;
  lanes_viewport_show (viewport, regions[0].start - length / 4, regions[0].end + length / 4);
  lanes_session_range_changed (lanes_timeline_view_get_session (annotated));
  settle ();
  g_assert_true (lanes_timeline_view_get_lane_area (annotated, lane, &y, &h));
  g_assert_cmpint (h, ==, LANES_RENDER_TASK_HEIGHT);

  /* In the region, on the side of the log with more room. */
  inside = logs[0].time - regions[0].start > regions[0].end - logs[0].time ? (regions[0].start + logs[0].time) / 2
                                                                           : (logs[0].time + regions[0].end) / 2;
  g_assert_cmpfloat (fabs (x_in (annotated, inside) - x_in (annotated, logs[0].time)), >, 20);
  g_assert_true (click_task_item (x_in (annotated, inside), y + 8, &part, &index));
  g_assert_cmpint (part, ==, LANES_TASK_PART_TASK);
  g_assert_true (click_task_item (x_in (annotated, inside), y + LANES_RENDER_REGION_TOP + 8, &part, &index));
  g_assert_cmpint (part, ==, LANES_TASK_PART_REGION);
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (click_task_item (x_in (annotated, logs[0].time) + 1, y + 8, &part, &index));
  g_assert_cmpint (part, ==, LANES_TASK_PART_LOG);
  /* Outside the region, nothing on its bar. */
  click (GTK_WIDGET (annotated), x_in (annotated, regions[0].end) + 20, y + LANES_RENDER_REGION_TOP + 8);
  g_assert_false (lanes_timeline_view_get_selection (annotated, NULL, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static GtkWidget *
side_panel (void)
{
  return gtk_paned_get_end_child (GTK_PANED (find_widget (GTK_WIDGET (fixture.window), "GtkPaned")));
}

/* F9 hides the details beside the timeline, which then takes the room,
 * and shows them again. */
static void
test_f9_side_panel (void)
{
  int width;

  reset ();
  point_at (700, 300);
  width = gtk_widget_get_width (GTK_WIDGET (fixture.view));
  g_assert_true (gtk_widget_get_mapped (side_panel ()));
  press ("F9");
  g_assert_false (gtk_widget_get_mapped (side_panel ()));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.view)), >, width);
  press ("F9");
  g_assert_true (gtk_widget_get_mapped (side_panel ()));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.view)), ==, width);
}

/* Dragging the handle between the timeline and the details resizes
 * them, narrower as well as wider. */
static void
test_side_panel_resize (void)
{
  GtkWidget *panel = side_panel ();
  int width;

  reset ();
  width = gtk_widget_get_width (panel);
  /* The handle is just left of the panel. */
  drag (panel, NULL, -2, 300, -102, 300);
  /* Give or take the handle's grab area, which GtkPaned measures from. */
  g_assert_cmpint (ABS (gtk_widget_get_width (panel) - (width + 100)), <=, 10);
  drag (panel, NULL, -2, 300, 148, 300);
  g_assert_cmpint (gtk_widget_get_width (panel), <, width);
}

static const char *
panel_shown (void)
{
  GtkWidget *switcher = find_widget (GTK_WIDGET (fixture.window), "GtkStackSwitcher");

  return gtk_stack_get_visible_child_name (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (switcher)));
}

/* A click shows what it selected in the Details panel, Escape goes back
 * to the trace's numbers; win.show-panel shows a panel by name, opening
 * the side area if F9 hid it. */
static void
test_panel_stack (void)
{
  Target target;

  reset ();
  g_assert_cmpstr (panel_shown (), ==, "trace");
  g_assert_true (find_channel_wait (&target));
  show_target (&target);
  click (GTK_WIDGET (fixture.view), target.x, target.y);
  g_assert_cmpstr (panel_shown (), ==, "details");
  press ("Escape");
  g_assert_false (lanes_timeline_view_get_selection (fixture.view, NULL, NULL));
  g_assert_cmpstr (panel_shown (), ==, "trace");

  press ("F9");
  g_assert_false (gtk_widget_get_mapped (side_panel ()));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-panel", "s", "details");
  settle ();
  g_assert_true (gtk_widget_get_mapped (side_panel ()));
  g_assert_cmpstr (panel_shown (), ==, "details");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-panel", "s", "trace");
  settle ();
  g_assert_cmpstr (panel_shown (), ==, "trace");
}

/* The panels move below the timeline, as wide as the window, and back
 * beside it as wide as they were. */
static void
test_panels_below (void)
{
  g_autoptr(GSettings) settings = lanes_settings_new ();
  GtkWidget *paned = find_widget (GTK_WIDGET (fixture.window), "GtkPaned");
  int width, height;

  reset ();
  width = gtk_widget_get_width (side_panel ());
  height = gtk_widget_get_height (GTK_WIDGET (fixture.view));
  g_settings_set_string (settings, "side-panel-position", "below");
  settle ();
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_cmpint (gtk_widget_get_width (side_panel ()), ==, gtk_widget_get_width (paned));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture.view)), <, height);
  g_settings_set_string (settings, "side-panel-position", "beside");
  settle ();
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_HORIZONTAL);
  g_assert_cmpint (gtk_widget_get_width (side_panel ()), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture.view)), ==, height);
}

static gboolean
other_panel_is_wide (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (fixture.app));
  GtkWidget *other = windows->data != fixture.window ? windows->data : NULL;
  GtkWidget *paned = other ? find_widget (other, "GtkPaned") : NULL;

  return paned != NULL && gtk_widget_get_width (gtk_paned_get_end_child (GTK_PANED (paned))) == 420;
}

/* A new window's details are as wide as they were left. */
static void
test_side_panel_width_remembered (void)
{
  g_autoptr(GSettings) settings = lanes_settings_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "go1.23-workers.trace", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LanesWindow *other;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "side-panel-width", 420);
  other = lanes_window_new (GTK_APPLICATION (fixture.app));
  gtk_window_set_default_size (GTK_WINDOW (other), 1200, 700);
  gtk_window_present (GTK_WINDOW (other));
  lanes_window_open (other, file);
  run_until (other_panel_is_wide);
  gtk_window_close (GTK_WINDOW (other));
  settle ();
  g_assert_cmpint (g_settings_get_int (settings, "side-panel-width"), ==, 420);
}

static gboolean
no_goroutine_shown (void)
{
  return lanes_timeline_view_get_goroutines_shown (fixture.view) == 0;
}

static GtkWidget *
search_entry (void)
{
  return find_widget (GTK_WIDGET (fixture.window), "GtkSearchEntry");
}

/* A filter that matches no goroutine says so, on the entry and in the
 * timeline's heading counts; Escape brings every goroutine back. */
static void
test_filter_matches_nothing (void)
{
  LanesTimeline *t = timeline ();
  guint first, n = lanes_timeline_get_group (t, LANES_GROUP_GOROUTINES, &first);

  reset ();
  point_at (700, 300);
  press ("ctrl+f");
  xdo ("type --delay 20 nosuchfunction");
  /* The entry waits a moment after typing before it filters. */
  run_until (no_goroutine_shown);
  g_assert_true (gtk_widget_has_css_class (search_entry (), "error"));
  press ("Escape");
  g_assert_cmpuint (lanes_timeline_view_get_goroutines_shown (fixture.view), ==, n);
  g_assert_false (gtk_widget_has_css_class (search_entry (), "error"));
}

/* Enter on a goroutine's id in the filter selects it and shows its whole
 * life. */
static void
test_enter_on_goroutine_id (void)
{
  LanesTimeline *t = timeline ();
  guint n, lane;
  const guint *busiest = lanes_timeline_get_busiest_goroutines (t, &n);
  gint64 id, start, end;
  LanesSpanDetails selected;

  reset ();
  /* The least busy goroutine that lived a while: low in the lanes. */
  do
    g_assert_cmpuint (n, >, 0);
  while (!lanes_timeline_lane_get_extent (t, (lane = busiest[--n]), &start, &end) || end - start < 10000);
  id = lanes_timeline_lane_get_id (t, lane);
  point_at (700, 300);
  press ("ctrl+f");
  xdo ("type --delay 20 G%" G_GINT64_FORMAT, id);
  press ("Return");
  g_assert_true (lanes_timeline_view_get_selection (fixture.view, &lane, &selected));
  g_assert_cmpint (lanes_timeline_lane_get_id (t, lane), ==, id);
  g_assert_cmpint (selected.start, ==, start);
  g_assert_cmpfloat (shown ().start, <=, start);
  g_assert_cmpfloat (shown ().start + shown ().span, >=, end);
  g_assert_cmpfloat (shown ().span, <=, (end - start) * 1.2 + 2);
}

/* Loading: what the window says, and Escape */

static LanesWindow *loading;

static gboolean
loading_is_over (void)
{
  return lanes_window_is_empty (loading);
}

/* The text of the progress bar of @window, or "". */
static const char *
progress_text (GtkWidget *window)
{
  GtkWidget *bar = find_widget (window, "GtkProgressBar");
  const char *text = bar ? gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar)) : NULL;

  return text ? text : "";
}

static const char *waiting_for;

static gboolean
progress_says (void)
{
  return strstr (progress_text (GTK_WIDGET (loading)), waiting_for) != NULL;
}

/* Opens @path in a window of its own and waits until its progress says
 * @stage; then Escape, pressed over it, stops the read within 100 ms and
 * the window is back to its welcome page. */
static void
escape_stops (const char *path,
              const char *stage)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 pressed;
  int sx, sy;

  loading = lanes_window_new (GTK_APPLICATION (fixture.app));
  gtk_window_set_default_size (GTK_WINDOW (loading), 1000, 700);
  gtk_window_present (GTK_WINDOW (loading));
  lanes_window_open (loading, file);
  waiting_for = stage;
  run_until (progress_says);
  to_screen (GTK_WIDGET (loading), 500, 350, &sx, &sy);
  xdo ("mousemove %d %d", sx, sy);
  settle ();
  xdo ("key Escape");
  pressed = g_get_monotonic_time ();
  run_until (loading_is_over);
  g_test_message ("stopped %.1f ms after Escape", (g_get_monotonic_time () - pressed) / 1000.0);
  /* The read itself stops within a millisecond (test-document.c holds
   * it to 100 ms); what a person waits for here is GTK taking the key and
   * drawing the next frame, on a machine the other tests keep busy, and
   * with GL in software (Xvfb) a quarter of a second a frame.  A stop
   * that does not come is what this catches; the time is reported. */
  g_assert_cmpint (g_get_monotonic_time () - pressed, <, 3 * G_USEC_PER_SEC);
  gtk_window_destroy (GTK_WINDOW (loading));
  settle ();
}

/* A FIFO nobody writes to: "Waiting for data…" until Escape. */
static void
test_escape_stops_fifo_wait (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "lanes-test-input-fifo", NULL);

  g_unlink (path);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  escape_stops (path, "Waiting for data");
  g_unlink (path);
}

/* A gzip bomb (test-gzip.c): Escape stops it while it inflates. */
static void
test_escape_stops_gzip_bomb (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "lanes-test-input-bomb.gz", NULL);

  test_write_gzip_bomb (path);
  escape_stops (path, "Decompressing");
  g_unlink (path);
}

/* The label of the banner under the header bar of @window that says
 * what went wrong, or NULL. */
static const char *
banner_text (GtkWidget *window)
{
  GtkWidget *revealer = find_widget (window, "GtkRevealer");
  GtkWidget *label = revealer ? find_widget (revealer, "GtkLabel") : NULL;

  return revealer && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) && label
         ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
banner_shown (void)
{
  return banner_text (GTK_WIDGET (loading)) != NULL;
}

/* A device is no trace: at once, a line naming it, and the window stays
 * on its welcome page, ready for the next file. */
static void
test_device_refused (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");

  loading = lanes_window_new (GTK_APPLICATION (fixture.app));
  gtk_window_present (GTK_WINDOW (loading));
  lanes_window_open (loading, file);
  run_until (banner_shown);
  g_assert_nonnull (strstr (banner_text (GTK_WIDGET (loading)), "/dev/zero"));
  g_assert_nonnull (strstr (banner_text (GTK_WIDGET (loading)), "device"));
  run_until (loading_is_over);
  gtk_window_destroy (GTK_WINDOW (loading));
  settle ();
}

static gboolean
window_count_is_one (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture.app))) == 1;
}

/* Ctrl+W closes the window it is pressed in. */
static void
test_ctrl_w_closes (void)
{
  LanesWindow *other = lanes_window_new (GTK_APPLICATION (fixture.app));
  int sx, sy;

  gtk_window_set_default_size (GTK_WINDOW (other), 600, 400);
  gtk_window_present (GTK_WINDOW (other));
  settle ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture.app))), ==, 2);
  to_screen (GTK_WIDGET (other), 300, 200, &sx, &sy);
  xdo ("mousemove %d %d click 1 key ctrl+w", sx, sy);
  settle ();
  run_until (window_count_is_one);
  g_assert_true (gtk_application_get_windows (GTK_APPLICATION (fixture.app))->data == fixture.window);
}

/* Setup */

static gboolean
is_ready (void)
{
  LanesTimeline *t = timeline ();
  guint first;
  int y, h;

  if (t == NULL || lanes_timeline_is_partial (t))
    return FALSE;
  lanes_timeline_get_group (t, LANES_GROUP_PROCS, &first);
  return lanes_timeline_view_get_lane_area (fixture.view, first, &y, &h);
}

int
main (int    argc,
      char **argv)
{
  static const double left = 0.1, middle = 0.5, right = 0.9;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  fixture.app = lanes_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (fixture.app), NULL, &error));
  g_assert_no_error (error);
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_error ("test-input needs an X server (GDK_BACKEND=x11 under Xvfb)");
  path = g_test_build_filename (G_TEST_DIST, "fixtures", "go1.23-workers.trace", NULL);
  file = g_file_new_for_path (path);
  fixture.window = lanes_window_new (GTK_APPLICATION (fixture.app));
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture.window));
  lanes_window_open (fixture.window, file);
  fixture.view = lanes_window_get_timeline_view (fixture.window);
  run_until (is_ready);
  fixture.viewport = lanes_timeline_view_get_viewport (fixture.view);

  g_test_add_data_func ("/input/ctrl-wheel/left", &left, test_ctrl_wheel);
  g_test_add_data_func ("/input/ctrl-wheel/middle", &middle, test_ctrl_wheel);
  g_test_add_data_func ("/input/ctrl-wheel/right", &right, test_ctrl_wheel);
  g_test_add_func ("/input/drag-pans", test_drag_pan);
  g_test_add_func ("/input/shift-drag-measures", test_shift_drag_measures);
  g_test_add_func ("/input/click-selects", test_click_selects);
  g_test_add_func ("/input/click-empty-clears", test_click_empty);
  g_test_add_func ("/input/keyboard-zoom-pan", test_keyboard_zoom_pan);
  g_test_add_func ("/input/alt-arrows-history", test_history_keys);
  g_test_add_func ("/input/axis-drag-zooms", test_axis_drag);
  g_test_add_func ("/input/overview-click", test_overview_click);
  g_test_add_func ("/input/enter-follows-wakeup", test_enter_follows_wakeup);
  g_test_add_func ("/input/escape-clears", test_escape_clears);
  g_test_add_func ("/input/proc-goroutine-link", test_proc_goroutine_link);
  g_test_add_func ("/input/task-lane-click", test_task_lane_click);
  g_test_add_func ("/input/f9-side-panel", test_f9_side_panel);
  g_test_add_func ("/input/escape-stops-fifo-wait", test_escape_stops_fifo_wait);
  g_test_add_func ("/input/escape-stops-gzip-bomb", test_escape_stops_gzip_bomb);
  g_test_add_func ("/input/device-refused", test_device_refused);
  g_test_add_func ("/input/filter-matches-nothing", test_filter_matches_nothing);
  g_test_add_func ("/input/enter-on-goroutine-id", test_enter_on_goroutine_id);
  g_test_add_func ("/input/side-panel-resize", test_side_panel_resize);
  g_test_add_func ("/input/side-panel-width-remembered", test_side_panel_width_remembered);
  g_test_add_func ("/input/panel-stack", test_panel_stack);
  g_test_add_func ("/input/panels-below", test_panels_below);
  g_test_add_func ("/input/ctrl-w-closes", test_ctrl_w_closes);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  g_object_unref (fixture.app);
  return status;
}
