/* lanes-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANES_TYPE_APPLICATION (lanes_application_get_type ())

G_DECLARE_FINAL_TYPE (LanesApplication, lanes_application, LANES, APPLICATION, AdwApplication)

/* @flags are added to the app's own: the program is unique on the
 * session bus, tests and benchmarks pass %G_APPLICATION_NON_UNIQUE. */
LanesApplication *lanes_application_new              (GApplicationFlags flags);
/* Opens @file in a window: the active one if it shows no trace yet,
 * otherwise a new one. */
void              lanes_application_open_file        (LanesApplication *self,
                                                      GFile            *file);
GFile            *lanes_application_get_example_file (LanesApplication *self);
/* With `--benchmark`, the first trace opened is measured, then the app
 * quits (see lanes-benchmark.h). */
void              lanes_application_set_benchmark    (LanesApplication *self,
                                                      gint64            started);

G_END_DECLS
