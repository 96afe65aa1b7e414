/* test-sign-in.c: the window's sign-in, its first run, the lock and the
 * Users dialog, driven as a user would through the real application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-application.h"
#include "att-auth-private.h"
#include "att-demo.h"
#include "att-register-page-private.h"
#include "att-sign-in-view-private.h"
#include "att-test-app.h"
#include "att-test-util.h"
#include "att-users-dialog-private.h"
#include "att-window-private.h"

/* The demo school is made up to this date, and the app takes it as today. */
#define TODAY_TEXT "2026-11-20"

static char           *tmp_dir;
static char           *empty_path;
static char           *demo_path;
static AttDb          *check_db;     /* our own connection to the demo school */
static AttApplication *app;
static AttWindow      *window;

static AttSignInView *
view (void)
{
  return att_window_get_sign_in_view (window);
}

static const AttUser *
signed_in_user (void)
{
  return att_context_get_user (att_window_get_context (window));
}

static gint64
user_id (const char *name)
{
  g_autoptr(AttUser) user = att_users_find (check_db, name, NULL);

  g_assert_nonnull (user);
  return user != NULL ? user->id : 0;
}

/* Lets a subpage's transition (250 ms) run to its end. */
static void
wait_for_transition (void)
{
  gint64 end = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  att_test_flush_events ();
}

/* The password is checked on another thread: waits for its answer. */
static void
wait_for_check (void)
{
  while (att_sign_in_view_is_checking (view ()))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

/* Chooses @name in the list, as Enter on its row does, and types
 * @password, as Enter in the password entry submits it. */
static void
sign_in (const char *name,
         const char *password)
{
  GtkListBox *list = att_sign_in_view_get_users_list (view ());
  GtkListBoxRow *row;
  gboolean found = FALSE;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      {
        g_signal_emit_by_name (list, "row-activated", row);
        found = TRUE;
        break;
      }
  g_assert_true (found);
  /* Enter on a name moves to the password. */
  g_assert_true (gtk_widget_has_focus (att_sign_in_view_get_password_row (view ())) ||
                 gtk_widget_is_focus (att_sign_in_view_get_password_row (view ())) ||
                 gtk_widget_get_focus_child (att_sign_in_view_get_password_row (view ())) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_password_row (view ())), password);
  g_signal_emit_by_name (att_sign_in_view_get_password_row (view ()), "entry-activated");
  /* While it is checked, the button and the form wait. */
  if (att_sign_in_view_is_checking (view ()))
    g_assert_false (gtk_widget_is_sensitive (att_sign_in_view_get_submit_button (view ())));
  wait_for_check ();
}

static void
open_school (const char *path)
{
  g_setenv ("ATTENDANCE_DB", path, TRUE);
  att_application_load (app);
  att_test_flush_events ();
}

/* A school with nobody in it: the window asks for its administrator,
 * with the password twice, and signs them in. */
static void
test_first_run (void)
{
  g_autoptr(AttDb) db = NULL;
  g_autoptr(GPtrArray) users = NULL;
  AttSignInView *v = view ();

  g_assert_cmpstr (att_window_get_state_name (window), ==, "sign-in");
  g_assert_cmpstr (att_sign_in_view_get_mode (v), ==, "first-run");
  g_assert_true (gtk_widget_has_focus (att_sign_in_view_get_name_row (v)) ||
                 gtk_widget_get_focus_child (att_sign_in_view_get_name_row (v)) != NULL);
  /* Nothing behind the sign-in moves. */
  {
    g_autofree char *before = g_strdup (att_window_get_visible_page_name (window));
    const char *other = g_strcmp0 (before, "pupils") == 0 ? "today" : "pupils";

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", other);
    att_test_flush_events ();
    g_assert_cmpstr (att_window_get_visible_page_name (window), ==, before);
  }

  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_name_row (v)), "Fay Founder");
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_new_password_row (v)), "first admin pw");
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_confirm_row (v)), "first admin pv");
  gtk_widget_activate_action (GTK_WIDGET (v), "sign-in.submit", NULL);
  g_assert_cmpstr (att_sign_in_view_get_message (v), ==,
                   "The two passwords are not the same: type them again");
  g_assert_cmpstr (att_window_get_state_name (window), ==, "sign-in");

  /* Too short: the core's rule, said as the core says it. */
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_new_password_row (v)), "short");
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_confirm_row (v)), "short");
  gtk_widget_activate_action (GTK_WIDGET (v), "sign-in.submit", NULL);
  g_assert_nonnull (strstr (att_sign_in_view_get_message (v), "at least 8 characters"));

  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_new_password_row (v)), "first admin pw");
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_confirm_row (v)), "first admin pw");
  g_signal_emit_by_name (att_sign_in_view_get_confirm_row (v), "entry-activated");
  att_test_flush_events ();

  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");
  g_assert_cmpstr (signed_in_user ()->name, ==, "Fay Founder");
  g_assert_cmpint (signed_in_user ()->role, ==, ATT_ROLE_ADMIN);
  g_assert_cmpstr (att_window_get_user_text (window), ==, "Signed in as Fay Founder, Administrator");
  /* The passwords were wiped from the entries. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (att_sign_in_view_get_new_password_row (v))), ==, "");

  db = att_db_open (empty_path, NULL);
  users = att_users_list (db, NULL);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_true (att_users_has_password (db, ((AttUser *)users->pdata[0])->id));
}

/* The demonstration school: its sign-in says the password, and the core
 * counts wrong passwords. */
