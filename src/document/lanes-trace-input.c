/* lanes-trace-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* O_TMPFILE */
#include "lanes-trace-input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>

#define CHUNK_SIZE (256 * 1024)

/* Enough of the start of a stream for the reader to tell a trace's
 * header from anything else (the header is 16 bytes). */
#define HEADER_PROBE 16

struct _LanesTraceInput
{
  char *name;
  GMappedFile *mapped;
  GError *warning;
};

/* Reading a stream into the spool file. */
typedef struct
{
  const char *name;
  GCancellable *cancellable;
  LanesTraceInputProgressFunc progress;
  gpointer user_data;
  guint64 total;           /* of the input, 0 when unknown */
  guint64 consumed;        /* input bytes read */
  guint64 written;         /* trace bytes spooled */
  int spool_fd;
  const char *spool_dir;
  guint8 head[HEADER_PROBE];
  gboolean head_checked;
  GZlibDecompressor *gzip; /* NULL for a plain stream */
  gboolean between_members;
  GError *warning;
} Spool;

void
lanes_trace_input_free (LanesTraceInput *input)
{
  if (input == NULL)
    return;
  g_clear_pointer (&input->mapped, g_mapped_file_unref);
  g_clear_error (&input->warning);
  g_free (input->name);
  g_free (input);
}

const GError *
lanes_trace_input_get_warning (LanesTraceInput *input)
{
  return input->warning;
}

LanesTraceReader *
lanes_trace_input_new_reader (LanesTraceInput  *input,
                              GError          **error)
{
  return lanes_trace_reader_new_for_mapped_file (input->mapped, input->name, error);
}

static gboolean
fail_io (GError     **error,
         const char  *name,
         const char  *what)
{
  g_set_error (error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_IO, "%s: %s", name, what);
  return FALSE;
}

/* An unlinked file: it goes away with the mapping, whatever happens. */
static int
open_spool_file (const char **dir,
                 GError     **error)
{
  int fd;

  *dir = g_get_tmp_dir ();
  fd = open (*dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_autofree char *path = NULL;

      fd = g_file_open_tmp ("lanes-XXXXXX.trace", &path, error);
      if (fd < 0)
        return -1;
      unlink (path);
    }
  return fd;
}

static gboolean
write_spool (Spool         *spool,
             const guint8  *data,
             gsize          size,
             GError       **error)
{
  if (spool->written < HEADER_PROBE)
    memcpy (spool->head + spool->written, data, MIN (size, HEADER_PROBE - spool->written));
  while (size > 0)
    {
      gssize n = write (spool->spool_fd, data, size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_autofree char *so_far = g_format_size (spool->written);
          g_autofree char *message =
            saved == ENOSPC || saved == EDQUOT
              ? g_strdup_printf ("not enough disk space in %s to hold it (%s written); set TMPDIR to a roomier place",
                                 spool->spool_dir, so_far)
              : g_strdup_printf ("cannot write a temporary copy in %s: %s", spool->spool_dir, g_strerror (saved));
          return fail_io (error, spool->name, message);
        }
      spool->written += n;
      data += n;
      size -= n;
    }
  return TRUE;
}

/* Refuses a stream that is no trace as soon as its header is in, rather
 * than after reading (or inflating) all of it: the reader judges the
 * header, anything else it says about so few bytes is beside the point. */
