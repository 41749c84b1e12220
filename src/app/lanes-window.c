/* lanes-window.c: a window showing one trace: a welcome page until one
 * is opened, a progress page while it loads, then the trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-window.h"

#include <glib/gi18n.h>

#include "lanes-application.h"
#include "lanes-document.h"
#include "lanes-duration.h"
#include "lanes-details-panel.h"
#include "lanes-overview-strip.h"
#include "lanes-settings.h"
#include "lanes-timeline-view.h"
#include "lanes-trace-panel.h"

#define MAX_RECENT 5

struct _LanesWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkStack *stack;
  GtkListBox *recent_list;
  GtkWidget *reading_box;     /* while loading */
  GtkProgressBar *reading_bar;
  GtkWidget *reading_placeholder;  /* until a timeline shows */
  GtkSpinner *reading_spinner;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  LanesTimelineView *timeline_view;
  LanesOverviewStrip *overview_strip;
  GtkPaned *side_paned;
  GtkWidget *side_panel;
  GtkStack *panel_stack;
  gboolean side_size_restored;

  GSettings *settings;        /* NULL when the schema is missing */
  LanesSession *session;      /* what the window shows, for all its widgets */
  LanesDocument *document;    /* the trace shown, or being loaded */
  GFile *file;                /* its file */
  GCancellable *cancellable;  /* of the load under way */
  gboolean remember_recent;   /* opened traces go to the recent list */
};

G_DEFINE_FINAL_TYPE (LanesWindow, lanes_window, ADW_TYPE_APPLICATION_WINDOW)

/* The side panels, in the order of their tabs: each is a widget with a
 * "session" property; adding one is a line here. */
static const struct
{
  const char *name;             /* the target of win.show-panel */
  const char *title;
  GType (*get_type) (void);
} panels[] = {
  { "details", N_("Details"), lanes_details_panel_get_type },
  { "trace", N_("Trace"), lanes_trace_panel_get_type },
};

static void
show_error (LanesWindow *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
on_error_dismissed (LanesWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* Recent traces */

static gboolean
is_trace_info (GtkRecentInfo *info)
{
  return gtk_recent_info_has_application (info, g_get_application_name ())
         && gtk_recent_info_exists (info);
}

static void
fill_recent_list (LanesWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL && shown < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) parent = NULL;
      g_autofree char *directory = NULL;
      GtkWidget *row;

      if (!is_trace_info (info))
        continue;
      file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      parent = g_file_get_parent (file);
      directory = parent ? g_file_get_parse_name (parent) : g_strdup ("");
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), directory);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "file", g_steal_pointer (&file), g_object_unref);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
on_recent_activated (LanesWindow   *self,
                     GtkListBoxRow *row)
{
  lanes_window_open (self, g_object_get_data (G_OBJECT (row), "file"));
}

/* Only traces that opened go to the recent list, so a failed open never
 * pushes real traces out of it. */
static void
remember (LanesWindow *self)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = {
    .mime_type = (char *) "application/x-go-trace",
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "lanes %u",
  };

  if (!self->remember_recent)
    return;
  uri = g_file_get_uri (self->file);
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* A selection shows in the Details panel; without one, the side shows
 * the trace's numbers. */
static void
on_selection_changed (LanesWindow *self)
{
  gboolean selected = lanes_session_get_selection (self->session) != NULL;

  gtk_stack_set_visible_child_name (self->panel_stack, selected ? "details" : "trace");
}

static void
add_panels (LanesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      GtkWidget *panel = g_object_new (panels[i].get_type (), "session", self->session, NULL);

      gtk_stack_add_titled (self->panel_stack, panel, panels[i].name, _(panels[i].title));
    }
}

/* Loading */

