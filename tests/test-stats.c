/* test-stats.c: attendance figures, persistent and severe absence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's calendar:
 *   Summer 2 2024   Mon 3 Jun 2024 .. Fri 19 Jul 2024
 *   Autumn 1 2024   Mon 2 Sep 2024 .. Fri 25 Oct 2024
 *   INSET day       Fri 13 Sep 2024 (no sessions)
 * "Today" is Fri 20 Sep 2024 throughout, so from Mon 2 Sep to today there
 * are 14 school days (15 weekdays less the INSET day), 28 sessions.
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
} Fixture;

/* A Year 7 pupil on roll since September 2023. */
static gint64
add_year7 (Fixture    *f,
           const char *forename,
           const char *surname)
{
  return att_test_add_pupil (f->db, forename, surname, 7, D (2013, 1, 10), D (2023, 9, 4), ATT_DATE_NONE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  att_test_add_term (f->db, "Summer 2 2024", D (2024, 6, 3), D (2024, 7, 19));
  att_test_add_term (f->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  att_calendar_add_closure (f->db, (AttUser *)att_user_system (), D (2024, 9, 13), D (2024, 9, 13), -1, "INSET day", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_test_db_free (f->t);
}

static void
mark (Fixture    *f,
      gint64      pupil,
      AttDate     date,
      AttSession  session,
      AttCode     code)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { pupil, date, session, code, -1, NULL };

  g_assert_true (att_register_write (f->db, att_user_system (), &w, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

/* Marks every school session from @from to @to with @code (a slash is
 * turned into the session's own). Returns how many were marked. */
static guint
mark_range (Fixture *f,
            gint64   pupil,
            AttDate  from,
            AttDate  to,
            AttCode  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  AttCalendar *calendar = att_db_get_calendar (f->db);

  for (AttDate d = from; d <= to; d++)
    for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
      if (att_calendar_is_school_session (calendar, d, s))
        {
          AttMarkWrite w = { pupil, d, s, code, -1, NULL };
          g_array_append_val (writes, w);
        }
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite *)(void *)writes->data,
                                     writes->len, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  return writes->len;
}

static void
stats (Fixture    *f,
       gint64      pupil,
       AttDate     from,
       AttDate     to,
       AttFigures *figures)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (att_stats_pupil (f->db, pupil, from, to, figures, &error));
  g_assert_no_error (error);
  g_assert_cmpint (figures->pupil_id, ==, pupil);
}

static void
test_persistent_boundary (Fixture       *f,
                          gconstpointer  data)
{
  gint64 pat = add_year7 (f, "Pat", "Perry");
  gint64 nat = add_year7 (f, "Nat", "North");
  AttFigures fig;

  /* Pat, Mon 2 Sep .. Mon 16 Sep: 10 school days (the INSET day is not
   * one), 20 sessions. 18 present and 2 ill: attendance 18/20 = 90.0%,
   * absence 2/20 = 10%: persistently absent, exactly on the line. */
  g_assert_cmpuint (mark_range (f, pat, D (2024, 9, 2), D (2024, 9, 16), ATT_CODE_PRESENT_AM), ==, 20);
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite[]) {
      { pat, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_I, -1, NULL },
      { pat, D (2024, 9, 4), ATT_SESSION_PM, ATT_CODE_I, -1, NULL } }, 2, "Ill", ATT_WRITE_DEFAULT, NULL));
  stats (f, pat, D (2024, 9, 2), D (2024, 9, 16), &fig);
  g_assert_cmpuint (fig.possible, ==, 20);
  g_assert_cmpuint (fig.present, ==, 18);
  g_assert_cmpuint (fig.authorised, ==, 2);
  g_assert_cmpuint (fig.unauthorised, ==, 0);
  g_assert_cmpuint (fig.missing, ==, 0);
  g_assert_cmpuint (fig.codes[ATT_CODE_PRESENT_AM], ==, 9);
  g_assert_cmpuint (fig.codes[ATT_CODE_PRESENT_PM], ==, 9);
  g_assert_cmpuint (fig.codes[ATT_CODE_I], ==, 2);
  g_assert_cmpuint (att_figures_attended (&fig), ==, 18);
  g_assert_cmpuint (att_figures_absent (&fig), ==, 2);
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 90.0);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 10.0);
  g_assert_true (att_figures_persistent (&fig));
  g_assert_false (att_figures_severe (&fig));

  /* Nat, Mon 2 .. Mon 9 Sep: 6 days, 12 sessions. 10 present, 1 O and
   * Mon 9 Sep PM not marked yet. Possible 11 (the missing session is
   * left out), absence 1/11 = 9.09%: not persistent. Attendance 10/11 =
   * 90.909% shows as 90.9, absence as 9.1. */
  mark_range (f, nat, D (2024, 9, 2), D (2024, 9, 6), ATT_CODE_PRESENT_AM);
  mark (f, nat, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_O);
  stats (f, nat, D (2024, 9, 2), D (2024, 9, 9), &fig);
  g_assert_cmpuint (fig.possible, ==, 11);
  g_assert_cmpuint (fig.present, ==, 10);
  g_assert_cmpuint (fig.unauthorised, ==, 1);
  g_assert_cmpuint (fig.missing, ==, 1);
  g_assert_false (att_figures_persistent (&fig));
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 90.9);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 9.1);

  /* Marking the missing session as O makes 2/12 = 16.7% absence: PA. */
  mark (f, nat, D (2024, 9, 9), ATT_SESSION_PM, ATT_CODE_O);
  stats (f, nat, D (2024, 9, 2), D (2024, 9, 9), &fig);
  g_assert_cmpuint (fig.possible, ==, 12);
  g_assert_cmpuint (fig.missing, ==, 0);
  g_assert_true (att_figures_persistent (&fig));
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 16.7);
}

