/* lanes-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-document.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lanes-trace-input.h"

/* Loading threads yield to the main thread. */
#define BACKGROUND_NICENESS 10

/* Progress reaches the main thread at most this often. */
#define PROGRESS_INTERVAL_US (30 * 1000)

/* While building, a timeline of what was read so far is shown a quarter
 * second in, then each time the time spent has tripled: a big trace
 * shows at once and grows, and the snapshots cost a fraction of the
 * building (each is about as costly as the part read so far). */
#define FIRST_PARTIAL_US (G_USEC_PER_SEC / 4)
#define PARTIAL_GROWTH   3

struct _LanesDocument
{
  GObject parent_instance;

  char *path;                 /* local, or "-" for standard input */
  char *name;
  gint64 first_partial_us;

  /* What the properties say, on the main context. */
  LanesDocumentState state;
  double progress;
  guint64 received;
  GError *error;
  GError *warning;
  LanesTimeline *timeline;
  LanesTraceReader *reader;   /* of the summary and analysis */
  LanesSummary *summary;
  LanesAnalysis *analysis;
  gboolean working;           /* an async step is under way */

  /* Where a worker thread's news goes: NULL when reading on the
   * caller's thread, which then hears at once. */
  GMainContext *context;
  GMutex lock;                /* guards the pending news */
  LanesDocumentState pending_state;
  double pending_progress;
  guint64 pending_received;
  gboolean news_queued;
  gint64 news_sent;

  /* Only the thread reading touches these. */
  LanesTraceInput *input;
  guint64 input_received;
  gint64 building_since;
  gint64 partial_due;
};

G_DEFINE_ENUM_TYPE (LanesDocumentState, lanes_document_state,
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_OPENING, "opening"),
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_RECEIVING, "receiving"),
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_DECOMPRESSING, "decompressing"),
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_BUILDING, "building"),
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_ANALYZING, "analyzing"),
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (LANES_DOCUMENT_STATE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (LanesDocument, lanes_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_RECEIVED,
  PROP_TIMELINE,
  PROP_ANALYZED,
  PROP_WARNING,
  PROP_ERROR,
  N_PROPS
};

enum {
  PARTIAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What one read brings, handed from the worker to the main context. */
typedef struct
{
  LanesTimeline *timeline;
  LanesTraceReader *reader;
  LanesSummary *summary;
  LanesAnalysis *analysis;
  GError *warning;
} Harvest;

static void
harvest_free (Harvest *harvest)
{
  g_clear_object (&harvest->timeline);
  g_clear_pointer (&harvest->summary, lanes_summary_free);
  g_clear_pointer (&harvest->analysis, lanes_analysis_free);
  g_clear_pointer (&harvest->reader, lanes_trace_reader_free);
  g_clear_error (&harvest->warning);
  g_free (harvest);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Harvest, harvest_free)

static void
lanes_document_finalize (GObject *object)
{
  LanesDocument *self = LANES_DOCUMENT (object);

  g_clear_pointer (&self->summary, lanes_summary_free);
  g_clear_pointer (&self->analysis, lanes_analysis_free);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->reader, lanes_trace_reader_free);
  g_clear_pointer (&self->input, lanes_trace_input_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->error);
  g_clear_error (&self->warning);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->name);
  G_OBJECT_CLASS (lanes_document_parent_class)->finalize (object);
}

