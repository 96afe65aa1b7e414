/* test-backups-dialog.c: the Backups dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: Riverside Primary, URN 123456, with Adam Admin, an
 * administrator, and Rita Reception, a receptionist. Today is Friday 20
 * December 2024.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-backups-dialog-private.h"
#include "att-test-util.h"

void attendance_register_resource (void);

static AttTestDb *t;
static AttUser   *admin;
static AttUser   *reception;

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static void
wait_idle (AttBackupsDialog *dialog)
{
  while (att_backups_dialog_is_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

static AttContext *
new_context (const AttUser *user)
{
  AttContext *context = att_context_new (NULL);

  att_context_set_db (context, t->db);
  att_context_set_user (context, user);
  return context;
}

/* Back Up Now makes a backup anyone may make; the folder, the rotation
 * and restoring are an administrator's, and say so to others. */
static void
test_back_up_and_rights (void)
{
  g_autoptr(AttContext) context = new_context (reception);
  g_autoptr(AttBackupSettings) settings = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *expected_folder = g_strdup_printf ("%s (beside the database)", folder);
  AttBackupsDialog *dialog = att_backups_dialog_new (NULL, context);
  GtkListBoxRow *row;
  const char *tooltip;

  gtk_window_present (GTK_WINDOW (dialog));
  att_test_flush_events ();

  g_assert_cmpstr (att_backups_dialog_get_folder_text (dialog), ==, expected_folder);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (att_backups_dialog_get_days_spin (dialog)), ==, 14);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (att_backups_dialog_get_months_spin (dialog)), ==, 12);
  g_assert_cmpuint (count_rows (att_backups_dialog_get_list (dialog)), ==, 0);

  /* A receptionist: Back Up Now, and nothing else. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (att_backups_dialog_get_days_spin (dialog))) == FALSE);
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (att_backups_dialog_get_days_spin (dialog)));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "Rita Reception"));
  g_assert_nonnull (strstr (tooltip, "cannot change the backup settings or restore a backup"));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.back-up-now", NULL);
  g_assert_true (att_backups_dialog_is_busy (dialog));
  wait_idle (dialog);
  g_assert_nonnull (att_backups_dialog_get_last_message (dialog));
  g_assert_true (g_str_has_prefix (att_backups_dialog_get_last_message (dialog), "Backed up to test-2024-12-20-"));
  g_assert_cmpuint (count_rows (att_backups_dialog_get_list (dialog)), ==, 1);

  /* The row says when, and its Restore button why it is disabled. */
  row = gtk_list_box_get_row_at_index (att_backups_dialog_get_list (dialog), 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Fri 20 Dec 2024, "));

  /* Restore is not allowed: activating it does nothing. */
  {
    g_autoptr(GPtrArray) list = att_backup_list (folder, t->path, NULL);

    g_assert_cmpuint (list->len, ==, 1);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", "s",
                                ((AttBackup *)g_ptr_array_index (list, 0))->path);
    att_test_flush_events ();
    g_assert_null (att_backups_dialog_get_confirmation (dialog));
  }

  /* The administrator: everything, and a change of the rotation saved. */
  att_context_set_user (context, admin);
  att_test_flush_events ();
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (att_backups_dialog_get_days_spin (dialog))));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (att_backups_dialog_get_days_spin (dialog))));
  gtk_spin_button_set_value (att_backups_dialog_get_days_spin (dialog), 7);
  gtk_spin_button_set_value (att_backups_dialog_get_months_spin (dialog), 6);
  att_backups_dialog_save_settings (dialog);
  settings = att_backup_settings_load (t->db);
  g_assert_cmpuint (settings->keep_days, ==, 7);
  g_assert_cmpuint (settings->keep_months, ==, 6);
  g_clear_pointer (&settings, att_backup_settings_free);

  /* Back to the defaults for the next test. */
  gtk_spin_button_set_value (att_backups_dialog_get_days_spin (dialog), 14);
  gtk_spin_button_set_value (att_backups_dialog_get_months_spin (dialog), 12);
  gtk_window_close (GTK_WINDOW (dialog));
  att_test_flush_events ();
  settings = att_backup_settings_load (t->db);
  g_assert_cmpuint (settings->keep_days, ==, 14);
}

