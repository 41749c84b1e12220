/* lanes-window-panels.c: the side panels, in a stack with a switcher,
 * in an area beside or below the timeline that F9 hides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-window-private.h"

#include <glib/gi18n.h>

#include "lanes-details-panel.h"
#include "lanes-trace-panel.h"

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

void
_lanes_window_save_side_size (LanesWindow *self)
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
  _lanes_window_save_side_size (self);
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

void
_lanes_window_class_panels_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_side_paned_allocated);
  gtk_widget_class_install_action (widget_class, "win.show-panel", "s", show_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.side-panel-visible", NULL);
}

void
_lanes_window_panels_init (LanesWindow *self)
{
  g_signal_connect_object (self->session, "notify::selection", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  add_panels (self);
  on_selection_changed (self);
  if (self->settings != NULL)
    add_side_panel_actions (self);
}
