/* test-session.c: what a window shows, without a window: the range and
 * its history, the selection, the measure and the highlighted goroutines,
 * and what each change notifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-session.h"

/* Counts the notifications of one property. */
typedef struct
{
  guint count;
} Counter;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  ((Counter *) data)->count++;
}

static void
count (LanesSession *session,
       const char   *property,
       Counter      *counter)
{
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);

  g_signal_connect (session, signal, G_CALLBACK (on_notify), counter);
}

static LanesTimeline *
load_example (void)
{
  g_autoptr(GError) error = NULL;
  LanesTimeline *timeline = lanes_timeline_new_for_path (g_getenv ("LANES_EXAMPLE_TRACE"), &error);

  g_assert_no_error (error);
  return timeline;
}

/* A span of the first goroutine lane, as the view would select it. */
static LanesSelection
goroutine_span (LanesTimeline *timeline)
{
  LanesSelection selection = { 0 };
  guint first;
  gint64 start, end;

  g_assert_cmpuint (lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first), >, 0);
  g_assert_true (lanes_timeline_lane_get_extent (timeline, first, &start, &end));
  selection.lane = first;
  g_assert_true (lanes_timeline_hit_test (timeline, first, start, &selection.details));
  return selection;
}

static void
test_empty (void)
{
  g_autoptr(LanesSession) session = lanes_session_new ();
  LanesViewRange range = lanes_session_get_range (session);
  gboolean back = TRUE;

  g_assert_null (lanes_session_get_document (session));
  g_assert_null (lanes_session_get_timeline (session));
  g_assert_null (lanes_session_get_viewport (session));
  g_assert_cmpfloat (range.span, ==, 0);
  g_assert_null (lanes_session_get_selection (session));
  g_assert_false (lanes_session_get_measure (session, NULL, NULL));
  g_assert_cmpuint (lanes_session_get_highlighted_goroutines (session)->len, ==, 0);
  g_object_get (session, "can-go-back", &back, NULL);
  g_assert_false (back);
}

/* A timeline shows whole, and its range and history are the session's. */
static void
test_range (void)
{
  g_autoptr(LanesSession) session = lanes_session_new ();
  g_autoptr(LanesTimeline) timeline = load_example ();
  Counter timeline_changes = { 0 }, starts = { 0 }, ends = { 0 }, backs = { 0 };
  double start, end;
  gboolean back;

  count (session, "timeline", &timeline_changes);
  count (session, "range-start", &starts);
  count (session, "range-end", &ends);
  count (session, "can-go-back", &backs);
  lanes_session_set_timeline (session, timeline);
  g_assert_true (lanes_session_get_timeline (session) == timeline);
  g_assert_cmpuint (timeline_changes.count, ==, 1);
  g_assert_cmpuint (starts.count, ==, 1);
  g_object_get (session, "range-start", &start, "range-end", &end, "can-go-back", &back, NULL);
  g_assert_cmpfloat (start, ==, lanes_timeline_get_start (timeline));
  g_assert_cmpfloat (end, ==, lanes_timeline_get_end (timeline));
  g_assert_false (back);

  /* Whoever moves the viewport says so; the properties follow. */
  lanes_viewport_show (lanes_session_get_viewport (session), start + (end - start) / 4, start + (end - start) / 2);
  lanes_session_range_changed (session);
  g_assert_cmpuint (starts.count, ==, 2);
  g_assert_cmpuint (ends.count, ==, 2);
  g_assert_cmpuint (backs.count, ==, 2);
  g_object_get (session, "range-start", &start, "range-end", &end, "can-go-back", &back, NULL);
  g_assert_cmpfloat_with_epsilon (start, lanes_timeline_get_start (timeline)
                                  + (lanes_timeline_get_end (timeline) - lanes_timeline_get_start (timeline)) / 4.0, 1);
  g_assert_true (back);

  /* Setting the same timeline again changes nothing. */
  lanes_session_set_timeline (session, timeline);
  g_assert_cmpuint (timeline_changes.count, ==, 1);
}

static void
test_selection (void)
{
  g_autoptr(LanesSession) session = lanes_session_new ();
  g_autoptr(LanesTimeline) timeline = load_example ();
  LanesSelection span;
  const LanesSelection *selected;
  Counter changes = { 0 };
  LanesSelection *boxed = NULL;

  lanes_session_set_timeline (session, timeline);
  span = goroutine_span (timeline);
  count (session, "selection", &changes);
  lanes_session_set_selection (session, &span);
  selected = lanes_session_get_selection (session);
  g_assert_nonnull (selected);
  g_assert_true (selected != &span);
  g_assert_cmpuint (selected->lane, ==, span.lane);
  g_assert_cmpint (selected->details.start, ==, span.details.start);
  g_assert_cmpuint (changes.count, ==, 1);

  /* The property hands out a copy. */
  g_object_get (session, "selection", &boxed, NULL);
  g_assert_nonnull (boxed);
  g_assert_cmpint (boxed->details.end, ==, span.details.end);
  g_boxed_free (LANES_TYPE_SELECTION, boxed);

  lanes_session_set_selection (session, NULL);
  g_assert_null (lanes_session_get_selection (session));
  g_assert_cmpuint (changes.count, ==, 2);
  /* Clearing nothing is no change. */
  lanes_session_set_selection (session, NULL);
  g_assert_cmpuint (changes.count, ==, 2);
}

