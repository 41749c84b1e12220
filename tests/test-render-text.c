/* test-render-text.c: a frame's text in French, with goroutines named
 * in other alphabets.
 *
 * A trace built here has goroutines that start in functions named with
 * accents, a combining accent, Greek and Cyrillic letters, one too long
 * for its lane's name, and a task.  Its timeline is drawn with
 * LANGUAGE=fr and the build's own translations.  Each lane's name and
 * each group's heading must show, pixel for pixel, what Pango draws of
 * the same string in the font the frame is drawn in (Sans, 11 pixels,
 * bold for headings; grey antialiasing, slight hinting, hinted metrics):
 * shaped, whole where it fits, ellipsized where it does not, with every
 * letter found in a font.  Then how LanesText cuts strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <pango/pangocairo.h>

#include "lanes-palette.h"
#include "lanes-renderer.h"
#include "lanes-text.h"
#include "lanes-wire.h"
#include "test-pixels.h"
#include "trace-writer.h"

#define WIDTH  900
#define HEIGHT 420

/* Where the frame draws text (lanes-renderer.c): names 14 pixels in,
 * 4 below their row's middle, in the name column less 20 pixels;
 * headings 8 pixels in, 14 down, across the frame less 16 pixels. */
#define NAME_X        14
#define NAME_ROOM     (LANES_RENDER_LABEL_WIDTH - 20)
#define HEADING_X     8
#define HEADING_DOWN  14

static const char * const functions[] = {
  "main.café·Überprüfung",
  "main.cafe\xcc\x81",                  /* "e" and a combining acute accent */
  "main.Σύνοψη",
  "main.(*Обработчик).ОбработатьВсеЗаписиСОсобойТщательностью",
};

/* One P running goroutine 1, which starts a goroutine in each of
 * functions[] (each in a stack of its own) and a task; each goroutine
 * then runs for a while on the P. */
static LanesTimeline *
build_timeline (void)
{
  const char *strings[G_N_ELEMENTS (functions) + 3] = { "main.go", "vérifier" };
  g_autoptr(TraceWriter) w = trace_writer_new (23);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LanesTimeline *timeline;
  guint64 g;

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    strings[2 + i] = functions[i];
  trace_writer_sync_batch (w, 23, 1, 1000000000);   /* 1 ns per tick */
  trace_writer_strings (w, 1, strings);
  trace_writer_begin_batch (w, 1, G_MAXUINT64, 1);
  trace_writer_byte (w, LANES_WIRE_STACKS);
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    /* Stack i + 1: one frame, in string 3 + i, at main.go:10 + i. */
    trace_writer_event (w, LANES_WIRE_STACK, 6, (guint64) i + 1, (guint64) 1, (guint64) 0x401000 + 16 * i,
                        (guint64) 3 + i, (guint64) 1, (guint64) 10 + i);
  trace_writer_end_batch (w);

  trace_writer_begin_batch (w, 1, 1, 100);
  trace_writer_event (w, LANES_WIRE_PROC_STATUS, 3, 0, 0, LANES_WIRE_PROC_RUNNING);
  trace_writer_event (w, LANES_WIRE_GO_STATUS, 4, 0, 1, 1, LANES_WIRE_GO_RUNNING);
  trace_writer_event (w, LANES_WIRE_USER_TASK_BEGIN, 5, 10, 1, 0, 2, 0);
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    trace_writer_event (w, LANES_WIRE_GO_CREATE, 4, 10, (guint64) 2 + i, (guint64) 1 + i, 0);
  for (g = 1; g < 2 + G_N_ELEMENTS (functions); g++)
    {
      if (g > 1)
        trace_writer_event (w, LANES_WIRE_GO_START, 3, 10, g, 1);
      trace_writer_event (w, LANES_WIRE_GO_STOP, 3, 100000, 0, 0);
    }
  trace_writer_event (w, LANES_WIRE_USER_TASK_END, 3, 10, 1, 0);
  trace_writer_end_batch (w);

  bytes = trace_writer_bytes (w);
  timeline = lanes_timeline_new_for_bytes (bytes, "alphabets.trace", &error);
  g_assert_no_error (error);
  return timeline;
}

/* @text as Pango draws it with the frame's font options in @font, its
 * baseline's left end at (@x, @baseline), ellipsized as @ellipsize says
 * in @room pixels, over the background of @frame's box @x0, @y0, @x1,
 * @y1 (taken at its left edge, where no text is), into @expected.
 * Returns how many pixels the text covers there. */
