/* lanes-tasks.h: user annotations (runtime/trace tasks, regions, logs).
 *
 * They are few compared with scheduling events, so plain arrays do:
 * regions sorted by goroutine for the goroutine lanes, and by task with
 * the logs for the task lanes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LANES_NO_INDEX G_MAXUINT32

typedef struct
{
  guint64 id;
  guint64 parent;       /* LANES_NO_TASK when none */
  guint32 name;         /* string id */
  guint32 goroutine;    /* index of the goroutine that began it, or none */
  gint64 start;         /* the trace start when it began before */
  gint64 end;           /* the trace end when it did not end */
} LanesUserTask;

typedef struct
{
  gint64 start;
  gint64 end;
  guint32 goroutine;    /* goroutine index */
  guint32 task;         /* task index, LANES_NO_INDEX for none */
  guint32 name;         /* string id */
  guint32 depth;        /* 0 for the outermost */
} LanesUserRegion;

typedef struct
{
  gint64 time;
  guint32 goroutine;
  guint32 task;         /* task index, LANES_NO_INDEX for none */
  guint32 category;     /* string ids */
  guint32 message;
} LanesUserLog;

typedef struct _LanesTasks LanesTasks;

LanesTasks *lanes_tasks_new          (void);
void        lanes_tasks_free         (LanesTasks *tasks);

void        lanes_tasks_begin_task   (LanesTasks *tasks,
                                      gint64      time,
                                      guint64     id,
                                      guint64     parent,
                                      guint32     name,
                                      guint32     goroutine);
void        lanes_tasks_end_task     (LanesTasks *tasks,
                                      gint64      time,
                                      guint64     id,
                                      guint64     parent,
                                      guint32     name);
void        lanes_tasks_begin_region (LanesTasks *tasks,
                                      gint64      time,
                                      guint32     goroutine,
                                      guint64     task,
                                      guint32     name);
void        lanes_tasks_end_region   (LanesTasks *tasks,
                                      gint64      time,
                                      guint32     goroutine,
                                      guint64     task,
                                      guint32     name);
void        lanes_tasks_log          (LanesTasks *tasks,
                                      gint64      time,
                                      guint32     goroutine,
                                      guint64     task,
                                      guint32     category,
                                      guint32     message);
/* Closes what is still open at @end and sorts. */
void        lanes_tasks_finish       (LanesTasks *tasks,
                                      gint64      start,
                                      gint64      end);
/* A finished copy of what was added so far, ending at @end. */
LanesTasks *lanes_tasks_snapshot     (const LanesTasks *tasks,
                                      gint64            start,
                                      gint64            end);

guint            lanes_tasks_get_n_tasks (const LanesTasks *tasks);
const LanesUserTask *lanes_tasks_get_task    (const LanesTasks *tasks,
                                          guint             index);
/* The regions of a goroutine, or of a task, in order of start. */
const LanesUserRegion *lanes_tasks_get_goroutine_regions (const LanesTasks *tasks,
                                                      guint32           goroutine,
                                                      guint            *n_regions);
const LanesUserRegion *lanes_tasks_get_task_regions      (const LanesTasks *tasks,
                                                      guint             task,
                                                      guint            *n_regions);
const LanesUserLog    *lanes_tasks_get_task_logs         (const LanesTasks *tasks,
                                                      guint             task,
                                                      guint            *n_logs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesTasks, lanes_tasks_free)

G_END_DECLS
