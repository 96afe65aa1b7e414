/* test-report.c: the figures of the Reports page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-demo.h"
#include "att-pupil-year.h"
#include "att-report.h"
#include "att-test-util.h"

/* ------------------------------------------------------------------ */
/* The demo school: the report's rows are sums of att_stats_*()        */

typedef struct
{
  char  *dir;
  AttDb *db;
} Demo;

static Demo demo;

static void
demo_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AttDemoOptions options;

  if (demo.db != NULL)
    return;
  demo.dir = g_dir_make_tmp ("att-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (demo.dir, "demo.attendance", NULL);
  att_demo_options_init (&options);
  options.pupils = 400;
  options.years = 2;
  g_assert_true (att_demo_create (path, &options, &error));
  g_assert_no_error (error);
  demo.db = att_db_open (path, &error);
  g_assert_no_error (error);
}

static void
demo_close (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (demo.db == NULL)
    return;
  g_clear_object (&demo.db);
  dir = g_dir_open (demo.dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (demo.dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (demo.dir);
  g_free (demo.dir);
}

static void
assert_figures_equal (const AttFigures *a,
                      const AttFigures *b)
{
  g_assert_cmpuint (a->possible, ==, b->possible);
  g_assert_cmpuint (a->present, ==, b->present);
  g_assert_cmpuint (a->aea, ==, b->aea);
  g_assert_cmpuint (a->authorised, ==, b->authorised);
  g_assert_cmpuint (a->unauthorised, ==, b->unauthorised);
  g_assert_cmpuint (a->not_possible, ==, b->not_possible);
  g_assert_cmpuint (a->missing, ==, b->missing);
  g_assert_cmpuint (a->late, ==, b->late);
  g_assert_cmpuint (a->late_after_close, ==, b->late_after_close);
  for (guint c = 0; c < ATT_CODE_N_CODES; c++)
    g_assert_cmpuint (a->codes[c], ==, b->codes[c]);
}

/* Every period's whole-school row is the sum of att_stats_all()'s
 * figures, each pupil's row is att_stats_pupil()'s, and every breakdown
 * adds up to the pupils in it. */
static void
test_demo_sums (void)
{
  AttDate today = att_date_today ();

  demo_open ();
  for (guint p = 0; p < ATT_REPORT_PERIOD_CUSTOM; p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttReport) report = NULL;
      g_autoptr(GArray) all = NULL;
      const AttReportPupil *pupils;
      const AttReportGroup *school;
      AttFigures sum = { 0 };
      guint n_pupils, counted = 0, persistent = 0, severe = 0;
      AttDate from, to;

      g_assert_true (att_report_period_range (demo.db, p, today, &from, &to, &error));
      g_assert_no_error (error);
      report = att_report_new (demo.db, from, to, ATT_REPORT_NONE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (report);
      g_assert_cmpint (att_report_get_until (report), ==, MIN (to, today));

      all = att_stats_all (demo.db, from, to, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < all->len; i++)
        {
          const AttFigures *f = &g_array_index (all, AttFigures, i);

          att_figures_add (&sum, f);
          counted += f->possible > 0;
          persistent += att_figures_persistent (f);
          severe += att_figures_severe (f);
        }

      school = att_report_get_school (report);
      assert_figures_equal (&school->figures, &sum);
      g_assert_cmpuint (school->pupils, ==, counted);
      g_assert_cmpuint (school->persistent, ==, persistent);
      g_assert_cmpuint (school->severe, ==, severe);
      g_assert_cmpuint (school->figures.possible, >, 0);

      pupils = att_report_get_pupils (report, &n_pupils);
      g_assert_cmpuint (n_pupils, ==, all->len);
      for (guint i = 0; i < n_pupils; i += 7)
        {
          AttFigures one;

          g_assert_true (att_stats_pupil (demo.db, pupils[i].pupil_id, from, to, &one, &error));
          g_assert_no_error (error);
          assert_figures_equal (&pupils[i].figures, &one);
        }

      for (guint by = ATT_REPORT_BY_YEAR; by < ATT_REPORT_N_BY; by++)
        {
          const AttReportGroup *groups;
          guint n_groups;
          AttFigures by_sum = { 0 };
          guint by_pupils = 0;

          groups = att_report_get_groups (report, by, &n_groups);
          g_assert_cmpuint (n_groups, >, 0);
          for (guint g = 0; g < n_groups; g++)
            {
              att_figures_add (&by_sum, &groups[g].figures);
              by_pupils += groups[g].pupils;
            }
          /* Every pupil is in one year group and one registration group;
           * the cohorts come in pairs (boys and girls, FSM and not, the
           * three SEN statuses) and then the groups a pupil may be in. */
          if (by != ATT_REPORT_BY_COHORT)
            {
              assert_figures_equal (&by_sum, &sum);
              g_assert_cmpuint (by_pupils, ==, counted);
            }
          else
            {
              g_assert_cmpuint (n_groups, ==, ATT_N_COHORTS);
              g_assert_cmpuint (groups[ATT_COHORT_MALE].pupils + groups[ATT_COHORT_FEMALE].pupils, ==, counted);
              g_assert_cmpuint (groups[ATT_COHORT_FSM].pupils + groups[ATT_COHORT_NOT_FSM].pupils, ==, counted);
              g_assert_cmpuint (groups[ATT_COHORT_SEN_SUPPORT].figures.possible +
                                groups[ATT_COHORT_EHC_PLAN].figures.possible +
                                groups[ATT_COHORT_NO_SEN].figures.possible, ==, sum.possible);
            }
        }

      /* The weekdays add up to the period's sessions. */
      {
        guint possible[5], attended[5], tp = 0, ta = 0;

        att_report_get_weekdays (report, possible, attended);
        for (guint d = 0; d < 5; d++)
          {
            tp += possible[d];
            ta += attended[d];
          }
        g_assert_cmpuint (tp, ==, sum.possible);
        g_assert_cmpuint (ta, ==, att_figures_attended (&sum));
      }
      g_assert_true (att_report_get_codes (report) == school->figures.codes);
    }
}

/* The weekly trend of this school year: each school week's sessions are
 * the figures of that week's pupils on roll, which for this year's
 * report are the same pupils. */
static void
test_demo_weeks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) report = NULL;
  const AttReportWeek *weeks;
  AttDate today = att_date_today ();
  AttDate from, to;
  guint n_weeks, possible = 0, attended = 0, holidays = 0;

  demo_open ();
  g_assert_true (att_report_period_range (demo.db, ATT_REPORT_PERIOD_THIS_YEAR, today, &from, &to, &error));
  report = att_report_new (demo.db, from, to, ATT_REPORT_NONE, &error);
  g_assert_no_error (error);
  weeks = att_report_get_weeks (report, &n_weeks);
  /* 1 September 2024 is a Sunday: the first week is Monday 26 August;
   * the last holds 31 August 2025 (a Sunday), Monday 25 August: 53. */
  g_assert_cmpuint (n_weeks, ==, 53);
  g_assert_cmpint (weeks[0].monday, ==, D (2024, 8, 26));
  g_assert_false (weeks[0].school);
  for (guint w = 0; w < n_weeks; w++)
    {
      possible += weeks[w].possible;
      attended += weeks[w].attended;
      holidays += !weeks[w].school;
      if (!weeks[w].school)
        g_assert_cmpuint (weeks[w].possible, ==, 0);
      if (weeks[w].monday > today)
        g_assert_cmpuint (weeks[w].possible, ==, 0);
    }
  g_assert_cmpuint (possible, ==, att_report_get_school (report)->figures.possible);
  g_assert_cmpuint (attended, ==, att_figures_attended (&att_report_get_school (report)->figures));
  g_assert_cmpuint (holidays, >=, 12);
}

