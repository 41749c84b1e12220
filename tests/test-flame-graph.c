/* test-flame-graph.c: call trees of samples with stacks made by hand,
 * and their flame graph layouts: every box as wide as its samples' share
 * of the graph, callees under their callers, hit tests, zooming into a
 * frame, and colours by package.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lanes-flame-graph.h"
#include "test-events.h"

#define WIDTH 1000.0

typedef struct
{
  LanesTraceReader *reader;
  LanesCallTree *tree;
} Tree;

/* 6 samples in main.a → main.b, 3 in main.a → main.c, 1 in
 * runtime.mcall, 2 without a stack, and 1 in main.a → main.b →
 * main.tiny, pushing main.tiny's box below half a pixel at 1000 px
 * when there are 2000 more samples in runtime.gc. */
static Tree
make_tree (guint n_gc)
{
  Tree t = { test_reader_new (), NULL };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (LanesStackSample));
  struct { guint32 stack; guint n; } plan[] = {
    { test_stack (t.reader, "main.b", "main.a", "runtime.goexit", NULL), 6 },
    { test_stack (t.reader, "main.c", "main.a", "runtime.goexit", NULL), 3 },
    { test_stack (t.reader, "runtime.mcall", NULL), 1 },
    { LANES_NO_STACK, 2 },
    { test_stack (t.reader, "main.tiny", "main.b", "main.a", "runtime.goexit", NULL), 1 },
    { test_stack (t.reader, "runtime.gc", NULL), n_gc },
  };
  gint64 time = 0;

  for (guint p = 0; p < G_N_ELEMENTS (plan); p++)
    for (guint i = 0; i < plan[p].n; i++)
      {
        LanesStackSample s = { time++, plan[p].stack, 0, 0, 0 };
        g_array_append_val (samples, s);
      }
  t.tree = lanes_call_tree_new (t.reader, (const LanesStackSample *) samples->data, samples->len);
  return t;
}

static void
tree_clear (Tree *t)
{
  lanes_call_tree_free (t->tree);
  lanes_trace_reader_free (t->reader);
}

static guint32
node_named (const LanesCallTree *tree,
            const char          *name)
{
  for (guint32 i = 0; i < lanes_call_tree_get_n_nodes (tree); i++)
    if (strcmp (lanes_call_tree_get_name (tree, i), name) == 0)
      return i;
  return LANES_CALL_TREE_NONE;
}

static const LanesFlameBox *
box_of (const LanesFlameLayout *layout,
        guint32                 node)
{
  guint n;
  const LanesFlameBox *boxes = lanes_flame_layout_get_boxes (layout, &n);

  for (guint i = 0; i < n; i++)
    if (boxes[i].node == node)
      return &boxes[i];
  return NULL;
}

static void
test_tree (void)
{
  Tree t = make_tree (0);
  const LanesCallNode *root = lanes_call_tree_get_node (t.tree, LANES_CALL_TREE_ROOT);
  const LanesCallNode *a = lanes_call_tree_get_node (t.tree, node_named (t.tree, "main.a"));
  const LanesCallNode *b = lanes_call_tree_get_node (t.tree, node_named (t.tree, "main.b"));

  g_assert_cmpuint (root->total, ==, 13);
  g_assert_cmpuint (root->self, ==, 2);
  g_assert_cmpuint (a->total, ==, 10);
  g_assert_cmpuint (a->self, ==, 0);
  g_assert_cmpuint (a->depth, ==, 2);
  g_assert_cmpuint (b->total, ==, 7);
  g_assert_cmpuint (b->self, ==, 6);
  g_assert_cmpuint (lanes_call_tree_get_depth (t.tree), ==, 4);
  /* Callees most samples first: main.b, then main.c. */
  g_assert_cmpstr (lanes_call_tree_get_name (t.tree, a->first_child), ==, "main.b");
  g_assert_cmpstr (lanes_call_tree_get_name (t.tree, b->next_sibling), ==, "main.c");
  g_assert_cmpuint (lanes_call_tree_get_node (t.tree, b->next_sibling)->next_sibling, ==, LANES_CALL_TREE_NONE);
  g_assert_cmpstr (lanes_call_tree_get_name (t.tree, LANES_CALL_TREE_ROOT), ==, "all");
  tree_clear (&t);
}

