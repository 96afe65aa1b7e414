/* test-setup.c: a new school made a step at a time, England's suggested
 * term dates, and terms and closures removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-auth-private.h"
#include "att-db-private.h"
#include "att-test-util.h"

static void
assert_term (GArray     *terms,
             guint       i,
             const char *name,
             AttDate     start,
             AttDate     end)
{
  const AttTerm *term = &g_array_index (terms, AttTerm, i);

  g_assert_cmpstr (term->name, ==, name);
  g_assert_cmpint (term->start, ==, start);
  g_assert_cmpint (term->end, ==, end);
}

/* Weekdays in the terms that are not bank holidays. */
static guint
count_days (GArray *terms,
            GArray *closures)
{
  guint n = 0;

  for (guint i = 0; i < terms->len; i++)
    {
      const AttTerm *term = &g_array_index (terms, AttTerm, i);

      for (AttDate d = term->start; d <= term->end; d++)
        {
          gboolean closed = FALSE;

          for (guint j = 0; closures != NULL && j < closures->len; j++)
            closed |= d >= g_array_index (closures, AttClosure, j).start &&
                      d <= g_array_index (closures, AttClosure, j).end;
          if (att_date_weekday (d) <= 5 && !att_is_bank_holiday (d) && !closed)
            n++;
        }
    }
  return n;
}

/* The school year 2025-26, worked out by hand: 1 September 2025 is a
 * Monday; the last Monday of October is the 27th (half term, so Autumn 1
 * ends Friday 24 October and Autumn 2 starts Monday 3 November); 20
 * December is a Saturday, so Autumn 2 ends Friday 19 December. 3 January
 * 2026 is a Saturday: Spring 1 starts Monday 5 January; 11 February is a
 * Wednesday, so half term is the week of Monday 16 February (Spring 1
 * ends Friday 13, Spring 2 starts Monday 23). Easter Sunday is 5 April:
 * Spring 2 ends Friday 27 March, Summer 1 starts Monday 13 April. The
 * late May bank holiday is Monday 25 May: Summer 1 ends Friday 22 May,
 * Summer 2 starts Monday 1 June. Days so far: 8 weeks (40) + 7 weeks (35)
 * + 6 weeks (30) + 5 weeks (25) + 6 weeks less the early May bank holiday
 * (29) = 159; 36 more make 195: 7 weeks from 1 June (35) to Friday 17
 * July, and Monday 20 July, which is after 15 July. */
static void
test_suggest_half_terms (void)
{
  GArray *closures = NULL;
  GArray *terms = att_calendar_suggest_terms (2025, TRUE, &closures);

  g_assert_cmpuint (terms->len, ==, 6);
  assert_term (terms, 0, "Autumn 1 2025", D (2025, 9, 1), D (2025, 10, 24));
  assert_term (terms, 1, "Autumn 2 2025", D (2025, 11, 3), D (2025, 12, 19));
  assert_term (terms, 2, "Spring 1 2026", D (2026, 1, 5), D (2026, 2, 13));
  assert_term (terms, 3, "Spring 2 2026", D (2026, 2, 23), D (2026, 3, 27));
  assert_term (terms, 4, "Summer 1 2026", D (2026, 4, 13), D (2026, 5, 22));
  assert_term (terms, 5, "Summer 2 2026", D (2026, 6, 1), D (2026, 7, 20));
  g_assert_cmpuint (closures->len, ==, 0);
  g_assert_cmpuint (count_days (terms, closures), ==, 195);
  /* The core's own rules take them. */
  g_assert_true (att_calendar_check_terms ((AttTerm *)terms->data, terms->len, NULL));
  att_calendar_suggestion_free (terms, closures);
}

/* The same year in three terms, each half term a closure: Autumn from 1
 * September to 19 December closed 27 to 31 October, Spring from 5
 * January to 27 March closed 16 to 20 February, Summer from 13 April to
 * 20 July closed 25 to 29 May; still 195 days. */
