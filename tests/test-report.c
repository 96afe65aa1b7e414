/* test-report.c: the figures of the Reports page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-demo.h"
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

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2025-03-12", TRUE);

  g_test_add_func ("/report/demo/sums", test_demo_sums);
  g_test_add_func ("/report/demo/weeks", test_demo_weeks);

  status = g_test_run ();
  demo_close ();
  return status;
}
