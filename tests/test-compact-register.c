/* test-compact-register.c: the compact register against the marks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures, the National Framework check and the register's week are
 * read from the compact copy of the register (mark_years, one byte per
 * session, kept in memory by school year). Here they are set against the
 * same figures counted directly from the marks table, one row per
 * session, on a demo school: 200 pupils (a primary school, Reception to
 * Year 6), two school years of registers (2023/24 and 2024/25), seed 11,
 * as of Wednesday 12 March 2025. Then a database made before the compact
 * copy was keyed by year (it was keyed by pupil then year) is opened and
 * brought up to date, and gives the same figures.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "att-db-private.h"
#include "att-demo.h"
#include "att-register-grid.h"
#include "att-register-private.h"
#include "att-test-util.h"

#define AS_OF D (2025, 3, 12)

typedef struct
{
  char  *dir;
  char  *path;
  AttDb *db;
} Demo;

static Demo *
demo_new (void)
{
  g_autoptr(GError) error = NULL;
  AttDemoOptions options;
  Demo *demo = g_new0 (Demo, 1);

  demo->dir = g_dir_make_tmp ("attendance-compact-XXXXXX", &error);
  g_assert_no_error (error);
  demo->path = g_build_filename (demo->dir, "demo.db", NULL);

  att_demo_options_init (&options);
  options.pupils = 200;
  options.years = 2;
  options.seed = 11;
  options.as_of = AS_OF;
  g_assert_true (att_demo_create (demo->path, &options, &error));
  g_assert_no_error (error);

  demo->db = att_db_open (demo->path, &error);
  g_assert_no_error (error);
  return demo;
}

static void
demo_free (Demo *demo)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&demo->db);
  dir = g_dir_open (demo->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (demo->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (demo->dir);
  g_free (demo->path);
  g_free (demo->dir);
  g_free (demo);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

/* The marks table, read straight from the file: (pupil, date, session)
 * to the code's number. */
static gint64
mark_key (gint64     pupil_id,
          AttDate    date,
          AttSession session)
{
  return ((pupil_id * 10000000) + date) * 2 + session;
}

static GHashTable *
read_marks (AttDb *db)
{
  GHashTable *marks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db),
                                       "SELECT pupil_id, date, session, code FROM marks",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);
      AttCode code = att_code_lookup ((const char *)sqlite3_column_text (stmt, 3));

      g_assert_cmpint (code, !=, ATT_CODE_NONE);
      *key = mark_key (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                       sqlite3_column_int (stmt, 2));
      g_hash_table_insert (marks, key, GINT_TO_POINTER (code));
    }
  sqlite3_finalize (stmt);
  return marks;
}

static AttCode
mark_of (GHashTable *marks,
         gint64      pupil_id,
         AttDate     date,
         AttSession  session)
{
  gint64 key = mark_key (pupil_id, date, session);

  return (AttCode)GPOINTER_TO_INT (g_hash_table_lookup (marks, &key));
}

/* A pupil's figures over [from, to] counted from the marks: every school
 * session while on roll, its code's meaning added up, a session with no
 * mark missing. */
static void
direct_figures (AttDb       *db,
                GHashTable  *marks,
                AttPupil    *pupil,
                AttDate      from,
                AttDate      to,
                AttFigures  *figures)
{
  const AttSessionSlot *slots;
  guint n_slots;

  memset (figures, 0, sizeof *figures);
  figures->pupil_id = pupil->id;
  from = MAX (from, pupil->admission);
  if (pupil->leaving != ATT_DATE_NONE)
    to = MIN (to, pupil->leaving);

  slots = att_calendar_get_sessions (att_db_get_calendar (db), &n_slots);
  for (guint i = 0; i < n_slots; i++)
    {
      AttCode code;
      const AttCodeInfo *info;

      if (slots[i].date < from || slots[i].date > to)
        continue;
      code = mark_of (marks, pupil->id, slots[i].date, slots[i].session);
      if (code == ATT_CODE_NONE)
        {
          figures->missing++;
          continue;
        }
      figures->codes[code]++;
      info = att_code_info (code);
      if (!info->possible)
        {
          figures->not_possible++;
          continue;
        }
      figures->possible++;
      if (info->meaning == ATT_MEANING_PRESENT)
        figures->present++;
      else if (info->meaning == ATT_MEANING_AEA)
        figures->aea++;
      else if (info->meaning == ATT_MEANING_AUTHORISED)
        figures->authorised++;
      else if (info->meaning == ATT_MEANING_UNAUTHORISED)
        figures->unauthorised++;
      figures->late += code == ATT_CODE_L;
      figures->late_after_close += code == ATT_CODE_U;
    }
}

