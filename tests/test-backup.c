/* test-backup.c: backups, their rotation, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

#include "att-test-util.h"
#include "att-db-private.h"

static AttBackup *
dated (int         y,
       int         m,
       int         d,
       int         seconds,
       const char *label)
{
  AttBackup *backup = g_new0 (AttBackup, 1);

  backup->name = g_strdup (label);
  backup->path = g_strdup (label);
  backup->date = D (y, m, d);
  backup->seconds = seconds;
  return backup;
}

static gboolean
pruned_has (GPtrArray  *pruned,
            const char *label)
{
  for (guint i = 0; i < pruned->len; i++)
    if (strcmp (((AttBackup *)g_ptr_array_index (pruned, i))->name, label) == 0)
      return TRUE;
  return FALSE;
}

/* Rotation worked by hand on Wednesday 20 March 2024, keeping 14 days
 * and 12 months:
 *   the days kept are 7 to 20 March (20 - 14 = 6 is the first day out);
 *   the months kept are April 2023 to March 2024, the first backup of
 *   each.
 * today     20 Mar 2024           kept (a day kept)
 * day13     7 Mar 2024            kept (a day kept: 13 days ago)
 * day14     6 Mar 2024            pruned (14 days ago; not March's first)
 * mar-am    1 Mar 2024 08:00      kept (March's first)
 * mar-pm    1 Mar 2024 17:00      pruned (March's second)
 * feb-10    10 Feb 2024           kept (February's first)
 * feb-20    20 Feb 2024           pruned
 * apr-23    5 Apr 2023            kept (11 months back: the 12th month)
 * mar-23    15 Mar 2023           pruned (12 months back)
 * dec-22    1 Dec 2022            pruned
 * so 5 of 10 are pruned. */
static void
test_rotation (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)att_backup_free);
  g_autoptr(GPtrArray) pruned = NULL;
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func ((GDestroyNotify)att_backup_free);

  /* In no particular order. */
  g_ptr_array_add (list, dated (2024, 2, 20, 0, "feb-20"));
  g_ptr_array_add (list, dated (2024, 3, 20, 9 * 3600, "today"));
  g_ptr_array_add (list, dated (2023, 3, 15, 0, "mar-23"));
  g_ptr_array_add (list, dated (2024, 3, 7, 0, "day13"));
  g_ptr_array_add (list, dated (2024, 3, 1, 17 * 3600, "mar-pm"));
  g_ptr_array_add (list, dated (2024, 3, 6, 0, "day14"));
  g_ptr_array_add (list, dated (2022, 12, 1, 0, "dec-22"));
  g_ptr_array_add (list, dated (2024, 3, 1, 8 * 3600, "mar-am"));
  g_ptr_array_add (list, dated (2023, 4, 5, 0, "apr-23"));
  g_ptr_array_add (list, dated (2024, 2, 10, 0, "feb-10"));

  pruned = att_backup_rotation_prune (list, D (2024, 3, 20), 14, 12);
  g_assert_cmpuint (pruned->len, ==, 5);
  g_assert_true (pruned_has (pruned, "day14"));
  g_assert_true (pruned_has (pruned, "mar-pm"));
  g_assert_true (pruned_has (pruned, "feb-20"));
  g_assert_true (pruned_has (pruned, "mar-23"));
  g_assert_true (pruned_has (pruned, "dec-22"));
  g_clear_pointer (&pruned, g_ptr_array_unref);

  /* Keeping 1 day and no months on 20 March leaves today's only. */
  pruned = att_backup_rotation_prune (list, D (2024, 3, 20), 1, 0);
  g_assert_cmpuint (pruned->len, ==, 9);
  g_assert_false (pruned_has (pruned, "today"));
  g_clear_pointer (&pruned, g_ptr_array_unref);

  /* The newest backup is never removed, however old: a school back
   * after a long closure (1 day, no months, on 1 September 2024) keeps
   * its 10 and 1 February 2024 backups' newer one. */
  g_ptr_array_add (old, dated (2024, 2, 1, 0, "older"));
  g_ptr_array_add (old, dated (2024, 2, 10, 0, "newest"));
  pruned = att_backup_rotation_prune (old, D (2024, 9, 1), 1, 0);
  g_assert_cmpuint (pruned->len, ==, 1);
  g_assert_true (pruned_has (pruned, "older"));
}

