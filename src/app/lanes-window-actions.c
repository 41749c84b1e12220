/* lanes-window-actions.c: what the window does on request ("win.open",
 * "win.find", …), and the lane groups kept in the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-window-private.h"

#include <glib/gi18n.h>

#include "lanes-application.h"

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

void
_lanes_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.follow-wakeup", NULL, follow_wakeup_action);
  gtk_widget_class_install_action (widget_class, "win.select-goroutine", "(xx)", select_goroutine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-load", NULL);
}

void
_lanes_window_actions_init (LanesWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  if (self->settings == NULL)
    return;
  g_signal_connect_swapped (self->settings, "changed::lane-groups", G_CALLBACK (apply_lane_groups), self);
  apply_lane_groups (self);
  g_signal_connect_swapped (self->settings, "changed::collapsed-groups", G_CALLBACK (apply_collapsed_groups), self);
  apply_collapsed_groups (self);
  g_signal_connect_swapped (self->timeline_view, "notify::collapsed-groups", G_CALLBACK (on_collapsed_changed), self);
  add_group_actions (self);
}
