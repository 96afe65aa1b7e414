/* test-letters-due.c: the due list: every condition, prerequisites and
 * gaps, repeats, the monitoring period, exclusions, postpone and remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's term runs from Monday 2 September 2024 (att_test_school_init()):
 * week 1 is 2 to 6 September, week 2 9 to 13, week 3 16 to 20, week 4
 * 23 to 27, week 5 30 September to 4 October. Each school day has two
 * sessions, so a week is 10 sessions.
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

static void
mark (AttTestSchool *s,
      gint64         pupil,
      AttDate        date,
      AttSession     session,
      const char    *code)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite write = { pupil, date, session, att_code_lookup (code), -1, NULL };

  g_assert_true (att_register_write (s->db, s->officer, &write, 1, "test", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

/* Both sessions of every weekday from @from to @to. */
static void
mark_days (AttTestSchool *s,
           gint64         pupil,
           AttDate        from,
           AttDate        to,
           const char    *code)
{
  for (AttDate d = from; d <= to; d++)
    if (att_date_weekday (d) <= 5)
      {
        mark (s, pupil, d, ATT_SESSION_AM, code);
        mark (s, pupil, d, ATT_SESSION_PM, code);
      }
}

static AttLadderStage *
stage_new (const char         *name,
           AttLadderCondition  condition,
           double              percent,
           guint               count,
           AttLadderPeriod     period)
{
  AttLadderStage *stage = att_ladder_stage_new ();

  stage->name = g_strdup (name);
  stage->title = g_strdup_printf ("Letter %s", name);
  stage->condition = condition;
  stage->percent = percent;
  stage->count = count;
  stage->period = period;
  stage->template_name = g_strdup ("early-reminder");
  return stage;
}

/* Takes every stage off the ladder, the last first. */
static void
clear_ladder (AttTestSchool *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = att_ladder_load (s->db, &error);

  g_assert_no_error (error);
  for (guint i = stages->len; i > 0; i--)
    {
      AttLadderStage *stage = g_ptr_array_index (stages, i - 1);

      g_assert_true (att_ladder_delete_stage (s->db, s->officer, stage->name, &error));
      g_assert_no_error (error);
    }
}

/* Saves @stage (and frees it). */
static void
save_stage (AttTestSchool  *s,
            AttLadderStage *stage)
{
  g_autoptr(AttLadderStage) owned = stage;
  g_autoptr(GError) error = NULL;

  g_assert_true (att_ladder_save_stage (s->db, s->officer, owned, &error));
  g_assert_no_error (error);
}

