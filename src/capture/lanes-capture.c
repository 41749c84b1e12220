/* lanes-capture.c: record a trace from a running Go service over HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-capture.h"

#include <libsoup/soup.h>
#include <string.h>

#define CHUNK_SIZE (64 * 1024)
/* Go's pprof handlers answer only once the duration is over (the CPU
 * profile) or stream as it goes (the trace); beyond this much silence
 * past the duration the service is not answering. */
#define ANSWER_MARGIN_SECONDS 10
#define PROGRESS_INTERVAL_MS 100

struct _LanesCapture
{
  GObject parent_instance;

  char *trace_url;
  char *profile_url;        /* NULL without a CPU profile */
  GFile *output;
  GFile *profile_output;
  guint seconds;

  double progress;
  guint64 received;
  gint64 started;           /* monotonic µs */
  gboolean running;
};

enum
{
  PROP_0,
  PROP_PROGRESS,
  PROP_RECEIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LanesCapture, lanes_capture, G_TYPE_OBJECT)

typedef struct _Run Run;

/* One reply on its way into its temporary file. */
typedef struct
{
  Run *run;
  const char *url;          /* owned by the capture */
  GFile *target;            /* owned by the capture */
  GFile *temp;
  const char *magic;        /* what the reply must start with */
  const char *what;         /* what it is, for the error when it does not */
  gboolean is_trace;        /* counts towards "received" */
  SoupMessage *message;
  GInputStream *body;
  GOutputStream *out;
  guint8 *buffer;
  gsize checked;            /* bytes of @magic seen so far */
} Fetch;

struct _Run
{
  LanesCapture *self;
  GTask *task;                 /* owns this run as its task data */
  SoupSession *session;
  GCancellable *cancellable;   /* cancelled by the caller or the first failure */
  GCancellable *caller;
  gulong caller_handler;
  Fetch fetches[2];
  guint n_fetches;
  guint pending;
  GError *error;               /* the first failure */
  GSource *timer;
};

static void read_next (Fetch *fetch);

static void
lanes_capture_finalize (GObject *object)
{
  LanesCapture *self = LANES_CAPTURE (object);

  g_free (self->trace_url);
  g_free (self->profile_url);
  g_clear_object (&self->output);
  g_clear_object (&self->profile_output);
  G_OBJECT_CLASS (lanes_capture_parent_class)->finalize (object);
}

static void
lanes_capture_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LanesCapture *self = LANES_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_RECEIVED:
      g_value_set_uint64 (value, self->received);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_capture_class_init (LanesCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lanes_capture_finalize;
  object_class->get_property = lanes_capture_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED] =
    g_param_spec_uint64 ("received", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanes_capture_init (LanesCapture *self)
{
}

/* The URL of /debug/pprof/ENDPOINT?seconds=N on the service at @base,
 * whatever part of the pprof path @base already has. */
static char *
endpoint_url (GUri       *base,
              const char *endpoint,
              guint       seconds)
{
  g_autofree char *prefix = g_strdup (g_uri_get_path (base));
  g_autofree char *path = NULL;
  g_autofree char *query = g_strdup_printf ("seconds=%u", seconds);
  g_autoptr(GUri) uri = NULL;
  char *pprof = strstr (prefix, "/debug/pprof");
  gsize len;

  if (pprof != NULL)
    *pprof = '\0';
  len = strlen (prefix);
  while (len > 0 && prefix[len - 1] == '/')
    prefix[--len] = '\0';
  path = g_strconcat (prefix, "/debug/pprof/", endpoint, NULL);
  uri = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (base), g_uri_get_userinfo (base),
                     g_uri_get_host (base), g_uri_get_port (base), path, query, NULL);
  return g_uri_to_string (uri);
}

static GFile *
profile_output_for (GFile *output)
{
  g_autoptr(GFile) parent = g_file_get_parent (output);
  g_autofree char *name = g_file_get_basename (output);
  g_autofree char *profile_name = NULL;
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  profile_name = g_strconcat (name, ".cpu.pb.gz", NULL);
  return g_file_get_child (parent, profile_name);
}

