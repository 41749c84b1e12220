/* lanes-flame-graph.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-flame-graph.h"

#include <math.h>
#include <string.h>

#include "lanes-renderer-private.h"

#define MIN_BOX_WIDTH   0.5     /* pixels a box needs to be laid out */
#define MIN_LABEL_WIDTH 24      /* pixels a box needs to be labelled */

struct _LanesFlameLayout
{
  GArray *boxes;        /* LanesFlameBox, by row then x */
  guint *row_starts;    /* n_rows + 1 offsets into boxes */
  guint n_rows;
  double width;
};

static void
add_box (GArray  *boxes,
         double   x,
         double   width,
         guint    depth,
         guint32  node)
{
  LanesFlameBox box = { x, width, depth, node };

  g_array_append_val (boxes, box);
}

/* @node at [@x, @x + @width) on row @row, its callees under it. */
static void
lay_out (const LanesCallTree *tree,
         GArray              *boxes,
         guint32              node,
         double               x,
         double               width,
         guint                row)
{
  const LanesCallNode *n = lanes_call_tree_get_node (tree, node);
  double scale = n->total > 0 ? width / n->total : 0;

  add_box (boxes, x, width, row, node);
  for (guint32 c = n->first_child; c != LANES_CALL_TREE_NONE; c = lanes_call_tree_get_node (tree, c)->next_sibling)
    {
      double w = lanes_call_tree_get_node (tree, c)->total * scale;

      /* Children come widest first: the rest are narrower still. */
      if (w < MIN_BOX_WIDTH)
        break;
      lay_out (tree, boxes, c, x, w, row + 1);
      x += w;
    }
}

static gint
compare_boxes (gconstpointer a,
               gconstpointer b)
{
  const LanesFlameBox *x = a, *y = b;

  if (x->depth != y->depth)
    return x->depth < y->depth ? -1 : 1;
  return x->x < y->x ? -1 : x->x > y->x;
}

LanesFlameLayout *
lanes_flame_layout_new (const LanesCallTree *tree,
                        guint32              focus,
                        double               width)
{
  LanesFlameLayout *layout = g_new0 (LanesFlameLayout, 1);
  guint focus_depth;

  layout->boxes = g_array_new (FALSE, FALSE, sizeof (LanesFlameBox));
  layout->width = width;
  if (focus >= lanes_call_tree_get_n_nodes (tree))
    {
      g_critical ("%s: no node %u", G_STRFUNC, focus);
      focus = LANES_CALL_TREE_ROOT;
    }
  /* The callers of the focused node, as wide as it. */
  focus_depth = lanes_call_tree_get_node (tree, focus)->depth;
  for (guint32 a = lanes_call_tree_get_node (tree, focus)->parent; a != LANES_CALL_TREE_NONE;
       a = lanes_call_tree_get_node (tree, a)->parent)
    add_box (layout->boxes, 0, width, lanes_call_tree_get_node (tree, a)->depth, a);
  lay_out (tree, layout->boxes, focus, 0, width, focus_depth);
  g_array_sort (layout->boxes, compare_boxes);

  layout->n_rows = layout->boxes->len > 0
                   ? g_array_index (layout->boxes, LanesFlameBox, layout->boxes->len - 1).depth + 1 : 0;
  layout->row_starts = g_new0 (guint, layout->n_rows + 1);
  for (guint i = 0; i < layout->boxes->len; i++)
    layout->row_starts[g_array_index (layout->boxes, LanesFlameBox, i).depth + 1]++;
  for (guint r = 0; r < layout->n_rows; r++)
    layout->row_starts[r + 1] += layout->row_starts[r];
  return layout;
}

void
lanes_flame_layout_free (LanesFlameLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->boxes, g_array_unref);
  g_free (layout->row_starts);
  g_free (layout);
}

const LanesFlameBox *
lanes_flame_layout_get_boxes (const LanesFlameLayout *layout,
                              guint                  *n_boxes)
{
  *n_boxes = layout->boxes->len;
  return (const LanesFlameBox *) layout->boxes->data;
}

guint
lanes_flame_layout_get_n_rows (const LanesFlameLayout *layout)
{
  return layout->n_rows;
}

guint32
lanes_flame_layout_node_at (const LanesFlameLayout *layout,
                            double                  x,
                            double                  y)
{
  const LanesFlameBox *boxes = (const LanesFlameBox *) layout->boxes->data;
  guint row, lo, hi;

  if (!(y >= 0) || y >= (double) layout->n_rows * LANES_FLAME_ROW_HEIGHT)
    return LANES_CALL_TREE_NONE;
  row = (guint) (y / LANES_FLAME_ROW_HEIGHT);
  /* The last box of the row starting at or before @x. */
  lo = layout->row_starts[row];
  hi = layout->row_starts[row + 1];
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (boxes[mid].x <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == layout->row_starts[row] || x >= boxes[lo - 1].x + boxes[lo - 1].width)
    return LANES_CALL_TREE_NONE;
  return boxes[lo - 1].node;
}

