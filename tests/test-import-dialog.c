/* test-import-dialog.c: the Import window, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: Adam Admin, an administrator, the autumn and spring terms of
 * 2024-25. Today is Monday 3 March 2025. The files are exports of another
 * system: their own column names, dates written day first.
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-import-dialog-private.h"
#include "att-test-keys.h"
#include "att-test-util.h"

void attendance_register_resource (void);

#define UPN_1 "E383210413001"
#define UPN_2 "U383210413002"
#define UPN_3 "H383210413003"

/* "Started" is no export's name for the admission date: not guessed. */
#define HEADER "UPN,Legal Surname,Legal Forename,DOB,Gender,NC Year,Reg Group,Started\n"
#define AMINA UPN_1 ",Khan,Amina,03/04/2015,F,4,4K,02/09/2024\n"
#define BEN UPN_2 ",Smith,Ben,14/11/2015,M,4,4K,02/09/2024\n"
#define CARA UPN_3 ",Jones,Cara,14/12/2015,F,4,4J,02/09/2024\n"

static AttTestDb *t;
static AttUser   *admin;

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (t->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
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

static AttContext *
new_context (void)
{
  AttContext *context = att_context_new (NULL);

  att_context_set_db (context, t->db);
  att_context_set_user (context, admin);
  return context;
}

static AttImportDialog *
open_dialog (AttContext *context,
             const char *path)
{
  AttImportDialog *dialog = att_import_dialog_new (NULL, context, ATT_IMPORT_PUPILS);

  gtk_window_present (GTK_WINDOW (dialog));
  /* Until the window is on the screen, where a popover can be placed. */
  att_test_wait (300);
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
  g_assert_cmpstr (att_import_dialog_get_step (dialog), ==, "file");
  /* What the file chooser gives. */
  att_import_dialog_set_file (dialog, path);
  att_test_flush_events ();
  g_assert_cmpstr (att_import_dialog_get_step (dialog), ==, "map");
  return dialog;
}

/* Presses @key on @widget, focused first, as a person would. */
static void
press_on (AttImportDialog *dialog,
          GtkWidget       *widget,
          guint            key)
{
  gtk_widget_grab_focus (widget);
  g_assert_true (gtk_widget_has_focus (widget) || gtk_widget_get_focus_child (widget) != NULL);
  /* The page scrolls to what has the keyboard. */
  att_test_wait (200);
  att_test_press_key (GTK_WINDOW (dialog), key, 0);
  att_test_flush_events ();
}

static void
press_next (AttImportDialog *dialog)
{
  GtkWidget *next = att_import_dialog_get_next_button (dialog);

  g_assert_true (gtk_widget_get_visible (next));
  g_assert_true (gtk_widget_is_sensitive (next));
  press_on (dialog, next, GDK_KEY_Return);
}

static void
wait_for_import (AttImportDialog *dialog)
{
  while (att_import_dialog_is_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

/* The label among @widget's descendants showing @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_list_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* A file of another system: the columns guessed but one, chosen by
 * keyboard; a row with a day February does not have marked in the
 * preview; the file corrected and checked again; imported. */
static void
test_map_preview_import (void)
{
  g_autoptr(AttContext) context = new_context ();
  g_autofree char *path = write_file ("sims.csv",
                                      HEADER AMINA
                                      UPN_2 ",Smith,Ben,31/02/2015,M,4,4K,02/09/2024\n"
                                      CARA);
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(AttImportMapping) remembered = NULL;
  AttImportDialog *dialog = open_dialog (context, path);
  AdwComboRow *admission = att_import_dialog_get_column_row (dialog, "admission_date");
  AttImportReport *report;
  GtkWidget *cell;
  AttPupil *amina;

  /* Guessed: positions in the list of the file's columns, after "(Not in
   * the file)": UPN 1, Legal Surname 2, ..., Reg Group 7, Started 8. */
  g_assert_cmpuint (adw_combo_row_get_selected (att_import_dialog_get_column_row (dialog, "upn")), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (att_import_dialog_get_column_row (dialog, "surname")), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (att_import_dialog_get_column_row (dialog, "dob")), ==, 4);
  g_assert_cmpuint (adw_combo_row_get_selected (att_import_dialog_get_column_row (dialog, "sex")), ==, 5);
  g_assert_cmpuint (adw_combo_row_get_selected (att_import_dialog_get_column_row (dialog, "reg_group")), ==, 7);
  g_assert_cmpuint (adw_combo_row_get_selected (admission), ==, 0);
  /* Each row is named for a screen reader by its title. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (admission)), ==, "Admission date");

  /* The admission date by keyboard: Enter opens the list of the file's
   * columns, with the keyboard in it; Enter on "Started", the last,
   * chooses it. (Which item the keyboard is on when the list opens
   * depends on where Xvfb's pointer happens to be, since the list follows
   * the pointer: the item is activated as Enter on it does.) */
  press_on (dialog, GTK_WIDGET (admission), GDK_KEY_Return);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));
    GtkWidget *list = focus;

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (admission)));
    while (list != NULL && !GTK_IS_LIST_VIEW (list))
      list = gtk_widget_get_parent (list);
    g_assert_nonnull (list);
    g_assert_true (gtk_widget_get_mapped (list));
    /* Enter on an item selects it, then activates it. */
    gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)), 8, TRUE);
    g_signal_emit_by_name (list, "activate", 8);
    att_test_flush_events ();
    g_assert_false (gtk_widget_get_mapped (list));
  }
  g_assert_cmpuint (adw_combo_row_get_selected (admission), ==, 8);

  /* The preview: Ben's row (row 3) has a date that is not one. */
  press_next (dialog);
  g_assert_cmpstr (att_import_dialog_get_step (dialog), ==, "preview");
  report = att_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (count_list_rows (att_import_dialog_get_problem_list (dialog)), ==, 1);
  cell = find_label (GTK_WIDGET (att_import_dialog_get_preview_view (dialog)), "31/02/2015");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==,
                   "row 3, dob: “31/02/2015” is not a date: February 2015 has 28 days");
  /* Amina's cells are not marked. */
  cell = find_label (GTK_WIDGET (att_import_dialog_get_preview_view (dialog)), "03/04/2015");
  g_assert_nonnull (cell);
  g_assert_false (gtk_widget_has_css_class (cell, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (cell));
  /* Nothing can be imported yet, and the button says why. */
  g_assert_false (gtk_widget_is_sensitive (att_import_dialog_get_next_button (dialog)));
  g_assert_nonnull (gtk_widget_get_tooltip_text (att_import_dialog_get_next_button (dialog)));
  g_assert_cmpint (count_rows ("SELECT count(*) FROM pupils"), ==, 0);

  /* The file corrected in the spreadsheet and saved, then checked again. */
  g_free (write_file ("sims.csv", HEADER AMINA BEN CARA));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check-again", NULL);
  att_test_flush_events ();
  report = att_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->added, ==, 3);

  /* Imported on its thread; the summary says what it did. */
  press_next (dialog);
  wait_for_import (dialog);
  g_assert_cmpstr (att_import_dialog_get_step (dialog), ==, "summary");
  g_assert_cmpstr (adw_status_page_get_title (att_import_dialog_get_summary_page (dialog)), ==, "Imported");
  g_assert_cmpstr (adw_status_page_get_description (att_import_dialog_get_summary_page (dialog)), ==,
                   "3 rows: 3 added, 0 updated, 0 unchanged");
  g_assert_cmpint (count_rows ("SELECT count(*) FROM pupils"), ==, 3);
  amina = att_pupils_find (t->db, UPN_1);
  g_assert_nonnull (amina);
  g_assert_cmpint (amina->dob, ==, D (2015, 4, 3));
  g_assert_cmpint (amina->admission, ==, D (2024, 9, 2));
  g_assert_cmpstr (amina->reg_group, ==, "4K");

  /* The columns confirmed are remembered for this shape of file. */
  headers = att_import_read_headers (path, NULL);
  remembered = att_import_mapping_recall (t->db, ATT_IMPORT_PUPILS, headers, NULL);
  g_assert_nonnull (remembered);
  g_assert_cmpstr (att_import_mapping_get (remembered, "admission_date"), ==, "Started");

  press_next (dialog);
  att_test_flush_events ();
}