static void
on_progress (LanesDocument *document,
             GParamSpec    *pspec,
             LanesWindow   *self)
{
  double fraction = lanes_document_get_progress (document);
  g_autofree char *received = g_format_size (lanes_document_get_received (document));
  g_autofree char *text = NULL;

  switch (lanes_document_get_state (document))
    {
    case LANES_DOCUMENT_STATE_RECEIVING:
      text = lanes_document_get_received (document) == 0
             ? g_strdup (_("Waiting for data…"))
             : g_strdup_printf (_("Receiving the trace… %s"), received);
      break;
    case LANES_DOCUMENT_STATE_DECOMPRESSING:
      text = fraction < 0 ? g_strdup_printf (_("Decompressing… %s"), received)
                          : g_strdup_printf (_("Decompressing… %.0f %%"), fraction * 100);
      break;
    case LANES_DOCUMENT_STATE_BUILDING:
      text = g_strdup_printf (_("Reading the trace… %.0f %%"), fraction * 100);
      break;
    case LANES_DOCUMENT_STATE_OPENING:
      text = g_strdup (_("Opening…"));
      break;
    default:
      return;
    }
  if (fraction < 0)
    gtk_progress_bar_pulse (self->reading_bar);
  else
    gtk_progress_bar_set_fraction (self->reading_bar, fraction);
  gtk_progress_bar_set_text (self->reading_bar, text);
}

static void
show_placeholder (LanesWindow *self,
                  gboolean     shown)
{
  gtk_widget_set_visible (self->reading_placeholder, shown);
  gtk_spinner_set_spinning (self->reading_spinner, shown);
}

/* The part read so far, shown while the rest is read. */
static void
on_partial (LanesDocument *document,
            LanesTimeline *partial,
            LanesWindow   *self)
{
  if (document != self->document || lanes_document_get_timeline (document) != NULL)
    return;
  show_placeholder (self, FALSE);
  lanes_session_set_timeline (self->session, partial);
}

