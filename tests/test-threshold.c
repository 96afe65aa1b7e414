/* test-threshold.c: the National Framework check for penalty notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's calendar and its school weeks (Monday dates):
 *   Summer 2 2024  Mon 3 Jun .. Fri 19 Jul 2024:
 *                  3 Jun, 10 Jun, 17 Jun, 24 Jun, 1 Jul, 8 Jul, 15 Jul
 *   (summer holiday: no school weeks)
 *   Autumn 1 2024  Mon 2 Sep .. Fri 25 Oct 2024:
 *                  2 Sep, 9 Sep, 16 Sep, 23 Sep, 30 Sep, 7 Oct, 14 Oct, 21 Oct
 *   (half term, Mon 28 Oct .. Fri 1 Nov: no sessions)
 *   Autumn 2 2024  Mon 4 Nov .. Fri 20 Dec 2024: 4 Nov, 11 Nov, ...
 *
 * As of Fri 8 Nov 2024 the ten school weeks are 4 Nov, the eight weeks of
 * Autumn 1 and 15 Jul: the window runs from Mon 15 Jul 2024 to Fri 8 Nov
 * 2024, across the half term and across the summer into a new school year.
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-register-private.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
} Fixture;

static gint64
add_pupil_born (Fixture    *f,
                const char *forename,
                const char *surname,
                AttDate     dob,
                AttDate     admission)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, 8, "8B", dob, admission);

  pupil->sex = 'M';
  return att_test_save_pupil (f->db, pupil);
}

/* Born 3 March 2012: of compulsory school age from 31 March 2017 to the
 * last Friday of June 2028, all through these tests. */
