/* test-first-run.c: a school set up in the window from no database, by
 * keyboard alone, left half way and resumed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-application.h"
#include "att-auth-private.h"
#include "att-setup-view-private.h"
#include "att-sign-in-view-private.h"
#include "att-test-keys.h"
#include "att-test-util.h"
#include "att-window-private.h"

/* Today, for the set-up: August sets up the school year 2025-26. */
#define TODAY_TEXT "2025-08-20"

static char           *tmp_dir;
static char           *db_path;
static AttApplication *app;
static AttWindow      *window;

static AttSetupView *
view (void)
{
  return att_window_get_setup_view (window);
}

static const char *
page (void)
{
  return att_setup_view_get_page_name (view ());
}

static GtkWidget *
field (const char *key)
{
  GtkWidget *widget = att_setup_view_get_field (view (), key);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
text (const char *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (key)));
}

static gboolean
has_focus (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
press (guint           keyval,
       GdkModifierType state)
{
  g_assert_true (att_test_press_key (GTK_WINDOW (window), keyval, state));
}

/* Types @value into the focused field in place of what it held. */
static void
retype (const char *value)
{
  press (GDK_KEY_Home, 0);
  press (GDK_KEY_End, GDK_SHIFT_MASK);
  g_assert_true (att_test_type (GTK_WINDOW (window), value));
}

/* Tab to the next field, which must be @key's. */
static void
tab_to (const char *key)
{
  press (GDK_KEY_Tab, 0);
  g_assert_true (has_focus (field (key)));
}

static void
open_window (void)
{
  g_application_activate (G_APPLICATION (app));
  window = ATT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

/* Quits half way: the window goes, the app reads the file again. */
static void
reopen_window (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  att_application_load (app);
  open_window ();
}

static gboolean
window_has_action (const char *name)
{
  const char *action, *property;
  const GVariantType *type;
  GType owner;

  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &action, &type,
                                      &property);
       i++)
    if (g_strcmp0 (action, name) == 0)
      return TRUE;
  return FALSE;
}