/* Next week's file, listing the whole roll but Ben: the remembered
 * columns are offered, and Ben leaves on the date given. */
static void
test_reimport_leaver (void)
{
  g_autoptr(AttContext) context = new_context ();
  g_autofree char *path = write_file ("week2.csv", HEADER AMINA CARA);
  AttImportDialog *dialog = open_dialog (context, path);
  AttImportReport *report;

  /* "Started" comes back from the last import of this shape. */
  g_assert_cmpuint (adw_combo_row_get_selected (att_import_dialog_get_column_row (dialog, "admission_date")), ==, 8);

  /* Space turns the switch on; the date is typed day first. */
  press_on (dialog, GTK_WIDGET (att_import_dialog_get_roll_switch (dialog)), GDK_KEY_space);
  g_assert_true (gtk_switch_get_active (att_import_dialog_get_roll_switch (dialog)));
  gtk_editable_set_text (GTK_EDITABLE (att_import_dialog_get_leaving_row (dialog)), "28/02/2025");

  press_next (dialog);
  report = att_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->problems->len, ==, 0);
  /* Amina and Cara as they were; Ben leaves. */
  g_assert_cmpuint (report->unchanged, ==, 2);
  g_assert_cmpuint (report->left, ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (att_import_dialog_get_problem_list (dialog)),
                                "Ben Smith (UPN " UPN_2 ") is not in the file: leaves on 2025-02-28"));

  press_next (dialog);
  wait_for_import (dialog);
  g_assert_cmpstr (adw_status_page_get_description (att_import_dialog_get_summary_page (dialog)), ==,
                   "2 rows: 0 added, 0 updated, 2 unchanged, 1 left");
  g_assert_cmpint (count_rows ("SELECT count(*) FROM pupils"), ==, 3);
  g_assert_cmpint (att_pupils_find (t->db, UPN_2)->leaving, ==, D (2025, 2, 28));
  g_assert_cmpint (att_pupils_find (t->db, UPN_1)->leaving, ==, ATT_DATE_NONE);
  press_next (dialog);
}

