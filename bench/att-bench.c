/* att-bench.c: how fast the register and its figures are for a big school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * By default the benchmark makes a 2,000-pupil secondary school with six
 * school years of registers (seed 1, as of Friday 20 November 2026) in a
 * temporary folder, then times what the office does every day against
 * its target. Each figure is the median of several runs. With --db PATH
 * it uses that database (making it first if it does not exist); --keep
 * keeps the database it made. --pupils and --years set the school's size
 * (5,000 pupils with --years 1 and then 6 show whether a year's figures
 * cost more when more years are kept); --figures-only times only opening
 * the database and this year's figures, as many times as --runs says,
 * for a profiler.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attendance-core.h"
#include "att-demo.h"

#define AS_OF_TEXT "2026-11-20"

static char    *db_path = NULL;
static gboolean keep = FALSE;
static int      n_pupils = 2000;
static int      n_years = 6;
static int      runs = 7;
static int      generate_runs = 3;
static gboolean figures_only = FALSE;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use (or make) the database at PATH", "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the database made for the benchmark", NULL },
  { "pupils", 0, 0, G_OPTION_ARG_INT, &n_pupils, "Pupils in the demo school (2000)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "School years of registers (6)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each timing (7)", "N" },
  { "generate-runs", 0, 0, G_OPTION_ARG_INT, &generate_runs, "Times to make the demo (3; 0 skips it)", "N" },
  { "figures-only", 0, 0, G_OPTION_ARG_NONE, &figures_only,
    "Time only opening the database and this year's figures for everyone (with --runs, for a profiler)", NULL },
  { NULL }
};

static double
now_ms (void)
{
  return (double)g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  if (times->len == 0)
    return 0.0;
  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);
  return (g_array_index (times, double, times->len / 2 - 1) +
          g_array_index (times, double, times->len / 2)) / 2.0;
}

static gboolean all_pass = TRUE;

static void
report (const char *what,
        GArray     *times,
        double      target_ms)
{
  double m = median (times);
  gboolean pass = m < target_ms;
  g_autofree char *value = NULL;
  g_autofree char *target = NULL;

  if (target_ms >= 1000.0)
    {
      value = g_strdup_printf ("%.2f s", m / 1000.0);
      target = g_strdup_printf ("< %.0f s", target_ms / 1000.0);
    }
  else
    {
      value = g_strdup_printf ("%.3f ms", m);
      target = g_strdup_printf ("< %.0f ms", target_ms);
    }
  all_pass &= pass;
  printf ("%-4s %-72s %12s  (target %s, median of %u)\n",
          pass ? "PASS" : "SLOW", what, value, target, times->len);
  fflush (stdout);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "attendance-bench: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* Makes the demo @count times (stopping early after a minute), keeping the
 * last one at @path. */
static void
bench_generate (const char *path,
                AttDate     as_of,
                int         count)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what = NULL;
  double spent = 0.0;

  for (int i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      AttDemoOptions options;
      double start, t;

      remove_database (path);
      att_demo_options_init (&options);
      options.pupils = (guint)n_pupils;
      options.years = (guint)n_years;
      options.seed = 1;
      options.as_of = as_of;
      start = now_ms ();
      if (!att_demo_create (path, &options, &error))
        die ("making the demo school", error);
      t = now_ms () - start;
      g_array_append_val (times, t);
      spent += t;
      /* The whole benchmark should stay within about two minutes. */
      if (spent > 60000.0)
        break;
    }
  what = g_strdup_printf ("generate the %d-pupil, %d-year demo database", n_pupils, n_years);
  report (what, times, 15000.0);
}

static void
school_year (AttDb   *db,
             AttDate  as_of,
             AttDate *first)
{
  AttDate last;

  if (!att_calendar_school_year_range (att_db_get_calendar (db), as_of, first, &last))
    *first = att_date_school_year_start (as_of);
}

static void
bench_open_and_stats (const char *path,
                      AttDate     as_of)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) all = NULL;
      AttDb *db;
      AttDate first;
      double start = now_ms (), t;

      db = att_db_open (path, &error);
      if (db == NULL)
        die ("opening the database", error);
      school_year (db, as_of, &first);
      all = att_stats_all (db, first, as_of, &error);
      if (all == NULL)
        die ("computing the figures", error);
      t = now_ms () - start;
      g_array_append_val (times, t);
      g_object_unref (db);
    }
  report ("open the database and compute this year's figures for every pupil", times, 15.0);
}

typedef struct
{
  AttDb    *db;
  AttUser  *user;
  gint64    pupil_id;
  AttDate   date;
  guint     writes;
} Writer;

/* Changes one morning mark, alternating between two codes so that every
 * write is a real amendment with its audit row. */
static void
write_one (Writer *w)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite mark = {
    .pupil_id = w->pupil_id,
    .date = w->date,
    .session = ATT_SESSION_AM,
    .code = (w->writes++ % 2 == 0) ? ATT_CODE_I : ATT_CODE_M,
    .minutes_late = -1,
    .comment = NULL,
  };

  if (!att_register_write (w->db, w->user, &mark, 1,
                           "Parent phoned with the reason", ATT_WRITE_DEFAULT, &error))
    die ("writing a mark", error);
}

static void
bench_after_change (Writer  *w,
                    AttDate  as_of)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  AttDate first;

  school_year (w->db, as_of, &first);
  /* The first computation fills the in-memory register. */
  g_array_unref (att_stats_all (w->db, first, as_of, NULL));

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) all = NULL;
      double start, t;

      write_one (w);
      start = now_ms ();
      all = att_stats_all (w->db, first, as_of, &error);
      if (all == NULL)
        die ("computing the figures", error);
      t = now_ms () - start;
      g_array_append_val (times, t);
    }
  report ("again after one mark changes (att_stats_all after a write)", times, 5.0);
}

