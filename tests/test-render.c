/* test-render.c: printed documents, written to PDF and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test writes a real PDF and reads its text back with
 * `pdftotext -layout`, one string per page.
 *
 * The school: the autumn term from Mon 2 September 2024, an INSET day on
 * Fri 13 September, registers open 08:40 to 09:00 and 13:15 to 13:30.
 * "Today" is Fri 20 September 2024. Pupils, all on roll from 2 September:
 *   RA  Reception  Eve Early, Finn Fox
 *   7A  Year 7     Amy Able, Ben Brown, and a pupil whose names are far
 *                  longer than the name column (surname
 *                  Featherstonehaugh-Cholmondeley-Marjoribanks)
 *   7B  Year 7     32 pupils, Pupil01 Bee to Pupil32 Bee
 *   8C  Year 8     Hal Hart
 * 38 pupils in all. Marks of the week of 9 September:
 *   Amy:  Mon / \, Tue L \, Wed AM N
 *   Wed 11 September AM: Eve /, Ben L 12 minutes, the long name /,
 *   Pupil01 and Pupil02 I, Pupil03 to Pupil32 /, Hal U 25 minutes; Finn
 *   has no mark.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "att-register-document.h"
#include "att-call-log-document.h"
#include "att-chronology-document.h"
#include "att-rollcall-document.h"
#include "att-sar-document.h"
#include "att-test-util.h"

#define LONG_SURNAME  "Featherstonehaugh-Cholmondeley-Marjoribanks"
#define LONG_FORENAME "Bartholomew-Maximilian-Alexander"

typedef struct
{
  AttTestDb *t;
  AttUser   *officer;
  gint64     amy, ben, eve, hal, longname;
  gint64     bees[32];
} Fixture;

static gint64
add_pupil (Fixture    *f,
           const char *forename,
           const char *surname,
           int         year,
           const char *group)
{
  return att_test_save_pupil (f->t->db,
                              att_test_pupil_new (forename, surname, year, group,
                                                  D (2020 - year, 1, 10), D (2024, 9, 2)));
}

static void
mark (Fixture    *f,
      gint64      pupil,
      AttDate     date,
      AttSession  session,
      AttCode     code,
      int         minutes_late)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { pupil, date, session, code, minutes_late, NULL };

  att_register_write (f->t->db, f->officer, &w, 1, NULL, ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttDate wed = D (2024, 9, 11);
  AttDb *db;

  f->t = att_test_db_new ();
  db = f->t->db;

  att_test_add_autumn_2024 (db);
  att_school_set (db, att_user_system (), "name", "Riverside Academy", &error);
  g_assert_no_error (error);

  f->officer = att_test_add_user (db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer");

  f->eve = add_pupil (f, "Eve", "Early", 0, "RA");
  add_pupil (f, "Finn", "Fox", 0, "RA");
  f->amy = add_pupil (f, "Amy", "Able", 7, "7A");
  f->ben = add_pupil (f, "Ben", "Brown", 7, "7A");
  f->longname = add_pupil (f, LONG_FORENAME, LONG_SURNAME, 7, "7A");
  for (guint i = 0; i < G_N_ELEMENTS (f->bees); i++)
    {
      g_autofree char *forename = g_strdup_printf ("Pupil%02u", i + 1);
      f->bees[i] = add_pupil (f, forename, "Bee", 7, "7B");
    }
  f->hal = add_pupil (f, "Hal", "Hart", 8, "8C");

  mark (f, f->amy, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1);
  mark (f, f->amy, D (2024, 9, 9), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, -1);
  mark (f, f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_L, 5);
  mark (f, f->amy, D (2024, 9, 10), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, -1);
  mark (f, f->amy, wed, ATT_SESSION_AM, ATT_CODE_N, -1);

  mark (f, f->eve, wed, ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1);
  mark (f, f->ben, wed, ATT_SESSION_AM, ATT_CODE_L, 12);
  mark (f, f->longname, wed, ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1);
  for (guint i = 0; i < G_N_ELEMENTS (f->bees); i++)
    mark (f, f->bees[i], wed, ATT_SESSION_AM, i < 2 ? ATT_CODE_I : ATT_CODE_PRESENT_AM, -1);
  mark (f, f->hal, wed, ATT_SESSION_AM, ATT_CODE_U, 25);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->officer);
  att_test_db_free (f->t);
}

/* Writes @document to a PDF in the test's folder and returns its text, a
 * string per page (pdftotext ends each page with a form feed). */
