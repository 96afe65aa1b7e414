/* test-calls.c: absence calls, the first-day list, the late book and the
 * local authority's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

/* The register times are the school's defaults: the morning register is
 * open 08:45 to 09:15, the afternoon's 13:15 to 13:45. */

static void
set_now (const char *date,
         const char *clock)
{
  g_setenv ("ATTENDANCE_TODAY", date, TRUE);
  g_setenv ("ATTENDANCE_CLOCK", clock, TRUE);
}

static void
mark (AttDb         *db,
      const AttUser *user,
      gint64         pupil,
      AttDate        date,
      AttSession     session,
      AttCode        code)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite write = { pupil, date, session, code, -1, NULL };

  att_register_write (db, user, &write, 1, "test", ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
mark_day (AttDb *db, const AttUser *user, gint64 pupil, AttDate date, AttCode code)
{
  mark (db, user, pupil, date, ATT_SESSION_AM, code == ATT_CODE_PRESENT_PM ? ATT_CODE_PRESENT_AM : code);
  mark (db, user, pupil, date, ATT_SESSION_PM, code == ATT_CODE_PRESENT_AM ? ATT_CODE_PRESENT_PM : code);
}

static gint64
count_rows (AttDb *db, const char *sql)
{
  sqlite3_stmt *stmt = att_db_prepare (db, sql, NULL);
  gint64 n = -1;

  g_assert_nonnull (stmt);
  g_assert_true (att_db_query_int (db, stmt, &n, "count", NULL));
  return n;
}

static AttCallRequest
request_for (const gint64 *ids, guint n, AttDate date, AttCallReason reason)
{
  AttCallRequest r = { 0 };

  r.pupil_ids = ids;
  r.n_pupils = n;
  r.date = date;
  r.clock = -1;
  r.caller = "Mrs Khan";
  r.channel = ATT_CALL_CHANNEL_PHONE;
  r.direction = ATT_CALL_IN;
  r.reason = reason;
  r.cover = ATT_CALL_COVER_DAY;
  return r;
}

/* ------------------------------------------------------------------ */

static void
test_call_writes_codes (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  AttCallReport report = { 0 };
  gint64 amina, ben;
  AttCallRequest r;
  g_autoptr(AttCall) call = NULL;

  att_test_school_init (&s);
  amina = att_test_school_add_pupil (&s, "Amina", "Khan", D (2012, 10, 1));
  ben = att_test_school_add_pupil (&s, "Ben", "Smith", D (2012, 11, 1));

  /* Tuesday 10 September 2024 at 08:30, before the morning register:
   * illness, expected back on Friday 13th, covering the days to the
   * return: Tue 10, Wed 11 and Thu 12, two sessions each, 6 sessions
   * of I, all first entries. */
  set_now ("2024-09-10", "08:30");
  r = request_for (&amina, 1, D (2024, 9, 10), ATT_CALL_REASON_ILLNESS);
  r.clock = 8 * 60 + 30;
  r.expected_return = D (2024, 9, 13);
  r.cover = ATT_CALL_COVER_TO_RETURN;
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.call_ids->len, ==, 1);
  g_assert_cmpuint (report.marks->len, ==, 6);
  g_assert_cmpuint (report.n_conflicts, ==, 0);
  for (guint i = 0; i < report.marks->len; i++)
    {
      AttCallMark *m = &g_array_index (report.marks, AttCallMark, i);

      g_assert_cmpint (m->new_code, ==, ATT_CODE_I);
      g_assert_cmpint (m->old_code, ==, ATT_CODE_NONE);
      g_assert_cmpint (m->history_id, >, 0);
    }
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 12), ATT_SESSION_PM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 13), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  call = att_calls_get (s.db, g_array_index (report.call_ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (call->marks->len, ==, 6);
  g_assert_cmpstr (call->user_name, ==, "Rita Reception");
  g_assert_cmpint (call->expected_return, ==, D (2024, 9, 13));
  att_call_report_clear (&report);

  /* Monday 16 September at 12:00: Ben was marked present this morning;
   * a medical appointment this afternoon. The call covers the day's
   * remaining sessions: at 12:00 the afternoon register (13:15) has not
   * opened, so both. The morning holds '/', another code: refused
   * without a reason, and nothing is written (no call, no mark). */
  set_now ("2024-09-16", "12:00");
  mark (s.db, s.officer, ben, D (2024, 9, 16), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  r = request_for (&ben, 1, D (2024, 9, 16), ATT_CALL_REASON_MEDICAL);
  r.clock = 12 * 60;
  g_assert_false (att_calls_log (s.db, s.receptionist, &r, &report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "/"));
  g_clear_error (&error);
  g_assert_cmpuint (report.n_conflicts, ==, 1);
  g_assert_cmpuint (report.marks->len, ==, 2);
  g_assert_null (report.call_ids);
  att_call_report_clear (&report);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 16), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 16), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM calls"), ==, 1);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM mark_history"), ==, 7);

  /* Leaving the other code alone writes the afternoon only. */
  r.keep_other = TRUE;
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 16), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 16), ATT_SESSION_PM), ==, ATT_CODE_M);
  att_call_report_clear (&report);

  /* With a reason the present mark is changed too (Tuesday 17th). */
  set_now ("2024-09-17", "16:00");
  mark (s.db, s.officer, ben, D (2024, 9, 17), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  r = request_for (&ben, 1, D (2024, 9, 17), ATT_CALL_REASON_RELIGIOUS);
  r.amend_reason = "Marked present in error: at the synagogue";
  g_assert_true (att_calls_log (s.db, s.officer, &r, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.marks->len, ==, 2);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 17), ATT_SESSION_AM), ==, ATT_CODE_R);
  att_call_report_clear (&report);

  /* An N is what a call puts right: Wednesday 18th, N this morning, the
   * parent rings at 10:00 (16:00 by the clock): N -> I amended without
   * a reason of the user's, the afternoon I as a first entry. */
  set_now ("2024-09-18", "16:00");
  mark (s.db, s.officer, amina, D (2024, 9, 18), ATT_SESSION_AM, ATT_CODE_N);
  r = request_for (&amina, 1, D (2024, 9, 18), ATT_CALL_REASON_ILLNESS);
  r.clock = 10 * 60;
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.marks->len, ==, 2);
  g_assert_cmpint (g_array_index (report.marks, AttCallMark, 0).old_code, ==, ATT_CODE_N);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 18), ATT_SESSION_AM), ==, ATT_CODE_I);
  att_call_report_clear (&report);

  /* At 14:00 the morning of today has gone: an illness call covers the
   * afternoon alone; the same call about yesterday (Tuesday 17th, both
   * sessions blank for Amina) covers the whole day: 1 and 2 sessions. */
  set_now ("2024-09-18", "16:00");
  {
    gint64 cara = att_test_school_add_pupil (&s, "Cara", "Jones", D (2012, 12, 1));
    g_autoptr(GArray) today_plan = NULL;
    g_autoptr(GArray) yesterday_plan = NULL;

    r = request_for (&cara, 1, D (2024, 9, 18), ATT_CALL_REASON_ILLNESS);
    r.clock = 14 * 60;
    today_plan = att_calls_plan (s.db, &r, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (today_plan->len, ==, 1);
    g_assert_cmpint (g_array_index (today_plan, AttCallMark, 0).session, ==, ATT_SESSION_PM);
    r.date = D (2024, 9, 17);
    yesterday_plan = att_calls_plan (s.db, &r, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (yesterday_plan->len, ==, 2);
  }

  /* A holiday stays unauthorised: N, and only where the register has
   * opened. Thursday 19th at 10:00: the morning's opened at 08:45, the
   * afternoon's not yet, so one N. */
  set_now ("2024-09-19", "10:00");
  r = request_for (&ben, 1, D (2024, 9, 19), ATT_CALL_REASON_HOLIDAY);
  r.clock = 10 * 60;
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.marks->len, ==, 1);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 19), ATT_SESSION_AM), ==, ATT_CODE_N);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 19), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  att_call_report_clear (&report);

  att_test_school_clear (&s);
}