/* A measure dragged right to left reads the same as left to right. */
static void
test_measure (void)
{
  g_autoptr(LanesSession) session = lanes_session_new ();
  Counter changes = { 0 };
  double start = 0, end = 0;
  gboolean has;

  count (session, "has-measure", &changes);
  lanes_session_set_measure (session, 900, 100);
  g_assert_true (lanes_session_get_measure (session, &start, &end));
  g_assert_cmpfloat (start, ==, 100);
  g_assert_cmpfloat (end, ==, 900);
  g_object_get (session, "measure-start", &start, "measure-end", &end, "has-measure", &has, NULL);
  g_assert_cmpfloat (start, ==, 100);
  g_assert_cmpfloat (end, ==, 900);
  g_assert_true (has);
  g_assert_cmpuint (changes.count, ==, 1);
  lanes_session_clear_measure (session);
  g_assert_false (lanes_session_get_measure (session, NULL, NULL));
  g_assert_cmpuint (changes.count, ==, 2);
  lanes_session_clear_measure (session);
  g_assert_cmpuint (changes.count, ==, 2);
}

/* Another trace starts afresh: whole, nothing selected or measured. */
static void
test_other_timeline (void)
{
  g_autoptr(LanesSession) session = lanes_session_new ();
  g_autoptr(LanesTimeline) first = load_example ();
  g_autoptr(LanesTimeline) second = load_example ();
  LanesSelection span = goroutine_span (first);
  LanesViewRange range;

  lanes_session_set_timeline (session, first);
  lanes_viewport_zoom (lanes_session_get_viewport (session), 10, 0.5);
  lanes_session_set_selection (session, &span);
  lanes_session_set_measure (session, 1, 2);
  lanes_session_set_timeline (session, second);
  range = lanes_session_get_range (session);
  g_assert_cmpfloat (range.start, ==, lanes_timeline_get_start (second));
  g_assert_cmpfloat (range.start + range.span, ==, lanes_timeline_get_end (second));
  g_assert_false (lanes_viewport_can_go_back (lanes_session_get_viewport (session)));
  g_assert_null (lanes_session_get_selection (session));
  g_assert_false (lanes_session_get_measure (session, NULL, NULL));

  lanes_session_set_timeline (session, NULL);
  g_assert_null (lanes_session_get_viewport (session));
}

/* Keeps the first snapshot of a read. */
static gboolean
keep_parts (double         fraction,
            LanesTimeline *partial,
            gpointer       data)
{
  GPtrArray *parts = data;

  if (partial != NULL)
    g_ptr_array_add (parts, g_object_ref (partial));
  return partial == NULL && parts->len == 0;
}

/* The rest of a partial read carries on: the range stays where it was,
 * the selection stays on its goroutine, the measure stays. */
static void
test_carry_on (void)
{
  g_autoptr(LanesSession) session = lanes_session_new ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) whole = NULL;
  LanesTraceReader *reader = lanes_trace_reader_new_for_path (g_getenv ("LANES_EXAMPLE_TRACE"), &error);
  LanesTimeline *part;
  LanesSelection span;
  LanesViewRange before, after;
  const LanesSelection *carried;

  g_assert_no_error (error);
  whole = lanes_timeline_new_for_reader (reader, NULL, keep_parts, parts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, >, 0);
  part = g_ptr_array_index (parts, 0);
  g_assert_cmpint (lanes_timeline_get_end (part), <, lanes_timeline_get_end (whole));

  lanes_session_set_timeline (session, part);
  lanes_viewport_zoom (lanes_session_get_viewport (session), 4, 0.5);
  before = lanes_session_get_range (session);
  span = goroutine_span (part);
  lanes_session_set_selection (session, &span);
  lanes_session_set_measure (session, before.start, before.start + before.span / 2);

  lanes_session_set_timeline (session, whole);
  after = lanes_session_get_range (session);
  g_assert_cmpfloat (after.start, ==, before.start);
  g_assert_cmpfloat (after.span, ==, before.span);
  g_assert_true (lanes_session_get_measure (session, NULL, NULL));
  carried = lanes_session_get_selection (session);
  g_assert_nonnull (carried);
  g_assert_cmpint (lanes_timeline_lane_get_id (whole, carried->lane), ==, lanes_timeline_lane_get_id (part, span.lane));
  g_assert_cmpint (carried->details.start, ==, span.details.start);
}

static void
test_highlighted (void)
{
  g_autoptr(LanesSession) session = lanes_session_new ();
  const gint64 ids[] = { 7, 42, 1 };
  Counter changes = { 0 };
  GArray *highlighted;

  count (session, "highlighted-goroutines", &changes);
  lanes_session_set_highlighted_goroutines (session, ids, G_N_ELEMENTS (ids));
  highlighted = lanes_session_get_highlighted_goroutines (session);
  g_assert_cmpuint (highlighted->len, ==, 3);
  g_assert_cmpint (g_array_index (highlighted, gint64, 1), ==, 42);
  g_assert_cmpuint (changes.count, ==, 1);
  lanes_session_set_highlighted_goroutines (session, NULL, 0);
  g_assert_cmpuint (lanes_session_get_highlighted_goroutines (session)->len, ==, 0);
  g_assert_cmpuint (changes.count, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/empty", test_empty);
  g_test_add_func ("/session/range", test_range);
  g_test_add_func ("/session/selection", test_selection);
  g_test_add_func ("/session/measure", test_measure);
  g_test_add_func ("/session/other-timeline", test_other_timeline);
  g_test_add_func ("/session/carry-on", test_carry_on);
  g_test_add_func ("/session/highlighted", test_highlighted);
  return g_test_run ();
}