static GStrv
write_and_read (Fixture     *f,
                AttDocument *document,
                const char  *name,
                guint       *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->t->dir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) pages = NULL;
  GStrvBuilder *builder;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  GStatBuf st;
  int status = 0;

  g_assert_true (att_document_write_pdf (document, path, n_pages, &error));
  g_assert_no_error (error);

  /* The file names pupils: its owner alone may read it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pages = g_strsplit (out, "\f", -1);
  builder = g_strv_builder_new ();
  /* The text ends with a form feed: the last piece is empty. */
  for (guint i = 0; pages[i] != NULL; i++)
    if (pages[i + 1] != NULL || *g_strstrip (pages[i]) != '\0')
      g_strv_builder_add (builder, pages[i]);
  {
    GStrv result = g_strv_builder_end (builder);
    g_strv_builder_unref (builder);
    g_assert_cmpuint (g_strv_length (result), ==, *n_pages);
    return result;
  }
}

/* The left or right edge, in points, of the words holding @text on the
 * first page of @name: the leftmost left edge, or the rightmost right. */
static double
word_edge (Fixture    *f,
           const char *name,
           const char *text,
           gboolean    right)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->t->dir, name, NULL);
  g_autofree char *out = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  const char *argv[] = { "pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-", NULL };
  double edge = right ? -1 : G_MAXDOUBLE;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);

  regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\"[^>]*>([^<]*)</word>",
                       0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (regex, out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *word = g_match_info_fetch (match, 3);

      if (strstr (word, text) != NULL)
        {
          g_autofree char *number = g_match_info_fetch (match, right ? 2 : 1);
          double value = g_ascii_strtod (number, NULL);

          edge = right ? MAX (edge, value) : MIN (edge, value);
        }
      g_match_info_next (match, NULL);
    }
  g_assert_cmpfloat (edge, >=, 0);
  g_assert_cmpfloat (edge, <, G_MAXDOUBLE);
  return edge;
}

static double
word_left (Fixture    *f,
           const char *name,
           const char *text)
{
  return word_edge (f, name, text, FALSE);
}

static double
word_right (Fixture    *f,
            const char *name,
            const char *text)
{
  return word_edge (f, name, text, TRUE);
}

static gboolean
contains (const char *page,
          const char *text)
{
  return strstr (page, text) != NULL;
}

static gboolean
matches (const char *page,
         const char *pattern)
{
  return g_regex_match_simple (pattern, page, G_REGEX_MULTILINE, 0);
}

static AttDocument *
register_document (Fixture       *f,
                   AttGridFilter *filter,
                   const char    *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGrid) grid = att_grid_new (f->t->db, filter, D (2024, 9, 9), D (2024, 9, 13), &error);

  g_assert_no_error (error);
  return att_register_document_new (grid, "Riverside Academy", title, "Printed by Olive Officer");
}

static void
test_register_class (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group ("7A");
  g_autoptr(AttDocument) document = register_document (f, filter, "7A, week beginning Mon 9 Sep 2024");
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  g_assert_cmpint (att_document_get_orientation (document), ==, ATT_PAGE_LANDSCAPE);
  g_assert_cmpstr (att_document_get_title (document), ==, "7A, week beginning Mon 9 Sep 2024");

  pages = write_and_read (f, document, "7a.pdf", &n_pages);
  /* Three pupils: one page. */
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_true (contains (pages[0], "Riverside Academy"));
  g_assert_true (contains (pages[0], "7A, week beginning Mon 9 Sep 2024"));
  g_assert_true (contains (pages[0], "Page 1 of 1"));
  g_assert_true (matches (pages[0], "^\\s*7A\\s+3 pupils\\s*$"));
  g_assert_true (contains (pages[0], "Printed by Olive Officer"));

  /* Amy's week: Mon / \, Tue L \, Wed AM N, Wed PM and Thu blank, Fri
   * the INSET day (#). Year to date (as of Fri 13 September): 5 marked
   * sessions, 4 present (/ \ L \), 80.0%; 1 unauthorised (N). */
  g_assert_true (matches (pages[0], "Able, Amy\\s+/\\s+\\\\\\s+L\\s+\\\\\\s+N\\s+#\\s+#\\s+80\\.0\\s+1\\s*$"));
  g_assert_true (matches (pages[0], "Brown, Ben\\s+L\\s+#\\s+#\\s+100\\.0\\s+0\\s*$"));

  /* The long name is cut short with an ellipsis inside its column. The
   * PDF keeps the whole name as the text behind the ellipsis, so the text
   * has it all; where it is drawn shows the cut: at 8 points its 77
   * characters would take some 350 points and run over the first
   * session's column, which starts about 294 points from the edge of the
   * paper. */
  g_assert_true (contains (pages[0], LONG_SURNAME ", " LONG_FORENAME));
  g_assert_cmpfloat (word_right (f, "7a.pdf", "Featherstonehaugh"), <, word_left (f, "7a.pdf", "AM"));
  /* Other groups are not on the page. */
  g_assert_false (contains (pages[0], "Bee"));
  g_assert_false (contains (pages[0], "Early"));
}

