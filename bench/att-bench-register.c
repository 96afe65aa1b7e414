/* att-bench-register.c: how fast the register grid is for a big school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes (or opens, with --db) the 2,000-pupil demo school as of Friday
 * 20 November 2026 and times what the grid does: the model ready for a
 * class (a day and a week), for the whole school in week mode (20,000
 * cells), a typed mark stored with its row's figures updated, and every
 * row of the whole school built and drawn once as scrolling does. Each
 * figure is the median of several runs, against the target.
 *
 * The grid's model (att-register-model.c, att-register-row.c) needs only
 * GIO, so it is built into this program as the app builds it.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "attendance-core.h"
#include "att-register-grid.h"
#include "att-register-model.h"

#define AS_OF_TEXT "2026-11-20"

static char    *db_path = NULL;
static gboolean keep = FALSE;
static int      n_pupils = 2000;
static int      n_years = 2;
static int      runs = 9;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use (or make) the database at PATH", "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the database made for the benchmark", NULL },
  { "pupils", 0, 0, G_OPTION_ARG_INT, &n_pupils, "Pupils in the demo school (2000)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "School years of registers (2)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each timing (9)", "N" },
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
  return g_array_index (times, double, times->len / 2);
}

static gboolean all_met = TRUE;

static void
report (const char *what,
        GArray     *times,
        double      target)
{
  double m = median (times);
  gboolean met = m < target;

  if (!met)
    all_met = FALSE;
  printf ("%-58s %9.2f ms  (target < %g ms)  %s\n", what, m, target, met ? "ok" : "SLOW");
}

/* The time from asking for a view to the model holding it, with the first
 * screenful of rows built and their figures worked out (what the view
 * binds first). */
