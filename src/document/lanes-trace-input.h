/* lanes-trace-input.h: whatever the user points at, made into a trace
 * a reader can map.
 *
 * The same rules for the window and lanes-cli: a plain file is mapped;
 * gzip (known by its first bytes, whatever the name), pipes, FIFOs and
 * standard input ("-") are read as streams into an unlinked temporary
 * file that is then mapped, so memory stays flat whatever the size;
 * devices, folders, missing, unreadable and empty files are refused at
 * once, each with its own message naming the file.  A gzip stream that
 * breaks off keeps what it held, with a warning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-trace-reader.h"

G_BEGIN_DECLS

typedef struct _LanesTraceInput LanesTraceInput;

/* Reported while a stream is read: the share of the input consumed (-1
 * when its size is unknown, as for a pipe) and the bytes received. */
typedef void (*LanesTraceInputProgressFunc) (gboolean  decompressing,
                                             double    fraction,
                                             guint64   received,
                                             gpointer  user_data);

/* @path is a local path, or "-" for standard input.  Errors are in
 * LANES_TRACE_ERROR (IO, NOT_A_TRACE) or G_IO_ERROR_CANCELLED. */
LanesTraceInput  *lanes_trace_input_open        (const char                  *path,
                                                 GCancellable                *cancellable,
                                                 LanesTraceInputProgressFunc  progress,
                                                 gpointer                     user_data,
                                                 GError                     **error);
void              lanes_trace_input_free        (LanesTraceInput             *input);

/* Set when the compressed data broke off or was damaged: the input
 * holds what came before. */
const GError     *lanes_trace_input_get_warning (LanesTraceInput             *input);
/* A reader from the start of the trace; there may be several. */
LanesTraceReader *lanes_trace_input_new_reader  (LanesTraceInput             *input,
                                                 GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesTraceInput, lanes_trace_input_free)

G_END_DECLS