static void
test_call_refused (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) leaver = NULL;
  AttCallRequest r;
  gint64 id, nobody = 9999;

  att_test_school_init (&s);
  set_now ("2024-09-30", "16:00");
  leaver = att_test_pupil_new ("Cara", "Jones", 7, "7A", D (2012, 12, 1), D (2024, 9, 2));
  leaver->leaving = D (2024, 9, 20);
  id = att_test_save_pupil (s.db, g_steal_pointer (&leaver));

  /* Monday 23 September: she left on Friday 20th. */
  r = request_for (&id, 1, D (2024, 9, 23), ATT_CALL_REASON_ILLNESS);
  g_assert_false (att_calls_log (s.db, s.receptionist, &r, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "not on roll"));
  g_clear_error (&error);

  /* Saturday 14 September is no school day; a pupil who does not exist. */
  r = request_for (&id, 1, D (2024, 9, 14), ATT_CALL_REASON_ILLNESS);
  g_assert_false (att_calls_log (s.db, s.receptionist, &r, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  r = request_for (&nobody, 1, D (2024, 9, 16), ATT_CALL_REASON_ILLNESS);
  g_assert_false (att_calls_log (s.db, s.receptionist, &r, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM calls"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM mark_history"), ==, 0);
  att_test_school_clear (&s);
}

static gint64
add_contact (AttDb *db, gint64 pupil, const char *surname, const char *mobile,
             gboolean lives_with, gboolean responsibility, int priority)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = att_contact_new ();
  gint64 id;

  c->pupil_id = pupil;
  c->priority = priority;
  c->forename = g_strdup ("Sam");
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Parent");
  c->phone_mobile = g_strdup (mobile);
  c->lives_with = lives_with;
  c->parental_responsibility = responsibility;
  id = att_contacts_save (db, att_user_system (), c, &error);
  g_assert_no_error (error);
  return id;
}

/* Children who only share a number are not a family: Dan Brown and Eve
 * Green have the same childminder (Mrs Hill, 07700 900555) as their
 * second contact, with no parental responsibility; Fay Green's aunt
 * (not living with her, no parental responsibility) has Eve's mother's
 * mobile written on her record; Gil Brown's father has Dan's father's
 * surname and address but another number, and lives with him: the same
 * man, so Dan and Gil are brothers. Offered together: Dan and Gil, and
 * nobody else. */
