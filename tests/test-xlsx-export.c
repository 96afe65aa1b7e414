/* test-xlsx-export.c: the workbook writer's progress, cancellation and
 * refusals (its sheets are read back by tests/cli/test_xlsx.py)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-error.h"
#include "att-test-util.h"
#include "att-xlsx-export.h"


typedef struct
{
  AttTestDb    *t;
  char         *dir;
  char         *path;
  GArray       *fractions;  /* double, as reported */
  GPtrArray    *what;
  GCancellable *cancellable;
  double        cancel_at;  /* cancels once the progress passes it; 0 never */
} Fixture;

/* The autumn term of 2024, today Friday 27 September, and 200 pupils in
 * Year 7: enough rows that the Pupils and Register sheets report their
 * progress several times. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-27", TRUE);
  f->t = att_test_db_new ();
  att_test_add_term (f->t->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *surname = g_strdup_printf ("Pupil %03u", i);

      att_test_add_pupil (f->t->db, "Test", surname, 7, D (2012, 10, 1), D (2024, 9, 2),
                          ATT_DATE_NONE);
    }
  f->dir = g_dir_make_tmp ("att-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "report.xlsx", NULL);
  f->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  f->what = g_ptr_array_new_with_free_func (g_free);
  f->cancellable = g_cancellable_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_array_unref (f->fractions);
  g_ptr_array_unref (f->what);
  g_object_unref (f->cancellable);
  att_test_db_free (f->t);
}

static void
progress (double      fraction,
          const char *what,
          gpointer    user_data)
{
  Fixture *f = user_data;

  g_array_append_val (f->fractions, fraction);
  g_ptr_array_add (f->what, g_strdup (what));
  if (f->cancel_at > 0 && fraction >= f->cancel_at)
    g_cancellable_cancel (f->cancellable);
}

static guint
n_files (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean pupils = FALSE, reg = FALSE;

  g_assert_true (att_xlsx_export_write (f->t->db, f->path, ATT_DATE_NONE, ATT_DATE_NONE,
                                        progress, f, f->cancellable, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  /* The workbook alone: the temporary it was written as is gone. */
  g_assert_cmpuint (n_files (f), ==, 1);

  /* From 0 to 1, never back; 200 rows of Pupils and of Register report
   * on the way (every 64 rows), each naming its sheet. */
  g_assert_cmpuint (f->fractions->len, >, 4);
  for (guint i = 1; i < f->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (f->fractions, double, i), >=,
                       g_array_index (f->fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (f->fractions, double, f->fractions->len - 1), ==, 1.0);
  for (guint i = 0; i < f->what->len; i++)
    {
      pupils = pupils || strcmp (g_ptr_array_index (f->what, i), "Pupils") == 0;
      reg = reg || strcmp (g_ptr_array_index (f->what, i), "Register") == 0;
    }
  g_assert_true (pupils && reg);
}

static void
test_cancel_leaves_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* A workbook of last week is there already: a cancelled export leaves
   * it as it was. */
  g_assert_true (g_file_set_contents (f->path, "last week's", -1, NULL));

  /* Cancelled half way through the pupils. */
  f->cancel_at = 0.1;
  g_assert_false (att_xlsx_export_write (f->t->db, f->path, ATT_DATE_NONE, ATT_DATE_NONE,
                                         progress, f, f->cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week's");
  g_assert_cmpuint (n_files (f), ==, 1);
  /* It stopped where it was asked to: nothing after the Pupils sheet. */
  for (guint i = 0; i < f->what->len; i++)
    g_assert_cmpstr (g_ptr_array_index (f->what, i), !=, "Register");
  g_clear_error (&error);

  /* Cancelled before it starts: nothing written either. */
  g_unlink (f->path);
  g_assert_false (att_xlsx_export_write (f->t->db, f->path, ATT_DATE_NONE, ATT_DATE_NONE,
                                         NULL, NULL, f->cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_files (f), ==, 0);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no", "report.xlsx", NULL);

  /* A period that ends before it starts, named. */
  g_assert_false (att_xlsx_export_write (f->t->db, f->path, D (2024, 9, 20), D (2024, 9, 13),
                                         NULL, NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2024-09-20"));
  g_clear_error (&error);

  /* A folder that does not exist, named. */
  g_assert_false (att_xlsx_export_write (f->t->db, missing, ATT_DATE_NONE, ATT_DATE_NONE,
                                         NULL, NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, f->dir));
  g_assert_cmpuint (n_files (f), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);

  g_test_add ("/xlsx/progress", Fixture, NULL, fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/xlsx/cancel", Fixture, NULL, fixture_set_up, test_cancel_leaves_nothing,
              fixture_tear_down);
  g_test_add ("/xlsx/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
