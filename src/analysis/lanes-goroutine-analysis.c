/* lanes-goroutine-analysis.c
 *
 * Each goroutine's current life is a Life in its row of the goroutine
 * index; a goroutine id created again starts it afresh (Go keeps only the
 * last life too).  A goroutine is always in exactly one state, so one
 * clock (which kind, since when) stands for the separate "last start",
 * "last runnable", "last block" and "last syscall" times of Go's
 * summarizer.  Time blocked for the latest reason adds up in the Life
 * itself; per reason it is kept in chunks of a few reasons, a cache line
 * each, since some goroutines block for one reason after another all the
 * time.  Times in ranges are short per-life lists of cells in one flat
 * array.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-goroutine-analysis.h"

#include <string.h>

#define NO_CELL G_MAXUINT32
#define NO_CHUNK G_MAXUINT32
#define NO_REASON G_MAXUINT32
#define CHUNK_REASONS 4

/* Life flags */
#define ALIVE 0x1       /* the goroutine has a life */
#define NAMED 0x2       /* a stack has named it */

typedef enum
{
  CLOCK_NONE,
  CLOCK_EXEC,
  CLOCK_SCHED_WAIT,
  CLOCK_BLOCK,
  CLOCK_SYSCALL,
} Clock;

typedef struct
{
  guint32 next;
  guint32 key;            /* string id: range name */
  gint64 total_ns;
  gint64 open_since;      /* start of the open range, 0 if none (as in Go) */
} Cell;

/* Block time by reason for one life, a cache line. */
typedef struct
{
  guint32 reasons[CHUNK_REASONS];   /* string ids */
  guint32 n_reasons;
  guint32 next;           /* the life's previous chunk */
  gint64 pad;
  gint64 ns[CHUNK_REASONS];
} Chunk;

G_STATIC_ASSERT (sizeof (Chunk) == 64);

typedef struct
{
  /* What every transition touches, in the first cache line. */
  gint64 clock_since;
  gint64 start_time;      /* when this life first ran, 0 if not yet */
  LanesGoroutineTimes times;
  gint64 block_ns;        /* blocked for block_reason, not yet in its cell */
  guint32 block_reason;   /* of the latest block, NO_REASON before any */
  guint8 clock;
  guint8 flags;
  /* The rest. */
  /* When the P left it in its syscall; 0 if not, as in Go, whose stale
   * values this keeps too. */
  gint64 syscall_blocked_since;
  gint64 syscall_proc;    /* the P it entered its syscall on */
  guint32 name;           /* string id, empty_string until a stack names it */
  guint32 serial;         /* 1 in its first life, 2 once created again… */
  guint32 block_chunks;   /* the latest, in chunks */
  guint32 range_cells;    /* list head in cells */
} Life;

G_STATIC_ASSERT (G_STRUCT_OFFSET (Life, syscall_blocked_since) == 64);

struct _LanesGoroutineAnalysis
{
  LanesTraceReader *reader;
  LanesGoroutineIndex *index;
  guint32 empty_string;
  guint32 forever;

  gsize row;              /* where the Life is in goroutine rows */
  GArray *cells;          /* Cell */
  Chunk *chunks;          /* cache-line aligned */
  guint n_chunks;
  guint chunks_capacity;
  LanesIdMap syscalling;  /* proc id → goroutine index in a syscall on it */
  LanesIdMap proc_ranges; /* (proc, range name) → goroutine index that began it */

  gboolean seen_event;
  gint64 sync_time;
  gint64 last_time;

  GArray *current;        /* goroutine indexes with a life, once finished */
  GArray *groups;         /* LanesGoroutineGroup */
};

LanesGoroutineAnalysis *
lanes_goroutine_analysis_new (LanesTraceReader    *reader,
                              LanesGoroutineIndex *index)
{
  LanesGoroutineAnalysis *analysis = g_new0 (LanesGoroutineAnalysis, 1);

  analysis->reader = reader;
  analysis->index = index;
  analysis->empty_string = lanes_trace_reader_intern_string (reader, "");
  analysis->forever = lanes_trace_reader_intern_string (reader, "forever");
  analysis->row = lanes_goroutine_index_reserve (index, sizeof (Life));
  analysis->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  lanes_id_map_init (&analysis->syscalling);
  lanes_id_map_init (&analysis->proc_ranges);
  return analysis;
}

