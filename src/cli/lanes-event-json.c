/* lanes-event-json.c: one event as a line of JSON, for scripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-event-json.h"

#include <string.h>

/* Text, growing: GString's appends cost too much per call at millions of
 * events a second. */
typedef struct
{
  char *data;
  gsize len;
  gsize size;
} Buffer;

/* Cached JSON text, its length kept to spare a strlen () per use. */
typedef struct
{
  gsize len;
  char text[];
} Text;

struct _LanesEventJson
{
  LanesTraceReader *reader;
  gboolean frames;
  GPtrArray *strings;   /* string id → Text: its JSON literal, quotes included */
  GPtrArray *stacks;    /* stack id → Text: its frames as a JSON array */
  Buffer out;           /* lines not yet written */
};

static const char * const resource_names[] = {
  "global", "goroutine", "proc", "thread",
};

#define FLUSH_AT (64 * 1024)

static void
grow (Buffer *b,
      gsize   n)
{
  b->size = MAX (b->size * 2, b->len + n);
  b->data = g_realloc (b->data, b->size);
}

static inline void
put (Buffer     *b,
     const char *text,
     gsize       n)
{
  if (b->len + n > b->size)
    grow (b, n);
  memcpy (b->data + b->len, text, n);
  b->len += n;
}

static inline void
put_c (Buffer *b,
       char    c)
{
  put (b, &c, 1);
}

/* A string literal, its length known at compile time. */
#define put_literal(b, literal) put ((b), "" literal, sizeof (literal) - 1)

static void
put_string (Buffer     *b,
            const char *text)
{
  put (b, text, strlen (text));
}

static void
put_text (Buffer     *b,
          const Text *text)
{
  put (b, text->text, text->len);
}

static Text *
text_from_buffer (Buffer *b)
{
  Text *text = g_malloc (sizeof (Text) + b->len);

  text->len = b->len;
  memcpy (text->text, b->data, b->len);
  g_free (b->data);
  return text;
}

/* Two digits at a time: times have a dozen, on every line. */
static const char digit_pairs[201] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

static void
put_uint (Buffer  *b,
          guint64  value)
{
  char digits[20];
  char *end = digits + sizeof digits, *p = end;

  while (value >= 100)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (value % 100), 2);
      value /= 100;
    }
  if (value >= 10)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * value, 2);
    }
  else
    *--p = '0' + value;
  put (b, p, end - p);
}

static void
put_int (Buffer *b,
         gint64  value)
{
  if (value < 0)
    {
      put_c (b, '-');
      put_uint (b, -(guint64) value);
    }
  else
    put_uint (b, value);
}

/* A goroutine, proc or thread id; @none means null. */
static void
put_id (Buffer *b,
        gint64  value,
        gint64  none)
{
  if (value == none)
    put_literal (b, "null");
  else
    put_int (b, value);
}

static void
put_task (Buffer  *b,
          guint64  task)
{
  if (task == LANES_NO_TASK)
    put_literal (b, "null");
  else
    put_uint (b, task);
}

LanesEventJson *
lanes_event_json_new (LanesTraceReader *reader,
                      gboolean          frames)
{
  LanesEventJson *json = g_new0 (LanesEventJson, 1);

  json->reader = reader;
  json->frames = frames;
  json->strings = g_ptr_array_new_with_free_func (g_free);
  json->stacks = g_ptr_array_new_with_free_func (g_free);
  json->out.size = 2 * FLUSH_AT;
  json->out.data = g_malloc (json->out.size);
  return json;
}

void
lanes_event_json_free (LanesEventJson *json)
{
  if (json == NULL)
    return;
  g_ptr_array_unref (json->strings);
  g_ptr_array_unref (json->stacks);
  g_free (json->out.data);
  g_free (json);
}

/* Trace strings are whatever the program wrote: invalid UTF-8 becomes
 * U+FFFD so that every line stays JSON. */
