/* test-leave.c: leave of absence, from the request to the decision, the
 * register and what follows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

/* The school of att_test_school_init(): one term, Monday 2 September to
 * Friday 25 October 2024, every weekday two sessions. Today is Monday
 * 2 September unless a test says otherwise; the clock is 16:00. */

typedef struct
{
  AttTestSchool  s;
  AttUser       *head;
  gint64         amina;
  gint64         ben;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-02", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  att_test_school_init (&f->s);
  f->head = att_test_add_user (f->s.db, "Helen Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  f->amina = att_test_school_add_pupil (&f->s, "Amina", "Khan", D (2012, 10, 1));
  f->ben = att_test_school_add_pupil (&f->s, "Ben", "Khan", D (2014, 3, 1));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->head, att_user_free);
  att_test_school_clear (&f->s);
}

static gint64
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = att_db_prepare (db, sql, NULL);
  gint64 n = -1;

  g_assert_nonnull (stmt);
  g_assert_true (att_db_query_int (db, stmt, &n, "count", NULL));
  return n;
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

static AttLeaveInput
input_for (const gint64 *ids,
           guint         n,
           AttLeaveType  type,
           AttDate       first,
           AttDate       last)
{
  AttLeaveInput input = { 0 };

  input.pupil_ids = ids;
  input.n_pupils = n;
  input.type = type;
  input.first_date = first;
  input.first_session = ATT_SESSION_AM;
  input.last_date = last;
  input.last_session = ATT_SESSION_PM;
  input.return_date = ATT_DATE_NONE;
  input.reason = "Grandmother's funeral in Lahore";
  input.requested_by = "Mrs Khan";
  input.received = D (2024, 9, 2);
  input.review_date = ATT_DATE_NONE;
  return input;
}

static gint64
record_one (Fixture      *f,
            gint64        pupil,
            AttLeaveType  type,
            AttDate       first,
            AttDate       last)
{
  g_autoptr(GError) error = NULL;
  AttLeaveInput input = input_for (&pupil, 1, type, first, last);
  g_autoptr(GArray) ids = att_leave_record (f->s.db, f->s.receptionist, &input, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  return g_array_index (ids, gint64, 0);
}

static AttLeaveStatus
status_of (AttDb  *db,
           gint64  id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLeave) leave = att_leave_get (db, id, &error);

  g_assert_no_error (error);
  return leave->status;
}

/* ------------------------------------------------------------------ */

/* Only the headteacher, or the deputy they authorised, may decide; the
 * core refuses anyone else with nothing changed. */
static void
test_who_may_decide (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = att_test_add_user (f->s.db, "Adam Admin", ATT_ROLE_ADMIN, NULL);
  g_autoptr(AttUser) pretender = NULL;
  g_autoptr(AttUser) deputy = NULL;
  AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "A family funeral abroad", NULL, 0 };
  gint64 id = record_one (f, f->amina, ATT_LEAVE_EXCEPTIONAL, D (2024, 9, 30), D (2024, 10, 1));
  gint64 audit_before = count_rows (f->s.db, "SELECT count(*) FROM audit_log");
  const AttUser *refused[] = { f->s.receptionist, f->s.officer, admin };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (att_leave_decide (f->s.db, refused[i], id, &agree, &error));
      g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  /* A user who says they are the deputy, but is not in the database. */
  pretender = att_user_copy (f->s.officer);
  pretender->deputy = TRUE;
  g_assert_false (att_leave_decide (f->s.db, pretender, id, &agree, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Nothing changed: still waiting, 4 sessions blank, no audit row. */
  g_assert_cmpint (status_of (f->s.db, id), ==, ATT_LEAVE_SUBMITTED);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 30), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* The headteacher authorises the officer: now they may. */
  g_assert_true (att_users_set_deputy (f->s.db, f->head, f->s.officer->id, &error));
  g_assert_no_error (error);
  deputy = att_users_get (f->s.db, f->s.officer->id, &error);
  g_assert_no_error (error);
  g_assert_true (att_leave_decide (f->s.db, deputy, id, &agree, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->s.db, id), ==, ATT_LEAVE_APPROVED);
  /* Exceptional circumstances: C in all 4 sessions (30 Sep and 1 Oct). */
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 30), ATT_SESSION_AM), ==, ATT_CODE_C);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 10, 1), ATT_SESSION_PM), ==, ATT_CODE_C);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM audit_log WHERE action = 'leave.decide'"), ==, 1);
}