static gint64
add_pupil (Fixture    *f,
           const char *forename,
           const char *surname,
           AttDate     admission)
{
  return add_pupil_born (f, forename, surname, D (2012, 3, 3), admission);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_setenv ("ATTENDANCE_TODAY", "2024-11-08", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  att_test_add_term (f->db, "Summer 2 2024", D (2024, 6, 3), D (2024, 7, 19));
  att_test_add_term (f->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  att_test_add_term (f->db, "Autumn 2 2024", D (2024, 11, 4), D (2024, 12, 20));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_test_db_free (f->t);
}

/* Marks @count school sessions with @code, starting at @date @session. */
static void
mark_sessions (Fixture    *f,
               gint64      pupil,
               AttDate     date,
               AttSession  session,
               guint       count,
               AttCode     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  AttCalendar *calendar = att_db_get_calendar (f->db);
  int s = session;

  while (writes->len < count)
    {
      if (att_calendar_is_school_session (calendar, date, s))
        {
          AttMarkWrite w = { pupil, date, s, code, -1, NULL };
          g_array_append_val (writes, w);
        }
      if (++s > ATT_SESSION_PM)
        {
          s = ATT_SESSION_AM;
          date++;
        }
      g_assert_cmpint (date, <, D (2025, 1, 1));
    }
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite *)(void *)writes->data,
                                     writes->len, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
check_pupil (Fixture   *f,
             gint64     pupil,
             AttDate    as_of,
             AttBreach *breach)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (att_threshold_pupil (f->db, pupil, as_of, breach, &error));
  g_assert_no_error (error);
  g_assert_cmpint (breach->pupil_id, ==, pupil);
}

static void
test_nine_and_ten (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) breaches = NULL;
  gint64 nina = add_pupil (f, "Nina", "Nine", D (2023, 9, 4));
  gint64 tom = add_pupil (f, "Tom", "Ten", D (2023, 9, 4));
  AttBreach b;

  /* Nina: 9 sessions of O from Mon 2 Sep AM to Fri 6 Sep AM. */
  mark_sessions (f, nina, D (2024, 9, 2), ATT_SESSION_AM, 9, ATT_CODE_O);
  check_pupil (f, nina, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 9);
  g_assert_cmpint (b.window_start, ==, D (2024, 7, 15));
  g_assert_cmpint (b.window_end, ==, D (2024, 11, 8));
  g_assert_cmpuint (b.school_weeks, ==, 10);

  /* Tom: a holiday (G) Fri 12 Jul, outside the window, then 5 sessions of
   * G from Mon 15 Jul AM to Wed 17 Jul AM (last week of the summer term),
   * and 5 of O from Mon 4 Nov AM to Wed 6 Nov AM, after the half term:
   * 5 + 5 = 10 in the window, a breach. */
  mark_sessions (f, tom, D (2024, 7, 12), ATT_SESSION_AM, 2, ATT_CODE_G);
  mark_sessions (f, tom, D (2024, 7, 15), ATT_SESSION_AM, 5, ATT_CODE_G);
  mark_sessions (f, tom, D (2024, 11, 4), ATT_SESSION_AM, 5, ATT_CODE_O);
  check_pupil (f, tom, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 10);
  g_assert_cmpuint (b.codes[ATT_CODE_G], ==, 5);
  g_assert_cmpuint (b.codes[ATT_CODE_O], ==, 5);
  g_assert_false (b.includes_n);
  g_assert_cmpuint (b.school_weeks, ==, 10);
  g_assert_cmpint (b.window_start, ==, D (2024, 7, 15));
  g_assert_cmpint (b.window_end, ==, D (2024, 11, 8));
  g_assert_cmpuint (b.notices_3y, ==, 0);
  g_assert_false (b.considered);

  /* Only Tom is a breach. */
  breaches = att_threshold_check (f->db, D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches->len, ==, 1);
  g_assert_cmpint (g_array_index (breaches, AttBreach, 0).pupil_id, ==, tom);
  g_assert_cmpmem (&g_array_index (breaches, AttBreach, 0), sizeof b, &b, sizeof b);

  /* A week later (Fri 15 Nov) the window starts on Mon 2 Sep: Tom's July
   * sessions have dropped out, 5 remain. */
  check_pupil (f, tom, D (2024, 11, 15), &b);
  g_assert_cmpint (b.window_start, ==, D (2024, 9, 2));
  g_assert_cmpuint (b.sessions, ==, 5);
  g_clear_pointer (&breaches, g_array_unref);
  breaches = att_threshold_check (f->db, D (2024, 11, 15), &error);
  g_assert_cmpuint (breaches->len, ==, 0);

  /* Unknown pupil */
  g_assert_false (att_threshold_pupil (f->db, 777, D (2024, 11, 8), &b, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
}

static void
test_as_of_in_holiday (Fixture       *f,
                       gconstpointer  data)
{
  gint64 amy = add_pupil (f, "Amy", "Able", D (2023, 9, 4));
  AttBreach b;

  /* Wed 30 Oct is in the half term: the window ends with the last school
   * week before it (21 Oct, last day Fri 25 Oct) and goes back to 8 Jul.
   * U sessions: Mon 8 Jul AM (first day of the window) and the 9 sessions
   * from Mon 21 Oct AM to Fri 25 Oct AM: 10. */
  mark_sessions (f, amy, D (2024, 7, 8), ATT_SESSION_AM, 1, ATT_CODE_U);
  mark_sessions (f, amy, D (2024, 10, 21), ATT_SESSION_AM, 9, ATT_CODE_U);
  check_pupil (f, amy, D (2024, 10, 30), &b);
  g_assert_cmpint (b.window_start, ==, D (2024, 7, 8));
  g_assert_cmpint (b.window_end, ==, D (2024, 10, 25));
  g_assert_cmpuint (b.school_weeks, ==, 10);
  g_assert_cmpuint (b.sessions, ==, 10);
  g_assert_cmpuint (b.codes[ATT_CODE_U], ==, 10);

  /* Before any school week there is no window at all. */
  check_pupil (f, amy, D (2024, 1, 15), &b);
  g_assert_cmpint (b.window_start, ==, ATT_DATE_NONE);
  g_assert_cmpuint (b.sessions, ==, 0);
  g_assert_cmpuint (b.school_weeks, ==, 0);
}

static void
test_up_to_as_of (Fixture       *f,
                  gconstpointer  data)
{
  gint64 amy = add_pupil (f, "Amy", "Able", D (2023, 9, 4));
  AttBreach b;

  /* 10 sessions of O, Mon 4 Nov AM to Fri 8 Nov PM. */
  mark_sessions (f, amy, D (2024, 11, 4), ATT_SESSION_AM, 10, ATT_CODE_O);

  /* As of Wed 6 Nov: Mon, Tue, Wed = 6 sessions; the rest has not
   * happened yet as far as the check goes. */
  check_pupil (f, amy, D (2024, 11, 6), &b);
  g_assert_cmpint (b.window_end, ==, D (2024, 11, 6));
  g_assert_cmpuint (b.sessions, ==, 6);
  check_pupil (f, amy, D (2024, 11, 7), &b);
  g_assert_cmpuint (b.sessions, ==, 8);
  check_pupil (f, amy, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 10);
}

static void
test_counts_n (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) breaches = NULL;
  gint64 nell = add_pupil (f, "Nell", "Noreason", D (2023, 9, 4));
  AttBreach b;

  /* 6 N (Mon 4 Nov AM .. Wed 6 Nov PM) and 4 O (Thu 7, Fri 8 Nov). */
  mark_sessions (f, nell, D (2024, 11, 4), ATT_SESSION_AM, 6, ATT_CODE_N);
  mark_sessions (f, nell, D (2024, 11, 7), ATT_SESSION_AM, 4, ATT_CODE_O);

  /* N counts unless the school says otherwise: 10, flagged. */
  g_assert_null (att_db_get_setting (f->db, "threshold_counts_n"));
  check_pupil (f, nell, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 10);
  g_assert_cmpuint (b.codes[ATT_CODE_N], ==, 6);
  g_assert_true (b.includes_n);
  breaches = att_threshold_check (f->db, D (2024, 11, 8), &error);
  g_assert_cmpuint (breaches->len, ==, 1);
  g_assert_true (g_array_index (breaches, AttBreach, 0).includes_n);

  /* Turned off: only the 4 O count. */
  g_assert_true (att_school_set (f->db, att_user_system (), "threshold_counts_n", "no", &error));
  g_assert_no_error (error);
  check_pupil (f, nell, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 4);
  g_assert_cmpuint (b.codes[ATT_CODE_N], ==, 0);
  g_assert_false (b.includes_n);
  g_clear_pointer (&breaches, g_array_unref);
  breaches = att_threshold_check (f->db, D (2024, 11, 8), &error);
  g_assert_cmpuint (breaches->len, ==, 0);

  /* And on again. */
  g_assert_true (att_school_set (f->db, att_user_system (), "threshold_counts_n", "yes", &error));
  check_pupil (f, nell, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 10);
}

static void
test_on_roll_only (Fixture       *f,
                   gconstpointer  data)
{
  gint64 ben = add_pupil (f, "Ben", "Brown", D (2024, 10, 21));
  AttBreach b;

  /* Ben joined on Mon 21 Oct: of the window's ten weeks he was on roll in
   * two (21 Oct and 4 Nov). 9 sessions of G from 21 Oct AM to 25 Oct AM
   * and 1 on Mon 4 Nov AM: 10, a breach over two school weeks. */
  mark_sessions (f, ben, D (2024, 10, 21), ATT_SESSION_AM, 9, ATT_CODE_G);
  mark_sessions (f, ben, D (2024, 11, 4), ATT_SESSION_AM, 1, ATT_CODE_G);
  check_pupil (f, ben, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 10);
  g_assert_cmpuint (b.school_weeks, ==, 2);
  g_assert_cmpint (b.window_start, ==, D (2024, 7, 15));
}

static void
test_compulsory_age_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) breaches = NULL;
  /* Rita, born 20 July 2019: five on 20 July 2024, of compulsory school
   * age from the next prescribed day, Sat 31 August 2024. */
  gint64 rita = add_pupil_born (f, "Rita", "Reception", D (2019, 7, 20), D (2023, 9, 4));
  /* Lee, born 31 August 2008: sixteen on 31 August 2024, in school year
   * 2023/24, so of compulsory school age until Fri 28 June 2024. */
  gint64 lee = add_pupil_born (f, "Lee", "Leaver", D (2008, 8, 31), D (2023, 9, 4));
  AttBreach b;

  /* Rita: 5 G Mon 15 Jul AM .. Wed 17 Jul AM, before her compulsory school
   * age, and 5 O Mon 4 Nov AM .. Wed 6 Nov AM after it started. As of Fri
   * 8 Nov only the 5 O count, over the 9 school weeks from 2 Sep (the
   * 8 of Autumn 1 and 4 Nov): no breach, though she has 10 in the window. */
  mark_sessions (f, rita, D (2024, 7, 15), ATT_SESSION_AM, 5, ATT_CODE_G);
  mark_sessions (f, rita, D (2024, 11, 4), ATT_SESSION_AM, 5, ATT_CODE_O);
  check_pupil (f, rita, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 5);
  g_assert_cmpuint (b.codes[ATT_CODE_G], ==, 0);
  g_assert_cmpuint (b.school_weeks, ==, 9);
  breaches = att_threshold_check (f->db, D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches->len, ==, 0);
  g_clear_pointer (&breaches, g_array_unref);

  /* Lee: 10 O from Mon 17 Jun AM to Fri 21 Jun PM, while still of
   * compulsory school age, and 4 more Mon 1 and Tue 2 Jul, after it
   * ended. As of Fri 21 Jun: 10, a breach, listed. */
  mark_sessions (f, lee, D (2024, 6, 17), ATT_SESSION_AM, 10, ATT_CODE_O);
  mark_sessions (f, lee, D (2024, 7, 1), ATT_SESSION_AM, 4, ATT_CODE_O);
  breaches = att_threshold_check (f->db, D (2024, 6, 21), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches->len, ==, 1);
  g_assert_cmpint (g_array_index (breaches, AttBreach, 0).pupil_id, ==, lee);
  g_clear_pointer (&breaches, g_array_unref);

  /* As of Fri 5 Jul his 10 June sessions are still in the window, but the
   * July ones do not count (10, not 14), and he is no longer of
   * compulsory school age, so he is never listed. The window's school
   * weeks in his span are the 4 from 3 Jun to 24 Jun. */
  check_pupil (f, lee, D (2024, 7, 5), &b);
  g_assert_cmpuint (b.sessions, ==, 10);
  g_assert_cmpuint (b.school_weeks, ==, 4);
  breaches = att_threshold_check (f->db, D (2024, 7, 5), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches->len, ==, 0);
}