static void
test_suggest_terms (void)
{
  GArray *closures = NULL;
  GArray *terms = att_calendar_suggest_terms (2025, FALSE, &closures);

  g_assert_cmpuint (terms->len, ==, 3);
  assert_term (terms, 0, "Autumn term 2025", D (2025, 9, 1), D (2025, 12, 19));
  assert_term (terms, 1, "Spring term 2026", D (2026, 1, 5), D (2026, 3, 27));
  assert_term (terms, 2, "Summer term 2026", D (2026, 4, 13), D (2026, 7, 20));
  g_assert_cmpuint (closures->len, ==, 3);
  g_assert_cmpint (g_array_index (closures, AttClosure, 0).start, ==, D (2025, 10, 27));
  g_assert_cmpint (g_array_index (closures, AttClosure, 0).end, ==, D (2025, 10, 31));
  g_assert_cmpint (g_array_index (closures, AttClosure, 1).start, ==, D (2026, 2, 16));
  g_assert_cmpint (g_array_index (closures, AttClosure, 2).start, ==, D (2026, 5, 25));
  g_assert_cmpstr (g_array_index (closures, AttClosure, 2).reason, ==, "Half term");
  g_assert_cmpuint (count_days (terms, closures), ==, 195);
  att_calendar_suggestion_free (terms, closures);

  /* August sets up the coming year, July the one ending. */
  g_assert_cmpint (att_setup_school_year (D (2025, 8, 1)), ==, 2025);
  g_assert_cmpint (att_setup_school_year (D (2025, 7, 31)), ==, 2024);
}

