/* test-csv.c: the CSV reader and writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "att-csv-private.h"
#include "att-test-util.h"

static const char *
cell (AttCsv *csv,
      guint   row,
      guint   column)
{
  GPtrArray *fields = g_ptr_array_index (csv->rows, row);

  g_assert_cmpuint (column, <, fields->len);
  return g_ptr_array_index (fields, column);
}

static guint
line (AttCsv *csv,
      guint   row)
{
  return g_array_index (csv->row_lines, guint, row);
}

static AttCsv *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  AttCsv *csv = att_csv_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static void
test_csv_simple (void)
{
  g_autoptr(AttCsv) csv = parse ("upn,surname\nA123,Khan\nB456,Smith");

  g_assert_cmpuint (csv->headers->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (csv->headers, 0), ==, "upn");
  g_assert_cmpstr (g_ptr_array_index (csv->headers, 1), ==, "surname");
  g_assert_cmpuint (csv->rows->len, ==, 2);
  g_assert_cmpstr (cell (csv, 0, 0), ==, "A123");
  g_assert_cmpstr (cell (csv, 0, 1), ==, "Khan");
  /* The last row has no line break after it and is still read whole. */
  g_assert_cmpstr (cell (csv, 1, 1), ==, "Smith");
  g_assert_cmpuint (line (csv, 0), ==, 2);
  g_assert_cmpuint (line (csv, 1), ==, 3);
}

static void
test_csv_headers (void)
{
  g_autoptr(AttCsv) csv = parse (" UPN ,Date-Of-Birth,Reg Group,PREFERRED_forename\n1,2,3,4\n");

  g_assert_cmpstr (g_ptr_array_index (csv->headers, 0), ==, "upn");
  g_assert_cmpstr (g_ptr_array_index (csv->headers, 1), ==, "date_of_birth");
  g_assert_cmpstr (g_ptr_array_index (csv->headers, 2), ==, "reg_group");
  g_assert_cmpstr (g_ptr_array_index (csv->headers, 3), ==, "preferred_forename");

  /* Lookups are normalised the same way. */
  g_assert_cmpint (att_csv_column (csv, "upn"), ==, 0);
  g_assert_cmpint (att_csv_column (csv, "Date of birth"), ==, 1);
  g_assert_cmpint (att_csv_column (csv, "reg-group"), ==, 2);
  g_assert_cmpint (att_csv_column (csv, "dob"), ==, -1);
}

static void
test_csv_quotes (void)
{
  /* A BOM, a comma inside quotes, doubled quotes, a line break inside
   * quotes (LF in one value, CRLF in another) and CRLF line ends. */
  const char *text =
    "\xEF\xBB\xBF" "name,note,town\r\n"
    "\"Khan, Amina\",\"She said \"\"hello\"\"\",Leeds\r\n"
    "\"O'Brien\",\"first line\nsecond line\",\"York\"\r\n"
    "Smith,\"a\r\nb\",\r\n"
    "Jones,\"\",Hull\r\n";
  g_autoptr(AttCsv) csv = parse (text);

  g_assert_cmpstr (g_ptr_array_index (csv->headers, 0), ==, "name");
  g_assert_cmpuint (csv->rows->len, ==, 4);
  g_assert_cmpstr (cell (csv, 0, 0), ==, "Khan, Amina");
  g_assert_cmpstr (cell (csv, 0, 1), ==, "She said \"hello\"");
  g_assert_cmpstr (cell (csv, 0, 2), ==, "Leeds");
  g_assert_cmpstr (cell (csv, 1, 0), ==, "O'Brien");
  g_assert_cmpstr (cell (csv, 1, 1), ==, "first line\nsecond line");
  g_assert_cmpstr (cell (csv, 1, 2), ==, "York");
  /* CRLF inside a value is kept as LF. */
  g_assert_cmpstr (cell (csv, 2, 1), ==, "a\nb");
  g_assert_cmpstr (cell (csv, 2, 2), ==, "");
  g_assert_cmpstr (cell (csv, 3, 1), ==, "");

  /* A value with a line break is one row, as a spreadsheet shows it:
   * header 1, Khan 2, O'Brien 3, Smith 4, Jones 5. */
  g_assert_cmpuint (line (csv, 0), ==, 2);
  g_assert_cmpuint (line (csv, 1), ==, 3);
  g_assert_cmpuint (line (csv, 2), ==, 4);
  g_assert_cmpuint (line (csv, 3), ==, 5);
}

static void
test_csv_blank_lines (void)
{
  /* Row 1 header, row 2 blank, row 3 data, row 4 only commas (an empty
   * spreadsheet row), row 5 data, then blank lines at the end. */
  g_autoptr(AttCsv) csv = parse ("a,b\n\nx,y\n,\nz,w\n\n\n");

  g_assert_cmpuint (csv->rows->len, ==, 2);
  g_assert_cmpstr (cell (csv, 0, 0), ==, "x");
  g_assert_cmpuint (line (csv, 0), ==, 3);
  g_assert_cmpstr (cell (csv, 1, 0), ==, "z");
  g_assert_cmpuint (line (csv, 1), ==, 5);
}

