/* lanes-window.c: a window showing one trace: a welcome page until one
 * is opened, a progress page while it loads, then the trace.
 *
 * Its parts are in files of their own: lanes-window-actions.c,
 * lanes-window-dnd.c, lanes-window-loading.c and lanes-window-panels.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-window-private.h"

#include <glib/gi18n.h>

#include "lanes-settings.h"

#define MAX_RECENT 5

G_DEFINE_FINAL_TYPE (LanesWindow, lanes_window, ADW_TYPE_APPLICATION_WINDOW)

void
_lanes_window_show_error (LanesWindow *self,
                          const char  *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

void
_lanes_window_dismiss_error (LanesWindow *self)
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
void
_lanes_window_remember (LanesWindow *self)
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

/* The size the next window opens with. */
static gboolean
on_close_request (GtkWindow *window)
{
  LanesWindow *self = LANES_WINDOW (window);
  int width, height;

  if (self->settings == NULL)
    return FALSE;
  _lanes_window_save_side_size (self);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_error_dismissed",
                                                G_CALLBACK (_lanes_window_dismiss_error));
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);


  _lanes_window_class_actions_init (widget_class);
  _lanes_window_class_panels_init (widget_class);
}

static void
lanes_window_init (LanesWindow *self)
{
  self->session = lanes_session_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->remember_recent = TRUE;
  self->settings = lanes_settings_new ();
  lanes_timeline_view_set_session (self->timeline_view, self->session);
  lanes_overview_strip_set_session (self->overview_strip, self->session);
  restore_size (self);
  _lanes_window_actions_init (self);
  _lanes_window_panels_init (self);
  _lanes_window_dnd_init (self);
  fill_recent_list (self);
}

LanesWindow *
lanes_window_new (GtkApplication *application)
{
  return g_object_new (LANES_TYPE_WINDOW, "application", application, NULL);
}
