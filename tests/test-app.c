/* test-app.c: the real Lanes window, under Xvfb: open a fixture trace,
 * drive zoom, pan, history and selection through the timeline's actions,
 * and check on screen that lanes are drawn in their colours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>

#include "lanes-application.h"
#include "lanes-document.h"
#include "lanes-palette.h"
#include "lanes-window.h"

typedef struct
{
  LanesApplication *app;
  LanesWindow *window;
  LanesTimelineView *view;
} App;

static void
run_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_loaded (gpointer data)
{
  LanesTimeline *timeline = lanes_timeline_view_get_timeline (data);

  return timeline != NULL && !lanes_timeline_is_partial (timeline);
}

static gboolean
is_drawn (gpointer data)
{
  int y, h;
  LanesTimelineView *view = data;
  LanesTimeline *timeline = lanes_timeline_view_get_timeline (view);
  guint first;

  lanes_timeline_get_group (timeline, LANES_GROUP_PROCS, &first);
  return lanes_timeline_view_get_lane_area (view, first, &y, &h);
}

static void
open_fixture (App        *app,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  app->window = lanes_window_new (GTK_APPLICATION (app->app));
  gtk_window_set_default_size (GTK_WINDOW (app->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (app->window));
  lanes_window_open (app->window, file);
  app->view = lanes_window_get_timeline_view (app->window);
  run_until (is_loaded, app->view);
  run_until (is_drawn, app->view);
}

static void
activate (App        *app,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app->view), action, NULL));
  g_main_context_iteration (NULL, FALSE);
}

static void
test_navigate (App *app)
{
  LanesViewport *viewport = lanes_timeline_view_get_viewport (app->view);
  LanesViewRange whole = lanes_viewport_get_range (viewport), r;

  activate (app, "timeline.zoom-in");
  activate (app, "timeline.zoom-in");
  r = lanes_viewport_get_range (viewport);
  g_assert_cmpfloat_with_epsilon (r.span, whole.span / 2.25, 1);
  /* Zooming by keys keeps the centre. */
  g_assert_cmpfloat_with_epsilon (r.start + r.span / 2, whole.start + whole.span / 2, 1);

  activate (app, "timeline.pan-right");
  g_assert_cmpfloat (lanes_viewport_get_range (viewport).start, >, r.start);
  activate (app, "timeline.pan-left");
  g_assert_cmpfloat_with_epsilon (lanes_viewport_get_range (viewport).start, r.start, 1);

  activate (app, "timeline.fit");
  g_assert_cmpfloat (lanes_viewport_get_range (viewport).span, ==, whole.span);
  activate (app, "timeline.back");
  g_assert_cmpfloat_with_epsilon (lanes_viewport_get_range (viewport).span, r.span, 1);
  activate (app, "timeline.forward");
  g_assert_cmpfloat (lanes_viewport_get_range (viewport).span, ==, whole.span);
}

/* A worker goroutine of the fixture waits on a channel: select that wait
 * and the panel's facts are the reader's. */
