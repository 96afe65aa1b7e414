/* test-users.c: users, roles, rights and the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

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

static void
test_roles (void)
{
  static const char * const names[] = { "receptionist", "attendance-officer", "headteacher", "admin" };
  static const char * const described[] = { "Receptionist", "Attendance officer", "Headteacher", "Administrator" };
  g_autoptr(GError) error = NULL;
  AttRole role;

  for (guint i = 0; i < ATT_N_ROLES; i++)
    {
      g_assert_cmpstr (att_role_to_string (i), ==, names[i]);
      g_assert_cmpstr (att_role_describe (i), ==, described[i]);
      g_assert_true (att_role_parse (names[i], &role, NULL));
      g_assert_cmpint (role, ==, i);
    }

  g_assert_true (att_role_parse ("Attendance officer", &role, NULL));
  g_assert_cmpint (role, ==, ATT_ROLE_ATTENDANCE_OFFICER);
  g_assert_true (att_role_parse (" HEADTEACHER ", &role, NULL));
  g_assert_cmpint (role, ==, ATT_ROLE_HEADTEACHER);

  g_assert_false (att_role_parse ("caretaker", &role, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "caretaker"));
  g_assert_nonnull (strstr (error->message, "attendance-officer"));
}

static void
test_matrix (void)
{
  /* R = receptionist, O = attendance officer, H = headteacher, A = admin */
  static const struct {
    AttPermission perm;
    gboolean      allowed[ATT_N_ROLES];  /* R, O, H, A */
  } matrix[] = {
    /* Receptionists mark (and put right today's marks), log calls and
     * record leave requests. */
    { ATT_PERM_MARK,             { TRUE,  TRUE,  TRUE, TRUE  } },
    /* Attendance officers also amend earlier days' marks, mark in bulk,
     * keep pupils and the calendar, run letters and record casework. */
    { ATT_PERM_AMEND,            { FALSE, TRUE,  TRUE, TRUE  } },
    { ATT_PERM_BULK_MARK,        { FALSE, TRUE,  TRUE, TRUE  } },
    { ATT_PERM_EDIT_PUPILS,      { FALSE, TRUE,  TRUE, TRUE  } },
    /* Administrators run the system: deleting pupils, the settings, the
     * users and imports; the headteacher may too. */
    { ATT_PERM_DELETE_PUPIL,     { FALSE, FALSE, TRUE, TRUE  } },
    { ATT_PERM_CALENDAR,         { FALSE, TRUE,  TRUE, TRUE  } },
    { ATT_PERM_SETTINGS,         { FALSE, FALSE, TRUE, TRUE  } },
    { ATT_PERM_USERS,            { FALSE, FALSE, TRUE, TRUE  } },
    /* Only the headteacher decides (or a deputy, below). */
    { ATT_PERM_DECIDE_LEAVE,     { FALSE, FALSE, TRUE, FALSE } },
    { ATT_PERM_PENALTY,          { FALSE, FALSE, TRUE, FALSE } },
    /* Restoring a backup replaces the whole register: the
     * administrator's alone. */
    { ATT_PERM_BACKUPS,          { FALSE, FALSE, FALSE, TRUE } },
    { ATT_PERM_LOG_CALLS,        { TRUE,  TRUE,  TRUE, TRUE  } },
    { ATT_PERM_RECORD_LEAVE,     { TRUE,  TRUE,  TRUE, TRUE  } },
    { ATT_PERM_LETTERS,          { FALSE, TRUE,  TRUE, TRUE  } },
    { ATT_PERM_CASEWORK,         { FALSE, TRUE,  TRUE, TRUE  } },
    { ATT_PERM_IMPORT,           { FALSE, FALSE, TRUE, TRUE  } },
    { ATT_PERM_AUTHORISE_DEPUTY, { FALSE, FALSE, TRUE, FALSE } },
    { ATT_PERM_READ_AUDIT,       { FALSE, FALSE, FALSE, TRUE } },
    { ATT_PERM_PURGE,            { FALSE, FALSE, FALSE, TRUE } },
    { ATT_PERM_SUBJECT_ACCESS,   { FALSE, TRUE,  TRUE, TRUE  } },
    /* Reception takes the family's new number at the desk. */
    { ATT_PERM_EDIT_CONTACT_NUMBERS, { TRUE, TRUE, TRUE, TRUE  } },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (matrix) == ATT_N_PERMS);

  for (guint p = 0; p < G_N_ELEMENTS (matrix); p++)
    {
      g_assert_cmpint (matrix[p].perm, ==, p);
      for (guint r = 0; r < ATT_N_ROLES; r++)
        {
          AttUser user = { 1, (char *)"Someone", r, (char *)"" };
          g_autoptr(GError) error = NULL;

          AttUser deputy = { 2, (char *)"Deputy", r, (char *)"", .deputy = TRUE };
          AttUser gone = { 3, (char *)"Gone", r, (char *)"", .deactivated = TRUE };
          gboolean deputy_may = matrix[p].allowed[r] ||
                                p == ATT_PERM_DECIDE_LEAVE || p == ATT_PERM_PENALTY;

          g_test_message ("role %s, permission %u", att_role_to_string (r), p);
          g_assert_cmpint (att_role_can (r, p), ==, matrix[p].allowed[r]);
          g_assert_cmpint (att_user_can (&user, p), ==, matrix[p].allowed[r]);
          g_assert_cmpint (att_user_require (&user, p, &error), ==, matrix[p].allowed[r]);
          if (matrix[p].allowed[r])
            g_assert_no_error (error);
          else
            g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);

          /* A deputy may also decide leave and penalty cases, and no
           * more: authorising a deputy stays the headteacher's. */
          g_assert_cmpint (att_user_can (&deputy, p), ==, deputy_may);
          g_assert_cmpint (att_user_require (&deputy, p, NULL), ==, deputy_may);

          /* A deactivated user may do nothing at all. */
          g_clear_error (&error);
          g_assert_false (att_user_can (&gone, p));
          g_assert_false (att_user_require (&gone, p, &error));
          g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
          g_assert_nonnull (strstr (error->message, "Gone has been deactivated"));
        }

      /* The system itself (the set-up path) runs the school as an
       * administrator does, and takes none of the headteacher's
       * decisions. */
      g_assert_cmpint (att_user_require (att_user_system (), p, NULL), ==,
                       matrix[p].allowed[ATT_ROLE_ADMIN]);
    }
}