static AttFigures
figures_of (guint possible,
            guint present,
            guint authorised,
            guint unauthorised)
{
  AttFigures fig = { 0 };

  fig.possible = possible;
  fig.present = present;
  fig.authorised = authorised;
  fig.unauthorised = unauthorised;
  return fig;
}

static void
test_percentages (void)
{
  AttFigures fig, sum = { 0 };

  /* 901 of 1000: absence 99/1000 = 9.9%, not PA. */
  fig = figures_of (1000, 901, 99, 0);
  g_assert_false (att_figures_persistent (&fig));
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 90.1);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 9.9);

  /* 900 of 1000: exactly 10% absence, PA. */
  fig = figures_of (1000, 900, 50, 50);
  g_assert_true (att_figures_persistent (&fig));
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 90.0);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 10.0);

  /* 901 of 1001: absence 100/1001 = 9.99%, not PA (100 * 10 = 1000 <
   * 1001). Plain rounding would read 90.0% and 10.0%, which look like PA;
   * the display stays on the right side of the line: 90.1% and 9.9%. */
  fig = figures_of (1001, 901, 100, 0);
  g_assert_false (att_figures_persistent (&fig));
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 90.1);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 9.9);

  /* 899 of 999: absence 100/999 = 10.01%, PA; 89.99% shows as 90.0. */
  fig = figures_of (999, 899, 0, 100);
  g_assert_true (att_figures_persistent (&fig));
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 90.0);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 10.0);

  /* Severe at 50%: 1 of 2 absent is severe; 500 of 1001 is 49.95%, not
   * severe, and reads 50.1% / 49.9% rather than 50.0% / 50.0%. */
  fig = figures_of (2, 1, 1, 0);
  g_assert_true (att_figures_severe (&fig));
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 50.0);
  fig = figures_of (1001, 501, 500, 0);
  g_assert_false (att_figures_severe (&fig));
  g_assert_true (att_figures_persistent (&fig));
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 50.1);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 49.9);

  /* 1 of 3: 33.3% and 66.7%, rounded as usual away from the lines. */
  fig = figures_of (3, 1, 2, 0);
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 33.3);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 66.7);

  /* Nothing possible: 0%, and neither persistent nor severe. */
  fig = figures_of (0, 0, 0, 0);
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 0.0);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 0.0);
  g_assert_false (att_figures_persistent (&fig));
  g_assert_false (att_figures_severe (&fig));

  /* Sums: 20 possible with 2 absent plus 11 with 1: 3 of 31 = 9.68%. */
  fig = figures_of (20, 18, 2, 0);
  fig.codes[ATT_CODE_I] = 2;
  fig.missing = 4;
  att_figures_add (&sum, &fig);
  fig = figures_of (11, 10, 0, 1);
  fig.codes[ATT_CODE_O] = 1;
  fig.late = 3;
  att_figures_add (&sum, &fig);
  g_assert_cmpuint (sum.possible, ==, 31);
  g_assert_cmpuint (sum.present, ==, 28);
  g_assert_cmpuint (sum.authorised, ==, 2);
  g_assert_cmpuint (sum.unauthorised, ==, 1);
  g_assert_cmpuint (sum.missing, ==, 4);
  g_assert_cmpuint (sum.late, ==, 3);
  g_assert_cmpuint (sum.codes[ATT_CODE_I], ==, 2);
  g_assert_cmpuint (sum.codes[ATT_CODE_O], ==, 1);
  g_assert_false (att_figures_persistent (&sum));
}

