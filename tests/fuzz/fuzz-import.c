/* fuzz-import.c: the pupil, contact and mark importers under libFuzzer
 *
 * Built three times, with FUZZ_PUPILS, FUZZ_CONTACTS or FUZZ_MARKS. Each
 * input is a file handed to the real import, which writes when the file
 * is good, on a school made once per process: a term, an administrator
 * (imports are theirs), three pupils, two contacts and a few marks. Every input runs
 * inside a transaction that is rolled back, so the school is the same for
 * every input and memory stays bounded. Besides crashes and leaks, the
 * target checks the import's promise: a refused file changes nothing, and
 * an accepted one reports no problem.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "att-db-private.h"
#include "att-import-private.h"
#include "att-test-util.h"

int LLVMFuzzerInitialize    (int           *argc,
                             char        ***argv);
int LLVMFuzzerTestOneInput  (const uint8_t *data,
                             size_t         size);

#if defined(FUZZ_PUPILS)
# define IMPORT att_import_pupils_data
#elif defined(FUZZ_CONTACTS)
# define IMPORT att_import_contacts_data
#elif defined(FUZZ_MARKS)
# define IMPORT att_import_marks_data
#else
# error "define FUZZ_PUPILS, FUZZ_CONTACTS or FUZZ_MARKS"
#endif

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("fuzz-import: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

/* The UPNs of test-import.c, whose check letters are worked out there. */
static const char pupils_csv[] =
  "upn,surname,forename,dob,sex,year_group,reg_group,admission_date\n"
  "E383210413001,Khan,Amina,2013-05-14,F,6,6B,2017-09-04\n"
  "U383210413002,Jones,Ben,2013-01-20,M,6,6B,2017-09-04\n"
  "H383210413003,Adams,Cara,2012-12-01,F,6,6A,2017-09-04\n";

static const char contacts_csv[] =
  "upn,priority,forename,surname,relationship,phone_mobile\n"
  "E383210413001,1,Sara,Khan,Mother,07700 900123\n"
  "E383210413001,2,Omar,Khan,Father,07700 900456\n";

static const char marks_csv[] =
  "upn,date,session,code,comment\n"
  "E383210413001,2024-09-02,am,/,\n"
  "E383210413001,2024-09-02,pm,I,ill\n"
  "U383210413002,2024-09-03,am,L,\n";

static AttTestDb *school;
static AttUser *importer;   /* imports are an administrator's */

static void
remove_school (void)
{
  g_clear_pointer (&importer, att_user_free);
  g_clear_pointer (&school, att_test_db_free);
}

static void
load (gboolean  (*import) (AttDb *, const AttUser *, const char *, const char *, gsize,
                           gboolean, AttImportReport *, GError **),
      const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!import (school->db, importer, "seed.csv", text, strlen (text), FALSE, NULL, &error))
    g_error ("the school could not be made: %s", error->message);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("ATTENDANCE_TODAY", "2025-01-10", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  g_setenv ("TZ", "Europe/London", TRUE);
  /* A critical is a bug the fuzzer should report as a crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  school = att_test_db_new ();
  att_test_add_autumn_2024 (school->db);
  importer = att_test_add_user (school->db, "Ade Admin", ATT_ROLE_ADMIN, "Data manager");
  load (att_import_pupils_data, pupils_csv);
  load (att_import_contacts_data, contacts_csv);
  load (att_import_marks_data, marks_csv);
  atexit (remove_school);
  return 0;
}

/* What a refused import must leave as it was. */
static char *
fingerprint (AttDb *db)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
                                       "SELECT (SELECT count(*) FROM pupils), "
                                       "(SELECT count(*) FROM contacts), "
                                       "(SELECT count(*) FROM marks), "
                                       "(SELECT count(*) FROM mark_history), "
                                       "(SELECT count(*) FROM audit_log), "
                                       "(SELECT total(length(legal_surname) + length(reg_group)) FROM pupils), "
                                       "(SELECT group_concat(code) FROM marks)",
                                       NULL);
  char *text;

  CHECK (stmt != NULL);
  CHECK (sqlite3_step (stmt) == SQLITE_ROW);
  text = g_strdup_printf ("%d %d %d %d %d %g %s",
                          sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                          sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
                          sqlite3_column_int (stmt, 4), sqlite3_column_double (stmt, 5),
                          (const char *)sqlite3_column_text (stmt, 6));
  sqlite3_reset (stmt);
  return text;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AttImportReport) report = att_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = fingerprint (school->db);
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  gboolean ok;

  CHECK (att_db_begin (school->db, NULL));
  ok = IMPORT (school->db, importer, "fuzz.csv", (const char *)data, size, FALSE, report, &error);
  after = fingerprint (school->db);
  if (ok)
    {
      CHECK (error == NULL);
      CHECK (report->problems->len == 0);
    }
  else
    {
      CHECK (error != NULL && error->domain == ATT_ERROR);
      if (!g_utf8_validate (error->message, -1, NULL))
        g_printerr ("fuzz-import: not UTF-8: %s\n", error->message);
      CHECK (g_utf8_validate (error->message, -1, NULL));
      CHECK (strcmp (before, after) == 0);
    }
  for (guint i = 0; i < report->problems->len; i++)
    {
      g_autofree char *text = att_import_problem_format (g_ptr_array_index (report->problems, i));

      CHECK (g_utf8_validate (text, -1, NULL));
    }
  att_db_rollback (school->db);

  restored = fingerprint (school->db);
  CHECK (strcmp (before, restored) == 0);
  return 0;
}