static void
test_widths (void)
{
  Tree t = make_tree (0);
  g_autoptr(LanesFlameLayout) layout = lanes_flame_layout_new (t.tree, LANES_CALL_TREE_ROOT, WIDTH);
  const LanesCallNode *root = lanes_call_tree_get_node (t.tree, LANES_CALL_TREE_ROOT);
  guint n;
  const LanesFlameBox *boxes = lanes_flame_layout_get_boxes (layout, &n);

  g_assert_cmpuint (n, ==, lanes_call_tree_get_n_nodes (t.tree));
  g_assert_cmpuint (lanes_flame_layout_get_n_rows (layout), ==, 5);
  for (guint i = 0; i < n; i++)
    {
      const LanesCallNode *node = lanes_call_tree_get_node (t.tree, boxes[i].node);
      double x = boxes[i].x;

      g_assert_cmpuint (boxes[i].depth, ==, node->depth);
      g_assert_cmpfloat_with_epsilon (boxes[i].width, WIDTH * node->total / root->total, 1e-9);
      /* Within the caller, after the callees before it. */
      if (node->parent != LANES_CALL_TREE_NONE)
        {
          const LanesFlameBox *parent = box_of (layout, node->parent);
          double expected = parent->x;

          for (guint32 c = lanes_call_tree_get_node (t.tree, node->parent)->first_child; c != boxes[i].node;
               c = lanes_call_tree_get_node (t.tree, c)->next_sibling)
            expected += WIDTH * lanes_call_tree_get_node (t.tree, c)->total / root->total;
          g_assert_cmpfloat_with_epsilon (x, expected, 1e-9);
          g_assert_cmpfloat (x + boxes[i].width, <=, parent->x + parent->width + 1e-9);
        }
      /* By row, then left to right. */
      if (i > 0)
        g_assert_true (boxes[i - 1].depth < boxes[i].depth
                       || (boxes[i - 1].depth == boxes[i].depth && boxes[i - 1].x < x));
    }
  tree_clear (&t);
}

static void
test_hit_test (void)
{
  Tree t = make_tree (0);
  g_autoptr(LanesFlameLayout) layout = lanes_flame_layout_new (t.tree, LANES_CALL_TREE_ROOT, WIDTH);
  const LanesFlameBox *c = box_of (layout, node_named (t.tree, "main.c"));
  double row = LANES_FLAME_ROW_HEIGHT;

  g_assert_cmpuint (lanes_flame_layout_node_at (layout, 5, 3), ==, LANES_CALL_TREE_ROOT);
  g_assert_cmpuint (lanes_flame_layout_node_at (layout, c->x + 1, 3 * row + 2), ==, node_named (t.tree, "main.c"));
  g_assert_cmpuint (lanes_flame_layout_node_at (layout, c->x - 1, 3 * row + 2), ==, node_named (t.tree, "main.b"));
  /* Right of the last callee, below the deepest row, off the graph. */
  g_assert_cmpuint (lanes_flame_layout_node_at (layout, c->x + c->width + 1, 3 * row + 2), ==, LANES_CALL_TREE_NONE);
  g_assert_cmpuint (lanes_flame_layout_node_at (layout, 5, 5 * row + 1), ==, LANES_CALL_TREE_NONE);
  g_assert_cmpuint (lanes_flame_layout_node_at (layout, 5, -1), ==, LANES_CALL_TREE_NONE);
  tree_clear (&t);
}

static void
test_focus_and_narrow (void)
{
  Tree t = make_tree (2000);
  guint32 a = node_named (t.tree, "main.a"), b = node_named (t.tree, "main.b");
  g_autoptr(LanesFlameLayout) whole = lanes_flame_layout_new (t.tree, LANES_CALL_TREE_ROOT, WIDTH);
  g_autoptr(LanesFlameLayout) zoomed = lanes_flame_layout_new (t.tree, a, WIDTH);

  /* 1 sample in 2013 is under half a pixel: left out. */
  g_assert_nonnull (box_of (whole, b));
  g_assert_null (box_of (whole, node_named (t.tree, "main.tiny")));

  /* Zoomed into main.a: it and its callers span the width, its callees
   * share it, the rest of the graph is gone. */
  g_assert_cmpfloat (box_of (zoomed, a)->width, ==, WIDTH);
  g_assert_cmpfloat (box_of (zoomed, LANES_CALL_TREE_ROOT)->width, ==, WIDTH);
  g_assert_cmpfloat (box_of (zoomed, node_named (t.tree, "runtime.goexit"))->width, ==, WIDTH);
  g_assert_cmpfloat_with_epsilon (box_of (zoomed, b)->width, WIDTH * 7 / 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (box_of (zoomed, node_named (t.tree, "main.tiny"))->width, WIDTH / 10, 1e-9);
  g_assert_null (box_of (zoomed, node_named (t.tree, "runtime.gc")));
  tree_clear (&t);
}

static void
test_colours (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      g_assert_cmphex (lanes_flame_color ("net/http.(*conn).serve", dark), ==,
                       lanes_flame_color ("net/http.Get", dark));
      g_assert_cmphex (lanes_flame_color ("main.a", dark), ==, lanes_flame_color ("main.b", dark));
      g_assert_cmphex (lanes_flame_color ("main.a", dark), !=, lanes_flame_color ("runtime.mcall", dark));
      g_assert_cmphex (lanes_flame_color ("net/http.Get", dark), !=, lanes_flame_color ("net.Dial", dark));
    }
  g_assert_cmphex (lanes_flame_color ("main.a", FALSE), !=, lanes_flame_color ("main.a", TRUE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flame-graph/tree", test_tree);
  g_test_add_func ("/flame-graph/widths", test_widths);
  g_test_add_func ("/flame-graph/hit-test", test_hit_test);
  g_test_add_func ("/flame-graph/focus-and-narrow", test_focus_and_narrow);
  g_test_add_func ("/flame-graph/colours", test_colours);
  return g_test_run ();
}