/* Agreeing some sessions fills only those; the rest are refused and
 * stay blank. */
static void
test_partial_agreement (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) agreed = att_leave_sessions_parse ("2024-09-16,2024-09-17:am", &error);
  g_autoptr(AttLeave) leave = NULL;
  AttLeaveDecision some = { ATT_LEAVE_AGREE_SOME, NULL, 0, "The interview day and the morning after", NULL, 0 };
  /* Monday 16 to Wednesday 18 September: 6 sessions asked. */
  gint64 id = record_one (f, f->amina, ATT_LEAVE_INTERVIEW, D (2024, 9, 16), D (2024, 9, 18));

  g_assert_no_error (error);
  g_assert_cmpuint (agreed->len, ==, 3);
  some.agreed = (const AttLeaveSession *)(gpointer)agreed->data;
  some.n_agreed = agreed->len;
  g_assert_true (att_leave_decide (f->s.db, f->head, id, &some, &error));
  g_assert_no_error (error);

  leave = att_leave_get (f->s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (leave->status, ==, ATT_LEAVE_PARTLY_APPROVED);
  /* 3 agreed (16 am, 16 pm, 17 am), 3 refused (17 pm, 18 am, 18 pm). */
  g_assert_cmpuint (att_leave_count_sessions (leave, ATT_LEAVE_SESSION_AGREED), ==, 3);
  g_assert_cmpuint (att_leave_count_sessions (leave, ATT_LEAVE_SESSION_REFUSED), ==, 3);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 16), ATT_SESSION_AM), ==, ATT_CODE_J1);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 16), ATT_SESSION_PM), ==, ATT_CODE_J1);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 17), ATT_SESSION_AM), ==, ATT_CODE_J1);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 17), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 18), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 18), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  /* Each agreed session keeps the history row its decision wrote. */
  for (guint i = 0; i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      if (row->state == ATT_LEAVE_SESSION_AGREED)
        g_assert_cmpint (row->history_id, >, 0);
      else
        g_assert_cmpint (row->history_id, ==, 0);
    }
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM mark_history"), ==, 3);

  /* A session not asked for cannot be agreed. */
  {
    g_autoptr(GArray) other = att_leave_sessions_parse ("2024-09-20:am", NULL);
    gint64 second = record_one (f, f->ben, ATT_LEAVE_INTERVIEW, D (2024, 9, 16), D (2024, 9, 16));

    some.agreed = (const AttLeaveSession *)(gpointer)other->data;
    some.n_agreed = other->len;
    g_assert_false (att_leave_decide (f->s.db, f->head, second, &some, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    g_assert_cmpint (status_of (f->s.db, second), ==, ATT_LEAVE_SUBMITTED);
  }
}

/* A holiday refused and taken: G is suggested, the sessions count
 * towards the penalty-notice threshold, and once the pupil is back the
 * case is listed. */
static void
test_refused_then_taken (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttLeaveDecision refuse = { ATT_LEAVE_REFUSE, NULL, 0, "A holiday is not an exceptional circumstance", NULL, 0 };
  g_autoptr(GPtrArray) cases = NULL;
  AttBreach breach = { 0 };
  AttLeaveCounts counts = { 0 };
  AttLeaveLetter letter;
  gint64 leave_id = 0, other;
  /* Monday 23 to Friday 27 September: 10 sessions. */
  gint64 id = record_one (f, f->amina, ATT_LEAVE_HOLIDAY, D (2024, 9, 23), D (2024, 9, 27));

  g_assert_true (att_leave_decide (f->s.db, f->head, id, &refuse, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->s.db, id), ==, ATT_LEAVE_DECLINED);
  /* Refused sessions are not filled. */
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 23), ATT_SESSION_AM), ==, ATT_CODE_NONE);

  /* Absent anyway: the register suggests G on each refused session, and
   * nothing the day before or for the brother. */
  g_assert_cmpint (att_leave_suggest_code (f->s.db, f->amina, D (2024, 9, 25), ATT_SESSION_PM, &leave_id), ==, ATT_CODE_G);
  g_assert_cmpint (leave_id, ==, id);
  g_assert_cmpint (att_leave_suggest_code (f->s.db, f->amina, D (2024, 9, 20), ATT_SESSION_PM, NULL), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_leave_suggest_code (f->s.db, f->ben, D (2024, 9, 25), ATT_SESSION_PM, NULL), ==, ATT_CODE_NONE);

  g_setenv ("ATTENDANCE_TODAY", "2024-09-30", TRUE);
  for (AttDate d = D (2024, 9, 23); d <= D (2024, 9, 27); d++)
    for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
      mark (f->s.db, f->s.officer, f->amina, d, s, ATT_CODE_G);

  /* The threshold: 10 unauthorised sessions in the window ending Friday
   * 27 September, all G: at the threshold of 10. */
  g_assert_true (att_threshold_pupil (f->s.db, f->amina, D (2024, 9, 27), &breach, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (breach.sessions, ==, 10);
  g_assert_cmpuint (breach.codes[ATT_CODE_G], ==, 10);

  /* Not back yet on Friday 27th: no case listed. */
  cases = att_leave_refused_taken (f->s.db, D (2024, 9, 27), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 0);
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* Back on Monday 30th: the case for the attendance officer. */
  mark (f->s.db, f->s.officer, f->amina, D (2024, 9, 30), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  cases = att_leave_refused_taken (f->s.db, D (2024, 9, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  {
    AttLeaveCase *c = g_ptr_array_index (cases, 0);

    g_assert_cmpint (c->leave_id, ==, id);
    g_assert_cmpuint (c->refused_sessions, ==, 10);
    g_assert_cmpuint (c->absent_sessions, ==, 10);
    g_assert_cmpuint (c->unauthorised, ==, 10);
    g_assert_cmpint (c->first_absent, ==, D (2024, 9, 23));
    g_assert_cmpint (c->last_absent, ==, D (2024, 9, 27));
    g_assert_cmpint (c->back, ==, D (2024, 9, 30));
    /* The officer's list names the pupil's group, as every leave row. */
    g_assert_cmpstr (c->reg_group, ==, "7A");
  }
  g_assert_true (att_leave_counts (f->s.db, D (2024, 9, 30), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.refused_taken, ==, 1);
  g_assert_cmpuint (counts.waiting, ==, 0);
  {
    g_autoptr(AttLeave) leave = att_leave_get (f->s.db, id, &error);

    g_assert_true (att_leave_letter_for (f->s.db, leave, &letter));
    g_assert_cmpint (letter, ==, ATT_LEAVE_LETTER_UNAUTHORISED);
  }

  /* Refused for another reason than a holiday: O is suggested. */
  other = record_one (f, f->ben, ATT_LEAVE_EXCEPTIONAL, D (2024, 10, 7), D (2024, 10, 7));
  g_assert_true (att_leave_decide (f->s.db, f->head, other, &refuse, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_leave_suggest_code (f->s.db, f->ben, D (2024, 10, 7), ATT_SESSION_AM, NULL), ==, ATT_CODE_O);

  /* Refused in advance and past: a later request cannot agree it. */
  g_setenv ("ATTENDANCE_TODAY", "2024-10-01", TRUE);
  {
    gint64 again = record_one (f, f->amina, ATT_LEAVE_EXCEPTIONAL, D (2024, 9, 27), D (2024, 9, 27));
    AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "Asked again", "Leave agreed", 0 };

    g_assert_false (att_leave_decide (f->s.db, f->head, again, &agree, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
    g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 27), ATT_SESSION_AM), ==, ATT_CODE_G);
  }
}

/* A part-time timetable of afternoons fills its pattern to the end date
 * and no further; its review falls due. */
static void
test_part_time (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) due = NULL;
  AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "A phased return after an operation", NULL, 0 };
  AttLeaveInput input = input_for (&f->amina, 1, ATT_LEAVE_PART_TIME, D (2024, 9, 9), D (2024, 9, 20));
  g_autoptr(AttLeave) leave = NULL;
  guint c2 = 0;

  input.pattern = ATT_LEAVE_PATTERN_AFTERNOONS;
  /* A review 43 days after the start is further than 6 weeks: refused. */
  input.review_date = D (2024, 9, 9) + 43;
  ids = att_leave_record (f->s.db, f->s.receptionist, &input, &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_null (ids);
  g_clear_error (&error);

  /* Without one, the review is the sooner of 6 weeks on and the end:
   * Friday 20 September. */
  input.review_date = ATT_DATE_NONE;
  ids = att_leave_record (f->s.db, f->s.receptionist, &input, &error);
  g_assert_no_error (error);
  g_assert_true (att_leave_decide (f->s.db, f->head, g_array_index (ids, gint64, 0), &agree, &error));
  g_assert_no_error (error);
  leave = att_leave_get (f->s.db, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (leave->review_date, ==, D (2024, 9, 20));

  /* Monday 9 to Friday 20 September: 10 school days, 10 afternoons of
   * C2, the mornings blank, and nothing from Monday 23rd on. */
  for (AttDate d = D (2024, 9, 9); d <= D (2024, 9, 27); d++)
    {
      AttCode am = att_register_code (f->s.db, f->amina, d, ATT_SESSION_AM);
      AttCode pm = att_register_code (f->s.db, f->amina, d, ATT_SESSION_PM);

      g_assert_cmpint (am, ==, ATT_CODE_NONE);
      if (att_date_weekday (d) <= 5 && d <= D (2024, 9, 20))
        g_assert_cmpint (pm, ==, ATT_CODE_C2);
      else
        g_assert_cmpint (pm, ==, ATT_CODE_NONE);
      c2 += pm == ATT_CODE_C2;
    }
  g_assert_cmpuint (c2, ==, 10);

  due = att_leave_reviews_due (f->s.db, D (2024, 9, 19), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = att_leave_reviews_due (f->s.db, D (2024, 9, 20), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
}

/* One form for a brother and sister: two requests, one group, each
 * decided on its own. */
static void
test_siblings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const gint64 both[] = { f->amina, f->ben };
  AttLeaveInput input = input_for (both, 2, ATT_LEAVE_RELIGIOUS, D (2024, 10, 2), D (2024, 10, 2));
  g_autoptr(GArray) ids = att_leave_record (f->s.db, f->s.receptionist, &input, &error);
  AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "A day set apart by the family's church", NULL, 0 };
  AttLeaveDecision refuse = { ATT_LEAVE_REFUSE, NULL, 0, "Ben's class has its assessment that day", NULL, 0 };
  AttLeaveFilter group = ATT_LEAVE_FILTER_ALL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 a, b;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  a = g_array_index (ids, gint64, 0);
  b = g_array_index (ids, gint64, 1);
  group.group_id = a;
  list = att_leave_list (f->s.db, &group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  g_assert_true (att_leave_decide (f->s.db, f->head, a, &agree, &error));
  g_assert_no_error (error);
  /* Ben's request still waits after Amina's is agreed. */
  g_assert_cmpint (status_of (f->s.db, b), ==, ATT_LEAVE_SUBMITTED);
  g_assert_true (att_leave_decide (f->s.db, f->head, b, &refuse, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->s.db, a), ==, ATT_LEAVE_APPROVED);
  g_assert_cmpint (status_of (f->s.db, b), ==, ATT_LEAVE_DECLINED);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 10, 2), ATT_SESSION_AM), ==, ATT_CODE_R);
  g_assert_cmpint (att_register_code (f->s.db, f->ben, D (2024, 10, 2), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  {
    g_autoptr(AttLeave) leave = att_leave_get (f->s.db, a, &error);
    AttLeaveLetter letter;

    g_assert_true (att_leave_letter_for (f->s.db, leave, &letter));
    g_assert_cmpint (letter, ==, ATT_LEAVE_LETTER_RELIGIOUS_AGREED);
  }
}

/* An agreed session already holding another mark needs the amendment
 * reason; without it nothing changes. */
static void
test_amendment_reason (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "Regulated performance with a licence seen", NULL, 0 };
  g_autoptr(GArray) plan = NULL;
  gint64 id = record_one (f, f->amina, ATT_LEAVE_PERFORMANCE, D (2024, 9, 3), D (2024, 9, 3));
  gint64 history;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-03", TRUE);
  /* The morning was already marked I (a call about illness). */
  mark (f->s.db, f->s.officer, f->amina, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_I);
  history = count_rows (f->s.db, "SELECT count(*) FROM mark_history");

  plan = att_leave_plan_decision (f->s.db, id, &agree, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 2);
  g_assert_true (g_array_index (plan, AttLeaveMark, 0).conflict);
  g_assert_false (g_array_index (plan, AttLeaveMark, 1).conflict);

  g_assert_false (att_leave_decide (f->s.db, f->head, id, &agree, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_cmpint (status_of (f->s.db, id), ==, ATT_LEAVE_SUBMITTED);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 3), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 3), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM mark_history"), ==, history);

  agree.amend_reason = "The licence arrived: leave agreed for the day";
  g_assert_true (att_leave_decide (f->s.db, f->head, id, &agree, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 3), ATT_SESSION_AM), ==, ATT_CODE_C1);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 9, 3), ATT_SESSION_PM), ==, ATT_CODE_C1);
  /* Two rows more: the amendment and the afternoon's first entry. */
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM mark_history"), ==, history + 2);
}