static void
test_sign_in (void)
{
  AttSignInView *v;
  gint64 julie;

  /* Another school: Fay is not one of its users, and is signed out. */
  open_school (demo_path);
  v = view ();
  g_assert_null (signed_in_user ());
  g_assert_cmpstr (att_window_get_state_name (window), ==, "sign-in");
  g_assert_cmpstr (att_sign_in_view_get_mode (v), ==, "sign-in");
  g_assert_nonnull (strstr (att_sign_in_view_get_description (v), "demonstration school"));
  g_assert_nonnull (strstr (att_sign_in_view_get_description (v), "“" ATT_DEMO_PASSWORD "”"));
  /* The five demo users, by name, the first chosen and focused. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (att_sign_in_view_get_users_list (v), 4));
  g_assert_null (gtk_list_box_get_row_at_index (att_sign_in_view_get_users_list (v), 5));
  g_assert_true (gtk_list_box_get_selected_row (att_sign_in_view_get_users_list (v)) ==
                 gtk_list_box_get_row_at_index (att_sign_in_view_get_users_list (v), 0));

  /* Four wrong passwords: the core's message, and the button stays. */
  julie = user_id ("Julie Price");
  for (guint i = 0; i < 4; i++)
    {
      sign_in ("Julie Price", "not her password");
      g_assert_nonnull (strstr (att_sign_in_view_get_message (v), "The password is wrong"));
      g_assert_true (gtk_widget_is_sensitive (att_sign_in_view_get_submit_button (v)));
    }
  /* The fifth: a wait of 30 seconds, said, and the button waits too. */
  sign_in ("Julie Price", "not her password");
  g_assert_nonnull (strstr (att_sign_in_view_get_message (v), "5 times in a row for Julie Price: try again in 30 seconds"));
  g_assert_false (gtk_widget_is_sensitive (att_sign_in_view_get_submit_button (v)));
  g_assert_cmpint (att_auth_delay_remaining (check_db, julie, g_get_real_time () / G_USEC_PER_SEC), >, 25);
  g_assert_null (signed_in_user ());

  /* Someone else signs in meanwhile, with the school's password. */
  att_sign_in_view_reset (v, NULL);
  sign_in ("Helen Carter", ATT_DEMO_PASSWORD);
  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");
  g_assert_cmpstr (signed_in_user ()->name, ==, "Helen Carter");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (att_sign_in_view_get_password_row (v))), ==, "");
}

/* Ctrl+L covers the window; the password opens it where it was: the same
 * page, the same register, the same cell. */
static void
test_lock (void)
{
  AttRegisterPage *page = ATT_REGISTER_PAGE (att_window_get_page (window, "register"));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.lock");
  guint position = 0, column = 0;

  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>l"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "register");
  att_test_flush_events ();
  att_register_page_focus_grid (page);
  /* The second pupil's afternoon: away from where the grid starts. */
  att_register_page_set_cursor (page, 1, 1);
  att_test_flush_events ();
  att_register_page_get_cursor (page, &position, &column);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (column, ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  att_test_flush_events ();
  g_assert_true (att_window_is_locked (window));
  g_assert_cmpstr (att_window_get_state_name (window), ==, "sign-in");
  g_assert_nonnull (strstr (att_sign_in_view_get_description (view ()), "Helen Carter locked Attendance"));
  /* Helen is chosen already, and the password has the focus. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_selected_row (att_sign_in_view_get_users_list (view ())))), ==,
                   "Helen Carter");
  /* Behind the lock, the pages do not move. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "today");
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "register");

  /* A wrong password keeps it locked. */
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_password_row (view ())), "guess work");
  gtk_widget_activate_action (GTK_WIDGET (view ()), "sign-in.submit", NULL);
  wait_for_check ();
  g_assert_true (att_window_is_locked (window));
  g_assert_cmpstr (att_window_get_state_name (window), ==, "sign-in");

  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_password_row (view ())), ATT_DEMO_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (view ()), "sign-in.submit", NULL);
  wait_for_check ();
  g_assert_false (att_window_is_locked (window));
  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "register");
  g_assert_true (att_window_get_page (window, "register") == GTK_WIDGET (page));
  att_register_page_get_cursor (page, &position, &column);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  g_assert_cmpstr (signed_in_user ()->name, ==, "Helen Carter");
}

