/* trace-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "trace-writer.h"

#include <string.h>

#include "lanes-wire.h"

TraceWriter *
trace_writer_new (guint version)
{
  TraceWriter *w = g_new0 (TraceWriter, 1);
  char header[16] = { 0 };

  g_snprintf (header, sizeof header, "go 1.%u trace", version);
  w->out = g_byte_array_new ();
  g_byte_array_append (w->out, (const guint8 *) header, sizeof header);
  return w;
}

void
trace_writer_free (TraceWriter *w)
{
  g_byte_array_unref (w->out);
  if (w->batch != NULL)
    g_byte_array_unref (w->batch);
  g_free (w);
}

GBytes *
trace_writer_bytes (TraceWriter *w)
{
  return g_bytes_new (w->out->data, w->out->len);
}

static GByteArray *
target (TraceWriter *w)
{
  return w->batch != NULL ? w->batch : w->out;
}

void
trace_writer_byte (TraceWriter *w,
                   guint8       b)
{
  g_byte_array_append (target (w), &b, 1);
}

static void
put_uvarint (GByteArray *array,
             guint64     v)
{
  do
    {
      guint8 b = v & 0x7f;
      v >>= 7;
      if (v != 0)
        b |= 0x80;
      g_byte_array_append (array, &b, 1);
    }
  while (v != 0);
}

void
trace_writer_uvarint (TraceWriter *w,
                      guint64      v)
{
  put_uvarint (target (w), v);
}

void
trace_writer_event (TraceWriter *w,
                    guint8       type,
                    guint        n_args,
                    ...)
{
  va_list args;

  trace_writer_byte (w, type);
  va_start (args, n_args);
  for (guint i = 0; i < n_args; i++)
    trace_writer_uvarint (w, va_arg (args, guint64));
  va_end (args);
}

void
trace_writer_string (TraceWriter *w,
                     guint64      id,
                     const char  *s)
{
  trace_writer_byte (w, LANES_WIRE_STRING);
  trace_writer_uvarint (w, id);
  trace_writer_uvarint (w, strlen (s));
  g_byte_array_append (target (w), (const guint8 *) s, strlen (s));
}

void
trace_writer_begin_batch (TraceWriter *w,
                          guint64      gen,
                          guint64      m,
                          guint64      time)
{
  g_assert (w->batch == NULL);
  w->batch = g_byte_array_new ();
  w->gen = gen;
  w->m = m;
  w->time = time;
}

void
trace_writer_end_batch (TraceWriter *w)
{
  GByteArray *body = w->batch;

  w->batch = NULL;
  trace_writer_byte (w, LANES_WIRE_EVENT_BATCH);
  trace_writer_uvarint (w, w->gen);
  trace_writer_uvarint (w, w->m);
  trace_writer_uvarint (w, w->time);
  trace_writer_uvarint (w, body->len);
  g_byte_array_append (w->out, body->data, body->len);
  g_byte_array_unref (body);
}

void
trace_writer_sync_batch (TraceWriter *w,
                         guint        version,
                         guint64      gen,
                         guint64      freq)
{
  trace_writer_begin_batch (w, gen, G_MAXUINT64, 1);
  if (version >= 25)
    trace_writer_byte (w, LANES_WIRE_SYNC);
  trace_writer_event (w, LANES_WIRE_FREQUENCY, 1, freq);
  if (version >= 25)
    trace_writer_event (w, LANES_WIRE_CLOCK_SNAPSHOT, 4, (guint64) 1, (guint64) 1000, (guint64) 1700000000, (guint64) 0);
  trace_writer_end_batch (w);
}

void
trace_writer_strings (TraceWriter       *w,
                      guint64            gen,
                      const char * const *strings)
{
  trace_writer_begin_batch (w, gen, G_MAXUINT64, 1);
  trace_writer_byte (w, LANES_WIRE_STRINGS);
  for (guint i = 0; strings[i] != NULL; i++)
    trace_writer_string (w, i + 1, strings[i]);
  trace_writer_end_batch (w);
}