static void
test_check_terms (void)
{
  g_autoptr(GError) error = NULL;
  AttTerm terms[2] = {
    { 0, (char *)"Autumn 1", D (2025, 9, 1), D (2025, 10, 24) },
    { 0, (char *)"Autumn 2", D (2025, 10, 20), D (2025, 12, 19) },
  };

  g_assert_false (att_calendar_check_terms (terms, 2, &error));
  g_assert_cmpstr (error->message, ==,
                   "The term “Autumn 2” (2025-10-20 to 2025-12-19) overlaps the term “Autumn 1” "
                   "(2025-09-01 to 2025-10-24): terms may not overlap");
  g_clear_error (&error);
  terms[1].name = (char *)"  ";
  g_assert_false (att_calendar_check_term (terms[1].name, terms[1].start, terms[1].end, &error));
  g_assert_cmpstr (error->message, ==, "A term needs a name, for example “Autumn 1 2024”");
  g_clear_error (&error);
  g_assert_false (att_calendar_check_term ("Autumn 2", D (2025, 12, 19), D (2025, 11, 3), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

static gint64
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Nothing but the one file at @path is left in @dir: no half-made school. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_steps (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autofree char *path = g_build_filename (t->dir, "school", "attendance.db", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttSchool) school = NULL;
  const char *keys[] = { "name", "urn", "la", "email", NULL };
  const char *bad[] = { "Riverside Primary", "12345", "Testshire", "", NULL };
  const char *good[] = { "Riverside Primary", "123456", "Testshire", "", NULL };
  GArray *terms, *closures = NULL;
  AttCalendar *calendar;
  gint64 id;

  g_assert_cmpint (att_setup_get_step (NULL), ==, ATT_SETUP_SCHOOL);

  /* A URN of five digits: refused, and nothing left behind. */
  g_assert_false (att_school_check ("urn", "12345", &error));
  g_assert_cmpstr (error->message, ==,
                   "“12345” is not a URN: the school’s unique reference number has 6 digits");
  g_clear_error (&error);
  g_assert_true (att_school_check ("email", "", NULL));
  /* A time alone is checked as a time: 08:40 is one, though with the
   * default close (09:15) the register would stay open 35 minutes. */
  g_assert_true (att_school_check ("am_open", "08:40", NULL));
  g_assert_false (att_school_check ("am_open", "8h40", NULL));
  g_assert_false (att_school_check ("name", " ", NULL));
  g_assert_false (att_school_create (path, keys, bad, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Made whole: the folder holds the database and nothing else of ours
   * (SQLite folds its log in when the last connection closes). */
  g_assert_true (att_school_create (path, keys, good, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (folder), ==, 1);
  g_assert_false (att_school_create (path, keys, good, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_clear_error (&error);

  db = att_db_open (path, &error);
  g_assert_no_error (error);
  school = att_school_load (db);
  g_assert_cmpstr (school->name, ==, "Riverside Primary");
  g_assert_cmpstr (school->urn, ==, "123456");
  g_assert_cmpstr (school->email, ==, "");
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_TIMES);

  /* Going back to the school's details changes them. */
  good[2] = "Riverborough";
  g_assert_true (att_setup_save_school (db, keys, good, &error));
  g_assert_no_error (error);
  g_clear_pointer (&school, att_school_free);
  school = att_school_load (db);
  g_assert_cmpstr (school->la, ==, "Riverborough");
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_TIMES);

  /* The times checked together: a morning register open 40 minutes is
   * refused, and the step stays. */
  g_assert_false (att_setup_save_times (db, "08:30", "09:10", "13:00", "13:15", &error));
  g_assert_nonnull (strstr (error->message, "at most 30 minutes"));
  g_clear_error (&error);
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_TIMES);
  /* The afternoon moved whole, 13:50 to 14:10: its opening is after the
   * default close (13:45), which one end at a time would refuse; the four
   * are checked as they will be. */
  g_assert_true (att_setup_save_times (db, "08:40", "09:00", "13:50", "14:10", &error));
  g_assert_no_error (error);
  g_clear_pointer (&school, att_school_free);
  school = att_school_load (db);
  g_assert_cmpint (school->pm_open, ==, 13 * 60 + 50);
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_TERMS);

  /* The suggested terms, saved twice (the office came back to them):
   * six terms, not twelve. */
  terms = att_calendar_suggest_terms (2025, TRUE, &closures);
  g_assert_true (att_setup_save_terms (db, (AttTerm *)terms->data, terms->len, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (att_setup_save_terms (db, (AttTerm *)terms->data, terms->len, NULL, 0, &error));
  g_assert_no_error (error);
  att_calendar_suggestion_free (terms, closures);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM terms"), ==, 6);
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_ADMIN);
  /* England's bank holidays are in: Monday 4 May 2026 is in Summer 1
   * and closed. */
  calendar = att_db_get_calendar (db);
  g_assert_true (att_calendar_is_closed_session (calendar, D (2026, 5, 4), ATT_SESSION_AM));
  g_assert_cmpstr (att_calendar_closure_reason (calendar, D (2026, 5, 4), ATT_SESSION_AM), ==,
                   "Early May bank holiday");

  /* The administrator: the passwords must match, then they are added. */
  g_assert_false (att_setup_check_passwords ("correct horse", "correct hose", &error));
  g_assert_cmpstr (error->message, ==, "The two passwords are not the same: type them again");
  g_clear_error (&error);
  g_assert_false (att_setup_check_passwords ("short", "short", &error));
  g_assert_nonnull (strstr (error->message, "at least 8 characters"));
  g_clear_error (&error);
  id = att_setup_add_admin (db, "Fay Founder", "School Business Manager", "correct horse", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  admin = att_users_get (db, id, NULL);
  g_assert_cmpint (admin->role, ==, ATT_ROLE_ADMIN);
  g_assert_cmpstr (admin->position, ==, "School Business Manager");
  g_assert_true (att_users_has_password (db, id));
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_PUPILS);

  /* With a user, the system may no longer change the school. */
  g_assert_false (att_setup_save_times (db, "08:40", "09:00", "13:15", "13:30", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (att_setup_add_admin (db, "Second", NULL, "correct horse", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (att_setup_finish (db, admin, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_DONE);
  /* Each step in the audit log: school, times, terms, admin, done. */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit_log WHERE action = 'setup.step'"),
                   ==, 5);

  g_clear_object (&db);
}

/* A school made another way (att_db_create, the demo) has no set-up; one
 * whose users came through attendance-cli has finished with it. */
static void
test_other_ways (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autofree char *path = g_build_filename (t->dir, "init.db", NULL);
  const char *keys[] = { "name", NULL };
  const char *values[] = { "Hillside", NULL };
  g_autoptr(AttDb) db = NULL;
  g_autoptr(AttUser) user = NULL;

  g_assert_cmpint (att_setup_get_step (t->db), ==, ATT_SETUP_DONE);
  g_assert_true (att_school_create (path, keys, values, NULL));
  db = att_db_open (path, NULL);
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_TIMES);
  user = att_test_add_user (db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  g_assert_cmpint (att_setup_get_step (db), ==, ATT_SETUP_DONE);
}

/* A term goes with the closures inside it, but not while it holds a
 * mark; a closure goes and its days are school days again. */
static void
test_remove_term (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  AttMarkWrite write = { 0, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_N, -1, NULL };
  const AttTerm *terms;
  guint n;
  gint64 closure, spring, inset, autumn;

  att_test_school_init (&s);
  admin = att_test_add_user (s.db, "Ada Admin", ATT_ROLE_ADMIN, NULL);
  spring = att_calendar_add_term (s.db, admin, "Spring 1 2025", D (2025, 1, 6), D (2025, 2, 14), &error);
  g_assert_no_error (error);
  closure = att_calendar_add_closure (s.db, admin, D (2025, 1, 6), D (2025, 1, 6), -1, "INSET day", &error);
  g_assert_no_error (error);
  inset = att_calendar_add_closure (s.db, admin, D (2024, 9, 13), D (2024, 9, 13), -1, "INSET day", &error);
  g_assert_no_error (error);

  /* A receptionist may not. */
  g_assert_false (att_calendar_remove_term (s.db, s.receptionist, spring, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (att_calendar_remove_term (s.db, admin, spring, &error));
  g_assert_no_error (error);
  terms = att_calendar_get_terms (att_db_get_calendar (s.db), &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (terms[0].name, ==, "Autumn 1 2024");
  /* The terms are the calendar's, which a change below replaces. */
  autumn = terms[0].id;
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM closures"), ==, 1);
  (void)closure;

  /* Friday 13 September is closed until its closure goes. */
  g_assert_false (att_calendar_is_school_session (att_db_get_calendar (s.db), D (2024, 9, 13), ATT_SESSION_AM));
  g_assert_true (att_calendar_remove_closure (s.db, admin, inset, &error));
  g_assert_no_error (error);
  g_assert_true (att_calendar_is_school_session (att_db_get_calendar (s.db), D (2024, 9, 13), ATT_SESSION_AM));

  /* One mark on 10 September keeps Autumn 1. */
  write.pupil_id = att_test_school_add_pupil (&s, "Ben", "Carter", D (2012, 5, 1));
  g_assert_true (att_register_write (s.db, s.receptionist, &write, 1, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_false (att_calendar_remove_term (s.db, admin, autumn, &error));
  g_assert_cmpstr (error->message, ==,
                   "The term “Autumn 1 2024” (2024-09-02 to 2024-10-25) cannot be removed: 1 session "
                   "in it is already marked, and the register keeps every entry");
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM audit_log WHERE action = 'calendar.term.remove'"),
                   ==, 1);
  att_test_school_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  att_auth_use_fast_hashing_for_tests ();

  g_test_add_func ("/setup/suggest-half-terms", test_suggest_half_terms);
  g_test_add_func ("/setup/suggest-terms", test_suggest_terms);
  g_test_add_func ("/setup/check-terms", test_check_terms);
  g_test_add_func ("/setup/steps", test_steps);
  g_test_add_func ("/setup/other-ways", test_other_ways);
  g_test_add_func ("/setup/remove-term", test_remove_term);

  return g_test_run ();
}