static void
clear_group (gpointer data)
{
  LanesGoroutineGroup *group = data;

  g_array_unref (group->block_ns);
  g_array_unref (group->range_ns);
}

void
lanes_goroutine_analysis_free (LanesGoroutineAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_array_unref (analysis->cells);
  g_aligned_free (analysis->chunks);
  lanes_id_map_clear (&analysis->syscalling);
  lanes_id_map_clear (&analysis->proc_ranges);
  g_clear_pointer (&analysis->current, g_array_unref);
  g_clear_pointer (&analysis->groups, g_array_unref);
  g_free (analysis);
}

static Life *
life_at (LanesGoroutineAnalysis *analysis,
         guint32                 i)
{
  return lanes_goroutine_index_row (analysis->index, i, analysis->row);
}

/* The current life of goroutine @id, NULL if it has none. */
static Life *
current_life (LanesGoroutineAnalysis *analysis,
              gint64                  id)
{
  guint32 i = lanes_goroutine_index_lookup (analysis->index, id);

  if (i == LANES_NO_INDEX || !(life_at (analysis, i)->flags & ALIVE))
    return NULL;
  return life_at (analysis, i);
}

static G_GNUC_NO_INLINE void
begin_life (LanesGoroutineAnalysis *analysis,
            guint32                 i)
{
  Life *life = life_at (analysis, i);

  *life = (Life) {
    .block_reason = NO_REASON,
    .flags = ALIVE,
    .name = analysis->empty_string,
    .serial = life->serial + 1,
    .block_chunks = NO_CHUNK,
    .range_cells = NO_CELL,
  };
}

static Cell *
find_cell (LanesGoroutineAnalysis *analysis,
           guint32                 head,
           guint32                 key)
{
  for (guint32 c = head; c != NO_CELL; c = g_array_index (analysis->cells, Cell, c).next)
    if (g_array_index (analysis->cells, Cell, c).key == key)
      return &g_array_index (analysis->cells, Cell, c);
  return NULL;
}

static Cell *
find_or_add_cell (LanesGoroutineAnalysis *analysis,
                  guint32                *head,
                  guint32                 key)
{
  Cell *cell = find_cell (analysis, *head, key);
  Cell added = { *head, key, 0, 0 };

  if (cell != NULL)
    return cell;
  *head = analysis->cells->len;
  g_array_append_val (analysis->cells, added);
  return &g_array_index (analysis->cells, Cell, *head);
}

/* A syscall ends: its time until the P left counts as syscall time, the
 * rest as syscall block time. */
static G_GNUC_NO_INLINE void
stop_syscall_clock (LanesGoroutineAnalysis *analysis,
                    Life                   *life,
                    gint64                  time)
{
  if (life->syscall_blocked_since != 0)
    {
      life->times.syscall_block_ns += time - life->syscall_blocked_since;
      life->times.syscall_ns += life->syscall_blocked_since - life->clock_since;
      life->syscall_blocked_since = 0;
    }
  else
    life->times.syscall_ns += time - life->clock_since;
  lanes_id_map_remove (&analysis->syscalling, (guint64) life->syscall_proc);
}

/* Stops the clock of @life at @time, adding what it measured. */
static inline void
stop_clock (LanesGoroutineAnalysis *analysis,
            Life                   *life,
            gint64                  time)
{
  gint64 elapsed = time - life->clock_since;

  switch (life->clock)
    {
    case CLOCK_EXEC:
      life->times.exec_ns += elapsed;
      break;
    case CLOCK_SCHED_WAIT:
      life->times.sched_wait_ns += elapsed;
      break;
    case CLOCK_BLOCK:
      life->block_ns += elapsed;
      break;
    case CLOCK_SYSCALL:
      stop_syscall_clock (analysis, life, time);
      break;
    default:
      break;
    }
  life->clock = CLOCK_NONE;
}

static void
start_clock (Life   *life,
             Clock   clock,
             gint64  time)
{
  life->clock = clock;
  life->clock_since = time;
}

static Chunk *
chunk_at (LanesGoroutineAnalysis *analysis,
          guint32                 c)
{
  return &analysis->chunks[c];
}

