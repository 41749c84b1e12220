/* lanes-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-document.h"

#include <glib/gi18n.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Progress is published every so many events, not for each. */
#define EVENTS_PER_CHECK 65536

/* Loading threads yield to the main thread. */
#define BACKGROUND_NICENESS 10

/* While building, a timeline of what was read so far is shown a quarter
 * second in, then each time the time spent has tripled: a big trace
 * shows at once and grows, and the snapshots cost a fraction of the
 * building (each is about as costly as the part read so far). */
#define FIRST_PARTIAL_US (G_USEC_PER_SEC / 4)
#define PARTIAL_GROWTH   3

struct _LanesDocument
{
  GObject parent_instance;

  GFile *file;
  char *name;

  /* Written by the loading thread, read by the main thread. */
  gint stage;                /* LanesLoadStage, atomic */
  gint progress_permille;    /* atomic */

  /* The input, kept for the second read: a path the reader maps, or
   * bytes (inflated from gzip). */
  char *path;
  GBytes *bytes;

  /* The loading thread's schedule of partial timelines. */
  gint64 first_partial_us;
  gint64 building_since;
  gint64 partial_due;

  /* Set by the loading threads; read only once each has finished. */
  LanesTimeline *timeline;
  LanesTraceReader *reader;
  LanesSummary *summary;
};

G_DEFINE_FINAL_TYPE (LanesDocument, lanes_document, G_TYPE_OBJECT)

enum {
  PARTIAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lanes_document_finalize (GObject *object)
{
  LanesDocument *self = LANES_DOCUMENT (object);

  g_clear_pointer (&self->summary, lanes_summary_free);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->reader, lanes_trace_reader_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->path);
  g_clear_object (&self->file);
  g_free (self->name);
  G_OBJECT_CLASS (lanes_document_parent_class)->finalize (object);
}