static void
bench_threshold (AttDb   *db,
                 AttDate  as_of)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint breaches = 0;

  g_array_unref (att_threshold_check (db, as_of, NULL));
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) found = NULL;
      double start = now_ms (), t;

      found = att_threshold_check (db, as_of, &error);
      if (found == NULL)
        die ("checking the National Framework threshold", error);
      t = now_ms () - start;
      breaches = found->len;
      g_array_append_val (times, t);
    }
  {
    g_autofree char *what = g_strdup_printf ("the National Framework check for every pupil (%u at the threshold)",
                                             breaches);
    report (what, times, 5.0);
  }
}

static void
bench_write (Writer *w)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < runs * 3; i++)
    {
      double start = now_ms (), t;

      write_one (w);
      t = now_ms () - start;
      g_array_append_val (times, t);
    }
  report ("one mark written durably with its audit row (att_register_write)", times, 2.0);
}

/* Reads ten sessions (Monday to Friday of the as-of week) for every pupil
 * of @pupils into one array, as the register grid does. */
static void
bench_week (AttDb      *db,
            GPtrArray  *pupils,
            AttDate     as_of,
            const char *what,
            double      target_ms)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  AttDate monday = att_date_monday (as_of);
  g_autofree char *label = NULL;
  guint marked = 0;

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GByteArray) cells = g_byte_array_sized_new (pupils->len * 10);
      double start = now_ms (), t;

      for (guint p = 0; p < pupils->len; p++)
        {
          AttPupil *pupil = g_ptr_array_index (pupils, p);

          for (int d = 0; d < 5; d++)
            for (int s = 0; s < 2; s++)
              {
                guint8 code = (guint8)att_register_code (db, pupil->id, monday + d, (AttSession)s);
                g_byte_array_append (cells, &code, 1);
              }
        }
      t = now_ms () - start;
      g_array_append_val (times, t);
      marked = 0;
      for (guint k = 0; k < cells->len; k++)
        marked += cells->data[k] != ATT_CODE_NONE;
    }
  label = g_strdup_printf ("%s (%u pupils, %u marks)", what, pupils->len, marked);
  report (label, times, target_ms);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) on_roll = NULL;
  g_autoptr(GPtrArray) form = NULL;
  g_autoptr(AttUser) officer = NULL;
  GPtrArray *pupils, *users;
  AttDate as_of;
  AttDb *db;
  Writer w = { 0 };
  double started = now_ms ();

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the register and its figures on a big demo school");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  runs = MAX (runs, 1);

  /* The figures are for a fixed day in term, whatever the date today. */
  g_setenv ("ATTENDANCE_TODAY", AS_OF_TEXT, TRUE);
  as_of = att_date_parse_iso (AS_OF_TEXT, NULL);

  if (db_path != NULL)
    path = g_strdup (db_path);
  else
    {
      dir = g_dir_make_tmp ("attendance-bench-XXXXXX", &error);
      if (dir == NULL)
        die ("making a temporary folder", error);
      path = g_build_filename (dir, "bench.db", NULL);
    }

  printf ("Attendance benchmark: %s\n", path);
  if (db_path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    printf ("     (using the existing database: the demo is not made again)\n");
  else
    bench_generate (path, as_of, MAX (generate_runs, 1));

  bench_open_and_stats (path, as_of);
  if (figures_only)
    goto done;

  db = att_db_open (path, &error);
  if (db == NULL)
    die ("opening the database", error);

  pupils = att_pupils_list (db, &error);
  if (pupils == NULL)
    die ("listing pupils", error);
  on_roll = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      if (att_pupil_on_roll (pupil, as_of))
        g_ptr_array_add (on_roll, g_object_ref (pupil));
    }
  if (on_roll->len == 0)
    die ("finding pupils on roll", NULL);

  users = att_users_list (db, &error);
  if (users == NULL)
    die ("listing users", error);
  for (guint i = 0; i < users->len && officer == NULL; i++)
    {
      AttUser *user = g_ptr_array_index (users, i);
      if (att_role_can (user->role, ATT_PERM_AMEND))
        officer = att_user_copy (user);
    }
  g_ptr_array_unref (users);
  if (officer == NULL)
    die ("finding a user who may amend marks", NULL);

  w.db = db;
  w.user = officer;
  w.pupil_id = ((AttPupil *)g_ptr_array_index (on_roll, on_roll->len / 2))->id;
  w.date = as_of;

  bench_after_change (&w, as_of);
  bench_threshold (db, as_of);
  bench_write (&w);

  bench_week (db, on_roll, as_of, "one week's register for the whole school", 20.0);
  {
    AttPupil *first = g_ptr_array_index (on_roll, 0);

    form = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < on_roll->len; i++)
      {
        AttPupil *pupil = g_ptr_array_index (on_roll, i);
        if (g_strcmp0 (pupil->reg_group, first->reg_group) == 0)
          g_ptr_array_add (form, g_object_ref (pupil));
      }
  }
  bench_week (db, form, as_of, "one week's register for one class", 2.0);

  g_ptr_array_set_size (on_roll, 0);
  g_ptr_array_set_size (form, 0);
  g_object_unref (db);

done:
  if (dir != NULL && !keep)
    {
      remove_database (path);
      g_rmdir (dir);
    }
  else if (db_path == NULL)
    printf ("     kept %s\n", path);

  printf ("%s in %.0f s\n", all_pass ? "All figures within target" : "Some figures are SLOW",
          (now_ms () - started) / 1000.0);
  return 0;
}