/* A decision is final: deciding again is refused with nothing changed. */
static void
test_decide_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "Study leave for the mock examinations", NULL, 0 };
  AttLeaveDecision refuse = { ATT_LEAVE_REFUSE, NULL, 0, "Changed my mind", "Put right", 0 };
  gint64 id = record_one (f, f->amina, ATT_LEAVE_STUDY, D (2024, 10, 14), D (2024, 10, 14));
  gint64 audit, history;

  g_assert_true (att_leave_decide (f->s.db, f->head, id, &agree, &error));
  g_assert_no_error (error);
  audit = count_rows (f->s.db, "SELECT count(*) FROM audit_log");
  history = count_rows (f->s.db, "SELECT count(*) FROM mark_history");

  g_assert_false (att_leave_decide (f->s.db, f->head, id, &refuse, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_false (att_leave_decide (f->s.db, f->head, id, &agree, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_false (att_leave_withdraw (f->s.db, f->s.receptionist, id, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  g_assert_cmpint (status_of (f->s.db, id), ==, ATT_LEAVE_APPROVED);
  g_assert_cmpint (att_register_code (f->s.db, f->amina, D (2024, 10, 14), ATT_SESSION_AM), ==, ATT_CODE_S);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM mark_history"), ==, history);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM leave_sessions WHERE state = 'agreed'"), ==, 2);
}

/* Warnings, never refusals: late notice, an exam period, dates past,
 * and exceptional circumstances asked by someone who is not a parent the
 * pupil lives with. */
static void
test_warnings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) mother = att_contact_new ();
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(AttLeave) leave = NULL;
  AttLeaveWarnings warnings = 0;
  AttLeaveInput input;
  gint64 mother_id;

  mother->pupil_id = f->amina;
  mother->priority = 1;
  mother->title = g_strdup ("Mrs");
  mother->forename = g_strdup ("Sara");
  mother->surname = g_strdup ("Khan");
  mother->relationship = g_strdup ("Mother");
  mother->parental_responsibility = TRUE;
  mother->lives_with = TRUE;
  mother->receives_letters = TRUE;
  mother_id = att_contacts_save (f->s.db, f->s.officer, mother, &error);
  g_assert_no_error (error);
  g_assert_true (att_exam_periods_add (f->s.db, f->s.officer, "Mock exams", D (2024, 10, 14), D (2024, 10, 18), &error) > 0);
  g_assert_no_error (error);

  /* Received Monday 2 September for Friday 20th: 18 days, under the 21
   * days' notice; asked by an aunt. */
  input = input_for (&f->amina, 1, ATT_LEAVE_EXCEPTIONAL, D (2024, 9, 20), D (2024, 9, 20));
  input.requested_by = "Aunt Farah";
  messages = att_leave_check (f->s.db, &input, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warnings, ==, ATT_LEAVE_WARN_LATE_NOTICE | ATT_LEAVE_WARN_REQUESTER);
  g_assert_cmpuint (messages->len, ==, 2);
  g_clear_pointer (&messages, g_ptr_array_unref);

  /* The mother, picked from the contacts, for the exam week, 42 days
   * ahead: only the exam period. */
  input = input_for (&f->amina, 1, ATT_LEAVE_EXCEPTIONAL, D (2024, 10, 14), D (2024, 10, 15));
  input.requested_by = NULL;
  input.requested_by_contact_id = mother_id;
  messages = att_leave_check (f->s.db, &input, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warnings, ==, ATT_LEAVE_WARN_EXAM_PERIOD);
  ids = att_leave_record (f->s.db, f->s.receptionist, &input, &error);
  g_assert_no_error (error);
  leave = att_leave_get (f->s.db, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (leave->requested_by, ==, "Mrs Sara Khan");
  g_assert_cmpint (leave->requested_by_contact_id, ==, mother_id);
  g_assert_cmpint (leave->warnings, ==, ATT_LEAVE_WARN_EXAM_PERIOD);
  /* Due back on the first school day after Tuesday 15 October. */
  g_assert_cmpint (leave->return_date, ==, D (2024, 10, 16));
  g_clear_pointer (&messages, g_ptr_array_unref);

  /* Today is Monday 9 September: a request for Thursday 5th is past. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-09", TRUE);
  input = input_for (&f->amina, 1, ATT_LEAVE_INTERVIEW, D (2024, 9, 5), D (2024, 9, 5));
  input.received = D (2024, 9, 9);
  messages = att_leave_check (f->s.db, &input, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warnings, ==, ATT_LEAVE_WARN_LATE_NOTICE | ATT_LEAVE_WARN_PAST);

  /* Refusals: no reason, the end before the start. */
  input.reason = "  ";
  g_assert_null (att_leave_check (f->s.db, &input, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  input = input_for (&f->amina, 1, ATT_LEAVE_INTERVIEW, D (2024, 9, 6), D (2024, 9, 5));
  g_assert_null (att_leave_check (f->s.db, &input, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

/* Not back by the agreed return date: a possible child missing
 * education; withdrawal keeps the request in the history. */
static void
test_not_back_and_withdraw (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "A family funeral", NULL, 0 };
  AttLeaveCounts counts = { 0 };
  /* Thursday 3 and Friday 4 October; due back Monday 7th. */
  gint64 id = record_one (f, f->amina, ATT_LEAVE_EXCEPTIONAL, D (2024, 10, 3), D (2024, 10, 4));
  gint64 withdrawn = record_one (f, f->ben, ATT_LEAVE_HOLIDAY, D (2024, 10, 21), D (2024, 10, 25));

  g_assert_true (att_leave_withdraw (f->s.db, f->s.receptionist, withdrawn, "The family changed their plans", &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->s.db, withdrawn), ==, ATT_LEAVE_WITHDRAWN);
  g_assert_false (att_leave_decide (f->s.db, f->head, withdrawn, &agree, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  g_assert_true (att_leave_decide (f->s.db, f->head, id, &agree, &error));
  g_assert_no_error (error);

  /* Monday 7th before the register: nothing to say yet. */
  g_setenv ("ATTENDANCE_TODAY", "2024-10-07", TRUE);
  list = att_leave_not_back (f->s.db, D (2024, 10, 7), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Marked N in the morning: not back. */
  mark (f->s.db, f->s.officer, f->amina, D (2024, 10, 7), ATT_SESSION_AM, ATT_CODE_N);
  list = att_leave_not_back (f->s.db, D (2024, 10, 7), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((AttLeave *)g_ptr_array_index (list, 0))->id, ==, id);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (att_leave_counts (f->s.db, D (2024, 10, 7), &counts, &error));
  g_assert_cmpuint (counts.not_back, ==, 1);
  g_assert_cmpuint (counts.waiting, ==, 0);
  /* The days beyond the leave are suggested O (not a holiday). */
  g_assert_cmpint (att_leave_suggest_code (f->s.db, f->amina, D (2024, 10, 7), ATT_SESSION_AM, NULL), ==, ATT_CODE_O);

  /* Back on Tuesday: no longer listed. */
  g_setenv ("ATTENDANCE_TODAY", "2024-10-08", TRUE);
  mark (f->s.db, f->s.officer, f->amina, D (2024, 10, 8), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  list = att_leave_not_back (f->s.db, D (2024, 10, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

/* The snapshot taken when the request is recorded, and the figures for
 * the person deciding. */
static void
test_snapshot_and_figures (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLeave) leave = NULL;
  AttLeaveFigures figures = { 0 };
  gint64 first, second;

  /* Monday 2 to Friday 6 September: 10 sessions, 8 present, 2 O. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-06", TRUE);
  for (AttDate d = D (2024, 9, 2); d <= D (2024, 9, 6); d++)
    {
      mark (f->s.db, f->s.officer, f->amina, d, ATT_SESSION_AM, d == D (2024, 9, 4) ? ATT_CODE_O : ATT_CODE_PRESENT_AM);
      mark (f->s.db, f->s.officer, f->amina, d, ATT_SESSION_PM, d == D (2024, 9, 4) ? ATT_CODE_O : ATT_CODE_PRESENT_PM);
    }
  first = record_one (f, f->amina, ATT_LEAVE_HOLIDAY, D (2024, 10, 21), D (2024, 10, 25));
  g_assert_true (att_leave_withdraw (f->s.db, f->s.receptionist, first, NULL, &error));
  second = record_one (f, f->amina, ATT_LEAVE_EXCEPTIONAL, D (2024, 10, 21), D (2024, 10, 22));
  leave = att_leave_get (f->s.db, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leave->snapshot.possible, ==, 10);
  g_assert_cmpuint (leave->snapshot.present, ==, 8);
  g_assert_cmpuint (leave->snapshot.absent, ==, 2);
  g_assert_cmpuint (leave->snapshot.unauthorised, ==, 2);
  g_assert_cmpfloat_with_epsilon (leave->snapshot.attendance_pct, 80.0, 0.01);
  g_assert_true (leave->snapshot.persistent);
  g_assert_cmpuint (leave->snapshot.previous_requests, ==, 1);
  g_assert_cmpuint (leave->snapshot.previous_withdrawn, ==, 1);

  /* Now 8 of 10; after the 4 sessions asked, 8 of 14 = 57.1%. */
  g_assert_true (att_leave_figures (f->s.db, second, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (figures.school_days, ==, 2);
  g_assert_cmpuint (figures.sessions, ==, 4);
  g_assert_cmpfloat_with_epsilon (figures.attendance_now, 80.0, 0.01);
  g_assert_cmpuint (figures.possible_after, ==, 14);
  g_assert_cmpfloat_with_epsilon (figures.attendance_after, 57.1, 0.01);
  g_assert_true (figures.persistent_after);
}

/* Every step is audited with who; a review moves the next review, at
 * most 6 weeks on; the notice period is a setting. */
static void
test_audit_review_settings (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = att_test_add_user (f->s.db, "Adam Admin", ATT_ROLE_ADMIN, NULL);
  AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "A phased return", NULL, 0 };
  AttLeaveInput input = input_for (&f->amina, 1, ATT_LEAVE_PART_TIME, D (2024, 9, 9), D (2024, 10, 25));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(AttLeave) leave = NULL;
  AttLeaveWarnings warnings = 0;
  g_autoptr(GPtrArray) messages = NULL;
  gint64 id, withdrawn;

  /* Afternoons from Monday 9 September to Friday 25 October; first review
   * six weeks on, Monday 21 October. */
  input.pattern = ATT_LEAVE_PATTERN_AFTERNOONS;
  ids = att_leave_record (f->s.db, f->s.receptionist, &input, &error);
  g_assert_no_error (error);
  id = g_array_index (ids, gint64, 0);
  g_assert_true (att_leave_decide (f->s.db, f->head, id, &agree, &error));
  g_assert_no_error (error);
  withdrawn = record_one (f, f->ben, ATT_LEAVE_HOLIDAY, D (2024, 10, 21), D (2024, 10, 25));
  g_assert_true (att_leave_withdraw (f->s.db, f->s.receptionist, withdrawn, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM audit_log l JOIN actors a ON a.id = l.actor_id "
                                        "WHERE l.kind = 'leave' AND a.name = 'Rita Reception' "
                                        "AND l.action IN ('leave.add', 'leave.withdraw')"), ==, 3);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM audit_log l JOIN actors a ON a.id = l.actor_id "
                                        "WHERE l.kind = 'leave' AND a.name = 'Helen Head' "
                                        "AND l.action = 'leave.decide' AND l.new_value LIKE '%approved%'"), ==, 1);

  due = att_leave_reviews_due (f->s.db, D (2024, 10, 21), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);
  /* Reviewed on Monday 21 October; the timetable ends on the 25th, within
   * six weeks, so no further review is needed. A receptionist may not. */
  g_assert_false (att_leave_review (f->s.db, f->s.receptionist, id, D (2024, 10, 21), ATT_DATE_NONE, "Going well", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_leave_review (f->s.db, f->head, id, D (2024, 10, 21), ATT_DATE_NONE, "Going well", &error));
  g_assert_no_error (error);
  due = att_leave_reviews_due (f->s.db, D (2024, 10, 25), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
  leave = att_leave_get (f->s.db, id, &error);
  g_assert_cmpint (leave->review_date, ==, ATT_DATE_NONE);
  g_assert_cmpint (count_rows (f->s.db, "SELECT count(*) FROM leave_reviews"), ==, 1);

  /* The notice period: 21 days by default; at 10 days, a request 18 days
   * ahead is no longer late. Only the settings right changes it. */
  g_assert_cmpuint (att_leave_get_notice_days (f->s.db), ==, 21);
  g_assert_false (att_leave_set_notice_days (f->s.db, f->s.receptionist, 10, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_leave_set_notice_days (f->s.db, admin, 10, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (att_leave_get_notice_days (f->s.db), ==, 10);
  input = input_for (&f->amina, 1, ATT_LEAVE_INTERVIEW, D (2024, 9, 20), D (2024, 9, 20));
  messages = att_leave_check (f->s.db, &input, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warnings, ==, ATT_LEAVE_WARN_NONE);
}

static void
test_names (void)
{
  g_autoptr(GError) error = NULL;
  AttLeaveType type;
  AttLeaveStatus status;
  guint pattern = 0;
  g_autofree char *text = NULL;

  g_assert_true (att_leave_type_parse ("part-time", &type, &error));
  g_assert_cmpint (type, ==, ATT_LEAVE_PART_TIME);
  g_assert_false (att_leave_type_parse ("cruise", &type, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (att_leave_status_parse ("partly-approved", &status, &error));
  g_assert_cmpint (status, ==, ATT_LEAVE_PARTLY_APPROVED);
  g_assert_cmpint (att_leave_type_code (ATT_LEAVE_HOLIDAY), ==, ATT_CODE_C);
  g_assert_cmpint (att_leave_type_code (ATT_LEAVE_PERFORMANCE), ==, ATT_CODE_C1);
  g_assert_cmpint (att_leave_type_code (ATT_LEAVE_PART_TIME), ==, ATT_CODE_C2);
  /* Monday afternoon bit 1, Wednesday all day bits 4 and 5: 0x32. */
  g_assert_true (att_leave_pattern_parse ("mon-pm,wed", &pattern, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pattern, ==, 0x32);
  text = att_leave_pattern_to_string (pattern);
  g_assert_cmpstr (text, ==, "mon-pm,wed-am,wed-pm");
  g_assert_false (att_leave_pattern_parse ("sat-am", &pattern, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/leave/who-may-decide", test_who_may_decide);
  ADD ("/leave/partial-agreement", test_partial_agreement);
  ADD ("/leave/refused-then-taken", test_refused_then_taken);
  ADD ("/leave/part-time", test_part_time);
  ADD ("/leave/siblings", test_siblings);
  ADD ("/leave/amendment-reason", test_amendment_reason);
  ADD ("/leave/decide-twice", test_decide_twice);
  ADD ("/leave/warnings", test_warnings);
  ADD ("/leave/not-back-and-withdraw", test_not_back_and_withdraw);
  ADD ("/leave/snapshot-and-figures", test_snapshot_and_figures);
  ADD ("/leave/audit-review-settings", test_audit_review_settings);
#undef ADD
  g_test_add_func ("/leave/names", test_names);

  return g_test_run ();
}
