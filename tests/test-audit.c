/* test-audit.c: the audit log: every change with its before and after,
 * the reader and its filters, the CSV export, and rows nobody can change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

static GPtrArray *
query (AttDb       *db,
       const char  *user,
       gint64       pupil_id,
       int          kind,
       AttDate      from,
       AttDate      to)
{
  AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  filter.user = user;
  filter.pupil_id = pupil_id;
  filter.kind = kind;
  filter.from = from;
  filter.to = to;
  entries = att_audit_query (db, &filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

/* The last row of the log of @kind. */
static AttAuditEntry *
last_of (GPtrArray *entries)
{
  g_assert_cmpuint (entries->len, >, 0);
  return g_ptr_array_index (entries, entries->len - 1);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static void
test_kinds (void)
{
  static const struct { const char *action; AttAuditKind kind; } cases[] = {
    { "pupils.update", ATT_AUDIT_PUPIL },
    { "pupils.import", ATT_AUDIT_IMPORT },
    { "marks.import", ATT_AUDIT_IMPORT },
    { "contacts.add", ATT_AUDIT_CONTACT },
    { "users.password", ATT_AUDIT_USER },
    { "school.set", ATT_AUDIT_SETTING },
    { "calendar.term.add", ATT_AUDIT_CALENDAR },
    { "register.filters", ATT_AUDIT_SETTING },
    { "leave.decide", ATT_AUDIT_LEAVE },
    { "demo", ATT_AUDIT_IMPORT },
    { "backup.restore", ATT_AUDIT_OTHER },
  };
  g_autoptr(GError) error = NULL;
  AttAuditKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (att_audit_kind_for_action (cases[i].action), ==, cases[i].kind);
  for (guint i = 0; i < ATT_AUDIT_N_KINDS; i++)
    {
      g_assert_true (att_audit_kind_parse (att_audit_kind_to_string (i), &kind, NULL));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_cmpstr (att_audit_describe_action ("marks.amend"), ==, "Mark amended");
  g_assert_cmpstr (att_audit_describe_action ("backup.restore"), ==, "backup.restore");
  g_assert_false (att_audit_kind_parse ("biscuits", &kind, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_true (contains (error->message, "biscuits"));
  g_assert_true (contains (error->message, "casework"));
}

/* What the window reads again after another program's change, from the
 * same table as the kinds: the longer names before the ones they begin
 * with, nothing for signing in or an export, everything for what is not
 * known (a restored backup). */
static void
test_changes_for_action (void)
{
  static const struct { const char *action; guint changes; } cases[] = {
    { "pupils.purge", ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS | ATT_CHANGE_MARKS },
    { "pupils.update", ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS },
    { "pupils.import", ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS },
    { "marks.import", ATT_CHANGE_MARKS },
    { "users.sign-in", 0 },
    { "users.sign-in-refused", 0 },
    { "users.password", ATT_CHANGE_USERS },
    { "register.filters", ATT_CHANGE_SETTINGS },
    { "firstday.procedure", ATT_CHANGE_SETTINGS },
    { "leave.decide", ATT_CHANGE_OTHER },
    { "letters.logo", ATT_CHANGE_SETTINGS },
    { "letters.record", ATT_CHANGE_OTHER },
    { "sar.export", 0 },
  };
  const guint everything = ATT_CHANGE_SETTINGS | ATT_CHANGE_CALENDAR | ATT_CHANGE_USERS |
                           ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS | ATT_CHANGE_MARKS |
                           ATT_CHANGE_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmphex (att_audit_changes_for_action (cases[i].action), ==, cases[i].changes);
  g_assert_cmphex (att_audit_changes_for_action ("backup.restore"), ==, everything);
  g_assert_cmphex (att_audit_changes_for_action ("demo"), ==, everything);
  g_assert_cmphex (att_audit_changes_for_action (NULL), ==, everything);
}

/* Every kind of change writes who, what before and what after. */
static void
test_changes_recorded (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autoptr(AttPupil) copy = NULL;
  g_autoptr(AttContact) contact = att_contact_new ();
  AttAuditEntry *entry;
  gint64 id;

  att_test_school_init (&s);
  admin = att_test_add_user (s.db, "Ada Admin", ATT_ROLE_ADMIN, NULL);

  /* A pupil added: nothing before, the record after. */
  id = att_test_school_add_pupil (&s, "Ben", "Carter", D (2012, 5, 1));
  {
    g_autoptr(GPtrArray) rows = query (s.db, NULL, id, ATT_AUDIT_PUPIL, 0, 0);
    g_autofree char *change = NULL;

    g_assert_cmpuint (rows->len, ==, 1);
    entry = last_of (rows);
    g_assert_cmpstr (entry->action, ==, "pupils.add");
    g_assert_null (entry->before);
    g_assert_true (contains (entry->after, "\"legal_surname\":\"Carter\""));
    g_assert_true (contains (entry->after, "\"dob\":\"2012-05-01\""));
    /* The sort key is binary and derived: not part of the record. */
    g_assert_false (contains (entry->after, "sort_key"));
    g_assert_cmpstr (entry->upn, ==, att_pupils_get (s.db, id)->upn);
    change = att_audit_entry_describe_change (entry);
    g_assert_true (contains (change, "legal_surname: Carter"));
  }

  /* Updated: only what changed is described, before → after. */
  copy = att_pupil_copy (att_pupils_get (s.db, id));
  g_free (copy->legal_surname);
  copy->legal_surname = g_strdup ("Carter-Jones");
  copy->year_group = 8;
  g_assert_cmpint (att_pupils_save (s.db, s.officer, copy, &error), ==, id);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) rows = query (s.db, NULL, id, ATT_AUDIT_PUPIL, 0, 0);
    g_autofree char *change = NULL;

    g_assert_cmpuint (rows->len, ==, 2);
    entry = last_of (rows);
    g_assert_cmpstr (entry->action, ==, "pupils.update");
    g_assert_cmpstr (entry->who, ==, "Olive Officer");
    g_assert_true (contains (entry->before, "\"legal_surname\":\"Carter\""));
    g_assert_true (contains (entry->after, "\"legal_surname\":\"Carter-Jones\""));
    change = att_audit_entry_describe_change (entry);
    g_assert_cmpstr (change, ==, "legal_surname: Carter → Carter-Jones; year_group: 7 → 8");
  }

  /* A contact, added then changed, is about the pupil. */
  contact->pupil_id = id;
  contact->priority = 1;
  contact->surname = g_strdup ("Carter");
  contact->forename = g_strdup ("Dana");
  contact->relationship = g_strdup ("Mother");
  contact->phone_mobile = g_strdup ("07700 900123");
  g_assert_cmpint (att_contacts_save (s.db, s.officer, contact, &error), >, 0);
  g_assert_no_error (error);
  g_free (contact->phone_mobile);
  contact->phone_mobile = g_strdup ("07700 900999");
  g_assert_cmpint (att_contacts_save (s.db, s.officer, contact, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) rows = query (s.db, NULL, id, ATT_AUDIT_CONTACT, 0, 0);
    g_autofree char *change = NULL;

    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpstr (((AttAuditEntry *)rows->pdata[0])->action, ==, "contacts.add");
    entry = last_of (rows);
    change = att_audit_entry_describe_change (entry);
    g_assert_cmpstr (change, ==, "phone_mobile: 07700 900123 → 07700 900999");
  }

  /* A user, a setting, a term and a closure. */
  g_assert_cmpint (att_users_add (s.db, admin, "Hana Head", ATT_ROLE_HEADTEACHER, "Head", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (att_school_set (s.db, admin, "name", "Riverside Primary", &error));
  g_assert_no_error (error);
  g_assert_true (att_school_set (s.db, admin, "name", "Riverside Academy", &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_calendar_add_term (s.db, admin, "Autumn 2 2024", D (2024, 11, 4),
                                          D (2024, 12, 20), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_calendar_add_closure (s.db, admin, D (2024, 11, 15), D (2024, 11, 15), -1,
                                             "Staff training", &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) users = query (s.db, NULL, 0, ATT_AUDIT_USER, 0, 0);
    g_autoptr(GPtrArray) settings = query (s.db, NULL, 0, ATT_AUDIT_SETTING, 0, 0);
    g_autoptr(GPtrArray) calendar = query (s.db, "ada admin", 0, ATT_AUDIT_CALENDAR, 0, 0);
    g_autofree char *change = NULL;

    entry = last_of (users);
    g_assert_true (contains (entry->after, "\"name\":\"Hana Head\""));
    g_assert_true (contains (entry->after, "\"role\":\"headteacher\""));
    entry = last_of (settings);
    change = att_audit_entry_describe_change (entry);
    g_assert_cmpstr (change, ==, "name: Riverside Primary → Riverside Academy");
    /* The test school's own term was added by someone else: the filter
     * by user leaves it out. */
    g_assert_cmpuint (calendar->len, ==, 2);
    g_assert_true (contains (((AttAuditEntry *)calendar->pdata[0])->after, "\"start_date\":\"2024-11-04\""));
    g_assert_true (contains (((AttAuditEntry *)calendar->pdata[1])->after, "\"reason\":\"Staff training\""));
  }

  /* An import: a row for the file, and each pupil's own row. */
  {
    g_autofree char *path = g_build_filename (s.t->dir, "pupils.csv", NULL);
    g_autoptr(AttImportReport) report = att_import_report_new ();
    g_autoptr(GPtrArray) imports = NULL;
    g_autoptr(GPtrArray) pupils = NULL;
    char rest[] = "123456789012";
    g_autofree char *upn = g_strdup_printf ("%c%s", att_upn_check_letter (rest), rest);
    g_autofree char *csv = g_strdup_printf ("upn,surname,forename,dob,sex,year_group,reg_group,admission_date\n"
                                            "%s,Okafor,Chidi,2012-03-04,M,7,7A,2024-09-02\n", upn);
    AttPupil *chidi;

    g_assert_true (g_file_set_contents (path, csv, -1, NULL));
    g_assert_true (att_import_pupils (s.db, admin, path, FALSE, report, &error));
    g_assert_no_error (error);
    chidi = att_pupils_find (s.db, upn);
    g_assert_nonnull (chidi);
    imports = query (s.db, NULL, 0, ATT_AUDIT_IMPORT, 0, 0);
    g_assert_cmpuint (imports->len, ==, 1);
    g_assert_cmpstr (last_of (imports)->action, ==, "pupils.import");
    pupils = query (s.db, NULL, chidi->id, ATT_AUDIT_PUPIL, 0, 0);
    g_assert_cmpuint (pupils->len, ==, 1);
    g_assert_true (contains (last_of (pupils)->after, "\"legal_surname\":\"Okafor\""));
  }

  /* The callers of att_audit_log () get a kind from their action. */
  g_assert_true (att_audit_log (s.db, admin, "users.password", "Hana Head", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) users = query (s.db, NULL, 0, ATT_AUDIT_USER, 0, 0);

    g_assert_cmpstr (last_of (users)->action, ==, "users.password");
    g_assert_null (last_of (users)->before);
  }

  att_test_school_clear (&s);
}

/* Marks are in the log through the register's history: a first entry
 * and an amendment, each with its code before and after. */
static void
test_marks_in_log (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  AttMarkWrite write = { 0, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_N, -1, NULL };
  AttAuditEntry *entry;
  gint64 ben, cara;

  att_test_school_init (&s);
  ben = att_test_school_add_pupil (&s, "Ben", "Carter", D (2012, 5, 1));
  cara = att_test_school_add_pupil (&s, "Cara", "Smith", D (2012, 6, 1));

  write.pupil_id = ben;
  g_assert_true (att_register_write (s.db, s.receptionist, &write, 1, NULL, 0, &error));
  g_assert_no_error (error);
  write.code = ATT_CODE_I;
  g_assert_true (att_register_write (s.db, s.officer, &write, 1, "Mother phoned: ill", 0, &error));
  g_assert_no_error (error);
  write.pupil_id = cara;
  write.code = ATT_CODE_PRESENT_AM;
  g_assert_true (att_register_write (s.db, s.receptionist, &write, 1, NULL, 0, &error));
  g_assert_no_error (error);

  {
    /* Ben: the N entered, then amended to I: two rows of kind mark. */
    g_autoptr(GPtrArray) rows = query (s.db, NULL, ben, ATT_AUDIT_MARK, 0, 0);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    g_assert_cmpuint (rows->len, ==, 2);
    entry = rows->pdata[0];
    g_assert_true (entry->from_history);
    g_assert_cmpstr (entry->action, ==, "marks.enter");
    g_assert_cmpstr (entry->who, ==, "Rita Reception");
    g_assert_cmpstr (entry->detail, ==, "2024-09-10 am");
    first = att_audit_entry_describe_change (entry);
    g_assert_cmpstr (first, ==, "code: N");
    entry = rows->pdata[1];
    g_assert_cmpstr (entry->action, ==, "marks.amend");
    g_assert_cmpstr (entry->detail, ==, "2024-09-10 am: Mother phoned: ill");
    second = att_audit_entry_describe_change (entry);
    g_assert_cmpstr (second, ==, "code: N → I");
  }
  {
    /* Every mark row, by anyone: Ben's two and Cara's one. */
    g_autoptr(GPtrArray) rows = query (s.db, NULL, 0, ATT_AUDIT_MARK, 0, 0);
    g_autoptr(GPtrArray) rita = query (s.db, "Rita Reception", 0, ATT_AUDIT_MARK, 0, 0);
    g_autoptr(GPtrArray) pupils = query (s.db, NULL, 0, ATT_AUDIT_PUPIL, 0, 0);

    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpuint (rita->len, ==, 2);
    /* Asking for pupils' records reads no marks. */
    g_assert_cmpuint (pupils->len, ==, 2);
  }

  att_test_school_clear (&s);
}

/* Nobody changes or deletes the log, nor the register's history. */
static void
test_unchangeable (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  AttMarkWrite write = { 0, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_N, -1, NULL };
  char *message = NULL;
  gint64 ben;

  att_test_school_init (&s);
  ben = att_test_school_add_pupil (&s, "Ben", "Carter", D (2012, 5, 1));
  write.pupil_id = ben;
  g_assert_true (att_register_write (s.db, s.receptionist, &write, 1, NULL, 0, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), "UPDATE audit_log SET detail = 'x'",
                                 NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "the audit log is never rewritten");
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), "DELETE FROM audit_log",
                                 NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "the audit log is never deleted");
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), "DELETE FROM mark_history",
                                 NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "the register history is never deleted");
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), "UPDATE mark_history SET reason = 'x'",
                                 NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);

  /* `check` finds nothing wrong, then says when a rule goes missing. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (att_db_check (s.db, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_true (att_db_exec (s.db, "DROP TRIGGER audit_log_kept", &error));
    g_assert_no_error (error);
    g_assert_true (att_db_check (s.db, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_true (contains (problems->pdata[0], "audit_log_kept"));
  }

  /* A permit to delete is refused for a pupil still on roll, whatever
   * date it gives. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO retention_permits VALUES (%" G_GINT64_FORMAT ", %d)",
                                            ben, D (2040, 1, 1));

    g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), sql, NULL, NULL, &message),
                     ==, SQLITE_CONSTRAINT);
    g_assert_cmpstr (message, ==, "records are kept for six years after a pupil leaves");
    sqlite3_free (message);
  }
  att_test_school_clear (&s);
}

/* The date filter reads the day each change was made. */
static void
test_filters (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  gint64 ben, cara;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-02", TRUE);
  att_test_school_init (&s);
  ben = att_test_school_add_pupil (&s, "Ben", "Carter", D (2012, 5, 1));
  g_setenv ("ATTENDANCE_TODAY", "2024-09-03", TRUE);
  cara = att_test_school_add_pupil (&s, "Cara", "Smith", D (2012, 6, 1));
  g_setenv ("ATTENDANCE_TODAY", "2024-09-04", TRUE);
  {
    g_autoptr(AttPupil) copy = att_pupil_copy (att_pupils_get (s.db, ben));

    copy->fsm = TRUE;
    g_assert_cmpint (att_pupils_save (s.db, s.receptionist, copy, &error), ==, 0);
    /* A receptionist may not edit pupils: nothing is written. */
    g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_cmpint (att_pupils_save (s.db, s.officer, copy, &error), ==, ben);
    g_assert_no_error (error);
  }

  {
    /* Pupil rows: Ben added on the 2nd (by the test's own user), Cara on
     * the 3rd, Ben changed on the 4th by Olive. */
    g_autoptr(GPtrArray) all = query (s.db, NULL, 0, ATT_AUDIT_PUPIL, 0, 0);
    g_autoptr(GPtrArray) on_3rd = query (s.db, NULL, 0, ATT_AUDIT_PUPIL, D (2024, 9, 3), D (2024, 9, 3));
    g_autoptr(GPtrArray) from_3rd = query (s.db, NULL, 0, ATT_AUDIT_PUPIL, D (2024, 9, 3), 0);
    g_autoptr(GPtrArray) to_3rd = query (s.db, NULL, 0, ATT_AUDIT_PUPIL, 0, D (2024, 9, 3));
    g_autoptr(GPtrArray) bens = query (s.db, NULL, ben, -1, 0, 0);
    g_autoptr(GPtrArray) olive_ben = query (s.db, "OLIVE OFFICER", ben, -1, D (2024, 9, 4), D (2024, 9, 4));
    g_autoptr(GPtrArray) none = query (s.db, "Rita Reception", 0, -1, 0, 0);
    g_autoptr(GPtrArray) later = query (s.db, NULL, 0, -1, D (2024, 9, 5), 0);

    g_assert_cmpuint (all->len, ==, 3);
    g_assert_cmpuint (on_3rd->len, ==, 1);
    g_assert_cmpint (((AttAuditEntry *)on_3rd->pdata[0])->pupil_id, ==, cara);
    g_assert_cmpuint (from_3rd->len, ==, 2);
    g_assert_cmpuint (to_3rd->len, ==, 2);
    g_assert_cmpuint (bens->len, ==, 2);
    g_assert_cmpuint (olive_ben->len, ==, 1);
    g_assert_true (contains (((AttAuditEntry *)olive_ben->pdata[0])->after, "\"fsm\":1"));
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (later->len, ==, 0);
  }
  {
    /* Newest first, and a limit. */
    AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
    g_autoptr(GPtrArray) rows = NULL;

    filter.kind = ATT_AUDIT_PUPIL;
    filter.newest_first = TRUE;
    filter.limit = 2;
    rows = att_audit_query (s.db, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpstr (((AttAuditEntry *)rows->pdata[0])->action, ==, "pupils.update");
    g_assert_cmpint (((AttAuditEntry *)rows->pdata[1])->pupil_id, ==, cara);
  }
  g_setenv ("ATTENDANCE_TODAY", "2024-10-01", TRUE);
  att_test_school_clear (&s);
}

/* The CSV export: only for an administrator, in the log itself, and a
 * cell a spreadsheet would run is written as text. */
static void
test_export_csv (void)
{
  AttTestSchool s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AttCsv) csv = NULL;
  AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
  guint n = 0;

  att_test_school_init (&s);
  /* A position a spreadsheet would read as a formula. */
  admin = att_test_add_user (s.db, "Ada Admin", ATT_ROLE_ADMIN, "=HYPERLINK(\"http://x\")");
  g_assert_true (att_school_set (s.db, admin, "name", "Riverside", &error));
  g_assert_no_error (error);
  path = g_build_filename (s.t->dir, "audit.csv", NULL);

  filter.kind = ATT_AUDIT_SETTING;
  g_assert_false (att_audit_export_csv (s.db, s.officer, &filter, path, &n, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_true (contains (error->message, "Olive Officer"));
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (att_audit_export_csv (s.db, admin, &filter, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* The header and one row; the position begins with "=" and is
   * written behind an apostrophe. */
  g_assert_true (g_str_has_prefix (text, "at,who,position,kind,upn,pupil,action,detail,change,before,after\n"));
  g_assert_true (contains (text, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
  csv = att_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 1);
  {
    GPtrArray *row = g_ptr_array_index (csv->rows, 0);

    g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "Ada Admin");
    g_assert_cmpstr (att_csv_unprotect (g_ptr_array_index (row, 2)), ==, "=HYPERLINK(\"http://x\")");
    g_assert_cmpstr (g_ptr_array_index (row, 3), ==, "setting");
    g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "school.set");
  }

  /* The export is in the log. */
  {
    g_autoptr(GPtrArray) exports = query (s.db, NULL, 0, ATT_AUDIT_EXPORT, 0, 0);

    g_assert_cmpuint (exports->len, ==, 1);
    g_assert_cmpstr (last_of (exports)->who, ==, "Ada Admin");
    g_assert_cmpstr (last_of (exports)->action, ==, "export.audit");
  }
  att_test_school_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2024-10-01", TRUE);

  g_test_add_func ("/audit/kinds", test_kinds);
  g_test_add_func ("/audit/changes-for-action", test_changes_for_action);
  g_test_add_func ("/audit/changes-recorded", test_changes_recorded);
  g_test_add_func ("/audit/marks", test_marks_in_log);
  g_test_add_func ("/audit/unchangeable", test_unchangeable);
  g_test_add_func ("/audit/filters", test_filters);
  g_test_add_func ("/audit/export-csv", test_export_csv);
  return g_test_run ();
}
