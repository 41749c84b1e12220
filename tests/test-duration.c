/* test-duration.c: window sizes as people type them, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-duration.h"

static void
test_parse (void)
{
  static const struct { const char *text; gint64 ns; } good[] = {
    { "10ms", 10000000 }, { "1.5s", 1500000000 }, { "250us", 250000 }, { "250µs", 250000 },
    { "100ns", 100 }, { "42", 42 }, { "2 s", 2000000000 }, { ".5ms", 500000 },
  };
  static const char *const bad[] = { "", "ms", "-1ms", "10 m", "10msx", "1e30s", "ten" };
  gint64 ns;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (lanes_duration_parse (good[i].text, &ns));
      g_assert_cmpint (ns, ==, good[i].ns);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (lanes_duration_parse (bad[i], &ns));
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/duration/parse", test_parse);
  g_test_add_func ("/duration/format", test_format);
  return g_test_run ();
}