static Chunk *
add_chunk (LanesGoroutineAnalysis *analysis,
           Life                   *life)
{
  Chunk *chunk;

  if (analysis->n_chunks == analysis->chunks_capacity)
    {
      guint capacity = MAX (analysis->chunks_capacity * 2, 256);
      Chunk *chunks = g_aligned_alloc (capacity, sizeof (Chunk), sizeof (Chunk));

      if (analysis->n_chunks > 0)
        memcpy (chunks, analysis->chunks, analysis->n_chunks * sizeof (Chunk));
      g_aligned_free (analysis->chunks);
      analysis->chunks = chunks;
      analysis->chunks_capacity = capacity;
    }
  chunk = chunk_at (analysis, analysis->n_chunks);
  *chunk = (Chunk) { .next = life->block_chunks };
  life->block_chunks = analysis->n_chunks++;
  return chunk;
}

/* Moves the time blocked for the latest reason to the chunks. */
static G_GNUC_NO_INLINE void
flush_block_time (LanesGoroutineAnalysis *analysis,
                  Life                   *life)
{
  guint32 reason = life->block_reason;
  Chunk *chunk;

  if (reason == NO_REASON)
    return;
  for (guint32 c = life->block_chunks; c != NO_CHUNK; c = chunk_at (analysis, c)->next)
    {
      chunk = chunk_at (analysis, c);
      for (guint k = 0; k < chunk->n_reasons; k++)
        if (chunk->reasons[k] == reason)
          {
            chunk->ns[k] += life->block_ns;
            life->block_ns = 0;
            return;
          }
    }

  chunk = life->block_chunks != NO_CHUNK ? chunk_at (analysis, life->block_chunks) : NULL;
  if (chunk == NULL || chunk->n_reasons == CHUNK_REASONS)
    chunk = add_chunk (analysis, life);
  chunk->reasons[chunk->n_reasons] = reason;
  chunk->ns[chunk->n_reasons++] = life->block_ns;
  life->block_ns = 0;
}

/* Ends a life (the goroutine exited, blocked forever, or the trace
 * ended): whatever is still running counts up to @time.  Like Go, a
 * syscall still running counts whole as syscall time, and the part after
 * its P left counts as scheduling wait too. */
static G_GNUC_NO_INLINE void
finalize_life (LanesGoroutineAnalysis *analysis,
               Life                   *life,
               gint64                  time)
{
  if (life->clock == CLOCK_SYSCALL)
    life->times.syscall_ns += time - life->clock_since;
  else
    stop_clock (analysis, life, time);
  life->clock = CLOCK_NONE;
  if (life->syscall_blocked_since != 0)
    life->times.sched_wait_ns += time - life->syscall_blocked_since;
  life->syscall_blocked_since = 0;

  for (guint32 c = life->range_cells; c != NO_CELL; c = g_array_index (analysis->cells, Cell, c).next)
    {
      Cell *cell = &g_array_index (analysis->cells, Cell, c);
      if (cell->open_since != 0)
        cell->total_ns += time - cell->open_since;
      cell->open_since = 0;
    }
  flush_block_time (analysis, life);
}

/* A goroutine is named after the function its first stack starts from. */
static G_GNUC_NO_INLINE void
name_life (LanesGoroutineAnalysis *analysis,
           Life                   *life,
           guint32                 stack)
{
  const LanesTraceFrame *frames;
  guint n;

  n = lanes_trace_reader_get_stack (analysis->reader, stack, &frames);
  if (n > 0 && frames[n - 1].function != analysis->empty_string)
    {
      life->name = frames[n - 1].function;
      life->flags |= NAMED;
    }
}

static inline void
block_for (LanesGoroutineAnalysis *analysis,
           Life                   *life,
           guint32                 reason)
{
  if (life->block_reason != reason)
    {
      flush_block_time (analysis, life);
      life->block_reason = reason;
    }
}

static G_GNUC_NO_INLINE void
enter_syscall (LanesGoroutineAnalysis *analysis,
               Life                   *life,
               guint32                 i,
               gint64                  proc)
{
  life->syscall_proc = proc;
  lanes_id_map_insert (&analysis->syscalling, (guint64) proc, i);
}

