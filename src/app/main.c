/* main.c: the Lanes application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "lanes-application.h"

static gint64 started;

static int
on_local_options (GApplication *application,
                  GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      if (LANES_DEVELOPMENT)
        printf ("lanes %s (%s profile, %s)\n", LANES_VERSION, LANES_PROFILE, LANES_APPLICATION_ID);
      else
        printf ("lanes %s\n", LANES_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "benchmark"))
    {
      /* A measurement runs in its own process, never handed to a running
       * Lanes; this is before registration, when flags may still change. */
      g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
      lanes_application_set_benchmark (LANES_APPLICATION (application), started);
    }
  return -1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LanesApplication) app = NULL;

  started = g_get_monotonic_time ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LANES_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lanes_application_new (G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_local_options), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