/* The window locks once nobody has used it for the school's lock_minutes
 * (10 unless set). */
static void
test_idle_lock (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) tom = att_users_find (check_db, "Tom Ashworth", NULL);
  gint64 now = g_get_monotonic_time ();
  const gint64 minute = 60 * G_USEC_PER_SEC;

  /* 9 minutes unused: open. 10 minutes and a second: locked. */
  g_assert_false (att_window_check_idle (window, now + 9 * minute));
  g_assert_false (att_window_is_locked (window));
  g_assert_true (att_window_check_idle (window, now + 10 * minute + G_USEC_PER_SEC));
  g_assert_true (att_window_is_locked (window));
  sign_in ("Helen Carter", ATT_DEMO_PASSWORD);
  g_assert_false (att_window_is_locked (window));

  /* The administrator makes it 2 minutes: 3 minutes unused lock it. */
  g_assert_true (att_school_set (check_db, tom, "lock_minutes", "2", &error));
  g_assert_no_error (error);
  att_db_poll (att_context_get_db (att_window_get_context (window)));
  now = g_get_monotonic_time ();
  g_assert_false (att_window_check_idle (window, now + 1 * minute));
  g_assert_true (att_window_check_idle (window, now + 3 * minute));
  sign_in ("Helen Carter", ATT_DEMO_PASSWORD);
  g_assert_true (att_school_set (check_db, tom, "lock_minutes", "10", &error));
}

static AttUsersDialog *
find_users_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ATT_IS_USERS_DIALOG (item))
        return ATT_USERS_DIALOG (item);
    }
  return NULL;
}