static double
time_view (AttDb               *db,
           AttRegisterModel    *model,
           const AttGridFilter *filter,
           AttDate              first,
           AttDate              last,
           guint               *n_cells)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGrid) grid = NULL;
  double start = now_ms ();
  guint n;

  grid = att_grid_new (db, filter, first, last, &error);
  if (grid == NULL)
    g_error ("%s", error->message);
  att_register_model_set_grid (model, grid);
  n = MIN (40, g_list_model_get_n_items (G_LIST_MODEL (model)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttRegisterRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      att_grid_get_figures (grid, att_register_row_get_index (row));
    }
  if (n_cells != NULL)
    *n_cells = att_grid_get_n_rows (grid) * att_grid_get_n_columns (grid);
  return now_ms () - start;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = NULL;
  g_autoptr(AttRegisterModel) model = NULL;
  g_autoptr(AttGridFilter) class_filter = NULL;
  g_autoptr(AttGridFilter) school_filter = att_grid_filter_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmp_dir = NULL;
  g_auto(GStrv) groups = NULL;
  g_autoptr(GPtrArray) users = NULL;
  const AttUser *user;
  AttDate as_of, monday, friday;
  guint n_cells = 0;

  setlocale (LC_ALL, "");
  g_setenv ("ATTENDANCE_TODAY", AS_OF_TEXT, TRUE);

  context = g_option_context_new ("- time the register grid on a big school");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 1);
  as_of = att_date_parse_iso (AS_OF_TEXT, NULL);

  if (db_path == NULL)
    {
      tmp_dir = g_dir_make_tmp ("attendance-bench-XXXXXX", &error);
      if (tmp_dir == NULL)
        g_error ("%s", error->message);
      db_path = g_build_filename (tmp_dir, "bench.db", NULL);
    }
  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      AttDemoOptions options;
      double start = now_ms ();

      att_demo_options_init (&options);
      options.pupils = n_pupils;
      options.years = n_years;
      options.as_of = as_of;
      if (!att_demo_create (db_path, &options, &error))
        g_error ("%s", error->message);
      printf ("Made the demo school (%d pupils, %d years) in %.0f ms\n",
              n_pupils, n_years, now_ms () - start);
    }
  db = att_db_open (db_path, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  users = att_users_list (db, &error);
  if (users == NULL || users->len == 0)
    g_error ("The demo school has no users");
  user = g_ptr_array_index (users, 0);
  for (guint i = 0; i < users->len; i++)
    {
      const AttUser *u = g_ptr_array_index (users, i);
      if (att_role_can (u->role, ATT_PERM_AMEND))
        {
          user = u;
          break;
        }
    }

  groups = att_grid_list_groups (db, as_of);
  if (groups[0] == NULL)
    g_error ("The demo school has no registration groups on %s", AS_OF_TEXT);
  class_filter = att_grid_filter_new_group (groups[0]);
  att_grid_week_range (as_of, &monday, &friday);
  model = att_register_model_new ();

  /* Warm the register's arrays and the pupils' cache once, as the app
   * has them warm after its first view. */
  time_view (db, model, school_filter, monday, friday, NULL);

  for (int r = 0; r < runs; r++)
    {
      double t = time_view (db, model, class_filter, as_of, as_of, NULL);
      g_array_append_val (times, t);
    }
  report ("Model ready: a class, one day", times, 50);

  g_array_set_size (times, 0);
  for (int r = 0; r < runs; r++)
    {
      double t = time_view (db, model, class_filter, monday, friday, NULL);
      g_array_append_val (times, t);
    }
  report ("Model ready: a class, one week", times, 50);

  g_array_set_size (times, 0);
  for (int r = 0; r < runs; r++)
    {
      double t = time_view (db, model, school_filter, monday, friday, &n_cells);
      g_array_append_val (times, t);
    }
  {
    g_autofree char *what = g_strdup_printf ("Model ready: whole school, one week (%u cells)", n_cells);
    report (what, times, 150);
  }

  /* Scrolling: every row of the whole school built and its figures and
   * codes read once, as the view binds rows going past. Reported per
   * row: a screen of 30 rows must bind well inside a 16 ms frame. */
  {
    AttGrid *grid = att_register_model_get_grid (model);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
    double start = now_ms ();
    double per_row;
    GArray *one = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(AttRegisterRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
        guint index = att_register_row_get_index (row);

        att_grid_get_figures (grid, index);
        for (guint c = 0; c < att_grid_get_n_columns (grid); c++)
          att_grid_get_code (grid, index, c);
      }
    per_row = (now_ms () - start) / MAX (n, 1);
    per_row *= 30;
    g_array_append_val (one, per_row);
    report ("Scrolling: 30 new rows bound (codes and figures)", one, 16);
    g_array_unref (one);
  }

  /* A typed mark: stored through the register (with its audit row), and
   * the row's codes and figures reloaded by the model from the
   * database's notice of the change, before the write returns. The same
   * session is changed back and forth, so each write is an amendment
   * with a reason, the slower path. The reload is also timed alone. */
  {
    AttGrid *grid = att_register_model_get_grid (model);
    int column = att_grid_find_column (grid, as_of, ATT_SESSION_AM);
    guint row = 0;
    AttCode codes[2] = { ATT_CODE_I, ATT_CODE_M };

    if (column < 0)
      g_error ("%s is not a school day of the demo school", AS_OF_TEXT);
    while (row < att_grid_get_n_rows (grid)
           && !(att_grid_get_flags (grid, row, column) & ATT_GRID_CELL_ON_ROLL))
      row++;

    g_autoptr(GArray) updated = g_array_new (FALSE, FALSE, sizeof (double));

    g_array_set_size (times, 0);
    for (int r = 0; r < runs * 3; r++)
      {
        AttMarkWrite w = { att_grid_get_pupil_id (grid, row), as_of, ATT_SESSION_AM,
                           codes[r % 2], -1, NULL };
        double start = now_ms ();
        double middle, t;

        if (!att_register_write_undoable (db, user, &w, 1, "Benchmark", NULL, &error))
          g_error ("%s", error->message);
        middle = now_ms ();
        t = middle - start;
        g_array_append_val (times, t);
        att_register_model_row_changed (model, row);
        t = now_ms () - middle;
        g_array_append_val (updated, t);
      }
    report ("A typed mark stored and the row's figures updated", times, 5);
    report ("  of which: row's codes and figures reloaded", updated, 5);
  }

  if (tmp_dir != NULL && !keep)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_clear_object (&db);
      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmp_dir);
    }
  else
    printf ("Database kept at %s\n", db_path);

  return all_met ? 0 : 1;
}
