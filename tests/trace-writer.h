/* trace-writer.h: writes small Go 1.22+ traces byte by byte, so tests can
 * build exactly the input they need, valid or broken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef struct
{
  GByteArray *out;
  GByteArray *batch;   /* body of the batch being written */
  guint64 gen, m, time;
} TraceWriter;

TraceWriter *trace_writer_new         (guint        version);
void         trace_writer_free        (TraceWriter *w);
/* The finished trace. */
GBytes      *trace_writer_bytes       (TraceWriter *w);

void         trace_writer_byte        (TraceWriter *w, guint8 b);
void         trace_writer_uvarint     (TraceWriter *w, guint64 v);
/* Writes a type byte and its arguments (time delta first for timed events). */
void         trace_writer_event       (TraceWriter *w, guint8 type, guint n_args, ...);
void         trace_writer_string      (TraceWriter *w, guint64 id, const char *s);

void         trace_writer_begin_batch (TraceWriter *w, guint64 gen, guint64 m, guint64 time);
void         trace_writer_end_batch   (TraceWriter *w);
/* A whole sync batch with a frequency (and for 1.25+ a clock snapshot). */
void         trace_writer_sync_batch  (TraceWriter *w, guint version, guint64 gen, guint64 freq);
/* A strings batch holding @strings (ids 1, 2, …), NULL-terminated. */
void         trace_writer_strings     (TraceWriter *w, guint64 gen, const char * const *strings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TraceWriter, trace_writer_free)