static void
put (AttDb      *db,
     const char *key,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (att_school_set (db, att_user_system (), key, value, &error));
  g_assert_no_error (error);
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* A backup is named after the database and the day, is readable by its
 * owner only in a folder that is too, reads back as the school, and
 * counts as the day's backup. */
static void
test_make (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttBackupSettings) settings = NULL;
  g_autoptr(AttUser) reception = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL, *urn = NULL;
  AttBackup *backup;

  put (t->db, "name", "Riverside Primary");
  put (t->db, "urn", "123456");
  reception = att_test_add_user (t->db, "Rita", ATT_ROLE_RECEPTIONIST, "");

  settings = att_backup_settings_load (t->db);
  g_assert_cmpstr (settings->folder, ==, folder);
  g_assert_true (settings->folder_is_default);
  g_assert_cmpuint (settings->keep_days, ==, 14);
  g_assert_cmpuint (settings->keep_months, ==, 12);
  g_assert_true (att_backup_due (settings, t->path, D (2024, 9, 2)));

  /* Anyone may make a backup: a receptionist too. */
  path = att_backup_now (t->db, reception, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  base = g_path_get_basename (path);
  /* test.db on 2 September 2024 (ATTENDANCE_TODAY): test-2024-09-02-HHMMSS.db */
  g_assert_true (g_str_has_prefix (base, "test-2024-09-02-"));
  g_assert_true (g_str_has_suffix (base, ".db"));
  g_assert_cmpuint (strlen (base), ==, strlen ("test-2024-09-02-083000.db"));
  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_cmpint (file_mode (folder), ==, 0700);

  g_assert_true (att_backup_verify (path, &name, &urn, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Riverside Primary");
  g_assert_cmpstr (urn, ==, "123456");

  list = att_backup_list (folder, t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  backup = g_ptr_array_index (list, 0);
  g_assert_cmpint (backup->date, ==, D (2024, 9, 2));
  g_assert_cmpint (backup->kind, ==, ATT_BACKUP_REGULAR);
  g_assert_cmpint (backup->size, >, 0);
  g_assert_false (att_backup_due (settings, t->path, D (2024, 9, 2)));
  g_assert_true (att_backup_due (settings, t->path, D (2024, 9, 3)));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Making a backup rotates the folder's backups of this database, and
 * never touches another file. */
static void
test_make_rotates (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  const char *old_names[] = {
    "test-2024-08-01-090000.db",   /* August's first: kept (12 months) */
    "test-2024-08-05-090000.db",   /* August's second, 28 days ago: pruned */
    "test-2023-08-01-090000.db",   /* 13 months back: pruned */
    "test-2024-08-25-090000-before-update.db",  /* 8 days ago: kept */
  };
  const char *others[] = { "notes.txt", "other-2023-01-01-090000.db", "test-2023-01-01.db",
                           ".test-2024-09-02-090000.db.Fresh1" };
  g_autofree char *leftover = g_build_filename (folder, ".test-2024-08-30-090000.db.AbC123", NULL);
  struct utimbuf two_days_ago;

  put (t->db, "name", "Riverside Primary");
  first = att_backup_now (t->db, att_user_system (), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (old_names); i++)
    {
      g_autofree char *path = g_build_filename (folder, old_names[i], NULL);
      copy_file (first, path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);
      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
    }

  /* What a backup killed half way left two days ago goes; one being
   * written now (Fresh1, among the others) stays. */
  g_assert_true (g_file_set_contents (leftover, "half", -1, NULL));
  two_days_ago.actime = two_days_ago.modtime = time (NULL) - 2 * 24 * 3600;
  g_assert_cmpint (utime (leftover, &two_days_ago), ==, 0);

  /* On 2 September 2024, with 14 days and 12 months: the two made today,
   * 25 August, and 1 August stay; 5 August 2024 and 1 August 2023 go. */
  second = att_backup_now (t->db, att_user_system (), NULL, &error);
  g_assert_no_error (error);
  list = att_backup_list (folder, t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((AttBackup *)g_ptr_array_index (list, 0))->path, ==, second);
  g_assert_cmpstr (((AttBackup *)g_ptr_array_index (list, 1))->path, ==, first);
  g_assert_cmpstr (((AttBackup *)g_ptr_array_index (list, 2))->name, ==,
                   "test-2024-08-25-090000-before-update.db");
  g_assert_cmpint (((AttBackup *)g_ptr_array_index (list, 2))->kind, ==, ATT_BACKUP_BEFORE_UPDATE);
  g_assert_cmpstr (((AttBackup *)g_ptr_array_index (list, 3))->name, ==, "test-2024-08-01-090000.db");
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
}

/* The settings: only an administrator changes them, a folder must be a
 * full path and is made when missing, and the change is audited. */
static void
test_settings (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) head = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttBackupSettings) settings = NULL;
  g_autofree char *usb = g_build_filename (t->dir, "usb", "attendance", NULL);
  sqlite3_stmt *stmt;

  head = att_test_add_user (t->db, "Hana Head", ATT_ROLE_HEADTEACHER, "");
  admin = att_test_add_user (t->db, "Adam Admin", ATT_ROLE_ADMIN, "");

  g_assert_false (att_backup_settings_save (t->db, head, usb, 7, 6, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (att_backup_settings_save (t->db, admin, "backups", 7, 6, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "full path"));
  g_clear_error (&error);
  g_assert_false (att_backup_settings_save (t->db, admin, usb, 0, 6, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* A memory stick that is not plugged in: its folder is not made on
   * the computer's own disk, by the settings or by a backup. */
  g_assert_false (att_backup_settings_save (t->db, admin, usb, 7, 6, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "check that the drive is connected"));
  g_clear_error (&error);
  g_assert_null (att_backup_make (t->path, usb, ATT_BACKUP_REGULAR, 0, 0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (usb, G_FILE_TEST_EXISTS));

  /* Plugged in: the folder on it is made, its owner's only. */
  {
    g_autofree char *stick = g_path_get_dirname (usb);
    g_assert_cmpint (g_mkdir (stick, 0755), ==, 0);
  }
  g_assert_true (att_backup_settings_save (t->db, admin, usb, 7, 6, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (usb, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (file_mode (usb), ==, 0700);
  settings = att_backup_settings_load (t->db);
  g_assert_cmpstr (settings->folder, ==, usb);
  g_assert_false (settings->folder_is_default);
  g_assert_cmpuint (settings->keep_days, ==, 7);
  g_assert_cmpuint (settings->keep_months, ==, 6);

  stmt = att_db_prepare (t->db, "SELECT count(*) FROM audit_log WHERE action = 'school.backup'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  /* An empty folder goes back to the default. */
  g_assert_true (att_backup_settings_save (t->db, admin, "", 14, 12, &error));
  g_clear_pointer (&settings, att_backup_settings_free);
  settings = att_backup_settings_load (t->db);
  g_assert_true (settings->folder_is_default);
}

static char *
setting (AttDb      *db,
         const char *key)
{
  return att_db_get_setting (db, key);
}

/* Restore refuses what is not a sound backup of this school, and changes
 * nothing when it does. */
static void
test_restore_refusals (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttTestDb) other = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttUser) head = NULL;
  g_autofree char *good = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *text = g_build_filename (t->dir, "notes.db", NULL);
  g_autofree char *corrupt = g_build_filename (t->dir, "corrupt.db", NULL);
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  put (t->db, "name", "Riverside Primary");
  put (t->db, "urn", "123456");
  admin = att_test_add_user (t->db, "Adam Admin", ATT_ROLE_ADMIN, "");
  head = att_test_add_user (t->db, "Hana Head", ATT_ROLE_HEADTEACHER, "");
  good = att_backup_now (t->db, admin, NULL, &error);
  g_assert_no_error (error);

  put (other->db, "name", "Hillside Academy");
  put (other->db, "urn", "654321");
  theirs = att_backup_make (other->path, other->dir, ATT_BACKUP_REGULAR, 0, 0, &error);
  g_assert_no_error (error);

  /* Not SQLite at all. */
  g_assert_true (g_file_set_contents (text, "upn,date\nA1,2024-09-02\n", -1, NULL));
  g_assert_false (att_backup_restore (t->path, text, admin, NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a database"));
  g_clear_error (&error);

  /* A backup damaged after it was made: its pages past the first two
   * overwritten. */
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  memset (contents + 2 * 4096, 0x5a, length - 2 * 4096);
  g_assert_true (g_file_set_contents (corrupt, contents, length, NULL));
  g_assert_false (att_backup_restore (t->path, corrupt, admin, NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "integrity check"));
  g_assert_nonnull (strstr (error->message, corrupt));
  g_clear_error (&error);

  /* Another school's: both named, with their URNs, whether asked before
   * a restore or by the restore itself. */
  g_assert_false (att_backup_check_school (t->db, theirs, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_true (att_backup_check_school (t->db, good, &error));
  g_assert_no_error (error);
  g_assert_false (att_backup_restore (t->path, theirs, admin, NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Hillside Academy (URN 654321)"));
  g_assert_nonnull (strstr (error->message, "Riverside Primary (URN 123456)"));
  g_clear_error (&error);

  /* Only an administrator restores: not even the headteacher. */
  g_assert_false (att_backup_restore (t->path, good, head, NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Nothing changed: the school is as it was, and no copy of it was
   * kept, since nothing was replaced (the one backup made above). */
  name = setting (t->db, "name");
  g_assert_cmpstr (name, ==, "Riverside Primary");
  list = att_backup_list (folder, t->path, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

/* A restore keeps a backup of what it replaces, and a connection left
 * open on the database (the window's) reads the restored school. */
static void
test_restore (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *la = NULL;
  g_autofree char *kept_la = NULL;
  g_autoptr(AttDb) kept_db = NULL;
  g_autofree char *kept_copy = NULL;
  sqlite3_stmt *stmt;

  put (t->db, "name", "Riverside Primary");
  put (t->db, "urn", "123456");
  put (t->db, "la", "Kent");
  admin = att_test_add_user (t->db, "Adam Admin", ATT_ROLE_ADMIN, "");
  backup = att_backup_now (t->db, admin, NULL, &error);
  g_assert_no_error (error);

  /* A change after the backup, which the restore takes away, made by
   * an administrator the backup does not know, who then restores it. */
  put (t->db, "la", "Medway");
  g_clear_pointer (&admin, att_user_free);
  admin = att_test_add_user (t->db, "Nia New", ATT_ROLE_ADMIN, "Data Manager");

  g_assert_true (att_backup_restore (t->path, backup, admin, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_suffix (kept, "-before-restore.db"));
  g_assert_cmpint (file_mode (kept), ==, 0600);
  g_assert_cmpint (file_mode (t->path), ==, 0600);

  /* The open connection reads the restored school, which passes the
   * check, and whose log says who restored it. */
  la = setting (t->db, "la");
  g_assert_cmpstr (la, ==, "Kent");
  g_assert_true (att_db_check (t->db, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  stmt = att_db_prepare (t->db, "SELECT count(*) FROM audit_log l JOIN actors a ON a.id = l.actor_id "
                                 "WHERE l.action = 'backup.restore' AND a.name = 'Nia New'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  /* What was replaced is kept, the Medway change with it (opened from a
   * copy, since opening may write). */
  kept_copy = g_build_filename (t->dir, "kept-copy.db", NULL);
  copy_file (kept, kept_copy);
  kept_db = att_db_open (kept_copy, &error);
  g_assert_no_error (error);
  kept_la = setting (kept_db, "la");
  g_assert_cmpstr (kept_la, ==, "Medway");
}

/* A database too damaged to open is replaced by the backup, and what it
 * was is kept as it was on the disk. */
static void
test_restore_damaged (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kept_contents = NULL;

  put (t->db, "name", "Riverside Primary");
  admin = att_test_add_user (t->db, "Adam Admin", ATT_ROLE_ADMIN, "");
  backup = att_backup_now (t->db, admin, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&t->db);

  g_assert_true (g_file_set_contents (t->path, "this is not a database any more", -1, NULL));
  g_assert_true (att_backup_restore (t->path, backup, admin, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (kept, &kept_contents, NULL, NULL));
  g_assert_cmpstr (kept_contents, ==, "this is not a database any more");

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  name = setting (again, "name");
  g_assert_cmpstr (name, ==, "Riverside Primary");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-02", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/rotation", test_rotation);
  g_test_add_func ("/backup/make", test_make);
  g_test_add_func ("/backup/make-rotates", test_make_rotates);
  g_test_add_func ("/backup/settings", test_settings);
  g_test_add_func ("/backup/restore-refusals", test_restore_refusals);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-damaged", test_restore_damaged);

  return g_test_run ();
}