static void
test_false_siblings (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) dan = NULL;
  g_autoptr(GArray) eve = NULL;
  g_autoptr(GArray) fay = NULL;
  g_autoptr(AttContact) father = NULL;
  g_autoptr(AttContact) same = NULL;
  gint64 ids[4];

  att_test_school_init (&s);
  set_now ("2024-09-16", "08:00");
  ids[0] = att_test_school_add_pupil (&s, "Dan", "Brown", D (2012, 10, 1));
  ids[1] = att_test_school_add_pupil (&s, "Eve", "Green", D (2013, 10, 1));
  ids[2] = att_test_school_add_pupil (&s, "Fay", "Green", D (2014, 10, 1));
  ids[3] = att_test_school_add_pupil (&s, "Gil", "Brown", D (2015, 10, 1));
  add_contact (s.db, ids[0], "Brown", "07700 900111", TRUE, TRUE, 1);
  add_contact (s.db, ids[0], "Hill", "07700 900555", FALSE, FALSE, 2);
  add_contact (s.db, ids[1], "Green", "07700 900222", TRUE, TRUE, 1);
  add_contact (s.db, ids[1], "Hill", "07700 900555", FALSE, FALSE, 2);
  add_contact (s.db, ids[2], "Green", "07700 900222", FALSE, FALSE, 1);

  /* Dan's father at 3 Mill Lane, MB1 2AB; Gil's father the same man,
   * with his work number. */
  father = att_contact_new ();
  father->pupil_id = ids[0];
  father->priority = 3;
  father->forename = g_strdup ("Tom");
  father->surname = g_strdup ("Brown");
  father->relationship = g_strdup ("Father");
  father->lives_with = TRUE;
  father->address_1 = g_strdup ("3 Mill Lane");
  father->postcode = g_strdup ("MB1 2AB");
  g_assert_cmpint (att_contacts_save (s.db, att_user_system (), father, &error), >, 0);
  g_assert_no_error (error);
  same = att_contact_new ();
  same->pupil_id = ids[3];
  same->priority = 1;
  same->forename = g_strdup ("Tom");
  same->surname = g_strdup ("BROWN");
  same->relationship = g_strdup ("Father");
  same->lives_with = TRUE;
  same->phone_work = g_strdup ("01632 960123");
  same->address_1 = g_strdup ("3 mill lane");
  same->postcode = g_strdup ("MB12AB");
  g_assert_cmpint (att_contacts_save (s.db, att_user_system (), same, &error), >, 0);
  g_assert_no_error (error);

  dan = att_calls_siblings (s.db, ids[0], D (2024, 9, 16), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dan->len, ==, 1);
  g_assert_cmpint (g_array_index (dan, gint64, 0), ==, ids[3]);
  eve = att_calls_siblings (s.db, ids[1], D (2024, 9, 16), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eve->len, ==, 0);
  fay = att_calls_siblings (s.db, ids[2], D (2024, 9, 16), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fay->len, ==, 0);
  att_test_school_clear (&s);
}

static void
test_siblings (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) siblings = NULL;
  AttCallReport report = { 0 };
  AttCallRequest r;
  gint64 ids[3];
  g_autoptr(GPtrArray) calls = NULL;

  att_test_school_init (&s);
  set_now ("2024-09-16", "08:00");
  ids[0] = att_test_school_add_pupil (&s, "Amina", "Khan", D (2012, 10, 1));
  ids[1] = att_test_school_add_pupil (&s, "Bilal", "Khan", D (2014, 10, 1));
  ids[2] = att_test_school_add_pupil (&s, "Cara", "Jones", D (2012, 12, 1));
  /* The same mobile written two ways; Cara's family has another. */
  add_contact (s.db, ids[0], "Khan", "07700 900123", TRUE, TRUE, 1);
  add_contact (s.db, ids[1], "Khan", "07700900123", TRUE, TRUE, 1);
  add_contact (s.db, ids[2], "Jones", "07700 900999", TRUE, TRUE, 1);

  siblings = att_calls_siblings (s.db, ids[0], D (2024, 9, 16), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (siblings->len, ==, 1);
  g_assert_cmpint (g_array_index (siblings, gint64, 0), ==, ids[1]);

  /* One call for the two: two records of one family, 2 x 2 sessions. */
  r = request_for (ids, 2, D (2024, 9, 16), ATT_CALL_REASON_ILLNESS);
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.marks->len, ==, 4);
  att_call_report_clear (&report);
  calls = att_calls_list (s.db, D (2024, 9, 16), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpint (((AttCall *)calls->pdata[0])->family_id, ==, ((AttCall *)calls->pdata[1])->family_id);
  g_assert_cmpuint (((AttCall *)calls->pdata[1])->marks->len, ==, 2);
  att_test_school_clear (&s);
}

/* A school with a half term, a bank holiday and a closure:
 * Summer 1 2025 from Tuesday 22 April to Friday 23 May (Monday 5 May is
 * the Early May bank holiday), half term 26 to 30 May (Monday 26th the
 * Spring bank holiday), Summer 2 from Monday 2 June to Friday 18 July,
 * with an INSET day on Tuesday 3 June. */
static void
add_summer_2025 (AttDb *db)
{
  g_autoptr(GError) error = NULL;

  att_test_add_term (db, "Summer 1", D (2025, 4, 22), D (2025, 5, 23));
  att_test_add_term (db, "Summer 2", D (2025, 6, 2), D (2025, 7, 18));
  att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2025, 6, 3), D (2025, 6, 3), -1,
                            "INSET", &error);
  g_assert_no_error (error);
}