static void
lanes_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LanesDocument *self = LANES_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_RECEIVED:
      g_value_set_uint64 (value, self->received);
      break;
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_ANALYZED:
      g_value_set_boolean (value, self->summary != NULL || self->analysis != NULL);
      break;
    case PROP_WARNING:
      g_value_set_boxed (value, self->warning);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_document_class_init (LanesDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lanes_document_finalize;
  object_class->get_property = lanes_document_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, LANES_TYPE_DOCUMENT_STATE,
                                              LANES_DOCUMENT_STATE_NEW, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1, 1, 0, flags);
  properties[PROP_RECEIVED] = g_param_spec_uint64 ("received", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_TIMELINE] = g_param_spec_object ("timeline", NULL, NULL, LANES_TYPE_TIMELINE, flags);
  properties[PROP_ANALYZED] = g_param_spec_boolean ("analyzed", NULL, NULL, FALSE, flags);
  properties[PROP_WARNING] = g_param_spec_boxed ("warning", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A timeline of the part read so far, while loading goes on. */
  signals[PARTIAL] = g_signal_new ("partial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, LANES_TYPE_TIMELINE);
}

static void
lanes_document_init (LanesDocument *self)
{
  self->first_partial_us = FIRST_PARTIAL_US;
  g_mutex_init (&self->lock);
}

LanesDocument *
lanes_document_new_for_path (const char *path)
{
  LanesDocument *self = g_object_new (LANES_TYPE_DOCUMENT, NULL);

  self->path = g_strdup (path);
  self->name = g_strcmp0 (path, "-") == 0 ? g_strdup ("standard input") : g_path_get_basename (path);
  return self;
}

LanesDocument *
lanes_document_new (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  LanesDocument *self;

  if (path != NULL)
    return lanes_document_new_for_path (path);
  /* Say, a network location a file chooser offers: it fails to open,
   * with its name. */
  self = g_object_new (LANES_TYPE_DOCUMENT, NULL);
  self->name = g_file_get_parse_name (file);
  return self;
}

void
lanes_document_set_first_partial (LanesDocument *self,
                                  gint64         microseconds)
{
  self->first_partial_us = microseconds;
}

const char *
lanes_document_get_name (LanesDocument *self)
{
  return self->name;
}

LanesDocumentState
lanes_document_get_state (LanesDocument *self)
{
  return self->state;
}

double
lanes_document_get_progress (LanesDocument *self)
{
  return self->progress;
}

guint64
lanes_document_get_received (LanesDocument *self)
{
  return self->received;
}

const GError *
lanes_document_get_error (LanesDocument *self)
{
  return self->error;
}

const GError *
lanes_document_get_warning (LanesDocument *self)
{
  return self->warning;
}

LanesTimeline *
lanes_document_get_timeline (LanesDocument *self)
{
  return self->timeline;
}

LanesTraceReader *
lanes_document_get_reader (LanesDocument *self)
{
  return self->reader;
}

LanesSummary *
lanes_document_get_summary (LanesDocument *self)
{
  return self->summary;
}

LanesAnalysis *
lanes_document_get_analysis (LanesDocument *self)
{
  return self->analysis;
}

/* News of the progress, on the main context */

static void
set_progress (LanesDocument      *self,
              LanesDocumentState  state,
              double              progress,
              guint64             received)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (self->received != received)
    {
      self->received = received;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
deliver_news (gpointer data)
{
  LanesDocument *self = data;
  LanesDocumentState state;
  double progress;
  guint64 received;

  g_mutex_lock (&self->lock);
  state = self->pending_state;
  progress = self->pending_progress;
  received = self->pending_received;
  self->news_queued = FALSE;
  g_mutex_unlock (&self->lock);
  /* News that comes after the step ended is stale. */
  if (self->working)
    set_progress (self, state, progress, received);
  return G_SOURCE_REMOVE;
}

/* From the thread reading: a new state goes at once, progress at most
 * every PROGRESS_INTERVAL_US. */
static void
publish (LanesDocument      *self,
         LanesDocumentState  state,
         double              progress)
{
  guint64 received = self->input_received;
  gint64 now = g_get_monotonic_time ();
  gboolean send;

  if (self->context == NULL)
    {
      set_progress (self, state, progress, received);
      return;
    }
  g_mutex_lock (&self->lock);
  send = !self->news_queued && (state != self->pending_state || now - self->news_sent >= PROGRESS_INTERVAL_US);
  self->pending_state = state;
  self->pending_progress = progress;
  self->pending_received = received;
  if (send)
    {
      self->news_queued = TRUE;
      self->news_sent = now;
    }
  g_mutex_unlock (&self->lock);
  if (send)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_news, g_object_ref (self), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static void
on_input_progress (gboolean decompressing,
                   double   fraction,
                   guint64  received,
                   gpointer data)
{
  LanesDocument *self = data;

  self->input_received = received;
  publish (self, decompressing ? LANES_DOCUMENT_STATE_DECOMPRESSING : LANES_DOCUMENT_STATE_RECEIVING, fraction);
}

/* Partial timelines */

typedef struct
{
  LanesDocument *document;
  LanesTimeline *partial;
} Partial;

static void
partial_free (gpointer data)
{
  Partial *partial = data;

  g_object_unref (partial->document);
  g_object_unref (partial->partial);
  g_free (partial);
}

static gboolean
announce_partial (gpointer data)
{
  Partial *partial = data;

  if (partial->document->working)
    g_signal_emit (partial->document, signals[PARTIAL], 0, partial->partial);
  return G_SOURCE_REMOVE;
}

static gboolean
on_building (double         fraction,
             LanesTimeline *timeline,
             gpointer       data)
{
  LanesDocument *self = data;
  gint64 now = g_get_monotonic_time ();
  Partial *partial;
  GSource *source;
  guint n_goroutines;

  publish (self, LANES_DOCUMENT_STATE_BUILDING, fraction);
  if (self->context == NULL)
    return FALSE;
  if (timeline == NULL)
    return now >= self->partial_due;

  /* Sorted here, not on the main loop. */
  lanes_timeline_get_busiest_goroutines (timeline, &n_goroutines);
  partial = g_new (Partial, 1);
  partial->document = g_object_ref (self);
  partial->partial = g_object_ref (timeline);
  /* Always through a source: the main thread must emit it, even when it
   * does not hold its context at this moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, announce_partial, partial, partial_free);
  g_source_attach (source, self->context);
  g_source_unref (source);
  self->partial_due = self->building_since + PARTIAL_GROWTH * (now - self->building_since);
  return FALSE;
}

/* Reading, on whichever thread does it */

static LanesTimeline *
build_timeline (LanesDocument  *self,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(LanesTimeline) timeline = NULL;
  LanesTraceReader *reader;
  guint n_goroutines;

  publish (self, LANES_DOCUMENT_STATE_BUILDING, 0);
  reader = lanes_trace_input_new_reader (self->input, error);
  if (reader == NULL)
    return NULL;
  self->building_since = g_get_monotonic_time ();
  self->partial_due = self->building_since + self->first_partial_us;
  timeline = lanes_timeline_new_for_reader (reader, cancellable, on_building, self, error);
  if (timeline == NULL)
    return NULL;
  /* Sorting 100 k goroutines takes a while: here, not on the main loop. */
  lanes_timeline_get_busiest_goroutines (timeline, &n_goroutines);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&timeline);
}

/* The summary and the analyses from one more read of the events.  A
 * trace that breaks off keeps what came before the break, with the
 * reader's message as the warning, if that is more than the Sync that
 * opens a generation: before the end of the first generation there is
 * nothing to keep. */
static gboolean
analyze (LanesDocument       *self,
         LanesDocumentParts   parts,
         Harvest             *harvest,
         GCancellable        *cancellable,
         GError             **error)
{
  g_autofree LanesTraceEvent *batch = g_new (LanesTraceEvent, LANES_ANALYSIS_BATCH);
  GError *local_error = NULL;
  gboolean usable = FALSE;
  guint n;

  publish (self, LANES_DOCUMENT_STATE_ANALYZING, 0);
  harvest->reader = lanes_trace_input_new_reader (self->input, error);
  if (harvest->reader == NULL)
    return FALSE;
  if (parts & LANES_DOCUMENT_SUMMARY)
    harvest->summary = lanes_summary_new (harvest->reader);
  if (parts & LANES_DOCUMENT_ANALYSIS)
    harvest->analysis = lanes_analysis_new (harvest->reader);
  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      n = lanes_trace_reader_next_batch (harvest->reader, batch, LANES_ANALYSIS_BATCH, &local_error);
      if (harvest->summary != NULL)
        lanes_summary_add_events (harvest->summary, batch, n);
      if (harvest->analysis != NULL)
        lanes_analysis_add (harvest->analysis, batch, n);
      for (guint i = 0; i < n && !usable; i++)
        usable = batch[i].kind != LANES_EVENT_SYNC;
      publish (self, LANES_DOCUMENT_STATE_ANALYZING, lanes_trace_reader_get_progress (harvest->reader));
    }
  while (n == LANES_ANALYSIS_BATCH);
  if (local_error != NULL && !usable)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (harvest->summary != NULL)
    lanes_summary_finish (harvest->summary);
  if (harvest->analysis != NULL)
    lanes_analysis_finish (harvest->analysis);
  if (local_error != NULL && harvest->warning == NULL)
    harvest->warning = local_error;
  else
    g_clear_error (&local_error);
  return TRUE;
}

static Harvest *
read_parts (LanesDocument       *self,
            LanesDocumentParts   parts,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(Harvest) harvest = g_new0 (Harvest, 1);
  const GError *warning;

  if (self->path == NULL)
    {
      g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_IO,
                   "%s: not a local file; copy it to this computer to open it", self->name);
      return NULL;
    }
  if (self->input == NULL)
    {
      publish (self, LANES_DOCUMENT_STATE_OPENING, 0);
      self->input = lanes_trace_input_open (self->path, cancellable, on_input_progress, self, error);
      if (self->input == NULL)
        return NULL;
    }
  if (parts & LANES_DOCUMENT_TIMELINE)
    {
      harvest->timeline = build_timeline (self, cancellable, error);
      if (harvest->timeline == NULL)
        return NULL;
      warning = lanes_timeline_get_warning (harvest->timeline);
      if (warning != NULL)
        harvest->warning = g_error_copy (warning);
    }
  if ((parts & (LANES_DOCUMENT_SUMMARY | LANES_DOCUMENT_ANALYSIS))
      && !analyze (self, parts, harvest, cancellable, error))
    return NULL;
  /* The reader's word on where the trace breaks off, if it has one,
   * says more than the decompressor's. */
  warning = lanes_trace_input_get_warning (self->input);
  if (warning != NULL && harvest->warning == NULL)
    harvest->warning = g_error_copy (warning);
  return g_steal_pointer (&harvest);
}

/* What a read brought, on the main context. */
static gboolean
take_harvest (LanesDocument  *self,
              Harvest        *harvest,
              GError         *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (harvest == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      set_progress (self, LANES_DOCUMENT_STATE_FAILED, self->progress, self->received);
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }
  if (harvest->warning != NULL && self->warning == NULL)
    {
      self->warning = g_steal_pointer (&harvest->warning);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING]);
    }
  if (harvest->timeline != NULL)
    {
      g_set_object (&self->timeline, harvest->timeline);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
    }
  if (harvest->reader != NULL)
    {
      g_clear_pointer (&self->summary, lanes_summary_free);
      g_clear_pointer (&self->analysis, lanes_analysis_free);
      g_clear_pointer (&self->reader, lanes_trace_reader_free);
      self->reader = g_steal_pointer (&harvest->reader);
      self->summary = g_steal_pointer (&harvest->summary);
      self->analysis = g_steal_pointer (&harvest->analysis);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYZED]);
    }
  set_progress (self, LANES_DOCUMENT_STATE_READY, 1, self->received);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

