/* att-test-app.c: the application opened on a school, for the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "att-auth-private.h"
#include "att-demo.h"
#include "att-test-app.h"
#include "att-test-util.h"

void
att_test_widget_init (int         *argc,
                      char      ***argv,
                      const char  *today)
{
  g_setenv ("ATTENDANCE_TODAY", today, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (argc, argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  att_auth_use_fast_hashing_for_tests ();
}

char *
att_test_demo_create (const char *dir,
                      const char *name,
                      guint       pupils,
                      guint       years,
                      guint       seed,
                      AttDate     as_of)
{
  g_autoptr(GError) error = NULL;
  AttDemoOptions options;
  char *path = g_build_filename (dir, name, NULL);

  att_demo_options_init (&options);
  options.pupils = pupils;
  options.years = years;
  options.seed = seed;
  options.as_of = as_of;
  att_demo_create (path, &options, &error);
  g_assert_no_error (error);
  return path;
}

AttWindow *
att_test_open_window (const char      *db_path,
                      AttApplication **app)
{
  g_autoptr(GError) error = NULL;
  AttWindow *window;

  g_setenv ("ATTENDANCE_DB", db_path, TRUE);
  *app = g_object_new (ATT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/schoolattendance/Attendance",
                       NULL);
  g_application_register (G_APPLICATION (*app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (*app));

  window = ATT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (*app)));
  g_assert_nonnull (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
  return window;
}

void
att_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        att_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
