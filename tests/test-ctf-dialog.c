/* test-ctf-dialog.c: a Common Transfer File imported in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school is empty but for Adam Admin, an administrator. Today is
 * Monday 1 September 2025. The file is tests/data/ctf/ctf25-two-pupils.xml
 * (made up): Amelia Thornbury, known as Millie, whose marks string from
 * Monday 2 September 2024 holds the two-character code C1, and Kacper
 * Nowak.
 */
#include "config.h"

#include <string.h>

#include "att-ctf-dialog.h"
#include "att-db-private.h"
#include "att-previous-attendance.h"
#include "att-pupil-view.h"
#include "att-test-keys.h"
#include "att-test-util.h"

void attendance_register_resource (void);

#define UPN_AMELIA "A999200114001"

static AttTestDb *t;
static AttUser   *admin;

static AttContext *
new_context (void)
{
  AttContext *context = att_context_new (NULL);

  att_context_set_db (context, t->db);
  att_context_set_user (context, admin);
  return context;
}

static void
wait_idle (AttCtfDialog *dialog)
{
  while (att_ctf_dialog_is_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

static int
count_rows (const char *sql)
{
  sqlite3_stmt *stmt = att_db_prepare (t->db, sql, NULL);
  int n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static AttCtfDialog *
open_fixture (AttContext *context)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ctf", "ctf25-two-pupils.xml", NULL);
  AttCtfDialog *dialog = att_ctf_dialog_new (NULL, context);

  gtk_window_present (GTK_WINDOW (dialog));
  att_test_flush_events ();
  g_assert_null (att_ctf_dialog_get_plan (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "ctf.open", "s", path);
  g_assert_true (att_ctf_dialog_is_busy (dialog));
  wait_idle (dialog);
  g_assert_nonnull (att_ctf_dialog_get_plan (dialog));
  return dialog;
}

/* Escape closes the dialog with the plan read and nothing written. */
static void
test_cancel_writes_nothing (void)
{
  g_autoptr(AttContext) context = new_context ();
  AttCtfDialog *dialog = open_fixture (context);
  int audit = count_rows ("SELECT count(*) FROM audit_log");

  g_object_ref (dialog);
  att_test_press_key (GTK_WINDOW (dialog), GDK_KEY_Escape, 0);
  att_test_flush_events ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM pupils"), ==, 0);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM previous_attendance"), ==, 0);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_finalize_object (dialog);
}

static void
test_import_and_previous_attendance (void)
{
  g_autoptr(AttContext) context = new_context ();
  AttCtfDialog *dialog = open_fixture (context);
  AttCtfPlan *plan = att_ctf_dialog_get_plan (dialog);
  AdwEntryRow *admission = att_ctf_dialog_get_admission_row (dialog);
  GtkWidget *import_button;
  AttPupil *amelia;
  AttPreviousAttendance *previous;
  AttPupilView *view;
  GtkWidget *glance_next;
  const char *subtitle;

  /* What would change is shown before anything is written: 2 new
   * pupils, 3 contacts, 2 school years of past attendance. */
  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_nonnull (strstr (att_ctf_dialog_get_status (dialog),
                            "2 new pupils, 0 with changed details, 0 unchanged; 3 contacts added"));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM pupils"), ==, 0);
  /* The admission date is today's unless changed; the file's own form
   * DD/MM/YYYY is taken too. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (admission)), ==, "2025-09-01");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (
                                          gtk_widget_get_parent (GTK_WIDGET (admission))))));
  gtk_editable_set_text (GTK_EDITABLE (admission), "03/09/2025");

  /* Import, from the keyboard: the button focused and Return pressed. */
  import_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), ATT_TYPE_CTF_DIALOG,
                                                             "import_button"));
  g_assert_true (gtk_widget_is_sensitive (import_button));
  gtk_widget_grab_focus (import_button);
  att_test_press_key (GTK_WINDOW (dialog), GDK_KEY_Return, 0);
  att_test_flush_events ();

  g_assert_nonnull (strstr (att_ctf_dialog_get_status (dialog), "Imported ctf25-two-pupils.xml: 2 new pupils"));
  /* Imported once: the button is off now. */
  g_assert_false (gtk_widget_is_sensitive (import_button));
  amelia = att_pupils_find (t->db, UPN_AMELIA);
  g_assert_nonnull (amelia);
  g_assert_cmpint (amelia->admission, ==, D (2025, 9, 3));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM previous_attendance"), ==, 2);
  /* Never the register. */
  g_assert_cmpint (count_rows ("SELECT count(*) FROM marks"), ==, 0);

  /* Her record shows the previous school's year: the totals the file
   * gave and what the marks count otherwise (C1 is one session: 20
   * possible, 13 attended, where the file says 21 and 14). */
  view = g_object_ref_sink (g_object_new (ATT_TYPE_PUPIL_VIEW, NULL));
  att_pupil_view_show (view, t->db, amelia->id, D (2025, 9, 1));
  glance_next = gtk_widget_get_next_sibling (GTK_WIDGET (att_pupil_view_get_year_glance (view)));
  g_assert_true (ATT_IS_PREVIOUS_ATTENDANCE (glance_next));
  previous = ATT_PREVIOUS_ATTENDANCE (glance_next);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (previous)));
  g_assert_cmpuint (att_previous_attendance_get_n_years (previous), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (att_previous_attendance_get_row (previous, 0))),
                   ==, "Brookfield Primary School, 2024/25");
  subtitle = adw_action_row_get_subtitle (att_previous_attendance_get_row (previous, 0));
  g_assert_nonnull (strstr (subtitle, "From Mon 2 Sep 2024: possible 21, attended 14 (66.7%), authorised 5, unauthorised 2"));
  g_assert_nonnull (strstr (subtitle, "possible: 21 in the file, 20 counted from the marks (-1)"));
  g_assert_nonnull (strstr (subtitle, "attended: 14 in the file, 13 counted from the marks (-1)"));

  /* Another pupil with none: the list is hidden, not left over. */
  {
    AttPupil *other = att_test_pupil_new ("Nell", "Hurst", 6, "6H", D (2014, 5, 5), D (2025, 9, 1));
    gint64 id = att_test_save_pupil (t->db, other);

    att_pupil_view_show (view, t->db, id, D (2025, 9, 1));
    g_assert_cmpuint (att_previous_attendance_get_n_years (previous), ==, 0);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (previous)));
  }
  g_object_unref (view);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "ctf.cancel", NULL);
  att_test_flush_events ();
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2025-09-01", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  t = att_test_db_new ();
  admin = att_test_add_user (t->db, "Adam Admin", ATT_ROLE_ADMIN, "Data Manager");

  g_test_add_func ("/ctf-dialog/cancel-writes-nothing", test_cancel_writes_nothing);
  g_test_add_func ("/ctf-dialog/import-and-previous-attendance", test_import_and_previous_attendance);

  result = g_test_run ();
  att_user_free (admin);
  att_test_db_free (t);
  return result;
}
