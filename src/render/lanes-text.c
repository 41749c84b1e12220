/* lanes-text.c: fonts and layouts for the text of frames.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-text.h"

#include <pango/pangocairo.h>
#include <string.h>

struct _LanesText
{
  GObject parent_instance;

  PangoContext *context;
  PangoLayout *layouts[LANES_TEXT_N_STYLES];
};

G_DEFINE_FINAL_TYPE (LanesText, lanes_text, G_TYPE_OBJECT)

static const struct
{
  PangoWeight weight;
  int pixels;
} styles[LANES_TEXT_N_STYLES] = {
  [LANES_TEXT_BODY] = { PANGO_WEIGHT_NORMAL, 11 },
  [LANES_TEXT_HEADING] = { PANGO_WEIGHT_BOLD, 11 },
  [LANES_TEXT_SMALL] = { PANGO_WEIGHT_NORMAL, 10 },
  [LANES_TEXT_BADGE] = { PANGO_WEIGHT_BOLD, 12 },
  [LANES_TEXT_BANNER] = { PANGO_WEIGHT_BOLD, 14 },
};

static void
lanes_text_finalize (GObject *object)
{
  LanesText *self = LANES_TEXT (object);

  for (guint i = 0; i < LANES_TEXT_N_STYLES; i++)
    g_clear_object (&self->layouts[i]);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lanes_text_parent_class)->finalize (object);
}

static void
lanes_text_class_init (LanesTextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanes_text_finalize;
}

static void
lanes_text_init (LanesText *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Grey antialiasing and slight hinting on whole-pixel advances: crisp
   * at the small sizes frames use, and the same on every machine. */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_ON);
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < LANES_TEXT_N_STYLES; i++)
    {
      PangoFontDescription *font = pango_font_description_new ();

      pango_font_description_set_family_static (font, "Sans");
      pango_font_description_set_weight (font, styles[i].weight);
      /* Pixels, whatever the screen's resolution, as the geometry around
       * the text is in pixels too. */
      pango_font_description_set_absolute_size (font, styles[i].pixels * PANGO_SCALE);
      self->layouts[i] = pango_layout_new (self->context);
      pango_layout_set_font_description (self->layouts[i], font);
      /* A line break in a trace's string is drawn, not obeyed. */
      pango_layout_set_single_paragraph_mode (self->layouts[i], TRUE);
      pango_font_description_free (font);
    }
}

LanesText *
lanes_text_new (void)
{
  return g_object_new (LANES_TYPE_TEXT, NULL);
}

void
lanes_text_update (LanesText *self,
                   cairo_t   *cr)
{
  /* Changes nothing, and keeps the layouts, while @cr's transformation
   * and target stay the same. */
  pango_cairo_update_context (cr, self->context);
}

/* @style's layout holding @text, cut to @width unless it is negative. */
static PangoLayout *
lay_out (LanesText          *self,
         LanesTextStyle      style,
         const char         *text,
         int                 width,
         PangoEllipsizeMode  ellipsize)
{
  PangoLayout *layout = self->layouts[style];

  /* Measured, then drawn: shaped once. */
  if (strcmp (pango_layout_get_text (layout), text) != 0)
    {
      if (g_utf8_validate (text, -1, NULL))
        pango_layout_set_text (layout, text, -1);
      else
        {
          /* Strings come from the trace as they are. */
          g_autofree char *valid = g_utf8_make_valid (text, -1);

          pango_layout_set_text (layout, valid, -1);
        }
    }
  pango_layout_set_width (layout, width >= 0 ? width * PANGO_SCALE : -1);
  pango_layout_set_ellipsize (layout, width >= 0 ? ellipsize : PANGO_ELLIPSIZE_NONE);
  return layout;
}

int
lanes_text_get_width (LanesText      *self,
                      LanesTextStyle  style,
                      const char     *text)
{
  int width;

  pango_layout_get_pixel_size (lay_out (self, style, text, -1, PANGO_ELLIPSIZE_NONE), &width, NULL);
  return width;
}

/* Whether @line, ellipsized, keeps nothing of its text but the ellipsis. */
static gboolean
is_only_ellipsis (PangoLayoutLine *line)
{
  for (GSList *run = line->runs; run != NULL; run = run->next)
    if (!(((PangoLayoutRun *) run->data)->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS))
      return FALSE;
  return TRUE;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       baseline)
{
  cairo_move_to (cr, x, baseline);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (layout, 0));
}

void
lanes_text_draw (LanesText      *self,
                 cairo_t        *cr,
                 LanesTextStyle  style,
                 const char     *text,
                 double          x,
                 double          baseline)
{
  show (cr, lay_out (self, style, text, -1, PANGO_ELLIPSIZE_NONE), x, baseline);
}

void
lanes_text_draw_cut (LanesText          *self,
                     cairo_t            *cr,
                     LanesTextStyle      style,
                     const char         *text,
                     double              x,
                     double              baseline,
                     int                 width,
                     PangoEllipsizeMode  ellipsize)
{
  PangoLayout *layout;

  if (width <= 0)
    return;
  layout = lay_out (self, style, text, width, ellipsize);
  if (!pango_layout_is_ellipsized (layout) || !is_only_ellipsis (pango_layout_get_line_readonly (layout, 0)))
    show (cr, layout, x, baseline);
}
