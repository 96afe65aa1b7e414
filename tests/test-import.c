/* test-import.c: pupils, contacts and marks from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

/* Valid UPNs (check letters worked out as in test-pupils.c). */
#define UPN_1 "E383210413001"
#define UPN_2 "U383210413002"
#define UPN_3 "H383210413003"
#define UPN_4 "X383210413004"
#define UPN_5 "L383210413005"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *importer;  /* imports are an administrator's */
  AttUser   *receptionist;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2025-03-03", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  att_users_add (f->db, att_user_system (), "Ade Admin", ATT_ROLE_ADMIN, "Data manager", &error);
  g_assert_no_error (error);
  att_users_add (f->db, att_user_system (), "Rae Reception", ATT_ROLE_RECEPTIONIST, NULL, &error);
  g_assert_no_error (error);
  f->importer = att_users_find (f->db, "Ade Admin", &error);
  f->receptionist = att_users_find (f->db, "Rae Reception", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->importer);
  att_user_free (f->receptionist);
  att_test_db_free (f->t);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->t->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static int
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = att_db_prepare (db, sql, NULL);
  int n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static const AttImportProblem *
item (GPtrArray *items,
      guint      index)
{
  g_assert_cmpuint (index, <, items->len);
  return g_ptr_array_index (items, index);
}

#define PUPILS_HEADER "upn,surname,forename,dob,sex,year_group,reg_group,admission_date\n"

static void
import_pupils_ok (Fixture    *f,
                  const char *name,
                  const char *contents)
{
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, name, contents);

  g_assert_true (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
}

/* Huge files */

static void
test_huge_file_bounded (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (PUPILS_HEADER);
  g_autofree char *path = NULL;
  g_autofree char *long_path = NULL;
  g_autofree char *long_value = NULL;

  /* 100 rows with a number for a UPN and every other value empty: each
   * has a UPN that is not one and 7 required values missing, 800
   * problems. The report keeps the first 50 (rows 2 to 8,
   * 8 a row, and 2 of row 8) and counts the other 750. */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "%u,,,,,,,\n", i);
  path = write_file (f, "wrong.csv", text->str);
  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, ATT_IMPORT_MAX_PROBLEMS);
  g_assert_cmpuint (report->more_problems, ==, 750);
  g_assert_cmpuint (item (report->problems, 49)->row, ==, 8);
  g_assert_nonnull (strstr (error->message, "800 problems"));
  g_assert_nonnull (strstr (error->message, "and 750 more problems"));
  g_assert_null (strstr (error->message, "row 9"));
  g_clear_error (&error);
  g_clear_pointer (&report, att_import_report_free);

  /* One row of a megabyte (a file that lost its line breaks, or not a
   * CSV at all): refused with its row and the limit, and the message
   * stays short. */
  report = att_import_report_new ();
  long_value = g_strnfill (1024 * 1024, 'a');
  g_string_assign (text, PUPILS_HEADER);
  g_string_append_printf (text, UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
                          UPN_2 ",%s,Liam,2019-11-02,M,R,RA,2024-09-04\n", long_value);
  long_path = write_file (f, "long.csv", text->str);
  g_assert_false (att_import_pupils (f->db, f->importer, long_path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 3);
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "16384"));
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
}

/* Pupils */

