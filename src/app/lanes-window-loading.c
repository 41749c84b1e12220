/* lanes-window-loading.c: opening a trace in the window: the progress
 * while it is read, the part read so far, then the whole, and what
 * stays when reading is stopped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-window-private.h"

#include <glib/gi18n.h>

#include "lanes-duration.h"

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
    _lanes_window_show_error (self, error->message);
}

static void
show_document (LanesWindow *self)
{
  LanesTimeline *timeline = lanes_document_get_timeline (self->document);
  const GError *warning = lanes_document_get_warning (self->document);

  _lanes_window_remember (self);
  lanes_session_set_timeline (self->session, timeline);
  if (warning != NULL)
    _lanes_window_show_error (self, warning->message);
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

  _lanes_window_remember (self);
  _lanes_window_show_error (self, message);
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
        _lanes_window_show_error (self, error->message);
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
  _lanes_window_dismiss_error (self);

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