static inline void
add_goroutine_transition (LanesGoroutineAnalysis *analysis,
                          const LanesTraceEvent  *event,
                          guint32                 i)
{
  const LanesTransition *t = &event->transition;
  Life *life;

  if (t->from == t->to)
    return;
  life = life_at (analysis, i);
  if (G_UNLIKELY (t->from == LANES_GO_UNDETERMINED || t->from == LANES_GO_NOT_EXIST))
    begin_life (analysis, i);
  else if (G_UNLIKELY (!(life->flags & ALIVE)))
    return;   /* the reader never lets this happen; Go would crash */

  stop_clock (analysis, life, event->time);
  if (G_UNLIKELY (!(life->flags & NAMED)) && t->stack != LANES_NO_STACK)
    name_life (analysis, life, t->stack);

  switch (t->to)
    {
    case LANES_GO_RUNNING:
      start_clock (life, CLOCK_EXEC, event->time);
      if (life->start_time == 0)
        life->start_time = event->time;
      break;
    case LANES_GO_RUNNABLE:
      start_clock (life, CLOCK_SCHED_WAIT, event->time);
      break;
    case LANES_GO_WAITING:
      if (t->reason == analysis->forever)
        finalize_life (analysis, life, event->time);   /* as good as gone */
      else
        {
          start_clock (life, CLOCK_BLOCK, event->time);
          block_for (analysis, life, t->reason);
        }
      break;
    case LANES_GO_NOT_EXIST:
      finalize_life (analysis, life, event->time);
      break;
    case LANES_GO_SYSCALL:
      start_clock (life, CLOCK_SYSCALL, event->time);
      enter_syscall (analysis, life, i, event->proc);
      break;
    default:
      break;
    }
}

/* A P going idle under a goroutine in a syscall means the syscall blocked. */
static void
add_proc_transition (LanesGoroutineAnalysis *analysis,
                     const LanesTraceEvent  *event)
{
  const LanesTransition *t = &event->transition;
  guint32 i;

  if (t->from == t->to || t->to != LANES_PROC_IDLE)
    return;
  i = lanes_id_map_lookup (&analysis->syscalling, (guint64) t->id);
  if (i == LANES_ID_MAP_ABSENT)
    return;
  lanes_id_map_remove (&analysis->syscalling, (guint64) t->id);
  if (life_at (analysis, i)->flags & ALIVE)
    life_at (analysis, i)->syscall_blocked_since = event->time;
}

static guint64
proc_range_key (gint64  proc,
                guint32 name)
{
  return ((guint64) (guint32) proc << 32) | name;
}

/* Ranges count for the goroutine they are on; a P's range (a sweep)
 * counts for the goroutine that began it, if that one also ends it. */
static void
add_range (LanesGoroutineAnalysis *analysis,
           const LanesTraceEvent  *event)
{
  const LanesRange *r = &event->range;
  Life *life = NULL;
  Cell *cell;

  if (r->scope == LANES_RESOURCE_GOROUTINE)
    life = current_life (analysis, r->scope_id);
  else if (r->scope == LANES_RESOURCE_PROC && event->kind != LANES_EVENT_RANGE_END)
    {
      life = current_life (analysis, event->goroutine);
      if (life != NULL)
        lanes_id_map_insert (&analysis->proc_ranges, proc_range_key (r->scope_id, r->name),
                             lanes_goroutine_index_lookup (analysis->index, event->goroutine));
    }
  else if (r->scope == LANES_RESOURCE_PROC)
    {
      guint64 key = proc_range_key (r->scope_id, r->name);
      guint32 began_on = lanes_id_map_lookup (&analysis->proc_ranges, key);

      if (began_on == LANES_ID_MAP_ABSENT)
        return;
      if (began_on == lanes_goroutine_index_lookup (analysis->index, event->goroutine))
        life = current_life (analysis, event->goroutine);
      lanes_id_map_remove (&analysis->proc_ranges, key);
    }
  if (life == NULL)
    return;

  switch (event->kind)
    {
    case LANES_EVENT_RANGE_BEGIN:
      find_or_add_cell (analysis, &life->range_cells, r->name)->open_since = event->time;
      break;
    case LANES_EVENT_RANGE_ACTIVE:
      /* Known to be in progress since the generation began. */
      cell = find_or_add_cell (analysis, &life->range_cells, r->name);
      if (cell->open_since != 0)
        cell->total_ns += analysis->sync_time - cell->open_since;
      cell->open_since = analysis->sync_time;
      break;
    default:
      cell = find_cell (analysis, life->range_cells, r->name);
      if (cell == NULL || cell->open_since == 0)
        return;
      cell->total_ns += event->time - cell->open_since;
      cell->open_since = 0;
      break;
    }
}

