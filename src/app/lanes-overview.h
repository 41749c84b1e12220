/* lanes-overview.h: the facts of a loaded trace at a glance: its span,
 * its population, garbage collection and what goroutines waited on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lanes-document.h"

G_BEGIN_DECLS

GtkWidget *lanes_overview_new (LanesDocument *document);

/* "1.234 s", "56.7 ms", "890 µs", "12 ns" */
char      *lanes_format_duration (gint64 ns);

G_END_DECLS
