/* test-duration.c: durations as people type them, and back: the CLI's
 * options, summaries, the window's panels and the timeline's axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-duration.h"

#include <string.h>

static void
test_parse (void)
{
  static const struct { const char *text; gint64 ns; } good[] = {
    { "10ms", 10000000 }, { "1.5s", 1500000000 }, { "250us", 250000 }, { "250µs", 250000 },
    { "100ns", 100 }, { "42", 42 }, { "2 s", 2000000000 }, { ".5ms", 500000 },
  };
  static const char *const bad[] = { "", "ms", "-1ms", "10 m", "10msx", "1e30s", "ten", "nan", "inf" };
  gint64 ns;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (lanes_duration_parse (good[i].text, &ns, NULL));
      g_assert_cmpint (ns, ==, good[i].ns);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lanes_duration_parse (bad[i], &ns, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_format (void)
{
  g_autofree char *ns = lanes_duration_format (999);
  g_autofree char *us = lanes_duration_format (1500);
  g_autofree char *ms = lanes_duration_format (10000000);
  g_autofree char *s = lanes_duration_format (2500000000);

  g_assert_cmpstr (ns, ==, "999 ns");
  g_assert_cmpstr (us, ==, "1.500 µs");
  g_assert_cmpstr (ms, ==, "10.000 ms");
  g_assert_cmpstr (s, ==, "2.500 s");
}

static void
check_precise (gint64      ns,
               gint64      precision,
               gint64      magnitude,
               const char *expected)
{
  g_autofree char *text = lanes_duration_format_precise (ns, precision, magnitude);
  g_assert_cmpstr (text, ==, expected);
}

/* Axis labels: the unit of the axis' magnitude, the decimals its step
 * needs. */
static void
test_format_precise (void)
{
  check_precise (1250000000, 10000000, 2000000000, "1.25 s");
  check_precise (1250000000, 250000000, 2000000000, "1.2 s");
  check_precise (340000, 10000, 500000, "340 µs");
  check_precise (12100050000, 50000, 20000000000, "12.10005 s");
  /* Neighbours below the magnitude keep its unit. */
  check_precise (500000, 500000, 2000000000, "0.0005 s");
  check_precise (7, 1, 9, "7 ns");
  check_precise (-1500, 100, 2000, "-1.5 µs");
}

static void
test_round_step (void)
{
  g_assert_cmpint (lanes_duration_round_step (0.3), ==, 1);
  g_assert_cmpint (lanes_duration_round_step (1), ==, 1);
  g_assert_cmpint (lanes_duration_round_step (1.5), ==, 2);
  g_assert_cmpint (lanes_duration_round_step (3), ==, 5);
  g_assert_cmpint (lanes_duration_round_step (6), ==, 10);
  g_assert_cmpint (lanes_duration_round_step (1.1e6), ==, 2000000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/duration/parse", test_parse);
  g_test_add_func ("/duration/format", test_format);
  g_test_add_func ("/duration/format-precise", test_format_precise);
  g_test_add_func ("/duration/round-step", test_round_step);
  return g_test_run ();
}
