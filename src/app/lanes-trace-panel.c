/* lanes-trace-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lanes-detail-rows.h"
#include "lanes-duration.h"

/* A reason goroutines waited for, and how often: a row of the table. */
#define LANES_TYPE_REASON_COUNT (lanes_reason_count_get_type ())
G_DECLARE_FINAL_TYPE (LanesReasonCount, lanes_reason_count, LANES, REASON_COUNT, GObject)

struct _LanesReasonCount
{
  GObject parent_instance;

  char *name;
  guint64 count;
};

G_DEFINE_FINAL_TYPE (LanesReasonCount, lanes_reason_count, G_TYPE_OBJECT)

static void
lanes_reason_count_finalize (GObject *object)
{
  g_free (LANES_REASON_COUNT (object)->name);
  G_OBJECT_CLASS (lanes_reason_count_parent_class)->finalize (object);
}

static void
lanes_reason_count_class_init (LanesReasonCountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanes_reason_count_finalize;
}

static void
lanes_reason_count_init (LanesReasonCount *self)
{
}

struct _LanesTracePanel
{
  GtkWidget parent_instance;

  LanesSession *session;
  LanesDocument *document;      /* followed: the session's */
  gconstpointer shown;          /* the summary or partial timeline on show */

  GtkStack *stack;
  GtkSpinner *spinner;
  GtkLabel *status_title;
  GtkLabel *status_description;
  GtkProgressBar *status_bar;
  GtkBox *groups;               /* the trace's and GC's rows */
  GtkWidget *blocking_group;
  GListStore *reasons;          /* LanesReasonCount */
  GtkColumnView *reasons_view;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LanesTracePanel, lanes_trace_panel, GTK_TYPE_WIDGET)

static GtkWidget *
add_count_row (GtkWidget  *group,
               const char *title,
               guint64     count)
{
  g_autofree char *value = g_strdup_printf ("%'" G_GUINT64_FORMAT, count);

  return lanes_detail_add_row (group, title, value);
}

static void
clear_groups (LanesTracePanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);
}

static GtkWidget *
add_group (LanesTracePanel *self,
           const char      *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups, group);
  return group;
}

/* The lanes of @timeline's @group, Ps, Ms or goroutines. */
static guint
count_lanes (LanesTimeline *timeline,
             LanesGroup     group)
{
  guint first;

  return lanes_timeline_get_group (timeline, group, &first);
}

static void
add_trace_rows (LanesTracePanel *self,
                LanesSummary    *summary,
                LanesTimeline   *timeline)
{
  GtkWidget *group = add_group (self, _("Trace"));
  LanesTraceReader *reader = lanes_document_get_reader (self->document);
  g_autofree char *format = g_strdup_printf (_("Go 1.%u"), lanes_trace_reader_get_version (reader));
  g_autofree char *duration = lanes_duration_format (lanes_summary_get_duration_ns (summary));
  GtkWidget *procs;
  guint lanes;

  lanes_detail_add_row (group, _("Format"), format);
  lanes_detail_add_row (group, _("Duration"), duration);
  add_count_row (group, _("Events"), lanes_summary_get_events (summary));
  add_count_row (group, _("Goroutines"), lanes_summary_get_goroutines (summary));
  procs = add_count_row (group, _("Procs (P)"), lanes_summary_get_procs (summary));
  /* Go's count is of the Ps that events name; the timeline has a lane
   * for every P, idle ones too. */
  if (timeline != NULL && (lanes = count_lanes (timeline, LANES_GROUP_PROCS)) != lanes_summary_get_procs (summary))
    {
      g_autofree char *note = g_strdup_printf (_("The Ps that events name; the timeline shows all %u"), lanes);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (procs), note);
    }
  add_count_row (group, _("Threads (M)"), lanes_summary_get_threads (summary));
}

static void
add_gc_rows (LanesTracePanel *self,
             LanesSummary    *summary)
{
  GtkWidget *group = add_group (self, _("Garbage Collection"));
  const LanesRangeStats *gc = lanes_summary_get_range (summary, "GC concurrent mark phase");
  LanesRangeStats stw = lanes_summary_get_stw (summary);
  g_autofree char *total = lanes_duration_format (stw.total_ns);
  g_autofree char *longest = lanes_duration_format (stw.max_ns);

  add_count_row (group, _("GC cycles"), gc ? gc->count : 0);
  add_count_row (group, _("Stop-the-world pauses"), stw.count);
  lanes_detail_add_row (group, _("Stopped in all"), total);
  lanes_detail_add_row (group, _("Longest pause"), longest);
}

static void
fill_reasons (LanesTracePanel *self,
              LanesSummary    *summary)
{
  g_autoptr(GArray) reasons = lanes_summary_get_block_reasons (summary);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < reasons->len; i++)
    {
      const LanesNamedCount *reason = &g_array_index (reasons, LanesNamedCount, i);
      LanesReasonCount *item = g_object_new (LANES_TYPE_REASON_COUNT, NULL);

      /* The runtime gives no reason when it reports a goroutine's state
       * at the start of a generation. */
      item->name = g_strdup (*reason->name ? reason->name : _("(already waiting)"));
      item->count = reason->count;
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->reasons, 0, g_list_model_get_n_items (G_LIST_MODEL (self->reasons)),
                       items->pdata, items->len);
}

static void
show_numbers (LanesTracePanel *self,
              LanesSummary    *summary)
{
  if (self->shown == summary)
    return;
  self->shown = summary;
  clear_groups (self);
  add_trace_rows (self, summary, lanes_session_get_timeline (self->session));
  add_gc_rows (self, summary);
  fill_reasons (self, summary);
  gtk_widget_set_visible (self->blocking_group, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "numbers");
}