static void
test_select (App *app)
{
  LanesTimeline *timeline = lanes_timeline_view_get_timeline (app->view);
  guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first);
  LanesSpanDetails details;
  gboolean found = FALSE;

  for (guint lane = first; lane < first + n && !found; lane++)
    {
      g_autofree char *name = lanes_timeline_lane_dup_name (timeline, lane);
      gint64 t;

      if (strstr (name, "main.fixtureWorker") == NULL)
        continue;
      /* Probe the lane across the trace for its wait on the channel. */
      for (guint step = 0; step < 10000 && !found; step++)
        {
          gint64 start = lanes_timeline_get_start (timeline), end = lanes_timeline_get_end (timeline);

          t = start + (end - start) * step / 10000;
          if (lanes_timeline_hit_test (timeline, lane, t, &details) && details.state == LANES_STATE_WAIT_CHAN)
            {
              g_assert_true (lanes_timeline_view_select (app->view, lane, t));
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
  g_assert_true (lanes_timeline_view_get_selection (app->view, NULL, &details));
  g_assert_cmpint (details.state, ==, LANES_STATE_WAIT_CHAN);
  g_assert_cmpstr (lanes_trace_reader_get_string (lanes_timeline_get_reader (timeline), details.reason), ==, "chan receive");
  /* main woke it by sending. */
  g_assert_cmpint (details.unblocker, >=, 0);

  activate (app, "timeline.clear");
  g_assert_false (lanes_timeline_view_get_selection (app->view, NULL, NULL));
}

/* The frame on screen: a P lane shows running goroutines in the running
 * colour, and the legend band is below the lanes. */
static void
test_screenshot (App *app)
{
  GtkWidget *widget = GTK_WIDGET (app->view);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  LanesTimeline *timeline = lanes_timeline_view_get_timeline (app->view);
  const LanesPalette *palette = lanes_palette_get (FALSE);
  LanesRgb running = palette->states[LANES_STATE_RUNNING];
  guint p0, running_pixels = 0;
  int y, h;

  activate (app, "timeline.fit");
  /* Exactly what the widget gives GTK for a frame. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);

  if (g_getenv ("LANES_TEST_SCREENSHOT") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("LANES_TEST_SCREENSHOT"));

  lanes_timeline_get_group (timeline, LANES_GROUP_PROCS, &p0);
  g_assert_true (lanes_timeline_view_get_lane_area (app->view, p0, &y, &h));
  for (int x = 200; x < width; x++)
    {
      /* Cairo's ARGB32 in memory: B, G, R, A. */
      const guchar *px = pixels + ((gsize) (y + h / 2) * width + x) * 4;
      LanesRgb rgb = (px[2] << 16) | (px[1] << 8) | px[0];
      running_pixels += rgb == running;
    }
  g_assert_cmpuint (running_pixels, >, 0);
}

static guint
first_goroutine_lane (LanesTimelineView *view)
{
  guint first;

  lanes_timeline_get_group (lanes_timeline_view_get_timeline (view), LANES_GROUP_GOROUTINES, &first);
  return first;
}

static gboolean
goroutines_hidden (gpointer data)
{
  int y, h;

  return !lanes_timeline_view_get_lane_area (data, first_goroutine_lane (data), &y, &h);
}

static gboolean
goroutines_shown (gpointer data)
{
  return !goroutines_hidden (data);
}

/* A collapsed group keeps its heading and hides its lanes; opened, they
 * are back.  The other groups stay drawn. */
static void
test_collapse (App *app)
{
  LanesWindow *other;

  g_assert_true (goroutines_shown (app->view));
  lanes_timeline_view_toggle_group (app->view, LANES_GROUP_GOROUTINES);
  g_assert_true (lanes_timeline_view_is_collapsed (app->view, LANES_GROUP_GOROUTINES));
  run_until (goroutines_hidden, app->view);
  g_assert_true (is_drawn (app->view));
  /* A new window remembers it. */
  other = lanes_window_new (GTK_APPLICATION (app->app));
  g_assert_true (lanes_timeline_view_is_collapsed (lanes_window_get_timeline_view (other), LANES_GROUP_GOROUTINES));
  g_assert_false (lanes_timeline_view_is_collapsed (lanes_window_get_timeline_view (other), LANES_GROUP_PROCS));
  gtk_window_destroy (GTK_WINDOW (other));

  lanes_timeline_view_toggle_group (app->view, LANES_GROUP_GOROUTINES);
  g_assert_false (lanes_timeline_view_is_collapsed (app->view, LANES_GROUP_GOROUTINES));
  run_until (goroutines_shown, app->view);
}

/* Every goroutine lane drawn was waiting on a channel at some time,
 * and some are drawn. */
static gboolean
only_channel_waiters (gpointer data)
{
  LanesTimelineView *view = data;
  LanesTimeline *timeline = lanes_timeline_view_get_timeline (view);
  guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first);
  guint shown = 0;

  for (guint lane = first; lane < first + n; lane++)
    {
      int y, h;

      if (!lanes_timeline_view_get_lane_area (view, lane, &y, &h))
        continue;
      if (!(lanes_timeline_lane_get_states (timeline, lane) & 1u << LANES_STATE_WAIT_CHAN))
        return FALSE;
      shown++;
    }
  return shown > 0;
}

