/* test-gzip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-gzip.h"

GBytes *
test_gzip_bytes (const guint8 *data,
                 gsize         size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  gsize in = 0;
  GConverterResult result;

  do
    {
      gsize bytes_read, bytes_written;
      g_autoptr(GError) error = NULL;

      result = g_converter_convert (G_CONVERTER (compressor), data + in, size - in, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written, &error);
      g_assert_no_error (error);
      in += bytes_read;
      g_byte_array_append (out, buffer, bytes_written);
    }
  while (result != G_CONVERTER_FINISHED);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

void
test_write_gzip_bomb (const char *path)
{
  static const char header[16] = "go 1.22 trace";
  g_autofree guint8 *zeros = g_malloc0 (16 * 1024 * 1024);
  g_autoptr(GBytes) head = test_gzip_bytes ((const guint8 *) header, sizeof header);
  g_autoptr(GBytes) body = test_gzip_bytes (zeros, 16 * 1024 * 1024);
  g_autoptr(GByteArray) bomb = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_byte_array_append (bomb, g_bytes_get_data (head, NULL), g_bytes_get_size (head));
  for (guint i = 0; i < 64; i++)
    g_byte_array_append (bomb, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_true (g_file_set_contents (path, (const char *) bomb->data, bomb->len, &error));
}