static GPtrArray *
due_on (AttTestSchool *s,
        AttDate        as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = att_letters_due (s->db, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static AttLetterDue *
find_row (GPtrArray  *rows,
          gint64      pupil,
          const char *stage)
{
  for (guint i = 0; i < rows->len; i++)
    {
      AttLetterDue *row = g_ptr_array_index (rows, i);

      if (row->pupil_id == pupil && strcmp (row->stage, stage) == 0)
        return row;
    }
  return NULL;
}

/* The row, which must be there. */
static AttLetterDue *
get_row (GPtrArray  *rows,
         gint64      pupil,
         const char *stage)
{
  AttLetterDue *row = find_row (rows, pupil, stage);

  if (row == NULL)
    g_error ("No row for pupil %" G_GINT64_FORMAT " and stage %s", pupil, stage);
  return row;
}

static guint
rows_of (GPtrArray *rows,
         gint64     pupil)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += ((AttLetterDue *)g_ptr_array_index (rows, i))->pupil_id == pupil;
  return n;
}

static gboolean
explains (const AttLetterDue *row,
          const char         *text)
{
  for (guint i = 0; row->explanation != NULL && row->explanation[i] != NULL; i++)
    if (strstr (row->explanation[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* Logs a letter of @kind to @pupil dated @date quoting @attendance. */
static void
record_letter (AttTestSchool *s,
               gint64         pupil,
               const char    *kind,
               AttDate        date,
               double         attendance)
{
  g_autoptr(AttLetterRecord) record = att_letter_record_new ();
  g_autoptr(GError) error = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  record->pupil_id = pupil;
  record->recipient = g_strdup ("Mrs Sana Khan");
  record->address = g_strdup ("Mrs Sana Khan\n12 Mill Lane\nMB4 2QT");
  record->contact_ids = g_strdup ("1");
  record->kind = g_strdup (kind);
  record->template_name = g_strdup ("concern");
  record->template_version = 1;
  record->subject = g_strdup ("Attendance");
  record->date = date;
  record->delivery = ATT_LETTER_POST;
  record->figures = g_strdup_printf ("{\"attendance\": %s}",
                                     g_ascii_formatd (number, sizeof number, "%.1f", attendance));
  g_assert_cmpint (att_letters_record (s->db, s->officer, record, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
pupil (AttTestSchool *s,
       const char    *forename)
{
  return att_test_school_add_pupil (s, forename, "Khan", D (2012, 10, 1));
}

/* Below a line, at or above a line (certificates), and the exact line.
 *
 * Weeks 1 and 2 are 20 sessions, up to Friday 13 September:
 *   Amira: 2 I and 1 O: 17 of 20 attended, 85.0%: below 90%.
 *   Ben:   1 I: 19 of 20, 95.0%: not below 90%; 95% or more.
 *   Cara:  2 O: 18 of 20, exactly 90.0%: not below 90% ("below" is strict).
 *   Dan:   20 of 20, 100%: full attendance and 95% or more. */
static void
test_below_and_at_least (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  AttLetterDue *row;
  gint64 amira, ben, cara, dan;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  amira = pupil (&s, "Amira");
  ben = pupil (&s, "Ben");
  cara = pupil (&s, "Cara");
  dan = pupil (&s, "Dan");
  mark_days (&s, amira, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, ben, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, cara, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, dan, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark (&s, amira, D (2024, 9, 3), ATT_SESSION_AM, "I");
  mark (&s, amira, D (2024, 9, 3), ATT_SESSION_PM, "I");
  mark (&s, amira, D (2024, 9, 10), ATT_SESSION_AM, "O");
  mark (&s, ben, D (2024, 9, 4), ATT_SESSION_AM, "I");
  mark (&s, cara, D (2024, 9, 5), ATT_SESSION_AM, "O");
  mark (&s, cara, D (2024, 9, 6), ATT_SESSION_PM, "O");

  clear_ladder (&s);
  save_stage (&s, stage_new ("below", ATT_LADDER_BELOW, 90, 0, ATT_LADDER_PERIOD_YEAR));
  rows = due_on (&s, D (2024, 9, 13));
  g_assert_cmpuint (rows->len, ==, 1);
  row = get_row (rows, amira, "below");
  g_assert_nonnull (row);
  g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_null (row->reason);
  g_assert_cmpfloat_with_epsilon (row->figures.attendance, 85.0, 0.001);
  g_assert_cmpuint (row->figures.possible, ==, 20);
  g_assert_cmpuint (row->figures.present, ==, 17);
  g_assert_cmpuint (row->figures.authorised, ==, 2);
  g_assert_cmpuint (row->figures.unauthorised, ==, 1);
  g_assert_cmpint (row->period_from, ==, D (2024, 9, 1));
  g_assert_cmpint (row->period_to, ==, D (2024, 9, 13));
  g_assert_true (explains (row, "17 of 20 sessions attended"));
  g_assert_true (explains (row, "Attendance below 90% this school year"));
  g_assert_cmpuint (rows_of (rows, cara), ==, 0);
  /* The same for one pupil. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) hers = att_letters_due_for_pupil (s.db, amira, D (2024, 9, 13), &error);
    g_autoptr(GPtrArray) his = att_letters_due_for_pupil (s.db, ben, D (2024, 9, 13), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hers->len, ==, 1);
    g_assert_cmpfloat_with_epsilon (((AttLetterDue *)g_ptr_array_index (hers, 0))->figures.attendance,
                                    85.0, 0.001);
    g_assert_cmpuint (his->len, ==, 0);
  }

  clear_ladder (&s);
  save_stage (&s, stage_new ("full", ATT_LADDER_AT_LEAST, 100, 0, ATT_LADDER_PERIOD_TERM));
  save_stage (&s, stage_new ("good", ATT_LADDER_AT_LEAST, 95, 0, ATT_LADDER_PERIOD_TERM));
  certificates = due_on (&s, D (2024, 9, 13));
  /* Dan both, Ben 95% exactly, Amira and Cara neither. */
  g_assert_cmpuint (certificates->len, ==, 3);
  g_assert_cmpint (get_row (certificates, dan, "full")->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_cmpint (get_row (certificates, dan, "good")->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_cmpint (get_row (certificates, ben, "good")->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_null (find_row (certificates, ben, "full"));
  g_assert_cmpint (get_row (certificates, ben, "good")->period_from, ==, D (2024, 9, 2));

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* Late marks, persistent and severe absence, and unauthorised sessions
 * in the rolling window.
 *   Eve:  2 L and 1 U in the term: 3 late marks, the stage asks for 3.
 *   Finn: 2 L: not enough.
 *   Fay:  2 O of 20: absence 10% exactly: persistently absent (10% or
 *         more), though not below 90%.
 *   Gus:  10 I of 20: absence 50%: severely absent, and persistently.
 *   Hal:  4 O: 4 unauthorised sessions in the last 10 school weeks.
 *   Ivy:  3 O: not enough for 4. */
static void
test_late_persistent_severe_unauthorised (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) rows = NULL;
  AttLetterDue *row;
  gint64 eve, finn, fay, gus, hal, ivy;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  eve = pupil (&s, "Eve");
  finn = pupil (&s, "Finn");
  fay = pupil (&s, "Fay");
  gus = pupil (&s, "Gus");
  hal = pupil (&s, "Hal");
  ivy = pupil (&s, "Ivy");
  mark_days (&s, eve, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, finn, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, fay, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, gus, D (2024, 9, 2), D (2024, 9, 6), "I");
  mark_days (&s, gus, D (2024, 9, 9), D (2024, 9, 13), "/");
  mark_days (&s, hal, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, ivy, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark (&s, eve, D (2024, 9, 3), ATT_SESSION_AM, "L");
  mark (&s, eve, D (2024, 9, 4), ATT_SESSION_AM, "L");
  mark (&s, eve, D (2024, 9, 5), ATT_SESSION_AM, "U");
  mark (&s, finn, D (2024, 9, 3), ATT_SESSION_AM, "L");
  mark (&s, finn, D (2024, 9, 4), ATT_SESSION_AM, "L");
  mark (&s, fay, D (2024, 9, 9), ATT_SESSION_AM, "O");
  mark (&s, fay, D (2024, 9, 9), ATT_SESSION_PM, "O");
  for (int i = 0; i < 4; i++)
    mark (&s, hal, D (2024, 9, 9 + i), ATT_SESSION_PM, "O");
  for (int i = 0; i < 3; i++)
    mark (&s, ivy, D (2024, 9, 9 + i), ATT_SESSION_PM, "O");

  clear_ladder (&s);
  save_stage (&s, stage_new ("late", ATT_LADDER_LATE, 0, 3, ATT_LADDER_PERIOD_TERM));
  save_stage (&s, stage_new ("pa", ATT_LADDER_PERSISTENT, 0, 0, ATT_LADDER_PERIOD_YEAR));
  save_stage (&s, stage_new ("sa", ATT_LADDER_SEVERE, 0, 0, ATT_LADDER_PERIOD_YEAR));
  {
    AttLadderStage *stage = stage_new ("unauth", ATT_LADDER_UNAUTHORISED, 0, 4, ATT_LADDER_PERIOD_TERM);

    g_free (stage->template_name);
    stage->template_name = g_strdup ("unauthorised");
    save_stage (&s, stage);
  }
  rows = due_on (&s, D (2024, 9, 13));

  row = get_row (rows, eve, "late");
  g_assert_nonnull (row);
  g_assert_cmpuint (row->figures.lates, ==, 3);
  g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_null (find_row (rows, finn, "late"));

  row = get_row (rows, fay, "pa");
  g_assert_nonnull (row);
  g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_cmpfloat_with_epsilon (row->figures.attendance, 90.0, 0.001);
  g_assert_null (find_row (rows, fay, "sa"));

  /* Gus meets both: the family gets the letter further up the ladder. */
  g_assert_cmpint (get_row (rows, gus, "sa")->status, ==, ATT_LETTER_DUE_DUE);
  row = get_row (rows, gus, "pa");
  g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_WAITING);
  g_assert_nonnull (strstr (row->reason, "“sa”"));

  row = get_row (rows, hal, "unauth");
  g_assert_nonnull (row);
  g_assert_cmpuint (row->figures.rolling_unauthorised, ==, 4);
  g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_true (explains (row, "the last 10 school weeks: 4"));
  g_assert_null (find_row (rows, ivy, "unauth"));

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* An improvement since the last letter: Jo's last letter quoted 80.0%,
 * Kim's 88.0%; both are at 18 of 20, 90.0%: Jo is up 10 points (5
 * asked), Kim 2. */
static void
test_improved (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) rows = NULL;
  AttLetterDue *row;
  AttLadderStage *stage;
  gint64 jo, kim;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  jo = pupil (&s, "Jo");
  kim = pupil (&s, "Kim");
  mark_days (&s, jo, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, kim, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark (&s, jo, D (2024, 9, 2), ATT_SESSION_AM, "O");
  mark (&s, jo, D (2024, 9, 2), ATT_SESSION_PM, "O");
  mark (&s, kim, D (2024, 9, 2), ATT_SESSION_AM, "O");
  mark (&s, kim, D (2024, 9, 2), ATT_SESSION_PM, "O");

  clear_ladder (&s);
  save_stage (&s, stage_new ("concern", ATT_LADDER_BELOW, 80, 0, ATT_LADDER_PERIOD_YEAR));
  stage = stage_new ("improved", ATT_LADDER_IMPROVED, 5, 0, ATT_LADDER_PERIOD_YEAR);
  g_free (stage->template_name);
  stage->template_name = g_strdup ("improvement");
  save_stage (&s, stage);
  record_letter (&s, jo, "concern", D (2024, 9, 6), 80.0);
  record_letter (&s, kim, "concern", D (2024, 9, 6), 88.0);

  rows = due_on (&s, D (2024, 9, 13));
  row = get_row (rows, jo, "improved");
  g_assert_nonnull (row);
  g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
  g_assert_cmpfloat_with_epsilon (row->figures.improvement, 10.0, 0.001);
  g_assert_true (explains (row, "up 10.0 points"));
  g_assert_null (find_row (rows, kim, "improved"));
  /* 90% is not below 80%: no concern for either. */
  g_assert_cmpuint (rows->len, ==, 1);

  {
    g_autoptr(AttLetterValues) values = att_letter_values_new ();
    g_autoptr(GError) error = NULL;

    g_assert_true (att_letters_due_fill_values (s.db, row, values, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (att_letter_values_get (values, "figures.previous_attendance"), ==, "80.0%");
    g_assert_cmpstr (att_letter_values_get (values, "figures.attendance"), ==, "90.0%");
    g_assert_cmpstr (att_letter_values_get (values, "figures.improvement"), ==, "10.0");
  }

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* "second" follows "first" with 5 school days between letters. Amira is
 * at 17 of 20, 85.0%, below 95% for both. */
static void
test_prerequisite_and_gap (void)
{
  AttTestSchool s;
  AttLadderStage *stage;
  AttLetterDue *row;
  gint64 amira;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  amira = pupil (&s, "Amira");
  mark_days (&s, amira, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark (&s, amira, D (2024, 9, 3), ATT_SESSION_AM, "O");
  mark (&s, amira, D (2024, 9, 3), ATT_SESSION_PM, "O");
  mark (&s, amira, D (2024, 9, 4), ATT_SESSION_AM, "O");

  clear_ladder (&s);
  save_stage (&s, stage_new ("first", ATT_LADDER_BELOW, 95, 0, ATT_LADDER_PERIOD_YEAR));
  stage = stage_new ("second", ATT_LADDER_BELOW, 95, 0, ATT_LADDER_PERIOD_YEAR);
  stage->follows = g_strdup ("first");
  stage->min_gap_days = 5;
  save_stage (&s, stage);

  /* Nothing sent: "first" is due; "second", waiting for it, is not
   * listed as well. */
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 13));

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (get_row (rows, amira, "first")->status, ==, ATT_LETTER_DUE_DUE);
  }

  /* "first" sent on Tuesday 10 September: 3 school days since (11, 12
   * and 13 September), 5 asked: due from the fifth, Tuesday 17. "first"
   * does not repeat, so it is not listed again. */
  record_letter (&s, amira, "first", D (2024, 9, 10), 85.0);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 13));

    g_assert_cmpuint (rows->len, ==, 1);
    row = get_row (rows, amira, "second");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_WAITING);
    g_assert_cmpstr (row->reason, ==, "Too soon after the last letter: due from Tue 17 Sep 2024");
    g_assert_true (explains (row, "Follows “first”, sent on Tue 10 Sep 2024."));
    g_assert_true (explains (row, "3 school days since the last letter"));
  }

  /* On the 17th: 5 school days (11, 12, 13, 16 and 17): due. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-17", TRUE);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 17));

    row = get_row (rows, amira, "second");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
    g_assert_true (explains (row, "5 school days since the last letter"));
  }

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* Writes the pattern of the repeat and removal tests: absent (O) on
 * Monday and Tuesday of week 1, present to Friday 27 September, absent
 * the whole of week 5. Day by day (attended of possible):
 *   Fri 6 Sep  6 of 10 = 60%      (the letter)
 *   Thu 26 Sep 34 of 38 = 89.5%   (still below 90%)
 *   Fri 27 Sep 36 of 40 = 90.0%   (back to the line: not below)
 *   Fri 4 Oct  36 of 50 = 72.0%   (below again)
 * With @extra_absence, one more O on Monday 9 September: 35 of 40 on the
 * 27th, 87.5%, and never back to the line. */
static void
write_pattern (AttTestSchool *s,
               gint64         id,
               gboolean       extra_absence)
{
  mark_days (s, id, D (2024, 9, 2), D (2024, 9, 3), "O");
  mark_days (s, id, D (2024, 9, 4), D (2024, 9, 27), "/");
  mark_days (s, id, D (2024, 9, 30), D (2024, 10, 4), "O");
  if (extra_absence)
    mark (s, id, D (2024, 9, 9), ATT_SESSION_AM, "O");
}

static void
test_repeat_after_recovering (void)
{
  AttTestSchool s;
  AttLadderStage *stage;
  AttLetterDue *row;
  gint64 lia, max;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-10-04", TRUE);
  lia = pupil (&s, "Lia");
  max = pupil (&s, "Max");
  write_pattern (&s, lia, FALSE);
  write_pattern (&s, max, TRUE);

  clear_ladder (&s);
  stage = stage_new ("concern", ATT_LADDER_BELOW, 90, 0, ATT_LADDER_PERIOD_YEAR);
  stage->repeats = TRUE;
  save_stage (&s, stage);
  record_letter (&s, lia, "concern", D (2024, 9, 6), 60.0);
  record_letter (&s, max, "concern", D (2024, 9, 6), 60.0);

  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 10, 4));

    /* Lia was back to 90% on the 27th: due again. Max never was. */
    row = get_row (rows, lia, "concern");
    g_assert_nonnull (row);
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
    g_assert_cmpfloat_with_epsilon (row->figures.attendance, 72.0, 0.001);
    g_assert_true (explains (row, "Sent before on Fri 6 Sep 2024; the pupil was back above the line on "
                                  "Fri 27 Sep 2024"));
    g_assert_null (find_row (rows, max, "concern"));
  }
  /* On the 26th Lia had not recovered yet (89.5%). */
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 26));

    g_assert_null (find_row (rows, lia, "concern"));
  }
  /* A stage that does not repeat is never due twice. */
  stage = att_ladder_get (s.db, "concern", NULL);
  stage->repeats = FALSE;
  save_stage (&s, stage);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 10, 4));

    g_assert_cmpuint (rows->len, ==, 0);
  }

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* "concern" watches two school weeks after its letter for 95%; "meeting"
 * follows it. The letter went on Friday 6 September, so the monitoring
 * period is weeks 2 and 3, Monday 9 to Friday 20 September.
 *   Pia: 2 O in those weeks: 18 of 20, 90.0%: failed, the meeting is due.
 *   Quinn: none: 20 of 20: succeeded, the meeting waits for a new concern.
 * Both are below 95% over the year (week 1 has 4 O: Pia 24 of 30, Quinn
 * 26 of 30 on the 20th). */
static void
test_monitoring (void)
{
  AttTestSchool s;
  AttLadderStage *stage;
  AttLetterDue *row;
  gint64 pia, quinn;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-10-04", TRUE);
  pia = pupil (&s, "Pia");
  quinn = pupil (&s, "Quinn");
  write_pattern (&s, pia, FALSE);
  write_pattern (&s, quinn, FALSE);
  mark (&s, pia, D (2024, 9, 10), ATT_SESSION_AM, "O");
  mark (&s, pia, D (2024, 9, 17), ATT_SESSION_PM, "O");

  clear_ladder (&s);
  stage = stage_new ("concern", ATT_LADDER_BELOW, 95, 0, ATT_LADDER_PERIOD_YEAR);
  g_free (stage->template_name);
  stage->template_name = g_strdup ("concern");
  stage->monitor_weeks = 2;
  stage->monitor_percent = 95;
  save_stage (&s, stage);
  stage = stage_new ("meeting", ATT_LADDER_BELOW, 95, 0, ATT_LADDER_PERIOD_YEAR);
  stage->follows = g_strdup ("concern");
  g_free (stage->template_name);
  stage->template_name = g_strdup ("meeting");
  stage->meeting_days = 3;
  stage->meeting_time = 15 * 60 + 30;
  stage->meeting_place = g_strdup ("the library");
  save_stage (&s, stage);
  record_letter (&s, pia, "concern", D (2024, 9, 6), 60.0);
  record_letter (&s, quinn, "concern", D (2024, 9, 6), 60.0);

  /* While it runs, the meeting waits. */
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 18));

    row = get_row (rows, pia, "meeting");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_WAITING);
    g_assert_cmpstr (row->reason, ==, "Monitoring after “concern” (sent Fri 6 Sep 2024) runs until Fri 20 Sep 2024");
  }
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 23));
    g_autoptr(AttLetterValues) values = att_letter_values_new ();
    g_autoptr(GError) error = NULL;

    row = get_row (rows, pia, "meeting");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
    g_assert_true (explains (row, "ended on Fri 20 Sep 2024 at 90.0%, below the 95%"));

    /* The meeting is 3 school days after the letter's date, Monday 23
     * September: Thursday 26 September. */
    g_assert_true (att_letters_due_fill_values (s.db, row, values, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (att_letter_values_get (values, "meeting.date"), ==, "Thursday 26 September 2024");
    g_assert_cmpstr (att_letter_values_get (values, "meeting.time"), ==, "15:30");
    g_assert_cmpstr (att_letter_values_get (values, "meeting.place"), ==, "the library");

    /* Every ladder letter of ours merges with what the due list fills. */
    att_letter_values_set (values, "recipient.salutation", "Dear Mrs Khan");
    for (const char * const *name = att_letter_templates_builtin_names (); *name != NULL; name++)
      {
        g_autoptr(AttLetterTemplate) template = NULL;
        g_autoptr(AttLetterText) text = NULL;
        g_autofree char *plain = NULL;

        /* Not ladder letters: leave, the report, the notice to improve;
         * the casework letters merge a meeting's values. */
        if (g_str_has_prefix (*name, "leave-") || g_str_has_prefix (*name, "half-term-")
            || g_strcmp0 (*name, ATT_PENALTY_IMPROVE_TEMPLATE) == 0
            || g_strcmp0 (*name, ATT_CASE_TEMPLATE_OUTCOME) == 0
            || g_strcmp0 (*name, ATT_CASE_TEMPLATE_CONTRACT) == 0)
          continue;
        template = att_letter_templates_get (s.db, *name, &error);
        g_assert_no_error (error);
        text = att_letter_template_merge (template, values, &error);
        g_assert_no_error (error);
        plain = att_letter_text_to_plain (text);
        g_assert_null (strstr (plain, "{"));
        g_assert_nonnull (strstr (plain, "Pia"));
      }

    row = get_row (rows, quinn, "meeting");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_WAITING);
    g_assert_nonnull (strstr (row->reason, "reached 100.0%"));
  }

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* Exclusions, each with its reason.
 *   Ruby, born 15 January 2020: compulsory school age from 31 March 2025.
 *   Mo: 4 I on 9 and 10 September with a doctor's note: 16 of 20 is 80%,
 *       with the evidence 16 of 16, 100%: not below 95%.
 *   Mia: the same and 1 O: 15 of 20, 75%; with the evidence 15 of 16,
 *       93.75%: still below 95%, 4 absences left out.
 *   Noor: leave agreed for 9 and 10 September (C) and 1 O: 15 of 20 is
 *       75%; without the leave 15 of 16, 93.75%.
 *   Ola: 17 of 20, marked "do not send". */
