/* lanes-task-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-task-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lanes-detail-rows.h"
#include "lanes-duration.h"
#include "lanes-overview.h"

/* A task's own facts: its id, its parent, and whether it ended. */
static void
add_task_rows (GtkWidget           *group,
               const LanesUserTask *task,
               LanesTimeline       *timeline)
{
  g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, task->id);

  lanes_detail_add_row (group, _("Task ID"), id);
  if (task->parent != LANES_NO_TASK)
    {
      g_autofree char *parent = g_strdup_printf ("%" G_GUINT64_FORMAT, task->parent);
      lanes_detail_add_row (group, _("Parent task"), parent);
    }
  if (task->end >= lanes_timeline_get_end (timeline))
    lanes_detail_add_row (group, _("Ends"), _("not in the trace"));
}

GtkWidget *
lanes_task_panel_new (LanesTimeline *timeline,
                      guint          lane,
                      LanesTaskPart  part,
                      guint          index)
{
  static const char * const titles[] = { N_("Task"), N_("Region"), N_("Log") };
  static const char * const goroutine_titles[] = { N_("Begun by"), N_("Goroutine"), N_("Logged by") };
  LanesTraceReader *reader = lanes_timeline_get_reader (timeline);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  LanesSpanDetails d;
  const char *name = lanes_timeline_get_task_item (timeline, lane, part, index, &d);
  g_autofree char *start = lanes_duration_format (d.start - lanes_timeline_get_start (timeline));
  guint n;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(titles[part]));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), name);
  lanes_detail_add_row (group, part == LANES_TASK_PART_LOG ? _("At") : _("Starts at"), start);
  if (part != LANES_TASK_PART_LOG)
    {
      g_autofree char *duration = lanes_duration_format (d.end - d.start);
      lanes_detail_add_row (group, _("Lasts"), duration);
    }
  if (part == LANES_TASK_PART_LOG)
    {
      const LanesUserLog *log = &lanes_timeline_lane_get_logs (timeline, lane, &n)[index];
      lanes_detail_add_row (group, _("Category"), lanes_trace_reader_get_string (reader, log->category));
    }
  if (part == LANES_TASK_PART_TASK)
    add_task_rows (group, lanes_timeline_lane_get_task (timeline, lane), timeline);
  else
    {
      const LanesUserTask *task = lanes_timeline_lane_get_task (timeline, lane);
      lanes_detail_add_row (group, _("Task"), lanes_trace_reader_get_string (reader, task->name));
    }
  if (d.goroutine >= 0)
    lanes_detail_add_goroutine (group, timeline, _(goroutine_titles[part]), d.goroutine, d.start);
  gtk_box_append (GTK_BOX (box), group);
  return box;
}
