/* lanes-trace-convert.h: turning ordered wire events into the events the
 * reader hands out (kinds, transitions, ranges, …), as x/exp/trace's
 * Event methods interpret them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-generation.h"
#include "lanes-order.h"
#include "lanes-trace-event.h"

/* Names the conversion gives out, interned once. */
typedef struct
{
  LanesTraceTables *tables;
  guint32 gc_mark;             /* "GC concurrent mark phase" */
  guint32 gc_sweep;            /* "GC incremental sweep" */
  guint32 gc_assist;           /* "GC mark assist" */
  guint32 metric_gomaxprocs;
  guint32 metric_heap_alloc;
  guint32 metric_heap_goal;
  LanesIdMap stw_names;        /* kind string id → "stop-the-world (kind)" id */
} LanesConvert;

void     lanes_convert_init    (LanesConvert          *convert,
                                LanesTraceTables      *tables);
void     lanes_convert_clear   (LanesConvert          *convert);

/* Fails, as Go's reader does, when the event names a string or stack its
 * generation does not have. */
gboolean lanes_convert_event   (LanesConvert          *convert,
                                const LanesGeneration *gen,
                                const LanesOrderGen   *order_gen,
                                const LanesRawEvent   *raw,
                                LanesTraceEvent       *event,
                                GError               **error);