static void
test_absence_run (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttUser) officer = att_test_add_user (t->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  g_autoptr(AttPupil) p = att_test_pupil_new ("Dev", "Patel", 7, "7A", D (2012, 12, 1), D (2025, 4, 22));
  AttDate since;
  gint64 dev;

  add_summer_2025 (t->db);
  dev = att_test_save_pupil (t->db, g_steal_pointer (&p));
  set_now ("2025-06-04", "16:00");

  /* Across a weekend and a bank holiday: present Thu 1 May, N on Fri 2
   * May and Tue 6 May (Sat 3, Sun 4 and Mon 5 have no session): 2 days. */
  mark_day (t->db, officer, dev, D (2025, 5, 1), ATT_CODE_PRESENT_AM);
  mark_day (t->db, officer, dev, D (2025, 5, 2), ATT_CODE_N);
  mark_day (t->db, officer, dev, D (2025, 5, 6), ATT_CODE_N);
  g_assert_cmpuint (att_absence_run (t->db, dev, D (2025, 5, 6), D (2025, 6, 4), 16 * 60,
                                     ATT_ABSENCE_UNEXPLAINED, &since), ==, 2);
  g_assert_cmpint (since, ==, D (2025, 5, 2));

  /* Across the half term and a closure: present Tue 20 May; N on Wed
   * 21, O on Thu 22, N Fri 23 May; half term; N Mon 2 June; Tue 3 June
   * closed; nothing marked Wed 4 June (its registers closed at 16:00):
   * 21, 22, 23 May, 2 and 4 June = 5 school days. */
  mark_day (t->db, officer, dev, D (2025, 5, 20), ATT_CODE_PRESENT_AM);
  mark_day (t->db, officer, dev, D (2025, 5, 21), ATT_CODE_N);
  mark_day (t->db, officer, dev, D (2025, 5, 22), ATT_CODE_O);
  mark_day (t->db, officer, dev, D (2025, 5, 23), ATT_CODE_N);
  mark_day (t->db, officer, dev, D (2025, 6, 2), ATT_CODE_N);
  g_assert_cmpuint (att_absence_run (t->db, dev, D (2025, 6, 4), D (2025, 6, 4), 16 * 60,
                                     ATT_ABSENCE_UNEXPLAINED, &since), ==, 5);
  g_assert_cmpint (since, ==, D (2025, 5, 21));
  /* At 08:00 on 4 June neither of its registers has closed: the day is
   * passed over and the run is the 4 days before it. */
  g_assert_cmpuint (att_absence_run (t->db, dev, D (2025, 6, 4), D (2025, 6, 4), 8 * 60,
                                     ATT_ABSENCE_UNEXPLAINED, NULL), ==, 4);
  /* A G holiday day is unauthorised but not unexplained: Thu 22 May as
   * G breaks the unexplained run (23 May, 2 and 4 June: 3) and not the
   * unauthorised one (still 5). */
  set_now ("2025-06-04", "16:00");
  {
    g_autoptr(GError) error = NULL;
    AttMarkWrite w[2] = { { dev, D (2025, 5, 22), ATT_SESSION_AM, ATT_CODE_G, -1, NULL },
                          { dev, D (2025, 5, 22), ATT_SESSION_PM, ATT_CODE_G, -1, NULL } };

    att_register_write (t->db, officer, w, 2, "holiday confirmed", ATT_WRITE_DEFAULT, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (att_absence_run (t->db, dev, D (2025, 6, 4), D (2025, 6, 4), 16 * 60,
                                     ATT_ABSENCE_UNEXPLAINED, NULL), ==, 3);
  g_assert_cmpuint (att_absence_run (t->db, dev, D (2025, 6, 4), D (2025, 6, 4), 16 * 60,
                                     ATT_ABSENCE_UNAUTHORISED, NULL), ==, 5);
}

static void
test_firstday_bands (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  static const char * const names[] = { "Ann", "Bea", "Cal", "Dan", "Eve", "Fay", "Gus", "Hal" };
  gint64 ids[G_N_ELEMENTS (names)];
  AttDate monday = D (2024, 9, 16);

  att_test_school_init (&s);
  set_now ("2024-09-17", "10:00");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      AttPupil *p = att_test_pupil_new (names[i], "Test", 7, "7A", D (2012, 10, 1), D (2024, 9, 2));

      /* Ann: the rest; Bea: SEN support; Cal: EHC plan; Dan: looked
       * after; Eve: a social worker; Fay: the rest, absent since Monday;
       * Gus: present; Hal: N but his mother rang. */
      if (i == 1) p->sen = ATT_SEN_SUPPORT;
      if (i == 2) p->sen = ATT_SEN_EHCP;
      if (i == 3) p->looked_after = TRUE;
      if (i == 4) p->social_worker = TRUE;
      ids[i] = att_test_save_pupil (s.db, p);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    mark_day (s.db, s.officer, ids[i], monday, i == 5 ? ATT_CODE_N : ATT_CODE_PRESENT_AM);
  /* Tuesday at 10:00: the morning register closed at 09:15. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (i != 6)
      mark (s.db, s.officer, ids[i], D (2024, 9, 17), ATT_SESSION_AM, ATT_CODE_N);
  mark (s.db, s.officer, ids[6], D (2024, 9, 17), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  {
    AttCallRequest r = request_for (&ids[7], 1, D (2024, 9, 17), ATT_CALL_REASON_HOLIDAY);
    r.cover = ATT_CALL_COVER_NONE;
    g_assert_true (att_calls_log (s.db, s.receptionist, &r, NULL, &error));
    g_assert_no_error (error);
  }
  add_contact (s.db, ids[0], "Test", "07700 900001", FALSE, FALSE, 1);
  add_contact (s.db, ids[0], "Test", "07700 900002", FALSE, TRUE, 2);
  add_contact (s.db, ids[0], "Test", "07700 900003", TRUE, FALSE, 3);

  /* Eve (social worker), Dan (looked after), Cal (EHC plan), Bea (SEN
   * support), then the rest: Fay (2 days, Monday and today) before Ann
   * (1 day). Gus is in; Hal's absence was explained by a call. */
  rows = att_firstday_list (s.db, D (2024, 9, 17), 10 * 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  {
    static const char * const order[] = { "Eve", "Dan", "Cal", "Bea", "Fay", "Ann" };
    static const guint days[] = { 1, 1, 1, 1, 2, 1 };

    for (guint i = 0; i < rows->len; i++)
      {
        AttFirstdayRow *row = rows->pdata[i];

        g_assert_cmpstr (att_pupil_get_forename (row->pupil), ==, order[i]);
        g_assert_cmpuint (row->days_absent, ==, days[i]);
        g_assert_cmpuint (row->sessions, ==, 1);   /* the morning only */
      }
    g_assert_true (((AttFirstdayRow *)rows->pdata[0])->vulnerable);
    g_assert_false (((AttFirstdayRow *)rows->pdata[2])->vulnerable);
  }
  /* Ann's contacts in calling order: lives with (priority 3), parental
   * responsibility (2), the other (1); the first step is the text. */
  {
    AttFirstdayRow *ann = rows->pdata[5];
    AttContact *c0 = ann->contacts->pdata[0], *c1 = ann->contacts->pdata[1];

    g_assert_cmpint (c0->priority, ==, 3);
    g_assert_cmpint (c1->priority, ==, 2);
    g_assert_nonnull (ann->next_step);
    g_assert_cmpint (ann->next_step->action, ==, ATT_STEP_TEXT);
    g_assert_true (ann->next_contact == c0);
  }

  /* The texting export: Ann alone has a mobile: one row, one attempt;
   * then her next step is the call, and a second export has no rows. */
  {
    guint n = 0;
    g_autofree char *csv = att_firstday_texts (s.db, s.receptionist, D (2024, 9, 17), 10 * 60, &n, &error);
    g_autofree char *again = NULL;
    g_autoptr(GPtrArray) after = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_true (g_str_has_prefix (csv, "contact,mobile,forename,message\n"));
    g_assert_nonnull (strstr (csv, "07700 900003,Ann,"));
    after = att_firstday_list (s.db, D (2024, 9, 17), 10 * 60, &error);
    g_assert_cmpuint (((AttFirstdayRow *)after->pdata[5])->attempts->len, ==, 1);
    g_assert_cmpint (((AttFirstdayRow *)after->pdata[5])->next_step->action, ==, ATT_STEP_CALL);
    again = att_firstday_texts (s.db, s.receptionist, D (2024, 9, 17), 10 * 60, &n, &error);
    g_assert_cmpuint (n, ==, 0);
  }

  /* A home visit that found no one in is an attempt: Ann stays on the
   * list with 2 attempts, and the call's words as the note. */
  {
    AttCallRequest r = request_for (&ids[0], 1, D (2024, 9, 17), ATT_CALL_REASON_NONE);
    g_autoptr(GPtrArray) after = NULL;
    AttFirstdayRow *ann;
    AttCallAttempt *visit;

    r.channel = ATT_CALL_CHANNEL_HOME_VISIT;
    r.direction = ATT_CALL_OUT;
    r.caller = "Olive Officer";
    r.outcome = "No one at home";
    r.cover = ATT_CALL_COVER_NONE;
    g_assert_true (att_calls_log (s.db, s.officer, &r, NULL, &error));
    g_assert_no_error (error);
    after = att_firstday_list (s.db, D (2024, 9, 17), 10 * 60, &error);
    g_assert_cmpuint (after->len, ==, 6);
    ann = after->pdata[5];
    g_assert_cmpstr (att_pupil_get_forename (ann->pupil), ==, "Ann");
    g_assert_cmpuint (ann->attempts->len, ==, 2);
    /* Both were made this second: found by channel, not by order. */
    visit = ann->attempts->pdata[0];
    if (visit->channel != ATT_CALL_CHANNEL_HOME_VISIT)
      visit = ann->attempts->pdata[1];
    g_assert_cmpint (visit->channel, ==, ATT_CALL_CHANNEL_HOME_VISIT);
    g_assert_cmpint (visit->outcome, ==, ATT_ATTEMPT_NO_ANSWER);
    g_assert_cmpstr (visit->note, ==, "No one at home");
  }

  /* Before the morning register closes (09:00), nobody is listed. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  set_now ("2024-09-17", "09:00");
  rows = att_firstday_list (s.db, D (2024, 9, 17), 9 * 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  att_test_school_clear (&s);
}

static AttLaCase *
find_case (GPtrArray *cases, gint64 pupil, AttLaKind kind)
{
  for (guint i = 0; i < cases->len; i++)
    {
      AttLaCase *c = cases->pdata[i];
      if (c->pupil->id == pupil && c->kind == kind)
        return c;
    }
  return NULL;
}

/* The case, which must be there. */
static AttLaCase *
get_case (GPtrArray *cases, gint64 pupil, AttLaKind kind)
{
  AttLaCase *c = find_case (cases, pupil, kind);

  if (c == NULL)
    g_error ("pupil %" G_GINT64_FORMAT " is not listed", pupil);
  return c;
}

static void
test_la_lists (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  gint64 nine, ten, ill14, ill15, ill_exp;
  AttDate d;
  guint n;

  att_test_school_init (&s);
  set_now ("2024-10-25", "16:00");
  nine = att_test_school_add_pupil (&s, "Nine", "Days", D (2012, 10, 1));
  ten = att_test_school_add_pupil (&s, "Ten", "Days", D (2012, 10, 1));
  ill14 = att_test_school_add_pupil (&s, "Fourteen", "Ill", D (2012, 10, 1));
  ill15 = att_test_school_add_pupil (&s, "Fifteen", "Ill", D (2012, 10, 1));
  ill_exp = att_test_school_add_pupil (&s, "Expected", "Ill", D (2012, 10, 1));

  /* The 10 school days up to Friday 25 October are 14 to 25 October.
   * "Ten": N for all 10 (continuous across the weekend of 19-20th);
   * "Nine": present on Monday 14th, N for the 9 after it. */
  n = 0;
  for (d = D (2024, 10, 14); d <= D (2024, 10, 25); d++)
    if (att_date_weekday (d) <= 5)
      {
        mark_day (s.db, s.officer, ten, d, ATT_CODE_N);
        mark_day (s.db, s.officer, nine, d, n == 0 ? ATT_CODE_PRESENT_AM : ATT_CODE_O);
        n++;
      }
  g_assert_cmpuint (n, ==, 10);

  /* Illness in total this year: "Fourteen" I on 14 school days from
   * Monday 2 September (2 to 19 September), 28 sessions; "Fifteen" on 15
   * (2 to 20 September), 30 sessions, with present days between none. */
  n = 0;
  for (d = D (2024, 9, 2); n < 15; d++)
    if (att_date_weekday (d) <= 5)
      {
        if (n < 14)
          mark_day (s.db, s.officer, ill14, d, ATT_CODE_I);
        mark_day (s.db, s.officer, ill15, d, ATT_CODE_I);
        n++;
      }
  /* "Expected": I on 10 school days (14 to 25 October, 20 sessions)
   * and no call saying more: not listed (expected illness is tested
   * below). */
  for (d = D (2024, 10, 14); d <= D (2024, 10, 25); d++)
    if (att_date_weekday (d) <= 5)
      mark_day (s.db, s.officer, ill_exp, d, ATT_CODE_I);

  cases = att_la_cases (s.db, D (2024, 10, 25), &error);
  g_assert_no_error (error);
  g_assert_null (find_case (cases, nine, ATT_LA_UNAUTHORISED));
  g_assert_nonnull (find_case (cases, ten, ATT_LA_UNAUTHORISED));
  g_assert_cmpuint (get_case (cases, ten, ATT_LA_UNAUTHORISED)->days, ==, 10);
  g_assert_cmpint (get_case (cases, ten, ATT_LA_UNAUTHORISED)->first, ==, D (2024, 10, 14));
  g_assert_true (get_case (cases, ten, ATT_LA_UNAUTHORISED)->ongoing);
  g_assert_null (find_case (cases, ill14, ATT_LA_ILLNESS));
  g_assert_nonnull (find_case (cases, ill15, ATT_LA_ILLNESS));
  g_assert_cmpuint (get_case (cases, ill15, ATT_LA_ILLNESS)->sessions, ==, 30);
  g_assert_cmpuint (get_case (cases, ill15, ATT_LA_ILLNESS)->days, ==, 15);
  g_assert_true (get_case (cases, ill15, ATT_LA_ILLNESS)->continuous);
  g_assert_null (find_case (cases, ill_exp, ATT_LA_ILLNESS));
  g_assert_cmpint (get_case (cases, ten, ATT_LA_UNAUTHORISED)->told, ==, ATT_DATE_NONE);

  /* The LA told on the 25th: recorded with the case. A date to come is
   * refused. */
  g_assert_cmpint (att_la_record_told (s.db, s.officer, ten, ATT_LA_UNAUTHORISED, D (2024, 10, 25),
                                       NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_la_record_told (s.db, s.officer, ten, ATT_LA_UNAUTHORISED, D (2024, 10, 28),
                                       NULL, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = att_la_cases (s.db, D (2024, 10, 25), &error);
  g_assert_cmpint (get_case (cases, ten, ATT_LA_UNAUTHORISED)->told, ==, D (2024, 10, 25));
  att_test_school_clear (&s);
}

static void
test_la_expected_illness (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  AttCallRequest r;
  AttLaCase *c;
  gint64 id;
  AttDate d;

  att_test_school_init (&s);
  set_now ("2024-10-11", "16:00");
  id = att_test_school_add_pupil (&s, "Expected", "Ill", D (2012, 10, 1));
  /* I on the 10 school days from Monday 30 September to Friday 11
   * October (20 sessions); the parent rings on the 11th: back on Monday
   * 21 October. Expected: 14 to 18 October, 10 sessions; 20 + 10 = 30,
   * 15 days: listed as expected. A return on Friday 18th would give 8
   * sessions (14 to 17 October), 28 in all: not listed. */
  for (d = D (2024, 9, 30); d <= D (2024, 10, 11); d++)
    if (att_date_weekday (d) <= 5)
      mark_day (s.db, s.officer, id, d, ATT_CODE_I);
  r = request_for (&id, 1, D (2024, 10, 11), ATT_CALL_REASON_ILLNESS);
  r.cover = ATT_CALL_COVER_NONE;
  r.expected_return = D (2024, 10, 18);
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, NULL, &error));
  g_assert_no_error (error);
  cases = att_la_cases (s.db, D (2024, 10, 11), &error);
  g_assert_no_error (error);
  g_assert_null (find_case (cases, id, ATT_LA_ILLNESS));
  g_clear_pointer (&cases, g_ptr_array_unref);

  r.expected_return = D (2024, 10, 21);
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, NULL, &error));
  cases = att_la_cases (s.db, D (2024, 10, 11), &error);
  c = get_case (cases, id, ATT_LA_ILLNESS);
  g_assert_true (c->expected);
  g_assert_cmpuint (c->expected_sessions, ==, 10);
  g_assert_cmpuint (c->sessions, ==, 20);
  att_test_school_clear (&s);
}

static void
test_latebook (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLateEntry) entry = NULL;
  g_autoptr(GPtrArray) book = NULL;
  gint64 amina, ben;

  att_test_school_init (&s);
  amina = att_test_school_add_pupil (&s, "Amina", "Khan", D (2012, 10, 1));
  ben = att_test_school_add_pupil (&s, "Ben", "Smith", D (2012, 11, 1));
  set_now ("2024-09-16", "09:40");
  mark (s.db, s.officer, amina, D (2024, 9, 16), ATT_SESSION_AM, ATT_CODE_N);

  /* 09:05: 20 minutes after 08:45, the register still open: L 20. */
  g_assert_cmpint (att_latebook_arrive (s.db, s.receptionist, ben, D (2024, 9, 16), 9 * 60 + 5,
                                        NULL, "Dad", &entry, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (entry->code, ==, ATT_CODE_L);
  g_assert_cmpint (entry->minutes_late, ==, 20);

  /* 09:35: 50 minutes, after the 09:15 close: U, which needs a reason;
   * refused without one, nothing written. */
  g_assert_cmpint (att_latebook_arrive (s.db, s.receptionist, amina, D (2024, 9, 16), 9 * 60 + 35,
                                        NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 16), ATT_SESSION_AM), ==, ATT_CODE_N);
  g_assert_cmpint (att_latebook_arrive (s.db, s.receptionist, amina, D (2024, 9, 16), 9 * 60 + 35,
                                        "Overslept", "Mum", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 16), ATT_SESSION_AM), ==, ATT_CODE_U);

  /* Ben signed out at 12:00 for the dentist, back at 14:00: out over the
   * afternoon register (13:15 to 13:45), so the afternoon is M. */
  g_assert_cmpint (att_latebook_sign_out (s.db, s.receptionist, ben, D (2024, 9, 16), 12 * 60, 14 * 60,
                                          ATT_CALL_REASON_MEDICAL, "Dad", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (s.db, ben, D (2024, 9, 16), ATT_SESSION_PM), ==, ATT_CODE_M);

  book = att_latebook_list (s.db, D (2024, 9, 16), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (book->len, ==, 3);
  att_test_school_clear (&s);
}

static void
test_procedure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  AttStep *step;

  steps = att_firstday_procedure_parse ("1;all;text;close+5;Office\n3+2;others;home-visit;;Attendance officer\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 2);
  step = steps->pdata[1];
  g_assert_cmpuint (step->day, ==, 3);
  g_assert_cmpuint (step->every, ==, 2);
  g_assert_cmpint (step->who_for, ==, ATT_STEP_FOR_OTHERS);
  g_assert_cmpstr (step->who, ==, "Attendance officer");
  g_assert_cmpint (((AttStep *)steps->pdata[0])->due_after_close, ==, 5);
  g_assert_null (att_firstday_procedure_parse ("1;all;fax;;Office", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 1"));
}

static void
expect_refused (AttDb         *db,
                const AttUser *user,
                const char    *procedure,
                const char    *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (att_firstday_procedure_set (db, user, procedure, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

/* Editing the procedure and the text message: each mistake refused with
 * the line and the field named, nothing stored; a good one stored,
 * formatted back as it was given, and audited. */
static void
test_procedure_editing (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) head = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *template = NULL;
  const char *good = "1;all;text;close;Office\n2+3;vulnerable;home-visit;14:30;Dee Lead\n"
                     "10;others;tell-la;close+45;Attendance officer";

  att_test_school_init (&s);
  head = att_test_add_user (s.db, "Hannah Head", ATT_ROLE_HEADTEACHER, NULL);

  expect_refused (s.db, head, "1;all;text;close;Office\n2;all;;close;Office", "Line 2 of the procedure, action:");
  expect_refused (s.db, head, "0;all;call;close;Office", "Line 1 of the procedure, day:");
  /* 191 school days is more than a school year's 190. */
  expect_refused (s.db, head, "191;all;call;close;Office", "day: “191”");
  expect_refused (s.db, head, "3+0;all;call;close;Office", "repeat:");
  expect_refused (s.db, head, "1;all;call;25:00;Office", "due: “25:00”");
  /* 8 hours after the register closes at most: 480 minutes, not 481. */
  expect_refused (s.db, head, "1;all;call;close+481;Office", "due: “close+481”");
  expect_refused (s.db, head, "1;everyone;call;close;Office", "for: “everyone”");
  expect_refused (s.db, head, "1;all;call;close;", "who:");
  expect_refused (s.db, head, "", "no steps");
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM settings WHERE key = 'firstday.procedure'"), ==, 0);

  /* A receptionist may not change it. */
  g_assert_false (att_firstday_procedure_set (s.db, s.receptionist, good, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (att_firstday_procedure_set (s.db, head, "1;all;call;close+480;Office", &error));
  g_assert_no_error (error);
  g_assert_true (att_firstday_procedure_set (s.db, head, good, &error));
  g_assert_no_error (error);
  steps = att_firstday_procedure (s.db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpint (((AttStep *)steps->pdata[1])->due_time, ==, 14 * 60 + 30);
  formatted = att_firstday_procedure_format (steps);
  g_assert_cmpstr (formatted, ==, good);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM audit_log WHERE action = 'firstday.procedure'"), ==, 2);

  /* The text message: an unknown field is refused by name, and nothing
   * stored; the known ones are kept. */
  g_assert_false (att_firstday_setting_set (s.db, head, ATT_FIRSTDAY_TEXT_KEY,
                                            "{school}: {forenme} is absent", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“{forenme}”"));
  g_assert_nonnull (strstr (error->message, "{forename}"));
  g_clear_error (&error);
  g_assert_false (att_firstday_setting_set (s.db, head, ATT_FIRSTDAY_TEXT_KEY, "Call us {phone", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (att_firstday_setting_set (s.db, head, ATT_FIRSTDAY_TEXT_KEY,
                                           "{forename} is absent: call {school} on {phone}", &error));
  g_assert_no_error (error);
  template = att_firstday_text_template (s.db);
  g_assert_cmpstr (template, ==, "{forename} is absent: call {school} on {phone}");
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM audit_log WHERE action = 'firstday.setting'"), ==, 1);
  att_test_school_clear (&s);
}

static void
test_safeguarding_lead (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *lead = NULL;
  g_autoptr(AttUser) head = NULL;
  AttCallRequest r;
  gint64 id;

  att_test_school_init (&s);
  set_now ("2024-09-16", "16:00");
  head = att_test_add_user (s.db, "Hannah Head", ATT_ROLE_HEADTEACHER, NULL);
  id = att_test_school_add_pupil (&s, "Amina", "Khan", D (2012, 10, 1));
  none = att_firstday_safeguarding_lead (s.db);
  g_assert_null (none);
  /* A receptionist may not name the lead; the headteacher may. */
  g_assert_false (att_firstday_setting_set (s.db, s.receptionist, ATT_FIRSTDAY_DSL_KEY, "Dee Lead", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_firstday_setting_set (s.db, head, ATT_FIRSTDAY_DSL_KEY, "Dee Lead", &error));
  g_assert_no_error (error);
  lead = att_firstday_safeguarding_lead (s.db);
  g_assert_cmpstr (lead, ==, "Dee Lead");

  /* A concern ticked on a call is logged for her. */
  r = request_for (&id, 1, D (2024, 9, 16), ATT_CALL_REASON_ILLNESS);
  r.cover = ATT_CALL_COVER_NONE;
  r.safeguarding = TRUE;
  g_assert_true (att_calls_log (s.db, s.receptionist, &r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM audit_log WHERE action = 'calls.safeguarding' "
                                     "AND detail LIKE '%Dee Lead%'"), ==, 1);
  att_test_school_clear (&s);
}

static void
test_finder (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupilFinder) finder = NULL;
  g_autoptr(GPtrArray) found = NULL;

  att_test_school_init (&s);
  att_test_school_add_pupil (&s, "Ayşe", "Çelik", D (2012, 10, 1));
  att_test_school_add_pupil (&s, "Ben", "Celis", D (2012, 10, 1));
  finder = att_pupil_finder_new (s.db, D (2024, 9, 16), &error);
  g_assert_no_error (error);
  /* "celi" is in both names, "ayse celik" in one; "7a" is both groups. */
  found = att_pupil_finder_search (finder, "celi", 0);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = att_pupil_finder_search (finder, "ayse celik", 0);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = att_pupil_finder_search (finder, "7A", 1);
  g_assert_cmpuint (found->len, ==, 1);
  att_test_school_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calls/writes-codes", test_call_writes_codes);
  g_test_add_func ("/calls/refused", test_call_refused);
  g_test_add_func ("/calls/siblings", test_siblings);
  g_test_add_func ("/calls/false-siblings", test_false_siblings);
  g_test_add_func ("/calls/absence-run", test_absence_run);
  g_test_add_func ("/calls/firstday-bands", test_firstday_bands);
  g_test_add_func ("/calls/la-lists", test_la_lists);
  g_test_add_func ("/calls/la-expected-illness", test_la_expected_illness);
  g_test_add_func ("/calls/latebook", test_latebook);
  g_test_add_func ("/calls/procedure", test_procedure);
  g_test_add_func ("/calls/finder", test_finder);
  g_test_add_func ("/calls/safeguarding-lead", test_safeguarding_lead);
  g_test_add_func ("/calls/procedure-editing", test_procedure_editing);

  return g_test_run ();
}
