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

G_END_DECLS
