/* test-concurrency.c: the window's core, two attendance-cli writers and a
 * reader on one database at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a bounded time ($ATTENDANCE_CONCURRENCY_SECONDS, default 20):
 *   - this process writes marks one at a time through the core, as the
 *     register page does, and polls for the others' changes every few
 *     writes, as the window does on its timer;
 *   - one attendance-cli writes marks one at a time (`mark`);
 *   - another imports them ten at a time (`marks import`);
 *   - a third reads the register and the figures (`register`, `stats`).
 * No write and no read may fail, and afterwards every write that was
 * acknowledged (the core returned TRUE, attendance-cli exited 0) is in
 * the database, which passes its check. Each writer has pupils of its
 * own, so no write changes another's.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "att-test-util.h"
#include "att-db-private.h"

#define N_PUPILS_EACH 20
#define ADMIN "Ada Admin"   /* imports are an administrator's */

typedef struct
{
  gint64   pupil_id;
  char    *upn;
  AttDate  date;
  AttSession session;
} Cell;

typedef struct
{
  const char *name;
  const char *cli;
  const char *db_path;
  const char *dir;
  GPtrArray  *cells;        /* Cell, the sessions it may write */
  guint       next;
  gint64      deadline;
  GPtrArray  *acknowledged; /* Cell, borrowed from cells */
  GString    *errors;
  guint       runs;
} Worker;

static void
cell_free (Cell *cell)
{
  g_free (cell->upn);
  g_free (cell);
}

