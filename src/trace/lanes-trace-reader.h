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

/**
 * LANES_TRACE_ERROR:
 *
 * The error domain of the reader; codes are #LanesTraceErrorCode.
 */
#define LANES_TRACE_ERROR (lanes_trace_error_quark ())

/**
 * LanesTraceErrorCode:
 * @LANES_TRACE_ERROR_IO: the file cannot be opened or read
 * @LANES_TRACE_ERROR_NOT_A_TRACE: no Go trace header
 * @LANES_TRACE_ERROR_UNSUPPORTED: a Go trace version Lanes cannot read
 * @LANES_TRACE_ERROR_TRUNCATED: the data ends in the middle of something
 * @LANES_TRACE_ERROR_MALFORMED: bytes that do not decode
 * @LANES_TRACE_ERROR_INCONSISTENT: events that decode but cannot be ordered
 *
 * What went wrong.  The error's message names the file and where in it.
 */
typedef enum
{
  LANES_TRACE_ERROR_IO,
  LANES_TRACE_ERROR_NOT_A_TRACE,
  LANES_TRACE_ERROR_UNSUPPORTED,
  LANES_TRACE_ERROR_TRUNCATED,
  LANES_TRACE_ERROR_MALFORMED,
  LANES_TRACE_ERROR_INCONSISTENT,
} LanesTraceErrorCode;

GQuark lanes_trace_error_quark (void);

/**
 * LanesTraceReader:
 *
 * An open trace, read event by event.  Not thread-safe, except for the
 * string and stack look-ups (see lanes_trace_reader_get_string()).
 */
typedef struct _LanesTraceReader LanesTraceReader;

/**
 * LanesTraceFrame:
 * @pc: the program counter
 * @function: the function's name, a string id
 * @file: the source file, a string id
 * @line: the line in @file
 *
 * One frame of a stack.
 */
typedef struct
{
  guint64 pc;
  guint32 function;     /* string id */
  guint32 file;         /* string id */
  guint64 line;
} LanesTraceFrame;

/**
 * lanes_trace_reader_new_for_path:
 * @path: a trace file (not compressed)
 * @error: return location for a #LANES_TRACE_ERROR
 *
 * Opens the trace at @path; the file is memory-mapped.  An old-format
 * trace (Go 1.11 to 1.21) is checked and ordered whole here.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
LanesTraceReader *lanes_trace_reader_new_for_path  (const char        *path,
                                                    GError           **error);
/**
 * lanes_trace_reader_new_for_mapped_file:
 * @mapped: a trace file already mapped
 * @name: what errors call it, like a file name
 * @error: return location for a #LANES_TRACE_ERROR
 *
 * Like lanes_trace_reader_new_for_path(), for a file mapped by the
 * caller: it maps nothing itself, and gives back the pages once read.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
LanesTraceReader *lanes_trace_reader_new_for_mapped_file (GMappedFile *mapped,
                                                          const char  *name,
                                                          GError     **error);
/**
 * lanes_trace_reader_new_for_bytes:
 * @bytes: a whole trace
 * @name: what errors call it, like a file name
 * @error: return location for a #LANES_TRACE_ERROR
 *
 * Like lanes_trace_reader_new_for_path(), for a trace in memory.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
LanesTraceReader *lanes_trace_reader_new_for_bytes (GBytes            *bytes,
                                                    const char        *name,
                                                    GError           **error);
/**
 * lanes_trace_reader_free:
 * @reader: (nullable): a reader
 *
 * Closes the trace.  Strings and stacks got from @reader go with it.
 */
void              lanes_trace_reader_free          (LanesTraceReader  *reader);

/**
 * lanes_trace_reader_get_version:
 * @reader: a reader
 *
 * Returns: Go's minor version from the header: 22 for "go 1.22 trace"
 */
guint             lanes_trace_reader_get_version   (LanesTraceReader  *reader);
/**
 * lanes_trace_reader_get_name:
 * @reader: a reader
 *
 * Returns: the path or name the reader was opened with
 */
const char       *lanes_trace_reader_get_name      (LanesTraceReader  *reader);
/**
 * lanes_trace_reader_get_size:
 * @reader: a reader
 *
 * Returns: the size of the trace in bytes
 */
gsize             lanes_trace_reader_get_size      (LanesTraceReader  *reader);
/**
 * lanes_trace_reader_get_progress:
 * @reader: a reader
 *
 * The share of the trace read so far, for progress reports: of the
 * input's bytes for the new format, of the events for the old one
 * (which is read whole before its first event).
 *
 * Returns: a number from 0 to 1
 */
double            lanes_trace_reader_get_progress  (LanesTraceReader  *reader);

