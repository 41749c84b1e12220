/* lanes-call-tree.c
 *
 * Each sample walks its stack from the outermost frame in, finding or
 * adding the child for each function in a map keyed by (parent,
 * function); the children are linked in display order once all are in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-call-tree.h"

#include <string.h>

#include "lanes-id-map.h"

struct _LanesCallTree
{
  LanesTraceReader *reader;
  GArray *nodes;        /* LanesCallNode */
  guint depth;
};

static guint32
child_of (LanesCallTree *tree,
          LanesIdMap    *children,
          guint32        parent,
          guint32        function)
{
  guint64 key = ((guint64) parent << 32) | function;
  guint32 child = lanes_id_map_lookup (children, key);

  if (child == LANES_ID_MAP_ABSENT)
    {
      LanesCallNode node = {
        .function = function,
        .parent = parent,
        .first_child = LANES_CALL_TREE_NONE,
        .next_sibling = LANES_CALL_TREE_NONE,
        .depth = g_array_index (tree->nodes, LanesCallNode, parent).depth + 1,
      };

      child = tree->nodes->len;
      g_array_append_val (tree->nodes, node);
      lanes_id_map_insert (children, key, child);
      tree->depth = MAX (tree->depth, node.depth);
    }
  return child;
}

/* Siblings together, most samples first, then by name so that equal
 * ones keep their place from one range to the next. */
static gint
compare_siblings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const LanesCallTree *tree = user_data;
  const LanesCallNode *x = lanes_call_tree_get_node (tree, *(const guint32 *) a);
  const LanesCallNode *y = lanes_call_tree_get_node (tree, *(const guint32 *) b);

  if (x->parent != y->parent)
    return x->parent < y->parent ? -1 : 1;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return strcmp (lanes_call_tree_get_name (tree, *(const guint32 *) a),
                 lanes_call_tree_get_name (tree, *(const guint32 *) b));
}

static void
link_children (LanesCallTree *tree)
{
  guint n = tree->nodes->len;
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  LanesCallNode *nodes;

  for (guint i = 1; i < n; i++)
    order[i - 1] = i;
  g_qsort_with_data (order, n - 1, sizeof (guint32), compare_siblings, tree);
  nodes = (LanesCallNode *) tree->nodes->data;
  for (guint i = 0; i + 1 < n; i++)
    {
      if (i > 0 && nodes[order[i - 1]].parent == nodes[order[i]].parent)
        nodes[order[i - 1]].next_sibling = order[i];
      else
        nodes[nodes[order[i]].parent].first_child = order[i];
    }
}

LanesCallTree *
lanes_call_tree_new (LanesTraceReader       *reader,
                     const LanesStackSample *samples,
                     guint                   n_samples)
{
  LanesCallTree *tree = g_new0 (LanesCallTree, 1);
  LanesCallNode root = {
    .function = LANES_NO_STRING,
    .parent = LANES_CALL_TREE_NONE,
    .first_child = LANES_CALL_TREE_NONE,
    .next_sibling = LANES_CALL_TREE_NONE,
  };
  LanesIdMap children;

  tree->reader = reader;
  tree->nodes = g_array_new (FALSE, FALSE, sizeof (LanesCallNode));
  g_array_append_val (tree->nodes, root);
  lanes_id_map_init (&children);
  for (guint s = 0; s < n_samples; s++)
    {
      const LanesTraceFrame *frames = NULL;
      guint n = samples[s].stack != LANES_NO_STACK
                ? lanes_trace_reader_get_stack (reader, samples[s].stack, &frames) : 0;
      guint32 node = LANES_CALL_TREE_ROOT;

      g_array_index (tree->nodes, LanesCallNode, node).total++;
      /* Frames are innermost first. */
      for (guint f = n; f-- > 0;)
        {
          node = child_of (tree, &children, node, frames[f].function);
          g_array_index (tree->nodes, LanesCallNode, node).total++;
        }
      g_array_index (tree->nodes, LanesCallNode, node).self++;
    }
  lanes_id_map_clear (&children);
  link_children (tree);
  return tree;
}

void
lanes_call_tree_free (LanesCallTree *tree)
{
  if (tree == NULL)
    return;
  g_array_unref (tree->nodes);
  g_free (tree);
}

guint
lanes_call_tree_get_n_nodes (const LanesCallTree *tree)
{
  return tree->nodes->len;
}

const LanesCallNode *
lanes_call_tree_get_node (const LanesCallTree *tree,
                          guint32              node)
{
  g_return_val_if_fail (node < tree->nodes->len, NULL);
  return &g_array_index (tree->nodes, LanesCallNode, node);
}

guint
lanes_call_tree_get_depth (const LanesCallTree *tree)
{
  return tree->depth;
}

const char *
lanes_call_tree_get_name (const LanesCallTree *tree,
                          guint32              node)
{
  const LanesCallNode *n = lanes_call_tree_get_node (tree, node);

  if (n == NULL)
    return NULL;
  return n->function == LANES_NO_STRING && n->parent == LANES_CALL_TREE_NONE
         ? "all" : lanes_trace_reader_get_string (tree->reader, n->function);
}
