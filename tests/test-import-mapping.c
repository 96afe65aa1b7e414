/* test-import-mapping.c: files from other systems, their columns mapped,
 * previewed, re-imported with leavers, cancelled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

/* Valid UPNs (check letters worked out as in test-pupils.c). */
#define UPN_1 "E383210413001"
#define UPN_2 "U383210413002"
#define UPN_3 "H383210413003"

/* A SIMS-style export: its own names for the columns, dates day first. */
#define SIMS_HEADER "UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Gender,NC Year,Reg Group,Date of Admission,FSM Eligible,SEN Status,Shoe Size\n"
#define SIMS_THREE \
  SIMS_HEADER \
  UPN_1 ",Khan,Amina,,03/04/2015,F,4,4K,02/09/2024,Y,K,3\n" \
  UPN_2 ",Smith,Benjamin,Ben,14/11/2015,M,4,4K,02/09/2024,N,N,4\n" \
  UPN_3 ",Jones,Cara,,14/12/2015,F,4,4J,02/09/2024,N,N,2\n"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *admin;
  AttUser   *receptionist;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_setenv ("ATTENDANCE_TODAY", "2025-03-03", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  f->admin = att_test_add_user (f->db, "Ade Admin", ATT_ROLE_ADMIN, "Data manager");
  f->receptionist = att_test_add_user (f->db, "Rae Reception", ATT_ROLE_RECEPTIONIST, NULL);
  att_test_add_term (f->db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  att_test_add_term (f->db, "Spring 2025", D (2025, 1, 6), D (2025, 4, 4));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->admin);
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

static GPtrArray *
headers_of (const char *text)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (headers, g_strstrip (g_strdup (names[i])));
  return headers;
}

/* Imports @contents as pupils with the mapping guessed for it. */
static gboolean
import_guessed (Fixture          *f,
                const char       *name,
                const char       *contents,
                AttDate           leavers_on,
                AttImportReport  *report,
                GError          **error)
{
  g_autofree char *path = write_file (f, name, contents);
  g_autoptr(GPtrArray) headers = att_import_read_headers (path, NULL);
  g_autoptr(AttImportMapping) mapping = att_import_mapping_guess (ATT_IMPORT_PUPILS, headers);
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;

  options.mapping = mapping;
  options.leavers_on = leavers_on;
  return att_import_file (f->db, f->admin, ATT_IMPORT_PUPILS, path, &options, report, error);
}

