/* lanes-tasks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-tasks.h"

#include "lanes-trace.h"

struct _LanesTasks
{
  GArray *tasks;            /* LanesUserTask, in order of appearance */
  GHashTable *task_ids;     /* id → index + 1 */
  GArray *regions;          /* LanesUserRegion: by goroutine once finished */
  GArray *task_regions;     /* LanesUserRegion: by task once finished */
  GArray *logs;             /* LanesUserLog: by task once finished */
  GHashTable *open;         /* goroutine → GArray of open region indexes */
};

LanesTasks *
lanes_tasks_new (void)
{
  LanesTasks *tasks = g_new0 (LanesTasks, 1);

  tasks->tasks = g_array_new (FALSE, FALSE, sizeof (LanesUserTask));
  tasks->task_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  tasks->regions = g_array_new (FALSE, FALSE, sizeof (LanesUserRegion));
  tasks->logs = g_array_new (FALSE, FALSE, sizeof (LanesUserLog));
  tasks->open = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  return tasks;
}

void
lanes_tasks_free (LanesTasks *tasks)
{
  if (tasks == NULL)
    return;
  g_array_unref (tasks->tasks);
  g_hash_table_unref (tasks->task_ids);
  g_array_unref (tasks->regions);
  g_clear_pointer (&tasks->task_regions, g_array_unref);
  g_array_unref (tasks->logs);
  g_hash_table_unref (tasks->open);
  g_free (tasks);
}

/* The index of task @id, made up (as begun before the trace) if unseen. */
static guint32
task_index (LanesTasks *tasks,
            guint64     id,
            guint64     parent,
            guint32     name)
{
  gpointer value = g_hash_table_lookup (tasks->task_ids, &id);
  LanesUserTask task = { id, parent, name, LANES_NO_INDEX, G_MININT64, G_MAXINT64 };

  if (id == LANES_NO_TASK || id == LANES_BACKGROUND_TASK)
    return LANES_NO_INDEX;
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;
  g_array_append_val (tasks->tasks, task);
  g_hash_table_insert (tasks->task_ids, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (tasks->tasks->len));
  return tasks->tasks->len - 1;
}

void
lanes_tasks_begin_task (LanesTasks *tasks,
                        gint64      time,
                        guint64     id,
                        guint64     parent,
                        guint32     name,
                        guint32     goroutine)
{
  guint32 i = task_index (tasks, id, parent, name);
  LanesUserTask *task;

  if (i == LANES_NO_INDEX)
    return;
  task = &g_array_index (tasks->tasks, LanesUserTask, i);
  task->start = time;
  task->goroutine = goroutine;
}

void
lanes_tasks_end_task (LanesTasks *tasks,
                      gint64      time,
                      guint64     id,
                      guint64     parent,
                      guint32     name)
{
  guint32 i = task_index (tasks, id, parent, name);

  if (i != LANES_NO_INDEX)
    g_array_index (tasks->tasks, LanesUserTask, i).end = time;
}

static GArray *
open_regions (LanesTasks *tasks,
              guint32     goroutine)
{
  GArray *open = g_hash_table_lookup (tasks->open, GUINT_TO_POINTER (goroutine));

  if (open == NULL)
    {
      open = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_hash_table_insert (tasks->open, GUINT_TO_POINTER (goroutine), open);
    }
  return open;
}

void
lanes_tasks_begin_region (LanesTasks *tasks,
                          gint64      time,
                          guint32     goroutine,
                          guint64     task,
                          guint32     name)
{
  GArray *open = open_regions (tasks, goroutine);
  LanesUserRegion region = { time, G_MAXINT64, goroutine, task_index (tasks, task, LANES_NO_TASK, 0), name, open->len };
  guint32 index = tasks->regions->len;

  g_array_append_val (tasks->regions, region);
  g_array_append_val (open, index);
}

void
lanes_tasks_end_region (LanesTasks *tasks,
                        gint64      time,
                        guint32     goroutine,
                        guint64     task,
                        guint32     name)
{
  GArray *open = open_regions (tasks, goroutine);

  if (open->len == 0)
    {
      /* It began before the trace did. */
      LanesUserRegion region = { G_MININT64, time, goroutine, task_index (tasks, task, LANES_NO_TASK, 0), name, 0 };
      g_array_append_val (tasks->regions, region);
      return;
    }
  g_array_index (tasks->regions, LanesUserRegion, g_array_index (open, guint32, open->len - 1)).end = time;
  g_array_set_size (open, open->len - 1);
}

