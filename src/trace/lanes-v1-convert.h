/* lanes-v1-convert.h: an old-format trace as events of the generation
 * format.
 *
 * The whole old trace becomes one generation.  Each ordered old event
 * turns into zero, one or two generation-format events (with the status
 * events Go 1.22+ traces start with), which then go through the same
 * lanes_convert_event() as a new trace's, so every layer above the
 * reader sees one event model.  The rules are golang.org/x/exp/trace's
 * (docs/trace-format.md §4.4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-trace-convert.h"
#include "lanes-v1-parser.h"

typedef struct _LanesV1Converter LanesV1Converter;

/* Takes @trace.  @gen's string and stack tables must be the ones
 * lanes_v1_parse() filled; the converter adds the strings it names. */
LanesV1Converter *lanes_v1_converter_new       (LanesV1Trace      *trace,
                                                LanesConvert      *convert,
                                                LanesGeneration   *gen,
                                                GError           **error);
void              lanes_v1_converter_free      (LanesV1Converter  *converter);

/* Time of the first old event, before any is converted; FALSE when the
 * trace has none. */
gboolean          lanes_v1_converter_first_time (LanesV1Converter *converter,
                                                 gint64           *time);

/* Fills @event with the next event (times not yet made strictly
 * increasing); FALSE at the end, with @error unset, or on an error. */
gboolean          lanes_v1_converter_next      (LanesV1Converter  *converter,
                                                LanesTraceEvent   *event,
                                                GError           **error);

/* The share of the events given out so far. */
double            lanes_v1_converter_get_progress (LanesV1Converter *converter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesV1Converter, lanes_v1_converter_free)
