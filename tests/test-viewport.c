/* test-viewport.c: zoom, pan and history arithmetic of the timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-viewport.h"

#include <math.h>

#define START 1000000
#define END   (START + 1000000000)   /* a one-second trace */

static void
test_starts_on_whole_trace (void)
{
  g_autoptr(LanesViewport) v = lanes_viewport_new (START, END);
  LanesViewRange r = lanes_viewport_get_range (v);

  g_assert_cmpfloat (r.start, ==, START);
  g_assert_cmpfloat (r.span, ==, END - START);
  g_assert_false (lanes_viewport_can_go_back (v));
}

/* The time under the pointer stays under the pointer. */
static void
test_zoom_keeps_anchor (void)
{
  g_autoptr(LanesViewport) v = lanes_viewport_new (START, END);
  double width = 1000, x = 250;
  double before = lanes_viewport_time_at (v, x, width);

  for (int i = 0; i < 20; i++)
    {
      lanes_viewport_zoom (v, 1.25, x / width);
      g_assert_cmpfloat_with_epsilon (lanes_viewport_time_at (v, x, width), before, 1e-3);
    }
  g_assert_cmpfloat (lanes_viewport_get_range (v).span, <, (END - START) / 80.0);
  /* Zooming back out the same way returns to the whole trace. */
  for (int i = 0; i < 20; i++)
    lanes_viewport_zoom (v, 1 / 1.25, x / width);
  g_assert_cmpfloat_with_epsilon (lanes_viewport_get_range (v).span, END - START, 1);
}

/* A pinch reports its scale since it began; the view applies each step's
 * ratio at the fingers' centre, as the timeline's pinch handler does.  The
 * steps add up to the whole scale and the time under the centre stays. */
static void
test_pinch_steps (void)
{
  g_autoptr(LanesViewport) v = lanes_viewport_new (START, END);
  const double scales[] = { 1.05, 1.2, 1.7, 2.4, 3.0 };
  double width = 1200, x = 900, applied = 1;
  double before = lanes_viewport_time_at (v, x, width);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      lanes_viewport_zoom_at (v, scales[i] / applied, x, width);
      applied = scales[i];
    }
  g_assert_cmpfloat_with_epsilon (lanes_viewport_get_range (v).span, (END - START) / 3.0, 1);
  g_assert_cmpfloat_with_epsilon (lanes_viewport_time_at (v, x, width), before, 1e-3);
}

/* Where the pointer is not known, zooming happens at the centre; a
 * pointer past either edge zooms at that edge.  Never a NaN range. */
