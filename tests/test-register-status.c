/* test-register-status.c: the past sessions left unmarked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: an autumn term from Mon 2 September 2024 with an INSET day
 * on Fri 13 September; registers 08:40-09:00 and 13:15-13:30. 7A holds
 * Amy and Ben, 7B holds Eve, all on roll from 2 September, and Cara,
 * who joins 7B on Wed 11 September.
 */
#include "config.h"

#include "att-db-private.h"
#include "att-register-status.h"
#include "att-school.h"
#include "att-test-util.h"

static void
mark (AttDb      *db,
      AttUser    *user,
      gint64      pupil,
      AttDate     date,
      AttSession  session)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { pupil, date, session,
                     session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM,
                     -1, NULL };

  g_assert_true (att_register_write (db, user, &w, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static const AttRegisterGap *
gap_at (GPtrArray *gaps,
        guint      i)
{
  return g_ptr_array_index (gaps, i);
}

static const char *
group_at (const AttRegisterGap *gap,
          guint                 i)
{
  return ((const AttRegisterStatus *)g_ptr_array_index (gap->groups, i))->group;
}

static void
test_incomplete_past (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  AttDb *db = t->db;
  AttUser *officer;
  gint64 amy, ben, eve, id;

  att_calendar_add_term (db, (AttUser *)att_user_system (), "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20), &error);
  g_assert_no_error (error);
  att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2024, 9, 13), D (2024, 9, 13), -1, "INSET day", &error);
  g_assert_no_error (error);
  att_school_set (db, att_user_system (), "am_close", "09:00", &error);
  att_school_set (db, att_user_system (), "am_open", "08:40", &error);
  att_school_set (db, att_user_system (), "pm_close", "13:30", &error);
  att_school_set (db, att_user_system (), "pm_open", "13:15", &error);
  g_assert_no_error (error);
  id = att_users_add (db, att_user_system (), "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer", &error);
  g_assert_no_error (error);
  officer = att_users_get (db, id, &error);
  amy = att_test_save_pupil (db, att_test_pupil_new ("Amy", "Able", 7, "7A", D (2013, 1, 10), D (2024, 9, 2)));
  ben = att_test_save_pupil (db, att_test_pupil_new ("Ben", "Brown", 7, "7A", D (2013, 2, 10), D (2024, 9, 2)));
  eve = att_test_save_pupil (db, att_test_pupil_new ("Eve", "Evans", 7, "7B", D (2013, 3, 10), D (2024, 9, 2)));
  att_test_save_pupil (db, att_test_pupil_new ("Cara", "Cole", 7, "7B", D (2013, 4, 10), D (2024, 9, 11)));

  /* Mon 9: the morning complete; in the afternoon Eve was missed.
   * Tue 10: only Amy marked in the morning, nobody yet after lunch.
   * Fri 6 (before @first) was never marked at all. */
  mark (db, officer, amy, D (2024, 9, 9), ATT_SESSION_AM);
  mark (db, officer, ben, D (2024, 9, 9), ATT_SESSION_AM);
  mark (db, officer, eve, D (2024, 9, 9), ATT_SESSION_AM);
  mark (db, officer, amy, D (2024, 9, 9), ATT_SESSION_PM);
  mark (db, officer, ben, D (2024, 9, 9), ATT_SESSION_PM);
  mark (db, officer, amy, D (2024, 9, 10), ATT_SESSION_AM);

  /* Tuesday at 13:20, from Monday on: the afternoon register is still
   * open (13:15-13:30), so two sessions are listed, oldest first:
   * Mon PM, 7B with Eve unmarked (1 pupil); Tue AM, 7A with Ben and 7B
   * with Eve unmarked (2 pupils). Fri 6 is before the first day asked. */
  gaps = att_register_incomplete_past (db, D (2024, 9, 9), D (2024, 9, 10), 13 * 60 + 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 2);
  g_assert_cmpint (gap_at (gaps, 0)->date, ==, D (2024, 9, 9));
  g_assert_cmpint (gap_at (gaps, 0)->session, ==, ATT_SESSION_PM);
  g_assert_cmpuint (gap_at (gaps, 0)->unmarked, ==, 1);
  g_assert_cmpuint (gap_at (gaps, 0)->groups->len, ==, 1);
  g_assert_cmpstr (group_at (gap_at (gaps, 0), 0), ==, "7B");
  g_assert_cmpint (gap_at (gaps, 1)->date, ==, D (2024, 9, 10));
  g_assert_cmpint (gap_at (gaps, 1)->session, ==, ATT_SESSION_AM);
  g_assert_cmpuint (gap_at (gaps, 1)->unmarked, ==, 2);
  g_assert_cmpuint (gap_at (gaps, 1)->groups->len, ==, 2);
  g_assert_cmpstr (group_at (gap_at (gaps, 1), 0), ==, "7A");
  g_assert_cmpstr (group_at (gap_at (gaps, 1), 1), ==, "7B");

  /* At 13:30 the afternoon register has closed with nobody marked: Tue
   * PM joins the list with its 3 pupils (Amy, Ben, Eve; Cara comes on
   * Wednesday). */
  g_clear_pointer (&gaps, g_ptr_array_unref);
  gaps = att_register_incomplete_past (db, D (2024, 9, 9), D (2024, 9, 10), 13 * 60 + 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 3);
  g_assert_cmpint (gap_at (gaps, 2)->session, ==, ATT_SESSION_PM);
  g_assert_cmpuint (gap_at (gaps, 2)->unmarked, ==, 3);

  /* Friday 13 (the INSET day) in the afternoon, from Thursday: Thursday's
   * two sessions, each with 4 pupils unmarked (Cara now on roll); the
   * INSET day has no register to miss. */
  g_clear_pointer (&gaps, g_ptr_array_unref);
  gaps = att_register_incomplete_past (db, D (2024, 9, 12), D (2024, 9, 13), 16 * 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 2);
  g_assert_cmpint (gap_at (gaps, 0)->date, ==, D (2024, 9, 12));
  g_assert_cmpuint (gap_at (gaps, 0)->unmarked, ==, 4);
  g_assert_cmpuint (gap_at (gaps, 1)->unmarked, ==, 4);

  /* Completing Monday afternoon (Eve) takes it off the list. */
  mark (db, officer, eve, D (2024, 9, 9), ATT_SESSION_PM);
  g_clear_pointer (&gaps, g_ptr_array_unref);
  gaps = att_register_incomplete_past (db, D (2024, 9, 9), D (2024, 9, 10), 13 * 60 + 20, &error);
  g_assert_cmpuint (gaps->len, ==, 1);
  g_assert_cmpint (gap_at (gaps, 0)->date, ==, D (2024, 9, 10));

  att_user_free (officer);
}

/* The one statement of the late rule, at its edges: a register open from
 * 08:40 (520) to 09:00 (540) is 20 minutes long. */
static void
test_late_code_for (void)
{
  g_assert_cmpint (att_register_late_code_for (520, 540, 0), ==, ATT_CODE_L);
  /* 19 minutes late: 08:59, still open. */
  g_assert_cmpint (att_register_late_code_for (520, 540, 19), ==, ATT_CODE_L);
  /* 20 minutes late: 09:00, the moment it closed. */
  g_assert_cmpint (att_register_late_code_for (520, 540, 20), ==, ATT_CODE_U);
  g_assert_cmpint (att_register_late_code_for (520, 540, 95), ==, ATT_CODE_U);
  /* The afternoon: 13:10 (790) to 13:40 (820), 30 minutes. */
  g_assert_cmpint (att_register_late_code_for (790, 820, 29), ==, ATT_CODE_L);
  g_assert_cmpint (att_register_late_code_for (790, 820, 30), ==, ATT_CODE_U);
}

/* The register times from the settings read once (as a write of marks
 * reads them for both sessions) are those read session by session: the
 * school's 08:50-09:05 (530-545) and 13:20-13:35 (800-815), and without
 * a school the usual 08:40-09:10 (520-550) and 13:10-13:40 (790-820).
 * The settings are read in one transaction, which has ended. */
static void
test_times_of (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttSchool) school = NULL;
  AttDb *db = t->db;
  int open, close, open_of, close_of;

  att_school_set (db, att_user_system (), "am_open", "08:50", &error);
  att_school_set (db, att_user_system (), "am_close", "09:05", &error);
  att_school_set (db, att_user_system (), "pm_open", "13:20", &error);
  att_school_set (db, att_user_system (), "pm_close", "13:35", &error);
  g_assert_no_error (error);

  school = att_school_load (db);
  g_assert_nonnull (school);
  g_assert_true (sqlite3_get_autocommit (att_db_get_handle (db)));
  for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
    {
      att_register_times (db, s, &open, &close);
      att_register_times_of (school, s, &open_of, &close_of);
      g_assert_cmpint (open_of, ==, open);
      g_assert_cmpint (close_of, ==, close);
    }
  att_register_times_of (school, ATT_SESSION_AM, &open, &close);
  g_assert_cmpint (open, ==, 530);
  g_assert_cmpint (close, ==, 545);
  att_register_times_of (school, ATT_SESSION_PM, &open, &close);
  g_assert_cmpint (open, ==, 800);
  g_assert_cmpint (close, ==, 815);

  att_register_times_of (NULL, ATT_SESSION_AM, &open, &close);
  g_assert_cmpint (open, ==, 520);
  g_assert_cmpint (close, ==, 550);
  att_register_times_of (NULL, ATT_SESSION_PM, &open, &close);
  g_assert_cmpint (open, ==, 790);
  g_assert_cmpint (close, ==, 820);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/register-status/incomplete-past", test_incomplete_past);
  g_test_add_func ("/register-status/late-code-for", test_late_code_for);
  g_test_add_func ("/register-status/times-of", test_times_of);
  return g_test_run ();
}
