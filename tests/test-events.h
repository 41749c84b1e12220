/* test-events.h: events built by hand for the analyses' tests.
 *
 * The reader is one over an empty trace: it interns the strings and
 * stacks the events name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-trace.h"

LanesTraceReader *test_reader_new      (void);

/* A stack of functions, innermost first, ending with NULL. */
guint32           test_stack           (LanesTraceReader *reader,
                                        const char       *function,
                                        ...) G_GNUC_NULL_TERMINATED;

LanesTraceEvent   test_sync            (gint64            time);
LanesTraceEvent   test_metric          (LanesTraceReader *reader,
                                        gint64            time,
                                        const char       *name,
                                        guint64           value);
/* A goroutine state transition in the context of @proc. */
LanesTraceEvent   test_go_transition   (LanesTraceReader *reader,
                                        gint64            time,
                                        gint64            proc,
                                        gint64            goroutine,
                                        LanesGoState      from,
                                        LanesGoState      to,
                                        const char       *reason,
                                        guint32           stack);
LanesTraceEvent   test_proc_transition (gint64            time,
                                        gint64            proc,
                                        LanesProcState    from,
                                        LanesProcState    to);
/* A range on goroutine @goroutine, which also runs the event. */
LanesTraceEvent   test_range           (LanesTraceReader *reader,
                                        gint64            time,
                                        LanesEventKind    kind,
                                        const char       *name,
                                        gint64            proc,
                                        gint64            goroutine);
/* A range on P @proc. */
LanesTraceEvent   test_proc_range      (LanesTraceReader *reader,
                                        gint64            time,
                                        LanesEventKind    kind,
                                        const char       *name,
                                        gint64            proc,
                                        gint64            goroutine);
LanesTraceEvent   test_label           (LanesTraceReader *reader,
                                        gint64            time,
                                        gint64            proc,
                                        gint64            goroutine,
                                        const char       *label);
