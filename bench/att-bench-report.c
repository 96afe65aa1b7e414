/* att-bench-report.c: how fast the Reports page's figures are for a big
 * school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes the 2,000-pupil secondary school with six school years of
 * registers (seed 1, as of Friday 20 November 2026), as attendance-bench
 * does, or uses --db PATH, then times att_report_new () for every period
 * the page offers, with the same period last year as the page shows it
 * beside, against the target: each under 50 ms. Each figure is the
 * median of several runs, with the register's years in memory as in the
 * window; the first report of each period, which may read years from
 * the file, is shown too. A pupil's year at a glance is timed as well.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "att-bench-util.h"
#include "attendance-core.h"
#include "att-demo.h"
#include "att-pupil-year.h"
#include "att-report.h"

#define AS_OF_TEXT "2026-11-20"

static char    *db_path = NULL;
static int      n_pupils = 2000;
static int      n_years = 6;
static int      runs = 11;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use (or make) the database at PATH", "PATH" },
  { "pupils", 0, 0, G_OPTION_ARG_INT, &n_pupils, "Pupils in the demo school (2000)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "School years of registers (6)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each timing (11)", "N" },
  { NULL }
};

static gboolean all_pass = TRUE;

/* The page's figures for one period: the report and last year's beside
 * it, as the page computes them. */
static AttReport *
page_figures (AttDb           *db,
              AttDate          from,
              AttDate          to,
              AttReportFlags   flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) last = NULL;
  AttReport *report;
  AttDate last_from, last_to;

  report = att_report_new (db, from, to, flags, &error);
  if (report == NULL)
    att_bench_die ("the report", error);
  att_report_period_last_year (db, from, to, &last_from, &last_to);
  last = att_report_new (db, last_from, last_to, flags | ATT_REPORT_FIGURES_ONLY, &error);
  if (last == NULL)
    att_bench_die ("last year's report", error);
  return report;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) times = NULL;
  AttDate as_of;
  AttDb *db;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the Reports page's figures for every period");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    att_bench_die ("options", error);
  runs = MAX (runs, 1);

  g_setenv ("ATTENDANCE_TODAY", AS_OF_TEXT, TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  as_of = att_date_parse_iso (AS_OF_TEXT, NULL);

  if (db_path != NULL)
    path = g_strdup (db_path);
  else
    {
      dir = g_dir_make_tmp ("attendance-bench-report-XXXXXX", &error);
      if (dir == NULL)
        att_bench_die ("making a temporary folder", error);
      path = g_build_filename (dir, "bench.db", NULL);
    }
  db = att_bench_open_demo (path, n_pupils, n_years, as_of);

  times = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint p = 0; p < ATT_REPORT_PERIOD_CUSTOM; p++)
    for (guint ages = 0; ages < 2; ages++)
      {
        AttReportFlags flags = ages ? ATT_REPORT_AGES_5_TO_15 : ATT_REPORT_NONE;
        g_autofree char *what = NULL;
        AttDate from, to;
        guint n_pupils_counted = 0;
        AttReport *cold;
        double start, first;

        if (!att_report_period_range (db, p, as_of, &from, &to, &error))
          att_bench_die ("the period", error);

        start = att_bench_now_ms ();
        cold = page_figures (db, from, to, flags);
        first = att_bench_now_ms () - start;
        att_report_unref (cold);

        g_array_set_size (times, 0);
        for (int i = 0; i < runs; i++)
          {
            g_autoptr(AttReport) r = NULL;
            double t;

            start = att_bench_now_ms ();
            r = page_figures (db, from, to, flags);
            t = att_bench_now_ms () - start;
            n_pupils_counted = att_report_get_school (r)->pupils;
            g_array_append_val (times, t);
          }
        what = g_strdup_printf ("%s%s and last year (%u pupils; first %.1f ms)",
                                att_report_period_to_string (p), ages ? ", ages 5 to 15," : "",
                                n_pupils_counted, first);
        all_pass &= att_bench_report_median (what, times, 50.0);
      }

  /* A pupil's year at a glance, for the pupil view. */
  {
    g_autoptr(GPtrArray) on_roll = att_pupils_list_on_roll (db, as_of, as_of, &error);

    if (on_roll == NULL || on_roll->len == 0)
      att_bench_die ("the pupils on roll", error);
    g_array_set_size (times, 0);
    for (int i = 0; i < runs; i++)
      {
        AttPupil *pupil = g_ptr_array_index (on_roll, ((guint)i * 97u) % on_roll->len);
        g_autoptr(AttPupilYear) year = NULL;
        double start = att_bench_now_ms (), t;

        year = att_pupil_year_new (db, pupil->id, att_date_school_year (as_of), as_of, &error);
        if (year == NULL)
          att_bench_die ("the year at a glance", error);
        t = att_bench_now_ms () - start;
        g_array_append_val (times, t);
      }
    all_pass &= att_bench_report_median ("a pupil's year at a glance", times, 10.0);
  }

  g_object_unref (db);
  if (dir != NULL)
    {
      att_bench_remove_db (path);
      g_rmdir (dir);
    }
  return all_pass ? 0 : 1;
}
