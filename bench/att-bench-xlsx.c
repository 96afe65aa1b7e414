/* att-bench-xlsx.c: how fast the Excel summary workbook is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes the 2,000-pupil secondary school with six school years of
 * registers (seed 1, as of Friday 20 November 2026), as attendance-bench
 * does, or uses --db PATH, then writes the workbook of the whole school
 * year before (1 September 2025 to 31 August 2026: every sheet, the
 * register of some 380 sessions for every pupil) --runs times, and
 * prints the median time on the clock and in the processor against the
 * target (under 1.5 s), the time of each part as the progress reports
 * it, and the process's peak memory (target: under 150 MB).
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "att-bench-util.h"
#include "attendance-core.h"
#include "att-demo.h"
#include "att-xlsx-export.h"

#define AS_OF_TEXT "2026-11-20"

static char    *db_path = NULL;
static char    *out_path = NULL;
static int      n_pupils = 2000;
static int      n_years = 6;
static int      runs = 5;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use (or make) the database at PATH", "PATH" },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "Keep the last workbook at PATH", "PATH" },
  { "pupils", 0, 0, G_OPTION_ARG_INT, &n_pupils, "Pupils in the demo school (2000)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "School years of registers (6)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of the workbook (5)", "N" },
  { NULL }
};

static gboolean all_pass = TRUE;

static void
report (const char *what,
        double      value,
        const char *unit,
        double      target)
{
  gboolean pass = target <= 0 || value < target;

  all_pass &= pass;
  if (target > 0)
    printf ("%-4s %-60s %10.1f %s  (target < %.0f %s)\n", pass ? "PASS" : "SLOW", what, value,
            unit, target, unit);
  else
    printf ("     %-60s %10.1f %s\n", what, value, unit);
  fflush (stdout);
}

/* The time each part took, from one progress report to the next. */
typedef struct
{
  GHashTable *parts;       /* what -> GArray of ms, one per run */
  GPtrArray  *order;       /* the parts' names, as they came */
  char       *what;
  double      since;
} Parts;

static void
part_done (Parts  *parts,
           double  now)
{
  GArray *times;

  if (parts->what == NULL)
    return;
  times = g_hash_table_lookup (parts->parts, parts->what);
  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (parts->parts, g_strdup (parts->what), times);
      g_ptr_array_add (parts->order, g_strdup (parts->what));
    }
  now -= parts->since;
  g_array_append_val (times, now);
}

static void
progress (double      fraction,
          const char *what,
          gpointer    user_data)
{
  Parts *parts = user_data;
  double now = att_bench_now_ms ();

  if (g_strcmp0 (what, parts->what) == 0)
    return;
  part_done (parts, now);
  g_free (parts->what);
  parts->what = g_strdup (what);
  parts->since = now;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *xlsx = NULL;
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  Parts parts = { 0 };
  double before_mib;
  AttDate as_of, from, to;
  AttDb *db;
  GStatBuf st;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the Excel summary workbook of a school year");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    att_bench_die ("options", error);
  runs = MAX (runs, 1);

  g_setenv ("ATTENDANCE_TODAY", AS_OF_TEXT, TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  as_of = att_date_parse_iso (AS_OF_TEXT, NULL);
  from = att_date_from_ymd (2025, 9, 1);
  to = att_date_from_ymd (2026, 8, 31);

  dir = g_dir_make_tmp ("attendance-bench-xlsx-XXXXXX", &error);
  if (dir == NULL)
    att_bench_die ("making a temporary folder", error);
  path = db_path != NULL ? g_strdup (db_path) : g_build_filename (dir, "bench.db", NULL);
  xlsx = out_path != NULL ? g_strdup (out_path) : g_build_filename (dir, "report.xlsx", NULL);
  db = att_bench_open_demo (path, n_pupils, n_years, as_of);
  before_mib = att_bench_peak_mib ();

  parts.parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_array_unref);
  parts.order = g_ptr_array_new_with_free_func (g_free);
  for (int run = 0; run < runs; run++)
    {
      double start = att_bench_now_ms (), cpu = att_bench_cpu_ms (), total;

      if (!att_xlsx_export_write (db, xlsx, from, to, progress, &parts, NULL, &error))
        att_bench_die ("writing the workbook", error);
      total = att_bench_now_ms () - start;
      cpu = att_bench_cpu_ms () - cpu;
      g_array_append_val (totals, total);
      g_array_append_val (cpus, cpu);
      part_done (&parts, att_bench_now_ms ());
      g_clear_pointer (&parts.what, g_free);
    }

  if (g_stat (xlsx, &st) != 0)
    att_bench_die ("reading the workbook's size", NULL);
  printf ("     the workbook of 2025-26 for %d pupils: %.1f MB\n", n_pupils,
          st.st_size / 1e6);
  for (guint i = 0; i < parts.order->len; i++)
    {
      const char *what = g_ptr_array_index (parts.order, i);
      g_autofree char *label = g_strdup_printf ("  %s", what);

      report (label, att_bench_median (g_hash_table_lookup (parts.parts, what)), "ms", 0);
    }
  report ("the whole workbook, a school year (median)", att_bench_median (totals), "ms", 1500);
  report ("  of which processor time (median)", att_bench_median (cpus), "ms", 0);
  report ("peak memory of the process", att_bench_peak_mib (), "MiB", 150);
  report ("  of which the database and the demo before the workbook", before_mib, "MiB", 0);

  g_hash_table_unref (parts.parts);
  g_ptr_array_unref (parts.order);
  g_object_unref (db);
  if (out_path == NULL)
    g_unlink (xlsx);
  if (db_path == NULL)
    att_bench_remove_db (path);
  g_rmdir (dir);
  return all_pass ? 0 : 1;
}