static void
test_csv_ragged (void)
{
  /* Short rows and long rows are kept as they are: the importer decides
   * what they mean. */
  g_autoptr(AttCsv) csv = parse ("a,b,c\n1\n1,2,3,4\n");
  GPtrArray *row;

  row = g_ptr_array_index (csv->rows, 0);
  g_assert_cmpuint (row->len, ==, 1);
  row = g_ptr_array_index (csv->rows, 1);
  g_assert_cmpuint (row->len, ==, 4);
  g_assert_cmpstr (cell (csv, 1, 3), ==, "4");
}

static void
test_csv_loose_quotes (void)
{
  /* A quote inside an unquoted value is an ordinary character. */
  g_autoptr(AttCsv) csv = parse ("a,b\n5' 2\",x\"y\n");

  g_assert_cmpstr (cell (csv, 0, 0), ==, "5' 2\"");
  g_assert_cmpstr (cell (csv, 0, 1), ==, "x\"y");
}

static void
test_csv_errors (void)
{
  g_autoptr(GError) error = NULL;
  AttCsv *csv;
  /* Row 3 holds a Latin-1 "é" (0xE9), which is not UTF-8. */
  const char *latin1 = "name,town\nAmina,Leeds\nRen\xE9,Paris\n";
  const char *open_quote = "name,town\nAmina,Leeds\n\"Unclosed,York\nLast,Hull\n";

  csv = att_csv_parse (latin1, strlen (latin1), &error);
  g_assert_null (csv);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Row 3"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  /* The quote opened on row 3 swallows the rest of the file. */
  csv = att_csv_parse (open_quote, strlen (open_quote), &error);
  g_assert_null (csv);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Row 3"));
  g_clear_error (&error);

  csv = att_csv_parse ("", 0, &error);
  g_assert_null (csv);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  csv = att_csv_parse ("\n\n", 2, &error);
  g_assert_null (csv);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* A NUL byte near the start means the file is not text at all. */
  csv = att_csv_parse ("a,b\n1\0002,3\n", 10, &error);
  g_assert_null (csv);
  g_assert_nonnull (strstr (error->message, "not a text file"));
  g_assert_null (strstr (error->message, "Row"));
  g_clear_error (&error);

  csv = att_csv_read_file ("/nonexistent/pupils.csv", &error);
  g_assert_null (csv);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "pupils.csv"));
}

static void
test_csv_header_only (void)
{
  g_autoptr(AttCsv) csv = parse ("upn,date,session,code\r\n");

  g_assert_cmpuint (csv->headers->len, ==, 4);
  g_assert_cmpuint (csv->rows->len, ==, 0);
}

static void
test_csv_read_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attendance-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "marks.csv", NULL);
  g_autoptr(AttCsv) csv = NULL;

  g_assert_true (g_file_set_contents (path, "UPN,Date\nA1,2024-09-02\n", -1, NULL));
  csv = att_csv_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 1);
  g_assert_cmpstr (cell (csv, 0, 1), ==, "2024-09-02");
  g_unlink (path);
  g_rmdir (dir);
}

/* Every record's first field, joined by '|', read to the end. */
static char *
read_firsts (AttCsvReader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;
  guint row;

  while (att_csv_reader_next (reader, &fields, &row, &error))
    g_string_append_printf (out, "%s%s@%u", out->len ? "|" : "",
                            (const char *)g_ptr_array_index (fields, 0), row);
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The reader over a file's descriptor (what attendance-cli reads, with no
 * GIO), over bytes (a pipe kept in memory), and the messages of a file
 * that cannot be opened, as GIO gave them. */
