/* lanes-trace.h: the Go execution trace reader, with no GTK dependency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/**
 * SECTION:lanes-trace
 * @title: lanes-trace
 * @short_description: read Go execution traces event by event
 *
 * The reader of Lanes, installed as the library `lanes-trace-0`
 * (`pkg-config --cflags --libs lanes-trace-0`).  It reads what
 * `runtime/trace`, `go test -trace` and `/debug/pprof/trace` write, from
 * Go 1.11 to 1.26, and hands out the events that golang.org/x/exp/trace's
 * Reader returns, in the same order and with the same timestamps, as
 * #LanesTraceEvent structures: no allocation per event.
 *
 * |[<!-- language="C" -->
 * #include <lanes-trace.h>
 *
 * g_autoptr(GError) error = NULL;
 * g_autoptr(LanesTraceReader) reader = lanes_trace_reader_new_for_path ("trace.out", &error);
 * LanesTraceEvent event;
 *
 * if (reader == NULL)
 *   g_error ("%s", error->message);
 * while (lanes_trace_reader_next (reader, &event, &error))
 *   if (event.kind == LANES_EVENT_LOG)
 *     g_print ("%s\n", lanes_trace_reader_get_string (reader, event.log.message));
 * if (error != NULL)
 *   g_error ("%s", error->message);
 * ]|
 *
 * `examples/` in the source tree holds two complete programs.
 */
#pragma once

#include "lanes-trace-event.h"
#include "lanes-trace-reader.h"
