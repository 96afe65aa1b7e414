/* test-db.c: opening, migrations, transactions, backup and check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <string.h>

#include "att-db-private.h"
#include "att-pupils-private.h"

#include "att-test-util.h"

static int
raw_int (sqlite3    *handle,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static int
db_int (AttDb      *db,
        const char *sql)
{
  return raw_int (att_db_get_handle (db), sql);
}

static void
put (AttDb      *db,
     const char *key,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (att_db_begin (db, &error));
  g_assert_true (att_db_put_setting (db, key, value, &error));
  g_assert_true (att_db_commit (db, &error));
  g_assert_no_error (error);
}

static void
test_migrations (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (t->dir, "empty.db", NULL);
  g_autoptr(AttDb) db = NULL;

  g_assert_cmpint (att_db_schema_version (), >=, 1);
  g_assert_cmpint (db_int (t->db, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                  "('settings', 'users', 'actors', 'audit_log', 'terms', 'closures', "
                                  "'pupils', 'contacts', 'marks', 'mark_history')"), ==, 10);
  /* WAL and foreign keys are on for every connection. */
  g_assert_cmpint (db_int (t->db, "PRAGMA foreign_keys"), ==, 1);

  /* A database of version 0 (made by SQLite, holding nothing) is brought
   * up to date when opened. */
  {
    sqlite3 *handle = NULL;

    g_assert_cmpint (sqlite3_open (empty, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x); DROP TABLE t;", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  db = att_db_open (empty, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'marks'"), ==, 1);

  /* The grid finds a week's amended marks from an index alone. */
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GString) plan = g_string_new (NULL);

    g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (t->db),
                                         "EXPLAIN QUERY PLAN SELECT pupil_id, date, session FROM marks "
                                         "WHERE date BETWEEN ?1 AND ?2 AND amendments > 0",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    g_test_message ("%s", plan->str);
    g_assert_nonnull (strstr (plan->str, "COVERING INDEX marks_amended"));
  }
}

/* The columns remembered for files of each shape, taken away again. */
#define UNDO_IMPORT_MAPPINGS "DROP TABLE import_mappings; "
/* The leavers' destination, which came after previous schools'
 * attendance. */
#define UNDO_LEAVING_DESTINATION UNDO_IMPORT_MAPPINGS "ALTER TABLE pupils DROP COLUMN leaving_destination; "
/* Previous schools' attendance, which came after the contacts' checked
 * date. */
#define UNDO_PREVIOUS_ATTENDANCE UNDO_LEAVING_DESTINATION "DROP TABLE previous_attendance; "
/* The day each contact's details were checked, taken away again, with
 * what came after it. */
#define UNDO_CONTACTS_CHECKED UNDO_PREVIOUS_ATTENDANCE "ALTER TABLE contacts DROP COLUMN details_checked_date; "
/* What the casework's migration made (meetings refer to letters), with
 * the contacts' checked date, which came after it. */
#define UNDO_CASEWORK UNDO_CONTACTS_CHECKED "DROP TABLE case_meetings; DROP TABLE case_support; "
/* What the penalty core's migration added, taken away again. */
#define UNDO_PENALTY \
  "DROP TABLE penalty_notices; DROP TABLE penalty_improvements; " \
  "ALTER TABLE penalty_decisions DROP COLUMN support_offered; " \
  "ALTER TABLE penalty_decisions DROP COLUMN notice_best_tool; " \
  "ALTER TABLE penalty_decisions DROP COLUMN equality; " \
  "ALTER TABLE penalty_decisions DROP COLUMN agencies; "
/* What the migration of the letter log made, undone: it came after
 * every migration the tests below take away. */
#define UNDO_LETTERS UNDO_CASEWORK UNDO_PENALTY "DROP TABLE letters; "
/* What the migration of the ladder, the stored templates and the due
 * list's holds added, taken away again. */
#define UNDO_LADDER \
  "DROP TABLE letter_templates; DROP TABLE ladder_stages; DROP TABLE letter_holds; " \
  "DROP TABLE letters_do_not_send; DROP TABLE medical_evidence; "
/* What the leave of absence's migration added, taken away again. */
#define UNDO_LEAVE \
  "DROP TABLE leave_reviews; DROP TABLE leave_sessions; DROP TABLE leave_requests; " \
  "DROP TABLE exam_periods; " UNDO_LADDER

/* What the migration of calls, the late book and the LA's notices made,
 * undone, for the tests below that make a database of an older version
 * (with every later migration's tables). */
#define UNDO_CALLS UNDO_LETTERS \
  "DROP TABLE call_marks; DROP TABLE call_attempts; DROP TABLE calls; " \
  "DROP TABLE late_book_marks; DROP TABLE late_book; DROP TABLE la_notifications; " \
  UNDO_LEAVE

