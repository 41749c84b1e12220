/* lanes-event-json.h: one event as a line of JSON, for scripts.
 *
 * Keys: "kind" and "time_ns" (as Go's Event.Kind() and Event.Time() give
 * them), "goroutine", "proc", "thread" and "stack" (null when none), then
 * the kind's own fields:
 *
 *   StateTransition  "resource" ("goroutine", "proc" or "thread"), "id",
 *                    "from", "to", "reason", "resource_stack"
 *   Range*           "name", "scope" ("global", "goroutine", "proc",
 *                    "thread"), "scope_id"; a sweep's RangeEnd also
 *                    "swept" and "reclaimed" (bytes)
 *   TaskBegin/End    "task", "parent", "type"
 *   RegionBegin/End  "task", "type"
 *   Log              "task", "category", "message"
 *   Metric           "name", "value"
 *   Label            "label", "resource" ("goroutine"), "id"
 *   Sync             "n" (1, 2, … for each generation and the end)
 *   Experimental     "type" (the wire type), "args"
 *
 * With frames, every stack id is followed by its frames, innermost first:
 * "stack_frames" and "resource_stack_frames", each frame
 * {"function", "file", "line", "pc"}.  Strings and stacks are escaped
 * once and kept, and lines are written in large blocks, so a line costs
 * no allocation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "lanes-trace.h"

G_BEGIN_DECLS

typedef struct _LanesEventJson LanesEventJson;

LanesEventJson *lanes_event_json_new    (LanesTraceReader      *reader,
                                         gboolean               frames);
void            lanes_event_json_free   (LanesEventJson        *json);
/* Adds @event's line to those waiting to be written. */
void            lanes_event_json_append (LanesEventJson        *json,
                                         const LanesTraceEvent *event);
/* Writes the waiting lines to @file when there are enough of them, or
 * when @all; FALSE if writing failed (errno says why). */
gboolean        lanes_event_json_flush  (LanesEventJson        *json,
                                         FILE                  *file,
                                         gboolean               all);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesEventJson, lanes_event_json_free)

G_END_DECLS
