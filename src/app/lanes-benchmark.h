/* lanes-benchmark.h: `lanes --benchmark TRACE`: how the window does on a
 * real trace — how soon the timeline first paints, how long the main loop
 * ever waits while loading, and how fast scripted zoom and pan steps
 * draw.  Prints the numbers and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-window.h"

G_BEGIN_DECLS

/* Opens @file in @window and measures; @started is when the process
 * started (g_get_monotonic_time()). */
void lanes_benchmark_run (LanesWindow *window,
                          GFile       *file,
                          gint64       started);

G_END_DECLS
