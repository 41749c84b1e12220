/* lanes-pprof.h: blocking and CPU profiles in pprof's format, the
 * gzipped protocol buffer that `go tool pprof` reads.
 *
 * A blocking profile is laid out as go tool trace -pprof lays out its
 * own: two sample values (contentions/count, delay/nanoseconds), one
 * location per program counter, one function per file and name.  A CPU
 * profile as the runtime writes one: samples/count and cpu/nanoseconds,
 * a sample standing for one sampling interval of CPU time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lanes-blocking-profile.h"
#include "lanes-cpu-samples.h"

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

/* One pprof sample per stack of @samples (their stacks belong to
 * @reader), counting them; each stands for @interval ns of CPU. */
GBytes  *lanes_pprof_encode_cpu (LanesTraceReader     *reader,
                                 const LanesStackSample *samples,
                                 guint                 n_samples,
                                 gint64                interval);
gboolean lanes_pprof_write_cpu  (LanesTraceReader     *reader,
                                 const LanesStackSample *samples,
                                 guint                 n_samples,
                                 gint64                interval,
                                 const char           *path,
                                 GError              **error);

G_END_DECLS
