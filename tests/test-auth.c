/* test-auth.c: passwords, signing in, deactivated users and the deputy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-auth-private.h"
#include "att-db-private.h"
#include "att-test-util.h"

/* A moment in the tests' own time: Monday 9 September 2024, 09:00 UTC. */
#define T0 G_GINT64_CONSTANT (1725872400)

static int
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
stored_hash (AttDb  *db,
             gint64  id)
{
  sqlite3_stmt *stmt = NULL;
  char *hash;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db),
                                       "SELECT password_hash FROM users WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return hash;
}

/* Whether @text is anywhere in the users table or the audit log. */
static gboolean
stored_anywhere (AttDb      *db,
                 const char *text)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT (SELECT count(*) FROM users WHERE instr(coalesce(password_hash, '') || name || position, '%s') > 0)"
                     " + (SELECT count(*) FROM audit_log WHERE instr(action || detail, '%s') > 0)",
                     text, text);

  return count_rows (db, sql) > 0;
}

static void
test_password_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_one = g_strnfill (ATT_PASSWORD_MAX_BYTES + 1, 'a');

  g_assert_false (att_password_check ("", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  /* "seven77" is 7 characters, one short of 8. */
  g_assert_false (att_password_check ("seven77", &error));
  g_assert_nonnull (strstr (error->message, "at least 8 characters"));
  g_assert_null (strstr (error->message, "seven77"));
  g_clear_error (&error);
  g_assert_true (att_password_check ("eight888", &error));
  /* "ŵŵŵŵŵŵŵŵ" is 8 characters in 16 bytes. */
  g_assert_true (att_password_check ("ŵŵŵŵŵŵŵŵ", &error));
  g_assert_no_error (error);
  g_assert_false (att_password_check ("abcdefg\xff", &error));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_assert_false (att_password_check (long_one, &error));
  g_assert_nonnull (strstr (error->message, "too long"));
}

static void
test_delays (void)
{
  /* Failures in a row -> seconds before the next try: none for 1 to 4;
   * 30 s after the 5th, doubling (60, 120, 240, 480) and at most 900. */
  static const struct { guint failures; gint64 seconds; } table[] = {
    { 0, 0 }, { 1, 0 }, { 4, 0 }, { 5, 30 }, { 6, 60 }, { 7, 120 }, { 8, 240 },
    { 9, 480 }, { 10, 900 }, { 11, 900 }, { 1000, 900 }, { G_MAXUINT, 900 },
  };
  static const struct { gint64 seconds; const char *text; } texts[] = {
    { 1, "1 second" }, { 30, "30 seconds" }, { 60, "1 minute" },
    /* 61 s is more than a minute: it reads as the next whole minute. */
    { 61, "2 minutes" }, { 900, "15 minutes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_cmpint (att_auth_delay_for (table[i].failures), ==, table[i].seconds);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = att_auth_format_delay (texts[i].seconds);
      g_assert_cmpstr (text, ==, texts[i].text);
    }
}

static void
test_hash_and_sign_in (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) signed_in = NULL;
  g_autofree char *hash = NULL;
  gint64 sam;

  sam = att_users_add_with_password (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST,
                                     "Office", "correct horse", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam, >, 0);

  /* Only an Argon2id hash is kept: never the password, in the users
   * table or the audit log. */
  hash = stored_hash (t->db, sam);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_cmpstr (hash, !=, "correct horse");
  g_assert_false (stored_anywhere (t->db, "correct horse"));
  g_assert_true (att_users_has_password (t->db, sam));
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.password' AND detail = 'Sam Patel'"), ==, 1);

  /* A short password is refused and nobody is added. */
  g_assert_cmpint (att_users_add_with_password (t->db, att_user_system (), "Jo Short", ATT_ROLE_ADMIN,
                                                NULL, "short", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (att_users_find (t->db, "Jo Short", NULL));

  /* The right password signs in, and the sign-in is audited. */
  signed_in = att_auth_sign_in (t->db, sam, "correct horse", T0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_in);
  g_assert_cmpstr (signed_in->name, ==, "Sam Patel");
  g_assert_cmpint (signed_in->role, ==, ATT_ROLE_RECEPTIONIST);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.sign-in'"), ==, 1);

  /* A wrong one, or one a letter off, does not. */
  g_assert_null (att_auth_sign_in (t->db, sam, "correct horsf", T0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "The password is wrong"));
  g_assert_null (strstr (error->message, "correct horsf"));
  g_clear_error (&error);
  g_assert_null (att_auth_sign_in (t->db, sam, "", T0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (stored_anywhere (t->db, "correct horsf"));

  /* A user without a password cannot sign in until one is set. */
  {
    gint64 jo = att_users_add (t->db, att_user_system (), "Jo Bennett", ATT_ROLE_HEADTEACHER, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (att_users_has_password (t->db, jo));
    g_assert_null (att_auth_sign_in (t->db, jo, "anything at all", T0, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
    g_assert_nonnull (strstr (error->message, "Jo Bennett has no password yet"));
  }
}

/* A password hashed once serves several users (the demonstration
 * school's staff): each signs in with it, the hash alone is stored, and
 * a short password is refused before anyone is added. */
static void
test_shared_hash (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPasswordHash) hash = att_password_hash_new ("correct horse", &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 sam, jo;

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  sam = att_users_add_with_password_hash (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST,
                                          "Office", hash, &error);
  g_assert_no_error (error);
  jo = att_users_add_with_password_hash (t->db, att_user_system (), "Jo Bennett", ATT_ROLE_HEADTEACHER,
                                         NULL, hash, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam, >, 0);
  g_assert_cmpint (jo, >, sam);

  first = stored_hash (t->db, sam);
  second = stored_hash (t->db, jo);
  g_assert_true (g_str_has_prefix (first, "$argon2id$"));
  g_assert_cmpstr (first, ==, second);
  g_assert_false (stored_anywhere (t->db, "correct horse"));
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.password'"), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AttUser) user = att_auth_sign_in (t->db, i == 0 ? sam : jo, "correct horse", T0, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (user->name, ==, i == 0 ? "Sam Patel" : "Jo Bennett");
    }
  g_assert_null (att_auth_sign_in (t->db, jo, "correct horsf", T0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_null (att_password_hash_new ("short", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

static void
test_delay_after_five (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttDb) again = NULL;
  gint64 sam;

  sam = att_users_add_with_password (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST,
                                     NULL, "correct horse", &error);
  g_assert_no_error (error);

  /* Four wrong passwords in a row: no wait. */
  for (guint i = 1; i <= 4; i++)
    {
      g_assert_null (att_auth_sign_in (t->db, sam, "wrong guess", T0 + i, &error));
      g_assert_nonnull (strstr (error->message, "Caps Lock"));
      g_clear_error (&error);
      g_assert_cmpint (att_auth_delay_remaining (t->db, sam, T0 + i), ==, 0);
    }

  /* The fifth, at T0 + 5: the next try waits 30 seconds, and the message
   * says so. */
  g_assert_null (att_auth_sign_in (t->db, sam, "wrong guess", T0 + 5, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==,
                   "The password is wrong, 5 times in a row for Sam Patel: try again in 30 seconds");
  g_clear_error (&error);
  g_assert_cmpint (att_auth_delay_remaining (t->db, sam, T0 + 5), ==, 30);

  /* Starting the app again (a new connection) does not reset it: 10
   * seconds later, 20 are left. */
  again = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (att_auth_delay_remaining (again, sam, T0 + 15), ==, 20);

  /* Meanwhile even the right password is refused, without counting. */
  g_assert_null (att_auth_sign_in (again, sam, "correct horse", T0 + 15, &error));
  g_assert_cmpstr (error->message, ==, "Too many wrong passwords for Sam Patel: try again in 20 seconds");
  g_clear_error (&error);
  g_assert_cmpint (count_rows (again, "SELECT failed_sign_ins FROM users WHERE name = 'Sam Patel'"), ==, 5);

  /* Once it has passed (T0 + 35), a sixth wrong one waits 60 seconds. */
  g_assert_null (att_auth_sign_in (again, sam, "wrong guess", T0 + 35, &error));
  g_assert_cmpstr (error->message, ==,
                   "The password is wrong, 6 times in a row for Sam Patel: try again in 1 minute");
  g_clear_error (&error);
  g_assert_cmpint (att_auth_delay_remaining (again, sam, T0 + 35), ==, 60);

  /* Then the right one signs in and clears the count: the next wrong
   * password is the first again, with no wait. */
  user = att_auth_sign_in (again, sam, "correct horse", T0 + 95, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpint (count_rows (again, "SELECT failed_sign_ins FROM users WHERE name = 'Sam Patel'"), ==, 0);
  g_assert_null (att_auth_sign_in (again, sam, "wrong guess", T0 + 96, &error));
  g_clear_error (&error);
  g_assert_cmpint (att_auth_delay_remaining (again, sam, T0 + 96), ==, 0);

  /* Every wrong password is in the audit log, by the system, naming the
   * account tried: 4 + 1 + 1 + 1 = 7 (the try during the wait is not a
   * guess). */
  g_assert_cmpint (count_rows (again, "SELECT count(*) FROM audit_log WHERE action = 'users.sign-in-refused' "
                                      "AND detail LIKE 'Sam Patel: wrong password%'"), ==, 7);
}

static void
test_reset (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttUser) sam_user = NULL;
  g_autoptr(AttUser) user = NULL;
  gint64 sam, alex;

  alex = att_users_add_with_password (t->db, att_user_system (), "Alex Reed", ATT_ROLE_ADMIN,
                                      "Data manager", "admin password", &error);
  sam = att_users_add_with_password (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST,
                                     NULL, "forgotten one", &error);
  g_assert_no_error (error);
  admin = att_users_get (t->db, alex, &error);
  sam_user = att_users_get (t->db, sam, &error);

  /* Sam forgot and tried five times: a wait. */
  for (guint i = 0; i < 5; i++)
    {
      g_assert_null (att_auth_sign_in (t->db, sam, "what was it", T0, &error));
      g_clear_error (&error);
    }
  g_assert_cmpint (att_auth_delay_remaining (t->db, sam, T0), ==, 30);

  /* A receptionist may not reset anyone's password, Sam's own included. */
  g_assert_false (att_users_set_password (t->db, sam_user, sam, "a new password", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The administrator resets it: the wait is gone, the old password no
   * longer works and the new one does. */
  g_assert_true (att_users_set_password (t->db, admin, sam, "a new password", &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_auth_delay_remaining (t->db, sam, T0), ==, 0);
  g_assert_null (att_auth_sign_in (t->db, sam, "forgotten one", T0, &error));
  g_clear_error (&error);
  user = att_auth_sign_in (t->db, sam, "a new password", T0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log a JOIN actors p ON p.id = a.actor_id "
                                      "WHERE a.action = 'users.password' AND a.detail = 'Sam Patel' AND p.name = 'Alex Reed'"), ==, 1);
  g_assert_false (stored_anywhere (t->db, "a new password"));
}

static void
test_deactivate (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttUser) sam_user = NULL;
  g_autoptr(AttUser) found = NULL;
  g_autoptr(AttUser) user = NULL;
  gint64 sam, alex;

  alex = att_users_add_with_password (t->db, att_user_system (), "Alex Reed", ATT_ROLE_ADMIN,
                                      NULL, "admin password", &error);
  sam = att_users_add_with_password (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST,
                                     NULL, "sams password", &error);
  g_assert_no_error (error);
  admin = att_users_get (t->db, alex, &error);
  sam_user = att_users_get (t->db, sam, &error);
  /* Sam did something that is on record. */
  g_assert_true (att_audit_log (t->db, sam_user, "test.action", "Sam's work", &error));

  /* Sam may not deactivate anyone. */
  g_assert_false (att_users_set_active (t->db, sam_user, alex, FALSE, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  /* The administrator may not deactivate themselves (the only one). */
  g_assert_false (att_users_set_active (t->db, admin, alex, FALSE, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  /* Nor, as the system, the last user who may manage users. */
  g_assert_false (att_users_set_active (t->db, att_user_system (), alex, FALSE, &error));
  g_assert_nonnull (strstr (error->message, "Alex Reed is the only active user who may manage users"));
  g_clear_error (&error);

  g_assert_true (att_users_set_active (t->db, admin, sam, FALSE, &error));
  g_assert_no_error (error);

  /* Sam is still listed and found, marked deactivated; cannot sign in
   * and may do nothing. */
  found = att_users_find (t->db, "Sam Patel", &error);
  g_assert_no_error (error);
  g_assert_true (found->deactivated);
  g_assert_null (att_auth_sign_in (t->db, sam, "sams password", T0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "deactivated"));
  g_clear_error (&error);
  g_assert_false (att_user_require (found, ATT_PERM_MARK, &error));
  g_assert_nonnull (strstr (error->message, "Sam Patel has been deactivated"));
  g_clear_error (&error);

  /* What Sam did stays Sam's. */
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log a JOIN actors p ON p.id = a.actor_id "
                                      "WHERE a.detail = 'Sam''s work' AND p.name = 'Sam Patel'"), ==, 1);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.deactivate' AND detail = 'Sam Patel'"), ==, 1);

  /* Deactivating twice changes nothing and logs nothing more. */
  g_assert_true (att_users_set_active (t->db, admin, sam, FALSE, &error));
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.deactivate'"), ==, 1);

  /* Reactivated, Sam signs in again. */
  g_assert_true (att_users_set_active (t->db, admin, sam, TRUE, &error));
  g_assert_no_error (error);
  user = att_auth_sign_in (t->db, sam, "sams password", T0, &error);
  g_assert_no_error (error);
  g_assert_false (user->deactivated);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.activate' AND detail = 'Sam Patel'"), ==, 1);
}

static void
test_deputy (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) head = att_test_add_user (t->db, "Helen Carter", ATT_ROLE_HEADTEACHER, NULL);
  g_autoptr(AttUser) admin = att_test_add_user (t->db, "Alex Reed", ATT_ROLE_ADMIN, NULL);
  g_autoptr(AttUser) olive = att_test_add_user (t->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  g_autoptr(AttUser) dan = att_test_add_user (t->db, "Dan Osei", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  g_autoptr(AttUser) deputy = NULL;
  g_autoptr(AttUser) read = NULL;

  g_assert_null (att_users_get_deputy (t->db, &error));
  g_assert_no_error (error);
  g_assert_false (att_user_require (olive, ATT_PERM_DECIDE_LEAVE, NULL));

  /* Only the headteacher authorises a deputy. */
  g_assert_false (att_users_set_deputy (t->db, admin, olive->id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (att_users_set_deputy (t->db, olive, olive->id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  /* A headteacher is not anyone's deputy. */
  g_assert_false (att_users_set_deputy (t->db, head, head->id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  g_assert_true (att_users_set_deputy (t->db, head, olive->id, &error));
  g_assert_no_error (error);
  deputy = att_users_get_deputy (t->db, &error);
  g_assert_cmpstr (deputy->name, ==, "Olive Officer");
  /* Read again, Olive decides leave and penalty cases, and no more. */
  read = att_users_get (t->db, olive->id, &error);
  g_assert_true (read->deputy);
  g_assert_true (att_user_require (read, ATT_PERM_DECIDE_LEAVE, NULL));
  g_assert_true (att_user_require (read, ATT_PERM_PENALTY, NULL));
  g_assert_false (att_user_require (read, ATT_PERM_AUTHORISE_DEPUTY, NULL));
  g_assert_false (att_user_require (read, ATT_PERM_USERS, NULL));
  g_clear_pointer (&read, att_user_free);

  /* A new deputy takes Olive's place: there is one at a time. */
  g_assert_true (att_users_set_deputy (t->db, head, dan->id, &error));
  read = att_users_get (t->db, olive->id, &error);
  g_assert_false (read->deputy);
  g_clear_pointer (&read, att_user_free);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM users WHERE deputy = 1"), ==, 1);

  /* Withdrawn: nobody. */
  g_assert_true (att_users_set_deputy (t->db, head, 0, &error));
  g_clear_pointer (&deputy, att_user_free);
  deputy = att_users_get_deputy (t->db, &error);
  g_assert_null (deputy);
  g_assert_no_error (error);

  /* Deactivating the deputy withdraws the authority too. */
  g_assert_true (att_users_set_deputy (t->db, head, dan->id, &error));
  g_assert_true (att_users_set_active (t->db, admin, dan->id, FALSE, &error));
  g_assert_no_error (error);
  deputy = att_users_get_deputy (t->db, &error);
  g_assert_null (deputy);
  /* ... and a deactivated user cannot be made deputy. */
  g_assert_false (att_users_set_deputy (t->db, head, dan->id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  /* Audited: Olive, Dan, withdrawn, Dan, withdrawn with the
   * deactivation: 5 rows, 2 of them with no deputy named. */
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.deputy'"), ==, 5);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'users.deputy' AND detail = ''"), ==, 2);
}

/* The window checks the password on another thread: prepare, verify,
 * finish; what changes meanwhile is decided at the finish. */
static void
test_sign_in_in_steps (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;
  gint64 sam;

  admin = att_test_add_user (t->db, "Alex Reed", ATT_ROLE_ADMIN, NULL);
  sam = att_users_add_with_password (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST,
                                     NULL, "correct horse", &error);
  g_assert_no_error (error);

  hash = att_auth_sign_in_prepare (t->db, sam, T0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_true (att_auth_verify (hash, "correct horse"));
  g_assert_false (att_auth_verify (hash, "correct horsE"));
  g_assert_false (att_auth_verify (hash, NULL));

  /* Deactivated while the password was checked: refused at the finish. */
  g_assert_true (att_users_set_active (t->db, admin, sam, FALSE, &error));
  g_assert_null (att_auth_sign_in_finish (t->db, sam, "correct horse", hash, TRUE, T0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "deactivated"));
  g_clear_error (&error);
  g_assert_true (att_users_set_active (t->db, admin, sam, TRUE, &error));

  /* The password reset meanwhile: the old one no longer signs in. */
  g_assert_true (att_users_set_password (t->db, admin, sam, "another horse", &error));
  g_assert_null (att_auth_sign_in_finish (t->db, sam, "correct horse", hash, TRUE, T0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* And in order, the new one does. */
  again = att_auth_sign_in_prepare (t->db, sam, T0, &error);
  user = att_auth_sign_in_finish (t->db, sam, "another horse", again,
                                  att_auth_verify (again, "another horse"), T0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->name, ==, "Sam Patel");
}

static void
test_amend_today (void)
{
  AttTestSchool school;
  g_autoptr(GError) error = NULL;
  gint64 amy;
  /* Today is Tuesday 10 September 2024 (main() sets it). */
  AttMarkWrite monday = { 0, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_N, -1, NULL };
  AttMarkWrite today = { 0, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_N, -1, NULL };

  att_test_school_init (&school);
  amy = att_test_school_add_pupil (&school, "Amy", "Able", D (2012, 1, 1));
  monday.pupil_id = today.pupil_id = amy;

  /* The receptionist marks both days N. */
  g_assert_true (att_register_write (school.db, school.receptionist, &monday, 1, NULL, 0, &error));
  g_assert_true (att_register_write (school.db, school.receptionist, &today, 1, NULL, 0, &error));
  g_assert_no_error (error);

  /* A parent calls: this morning's N becomes I, which the receptionist
   * may do. */
  today.code = ATT_CODE_I;
  g_assert_true (att_register_write (school.db, school.receptionist, &today, 1, "Mother phoned: ill", 0, &error));
  g_assert_no_error (error);

  /* Yesterday's is an earlier day's mark: the attendance officer's. */
  monday.code = ATT_CODE_I;
  g_assert_false (att_register_write (school.db, school.receptionist, &monday, 1, "Mother phoned: ill", 0, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "cannot change a saved mark of an earlier day"));
  g_clear_error (&error);
  g_assert_true (att_register_write (school.db, school.officer, &monday, 1, "Mother phoned: ill", 0, &error));
  g_assert_no_error (error);

  att_test_school_clear (&school);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_test_init (&argc, &argv, NULL);
  att_auth_use_fast_hashing_for_tests ();

  g_test_add_func ("/auth/password-rules", test_password_rules);
  g_test_add_func ("/auth/delays", test_delays);
  g_test_add_func ("/auth/hash-and-sign-in", test_hash_and_sign_in);
  g_test_add_func ("/auth/shared-hash", test_shared_hash);
  g_test_add_func ("/auth/delay-after-five", test_delay_after_five);
  g_test_add_func ("/auth/reset", test_reset);
  g_test_add_func ("/auth/deactivate", test_deactivate);
  g_test_add_func ("/auth/deputy", test_deputy);
  g_test_add_func ("/auth/sign-in-in-steps", test_sign_in_in_steps);
  g_test_add_func ("/auth/amend-today", test_amend_today);

  return g_test_run ();
}
