/* lanes-span-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-span-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lanes-detail-rows.h"
#include "lanes-duration.h"
#include "lanes-overview.h"

/* Where the code was: for a goroutine, where it blocked or stopped and
 * where it was woken; for what a P or thread ran, the same of the
 * goroutine it ran. */
static void
add_stacks (GtkWidget              *box,
            LanesTimeline          *timeline,
            guint                   lane,
            const LanesSpanDetails *d)
{
  LanesLaneKind kind = lanes_timeline_lane_get_kind (timeline, lane);
  LanesSpanDetails ran;
  guint goroutine_lane;

  if ((kind == LANES_LANE_PROC || kind == LANES_LANE_THREAD) && d->goroutine >= 0
      && (goroutine_lane = lanes_timeline_find_lane (timeline, LANES_LANE_GOROUTINE, d->goroutine)) != G_MAXUINT
      && lanes_timeline_hit_test (timeline, goroutine_lane, d->start, &ran))
    d = &ran;
  lanes_detail_add_stack (box, timeline, _("Stack"), d->stack);
  if (d->end_stack != d->stack)
    lanes_detail_add_stack (box, timeline, _("Where it stopped"), d->end_stack);
  if (d->unblocker >= 0)
    lanes_detail_add_stack (box, timeline, _("Where it was woken"), d->unblock_stack);
}

/* A mark assist under the selected span: how long, and the GC cycle
 * whose mark work it did. */
static void
add_assist (GtkWidget              *box,
            LanesTimeline          *timeline,
            const LanesSpanDetails *assist)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint gc_lane = lanes_timeline_find_lane (timeline, LANES_LANE_GC, -1);
  g_autofree char *start = lanes_duration_format (assist->start - lanes_timeline_get_start (timeline));
  g_autofree char *duration = lanes_duration_format (assist->end - assist->start);
  LanesSpanDetails gc;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Mark assist"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Allocating faster than the GC marks, this goroutine did mark work itself"));
  lanes_detail_add_row (group, _("Starts at"), start);
  lanes_detail_add_row (group, _("Lasts"), duration);
  if (gc_lane != G_MAXUINT && lanes_timeline_hit_test (timeline, gc_lane, assist->start, &gc))
    {
      g_autofree char *gc_start = lanes_duration_format (gc.start - lanes_timeline_get_start (timeline));
      g_autofree char *gc_duration = lanes_duration_format (gc.end - gc.start);
      g_autofree char *cycle = g_strdup_printf (_("from %s, for %s"), gc_start, gc_duration);

      lanes_detail_add_row (group, _("GC mark phase"), cycle);
    }
  gtk_box_append (GTK_BOX (box), group);
}

GtkWidget *
lanes_span_panel_new (LanesTimeline          *timeline,
                      guint                   lane,
                      const LanesSpanDetails *d,
                      const LanesSpanDetails *assist)
{
  LanesTraceReader *reader = lanes_timeline_get_reader (timeline);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *lane_name = lanes_timeline_lane_dup_name (timeline, lane);
  g_autofree char *start = lanes_duration_format (d->start - lanes_timeline_get_start (timeline));
  g_autofree char *duration = lanes_duration_format (d->end - d->start);
  const char *reason = d->reason ? lanes_trace_reader_get_string (reader, d->reason) : NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), lanes_state_to_string (d->state));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), lane_name);
  lanes_detail_add_row (group, _("Starts at"), start);
  lanes_detail_add_row (group, _("Lasts"), duration);
  if (reason != NULL && *reason != '\0')
    lanes_detail_add_row (group, _("Reason"), reason);
  if (d->goroutine >= 0 && lanes_timeline_lane_get_kind (timeline, lane) != LANES_LANE_GOROUTINE)
    lanes_detail_add_goroutine (group, timeline, _("Goroutine"), d->goroutine, d->start);
  if (d->proc >= 0)
    {
      g_autofree char *proc = g_strdup_printf ("P%" G_GINT64_FORMAT, d->proc);
      lanes_detail_add_row (group, _("Proc"), proc);
    }
  if (d->unblocker >= 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *follow = gtk_button_new_with_mnemonic (_("_Follow"));
      guint from = lanes_timeline_find_lane (timeline, LANES_LANE_GOROUTINE, d->unblocker);
      g_autofree char *name = from != G_MAXUINT ? lanes_timeline_lane_dup_name (timeline, from)
                                                : g_strdup_printf ("G%" G_GINT64_FORMAT, d->unblocker);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Woken by"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
      gtk_widget_set_valign (follow, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (follow, _("Select what the waking goroutine was doing (Enter)"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (follow), "win.follow-wakeup");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), follow);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);
  if (assist != NULL)
    add_assist (box, timeline, assist);
  add_stacks (box, timeline, lane, d);
  return box;
}