/* What the audit log's migration added, taken away again, so that a
 * test can make a database of an earlier version. */
#define UNDO_AUDIT_LOG \
  "DROP TRIGGER audit_log_kept; DROP TRIGGER audit_log_not_deleted; " \
  "DROP TRIGGER mark_history_not_deleted; " \
  "CREATE TRIGGER mark_history_not_deleted BEFORE DELETE ON mark_history " \
  "  BEGIN SELECT RAISE (ABORT, 'the register history is never deleted'); END; " \
  "DROP TABLE retention_permits; DROP INDEX audit_log_by_pupil; " \
  "DROP INDEX audit_log_by_time; DROP INDEX mark_history_by_time; " \
  "ALTER TABLE audit_log DROP COLUMN kind; ALTER TABLE audit_log DROP COLUMN pupil_id; " \
  "ALTER TABLE audit_log DROP COLUMN old_value; ALTER TABLE audit_log DROP COLUMN new_value; "

/* What the migration for signing in added, taken away again. */
#define UNDO_SIGN_IN \
  "DROP INDEX users_one_deputy; ALTER TABLE users DROP COLUMN password_hash; " \
  "ALTER TABLE users DROP COLUMN failed_sign_ins; ALTER TABLE users DROP COLUMN sign_in_delayed_until; " \
  "ALTER TABLE users DROP COLUMN deputy; "

/* The schema version a migration starts from: the one whose SQL holds
 * @text. */
static guint
migration_with (const char *text)
{
  for (guint v = 0; v < att_db_n_migrations (); v++)
    if (strstr (att_db_migration (v), text) != NULL)
      return v;
  g_assert_not_reached ();
  return 0;
}

/* A database made before sign-in (the version before it and the audit
 * log's) is brought up to date when opened; its users are kept, active, with no
 * password and no deputy, and may be named by attendance-cli at once. */