static gboolean
check_head (Spool   *spool,
            gboolean at_end,
            GError **error)
{
  g_autoptr(GBytes) head = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;

  if (spool->head_checked || (spool->written < HEADER_PROBE && !at_end))
    return TRUE;
  spool->head_checked = TRUE;
  if (spool->written == 0)
    return TRUE;
  head = g_bytes_new (spool->head, MIN (spool->written, HEADER_PROBE));
  reader = lanes_trace_reader_new_for_bytes (head, spool->name, &local_error);
  if (g_error_matches (local_error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_NOT_A_TRACE)
      || g_error_matches (local_error, LANES_TRACE_ERROR, LANES_TRACE_ERROR_UNSUPPORTED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
report (Spool *spool)
{
  if (spool->progress != NULL)
    spool->progress (spool->gzip != NULL,
                     spool->total > 0 ? (double) spool->consumed / spool->total : -1,
                     spool->consumed, spool->user_data);
}

/* Inflates @size bytes of @data; *@used says how many it took (fewer
 * when the rest needs more input).  A gzip stream that breaks off or
 * goes bad ends in spool->warning, keeping what came before. */
static gboolean
inflate (Spool         *spool,
         const guint8  *data,
         gsize          size,
         gboolean       at_end,
         gsize         *used,
         GError       **error)
{
  g_autofree guint8 *out = g_malloc (CHUNK_SIZE);

  *used = 0;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result;

      if (*used == size && (!at_end || spool->between_members))
        return TRUE;
      /* A few compressed bytes can hold a lot: checked for each
       * buffer out, not each buffer in. */
      if (g_cancellable_set_error_if_cancelled (spool->cancellable, error))
        return FALSE;
      result = g_converter_convert (G_CONVERTER (spool->gzip), data + *used, size - *used, out, CHUNK_SIZE,
                                    at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &bytes_read, &bytes_written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          gboolean broken_off = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
          g_autofree char *so_far = NULL;

          if (broken_off && !at_end)
            return TRUE;
          /* Keep what came before, as for a plain file cut short. */
          so_far = g_format_size (spool->written);
          g_set_error (&spool->warning, LANES_TRACE_ERROR, LANES_TRACE_ERROR_TRUNCATED,
                       "%s: the compressed data %s after %s of trace; reading what came before",
                       spool->name, broken_off ? "breaks off" : "goes bad", so_far);
          *used = size;
          return TRUE;
        }
      *used += bytes_read;
      if (bytes_read > 0)
        spool->between_members = FALSE;
      if (!write_spool (spool, out, bytes_written, error) || !check_head (spool, FALSE, error))
        return FALSE;
      /* gzip files may hold several members one after the other. */
      if (result == G_CONVERTER_FINISHED)
        {
          spool->between_members = TRUE;
          g_converter_reset (G_CONVERTER (spool->gzip));
        }
    }
}

/* Reads @stream to its end into the spool file. */
static gboolean
read_stream (Spool         *spool,
             GInputStream  *stream,
             GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gboolean decided = FALSE, at_end = FALSE;
  gsize pending = 0;

  /* A pipe may keep us waiting for its first bytes: say so. */
  if (spool->total == 0)
    report (spool);

  while (!at_end && spool->warning == NULL)
    {
      gssize n = g_input_stream_read (stream, buffer + pending, CHUNK_SIZE - pending, spool->cancellable, error);
      gsize used;

      if (n < 0)
        {
          if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_prefix_error (error, "%s: cannot read: ", spool->name);
          return FALSE;
        }
      at_end = n == 0;
      pending += n;
      spool->consumed += n;
      /* The first two bytes say whether it is compressed. */
      if (!decided && pending < 2 && !at_end)
        continue;
      if (!decided && pending >= 2 && buffer[0] == 0x1f && buffer[1] == 0x8b)
        {
          spool->gzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
          report (spool);
        }
      decided = TRUE;

      if (spool->gzip != NULL)
        {
          if (!inflate (spool, buffer, pending, at_end, &used, error))
            return FALSE;
        }
      else
        {
          used = pending;
          if (!write_spool (spool, buffer, pending, error) || !check_head (spool, FALSE, error))
            return FALSE;
        }
      memmove (buffer, buffer + used, pending - used);
      pending -= used;
      report (spool);
    }
  return check_head (spool, TRUE, error);
}

/* Reads the stream on @fd (@total bytes, or 0 when unknown) into an
 * unlinked file and maps that. */
static gboolean
spool_stream (LanesTraceInput  *input,
              int               fd,
              guint64           total,
              GCancellable     *cancellable,
              LanesTraceInputProgressFunc progress,
              gpointer          user_data,
              GError          **error)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (fd, FALSE);
  Spool spool = {
    .name = input->name,
    .cancellable = cancellable,
    .progress = progress,
    .user_data = user_data,
    .total = total,
  };
  gboolean ok;

  spool.spool_fd = open_spool_file (&spool.spool_dir, error);
  if (spool.spool_fd < 0)
    {
      g_prefix_error (error, "%s: cannot make a temporary copy: ", input->name);
      return FALSE;
    }
  ok = read_stream (&spool, stream, error);
  g_clear_object (&spool.gzip);
  if (ok && spool.written == 0)
    ok = fail_io (error, input->name, spool.consumed > 0 ? "holds nothing once decompressed" : "is empty");
  if (ok)
    {
      input->mapped = g_mapped_file_new_from_fd (spool.spool_fd, FALSE, error);
      ok = input->mapped != NULL;
    }
  close (spool.spool_fd);
  input->warning = spool.warning;
  return ok;
}

static gboolean
starts_gzip (int fd)
{
  guint8 magic[2];

  return pread (fd, magic, sizeof magic, 0) == sizeof magic && magic[0] == 0x1f && magic[1] == 0x8b;
}

/* Opens @path as the rules say; on stdin when it is "-". */
static gboolean
open_input (LanesTraceInput  *input,
            const char       *path,
            GCancellable     *cancellable,
            LanesTraceInputProgressFunc progress,
            gpointer          user_data,
            GError          **error)
{
  gboolean is_stdin = strcmp (path, "-") == 0;
  /* Not blocking, so that a FIFO without a writer opens at once (the
   * wait for data is then a cancellable poll). */
  int fd = is_stdin ? dup (STDIN_FILENO) : open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  struct stat st;
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *message = NULL;

      if (saved == ENOENT)
        return fail_io (error, input->name, "no such file");
      if (saved == EACCES)
        return fail_io (error, input->name, "cannot be read (permission denied)");
      message = g_strdup_printf ("cannot open: %s", g_strerror (saved));
      return fail_io (error, input->name, message);
    }
  if (fstat (fd, &st) < 0)
    ok = fail_io (error, input->name, g_strerror (errno));
  else if (S_ISDIR (st.st_mode))
    ok = fail_io (error, input->name, "is a folder, not a trace file");
  else if (S_ISREG (st.st_mode) && st.st_size == 0)
    ok = fail_io (error, input->name, "is empty");
  else if (S_ISREG (st.st_mode) && !starts_gzip (fd))
    {
      input->mapped = g_mapped_file_new_from_fd (fd, FALSE, error);
      if (input->mapped == NULL)
        g_prefix_error (error, "%s: ", input->name);
      ok = input->mapped != NULL;
    }
  else if (S_ISREG (st.st_mode))
    ok = spool_stream (input, fd, st.st_size, cancellable, progress, user_data, error);
  else if (S_ISFIFO (st.st_mode) || S_ISSOCK (st.st_mode))
    {
      fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
      ok = spool_stream (input, fd, 0, cancellable, progress, user_data, error);
    }
  else if (is_stdin && isatty (fd))
    ok = fail_io (error, input->name, "is a terminal; pipe a trace into it or name a file");
  else if (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode))
    ok = fail_io (error, input->name, "is a device, not a trace file");
  else
    ok = fail_io (error, input->name, "is not a regular file");
  close (fd);
  return ok;
}

LanesTraceInput *
lanes_trace_input_open (const char                  *path,
                        GCancellable                *cancellable,
                        LanesTraceInputProgressFunc  progress,
                        gpointer                     user_data,
                        GError                     **error)
{
  g_autoptr(LanesTraceInput) input = g_new0 (LanesTraceInput, 1);

  input->name = g_strdup (strcmp (path, "-") == 0 ? "standard input" : path);
  if (!open_input (input, path, cancellable, progress, user_data, error))
    return NULL;
  return g_steal_pointer (&input);
}
