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

  g_assert_true (att_register_write (f->db, att_user_system (), &w, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

/* Marks every school session from @from to @to with @code (a slash is
 * turned into the session's own). Returns how many were marked. */
static G_GNUC_UNUSED guint
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
                                     writes->len, NULL, ATT_WRITE_DEFAULT, &error));
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

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2025-03-12", TRUE);

  g_test_add_func ("/report/demo/sums", test_demo_sums);
  g_test_add_func ("/report/demo/weeks", test_demo_weeks);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/report/pupil-year", test_pupil_year);

  status = g_test_run ();
  demo_close ();
  return status;
}