/* Every pupil on roll in [from, to], in the list's order, with their
 * figures from the compact register and from the marks. Returns how many
 * pupils had a possible session. */
static guint
compare_stats (AttDb      *db,
               GHashTable *marks,
               AttDate     from,
               AttDate     to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = att_stats_all (db, from, to, &error);
  GPtrArray *pupils = att_pupils_list (db, &error);
  guint row = 0, with_possible = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      AttFigures expected;
      const AttFigures *found;

      if (!att_pupil_on_roll_between (pupil, from, to))
        continue;
      g_assert_cmpuint (row, <, all->len);
      found = &g_array_index (all, AttFigures, row++);
      direct_figures (db, marks, pupil, from, MIN (to, AS_OF), &expected);
      g_assert_cmpint (found->pupil_id, ==, pupil->id);
      g_assert_cmpuint (found->possible, ==, expected.possible);
      g_assert_cmpuint (found->present, ==, expected.present);
      g_assert_cmpuint (found->aea, ==, expected.aea);
      g_assert_cmpuint (found->authorised, ==, expected.authorised);
      g_assert_cmpuint (found->unauthorised, ==, expected.unauthorised);
      g_assert_cmpuint (found->not_possible, ==, expected.not_possible);
      g_assert_cmpuint (found->missing, ==, expected.missing);
      g_assert_cmpuint (found->late, ==, expected.late);
      g_assert_cmpuint (found->late_after_close, ==, expected.late_after_close);
      g_assert_cmpmem (found->codes, sizeof found->codes, expected.codes, sizeof expected.codes);
      with_possible += expected.possible > 0;
    }
  g_assert_cmpuint (row, ==, all->len);
  return with_possible;
}

/* The National Framework check counted from the marks: pupils of
 * compulsory school age on @as_of with 10 or more sessions of G, N, O or
 * U in the window while on roll and of that age. */
static void
compare_threshold (AttDb      *db,
                   GHashTable *marks,
                   AttDate     as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = att_threshold_check (db, as_of, &error);
  AttCalendar *calendar = att_db_get_calendar (db);
  GPtrArray *pupils = att_pupils_list (db, &error);
  const AttSessionSlot *slots;
  AttDate start, end;
  guint n_slots, n_weeks, row = 0;
  guint32 first_week = 0;

  g_assert_no_error (error);
  n_weeks = att_calendar_window (calendar, as_of, ATT_THRESHOLD_WEEKS, &start, &end);
  g_assert_cmpuint (n_weeks, ==, ATT_THRESHOLD_WEEKS);
  end = MIN (end, as_of);
  slots = att_calendar_get_sessions (calendar, &n_slots);
  for (guint i = 0; i < n_slots && first_week == 0; i++)
    if (slots[i].date >= start)
      first_week = slots[i].week;

  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      guint codes[ATT_CODE_N_CODES] = { 0 };
      guint sessions = 0, weeks = 0;
      guint32 last_week = 0;
      AttDate csa_first, csa_last, from, to;
      const AttBreach *breach;

      if (!att_pupil_compulsory_age (pupil, as_of))
        continue;
      att_compulsory_school_age (pupil->dob, &csa_first, &csa_last);
      from = MAX (pupil->admission, csa_first);
      to = pupil->leaving != ATT_DATE_NONE ? MIN (pupil->leaving, csa_last) : csa_last;
      for (guint s = 0; s < n_slots; s++)
        {
          AttCode code;

          if (slots[s].date < start || slots[s].date < from || slots[s].date > to ||
              slots[s].week >= first_week + n_weeks)
            continue;
          if (slots[s].week != last_week)
            {
              weeks++;
              last_week = slots[s].week;
            }
          if (slots[s].date > end)
            continue;
          code = mark_of (marks, pupil->id, slots[s].date, slots[s].session);
          if (code == ATT_CODE_G || code == ATT_CODE_N || code == ATT_CODE_O || code == ATT_CODE_U)
            {
              sessions++;
              codes[code]++;
            }
        }
      if (sessions < ATT_THRESHOLD_SESSIONS)
        continue;

      g_assert_cmpuint (row, <, found->len);
      breach = &g_array_index (found, AttBreach, row++);
      g_assert_cmpint (breach->pupil_id, ==, pupil->id);
      g_assert_cmpuint (breach->sessions, ==, sessions);
      g_assert_cmpuint (breach->school_weeks, ==, weeks);
      g_assert_cmpmem (breach->codes, sizeof breach->codes, codes, sizeof codes);
      g_assert_cmpint (breach->includes_n, ==, codes[ATT_CODE_N] > 0);
      g_assert_cmpint (breach->window_start, ==, start);
      g_assert_cmpint (breach->window_end, ==, end);
    }
  g_assert_cmpuint (row, ==, found->len);
  /* The demo sends at least one family on a week's holiday in the
   * window (test-demo.c): the check is not vacuous. */
  g_assert_cmpuint (found->len, >, 0);
}