static Text *
quote (const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  Buffer b = { g_malloc (strlen (valid) + 2), 0, strlen (valid) + 2 };

  put_c (&b, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          put_c (&b, '\\');
          put_c (&b, c);
        }
      else if (c == '\n')
        put_literal (&b, "\\n");
      else if (c == '\t')
        put_literal (&b, "\\t");
      else if (c < 0x20)
        {
          char escape[7];

          g_snprintf (escape, sizeof escape, "\\u%04x", c);
          put (&b, escape, 6);
        }
      else
        put_c (&b, c);
    }
  put_c (&b, '"');
  return text_from_buffer (&b);
}

static const Text *
cached (GPtrArray *cache,
        guint32    id)
{
  return id < cache->len ? g_ptr_array_index (cache, id) : NULL;
}

static void
store (GPtrArray *cache,
       guint32    id,
       Text      *text)
{
  if (id >= cache->len)
    g_ptr_array_set_size (cache, id + 1);
  g_ptr_array_index (cache, id) = text;
}

static void
put_trace_string (LanesEventJson *json,
                  Buffer         *b,
                  guint32         id)
{
  const Text *text = cached (json->strings, id);

  if (text == NULL)
    {
      const char *raw = lanes_trace_reader_get_string (json->reader, id);
      Text *quoted = quote (raw != NULL ? raw : "");

      store (json->strings, id, quoted);
      text = quoted;
    }
  put_text (b, text);
}

static void
put_frames (LanesEventJson *json,
            Buffer         *b,
            guint32         stack)
{
  const Text *text = cached (json->stacks, stack);

  if (text == NULL)
    {
      const LanesTraceFrame *frames;
      guint n = lanes_trace_reader_get_stack (json->reader, stack, &frames);
      Buffer array = { g_malloc (256), 0, 256 };
      Text *made;

      put_c (&array, '[');
      for (guint f = 0; f < n; f++)
        {
          if (f > 0)
            put_c (&array, ',');
          put_literal (&array, "{\"function\":");
          put_trace_string (json, &array, frames[f].function);
          put_literal (&array, ",\"file\":");
          put_trace_string (json, &array, frames[f].file);
          put_literal (&array, ",\"line\":");
          put_uint (&array, frames[f].line);
          put_literal (&array, ",\"pc\":");
          put_uint (&array, frames[f].pc);
          put_c (&array, '}');
        }
      put_c (&array, ']');
      made = text_from_buffer (&array);
      store (json->stacks, stack, made);
      text = made;
    }
  put_text (b, text);
}

/* ,"KEY":ID and, with frames, ,"KEY_frames":[…]. */
static void
put_stack (LanesEventJson *json,
           const char     *key,
           guint32         stack)
{
  Buffer *b = &json->out;

  put_literal (b, ",\"");
  put_string (b, key);
  put_literal (b, "\":");
  if (stack == LANES_NO_STACK)
    {
      put_literal (b, "null");
      return;
    }
  put_uint (b, stack);
  if (json->frames)
    {
      put_literal (b, ",\"");
      put_string (b, key);
      put_literal (b, "_frames\":");
      put_frames (json, b, stack);
    }
}

static void
put_resource (Buffer            *b,
              LanesResourceKind  kind)
{
  put_c (b, '"');
  put_string (b, (guint) kind < G_N_ELEMENTS (resource_names) ? resource_names[kind] : "global");
  put_c (b, '"');
}

static void
put_transition (LanesEventJson        *json,
                const LanesTransition *t)
{
  Buffer *b = &json->out;
  gboolean goroutine = t->resource == LANES_RESOURCE_GOROUTINE;

  put_literal (b, ",\"resource\":");
  put_resource (b, t->resource);
  put_literal (b, ",\"id\":");
  put_int (b, t->id);
  put_literal (b, ",\"from\":\"");
  put_string (b, goroutine ? lanes_go_state_to_string (t->from) : lanes_proc_state_to_string (t->from));
  put_literal (b, "\",\"to\":\"");
  put_string (b, goroutine ? lanes_go_state_to_string (t->to) : lanes_proc_state_to_string (t->to));
  put_literal (b, "\",\"reason\":");
  put_trace_string (json, b, t->reason);
  put_stack (json, "resource_stack", t->stack);
}