/**
 * lanes_trace_reader_next:
 * @reader: a reader
 * @event: (out caller-allocates): the next event
 * @error: return location for a #LANES_TRACE_ERROR
 *
 * Reads the next event.  Times never go back from one event to the next.
 * A trace that breaks off yields every event before the break, then the
 * error.
 *
 * Returns: %TRUE with @event filled; %FALSE at the end of the trace (with
 *   @error unset) or on an error
 */
gboolean          lanes_trace_reader_next          (LanesTraceReader  *reader,
                                                    LanesTraceEvent   *event,
                                                    GError           **error);

/**
 * lanes_trace_reader_next_batch:
 * @reader: a reader
 * @events: (out caller-allocates) (array length=n_events): where to put them
 * @n_events: how many @events has room for
 * @error: return location for a #LANES_TRACE_ERROR
 *
 * Like lanes_trace_reader_next(), for many events at a time: the faster
 * way through a big trace.
 *
 * Returns: how many events were read; fewer than @n_events means the end
 *   of the trace or, with @error set, an error
 */
guint             lanes_trace_reader_next_batch    (LanesTraceReader  *reader,
                                                    LanesTraceEvent   *events,
                                                    guint              n_events,
                                                    GError           **error);

/**
 * lanes_trace_reader_read_all:
 * @reader: a reader
 * @error: return location for a #LANES_TRACE_ERROR
 *
 * Reads all remaining events.
 *
 * Returns: (transfer full) (element-type LanesTraceEvent) (nullable): the
 *   events, or %NULL with @error set
 */
GArray           *lanes_trace_reader_read_all      (LanesTraceReader  *reader,
                                                    GError           **error);

/**
 * lanes_trace_reader_get_string:
 * @reader: a reader
 * @string_id: a string id from an event or a frame
 *
 * Interned strings stay valid as long as the reader.  Another thread may
 * look them up by ids from events already read while the reader goes on
 * reading.  The string of %LANES_NO_STRING is "".
 *
 * Returns: (transfer none): the string
 */
const char       *lanes_trace_reader_get_string    (LanesTraceReader  *reader,
                                                    guint32            string_id);
/**
 * lanes_trace_reader_intern_string:
 * @reader: a reader
 * @string: a string
 *
 * Returns: the id of @string, adding it if it is new; for building events
 *   by hand, or for comparing ids rather than strings
 */
guint32           lanes_trace_reader_intern_string (LanesTraceReader  *reader,
                                                    const char        *string);
/**
 * lanes_trace_reader_get_stack:
 * @reader: a reader
 * @stack_id: a stack id from an event
 * @frames: (out) (transfer none) (array length=return): the frames,
 *   innermost first, valid as long as the reader
 *
 * Like lanes_trace_reader_get_string(), safe from another thread.
 *
 * Returns: the number of frames; 0 for %LANES_NO_STACK
 */
guint             lanes_trace_reader_get_stack     (LanesTraceReader  *reader,
                                                    guint32            stack_id,
                                                    const LanesTraceFrame **frames);
/**
 * lanes_trace_reader_intern_stack:
 * @reader: a reader
 * @frames: (array length=n_frames): frames, innermost first
 * @n_frames: how many
 *
 * Returns: the id of the stack, adding it if it is new; for building
 *   events by hand, as tests do
 */
guint32           lanes_trace_reader_intern_stack  (LanesTraceReader  *reader,
                                                    const LanesTraceFrame *frames,
                                                    guint              n_frames);

/**
 * LanesExperimentalBatch:
 * @experiment: which experiment: 1 is AllocFree
 * @thread: the thread that wrote the batch
 * @data: the batch's bytes, uninterpreted
 * @size: how many
 *
 * A batch of an experiment's own data.
 */
typedef struct
{
  guint8 experiment;    /* 1 = AllocFree */
  gint64 thread;
  const guint8 *data;
  gsize size;
} LanesExperimentalBatch;

/**
 * lanes_trace_reader_get_experimental_batches:
 * @reader: a reader
 * @n_batches: (out): how many
 *
 * Returns: (transfer none) (array length=n_batches) (nullable): the
 *   experimental batches of the generation begun by the last Sync event
 */
const LanesExperimentalBatch *
lanes_trace_reader_get_experimental_batches (LanesTraceReader *reader,
                                             guint            *n_batches);
/**
 * lanes_experiment_to_string:
 * @experiment: an experiment's number
 *
 * Returns: its name, like "AllocFree"
 */
const char       *lanes_experiment_to_string       (guint8             experiment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesTraceReader, lanes_trace_reader_free)

G_END_DECLS