LanesCapture *
lanes_capture_new (const char  *address,
                   guint        seconds,
                   gboolean     cpu_profile,
                   GFile       *output,
                   GError     **error)
{
  g_autoptr(LanesCapture) self = NULL;
  g_autoptr(GUri) base = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (output), NULL);

  text = g_strstrip (g_strdup (address));
  if (strstr (text, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("http://", text, NULL);

      g_free (text);
      text = with_scheme;
    }
  base = g_uri_parse (text, G_URI_FLAGS_NONE, &parse_error);
  if (base == NULL
      || (g_strcmp0 (g_uri_get_scheme (base), "http") != 0 && g_strcmp0 (g_uri_get_scheme (base), "https") != 0)
      || g_uri_get_host (base) == NULL || g_uri_get_host (base)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: not the HTTP address of a service (like http://localhost:6060)", address);
      return NULL;
    }
  if (seconds == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "a capture lasts at least one second");
      return NULL;
    }
  parent = g_file_get_parent (output);
  if (parent == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (output);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s: not a file name", name);
      return NULL;
    }

  self = g_object_new (LANES_TYPE_CAPTURE, NULL);
  self->seconds = seconds;
  self->output = g_object_ref (output);
  self->trace_url = endpoint_url (base, "trace", seconds);
  if (cpu_profile)
    {
      self->profile_url = endpoint_url (base, "profile", seconds);
      self->profile_output = profile_output_for (output);
    }
  return g_steal_pointer (&self);
}

const char *
lanes_capture_get_trace_url (LanesCapture *self)
{
  g_return_val_if_fail (LANES_IS_CAPTURE (self), NULL);
  return self->trace_url;
}

GFile *
lanes_capture_get_output (LanesCapture *self)
{
  g_return_val_if_fail (LANES_IS_CAPTURE (self), NULL);
  return self->output;
}

GFile *
lanes_capture_get_profile_output (LanesCapture *self)
{
  g_return_val_if_fail (LANES_IS_CAPTURE (self), NULL);
  return self->profile_output;
}

guint
lanes_capture_get_seconds (LanesCapture *self)
{
  g_return_val_if_fail (LANES_IS_CAPTURE (self), 0);
  return self->seconds;
}

double
lanes_capture_get_progress (LanesCapture *self)
{
  g_return_val_if_fail (LANES_IS_CAPTURE (self), 0.0);
  return self->progress;
}

guint64
lanes_capture_get_received (LanesCapture *self)
{
  g_return_val_if_fail (LANES_IS_CAPTURE (self), 0);
  return self->received;
}