static void
test_upgrade_to_sign_in (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autoptr(AttUser) jo = NULL;
  g_autofree char *sql = g_strdup_printf (UNDO_CALLS UNDO_AUDIT_LOG UNDO_SIGN_IN "PRAGMA user_version = %u",
                                          migration_with ("password_hash"));

  att_users_add (t->db, att_user_system (), "Jo Bennett", ATT_ROLE_HEADTEACHER, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (att_db_exec (t->db, sql, &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  jo = att_users_find (again, "Jo Bennett", &error);
  g_assert_no_error (error);
  g_assert_false (jo->deactivated);
  g_assert_false (jo->deputy);
  g_assert_false (att_users_has_password (again, jo->id));
  g_assert_cmpint (db_int (again, "SELECT failed_sign_ins FROM users"), ==, 0);
}
/* A database made before casework (meetings and support) is brought up
 * to date when opened: the two tables appear, empty, and the pupils and
 * letters it held are still there. */
static void
test_upgrade_to_casework (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autofree char *sql = g_strdup_printf (UNDO_CASEWORK "PRAGMA user_version = %u",
                                          migration_with ("CREATE TABLE case_meetings"));

  att_test_add_pupil (t->db, "Amira", "Khan", 7, att_date_from_ymd (2012, 10, 1),
                      att_date_from_ymd (2024, 9, 2), ATT_DATE_NONE);
  g_assert_true (att_db_exec (t->db, sql, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM sqlite_master WHERE name = 'case_meetings'"), ==, 0);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM case_meetings"), ==, 0);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM case_support"), ==, 0);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM pupils WHERE legal_surname = 'Khan'"), ==, 1);
}

/* A database made before the index of amended marks (version 1) is
 * brought up to date when opened, and keeps what it holds. */
static void
test_upgrade_from_1 (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;

  put (t->db, "name", "Riverside Primary School");
  g_assert_true (att_db_exec (t->db,
                              UNDO_CALLS
                              UNDO_AUDIT_LOG
                              UNDO_SIGN_IN
                              "DROP INDEX marks_amended; DROP INDEX pupils_by_name; DROP TRIGGER pupils_sort_key_stale; "
                              "ALTER TABLE pupils DROP COLUMN sort_key; PRAGMA user_version = 1",
                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM sqlite_master WHERE name = 'marks_amended'"), ==, 0);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM sqlite_master WHERE name = 'marks_amended'"), ==, 1);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM settings WHERE value = 'Riverside Primary School'"), ==, 1);
}

/* Before a migration changes anything, the file as it was is backed up
 * (beside the database, in "backups"): a whole, checked copy at the old
 * version, holding what the school held. */
static void
test_backup_before_migration (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autoptr(AttDb) reopened = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *name = NULL;
  AttBackup *backup;
  sqlite3 *raw = NULL;

  put (t->db, "name", "Riverside Primary School");
  g_assert_true (att_db_exec (t->db,
                              UNDO_CALLS
                              UNDO_AUDIT_LOG
                              UNDO_SIGN_IN
                              "DROP INDEX marks_amended; DROP INDEX pupils_by_name; DROP TRIGGER pupils_sort_key_stale; "
                              "ALTER TABLE pupils DROP COLUMN sort_key; PRAGMA user_version = 1",
                              &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  list = att_backup_list (folder, t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  backup = g_ptr_array_index (list, 0);
  g_assert_cmpint (backup->kind, ==, ATT_BACKUP_BEFORE_UPDATE);
  g_assert_true (g_str_has_suffix (backup->name, "-before-update.db"));
  g_assert_true (att_backup_verify (backup->path, &name, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Riverside Primary School");
  g_assert_cmpint (sqlite3_open (backup->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, 1);
  sqlite3_close (raw);

  /* Opened again, up to date: nothing to back up. */
  g_clear_object (&again);
  g_clear_pointer (&list, g_ptr_array_unref);
  reopened = att_db_open (t->path, &error);
  g_assert_no_error (error);
  list = att_backup_list (folder, t->path, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

/* When the backup before a migration cannot be made (here "backups" is
 * a file, not a folder, and no other folder is set), the database is
 * not changed: it stays at its old version, and the open says why. */
static void
test_no_migration_without_backup (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autofree char *blocker = g_build_filename (t->dir, "backups", NULL);
  sqlite3 *raw = NULL;

  g_assert_true (att_db_exec (t->db,
                              UNDO_CALLS
                              UNDO_AUDIT_LOG
                              UNDO_SIGN_IN
                              "DROP INDEX marks_amended; DROP INDEX pupils_by_name; DROP TRIGGER pupils_sort_key_stale; "
                              "ALTER TABLE pupils DROP COLUMN sort_key; PRAGMA user_version = 1",
                              &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  again = att_db_open (t->path, &error);
  g_assert_null (again);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "backed up first"));
  g_assert_nonnull (strstr (error->message, blocker));
  g_assert_cmpint (sqlite3_open (t->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, 1);
  sqlite3_close (raw);
}

/* A database made before the calls' tables is brought up to date with
 * them, and keeps its pupils; the school's first-day procedure is the
 * default one (9 steps) until the school edits it. */
static void
test_upgrade_to_calls (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *undo = g_strdup_printf (UNDO_CALLS "PRAGMA user_version = %u",
                                           migration_with ("CREATE TABLE calls"));

  att_test_add_pupil (t->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2024, 9, 2), ATT_DATE_NONE);
  g_assert_true (att_db_exec (t->db, undo, &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM pupils"), ==, 1);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                  "('calls', 'call_attempts', 'call_marks', 'late_book', "
                                  "'late_book_marks', 'la_notifications')"), ==, 6);
  steps = att_firstday_procedure (again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 9);
}

/* A database made before contacts kept the day their details were
 * checked keeps its contacts, with that day not known: flagged for
 * re-checking. */
static void
test_upgrade_to_contacts_checked (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(AttContact) mother = att_contact_new ();
  g_autofree char *undo = g_strdup_printf (UNDO_CONTACTS_CHECKED "PRAGMA user_version = %u",
                                           migration_with ("details_checked_date"));
  gint64 pupil = att_test_add_pupil (t->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2024, 9, 2),
                                     ATT_DATE_NONE);
  AttContact *read;

  mother->pupil_id = pupil;
  mother->surname = g_strdup ("Khan");
  mother->relationship = g_strdup ("Mother");
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), mother, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (mother->details_checked, !=, ATT_DATE_NONE);
  g_assert_true (att_db_exec (t->db, undo, &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  contacts = att_contacts_for_pupil (again, pupil, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  read = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (read->surname, ==, "Khan");
  g_assert_cmpint (read->details_checked, ==, ATT_DATE_NONE);
}

/* A database made before leavers kept their destination keeps its
 * leavers, their leaving dates with them, the destination not known. */
static void
test_upgrade_to_leaving_destination (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autofree char *undo = g_strdup_printf (UNDO_LEAVING_DESTINATION "PRAGMA user_version = %u",
                                           migration_with ("leaving_destination"));
  gint64 pupil = att_test_add_pupil (t->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2024, 9, 2),
                                     D (2024, 12, 20));
  AttPupil *read;

  g_assert_true (att_db_exec (t->db, undo, &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  read = att_pupils_get (again, pupil);
  g_assert_nonnull (read);
  g_assert_cmpstr (read->legal_surname, ==, "Khan");
  g_assert_cmpint (read->leaving, ==, D (2024, 12, 20));
  g_assert_null (read->leaving_destination);
}

/* The sort key of pupil @id as the database keeps it, or NULL. */
static char *
stored_sort_key (AttDb  *db,
                 gint64  id)
{
  sqlite3_stmt *stmt = NULL;
  char *key = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db),
                                       "SELECT sort_key FROM pupils WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    key = g_strndup (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  return key;
}

/* A database made before the pupils kept their sort keys (version 2) is
 * given them when opened: each pupil's key is the one att_pupil_sort_key ()
 * makes of the preferred surname and forename, the collation that made
 * them is recorded, the list comes out in their order, and the pupils are
 * otherwise as they were. A school with no pupils records nothing. */
static void
test_upgrade_from_2 (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autofree char *empty = g_build_filename (t->dir, "empty.db", NULL);
  g_autofree char *collation = NULL;
  g_autofree char *recorded = NULL;
  /* Surname, forename, preferred surname, and the order the list has:
   * by preferred surname then forename, accents and case aside, so
   * Çelik among the Cs and "de Souza" among the Ds. */
  const struct { const char *surname, *forename, *preferred; guint rank; } names[] = {
    { "Öztürk", "Emre", NULL, 4 },
    { "de Souza", "Amina", NULL, 3 },
    { "Smith", "Cara", "Çelik", 2 },
    { "Carter", "Ben", NULL, 0 },
    { "Celik", "Ali", NULL, 1 },
    { "Yılmaz", "Deniz", NULL, 5 },
  };
  gint64 ids[G_N_ELEMENTS (names)];
  GPtrArray *list;
  const char *fake_2 =
    UNDO_CALLS
    UNDO_AUDIT_LOG
    UNDO_SIGN_IN
    "DROP INDEX pupils_by_name; DROP TRIGGER pupils_sort_key_stale; "
    "ALTER TABLE pupils DROP COLUMN sort_key; "
    "DELETE FROM settings WHERE key = 'pupils.sort_collation'; PRAGMA user_version = 2";

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      AttPupil *pupil = att_test_pupil_new (names[i].forename, names[i].surname, 4, "4K",
                                            D (2015, 10, 14), D (2024, 9, 2));

      pupil->preferred_surname = g_strdup (names[i].preferred);
      ids[i] = att_test_save_pupil (t->db, pupil);
    }
  g_assert_true (att_db_exec (t->db, fake_2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings"), ==, 0);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM pupils"), ==, 6);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM pupils WHERE sort_key IS NULL"), ==, 0);
  collation = att_pupils_collation ();
  recorded = att_db_get_setting (again, "pupils.sort_collation");
  g_assert_cmpstr (recorded, ==, collation);

  list = att_pupils_list (again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *surname = names[i].preferred ? names[i].preferred : names[i].surname;
      g_autofree char *expected = att_pupil_sort_key (surname, names[i].forename);
      g_autofree char *stored = stored_sort_key (again, ids[i]);
      AttPupil *pupil = g_ptr_array_index (list, names[i].rank);

      g_assert_cmpstr (stored, ==, expected);
      g_assert_cmpint (pupil->id, ==, ids[i]);
      g_assert_cmpstr (pupil->legal_surname, ==, names[i].surname);
      g_assert_cmpstr (pupil->preferred_surname, ==, names[i].preferred);
      g_assert_cmpint (pupil->admission, ==, D (2024, 9, 2));
    }

  /* Renaming a pupil in the table, as another program might, clears the
   * key; the list still puts the pupil in place: Carter, now "Zeller",
   * comes last. */
  g_assert_true (att_db_exec (again, "UPDATE pupils SET legal_surname = 'Zeller' "
                                     "WHERE legal_surname = 'Carter'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM pupils WHERE sort_key IS NULL"), ==, 1);
  g_clear_object (&again);
  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  list = att_pupils_list (again, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((AttPupil *)g_ptr_array_index (list, 0))->id, ==, ids[4]);
  g_assert_cmpint (((AttPupil *)g_ptr_array_index (list, 5))->id, ==, ids[3]);
  g_assert_cmpstr (((AttPupil *)g_ptr_array_index (list, 5))->legal_surname, ==, "Zeller");

  /* The next pupil saved mends the key that was cleared. */
  att_test_save_pupil (again, att_test_pupil_new ("Eve", "Brown", 4, "4K",
                                                  D (2015, 9, 14), D (2024, 9, 2)));
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM pupils WHERE sort_key IS NULL"), ==, 0);
  {
    g_autofree char *expected = att_pupil_sort_key ("Zeller", "Ben");
    g_autofree char *stored = stored_sort_key (again, ids[3]);

    g_assert_cmpstr (stored, ==, expected);
  }
  g_clear_object (&again);

  /* No pupils, nothing to record. */
  again = att_db_create (empty, &error);
  g_assert_no_error (error);
  g_assert_true (att_db_exec (again, fake_2, &error));
  g_clear_object (&again);
  again = att_db_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM settings"), ==, 0);
}

/* attendance-cli closes the file at its end without freeing what it
 * read: the connection is closed as when the database is freed (the
 * write-ahead log folded into the file and removed), and what was
 * written is there for the next program. */
static void
test_close (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autofree char *wal = g_strconcat (t->path, "-wal", NULL);
  g_autofree char *value = NULL;

  put (t->db, "name", "Riverside Primary School");
  g_assert_nonnull (att_pupils_list (t->db, &error));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  att_db_close (t->db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  value = att_db_get_setting (again, "name");
  g_assert_cmpstr (value, ==, "Riverside Primary School");
}

/* A connection may read the file mapped into memory: SQLite is told to
 * map up to 1 GiB (1,073,741,824 bytes), and what is read is the same. */
static void
test_read_mapped (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autofree char *value = NULL;

  put (t->db, "name", "Riverside Primary School");
  g_assert_cmpint (db_int (t->db, "PRAGMA mmap_size"), ==, 0);
  att_db_read_mapped (t->db);
  g_assert_cmpint (db_int (t->db, "PRAGMA mmap_size"), ==, 1073741824);
  value = att_db_get_setting (t->db, "name");
  g_assert_cmpstr (value, ==, "Riverside Primary School");
}

/* attendance-cli reads a page at a time into a cache of 64 pages and
 * maps nothing. A transaction larger than that cache still commits
 * whole: 300 settings of 2,000 bytes are some 600,000 bytes, about 150
 * pages of 4,096 bytes, so SQLite writes pages to the write-ahead log
 * before the commit; every one of them is read back afterwards, through
 * the same small cache and from a new connection. */
static void
test_read_once (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttDb) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_value = g_strnfill (2000, 'x');

  att_db_read_mapped (t->db);
  att_db_read_once (t->db);
  g_assert_cmpint (db_int (t->db, "PRAGMA mmap_size"), ==, 0);
  g_assert_cmpint (db_int (t->db, "PRAGMA cache_size"), ==, 64);

  g_assert_true (att_db_begin (t->db, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *key = g_strdup_printf ("test.%03u", i);

      g_assert_true (att_db_put_setting (t->db, key, long_value, &error));
    }
  g_assert_true (att_db_commit (t->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings WHERE key LIKE 'test.%'"), ==, 300);
  g_assert_cmpint (db_int (t->db, "PRAGMA page_count"), >, 150);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  att_db_read_once (again);
  for (guint i = 0; i < 300; i += 37)
    {
      g_autofree char *key = g_strdup_printf ("test.%03u", i);
      g_autofree char *value = att_db_get_setting (again, key);

      g_assert_cmpstr (value, ==, long_value);
    }
  g_assert_cmpint (db_int (again, "SELECT sum(length(value)) FROM settings WHERE key LIKE 'test.%'"), ==, 600000);
}

/* Opening reads the schema's tables and where the logs end in one read
 * transaction, which has ended when the database is handed over: the
 * connection sees what others commit after that (here, a setting
 * written by a second connection). */
static void
test_open_ends_its_read (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttDb) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (att_db_get_handle (again)));
  put (t->db, "name", "Riverside Primary School");
  value = att_db_get_setting (again, "name");
  g_assert_cmpstr (value, ==, "Riverside Primary School");
}

static void
test_reopen (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *missing = g_build_filename (t->dir, "missing.db", NULL);

  put (t->db, "name", "Riverside Primary School");
  g_clear_object (&t->db);

  t->db = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (att_db_get_path (t->db), ==, t->path);
  value = att_db_get_setting (t->db, "name");
  g_assert_cmpstr (value, ==, "Riverside Primary School");
  g_assert_cmpint (db_int (t->db, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);

  /* A missing file is not created by open. */
  g_assert_null (att_db_open (missing, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_create_refuses_existing (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  put (t->db, "name", "Riverside Primary School");

  g_assert_null (att_db_create (t->path, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, t->path));

  /* The existing database is untouched. */
  value = att_db_get_setting (t->db, "name");
  g_assert_cmpstr (value, ==, "Riverside Primary School");
}

static void
test_files_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attendance-test-XXXXXX", &error);
  g_autofree char *folder = g_build_filename (dir, "school", NULL);
  g_autofree char *path = g_build_filename (folder, "school.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  AttDb *db;
  GStatBuf st;
  mode_t old = umask (022);

  /* With a umask that would let everyone read them, the database, its
   * -wal and -shm (there while it is open) and a backup are 0600, and the
   * folder made for it 0700. */
  db = att_db_create (path, &error);
  g_assert_no_error (error);
  put (db, "name", "Riverside");
  g_assert_true (att_db_backup (db, copy, &error));
  g_assert_no_error (error);
  {
    const char *files[] = { path, wal, shm, copy };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_assert_cmpint (g_stat (files[i], &st), ==, 0);
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      }
  }
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  att_db_check_access (db, warnings);
  g_assert_cmpuint (warnings->len, ==, 0);

  /* Opened up by hand: the check warns about the file and the folder. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  att_db_check_access (db, warnings);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "chmod 600"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1), "chmod 700"));

  g_object_unref (db);
  umask (old);
  g_unlink (copy);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (folder);
  g_rmdir (dir);
}

static void
on_changed (AttDb    *db,
            guint     changes,
            gpointer  user_data)
{
  guint *seen = user_data;

  seen[0]++;
  seen[1] |= changes;
}

static void
test_nested_transactions (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  guint seen[2] = { 0, 0 };
  guint64 serial;

  g_signal_connect (t->db, "changed", G_CALLBACK (on_changed), seen);
  serial = att_db_get_serial (t->db);

  /* Inner commits do nothing by themselves; the outer one saves both and
   * tells listeners once. */
  g_assert_true (att_db_begin (t->db, &error));
  g_assert_true (att_db_put_setting (t->db, "a", "1", &error));
  g_assert_true (att_db_begin (t->db, &error));
  g_assert_true (att_db_put_setting (t->db, "b", "2", &error));
  g_assert_true (att_db_commit (t->db, &error));
  g_assert_cmpuint (seen[0], ==, 0);
  g_assert_true (att_db_commit (t->db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen[0], ==, 1);
  g_assert_cmpuint (seen[1], ==, ATT_CHANGE_SETTINGS);
  g_assert_cmpuint (att_db_get_serial (t->db), ==, serial + 1);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings"), ==, 2);

  /* An inner rollback spoils the outer transaction: its commit fails and
   * neither change is kept. */
  g_assert_true (att_db_begin (t->db, &error));
  g_assert_true (att_db_put_setting (t->db, "c", "3", &error));
  g_assert_true (att_db_begin (t->db, &error));
  g_assert_true (att_db_put_setting (t->db, "d", "4", &error));
  att_db_rollback (t->db);
  g_assert_false (att_db_commit (t->db, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings"), ==, 2);

  /* An outer rollback after an inner commit keeps nothing either. */
  g_assert_true (att_db_begin (t->db, &error));
  g_assert_true (att_db_begin (t->db, &error));
  g_assert_true (att_db_put_setting (t->db, "e", "5", &error));
  g_assert_true (att_db_commit (t->db, &error));
  att_db_rollback (t->db);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings"), ==, 2);

  /* Neither failed transaction told anyone of a change. */
  g_assert_cmpuint (seen[0], ==, 1);
  g_assert_cmpuint (att_db_get_serial (t->db), ==, serial + 1);

  /* And the connection is usable afterwards. */
  put (t->db, "f", "6");
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings"), ==, 3);
  g_assert_cmpuint (seen[0], ==, 2);
}

static void
test_backup_during_write (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (t->dir, "backup.db", NULL);
  g_autoptr(AttDb) copy = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  sqlite3 *other = NULL;

  put (t->db, "name", "Riverside Primary School");
  g_assert_cmpint (att_calendar_add_term (t->db, (AttUser *)att_user_system (), "Autumn 1", D (2024, 9, 3), D (2024, 10, 25), &error), >, 0);
  g_assert_no_error (error);

  /* Another program (the app) is half way through writing. */
  g_assert_cmpint (sqlite3_open (t->path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; "
                                        "INSERT INTO settings (key, value) VALUES ('urn', '999999');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (att_db_backup (t->db, dest, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  /* The copy is a complete database holding what was committed when it
   * was taken, and not the half-written change. */
  g_assert_true (g_file_test (dest, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *part = g_strconcat (dest, ".part", NULL);
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  }
  copy = att_db_open (dest, &error);
  g_assert_no_error (error);
  name = att_db_get_setting (copy, "name");
  g_assert_cmpstr (name, ==, "Riverside Primary School");
  g_assert_cmpint (db_int (copy, "SELECT count(*) FROM terms WHERE name = 'Autumn 1'"), ==, 1);
  g_assert_cmpint (db_int (copy, "SELECT count(*) FROM settings WHERE key = 'urn'"), ==, 0);
  g_assert_cmpint (db_int (copy, "SELECT count(*) FROM audit_log"), ==,
                   db_int (t->db, "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (db_int (copy, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_true (att_db_check (copy, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The original has the other program's change now. */
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings WHERE key = 'urn'"), ==, 1);

  /* A backup never overwrites a file. */
  g_assert_false (att_db_backup (t->db, dest, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
}

static gpointer
commit_later (gpointer data)
{
  sqlite3 *other = data;

  g_usleep (400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

static void
test_busy (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *urn = NULL;
  sqlite3 *other = NULL;
  gint64 started;

  /* A second connection, as a long import in attendance-cli would be,
   * holds the write lock. */
  g_assert_cmpint (sqlite3_open (t->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; "
                                        "INSERT INTO settings (key, value) VALUES ('urn', '999999');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* A writer that comes in meanwhile waits (5 seconds), then gives up
   * with words an office can act on, having saved nothing. */
  started = g_get_monotonic_time ();
  g_assert_false (att_db_begin (t->db, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "The database is busy"));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_assert_null (strstr (error->message, "locked"));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 4 * G_TIME_SPAN_SECOND);
  g_clear_error (&error);

  /* When the other writer finishes while it waits (after 0.4 seconds),
   * the waiting one goes on and saves. */
  thread = g_thread_new ("other-writer", commit_later, other);
  g_assert_true (att_db_begin (t->db, &error));
  g_assert_no_error (error);
  g_assert_true (att_db_put_setting (t->db, "name", "Riverside", &error));
  g_assert_true (att_db_commit (t->db, &error));
  g_assert_no_error (error);
  g_thread_join (g_steal_pointer (&thread));
  sqlite3_close (other);

  urn = att_db_get_setting (t->db, "urn");
  g_assert_cmpstr (urn, ==, "999999");
  g_assert_cmpint (db_int (t->db, "SELECT count(*) FROM settings WHERE key = 'name'"), ==, 1);
}

static void
test_check_fresh (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (att_db_check (t->db, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_newer_schema_refused (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", ATT_DB_SCHEMA_VERSION + 1);
  g_autofree char *newer = g_strdup_printf ("schema %d", ATT_DB_SCHEMA_VERSION + 1);
  sqlite3 *raw = NULL;

  g_clear_object (&t->db);
  g_assert_cmpint (sqlite3_open (t->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  g_assert_null (att_db_open (t->path, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "newer version of Attendance"));
  g_assert_nonnull (strstr (error->message, newer));

  /* Refusing did not touch the file. */
  g_assert_cmpint (sqlite3_open (t->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION + 1);
  sqlite3_close (raw);
}

static void
test_not_a_database (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (t->dir, "letter.db", NULL);
  static const char text[] = "Dear parent, this is not a database at all. It is a letter, long "
                             "enough to fill the first page of what SQLite would read as a header.";

  g_autofree char *empty = g_build_filename (t->dir, "empty.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 1;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_null (att_db_open (path, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* An empty file is refused too, and left empty: it is not a new school. */
  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  g_assert_null (att_db_open (empty, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "empty file"));
  g_assert_true (g_file_get_contents (empty, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);
}

static void
test_damaged_files (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *other = g_build_filename (t->dir, "other.db", NULL);
  g_autofree char *cut = g_build_filename (t->dir, "cut.db", NULL);
  g_autofree char *dropped = g_build_filename (t->dir, "dropped.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *handle = NULL;
  AttDb *db;

  /* The database of another program: refused and left as it was, not
   * turned into a school. */
  g_assert_cmpint (sqlite3_open (other, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE recipes (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_assert_null (att_db_open (other, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_open (other, &handle), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (handle);

  /* A school's database with a table gone: refused, naming the table and
   * the backup. */
  put (t->db, "name", "Riverside");
  g_assert_true (att_db_backup (t->db, dropped, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (dropped, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "DROP TABLE mark_years", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_assert_null (att_db_open (dropped, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "mark_years"));
  g_assert_nonnull (strstr (error->message, "backup"));
  g_clear_error (&error);

  /* A copy cut short after its first two pages: it opens (the schema is
   * on the first page), but reading it fails and the check says it is
   * damaged and to restore a backup, rather than crashing. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%u", i);
      g_autofree char *value = g_strnfill (200, 'v');
      put (t->db, key, value);
    }
  g_assert_true (att_db_backup (t->db, cut, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (cut, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  g_assert_true (g_file_set_contents (cut, contents, 2 * 4096, NULL));
  db = att_db_open (cut, &error);
  if (db != NULL)
    {
      g_assert_false (att_db_check (db, problems, &error));
      g_object_unref (db);
    }
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_nonnull (strstr (error->message, "restore the latest backup"));
}

static void
test_default_path (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *devel = NULL;

  g_setenv ("ATTENDANCE_DB", "/tmp/some/school.db", TRUE);
  from_env = att_db_default_path (FALSE);
  g_assert_cmpstr (from_env, ==, "/tmp/some/school.db");
  g_unsetenv ("ATTENDANCE_DB");
  devel = att_db_default_path (TRUE);
  g_assert_true (g_str_has_suffix (devel, "attendance-devel.db"));
}

/* A database made before the audit log said what each row was about
 * (the version before the last) keeps its rows: their kind is read from
 * their action, and the pupil from the UPN their detail begins with. */
static void
test_upgrade_audit_log (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autoptr(AttContact) contact = att_contact_new ();
  g_autofree char *sql = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", migration_with ("ADD COLUMN kind"));
  gint64 id;

  att_test_add_term (t->db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  id = att_test_add_pupil (t->db, "Ben", "Carter", 7, D (2013, 2, 5), D (2024, 9, 2), ATT_DATE_NONE);
  contact->pupil_id = id;
  contact->priority = 1;
  contact->surname = g_strdup ("Carter");
  contact->relationship = g_strdup ("Mother");
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), contact, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (att_db_exec (t->db, UNDO_CALLS UNDO_AUDIT_LOG, &error));
  g_assert_no_error (error);
  g_assert_true (att_db_exec (t->db, bump, &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  /* The term, the pupil and the contact: three rows, of three kinds. */
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM audit_log"), ==, 3);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM audit_log WHERE kind = 'calendar' AND pupil_id IS NULL"), ==, 1);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE kind IN ('pupil', 'contact') "
                         "AND pupil_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (db_int (again, sql), ==, 2);
  /* And from now on they are kept as they are. */
  g_assert_false (att_db_exec (again, "UPDATE audit_log SET detail = ''", NULL));
  g_assert_false (att_db_exec (again, "DELETE FROM audit_log", NULL));
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM audit_log"), ==, 3);
}

/* A database made before previous schools' attendance was kept (the
 * version before previous_attendance) gains the empty table when opened,
 * its pupils as they were. */
static void
test_upgrade_to_previous_attendance (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) again = NULL;
  g_autofree char *undo = g_strdup_printf (UNDO_PREVIOUS_ATTENDANCE "PRAGMA user_version = %u",
                                           migration_with ("CREATE TABLE previous_attendance"));

  att_test_add_pupil (t->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2024, 9, 2), ATT_DATE_NONE);
  g_assert_true (att_db_exec (t->db, undo, &error));
  g_assert_no_error (error);
  g_clear_object (&t->db);

  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (again, "PRAGMA user_version"), ==, ATT_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM previous_attendance"), ==, 0);
  g_assert_cmpint (db_int (again, "SELECT count(*) FROM pupils WHERE legal_surname = 'Khan'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/migrations", test_migrations);
  g_test_add_func ("/db/close", test_close);
  g_test_add_func ("/db/read-mapped", test_read_mapped);
  g_test_add_func ("/db/read-once", test_read_once);
  g_test_add_func ("/db/open-ends-its-read", test_open_ends_its_read);
  g_test_add_func ("/db/upgrade-from-1", test_upgrade_from_1);
  g_test_add_func ("/db/upgrade-to-sign-in", test_upgrade_to_sign_in);
  g_test_add_func ("/db/upgrade-from-2", test_upgrade_from_2);
  g_test_add_func ("/db/upgrade-audit-log", test_upgrade_audit_log);
  g_test_add_func ("/db/upgrade-to-calls", test_upgrade_to_calls);
  g_test_add_func ("/db/upgrade-to-contacts-checked", test_upgrade_to_contacts_checked);
  g_test_add_func ("/db/backup-before-migration", test_backup_before_migration);
  g_test_add_func ("/db/no-migration-without-backup", test_no_migration_without_backup);
  g_test_add_func ("/db/reopen", test_reopen);
  g_test_add_func ("/db/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/db/files-private", test_files_private);
  g_test_add_func ("/db/nested-transactions", test_nested_transactions);
  g_test_add_func ("/db/backup-during-write", test_backup_during_write);
  g_test_add_func ("/db/check-fresh", test_check_fresh);
  g_test_add_func ("/db/newer-schema", test_newer_schema_refused);
  g_test_add_func ("/db/not-a-database", test_not_a_database);
  g_test_add_func ("/db/default-path", test_default_path);
  g_test_add_func ("/db/damaged-files", test_damaged_files);
  /* Last: it starts a thread, after which setenv() is not safe. */
  g_test_add_func ("/db/busy", test_busy);
  g_test_add_func ("/db/upgrade-to-casework", test_upgrade_to_casework);
  g_test_add_func ("/db/upgrade-to-previous-attendance", test_upgrade_to_previous_attendance);
  g_test_add_func ("/db/upgrade-to-leaving-destination", test_upgrade_to_leaving_destination);

  return g_test_run ();
}