static AttUsersDialog *
open_users_dialog (void)
{
  AttUsersDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.users", NULL);
  att_test_flush_events ();
  dialog = find_users_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

/* The Users dialog: for those who may manage users; what the signed-in
 * user may not do is disabled and says why. */
static void
test_users_dialog (void)
{
  AttUsersDialog *dialog;
  GtkWidget *button;
  g_autoptr(AttUser) added = NULL;
  g_autoptr(AttUser) julie = NULL;
  g_autoptr(AttUser) sam = NULL;
  gint64 id;

  /* A receptionist may not open it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  att_test_flush_events ();
  sign_in ("Amrit Sandhu", ATT_DEMO_PASSWORD);
  g_assert_cmpstr (signed_in_user ()->name, ==, "Amrit Sandhu");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.users", NULL);
  att_test_flush_events ();
  g_assert_null (find_users_dialog ());

  /* The administrator may add users and deactivate them, but not name
   * the deputy: the button is off and says why, in the core's words. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  att_test_flush_events ();
  sign_in ("Tom Ashworth", ATT_DEMO_PASSWORD);
  dialog = open_users_dialog ();
  button = att_users_dialog_get_row_button (dialog, "Sam Whitfield", "users.deputy");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Tom Ashworth is an administrator and cannot authorise a deputy: ask the headteacher");
  /* Nor deactivate himself. */
  button = att_users_dialog_get_row_button (dialog, "Tom Ashworth", "users.set-active");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "cannot deactivate yourself"));

  /* Adding Nia, a receptionist, with her password. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "users.add", NULL);
  gtk_editable_set_text (GTK_EDITABLE (att_users_dialog_get_entry (dialog, "name")), "Nia Newcomer");
  adw_combo_row_set_selected (ADW_COMBO_ROW (att_users_dialog_get_entry (dialog, "role")), ATT_ROLE_RECEPTIONIST);
  gtk_editable_set_text (GTK_EDITABLE (att_users_dialog_get_entry (dialog, "position")), "Front desk");
  gtk_editable_set_text (GTK_EDITABLE (att_users_dialog_get_entry (dialog, "add-password")), "nias own password");
  gtk_editable_set_text (GTK_EDITABLE (att_users_dialog_get_entry (dialog, "add-confirm")), "nias own password");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "users.add-save", NULL);
  att_test_flush_events ();
  g_assert_cmpstr (att_users_dialog_get_message (dialog), ==, "Added Nia Newcomer");
  added = att_users_find (check_db, "Nia Newcomer", NULL);
  g_assert_nonnull (added);
  g_assert_cmpint (added->role, ==, ATT_ROLE_RECEPTIONIST);
  g_assert_cmpstr (added->position, ==, "Front desk");
  g_assert_nonnull (att_users_dialog_get_row (dialog, "Nia Newcomer"));
  g_clear_pointer (&added, att_user_free);
  added = att_auth_sign_in (check_db, user_id ("Nia Newcomer"), "nias own password", 0, NULL);
  g_assert_nonnull (added);

  /* The add page's sliding away ends first: libadwaita 1.2 cannot
   * present a subpage while another is still closing. */
  wait_for_transition ();

  /* Resetting Julie's password (her wait after five wrong ones ends). */
  id = user_id ("Julie Price");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "users.reset-password", "x", id);
  gtk_editable_set_text (GTK_EDITABLE (att_users_dialog_get_entry (dialog, "password")), "julies new one");
  gtk_editable_set_text (GTK_EDITABLE (att_users_dialog_get_entry (dialog, "confirm")), "julies new one");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "users.password-save", NULL);
  att_test_flush_events ();
  g_assert_cmpint (att_auth_delay_remaining (check_db, id, g_get_real_time () / G_USEC_PER_SEC), ==, 0);
  julie = att_auth_sign_in (check_db, id, "julies new one", g_get_real_time () / G_USEC_PER_SEC, NULL);
  g_assert_nonnull (julie);

  /* Deactivating Julie: her row says so, and the sign-in lists her no
   * more. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "users.set-active", "(xb)", id, FALSE);
  att_test_flush_events ();
  g_clear_pointer (&julie, att_user_free);
  julie = att_users_find (check_db, "Julie Price", NULL);
  g_assert_true (julie->deactivated);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (att_users_dialog_get_row (dialog, "Julie Price"))),
                            "deactivated"));

  /* Locked with the dialog open: the dialog is hidden with the window,
   * and comes back when the window opens again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  att_test_flush_events ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  sign_in ("Tom Ashworth", ATT_DEMO_PASSWORD);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  att_test_flush_events ();

  /* The headteacher names Sam deputy. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  att_test_flush_events ();
  {
    GtkListBox *list = att_sign_in_view_get_users_list (view ());
    GtkListBoxRow *row;

    for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), !=, "Julie Price");
  }
  sign_in ("Helen Carter", ATT_DEMO_PASSWORD);
  dialog = open_users_dialog ();
  button = att_users_dialog_get_row_button (dialog, "Sam Whitfield", "users.deputy");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "Authorise"));
  g_signal_emit_by_name (button, "clicked");
  att_test_flush_events ();
  sam = att_users_find (check_db, "Sam Whitfield", NULL);
  g_assert_true (sam->deputy);
  gtk_window_destroy (GTK_WINDOW (dialog));
  att_test_flush_events ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) empty = NULL;
  int result;

  att_test_widget_init (&argc, &argv, TODAY_TEXT);
  tmp_dir = g_dir_make_tmp ("attendance-sign-in-XXXXXX", &error);
  g_assert_no_error (error);
  empty_path = g_build_filename (tmp_dir, "empty.db", NULL);
  empty = att_db_create (empty_path, &error);
  g_assert_no_error (error);
  g_clear_object (&empty);
  demo_path = att_test_demo_create (tmp_dir, "demo.db", 40, 1, 7, att_date_from_ymd (2026, 11, 20));
  check_db = att_db_open (demo_path, &error);
  g_assert_no_error (error);
  window = att_test_open_window (empty_path, &app);

  g_test_add_func ("/sign-in/first-run", test_first_run);
  g_test_add_func ("/sign-in/sign-in", test_sign_in);
  g_test_add_func ("/sign-in/lock", test_lock);
  g_test_add_func ("/sign-in/idle-lock", test_idle_lock);
  g_test_add_func ("/sign-in/users-dialog", test_users_dialog);

  result = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_clear_object (&app);
  g_clear_object (&check_db);
  att_test_remove_dir (tmp_dir);
  g_free (empty_path);
  g_free (demo_path);
  g_free (tmp_dir);

  return result;
}
