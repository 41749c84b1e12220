/* test-varint.c: LEB128 decoding at the edges Go's decoder defines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lanes-varint.h"

static LanesVarintStatus
decode (const guint8 *bytes,
        gsize         n,
        guint64      *value,
        gsize        *used)
{
  const guint8 *pos = bytes;
  LanesVarintStatus status = lanes_read_uvarint (&pos, bytes + n, value);

  *used = pos - bytes;

  /* Where ten bytes are there to read, the unbounded decoder must agree;
   * the padding continues varints, so reading past one shows. */
  if (status != LANES_VARINT_TRUNCATED)
    {
      guint8 padded[2 * LANES_VARINT_MAX_SIZE];
      guint64 unbounded_value = 0;

      memset (padded, 0xff, sizeof padded);
      memcpy (padded, bytes, MIN (n, LANES_VARINT_MAX_SIZE));
      pos = padded;
      g_assert_cmpint (lanes_read_uvarint_unbounded (&pos, &unbounded_value), ==, status);
      if (status == LANES_VARINT_OK)
        {
          g_assert_cmpuint (unbounded_value, ==, *value);
          g_assert_cmpuint (pos - padded, ==, *used);
        }
    }
  return status;
}

static void
test_minimal (void)
{
  const guint8 one[] = { 0x01 };
  const guint8 max_one_byte[] = { 0x7f };
  const guint8 two[] = { 0xac, 0x02 };   /* 300 */
  guint64 v = 0;
  gsize used;

  g_assert_cmpint (decode (one, 1, &v, &used), ==, LANES_VARINT_OK);
  g_assert_cmpuint (v, ==, 1);
  g_assert_cmpuint (used, ==, 1);
  g_assert_cmpint (decode (max_one_byte, 1, &v, &used), ==, LANES_VARINT_OK);
  g_assert_cmpuint (v, ==, 127);
  g_assert_cmpint (decode (two, 2, &v, &used), ==, LANES_VARINT_OK);
  g_assert_cmpuint (v, ==, 300);
  g_assert_cmpuint (used, ==, 2);
}

/* The runtime writes batch sizes padded to 10 bytes. */
static void
test_padded (void)
{
  const guint8 padded[] = { 0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 };
  guint64 v = 0;
  gsize used;

  g_assert_cmpint (decode (padded, sizeof padded, &v, &used), ==, LANES_VARINT_OK);
  g_assert_cmpuint (v, ==, 5);
  g_assert_cmpuint (used, ==, 10);
}

static void
test_max_and_overflow (void)
{
  const guint8 max[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
  const guint8 tenth_too_big[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02 };
  const guint8 eleven[] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 };
  guint64 v = 0;
  gsize used;

  g_assert_cmpint (decode (max, sizeof max, &v, &used), ==, LANES_VARINT_OK);
  g_assert_cmpuint (v, ==, G_MAXUINT64);
  g_assert_cmpint (decode (tenth_too_big, sizeof tenth_too_big, &v, &used), ==, LANES_VARINT_OVERFLOW);
  g_assert_cmpint (decode (eleven, sizeof eleven, &v, &used), ==, LANES_VARINT_OVERFLOW);
}

static void
test_truncated (void)
{
  const guint8 cut[] = { 0x80, 0x80 };
  guint64 v = 42;
  gsize used;

  g_assert_cmpint (decode (cut, 0, &v, &used), ==, LANES_VARINT_TRUNCATED);
  g_assert_cmpint (decode (cut, sizeof cut, &v, &used), ==, LANES_VARINT_TRUNCATED);
  g_assert_cmpuint (used, ==, 0);   /* nothing consumed on failure */
  g_assert_cmpuint (v, ==, 42);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/varint/minimal", test_minimal);
  g_test_add_func ("/varint/padded", test_padded);
  g_test_add_func ("/varint/max-and-overflow", test_max_and_overflow);
  g_test_add_func ("/varint/truncated", test_truncated);
  return g_test_run ();
}