static void
test_pupils_variants (Fixture       *f,
                      gconstpointer  data)
{
  /* A BOM, CRLF, headers in other cases and with spaces and dashes, the
   * aliases "Date of Birth" and "Gender", a quoted value holding a comma
   * and a line break, DD/MM/YYYY dates, and a column nobody knows. */
  const char *text =
    "\xEF\xBB\xBF" "UPN,Surname,Forename,Preferred Forename,Date of Birth,Gender,"
    "Year-Group,REG GROUP,admission-date,Leaving_Date,FSM,SEN,EAL,Medical Note,Colour\r\n"
    UPN_1 ",Khan,Amina,Mina,14/05/2013,F,6,6B,04/09/2017,,Y,K,no,\"Asthma, mild\r\nInhaler in the office\",blue\r\n"
    UPN_2 ",O'Brien,Liam,,2019-11-02,m,R,RA,2024-09-04,,0,,TRUE,,green\r\n"
    "\r\n"
    UPN_3 ",\"de Souza\",Ana,,01/02/2009,F,10,10X,01/09/2020,18/07/2025,false,E,1,,\r\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);
  AttPupil *amina, *liam, *ana;

  g_assert_true (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 0);
  g_assert_cmpuint (report->problems->len, ==, 0);

  /* The unknown column is a notice, for the whole file. */
  g_assert_cmpuint (report->notices->len, ==, 1);
  g_assert_cmpuint (item (report->notices, 0)->row, ==, 0);
  g_assert_cmpstr (item (report->notices, 0)->column, ==, "colour");

  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 3);

  amina = att_pupils_find (f->db, UPN_1);
  g_assert_nonnull (amina);
  g_assert_cmpstr (amina->display_name, ==, "Mina Khan");
  g_assert_cmpint (amina->dob, ==, D (2013, 5, 14));
  g_assert_cmpint (amina->admission, ==, D (2017, 9, 4));
  g_assert_cmpint (amina->leaving, ==, ATT_DATE_NONE);
  g_assert_cmpint (amina->sex, ==, 'F');
  g_assert_cmpint (amina->year_group, ==, 6);
  g_assert_cmpstr (amina->reg_group, ==, "6B");
  g_assert_true (amina->fsm);
  g_assert_cmpint (amina->sen, ==, ATT_SEN_SUPPORT);
  g_assert_false (amina->eal);
  g_assert_cmpstr (amina->medical_note, ==, "Asthma, mild\nInhaler in the office");

  liam = att_pupils_find (f->db, UPN_2);
  g_assert_nonnull (liam);
  g_assert_cmpint (liam->sex, ==, 'M');
  g_assert_cmpint (liam->year_group, ==, ATT_YEAR_RECEPTION);
  g_assert_cmpint (liam->sen, ==, ATT_SEN_NONE);
  g_assert_true (liam->eal);
  g_assert_null (liam->preferred_forename);
  g_assert_null (liam->medical_note);

  ana = att_pupils_find (f->db, UPN_3);
  g_assert_nonnull (ana);
  g_assert_cmpstr (ana->legal_surname, ==, "de Souza");
  g_assert_cmpint (ana->leaving, ==, D (2025, 7, 18));
  g_assert_cmpint (ana->sen, ==, ATT_SEN_EHCP);

  /* The import is in the audit log, with each pupil. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.import'"), ==, 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.add'"), ==, 3);
}

static void
test_pupils_update (Fixture       *f,
                    gconstpointer  data)
{
  const char *first =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
    UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n"
    UPN_3 ",Adams,Cara,2012-12-01,F,6,6A,2017-09-04\n";
  /* Ben moves to 6A; Dev is new; the others are as they were. */
  const char *second =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
    UPN_2 ",Jones,Ben,2013-01-20,M,6,6A,2017-09-04\n"
    UPN_3 ",Adams,Cara,2012-12-01,F,6,6A,2017-09-04\n"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2024-09-04\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path1 = write_file (f, "first.csv", first);
  g_autofree char *path2 = write_file (f, "second.csv", second);
  gint64 ben_id;

  g_assert_true (att_import_pupils (f->db, f->importer, path1, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 3);
  ben_id = att_pupils_find (f->db, UPN_2)->id;

  /* The same file again changes nothing. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_assert_true (att_import_pupils (f->db, f->importer, path1, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 3);

  att_import_report_free (report);
  report = att_import_report_new ();
  g_assert_true (att_import_pupils (f->db, f->importer, path2, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 4);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 2);

  /* Ben is the same record, in his new group. */
  g_assert_cmpint (att_pupils_find (f->db, UPN_2)->id, ==, ben_id);
  g_assert_cmpstr (att_pupils_find (f->db, UPN_2)->reg_group, ==, "6A");
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 4);
}

static void
test_pupils_temporary_upn (Fixture       *f,
                           gconstpointer  data)
{
  /* A temporary UPN ends in a letter; its check letter is worked out in
   * test-pupils.c (E for 12345678901X). It is accepted, with a notice. */
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv",
                                      PUPILS_HEADER
                                      UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
                                      "e12345678901x,Nowak,Zofia,2013-02-02,F,6,6A,2025-01-06\n");

  g_assert_true (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 2);
  g_assert_cmpuint (report->notices->len, ==, 1);
  g_assert_cmpuint (item (report->notices, 0)->row, ==, 3);
  g_assert_cmpstr (item (report->notices, 0)->column, ==, "upn");
  g_assert_nonnull (strstr (item (report->notices, 0)->message, "temporary"));
  /* Kept in capitals, as UPNs are written. */
  g_assert_nonnull (att_pupils_find (f->db, "E12345678901X"));
  g_assert_cmpstr (att_pupils_find (f->db, "e12345678901x")->upn, ==, "E12345678901X");
}