/* Colours */

/* "net/http" of "net/http.(*conn).serve", as a length. */
static gsize
package_length (const char *function)
{
  const char *slash = strrchr (function, '/');
  const char *dot = strchr (slash != NULL ? slash : function, '.');

  return dot != NULL ? (gsize) (dot - function) : strlen (function);
}

static LanesRgb
rgb_from_hsl (double hue,
              double saturation,
              double lightness)
{
  double chroma = (1 - fabs (2 * lightness - 1)) * saturation;
  double h = hue / 60, x = chroma * (1 - fabs (fmod (h, 2) - 1)), m = lightness - chroma / 2;
  double rgb[3] = { 0, 0, 0 };
  LanesRgb out = 0;

  switch ((int) h % 6)
    {
    case 0: rgb[0] = chroma; rgb[1] = x; break;
    case 1: rgb[0] = x; rgb[1] = chroma; break;
    case 2: rgb[1] = chroma; rgb[2] = x; break;
    case 3: rgb[1] = x; rgb[2] = chroma; break;
    case 4: rgb[0] = x; rgb[2] = chroma; break;
    default: rgb[0] = chroma; rgb[2] = x; break;
    }
  for (guint c = 0; c < 3; c++)
    out = (out << 8) | (guint) CLAMP ((rgb[c] + m) * 255 + 0.5, 0, 255);
  return out;
}

LanesRgb
lanes_flame_color (const char *function,
                   gboolean    dark)
{
  gsize length = package_length (function);
  guint32 hash = 2166136261u;

  /* FNV-1a: a package keeps its hue from run to run. */
  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) function[i]) * 16777619u;
  return dark ? rgb_from_hsl (hash % 360, 0.45, 0.36) : rgb_from_hsl (hash % 360, 0.6, 0.76);
}

/* Drawing */

static void
label_box (cairo_t             *cr,
           LanesText           *typesetter,
           const LanesCallTree *tree,
           const LanesFlameBox *box,
           LanesRgb             fill,
           double               x,
           double               y)
{
  const LanesCallNode *node = lanes_call_tree_get_node (tree, box->node);
  double baseline = y + box->depth * LANES_FLAME_ROW_HEIGHT + LANES_FLAME_ROW_HEIGHT - 7;
  int width = (int) (box->width - 6);

  if (box->width < MIN_LABEL_WIDTH)
    return;
  lanes_palette_set_source (cr, lanes_palette_text_on (fill), 1);
  if (node->parent == LANES_CALL_TREE_NONE)
    {
      g_autofree char *text = g_strdup_printf ("all: %" G_GUINT64_FORMAT " samples", node->total);

      lanes_text_draw_cut (typesetter, cr, LANES_TEXT_BODY, text, x + box->x + 3, baseline, width,
                           PANGO_ELLIPSIZE_END);
    }
  else
    /* Siblings often share a package and differ at the end, in the
     * function's own name: both ends stay. */
    lanes_text_draw_cut (typesetter, cr, LANES_TEXT_BODY,
                         lanes_render_short_function (lanes_call_tree_get_name (tree, box->node)),
                         x + box->x + 3, baseline, width, PANGO_ELLIPSIZE_MIDDLE);
}

void
lanes_flame_graph_draw (cairo_t                *cr,
                        const LanesFlameLayout *layout,
                        const LanesCallTree    *tree,
                        const LanesPalette     *palette,
                        double                  x,
                        double                  y,
                        double                  height)
{
  g_autoptr(LanesText) typesetter = lanes_text_new ();
  guint n;
  const LanesFlameBox *boxes = lanes_flame_layout_get_boxes (layout, &n);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, layout->width, height);
  cairo_clip (cr);
  lanes_palette_set_source (cr, palette->background, 1);
  cairo_paint (cr);
  lanes_text_update (typesetter, cr);
  for (guint i = 0; i < n && boxes[i].depth * LANES_FLAME_ROW_HEIGHT < height; i++)
    {
      const LanesFlameBox *box = &boxes[i];
      gboolean root = lanes_call_tree_get_node (tree, box->node)->parent == LANES_CALL_TREE_NONE;
      LanesRgb fill = root ? palette->header : lanes_flame_color (lanes_call_tree_get_name (tree, box->node), palette->dark);

      /* A pixel's gap right of each box wide enough to keep one. */
      cairo_rectangle (cr, x + box->x, y + box->depth * LANES_FLAME_ROW_HEIGHT,
                       box->width >= 3 ? box->width - 1 : box->width, LANES_FLAME_ROW_HEIGHT - 1);
      lanes_palette_set_source (cr, fill, 1);
      cairo_fill (cr);
      label_box (cr, typesetter, tree, box, fill, x, y);
    }
  cairo_restore (cr);
}