static void
test_register_whole_school (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new ();
  g_autoptr(AttDocument) document = register_document (f, filter, "Whole school, week beginning Mon 9 Sep 2024");
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  pages = write_and_read (f, document, "school.pdf", &n_pages);

  /* Every group starts a page, in year order: RA (2 pupils), 7A (3), 7B
   * (32: a page holds 30 rows, so 30 then 2), 8C (1): 5 pages. */
  g_assert_cmpuint (n_pages, ==, 5);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *page_text = g_strdup_printf ("Page %u of 5", i + 1);
      g_assert_true (contains (pages[i], page_text));
      g_assert_true (contains (pages[i], "Whole school, week beginning Mon 9 Sep 2024"));
    }

  g_assert_true (matches (pages[0], "^\\s*RA\\s+2 pupils\\s*$"));
  g_assert_true (contains (pages[0], "Early, Eve"));
  g_assert_true (contains (pages[0], "Fox, Finn"));
  g_assert_false (contains (pages[0], "Able"));

  g_assert_true (matches (pages[1], "^\\s*7A\\s+3 pupils\\s*$"));
  g_assert_true (contains (pages[1], "Able, Amy"));
  g_assert_true (contains (pages[1], "Brown, Ben"));
  g_assert_false (contains (pages[1], "Bee"));

  g_assert_true (matches (pages[2], "^\\s*7B\\s+32 pupils\\s*$"));
  g_assert_true (contains (pages[2], "Bee, Pupil01"));
  g_assert_true (contains (pages[2], "Bee, Pupil30"));
  g_assert_false (contains (pages[2], "Bee, Pupil31"));
  g_assert_true (matches (pages[3], "^\\s*7B \\(continued\\)\\s+32 pupils\\s*$"));
  g_assert_true (contains (pages[3], "Bee, Pupil31"));
  g_assert_true (contains (pages[3], "Bee, Pupil32"));
  g_assert_false (contains (pages[3], "Bee, Pupil30"));
  /* Pupil01 was ill on Wednesday morning: I. */
  g_assert_true (matches (pages[2], "Bee, Pupil01\\s+I\\s+#\\s+#"));

  g_assert_true (matches (pages[4], "^\\s*8C\\s+1 pupil\\s*$"));
  g_assert_true (matches (pages[4], "Hart, Hal\\s+U\\s+#\\s+#"));
  g_assert_false (contains (pages[4], "Bee"));
}

