/* lanes-overview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-overview.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lanes-duration.h"

#define MAX_REASONS 12

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
add_count_row (AdwPreferencesGroup *group,
               const char          *title,
               guint64              count)
{
  g_autofree char *value = g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
  return add_row (group, title, value);
}

static GtkWidget *
trace_group (LanesDocument *document)
{
  LanesTraceReader *reader = lanes_document_get_reader (document);
  LanesSummary *summary = lanes_document_get_summary (document);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *format = g_strdup_printf (_("Go 1.%u"), lanes_trace_reader_get_version (reader));
  g_autofree char *duration = lanes_duration_format (lanes_summary_get_duration_ns (summary));
  LanesTimeline *timeline;
  GtkWidget *procs;
  guint lanes, first;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Trace"));
  add_row (ADW_PREFERENCES_GROUP (group), _("Format"), format);
  add_row (ADW_PREFERENCES_GROUP (group), _("Duration"), duration);
  add_count_row (ADW_PREFERENCES_GROUP (group), _("Events"), lanes_summary_get_events (summary));
  add_count_row (ADW_PREFERENCES_GROUP (group), _("Goroutines"), lanes_summary_get_goroutines (summary));
  procs = add_count_row (ADW_PREFERENCES_GROUP (group), _("Procs (P)"), lanes_summary_get_procs (summary));
  /* Go's count is of the Ps that events name; the timeline has a lane
   * for every P, idle ones too. */
  timeline = lanes_document_get_timeline (document);
  if (timeline != NULL
      && (lanes = lanes_timeline_get_group (timeline, LANES_GROUP_PROCS, &first)) != lanes_summary_get_procs (summary))
    {
      g_autofree char *note = g_strdup_printf (_("The Ps that events name; the timeline shows all %u"), lanes);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (procs), note);
    }
  add_count_row (ADW_PREFERENCES_GROUP (group), _("Threads (M)"), lanes_summary_get_threads (summary));
  return group;
}

static GtkWidget *
gc_group (LanesDocument *document)
{
  LanesSummary *summary = lanes_document_get_summary (document);
  const LanesRangeStats *gc = lanes_summary_get_range (summary, "GC concurrent mark phase");
  LanesRangeStats stw = lanes_summary_get_stw (summary);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *total = lanes_duration_format (stw.total_ns);
  g_autofree char *longest = lanes_duration_format (stw.max_ns);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Garbage Collection"));
  add_count_row (ADW_PREFERENCES_GROUP (group), _("GC cycles"), gc ? gc->count : 0);
  add_count_row (ADW_PREFERENCES_GROUP (group), _("Stop-the-world pauses"), stw.count);
  add_row (ADW_PREFERENCES_GROUP (group), _("Stopped in all"), total);
  add_row (ADW_PREFERENCES_GROUP (group), _("Longest pause"), longest);
  return group;
}

static GtkWidget *
blocking_group (LanesDocument *document)
{
  g_autoptr(GArray) reasons = lanes_summary_get_block_reasons (lanes_document_get_summary (document));
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Goroutines Blocked"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("How often goroutines started waiting, by reason"));
  for (guint i = 0; i < MIN (reasons->len, MAX_REASONS); i++)
    {
      const LanesNamedCount *reason = &g_array_index (reasons, LanesNamedCount, i);
      /* The runtime gives no reason when it reports a goroutine's state at
       * the start of a generation. */
      add_count_row (ADW_PREFERENCES_GROUP (group), *reason->name ? reason->name : _("(already waiting)"),
                     reason->count);
    }
  return group;
}

GtkWidget *
lanes_overview_new (LanesDocument *document)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_box_append (GTK_BOX (box), trace_group (document));
  gtk_box_append (GTK_BOX (box), gc_group (document));
  gtk_box_append (GTK_BOX (box), blocking_group (document));
  return box;
}
