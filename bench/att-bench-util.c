/* att-bench-util.c: what every benchmark program measures with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "att-bench-util.h"
#include "att-db.h"
#include "att-demo.h"

double
att_bench_now_ms (void)
{
  return (double)g_get_monotonic_time () / 1000.0;
}

double
att_bench_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0
         + usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

double
att_bench_peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

double
att_bench_median (GArray *times)
{
  guint n = times->len;

  g_return_val_if_fail (n > 0, 0.0);
  g_array_sort (times, compare_doubles);
  return n % 2 == 1 ? g_array_index (times, double, n / 2)
         : (g_array_index (times, double, n / 2 - 1) + g_array_index (times, double, n / 2)) / 2.0;
}

gboolean
att_bench_report_median (const char *what,
                         GArray     *times,
                         double      target_ms)
{
  double m = att_bench_median (times);
  gboolean pass = m < target_ms;

  printf ("%-4s %-64s %10.3f ms  (target < %.0f ms, median of %u, slowest %.3f ms)\n",
          pass ? "PASS" : "SLOW", what, m, target_ms, times->len,
          g_array_index (times, double, times->len - 1));
  fflush (stdout);
  return pass;
}

void
att_bench_die (const char *what,
               GError     *error)
{
  const char *program = g_get_prgname ();

  fprintf (stderr, "%s: %s: %s\n", program != NULL ? program : "attendance-bench", what,
           error != NULL ? error->message : "failed");
  exit (1);
}

AttDb *
att_bench_open_demo (const char *path,
                     int         n_pupils,
                     int         n_years,
                     AttDate     as_of)
{
  g_autoptr(GError) error = NULL;
  AttDb *db;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      AttDemoOptions options;
      double start = att_bench_now_ms ();

      att_demo_options_init (&options);
      options.pupils = (guint)n_pupils;
      options.years = (guint)n_years;
      options.as_of = as_of;
      if (!att_demo_create (path, &options, &error))
        att_bench_die ("making the demo school", error);
      printf ("     made the %d-pupil, %d-year demo in %.2f s\n", n_pupils, n_years,
              (att_bench_now_ms () - start) / 1000.0);
    }
  db = att_db_open (path, &error);
  if (db == NULL)
    att_bench_die ("opening the database", error);
  return db;
}

void
att_bench_remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}