static void
lanes_document_class_init (LanesDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanes_document_finalize;

  /* A timeline of the part read so far, while loading goes on. */
  signals[PARTIAL] = g_signal_new ("partial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, LANES_TYPE_TIMELINE);
}

static void
lanes_document_init (LanesDocument *self)
{
  self->first_partial_us = FIRST_PARTIAL_US;
}

LanesDocument *
lanes_document_new (GFile *file)
{
  LanesDocument *self = g_object_new (LANES_TYPE_DOCUMENT, NULL);

  self->file = g_object_ref (file);
  self->name = g_file_get_basename (file);
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

double
lanes_document_get_progress (LanesDocument  *self,
                             LanesLoadStage *stage)
{
  if (stage != NULL)
    *stage = g_atomic_int_get (&self->stage);
  return g_atomic_int_get (&self->progress_permille) / 1000.0;
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

static void
set_progress (LanesDocument  *self,
              LanesLoadStage  stage,
              double          fraction)
{
  g_atomic_int_set (&self->stage, stage);
  g_atomic_int_set (&self->progress_permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static gboolean
is_gzip (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

/* Inflates a gzip'd trace; the uncompressed size is unknown up front, so
 * progress follows the compressed bytes consumed. */
static GBytes *
decompress (LanesDocument *self,
            GBytes        *compressed,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (compressed);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize total = g_bytes_get_size (compressed);
  guint8 buffer[256 * 1024];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);
      if (n < 0)
        {
          g_prefix_error (error, _("%s: cannot decompress: "), self->name);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (out, buffer, n);
      set_progress (self, LANES_LOAD_STAGE_DECOMPRESSING,
                    (double) g_seekable_tell (G_SEEKABLE (raw)) / MAX (total, 1));
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The trace's bytes: NULL with *@path set for a plain local file, which
 * the reader maps itself; inflated bytes for a gzip'd one. */
static GBytes *
load_input (LanesDocument  *self,
            char          **path,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *local = g_file_get_path (self->file);

  *path = NULL;
  if (local != NULL && !g_str_has_suffix (local, ".gz"))
    {
      g_autoptr(GMappedFile) probe = g_mapped_file_new (local, FALSE, NULL);
      if (probe != NULL)
        {
          g_autoptr(GBytes) head = g_mapped_file_get_bytes (probe);
          if (!is_gzip (head))
            {
              *path = g_steal_pointer (&local);
              return NULL;
            }
        }
    }

  bytes = g_file_load_bytes (self->file, cancellable, NULL, error);
  if (bytes == NULL || !is_gzip (bytes))
    return g_steal_pointer (&bytes);
  return decompress (self, bytes, cancellable, error);
}

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

  g_signal_emit (partial->document, signals[PARTIAL], 0, partial->partial);
  return G_SOURCE_REMOVE;
}

static gboolean
on_building (double         fraction,
             LanesTimeline *timeline,
             gpointer       data)
{
  GTask *task = data;
  LanesDocument *self = g_task_get_source_object (task);
  gint64 now = g_get_monotonic_time ();
  Partial *partial;
  GSource *source;
  guint n_goroutines;

  set_progress (self, LANES_LOAD_STAGE_BUILDING, fraction);
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
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
  self->partial_due = self->building_since + PARTIAL_GROWTH * (now - self->building_since);
  return FALSE;
}

/* The trace's reader: on the file the reader maps itself, or on the
 * inflated bytes. */
static LanesTraceReader *
open_reader (LanesDocument  *self,
             GError        **error)
{
  return self->path ? lanes_trace_reader_new_for_path (self->path, error)
                    : lanes_trace_reader_new_for_bytes (self->bytes, self->name, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LanesDocument *self = source_object;
  g_autoptr(LanesTimeline) timeline = NULL;
  LanesTraceReader *reader;
  GError *error = NULL;
  guint n_goroutines;

  set_progress (self, LANES_LOAD_STAGE_OPENING, 0);
  self->bytes = load_input (self, &self->path, cancellable, &error);
  if (self->bytes == NULL && self->path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  set_progress (self, LANES_LOAD_STAGE_BUILDING, 0);
  reader = open_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->building_since = g_get_monotonic_time ();
  self->partial_due = self->building_since + self->first_partial_us;
  timeline = lanes_timeline_new_for_reader (reader, cancellable, on_building, task, &error);
  if (timeline == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Sorting 100 k goroutines takes a while: here, not on the main loop. */
  lanes_timeline_get_busiest_goroutines (timeline, &n_goroutines);
  if (g_task_return_error_if_cancelled (task))
    return;

  self->timeline = g_steal_pointer (&timeline);
  set_progress (self, LANES_LOAD_STAGE_DONE, 1);
  g_task_return_boolean (task, TRUE);
}

/* The numbers come from a second read, while the timeline is shown. */
static void
analyze_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LanesDocument *self = source_object;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(LanesSummary) summary = NULL;
  GError *error = NULL;
  LanesTraceEvent event;
  guint64 n = 0;

  reader = open_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  summary = lanes_summary_new (reader);
  while (lanes_trace_reader_next (reader, &event, &error))
    {
      lanes_summary_add (summary, &event);
      if (++n % EVENTS_PER_CHECK == 0 && g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  lanes_summary_finish (summary);

  /* A trace that breaks off keeps what came before the break; the
   * timeline's warning already says where it broke. */
  g_clear_error (&error);
  self->summary = g_steal_pointer (&summary);
  self->reader = g_steal_pointer (&reader);
  g_task_return_boolean (task, TRUE);
}

static gpointer
run_in_background (gpointer data)
{
  g_autoptr(GTask) task = data;
  GTaskThreadFunc work = g_object_get_data (G_OBJECT (task), "lanes-work");

  /* Below the main thread, so that drawing what was read so far never
   * waits for a core; the threads this one starts inherit it. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICENESS);
  work (task, g_task_get_source_object (task), g_task_get_task_data (task), g_task_get_cancellable (task));
  return NULL;
}

/* Like g_task_run_in_thread(), but on a thread of its own at a lower
 * priority (a pooled thread could not get its priority back). */
static void
run_task_in_background (GTask           *task,
                        GTaskThreadFunc  work)
{
  g_object_set_data (G_OBJECT (task), "lanes-work", work);
  g_thread_unref (g_thread_new ("lanes-load", run_in_background, g_object_ref (task)));
}

void
lanes_document_load_async (LanesDocument       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lanes_document_load_async);
  run_task_in_background (task, load_in_thread);
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
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lanes_document_analyze_async);
  run_task_in_background (task, analyze_in_thread);
}

gboolean
lanes_document_analyze_finish (LanesDocument  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
