/* lanes-pprof.h: blocking profiles in pprof's format, the gzipped
 * protocol buffer that `go tool pprof` reads.
 *
 * The profile is laid out as go tool trace -pprof lays out its own: two
 * sample values (contentions/count, delay/nanoseconds), one location per
 * program counter, one function per file and name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-blocking-profile.h"

G_BEGIN_DECLS

/* @records: LanesProfileRecord, whose stacks belong to @reader.
 * Returns the encoded profile, not compressed. */
GBytes  *lanes_pprof_encode (LanesTraceReader *reader,
                             const GArray     *records);

/* Encodes and writes the profile to @path, gzipped. */
gboolean lanes_pprof_write  (LanesTraceReader *reader,
                             const GArray     *records,
                             const char       *path,
                             GError          **error);

G_END_DECLS
