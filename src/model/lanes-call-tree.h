/* lanes-call-tree.h: CPU samples merged by call path, what a flame
 * graph draws.
 *
 * Node 0 is the root, holding every sample; each other node is a
 * function called from its parent's, holding the samples whose stacks
 * pass through that path.  Frames are merged by function name, not by
 * program counter, as flame graphs and pprof's do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-cpu-samples.h"
#include "lanes-trace.h"

G_BEGIN_DECLS

#define LANES_CALL_TREE_ROOT 0u
#define LANES_CALL_TREE_NONE G_MAXUINT32

typedef struct
{
  guint32 function;     /* string id of its name; LANES_NO_STRING for the root */
  guint32 parent;       /* LANES_CALL_TREE_NONE for the root */
  guint32 first_child;  /* children, most samples first, then by name */
  guint32 next_sibling;
  guint32 depth;        /* 0 for the root */
  guint64 total;        /* samples in it and in its callees */
  guint64 self;         /* samples it was the innermost frame of */
} LanesCallNode;

typedef struct _LanesCallTree LanesCallTree;

/* The stacks of @samples belong to @reader, which must outlive the tree. */
LanesCallTree       *lanes_call_tree_new       (LanesTraceReader       *reader,
                                                const LanesStackSample *samples,
                                                guint                   n_samples);
void                 lanes_call_tree_free      (LanesCallTree          *tree);

guint                lanes_call_tree_get_n_nodes (const LanesCallTree  *tree);
const LanesCallNode *lanes_call_tree_get_node  (const LanesCallTree    *tree,
                                                guint32                 node);
/* The deepest node's depth. */
guint                lanes_call_tree_get_depth (const LanesCallTree    *tree);
/* The function's name; "all" for the root. */
const char          *lanes_call_tree_get_name  (const LanesCallTree    *tree,
                                                guint32                 node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesCallTree, lanes_call_tree_free)

G_END_DECLS