gboolean
lanes_document_read (LanesDocument       *self,
                     LanesDocumentParts   parts,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr(Harvest) harvest = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (!self->working, FALSE);
  g_clear_pointer (&self->context, g_main_context_unref);
  harvest = read_parts (self, parts, cancellable, &local_error);
  take_harvest (self, harvest, local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return harvest != NULL;
}

/* On worker threads */

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  Harvest *harvest = read_parts (source_object, GPOINTER_TO_UINT (task_data), cancellable, &error);

  if (harvest == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, harvest, (GDestroyNotify) harvest_free);
}

static gpointer
run_in_background (gpointer data)
{
  g_autoptr(GTask) task = data;

  /* Below the main thread, so that drawing what was read so far never
   * waits for a core; the threads this one starts inherit it. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICENESS);
  read_in_thread (task, g_task_get_source_object (task), g_task_get_task_data (task), g_task_get_cancellable (task));
  return NULL;
}

/* Back on the main context: the results become the document's, then
 * the caller hears. */
static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  LanesDocument *self = LANES_DOCUMENT (source);
  g_autoptr(GTask) outer = data;
  g_autoptr(Harvest) harvest = NULL;
  GError *error = NULL;

  harvest = g_task_propagate_pointer (G_TASK (result), &error);
  self->working = FALSE;
  take_harvest (self, harvest, error);
  if (harvest == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

/* Like g_task_run_in_thread(), but on a thread of its own at a lower
 * priority (a pooled thread could not get its priority back). */
static void
read_async (LanesDocument       *self,
            LanesDocumentParts   parts,
            gpointer             tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *outer, *inner;

  g_return_if_fail (!self->working);
  outer = g_task_new (self, cancellable, callback, user_data);
  inner = g_task_new (self, cancellable, on_read, outer);
  g_task_set_source_tag (outer, tag);
  g_task_set_task_data (inner, GUINT_TO_POINTER (parts), NULL);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->working = TRUE;
  g_thread_unref (g_thread_new ("lanes-load", run_in_background, inner));
}

void
lanes_document_load_async (LanesDocument       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  read_async (self, LANES_DOCUMENT_TIMELINE, lanes_document_load_async, cancellable, callback, user_data);
}

gboolean
lanes_document_load_finish (LanesDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lanes_document_analyze_async (LanesDocument       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  read_async (self, LANES_DOCUMENT_SUMMARY, lanes_document_analyze_async, cancellable, callback, user_data);
}

gboolean
lanes_document_analyze_finish (LanesDocument  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
