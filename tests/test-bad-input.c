/* test-bad-input.c: hostile and broken files, each refused with the
 * message it gets and nothing changed
 *
 * Every case of the table below is a file handed to one of the imports on
 * a school that already has pupils, contacts and marks: it must be
 * refused with exactly the message given, and the school's pupils,
 * contacts, marks, their history, the compact register and the audit log
 * must be byte for byte what they were. The same table is in HACKING.md
 * ("Hostile and broken input"); keep the two together.
 *
 * Then the databases that are not what they should be (not SQLite, from a
 * newer version, cut short, ...), each refused at open with its message
 * and left byte for byte as it was; the files that are good in another
 * form (CR, CRLF, a BOM) and give the same school as plain LF; and the
 * inputs the fuzz targets found, kept as fixed cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "att-csv-private.h"
#include "att-db-private.h"
#include "att-import-private.h"
#include "att-test-util.h"

/* Valid UPNs (check letters worked out in test-import.c). */
#define UPN_1 "E383210413001"
#define UPN_2 "U383210413002"
#define UPN_3 "H383210413003"
/* Valid, but no pupil of the school has it. */
#define UPN_4 "X383210413004"

#define PUPILS_HEADER "upn,surname,forename,dob,sex,year_group,reg_group,admission_date\n"
#define PUPIL_ROW UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
#define CONTACTS_HEADER "upn,priority,forename,surname,relationship\n"
#define MARKS_HEADER "upn,date,session,code\n"

typedef enum
{
  PUPILS,
  CONTACTS,
  MARKS,
} Kind;

typedef struct
{
  AttTestDb *t;
  AttUser   *admin;     /* imports are an administrator's */
} School;

/* The school every case starts from: the autumn term of 2024 (INSET on
 * Friday 13 September), its administrator, who imports, three Year 6
 * pupils, two contacts of Amina's and three marks, all through the real
 * imports. */
static void
school_init (School *school)
{
  static const char pupils[] =
    PUPILS_HEADER
    UPN_1 ",Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
    UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n"
    UPN_3 ",Adams,Cara,2012-12-01,F,6,6A,2017-09-04\n";
  static const char contacts[] =
    CONTACTS_HEADER
    UPN_1 ",1,Sara,Khan,Mother\n"
    UPN_1 ",2,Omar,Khan,Father\n";
  static const char marks[] =
    MARKS_HEADER
    UPN_1 ",2024-09-02,am,/\n"
    UPN_1 ",2024-09-02,pm,I\n"
    UPN_2 ",2024-09-03,am,L\n";
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2025-01-10", TRUE);
  school->t = att_test_db_new ();
  att_test_add_autumn_2024 (school->t->db);
  school->admin = att_test_add_user (school->t->db, "Ade Admin", ATT_ROLE_ADMIN, "Data manager");
  g_assert_true (att_import_pupils_data (school->t->db, school->admin, "seed.csv",
                                         pupils, strlen (pupils), FALSE, NULL, &error));
  g_assert_true (att_import_contacts_data (school->t->db, school->admin, "seed.csv",
                                           contacts, strlen (contacts), FALSE, NULL, &error));
  g_assert_true (att_import_marks_data (school->t->db, school->admin, "seed.csv",
                                        marks, strlen (marks), FALSE, NULL, &error));
  g_assert_no_error (error);
}

static void
school_clear (School *school)
{
  att_user_free (school->admin);
  att_test_db_free (school->t);
}

/* Every row of the tables an import could touch, in order, as text: two
 * dumps are equal exactly when the tables are byte for byte the same. */