/* The lists of this school year's report, against each pupil's own
 * figures from att_stats_pupil(): newly persistent as of today and not
 * as of the Monday of this school week; the falls since the Monday of
 * the school week 3 before it, largest first; the threshold list most
 * sessions first. On Wed 12 Mar 2025 the school weeks are those of 10,
 * 3, 24 and 17 February (half term, 17 February, has none). */
static void
test_demo_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) report = NULL;
  const AttReportListEntry *list;
  AttCalendar *calendar;
  const AttSessionSlot *slots;
  AttDate today = att_date_today (), from, to, this_monday, before_4;
  guint n, last, first;
  double fall = G_MAXDOUBLE;

  demo_open ();
  calendar = att_db_get_calendar (demo.db);
  slots = att_calendar_get_sessions (calendar, &n);
  last = att_calendar_session_index (calendar, today + 1) - 1;
  this_monday = att_date_monday (slots[last].date);
  first = last;
  while (slots[first - 1].week + 3 >= slots[last].week)
    first--;
  before_4 = att_date_monday (slots[first].date);
  g_assert_cmpint (this_monday, ==, D (2025, 3, 10));
  g_assert_cmpint (before_4, ==, D (2025, 2, 10));

  g_assert_true (att_report_period_range (demo.db, ATT_REPORT_PERIOD_THIS_YEAR, today, &from, &to, &error));
  report = att_report_new (demo.db, from, to, ATT_REPORT_NONE, &error);
  g_assert_no_error (error);

  list = att_report_get_list (report, ATT_REPORT_LIST_NEW_PERSISTENT, &n);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      AttFigures now, before;

      g_assert_true (att_stats_pupil (demo.db, list[i].pupil_id, from, today, &now, &error));
      g_assert_true (att_stats_pupil (demo.db, list[i].pupil_id, from, this_monday - 1, &before, &error));
      g_assert_true (att_figures_persistent (&now));
      g_assert_false (att_figures_persistent (&before));
      g_assert_cmpfloat (list[i].value, ==, att_figures_attendance_pct (&now));
      g_assert_cmpfloat (list[i].before, ==, att_figures_attendance_pct (&before));
      g_assert_cmpuint (list[i].possible, ==, now.possible);
    }

  list = att_report_get_list (report, ATT_REPORT_LIST_FALLING, &n);
  g_assert_cmpuint (n, ==, 25);
  for (guint i = 0; i < n; i++)
    {
      AttFigures now, before;
      double was, is;

      g_assert_true (att_stats_pupil (demo.db, list[i].pupil_id, from, today, &now, &error));
      g_assert_true (att_stats_pupil (demo.db, list[i].pupil_id, from, before_4 - 1, &before, &error));
      g_assert_cmpfloat (list[i].value, ==, att_figures_attendance_pct (&now));
      g_assert_cmpfloat (list[i].before, ==, att_figures_attendance_pct (&before));
      was = (double)att_figures_attended (&before) / before.possible;
      is = (double)att_figures_attended (&now) / now.possible;
      g_assert_cmpfloat (is, <, was);
      g_assert_cmpfloat (was - is, <=, fall);
      fall = was - is;
    }

  list = att_report_get_list (report, ATT_REPORT_LIST_THRESHOLD, &n);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      AttBreach breach;

      g_assert_true (att_threshold_pupil (demo.db, list[i].pupil_id, today, &breach, &error));
      g_assert_cmpfloat (list[i].value, ==, breach.sessions);
      g_assert_cmpuint (breach.sessions, >=, ATT_THRESHOLD_SESSIONS - 2);
      if (i > 0)
        g_assert_cmpfloat (list[i].value, <=, list[i - 1].value);
    }
}

/* ------------------------------------------------------------------ */
/* A small school whose figures are worked out by hand                 */