static void
test_not_possible (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 dora = add_year7 (f, "Dora", "Dual");
  gint64 eve = att_test_add_pupil (f->db, "Eve", "Early", 0, D (2020, 6, 1), D (2024, 9, 2), ATT_DATE_NONE);
  const AttCode unable[] = {
    ATT_CODE_D, ATT_CODE_Y1, ATT_CODE_Y2, ATT_CODE_Y3, ATT_CODE_Y4,
    ATT_CODE_Y5, ATT_CODE_Y6, ATT_CODE_Y7, ATT_CODE_Q,
  };
  AttFigures fig;

  /* Dora, Mon 2 .. Fri 6 Sep: 10 sessions, 9 of them D, Y1..Y7 and Q,
   * the last (Fri PM) present. Possible 1, present 1: 100%. */
  for (guint i = 0; i < G_N_ELEMENTS (unable); i++)
    mark (f, dora, D (2024, 9, 2) + i / 2, i % 2, unable[i]);
  mark (f, dora, D (2024, 9, 6), ATT_SESSION_PM, ATT_CODE_PRESENT_PM);
  stats (f, dora, D (2024, 9, 2), D (2024, 9, 6), &fig);
  g_assert_cmpuint (fig.possible, ==, 1);
  g_assert_cmpuint (fig.present, ==, 1);
  g_assert_cmpuint (fig.not_possible, ==, 9);
  g_assert_cmpuint (fig.missing, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (unable); i++)
    g_assert_cmpuint (fig.codes[unable[i]], ==, 1);
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 100.0);

  /* Z and '#' are never written through the register, but an old record
   * may hold them: put them in the marks table directly (Mon 9 Sep) and
   * rebuild the compact copies. 10 + 2 sessions, still 1 possible. */
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (f->db),
                                 "INSERT INTO marks (pupil_id, date, session, code) "
                                 "SELECT id, 739138, 0, 'Z' FROM pupils WHERE legal_surname = 'Dual';"
                                 "INSERT INTO marks (pupil_id, date, session, code) "
                                 "SELECT id, 739138, 1, '#' FROM pupils WHERE legal_surname = 'Dual'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (D (2024, 9, 9), ==, 739138);
  g_assert_true (att_register_rebuild_cache (f->db, &error));
  g_assert_no_error (error);
  stats (f, dora, D (2024, 9, 2), D (2024, 9, 9), &fig);
  g_assert_cmpuint (fig.possible, ==, 1);
  g_assert_cmpuint (fig.not_possible, ==, 11);
  g_assert_cmpuint (fig.codes[ATT_CODE_Z], ==, 1);
  g_assert_cmpuint (fig.codes[ATT_CODE_CLOSED], ==, 1);

  /* Eve is four: X all week, nothing possible, not PA. */
  mark_range (f, eve, D (2024, 9, 2), D (2024, 9, 6), ATT_CODE_X);
  stats (f, eve, D (2024, 9, 2), D (2024, 9, 6), &fig);
  g_assert_cmpuint (fig.possible, ==, 0);
  g_assert_cmpuint (fig.not_possible, ==, 10);
  g_assert_cmpuint (fig.codes[ATT_CODE_X], ==, 10);
  g_assert_false (att_figures_persistent (&fig));
}

