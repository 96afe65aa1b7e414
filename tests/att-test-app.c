/* att-test-app.c: the application opened on a school, for the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "att-amend-dialog.h"
#include "att-auth-private.h"
#include "att-demo.h"
#include "att-page.h"
#include "att-register-grid.h"
#include "att-sign-in-view-private.h"
#include "att-test-app.h"
#include "att-test-keys.h"
#include "att-test-util.h"
#include "att-window-private.h"

const AttTestDialog att_test_dialogs[] = {
  { "amend", "register", NULL },
  { "call", NULL, "win.new-call" },
  { "leave", "leave", "leave.new-request" },
  { "users", NULL, "win.users" },
  { "backups", NULL, "win.backups" },
  { "mail", NULL, "win.mail-settings" },
  { "firstday", "calls", "calls.firstday-settings" },
  { "rules", "letters", "letters.rules" },
  { "preferences", NULL, "win.preferences" },
  { "import-pupils", NULL, "win.import", "pupils" },
  { "import-ctf", NULL, "win.import", "ctf" },
  { "add-pupil", NULL, "win.add-pupil" },
  { NULL, NULL, NULL },
};

static void
sign_in (AttTestApp *t,
         AttRole     first_role,
         AttRole     last_role)
{
  AttSignInView *view = att_window_get_sign_in_view (t->window);
  GtkListBox *list = att_sign_in_view_get_users_list (view);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = att_db_open (t->db_path, &error);
  g_autoptr(GPtrArray) users = NULL;
  int index = -1;

  g_assert_no_error (error);
  users = att_users_list (db, NULL);
  for (AttRole role = first_role; index < 0 && role >= last_role; role--)
    for (guint i = 0; index < 0 && i < users->len; i++)
      if (((AttUser *)g_ptr_array_index (users, i))->role == role)
        index = (int)i;
  g_assert_cmpint (index, >=, 0);

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, index));
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_password_row (view)), ATT_DEMO_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (view), "sign-in.submit", NULL);
  while (att_sign_in_view_is_checking (view))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_state_name (t->window), ==, "main");
}

static void
open_app (AttTestApp *t)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_DB", t->db_path, TRUE);
  t->app = g_object_new (ATT_TYPE_APPLICATION,
                         "application-id", APPLICATION_ID,
                         "flags", G_APPLICATION_NON_UNIQUE,
                         "resource-base-path", "/io/github/schoolattendance/Attendance",
                         NULL);
  g_application_register (G_APPLICATION (t->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (t->app));

  t->window = ATT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t->app)));
  g_assert_nonnull (t->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (t->window)))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

AttTestApp *
att_test_app_new (guint pupils)
{
  AttTestApp *t = g_new0 (AttTestApp, 1);
  g_autoptr(GError) error = NULL;
  AttDemoOptions options;

  t->dir = g_dir_make_tmp ("attendance-app-XXXXXX", &error);
  g_assert_no_error (error);
  t->db_path = g_build_filename (t->dir, "demo.db", NULL);

  att_auth_use_fast_hashing_for_tests ();
  att_demo_options_init (&options);
  options.pupils = pupils;
  options.years = 1;
  options.seed = 42;
  options.as_of = att_date_from_ymd (2026, 11, 20);
  att_demo_create (t->db_path, &options, &error);
  g_assert_no_error (error);

  open_app (t);
  sign_in (t, ATT_ROLE_ADMIN, ATT_ROLE_HEADTEACHER);
  return t;
}

AttTestApp *
att_test_app_open (const char *db_path,
                   AttRole     role)
{
  AttTestApp *t = g_new0 (AttTestApp, 1);

  t->db_path = g_strdup (db_path);
  open_app (t);
  sign_in (t, role, role);
  return t;
}

void
att_test_app_free (AttTestApp *t)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (t->app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (t->app));
    }
  att_test_flush_events ();
  g_clear_object (&t->app);
  /* The day's backup is made on a thread; let it finish before removing
   * its folder. */
  att_test_wait (200);
  if (t->dir != NULL)
    att_test_remove_dir (t->dir);
  g_free (t->db_path);
  g_free (t->dir);
  g_free (t);
}

GtkWidget *
att_test_app_show_page (AttTestApp *t,
                        const char *name)
{
  GtkWidget *page;
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  gtk_widget_activate_action (GTK_WIDGET (t->window), "win.show-page", "s", name);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_visible_page_name (t->window), ==, name);
  page = att_window_get_page (t->window, name);
  g_assert_nonnull (page);
  /* What a page counts on a thread comes in a moment later. */
  att_test_wait (300);
  while (att_page_is_waiting (ATT_PAGE (page)) && g_get_monotonic_time () < deadline)
    att_test_wait (50);
  return page;
}

static GList *
toplevels (void)
{
  GListModel *list = gtk_window_get_toplevels ();
  GList *windows = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (list, i);

      windows = g_list_prepend (windows, window);
    }
  return windows;
}

GtkWindow *
att_test_app_open_dialog (AttTestApp          *t,
                          const AttTestDialog *dialog)
{
  g_autoptr(GList) before = toplevels ();
  g_autoptr(GList) after = NULL;
  GtkWidget *target = GTK_WIDGET (t->window);
  GtkWindow *opened = NULL;

  if (dialog->page != NULL)
    target = att_test_app_show_page (t, dialog->page);

  if (dialog->action == NULL)
    {
      /* The register asks why a mark is changed, or a day closed, in
       * this dialog, in the middle of a write. */
      opened = GTK_WINDOW (att_amend_dialog_new_with_reasons (GTK_WINDOW (t->window),
                                                              "Amend the Mark",
                                                              "Why is the mark changed?",
                                                              "Amend",
                                                              att_grid_amend_reasons ()));
      gtk_window_present (opened);
      att_test_wait (100);
      return opened;
    }

  if (dialog->target != NULL
      ? !gtk_widget_activate_action (target, dialog->action, "s", dialog->target)
      : !gtk_widget_activate_action (target, dialog->action, NULL))
    return NULL;
  att_test_wait (300);

  after = toplevels ();
  for (GList *l = after; l != NULL; l = l->next)
    if (g_list_find (before, l->data) == NULL && gtk_widget_get_visible (l->data))
      opened = l->data;
  return opened;
}

char *
att_test_widget_path (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) : NULL;
      const char *name = gtk_widget_get_name (w);
      g_autofree char *step = NULL;

      /* A widget's name is its type's unless set: only a set one says more. */
      if (id != NULL)
        step = g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id);
      else if (name != NULL && g_strcmp0 (name, G_OBJECT_TYPE_NAME (w)) != 0)
        step = g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), name);
      else
        step = g_strdup (G_OBJECT_TYPE_NAME (w));
      g_string_prepend (path, step);
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  return g_string_free (path, FALSE);
}

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
