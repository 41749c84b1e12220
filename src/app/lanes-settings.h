/* lanes-settings.h: the app's GSettings, also when run from the build
 * tree (its compiled schema is there, not installed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* NULL when the schema is nowhere to be found: settings are then not
 * remembered, and nothing else changes. */
GSettings *lanes_settings_new (void);

G_END_DECLS
