/* test-palette.c: the palette against the distances people need.
 *
 * Any two span colours, and a user region's strip and each of them,
 * must differ by a CIEDE2000 distance of at least 10 (sRGB → linear →
 * XYZ under D65 → CIELAB), and every span colour must take its label at
 * a WCAG contrast of 4.5:1 or more, in both styles.  The shades of a GC
 * mark worker (dedicated, fractional, idle) and the mark phase are one
 * legend entry, so they are only held apart from the rest.  Both
 * formulas are written here from their published definitions (Sharma,
 * Wu and Dalal 2005; WCAG 2.x), not borrowed from the code under test,
 * and checked against published values first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "lanes-palette.h"

#define MIN_DELTA_E   10.0
#define MIN_CONTRAST  4.5

typedef struct
{
  double l;
  double a;
  double b;
} Lab;

static double
linear (guint channel)
{
  double c = channel / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  const double delta = 6.0 / 29;

  return t > delta * delta * delta ? cbrt (t) : t / (3 * delta * delta) + 4.0 / 29;
}

static Lab
lab_of (LanesRgb rgb)
{
  double r = linear ((rgb >> 16) & 0xff), g = linear ((rgb >> 8) & 0xff), b = linear (rgb & 0xff);
  /* sRGB to XYZ, then relative to the D65 white. */
  double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;

  return (Lab) { 116 * lab_f (y) - 16, 500 * (lab_f (x) - lab_f (y)), 200 * (lab_f (y) - lab_f (z)) };
}

static double
radians (double degrees)
{
  return degrees * G_PI / 180;
}

/* Hue angle in degrees, 0 for a neutral colour. */
static double
hue (double a,
     double b)
{
  double h;

  if (a == 0 && b == 0)
    return 0;
  h = atan2 (b, a) * 180 / G_PI;
  return h < 0 ? h + 360 : h;
}

static double
delta_e_2000 (Lab p,
              Lab q)
{
  double c1 = hypot (p.a, p.b), c2 = hypot (q.a, q.b), c_bar = (c1 + c2) / 2;
  double c_bar7 = pow (c_bar, 7), g = 0.5 * (1 - sqrt (c_bar7 / (c_bar7 + pow (25, 7))));
  double a1 = (1 + g) * p.a, a2 = (1 + g) * q.a;
  double c1p = hypot (a1, p.b), c2p = hypot (a2, q.b);
  double h1 = hue (a1, p.b), h2 = hue (a2, q.b);
  double dl = q.l - p.l, dc = c2p - c1p, dh = 0, h_bar;
  double l_bar = (p.l + q.l) / 2, c_barp = (c1p + c2p) / 2, c_barp7 = pow (c_barp, 7);
  double t, d_theta, rc, sl, sc, sh, rt;

  if (c1p * c2p != 0)
    {
      dh = h2 - h1;
      if (dh > 180)
        dh -= 360;
      else if (dh < -180)
        dh += 360;
    }
  dh = 2 * sqrt (c1p * c2p) * sin (radians (dh / 2));

  if (c1p * c2p == 0)
    h_bar = h1 + h2;
  else if (fabs (h1 - h2) <= 180)
    h_bar = (h1 + h2) / 2;
  else
    h_bar = (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2;

  t = 1 - 0.17 * cos (radians (h_bar - 30)) + 0.24 * cos (radians (2 * h_bar))
      + 0.32 * cos (radians (3 * h_bar + 6)) - 0.20 * cos (radians (4 * h_bar - 63));
  d_theta = 30 * exp (-pow ((h_bar - 275) / 25, 2));
  rc = 2 * sqrt (c_barp7 / (c_barp7 + pow (25, 7)));
  sl = 1 + 0.015 * pow (l_bar - 50, 2) / sqrt (20 + pow (l_bar - 50, 2));
  sc = 1 + 0.045 * c_barp;
  sh = 1 + 0.015 * c_barp * t;
  rt = -sin (radians (2 * d_theta)) * rc;
  return sqrt (pow (dl / sl, 2) + pow (dc / sc, 2) + pow (dh / sh, 2) + rt * (dc / sc) * (dh / sh));
}

static double
relative_luminance (LanesRgb rgb)
{
  return 0.2126 * linear ((rgb >> 16) & 0xff) + 0.7152 * linear ((rgb >> 8) & 0xff) + 0.0722 * linear (rgb & 0xff);
}

static double
contrast (LanesRgb x,
          LanesRgb y)
{
  double lx = relative_luminance (x), ly = relative_luminance (y);

  return (MAX (lx, ly) + 0.05) / (MIN (lx, ly) + 0.05);
}

/* Pairs from Sharma, Wu and Dalal's test data, with their distances. */
static void
test_formulas (void)
{
  static const struct { Lab p, q; double delta; } pairs[] = {
    { { 50, 2.6772, -79.7751 }, { 50, 0, -82.7485 }, 2.0425 },
    { { 50, -1.3802, -84.2814 }, { 50, 0, -82.7485 }, 1.0000 },
    { { 50, 2.5, 0 }, { 50, 0, -2.5 }, 4.3065 },
    { { 50, 2.5, 0 }, { 73, 25, -18 }, 27.1492 },
    { { 60.2574, -34.0099, 36.2677 }, { 60.4626, -34.1751, 39.4387 }, 1.2644 },
    { { 22.7233, 20.0904, -46.6940 }, { 23.0331, 14.9730, -42.5619 }, 2.0373 },
    { { 2.0776, 0.0795, -1.1350 }, { 0.9033, -0.0636, -0.5514 }, 0.9082 },
  };
  Lab white = lab_of (0xffffff), red = lab_of (0xff0000);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_cmpfloat_with_epsilon (delta_e_2000 (pairs[i].p, pairs[i].q), pairs[i].delta, 1e-4);
      g_assert_cmpfloat_with_epsilon (delta_e_2000 (pairs[i].q, pairs[i].p), pairs[i].delta, 1e-4);
    }
  /* sRGB white and red in CIELAB. */
  g_assert_cmpfloat_with_epsilon (white.l, 100, 1e-3);
  g_assert_cmpfloat_with_epsilon (white.a, 0, 1e-3);
  g_assert_cmpfloat_with_epsilon (red.l, 53.24, 0.01);
  g_assert_cmpfloat_with_epsilon (red.a, 80.09, 0.01);
  g_assert_cmpfloat_with_epsilon (red.b, 67.20, 0.01);
  g_assert_cmpfloat_with_epsilon (contrast (0x000000, 0xffffff), 21, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrast (0x777777, 0xffffff), 4.48, 0.01);
}

