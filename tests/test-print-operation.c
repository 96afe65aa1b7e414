/* test-print-operation.c: documents printed through the real GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The print operation's export writes a PDF without a dialog; the test
 * reads it back with pdftotext.
 *
 * The school: the autumn term from Mon 2 September 2024, registers open
 * 08:40 to 09:00 and 13:15 to 13:30. "Today" is Fri 13 September 2024.
 * Pupils, on roll from 2 September:
 *   7A  Year 7  Amy Able, Ben Brown
 *   8C  Year 8  Hal Hart
 * Tuesday 10 September, morning: Amy /, Ben L 12 minutes, Hal I.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "att-print-operation.h"
#include "att-register-document.h"
#include "att-rollcall-document.h"
#include "att-test-util.h"

static AttTestDb *t;

static void
mark (AttUser    *user,
      gint64      pupil,
      AttCode     code,
      int         minutes_late)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { pupil, D (2024, 9, 10), ATT_SESSION_AM, code, minutes_late, NULL };

  att_register_write (t->db, user, &w, 1, NULL, ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

/* The text of the PDF at @path, a string per page. */
static GStrv
read_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) pieces = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  GStrv pages;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pieces = g_strsplit (out, "\f", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    if (pieces[i + 1] != NULL)
      g_strv_builder_add (builder, pieces[i]);
  pages = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return pages;
}

static gboolean
matches (const char *page,
         const char *pattern)
{
  return g_regex_match_simple (pattern, page, G_REGEX_MULTILINE, 0);
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_register (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) filter = att_grid_filter_new ();
  g_autoptr(AttGrid) grid = att_grid_new (t->db, filter, D (2024, 9, 9), D (2024, 9, 13), &error);
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(AttPrintOperation) operation = NULL;
  g_autofree char *path = g_build_filename (t->dir, "register.pdf", NULL);
  g_auto(GStrv) pages = NULL;

  g_assert_no_error (error);
  document = att_register_document_new (grid, "Riverside Academy",
                                        "Whole school, week beginning Mon 9 Sep 2024", NULL);

  /* The operation takes the document's paper, orientation and title. */
  operation = att_print_operation_new (document);
  g_assert_true (att_print_operation_get_document (operation) == document);
  g_assert_cmpint (gtk_page_setup_get_orientation (gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (operation))),
                   ==, GTK_PAGE_ORIENTATION_LANDSCAPE);

  /* A file others could read is made its owner's only. */
  g_assert_true (g_file_set_contents_full (path, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_true (att_print_operation_export_pdf (document, NULL, path, &error));
  g_assert_no_error (error);
  assert_private (path);

  /* Two groups, a page each: 7A (Able, Brown), then 8C (Hart). */
  pages = read_pdf (path);
  g_assert_cmpuint (g_strv_length (pages), ==, 2);
  g_assert_true (matches (pages[0], "^\\s*7A\\s+2 pupils\\s*$"));
  g_assert_true (matches (pages[0], "Able, Amy\\s+/"));
  g_assert_true (matches (pages[0], "Brown, Ben\\s+L"));
  g_assert_true (strstr (pages[0], "Page 1 of 2") != NULL);
  g_assert_true (matches (pages[1], "^\\s*8C\\s+1 pupil\\s*$"));
  g_assert_true (matches (pages[1], "Hart, Hal\\s+I"));
  g_assert_true (strstr (pages[1], "Able") == NULL);

  g_assert_finalize_object (g_steal_pointer (&operation));
}

static void
test_rollcall (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_autofree char *path = g_build_filename (t->dir, "rollcall.pdf", NULL);
  g_auto(GStrv) pages = NULL;
  AttRollCall *rollcall;

  rollcall = att_rollcall_new (t->db, D (2024, 9, 10), ATT_SESSION_AM, &error);
  g_assert_no_error (error);
  document = att_rollcall_document_new (rollcall, "Riverside Academy", NULL);

  g_assert_true (att_print_operation_export_pdf (document, NULL, path, &error));
  g_assert_no_error (error);
  assert_private (path);

  /* The summary and 7A's list; 8C has nobody on site (Hal is ill), so no
   * page: 2 pages. On roll 3, all marked, on site 2. */
  pages = read_pdf (path);
  g_assert_cmpuint (g_strv_length (pages), ==, 2);
  g_assert_true (matches (pages[0], "^\\s*Whole school\\s+3\\s+0\\s+2\\s*$"));
  g_assert_true (matches (pages[0], "^\\s*8C\\s+1\\s+0\\s+0\\s*$"));
  g_assert_true (matches (pages[1], "Brown, Ben\\s+L 12 min\\s*$"));
  g_assert_true (strstr (pages[1], "On site in 7A: 2") != NULL);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_autofree char *path = g_build_filename (t->dir, "no-such-folder", "rollcall.pdf", NULL);
  AttRollCall *rollcall;

  rollcall = att_rollcall_new (t->db, D (2024, 9, 10), ATT_SESSION_AM, &error);
  g_assert_no_error (error);
  document = att_rollcall_document_new (rollcall, NULL, NULL);

  g_assert_false (att_print_operation_export_pdf (document, NULL, path, &refused));
  g_assert_error (refused, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (refused->message, "rollcall.pdf"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) officer = NULL;
  gint64 amy, ben, hal;
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();

  t = att_test_db_new ();
  att_test_add_term (t->db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  att_school_set (t->db, att_user_system (), "am_close", "09:00", &error);
  g_assert_no_error (error);
  att_school_set (t->db, att_user_system (), "am_open", "08:40", &error);
  g_assert_no_error (error);
  officer = att_test_add_user (t->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer");

  amy = att_test_save_pupil (t->db, att_test_pupil_new ("Amy", "Able", 7, "7A", D (2013, 1, 10), D (2024, 9, 2)));
  ben = att_test_save_pupil (t->db, att_test_pupil_new ("Ben", "Brown", 7, "7A", D (2013, 2, 10), D (2024, 9, 2)));
  hal = att_test_save_pupil (t->db, att_test_pupil_new ("Hal", "Hart", 8, "8C", D (2012, 2, 10), D (2024, 9, 2)));
  mark (officer, amy, ATT_CODE_PRESENT_AM, -1);
  mark (officer, ben, ATT_CODE_L, 12);
  mark (officer, hal, ATT_CODE_I, -1);

  g_test_add_func ("/print-operation/register", test_register);
  g_test_add_func ("/print-operation/rollcall", test_rollcall);
  g_test_add_func ("/print-operation/refused", test_refused);
  result = g_test_run ();

  att_test_db_free (t);
  return result;
}