static void
set_progress (LanesCapture *self,
              double        progress)
{
  if (progress == self->progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static gboolean
on_progress_tick (gpointer data)
{
  LanesCapture *self = data;
  double elapsed = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;

  /* Full only once the replies are in. */
  set_progress (self, MIN (elapsed / self->seconds, 0.99));
  return G_SOURCE_CONTINUE;
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_object (&fetch->temp);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->body);
  g_clear_object (&fetch->out);
  g_clear_pointer (&fetch->buffer, g_free);
}

static void
stop_timer (Run *run)
{
  if (run->timer == NULL)
    return;
  g_source_destroy (run->timer);
  g_clear_pointer (&run->timer, g_source_unref);
}

static void
run_free (gpointer data)
{
  Run *run = data;

  stop_timer (run);
  if (run->caller != NULL)
    {
      g_cancellable_disconnect (run->caller, run->caller_handler);
      g_object_unref (run->caller);
    }
  for (guint i = 0; i < run->n_fetches; i++)
    fetch_clear (&run->fetches[i]);
  g_clear_object (&run->session);
  g_clear_object (&run->cancellable);
  g_clear_error (&run->error);
  g_free (run);
}

/* Moves the temporary files to their names, all or none. */
static gboolean
put_in_place (Run     *run,
              GError **error)
{
  for (guint i = 0; i < run->n_fetches; i++)
    {
      Fetch *fetch = &run->fetches[i];
      g_autoptr(GError) move_error = NULL;

      /* A rename within one directory: quick, so not worth a thread. */
      if (!g_file_move (fetch->temp, fetch->target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                        NULL, NULL, NULL, &move_error))
        {
          g_autofree char *name = g_file_get_parse_name (fetch->target);

          g_set_error (error, move_error->domain, move_error->code,
                       "%s: cannot write it: %s", name, move_error->message);
          for (guint j = 0; j < i; j++)
            g_file_delete (run->fetches[j].target, NULL, NULL);
          return FALSE;
        }
      g_clear_object (&fetch->temp);
    }
  return TRUE;
}

static void
fetch_done (Fetch  *fetch,
            GError *error)
{
  Run *run = fetch->run;
  GTask *task;
  GError *final_error = NULL;

  if (error != NULL)
    {
      /* The other fetch's cancellation follows from the first failure. */
      if (run->error == NULL)
        {
          run->error = error;
          g_cancellable_cancel (run->cancellable);
        }
      else
        g_error_free (error);
    }
  g_clear_object (&fetch->out);   /* closes the file, if still open */
  if (--run->pending > 0)
    return;

  task = run->task;
  run->self->running = FALSE;
  stop_timer (run);
  if (run->error == NULL && put_in_place (run, &final_error))
    {
      set_progress (run->self, 1.0);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      for (guint i = 0; i < run->n_fetches; i++)
        if (run->fetches[i].temp != NULL)
          g_file_delete (run->fetches[i].temp, NULL, NULL);
      g_task_return_error (task, final_error != NULL ? final_error : g_steal_pointer (&run->error));
    }
  /* The reference taken when the run began; @run goes with the task. */
  g_object_unref (task);
}

/* Whichever request notices first, a cancelled capture is the trace's. */
static GError *
cancelled (Fetch        *fetch,
           const GError *error)
{
  return g_error_new (error->domain, error->code, "%s: capture cancelled", fetch->run->self->trace_url);
}

/* @error, said for a person: the URL and what happened. */
static GError *
describe_error (Fetch        *fetch,
                const GError *error)
{
  const char *what = error->message;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return cancelled (fetch, error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    what = "connection refused (is the service running and listening there?)";
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (error->domain, error->code, "%s: timed out: no answer for %u s",
                        fetch->url, fetch->run->self->seconds + ANSWER_MARGIN_SECONDS);
  return g_error_new (error->domain, error->code, "%s: %s", fetch->url, what);
}

static GError *
describe_file_error (Fetch        *fetch,
                     const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (fetch->target);
  const char *what = error->message;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return cancelled (fetch, error);
  /* GIO's own message would name the temporary file. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    what = "no such directory";
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    what = "permission denied";
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    what = "no space left";
  return g_error_new (error->domain, error->code, "%s: cannot write it: %s", name, what);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    fetch_done (fetch, describe_file_error (fetch, error));
  else
    fetch_done (fetch, NULL);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    fetch_done (fetch, describe_file_error (fetch, error));
  else
    read_next (fetch);
}

static GError *
not_what_was_asked (Fetch *fetch)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                      "%s: the reply is not %s", fetch->url, fetch->what);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  gsize magic_len = strlen (fetch->magic);

  if (n < 0)
    {
      fetch_done (fetch, describe_error (fetch, error));
      return;
    }
  if (n == 0)
    {
      if (fetch->checked < magic_len)
        fetch_done (fetch, not_what_was_asked (fetch));
      else
        g_output_stream_close_async (fetch->out, G_PRIORITY_DEFAULT, fetch->run->cancellable,
                                     on_closed, fetch);
      return;
    }
  if (fetch->checked < magic_len)
    {
      gsize len = MIN ((gsize) n, magic_len - fetch->checked);

      if (memcmp (fetch->buffer, fetch->magic + fetch->checked, len) != 0)
        {
          fetch_done (fetch, not_what_was_asked (fetch));
          return;
        }
      fetch->checked += len;
    }
  if (fetch->is_trace)
    {
      fetch->run->self->received += n;
      g_object_notify_by_pspec (G_OBJECT (fetch->run->self), properties[PROP_RECEIVED]);
    }
  g_output_stream_write_all_async (fetch->out, fetch->buffer, n, G_PRIORITY_DEFAULT,
                                   fetch->run->cancellable, on_written, fetch);
}

static void
read_next (Fetch *fetch)
{
  g_input_stream_read_async (fetch->body, fetch->buffer, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                             fetch->run->cancellable, on_read, fetch);
}

/* The first line of an error reply's body, which Go's handlers use to
 * say why ("Could not enable CPU profiling: …"). */
static void
on_error_body (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  guint status = soup_message_get_status (fetch->message);
  g_autofree char *line = NULL;
  GError *error;

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    {
      line = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      line[strcspn (line, "\r\n")] = '\0';
      g_strstrip (line);
      if (!g_utf8_validate (line, -1, NULL) || line[0] == '<')
        g_clear_pointer (&line, g_free);
    }
  if (status == SOUP_STATUS_NOT_FOUND)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         "%s: HTTP 404 %s (does the service import net/http/pprof?)",
                         fetch->url, soup_message_get_reason_phrase (fetch->message));
  else
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s: HTTP %u %s%s%s", fetch->url, status,
                         soup_message_get_reason_phrase (fetch->message),
                         line != NULL && line[0] != '\0' ? ": " : "", line != NULL ? line : "");
  fetch_done (fetch, error);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr(GError) error = NULL;

  fetch->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (fetch->body == NULL)
    {
      fetch_done (fetch, describe_error (fetch, error));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (fetch->message)))
    {
      g_input_stream_read_bytes_async (fetch->body, 512, G_PRIORITY_DEFAULT, fetch->run->cancellable,
                                       on_error_body, fetch);
      return;
    }
  read_next (fetch);
}

