/* lanes-window-dnd.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-window-private.h"

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

void
_lanes_window_dnd_init (LanesWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
