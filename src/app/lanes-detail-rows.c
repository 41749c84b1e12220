/* lanes-detail-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-detail-rows.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#define MAX_FRAMES 12
#define SHORT_VALUE 20   /* characters */

static GtkWidget *
value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

GtkWidget *
lanes_detail_add_row (GtkWidget  *group,
                      const char *title,
                      const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* A long value (a stop-the-world's reason) goes under the title, whole,
   * rather than squeezing the title beside it. */
  if (g_utf8_strlen (value, -1) > SHORT_VALUE)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label (value));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* The goroutine @goroutine, as a row that selects what it was doing at
 * @time on its own lane ("win.select-goroutine"). */
void
lanes_detail_add_goroutine (GtkWidget     *group,
                            LanesTimeline *timeline,
                            const char    *title,
                            gint64         goroutine,
                            gint64         time)
{
  guint lane = lanes_timeline_find_lane (timeline, LANES_LANE_GOROUTINE, goroutine);
  g_autofree char *name = lane != G_MAXUINT ? lanes_timeline_lane_dup_name (timeline, lane)
                                            : g_strdup_printf ("G%" G_GINT64_FORMAT, goroutine);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (lane != G_MAXUINT)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.select-goroutine");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xx)", goroutine, time);
      gtk_widget_set_tooltip_text (row, _("Show this goroutine's lane at this moment"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* The stack as rows: function, then file:line under it. */
void
lanes_detail_add_stack (GtkWidget     *box,
                        LanesTimeline *timeline,
                        const char    *title,
                        guint32        stack)
{
  LanesTraceReader *reader = lanes_timeline_get_reader (timeline);
  const LanesTraceFrame *frames;
  guint n = lanes_trace_reader_get_stack (reader, stack, &frames);
  GtkWidget *group;

  if (n == 0)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < MIN (n, MAX_FRAMES); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *where = g_strdup_printf ("%s:%" G_GUINT64_FORMAT,
                                                lanes_trace_reader_get_string (reader, frames[i].file),
                                                frames[i].line);
      g_autofree char *function = g_markup_escape_text (lanes_trace_reader_get_string (reader, frames[i].function), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), function);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);
}
