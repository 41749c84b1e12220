/* test-tasks.c: user tasks, regions and logs, including ones cut by the
 * trace's ends and a snapshot taken while regions are open.
 *
 * Names are string ids; these need no reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-tasks.h"
#include "lanes-trace.h"

enum { OLD_TASK = 3, NEW_TASK, OUTER, INNER, CATEGORY, MESSAGE, EARLY_REGION };

/* Task 7 began before the trace and ends at 100; task 8, its child,
 * begins on goroutine 1 at 200 and never ends.  Goroutine 1 has a
 * region 300–(end) in task 8 with one 350–400 inside, and logs at 420;
 * goroutine 2 ends at 50 a region of the background task that began
 * before the trace, and logs into task 7 at 60. */
static void
add_annotations (LanesTasks *tasks,
                 gboolean    to_the_end)
{
  lanes_tasks_end_region (tasks, 50, 2, LANES_BACKGROUND_TASK, EARLY_REGION);
  lanes_tasks_end_task (tasks, 100, 7, LANES_NO_TASK, OLD_TASK);
  lanes_tasks_log (tasks, 110, 2, 7, CATEGORY, MESSAGE);
  lanes_tasks_begin_task (tasks, 200, 8, 7, NEW_TASK, 1);
  lanes_tasks_begin_region (tasks, 300, 1, 8, OUTER);
  lanes_tasks_begin_region (tasks, 350, 1, 8, INNER);
  if (!to_the_end)
    return;
  lanes_tasks_end_region (tasks, 400, 1, 8, INNER);
  lanes_tasks_log (tasks, 420, 1, 8, CATEGORY, MESSAGE);
}

static void
assert_region (const LanesUserRegion *region,
               gint64                 start,
               gint64                 end,
               guint32                task,
               guint32                name,
               guint32                depth)
{
  g_assert_cmpint (region->start, ==, start);
  g_assert_cmpint (region->end, ==, end);
  g_assert_cmpuint (region->task, ==, task);
  g_assert_cmpuint (region->name, ==, name);
  g_assert_cmpuint (region->depth, ==, depth);
}

static void
test_whole_trace (void)
{
  g_autoptr(LanesTasks) tasks = lanes_tasks_new ();
  const LanesUserTask *old, *young;
  const LanesUserRegion *regions;
  const LanesUserLog *logs;
  guint n;

  add_annotations (tasks, TRUE);
  lanes_tasks_finish (tasks, 0, 1000);

  /* In order of appearance; the background task is none. */
  g_assert_cmpuint (lanes_tasks_get_n_tasks (tasks), ==, 2);
  old = lanes_tasks_get_task (tasks, 0);
  g_assert_cmpuint (old->id, ==, 7);
  g_assert_cmpint (old->start, ==, 0);
  g_assert_cmpint (old->end, ==, 100);
  g_assert_cmpuint (old->goroutine, ==, LANES_NO_INDEX);
  young = lanes_tasks_get_task (tasks, 1);
  g_assert_cmpuint (young->parent, ==, 7);
  g_assert_cmpuint (young->name, ==, NEW_TASK);
  g_assert_cmpuint (young->goroutine, ==, 1);
  g_assert_cmpint (young->start, ==, 200);
  g_assert_cmpint (young->end, ==, 1000);

  regions = lanes_tasks_get_goroutine_regions (tasks, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_region (&regions[0], 300, 1000, 1, OUTER, 0);
  assert_region (&regions[1], 350, 400, 1, INNER, 1);
  regions = lanes_tasks_get_goroutine_regions (tasks, 2, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_region (&regions[0], 0, 50, LANES_NO_INDEX, EARLY_REGION, 0);
  lanes_tasks_get_goroutine_regions (tasks, 3, &n);
  g_assert_cmpuint (n, ==, 0);

  regions = lanes_tasks_get_task_regions (tasks, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (regions[0].start, ==, 300);
  lanes_tasks_get_task_regions (tasks, 0, &n);
  g_assert_cmpuint (n, ==, 0);

  logs = lanes_tasks_get_task_logs (tasks, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (logs[0].time, ==, 110);
  g_assert_cmpuint (logs[0].goroutine, ==, 2);
  logs = lanes_tasks_get_task_logs (tasks, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (logs[0].time, ==, 420);
  g_assert_cmpuint (logs[0].message, ==, MESSAGE);
}

/* Taken at 380, inside both of goroutine 1's regions: they and task 8
 * end there, and the tasks being built are left as they were. */
static void
test_snapshot_inside_regions (void)
{
  g_autoptr(LanesTasks) tasks = lanes_tasks_new ();
  g_autoptr(LanesTasks) snapshot = NULL;
  const LanesUserRegion *regions;
  guint n;

  add_annotations (tasks, FALSE);
  snapshot = lanes_tasks_snapshot (tasks, 0, 380);

  g_assert_cmpint (lanes_tasks_get_task (snapshot, 1)->end, ==, 380);
  regions = lanes_tasks_get_goroutine_regions (snapshot, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_region (&regions[0], 300, 380, 1, OUTER, 0);
  assert_region (&regions[1], 350, 380, 1, INNER, 1);

  /* The rest arrives and closes the inner region as before. */
  lanes_tasks_end_region (tasks, 400, 1, 8, INNER);
  lanes_tasks_finish (tasks, 0, 1000);
  regions = lanes_tasks_get_goroutine_regions (tasks, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_region (&regions[1], 350, 400, 1, INNER, 1);
  g_assert_cmpint (lanes_tasks_get_task (tasks, 1)->end, ==, 1000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tasks/whole-trace", test_whole_trace);
  g_test_add_func ("/tasks/snapshot-inside-regions", test_snapshot_inside_regions);
  return g_test_run ();
}