static void
test_csv_reader_sources (void)
{
  const char *text = "upn,date\nA1,2024-09-02\n\nB2,2024-09-03\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attendance-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "marks.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "gone.csv", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(AttCsvReader) reader = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int fds[2];
  int fd;

  /* A file reads the same twice: the header on row 1, the blank row 3
   * skipped, so "upn@1|A1@2|B2@4" both times. */
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  fd = att_csv_open_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  reader = att_csv_reader_new_for_fd (fd);
  first = read_firsts (reader);
  g_assert_cmpstr (first, ==, "upn@1|A1@2|B2@4");
  g_assert_true (att_csv_reader_rewind (reader, &error));
  g_assert_no_error (error);
  second = read_firsts (reader);
  g_assert_cmpstr (second, ==, first);
  g_clear_pointer (&reader, att_csv_reader_free);
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&second, g_free);

  /* Bytes in memory read the same, twice. */
  bytes = g_bytes_new_static (text, strlen (text));
  reader = att_csv_reader_new_for_bytes (bytes);
  first = read_firsts (reader);
  g_assert_cmpstr (first, ==, "upn@1|A1@2|B2@4");
  g_assert_true (att_csv_reader_rewind (reader, &error));
  second = read_firsts (reader);
  g_assert_cmpstr (second, ==, first);
  g_clear_pointer (&reader, att_csv_reader_free);
  g_clear_pointer (&first, g_free);

  /* A pipe reads once and then cannot go back, saying so. */
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  g_assert_cmpint (write (fds[1], text, strlen (text)), ==, (gssize)strlen (text));
  close (fds[1]);
  reader = att_csv_reader_new_for_fd (fds[0]);
  first = read_firsts (reader);
  g_assert_cmpstr (first, ==, "upn@1|A1@2|B2@4");
  g_assert_false (att_csv_reader_rewind (reader, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "it is a pipe, not a file"));
  g_clear_error (&error);
  g_clear_pointer (&reader, att_csv_reader_free);

  /* A missing file and a folder, named by their whole path with the
   * system's reason. */
  g_assert_cmpint (att_csv_open_file (missing, &error), ==, -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  expected = g_strdup_printf ("Error opening file %s: %s", missing, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (att_csv_open_file (dir, &error), ==, -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  expected = g_strdup_printf ("Error opening file %s: %s", dir, g_strerror (EISDIR));
  g_assert_cmpstr (error->message, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_csv_quote (void)
{
  struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "Khan, Amina", "\"Khan, Amina\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { " padded", "\" padded\"" },
    { "padded ", "\"padded \"" },
    { "O'Brien", "O'Brien" },
    /* Written as text behind an apostrophe, so a spreadsheet never runs
     * them as formulas: =, +, -, @, tab and carriage return first. */
    { "=HYPERLINK(\"http://x\",\"Click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"Click\"\")\"" },
    { "=1+2", "'=1+2" },
    { "+44 7700 900123", "'+44 7700 900123" },
    { "-ill, sent home", "\"'-ill, sent home\"" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tcmd", "'\tcmd" },
    { "\rcmd", "\"'\rcmd\"" },
    /* An apostrophe first gets one more, so exactly one comes off. */
    { "'Tis", "''Tis" },
    /* Only the first character matters. */
    { "a=b", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = att_csv_quote (cases[i].in);
      g_autofree char *text = g_strdup_printf ("h\n%s\n", quoted);
      g_autoptr(AttCsv) csv = NULL;

      g_assert_cmpstr (quoted, ==, cases[i].out);

      /* What is written reads back as it was (an empty value makes a
       * blank row, which the reader skips). */
      if (*cases[i].in == '\0')
        continue;
      csv = parse (text);
      g_assert_cmpuint (csv->rows->len, ==, 1);
      g_assert_cmpstr (att_csv_unprotect (cell (csv, 0, 0)), ==, cases[i].in);
    }

  /* A value from another program that begins with an apostrophe but not
   * one we put there keeps it. */
  g_assert_cmpstr (att_csv_unprotect ("'Tis"), ==, "'Tis");
  g_assert_cmpstr (att_csv_unprotect ("''Tis"), ==, "'Tis");
  g_assert_cmpstr (att_csv_unprotect ("'=1"), ==, "=1");
  g_assert_cmpstr (att_csv_unprotect ("'"), ==, "'");

  {
    const char *cells[] = { "A1", NULL, "=x", "a,b" };
    g_autoptr(GString) out = g_string_new (NULL);

    att_csv_append_row (out, cells, G_N_ELEMENTS (cells));
    g_assert_cmpstr (out->str, ==, "A1,,'=x,\"a,b\"\n");
  }

  {
    g_autofree char *quoted = att_csv_quote (NULL);
    g_assert_cmpstr (quoted, ==, "");
  }
}

static void
test_csv_bool (void)
{
  const char *yes[] = { "1", "y", "Y", "yes", "YES", "Yes", "true", "TRUE", " True " };
  const char *no[] = { "0", "n", "N", "no", "No", "false", "FALSE", "False" };
  const char *neither[] = { "", "2", "maybe", "yess", "t", "f", "on", NULL };
  gboolean value;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      value = FALSE;
      g_assert_true (att_parse_bool (yes[i], &value));
      g_assert_true (value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      value = TRUE;
      g_assert_true (att_parse_bool (no[i], &value));
      g_assert_false (value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (neither); i++)
    {
      value = 7;
      g_assert_false (att_parse_bool (neither[i], &value));
      g_assert_cmpint (value, ==, 7);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/simple", test_csv_simple);
  g_test_add_func ("/csv/headers", test_csv_headers);
  g_test_add_func ("/csv/quotes", test_csv_quotes);
  g_test_add_func ("/csv/blank-lines", test_csv_blank_lines);
  g_test_add_func ("/csv/ragged", test_csv_ragged);
  g_test_add_func ("/csv/loose-quotes", test_csv_loose_quotes);
  g_test_add_func ("/csv/errors", test_csv_errors);
  g_test_add_func ("/csv/header-only", test_csv_header_only);
  g_test_add_func ("/csv/read-file", test_csv_read_file);
  g_test_add_func ("/csv/quote", test_csv_quote);
  g_test_add_func ("/csv/bool", test_csv_bool);
  g_test_add_func ("/csv/reader-sources", test_csv_reader_sources);

  return g_test_run ();
}