static void
test_late (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 lucy = add_year7 (f, "Lucy", "Late");
  AttMarkWrite writes[] = {
    { lucy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_L, 5, NULL },
    { lucy, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_U, 35, NULL },
    { lucy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { lucy, D (2024, 9, 3), ATT_SESSION_PM, ATT_CODE_N, -1, NULL },
    { lucy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_V, -1, NULL },
    { lucy, D (2024, 9, 4), ATT_SESSION_PM, ATT_CODE_M, -1, NULL },
  };
  AttFigures fig;

  /* L is present and late; U is unauthorised absence and late after the
   * register closed. Possible 6: present 2 (L, /), AEA 1 (V), authorised
   * 1 (M), unauthorised 2 (U, N). Absence 3/6 = 50%: severe too. */
  g_assert_true (att_register_write (f->db, att_user_system (), writes, G_N_ELEMENTS (writes), NULL,
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  stats (f, lucy, D (2024, 9, 2), D (2024, 9, 4), &fig);
  g_assert_cmpuint (fig.possible, ==, 6);
  g_assert_cmpuint (fig.present, ==, 2);
  g_assert_cmpuint (fig.aea, ==, 1);
  g_assert_cmpuint (fig.authorised, ==, 1);
  g_assert_cmpuint (fig.unauthorised, ==, 2);
  g_assert_cmpuint (fig.late, ==, 1);
  g_assert_cmpuint (fig.late_after_close, ==, 1);
  g_assert_cmpuint (fig.codes[ATT_CODE_L], ==, 1);
  g_assert_cmpuint (fig.codes[ATT_CODE_U], ==, 1);
  g_assert_cmpuint (att_figures_attended (&fig), ==, 3);
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 50.0);
  g_assert_true (att_figures_severe (&fig));
  g_assert_true (att_figures_persistent (&fig));
}

static void
test_admission_leaving_today (Fixture       *f,
                              gconstpointer  data)
{
  gint64 ben = att_test_add_pupil (f->db, "Ben", "Brown", 7, D (2013, 2, 10), D (2024, 9, 11), ATT_DATE_NONE);
  gint64 lee = att_test_add_pupil (f->db, "Lee", "Long", 8, D (2012, 5, 5), D (2023, 9, 4), D (2024, 9, 6));
  gint64 amy = add_year7 (f, "Amy", "Able");
  AttFigures fig;

  /* Ben joins on Wed 11 Sep. From 2 Sep to today (Fri 20 Sep) he was on
   * roll for 11, 12, 16..20 Sep: 7 days, 14 sessions. He is marked on
   * 11 and 12 Sep (4 sessions); the other 10 are missing. The week before
   * he joined counts for nothing. */
  mark_range (f, ben, D (2024, 9, 11), D (2024, 9, 12), ATT_CODE_PRESENT_AM);
  stats (f, ben, D (2024, 9, 2), D (2024, 9, 20), &fig);
  g_assert_cmpuint (fig.possible, ==, 4);
  g_assert_cmpuint (fig.missing, ==, 10);
  g_assert_cmpfloat (att_figures_attendance_pct (&fig), ==, 100.0);

  /* Lee left on Fri 6 Sep: Mon 2 .. Fri 6 Sep, 10 sessions, none marked. */
  stats (f, lee, D (2024, 9, 2), D (2024, 9, 20), &fig);
  g_assert_cmpuint (fig.possible, ==, 0);
  g_assert_cmpuint (fig.missing, ==, 10);

  /* Amy is present today (Fri 20 Sep) and has leave (C) booked for Mon
   * 23 and Tue 24 Sep. Mon 16 .. Fri 27 Sep counts only up to today:
   * 5 days, 10 sessions, 2 marked and 8 missing; the leave is not counted
   * until it happens. */
  mark_range (f, amy, D (2024, 9, 20), D (2024, 9, 20), ATT_CODE_PRESENT_AM);
  mark_range (f, amy, D (2024, 9, 23), D (2024, 9, 24), ATT_CODE_C);
  stats (f, amy, D (2024, 9, 16), D (2024, 9, 27), &fig);
  g_assert_cmpuint (fig.possible, ==, 2);
  g_assert_cmpuint (fig.present, ==, 2);
  g_assert_cmpuint (fig.missing, ==, 8);
  g_assert_cmpuint (fig.codes[ATT_CODE_C], ==, 0);
  g_assert_cmpuint (fig.authorised, ==, 0);

  /* On Tue 24 Sep the leave has happened. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-24", TRUE);
  stats (f, amy, D (2024, 9, 16), D (2024, 9, 27), &fig);
  /* Mon 16 .. Tue 24 Sep: 7 days, 14 sessions: 2 present, 4 C, 8 missing. */
  g_assert_cmpuint (fig.possible, ==, 6);
  g_assert_cmpuint (fig.authorised, ==, 4);
  g_assert_cmpuint (fig.codes[ATT_CODE_C], ==, 4);
  g_assert_cmpuint (fig.missing, ==, 8);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
}

static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 amy = add_year7 (f, "Amy", "Able");
  AttFigures fig, fig2;

  /* Amy: G for the whole of the last week of the summer term (Mon 15 ..
   * Fri 19 Jul 2024, 10 sessions) and present every session this term
   * so far (28 sessions). */
  g_assert_cmpuint (mark_range (f, amy, D (2024, 7, 15), D (2024, 7, 19), ATT_CODE_G), ==, 10);
  g_assert_cmpuint (mark_range (f, amy, D (2024, 9, 2), D (2024, 9, 20), ATT_CODE_PRESENT_AM), ==, 28);

  /* With no start date the range starts on 1 Sep of the school year
   * holding its end: only this term. */
  stats (f, amy, ATT_DATE_NONE, D (2024, 9, 20), &fig);
  g_assert_cmpuint (fig.possible, ==, 28);
  g_assert_cmpuint (fig.codes[ATT_CODE_G], ==, 0);
  stats (f, amy, D (2024, 9, 1), ATT_DATE_NONE, &fig2);
  g_assert_cmpmem (&fig, sizeof fig, &fig2, sizeof fig2);

  /* Across the summer: 10 + 28 = 38 possible, 10 unauthorised:
   * 10/38 = 26.3% absence. The summer holiday has no sessions at all. */
  stats (f, amy, D (2024, 7, 15), D (2024, 9, 20), &fig);
  g_assert_cmpuint (fig.possible, ==, 38);
  g_assert_cmpuint (fig.unauthorised, ==, 10);
  g_assert_cmpuint (fig.missing, ==, 0);
  g_assert_cmpfloat (att_figures_absence_pct (&fig), ==, 26.3);
  g_assert_true (att_figures_persistent (&fig));

  /* An unknown pupil */
  g_assert_false (att_stats_pupil (f->db, 4242, ATT_DATE_NONE, ATT_DATE_NONE, &fig, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
}

static void
test_all (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  gint64 zoe = add_year7 (f, "Zoe", "Zimmer");
  gint64 amy = add_year7 (f, "Amy", "Able");
  gint64 fay = att_test_add_pupil (f->db, "Fay", "Future", 7, D (2013, 3, 3), D (2024, 10, 1), ATT_DATE_NONE);
  gint64 lee = att_test_add_pupil (f->db, "Lee", "Long", 8, D (2012, 5, 5), D (2023, 9, 4), D (2024, 9, 6));
  GPtrArray *pupils;
  AttFigures sum = { 0 }, one;
  guint j = 0;

  mark_range (f, amy, D (2024, 9, 2), D (2024, 9, 6), ATT_CODE_PRESENT_AM);
  mark_range (f, zoe, D (2024, 9, 2), D (2024, 9, 6), ATT_CODE_I);
  mark_range (f, lee, D (2024, 9, 2), D (2024, 9, 6), ATT_CODE_O);

  /* Mon 2 .. Fri 20 Sep: Fay (admitted 1 Oct) was never on roll. The
   * others come in the order of the pupil list (by surname). */
  all = att_stats_all (f->db, D (2024, 9, 2), D (2024, 9, 20), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  pupils = att_pupils_list (f->db, &error);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *p = g_ptr_array_index (pupils, i);

      if (p->id == fay)
        continue;
      g_assert_cmpint (g_array_index (all, AttFigures, j).pupil_id, ==, p->id);
      stats (f, p->id, D (2024, 9, 2), D (2024, 9, 20), &one);
      g_assert_cmpmem (&one, sizeof one, &g_array_index (all, AttFigures, j), sizeof one);
      att_figures_add (&sum, &one);
      j++;
    }
  g_assert_cmpuint (j, ==, 3);

  /* Amy 10 present + 18 missing, Zoe 10 I + 18 missing, Lee (left 6 Sep)
   * 10 O: 30 possible, 10 of them present. */
  g_assert_cmpuint (sum.possible, ==, 30);
  g_assert_cmpuint (sum.present, ==, 10);
  g_assert_cmpuint (sum.authorised, ==, 10);
  g_assert_cmpuint (sum.unauthorised, ==, 10);
  g_assert_cmpuint (sum.missing, ==, 36);

  /* After a change the figures move at once. */
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite[]) {
      { amy, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_G, -1, NULL } }, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_clear_pointer (&all, g_array_unref);
  all = att_stats_all (f->db, D (2024, 9, 2), D (2024, 9, 20), &error);
  for (guint i = 0; i < all->len; i++)
    if (g_array_index (all, AttFigures, i).pupil_id == amy)
      {
        g_assert_cmpuint (g_array_index (all, AttFigures, i).possible, ==, 11);
        g_assert_cmpuint (g_array_index (all, AttFigures, i).unauthorised, ==, 1);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/stats/percentages", test_percentages);
  ADD ("/stats/persistent-boundary", test_persistent_boundary);
  ADD ("/stats/not-possible", test_not_possible);
  ADD ("/stats/late", test_late);
  ADD ("/stats/admission-leaving-today", test_admission_leaving_today);
  ADD ("/stats/ranges", test_ranges);
  ADD ("/stats/all", test_all);

  return g_test_run ();
}