static G_GNUC_NO_INLINE void
add_other_event (LanesGoroutineAnalysis *analysis,
                 const LanesTraceEvent  *event)
{
  switch (event->kind)
    {
    case LANES_EVENT_SYNC:
      analysis->sync_time = event->time;
      break;
    case LANES_EVENT_STATE_TRANSITION:
      if (event->transition.resource == LANES_RESOURCE_PROC)
        add_proc_transition (analysis, event);
      break;
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      add_range (analysis, event);
      break;
    default:
      break;
    }
}

void
lanes_goroutine_analysis_add_event (LanesGoroutineAnalysis *analysis,
                                    const LanesTraceEvent  *event,
                                    guint32                 goroutine)
{
  if (G_UNLIKELY (!analysis->seen_event))
    analysis->sync_time = event->time;   /* Go's first sync is the first event */
  analysis->seen_event = TRUE;
  analysis->last_time = event->time;

  if (G_LIKELY (goroutine != LANES_NO_INDEX))
    add_goroutine_transition (analysis, event, goroutine);
  else
    add_other_event (analysis, event);
}

void
lanes_goroutine_analysis_add (LanesGoroutineAnalysis *analysis,
                              const LanesTraceEvent  *events,
                              guint                   n_events)
{
  for (guint i = 0; i < n_events; i++)
    lanes_goroutine_analysis_add_event (analysis, &events[i],
                                        lanes_goroutine_index_of_transition (analysis->index, &events[i]));
}

/* Groups */

static void
add_to_sums (GArray  *sums,
             guint32  key,
             gint64   ns)
{
  LanesTimeByString added = { key, ns };

  for (guint k = 0; k < sums->len; k++)
    if (g_array_index (sums, LanesTimeByString, k).key == key)
      {
        g_array_index (sums, LanesTimeByString, k).ns += ns;
        return;
      }
  g_array_append_val (sums, added);
}

static void
add_cells_to (LanesGoroutineAnalysis *analysis,
              GArray                 *sums,
              guint32                 head)
{
  for (guint32 c = head; c != NO_CELL; c = g_array_index (analysis->cells, Cell, c).next)
    add_to_sums (sums, g_array_index (analysis->cells, Cell, c).key, g_array_index (analysis->cells, Cell, c).total_ns);
}

static void
add_chunks_to (LanesGoroutineAnalysis *analysis,
               GArray                 *sums,
               guint32                 head)
{
  for (guint32 c = head; c != NO_CHUNK; c = chunk_at (analysis, c)->next)
    for (guint k = 0; k < chunk_at (analysis, c)->n_reasons; k++)
      add_to_sums (sums, chunk_at (analysis, c)->reasons[k], chunk_at (analysis, c)->ns[k]);
}

static gint
compare_by_string (gconstpointer a,
                   gconstpointer b,
                   gpointer      reader)
{
  return strcmp (lanes_trace_reader_get_string (reader, ((const LanesTimeByString *) a)->key),
                 lanes_trace_reader_get_string (reader, ((const LanesTimeByString *) b)->key));
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const LanesGoroutineGroup *) a)->name, ((const LanesGoroutineGroup *) b)->name);
}

