/* lanes-varint.h: bounds-checked LEB128 decoding, as encoding/binary.Uvarint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef enum
{
  LANES_VARINT_OK,
  LANES_VARINT_TRUNCATED,  /* the buffer ends inside the varint */
  LANES_VARINT_OVERFLOW,   /* more than 64 bits */
} LanesVarintStatus;

/* Decodes one unsigned varint at *pos, never reading at or past @end.
 * Padded (non-minimal) encodings are accepted: the runtime writes batch
 * lengths that way. */
static inline LanesVarintStatus
lanes_read_uvarint (const guint8 **pos,
                    const guint8  *end,
                    guint64       *value)
{
  const guint8 *p = *pos;
  gsize n = MIN ((gsize) (end - p), 10);
  guint64 x = 0;

  /* Fast path: one byte. */
  if (G_LIKELY (n > 0 && *p < 0x80))
    {
      *value = *p;
      *pos = p + 1;
      return LANES_VARINT_OK;
    }

  /* The loop bound is the only bounds check: at most ten bytes, fewer
   * when the buffer ends first. */
  for (gsize i = 0; i < n; i++)
    {
      guint8 b = p[i];
      if (b < 0x80)
        {
          if (i == 9 && b > 1)
            return LANES_VARINT_OVERFLOW;
          *value = x | ((guint64) b << (7 * i));
          *pos = p + i + 1;
          return LANES_VARINT_OK;
        }
      x |= (guint64) (b & 0x7f) << (7 * i);
    }
  return n < 10 ? LANES_VARINT_TRUNCATED : LANES_VARINT_OVERFLOW;
}

/* The longest a varint may be. */
#define LANES_VARINT_MAX_SIZE 10

/* As lanes_read_uvarint() where the caller knows at least
 * LANES_VARINT_MAX_SIZE bytes follow *pos: no bounds to check, so a
 * batch's events decode without one per byte. */
static inline LanesVarintStatus
lanes_read_uvarint_unbounded (const guint8 **pos,
                              guint64       *value)
{
  const guint8 *p = *pos;
  guint64 x;

  if (G_LIKELY (p[0] < 0x80))
    {
      *value = p[0];
      *pos = p + 1;
      return LANES_VARINT_OK;
    }
  x = p[0] & 0x7f;
  for (guint i = 1; i < LANES_VARINT_MAX_SIZE; i++)
    {
      guint8 b = p[i];
      if (b < 0x80)
        {
          if (i == 9 && b > 1)
            return LANES_VARINT_OVERFLOW;
          *value = x | ((guint64) b << (7 * i));
          *pos = p + i + 1;
          return LANES_VARINT_OK;
        }
      x |= (guint64) (b & 0x7f) << (7 * i);
    }
  return LANES_VARINT_OVERFLOW;
}
