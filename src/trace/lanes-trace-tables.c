/* lanes-trace-tables.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace-tables.h"

#include <string.h>

/* Frames live in blocks that are never reallocated; a stack's frames are
 * contiguous inside one block. */
#define FRAME_BLOCK_SIZE 16384

typedef struct
{
  const LanesTraceFrame *frames;
  guint n_frames;
} Stack;

struct _LanesTraceTables
{
  GStringChunk *string_chunk;
  GPtrArray *strings;        /* id → const char * */
  GHashTable *string_ids;    /* const char * → GUINT_TO_POINTER (id) */

  GPtrArray *frame_blocks;
  guint block_size;          /* frames in the last block */
  guint frames_left;         /* free frames at its end */
  GArray *stacks;            /* id → Stack */
  GHashTable *stack_ids;     /* Stack * → id */
};

static guint
stack_hash (gconstpointer key)
{
  const Stack *stack = key;
  guint64 h = stack->n_frames;

  for (guint i = 0; i < stack->n_frames; i++)
    {
      const LanesTraceFrame *f = &stack->frames[i];
      h = (h ^ f->pc) * G_GUINT64_CONSTANT (0x100000001B3);
      h = (h ^ (((guint64) f->function << 32) | f->file)) * G_GUINT64_CONSTANT (0x100000001B3);
      h = (h ^ f->line) * G_GUINT64_CONSTANT (0x100000001B3);
    }
  return (guint) (h ^ (h >> 32));
}

static gboolean
stack_equal (gconstpointer a,
             gconstpointer b)
{
  const Stack *x = a, *y = b;

  if (x->n_frames != y->n_frames)
    return FALSE;
  for (guint i = 0; i < x->n_frames; i++)
    {
      const LanesTraceFrame *f = &x->frames[i], *g = &y->frames[i];
      if (f->pc != g->pc || f->function != g->function || f->file != g->file || f->line != g->line)
        return FALSE;
    }
  return TRUE;
}

LanesTraceTables *
lanes_trace_tables_new (void)
{
  LanesTraceTables *tables = g_new0 (LanesTraceTables, 1);
  Stack empty = { NULL, 0 };

  tables->string_chunk = g_string_chunk_new (64 * 1024);
  tables->strings = g_ptr_array_new ();
  tables->string_ids = g_hash_table_new (g_str_hash, g_str_equal);
  tables->frame_blocks = g_ptr_array_new_with_free_func (g_free);
  tables->stacks = g_array_new (FALSE, FALSE, sizeof (Stack));
  tables->stack_ids = g_hash_table_new_full (stack_hash, stack_equal, g_free, NULL);

  /* Id 0 is the empty string and the empty stack, as on the wire. */
  lanes_trace_tables_intern_string (tables, "", 0);
  g_array_append_val (tables->stacks, empty);
  return tables;
}

void
lanes_trace_tables_free (LanesTraceTables *tables)
{
  if (tables == NULL)
    return;
  g_string_chunk_free (tables->string_chunk);
  g_ptr_array_unref (tables->strings);
  g_hash_table_unref (tables->string_ids);
  g_ptr_array_unref (tables->frame_blocks);
  g_array_unref (tables->stacks);
  g_hash_table_unref (tables->stack_ids);
  g_free (tables);
}

guint32
lanes_trace_tables_intern_string (LanesTraceTables *tables,
                                  const char       *string,
                                  gsize             length)
{
  g_autofree char *key = g_strndup (string, length);
  gpointer id;
  const char *stored;

  if (g_hash_table_lookup_extended (tables->string_ids, key, NULL, &id))
    return GPOINTER_TO_UINT (id);

  stored = g_string_chunk_insert_len (tables->string_chunk, string, length);
  id = GUINT_TO_POINTER (tables->strings->len);
  g_ptr_array_add (tables->strings, (gpointer) stored);
  g_hash_table_insert (tables->string_ids, (gpointer) stored, id);
  return GPOINTER_TO_UINT (id);
}

const char *
lanes_trace_tables_get_string (LanesTraceTables *tables,
                               guint32           id)
{
  if (id >= tables->strings->len)
    return NULL;
  return g_ptr_array_index (tables->strings, id);
}

static LanesTraceFrame *
alloc_frames (LanesTraceTables *tables,
              guint             n_frames)
{
  LanesTraceFrame *block;
  guint size;

  if (n_frames > tables->frames_left)
    {
      size = MAX (FRAME_BLOCK_SIZE, n_frames);
      g_ptr_array_add (tables->frame_blocks, g_new (LanesTraceFrame, size));
      tables->block_size = size;
      tables->frames_left = size;
    }
  block = g_ptr_array_index (tables->frame_blocks, tables->frame_blocks->len - 1);
  block += tables->block_size - tables->frames_left;
  tables->frames_left -= n_frames;
  return block;
}

guint32
lanes_trace_tables_intern_stack (LanesTraceTables      *tables,
                                 const LanesTraceFrame *frames,
                                 guint                  n_frames)
{
  Stack probe = { frames, n_frames };
  gpointer id;
  Stack *key;
  LanesTraceFrame *stored;

  if (n_frames == 0)
    return 0;
  if (g_hash_table_lookup_extended (tables->stack_ids, &probe, NULL, &id))
    return GPOINTER_TO_UINT (id);

  stored = alloc_frames (tables, n_frames);
  memcpy (stored, frames, n_frames * sizeof *frames);
  key = g_new (Stack, 1);
  key->frames = stored;
  key->n_frames = n_frames;
  id = GUINT_TO_POINTER (tables->stacks->len);
  g_array_append_val (tables->stacks, *key);
  g_hash_table_insert (tables->stack_ids, key, id);
  return GPOINTER_TO_UINT (id);
}

guint
lanes_trace_tables_get_stack (LanesTraceTables       *tables,
                              guint32                 id,
                              const LanesTraceFrame **frames)
{
  const Stack *stack;

  if (id >= tables->stacks->len)
    {
      *frames = NULL;
      return 0;
    }
  stack = &g_array_index (tables->stacks, Stack, id);
  *frames = stack->frames;
  return stack->n_frames;
}

