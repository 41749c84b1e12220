/* fuzz-gzip.c: libFuzzer entry point for opening a gzip'd trace: inputs
 * that start as gzip does are taken as they are (damaged streams); any
 * other is compressed, then cut where its last byte says, so that the
 * reader sees mutated traces through the decompressor, whole or broken
 * off.  Opening and reading must end in events or an error, never a
 * crash, a hang or a sanitizer report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memfd_create */
#include <sys/mman.h>
#include <unistd.h>

#include "lanes-trace-input.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static GBytes *
compress_and_cut (const guint8 *data,
                  size_t        size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
  gsize out_size = size + size / 8 + 64;
  guint8 *out = g_malloc (out_size);
  gsize bytes_read, bytes_written;
  guint8 cut = size > 0 ? data[size - 1] : 255;

  g_converter_convert (G_CONVERTER (compressor), data, size, out, out_size, G_CONVERTER_INPUT_AT_END,
                       &bytes_read, &bytes_written, NULL);
  /* One input in two is cut short, anywhere. */
  if (cut < 128)
    bytes_written = bytes_written * cut / 128;
  return g_bytes_new_take (out, bytes_written);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  gboolean raw = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  g_autoptr(GBytes) bytes = raw ? g_bytes_new_static (data, size) : compress_and_cut (data, size);
  g_autoptr(LanesTraceInput) input = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LanesTraceEvent event;
  gsize length;
  const guint8 *compressed = g_bytes_get_data (bytes, &length);
  int fd = memfd_create ("fuzz.trace.gz", MFD_CLOEXEC);

  g_assert (fd >= 0 && write (fd, compressed, length) == (gssize) length);
  path = g_strdup_printf ("/proc/self/fd/%d", fd);
  input = lanes_trace_input_open (path, NULL, NULL, NULL, &error);
  close (fd);
  if (input == NULL)
    return 0;
  reader = lanes_trace_input_new_reader (input, &error);
  if (reader == NULL)
    return 0;
  while (lanes_trace_reader_next (reader, &event, &error))
    ;
  return 0;
}
