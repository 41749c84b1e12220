/* lanes-text.c: fonts and layouts for the text of frames.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-text.h"

#include <pango/pangocairo.h>
#include <string.h>

#define MAX_CACHED 1024      /* strings kept from a frame to the next */

/* A string laid out in a style, whole (width -1) or cut to a width. */
typedef struct
{
  LanesTextStyle style;
  int width;
  PangoEllipsizeMode ellipsize;
  const char *text;
} Key;

typedef struct
{
  Key key;              /* first: the table looks entries up by key */
  PangoLayout *layout;
} Entry;

/* The strings of the frame being drawn are kept, and those of the one
 * before, which the next frame mostly draws again (names, headings, the
 * legend, labels of spans while the view pans): they are shaped once.
 * Layouts of strings that stop showing are used again for new ones. */
struct _LanesText
{
  GObject parent_instance;

  PangoContext *context;
  PangoFontDescription *fonts[LANES_TEXT_N_STYLES];
  GHashTable *current;  /* Entry, drawn since the last update */
  GHashTable *previous; /* Entry, drawn before that */
  GPtrArray *spare;     /* PangoLayout, free for another string */
  PangoLayout *scratch; /* beyond MAX_CACHED */
  /* What the context was last matched to (options NULL: nothing yet) */
  cairo_matrix_t matrix;
  cairo_font_options_t *target_options;
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

static guint
key_hash (gconstpointer data)
{
  const Key *key = data;

  return g_str_hash (key->text) ^ (guint) (key->style * 31 + key->ellipsize * 7) ^ (guint) key->width << 8;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *x = a, *y = b;

  return x->style == y->style && x->width == y->width && x->ellipsize == y->ellipsize
         && strcmp (x->text, y->text) == 0;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free ((char *) entry->key.text);
  g_clear_object (&entry->layout);
  g_free (entry);
}

static GHashTable *
entry_table_new (void)
{
  return g_hash_table_new_full (key_hash, key_equal, entry_free, NULL);
}

static void
lanes_text_finalize (GObject *object)
{
  LanesText *self = LANES_TEXT (object);

  g_hash_table_unref (self->current);
  g_hash_table_unref (self->previous);
  g_ptr_array_unref (self->spare);
  g_clear_object (&self->scratch);
  g_clear_pointer (&self->target_options, cairo_font_options_destroy);
  for (guint i = 0; i < LANES_TEXT_N_STYLES; i++)
    pango_font_description_free (self->fonts[i]);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lanes_text_parent_class)->finalize (object);
}

static void
lanes_text_class_init (LanesTextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanes_text_finalize;
}

static PangoLayout *
new_layout (LanesText *self)
{
  PangoLayout *layout = pango_layout_new (self->context);

  /* A line break in a trace's string is drawn, not obeyed. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
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
      self->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family_static (self->fonts[i], "Sans");
      pango_font_description_set_weight (self->fonts[i], styles[i].weight);
      /* Pixels, whatever the screen's resolution, as the geometry around
       * the text is in pixels too. */
      pango_font_description_set_absolute_size (self->fonts[i], styles[i].pixels * PANGO_SCALE);
    }
  self->current = entry_table_new ();
  self->previous = entry_table_new ();
  self->spare = g_ptr_array_new_with_free_func (g_object_unref);
  self->scratch = new_layout (self);
}

LanesText *
lanes_text_new (void)
{
  return g_object_new (LANES_TYPE_TEXT, NULL);
}

static gboolean
spare_layout (gpointer key,
              gpointer value,
              gpointer data)
{
  Entry *entry = key;
  LanesText *self = data;

  if (self->spare->len < MAX_CACHED)
    g_ptr_array_add (self->spare, g_steal_pointer (&entry->layout));
  entry_free (entry);
  return TRUE;
}

void
lanes_text_update (LanesText *self,
                   cairo_t   *cr)
{
  GHashTable *older = self->previous;
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_matrix_t matrix;

  /* Matching the context marks it changed, and every layout would be
   * laid out again: only when @cr differs from the last one. */
  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_font_options (cairo_get_target (cr), options);
  if (self->target_options == NULL || memcmp (&matrix, &self->matrix, sizeof matrix) != 0
      || !cairo_font_options_equal (options, self->target_options))
    {
      pango_cairo_update_context (cr, self->context);
      self->matrix = matrix;
      g_clear_pointer (&self->target_options, cairo_font_options_destroy);
      self->target_options = g_steal_pointer (&options);
    }
  g_clear_pointer (&options, cairo_font_options_destroy);
  g_hash_table_foreach_steal (older, spare_layout, self);
  self->previous = self->current;
  self->current = older;
}

static void
set_text (PangoLayout *layout,
          const char  *text)
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

/* @text laid out in @style, cut to @width unless it is negative. */
static PangoLayout *
lay_out (LanesText          *self,
         LanesTextStyle      style,
         const char         *text,
         int                 width,
         PangoEllipsizeMode  ellipsize)
{
  Key key = { style, MAX (width, -1), width >= 0 ? ellipsize : PANGO_ELLIPSIZE_NONE, text };
  Entry *entry = g_hash_table_lookup (self->current, &key);
  PangoLayout *layout;

  if (entry != NULL)
    return entry->layout;
  if (g_hash_table_steal_extended (self->previous, &key, (gpointer *) &entry, NULL))
    {
      g_hash_table_add (self->current, entry);
      return entry->layout;
    }
  if (g_hash_table_size (self->current) < MAX_CACHED)
    {
      entry = g_new (Entry, 1);
      entry->key = key;
      entry->key.text = g_strdup (text);
      entry->layout = self->spare->len > 0 ? g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1)
                                           : new_layout (self);
      g_hash_table_add (self->current, entry);
      layout = entry->layout;
    }
  else
    layout = self->scratch;
  pango_layout_set_font_description (layout, self->fonts[style]);
  set_text (layout, text);
  pango_layout_set_width (layout, key.width >= 0 ? key.width * PANGO_SCALE : -1);
  pango_layout_set_ellipsize (layout, key.ellipsize);
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