static void
test_refusal_messages (void)
{
  AttUser sam = { 1, (char *)"Sam Patel", ATT_ROLE_RECEPTIONIST, (char *)"Receptionist" };
  AttUser alex = { 2, (char *)"Alex Reed", ATT_ROLE_ADMIN, (char *)"Data manager" };
  g_autoptr(GError) error = NULL;

  g_assert_false (att_user_require (&sam, ATT_PERM_DELETE_PUPIL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Sam Patel is a receptionist and cannot delete a pupil: ask an administrator or the headteacher");
  g_clear_error (&error);

  /* Only the headteacher decides leave. */
  g_assert_false (att_user_require (&sam, ATT_PERM_DECIDE_LEAVE, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==,
                   "Sam Patel is a receptionist and cannot decide a leave request: ask the headteacher");
  g_clear_error (&error);

  g_assert_false (att_user_require (&alex, ATT_PERM_PENALTY, &error));
  g_assert_nonnull (strstr (error->message, "Alex Reed is an administrator"));
  g_assert_nonnull (strstr (error->message, "ask the headteacher"));
  g_clear_error (&error);

  g_assert_false (att_user_require (&sam, ATT_PERM_BULK_MARK, &error));
  g_assert_nonnull (strstr (error->message, "ask an attendance officer, an administrator or the headteacher"));
  g_clear_error (&error);

  g_assert_false (att_user_require (&sam, ATT_PERM_AMEND, &error));
  g_assert_cmpstr (error->message, ==,
                   "Sam Patel is a receptionist and cannot change a saved mark of an earlier day: "
                   "ask an attendance officer, an administrator or the headteacher");
  g_clear_error (&error);

  g_assert_false (att_user_require (&alex, ATT_PERM_AUTHORISE_DEPUTY, &error));
  g_assert_cmpstr (error->message, ==,
                   "Alex Reed is an administrator and cannot authorise a deputy: ask the headteacher");
}

static void
test_add_and_find (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(AttUser) found = NULL;
  g_autoptr(AttUser) by_id = NULL;
  g_autoptr(AttUser) copy = NULL;
  gint64 sam, jo;
  guint64 serial = att_db_get_serial (t->db);

  sam = att_users_add (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST, "Office", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam, >, 0);
  jo = att_users_add (t->db, att_user_system (), "  Jo Bennett ", ATT_ROLE_HEADTEACHER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jo, >, sam);
  g_assert_cmpuint (att_db_get_serial (t->db), ==, serial + 2);

  /* Names are unique whatever the case; nothing is added. */
  g_assert_cmpint (att_users_add (t->db, att_user_system (), "sam patel", ATT_ROLE_ADMIN, NULL, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Sam Patel"));
  g_clear_error (&error);
  g_assert_cmpint (att_users_add (t->db, att_user_system (), "   ", ATT_ROLE_ADMIN, NULL, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM users"), ==, 2);

  /* Listed by name: Jo before Sam. The name was trimmed; a missing
   * position is the role's name. */
  users = att_users_list (t->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_cmpstr (((AttUser *)users->pdata[0])->name, ==, "Jo Bennett");
  g_assert_cmpstr (((AttUser *)users->pdata[0])->position, ==, "Headteacher");
  g_assert_cmpint (((AttUser *)users->pdata[0])->role, ==, ATT_ROLE_HEADTEACHER);
  g_assert_cmpstr (((AttUser *)users->pdata[1])->name, ==, "Sam Patel");
  g_assert_cmpstr (((AttUser *)users->pdata[1])->position, ==, "Office");

  found = att_users_find (t->db, "SAM PATEL", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, sam);
  g_assert_cmpint (found->role, ==, ATT_ROLE_RECEPTIONIST);

  by_id = att_users_get (t->db, jo, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_id->name, ==, "Jo Bennett");

  g_assert_null (att_users_find (t->db, "Nobody", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nobody"));
  g_clear_error (&error);
  g_assert_null (att_users_get (t->db, 999, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The boxed type copies deeply. */
  copy = g_boxed_copy (ATT_TYPE_USER, found);
  g_assert_true (copy != found);
  g_assert_true (copy->name != found->name);
  g_assert_cmpstr (copy->name, ==, found->name);
  g_assert_cmpstr (copy->position, ==, found->position);
  g_assert_cmpint (copy->id, ==, found->id);

  /* Each addition is audited, by the system. */
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log a JOIN actors p ON p.id = a.actor_id "
                                      "WHERE a.action = 'users.add' AND p.name = 'System' AND p.user_id IS NULL"), ==, 2);
}

static void
test_actors (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) sam = NULL;
  gint64 system1, system2, actor1, actor2, actor3;

  att_users_add (t->db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST, "Office", &error);
  g_assert_no_error (error);
  sam = att_users_find (t->db, "Sam Patel", &error);
  g_assert_no_error (error);

  /* The system is one actor, however often it acts (users add above
   * already created it). */
  system1 = att_audit_actor (t->db, att_user_system (), &error);
  g_assert_no_error (error);
  system2 = att_audit_actor (t->db, att_user_system (), &error);
  g_assert_cmpint (system1, >, 0);
  g_assert_cmpint (system1, ==, system2);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM actors WHERE name = 'System' AND position = ''"), ==, 1);

  actor1 = att_audit_actor (t->db, sam, &error);
  actor2 = att_audit_actor (t->db, sam, &error);
  g_assert_no_error (error);
  g_assert_cmpint (actor1, !=, system1);
  g_assert_cmpint (actor1, ==, actor2);

  /* A new position is a new actor, so older rows keep the old one. */
  g_free (sam->position);
  sam->position = g_strdup ("Office manager");
  actor3 = att_audit_actor (t->db, sam, &error);
  g_assert_no_error (error);
  g_assert_cmpint (actor3, !=, actor1);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM actors"), ==, 3);

  g_assert_true (att_audit_log (t->db, sam, "test.action", "one", &error));
  g_assert_true (att_audit_log (t->db, sam, "test.action", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log a JOIN actors p ON p.id = a.actor_id "
                                      "WHERE a.action = 'test.action' AND p.position = 'Office manager'"), ==, 2);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'test.action' AND detail = ''"), ==, 1);
  /* "at" is UTC seconds now: after 1 January 2024 and not in the future. */
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE at < 1704067200 OR at > strftime('%s', 'now') + 5"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/users/roles", test_roles);
  g_test_add_func ("/users/matrix", test_matrix);
  g_test_add_func ("/users/refusals", test_refusal_messages);
  g_test_add_func ("/users/add-and-find", test_add_and_find);
  g_test_add_func ("/users/actors", test_actors);

  return g_test_run ();
}
