/* lanes-details-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-details-panel.h"

#include "lanes-span-panel.h"
#include "lanes-task-panel.h"

struct _LanesDetailsPanel
{
  GtkWidget parent_instance;

  LanesSession *session;
  GtkStack *stack;
  GtkBox *content;
  GtkWidget *rows;      /* of the selection shown, in content */
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LanesDetailsPanel, lanes_details_panel, GTK_TYPE_WIDGET)

static void
on_selection_changed (LanesDetailsPanel *self)
{
  const LanesSelection *selection = lanes_session_get_selection (self->session);
  LanesTimeline *timeline = lanes_session_get_timeline (self->session);

  if (self->rows != NULL)
    gtk_box_remove (self->content, self->rows);
  self->rows = NULL;
  if (selection == NULL || timeline == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (selection->on_task)
    self->rows = lanes_task_panel_new (timeline, selection->lane, selection->task_part, selection->task_index);
  else
    self->rows = lanes_span_panel_new (timeline, selection->lane, &selection->details,
                                       selection->has_assist ? &selection->assist : NULL);
  gtk_box_append (self->content, self->rows);
  gtk_stack_set_visible_child_name (self->stack, "selection");
}

static void
set_session (LanesDetailsPanel *self,
             LanesSession      *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::selection", G_CALLBACK (on_selection_changed), self,
                               G_CONNECT_SWAPPED);
      on_selection_changed (self);
    }
}

static void
lanes_details_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, LANES_DETAILS_PANEL (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_details_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (LANES_DETAILS_PANEL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_details_panel_dispose (GObject *object)
{
  LanesDetailsPanel *self = LANES_DETAILS_PANEL (object);

  set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANES_TYPE_DETAILS_PANEL);
  G_OBJECT_CLASS (lanes_details_panel_parent_class)->dispose (object);
}

static void
lanes_details_panel_class_init (LanesDetailsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lanes_details_panel_get_property;
  object_class->set_property = lanes_details_panel_set_property;
  object_class->dispose = lanes_details_panel_dispose;
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, LANES_TYPE_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanes_viewer/Lanes/lanes-details-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LanesDetailsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, LanesDetailsPanel, content);
}

static void
lanes_details_panel_init (LanesDetailsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