/* The calendar:
 *   Summer 2 2024   Mon 3 Jun 2024 .. Fri 19 Jul 2024  (7 school weeks)
 *   Autumn 1 2024   Mon 2 Sep 2024 .. Fri 25 Oct 2024
 *   INSET day       Fri 13 Sep 2024 (no sessions)
 *   Autumn 2 2024   Mon 4 Nov 2024 .. Fri 20 Dec 2024
 * "Today" is Fri 20 Sep 2024 unless a test says otherwise: from Mon 2
 * Sep to today there are 14 school days, 28 sessions. */
typedef struct
{
  AttTestDb *t;
  AttDb     *db;
} Fixture;

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
  att_test_add_term (f->db, "Autumn 2 2024", D (2024, 11, 4), D (2024, 12, 20));
  att_calendar_add_closure (f->db, (AttUser *)att_user_system (), D (2024, 9, 13), D (2024, 9, 13),
                            -1, "INSET day", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_test_db_free (f->t);
  g_setenv ("ATTENDANCE_TODAY", "2025-03-12", TRUE);
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

  /* A reason, for a mark that changes one of mark_range(). */
  g_assert_true (att_register_write (f->db, att_user_system (), &w, 1, "Corrected", ATT_WRITE_DEFAULT, &error));
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

          if (code == ATT_CODE_PRESENT_AM && s == ATT_SESSION_PM)
            w.code = ATT_CODE_PRESENT_PM;
          g_array_append_val (writes, w);
        }
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite *)(void *)writes->data,
                                     writes->len, "Corrected", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  return writes->len;
}

/* The year at a glance of a Reception child who becomes of compulsory
 * school age on 31 December, and of a Year 7 pupil whose rolling window
 * reaches back into the summer term. */
static void
test_pupil_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupilYear) year = NULL;
  const AttPupilYearSession *sessions;
  const AttPupilYearTerm *terms;
  const AttFigures *figures;
  guint n_sessions, n_terms;
  AttDate start, end;
  gint64 ria, yusuf;

  /* Ria turns 5 on 15 October 2024: of compulsory school age from the
   * first of 31 December, 31 March and 31 August after it, 31 December. */
  ria = att_test_add_pupil (f->db, "Ria", "Reception", 0, D (2019, 10, 15), D (2024, 9, 2), ATT_DATE_NONE);
  yusuf = att_test_add_pupil (f->db, "Yusuf", "Seven", 7, D (2013, 1, 10), D (2023, 9, 4), ATT_DATE_NONE);
  mark (f, ria, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  mark (f, ria, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_N);
  mark (f, yusuf, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_O);

  year = att_pupil_year_new (f->db, ria, 2024, D (2024, 9, 20), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (att_pupil_year_get_title (year), "Ria Reception ("));
  g_assert_cmpint (att_pupil_year_get_school_year (year), ==, 2024);
  g_assert_cmpint (att_pupil_year_get_as_of (year), ==, D (2024, 9, 20));

  /* Mon 2 Sep 2024 to Fri 29 Aug 2025 is 52 weeks: 260 weekdays, 520
   * sessions. */
  sessions = att_pupil_year_get_sessions (year, &n_sessions);
  g_assert_cmpuint (n_sessions, ==, 520);
  g_assert_cmpint (sessions[0].date, ==, D (2024, 9, 2));
  g_assert_cmpint (sessions[0].session, ==, ATT_SESSION_AM);
  g_assert_cmpint (sessions[1].session, ==, ATT_SESSION_PM);
  g_assert_cmpint (sessions[519].date, ==, D (2025, 8, 29));
  g_assert_cmpint (sessions[0].code, ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (sessions[1].code, ==, ATT_CODE_N);
  g_assert_cmpint (sessions[2].code, ==, ATT_CODE_NONE);
  g_assert_cmpuint (sessions[0].flags, ==, ATT_PUPIL_YEAR_SCHOOL | ATT_PUPIL_YEAR_ON_ROLL);
  /* Fri 13 Sep, the INSET day, is the 10th weekday: sessions 18 and 19. */
  g_assert_cmpint (sessions[18].date, ==, D (2024, 9, 13));
  g_assert_cmpuint (sessions[18].flags, ==, ATT_PUPIL_YEAR_CLOSED | ATT_PUPIL_YEAR_ON_ROLL);
  /* Mon 23 Sep is after as-of. */
  g_assert_cmpint (sessions[30].date, ==, D (2024, 9, 23));
  g_assert_true (sessions[30].flags & ATT_PUPIL_YEAR_FUTURE);
  g_assert_false (sessions[29].flags & ATT_PUPIL_YEAR_FUTURE);
  /* Mon 28 Oct, 8 weeks on: the October half term. */
  g_assert_cmpint (sessions[80].date, ==, D (2024, 10, 28));
  g_assert_cmpuint (sessions[80].flags, ==, ATT_PUPIL_YEAR_HOLIDAY | ATT_PUPIL_YEAR_ON_ROLL |
                                            ATT_PUPIL_YEAR_FUTURE);
  /* Mon 30 Dec (17 weeks on, the 86th weekday) and Tue 31 Dec. */
  g_assert_cmpint (sessions[170].date, ==, D (2024, 12, 30));
  g_assert_false (sessions[170].flags & ATT_PUPIL_YEAR_COMPULSORY);
  g_assert_cmpint (sessions[172].date, ==, D (2024, 12, 31));
  g_assert_true (sessions[172].flags & ATT_PUPIL_YEAR_COMPULSORY);
  g_assert_true (sessions[519].flags & ATT_PUPIL_YEAR_COMPULSORY);
  /* Not of compulsory school age in the window: no window. */
  att_pupil_year_get_window (year, &start, &end);
  g_assert_cmpint (start, ==, ATT_DATE_NONE);
  g_assert_cmpint (end, ==, ATT_DATE_NONE);
  for (guint i = 0; i < n_sessions; i++)
    g_assert_false (sessions[i].flags & ATT_PUPIL_YEAR_WINDOW);

  /* Two of the terms fall in the year. */
  terms = att_pupil_year_get_terms (year, &n_terms);
  g_assert_cmpuint (n_terms, ==, 2);
  g_assert_cmpstr (terms[0].name, ==, "Autumn 1 2024");
  g_assert_cmpint (terms[1].end, ==, D (2024, 12, 20));

  /* To Fri 20 Sep: 28 sessions, one present and one N marked, 26 not
   * marked yet. */
  figures = att_pupil_year_get_figures (year);
  g_assert_cmpuint (figures->possible, ==, 2);
  g_assert_cmpuint (figures->present, ==, 1);
  g_assert_cmpuint (figures->unauthorised, ==, 1);
  g_assert_cmpuint (figures->missing, ==, 26);
  g_clear_pointer (&year, att_pupil_year_unref);

  /* Yusuf's window: the 3 school weeks of September and the 7 of the
   * summer term before, from Mon 3 Jun 2024 to as-of. */
  year = att_pupil_year_new (f->db, yusuf, 2024, D (2024, 9, 20), &error);
  g_assert_no_error (error);
  att_pupil_year_get_window (year, &start, &end);
  g_assert_cmpint (start, ==, D (2024, 6, 3));
  g_assert_cmpint (end, ==, D (2024, 9, 20));
  sessions = att_pupil_year_get_sessions (year, NULL);
  g_assert_cmpuint (sessions[0].flags, ==, ATT_PUPIL_YEAR_SCHOOL | ATT_PUPIL_YEAR_ON_ROLL |
                                           ATT_PUPIL_YEAR_WINDOW | ATT_PUPIL_YEAR_COMPULSORY);
  g_assert_cmpint (sessions[0].code, ==, ATT_CODE_O);
  g_assert_false (sessions[30].flags & ATT_PUPIL_YEAR_WINDOW);
  g_clear_pointer (&year, att_pupil_year_unref);

  /* No such pupil. */
  year = att_pupil_year_new (f->db, 9999, 2024, D (2024, 9, 20), &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_null (year);
}

/* A pupil of @year in @group, born @dob, admitted @admission. */
static gint64
add_pupil (Fixture    *f,
           const char *forename,
           const char *surname,
           int         year,
           const char *group,
           char        sex,
           AttDate     dob,
           AttDate     admission,
           AttDate     leaving)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, year, group, dob, admission);

  pupil->sex = sex;
  pupil->leaving = leaving;
  return att_test_save_pupil (f->db, pupil);
}