static void
test_pupils_bad_row (Fixture       *f,
                     gconstpointer  data)
{
  /* Row 4 has 31 February. */
  const char *text =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
    UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n"
    UPN_3 ",Adams,Cara,31/02/2015,F,6,6A,2017-09-04\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);
  int audit = count_rows (f->db, "SELECT count(*) FROM audit_log");

  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpstr (error->message, ==,
                   "pupils.csv: 1 problem, nothing was imported: row 4, dob: "
                   "“31/02/2015” is not a date: write it as YYYY-MM-DD or DD/MM/YYYY");
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 4);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "dob");

  /* The two good rows were not written either. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_null (att_pupils_find (f->db, UPN_1));
}

static void
test_pupils_every_problem (Fixture       *f,
                           gconstpointer  data)
{
  /* Row 3: a bad date. Row 5: a wrong check letter (K instead of U) and
   * a sex that is not M or F. Row 6: an empty registration group. */
  const char *text =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
    UPN_3 ",Adams,Cara,2013-13-01,F,6,6A,2017-09-04\n"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2024-09-04\n"
    "K383210413002,Jones,Ben,2013-01-20,Boy,6,6B,2017-09-04\n"
    UPN_5 ",Lee,Eve,2013-06-06,F,6,,2017-09-04\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);

  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 4);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 3);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "dob");
  g_assert_cmpuint (item (report->problems, 1)->row, ==, 5);
  g_assert_cmpstr (item (report->problems, 1)->column, ==, "upn");
  g_assert_cmpstr (item (report->problems, 1)->message, ==,
                   "UPN K383210413002: the check letter should be U");
  g_assert_cmpuint (item (report->problems, 2)->row, ==, 5);
  g_assert_cmpstr (item (report->problems, 2)->column, ==, "sex");
  g_assert_cmpuint (item (report->problems, 3)->row, ==, 6);
  g_assert_cmpstr (item (report->problems, 3)->column, ==, "reg_group");

  /* One line lists them all, in file order. */
  g_assert_true (g_str_has_prefix (error->message,
                                   "pupils.csv: 4 problems, nothing was imported: row 3, dob: "));
  g_assert_nonnull (strstr (error->message,
                            "; row 5, upn: UPN K383210413002: the check letter should be U; row 5, sex: "));
  g_assert_nonnull (strstr (error->message, "; row 6, reg_group: "));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
}

static void
test_pupils_cross_field (Fixture       *f,
                         gconstpointer  data)
{
  /* Born after being admitted; leaving before being admitted. */
  const char *text =
    "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,leaving_date\n"
    UPN_1 ",Khan,Amina,2018-05-14,F,6,6B,2017-09-04,\n"
    UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04,2017-09-01\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);

  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "dob");
  g_assert_cmpstr (item (report->problems, 0)->message, ==,
                   "Date of birth is after the admission date");
  g_assert_cmpstr (item (report->problems, 1)->column, ==, "leaving_date");
  g_assert_cmpuint (item (report->problems, 1)->row, ==, 3);
}

static void
test_pupils_dry_run (Fixture       *f,
                     gconstpointer  data)
{
  const char *text =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
    UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);
  int audit = count_rows (f->db, "SELECT count(*) FROM audit_log");
  guint64 serial = att_db_get_serial (f->db);

  g_assert_true (att_import_pupils (f->db, f->importer, path, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 2);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpuint (att_db_get_serial (f->db), ==, serial);

  /* A dry run with a problem reports it the same way. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_free (path);
  path = write_file (f, "bad.csv", PUPILS_HEADER UPN_1 ",Khan,Amina,2013-05-14,X,6,6B,2017-09-04\n");
  g_assert_false (att_import_pupils (f->db, f->importer, path, TRUE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 1);
}

static void
test_pupils_duplicate_upn (Fixture       *f,
                           gconstpointer  data)
{
  const char *text =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
    UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n"
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6A,2017-09-04\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);

  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 4);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "upn");
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "row 2"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
}

static void
test_pupils_missing_column (Fixture       *f,
                            gconstpointer  data)
{
  /* No date of birth under either name, and one column twice. */
  const char *text =
    "upn,surname,forename,sex,gender,year_group,reg_group,admission_date,shoe_size\n"
    UPN_1 ",Khan,Amina,F,F,6,6B,2017-09-04,3\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);
  g_autofree char *formatted = NULL;

  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 0);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "sex");
  g_assert_cmpuint (item (report->problems, 1)->row, ==, 0);
  g_assert_cmpstr (item (report->problems, 1)->column, ==, "dob");
  formatted = att_import_problem_format (item (report->problems, 1));
  g_assert_true (g_str_has_prefix (formatted, "column dob: "));
  g_assert_nonnull (strstr (formatted, "date_of_birth"));

  g_assert_cmpuint (report->notices->len, ==, 1);
  g_assert_cmpstr (item (report->notices, 0)->column, ==, "shoe_size");
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
}