static gboolean
is_drawn (LanesState state)
{
  return !lanes_state_is_background (state);
}

/* One legend entry, "GC worker", stands for all of these. */
static gboolean
is_gc_work (LanesState state)
{
  return lanes_state_is_gc_worker (state) || state == LANES_STATE_GC_MARK;
}

static void
check_distinct (gboolean    dark,
                const char *what,
                LanesRgb    x,
                const char *other,
                LanesRgb    y)
{
  double delta = delta_e_2000 (lab_of (x), lab_of (y));

  if (delta < MIN_DELTA_E)
    g_test_fail_printf ("%s palette: %s #%06x and %s #%06x differ by %.2f", dark ? "dark" : "light",
                        what, x, other, y, delta);
}

/* Span colours apart, and the strip that marks a user region along a
 * goroutine's lane apart from all of them. */
static void
test_distinct (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      const LanesPalette *palette = lanes_palette_get (dark);

      for (LanesState s = 0; s < LANES_N_STATES; s++)
        {
          if (!is_drawn (s))
            continue;
          check_distinct (dark, lanes_state_to_string (s), palette->states[s], "region", palette->region);
          for (LanesState t = s + 1; t < LANES_N_STATES; t++)
            if (is_drawn (t) && !(is_gc_work (s) && is_gc_work (t)))
              check_distinct (dark, lanes_state_to_string (s), palette->states[s],
                              lanes_state_to_string (t), palette->states[t]);
        }
    }
}

static void
check_label (const char *what,
             LanesRgb    background)
{
  LanesRgb text = lanes_palette_text_on (background);
  double ratio = contrast (text, background);

  if (ratio < MIN_CONTRAST)
    g_test_fail_printf ("label #%06x on %s #%06x: contrast %.2f:1", text, what, background, ratio);
}

static void
test_labels (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      const LanesPalette *palette = lanes_palette_get (dark);

      for (LanesState s = 0; s < LANES_N_STATES; s++)
        if (is_drawn (s))
          check_label (lanes_state_to_string (s), palette->states[s]);
      check_label ("task", palette->task);
      check_label ("region", palette->region);
    }
}

/* The label colour is the better of the two, not merely a good one. */
static void
test_text_on (void)
{
  static const LanesRgb backgrounds[] = { 0x000000, 0xffffff, 0x3584e4, 0x767676, 0x808080, 0xe01b24 };
  LanesRgb on_white = lanes_palette_text_on (0xffffff), on_black = lanes_palette_text_on (0x000000);

  g_assert_cmphex (on_white, !=, on_black);
  for (guint i = 0; i < G_N_ELEMENTS (backgrounds); i++)
    {
      double chosen = contrast (lanes_palette_text_on (backgrounds[i]), backgrounds[i]);

      g_assert_cmpfloat (chosen, >=, contrast (on_white, backgrounds[i]));
      g_assert_cmpfloat (chosen, >=, contrast (on_black, backgrounds[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/palette/formulas", test_formulas);
  g_test_add_func ("/palette/distinct", test_distinct);
  g_test_add_func ("/palette/labels", test_labels);
  g_test_add_func ("/palette/text-on", test_text_on);
  return g_test_run ();
}