/* Filtering by a state keeps the goroutines that were ever in it: the
 * eight workers wait on a channel; others never do. */
static void
test_filter (App *app)
{
  LanesTimeline *timeline = lanes_timeline_view_get_timeline (app->view);
  guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first);
  guint shown = 0;

  lanes_timeline_view_set_filter (app->view, "channel");
  run_until (only_channel_waiters, app->view);
  for (guint lane = first; lane < first + n; lane++)
    {
      int y, h;

      shown += lanes_timeline_view_get_lane_area (app->view, lane, &y, &h);
    }
  g_assert_cmpuint (shown, >=, 8);
  g_assert_cmpuint (shown, <, n);
  lanes_timeline_view_set_filter (app->view, NULL);
  run_until (goroutines_shown, app->view);
}

typedef struct
{
  LanesTimelineView *view;
  GPtrArray *ends;      /* gint64 *: of each partial timeline shown */
  gboolean loaded;
} Loading;

static void
on_partial (LanesDocument *document,
            LanesTimeline *partial,
            Loading       *loading)
{
  LanesViewRange range;

  g_assert_false (loading->loaded);
  g_assert_true (lanes_timeline_is_partial (partial));
  lanes_timeline_view_set_timeline (loading->view, partial);
  /* Untouched, the view shows all there is so far. */
  range = lanes_viewport_get_range (lanes_timeline_view_get_viewport (loading->view));
  g_assert_cmpfloat (range.start + range.span, ==, (double) lanes_timeline_get_end (partial));
  g_ptr_array_add (loading->ends, g_memdup2 (&(gint64) { lanes_timeline_get_end (partial) }, sizeof (gint64)));
}

static void
on_document_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  Loading *loading = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lanes_document_load_finish (LANES_DOCUMENT (source), result, &error));
  g_assert_no_error (error);
  loading->loaded = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Loading *) data)->loaded;
}

/* Asked for partial timelines from the start, a document hands out one
 * or more before the whole one, each further on; the view follows them,
 * keeping a selection made on the way. */