/* The whole school's register for the week of @monday, as the grid and
 * `register all` read it, cell by cell against the marks. Returns the
 * marks seen. */
static guint
compare_week (AttDb      *db,
              GHashTable *marks,
              AttDate     monday)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) school = att_grid_filter_new ();
  g_autoptr(AttGrid) grid = att_grid_new (db, school, monday, monday + 4, &error);
  GPtrArray *pupils = att_pupils_list (db, &error);
  guint row = 0, seen = 0;

  g_assert_no_error (error);
  /* Monday to Friday, two sessions a day. */
  g_assert_cmpuint (att_grid_get_n_columns (grid), ==, 10);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (!att_pupil_on_roll_between (pupil, monday, monday + 4))
        continue;
      g_assert_cmpint (att_grid_get_pupil_id (grid, row), ==, pupil->id);
      for (guint c = 0; c < 10; c++)
        {
          const AttGridColumn *column = att_grid_get_column (grid, c);
          AttCode expected = mark_of (marks, pupil->id, column->date, column->session);
          AttCode code = att_grid_get_code (grid, row, c);

          g_assert_cmpint (att_register_code (db, pupil->id, column->date, column->session),
                           ==, expected);
          if (column->closed)
            g_assert_cmpint (code, ==, ATT_CODE_CLOSED);
          else
            g_assert_cmpint (code, ==, expected);
          seen += expected != ATT_CODE_NONE;
        }
      row++;
    }
  g_assert_cmpuint (row, ==, att_grid_get_n_rows (grid));
  return seen;
}

