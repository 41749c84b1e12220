/* main.c: the Lanes application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "lanes-application.h"

static int
on_local_options (GApplication *application,
                  GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      printf ("lanes %s\n", LANES_VERSION);
      return 0;
    }
  return -1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LanesApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LANES_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lanes_application_new ();
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_local_options), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