/* Runs attendance-cli; records a failure in @worker->errors. */
static gboolean
run_cli (Worker             *worker,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *)worker->cli);
  g_ptr_array_add (argv, (char *)"--db");
  g_ptr_array_add (argv, (char *)worker->db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  worker->runs++;
  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_string_append_printf (worker->errors, "%s: attendance-cli %s: %s %s\n", worker->name,
                              args[0], error->message, err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

static gpointer
mark_writer (gpointer data)
{
  Worker *worker = data;

  while (g_get_monotonic_time () < worker->deadline && worker->next < worker->cells->len)
    {
      Cell *cell = g_ptr_array_index (worker->cells, worker->next++);
      g_autofree char *date = att_date_format (cell->date);
      const char *args[] = { "mark", cell->upn, date, cell->session == ATT_SESSION_AM ? "am" : "pm",
                             "I", "--user", ADMIN, NULL };

      if (!run_cli (worker, args))
        break;
      g_ptr_array_add (worker->acknowledged, cell);
    }
  return NULL;
}

static gpointer
import_writer (gpointer data)
{
  Worker *worker = data;
  g_autofree char *csv = g_build_filename (worker->dir, "import.csv", NULL);

  while (g_get_monotonic_time () < worker->deadline && worker->next + 10 <= worker->cells->len)
    {
      g_autoptr(GString) text = g_string_new ("upn,date,session,code\n");
      g_autoptr(GError) error = NULL;
      const char *args[] = { "marks", "import", csv, "--user", ADMIN, NULL };
      guint first = worker->next;

      for (guint i = 0; i < 10; i++)
        {
          Cell *cell = g_ptr_array_index (worker->cells, worker->next++);
          g_autofree char *date = att_date_format (cell->date);

          g_string_append_printf (text, "%s,%s,%s,I\n", cell->upn, date,
                                  cell->session == ATT_SESSION_AM ? "am" : "pm");
        }
      g_assert_true (g_file_set_contents (csv, text->str, text->len, &error));
      if (!run_cli (worker, args))
        break;
      for (guint i = first; i < worker->next; i++)
        g_ptr_array_add (worker->acknowledged, g_ptr_array_index (worker->cells, i));
    }
  return NULL;
}

static gpointer
reader (gpointer data)
{
  Worker *worker = data;
  const char *register_args[] = { "register", "all", "2024-09-16", "--days", "5", "--json", NULL };
  const char *stats_args[] = { "stats", "--json", NULL };

  while (g_get_monotonic_time () < worker->deadline)
    if (!run_cli (worker, worker->runs % 2 ? stats_args : register_args))
      break;
  return NULL;
}

static void
test_concurrency (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttDb) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) app_acknowledged = g_ptr_array_new ();
  const char *seconds_text = g_getenv ("ATTENDANCE_CONCURRENCY_SECONDS");
  const char *cli = g_getenv ("ATTENDANCE_CLI");
  guint seconds = seconds_text != NULL ? (guint)atoi (seconds_text) : 20;
  Worker workers[3] = {
    { .name = "mark writer" }, { .name = "import writer" }, { .name = "reader" },
  };
  GPtrArray *cells[3];
  GThread *threads[3];
  gint64 deadline;
  guint writes = 0;
  sqlite3_stmt *stmt;

  g_assert_nonnull (cli);
  admin = att_test_add_user (t->db, ADMIN, ATT_ROLE_ADMIN, "");
  att_test_add_term (t->db, "Autumn 1", D (2024, 9, 2), D (2024, 10, 25));

  /* Three groups of pupils: the app's, the mark writer's and the
   * importer's, each with every session of the half term (8 weeks of 5
   * days, 80 sessions), in an order of its own. */
  for (guint g = 0; g < 3; g++)
    {
      cells[g] = g_ptr_array_new_with_free_func ((GDestroyNotify)cell_free);
      for (guint p = 0; p < N_PUPILS_EACH; p++)
        {
          g_autofree char *forename = g_strdup_printf ("Pupil%u", p);
          g_autofree char *surname = g_strdup_printf ("Group%u", g);
          gint64 id = att_test_add_pupil (t->db, forename, surname, 7, D (2013, 10, 1),
                                          D (2024, 9, 2), ATT_DATE_NONE);
          AttPupil *pupil = att_pupils_get (t->db, id);

          for (AttDate date = D (2024, 9, 2); date <= D (2024, 10, 25); date++)
            {
              if (att_date_weekday (date) > 5)
                continue;
              for (int s = 0; s < 2; s++)
                {
                  Cell *cell = g_new0 (Cell, 1);

                  cell->pupil_id = id;
                  cell->upn = g_strdup (pupil->upn);
                  cell->date = date;
                  cell->session = s;
                  g_ptr_array_add (cells[g], cell);
                }
            }
        }
      for (guint i = cells[g]->len; i > 1; i--)
        {
          guint j = g_random_int_range (0, i);
          gpointer tmp = cells[g]->pdata[i - 1];

          cells[g]->pdata[i - 1] = cells[g]->pdata[j];
          cells[g]->pdata[j] = tmp;
        }
    }

  deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  for (guint w = 0; w < 3; w++)
    {
      workers[w].cli = cli;
      workers[w].db_path = t->path;
      workers[w].dir = t->dir;
      workers[w].cells = cells[w == 2 ? 0 : w + 1];
      workers[w].deadline = deadline;
      workers[w].acknowledged = g_ptr_array_new ();
      workers[w].errors = g_string_new (NULL);
    }
  threads[0] = g_thread_new ("mark-writer", mark_writer, &workers[0]);
  threads[1] = g_thread_new ("import-writer", import_writer, &workers[1]);
  threads[2] = g_thread_new ("reader", reader, &workers[2]);

  /* The window: a mark at a time, as a cell of the grid is typed, and a
   * look for the others' changes every five writes. */
  while (g_get_monotonic_time () < deadline && writes < cells[0]->len)
    {
      Cell *cell = g_ptr_array_index (cells[0], writes++);
      AttMarkWrite write = { cell->pupil_id, cell->date, cell->session, ATT_CODE_M, -1, NULL };

      if (!att_register_write (t->db, admin, &write, 1, NULL, ATT_WRITE_DEFAULT, &error))
        break;
      g_ptr_array_add (app_acknowledged, cell);
      if (writes % 5 == 0)
        att_db_poll (t->db);
      g_usleep (2000);
    }

  for (guint w = 0; w < 3; w++)
    g_thread_join (threads[w]);
  g_assert_no_error (error);
  for (guint w = 0; w < 3; w++)
    {
      g_test_message ("%s: %u runs, %u writes acknowledged", workers[w].name, workers[w].runs,
                      workers[w].acknowledged->len);
      g_assert_cmpstr (workers[w].errors->str, ==, "");
    }
  g_test_message ("the window: %u writes acknowledged", app_acknowledged->len);

  /* Every one took part: at least a few writes of each writer and reads. */
  g_assert_cmpuint (app_acknowledged->len, >=, 20);
  g_assert_cmpuint (workers[0].acknowledged->len, >=, 10);
  g_assert_cmpuint (workers[1].acknowledged->len, >=, 10);
  g_assert_cmpuint (workers[2].runs, >=, 5);

  /* Read afresh on a connection of its own: no acknowledged write lost. */
  fresh = att_db_open (t->path, &error);
  g_assert_no_error (error);
  stmt = att_db_prepare (fresh, "SELECT code FROM marks WHERE pupil_id = ? AND date = ? AND session = ?",
                         &error);
  g_assert_no_error (error);
  for (guint w = 0; w < 3; w++)
    {
      GPtrArray *acked = w == 0 ? app_acknowledged : workers[w - 1].acknowledged;

      for (guint i = 0; i < acked->len; i++)
        {
          Cell *cell = g_ptr_array_index (acked, i);

          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, cell->pupil_id);
          sqlite3_bind_int (stmt, 2, cell->date);
          sqlite3_bind_int (stmt, 3, cell->session);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, w == 0 ? "M" : "I");
        }
    }
  sqlite3_reset (stmt);
  g_assert_true (att_db_check (fresh, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* And the window's own connection, having polled, reads the same. */
  att_db_poll (t->db);
  for (guint i = 0; i < workers[0].acknowledged->len; i++)
    {
      Cell *cell = g_ptr_array_index (workers[0].acknowledged, i);

      g_assert_cmpint (att_register_code (t->db, cell->pupil_id, cell->date, cell->session), ==,
                       ATT_CODE_I);
    }

  for (guint w = 0; w < 3; w++)
    {
      g_ptr_array_unref (workers[w].acknowledged);
      g_string_free (workers[w].errors, TRUE);
      g_ptr_array_unref (cells[w]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-12-20", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/concurrency/window-two-writers-and-a-reader", test_concurrency);

  return g_test_run ();
}