static void
test_guess_sims (void)
{
  g_autoptr(GPtrArray) headers =
    headers_of ("UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Gender,NC Year,"
                "Reg Group,Date of Admission,Leaving Date,FSM Eligible,SEN Status,EAL,Shoe Size");
  g_autoptr(AttImportMapping) pupils = att_import_mapping_guess (ATT_IMPORT_PUPILS, headers);
  g_autoptr(GPtrArray) contact_headers =
    headers_of ("Pupil UPN,Contact Priority,Title,Forename,Surname,Relationship,"
                "Parental Responsibility,Telephone,Mobile,Email Address");
  g_autoptr(AttImportMapping) contacts = att_import_mapping_guess (ATT_IMPORT_CONTACTS, contact_headers);
  g_autoptr(GPtrArray) other = headers_of ("Unique Pupil Number,Last Name,First Name,D.O.B.,Sex,Year,"
                                           "Registration Group,Admission Date");
  g_autoptr(AttImportMapping) arbor = att_import_mapping_guess (ATT_IMPORT_PUPILS, other);

  g_assert_cmpstr (att_import_mapping_get (pupils, "upn"), ==, "UPN");
  g_assert_cmpstr (att_import_mapping_get (pupils, "surname"), ==, "Legal Surname");
  g_assert_cmpstr (att_import_mapping_get (pupils, "forename"), ==, "Legal Forename");
  g_assert_cmpstr (att_import_mapping_get (pupils, "preferred_forename"), ==, "Preferred Forename");
  g_assert_cmpstr (att_import_mapping_get (pupils, "dob"), ==, "DOB");
  g_assert_cmpstr (att_import_mapping_get (pupils, "sex"), ==, "Gender");
  g_assert_cmpstr (att_import_mapping_get (pupils, "year_group"), ==, "NC Year");
  g_assert_cmpstr (att_import_mapping_get (pupils, "reg_group"), ==, "Reg Group");
  g_assert_cmpstr (att_import_mapping_get (pupils, "admission_date"), ==, "Date of Admission");
  g_assert_cmpstr (att_import_mapping_get (pupils, "leaving_date"), ==, "Leaving Date");
  g_assert_cmpstr (att_import_mapping_get (pupils, "fsm"), ==, "FSM Eligible");
  g_assert_cmpstr (att_import_mapping_get (pupils, "sen"), ==, "SEN Status");
  g_assert_cmpstr (att_import_mapping_get (pupils, "eal"), ==, "EAL");
  /* Nothing in the file for these: said as "" (none), not left unsaid. */
  g_assert_cmpstr (att_import_mapping_get (pupils, "preferred_surname"), ==, "");
  g_assert_cmpstr (att_import_mapping_get (pupils, "medical_note"), ==, "");

  g_assert_cmpstr (att_import_mapping_get (arbor, "upn"), ==, "Unique Pupil Number");
  g_assert_cmpstr (att_import_mapping_get (arbor, "surname"), ==, "Last Name");
  g_assert_cmpstr (att_import_mapping_get (arbor, "dob"), ==, "D.O.B.");
  g_assert_cmpstr (att_import_mapping_get (arbor, "year_group"), ==, "Year");
  g_assert_cmpstr (att_import_mapping_get (arbor, "reg_group"), ==, "Registration Group");
  g_assert_cmpstr (att_import_mapping_get (arbor, "admission_date"), ==, "Admission Date");

  g_assert_cmpstr (att_import_mapping_get (contacts, "upn"), ==, "Pupil UPN");
  g_assert_cmpstr (att_import_mapping_get (contacts, "priority"), ==, "Contact Priority");
  g_assert_cmpstr (att_import_mapping_get (contacts, "parental_responsibility"), ==, "Parental Responsibility");
  g_assert_cmpstr (att_import_mapping_get (contacts, "phone_home"), ==, "Telephone");
  g_assert_cmpstr (att_import_mapping_get (contacts, "phone_mobile"), ==, "Mobile");
  g_assert_cmpstr (att_import_mapping_get (contacts, "email"), ==, "Email Address");
}

/* A file written for the importer maps each column to itself, "dob"
 * included though "Date of Birth" could be it too. */
static void
test_guess_own_headers (void)
{
  g_autoptr(GPtrArray) headers =
    headers_of ("upn,surname,forename,dob,sex,year_group,reg_group,admission_date,Date of Birth");
  g_autoptr(AttImportMapping) mapping = att_import_mapping_guess (ATT_IMPORT_PUPILS, headers);

  for (guint i = 0; i < 8; i++)
    {
      const char *name = g_ptr_array_index (headers, i);

      g_assert_cmpstr (att_import_mapping_get (mapping, name), ==, name);
    }
  g_assert_cmpstr (att_import_mapping_get (mapping, "preferred_surname"), ==, "");
}

