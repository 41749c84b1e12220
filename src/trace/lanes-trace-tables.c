/* lanes-trace-tables.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace-tables.h"

#include <string.h>

/* Frames live in blocks that are never reallocated; a stack's frames are
 * contiguous inside one block. */
#define FRAME_BLOCK_SIZE 16384

/* Ids index pages of pointers that never move, so another thread may
 * look up any id it was handed while the reading thread adds more: the
 * count is published only after the entry is written.  The directory of
 * pages grows by copying; the old ones are kept until the end for
 * readers that may still hold them (they lead to the same pages). */
#define PAGE_SHIFT 12
#define PAGE_SIZE  (1u << PAGE_SHIFT)

typedef struct
{
  gpointer **pages;          /* atomic */
  guint n_pages;             /* room in the directory */
  GPtrArray *old;            /* directories replaced */
  guint len;                 /* atomic */
} IdPages;

typedef struct
{
  const LanesTraceFrame *frames;
  guint n_frames;
} Stack;

struct _LanesTraceTables
{
  GStringChunk *string_chunk;
  IdPages *strings;          /* id → const char * */
  GHashTable *string_ids;    /* const char * → GUINT_TO_POINTER (id) */

  GPtrArray *frame_blocks;
  guint block_size;          /* frames in the last block */
  guint frames_left;         /* free frames at its end */
  IdPages *stacks;           /* id → Stack * */
  GHashTable *stack_ids;     /* Stack * → id; owns the stacks */
};

static IdPages *
id_pages_new (void)
{
  IdPages *ids = g_new0 (IdPages, 1);

  ids->n_pages = 16;
  ids->pages = g_new0 (gpointer *, ids->n_pages);
  ids->old = g_ptr_array_new_with_free_func (g_free);
  return ids;
}

/* Returns the new id. */
static guint32
id_pages_add (IdPages  *ids,
              gpointer  value)
{
  guint32 id = ids->len;
  guint page = id >> PAGE_SHIFT;

  if ((id & (PAGE_SIZE - 1)) == 0)
    {
      if (page == ids->n_pages)
        {
          gpointer **bigger = g_new0 (gpointer *, ids->n_pages * 2);

          memcpy (bigger, ids->pages, ids->n_pages * sizeof (gpointer *));
          g_ptr_array_add (ids->old, ids->pages);
          g_atomic_pointer_set (&ids->pages, bigger);
          ids->n_pages *= 2;
        }
      ids->pages[page] = g_new (gpointer, PAGE_SIZE);
    }
  ids->pages[page][id & (PAGE_SIZE - 1)] = value;
  g_atomic_int_set (&ids->len, id + 1);
  return id;
}

static gpointer
id_pages_get (IdPages *ids,
              guint32  id)
{
  gpointer **pages;

  if (id >= (guint) g_atomic_int_get (&ids->len))
    return NULL;
  pages = g_atomic_pointer_get (&ids->pages);
  return pages[id >> PAGE_SHIFT][id & (PAGE_SIZE - 1)];
}

static void
id_pages_free (IdPages *ids)
{
  for (guint i = 0; i < ids->n_pages && ids->pages[i] != NULL; i++)
    g_free (ids->pages[i]);
  g_free (ids->pages);
  g_ptr_array_unref (ids->old);
  g_free (ids);
}

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
  static const Stack empty = { NULL, 0 };

  tables->string_chunk = g_string_chunk_new (64 * 1024);
  tables->strings = id_pages_new ();
  tables->string_ids = g_hash_table_new (g_str_hash, g_str_equal);
  tables->frame_blocks = g_ptr_array_new_with_free_func (g_free);
  tables->stacks = id_pages_new ();
  tables->stack_ids = g_hash_table_new_full (stack_hash, stack_equal, g_free, NULL);

  /* Id 0 is the empty string and the empty stack, as on the wire. */
  lanes_trace_tables_intern_string (tables, "", 0);
  id_pages_add (tables->stacks, (gpointer) &empty);
  return tables;
}

void
lanes_trace_tables_free (LanesTraceTables *tables)
{
  if (tables == NULL)
    return;
  g_string_chunk_free (tables->string_chunk);
  id_pages_free (tables->strings);
  g_hash_table_unref (tables->string_ids);
  g_ptr_array_unref (tables->frame_blocks);
  id_pages_free (tables->stacks);
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
  id = GUINT_TO_POINTER (id_pages_add (tables->strings, (gpointer) stored));
  g_hash_table_insert (tables->string_ids, (gpointer) stored, id);
  return GPOINTER_TO_UINT (id);
}

const char *
lanes_trace_tables_get_string (LanesTraceTables *tables,
                               guint32           id)
{
  return id_pages_get (tables->strings, id);
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
  id = GUINT_TO_POINTER (id_pages_add (tables->stacks, key));
  g_hash_table_insert (tables->stack_ids, key, id);
  return GPOINTER_TO_UINT (id);
}

guint
lanes_trace_tables_get_stack (LanesTraceTables       *tables,
                              guint32                 id,
                              const LanesTraceFrame **frames)
{
  const Stack *stack;

  stack = id_pages_get (tables->stacks, id);
  if (stack == NULL)
    {
      *frames = NULL;
      return 0;
    }
  *frames = stack->frames;
  return stack->n_frames;
}

