/* lanes-window-private.h: what the files of the window share: its
 * fields, and how each part (actions, panels, drag and drop, loading)
 * sets itself up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lanes-document.h"
#include "lanes-overview-strip.h"
#include "lanes-session.h"
#include "lanes-timeline-view.h"
#include "lanes-window.h"

G_BEGIN_DECLS

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


/* lanes-window.c */
void _lanes_window_show_error          (LanesWindow    *self,
                                        const char     *message);
void _lanes_window_dismiss_error       (LanesWindow    *self);
/* Puts the trace opened in the recent list. */
void _lanes_window_remember            (LanesWindow    *self);

/* lanes-window-actions.c: the window's actions and the lane groups. */
void _lanes_window_class_actions_init  (GtkWidgetClass *widget_class);
void _lanes_window_actions_init        (LanesWindow    *self);

/* lanes-window-panels.c: the side panels and the area they sit in. */
void _lanes_window_class_panels_init   (GtkWidgetClass *widget_class);
void _lanes_window_panels_init         (LanesWindow    *self);
/* Remembers the panel area's size for the next window. */
void _lanes_window_save_side_size      (LanesWindow    *self);

/* lanes-window-dnd.c: a trace dropped on the window opens in it. */
void _lanes_window_dnd_init            (LanesWindow    *self);

G_END_DECLS
