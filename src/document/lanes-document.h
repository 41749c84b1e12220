/* lanes-document.h: one opened trace, the same for the window and
 * lanes-cli: opening it (lanes-trace-input.h says how), reading it for
 * the timeline and reading it again for the numbers.
 *
 * The window loads on worker threads and follows the document through
 * notify signals, emitted on the main context of whoever started the
 * work: "state" and "progress" while it goes on, "timeline" and
 * "analyzed" when each part is in, "warning" when the trace broke off,
 * "error" when nothing could be read.  While building, the "partial"
 * signal hands out now and then a timeline of the part read so far.
 * lanes-cli reads the same way without threads (lanes_document_read()).
 * Every step stops soon after the cancellable is cancelled, a wait for
 * data from a pipe included.
 *
 * A trace that breaks off keeps everything read before the break; the
 * warning says where.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-analysis.h"
#include "lanes-summary.h"
#include "lanes-timeline.h"

G_BEGIN_DECLS

typedef enum
{
  LANES_DOCUMENT_STATE_NEW,
  LANES_DOCUMENT_STATE_OPENING,
  LANES_DOCUMENT_STATE_RECEIVING,      /* reading a pipe or standard input */
  LANES_DOCUMENT_STATE_DECOMPRESSING,
  LANES_DOCUMENT_STATE_BUILDING,       /* the timeline */
  LANES_DOCUMENT_STATE_ANALYZING,      /* the numbers */
  LANES_DOCUMENT_STATE_READY,          /* what was asked for is in */
  LANES_DOCUMENT_STATE_FAILED,         /* see "error" */
} LanesDocumentState;

/* What lanes_document_read() reads. */
typedef enum
{
  LANES_DOCUMENT_TIMELINE = 1 << 0,
  LANES_DOCUMENT_SUMMARY  = 1 << 1,
  LANES_DOCUMENT_ANALYSIS = 1 << 2,   /* go tool trace's analyses */
} LanesDocumentParts;

#define LANES_TYPE_DOCUMENT_STATE (lanes_document_state_get_type ())
GType lanes_document_state_get_type (void);

#define LANES_TYPE_DOCUMENT (lanes_document_get_type ())

G_DECLARE_FINAL_TYPE (LanesDocument, lanes_document, LANES, DOCUMENT, GObject)

LanesDocument  *lanes_document_new           (GFile               *file);
/* A local path, or "-" for standard input. */
LanesDocument  *lanes_document_new_for_path  (const char          *path);
const char     *lanes_document_get_name      (LanesDocument       *self);
/* How long building runs before the first partial timeline (a quarter
 * second unless set); set before loading. */
void            lanes_document_set_first_partial (LanesDocument   *self,
                                                  gint64           microseconds);

/* Opens the trace if not done yet and reads @parts, on this thread.
 * FALSE with @error when nothing could be read (not a trace, unreadable
 * file, cancelled); TRUE otherwise, even if the trace broke off: then
 * lanes_document_get_warning() says where. */
gboolean        lanes_document_read          (LanesDocument       *self,
                                              LanesDocumentParts   parts,
                                              GCancellable        *cancellable,
                                              GError             **error);

/* The timeline, on a worker thread; as lanes_document_read(). */
void            lanes_document_load_async    (LanesDocument       *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean        lanes_document_load_finish   (LanesDocument       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* After loading: the summary, from a second read. */
void            lanes_document_analyze_async  (LanesDocument       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        lanes_document_analyze_finish (LanesDocument       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

LanesDocumentState lanes_document_get_state  (LanesDocument       *self);
/* The share of the current step done, 0 to 1; -1 while reading a
 * stream of unknown length. */
double          lanes_document_get_progress  (LanesDocument       *self);
/* Bytes read from a stream or a compressed file so far. */
guint64         lanes_document_get_received  (LanesDocument       *self);
const GError   *lanes_document_get_error     (LanesDocument       *self);
const GError   *lanes_document_get_warning   (LanesDocument       *self);

LanesTimeline  *lanes_document_get_timeline  (LanesDocument       *self);
/* With the summary or the analysis: their strings and stacks. */
LanesTraceReader *lanes_document_get_reader  (LanesDocument       *self);
LanesSummary   *lanes_document_get_summary   (LanesDocument       *self);
LanesAnalysis  *lanes_document_get_analysis  (LanesDocument       *self);

G_END_DECLS