typedef struct
{
  gint64 amy, ben, cara, dan, ria;
} Pupils;

/* This week, Mon 16 to Fri 20 Sep 2024 (today):
 *   Amy   Y7 7A F FSM    present but Mon AM I:          10 possible, 9 attended
 *   Ben   Y7 7B M        joins Wed 18 Sep; Fri PM O:      6 possible, 5 attended
 *   Cara  Y7 7A F SEN K  leaves Tue 17 Sep; Mon AM L:     4 possible, 4 attended
 *   Dan   Y8 8A M EHC EAL Mon AM /, Tue AM U, 8 G:       10 possible, 1 attended
 *   Ria   R  RA F (4 on 31 Aug 2024) Thu M M:            10 possible, 8 attended
 * Amy, Dan and Ria were present every session of 2 to 12 Sep too (18
 * sessions); Olly left in July and is not counted. */
static void
make_school (Fixture *f,
             Pupils  *p)
{
  g_autoptr(AttPupil) amy = NULL;
  gint64 olly;

  p->amy = add_pupil (f, "Amy", "Adams", 7, "7A", 'F', D (2013, 1, 10), D (2023, 9, 4), ATT_DATE_NONE);
  amy = g_object_ref (att_pupils_get (f->db, p->amy));
  {
    AttPupil *copy = att_pupil_copy (amy);

    copy->fsm = TRUE;
    att_test_save_pupil (f->db, copy);
  }
  p->ben = add_pupil (f, "Ben", "Brown", 7, "7B", 'M', D (2013, 3, 3), D (2024, 9, 18), ATT_DATE_NONE);
  {
    AttPupil *cara = att_test_pupil_new ("Cara", "Clark", 7, "7A", D (2013, 4, 4), D (2023, 9, 4));

    cara->sen = ATT_SEN_SUPPORT;
    cara->leaving = D (2024, 9, 17);
    p->cara = att_test_save_pupil (f->db, cara);
  }
  {
    AttPupil *dan = att_test_pupil_new ("Dan", "Dixon", 8, "8A", D (2012, 5, 5), D (2023, 9, 4));

    dan->sex = 'M';
    dan->sen = ATT_SEN_EHCP;
    dan->eal = TRUE;
    p->dan = att_test_save_pupil (f->db, dan);
  }
  p->ria = add_pupil (f, "Ria", "Reception", 0, "RA", 'F', D (2019, 10, 15), D (2024, 9, 2), ATT_DATE_NONE);
  olly = add_pupil (f, "Olly", "Old", 7, "7A", 'M', D (2012, 2, 2), D (2023, 9, 4), D (2024, 7, 19));
  mark (f, olly, D (2024, 7, 19), ATT_SESSION_AM, ATT_CODE_O);

  mark_range (f, p->amy, D (2024, 9, 2), D (2024, 9, 20), ATT_CODE_PRESENT_AM);
  mark (f, p->amy, D (2024, 9, 16), ATT_SESSION_AM, ATT_CODE_I);
  mark_range (f, p->ben, D (2024, 9, 18), D (2024, 9, 20), ATT_CODE_PRESENT_AM);
  mark (f, p->ben, D (2024, 9, 20), ATT_SESSION_PM, ATT_CODE_O);
  mark_range (f, p->cara, D (2024, 9, 16), D (2024, 9, 17), ATT_CODE_PRESENT_AM);
  mark (f, p->cara, D (2024, 9, 16), ATT_SESSION_AM, ATT_CODE_L);
  mark_range (f, p->dan, D (2024, 9, 2), D (2024, 9, 12), ATT_CODE_PRESENT_AM);
  mark_range (f, p->dan, D (2024, 9, 16), D (2024, 9, 20), ATT_CODE_G);
  mark (f, p->dan, D (2024, 9, 16), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  mark (f, p->dan, D (2024, 9, 17), ATT_SESSION_AM, ATT_CODE_U);
  mark_range (f, p->ria, D (2024, 9, 2), D (2024, 9, 20), ATT_CODE_PRESENT_AM);
  mark_range (f, p->ria, D (2024, 9, 19), D (2024, 9, 19), ATT_CODE_M);
}

static AttReport *
report_for (Fixture        *f,
            AttDate         from,
            AttDate         to,
            AttReportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  AttReport *report = att_report_new (f->db, from, to, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const AttReportGroup *
find_group (AttReport   *report,
            AttReportBy  by,
            const char  *key)
{
  const AttReportGroup *groups;
  guint n;

  groups = att_report_get_groups (report, by, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (groups[i].key, key) == 0)
      return &groups[i];
  g_assert_not_reached ();
}

static void
test_week (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AttReport) report = NULL;
  g_autofree char *working = NULL;
  const AttReportGroup *school, *groups, *g;
  const AttReportPupil *pupils;
  const AttReportListEntry *list;
  guint possible[5], attended[5], n;
  Pupils p;

  make_school (f, &p);
  report = report_for (f, D (2024, 9, 16), D (2024, 9, 20), ATT_REPORT_NONE);

  /* Possible 10 + 6 + 4 + 10 + 10 = 40; attended 9 + 5 + 4 + 1 + 8 =
   * 27; authorised Amy's I and Ria's two M, 3; unauthorised Ben's O and
   * Dan's U and 8 G, 10. */
  school = att_report_get_school (report);
  g_assert_cmpuint (school->pupils, ==, 5);
  g_assert_cmpuint (school->figures.possible, ==, 40);
  g_assert_cmpuint (att_figures_attended (&school->figures), ==, 27);
  g_assert_cmpuint (school->figures.authorised, ==, 3);
  g_assert_cmpuint (school->figures.unauthorised, ==, 10);
  /* 27 / 40 = 67.5%; 3 / 40 = 7.5%; 10 / 40 = 25.0%. */
  g_assert_cmpfloat (att_report_group_attendance_pct (school), ==, 67.5);
  g_assert_cmpfloat (att_report_group_authorised_pct (school), ==, 7.5);
  g_assert_cmpfloat (att_report_group_unauthorised_pct (school), ==, 25.0);
  /* Persistent: Amy at exactly 90.0% (1 of 10), Ben 1 of 6, Dan 9 of
   * 10, Ria 2 of 10; not Cara: 4 of 5 = 80.0%. Severe: Dan, 20.0%. */
  g_assert_cmpuint (school->persistent, ==, 4);
  g_assert_cmpuint (school->severe, ==, 1);
  g_assert_cmpfloat (att_report_group_persistent_pct (school), ==, 80.0);
  g_assert_cmpfloat (att_report_group_severe_pct (school), ==, 20.0);
  /* Cara's L and Dan's U. */
  g_assert_cmpuint (att_report_group_lates (school), ==, 2);
  g_assert_cmpuint (att_report_get_codes (report)[ATT_CODE_G], ==, 8);
  g_assert_cmpuint (att_report_get_codes (report)[ATT_CODE_M], ==, 2);
  g_assert_cmpuint (att_report_get_codes (report)[ATT_CODE_U], ==, 1);

  /* Amy at exactly 90.0% is persistently absent and reads 90.0%. */
  pupils = att_report_get_pupils (report, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (pupils[0].pupil_id, ==, p.amy);
  g_assert_cmpstr (pupils[0].name, ==, "Adams, Amy");
  g_assert_true (pupils[0].persistent);
  g_assert_false (pupils[0].severe);
  g_assert_cmpfloat (att_figures_attendance_pct (&pupils[0].figures), ==, 90.0);
  g_assert_cmpuint (pupils[0].cohorts, ==, (1u << ATT_COHORT_FEMALE) | (1u << ATT_COHORT_FSM) |
                                          (1u << ATT_COHORT_NO_SEN));
  /* Ben joined on Wednesday, Cara left on Tuesday. */
  g_assert_cmpuint (pupils[1].figures.possible, ==, 6);
  g_assert_cmpuint (pupils[2].figures.possible, ==, 4);
  g_assert_false (pupils[2].persistent);

  /* Year groups in year order: R, 7, 8. Year 7: 20 possible, 18
   * attended, Amy and Ben persistent. */
  groups = att_report_get_groups (report, ATT_REPORT_BY_YEAR, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (groups[0].key, ==, "R");
  g_assert_cmpstr (groups[0].label, ==, "Reception");
  g_assert_cmpstr (groups[1].label, ==, "Year 7");
  g_assert_cmpuint (groups[1].figures.possible, ==, 20);
  g_assert_cmpuint (att_figures_attended (&groups[1].figures), ==, 18);
  g_assert_cmpuint (groups[1].persistent, ==, 2);
  g_assert_cmpstr (groups[2].key, ==, "8");

  groups = att_report_get_groups (report, ATT_REPORT_BY_GROUP, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (groups[0].key, ==, "7A");
  g_assert_cmpstr (groups[1].key, ==, "7B");
  g_assert_cmpstr (groups[2].key, ==, "8A");
  g_assert_cmpstr (groups[3].key, ==, "RA");
  g_assert_cmpuint (groups[0].pupils, ==, 2);
  g_assert_cmpuint (groups[0].figures.possible, ==, 14);

  /* Boys: Ben and Dan, 16 possible; girls 24. */
  g = find_group (report, ATT_REPORT_BY_COHORT, "male");
  g_assert_cmpuint (g->pupils, ==, 2);
  g_assert_cmpuint (g->figures.possible, ==, 16);
  g_assert_cmpuint (find_group (report, ATT_REPORT_BY_COHORT, "female")->figures.possible, ==, 24);
  g_assert_cmpuint (find_group (report, ATT_REPORT_BY_COHORT, "fsm")->pupils, ==, 1);
  g_assert_cmpuint (find_group (report, ATT_REPORT_BY_COHORT, "not-fsm")->pupils, ==, 4);
  g_assert_cmpuint (find_group (report, ATT_REPORT_BY_COHORT, "sen-support")->figures.possible, ==, 4);
  g_assert_cmpuint (find_group (report, ATT_REPORT_BY_COHORT, "ehc-plan")->severe, ==, 1);
  g_assert_cmpuint (find_group (report, ATT_REPORT_BY_COHORT, "eal")->pupils, ==, 1);
  g_assert_cmpuint (find_group (report, ATT_REPORT_BY_COHORT, "young-carer")->pupils, ==, 0);

  /* Weekdays: Monday 8 possible (Amy, Cara, Dan, Ria), 6 attended
   * (Amy's I, Dan's G); Thursday 8 and 4 (Dan's two G, Ria's two M);
   * Friday 8 and 5. */
  att_report_get_weekdays (report, possible, attended);
  g_assert_cmpuint (possible[0], ==, 8);
  g_assert_cmpuint (attended[0], ==, 6);
  g_assert_cmpuint (attended[1], ==, 6);
  g_assert_cmpuint (attended[2], ==, 6);
  g_assert_cmpuint (possible[3], ==, 8);
  g_assert_cmpuint (attended[3], ==, 4);
  g_assert_cmpuint (attended[4], ==, 5);

  /* The lists: persistent by absence, most first: Dan 9/10, Ria 2/10,
   * Ben 1/6, Amy 1/10. */
  list = att_report_get_list (report, ATT_REPORT_LIST_PERSISTENT, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (list[0].pupil_id, ==, p.dan);
  g_assert_cmpfloat (list[0].value, ==, 10.0);
  g_assert_cmpint (list[1].pupil_id, ==, p.ria);
  g_assert_cmpint (list[2].pupil_id, ==, p.ben);
  g_assert_cmpint (list[3].pupil_id, ==, p.amy);
  g_assert_cmpuint (list[3].absent, ==, 1);
  list = att_report_get_list (report, ATT_REPORT_LIST_SEVERE, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (list[0].pupil_id, ==, p.dan);

  /* Newly persistent this week, over the year to date: Dan 9 absent of
   * 28 (attendance 19 / 28 = 67.9%, 100% a week ago) and Ben 1 of 6 (no
   * session before); not Amy (1 of 28) nor Ria (2 of 28). */
  list = att_report_get_list (report, ATT_REPORT_LIST_NEW_PERSISTENT, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (list[0].pupil_id, ==, p.dan);
  g_assert_cmpfloat (list[0].value, ==, 67.9);
  g_assert_cmpfloat (list[0].before, ==, 100.0);
  g_assert_cmpuint (list[0].possible, ==, 28);
  g_assert_cmpuint (list[0].absent, ==, 9);
  g_assert_cmpint (list[1].pupil_id, ==, p.ben);

  /* The last 4 school weeks reach back before the school year's start:
   * there is no earlier attendance this year to fall from. */
  att_report_get_list (report, ATT_REPORT_LIST_FALLING, &n);
  g_assert_cmpuint (n, ==, 0);

  /* Dan's 9 unauthorised sessions are within 2 of the threshold: the
   * window is 10 school weeks, 7 of them last summer, and of its
   * sessions only this year's 28 are marked. */
  list = att_report_get_list (report, ATT_REPORT_LIST_THRESHOLD, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (list[0].pupil_id, ==, p.dan);
  g_assert_cmpfloat (list[0].value, ==, 9.0);
  g_assert_cmpfloat (list[0].before, ==, 10.0);
  g_assert_cmpuint (list[0].possible, ==, 28);

  working = att_report_group_working (report, school);
  g_assert_nonnull (strstr (working, "divided by 40 possible = 67.5%"));
  g_assert_nonnull (strstr (working, "4 of 5 pupils"));
  g_assert_nonnull (strstr (working, "G N O U"));
  g_assert_null (strstr (working, "aged 5 to 15"));
}

/* National statistics count pupils aged 5 to 15 on 31 August before the
 * school year: Ria, 4 then, is left out; so are pupils born on 1
 * September 2019 (4) and 31 August 2008 (16), not those born on 31
 * August 2019 (5) and 1 September 2008 (15). */
static void
test_ages (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AttReport) report = NULL;
  g_autofree char *working = NULL;
  const AttReportGroup *school;
  const AttReportPupil *pupils;
  guint n;
  Pupils p;
  gint64 young, five, fifteen, sixteen;

  make_school (f, &p);
  young = add_pupil (f, "Young", "Zed", 0, "RA", 'F', D (2019, 9, 1), D (2024, 9, 2), ATT_DATE_NONE);
  five = add_pupil (f, "Five", "Zed", 1, "1A", 'F', D (2019, 8, 31), D (2024, 9, 2), ATT_DATE_NONE);
  fifteen = add_pupil (f, "Fifteen", "Zed", 11, "11A", 'F', D (2008, 9, 1), D (2024, 9, 2), ATT_DATE_NONE);
  sixteen = add_pupil (f, "Sixteen", "Zed", 12, "12A", 'F', D (2008, 8, 31), D (2024, 9, 2), ATT_DATE_NONE);
  for (gint64 id = young; id <= sixteen; id++)
    mark_range (f, id, D (2024, 9, 16), D (2024, 9, 20), ATT_CODE_PRESENT_AM);

  report = report_for (f, D (2024, 9, 16), D (2024, 9, 20), ATT_REPORT_AGES_5_TO_15);
  pupils = att_report_get_pupils (report, &n);
  /* Amy, Ben, Cara, Dan, Fifteen and Five. */
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (pupils[i].pupil_id, !=, p.ria);
      g_assert_cmpint (pupils[i].pupil_id, !=, young);
      g_assert_cmpint (pupils[i].pupil_id, !=, sixteen);
    }
  g_assert_cmpint (pupils[4].pupil_id, ==, fifteen);
  g_assert_cmpint (pupils[5].pupil_id, ==, five);
  /* 40 - 10 (Ria) + 20 = 50 possible; persistent Amy, Ben, Dan. */
  school = att_report_get_school (report);
  g_assert_cmpuint (school->figures.possible, ==, 50);
  g_assert_cmpuint (school->persistent, ==, 3);
  working = att_report_group_working (report, school);
  g_assert_nonnull (strstr (working, "aged 5 to 15"));
}

/* The periods on Fri 20 Sep 2024, and the same periods a year before. */
static void
test_periods (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttDate today = D (2024, 9, 20), from, to, last_from, last_to;
  static const struct
  {
    AttReportPeriod period;
    AttDate         from, to;
  } cases[] = {
    { ATT_REPORT_PERIOD_THIS_WEEK, 0, 0 },
    { ATT_REPORT_PERIOD_LAST_WEEK, 0, 0 },
    { ATT_REPORT_PERIOD_THIS_HALF_TERM, 0, 0 },
    { ATT_REPORT_PERIOD_THIS_TERM, 0, 0 },
    { ATT_REPORT_PERIOD_THIS_YEAR, 0, 0 },
    { ATT_REPORT_PERIOD_LAST_YEAR, 0, 0 },
  };
  AttDate want[G_N_ELEMENTS (cases)][2] = {
    { D (2024, 9, 16), D (2024, 9, 20) },
    { D (2024, 9, 9), D (2024, 9, 13) },
    { D (2024, 9, 2), D (2024, 10, 25) },   /* Autumn 1 2024 */
    { D (2024, 9, 2), D (2024, 12, 20) },   /* Autumn 1 and 2 */
    { D (2024, 9, 1), D (2024, 9, 20) },
    { D (2023, 9, 1), D (2024, 8, 31) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AttReportPeriod back;

      g_assert_true (att_report_period_range (f->db, cases[i].period, today, &from, &to, &error));
      g_assert_no_error (error);
      g_assert_cmpint (from, ==, want[i][0]);
      g_assert_cmpint (to, ==, want[i][1]);
      g_assert_true (att_report_period_from_string (att_report_period_to_string (cases[i].period), &back));
      g_assert_cmpint (back, ==, cases[i].period);
    }
  g_assert_false (att_report_period_range (f->db, ATT_REPORT_PERIOD_CUSTOM, today, &from, &to, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_report_period_from_string ("fortnight", &(AttReportPeriod) { 0 }));

  /* In the summer holiday the half term is the last one before. */
  g_assert_true (att_report_period_range (f->db, ATT_REPORT_PERIOD_THIS_HALF_TERM, D (2024, 8, 10),
                                          &from, &to, &error));
  g_assert_cmpint (from, ==, D (2024, 6, 3));
  g_assert_cmpint (to, ==, D (2024, 7, 19));
  /* Before the calendar's first term there is none, and the error says
   * which. */
  g_assert_false (att_report_period_range (f->db, ATT_REPORT_PERIOD_THIS_TERM, D (2024, 1, 10),
                                           &from, &to, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "this term"));
  g_clear_error (&error);

  /* A week: the same weekdays 52 weeks before, Mon 18 to Fri 22 Sep
   * 2023. */
  att_report_period_last_year (f->db, D (2024, 9, 16), D (2024, 9, 20), &last_from, &last_to);
  g_assert_cmpint (last_from, ==, D (2023, 9, 18));
  g_assert_cmpint (last_to, ==, D (2023, 9, 22));
  /* A half term whose school year before has no such term in the
   * calendar: the same dates a year before. */
  att_report_period_last_year (f->db, D (2024, 9, 2), D (2024, 10, 25), &last_from, &last_to);
  g_assert_cmpint (last_from, ==, D (2023, 9, 2));
  g_assert_cmpint (last_to, ==, D (2023, 10, 25));
  /* 29 February becomes 28 February. */
  att_report_period_last_year (f->db, D (2024, 2, 29), D (2024, 3, 5), &last_from, &last_to);
  g_assert_cmpint (last_from, ==, D (2023, 2, 28));
  g_assert_cmpint (last_to, ==, D (2023, 3, 5));

  /* With last year's autumn in the calendar: the first half term and
   * the whole term of autumn 2023. */
  att_test_add_term (f->db, "Autumn 1 2023", D (2023, 9, 4), D (2023, 10, 20));
  att_test_add_term (f->db, "Autumn 2 2023", D (2023, 10, 30), D (2023, 12, 20));
  att_report_period_last_year (f->db, D (2024, 9, 2), D (2024, 10, 25), &last_from, &last_to);
  g_assert_cmpint (last_from, ==, D (2023, 9, 4));
  g_assert_cmpint (last_to, ==, D (2023, 10, 20));
  att_report_period_last_year (f->db, D (2024, 9, 2), D (2024, 12, 20), &last_from, &last_to);
  g_assert_cmpint (last_from, ==, D (2023, 9, 4));
  g_assert_cmpint (last_to, ==, D (2023, 12, 20));
  /* The year so far: 1 Sep to 20 Sep 2023. */
  att_report_period_last_year (f->db, D (2024, 9, 1), D (2024, 9, 20), &last_from, &last_to);
  g_assert_cmpint (last_from, ==, D (2023, 9, 1));
  g_assert_cmpint (last_to, ==, D (2023, 9, 20));
}

/* A period after today counts nothing; one ending after today counts to
 * today; a backwards one is refused. */
static void
test_until_today (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) term = NULL;
  g_autoptr(AttReport) later = NULL;
  AttReport *none;
  Pupils p;

  make_school (f, &p);
  /* Autumn 1 to today: Amy 28 possible, 1 absent. */
  term = report_for (f, D (2024, 9, 2), D (2024, 10, 25), ATT_REPORT_NONE);
  g_assert_cmpint (att_report_get_until (term), ==, D (2024, 9, 20));
  g_assert_cmpuint (att_report_get_pupils (term, NULL)[0].figures.possible, ==, 28);
  g_assert_cmpuint (att_report_get_pupils (term, NULL)[0].figures.missing, ==, 0);

  later = report_for (f, D (2024, 11, 4), D (2024, 11, 8), ATT_REPORT_NONE);
  g_assert_cmpuint (att_report_get_school (later)->figures.possible, ==, 0);
  g_assert_cmpuint (att_report_get_school (later)->pupils, ==, 0);

  none = att_report_new (f->db, D (2024, 9, 20), D (2024, 9, 16), ATT_REPORT_NONE, &error);
  g_assert_null (none);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

/* The school's attendance target. */
static void
test_target (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) before = NULL;
  g_autoptr(AttReport) after = NULL;
  guint n;

  before = report_for (f, D (2024, 9, 16), D (2024, 9, 20), ATT_REPORT_FIGURES_ONLY);
  g_assert_cmpfloat (att_report_get_target (before), ==, 0.0);
  /* Figures only: no weekly trend and no lists. */
  att_report_get_weeks (before, &n);
  g_assert_cmpuint (n, ==, 0);
  att_report_get_list (before, ATT_REPORT_LIST_PERSISTENT, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (att_school_set (f->db, att_user_system (), "attendance_target", "96.5", &error));
  g_assert_no_error (error);
  after = report_for (f, D (2024, 9, 16), D (2024, 9, 20), ATT_REPORT_NONE);
  g_assert_cmpfloat (att_report_get_target (after), ==, 96.5);
}

/* The census of the autumn term 2024 on Fri 20 Sep: a row for each
 * pupil aged 5 to 15 on 31 August 2024 with a possible session, not Ria
 * (4) nor Olly (left in July); a term the calendar does not hold is
 * refused and leaves the file as it was. */
static void
test_census (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("att-census-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "census.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Pupils p;

  make_school (f, &p);
  g_assert_true (att_census_write_csv (f->db, ATT_CENSUS_AUTUMN, 2024, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "upn,surname,forename,dob,term,from,to,possible,authorised,unauthorised,C1,M,"));
  /* Adams, Brown, Clark, Dixon; then the empty string after the last
   * line break. */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  /* Amy: 28 possible, her I; Dan: 28, the U and 8 G. */
  g_assert_true (g_str_has_suffix (lines[1], ",autumn,2024-09-02,2024-12-20,28,1,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0"));
  g_assert_nonnull (strstr (lines[1], "Adams,Amy,2013-01-10"));
  g_assert_nonnull (strstr (lines[4], "Dixon,Dan,2012-05-05,autumn,2024-09-02,2024-12-20,28,0,9,"));
  g_assert_null (strstr (text, "Reception"));
  g_assert_null (strstr (text, "Olly"));

  g_assert_false (att_census_write_csv (f->db, ATT_CENSUS_SPRING, 2024, path, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "spring"));
  {
    g_autofree char *again = NULL;

    g_assert_true (g_file_get_contents (path, &again, NULL, NULL));
    g_assert_cmpstr (again, ==, text);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* The threshold list counts only sessions of compulsory school age: Rio,
 * in Reception and 4 until 31 December, is never listed however many
 * G he has, while Sam in Year 7 with the same marks is; both are
 * persistently absent. */
static void
test_threshold_compulsory (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AttReport) report = NULL;
  const AttReportListEntry *list;
  guint n;
  gint64 rio, sam;

  rio = add_pupil (f, "Rio", "Reception", 0, "RA", 'M', D (2019, 10, 15), D (2024, 9, 2), ATT_DATE_NONE);
  sam = add_pupil (f, "Sam", "Seven", 7, "7A", 'M', D (2013, 1, 10), D (2024, 9, 2), ATT_DATE_NONE);
  mark_range (f, rio, D (2024, 9, 16), D (2024, 9, 20), ATT_CODE_G);
  mark_range (f, sam, D (2024, 9, 16), D (2024, 9, 20), ATT_CODE_G);

  report = report_for (f, D (2024, 9, 16), D (2024, 9, 20), ATT_REPORT_NONE);
  list = att_report_get_list (report, ATT_REPORT_LIST_THRESHOLD, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (list[0].pupil_id, ==, sam);
  g_assert_cmpfloat (list[0].value, ==, 10.0);
  /* Sam was on roll for 3 of the window's 10 school weeks. */
  g_assert_cmpfloat (list[0].before, ==, 3.0);
  /* Both are severely absent: 10 of 10 sessions. */
  list = att_report_get_list (report, ATT_REPORT_LIST_SEVERE, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (list[0].pupil_id, ==, rio);
  g_assert_cmpint (list[1].pupil_id, ==, sam);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2025-03-12", TRUE);

  g_test_add_func ("/report/demo/sums", test_demo_sums);
  g_test_add_func ("/report/demo/weeks", test_demo_weeks);
  g_test_add_func ("/report/demo/lists", test_demo_lists);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/report/pupil-year", test_pupil_year);
  ADD ("/report/week", test_week);
  ADD ("/report/ages", test_ages);
  ADD ("/report/periods", test_periods);
  ADD ("/report/until-today", test_until_today);
  ADD ("/report/target", test_target);
  ADD ("/report/census", test_census);
  ADD ("/report/threshold-compulsory", test_threshold_compulsory);

  status = g_test_run ();
  demo_close ();
  return status;
}
