/* test-mmu.c: the MMU curve on utilization functions whose MMU is known
 * by hand, and the utilization builder on a few events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-mmu.h"

#define EPSILON 1e-12

/* A function from (time, util) pairs. */
static GArray *
function_of (const gint64 *times,
             const double *utils,
             guint         n)
{
  GArray *function = g_array_new (FALSE, FALSE, sizeof (LanesUtilPoint));

  for (guint i = 0; i < n; i++)
    g_array_append_vals (function, &(LanesUtilPoint) { times[i], utils[i] }, 1);
  return function;
}

static LanesMmuCurve *
curve_of (GArray *function)
{
  g_autoptr(GPtrArray) functions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  g_ptr_array_add (functions, function);
  return lanes_mmu_curve_new (functions);
}

/* Fully used, except a 10 ns gap at 10: any window that holds the whole
 * gap has utilization (window - 10) / window, smaller ones can be 0. */
static LanesMmuCurve *
gap_curve (void)
{
  static const gint64 times[] = { 0, 10, 20, 100 };
  static const double utils[] = { 1, 0, 1, 0 };

  return curve_of (function_of (times, utils, G_N_ELEMENTS (times)));
}

static void
test_gap (void)
{
  g_autoptr(LanesMmuCurve) curve = gap_curve ();

  g_assert_cmpint (lanes_mmu_curve_get_duration (curve), ==, 100);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 5), 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 10), 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 20), 0.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 40), 0.75, EPSILON);
  /* The whole trace, and windows longer than it, which are cut to it. */
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 100), 0.9, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 1000), 0.9, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 0), 0.0, EPSILON);
}

static void
test_worst_windows (void)
{
  g_autoptr(LanesMmuCurve) curve = gap_curve ();
  LanesUtilWindow worst[3];
  guint n = lanes_mmu_curve_get_worst_windows (curve, 20, G_N_ELEMENTS (worst), worst);

  /* The worst 20 ns windows hold the whole gap; the ones listed after it
   * do not overlap it, so they cannot hold any of it. */
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpfloat_with_epsilon (worst[0].util, 0.5, EPSILON);
  g_assert_cmpint (worst[0].start, >=, 0);
  g_assert_cmpint (worst[0].start, <=, 10);
  for (guint i = 1; i < n; i++)
    {
      g_assert_cmpfloat (worst[i].util, >=, worst[i - 1].util);
      g_assert_true (worst[i].start >= worst[0].start + 20 || worst[i].start + 20 <= worst[0].start);
    }
}

static void
test_mean_util (void)
{
  g_autoptr(LanesMmuCurve) curve = gap_curve ();

  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mean_util (curve, 0, 20), 0.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mean_util (curve, 5, 15), 0.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mean_util (curve, 20, 100), 1.0, EPSILON);
}

/* Two Ps of four busy with GC for 30 ns, then one for 10 ns more: the
 * MMU falls from 1/2 at 30 ns to (30 * 1/2 + 10 * 3/4 + 10) / 50 = 0.65
 * at 50 ns. */
static void
test_fractions (void)
{
  static const gint64 times[] = { 0, 100, 130, 140, 1000 };
  static const double utils[] = { 1, 0.5, 0.75, 1, 0 };
  g_autoptr(LanesMmuCurve) curve = curve_of (function_of (times, utils, G_N_ELEMENTS (times)));

  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 30), 0.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 40), (30 * 0.5 + 10 * 0.75) / 40, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 50), 0.65, EPSILON);
}

/* Per P, the MMU is the lowest over all Ps' functions. */
static void
test_several_functions (void)
{
  static const gint64 times_a[] = { 0, 50, 60, 200 };
  static const double utils_a[] = { 1, 0, 1, 0 };
  static const gint64 times_b[] = { 0, 120, 150, 200 };
  static const double utils_b[] = { 1, 0, 1, 0 };
  g_autoptr(GPtrArray) functions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(LanesMmuCurve) curve = NULL;

  g_ptr_array_add (functions, function_of (times_a, utils_a, 4));
  g_ptr_array_add (functions, function_of (times_b, utils_b, 4));
  curve = lanes_mmu_curve_new (functions);
  /* A has a 10 ns gap, B a 30 ns one. */
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 10), 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 30), 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 40), 0.25, EPSILON);
}

static void
test_no_functions (void)
{
  g_autoptr(GPtrArray) functions = g_ptr_array_new ();
  g_autoptr(LanesMmuCurve) curve = lanes_mmu_curve_new (functions);

  g_assert_cmpfloat (lanes_mmu_curve_get_mmu (curve, 1000), ==, 1.0);
  g_assert_cmpint (lanes_mmu_curve_get_duration (curve), ==, 0);
}

/* Many steps, so that the search cuts the function into bands and skips
 * most of them: it must still find the one bad stretch. */
static void
test_many_steps (void)
{
  GArray *function = g_array_new (FALSE, FALSE, sizeof (LanesUtilPoint));
  g_autoptr(LanesMmuCurve) curve = NULL;

  /* 5000 periods of 100 ns, a quarter of each spent in GC, but one
   * period entirely in GC. */
  for (gint64 period = 0; period < 5000; period++)
    {
      gint64 t = period * 100;
      double busy = period == 3217 ? 0 : 1;
      g_array_append_vals (function, &(LanesUtilPoint) { t, busy }, 1);
      if (period != 3217)
        g_array_append_vals (function, &(LanesUtilPoint) { t + 75, 0 }, 1);
    }
  g_array_append_vals (function, &(LanesUtilPoint) { 500000, 0 }, 1);
  curve = curve_of (function);

  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 100), 0.0, EPSILON);
  /* Over 400 ns the worst holds the 100 ns gap and three periods: 225 of
   * 400 ns free. */
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mmu (curve, 400), 225.0 / 400, EPSILON);
  /* Far from the gap, every whole number of periods is 3/4 free. */
  g_assert_cmpfloat_with_epsilon (lanes_mmu_curve_get_mean_util (curve, 100000, 200000), 0.75, EPSILON);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mmu/gap", test_gap);
  g_test_add_func ("/mmu/worst-windows", test_worst_windows);
  g_test_add_func ("/mmu/mean-util", test_mean_util);
  g_test_add_func ("/mmu/fractions", test_fractions);
  g_test_add_func ("/mmu/several-functions", test_several_functions);
  g_test_add_func ("/mmu/no-functions", test_no_functions);
  g_test_add_func ("/mmu/many-steps", test_many_steps);
  return g_test_run ();
}