static void
put_range (LanesEventJson        *json,
           const LanesTraceEvent *event)
{
  Buffer *b = &json->out;
  const LanesRange *r = &event->range;

  put_literal (b, ",\"name\":");
  put_trace_string (json, b, r->name);
  put_literal (b, ",\"scope\":");
  put_resource (b, r->scope);
  put_literal (b, ",\"scope_id\":");
  put_id (b, r->scope == LANES_RESOURCE_NONE ? -1 : r->scope_id, -1);
  if (event->kind == LANES_EVENT_RANGE_END && (r->swept != 0 || r->reclaimed != 0))
    {
      put_literal (b, ",\"swept\":");
      put_uint (b, r->swept);
      put_literal (b, ",\"reclaimed\":");
      put_uint (b, r->reclaimed);
    }
}

void
lanes_event_json_append (LanesEventJson        *json,
                         const LanesTraceEvent *event)
{
  Buffer *b = &json->out;

  put_literal (b, "{\"kind\":\"");
  put_string (b, lanes_event_kind_to_string (event->kind));
  put_literal (b, "\",\"time_ns\":");
  put_int (b, event->time);
  put_literal (b, ",\"goroutine\":");
  put_id (b, event->goroutine, LANES_NO_GOROUTINE);
  put_literal (b, ",\"proc\":");
  put_id (b, event->proc, LANES_NO_PROC);
  put_literal (b, ",\"thread\":");
  put_id (b, event->thread, LANES_NO_THREAD);
  put_stack (json, "stack", event->stack);

  switch (event->kind)
    {
    case LANES_EVENT_STATE_TRANSITION:
      put_transition (json, &event->transition);
      break;
    case LANES_EVENT_RANGE_BEGIN:
    case LANES_EVENT_RANGE_ACTIVE:
    case LANES_EVENT_RANGE_END:
      put_range (json, event);
      break;
    case LANES_EVENT_TASK_BEGIN:
    case LANES_EVENT_TASK_END:
      put_literal (b, ",\"task\":");
      put_task (b, event->task.id);
      put_literal (b, ",\"parent\":");
      put_task (b, event->task.parent);
      put_literal (b, ",\"type\":");
      put_trace_string (json, b, event->task.type);
      break;
    case LANES_EVENT_REGION_BEGIN:
    case LANES_EVENT_REGION_END:
      put_literal (b, ",\"task\":");
      put_task (b, event->region.task);
      put_literal (b, ",\"type\":");
      put_trace_string (json, b, event->region.type);
      break;
    case LANES_EVENT_LOG:
      put_literal (b, ",\"task\":");
      put_task (b, event->log.task);
      put_literal (b, ",\"category\":");
      put_trace_string (json, b, event->log.category);
      put_literal (b, ",\"message\":");
      put_trace_string (json, b, event->log.message);
      break;
    case LANES_EVENT_METRIC:
      put_literal (b, ",\"name\":");
      put_trace_string (json, b, event->metric.name);
      put_literal (b, ",\"value\":");
      put_uint (b, event->metric.value);
      break;
    case LANES_EVENT_LABEL:
      put_literal (b, ",\"label\":");
      put_trace_string (json, b, event->label.label);
      put_literal (b, ",\"resource\":\"goroutine\",\"id\":");
      put_id (b, event->label.goroutine, LANES_NO_GOROUTINE);
      break;
    case LANES_EVENT_SYNC:
      put_literal (b, ",\"n\":");
      put_uint (b, event->sync.n);
      break;
    case LANES_EVENT_EXPERIMENTAL:
      put_literal (b, ",\"type\":");
      put_uint (b, event->experimental.type);
      put_literal (b, ",\"args\":[");
      for (guint a = 0; a < G_N_ELEMENTS (event->experimental.args); a++)
        {
          if (a > 0)
            put_c (b, ',');
          put_uint (b, event->experimental.args[a]);
        }
      put_c (b, ']');
      break;
    default:
      break;
    }
  put_literal (b, "}\n");
}

gboolean
lanes_event_json_flush (LanesEventJson *json,
                        FILE           *file,
                        gboolean        all)
{
  gboolean ok;

  if (!all && json->out.len < FLUSH_AT)
    return TRUE;
  ok = fwrite (json->out.data, 1, json->out.len, file) == json->out.len;
  json->out.len = 0;
  return ok;
}