static void
test_pupils_extra_values (Fixture       *f,
                          gconstpointer  data)
{
  /* Row 3 has an unquoted comma in the surname; row 2's trailing comma is
   * harmless. */
  const char *text =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04,\n"
    UPN_2 ",Jones, Jr,Ben,2013-01-20,M,6,6B,2017-09-04\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "pupils.csv", text);

  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_cmpuint (report->problems->len, >=, 1);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 3);
  g_assert_null (item (report->problems, 0)->column);
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "9 values"));
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "8 columns"));
}

static void
test_pupils_file_problems (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = g_build_filename (f->t->dir, "nowhere.csv", NULL);

  /* Row 3 is Latin-1, not UTF-8. */
  path = write_file (f, "latin1.csv", PUPILS_HEADER
                     UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
                     UPN_2 ",Ren\xE9,Zoe,2013-01-20,F,6,6B,2017-09-04\n");
  g_assert_false (att_import_pupils (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 3);
  g_assert_nonnull (strstr (error->message, "row 3"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  g_assert_false (att_import_pupils (f->db, f->importer, missing, FALSE, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.csv"));
  g_clear_error (&error);

  /* A receptionist may not import pupils. */
  g_free (path);
  path = write_file (f, "ok.csv", PUPILS_HEADER UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n");
  g_assert_false (att_import_pupils (f->db, f->receptionist, path, FALSE, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
  g_clear_error (&error);

  /* Nor may an attendance officer, who keeps pupils by hand: imports are
   * the administrator's. */
  {
    g_autoptr(AttUser) officer = att_test_add_user (f->db, "Olu Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);

    g_assert_false (att_import_pupils (f->db, officer, path, FALSE, NULL, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
    g_assert_cmpstr (error->message, ==,
                     "Olu Officer is an attendance officer and cannot import from a file: ask an administrator or the headteacher");
    g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
  }
}

/* Contacts */

#define THREE_PUPILS \
  PUPILS_HEADER \
  UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n" \
  UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n" \
  UPN_3 ",Adams,Cara,2012-12-01,F,6,6A,2017-09-04\n"

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  const char *text =
    "UPN,Priority,Title,Forename,Surname,Relationship,Parental Responsibility,"
    "Lives-With,Receives Letters,Phone Mobile,Email,Address 1,Town,Postcode\n"
    UPN_1 ",1,Mrs,Sana,Khan,Mother,Y,yes,1,07700 900123,sana.khan@example.org,\"12 Mill Lane, Flat 2\",Leeds,LS1 4AB\n"
    UPN_1 ",2,,Ruth,Khan,Grandmother,N,no,0,07700 900456,,,,\n"
    UPN_2 ",1,Mr,Gareth,Jones,Father,true,TRUE,false,,,,,\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "contacts.csv", text);
  g_autoptr(GPtrArray) contacts = NULL;
  AttContact *sana;
  gint64 amina_id;

  import_pupils_ok (f, "pupils.csv", THREE_PUPILS);
  amina_id = att_pupils_find (f->db, UPN_1)->id;

  g_assert_true (att_import_contacts (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->notices->len, ==, 0);

  contacts = att_contacts_for_pupil (f->db, amina_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  sana = g_ptr_array_index (contacts, 0);
  g_assert_cmpint (sana->priority, ==, 1);
  g_assert_cmpstr (sana->title, ==, "Mrs");
  g_assert_cmpstr (sana->relationship, ==, "Mother");
  g_assert_true (sana->parental_responsibility);
  g_assert_true (sana->lives_with);
  g_assert_true (sana->receives_letters);
  g_assert_cmpstr (sana->address_1, ==, "12 Mill Lane, Flat 2");
  g_assert_cmpstr (sana->postcode, ==, "LS1 4AB");
  g_assert_null (sana->phone_home);
  g_assert_false (((AttContact *)g_ptr_array_index (contacts, 1))->parental_responsibility);

  /* Again: all unchanged. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_assert_true (att_import_contacts (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->unchanged, ==, 3);
  g_assert_cmpuint (report->added + report->updated, ==, 0);

  /* Ruth's number changes: matched on UPN and priority, so updated. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_free (path);
  path = write_file (f, "contacts2.csv",
                     "upn,priority,forename,surname,relationship,phone_mobile\n"
                     UPN_1 ",2,Ruth,Khan,Grandmother,07700 900789\n");
  g_assert_true (att_import_contacts (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated, ==, 1);
  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = att_contacts_for_pupil (f->db, amina_id, &error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (((AttContact *)g_ptr_array_index (contacts, 1))->phone_mobile, ==, "07700 900789");
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts"), ==, 3);
}

static void
test_contacts_refused (Fixture       *f,
                       gconstpointer  data)
{
  /* Row 3 names a pupil who is not in the database; row 5 repeats a
   * priority of row 2; row 6 has no relationship and a bad yes/no. */
  const char *text =
    "upn,priority,forename,surname,relationship,lives_with\n"
    UPN_1 ",1,Sana,Khan,Mother,Y\n"
    UPN_5 ",1,Zed,Lee,Father,Y\n"
    UPN_2 ",1,Gareth,Jones,Father,N\n"
    UPN_1 ",1,Ruth,Khan,Grandmother,N\n"
    UPN_3 ",1,Tom,Adams,,maybe\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "contacts.csv", text);

  import_pupils_ok (f, "pupils.csv", THREE_PUPILS);

  g_assert_false (att_import_contacts (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 4);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 3);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "upn");
  g_assert_nonnull (strstr (item (report->problems, 0)->message, UPN_5));
  g_assert_cmpuint (item (report->problems, 1)->row, ==, 5);
  g_assert_cmpstr (item (report->problems, 1)->column, ==, "priority");
  g_assert_nonnull (strstr (item (report->problems, 1)->message, "row 2"));
  g_assert_cmpuint (item (report->problems, 2)->row, ==, 6);
  g_assert_cmpstr (item (report->problems, 2)->column, ==, "relationship");
  g_assert_cmpuint (item (report->problems, 3)->row, ==, 6);
  g_assert_cmpstr (item (report->problems, 3)->column, ==, "lives_with");
  g_assert_true (g_str_has_prefix (error->message, "contacts.csv: 4 problems, nothing was imported: row 3, upn: "));

  /* Not even the good rows were written. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts"), ==, 0);

  /* The priority must be a number. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_clear_error (&error);
  g_free (path);
  path = write_file (f, "contacts2.csv",
                     "upn,priority,surname,relationship\n" UPN_1 ",first,Khan,Mother\n");
  g_assert_false (att_import_contacts (f->db, f->importer, path, FALSE, report, &error));
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "priority");

  /* A dry run of a good file writes nothing. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_clear_error (&error);
  g_free (path);
  path = write_file (f, "contacts3.csv",
                     "upn,priority,surname,relationship\n" UPN_1 ",1,Khan,Mother\n");
  g_assert_true (att_import_contacts (f->db, f->importer, path, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts"), ==, 0);
}

/* Marks */

static void
add_terms (Fixture *f)
{
  att_test_add_term (f->db, "Autumn 2023", D (2023, 9, 4), D (2023, 12, 20));
  att_test_add_term (f->db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  att_test_add_term (f->db, "Spring 2025", D (2025, 1, 6), D (2025, 4, 4));
}

static gint64
pupil_id (Fixture    *f,
          const char *upn)
{
  AttPupil *pupil = att_pupils_find (f->db, upn);

  g_assert_nonnull (pupil);
  return pupil->id;
}

static void
test_pupils_roll_over_marks (Fixture       *f,
                             gconstpointer  data)
{
  const char *marks =
    "upn,date,session,code\n"
    UPN_1 ",2024-09-02,am,/\n"
    UPN_1 ",2024-09-02,pm,/\n"
    UPN_1 ",2024-09-03,am,I\n"
    UPN_1 ",2024-09-03,pm,I\n"
    UPN_1 ",2024-09-04,am,/\n"
    UPN_2 ",2024-12-20,am,/\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *marks_path = write_file (f, "marks.csv", marks);
  g_autofree char *moved = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  AttPupil *amina;

  add_terms (f);
  import_pupils_ok (f, "pupils.csv", THREE_PUPILS);
  g_assert_true (att_import_marks (f->db, f->importer, marks_path, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* Amina's admission moves to Thu 5 Sep 2024, over her 5 marks of 2 to
   * 4 Sep (row 2); Ben leaves on Thu 19 Dec, before his mark of Fri 20 Dec
   * (row 3). Cara's row moves nothing over marks and is fine. */
  moved = write_file (f, "moved.csv",
                      "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,leaving_date\n"
                      UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2024-09-05,\n"
                      UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04,2024-12-19\n"
                      UPN_3 ",Adams,Cara,2012-12-01,F,6,6A,2017-09-05,\n");
  g_assert_false (att_import_pupils (f->db, f->importer, moved, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 2);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "admission_date");
  /* The first three marks in the way and a count of the other two. */
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "5 marks before the new admission date 2024-09-05"));
  g_assert_nonnull (strstr (item (report->problems, 0)->message,
                            "(Mon 2 Sep 2024 am /, Mon 2 Sep 2024 pm \\, Tue 3 Sep 2024 am I and 2 more)"));
  g_assert_cmpuint (item (report->problems, 1)->row, ==, 3);
  g_assert_cmpstr (item (report->problems, 1)->column, ==, "leaving_date");
  g_assert_nonnull (strstr (item (report->problems, 1)->message, "1 mark after the new leaving date 2024-12-19"));
  g_assert_nonnull (strstr (item (report->problems, 1)->message, "Fri 20 Dec 2024 am /"));
  amina = att_pupils_find (f->db, UPN_1);
  g_assert_cmpint (amina->admission, ==, D (2017, 9, 4));
  g_clear_error (&error);

  /* Saving outside an import obeys the same rule. */
  {
    g_autoptr(AttPupil) copy = att_pupil_copy (amina);

    copy->admission = D (2024, 9, 3);
    g_assert_cmpint (att_pupils_save (f->db, f->importer, copy, &error), ==, 0);
    g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
    g_assert_nonnull (strstr (error->message, "2 marks before the new admission date 2024-09-03"));
    g_clear_error (&error);
    /* Up to the first mark is fine. */
    copy->admission = D (2024, 9, 2);
    g_assert_cmpint (att_pupils_save (f->db, f->importer, copy, &error), >, 0);
    g_assert_no_error (error);
  }

  /* Marks already outside a roll (older data, another program) are
   * reported by the check: Ben's mark of 20 Dec after a leaving date of
   * 19 Dec written behind the program's back (4 Sep 2017 + 2663 days). */
  g_assert_true (att_pupils_check_roll_marks (f->db, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (att_db_exec (f->db, "UPDATE pupils SET leaving_date = admission_date + 2663 WHERE upn = '" UPN_2 "'", &error));
  g_assert_no_error (error);
  g_assert_true (att_pupils_check_roll_marks (f->db, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), UPN_2));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "1 mark outside the roll"));
}

static void
test_marks (Fixture       *f,
            gconstpointer  data)
{
  /* Monday 2 and Tuesday 3 September 2024; 2 October 2023 was a Monday.
   * Both slashes mean present in either session. */
  const char *text =
    "UPN,Date,Session,Code,Minutes Late,Comment\n"
    UPN_1 ",2024-09-02,am,/,,\n"
    UPN_1 ",2024-09-02,PM,/,,\n"
    UPN_1 ",03/09/2024,am,L,12,\"Bus late, phoned\"\n"
    UPN_1 ",2024-09-03,pm,I01,,\n"
    UPN_2 ",2024-09-02,am,\\,,\n"
    UPN_2 ",2023-10-02,am,H,,\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "marks.csv", text);
  g_autoptr(GPtrArray) history = NULL;
  gint64 amina, ben;
  AttMark mark = { 0 };

  add_terms (f);
  import_pupils_ok (f, "pupils.csv", THREE_PUPILS);
  amina = pupil_id (f, UPN_1);
  ben = pupil_id (f, UPN_2);

  g_assert_true (att_import_marks (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 6);
  g_assert_cmpuint (report->added, ==, 6);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 0);

  /* Two notices: the sub-code on row 5 and the retired code on row 7. */
  g_assert_cmpuint (report->notices->len, ==, 2);
  g_assert_cmpuint (item (report->notices, 0)->row, ==, 5);
  g_assert_cmpstr (item (report->notices, 0)->column, ==, "code");
  g_assert_nonnull (strstr (item (report->notices, 0)->message, "I01"));
  g_assert_cmpuint (item (report->notices, 1)->row, ==, 7);
  g_assert_nonnull (strstr (item (report->notices, 1)->message, "H"));

  g_assert_cmpint (att_register_code (f->db, amina, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (f->db, amina, D (2024, 9, 2), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpint (att_register_code (f->db, amina, D (2024, 9, 3), ATT_SESSION_AM), ==, ATT_CODE_L);
  g_assert_cmpint (att_register_code (f->db, amina, D (2024, 9, 3), ATT_SESSION_PM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (f->db, ben, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (f->db, ben, D (2023, 10, 2), ATT_SESSION_AM), ==, ATT_CODE_OLD_H);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM marks"), ==, 6);

  g_assert_true (att_register_get_mark (f->db, amina, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mark.minutes_late, ==, 12);
  g_assert_cmpstr (mark.comment, ==, "Bus late, phoned");
  att_mark_clear (&mark);

  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE action = 'marks.import'"), ==, 1);

  /* The same file again: every row unchanged, no new history. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_assert_true (att_import_marks (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->unchanged, ==, 6);
  g_assert_cmpuint (report->added + report->updated, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM mark_history"), ==, 6);

  /* Amina's Tuesday afternoon was a medical appointment: an amendment,
   * with the file named as the reason. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_free (path);
  path = write_file (f, "corrections.csv",
                     "upn,date,session,code\n"
                     UPN_1 ",2024-09-03,pm,M\n"
                     UPN_1 ",2024-09-02,am,/\n");
  g_assert_true (att_import_marks (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpint (att_register_code (f->db, amina, D (2024, 9, 3), ATT_SESSION_PM), ==, ATT_CODE_M);

  history = att_register_history (f->db, amina, D (2024, 9, 3), D (2024, 9, 3), &error);
  g_assert_no_error (error);
  {
    AttHistoryEntry *last = g_ptr_array_index (history, history->len - 1);

    g_assert_cmpint (last->session, ==, ATT_SESSION_PM);
    g_assert_cmpint (last->old_code, ==, ATT_CODE_I);
    g_assert_cmpint (last->new_code, ==, ATT_CODE_M);
    g_assert_cmpstr (last->reason, ==, "Imported from corrections.csv");
    g_assert_cmpstr (last->user_name, ==, "Ade Admin");
  }
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM mark_history"), ==, 7);

  /* The same code with other minutes and another comment is a change
   * too; and that file had no comment column, so Tuesday morning's
   * comment is still there. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_free (path);
  path = write_file (f, "minutes.csv",
                     "upn,date,session,code,minutes_late,comment\n"
                     UPN_1 ",2024-09-03,am,L,20,Bus very late\n"
                     UPN_1 ",2024-09-02,pm,\\,,\n");
  g_assert_true (att_import_marks (f->db, f->importer, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_assert_true (att_register_get_mark (f->db, amina, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.minutes_late, ==, 20);
  g_assert_cmpstr (mark.comment, ==, "Bus very late");
  att_mark_clear (&mark);

  /* Minutes late with a present mark break the register's rule, even
   * where the code is what the register holds. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_free (path);
  path = write_file (f, "bad-minutes.csv",
                     "upn,date,session,code,minutes_late\n"
                     UPN_1 ",2024-09-02,am,/,5\n");
  g_assert_false (att_import_marks (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_clear_error (&error);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 2);
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "only with L or U"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM mark_history"), ==, 8);
}

static void
test_marks_refused (Fixture       *f,
                    gconstpointer  data)
{
  /* Row 2 is good. Row 3: a retired code after August 2024. Row 4: a
   * Saturday. Row 5: a pupil nobody knows. Row 6: no such code. Row 7:
   * "noon" is not a session. Row 8: the same session as row 2. */
  const char *text =
    "upn,date,session,code\n"
    UPN_1 ",2024-09-02,am,/\n"
    UPN_1 ",2025-01-06,am,H\n"
    UPN_1 ",2024-09-07,am,/\n"
    UPN_5 ",2024-09-02,am,/\n"
    UPN_2 ",2024-09-02,am,Q9Z\n"
    UPN_2 ",2024-09-02,noon,/\n"
    UPN_1 ",02/09/2024,AM,N\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "marks.csv", text);

  add_terms (f);
  import_pupils_ok (f, "pupils.csv", THREE_PUPILS);

  g_assert_false (att_import_marks (f->db, f->importer, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 6);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 3);
  g_assert_cmpstr (item (report->problems, 0)->column, ==, "code");
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "retired"));
  /* The register's own rule, without a column. */
  g_assert_cmpuint (item (report->problems, 1)->row, ==, 4);
  g_assert_null (item (report->problems, 1)->column);
  g_assert_cmpuint (item (report->problems, 2)->row, ==, 5);
  g_assert_cmpstr (item (report->problems, 2)->column, ==, "upn");
  g_assert_cmpuint (item (report->problems, 3)->row, ==, 6);
  g_assert_cmpstr (item (report->problems, 3)->column, ==, "code");
  g_assert_cmpuint (item (report->problems, 4)->row, ==, 7);
  g_assert_cmpstr (item (report->problems, 4)->column, ==, "session");
  g_assert_cmpuint (item (report->problems, 5)->row, ==, 8);
  g_assert_nonnull (strstr (item (report->problems, 5)->message, "row 2"));
  g_assert_true (g_str_has_prefix (error->message, "marks.csv: 6 problems, nothing was imported: row 3, code: "));

  /* Row 2 was good, and was not written. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM marks"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM mark_history"), ==, 0);
  g_assert_cmpint (att_register_code (f->db, pupil_id (f, UPN_1), D (2024, 9, 2), ATT_SESSION_AM),
                   ==, ATT_CODE_NONE);
}

static void
test_marks_rules (Fixture       *f,
                  gconstpointer  data)
{
  /* Minutes late with a code other than L or U breaks a register rule;
   * Dev was admitted on 4 September 2024, so 2 September is before he was
   * on roll. Each is reported on its own row. */
  const char *text =
    "upn,date,session,code,minutes_late\n"
    UPN_1 ",2024-09-02,am,/,5\n"
    UPN_4 ",2024-09-02,am,/,\n"
    UPN_1 ",2024-09-02,pm,L,abc\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "marks.csv", text);

  add_terms (f);
  import_pupils_ok (f, "pupils.csv", THREE_PUPILS
                    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2024-09-04\n");

  g_assert_false (att_import_marks (f->db, f->importer, path, FALSE, report, &error));
  g_assert_cmpuint (report->problems->len, ==, 3);
  g_assert_cmpuint (item (report->problems, 0)->row, ==, 2);
  g_assert_nonnull (strstr (item (report->problems, 0)->message, "L or U"));
  g_assert_cmpuint (item (report->problems, 1)->row, ==, 3);
  g_assert_nonnull (strstr (item (report->problems, 1)->message, "Dev Patel"));
  g_assert_cmpuint (item (report->problems, 2)->row, ==, 4);
  g_assert_cmpstr (item (report->problems, 2)->column, ==, "minutes_late");
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM marks"), ==, 0);
}

static void
test_marks_dry_run (Fixture       *f,
                    gconstpointer  data)
{
  const char *text =
    "upn,date,session,code\n"
    UPN_1 ",2024-09-02,am,/\n"
    UPN_1 ",2024-09-02,pm,N\n";
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "marks.csv", text);
  int audit;

  add_terms (f);
  import_pupils_ok (f, "pupils.csv", THREE_PUPILS);
  audit = count_rows (f->db, "SELECT count(*) FROM audit_log");

  g_assert_true (att_import_marks (f->db, f->importer, path, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 2);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM marks"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM mark_history"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpint (att_register_code (f->db, pupil_id (f, UPN_1), D (2024, 9, 2), ATT_SESSION_PM),
                   ==, ATT_CODE_NONE);

  /* A receptionist may not import marks, not even to try. */
  att_import_report_free (report);
  report = att_import_report_new ();
  g_assert_false (att_import_marks (f->db, f->receptionist, path, TRUE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Rae Reception"));
}

static void
test_problem_format (void)
{
  AttImportProblem cell = { 4, (char *)"dob", (char *)"“31/02/2015” is not a date" };
  AttImportProblem row = { 7, NULL, (char *)"this row has 9 values" };
  AttImportProblem column = { 0, (char *)"upn", (char *)"the file has no “upn” column" };
  AttImportProblem file = { 0, NULL, (char *)"the file is empty" };
  g_autofree char *a = att_import_problem_format (&cell);
  g_autofree char *b = att_import_problem_format (&row);
  g_autofree char *c = att_import_problem_format (&column);
  g_autofree char *d = att_import_problem_format (&file);

  g_assert_cmpstr (a, ==, "row 4, dob: “31/02/2015” is not a date");
  g_assert_cmpstr (b, ==, "row 7: this row has 9 values");
  g_assert_cmpstr (c, ==, "column upn: the file has no “upn” column");
  g_assert_cmpstr (d, ==, "the file is empty");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/problem-format", test_problem_format);
  ADD ("/import/pupils/variants", test_pupils_variants);
  ADD ("/import/huge-file-bounded", test_huge_file_bounded);
  ADD ("/import/pupils/update", test_pupils_update);
  ADD ("/import/pupils/temporary-upn", test_pupils_temporary_upn);
  ADD ("/import/pupils/bad-row", test_pupils_bad_row);
  ADD ("/import/pupils/every-problem", test_pupils_every_problem);
  ADD ("/import/pupils/cross-field", test_pupils_cross_field);
  ADD ("/import/pupils/dry-run", test_pupils_dry_run);
  ADD ("/import/pupils/duplicate-upn", test_pupils_duplicate_upn);
  ADD ("/import/pupils/missing-column", test_pupils_missing_column);
  ADD ("/import/pupils/extra-values", test_pupils_extra_values);
  ADD ("/import/pupils/file-problems", test_pupils_file_problems);
  ADD ("/import/contacts/add-and-update", test_contacts);
  ADD ("/import/contacts/refused", test_contacts_refused);
  ADD ("/import/marks/add-and-amend", test_marks);
  ADD ("/import/pupils/roll-over-marks", test_pupils_roll_over_marks);
  ADD ("/import/marks/refused", test_marks_refused);
  ADD ("/import/marks/rules", test_marks_rules);
  ADD ("/import/marks/dry-run", test_marks_dry_run);

  return g_test_run ();
}
