/* lanes-trace-tables.h: strings, frames and stacks interned across the
 * whole trace.
 *
 * Each generation of a trace has its own string and stack ids; the reader
 * maps them to these trace-wide ids so that events from any generation
 * compare and resolve the same way.  Nothing stored here ever moves, so
 * pointers handed out stay valid as long as the tables, and any thread
 * may get a string or stack by an id it was handed while one thread
 * interns more (interning itself is for one thread only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lanes-trace-reader.h"

typedef struct _LanesTraceTables LanesTraceTables;

LanesTraceTables *lanes_trace_tables_new          (void);
void              lanes_trace_tables_free         (LanesTraceTables      *tables);

guint32           lanes_trace_tables_intern_string (LanesTraceTables     *tables,
                                                    const char           *string,
                                                    gsize                 length);
const char       *lanes_trace_tables_get_string    (LanesTraceTables     *tables,
                                                    guint32               id);

guint32           lanes_trace_tables_intern_stack  (LanesTraceTables     *tables,
                                                    const LanesTraceFrame *frames,
                                                    guint                 n_frames);
guint             lanes_trace_tables_get_stack     (LanesTraceTables     *tables,
                                                    guint32               id,
                                                    const LanesTraceFrame **frames);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesTraceTables, lanes_trace_tables_free)
