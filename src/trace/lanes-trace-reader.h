/* lanes-trace-reader.h: read a Go execution trace event by event.
 *
 * The reader accepts what golang.org/x/exp/trace accepts and hands out the
 * same events in the same order.  Go 1.22+ traces are streamed: memory
 * holds the current generation and the interned strings and stacks,
 * never the whole trace.  Older traces (Go 1.11–1.21) can only be ordered
 * whole, so they are checked and ordered when opened; the order, about a
 * byte per event, is kept while the events are decoded again from the
 * input.
 * Every malformed input ends in a GError (domain LANES_TRACE_ERROR) whose
 * message names the file and where in it the problem is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lanes-trace-event.h"

G_BEGIN_DECLS

#define LANES_TRACE_ERROR (lanes_trace_error_quark ())

typedef enum
{
  LANES_TRACE_ERROR_IO,           /* the file cannot be opened or read */
  LANES_TRACE_ERROR_NOT_A_TRACE,  /* no Go trace header */
  LANES_TRACE_ERROR_UNSUPPORTED,  /* a Go trace version Lanes cannot read */
  LANES_TRACE_ERROR_TRUNCATED,    /* the data ends in the middle of something */
  LANES_TRACE_ERROR_MALFORMED,    /* bytes that do not decode */
  LANES_TRACE_ERROR_INCONSISTENT, /* events that decode but cannot be ordered */
} LanesTraceErrorCode;

GQuark lanes_trace_error_quark (void);

typedef struct _LanesTraceReader LanesTraceReader;

typedef struct
{
  guint64 pc;
  guint32 function;     /* string id */
  guint32 file;         /* string id */
  guint64 line;
} LanesTraceFrame;

LanesTraceReader *lanes_trace_reader_new_for_path  (const char        *path,
                                                    GError           **error);
/* Maps nothing itself: reads @mapped, named @name in messages, and gives
 * back its pages once read, as for a path. */
LanesTraceReader *lanes_trace_reader_new_for_mapped_file (GMappedFile *mapped,
                                                          const char  *name,
                                                          GError     **error);
LanesTraceReader *lanes_trace_reader_new_for_bytes (GBytes            *bytes,
                                                    const char        *name,
                                                    GError           **error);
void              lanes_trace_reader_free          (LanesTraceReader  *reader);

/* Go's minor version from the header: 22 for "go 1.22 trace". */
guint             lanes_trace_reader_get_version   (LanesTraceReader  *reader);
const char       *lanes_trace_reader_get_name      (LanesTraceReader  *reader);
gsize             lanes_trace_reader_get_size      (LanesTraceReader  *reader);
/* The share of the trace read so far (0 to 1), for progress reports:
 * of the input's bytes for the new format, of the events for the old one
 * (which is read whole before its first event). */
double            lanes_trace_reader_get_progress  (LanesTraceReader  *reader);

/* Fills @event with the next event and returns TRUE; returns FALSE at the
 * end of the trace (with @error unset) or on an error. */
gboolean          lanes_trace_reader_next          (LanesTraceReader  *reader,
                                                    LanesTraceEvent   *event,
                                                    GError           **error);

/* Fills @events with up to @n_events next events and returns how many;
 * fewer than @n_events means the end of the trace or, with @error set,
 * an error. */
guint             lanes_trace_reader_next_batch    (LanesTraceReader  *reader,
                                                    LanesTraceEvent   *events,
                                                    guint              n_events,
                                                    GError           **error);

/* Reads all remaining events into an array of LanesTraceEvent. */
GArray           *lanes_trace_reader_read_all      (LanesTraceReader  *reader,
                                                    GError           **error);

/* Interned strings and stacks stay valid as long as the reader.  Another
 * thread may get them by ids from events already read while the reader
 * goes on reading. */
const char       *lanes_trace_reader_get_string    (LanesTraceReader  *reader,
                                                    guint32            string_id);
guint32           lanes_trace_reader_intern_string (LanesTraceReader  *reader,
                                                    const char        *string);
/* Frames of a stack, innermost first; returns the number of frames. */
guint             lanes_trace_reader_get_stack     (LanesTraceReader  *reader,
                                                    guint32            stack_id,
                                                    const LanesTraceFrame **frames);
/* Frames innermost first; for building events by hand, as tests do. */
guint32           lanes_trace_reader_intern_stack  (LanesTraceReader  *reader,
                                                    const LanesTraceFrame *frames,
                                                    guint              n_frames);

/* Experimental batches of the generation begun by the last Sync event. */
typedef struct
{
  guint8 experiment;    /* 1 = AllocFree */
  gint64 thread;
  const guint8 *data;
  gsize size;
} LanesExperimentalBatch;

const LanesExperimentalBatch *
lanes_trace_reader_get_experimental_batches (LanesTraceReader *reader,
                                             guint            *n_batches);
const char       *lanes_experiment_to_string       (guint8             experiment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesTraceReader, lanes_trace_reader_free)

G_END_DECLS
