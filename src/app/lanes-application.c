/* lanes-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-application.h"

#include <glib/gi18n.h>

#include "lanes-benchmark.h"
#include "lanes-settings.h"
#include "lanes-window.h"

struct _LanesApplication
{
  AdwApplication parent_instance;

  GSettings *settings;   /* NULL when the schema is missing */
  gint64 benchmark_start; /* 0 unless benchmarking */
};

G_DEFINE_FINAL_TYPE (LanesApplication, lanes_application, ADW_TYPE_APPLICATION)

LanesApplication *
lanes_application_new (GApplicationFlags flags)
{
  return g_object_new (LANES_TYPE_APPLICATION,
                       "application-id", LANES_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | flags,
                       "resource-base-path", "/io/github/lanes_viewer/Lanes",
                       NULL);
}

/* The example trace: beside the sources when running from a build tree,
 * in the data directory when installed. */
GFile *
lanes_application_get_example_file (LanesApplication *self)
{
  const char *override = g_getenv ("LANES_EXAMPLE_TRACE");

  if (override != NULL)
    return g_file_new_for_path (override);
  if (g_file_test (LANES_SOURCE_EXAMPLE, G_FILE_TEST_EXISTS))
    return g_file_new_for_path (LANES_SOURCE_EXAMPLE);
  return g_file_new_for_path (LANES_INSTALLED_EXAMPLE);
}

static LanesWindow *
empty_window (LanesApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LANES_IS_WINDOW (active) && lanes_window_is_empty (LANES_WINDOW (active)))
    return LANES_WINDOW (active);
  return lanes_window_new (GTK_APPLICATION (self));
}

void
lanes_application_set_benchmark (LanesApplication *self,
                                 gint64            started)
{
  self->benchmark_start = started;
}

void
lanes_application_open_file (LanesApplication *self,
                             GFile            *file)
{
  LanesWindow *window = empty_window (self);

  if (self->benchmark_start != 0)
    {
      lanes_benchmark_run (window, file, self->benchmark_start);
      self->benchmark_start = 0;
      return;
    }
  lanes_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

static void
lanes_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (lanes_window_new (GTK_APPLICATION (application)));
  gtk_window_present (window);
}

static void
lanes_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    lanes_application_open_file (LANES_APPLICATION (application), files[i]);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  gtk_window_present (GTK_WINDOW (lanes_window_new (GTK_APPLICATION (data))));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  GtkApplication *app = data;
  static const char *developers[] = { "The Lanes developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Lanes"),
                         "application-icon", LANES_BASE_ID,
                         "version", LANES_VERSION,
                         "comments", _("See the shape of a Go program's run"),
                         "website", "https://github.com/lanes-viewer/lanes",
                         "issue-url", "https://github.com/lanes-viewer/lanes/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Lanes developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  g_application_quit (G_APPLICATION (data));
}

static void
apply_color_scheme (LanesApplication *self,
                    const char       *scheme)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
color_scheme_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  LanesApplication *self = data;
  const char *scheme = g_variant_get_string (parameter, NULL);

  g_simple_action_set_state (action, parameter);
  apply_color_scheme (self, scheme);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "color-scheme", scheme);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "about", about_action },
  { "quit", quit_action },
  { "color-scheme", color_scheme_action, "s", "'follow'" },
};

static void
lanes_application_startup (GApplication *application)
{
  LanesApplication *self = LANES_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };

  G_APPLICATION_CLASS (lanes_application_parent_class)->startup (application);
  g_set_application_name (_("Lanes"));
  gtk_window_set_default_icon_name (LANES_BASE_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);

  self->settings = lanes_settings_new ();
  if (self->settings != NULL)
    {
      g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
      g_action_group_change_action_state (G_ACTION_GROUP (application), "color-scheme", g_variant_new_string (scheme));
    }
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new-window", new_window_accels);
}

/* Development builds look different (striped header bars) so that they
 * are not taken for the installed app. */
static void
lanes_application_window_added (GtkApplication *application,
                                GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (lanes_application_parent_class)->window_added (application, window);
  if (LANES_DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
}

static void
lanes_application_finalize (GObject *object)
{
  g_clear_object (&LANES_APPLICATION (object)->settings);
  G_OBJECT_CLASS (lanes_application_parent_class)->finalize (object);
}

static void
lanes_application_class_init (LanesApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lanes_application_finalize;
  app_class->startup = lanes_application_startup;
  app_class->activate = lanes_application_activate;
  app_class->open = lanes_application_open;
  GTK_APPLICATION_CLASS (klass)->window_added = lanes_application_window_added;
}

static void
lanes_application_init (LanesApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "benchmark", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Measure loading and drawing the trace given, then quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[TRACE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens each Go execution trace given (plain or gzip-compressed) in a window."));
}
