/* lanes-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANES_APPLICATION_ID "io.github.lanes_viewer.Lanes"
#define LANES_TYPE_APPLICATION (lanes_application_get_type ())

G_DECLARE_FINAL_TYPE (LanesApplication, lanes_application, LANES, APPLICATION, AdwApplication)

LanesApplication *lanes_application_new              (void);
/* Opens @file in a window: the active one if it shows no trace yet,
 * otherwise a new one. */
void              lanes_application_open_file        (LanesApplication *self,
                                                      GFile            *file);
GFile            *lanes_application_get_example_file (LanesApplication *self);

G_END_DECLS