static void
compare_all (AttDb *db)
{
  g_autoptr(GHashTable) marks = read_marks (db);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint seen;

  /* This school year to the as-of date, last school year whole, and a
   * period across the summer that reads both years. */
  g_assert_cmpuint (compare_stats (db, marks, D (2024, 9, 1), AS_OF), >, 150);
  g_assert_cmpuint (compare_stats (db, marks, D (2023, 9, 1), D (2024, 8, 31)), >, 150);
  g_assert_cmpuint (compare_stats (db, marks, D (2024, 6, 3), D (2024, 10, 18)), >, 150);

  compare_threshold (db, marks, AS_OF);
  /* In the first weeks of the year the window reaches back over the
   * summer into last year's copy. */
  compare_threshold (db, marks, D (2024, 10, 4));

  /* The week of the as-of date is marked up to Wednesday: about 200
   * pupils times 6 sessions; a whole week last year, 10 sessions. */
  seen = compare_week (db, marks, att_date_monday (AS_OF));
  g_assert_cmpuint (seen, >, 150 * 6);
  seen = compare_week (db, marks, D (2024, 1, 15));
  g_assert_cmpuint (seen, >, 150 * 10);

  g_assert_true (att_db_check (db, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_fast_paths (void)
{
  g_autoptr(Demo) demo = NULL;

  demo = demo_new ();
  compare_all (demo->db);
}

/* A check of every pupil on a connection that has not loaded the year
 * (attendance-cli threshold) reads only the window's sessions from the
 * file: the same breaches as the count from the marks, in a window of
 * this school year and in one that reaches back over the summer. */
static void
test_threshold_from_file (void)
{
  g_autoptr(Demo) demo = demo_new ();
  g_autoptr(GHashTable) marks = read_marks (demo->db);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttDb) db = att_db_open (demo->path, &error);
      AttDate as_of = i == 0 ? AS_OF : D (2024, 10, 4);

      g_assert_no_error (error);
      g_assert_false (att_register_year_loaded (db, 2023));
      g_assert_false (att_register_year_loaded (db, 2024));
      compare_threshold (db, marks, as_of);
      /* Nothing was loaded into memory for it. */
      g_assert_false (att_register_year_loaded (db, 2023));
      g_assert_false (att_register_year_loaded (db, 2024));
    }
}

static char *
query_plan (AttDb      *db,
            const char *sql)
{
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

/* The schema version before the compact register was keyed by year: the
 * migration that keys it starts from it. */
static guint
before_key_by_year (void)
{
  for (guint v = 0; v < att_db_n_migrations (); v++)
    if (strstr (att_db_migration (v), "mark_years_by_year") != NULL)
      return v;
  g_assert_not_reached ();
  return 0;
}

/* A database made before the compact register was keyed by year kept
 * each pupil's years together (the key was pupil, then year), so reading
 * one school year for the whole school scanned every year kept. Opened now, its copies are keyed by year, one
 * year is one range of the key, and every figure is as it was. */
static void
test_upgrade_keyed_by_pupil (void)
{
  g_autoptr(Demo) demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) breaches_before = NULL;
  g_autoptr(GArray) breaches_after = NULL;
  g_autofree char *plan = NULL;
  int rows;

  demo = demo_new ();
  before = att_stats_all (demo->db, D (2024, 9, 1), AS_OF, &error);
  g_assert_no_error (error);
  /* The demo's penalty notices go with their table, taken away below
   * with the later migrations: the breaches are compared without them. */
  g_assert_true (att_db_exec (demo->db, "DELETE FROM penalty_notices", &error));
  g_assert_no_error (error);
  breaches_before = att_threshold_check (demo->db, AS_OF, &error);
  g_assert_no_error (error);

  /* The table as version 3 made it. */
  g_assert_true (att_db_exec (demo->db,
                              "CREATE TABLE old_years ("
                              "  pupil_id INTEGER NOT NULL REFERENCES pupils (id),"
                              "  year     INTEGER NOT NULL,"
                              "  codes    BLOB NOT NULL,"
                              "  PRIMARY KEY (pupil_id, year)"
                              ") WITHOUT ROWID;"
                              "INSERT INTO old_years SELECT pupil_id, year, codes FROM mark_years;"
                              "DROP TABLE mark_years;"
                              "ALTER TABLE old_years RENAME TO mark_years;"
                              /* And the later migrations' tables. */
                              "DROP TABLE penalty_notices; DROP TABLE penalty_improvements;"
                              "ALTER TABLE penalty_decisions DROP COLUMN support_offered;"
                              "ALTER TABLE penalty_decisions DROP COLUMN notice_best_tool;"
                              "ALTER TABLE penalty_decisions DROP COLUMN equality;"
                              "ALTER TABLE penalty_decisions DROP COLUMN agencies;"
                              "DROP TABLE case_meetings; DROP TABLE case_support;"
                              "DROP TABLE letters;"
                              "DROP TABLE leave_reviews; DROP TABLE leave_sessions;"
                              "DROP TABLE leave_requests; DROP TABLE exam_periods;"
                              "DROP TABLE letter_templates; DROP TABLE ladder_stages;"
                              "DROP TABLE letter_holds; DROP TABLE letters_do_not_send;"
                              "DROP TABLE medical_evidence;"
                              "ALTER TABLE contacts DROP COLUMN details_checked_date;"
                              "DROP TABLE previous_attendance;"
                              "ALTER TABLE pupils DROP COLUMN leaving_destination;"
                              "DROP TABLE import_mappings;",
                              &error));
  g_assert_no_error (error);
  {
    g_autofree char *version = g_strdup_printf ("PRAGMA user_version = %u", before_key_by_year ());

    g_assert_true (att_db_exec (demo->db, version, &error));
    g_assert_no_error (error);
  }
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (demo->db),
                                         "SELECT count(*) FROM mark_years", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    rows = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    /* Some 200 pupils over two school years. */
    g_assert_cmpint (rows, >, 300);
  }
  plan = query_plan (demo->db, "EXPLAIN QUERY PLAN SELECT pupil_id, codes FROM mark_years WHERE year = 2024");
  g_test_message ("version 3: %s", plan);
  g_assert_null (strstr (plan, "(year=?)"));
  g_clear_pointer (&plan, g_free);
  g_clear_object (&demo->db);

  demo->db = att_db_open (demo->path, &error);
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (demo->db),
                                         "SELECT count(*), (SELECT user_version FROM pragma_user_version) "
                                         "FROM mark_years", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, rows);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, att_db_n_migrations ());
    sqlite3_finalize (stmt);
  }
  /* One school year is one range of the key. */
  plan = query_plan (demo->db, "EXPLAIN QUERY PLAN SELECT pupil_id, codes FROM mark_years WHERE year = 2024");
  g_test_message ("now: %s", plan);
  g_assert_nonnull (strstr (plan, "SEARCH mark_years USING PRIMARY KEY (year=?)"));

  after = att_stats_all (demo->db, D (2024, 9, 1), AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpmem (after->data, after->len * sizeof (AttFigures),
                   before->data, before->len * sizeof (AttFigures));
  breaches_after = att_threshold_check (demo->db, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches_after->len, ==, breaches_before->len);
  g_assert_cmpmem (breaches_after->data, breaches_after->len * sizeof (AttBreach),
                   breaches_before->data, breaches_before->len * sizeof (AttBreach));

  /* The check reads the pupils on roll from the index of names alone. */
  g_clear_pointer (&plan, g_free);
  plan = query_plan (demo->db, "EXPLAIN QUERY PLAN SELECT id, dob, admission_date, leaving_date "
                               "FROM pupils WHERE ?1 <= ?2 AND admission_date <= ?2 "
                               "AND (leaving_date IS NULL OR leaving_date >= ?1) ORDER BY sort_key, upn");
  g_test_message ("pupils on roll: %s", plan);
  g_assert_nonnull (strstr (plan, "COVERING INDEX pupils_by_name"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));

  /* And every fast path still agrees with the marks; `check` finds
   * nothing to mend. */
  compare_all (demo->db);

  /* A pupil at the threshold renamed by another program has no sort key
   * until the next save: the check still lists the pupils in the list's
   * order, the renamed pupil first ("Aaberg" comes before every
   * surname of the demo). */
  g_assert_cmpuint (breaches_after->len, >, 1);
  {
    gint64 renamed = g_array_index (breaches_after, AttBreach, breaches_after->len - 1).pupil_id;
    g_autofree char *sql = g_strdup_printf ("UPDATE pupils SET legal_surname = 'Aaberg', "
                                            "preferred_surname = NULL WHERE id = %" G_GINT64_FORMAT,
                                            renamed);
    g_autoptr(GArray) renamed_first = NULL;

    g_assert_true (att_db_exec (demo->db, sql, &error));
    g_assert_no_error (error);
    g_clear_object (&demo->db);
    demo->db = att_db_open (demo->path, &error);
    g_assert_no_error (error);
    renamed_first = att_threshold_check (demo->db, AS_OF, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (renamed_first->len, ==, breaches_after->len);
    g_assert_cmpint (g_array_index (renamed_first, AttBreach, 0).pupil_id, ==, renamed);
    compare_all (demo->db);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2025-03-12", TRUE);

  g_test_add_func ("/compact-register/fast-paths", test_fast_paths);
  g_test_add_func ("/compact-register/threshold-from-file", test_threshold_from_file);
  g_test_add_func ("/compact-register/upgrade-keyed-by-pupil", test_upgrade_keyed_by_pupil);
  return g_test_run ();
}