static void
on_temp_created (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr(GError) error = NULL;
  GFileOutputStream *out = g_file_create_finish (G_FILE (source), result, &error);

  if (out == NULL)
    {
      /* Cancelled, it may have been created all the same; otherwise it
       * was not, and the name may be someone else's. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_clear_object (&fetch->temp);
      fetch_done (fetch, describe_file_error (fetch, error));
      return;
    }
  fetch->out = G_OUTPUT_STREAM (out);
  fetch->message = soup_message_new (SOUP_METHOD_GET, fetch->url);
  soup_session_send_async (fetch->run->session, fetch->message, G_PRIORITY_DEFAULT,
                           fetch->run->cancellable, on_sent, fetch);
}

static void
start_fetch (Run        *run,
             const char *url,
             GFile      *target,
             const char *magic,
             const char *what,
             gboolean    is_trace)
{
  Fetch *fetch = &run->fetches[run->n_fetches++];
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autofree char *name = g_file_get_basename (target);
  /* Hidden, beside the target, so the final rename stays on one file system. */
  g_autofree char *temp_name = g_strdup_printf (".%s.%08x.part", name, g_random_int ());

  fetch->run = run;
  fetch->url = url;
  fetch->target = target;
  fetch->temp = g_file_get_child (parent, temp_name);
  fetch->magic = magic;
  fetch->what = what;
  fetch->is_trace = is_trace;
  fetch->buffer = g_malloc (CHUNK_SIZE);
  run->pending++;
  g_file_create_async (fetch->temp, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT, run->cancellable,
                       on_temp_created, fetch);
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

void
lanes_capture_run_async (LanesCapture        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  GTask *task;
  Run *run;

  g_return_if_fail (LANES_IS_CAPTURE (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lanes_capture_run_async);
  /* Cancelled or not, the run ends by its own error, which names the URL. */
  g_task_set_check_cancellable (task, FALSE);
  run = g_new0 (Run, 1);
  run->self = self;
  run->task = task;
  run->session = soup_session_new_with_options ("timeout", self->seconds + ANSWER_MARGIN_SECONDS,
                                                "user-agent", "lanes/" LANES_VERSION " ", NULL);
  run->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, run, run_free);
  self->running = TRUE;

  self->started = g_get_monotonic_time ();
  self->received = 0;
  set_progress (self, 0.0);
  run->timer = g_timeout_source_new (PROGRESS_INTERVAL_MS);
  g_source_set_callback (run->timer, on_progress_tick, self, NULL);
  g_source_attach (run->timer, context);

  start_fetch (run, self->trace_url, self->output, "go 1.", "a Go execution trace", TRUE);
  if (self->profile_url != NULL)
    start_fetch (run, self->profile_url, self->profile_output, "\x1f\x8b", "a gzip-compressed CPU profile", FALSE);

  if (cancellable != NULL)
    {
      run->caller = g_object_ref (cancellable);
      run->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                   run->cancellable, NULL);
    }
}

gboolean
lanes_capture_run_finish (LanesCapture  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
