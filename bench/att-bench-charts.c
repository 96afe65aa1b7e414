/* att-bench-charts.c: how fast the charts and the governors' report are
 * drawn for a big school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes the 2,000-pupil secondary school with six school years of
 * registers (seed 1, as of Friday 20 November 2026), as
 * attendance-bench-report does, or uses --db PATH, then times: each of
 * the five charts drawn at 800 x 360 (the window redraws them on every
 * resize; target 16 ms, a frame), the governors' report of this school
 * year from the figures to the written PDF (target 1 s), and a pupil's
 * year at a glance on its page (target 100 ms). Each figure is the median
 * of several runs; the processor time is printed beside the clock's, which
 * a machine busy with other work stretches.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "att-bench-util.h"
#include "attendance-core.h"
#include "att-chart.h"
#include "att-demo.h"
#include "att-report-document.h"
#include "att-year-calendar.h"

#define AS_OF_TEXT "2026-11-20"

static char    *db_path = NULL;
static int      n_pupils = 2000;
static int      n_years = 6;
static int      runs = 7;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use (or make) the database at PATH", "PATH" },
  { "pupils", 0, 0, G_OPTION_ARG_INT, &n_pupils, "Pupils in the demo school (2000)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "School years of registers (6)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each timing (7)", "N" },
  { NULL }
};

static gboolean all_pass = TRUE;

static void
print_timing (const char *what,
              GArray     *times,
              GArray     *cpu,
              double      target_ms)
{
  double m = att_bench_median (times), c = att_bench_median (cpu);
  gboolean pass = m < target_ms;

  all_pass &= pass;
  printf ("%-4s %-48s %9.1f ms  (processor %.1f ms; target < %.0f ms, median of %u)\n",
          pass ? "PASS" : "SLOW", what, m, c, target_ms, times->len);
  fflush (stdout);
}

static AttReport *
this_year (AttDb   *db,
           AttDate  as_of)
{
  g_autoptr(GError) error = NULL;
  AttDate from, to;
  AttReport *report;

  if (!att_report_period_range (db, ATT_REPORT_PERIOD_THIS_YEAR, as_of, &from, &to, &error))
    att_bench_die ("the period", error);
  report = att_report_new (db, from, to, ATT_REPORT_NONE, &error);
  if (report == NULL)
    att_bench_die ("the report", error);
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
  g_autofree char *out_dir = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AttReport) report = NULL;
  AttDate as_of;
  AttDb *db;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the charts and the governors' report");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    att_bench_die ("options", error);
  runs = MAX (runs, 1);

  g_setenv ("ATTENDANCE_TODAY", AS_OF_TEXT, TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  as_of = att_date_parse_iso (AS_OF_TEXT, NULL);

  dir = g_dir_make_tmp ("attendance-bench-charts-XXXXXX", &error);
  if (dir == NULL)
    att_bench_die ("making a temporary folder", error);
  path = db_path != NULL ? g_strdup (db_path) : g_build_filename (dir, "bench.db", NULL);
  db = att_bench_open_demo (path, n_pupils, n_years, as_of);
  out_dir = g_strdup (dir);
  pdf = g_build_filename (out_dir, "report.pdf", NULL);

  /* Each chart on a surface the size of the page's card. */
  report = this_year (db, as_of);
  for (AttChartKind kind = 0; kind < ATT_N_CHARTS; kind++)
    {
      g_autofree char *what = g_strdup_printf ("the %s chart at 800 x 360", att_chart_to_string (kind));
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 360);

      g_array_set_size (times, 0);
      g_array_set_size (cpu, 0);
      for (int i = 0; i < runs; i++)
        {
          AttChartStyle style = { i % 2 == 1, NULL, 0, TRUE };
          cairo_t *cr = cairo_create (surface);
          double start = att_bench_now_ms (), cstart = att_bench_cpu_ms (), t, c;

          att_chart_draw (cr, report, kind, 800, 360, &style);
          cairo_surface_flush (surface);
          t = att_bench_now_ms () - start;
          c = att_bench_cpu_ms () - cstart;
          cairo_destroy (cr);
          g_array_append_val (times, t);
          g_array_append_val (cpu, c);
        }
      print_timing (what, times, cpu, 16.0);
      cairo_surface_destroy (surface);
    }

  /* The governors' report: the figures, last year's, the document and
   * the PDF written. */
  g_array_set_size (times, 0);
  g_array_set_size (cpu, 0);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(AttReport) now = NULL;
      g_autoptr(AttReport) last = NULL;
      g_autoptr(AttReportDocument) document = NULL;
      double start = att_bench_now_ms (), cstart = att_bench_cpu_ms (), t, c;
      AttDate last_from, last_to;
      guint n_pages = 0;

      now = this_year (db, as_of);
      att_report_period_last_year (db, att_report_get_from (now), att_report_get_to (now), &last_from, &last_to);
      last = att_report_new (db, last_from, last_to, ATT_REPORT_FIGURES_ONLY, &error);
      if (last == NULL)
        att_bench_die ("last year's report", error);
      document = att_report_document_new (now, last, "Millbrook Academy", TRUE);
      if (!att_document_write_pdf (ATT_DOCUMENT (document), pdf, &n_pages, &error))
        att_bench_die ("writing the PDF", error);
      t = att_bench_now_ms () - start;
      c = att_bench_cpu_ms () - cstart;
      g_array_append_val (times, t);
      g_array_append_val (cpu, c);
    }
  print_timing ("the governors' report, this year, to PDF", times, cpu, 1000.0);

  /* One pupil's year at a glance on its page. */
  {
    g_autoptr(GPtrArray) on_roll = att_pupils_list_on_roll (db, as_of, as_of, &error);

    if (on_roll == NULL || on_roll->len == 0)
      att_bench_die ("the pupils on roll", error);
    g_array_set_size (times, 0);
    g_array_set_size (cpu, 0);
    for (int i = 0; i < runs; i++)
      {
        AttPupil *pupil = g_ptr_array_index (on_roll, ((guint)i * 97u) % on_roll->len);
        g_autoptr(AttPupilYear) year = NULL;
        g_autoptr(AttYearCalendarDocument) document = NULL;
        double start = att_bench_now_ms (), cstart = att_bench_cpu_ms (), t, c;

        year = att_pupil_year_new (db, pupil->id, att_date_school_year (as_of), as_of, &error);
        if (year == NULL)
          att_bench_die ("the year at a glance", error);
        document = att_year_calendar_document_new (year, "Millbrook Academy");
        if (!att_document_write_pdf (ATT_DOCUMENT (document), pdf, NULL, &error))
          att_bench_die ("writing the PDF", error);
        t = att_bench_now_ms () - start;
        c = att_bench_cpu_ms () - cstart;
        g_array_append_val (times, t);
        g_array_append_val (cpu, c);
      }
    print_timing ("a pupil's year at a glance to PDF", times, cpu, 100.0);
  }

  g_object_unref (db);
  g_unlink (pdf);
  if (db_path == NULL)
    att_bench_remove_db (path);
  g_rmdir (dir);
  return all_pass ? 0 : 1;
}