/* The numbers arrive after the timeline. */
static void
on_analyzed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(LanesWindow) self = data;
  LanesDocument *document = LANES_DOCUMENT (source);
  g_autoptr(GError) error = NULL;

  /* The Trace panel follows the document; a failure shows here too. */
  if (document == self->document && !lanes_document_analyze_finish (document, result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static void
show_document (LanesWindow *self)
{
  LanesTimeline *timeline = lanes_document_get_timeline (self->document);
  const GError *warning = lanes_document_get_warning (self->document);

  remember (self);
  lanes_session_set_timeline (self->session, timeline);
  if (warning != NULL)
    show_error (self, warning->message);
  lanes_document_analyze_async (self->document, self->cancellable, on_analyzed, g_object_ref (self));
}

static gboolean
showing_partial (LanesWindow *self)
{
  LanesTimeline *timeline = lanes_session_get_timeline (self->session);

  return timeline != NULL && lanes_timeline_is_partial (timeline);
}

/* Reading was stopped: what was read stays, without the numbers (they
 * are of the whole trace). */
static void
keep_partial (LanesWindow *self)
{
  LanesTimeline *timeline = lanes_session_get_timeline (self->session);
  g_autofree char *shown = lanes_duration_format (lanes_timeline_get_end (timeline) - lanes_timeline_get_start (timeline));
  g_autofree char *message = g_strdup_printf (_("Reading stopped: the timeline shows the first %s of the trace."), shown);

  remember (self);
  show_error (self, message);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(LanesWindow) self = data;
  LanesDocument *document = LANES_DOCUMENT (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = lanes_document_load_finish (document, result, &error);

  /* A newer load may have replaced this one. */
  if (document != self->document)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_widget_set_visible (self->reading_box, FALSE);
  show_placeholder (self, FALSE);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && showing_partial (self))
    {
      keep_partial (self);
      return;
    }
  if (!ok)
    {
      g_clear_object (&self->document);
      lanes_session_set_document (self->session, NULL);
      adw_window_title_set_title (self->window_title, _("Lanes"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_stack_set_visible_child_name (self->stack, "welcome");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  show_document (self);
}

void
lanes_window_open (LanesWindow *self,
                   GFile       *file)
{
  g_autofree char *parse_name = g_file_get_parse_name (file);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_set_object (&self->file, file);
  on_error_dismissed (self);

  lanes_session_set_timeline (self->session, NULL);
  self->document = lanes_document_new (file);
  lanes_session_set_document (self->session, self->document);
  g_signal_connect_object (self->document, "partial", G_CALLBACK (on_partial), self, 0);
  g_signal_connect_object (self->document, "notify::progress", G_CALLBACK (on_progress), self, 0);
  g_signal_connect_object (self->document, "notify::state", G_CALLBACK (on_progress), self, 0);
  g_signal_connect_object (self->document, "notify::received", G_CALLBACK (on_progress), self, 0);
  self->cancellable = g_cancellable_new ();

  adw_window_title_set_title (self->window_title, lanes_document_get_name (self->document));
  adw_window_title_set_subtitle (self->window_title, parse_name);
  /* The trace page at once, filled in as the trace is read: a crossfade
   * later would draw the whole window for every step of it. */
  gtk_progress_bar_set_fraction (self->reading_bar, 0);
  gtk_progress_bar_set_text (self->reading_bar, _("Opening…"));
  gtk_widget_set_visible (self->reading_box, TRUE);
  show_placeholder (self, TRUE);
  gtk_stack_set_visible_child_full (self->stack, "trace", GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", TRUE);

  lanes_document_load_async (self->document, self->cancellable, on_loaded, g_object_ref (self));
}

void
lanes_window_set_remember_recent (LanesWindow *self,
                                  gboolean     remember_recent)
{
  self->remember_recent = remember_recent;
}

gboolean
lanes_window_is_empty (LanesWindow *self)
{
  return self->document == NULL;
}

LanesTimelineView *
lanes_window_get_timeline_view (LanesWindow *self)
{
  return self->timeline_view;
}

static void
on_search_changed (LanesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  lanes_timeline_view_set_filter (self->timeline_view, text);
  /* Matching nothing shows on the entry as well as on the timeline. */
  if (*text != '\0' && lanes_timeline_view_get_goroutines_shown (self->timeline_view) == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

/* Enter on a goroutine id ("123" or "G123") jumps to its lane. */
static void
on_search_activate (LanesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint64 id;

  if (*text == 'G' || *text == 'g')
    text++;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &id, NULL))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (lanes_timeline_view_show_goroutine (self->timeline_view, (gint64) id))
    gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, id);
      g_autofree char *message = g_strdup_printf (_("No goroutine %s in this trace"), number);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
on_search_stopped (LanesWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
}

/* Actions */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LanesWindow *self = LANES_WINDOW (widget);

  if (lanes_window_is_empty (self))
    return;
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
follow_wakeup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (LANES_WINDOW (widget)->timeline_view), "timeline.follow-wakeup", NULL);
}

static void
select_goroutine_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gint64 goroutine, time;

  g_variant_get (parameter, "(xx)", &goroutine, &time);
  lanes_timeline_view_select_goroutine (LANES_WINDOW (widget)->timeline_view, goroutine, time);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(LanesWindow) self = data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    lanes_application_open_file (LANES_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file);
}
#else
static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                LanesWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      lanes_application_open_file (LANES_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file);
    }
  g_object_unref (dialog);
}
#endif

static GListStore *
trace_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) traces = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (traces, _("Go execution traces"));
  gtk_file_filter_add_mime_type (traces, "application/x-go-trace");
  gtk_file_filter_add_suffix (traces, "trace");
  gtk_file_filter_add_suffix (traces, "out");
  gtk_file_filter_add_suffix (traces, "gz");
  /* `curl -o trace …/debug/pprof/trace` writes a file with no extension,
   * which is sniffed as plain binary; what it holds is checked on open. */
  gtk_file_filter_add_mime_type (traces, "application/octet-stream");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, traces);
  g_list_store_append (filters, all);
  return filters;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LanesWindow *self = LANES_WINDOW (widget);
  g_autoptr(GListStore) filters = trace_filters ();
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Open Trace"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_file_chosen, g_object_ref (self));
#else
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Open Trace"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Open"), _("_Cancel"));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LanesApplication *app = LANES_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget)));
  g_autoptr(GFile) example = lanes_application_get_example_file (app);

  lanes_application_open_file (app, example);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LanesWindow *self = LANES_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LanesWindow   *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  lanes_window_open (self, g_value_get_object (value));
  return TRUE;
}

/* The lane groups shown follow the setting, in every window. */
static const char * const group_keys[LANES_N_GROUPS] = { "runtime", "procs", "threads", "goroutines", "tasks" };

/* The groups a setting names, as bits 1 << LanesGroup. */
static guint
groups_of_setting (LanesWindow *self,
                   const char  *key)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, key);
  guint groups = 0;

  for (guint g = 0; g < LANES_N_GROUPS; g++)
    if (g_strv_contains ((const char * const *) names, group_keys[g]))
      groups |= 1u << g;
  return groups;
}