static char *
dump (AttDb *db)
{
  static const char * const tables[] = {
    "pupils", "contacts", "marks", "mark_history", "mark_years", "audit_log",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      /* In the order of each table's key (some have no rowid). */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2, 3", tables[i]);
      sqlite3_stmt *stmt = att_db_prepare (db, sql, NULL);
      int rc;

      g_assert_nonnull (stmt);
      g_string_append_printf (out, "[%s]\n", tables[i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guchar *bytes = sqlite3_column_blob (stmt, c);
              int n = sqlite3_column_bytes (stmt, c);

              g_string_append_c (out, c > 0 ? '|' : ' ');
              if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
                g_string_append (out, "NULL");
              else
                for (int b = 0; b < n; b++)
                  g_string_append_printf (out, "%02x", bytes[b]);
            }
          g_string_append_c (out, '\n');
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  return g_string_free (out, FALSE);
}

static gboolean
run_import (School           *school,
            Kind              kind,
            const char       *path,
            AttImportReport  *report,
            GError          **error)
{
  switch (kind)
    {
    case PUPILS:
      return att_import_pupils (school->t->db, school->admin, path, FALSE, report, error);
    case CONTACTS:
      return att_import_contacts (school->t->db, school->admin, path, FALSE, report, error);
    case MARKS:
      return att_import_marks (school->t->db, school->admin, path, FALSE, report, error);
    default:
      g_assert_not_reached ();
    }
}

/* Files made by code rather than written out */

/* A pupil whose surname is 1 MiB long, on row 3. */
static void
make_megabyte_field (GString *out)
{
  g_string_append (out, PUPILS_HEADER PUPIL_ROW UPN_2 ",");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (out, 'a');
  g_string_append (out, ",Ben,2013-01-20,M,6,6B,2017-09-04\n");
}

/* A NUL byte in the forename on row 200, well after the start of the
 * file that is looked at to tell what kind of file it is (4 KiB: the
 * header and 198 rows of 54 bytes, 10,757 bytes, come first). */
static void
make_late_nul (GString *out)
{
  g_string_append (out, PUPILS_HEADER);
  for (guint i = 2; i < 200; i++)
    g_string_append (out, PUPIL_ROW);
  g_string_append (out, UPN_2 ",Jones,B");
  g_string_append_c (out, '\0');
  g_string_append (out, "en,2013-01-20,M,6,6B,2017-09-04\n");
}

/* 20,001 pupils: one more than a file of pupils may have. */
static void
make_too_many_pupils (GString *out)
{
  g_string_append (out, PUPILS_HEADER);
  for (guint i = 0; i < 20001; i++)
    g_string_append (out, PUPIL_ROW);
}

/* A contacts file with 9,000 more columns, 18,033 characters of
 * header. */
static void
make_wide_header (GString *out)
{
  g_string_append (out, "upn,priority,surname,relationship");
  for (guint i = 0; i < 9000; i++)
    g_string_append (out, ",x");
  g_string_append (out, "\n" UPN_1 ",3,Khan,Aunt\n");
}

/* A value in quotes that runs on over 100 KB of lines (the closing quote
 * lost): the row is too long, reported where the quote opened. */
static void
make_runaway_quote (GString *out)
{
  g_string_append (out, MARKS_HEADER UPN_1 ",2024-09-04,am,/\n" UPN_1 ",2024-09-04,pm,\"/\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (out, UPN_1 ",2024-09-05,am,/\n");
}

typedef struct
{
  const char *name;       /* the test's name */
  Kind        kind;
  const char *data;       /* the file, or NULL when made by @make */
  gsize       length;     /* of @data, when it holds NUL bytes; else 0 */
  void      (*make) (GString *out);
  const char *message;    /* exactly what the refusal says */
} BadInput;

#define BAD(name, kind, data, message) { name, kind, data, 0, NULL, message }
#define BAD_BYTES(name, kind, data, message) { name, kind, data, sizeof data - 1, NULL, message }
#define BAD_MADE(name, kind, make, message) { name, kind, NULL, 0, make, message }

static const BadInput bad_inputs[] = {
  /* What the file is */
  BAD ("latin-1", PUPILS,
       PUPILS_HEADER PUPIL_ROW UPN_2 ",Ren\xE9,Zoe,2013-01-20,F,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 3, surname: the text after “Ren” is not UTF-8 (the file was probably saved as Windows or Latin-1 text): open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"),
  BAD ("windows-1252-quotes", CONTACTS,
       CONTACTS_HEADER UPN_2 ",1,\x93Tom\x94,Jones,Father\n",
       "bad.csv: 1 problem, nothing was imported: row 2, forename: the text is not UTF-8 (the file was probably saved as Windows or Latin-1 text): open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"),
  BAD_BYTES ("utf-16le-bom", PUPILS,
             "\xFF\xFEu\0p\0n\0,\0s\0u\0r\0n\0a\0m\0e\0\n\0",
             "bad.csv: 1 problem, nothing was imported: the file is saved as UTF-16 (“Unicode text”), not UTF-8: open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"),
  BAD_BYTES ("utf-16be-bom", PUPILS,
             "\xFE\xFF\0u\0p\0n\0,\0s\0u\0r\0n\0a\0m\0e\0\n",
             "bad.csv: 1 problem, nothing was imported: the file is saved as UTF-16 (“Unicode text”), not UTF-8: open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"),
  BAD_BYTES ("utf-16le-no-bom", MARKS,
             "u\0p\0n\0,\0d\0a\0t\0e\0\n\0",
             "bad.csv: 1 problem, nothing was imported: the file is saved as UTF-16 (“Unicode text”), not UTF-8: open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"),
  BAD_BYTES ("utf-32-bom", PUPILS,
             "\xFF\xFE\0\0u\0\0\0p\0\0\0n\0\0\0",
             "bad.csv: 1 problem, nothing was imported: the file is saved as UTF-32 text, not UTF-8: open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"),
  BAD_BYTES ("excel-workbook", PUPILS,
             "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml",
             "bad.csv: 1 problem, nothing was imported: this is an Excel workbook (or another zipped file), not a CSV file: open it in the spreadsheet and save it as “CSV UTF-8 (comma delimited)”"),
  BAD_BYTES ("old-excel-workbook", PUPILS,
             "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0",
             "bad.csv: 1 problem, nothing was imported: this is an old Excel workbook (.xls) or Word document, not a CSV file: open it in the spreadsheet and save it as “CSV UTF-8 (comma delimited)”"),
  BAD ("pdf", CONTACTS,
       "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
       "bad.csv: 1 problem, nothing was imported: this is a PDF document, not a CSV file: choose the CSV file exported from the management information system"),
  BAD_BYTES ("sqlite-database", MARKS,
             "SQLite format 3\0\x10\0\x02\x02\0@  \0\0\0\x01",
             "bad.csv: 1 problem, nothing was imported: this is a database, not a CSV file: choose the CSV file exported from the management information system"),
  BAD_BYTES ("png-picture", PUPILS,
             "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10",
             "bad.csv: 1 problem, nothing was imported: this is not a text file (it holds NUL bytes): choose the CSV file exported from the management information system"),
  BAD_BYTES ("nul-in-header", MARKS,
             "upn,da\0te,session,code\n",
             "bad.csv: 1 problem, nothing was imported: this is not a text file (it holds NUL bytes): choose the CSV file exported from the management information system"),
  BAD_MADE ("nul-in-row-200", PUPILS, make_late_nul,
            "bad.csv: 1 problem, nothing was imported: row 200, forename: this row holds a NUL byte, "
       "which a text file never has: the file is damaged, or is not a CSV file"),

  /* Its shape */
  BAD ("empty", PUPILS, "",
       "bad.csv: 1 problem, nothing was imported: the file is empty: it needs a first row of column names"),
  BAD ("blank-lines-only", CONTACTS, "\n\r\n\n  \n \t, ,\n",
       "bad.csv: 1 problem, nothing was imported: the file is empty: it needs a first row of column names"),
  BAD ("bom-only", MARKS, "\xEF\xBB\xBF",
       "bad.csv: 1 problem, nothing was imported: the file is empty: it needs a first row of column names"),
  BAD_MADE ("megabyte-field", PUPILS, make_megabyte_field,
            "bad.csv: 1 problem, nothing was imported: row 3: this row is longer than 16384 characters, the most a row may have: is this the right file, saved as CSV?"),
  BAD_MADE ("runaway-quote", MARKS, make_runaway_quote,
            "bad.csv: 1 problem, nothing was imported: row 3: this row is longer than 16384 characters, the most a row may have: is this the right file, saved as CSV?"),
  BAD_MADE ("too-many-pupils", PUPILS, make_too_many_pupils,
            "bad.csv: 1 problem, nothing was imported: the file has more than 20,000 rows, more than any school has pupils: is it the right file?"),
  BAD ("unterminated-quote", CONTACTS,
       CONTACTS_HEADER UPN_2 ",1,\"Tom,Jones,Father\n" UPN_3 ",1,Ann,Adams,Mother\n",
       "bad.csv: 1 problem, nothing was imported: row 2, forename: a quoted value starts here but is never closed (a \" is missing)"),
  BAD ("too-many-values", PUPILS,
       PUPILS_HEADER UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04,Smith, Jr\n",
       "bad.csv: 1 problem, nothing was imported: row 2: this row has 10 values but the file has 8 columns: put any value holding a comma in double quotes"),
  BAD ("semicolons", PUPILS,
       "upn;surname;forename;dob;sex;year_group;reg_group;admission_date\n"
       UPN_2 ";Jones;Ben;20/01/2013;M;6;6B;04/09/2017\n",
       "bad.csv: 1 problem, nothing was imported: row 1: the values are separated by semicolons, not commas: save the file again as “CSV UTF-8 (comma delimited)”"),
  BAD ("sep-semicolon", MARKS,
       "sep=;\nupn;date;session;code\n" UPN_1 ";2024-09-04;am;/\n",
       "bad.csv: 1 problem, nothing was imported: row 1: the values are separated by semicolons, not commas: save the file again as “CSV UTF-8 (comma delimited)”"),
  BAD ("sep-only", PUPILS, "sep=,\n",
       "bad.csv: 1 problem, nothing was imported: the file is empty: it needs a first row of column names"),
  BAD ("tabs", MARKS,
       "upn\tdate\tsession\tcode\n" UPN_1 "\t2024-09-04\tam\t/\n",
       "bad.csv: 1 problem, nothing was imported: row 1: the values are separated by tabs, not commas: save the file again as “CSV UTF-8 (comma delimited)”"),
  BAD_MADE ("wide-header", CONTACTS, make_wide_header,
            "bad.csv: 1 problem, nothing was imported: row 1: this row is longer than 16384 characters, the most a row may have: is this the right file, saved as CSV?"),

  /* Its columns */
  BAD ("missing-column", PUPILS,
       "upn,surname,forename,sex,year_group,reg_group,admission_date\n"
       UPN_2 ",Jones,Ben,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: column dob: the file has no “dob” column (or “date_of_birth”), which is required"),
  BAD ("duplicate-column", MARKS,
       "upn,date,session,code,UPN\n" UPN_1 ",2024-09-04,am,/," UPN_1 "\n",
       "bad.csv: 1 problem, nothing was imported: column upn: the file has this column twice: keep one of them"),
  BAD ("column-and-alias", PUPILS,
       "upn,surname,forename,dob,Date of Birth,sex,year_group,reg_group,admission_date\n"
       UPN_2 ",Jones,Ben,2013-01-20,2013-01-20,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: column dob: the file has this column twice, as “dob” and as “date_of_birth”: keep one of them"),
  BAD ("wrong-file", PUPILS,
       CONTACTS_HEADER UPN_1 ",1,Sara,Khan,Mother\n",
       "bad.csv: 5 problems, nothing was imported: column dob: the file has no “dob” column (or "
       "“date_of_birth”), which is required; column sex: the file has no “sex” column (or "
       "“gender”), which is required; column year_group: the file has no “year_group” column, "
       "which is required; column reg_group: the file has no “reg_group” column, which is "
       "required; column admission_date: the file has no “admission_date” column, which is "
       "required"),

  /* Its values */
  BAD ("date-31-february", PUPILS,
       PUPILS_HEADER UPN_2 ",Jones,Ben,31/02/2013,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, dob: “31/02/2013” is not a date: "
       "February 2013 has 28 days"),
  BAD ("date-month-13", MARKS,
       MARKS_HEADER UPN_1 ",2024-13-04,am,/\n",
       "bad.csv: 1 problem, nothing was imported: row 2, date: “2024-13-04” is not a date: there "
       "is no month 13"),
  BAD ("date-american", MARKS,
       MARKS_HEADER UPN_1 ",09/23/2024,am,/\n",
       "bad.csv: 1 problem, nothing was imported: row 2, date: “09/23/2024” is not a date: there "
       "is no month 23; dates are written day first, so this may be 23/09/2024"),
  BAD ("upn-bad-check-letter", PUPILS,
       PUPILS_HEADER "A383210413002,Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, upn: UPN A383210413002: the check letter "
       "should be U"),
  BAD ("upn-too-short", PUPILS,
       PUPILS_HEADER "U38321041300,Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, upn: UPN U38321041300: a UPN has 13 "
       "characters, a letter then 12 digits (this one has 12)"),
  BAD ("upn-not-ascii", PUPILS,
       PUPILS_HEADER "U38321041\xC3\xA9" "02,Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, upn: UPN U38321041\xC3\xA9" "02: a UPN "
       "holds only capital letters and digits (a letter then 12 digits)"),
  BAD ("unknown-code", MARKS,
       MARKS_HEADER UPN_1 ",2024-09-04,am,K9\n",
       "bad.csv: 1 problem, nothing was imported: row 2, code: “K9” is not an attendance code or "
       "a sub-code this program knows (a code followed by 01 to 09, such as I01): write the DfE "
       "code itself"),
  BAD ("unknown-session", MARKS,
       MARKS_HEADER UPN_1 ",2024-09-04,morning,/\n",
       "bad.csv: 1 problem, nothing was imported: row 2, session: “morning” is not a session: "
       "write am or pm"),
  BAD ("not-a-school-day", MARKS,
       MARKS_HEADER UPN_1 ",2024-09-07,am,/\n",
       "bad.csv: 1 problem, nothing was imported: row 2: Amina Khan (E383210413001), Sat 7 Sep "
       "2024 AM: It is a weekend, when there is no school session"),
  BAD ("future-mark", MARKS,
       MARKS_HEADER UPN_1 ",2025-06-02,am,/\n",
       "bad.csv: 1 problem, nothing was imported: row 2: Amina Khan (E383210413001), Mon 2 Jun "
       "2025 AM: It is outside term time, when there is no school session (if the school was "
       "open, add the term to the calendar first)"),
  BAD ("minutes-not-a-number", MARKS,
       "upn,date,session,code,minutes_late\n" UPN_1 ",2024-09-04,am,L,ten\n",
       "bad.csv: 1 problem, nothing was imported: row 2, minutes_late: “ten” is not a number of "
       "minutes"),
  BAD ("duplicate-pupil", PUPILS,
       PUPILS_HEADER UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n"
       UPN_2 ",Jones,Benjamin,2013-01-20,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 3, upn: UPN U383210413002 is also on row 2: "
       "each pupil once"),
  BAD ("duplicate-mark", MARKS,
       MARKS_HEADER UPN_1 ",2024-09-04,am,/\n" UPN_1 ",04/09/2024,AM,L\n",
       "bad.csv: 1 problem, nothing was imported: row 3: UPN E383210413001, 2024-09-04 am is on "
       "row 2 too: each session once"),
  BAD ("contact-unknown-pupil", CONTACTS,
       CONTACTS_HEADER UPN_4 ",1,Sam,Patel,Mother\n",
       "bad.csv: 1 problem, nothing was imported: row 2, upn: There is no pupil with UPN "
       "X383210413004: check the UPN, or import the pupils first"),
  BAD ("mark-unknown-pupil", MARKS,
       MARKS_HEADER UPN_4 ",2024-09-04,am,/\n",
       "bad.csv: 1 problem, nothing was imported: row 2, upn: There is no pupil with UPN "
       "X383210413004: check the UPN, or import the pupils first"),
  BAD ("contact-duplicate-priority", CONTACTS,
       CONTACTS_HEADER UPN_2 ",1,Tom,Jones,Father\n" UPN_2 ",1,Ann,Jones,Mother\n",
       "bad.csv: 1 problem, nothing was imported: row 3, priority: UPN U383210413002 has a "
       "contact with priority 1 on row 2 too: each priority once per pupil"),
  BAD ("contact-priority-zero", CONTACTS,
       CONTACTS_HEADER UPN_2 ",0,Tom,Jones,Father\n",
       "bad.csv: 1 problem, nothing was imported: row 2, priority: “0” is not a priority: write a "
       "whole number from 1 (called first) to 99"),
  BAD ("sex-unknown", PUPILS,
       PUPILS_HEADER UPN_2 ",Jones,Ben,2013-01-20,X,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, sex: “X” is not a sex: write M or F"),
  BAD ("year-group-15", PUPILS,
       PUPILS_HEADER UPN_2 ",Jones,Ben,2013-01-20,M,15,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, year_group: “15” is not a year group: "
       "write R for Reception or a year from 1 to 14"),
  BAD ("yes-no-unknown", PUPILS,
       "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,fsm\n"
       UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04,maybe\n",
       "bad.csv: 1 problem, nothing was imported: row 2, fsm: “maybe” is not yes or no: write Y "
       "or N (1/0, yes/no and true/false work too)"),
  BAD ("required-empty", PUPILS,
       PUPILS_HEADER UPN_2 ",,Ben,2013-01-20,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, surname: this value is required but empty"),
  BAD ("leaving-before-admission", PUPILS,
       "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,leaving_date\n"
       UPN_2 ",Jones,Ben,2013-01-20,M,6,6B,2017-09-04,2016-07-20\n",
       "bad.csv: 1 problem, nothing was imported: row 2, leaving_date: Leaving date is before the "
       "admission date"),
  BAD ("terminal-escape", CONTACTS,
       CONTACTS_HEADER UPN_2 ",1,Tom\x1B[31m,Jones,Father\n",
       "bad.csv: 1 problem, nothing was imported: row 2, forename: Forename holds an escape "
       "character (U+001B) at character 4: remove it"),
  BAD ("formula-upn", MARKS,
       MARKS_HEADER "=HYPERLINK(\"http://x\"),2024-09-04,am,/\n",
       "bad.csv: 1 problem, nothing was imported: row 2, upn: UPN =HYPERLINK(\"HTTP://X\"): a UPN "
       "has 13 characters, a letter then 12 digits (this one has 22)"),
  /* The fuzz targets' finds, kept. A UPN of 13 bytes holding a BOM
   * was reported with a byte cut out of a character. */
  BAD ("fuzz-upn-bom", PUPILS,
       PUPILS_HEADER "U383210\xEF\xBB\xBFUPN,Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n",
       "bad.csv: 1 problem, nothing was imported: row 2, upn: UPN U383210\xEF\xBB\xBF" "UPN: a "
       "UPN holds only capital letters and digits (a letter then 12 digits)"),
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  School school;

  school_init (&school);
  if (bad->make != NULL)
    bad->make (contents);
  else
    g_string_append_len (contents, bad->data, bad->length ? (gssize)bad->length : -1);
  path = g_build_filename (school.t->dir, "bad.csv", NULL);
  g_assert_true (g_file_set_contents (path, contents->str, contents->len, NULL));

  before = dump (school.t->db);
  g_assert_false (run_import (&school, bad->kind, path, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  if (bad->message == NULL || strcmp (error->message, bad->message) != 0)
    g_test_message ("%s: %s", bad->name, error->message);
  g_assert_cmpstr (error->message, ==, bad->message);
  /* A refusal is short, whatever the file. */
  g_assert_cmpuint (strlen (error->message), <, 1200);
  g_assert_cmpuint (report->added + report->updated, ==, 0);

  after = dump (school.t->db);
  g_assert_true (strcmp (before, after) == 0);
  school_clear (&school);
}

/* Two million rows */

/* A marks file of 2,000,000 rows (every session of a school year for
 * 2,600 pupils, and as many again), 62 MB, written a row at a time. It is
 * refused when the first reading passes the 1,000,000th row, without
 * holding more than a row of it: the file is never read whole, and no row
 * is checked against the register. */
static void
test_two_million_rows (void)
{
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct rusage usage;
  glong peak_before;
  gint64 start;
  School school;
  FILE *file;

  school_init (&school);
  path = g_build_filename (school.t->dir, "marks.csv", NULL);
  file = g_fopen (path, "w");
  g_assert_nonnull (file);
  fputs (MARKS_HEADER, file);
  /* 31 bytes a row: 2,000,000 rows are 62,000,022 bytes with the
   * header. */
  for (guint i = 0; i < 2000000; i++)
    fputs (UPN_1 ",2024-09-04,am,/\n", file);
  g_assert_cmpint (fclose (file), ==, 0);

  before = dump (school.t->db);
  getrusage (RUSAGE_SELF, &usage);
  peak_before = usage.ru_maxrss;
  start = g_get_monotonic_time ();
  g_assert_false (att_import_marks (school.t->db, school.admin, path, FALSE, report, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpstr (error->message, ==,
                   "marks.csv: 1 problem, nothing was imported: the file has more than "
                   "1,000,000 rows, the most a marks file may have (a school year of marks "
                   "for 2,600 pupils): export the marks a term at a time and import each file");
  g_test_message ("refused in %.1f s", (g_get_monotonic_time () - start) / 1e6);
  /* No row was checked against the register. */
  g_assert_cmpuint (report->rows, ==, 0);

#if !defined(__SANITIZE_ADDRESS__) && !defined(__has_feature)
# define MEASURE_PEAK 1
#elif defined(__has_feature)
# if !__has_feature(address_sanitizer)
#  define MEASURE_PEAK 1
# endif
#endif
#ifdef MEASURE_PEAK
  /* The peak grew by far less than the 62 MB file (the sanitizers keep
   * freed memory aside, so this is measured only without them). */
  getrusage (RUSAGE_SELF, &usage);
  g_test_message ("peak grew by %ld KiB", usage.ru_maxrss - peak_before);
  g_assert_cmpint (usage.ru_maxrss - peak_before, <, 16 * 1024);
#endif

  after = dump (school.t->db);
  g_assert_true (strcmp (before, after) == 0);
  school_clear (&school);
}

/* Databases that are not what they should be */

typedef struct
{
  const char *name;
  void      (*make) (const char *good, const char *path);
  const char *message;    /* @PATH@ is the file's path */
} BadDatabase;

static void
write_bytes (const char *path,
             const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
}

static void
make_text (const char *good,
           const char *path)
{
  static const char text[] = "Dear parent, this is a letter and not a database at all. "
                             "It is long enough to fill the header SQLite would read.\n";

  write_bytes (path, text, sizeof text - 1);
}

static void
make_csv (const char *good,
          const char *path)
{
  static const char text[] = PUPILS_HEADER PUPIL_ROW;

  write_bytes (path, text, sizeof text - 1);
}

static void
make_empty (const char *good,
            const char *path)
{
  write_bytes (path, "", 0);
}

static void
make_header_only (const char *good,
                  const char *path)
{
  write_bytes (path, "SQLite format 3", 16);
}

/* The school's file cut after its first two pages. */
static void
make_cut (const char *good,
          const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4 * 4096);
  write_bytes (path, contents, 2 * 4096);
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static void
make_newer (const char *good,
            const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", att_db_n_migrations () + 1);
  gsize length = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  write_bytes (path, contents, length);
  run_sql (path, bump);
}

static void
make_other_program (const char *good,
                    const char *path)
{
  run_sql (path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('scones')");
}

static void
make_table_gone (const char *good,
                 const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  write_bytes (path, contents, length);
  run_sql (path, "DROP TABLE contacts");
}

static const BadDatabase bad_databases[] = {
  { "text", make_text,
    "@PATH@ is not an attendance database (it is not a database at all, or it is damaged beyond "
    "reading): if it held the school's register, restore the latest backup with "
    "“attendance-cli restore FILE --user NAME” (an administrator)" },
  { "csv", make_csv,
    "@PATH@ is not an attendance database (it is not a database at all, or it is damaged beyond "
    "reading): if it held the school's register, restore the latest backup with "
    "“attendance-cli restore FILE --user NAME” (an administrator)" },
  { "empty", make_empty,
    "@PATH@ is an empty file, not an attendance database: restore it from a backup, or remove it "
    "and create a new one" },
  { "header-only", make_header_only,
    "@PATH@ is damaged: it holds 16 bytes of the 100 bytes it should (a copy that did not finish, "
    "or a full disk); restore the latest backup with “attendance-cli restore FILE --user NAME” "
    "(an administrator)" },
  { "cut-short", make_cut,
    NULL },
  { "newer-version", make_newer,
    NULL },
  { "other-program", make_other_program,
    "@PATH@ is the database of another program, not an attendance database: nothing was changed; "
    "open the school's own file, or restore it from a backup" },
  { "table-gone", make_table_gone,
    "@PATH@ has no table “contacts”, which every attendance database has: it was damaged or "
    "changed by another program; restore the latest backup with “attendance-cli restore FILE "
    "--user NAME” (an administrator)" },
};

static void
test_bad_database (gconstpointer data)
{
  const BadDatabase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  gsize before_length = 0, after_length = 0;
  School school;
  AttDb *db;

  /* A school of 300 settings, so that its file has more than four
   * pages, copied whole while closed. */
  school_init (&school);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *key = g_strdup_printf ("note-%u", i);
      g_autofree char *value = g_strnfill (200, 'v');

      g_assert_true (att_db_put_setting (school.t->db, key, value, NULL));
    }
  g_clear_object (&school.t->db);
  good = g_strdup (school.t->path);

  path = g_build_filename (school.t->dir, "bad.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  bad->make (good, path);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  db = att_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_DATABASE);
  if (strcmp (bad->name, "cut-short") == 0)
    {
      /* Two pages of 4 KiB are left; the size it should be depends on
       * the school's file, so the start and the end are what is fixed. */
      g_autofree char *head = g_strdup_printf ("%s is damaged: it holds 8.2\xC2\xA0kB of the ",
                                               path);

      /* g_format_size() puts a no-break space before the unit. */
      g_assert_true (g_str_has_prefix (error->message, head));
      g_assert_true (g_str_has_suffix (error->message,
                                       "\xC2\xA0kB it should (a copy that did not finish, or a full "
                                       "disk); restore the latest backup with “attendance-cli "
                                       "restore FILE --user NAME” (an administrator)"));
    }
  else
    {
      if (bad->message != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (bad->message, "@PATH@", -1);

          expected = g_strjoinv (path, parts);
        }
      else
        expected = g_strdup_printf ("%s was written by a newer version of Attendance "
                                    "(schema %u, this version knows %u): nothing was changed; "
                                    "update Attendance to open it",
                                    path, att_db_n_migrations () + 1, att_db_n_migrations ());
      g_assert_cmpstr (error->message, ==, expected);
    }

  /* Byte for byte as it was, and nothing left beside it. */
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  school_clear (&school);
}

/* Good files in other forms */

/* The same two pupils with LF, CRLF, CR (old Macintosh), CR CR LF (CRLF
 * converted twice), a byte-order mark, line breaks of every kind in one
 * file, and a first line "sep=,": each gives the school the same rows as
 * plain LF. */
static void
test_line_endings (void)
{
  static const char * const forms[] = {
    "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,medical_note\n"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2017-09-04,\"Asthma\ninhaler in office\"\n"
    "L383210413005,Smith,Zoe,2013-04-04,F,6,6A,2017-09-04,\n",

    "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,medical_note\r\n"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2017-09-04,\"Asthma\r\ninhaler in office\"\r\n"
    "L383210413005,Smith,Zoe,2013-04-04,F,6,6A,2017-09-04,\r\n",

    "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,medical_note\r"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2017-09-04,\"Asthma\ninhaler in office\"\r"
    "L383210413005,Smith,Zoe,2013-04-04,F,6,6A,2017-09-04,\r",

    "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,medical_note\r\r\n"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2017-09-04,\"Asthma\r\r\ninhaler in office\"\r\r\n"
    "L383210413005,Smith,Zoe,2013-04-04,F,6,6A,2017-09-04,\r\r\n",

    "\xEF\xBB\xBFupn,surname,forename,dob,sex,year_group,reg_group,admission_date,medical_note\n"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2017-09-04,\"Asthma\ninhaler in office\"\n"
    "L383210413005,Smith,Zoe,2013-04-04,F,6,6A,2017-09-04,",

    "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,medical_note\r"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2017-09-04,\"Asthma\r\ninhaler in office\"\n\n\r\n"
    "L383210413005,Smith,Zoe,2013-04-04,F,6,6A,2017-09-04,\r\n",

    /* Excel's line naming the separator. */
    "sep=,\r\n"
    "upn,surname,forename,dob,sex,year_group,reg_group,admission_date,medical_note\r\n"
    UPN_4 ",Patel,Dev,2013-03-03,M,6,6A,2017-09-04,\"Asthma\r\ninhaler in office\"\r\n"
    "L383210413005,Smith,Zoe,2013-04-04,F,6,6A,2017-09-04,\r\n",
  };
  g_autofree char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(AttImportReport) report = att_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *rows = NULL;
      School school;
      sqlite3_stmt *stmt;

      school_init (&school);
      g_assert_true (att_import_pupils_data (school.t->db, school.admin, "pupils.csv",
                                             forms[i], strlen (forms[i]), FALSE, report, &error));
      g_assert_no_error (error);
      /* Two added, on rows 2 and 3 whatever the line breaks. */
      g_assert_cmpuint (report->added, ==, 2);
      g_assert_cmpuint (report->notices->len, ==, 0);
      stmt = att_db_prepare (school.t->db,
                             "SELECT group_concat(upn || '|' || legal_surname || '|' || "
                             "coalesce(medical_note, ''), '/') FROM pupils", NULL);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      rows = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (first == NULL)
        {
          /* The medical note keeps its line break, as LF. */
          g_assert_nonnull (strstr (rows, "|Asthma\ninhaler in office"));
          first = g_steal_pointer (&rows);
        }
      else
        g_assert_cmpstr (rows, ==, first);
      school_clear (&school);
    }
}

/* The reader gives the same rows whatever the size of its buffer, so a
 * row that crosses the buffer's edge is read as any other; among them
 * the inputs the CSV fuzz target found (a value holding CR CR LF, which
 * read back as CR LF, and bytes that look like UTF-16 only in part). */
static void
test_reader_buffers (void)
{
  g_autoptr(GString) long_file = g_string_new ("a,b,c\n");
  static const char cr_cr_lf[] = "a 07\n07\r'Tis,\"\tx,b\r\r\n07\r'Tis,\"\tx\n=1+2,@SUMA(1)\r\n";
  static const char half_utf16[] = "\0" "2\0\xC6\0" "2\0\xC6\0" "2\0c\0" "2\0c\"t";

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (long_file, "%u,\"value %u\r\nover two lines\",\"say \"\"%u\"\"\"\n",
                            i, i, i);

  {
    g_autoptr(AttCsv) whole = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GInputStream) stream = NULL;
    g_autoptr(AttCsvReader) reader = NULL;
    GPtrArray *fields;
    guint row, n = 0;

    whole = att_csv_parse (long_file->str, long_file->len, &error);
    g_assert_no_error (error);
    stream = g_memory_input_stream_new_from_data (long_file->str, long_file->len, NULL);
    reader = att_csv_reader_new_full (stream, 4096);
    while (att_csv_reader_next (reader, &fields, &row, &error))
      {
        if (n > 0)
          {
            GPtrArray *expected = g_ptr_array_index (whole->rows, n - 1);

            g_assert_cmpuint (fields->len, ==, 3);
            for (guint f = 0; f < 3; f++)
              g_assert_cmpstr (g_ptr_array_index (fields, f), ==, g_ptr_array_index (expected, f));
            /* Each record is one row, though it has two lines. */
            g_assert_cmpuint (row, ==, n + 1);
          }
        n++;
      }
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 501);
  }

  {
    g_autoptr(AttCsv) csv = NULL;
    g_autoptr(GError) error = NULL;
    GPtrArray *row;

    /* Row 2's quoted value runs to row 3 and ends with CR CR LF: read as
     * one line break, LF, and no value holds a CR LF. */
    csv = att_csv_parse (cr_cr_lf, sizeof cr_cr_lf - 1, &error);
    g_assert_no_error (error);
    row = g_ptr_array_index (csv->rows, 1);
    g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "\tx,b\n07\r'Tis,\tx");
    for (guint r = 0; r < csv->rows->len; r++)
      {
        row = g_ptr_array_index (csv->rows, r);
        for (guint f = 0; f < row->len; f++)
          g_assert_null (strstr (g_ptr_array_index (row, f), "\r\n"));
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttCsv) csv = att_csv_parse (half_utf16, sizeof half_utf16 - 1, &error);

    /* Not UTF-16 all through, but NUL bytes: not a text file. */
    g_assert_null (csv);
    g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "not a text file"));
  }
}

/* A file of column names only, as an export of nothing writes: the
 * nothing it holds is imported, and said. */
static void
test_header_only (void)
{
  static const char * const files[] = { PUPILS_HEADER, CONTACTS_HEADER, MARKS_HEADER };
  static const char notice[] =
    "the file has column names but no rows under them: there was nothing to import";

  for (guint kind = PUPILS; kind <= MARKS; kind++)
    {
      g_autoptr(AttImportReport) report = att_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      School school;

      school_init (&school);
      path = g_build_filename (school.t->dir, "empty-export.csv", NULL);
      g_assert_true (g_file_set_contents (path, files[kind], -1, NULL));
      before = dump (school.t->db);
      g_assert_true (run_import (&school, kind, path, report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->rows, ==, 0);
      g_assert_cmpuint (report->added + report->updated + report->unchanged, ==, 0);
      g_assert_cmpuint (report->notices->len, ==, 1);
      g_assert_cmpuint (((AttImportProblem *)g_ptr_array_index (report->notices, 0))->row, ==, 0);
      g_assert_cmpstr (((AttImportProblem *)g_ptr_array_index (report->notices, 0))->message, ==,
                       notice);
      after = dump (school.t->db);
      g_assert_true (strcmp (before, after) == 0);
      school_clear (&school);
    }
}

/* A value that begins with an apostrophe */

/* The product writes a value a spreadsheet would take for a formula
 * behind an apostrophe, and the importer takes exactly that apostrophe
 * off; an apostrophe before anything else is the value's own. */
static void
test_leading_apostrophe (void)
{
  static const char marks[] =
    "upn,date,session,code,comment\n"
    UPN_1 ",2024-09-04,am,/,'=HYPERLINK(\"http://x\")\n"
    UPN_1 ",2024-09-04,pm,/,'-ill\n"
    UPN_1 ",2024-09-05,am,/,''Tis fine\n"
    UPN_1 ",2024-09-05,pm,/,'Tis fine\n"
    UPN_1 ",2024-09-06,am,/,O'Brien's lift\n";
  static const char * const expected[] = {
    "=HYPERLINK(\"http://x\")", "-ill", "'Tis fine", "'Tis fine", "O'Brien's lift",
  };
  g_autoptr(GError) error = NULL;
  School school;
  sqlite3_stmt *stmt;
  guint n = 0;

  school_init (&school);
  g_assert_true (att_import_marks_data (school.t->db, school.admin, "marks.csv",
                                        marks, sizeof marks - 1, FALSE, NULL, &error));
  g_assert_no_error (error);
  stmt = att_db_prepare (school.t->db,
                         "SELECT comment FROM marks WHERE date >= ? ORDER BY date, session", NULL);
  sqlite3_bind_int (stmt, 1, D (2024, 9, 4));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, expected[n]);
      n++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  school_clear (&school);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/bad-input/import/%s", bad_inputs[i].name);
      g_test_add_data_func (name, &bad_inputs[i], test_bad_input);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_databases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/bad-input/database/%s", bad_databases[i].name);
      g_test_add_data_func (name, &bad_databases[i], test_bad_database);
    }
  g_test_add_func ("/bad-input/two-million-rows", test_two_million_rows);
  g_test_add_func ("/bad-input/line-endings", test_line_endings);
  g_test_add_func ("/bad-input/header-only", test_header_only);
  g_test_add_func ("/bad-input/reader-buffers", test_reader_buffers);
  g_test_add_func ("/bad-input/leading-apostrophe", test_leading_apostrophe);

  return g_test_run ();
}
