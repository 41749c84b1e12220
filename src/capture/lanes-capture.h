/* lanes-capture.h: record a trace from a running Go service over HTTP.
 *
 * A capture asks a service that imports net/http/pprof for
 * /debug/pprof/trace?seconds=N and, when asked to, for
 * /debug/pprof/profile?seconds=N at the same time (so the trace carries
 * CPU samples, and the profile is saved beside it).  Each reply is written
 * to a hidden temporary file in the output's directory and renamed to its
 * name only when every reply has arrived whole and looks like what was
 * asked for: a failed or cancelled capture leaves no file behind.
 *
 * GTK-free and asynchronous on the caller's thread-default main context,
 * so `lanes-cli capture` and the window's dialog share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LANES_TYPE_CAPTURE (lanes_capture_get_type ())

G_DECLARE_FINAL_TYPE (LanesCapture, lanes_capture, LANES, CAPTURE, GObject)

/* @address is the service's base ("http://localhost:6060",
 * "localhost:6060") or its /debug/pprof/ or /debug/pprof/trace URL.
 * NULL with @error when it is not an HTTP address or @seconds is 0. */
LanesCapture *lanes_capture_new             (const char          *address,
                                             guint                seconds,
                                             gboolean             cpu_profile,
                                             GFile               *output,
                                             GError             **error);

const char   *lanes_capture_get_trace_url   (LanesCapture        *self);
GFile        *lanes_capture_get_output      (LanesCapture        *self);
/* Where the CPU profile goes: OUT's name without its extension, with
 * ".cpu.pb.gz"; NULL without a CPU profile. */
GFile        *lanes_capture_get_profile_output (LanesCapture     *self);
guint         lanes_capture_get_seconds     (LanesCapture        *self);

/* The "progress" property: the share of the duration gone by (0 to 1),
 * notified about ten times a second while capturing. */
double        lanes_capture_get_progress    (LanesCapture        *self);
/* The "received" property: bytes of the trace received so far. */
guint64       lanes_capture_get_received    (LanesCapture        *self);

void          lanes_capture_run_async       (LanesCapture        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* TRUE once the files are in place; otherwise FALSE with an error whose
 * message starts with the URL or file concerned and says what happened. */
gboolean      lanes_capture_run_finish      (LanesCapture        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
