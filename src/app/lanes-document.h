/* lanes-document.h: a trace opened in a window, and its loading.
 *
 * Loading runs on a worker thread: the file is read (and decompressed
 * when it is gzip'd), every event goes through the reader into what the
 * window shows, and progress can be polled at any time.  A file that
 * breaks off keeps everything read before the break, with the error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-summary.h"

G_BEGIN_DECLS

#define LANES_TYPE_DOCUMENT (lanes_document_get_type ())

G_DECLARE_FINAL_TYPE (LanesDocument, lanes_document, LANES, DOCUMENT, GObject)

typedef enum
{
  LANES_LOAD_STAGE_OPENING,
  LANES_LOAD_STAGE_DECOMPRESSING,
  LANES_LOAD_STAGE_READING,
  LANES_LOAD_STAGE_DONE,
} LanesLoadStage;

LanesDocument  *lanes_document_new           (GFile               *file);
GFile          *lanes_document_get_file      (LanesDocument       *self);
const char     *lanes_document_get_name      (LanesDocument       *self);

void            lanes_document_load_async    (LanesDocument       *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* FALSE with @error when nothing could be read (not a trace, unreadable
 * file, cancelled); TRUE otherwise, even if the trace broke off: then
 * lanes_document_get_error() says where. */
gboolean        lanes_document_load_finish   (LanesDocument       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Safe to call from the main thread while loading. */
double          lanes_document_get_progress  (LanesDocument       *self,
                                              LanesLoadStage      *stage);

/* After loading: */
const GError   *lanes_document_get_error     (LanesDocument       *self);
LanesTraceReader *lanes_document_get_reader  (LanesDocument       *self);
LanesSummary   *lanes_document_get_summary   (LanesDocument       *self);

G_END_DECLS