static void
test_bank_holiday_monday (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) breaches = NULL;
  gint64 amy = add_pupil (f, "Amy", "Able", D (2023, 9, 4));
  AttBreach b;

  /* Summer 1 2025 from Mon 21 Apr (Easter Monday, a bank holiday, so no
   * sessions) with Mon 5 May, the early May bank holiday. As of Mon 5 May
   * the week of 5 May holds sessions Tuesday to Friday, so it is a school
   * week: the ten are 5 May, 28 Apr, 21 Apr and the seven of Autumn 2
   * (16 Dec back to 4 Nov). The window starts on Mon 4 Nov 2024 and its
   * last school day up to the as-of date is Fri 2 May 2025. */
  att_test_add_term (f->db, "Summer 1 2025", D (2025, 4, 21), D (2025, 5, 23));
  mark_sessions (f, amy, D (2024, 11, 4), ATT_SESSION_AM, 10, ATT_CODE_O);

  check_pupil (f, amy, D (2025, 5, 5), &b);
  g_assert_cmpint (b.window_start, ==, D (2024, 11, 4));
  g_assert_cmpint (b.window_end, ==, D (2025, 5, 2));
  g_assert_cmpuint (b.school_weeks, ==, 10);
  g_assert_cmpuint (b.sessions, ==, 10);
  breaches = att_threshold_check (f->db, D (2025, 5, 5), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches->len, ==, 1);
  g_assert_cmpuint (g_array_index (breaches, AttBreach, 0).school_weeks, ==, 10);

  /* A week later the window starts at 11 Nov and the 10 O have dropped
   * out to none. */
  check_pupil (f, amy, D (2025, 5, 12), &b);
  g_assert_cmpint (b.window_start, ==, D (2024, 11, 11));
  g_assert_cmpuint (b.sessions, ==, 0);
}

