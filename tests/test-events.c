/* test-events.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-events.h"

#include <stdarg.h>

LanesTraceReader *
test_reader_new (void)
{
  static const char header[16] = "go 1.23 trace";
  g_autoptr(GBytes) bytes = g_bytes_new_static (header, sizeof header);
  g_autoptr(GError) error = NULL;
  LanesTraceReader *reader = lanes_trace_reader_new_for_bytes (bytes, "test", &error);

  g_assert_no_error (error);
  return reader;
}

guint32
test_stack (LanesTraceReader *reader,
            const char       *function,
            ...)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (LanesTraceFrame));
  va_list args;

  va_start (args, function);
  for (const char *f = function; f != NULL; f = va_arg (args, const char *))
    {
      guint32 name = lanes_trace_reader_intern_string (reader, f);
      /* One program counter per function, as pprof's locations need. */
      LanesTraceFrame frame = {
        .pc = 0x1000 + 0x10 * (guint64) name,
        .function = name,
        .file = lanes_trace_reader_intern_string (reader, "main.go"),
        .line = 10 + frames->len,
      };
      g_array_append_val (frames, frame);
    }
  va_end (args);
  return lanes_trace_reader_intern_stack (reader, (const LanesTraceFrame *) frames->data, frames->len);
}

static LanesTraceEvent
event_at (gint64         time,
          LanesEventKind kind,
          gint64         proc,
          gint64         goroutine)
{
  return (LanesTraceEvent) {
    .time = time,
    .kind = kind,
    .proc = proc,
    .goroutine = goroutine,
    .thread = 1,
  };
}

LanesTraceEvent
test_sync (gint64 time)
{
  return event_at (time, LANES_EVENT_SYNC, LANES_NO_PROC, LANES_NO_GOROUTINE);
}

LanesTraceEvent
test_metric (LanesTraceReader *reader,
             gint64            time,
             const char       *name,
             guint64           value)
{
  LanesTraceEvent event = event_at (time, LANES_EVENT_METRIC, 0, LANES_NO_GOROUTINE);

  event.metric.name = lanes_trace_reader_intern_string (reader, name);
  event.metric.value = value;
  return event;
}

LanesTraceEvent
test_go_transition (LanesTraceReader *reader,
                    gint64            time,
                    gint64            proc,
                    gint64            goroutine,
                    LanesGoState      from,
                    LanesGoState      to,
                    const char       *reason,
                    guint32           stack)
{
  /* The event runs on the goroutine, unless it is coming to life. */
  gboolean on_it = from == LANES_GO_RUNNING || from == LANES_GO_SYSCALL;
  LanesTraceEvent event = event_at (time, LANES_EVENT_STATE_TRANSITION, proc,
                                    on_it ? goroutine : LANES_NO_GOROUTINE);

  event.stack = stack;
  event.transition = (LanesTransition) {
    .resource = LANES_RESOURCE_GOROUTINE,
    .id = goroutine,
    .from = from,
    .to = to,
    .reason = lanes_trace_reader_intern_string (reader, reason ? reason : ""),
    .stack = stack,
  };
  return event;
}

LanesTraceEvent
test_proc_transition (gint64         time,
                      gint64         proc,
                      LanesProcState from,
                      LanesProcState to)
{
  LanesTraceEvent event = event_at (time, LANES_EVENT_STATE_TRANSITION, proc, LANES_NO_GOROUTINE);

  event.transition = (LanesTransition) {
    .resource = LANES_RESOURCE_PROC,
    .id = proc,
    .from = from,
    .to = to,
  };
  return event;
}

static LanesTraceEvent
range_event (LanesTraceReader  *reader,
             gint64             time,
             LanesEventKind     kind,
             const char        *name,
             gint64             proc,
             gint64             goroutine,
             LanesResourceKind  scope,
             gint64             scope_id)
{
  LanesTraceEvent event = event_at (time, kind, proc, goroutine);

  event.range = (LanesRange) {
    .name = lanes_trace_reader_intern_string (reader, name),
    .scope = scope,
    .scope_id = scope_id,
  };
  return event;
}

LanesTraceEvent
test_range (LanesTraceReader *reader,
            gint64            time,
            LanesEventKind    kind,
            const char       *name,
            gint64            proc,
            gint64            goroutine)
{
  return range_event (reader, time, kind, name, proc, goroutine, LANES_RESOURCE_GOROUTINE, goroutine);
}

LanesTraceEvent
test_proc_range (LanesTraceReader *reader,
                 gint64            time,
                 LanesEventKind    kind,
                 const char       *name,
                 gint64            proc,
                 gint64            goroutine)
{
  return range_event (reader, time, kind, name, proc, goroutine, LANES_RESOURCE_PROC, proc);
}

LanesTraceEvent
test_label (LanesTraceReader *reader,
            gint64            time,
            gint64            proc,
            gint64            goroutine,
            const char       *label)
{
  LanesTraceEvent event = event_at (time, LANES_EVENT_LABEL, proc, goroutine);

  event.label.label = lanes_trace_reader_intern_string (reader, label);
  event.label.goroutine = goroutine;
  return event;
}