/* Reading was stopped: the numbers of the whole trace come from a second
 * read that never ran, so only what the timeline read can be told. */
static void
show_partial (LanesTracePanel *self,
              LanesTimeline   *timeline)
{
  GtkWidget *group;
  g_autofree char *duration = NULL;

  if (self->shown == timeline)
    return;
  self->shown = timeline;
  clear_groups (self);
  group = add_group (self, _("Part Read"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Reading was stopped: these are the numbers of the part read. "
                                           "Garbage collection and blocking are counted over the whole trace."));
  duration = lanes_duration_format (lanes_timeline_get_end (timeline) - lanes_timeline_get_start (timeline));
  lanes_detail_add_row (group, _("Duration"), duration);
  add_count_row (group, _("Goroutines"), count_lanes (timeline, LANES_GROUP_GOROUTINES));
  add_count_row (group, _("Procs (P)"), count_lanes (timeline, LANES_GROUP_PROCS));
  add_count_row (group, _("Threads (M)"), count_lanes (timeline, LANES_GROUP_THREADS));
  gtk_widget_set_visible (self->blocking_group, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "numbers");
}

static void
show_status (LanesTracePanel *self,
             gboolean         waiting,
             const char      *title,
             const char      *description)
{
  self->shown = NULL;
  gtk_spinner_set_spinning (self->spinner, waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), waiting);
  gtk_label_set_text (self->status_title, title);
  gtk_label_set_text (self->status_description, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

/* While the numbers are counted: how far. */
static void
on_progress (LanesTracePanel *self)
{
  gboolean counting = self->document != NULL
                      && lanes_document_get_state (self->document) == LANES_DOCUMENT_STATE_ANALYZING;

  gtk_widget_set_visible (GTK_WIDGET (self->status_bar), counting);
  if (counting)
    gtk_progress_bar_set_fraction (self->status_bar, MAX (lanes_document_get_progress (self->document), 0));
}

static void
update (LanesTracePanel *self)
{
  LanesTimeline *timeline = self->session ? lanes_session_get_timeline (self->session) : NULL;
  LanesDocumentState state;
  const GError *error;

  on_progress (self);
  if (self->document == NULL)
    {
      show_status (self, FALSE, _("No Trace"), _("Open a trace to see its numbers."));
      return;
    }
  if (lanes_document_get_summary (self->document) != NULL)
    {
      show_numbers (self, lanes_document_get_summary (self->document));
      return;
    }
  state = lanes_document_get_state (self->document);
  error = lanes_document_get_error (self->document);
  if (state == LANES_DOCUMENT_STATE_FAILED && timeline != NULL && lanes_timeline_is_partial (timeline))
    show_partial (self, timeline);
  else if (state == LANES_DOCUMENT_STATE_FAILED)
    show_status (self, FALSE, _("No Numbers"), error ? error->message : "");
  else if (state == LANES_DOCUMENT_STATE_ANALYZING)
    show_status (self, TRUE, _("Counting the Numbers"),
                 _("Events, goroutines, garbage collection and blocking, over the whole trace: a second read of it."));
  else
    show_status (self, TRUE, _("Waiting for the Timeline"),
                 _("The numbers are counted in a second read of the trace, once the timeline is read."));
}

static void
follow_document (LanesTracePanel *self)
{
  LanesDocument *document = self->session ? lanes_session_get_document (self->session) : NULL;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::analyzed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::progress", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

static void
set_session (LanesTracePanel *self,
             LanesSession    *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::document", G_CALLBACK (follow_document), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::timeline", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  follow_document (self);
}

/* The table's cells: a label each, the count right-aligned. */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  LanesReasonCount *reason = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), reason->name);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), reason->name);
}

static void
bind_count (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  LanesReasonCount *reason = gtk_list_item_get_item (item);
  g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, reason->count);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), count);
}

static void
add_column (LanesTracePanel *self,
            const char      *title,
            GCallback        bind,
            gboolean         numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", bind, NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, !numeric);
  gtk_column_view_append_column (self->reasons_view, column);
  g_object_unref (column);
}

static void
lanes_trace_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, LANES_TRACE_PANEL (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_trace_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (LANES_TRACE_PANEL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_trace_panel_dispose (GObject *object)
{
  LanesTracePanel *self = LANES_TRACE_PANEL (object);

  set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANES_TYPE_TRACE_PANEL);
  g_clear_object (&self->reasons);
  G_OBJECT_CLASS (lanes_trace_panel_parent_class)->dispose (object);
}

static void
lanes_trace_panel_class_init (LanesTracePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lanes_trace_panel_get_property;
  object_class->set_property = lanes_trace_panel_set_property;
  object_class->dispose = lanes_trace_panel_dispose;
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, LANES_TYPE_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lanes_viewer/Lanes/lanes-trace-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, status_title);
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, status_description);
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, status_bar);
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, groups);
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, blocking_group);
  gtk_widget_class_bind_template_child (widget_class, LanesTracePanel, reasons_view);
}

static void
lanes_trace_panel_init (LanesTracePanel *self)
{
  g_autoptr(GtkNoSelection) model = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->reasons = g_list_store_new (LANES_TYPE_REASON_COUNT);
  model = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->reasons)));
  gtk_column_view_set_model (self->reasons_view, GTK_SELECTION_MODEL (model));
  add_column (self, _("Reason"), G_CALLBACK (bind_name), FALSE);
  add_column (self, _("Times"), G_CALLBACK (bind_count), TRUE);
}