/* Cancelled while importing: nothing is written. */
static void
test_cancel_writes_nothing (void)
{
  g_autoptr(AttContext) context = new_context ();
  g_autoptr(GString) text = g_string_new ("upn,surname,forename,dob,sex,year_group,reg_group,admission_date\n");
  g_autofree char *path = NULL;
  AttImportDialog *dialog;
  int pupils = count_rows ("SELECT count(*) FROM pupils");
  int audit = count_rows ("SELECT count(*) FROM audit_log");

  /* 1,500 new pupils: far more than the import writes before the cancel
   * that follows its start at once. */
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *rest = g_strdup_printf ("4832104%05u", i);

      g_string_append_printf (text, "%c%s,Pupil,Number%u,03/04/2015,F,4,4K,02/09/2024\n",
                              att_upn_check_letter (rest), rest, i);
    }
  path = write_file ("many.csv", text->str);
  dialog = open_dialog (context, path);
  press_next (dialog);
  g_assert_cmpuint (att_import_dialog_get_report (dialog)->added, ==, 1500);

  /* Import, then at once Cancel, which has the keyboard once the import
   * starts: their buttons' actions, without the moment a key shows a
   * button pressed, in which the thread would import them all. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (att_import_dialog_get_next_button (dialog))),
                   ==, "import.next");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  g_assert_true (att_import_dialog_is_busy (dialog));
  g_assert_cmpstr (att_import_dialog_get_step (dialog), ==, "progress");
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog)))), ==, "_Cancel");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (gtk_root_get_focus (GTK_ROOT (dialog)))),
                   ==, "import.cancel");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  wait_for_import (dialog);

  g_assert_cmpstr (adw_status_page_get_title (att_import_dialog_get_summary_page (dialog)), ==,
                   "Import Cancelled");
  att_db_poll (t->db);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM pupils"), ==, pupils);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM audit_log"), ==, audit);
  press_next (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2025-03-03", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  t = att_test_db_new ();
  admin = att_test_add_user (t->db, "Adam Admin", ATT_ROLE_ADMIN, "Data Manager");
  att_test_add_term (t->db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  att_test_add_term (t->db, "Spring 2025", D (2025, 1, 6), D (2025, 4, 4));

  /* In order: each builds on the school the one before left. */
  g_test_add_func ("/import-dialog/map-preview-import", test_map_preview_import);
  g_test_add_func ("/import-dialog/reimport-leaver", test_reimport_leaver);
  g_test_add_func ("/import-dialog/cancel-writes-nothing", test_cancel_writes_nothing);

  result = g_test_run ();

  att_user_free (admin);
  att_test_db_free (t);
  return result;
}