static void
on_restored (AttBackupsDialog *dialog,
             const char       *backup,
             const char       *kept,
             char            **out)
{
  *out = g_strdup (kept);
}

/* Restore asks first, naming the school and the file it replaces, then
 * keeps a copy of what it replaced, says so, and closes. */
static void
test_restore (void)
{
  g_autoptr(AttContext) context = new_context (admin);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *la = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AttBackupsDialog *dialog;
  AdwMessageDialog *confirmation;
  const char *body;

  g_assert_true (att_school_set (t->db, admin, "la", "Kent", &error));
  backup = att_backup_now (t->db, admin, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (att_school_set (t->db, admin, "la", "Medway", &error));

  dialog = att_backups_dialog_new (NULL, context);
  g_object_ref (dialog);

  /* Another school's backup is refused before anything is asked, naming
   * both schools. */
  {
    g_autoptr(AttTestDb) other = att_test_db_new ();
    g_autofree char *theirs = NULL;

    g_assert_true (att_school_set (other->db, att_user_system (), "name", "Hillside Academy", &error));
    g_assert_true (att_school_set (other->db, att_user_system (), "urn", "654321", &error));
    theirs = att_backup_make (other->path, other->dir, ATT_BACKUP_REGULAR, 0, 0, &error);
    g_assert_no_error (error);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", "s", theirs);
    g_assert_null (att_backups_dialog_get_confirmation (dialog));
    g_assert_nonnull (strstr (att_backups_dialog_get_last_message (dialog),
                              "Hillside Academy (URN 654321)"));
    g_assert_nonnull (strstr (att_backups_dialog_get_last_message (dialog),
                              "Riverside Primary (URN 123456)"));
  }

  g_signal_connect (dialog, "restored", G_CALLBACK (on_restored), &kept);
  gtk_window_present (GTK_WINDOW (dialog));
  att_test_flush_events ();
  /* The one made by the first test and this one. */
  g_assert_cmpuint (count_rows (att_backups_dialog_get_list (dialog)), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", "s", backup);
  confirmation = att_backups_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  body = adw_message_dialog_get_body (confirmation);
  g_assert_nonnull (strstr (body, "Riverside Primary (URN 123456)"));
  g_assert_nonnull (strstr (body, t->path));
  g_assert_nonnull (strstr (body, "Fri 20 Dec 2024, "));
  g_assert_nonnull (strstr (body, folder));

  /* Cancel changes nothing. */
  adw_message_dialog_response (confirmation, "cancel");
  att_test_flush_events ();
  g_assert_null (att_backups_dialog_get_confirmation (dialog));
  g_assert_false (att_backups_dialog_is_busy (dialog));
  la = att_school_get (t->db, "la");
  g_assert_cmpstr (la, ==, "Medway");
  g_clear_pointer (&la, g_free);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", "s", backup);
  adw_message_dialog_response (att_backups_dialog_get_confirmation (dialog), "restore");
  wait_idle (dialog);

  g_assert_nonnull (kept);
  g_assert_true (g_str_has_suffix (kept, "-before-restore.db"));
  la = att_school_get (t->db, "la");
  g_assert_cmpstr (la, ==, "Kent");
  list = att_backup_list (folder, t->path, NULL);
  g_assert_cmpuint (list->len, ==, 3);

  /* Closed after the restore, and gone. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-12-20", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  t = att_test_db_new ();
  admin = att_test_add_user (t->db, "Adam Admin", ATT_ROLE_ADMIN, "Data Manager");
  reception = att_test_add_user (t->db, "Rita Reception", ATT_ROLE_RECEPTIONIST, "");
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (att_school_set (t->db, admin, "name", "Riverside Primary", &error));
    g_assert_true (att_school_set (t->db, admin, "urn", "123456", &error));
  }

  g_test_add_func ("/backups-dialog/back-up-and-rights", test_back_up_and_rights);
  g_test_add_func ("/backups-dialog/restore", test_restore);

  result = g_test_run ();

  att_user_free (admin);
  att_user_free (reception);
  att_test_db_free (t);
  return result;
}