static void
test_first_run (void)
{
  g_autoptr(AttDb) db = NULL;
  g_autoptr(AttSchool) school = NULL;
  g_autoptr(AttUser) admin = NULL;
  AttCalendar *calendar;
  const AttTerm *terms;
  guint n_terms;

  /* No database: the welcome, with the demonstration school as a choice. */
  g_assert_cmpstr (att_window_get_state_name (window), ==, "setup");
  g_assert_cmpstr (page (), ==, "welcome");
  g_assert_true (has_focus (field ("start")));
  press (GDK_KEY_Return, 0);

  /* 1. The school. A URN of five digits is the core's message, and
   * Continue stays off: Enter writes nothing. */
  g_assert_cmpstr (page (), ==, "school");
  g_assert_true (has_focus (field ("name")));
  g_assert_false (gtk_widget_is_sensitive (field ("continue")));
  g_assert_true (att_test_type (GTK_WINDOW (window), "Riverside Primary"));
  /* Back to the welcome and on again: what was typed is still there. */
  press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (page (), ==, "welcome");
  press (GDK_KEY_Return, 0);
  g_assert_cmpstr (page (), ==, "school");
  g_assert_cmpstr (text ("name"), ==, "Riverside Primary");
  press (GDK_KEY_End, 0);
  tab_to ("urn");
  g_assert_true (att_test_type (GTK_WINDOW (window), "12345"));
  g_assert_cmpstr (att_setup_view_get_message (view ()), ==,
                   "“12345” is not a URN: the school’s unique reference number has 6 digits");
  g_assert_false (gtk_widget_is_sensitive (field ("continue")));
  press (GDK_KEY_Return, 0);
  g_assert_cmpstr (page (), ==, "school");
  g_assert_true (has_focus (field ("urn")));
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  /* Focused again, the field's text is selected: End, then the digit. */
  press (GDK_KEY_End, 0);
  g_assert_true (att_test_type (GTK_WINDOW (window), "6"));
  g_assert_null (att_setup_view_get_message (view ()));
  g_assert_true (gtk_widget_is_sensitive (field ("continue")));
  tab_to ("la");
  g_assert_true (att_test_type (GTK_WINDOW (window), "Riverborough"));
  tab_to ("address");
  tab_to ("phone");
  tab_to ("email");
  g_assert_true (att_test_type (GTK_WINDOW (window), "office@riverside"));
  g_assert_nonnull (strstr (att_setup_view_get_message (view ()), "is not an e-mail address"));
  g_assert_true (att_test_type (GTK_WINDOW (window), ".sch.uk"));
  g_assert_null (att_setup_view_get_message (view ()));
  press (GDK_KEY_Return, 0);

  /* The database is made with the school's settings; 2. the times. */
  g_assert_true (g_file_test (db_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (page (), ==, "times");
  g_assert_cmpstr (text ("am_open"), ==, "08:45");
  g_assert_true (has_focus (field ("am_open")));
  retype ("08:40");
  tab_to ("am_close");
  /* 08:40 to 09:20 is 40 minutes: refused by the core's rule. */
  retype ("09:20");
  g_assert_nonnull (strstr (att_setup_view_get_message (view ()), "at most 30 minutes"));
  g_assert_false (gtk_widget_is_sensitive (field ("continue")));
  retype ("09:00");
  g_assert_true (gtk_widget_is_sensitive (field ("continue")));
  press (GDK_KEY_Return, 0);

  /* 3. The terms, suggested for 2025-26 with the bank holidays shown. */
  g_assert_cmpstr (page (), ==, "terms");
  g_assert_cmpstr (text ("term-0-name"), ==, "Autumn 1 2025");
  g_assert_cmpstr (text ("term-0-start"), ==, "2025-09-01");
  g_assert_cmpstr (text ("term-5-end"), ==, "2026-07-20");
  /* England's bank holidays of 2025-26, listed: Christmas Day and Boxing
   * Day (Thursday 25 and Friday 26 December), New Year's Day (Thursday),
   * Good Friday (3 April), Easter Monday (6 April), the early May (4 May),
   * spring (25 May) and summer (31 August) bank holidays: 8. */
  g_assert_cmpuint (att_setup_view_get_n_bank_holidays (view ()), ==, 8);

  /* Quit half way, before the terms are confirmed, and come back: the
   * terms' step again, the school and the times as confirmed. */
  reopen_window ();
  g_assert_cmpstr (att_window_get_state_name (window), ==, "setup");
  g_assert_cmpstr (page (), ==, "terms");
  g_assert_cmpstr (text ("name"), ==, "Riverside Primary");
  g_assert_cmpstr (text ("urn"), ==, "123456");
  g_assert_cmpstr (text ("am_open"), ==, "08:40");
  g_assert_cmpstr (text ("am_close"), ==, "09:00");

  /* Back by keyboard keeps what is there; forward again. */
  gtk_widget_grab_focus (field ("term-5-end"));
  retype ("2026-07-22");
  press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (page (), ==, "times");
  g_assert_cmpstr (text ("am_open"), ==, "08:40");
  press (GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpstr (page (), ==, "school");
  g_assert_cmpstr (text ("la"), ==, "Riverborough");
  /* With the school made, there is nothing before its details: Escape
   * is not taken. */
  g_assert_false (att_test_press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));
  g_assert_cmpstr (page (), ==, "school");
  press (GDK_KEY_Return, 0);
  g_assert_cmpstr (page (), ==, "times");
  press (GDK_KEY_Return, 0);
  g_assert_cmpstr (page (), ==, "terms");
  g_assert_cmpstr (text ("term-5-end"), ==, "2026-07-22");

  /* A date the core cannot read is said, and blocks Continue. */
  gtk_widget_grab_focus (field ("term-1-start"));
  retype ("2025-13-03");
  g_assert_nonnull (att_setup_view_get_message (view ()));
  g_assert_false (gtk_widget_is_sensitive (field ("continue")));
  retype ("2025-11-03");
  g_assert_true (gtk_widget_is_sensitive (field ("continue")));
  press (GDK_KEY_Return, 0);

  /* 4. The administrator, with the password twice. */
  g_assert_cmpstr (page (), ==, "admin");
  g_assert_true (has_focus (field ("admin-name")));
  g_assert_true (att_test_type (GTK_WINDOW (window), "Fay Founder"));
  tab_to ("admin-position");
  g_assert_true (att_test_type (GTK_WINDOW (window), "School Business Manager"));
  tab_to ("password");
  g_assert_true (att_test_type (GTK_WINDOW (window), "correct horse"));
  press (GDK_KEY_Tab, 0);
  while (!has_focus (field ("confirm")))
    press (GDK_KEY_Tab, 0);
  g_assert_true (att_test_type (GTK_WINDOW (window), "correct hose"));
  g_assert_cmpstr (att_setup_view_get_message (view ()), ==,
                   "The two passwords are not the same: type them again");
  g_assert_false (gtk_widget_is_sensitive (field ("continue")));
  retype ("correct horse");
  press (GDK_KEY_Return, 0);

  /* Signed in as the administrator; 5. the pupils. The importers are
   * the window's win.import, there or not. */
  g_assert_cmpstr (page (), ==, "pupils");
  g_assert_nonnull (att_context_get_user (att_window_get_context (window)));
  g_assert_cmpstr (att_context_get_user (att_window_get_context (window))->name, ==, "Fay Founder");
  g_assert_cmpint (gtk_widget_is_sensitive (field ("import-pupils")), ==,
                   window_has_action ("win.import"));
  g_assert_cmpint (gtk_widget_is_sensitive (field ("import-ctf")), ==,
                   window_has_action ("win.import"));
  g_assert_true (has_focus (field ("continue")));
  press (GDK_KEY_Return, 0);

  /* Today, in the school. */
  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "today");

  /* The database holds the school, its terms with England's bank
   * holidays, and the administrator. */
  db = att_db_open (db_path, NULL);
  g_assert_nonnull (db);
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_DONE);
  school = att_school_load (db);
  g_assert_cmpstr (school->name, ==, "Riverside Primary");
  g_assert_cmpstr (school->urn, ==, "123456");
  g_assert_cmpstr (school->la, ==, "Riverborough");
  g_assert_cmpstr (school->email, ==, "office@riverside.sch.uk");
  g_assert_cmpint (school->am_open, ==, 8 * 60 + 40);
  g_assert_cmpint (school->am_close, ==, 9 * 60);
  calendar = att_db_get_calendar (db);
  terms = att_calendar_get_terms (calendar, &n_terms);
  g_assert_cmpuint (n_terms, ==, 6);
  g_assert_cmpstr (terms[0].name, ==, "Autumn 1 2025");
  g_assert_cmpint (terms[5].end, ==, D (2026, 7, 22));
  /* Monday 4 May 2026, the early May bank holiday, in Summer 1. */
  g_assert_cmpstr (att_calendar_closure_reason (calendar, D (2026, 5, 4), ATT_SESSION_AM), ==,
                   "Early May bank holiday");
  admin = att_users_find (db, "Fay Founder", NULL);
  g_assert_nonnull (admin);
  g_assert_cmpint (admin->role, ==, ATT_ROLE_ADMIN);
  g_assert_cmpstr (admin->position, ==, "School Business Manager");
  g_assert_true (att_users_has_password (db, admin->id));

  /* Then sign in: locked, and opened with the password. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_state_name (window), ==, "sign-in");
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_password_row (att_window_get_sign_in_view (window))),
                         "correct horse");
  g_signal_emit_by_name (att_sign_in_view_get_password_row (att_window_get_sign_in_view (window)),
                         "entry-activated");
  while (att_sign_in_view_is_checking (att_window_get_sign_in_view (window)))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");
  g_assert_cmpstr (att_context_get_user (att_window_get_context (window))->name, ==, "Fay Founder");
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) inner = g_dir_open (path, 0, NULL);
          const char *child;

          while (inner != NULL && (child = g_dir_read_name (inner)) != NULL)
            {
              g_autofree char *file = g_build_filename (path, child, NULL);
              g_unlink (file);
            }
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_setenv ("ATTENDANCE_TODAY", TODAY_TEXT, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  att_auth_use_fast_hashing_for_tests ();

  tmp_dir = g_dir_make_tmp ("attendance-first-run-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "school", "attendance.db", NULL);
  g_setenv ("ATTENDANCE_DB", db_path, TRUE);

  app = g_object_new (ATT_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/schoolattendance/Attendance",
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  open_window ();

  g_test_add_func ("/first-run/keyboard", test_first_run);

  result = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_clear_object (&app);
  remove_tmp_dir ();
  g_free (db_path);
  g_free (tmp_dir);

  return result;
}