static gint64
actor_of_system (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 actor = att_audit_actor (f->db, att_user_system (), &error);

  g_assert_no_error (error);
  return actor;
}

static void
add_decision (Fixture    *f,
              gint64      pupil,
              AttDate     as_of,
              const char *decision)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (f->db),
                                       "INSERT INTO penalty_decisions (pupil_id, as_of, decision, rationale, actor_id, at) "
                                       "VALUES (?, ?, ?, 'test', ?, 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, pupil);
  sqlite3_bind_int (stmt, 2, as_of);
  sqlite3_bind_text (stmt, 3, decision, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, actor_of_system (f));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A penalty notice requested on @requested, as the penalty core records
 * it (written here directly, without its checks). */
static void
add_notice (Fixture    *f,
            gint64      pupil,
            AttDate     requested,
            const char *status)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (f->db),
                                       "INSERT INTO penalty_notices (pupil_id, parent, kind, requested, status, "
                                       "status_date, actor_id, at) VALUES (?, 'Mr Ten', 'first', ?, ?, ?, ?, 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, pupil);
  sqlite3_bind_int (stmt, 2, requested);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, requested);
  sqlite3_bind_int64 (stmt, 5, actor_of_system (f));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_decisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) breaches = NULL;
  gint64 tom = add_pupil (f, "Tom", "Ten", D (2023, 9, 4));
  gint64 other = add_pupil (f, "Olly", "Other", D (2023, 9, 4));
  AttBreach b;

  mark_sessions (f, tom, D (2024, 11, 4), ATT_SESSION_AM, 10, ATT_CODE_O);

  /* Past notices. The 3 years to Fri 8 Nov 2024 start after Mon 8 Nov
   * 2021. Counted: the notice of 10 Jan 2022 (paid). Not counted: the
   * notice of exactly 8 Nov 2021, the withdrawn one, a decision to ask for
   * a notice (the notice itself is what counts) and the other pupil's
   * notice. */
  add_notice (f, tom, D (2022, 1, 10), "paid");
  add_notice (f, tom, D (2021, 11, 8), "paid");
  add_notice (f, tom, D (2023, 5, 1), "withdrawn");
  add_decision (f, tom, D (2023, 6, 1), "penalty-notice");
  add_notice (f, other, D (2024, 10, 1), "issued");
  /* After the as-of date: neither a past notice nor a consideration. */
  add_notice (f, tom, D (2024, 11, 20), "requested");
  add_decision (f, tom, D (2024, 11, 20), "support");

  check_pupil (f, tom, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.sessions, ==, 10);
  g_assert_cmpuint (b.notices_3y, ==, 1);
  g_assert_false (b.considered);

  /* A decision within the window (from Mon 15 Jul 2024) records that the
   * breach was considered. */
  add_decision (f, tom, D (2024, 10, 1), "notice-to-improve");
  breaches = att_threshold_check (f->db, D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches->len, ==, 1);
  g_assert_true (g_array_index (breaches, AttBreach, 0).considered);
  g_assert_cmpuint (g_array_index (breaches, AttBreach, 0).notices_3y, ==, 1);

  /* A second notice inside the 3 years makes 2, requested or issued. */
  add_notice (f, tom, D (2024, 11, 8), "requested");
  check_pupil (f, tom, D (2024, 11, 8), &b);
  g_assert_cmpuint (b.notices_3y, ==, 2);
  g_assert_true (b.considered);
}