static void
build_groups (LanesGoroutineAnalysis *analysis)
{
  g_autoptr(GHashTable) group_of_name = g_hash_table_new (NULL, NULL);   /* name id → group + 1 */

  analysis->groups = g_array_new (FALSE, FALSE, sizeof (LanesGoroutineGroup));
  g_array_set_clear_func (analysis->groups, clear_group);

  for (guint i = 0; i < analysis->current->len; i++)
    {
      const Life *life = life_at (analysis, g_array_index (analysis->current, guint32, i));
      guint g = GPOINTER_TO_UINT (g_hash_table_lookup (group_of_name, GUINT_TO_POINTER (life->name)));
      LanesGoroutineGroup *group;

      if (g == 0)
        {
          LanesGoroutineGroup added = {
            .name = life->name == analysis->empty_string
                    ? LANES_UNKNOWN_GOROUTINE_NAME
                    : lanes_trace_reader_get_string (analysis->reader, life->name),
            .block_ns = g_array_new (FALSE, FALSE, sizeof (LanesTimeByString)),
            .range_ns = g_array_new (FALSE, FALSE, sizeof (LanesTimeByString)),
          };
          g_array_append_val (analysis->groups, added);
          g = analysis->groups->len;
          g_hash_table_insert (group_of_name, GUINT_TO_POINTER (life->name), GUINT_TO_POINTER (g));
        }
      group = &g_array_index (analysis->groups, LanesGoroutineGroup, g - 1);
      group->count++;
      group->times.exec_ns += life->times.exec_ns;
      group->times.sched_wait_ns += life->times.sched_wait_ns;
      group->times.syscall_ns += life->times.syscall_ns;
      group->times.syscall_block_ns += life->times.syscall_block_ns;
      add_chunks_to (analysis, group->block_ns, life->block_chunks);
      add_cells_to (analysis, group->range_ns, life->range_cells);
    }

  g_array_sort (analysis->groups, compare_groups);
  for (guint g = 0; g < analysis->groups->len; g++)
    {
      LanesGoroutineGroup *group = &g_array_index (analysis->groups, LanesGoroutineGroup, g);
      g_array_sort_with_data (group->block_ns, compare_by_string, analysis->reader);
      g_array_sort_with_data (group->range_ns, compare_by_string, analysis->reader);
    }
}

void
lanes_goroutine_analysis_finish (LanesGoroutineAnalysis *analysis)
{
  g_return_if_fail (analysis->current == NULL);

  analysis->current = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 i = 0; i < lanes_goroutine_index_size (analysis->index); i++)
    {
      if (!(life_at (analysis, i)->flags & ALIVE))
        continue;
      finalize_life (analysis, life_at (analysis, i), analysis->last_time);
      g_array_append_val (analysis->current, i);
    }
  build_groups (analysis);
}

guint
lanes_goroutine_analysis_get_n_goroutines (LanesGoroutineAnalysis *analysis)
{
  g_return_val_if_fail (analysis->current != NULL, 0);
  return analysis->current->len;
}

static const Life *
nth_life (LanesGoroutineAnalysis *analysis,
          guint                   i)
{
  g_assert (analysis->current != NULL && i < analysis->current->len);
  return life_at (analysis, g_array_index (analysis->current, guint32, i));
}

void
lanes_goroutine_analysis_get_goroutine (LanesGoroutineAnalysis *analysis,
                                        guint                   i,
                                        LanesGoroutineInfo     *info)
{
  const Life *life = nth_life (analysis, i);

  info->id = lanes_goroutine_index_id (analysis->index, g_array_index (analysis->current, guint32, i));
  info->name = life->name;
  info->times = life->times;
}

gint64
lanes_goroutine_analysis_get_block_ns (LanesGoroutineAnalysis *analysis,
                                       guint                   i,
                                       guint32                 reason)
{
  g_autoptr(GArray) sums = g_array_new (FALSE, FALSE, sizeof (LanesTimeByString));

  add_chunks_to (analysis, sums, nth_life (analysis, i)->block_chunks);
  for (guint k = 0; k < sums->len; k++)
    if (g_array_index (sums, LanesTimeByString, k).key == reason)
      return g_array_index (sums, LanesTimeByString, k).ns;
  return 0;
}

gint64
lanes_goroutine_analysis_get_range_ns (LanesGoroutineAnalysis *analysis,
                                       guint                   i,
                                       guint32                 range_name)
{
  const Cell *cell = find_cell (analysis, nth_life (analysis, i)->range_cells, range_name);
  return cell ? cell->total_ns : 0;
}

gint64
lanes_goroutine_analysis_get_start_time (LanesGoroutineAnalysis *analysis,
                                         guint32                 index,
                                         guint32                *life)
{
  const Life *l = life_at (analysis, index);

  *life = l->serial;
  return l->start_time;
}

const GArray *
lanes_goroutine_analysis_get_groups (LanesGoroutineAnalysis *analysis)
{
  g_return_val_if_fail (analysis->groups != NULL, NULL);
  return analysis->groups;
}
