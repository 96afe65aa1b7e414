/* test-school.c: the school's settings and the register times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

static int
count_audit (AttDb *db)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db),
                                       "SELECT count(*) FROM audit_log WHERE action = 'school.set'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
assert_setting (AttDb      *db,
                const char *key,
                const char *expected)
{
  g_autofree char *value = att_school_get (db, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_keys (void)
{
  static const char * const expected[] = {
    "name", "urn", "la", "address", "phone", "email", "headteacher",
    "attendance_lead", "am_open", "am_close", "pm_open", "pm_close",
    "threshold_counts_n", "n_resolve_days", "lock_minutes", "penalty_improvement_weeks",
    "attendance_target", NULL
  };

  g_assert_true (g_strv_equal ((const char * const *)expected, att_school_keys ()));
}

static void
test_defaults (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttSchool) school = att_school_load (t->db);

  /* 08:45 = 525 minutes, 09:15 = 555, 13:15 = 795, 13:45 = 825. */
  g_assert_cmpint (school->am_open, ==, 525);
  g_assert_cmpint (school->am_close, ==, 555);
  g_assert_cmpint (school->pm_open, ==, 795);
  g_assert_cmpint (school->pm_close, ==, 825);
  g_assert_true (school->threshold_counts_n);
  g_assert_cmpint (school->n_resolve_days, ==, 5);
  /* The window locks after 10 minutes unused unless the school says. */
  g_assert_cmpint (school->lock_minutes, ==, 10);
  g_assert_cmpstr (school->name, ==, "");
  g_assert_cmpstr (school->email, ==, "");

  assert_setting (t->db, "am_open", "08:45");
  assert_setting (t->db, "pm_close", "13:45");
  assert_setting (t->db, "threshold_counts_n", "yes");
  assert_setting (t->db, "n_resolve_days", "5");
  assert_setting (t->db, "lock_minutes", "10");
  assert_setting (t->db, "urn", "");
  g_assert_null (att_school_get (t->db, "colour"));
}

