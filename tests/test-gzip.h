/* test-gzip.h: compressed inputs for the tests of opening traces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

/* @data, gzip-compressed as one member. */
GBytes *test_gzip_bytes      (const guint8 *data,
                              gsize         size);
/* Writes to @path "go 1.22 trace" then a gigabyte of zeros, in 3 kB:
 * 64 gzip members of 16 MiB each after the header's. */
void    test_write_gzip_bomb (const char   *path);