void
lanes_tasks_log (LanesTasks *tasks,
                 gint64      time,
                 guint32     goroutine,
                 guint64     task,
                 guint32     category,
                 guint32     message)
{
  LanesUserLog log = { time, goroutine, task_index (tasks, task, LANES_NO_TASK, 0), category, message };

  g_array_append_val (tasks->logs, log);
}

static gint
compare_by_goroutine (gconstpointer a,
                      gconstpointer b)
{
  const LanesUserRegion *x = a, *y = b;

  if (x->goroutine != y->goroutine)
    return x->goroutine < y->goroutine ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static gint
compare_by_task (gconstpointer a,
                 gconstpointer b)
{
  const LanesUserRegion *x = a, *y = b;

  if (x->task != y->task)
    return x->task < y->task ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static gint
compare_logs (gconstpointer a,
              gconstpointer b)
{
  const LanesUserLog *x = a, *y = b;

  if (x->task != y->task)
    return x->task < y->task ? -1 : 1;
  return x->time < y->time ? -1 : x->time > y->time;
}

void
lanes_tasks_finish (LanesTasks *tasks,
                    gint64      start,
                    gint64      end)
{
  for (guint i = 0; i < tasks->tasks->len; i++)
    {
      LanesUserTask *task = &g_array_index (tasks->tasks, LanesUserTask, i);
      task->start = MAX (task->start, start);
      task->end = MIN (task->end, end);
    }
  for (guint i = 0; i < tasks->regions->len; i++)
    {
      LanesUserRegion *region = &g_array_index (tasks->regions, LanesUserRegion, i);
      region->start = MAX (region->start, start);
      region->end = MIN (region->end, end);
    }
  g_hash_table_remove_all (tasks->open);

  tasks->task_regions = g_array_copy (tasks->regions);
  g_array_sort (tasks->regions, compare_by_goroutine);
  g_array_sort (tasks->task_regions, compare_by_task);
  g_array_sort (tasks->logs, compare_logs);
}

LanesTasks *
lanes_tasks_snapshot (const LanesTasks *tasks,
                      gint64            start,
                      gint64            end)
{
  LanesTasks *copy = lanes_tasks_new ();

  /* Regions and tasks still open end at @end; finishing clamps them. */
  g_array_append_vals (copy->tasks, tasks->tasks->data, tasks->tasks->len);
  g_array_append_vals (copy->regions, tasks->regions->data, tasks->regions->len);
  g_array_append_vals (copy->logs, tasks->logs->data, tasks->logs->len);
  lanes_tasks_finish (copy, start, end);
  return copy;
}

guint
lanes_tasks_get_n_tasks (const LanesTasks *tasks)
{
  return tasks->tasks->len;
}

const LanesUserTask *
lanes_tasks_get_task (const LanesTasks *tasks,
                      guint             index)
{
  return &g_array_index (tasks->tasks, LanesUserTask, index);
}

/* The run of @array (sorted by a key) whose key is @key. */
#define EQUAL_RANGE(array, type, field, key, n_out)                        \
  G_STMT_START {                                                           \
    const type *items_ = (const type *) (array)->data;                     \
    guint lo_ = 0, hi_ = (array)->len, end_;                               \
    while (lo_ < hi_)                                                      \
      {                                                                    \
        guint mid_ = lo_ + (hi_ - lo_) / 2;                                \
        if (items_[mid_].field < (key)) lo_ = mid_ + 1; else hi_ = mid_;   \
      }                                                                    \
    for (end_ = lo_; end_ < (array)->len && items_[end_].field == (key); end_++) \
      ;                                                                    \
    *(n_out) = end_ - lo_;                                                 \
    return items_ + lo_;                                                   \
  } G_STMT_END

const LanesUserRegion *
lanes_tasks_get_goroutine_regions (const LanesTasks *tasks,
                                   guint32           goroutine,
                                   guint            *n_regions)
{
  EQUAL_RANGE (tasks->regions, LanesUserRegion, goroutine, goroutine, n_regions);
}

const LanesUserRegion *
lanes_tasks_get_task_regions (const LanesTasks *tasks,
                              guint             task,
                              guint            *n_regions)
{
  EQUAL_RANGE (tasks->task_regions, LanesUserRegion, task, task, n_regions);
}

const LanesUserLog *
lanes_tasks_get_task_logs (const LanesTasks *tasks,
                           guint             task,
                           guint            *n_logs)
{
  EQUAL_RANGE (tasks->logs, LanesUserLog, task, task, n_logs);
}