static void
test_thirty_minute_rule (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttSchool) school = NULL;
  int audited;

  /* 08:45 to 09:15 is exactly 30 minutes: allowed. */
  g_assert_true (att_school_set (t->db, att_user_system (), "am_open", "08:45", &error));
  g_assert_true (att_school_set (t->db, att_user_system (), "am_close", "09:15", &error));
  g_assert_no_error (error);
  /* Those are the defaults already: no change, nothing logged. */
  audited = count_audit (t->db);
  g_assert_cmpint (audited, ==, 0);

  /* 08:45 to 09:16 is 31: refused, naming the session and the rule, and
   * nothing changes. */
  g_assert_false (att_school_set (t->db, att_user_system (), "am_close", "09:16", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "morning"));
  g_assert_nonnull (strstr (error->message, "30 minutes"));
  g_assert_nonnull (strstr (error->message, "2024"));
  g_clear_error (&error);
  assert_setting (t->db, "am_close", "09:15");
  g_assert_cmpint (count_audit (t->db), ==, audited);

  /* Moving the other end is checked against the close that stands:
   * 08:44 to 09:15 is 31 minutes too. */
  g_assert_false (att_school_set (t->db, att_user_system (), "am_open", "08:44", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  assert_setting (t->db, "am_open", "08:45");

  /* A register must close after it opens. */
  g_assert_false (att_school_set (t->db, att_user_system (), "am_open", "09:15", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  /* The afternoon is named in its own refusals: 13:15 to 13:46 is 31. */
  g_assert_false (att_school_set (t->db, att_user_system (), "pm_close", "13:46", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "afternoon"));
  g_clear_error (&error);

  /* 8:50 is read as 08:50: 25 minutes to 09:15. */
  g_assert_true (att_school_set (t->db, att_user_system (), "am_open", "8:50", &error));
  g_assert_no_error (error);
  assert_setting (t->db, "am_open", "08:50");
  school = att_school_load (t->db);
  g_assert_cmpint (school->am_open, ==, 530);

  g_assert_false (att_school_set (t->db, att_user_system (), "pm_open", "1:15pm", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "pm_open"));
  g_clear_error (&error);

  g_assert_cmpint (count_audit (t->db), ==, audited + 1);

  /* The same time again ("08:50" as "8:50" was) is no change: not logged. */
  g_assert_true (att_school_set (t->db, att_user_system (), "am_open", "08:50", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (t->db), ==, audited + 1);
}

static void
test_moving_both_ends (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "am_open", "am_close", NULL };
  const char *later[] = { "10:00", "10:20", NULL };
  const char *too_late[] = { "13:00", "13:20", NULL };

  /* One at a time the register could not move from 08:45-09:15 to
   * 10:00-10:20; both together it can. */
  g_assert_false (att_school_set (t->db, att_user_system (), "am_open", "10:00", &error));
  g_clear_error (&error);
  g_assert_true (att_school_set_many (t->db, att_user_system (), keys, later, &error));
  g_assert_no_error (error);
  assert_setting (t->db, "am_open", "10:00");
  assert_setting (t->db, "am_close", "10:20");

  /* The morning register must close before the afternoon one opens
   * (13:15 by default). */
  g_assert_false (att_school_set_many (t->db, att_user_system (), keys, too_late, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "13:15"));
  g_clear_error (&error);
  assert_setting (t->db, "am_open", "10:00");
}

static void
test_validation (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttSchool) school = NULL;
  static const struct {
    const char *key;
    const char *value;
  } bad[] = {
    { "urn", "12345" },
    { "urn", "1234567" },
    { "urn", "12345a" },
    { "email", "office" },
    { "email", "office@school" },
    { "email", "@school.org.uk" },
    { "email", "office@.uk" },
    { "threshold_counts_n", "maybe" },
    { "n_resolve_days", "0" },
    { "n_resolve_days", "31" },
    { "n_resolve_days", "five" },
    { "n_resolve_days", "5.5" },
    /* 1 to 120 minutes: never "0" (never lock) or longer than two hours. */
    { "lock_minutes", "0" },
    { "lock_minutes", "121" },
    { "lock_minutes", "ten" },
    { "name", "   " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s = '%s'", bad[i].key, bad[i].value);
      g_assert_false (att_school_set (t->db, att_user_system (), bad[i].key, bad[i].value, &error));
      g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpint (count_audit (t->db), ==, 0);

  /* An unknown key lists the valid ones. */
  g_assert_false (att_school_set (t->db, att_user_system (), "colour", "blue", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "colour"));
  g_assert_nonnull (strstr (error->message, "attendance_lead"));
  g_assert_nonnull (strstr (error->message, "n_resolve_days"));
  g_clear_error (&error);

  g_assert_true (att_school_set (t->db, att_user_system (), "name", " Riverside Primary School ", &error));
  g_assert_true (att_school_set (t->db, att_user_system (), "urn", "123456", &error));
  g_assert_true (att_school_set (t->db, att_user_system (), "email", "office@riverside.sch.uk", &error));
  g_assert_true (att_school_set (t->db, att_user_system (), "threshold_counts_n", "false", &error));
  g_assert_true (att_school_set (t->db, att_user_system (), "n_resolve_days", "10", &error));
  g_assert_true (att_school_set (t->db, att_user_system (), "lock_minutes", " 5 ", &error));
  g_assert_true (att_school_set (t->db, att_user_system (), "la", "", &error));
  g_assert_no_error (error);

  assert_setting (t->db, "name", "Riverside Primary School");
  assert_setting (t->db, "threshold_counts_n", "no");
  assert_setting (t->db, "n_resolve_days", "10");

  school = att_school_load (t->db);
  g_assert_cmpstr (school->name, ==, "Riverside Primary School");
  g_assert_cmpstr (school->urn, ==, "123456");
  g_assert_cmpstr (school->email, ==, "office@riverside.sch.uk");
  g_assert_false (school->threshold_counts_n);
  g_assert_cmpint (school->n_resolve_days, ==, 10);
  g_assert_cmpint (school->lock_minutes, ==, 5);

  g_assert_true (att_school_set (t->db, att_user_system (), "threshold_counts_n", "Y", &error));
  assert_setting (t->db, "threshold_counts_n", "yes");
  /* Seven changes (name, urn, email, threshold_counts_n twice,
   * n_resolve_days, lock_minutes): la was empty already. */
  g_assert_cmpint (count_audit (t->db), ==, 7);
}

static void
test_roles (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) officer = NULL;
  g_autoptr(AttUser) admin = NULL;

  att_users_add (t->db, att_user_system (), "Ana Lopez", ATT_ROLE_ATTENDANCE_OFFICER, NULL, &error);
  att_users_add (t->db, att_user_system (), "Alex Reed", ATT_ROLE_ADMIN, "Data manager", &error);
  g_assert_no_error (error);
  officer = att_users_find (t->db, "Ana Lopez", &error);
  admin = att_users_find (t->db, "Alex Reed", &error);
  g_assert_no_error (error);

  g_assert_false (att_school_set (t->db, officer, "am_close", "09:10", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Ana Lopez"));
  g_clear_error (&error);
  assert_setting (t->db, "am_close", "09:15");

  g_assert_true (att_school_set (t->db, admin, "am_close", "09:10", &error));
  g_assert_no_error (error);
  assert_setting (t->db, "am_close", "09:10");
}

/* The attendance target: a percentage from 50 to 100 with at most one
 * decimal place kept, or nothing for none. */
static void
test_attendance_target (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  static const char * const refused[] = { "49.9", "100.1", "abc", "96%", "-96", "9 6", "96,5", "1e2" };
  const AttUser *system = att_user_system ();

  assert_setting (t->db, "attendance_target", "");
  g_assert_cmpfloat (att_school_attendance_target (t->db), ==, 0.0);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (att_school_set (t->db, system, "attendance_target", refused[i], &error));
      g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "attendance_target"));
    }
  assert_setting (t->db, "attendance_target", "");

  {
    g_autoptr(GError) error = NULL;

    g_assert_true (att_school_set (t->db, system, "attendance_target", " 96 ", &error));
    g_assert_no_error (error);
    assert_setting (t->db, "attendance_target", "96");
    g_assert_cmpfloat (att_school_attendance_target (t->db), ==, 96.0);
    /* 96.54 is kept to one decimal place, 96.5. */
    g_assert_true (att_school_set (t->db, system, "attendance_target", "96.54", &error));
    assert_setting (t->db, "attendance_target", "96.5");
    g_assert_cmpfloat (att_school_attendance_target (t->db), ==, 96.5);
    g_assert_true (att_school_set (t->db, system, "attendance_target", "50", &error));
    g_assert_true (att_school_set (t->db, system, "attendance_target", "100", &error));
    g_assert_cmpfloat (att_school_attendance_target (t->db), ==, 100.0);
    /* Nothing removes the target. */
    g_assert_true (att_school_set (t->db, system, "attendance_target", "", &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (att_school_attendance_target (t->db), ==, 0.0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/school/keys", test_keys);
  g_test_add_func ("/school/defaults", test_defaults);
  g_test_add_func ("/school/thirty-minutes", test_thirty_minute_rule);
  g_test_add_func ("/school/both-ends", test_moving_both_ends);
  g_test_add_func ("/school/validation", test_validation);
  g_test_add_func ("/school/roles", test_roles);
  g_test_add_func ("/school/attendance-target", test_attendance_target);

  return g_test_run ();
}