static void
test_remember_per_shape (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) headers = headers_of ("UPN,Surname,Forename,Born,Gender,NC Year,Form,Start");
  /* The same columns in another order and case, and another file. */
  g_autoptr(GPtrArray) shuffled = headers_of ("form,BORN,upn,surname,forename,gender,nc year,start");
  g_autoptr(GPtrArray) other = headers_of ("UPN,Surname,Forename,Born,Gender,NC Year,Form");
  g_autoptr(AttImportMapping) guessed = NULL;
  g_autoptr(AttImportMapping) recalled = NULL;
  g_autoptr(AttImportMapping) offered = NULL;
  g_autoptr(AttImportMapping) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shape_a = att_import_file_shape (headers);
  g_autofree char *shape_b = att_import_file_shape (shuffled);
  g_autofree char *shape_c = att_import_file_shape (other);
  gboolean remembered = TRUE;
  int audits;

  g_assert_cmpstr (shape_a, ==, shape_b);
  g_assert_cmpstr (shape_a, !=, shape_c);

  /* "Born" and "Start" are no export's names: not guessed. */
  guessed = att_import_mapping_for_file (f->db, ATT_IMPORT_PUPILS, headers, &remembered, &error);
  g_assert_no_error (error);
  g_assert_false (remembered);
  g_assert_cmpstr (att_import_mapping_get (guessed, "dob"), ==, "");
  g_assert_cmpstr (att_import_mapping_get (guessed, "reg_group"), ==, "Form");
  att_import_mapping_set (guessed, "dob", "Born");
  att_import_mapping_set (guessed, "admission_date", "Start");

  /* A receptionist may not import, so may not choose columns either. */
  g_assert_false (att_import_mapping_remember (f->db, f->receptionist, headers, guessed, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  audits = count_rows (f->db, "SELECT count(*) FROM audit_log WHERE kind = 'setting'");
  g_assert_true (att_import_mapping_remember (f->db, f->admin, headers, guessed, &error));
  g_assert_no_error (error);
  /* One row of the log, a setting, with the mapping after. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE kind = 'setting'"), ==, audits + 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE action = 'import.mapping' "
                                      "AND new_value LIKE '%\"dob\":\"Born\"%'"), ==, 1);

  recalled = att_import_mapping_recall (f->db, ATT_IMPORT_PUPILS, shuffled, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recalled);
  g_assert_cmpstr (att_import_mapping_get (recalled, "dob"), ==, "Born");
  g_assert_cmpstr (att_import_mapping_get (recalled, "admission_date"), ==, "Start");
  g_assert_cmpstr (att_import_mapping_get (recalled, "medical_note"), ==, "");
  offered = att_import_mapping_for_file (f->db, ATT_IMPORT_PUPILS, shuffled, &remembered, &error);
  g_assert_true (remembered);
  g_assert_cmpstr (att_import_mapping_get (offered, "dob"), ==, "Born");

  /* Per kind and per shape: not for contacts, not for another file. */
  g_assert_null (att_import_mapping_recall (f->db, ATT_IMPORT_CONTACTS, headers, &error));
  g_assert_no_error (error);
  none = att_import_mapping_recall (f->db, ATT_IMPORT_PUPILS, other, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Remembering again replaces it: one row per column. */
  att_import_mapping_set (guessed, "dob", "");
  g_assert_true (att_import_mapping_remember (f->db, f->admin, headers, guessed, &error));
  g_clear_pointer (&recalled, att_import_mapping_free);
  recalled = att_import_mapping_recall (f->db, ATT_IMPORT_PUPILS, headers, &error);
  g_assert_cmpstr (att_import_mapping_get (recalled, "dob"), ==, "");
  /* 18 columns of a pupils file */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM import_mappings"), ==, 18);
}

/* A SIMS-style file with its dates day first: 03/04/2015 is 3 April. */
static void
test_import_mapped_uk_dates (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  AttPupil *amina, *ben;

  g_assert_true (import_guessed (f, "sims.csv", SIMS_THREE, ATT_DATE_NONE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->left, ==, 0);
  /* The one column no one chose is said, as any unknown column is. */
  g_assert_cmpuint (report->notices->len, ==, 1);
  g_assert_cmpstr (((AttImportProblem *)g_ptr_array_index (report->notices, 0))->column, ==, "shoe_size");

  amina = att_pupils_find (f->db, UPN_1);
  g_assert_nonnull (amina);
  g_assert_cmpint (amina->dob, ==, D (2015, 4, 3));
  g_assert_cmpint (amina->admission, ==, D (2024, 9, 2));
  g_assert_cmpstr (amina->legal_surname, ==, "Khan");
  g_assert_cmpint (amina->year_group, ==, 4);
  g_assert_cmpstr (amina->reg_group, ==, "4K");
  g_assert_true (amina->fsm);
  g_assert_cmpint (amina->sen, ==, ATT_SEN_SUPPORT);
  ben = att_pupils_find (f->db, UPN_2);
  g_assert_cmpstr (ben->preferred_forename, ==, "Ben");
  g_assert_cmpint (ben->dob, ==, D (2015, 11, 14));

  /* The file without a mapping is what it always was: refused for the
   * columns it does not have, writing nothing. */
  {
    g_autofree char *path = write_file (f, "plain.csv", SIMS_THREE);
    g_autoptr(AttImportReport) plain = att_import_report_new ();

    g_assert_false (att_import_pupils (f->db, f->admin, path, FALSE, plain, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
    /* "DOB", "Gender" and "Reg Group" read as dob, sex and reg_group
     * by their own names; surname, forename, year_group and
     * admission_date are missing. */
    g_assert_cmpuint (plain->problems->len, ==, 4);
  }
}

/* A mapping naming a column the file does not have, or no column for a
 * required one, is a problem of the file. */
static void
test_mapping_problems (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = write_file (f, "sims.csv", SIMS_THREE);
  g_autoptr(GPtrArray) headers = att_import_read_headers (path, NULL);
  g_autoptr(AttImportMapping) mapping = att_import_mapping_guess (ATT_IMPORT_PUPILS, headers);
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;
  const AttImportProblem *first, *second;

  g_assert_cmpuint (headers->len, ==, 12);
  att_import_mapping_set (mapping, "dob", "Birthday");
  att_import_mapping_set (mapping, "sex", "");
  options.mapping = mapping;
  g_assert_false (att_import_file (f->db, f->admin, ATT_IMPORT_PUPILS, path, &options, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (report->problems->len, ==, 2);
  first = g_ptr_array_index (report->problems, 0);
  second = g_ptr_array_index (report->problems, 1);
  g_assert_cmpstr (first->column, ==, "dob");
  g_assert_cmpstr (first->message, ==, "the file has no column “Birthday”, which was chosen for this one");
  g_assert_cmpstr (second->column, ==, "sex");
  g_assert_cmpstr (second->message, ==, "no column of the file was chosen for this one, which is required");
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  /* Row 3 has a day that February 2015 does not have, and a sex that is
   * not one; row 4 is fine. */
  g_autofree char *path = write_file (f, "bad.csv",
                                      SIMS_HEADER
                                      UPN_1 ",Khan,Amina,,03/04/2015,F,4,4K,02/09/2024,Y,K,3\n"
                                      UPN_2 ",Smith,Benjamin,Ben,30/02/2015,X,4,4K,02/09/2024,N,N,4\n"
                                      UPN_3 ",Jones,Cara,,14/12/2015,F,4,4J,02/09/2024,N,N,2\n");
  g_autoptr(GPtrArray) headers = att_import_read_headers (path, NULL);
  g_autoptr(AttImportMapping) mapping = att_import_mapping_guess (ATT_IMPORT_PUPILS, headers);
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(AttImportPreview) preview = NULL;
  g_autoptr(AttImportPreview) short_preview = NULL;
  g_autoptr(AttImportReport) short_report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dob = NULL;
  g_autofree char *sex = NULL;
  g_autofree char *upn = NULL;
  AttImportPreviewRow *row;

  preview = att_import_preview (f->db, f->admin, ATT_IMPORT_PUPILS, path, mapping, ATT_DATE_NONE,
                                20, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->rows->len, ==, 3);
  /* The columns: dob (5th of ours) is read, preferred_surname (4th) not. */
  g_assert_true (preview->mapped[5]);
  g_assert_false (preview->mapped[3]);

  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpuint (row->row, ==, 2);
  g_assert_cmpstr (row->values[0], ==, UPN_1);
  g_assert_cmpstr (row->values[5], ==, "03/04/2015");
  g_assert_cmpuint (row->problems->len, ==, 0);

  row = g_ptr_array_index (preview->rows, 1);
  g_assert_cmpuint (row->row, ==, 3);
  g_assert_cmpuint (row->problems->len, ==, 2);
  dob = att_import_preview_row_problems (row, "dob");
  g_assert_cmpstr (dob, ==, "“30/02/2015” is not a date: February 2015 has 28 days");
  sex = att_import_preview_row_problems (row, "sex");
  g_assert_cmpstr (sex, ==, "“X” is not a sex: write M or F");
  upn = att_import_preview_row_problems (row, "upn");
  g_assert_null (upn);
  /* The same two in the report, by row. */
  g_assert_cmpuint (report->problems->len, ==, 2);
  g_assert_cmpuint (((AttImportProblem *)g_ptr_array_index (report->problems, 0))->row, ==, 3);
  /* Nothing written. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);

  /* A shorter preview keeps only its rows, and still checks the file. */
  short_preview = att_import_preview (f->db, f->admin, ATT_IMPORT_PUPILS, path, mapping,
                                      ATT_DATE_NONE, 1, short_report, &error);
  g_assert_cmpuint (short_preview->rows->len, ==, 1);
  g_assert_cmpuint (short_report->problems->len, ==, 2);
}

/* Next week's file lists the whole roll but Ben: he leaves on the date
 * given, and nobody is added twice. */
static void
test_reimport_records_leaver (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AttImportReport) first = att_import_report_new ();
  g_autoptr(AttImportReport) again = att_import_report_new ();
  g_autoptr(AttImportReport) third = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  AttPupil *ben;

  g_assert_true (import_guessed (f, "week1.csv", SIMS_THREE, ATT_DATE_NONE, first, &error));
  g_assert_no_error (error);

  /* Amina moved to 4J; Ben is not listed; Cara is as she was. */
  g_assert_true (import_guessed (f, "week2.csv",
                                 SIMS_HEADER
                                 UPN_1 ",Khan,Amina,,03/04/2015,F,4,4J,02/09/2024,Y,K,3\n"
                                 UPN_3 ",Jones,Cara,,14/12/2015,F,4,4J,02/09/2024,N,N,2\n",
                                 D (2025, 2, 28), again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->rows, ==, 2);
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->updated, ==, 1);
  g_assert_cmpuint (again->unchanged, ==, 1);
  g_assert_cmpuint (again->left, ==, 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 3);
  ben = att_pupils_find (f->db, UPN_2);
  g_assert_cmpint (ben->leaving, ==, D (2025, 2, 28));
  g_assert_cmpstr (att_pupils_find (f->db, UPN_1)->reg_group, ==, "4J");
  g_assert_cmpint (att_pupils_find (f->db, UPN_3)->leaving, ==, ATT_DATE_NONE);
  /* The leaver is said, and saved as any change of a pupil: audited. */
  g_assert_nonnull (strstr (((AttImportProblem *)g_ptr_array_index (again->notices, 1))->message,
                            "Ben Smith (UPN " UPN_2 ") is not in the file: leaves on 2025-02-28"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.update' "
                                      "AND new_value LIKE '%leaving_date\":\"2025-02-28%'"), ==, 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.import' "
                                      "AND detail LIKE '%1 updated, 1 unchanged, 1 left'"), ==, 1);

  /* The week after, Ben has already left: he is not a leaver again. */
  g_assert_true (import_guessed (f, "week3.csv",
                                 SIMS_HEADER
                                 UPN_1 ",Khan,Amina,,03/04/2015,F,4,4J,02/09/2024,Y,K,3\n"
                                 UPN_3 ",Jones,Cara,,14/12/2015,F,4,4J,02/09/2024,N,N,2\n",
                                 D (2025, 3, 7), third, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (third->unchanged, ==, 2);
  g_assert_cmpuint (third->left, ==, 0);
  g_assert_cmpint (att_pupils_find (f->db, UPN_2)->leaving, ==, D (2025, 2, 28));
}

/* Ben has marks after the leaving date the file would give him: the
 * import is refused naming him and the marks, and nothing is written. */
static void
test_leaver_over_marks_refused (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(AttImportReport) first = att_import_report_new ();
  g_autoptr(AttImportReport) again = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *marks = NULL;
  const AttImportProblem *problem;
  int audit;

  g_assert_true (import_guessed (f, "week1.csv", SIMS_THREE, ATT_DATE_NONE, first, &error));
  g_assert_no_error (error);
  /* Monday 3 and Tuesday 4 March 2025 */
  marks = write_file (f, "marks.csv",
                      "upn,date,session,code\n"
                      UPN_2 ",2025-03-03,am,/\n"
                      UPN_2 ",2025-03-03,pm,\\\n");
  g_assert_true (att_import_marks (f->db, f->admin, marks, FALSE, NULL, &error));
  g_assert_no_error (error);
  audit = count_rows (f->db, "SELECT count(*) FROM audit_log");

  g_assert_false (import_guessed (f, "week2.csv",
                                  SIMS_HEADER
                                  UPN_1 ",Khan,Amina,,03/04/2015,F,4,4J,02/09/2024,Y,K,3\n"
                                  UPN_3 ",Jones,Cara,,14/12/2015,F,4,4J,02/09/2024,N,N,2\n",
                                  D (2025, 2, 28), again, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpuint (again->problems->len, ==, 1);
  problem = g_ptr_array_index (again->problems, 0);
  g_assert_cmpuint (problem->row, ==, 0);
  g_assert_cmpstr (problem->message, ==,
                   "Ben Smith (UPN " UPN_2 ") is not in the file, so would leave on 2025-02-28: "
                   "the register holds 2 marks after the new leaving date 2025-02-28 "
                   "(Mon 3 Mar 2025 am /, Mon 3 Mar 2025 pm \\): keep the leaving date, or correct those marks first");
  g_assert_cmpuint (again->left, ==, 0);
  /* Nothing written: Ben on roll, Amina still in 4K, no new log rows. */
  g_assert_cmpint (att_pupils_find (f->db, UPN_2)->leaving, ==, ATT_DATE_NONE);
  g_assert_cmpstr (att_pupils_find (f->db, UPN_1)->reg_group, ==, "4K");
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log"), ==, audit);
}

typedef struct
{
  GArray       *fractions;
  GCancellable *cancellable;
  double        cancel_at;   /* cancels once the progress reaches this */
} Progress;

static void
on_progress (double   fraction,
             gpointer data)
{
  Progress *progress = data;

  g_array_append_val (progress->fractions, fraction);
  if (progress->cancellable != NULL && fraction >= progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

/* 200 pupils, each with a UPN of its own. */
static char *
many_pupils (void)
{
  GString *text = g_string_new ("upn,surname,forename,dob,sex,year_group,reg_group,admission_date\n");

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *rest = g_strdup_printf ("3832104%05u", i);

      g_string_append_printf (text, "%c%s,Pupil,Number%u,2015-04-03,F,4,4K,2024-09-02\n",
                              att_upn_check_letter (rest), rest, i);
    }
  return g_string_free (text, FALSE);
}

static void
test_progress_moves_forward (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *contents = many_pupils ();
  g_autofree char *path = write_file (f, "many.csv", contents);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, NULL, 2.0 };
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;

  options.progress = on_progress;
  options.progress_data = &progress;
  g_assert_true (att_import_file (f->db, f->admin, ATT_IMPORT_PUPILS, path, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 200);

  /* Checks at rows 0, 64, 128 and 192 (0 to 0.48), 0.5 when checked,
   * writes of pupils 0, 16, ..., 192 (13 of them), and 1 at the end. */
  g_assert_cmpuint (fractions->len, >=, 4 + 1 + 13 + 1);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static gboolean
is_cancelled (gpointer data)
{
  return g_cancellable_is_cancelled (data);
}

static void
test_cancel_writes_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *contents = many_pupils ();
  g_autofree char *path = write_file (f, "many.csv", contents);
  int audit = count_rows (f->db, "SELECT count(*) FROM audit_log");

  /* Cancelled while the rows are checked (at row 64), then while they
   * are written (the first write, at half way): nothing either time. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(AttImportReport) report = att_import_report_new ();
      Progress progress = { fractions, cancellable, i == 0 ? 0.1 : 0.5 };
      AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;
      g_autoptr(GError) error = NULL;

      options.progress = on_progress;
      options.progress_data = &progress;
      options.cancelled = is_cancelled;
      options.cancel_data = cancellable;
      g_assert_false (att_import_file (f->db, f->admin, ATT_IMPORT_PUPILS, path, &options, report, &error));
      g_assert_error (error, ATT_ERROR, ATT_ERROR_CANCELLED);
      g_assert_cmpstr (error->message, ==, "many.csv: nothing was imported: the import was cancelled");
      g_assert_cmpuint (report->added, ==, 0);
      g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
      g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM audit_log"), ==, audit);
    }
}

static void
test_parse_cli_mapping (void)
{
  g_autoptr(AttImportMapping) mapping = att_import_mapping_new (ATT_IMPORT_PUPILS);
  g_autoptr(GError) error = NULL;

  g_assert_true (att_import_mapping_parse (mapping, "dob=Date of Birth", &error));
  g_assert_cmpstr (att_import_mapping_get (mapping, "dob"), ==, "Date of Birth");
  g_assert_true (att_import_mapping_parse (mapping, "Year Group=NC Year", &error));
  g_assert_cmpstr (att_import_mapping_get (mapping, "year_group"), ==, "NC Year");
  g_assert_false (att_import_mapping_parse (mapping, "shoe=Shoe Size", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“shoe” is not a column of a pupils file");
  g_clear_error (&error);
  g_assert_false (att_import_mapping_parse (mapping, "dob", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-mapping/guess/sims", test_guess_sims);
  g_test_add_func ("/import-mapping/guess/own-headers", test_guess_own_headers);
  g_test_add_func ("/import-mapping/parse", test_parse_cli_mapping);
  ADD ("/import-mapping/remember-per-shape", test_remember_per_shape);
  ADD ("/import-mapping/import/uk-dates", test_import_mapped_uk_dates);
  ADD ("/import-mapping/import/mapping-problems", test_mapping_problems);
  ADD ("/import-mapping/preview", test_preview);
  ADD ("/import-mapping/reimport/leaver", test_reimport_records_leaver);
  ADD ("/import-mapping/reimport/leaver-over-marks", test_leaver_over_marks_refused);
  ADD ("/import-mapping/progress", test_progress_moves_forward);
  ADD ("/import-mapping/cancel", test_cancel_writes_nothing);

  return g_test_run ();
}
