/* lanes-document.h: a trace opened in a window, and its loading.
 *
 * Loading runs on worker threads in two steps, so the timeline shows as
 * soon as it is built: loading maps the file (or inflates it when it is
 * gzip'd) and builds the timeline, with progress to poll and, now and
 * then, a timeline of the part read so far (the "partial" signal, on the
 * main context of the caller of lanes_document_load_async()); analysing then
 * reads the events once more for the numbers (goroutine analysis, GC,
 * MMU).  A file that breaks off keeps everything read before the break;
 * the timeline's warning says where.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-summary.h"
#include "lanes-timeline.h"

G_BEGIN_DECLS

#define LANES_TYPE_DOCUMENT (lanes_document_get_type ())

G_DECLARE_FINAL_TYPE (LanesDocument, lanes_document, LANES, DOCUMENT, GObject)

typedef enum
{
  LANES_LOAD_STAGE_OPENING,
  LANES_LOAD_STAGE_DECOMPRESSING,
  LANES_LOAD_STAGE_BUILDING,      /* the timeline */
  LANES_LOAD_STAGE_DONE,
} LanesLoadStage;

LanesDocument  *lanes_document_new           (GFile               *file);
const char     *lanes_document_get_name      (LanesDocument       *self);
/* How long building runs before the first partial timeline (a quarter
 * second unless set); set before loading. */
void            lanes_document_set_first_partial (LanesDocument   *self,
                                                  gint64           microseconds);

void            lanes_document_load_async    (LanesDocument       *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* FALSE with @error when nothing could be read (not a trace, unreadable
 * file, cancelled); TRUE otherwise, even if the trace broke off: then
 * lanes_timeline_get_warning() says where. */
gboolean        lanes_document_load_finish   (LanesDocument       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* After loading: the numbers, from a second read. */
void            lanes_document_analyze_async  (LanesDocument       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        lanes_document_analyze_finish (LanesDocument       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Safe to call from the main thread while loading. */
double          lanes_document_get_progress  (LanesDocument       *self,
                                              LanesLoadStage      *stage);

/* After loading: */
LanesTimeline  *lanes_document_get_timeline  (LanesDocument       *self);
/* After analysing: */
LanesTraceReader *lanes_document_get_reader  (LanesDocument       *self);
LanesSummary   *lanes_document_get_summary   (LanesDocument       *self);

G_END_DECLS