static void
apply_lane_groups (LanesWindow *self)
{
  lanes_timeline_view_set_groups (self->timeline_view, groups_of_setting (self, "lane-groups"));
}

static void
apply_collapsed_groups (LanesWindow *self)
{
  lanes_timeline_view_set_collapsed_groups (self->timeline_view, groups_of_setting (self, "collapsed-groups"));
}

/* A group collapsed or opened in the view stays so in new windows. */
static void
on_collapsed_changed (LanesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  guint collapsed = 0;

  for (guint g = 0; g < LANES_N_GROUPS; g++)
    if (lanes_timeline_view_is_collapsed (self->timeline_view, g))
      {
        g_strv_builder_add (builder, group_keys[g]);
        collapsed |= 1u << g;
      }
  names = g_strv_builder_end (builder);
  if (collapsed != groups_of_setting (self, "collapsed-groups"))
    g_settings_set_strv (self->settings, "collapsed-groups", (const char * const *) names);
}

/* Each group is a check item of the Lanes menu ("lanes.runtime", …),
 * kept in the setting. */
static void
on_group_toggled (GSimpleAction *action,
                  GVariant      *state,
                  LanesWindow   *self)
{
  const char *group = g_action_get_name (G_ACTION (action));
  g_auto(GStrv) shown = g_settings_get_strv (self->settings, "lane-groups");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) groups = NULL;

  for (guint i = 0; shown[i] != NULL; i++)
    if (!g_str_equal (shown[i], group))
      g_strv_builder_add (builder, shown[i]);
  if (g_variant_get_boolean (state))
    g_strv_builder_add (builder, group);
  groups = g_strv_builder_end (builder);
  g_simple_action_set_state (action, state);
  g_settings_set_strv (self->settings, "lane-groups", (const char * const *) groups);
}

static void
add_group_actions (LanesWindow *self)
{
  GSimpleActionGroup *actions = g_simple_action_group_new ();
  g_auto(GStrv) shown = g_settings_get_strv (self->settings, "lane-groups");

  for (guint g = 0; g < LANES_N_GROUPS; g++)
    {
      gboolean on = g_strv_contains ((const char * const *) shown, group_keys[g]);
      GSimpleAction *action = g_simple_action_new_stateful (group_keys[g], NULL, g_variant_new_boolean (on));

      g_signal_connect (action, "change-state", G_CALLBACK (on_group_toggled), self);
      g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (action));
      g_object_unref (action);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "lanes", G_ACTION_GROUP (actions));
  g_object_unref (actions);
}

static gboolean
side_panel_below (LanesWindow *self)
{
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (self->side_paned)) == GTK_ORIENTATION_VERTICAL;
}

/* Beside the timeline the panel keeps its width, below it its height. */
static const char *
side_size_key (LanesWindow *self)
{
  return side_panel_below (self) ? "side-panel-height" : "side-panel-width";
}

/* The side panel opens as large as it was left; the paned learns its
 * size only once allocated. */
static void
on_side_paned_allocated (LanesWindow *self)
{
  int minimum, max_position;

  if (self->side_size_restored || self->settings == NULL)
    return;
  g_object_get (self->side_paned, "max-position", &max_position, NULL);
  if (max_position <= 0 || max_position == G_MAXINT)
    return;
  /* The paned stops where the panel is smallest. */
  gtk_widget_measure (self->side_panel, gtk_orientable_get_orientation (GTK_ORIENTABLE (self->side_paned)), -1,
                      &minimum, NULL, NULL, NULL);
  gtk_paned_set_position (self->side_paned,
                          MAX (max_position - (g_settings_get_int (self->settings, side_size_key (self)) - minimum), 0));
  self->side_size_restored = TRUE;
}

static void
save_side_size (LanesWindow *self)
{
  GtkWidget *panel = self->side_panel;

  if (gtk_widget_get_visible (panel) && self->side_size_restored)
    g_settings_set_int (self->settings, side_size_key (self),
                        side_panel_below (self) ? gtk_widget_get_height (panel) : gtk_widget_get_width (panel));
}