static void
test_register_year (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_year (7);
  g_autoptr(AttDocument) document = register_document (f, filter, "Year 7");
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  /* Year 7: 7A (1 page) and 7B (2 pages). */
  pages = write_and_read (f, document, "year7.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_true (matches (pages[0], "^\\s*7A\\s+3 pupils\\s*$"));
  g_assert_true (matches (pages[1], "^\\s*7B\\s+32 pupils\\s*$"));
  g_assert_true (matches (pages[2], "^\\s*7B \\(continued\\)"));
  g_assert_true (contains (pages[2], "Page 3 of 3"));
}

static void
test_register_empty (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group ("9Z");
  g_autoptr(AttDocument) document = register_document (f, filter, "9Z");
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  /* Nobody: still one page, which says so. */
  pages = write_and_read (f, document, "empty.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_true (contains (pages[0], "No pupils on roll in these sessions."));
}

static AttDocument *
rollcall_document (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AttRollCall *rollcall = att_rollcall_new (f->t->db, D (2024, 9, 11), ATT_SESSION_AM, &error);

  g_assert_no_error (error);
  return att_rollcall_document_new (rollcall, "Riverside Academy", "Printed by Olive Officer");
}

static void
test_rollcall (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AttDocument) document = rollcall_document (f);
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  g_assert_cmpint (att_document_get_orientation (document), ==, ATT_PAGE_PORTRAIT);
  g_assert_cmpstr (att_document_get_title (document), ==, "Roll call, Wed 11 Sep 2024, morning");

  pages = write_and_read (f, document, "rollcall.pdf", &n_pages);
  /* The summary, then a page for each group with anyone on site: RA, 7A,
   * 7B, 8C: 5 pages. */
  g_assert_cmpuint (n_pages, ==, 5);
  g_assert_true (contains (pages[4], "Page 5 of 5"));

  /* The summary: on roll, not marked, on site.
   *   RA  2 1 1    (Eve /; Finn not marked)
   *   7A  3 0 2    (Amy N is not on site; Ben L, the long name /)
   *   7B 32 0 30   (Pupil01 and Pupil02 ill)
   *   8C  1 0 1    (Hal U: late after the register closed, on site)
   *   Whole school 38 1 34 */
  g_assert_true (contains (pages[0], "Roll call, Wed 11 Sep 2024, morning"));
  g_assert_true (matches (pages[0], "^\\s*Summary\\s+On site: 34\\s*$"));
  g_assert_true (matches (pages[0], "^\\s*RA\\s+2\\s+1\\s+1\\s*$"));
  g_assert_true (matches (pages[0], "^\\s*7A\\s+3\\s+0\\s+2\\s*$"));
  g_assert_true (matches (pages[0], "^\\s*7B\\s+32\\s+0\\s+30\\s*$"));
  g_assert_true (matches (pages[0], "^\\s*8C\\s+1\\s+0\\s+1\\s*$"));
  g_assert_true (matches (pages[0], "^\\s*Whole school\\s+38\\s+1\\s+34\\s*$"));
  g_assert_true (contains (pages[0], "1 pupil on roll has no mark for this session"));

  g_assert_true (matches (pages[1], "^\\s*RA\\s+On site: 1\\s*$"));
  g_assert_true (matches (pages[1], "Early, Eve\\s+/\\s*$"));
  g_assert_false (contains (pages[1], "Fox"));
  g_assert_true (contains (pages[1], "On site in RA: 1"));

  g_assert_true (matches (pages[2], "^\\s*7A\\s+On site: 2\\s*$"));
  g_assert_true (matches (pages[2], "Brown, Ben\\s+L 12 min\\s*$"));
  g_assert_true (contains (pages[2], LONG_SURNAME ", " LONG_FORENAME));
  g_assert_false (contains (pages[2], "Able"));
  g_assert_true (contains (pages[2], "On site in 7A: 2"));

  g_assert_true (matches (pages[3], "^\\s*7B\\s+On site: 30\\s*$"));
  g_assert_false (contains (pages[3], "Pupil01"));
  g_assert_false (contains (pages[3], "Pupil02"));
  g_assert_true (matches (pages[3], "Bee, Pupil03\\s+/\\s*$"));
  g_assert_true (contains (pages[3], "Bee, Pupil32"));
  g_assert_true (contains (pages[3], "On site in 7B: 30"));

  g_assert_true (matches (pages[4], "Hart, Hal\\s+U 25 min\\s*$"));
  g_assert_true (contains (pages[4], "On site in 8C: 1"));
}

static void
test_rollcall_pages (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AttDocument) document = rollcall_document (f);

  /* A short page: 270 points less the heading (56), the column headings
   * (18) and the footer (36) leaves 160, 10 rows of 16. The summary's 4
   * groups and total fit one page; RA, 7A and 8C one each; 7B's 30 pupils
   * and its total take 10, 10, 9 and then 1 with the total: 4 pages. */
  g_assert_cmpuint (att_document_count_pages (document, 500, 270), ==, 1 + 1 + 1 + 4 + 1);
  /* Full A4 less the margins holds 42 rows: 5 pages. */
  g_assert_cmpuint (att_document_count_pages (document, 539.28, 785.89), ==, 5);
}