static int
draw_expected (cairo_surface_t    *expected,
               cairo_surface_t    *frame,
               const char         *text,
               const char         *font,
               double              x,
               double              baseline,
               int                 room,
               PangoEllipsizeMode  ellipsize,
               int                 x0,
               int                 y0,
               int                 x1,
               int                 y1,
               gboolean           *ellipsized)
{
  cairo_t *cr = cairo_create (expected);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *description = pango_font_description_from_string (font);
  LanesRgb background = pixel (frame, 1, y0 + 1);
  int covered = 0;

  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_ON);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, room * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, ellipsize);
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
  if (pango_layout_get_unknown_glyphs_count (layout) != 0)
    g_test_fail_printf ("“%s”: %d letters no font has", text, pango_layout_get_unknown_glyphs_count (layout));
  *ellipsized = pango_layout_is_ellipsized (layout);

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_clip (cr);
  lanes_palette_set_source (cr, background, 1);
  cairo_paint (cr);
  lanes_palette_set_source (cr, lanes_palette_get (FALSE)->text, 1);
  /* From the layout's top, where the frame draws from its baseline. */
  cairo_move_to (cr, x, baseline - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (expected);
  for (int y = y0; y < y1; y++)
    for (int px = x0; px < x1; px++)
      covered += pixel (expected, px, y) != background;
  cairo_font_options_destroy (options);
  pango_font_description_free (description);
  return covered;
}

/* @frame's box @x0, @y0, @x1, @y1 holds @text as expected. */
static void
check_text (cairo_surface_t    *frame,
            const char         *text,
            const char         *font,
            double              x,
            double              baseline,
            int                 room,
            PangoEllipsizeMode  ellipsize,
            gboolean            should_ellipsize,
            int                 x0,
            int                 y0,
            int                 x1,
            int                 y1)
{
  cairo_surface_t *expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  gboolean ellipsized;
  int covered = draw_expected (expected, frame, text, font, x, baseline, room, ellipsize,
                               x0, y0, x1, y1, &ellipsized), wrong = 0;
  int wrong_x0 = x1, wrong_y0 = y1, wrong_x1 = x0, wrong_y1 = y0;

  g_assert_cmpint (ellipsized, ==, should_ellipsize);
  /* Something to compare: the text covers more than a few pixels. */
  g_assert_cmpint (covered, >, 40);
  for (int y = y0; y < y1; y++)
    for (int px = x0; px < x1; px++)
      if (pixel (frame, px, y) != pixel (expected, px, y))
        {
          wrong++;
          wrong_x0 = MIN (wrong_x0, px);
          wrong_y0 = MIN (wrong_y0, y);
          wrong_x1 = MAX (wrong_x1, px + 1);
          wrong_y1 = MAX (wrong_y1, y + 1);
        }
  if (wrong > 0)
    {
      g_autofree char *base = g_build_filename (g_get_tmp_dir (), "lanes-test-render-text", NULL);
      g_autofree char *drawn = g_strconcat (base, "-drawn.png", NULL);
      g_autofree char *wanted = g_strconcat (base, "-expected.png", NULL);

      cairo_surface_write_to_png (frame, drawn);
      cairo_surface_write_to_png (expected, wanted);
      g_test_message ("“%s”: %d of %d pixels differ from Pango's, in x %d…%d, y %d…%d (see %s and %s)",
                      text, wrong, (x1 - x0) * (y1 - y0), wrong_x0, wrong_x1, wrong_y0, wrong_y1, drawn, wanted);
      g_test_fail ();
    }
  cairo_surface_destroy (expected);
}