/* The check of every pupil from a connection that has read nothing of
 * the register yet: each year's compact copy is read from the file as
 * the pupils are counted, in the order of their numbers, and the
 * breaches still come in the order of the list (by name). As of Fri 8 Nov
 * 2024 the window runs from Mon 15 Jul 2024 to Fri 8 Nov 2024, in the
 * school years 2023-24 and 2024-25:
 *   Zara Young, added first:  12 O from Mon 15 Jul AM: the 10 sessions of
 *       that week (2023-24), then Mon 2 Sep AM and PM (2024-25)      12
 *   Adam Abbot, second:       10 G from Mon 2 Sep AM to Fri 6 Sep PM;
 *       his copy of 2024-25 ends there, two months before the window  10
 *   Mia Moss, third:          12 N, Fri 25 Oct AM and PM and Mon 4 Nov AM
 *       to Fri 8 Nov PM; then the byte of Mon 4 Nov AM in the file is
 *       made one that is no code (a damaged copy): it reads as none   11
 *   Ned Nash, fourth:         9 U from Mon 2 Sep AM: under the threshold.
 * Listed: Adam Abbot, Mia Moss, Zara Young. */
static void
test_read_from_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) in_memory = NULL;
  g_autoptr(GArray) from_file = NULL;
  g_autoptr(AttDb) other = NULL;
  gint64 zara = add_pupil (f, "Zara", "Young", D (2023, 9, 4));
  gint64 adam = add_pupil (f, "Adam", "Abbot", D (2023, 9, 4));
  gint64 mia = add_pupil (f, "Mia", "Moss", D (2023, 9, 4));
  gint64 ned = add_pupil (f, "Ned", "Nash", D (2023, 9, 4));
  guint slot = att_register_slot (D (2024, 9, 1), D (2024, 11, 4), ATT_SESSION_AM);
  const AttBreach *b;
  sqlite3_stmt *stmt;
  GByteArray *codes;

  mark_sessions (f, zara, D (2024, 7, 15), ATT_SESSION_AM, 12, ATT_CODE_O);
  mark_sessions (f, adam, D (2024, 9, 2), ATT_SESSION_AM, 10, ATT_CODE_G);
  mark_sessions (f, mia, D (2024, 10, 25), ATT_SESSION_AM, 12, ATT_CODE_N);
  mark_sessions (f, ned, D (2024, 9, 2), ATT_SESSION_AM, 9, ATT_CODE_U);

  in_memory = att_threshold_check (f->db, D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_memory->len, ==, 3);

  /* Mon 4 Nov AM is slot (30 + 31 + 3) x 2 = 128 of 2024-25's array. */
  g_assert_cmpuint (slot, ==, 128);
  other = att_db_open (f->t->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (other),
                                       "SELECT codes FROM mark_years WHERE pupil_id = ? AND year = 2024",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, mia);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  codes = g_byte_array_new ();
  g_byte_array_append (codes, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (codes->len, >, slot);
  g_assert_cmpuint (codes->data[slot], ==, ATT_CODE_N);
  codes->data[slot] = 200;
  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (other),
                                       "UPDATE mark_years SET codes = ?2 WHERE pupil_id = ?1 AND year = 2024",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, mia);
  sqlite3_bind_blob (stmt, 2, codes->data, codes->len, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_byte_array_unref (codes);

  from_file = att_threshold_check (other, D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_file->len, ==, 3);

  b = &g_array_index (from_file, AttBreach, 0);
  g_assert_cmpint (b->pupil_id, ==, adam);
  g_assert_cmpuint (b->sessions, ==, 10);
  g_assert_cmpuint (b->codes[ATT_CODE_G], ==, 10);
  g_assert_cmpmem (b, sizeof *b, &g_array_index (in_memory, AttBreach, 0), sizeof *b);

  b = &g_array_index (from_file, AttBreach, 1);
  g_assert_cmpint (b->pupil_id, ==, mia);
  g_assert_cmpuint (b->sessions, ==, 11);
  g_assert_cmpuint (b->codes[ATT_CODE_N], ==, 11);
  g_assert_true (b->includes_n);
  g_assert_cmpint (g_array_index (in_memory, AttBreach, 1).pupil_id, ==, mia);
  g_assert_cmpuint (g_array_index (in_memory, AttBreach, 1).sessions, ==, 12);

  b = &g_array_index (from_file, AttBreach, 2);
  g_assert_cmpint (b->pupil_id, ==, zara);
  g_assert_cmpuint (b->sessions, ==, 12);
  g_assert_cmpuint (b->codes[ATT_CODE_O], ==, 12);
  g_assert_cmpuint (b->school_weeks, ==, 10);
  g_assert_cmpmem (b, sizeof *b, &g_array_index (in_memory, AttBreach, 2), sizeof *b);

  /* The counts for the penalty list, read the same way: Ned too. */
  g_clear_pointer (&from_file, g_array_unref);
  from_file = att_threshold_counts (other, D (2024, 11, 8), 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_file->len, ==, 4);
  g_assert_cmpint (g_array_index (from_file, AttBreach, 0).pupil_id, ==, adam);
  g_assert_cmpint (g_array_index (from_file, AttBreach, 1).pupil_id, ==, mia);
  g_assert_cmpint (g_array_index (from_file, AttBreach, 2).pupil_id, ==, ned);
  g_assert_cmpuint (g_array_index (from_file, AttBreach, 2).sessions, ==, 9);
  g_assert_cmpint (g_array_index (from_file, AttBreach, 3).pupil_id, ==, zara);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/threshold/nine-and-ten", test_nine_and_ten);
  ADD ("/threshold/as-of-in-holiday", test_as_of_in_holiday);
  ADD ("/threshold/up-to-as-of", test_up_to_as_of);
  ADD ("/threshold/counts-n", test_counts_n);
  ADD ("/threshold/on-roll-only", test_on_roll_only);
  ADD ("/threshold/decisions", test_decisions);
  ADD ("/threshold/compulsory-age-only", test_compulsory_age_only);
  ADD ("/threshold/bank-holiday-monday", test_bank_holiday_monday);
  ADD ("/threshold/read-from-file", test_read_from_file);

  return g_test_run ();
}