static void
test_exclusions (void)
{
  AttTestSchool s;
  g_autoptr(AttUser) head = NULL;
  g_autoptr(GError) error = NULL;
  AttLetterDue *row;
  gint64 ruby, mo, mia, noor, ola;

  att_test_school_init (&s);
  head = att_test_add_user (s.db, "Hana Head", ATT_ROLE_HEADTEACHER, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-02", TRUE);
  noor = pupil (&s, "Noor");
  {
    AttLeaveInput input = { 0 };
    AttLeaveDecision agree = { ATT_LEAVE_AGREE_ALL, NULL, 0, "A family wedding abroad", NULL, 0 };
    g_autoptr(GArray) ids = NULL;

    input.pupil_ids = &noor;
    input.n_pupils = 1;
    input.type = ATT_LEAVE_EXCEPTIONAL;
    input.first_date = D (2024, 9, 9);
    input.first_session = ATT_SESSION_AM;
    input.last_date = D (2024, 9, 10);
    input.last_session = ATT_SESSION_PM;
    input.return_date = ATT_DATE_NONE;
    input.reason = "A family wedding";
    input.requested_by = "Mrs Khan";
    input.received = D (2024, 9, 2);
    input.review_date = ATT_DATE_NONE;
    ids = att_leave_record (s.db, s.officer, &input, &error);
    g_assert_no_error (error);
    g_assert_true (att_leave_decide (s.db, head, g_array_index (ids, gint64, 0), &agree, &error));
    g_assert_no_error (error);
  }

  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  ruby = att_test_save_pupil (s.db, att_test_pupil_new ("Ruby", "Khan", 0, "RA", D (2020, 1, 15),
                                                        D (2024, 9, 2)));
  mo = pupil (&s, "Mo");
  mia = pupil (&s, "Mia");
  ola = pupil (&s, "Ola");
  mark_days (&s, ruby, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, mo, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, mia, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark_days (&s, noor, D (2024, 9, 2), D (2024, 9, 6), "/");
  mark_days (&s, noor, D (2024, 9, 11), D (2024, 9, 13), "/");
  mark_days (&s, ola, D (2024, 9, 2), D (2024, 9, 13), "/");
  mark (&s, ruby, D (2024, 9, 3), ATT_SESSION_AM, "O");
  mark (&s, ruby, D (2024, 9, 3), ATT_SESSION_PM, "O");
  mark_days (&s, mo, D (2024, 9, 9), D (2024, 9, 10), "I");
  mark_days (&s, mia, D (2024, 9, 9), D (2024, 9, 10), "I");
  mark (&s, mia, D (2024, 9, 12), ATT_SESSION_AM, "O");
  mark (&s, noor, D (2024, 9, 12), ATT_SESSION_AM, "O");
  mark (&s, ola, D (2024, 9, 12), ATT_SESSION_AM, "O");
  mark (&s, ola, D (2024, 9, 12), ATT_SESSION_PM, "O");
  mark (&s, ola, D (2024, 9, 13), ATT_SESSION_PM, "O");

  clear_ladder (&s);
  save_stage (&s, stage_new ("concern", ATT_LADDER_BELOW, 95, 0, ATT_LADDER_PERIOD_YEAR));

  /* A receptionist may not record evidence or stop letters. */
  g_assert_cmpint (att_medical_evidence_add (s.db, s.receptionist, mo, D (2024, 9, 9), D (2024, 9, 10),
                                             "Doctor's note", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (att_medical_evidence_add (s.db, s.officer, mo, D (2024, 9, 9), D (2024, 9, 10),
                                             "Doctor's note", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_medical_evidence_add (s.db, s.officer, mia, D (2024, 9, 9), D (2024, 9, 10),
                                             "Hospital appointment letter", &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (att_letters_do_not_send (s.db, s.receptionist, ola, "Bereavement", D (2024, 10, 31),
                                           &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_letters_do_not_send (s.db, s.officer, ola, "Family bereavement", D (2024, 10, 31),
                                          &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 13));

    row = get_row (rows, ruby, "concern");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_EXCLUDED);
    g_assert_cmpstr (row->reason, ==, "Not of compulsory school age");

    g_assert_null (find_row (rows, mo, "concern"));

    row = get_row (rows, mia, "concern");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
    g_assert_cmpuint (row->figures.possible, ==, 16);
    g_assert_cmpuint (row->figures.medical, ==, 4);
    g_assert_cmpfloat_with_epsilon (row->figures.attendance, 93.8, 0.001);
    g_assert_true (explains (row, "4 absences covered by medical evidence are left out"));

    row = get_row (rows, noor, "concern");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_DUE);
    g_assert_cmpuint (row->figures.possible, ==, 16);
    g_assert_cmpuint (row->figures.agreed_leave, ==, 4);
    g_assert_cmpuint (row->figures.authorised, ==, 0);
    g_assert_true (explains (row, "4 sessions of agreed leave are left out"));
    {
      g_autoptr(AttLetterValues) values = att_letter_values_new ();

      g_assert_true (att_letters_due_fill_values (s.db, row, values, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (att_letter_values_get (values, "figures.possible"), ==, "16");
      g_assert_cmpstr (att_letter_values_get (values, "figures.left_out"), ==,
                       "These figures do not count 4 sessions of leave the school agreed.");
      /* The table of absences holds the O, not the agreed leave. */
      g_assert_cmpuint (att_letter_values_get_rows (values)->len, ==, 1);
    }

    row = get_row (rows, ola, "concern");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_EXCLUDED);
    g_assert_cmpstr (row->reason, ==, "Do not send until Thu 31 Oct 2024: Family bereavement");
    g_assert_cmpint (row->until, ==, D (2024, 10, 31));
  }

  /* What is held about Mo and Ola says so (subject access). */
  {
    g_autoptr(AttSar) sar = att_sar_collect (s.db, s.officer, mo, &error);
    g_autoptr(AttSar) other = att_sar_collect (s.db, s.officer, ola, &error);
    guint found = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < sar->sections->len; i++)
      {
        AttSarSection *section = g_ptr_array_index (sar->sections, i);
        AttSarSection *theirs = g_ptr_array_index (other->sections, i);

        if (g_strcmp0 (section->key, "medical_evidence") == 0)
          found += section->records->len;
        if (g_strcmp0 (theirs->key, "letters_do_not_send") == 0)
          found += 10 * theirs->records->len;
      }
    g_assert_cmpuint (found, ==, 11);
  }

  /* Cleared, Ola's letter is due again. */
  g_assert_true (att_letters_do_not_send (s.db, s.officer, ola, NULL, ATT_DATE_NONE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 13));

    g_assert_cmpint (get_row (rows, ola, "concern")->status, ==, ATT_LETTER_DUE_DUE);
  }

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* Postponed until a date, and removed for this qualification only. */
static void
test_postpone_and_remove (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  AttAuditFilter filter = { NULL, 0, ATT_AUDIT_LETTER, ATT_DATE_NONE, ATT_DATE_NONE, FALSE, 0 };
  AttLetterDue *row;
  gint64 lia, max;
  gboolean postponed = FALSE, removed = FALSE, kept = FALSE;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-10-04", TRUE);
  lia = pupil (&s, "Lia");
  max = pupil (&s, "Max");
  write_pattern (&s, lia, FALSE);
  write_pattern (&s, max, FALSE);
  clear_ladder (&s);
  save_stage (&s, stage_new ("concern", ATT_LADDER_BELOW, 90, 0, ATT_LADDER_PERIOD_YEAR));

  /* Postponing needs a day after today, and the right. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  g_assert_false (att_letters_due_postpone (s.db, s.officer, max, "concern", D (2024, 9, 13), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_letters_due_postpone (s.db, s.receptionist, max, "concern", D (2024, 9, 20), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (att_letters_due_postpone (s.db, s.officer, max, "nope", D (2024, 9, 20), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (att_letters_due_postpone (s.db, s.officer, max, "concern", D (2024, 9, 20), &error));
  g_assert_no_error (error);

  /* Removed on the 6th, when Lia first qualified (60%). */
  g_assert_false (att_letters_due_remove (s.db, s.officer, lia, "concern", D (2024, 9, 6), "", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (att_letters_due_remove (s.db, s.officer, lia, "concern", D (2024, 9, 6),
                                         "Spoke to her mother: a short illness", &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 13));

    row = get_row (rows, max, "concern");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_POSTPONED);
    g_assert_cmpstr (row->reason, ==, "Postponed until Fri 20 Sep 2024");
    g_assert_cmpint (row->until, ==, D (2024, 9, 20));
    row = get_row (rows, lia, "concern");
    g_assert_cmpint (row->status, ==, ATT_LETTER_DUE_REMOVED);
    g_assert_cmpstr (row->reason, ==, "Removed on Fri 6 Sep 2024: Spoke to her mother: a short illness");
  }
  /* On the 20th the postponement is over; Lia, still below 90% (86.7%)
   * since the removal, stays removed. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 20));

    g_assert_cmpint (get_row (rows, max, "concern")->status, ==, ATT_LETTER_DUE_DUE);
    g_assert_cmpint (get_row (rows, lia, "concern")->status, ==, ATT_LETTER_DUE_REMOVED);
  }
  /* The removal ended by mistake and put back: due, then removed again,
   * each step needing the right. */
  g_assert_false (att_letters_due_unremove (s.db, s.receptionist, lia, "concern", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_letters_due_unremove (s.db, s.officer, lia, "concern", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 20));

    g_assert_cmpint (get_row (rows, lia, "concern")->status, ==, ATT_LETTER_DUE_DUE);
  }
  g_assert_true (att_letters_due_remove (s.db, s.officer, lia, "concern", D (2024, 9, 6),
                                         "Spoke to her mother: a short illness", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 9, 20));

    g_assert_cmpint (get_row (rows, lia, "concern")->status, ==, ATT_LETTER_DUE_REMOVED);
  }
  /* Back to 90% on the 27th, below again on 4 October: a new
   * qualification, due. */
  g_setenv ("ATTENDANCE_TODAY", "2024-10-04", TRUE);
  {
    g_autoptr(GPtrArray) rows = due_on (&s, D (2024, 10, 4));

    g_assert_cmpint (get_row (rows, lia, "concern")->status, ==, ATT_LETTER_DUE_DUE);
  }

  /* Both were audited. */
  audit = att_audit_query (s.db, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      AttAuditEntry *entry = g_ptr_array_index (audit, i);

      postponed |= g_strcmp0 (entry->action, "letters.postpone") == 0 && entry->pupil_id == max;
      removed |= g_strcmp0 (entry->action, "letters.remove") == 0 && entry->pupil_id == lia;
      kept |= g_strcmp0 (entry->action, "letters.keep") == 0 && entry->pupil_id == lia;
    }
  g_assert_true (postponed);
  g_assert_true (removed);
  g_assert_true (kept);

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/letters-due/below-and-at-least", test_below_and_at_least);
  g_test_add_func ("/letters-due/late-persistent-severe-unauthorised", test_late_persistent_severe_unauthorised);
  g_test_add_func ("/letters-due/improved", test_improved);
  g_test_add_func ("/letters-due/prerequisite-and-gap", test_prerequisite_and_gap);
  g_test_add_func ("/letters-due/repeat-after-recovering", test_repeat_after_recovering);
  g_test_add_func ("/letters-due/monitoring", test_monitoring);
  g_test_add_func ("/letters-due/exclusions", test_exclusions);
  g_test_add_func ("/letters-due/postpone-and-remove", test_postpone_and_remove);
  return g_test_run ();
}