static void
test_names_and_headings (void)
{
  g_autoptr(LanesTimeline) timeline = build_timeline ();
  g_autoptr(LanesRenderer) renderer = lanes_renderer_new (timeline);
  guint groups = (1u << LANES_GROUP_PROCS) | (1u << LANES_GROUP_GOROUTINES) | (1u << LANES_GROUP_TASKS);
  g_autoptr(GArray) lanes = lanes_renderer_pick_lanes (renderer, groups, WIDTH, HEIGHT);
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (frame);
  guint first, n = lanes_timeline_get_group (timeline, LANES_GROUP_GOROUTINES, &first), checked = 0;
  static const struct { LanesGroup group; const char *heading; } headings[] = {
    { LANES_GROUP_PROCS, "\u25BE Processeurs  ·  1" },
    { LANES_GROUP_TASKS, "\u25BE Tâches  ·  1" },
  };

  lanes_renderer_draw (renderer, cr, WIDTH, HEIGHT, lanes_timeline_get_start (timeline),
                       lanes_timeline_get_end (timeline), (const guint *) lanes->data, lanes->len);
  cairo_destroy (cr);
  cairo_surface_flush (frame);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (functions) + 1);
  for (guint lane = first; lane < first + n; lane++)
    {
      gint64 id = lanes_timeline_lane_get_id (timeline, lane);
      g_autofree char *name = NULL;
      int y, height;

      if (id < 2)
        continue;
      name = g_strdup_printf ("G%" G_GINT64_FORMAT " %s", id, functions[id - 2]);
      g_assert_true (lanes_renderer_get_lane_area (renderer, lane, &y, &height));
      /* The long one loses its middle; the others fit. */
      check_text (frame, name, "Sans 11px", NAME_X, y + height / 2 + 4, NAME_ROOM, PANGO_ELLIPSIZE_MIDDLE,
                  id - 2 == G_N_ELEMENTS (functions) - 1, 0, y, LANES_RENDER_LABEL_WIDTH - 1, y + height);
      checked++;
    }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (functions));

  for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
    {
      guint lane;
      int y, height;
      LanesGroup group;

      lanes_timeline_get_group (timeline, headings[h].group, &lane);
      g_assert_true (lanes_renderer_get_lane_area (renderer, lane, &y, &height));
      /* The heading is the row above the group's first lane, compared
       * in the names' column: grid lines cross the rest. */
      y -= LANES_RENDER_HEADER_HEIGHT;
      g_assert_true (lanes_renderer_get_heading_at (renderer, y, &group));
      g_assert_cmpint (group, ==, headings[h].group);
      check_text (frame, headings[h].heading, "Sans Bold 11px", HEADING_X, y + HEADING_DOWN,
                  WIDTH - 16, PANGO_ELLIPSIZE_END, FALSE,
                  0, y, LANES_RENDER_LABEL_WIDTH - 1, y + LANES_RENDER_HEADER_HEIGHT);
    }
  cairo_surface_destroy (frame);
}

/* The columns @text covers drawn by @text_style at x 10 into a clear
 * surface, cut to @room pixels (whole when negative): *@left … *@right,
 * both -1 when nothing is drawn. */
static void
drawn_columns (LanesText  *text_style,
               const char *text,
               int         room,
               int        *left,
               int        *right)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 30);
  cairo_t *cr = cairo_create (surface);
  const guint32 *data = (const guint32 *) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;

  lanes_text_update (text_style, cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (room < 0)
    lanes_text_draw (text_style, cr, LANES_TEXT_BODY, text, 10, 20);
  else
    lanes_text_draw_cut (text_style, cr, LANES_TEXT_BODY, text, 10, 20, room, PANGO_ELLIPSIZE_END);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  *left = *right = -1;
  for (int x = 0; x < 400; x++)
    for (int y = 0; y < 30; y++)
      if (data[y * stride + x] != 0)
        {
          *left = *left < 0 ? x : *left;
          *right = x;
        }
  cairo_surface_destroy (surface);
}

/* Text cut to a width stays inside it, the same string at two widths is
 * cut twice (not drawn as laid out for the other), a width that holds
 * no letter and the ellipsis draws nothing, and bytes that are not
 * UTF-8, as a trace may hold, draw as marks without a warning (which
 * would fail the test). */
static void
test_cut (void)
{
  g_autoptr(LanesText) text_style = lanes_text_new ();
  const char *name = "main.(*Überprüfung).Verarbeiten";
  int whole = lanes_text_get_width (text_style, LANES_TEXT_BODY, name), left, right;

  g_assert_cmpint (whole, >, 120);
  for (guint round = 0; round < 2; round++)
    {
      drawn_columns (text_style, name, -1, &left, &right);
      g_assert_cmpint (left, >=, 10);
      g_assert_cmpint (right, >, 10 + whole - 8);
      g_assert_cmpint (right, <, 10 + whole + 2);
      drawn_columns (text_style, name, 60, &left, &right);
      g_assert_cmpint (left, >=, 10);
      g_assert_cmpint (right, <, 10 + 60);
      g_assert_cmpint (right, >, 10 + 60 - 12);
      drawn_columns (text_style, name, 4, &left, &right);
      g_assert_cmpint (right, ==, -1);
    }
  drawn_columns (text_style, "main.\xff\xfe\xc3", -1, &left, &right);
  g_assert_cmpint (right, >, 10 + lanes_text_get_width (text_style, LANES_TEXT_BODY, "main.") - 2);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *catalogue = NULL;
  g_autofree char *po = NULL;
  int status;

  /* French from the build tree's catalogues, not the installed ones. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  catalogue = g_build_filename (po, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    g_error ("%s is missing: build the translations first", catalogue);
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/render-text/names-and-headings", test_names_and_headings);
  g_test_add_func ("/render-text/cut", test_cut);
  status = g_test_run ();
  /* Pango's fonts first: they hold cairo's. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  return status;
}
