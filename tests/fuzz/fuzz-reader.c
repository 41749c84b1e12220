/* fuzz-reader.c: libFuzzer entry point for the trace reader: whatever the
 * bytes, reading them must end in events or an error, never a crash, a
 * hang or a sanitizer report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-trace.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = lanes_trace_reader_new_for_bytes (bytes, "fuzz.trace", &error);
  LanesTraceEvent event;

  if (reader == NULL)
    return 0;
  /* Touch what a consumer would: names and stacks of every event. */
  while (lanes_trace_reader_next (reader, &event, &error))
    {
      const LanesTraceFrame *frames;
      guint n = lanes_trace_reader_get_stack (reader, event.stack, &frames);

      for (guint i = 0; i < n; i++)
        g_assert (lanes_trace_reader_get_string (reader, frames[i].function) != NULL);
      if (event.kind == LANES_EVENT_STATE_TRANSITION)
        g_assert (lanes_trace_reader_get_string (reader, event.transition.reason) != NULL);
    }
  return 0;
}