/* The panels sit beside the timeline or below it, in every window. */
static void
apply_side_panel_position (LanesWindow *self)
{
  g_autofree char *position = g_settings_get_string (self->settings, "side-panel-position");
  GtkOrientation orientation = g_str_equal (position, "below") ? GTK_ORIENTATION_VERTICAL
                                                               : GTK_ORIENTATION_HORIZONTAL;

  if (orientation == gtk_orientable_get_orientation (GTK_ORIENTABLE (self->side_paned)))
    return;
  save_side_size (self);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->side_paned), orientation);
  /* Restored again once allocated the new way. */
  self->side_size_restored = FALSE;
  gtk_paned_set_position (self->side_paned, G_MAXINT / 2);
}

/* F9 and the header's button show or hide the side panel, in every
 * window at once. */
static void
add_side_panel_actions (LanesWindow *self)
{
  g_autoptr(GAction) visible = g_settings_create_action (self->settings, "side-panel-visible");
  g_autoptr(GAction) position = g_settings_create_action (self->settings, "side-panel-position");

  g_action_map_add_action (G_ACTION_MAP (self), visible);
  g_settings_bind (self->settings, "side-panel-visible", self->side_panel, "visible", G_SETTINGS_BIND_GET);
  g_action_map_add_action (G_ACTION_MAP (self), position);
  g_signal_connect_swapped (self->settings, "changed::side-panel-position", G_CALLBACK (apply_side_panel_position),
                            self);
  apply_side_panel_position (self);
}

/* Shows the panel named by the target, opening the side area if hidden. */
static void
show_panel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LanesWindow *self = LANES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->panel_stack, name) == NULL)
    {
      g_warning ("No side panel named “%s”", name);
      return;
    }
  gtk_stack_set_visible_child_name (self->panel_stack, name);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "side-panel-visible", TRUE);
  else
    gtk_widget_set_visible (self->side_panel, TRUE);
}

/* The size the next window opens with. */
static gboolean
on_close_request (GtkWindow *window)
{
  LanesWindow *self = LANES_WINDOW (window);
  int width, height;

  if (self->settings == NULL)
    return FALSE;
  save_side_size (self);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  return FALSE;
}

static void
restore_size (LanesWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
lanes_window_dispose (GObject *object)
{
  LanesWindow *self = LANES_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->session);
  /* The panel's binding keeps the settings alive: no more signals here. */
  if (self->settings != NULL)
    {
      g_settings_unbind (self->side_panel, "visible");
      g_signal_handlers_disconnect_by_data (self->settings, self);
    }
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANES_TYPE_WINDOW);
  G_OBJECT_CLASS (lanes_window_parent_class)->dispose (object);
}

static void
lanes_window_class_init (LanesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanes_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = on_close_request;

  g_type_ensure (LANES_TYPE_TIMELINE_VIEW);
  g_type_ensure (LANES_TYPE_OVERVIEW_STRIP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanes_viewer/Lanes/lanes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, reading_box);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, reading_bar);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, reading_placeholder);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, overview_strip);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, LanesWindow, side_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_side_paned_allocated);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismissed);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.follow-wakeup", NULL, follow_wakeup_action);
  gtk_widget_class_install_action (widget_class, "win.select-goroutine", "(xx)", select_goroutine_action);
  gtk_widget_class_install_action (widget_class, "win.show-panel", "s", show_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.side-panel-visible", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-load", NULL);
}

static void
lanes_window_init (LanesWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  self->session = lanes_session_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->remember_recent = TRUE;
  lanes_timeline_view_set_session (self->timeline_view, self->session);
  lanes_overview_strip_set_session (self->overview_strip, self->session);
  g_signal_connect_object (self->session, "notify::selection", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  add_panels (self);
  on_selection_changed (self);
  self->settings = lanes_settings_new ();
  restore_size (self);
  if (self->settings != NULL)
    {
      g_signal_connect_swapped (self->settings, "changed::lane-groups", G_CALLBACK (apply_lane_groups), self);
      apply_lane_groups (self);
      g_signal_connect_swapped (self->settings, "changed::collapsed-groups", G_CALLBACK (apply_collapsed_groups), self);
      apply_collapsed_groups (self);
      g_signal_connect_swapped (self->timeline_view, "notify::collapsed-groups", G_CALLBACK (on_collapsed_changed), self);
      add_group_actions (self);
      add_side_panel_actions (self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  fill_recent_list (self);
}

LanesWindow *
lanes_window_new (GtkApplication *application)
{
  return g_object_new (LANES_TYPE_WINDOW, "application", application, NULL);
}