static void
test_partials (App *app)
{
  const char *path = g_getenv ("LANES_EXAMPLE_TRACE");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LanesDocument) document = lanes_document_new (file);
  g_autoptr(GPtrArray) ends = g_ptr_array_new_with_free_func (g_free);
  Loading loading = { app->view, ends, FALSE };
  LanesTimeline *timeline;
  LanesSpanDetails details;
  gint64 selected;
  guint p0;

  lanes_timeline_view_set_timeline (app->view, NULL);
  lanes_document_set_first_partial (document, 0);
  g_signal_connect (document, "partial", G_CALLBACK (on_partial), &loading);
  lanes_document_load_async (document, NULL, on_document_loaded, &loading);
  run_until (is_done, &loading);

  g_assert_cmpuint (ends->len, >=, 1);
  for (guint i = 1; i < ends->len; i++)
    g_assert_cmpint (*(gint64 *) g_ptr_array_index (ends, i - 1), <, *(gint64 *) g_ptr_array_index (ends, i));

  /* A span of P 0 selected in the last partial timeline stays selected
   * in the whole one. */
  timeline = lanes_timeline_view_get_timeline (app->view);
  lanes_timeline_get_group (timeline, LANES_GROUP_PROCS, &p0);
  /* Its first span: a miss says where the next one begins. */
  if (!lanes_timeline_hit_test (timeline, p0, lanes_timeline_get_start (timeline), &details))
    g_assert_true (lanes_timeline_hit_test (timeline, p0, details.end, &details));
  selected = details.start;
  g_assert_true (lanes_timeline_view_select (app->view, p0, selected));
  lanes_timeline_view_set_timeline (app->view, lanes_document_get_timeline (document));
  g_assert_false (lanes_timeline_is_partial (lanes_timeline_view_get_timeline (app->view)));
  g_assert_true (lanes_timeline_view_get_selection (app->view, NULL, &details));
  g_assert_cmpint (details.start, ==, selected);
  g_assert_cmpfloat (lanes_viewport_get_range (lanes_timeline_view_get_viewport (app->view)).span, ==,
                     (double) (lanes_timeline_get_end (lanes_document_get_timeline (document))
                               - lanes_timeline_get_start (lanes_document_get_timeline (document))));
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} Result;

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Result *r = data;

  r->ok = g_task_get_source_tag (G_TASK (result)) == (gpointer) lanes_document_load_async
          ? lanes_document_load_finish (LANES_DOCUMENT (source), result, &r->error)
          : lanes_document_analyze_finish (LANES_DOCUMENT (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
is_result (gpointer data)
{
  return ((Result *) data)->done;
}

/* Go's known-bad and fuzzed inputs, loaded as the window loads them
 * (partial timelines asked for at once): each gives a timeline and its
 * numbers, or an error naming the file. */
static void
test_bad_inputs (void)
{
  const char *corpus = g_getenv ("LANES_CORPUS");
  g_autofree char *dir = corpus ? g_build_filename (corpus, "go-testdata", "bin", NULL) : NULL;
  g_autoptr(GDir) listing = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;
  guint n = 0;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(LanesDocument) document = lanes_document_new (file);
      Result load = { 0 }, analysis = { 0 };

      lanes_document_set_first_partial (document, 0);
      lanes_document_load_async (document, NULL, on_result, &load);
      run_until (is_result, &load);
      n++;
      if (!load.ok)
        {
          g_assert_nonnull (load.error);
          g_assert_nonnull (strstr (load.error->message, name));
          g_clear_error (&load.error);
          continue;
        }
      g_assert_nonnull (lanes_document_get_timeline (document));
      lanes_document_analyze_async (document, NULL, on_result, &analysis);
      run_until (is_result, &analysis);
      g_assert_true (analysis.ok);
    }
  g_assert_cmpuint (n, >, 0);
  g_test_message ("%u inputs from %s", n, dir);
}

static gboolean
is_window_empty (gpointer data)
{
  return lanes_window_is_empty (data);
}

/* Only traces that opened go to the recent list: an empty file that
 * fails to open does not, the fixture that opened does. */
static void
test_recent (App *app)
{
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "go1.23-workers.trace", NULL);
  g_autofree char *fixture_uri = g_filename_to_uri (fixture, NULL, NULL);
  g_autofree char *empty = g_build_filename (g_get_tmp_dir (), "lanes-test-empty.trace", NULL);
  g_autofree char *empty_uri = g_filename_to_uri (empty, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (empty);
  LanesWindow *window = lanes_window_new (GTK_APPLICATION (app->app));

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  gtk_recent_manager_remove_item (recent, empty_uri, NULL);
  lanes_window_open (window, file);
  run_until (is_window_empty, window);
  g_assert_false (gtk_recent_manager_has_item (recent, empty_uri));
  g_assert_true (gtk_recent_manager_has_item (recent, fixture_uri));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (empty);
}

static void
on_activate (GApplication *application,
             App          *app)
{
  g_application_hold (application);
  open_fixture (app, "go1.23-workers.trace");
  test_navigate (app);
  test_select (app);
  test_filter (app);
  test_screenshot (app);
  test_collapse (app);
  test_recent (app);
  test_partials (app);
  test_bad_inputs ();
  gtk_window_destroy (GTK_WINDOW (app->window));
  g_application_release (application);
  g_application_quit (application);
}

static void
test_window (void)
{
  App app = { 0 };

  app.app = lanes_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app.app, "activate", G_CALLBACK (on_activate), &app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app.app), 0, NULL), ==, 0);
  g_object_unref (app.app);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/window", test_window);
  return g_test_run ();
}