static void
test_zoom_unknown_pointer (void)
{
  g_autoptr(LanesViewport) v = lanes_viewport_new (START, END);
  LanesViewRange r;

  lanes_viewport_zoom_at (v, 2, NAN, 1000);
  r = lanes_viewport_get_range (v);
  g_assert_cmpfloat_with_epsilon (r.start, START + (END - START) / 4.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (r.span, (END - START) / 2.0, 1e-3);

  lanes_viewport_zoom_at (v, 2, -50, 1000);
  g_assert_cmpfloat_with_epsilon (lanes_viewport_get_range (v).start, r.start, 1e-3);
  lanes_viewport_zoom_at (v, 2, INFINITY, 1000);
  lanes_viewport_zoom (v, NAN, 0.5);
  lanes_viewport_pan (v, NAN);
  lanes_viewport_show (v, NAN, END);
  r = lanes_viewport_get_range (v);
  g_assert_true (isfinite (r.start) && isfinite (r.span));
  g_assert_cmpfloat_with_epsilon (r.span, (END - START) / 8.0, 1e-3);
}

static void
test_zoom_limits (void)
{
  g_autoptr(LanesViewport) v = lanes_viewport_new (START, END);

  for (int i = 0; i < 200; i++)
    lanes_viewport_zoom (v, 2, 0.5);
  g_assert_cmpfloat (lanes_viewport_get_range (v).span, ==, LANES_VIEWPORT_MIN_SPAN_NS);
  for (int i = 0; i < 200; i++)
    lanes_viewport_zoom (v, 0.5, 0.5);
  g_assert_cmpfloat (lanes_viewport_get_range (v).span, ==, END - START);
  g_assert_cmpfloat (lanes_viewport_get_range (v).start, ==, START);
}

static void
test_pan_stays_in_trace (void)
{
  g_autoptr(LanesViewport) v = lanes_viewport_new (START, END);

  lanes_viewport_zoom (v, 10, 0.5);
  lanes_viewport_pan (v, -100);
  g_assert_cmpfloat (lanes_viewport_get_range (v).start, ==, START);
  lanes_viewport_pan (v, 0.5);
  g_assert_cmpfloat_with_epsilon (lanes_viewport_get_range (v).start, START + (END - START) / 20.0, 1e-3);
  lanes_viewport_pan (v, 100);
  g_assert_cmpfloat_with_epsilon (lanes_viewport_get_range (v).start + lanes_viewport_get_range (v).span, END, 1e-3);
}

static void
test_history (void)
{
  g_autoptr(LanesViewport) v = lanes_viewport_new (START, END);
  LanesViewRange whole = lanes_viewport_get_range (v);

  lanes_viewport_show (v, START + 100000, START + 200000);
  lanes_viewport_show (v, START + 150000, START + 160000);
  g_assert_true (lanes_viewport_can_go_back (v));
  lanes_viewport_go_back (v);
  g_assert_cmpfloat (lanes_viewport_get_range (v).start, ==, START + 100000);
  lanes_viewport_go_back (v);
  g_assert_cmpfloat (lanes_viewport_get_range (v).span, ==, whole.span);
  g_assert_false (lanes_viewport_can_go_back (v));
  g_assert_true (lanes_viewport_can_go_forward (v));
  lanes_viewport_go_forward (v);
  g_assert_cmpfloat (lanes_viewport_get_range (v).start, ==, START + 100000);

  /* A new place drops what was forward of here. */
  lanes_viewport_fit (v);
  g_assert_false (lanes_viewport_can_go_forward (v));
}

/* While a trace loads, a view of all of it follows its end; a view the
 * user chose stays, and may then pan into the new part. */
static void
test_extend (void)
{
  g_autoptr(LanesViewport) whole = lanes_viewport_new (START, START + 1000);
  g_autoptr(LanesViewport) chosen = lanes_viewport_new (START, START + 1000);
  LanesViewRange r;

  lanes_viewport_extend (whole, END);
  r = lanes_viewport_get_range (whole);
  g_assert_cmpfloat (r.start, ==, START);
  g_assert_cmpfloat (r.span, ==, END - START);

  lanes_viewport_show (chosen, START + 100, START + 600);
  lanes_viewport_extend (chosen, END);
  r = lanes_viewport_get_range (chosen);
  g_assert_cmpfloat (r.start, ==, START + 100);
  g_assert_cmpfloat (r.span, ==, 500);
  lanes_viewport_pan (chosen, 10);
  g_assert_cmpfloat (lanes_viewport_get_range (chosen).start, ==, START + 100 + 10 * 500);

  /* A trace never shrinks. */
  lanes_viewport_extend (whole, START + 10);
  g_assert_cmpfloat (lanes_viewport_get_range (whole).span, ==, END - START);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/viewport/whole-trace", test_starts_on_whole_trace);
  g_test_add_func ("/viewport/zoom-keeps-anchor", test_zoom_keeps_anchor);
  g_test_add_func ("/viewport/pinch-steps", test_pinch_steps);
  g_test_add_func ("/viewport/zoom-unknown-pointer", test_zoom_unknown_pointer);
  g_test_add_func ("/viewport/zoom-limits", test_zoom_limits);
  g_test_add_func ("/viewport/pan-stays-in-trace", test_pan_stays_in_trace);
  g_test_add_func ("/viewport/history", test_history);
  g_test_add_func ("/viewport/extend", test_extend);
  return g_test_run ();
}