static void
test_write_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDocument) document = rollcall_document (f);
  g_autofree char *path = g_build_filename (f->t->dir, "no-such-folder", "rollcall.pdf", NULL);
  g_autofree char *existing = g_build_filename (f->t->dir, "kept.pdf", NULL);
  g_autofree char *contents = NULL;

  g_assert_false (att_document_write_pdf (document, path, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rollcall.pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Writing over a file others could read leaves one only its owner can. */
  g_assert_true (g_file_set_contents_full (existing, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  {
    GStatBuf st;
    guint n_pages = 0;

    g_assert_true (att_document_write_pdf (document, existing, &n_pages, NULL));
    g_assert_cmpuint (n_pages, ==, 5);
    g_assert_cmpint (g_stat (existing, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }
}

/* Everything held about Amy: her details, no contacts, her five marks of
 * the week of 9 September and their five entries, no decisions, and her
 * addition in the audit log. */
static void
test_sar (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *title = NULL;
  g_autofree char *all = NULL;
  AttSar *sar;
  guint n_pages = 0;

  sar = att_sar_collect (f->t->db, f->officer, f->amy, &error);
  g_assert_no_error (error);
  document = att_sar_document_new (sar);
  title = g_strdup_printf ("Subject access: Amy Able (UPN %s)", att_pupils_get (f->t->db, f->amy)->upn);
  g_assert_cmpint (att_document_get_orientation (document), ==, ATT_PAGE_LANDSCAPE);
  g_assert_cmpstr (att_document_get_title (document), ==, title);

  pages = write_and_read (f, document, "sar.pdf", &n_pages);
  all = g_strjoinv ("\n", pages);
  g_assert_true (contains (pages[0], title));
  g_assert_true (contains (pages[0], "Riverside Academy"));
  g_assert_true (matches (pages[0], "^\\s*Legal surname\\s+Able\\s*$"));
  g_assert_true (matches (pages[0], "^\\s*Free school meals\\s+No\\s*$"));
  g_assert_true (matches (all, "^\\s*Contacts \\(0\\)\\s*$"));
  g_assert_true (contains (all, "Nothing is held."));
  g_assert_true (matches (all, "^\\s*Marks \\(5\\)\\s*$"));
  /* Tuesday's late mark, with its minutes. */
  g_assert_true (matches (all, "^\\s*2024-09-10\\s+am\\s+L\\s+5\\s+0\\s*$"));
  g_assert_true (matches (all, "^\\s*Every entry and amendment of the register \\(5\\)\\s*$"));
  g_assert_true (matches (all, "^\\s*Changes to these records \\(the audit log\\) \\(1\\)\\s*$"));
  /* The record added, one field a line rather than JSON. */
  g_assert_true (contains (all, "legal_surname: Able"));
  g_assert_false (contains (all, "\"legal_surname\""));
  g_assert_true (contains (pages[n_pages - 1], "Made by Olive Officer"));
}

/* A long record wraps rather than being cut, and a table that runs over
 * pages repeats its column headings. */
static void
test_sar_pages (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_auto(GStrv) pages = NULL;
  AttSarSection *marks = NULL;
  AttSar *sar;
  guint n_pages = 0, with_headings = 0, with_marks = 0;

  sar = att_sar_collect (f->t->db, f->officer, f->amy, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sar->sections->len; i++)
    if (g_str_equal (((AttSarSection *)sar->sections->pdata[i])->key, "marks"))
      marks = sar->sections->pdata[i];
  g_assert_nonnull (marks);
  /* 300 copies of Monday's mark, the last with a comment far wider than
   * its column. */
  for (guint i = 0; i < 300; i++)
    {
      GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);
      GPtrArray *first = g_ptr_array_index (marks->records, 0);

      for (guint c = 0; c < first->len; c++)
        g_ptr_array_add (copy, g_strdup (g_ptr_array_index (first, c)));
      if (i == 299)
        {
          g_free (copy->pdata[4]);
          copy->pdata[4] = g_strdup ("Arrived with her grandmother after a hospital appointment that "
                                     "ran late; the letter from the clinic is kept in the office file "
                                     "and a copy was sent home with her. lastword");
        }
      g_ptr_array_add (marks->records, copy);
    }
  document = att_sar_document_new (sar);
  pages = write_and_read (f, document, "sar-long.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >, 5);
  for (guint p = 0; p < n_pages; p++)
    {
      if (matches (pages[p], "^\\s*2024-09-09\\s+am\\s+/\\s+0\\s*$"))
        {
          with_marks++;
          with_headings += matches (pages[p], "^\\s*Date\\s+Session\\s+Code\\s+Minutes");
        }
    }
  /* Every page showing marks shows what the columns are. */
  g_assert_cmpuint (with_marks, >, 4);
  g_assert_cmpuint (with_headings, ==, with_marks);
  {
    g_autofree char *all = g_strjoinv ("\n", pages);

    g_assert_true (contains (all, "lastword"));
    g_assert_true (contains (all, "Arrived with her grandmother"));
  }
}

/* The day's call log: Amy's mother rang at 08:30 (BST) on Wed 11 Sep
 * about her illness; the long name's father was called at 09:40 and
 * gave no reason. One landscape page, a row a call, by time. */
static void
test_call_log (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(AttDocument) late = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) late_pages = NULL;
  AttDate wed = D (2024, 9, 11);
  guint n_pages = 0;
  struct { gint64 pupil; const char *caller; AttCallDirection direction; AttCallReason reason;
           const char *note; gint64 at; } logged[] = {
    /* 2024-09-11 07:30 UTC is 08:30 in London. */
    { f->amy, "Mrs Able", ATT_CALL_IN, ATT_CALL_REASON_ILLNESS, "Temperature", 1726039800 },
    { f->longname, "Mr " LONG_SURNAME, ATT_CALL_OUT, ATT_CALL_REASON_NO_REASON, NULL, 1726039800 + 70 * 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (logged); i++)
    {
      AttCallRequest r = { 0 };

      r.pupil_ids = &logged[i].pupil;
      r.n_pupils = 1;
      r.date = wed;
      r.clock = -1;
      r.at = logged[i].at;
      r.caller = logged[i].caller;
      r.channel = ATT_CALL_CHANNEL_PHONE;
      r.direction = logged[i].direction;
      r.reason = logged[i].reason;
      r.note = logged[i].note;
      r.cover = ATT_CALL_COVER_NONE;
      g_assert_true (att_calls_log (f->t->db, f->officer, &r, NULL, &error));
      g_assert_no_error (error);
    }

  calls = att_calls_list (f->t->db, wed, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 2);
  document = att_call_log_document_new (f->t->db, wed, calls, "Riverside Academy",
                                        "Printed by Olive Officer");
  g_assert_cmpint (att_document_get_orientation (document), ==, ATT_PAGE_LANDSCAPE);
  g_assert_cmpstr (att_document_get_title (document), ==, "Call log, Wed 11 Sep 2024");

  pages = write_and_read (f, document, "calls.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_true (contains (pages[0], "Riverside Academy"));
  g_assert_true (contains (pages[0], "Call log, Wed 11 Sep 2024"));
  g_assert_true (matches (pages[0], "^\\s*Time\\s+Pupil\\s+Group\\s+Caller\\s+Channel\\s+Reason and outcome\\s+Taken by"));
  g_assert_true (matches (pages[0], "^\\s*08:30\\s+Amy Able\\s+7A\\s+Mrs Able\\s+Phone\\s+Illness: Temperature\\s+Olive Officer"));
  /* A call the school made says so. (The long name is ellipsized in its
   * column; pdftotext reads the whole of an ellipsized cluster back.) */
  g_assert_true (matches (pages[0], "^\\s*09:40\\s+" LONG_FORENAME " " LONG_SURNAME "\\s+7A\\s+Mr "
                          LONG_SURNAME " \\(called by the school\\)\\s+Phone\\s+No reason given"));
  g_assert_true (contains (pages[0], "Printed by Olive Officer"));

  /* An empty late book still prints its page, which says so. */
  entries = att_latebook_list (f->t->db, wed, &error);
  g_assert_no_error (error);
  late = att_late_book_document_new (f->t->db, wed, entries, "Riverside Academy", NULL);
  late_pages = write_and_read (f, late, "late.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_true (contains (late_pages[0], "Late arrivals and signing out, Wed 11 Sep 2024"));
  g_assert_true (contains (late_pages[0], "Nothing to list."));
}


/* The chronology: one row per entry, its detail wrapped under its title,
 * never cut; a long chronology goes on with its headings on every page. */
static void
test_chronology (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_event_free);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_event_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_event_free);
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(AttDocument) long_document = NULL;
  g_autoptr(AttDocument) empty = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) long_pages = NULL;
  g_auto(GStrv) empty_pages = NULL;
  guint n_pages = 0;

  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 3), 9 * 60 + 10, ATT_CASE_EVENT_CALL,
                                               "Call from Mrs Able: Illness", "How: Telephone",
                                               "Olive Officer", 1));
  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 10), 15 * 60 + 30, ATT_CASE_EVENT_MEETING,
                                               "Meeting held: Attendance contract",
                                               "Attended: Mrs Able, Amy\nAgreed actions: a mentor meets Amy "
                                               "at the gate every morning at 08:40 and walks with her to "
                                               "her form room, where her tutor checks in with her before "
                                               "registration closes; the family makes sure she is in bed "
                                               "by nine on school nights\nTarget: 8 sessions a week",
                                               "Olive Officer", 2));
  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 11), -1, ATT_CASE_EVENT_SUPPORT,
                                               "Agency involved: School nurse", "Headaches", "Olive Officer", 3));
  document = att_chronology_document_new (events, "Riverside Academy", "Amy Able", "A123", D (2024, 9, 1),
                                          D (2024, 9, 20));
  g_assert_cmpint (att_document_get_orientation (document), ==, ATT_PAGE_PORTRAIT);
  g_assert_cmpstr (att_document_get_title (document), ==, "Chronology: Amy Able (UPN A123)");
  pages = write_and_read (f, document, "chronology.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_true (contains (pages[0], "Chronology: Amy Able (UPN A123)"));
  g_assert_true (contains (pages[0], "Riverside Academy: from Sun 1 Sep 2024 to Fri 20 Sep 2024"));
  g_assert_true (matches (pages[0], "^\\s*Date\\s+Time\\s+Kind\\s+What happened\\s+By"));
  g_assert_true (matches (pages[0], "^\\s*Tue 3 Sep 2024\\s+09:10\\s+Call\\s+Call from Mrs Able: Illness\\s+Olive Officer"));
  g_assert_true (matches (pages[0], "^\\s*Tue 10 Sep 2024\\s+15:30\\s+Meeting\\s+Meeting held: Attendance contract"));
  g_assert_true (matches (pages[0], "^\\s*Wed 11 Sep 2024\\s+Support\\s+Agency involved: School nurse"));
  /* The long detail is wrapped, whole: its last words are there. */
  g_assert_true (contains (pages[0], "by nine on school nights"));
  g_assert_true (contains (pages[0], "Target: 8 sessions a week"));
  g_assert_true (contains (pages[0], "Printed on Fri 20 Sep 2024; 3 entries"));

  /* 120 entries with two lines of detail each: more than a page; every
   * page has the headings, and the last entry is on the last page. */
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("Letter number %03u", i + 1);

      g_ptr_array_add (many, att_case_event_new (D (2024, 9, 2) + i / 5, 9 * 60, ATT_CASE_EVENT_LETTER, title,
                                                 "To: Mrs Able (First-class post)\nSent: not yet", "Olive Officer",
                                                 i + 1));
    }
  long_document = att_chronology_document_new (many, NULL, "Amy Able", "A123", ATT_DATE_NONE, ATT_DATE_NONE);
  long_pages = write_and_read (f, long_document, "chronology-long.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >, 1);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n_pages);

      g_assert_true (matches (long_pages[p], "^\\s*Date\\s+Time\\s+Kind\\s+What happened\\s+By"));
      g_assert_true (contains (long_pages[p], number));
    }
  g_assert_true (contains (long_pages[0], "every record"));
  g_assert_true (contains (long_pages[0], "Letter number 001"));
  g_assert_true (contains (long_pages[n_pages - 1], "Letter number 120"));

  empty = att_chronology_document_new (none, NULL, "Amy Able", "A123", ATT_DATE_NONE, ATT_DATE_NONE);
  empty_pages = write_and_read (f, empty, "chronology-empty.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_true (contains (empty_pages[0], "Nothing is recorded about this case"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/render/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("register/class", test_register_class);
  ADD ("register/whole-school", test_register_whole_school);
  ADD ("register/year", test_register_year);
  ADD ("register/empty", test_register_empty);
  ADD ("rollcall/pdf", test_rollcall);
  ADD ("rollcall/pages", test_rollcall_pages);
  ADD ("write-refused", test_write_refused);
  ADD ("sar/pdf", test_sar);
  ADD ("sar/pages", test_sar_pages);
  ADD ("call-log", test_call_log);
  ADD ("chronology", test_chronology);
#undef ADD

  return g_test_run ();
}
