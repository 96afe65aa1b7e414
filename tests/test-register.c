/* test-register.c: writing marks, amendments, history and the compact copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's calendar:
 *   Summer 2 2024   Mon 3 Jun 2024 .. Fri 19 Jul 2024   (school year 2023/24)
 *   Autumn 1 2024   Mon 2 Sep 2024 .. Fri 25 Oct 2024   (school year 2024/25)
 *   Summer 1 2025   Tue 22 Apr 2025 .. Fri 23 May 2025  (holds the early May
 *                   bank holiday, Mon 5 May 2025)
 *   INSET day       Fri 13 Sep 2024 (planned closure)
 * Pupils:
 *   Amy Able    Year 7, born 10 Jan 2013, on roll from Mon 4 Sep 2023
 *   Ben Brown   Year 7, born 10 Feb 2013, on roll from Wed 11 Sep 2024
 *   Eve Early   Reception, born 1 Jun 2020, on roll from 2 Sep 2024: not of
 *               compulsory school age until 1 Sep 2025
 *   Lee Long    Year 8, born 5 May 2012, on roll 4 Sep 2023 .. Fri 6 Sep 2024
 * Users: Olive Officer (attendance officer), Rita Reception (receptionist).
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *officer;
  AttUser   *receptionist;
  gint64     amy, ben, eve, lee;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->t = att_test_db_new ();
  f->db = f->t->db;

  att_test_add_term (f->db, "Summer 2 2024", D (2024, 6, 3), D (2024, 7, 19));
  att_test_add_term (f->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  att_test_add_term (f->db, "Summer 1 2025", D (2025, 4, 22), D (2025, 5, 23));
  att_calendar_add_closure (f->db, (AttUser *)att_user_system (), D (2024, 9, 13), D (2024, 9, 13), -1, "INSET day", &error);
  g_assert_no_error (error);

  f->officer = att_test_add_user (f->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer");
  f->receptionist = att_test_add_user (f->db, "Rita Reception", ATT_ROLE_RECEPTIONIST, "Receptionist");

  f->amy = att_test_add_pupil (f->db, "Amy", "Able", 7, D (2013, 1, 10), D (2023, 9, 4), ATT_DATE_NONE);
  f->ben = att_test_add_pupil (f->db, "Ben", "Brown", 7, D (2013, 2, 10), D (2024, 9, 11), ATT_DATE_NONE);
  f->eve = att_test_add_pupil (f->db, "Eve", "Early", 0, D (2020, 6, 1), D (2024, 9, 2), ATT_DATE_NONE);
  f->lee = att_test_add_pupil (f->db, "Lee", "Long", 8, D (2012, 5, 5), D (2023, 9, 4), D (2024, 9, 6));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->officer);
  att_user_free (f->receptionist);
  att_test_db_free (f->t);
}

static gboolean
write_mark (Fixture        *f,
            const AttUser  *user,
            gint64          pupil,
            AttDate         date,
            AttSession      session,
            AttCode         code,
            int             minutes,
            const char     *comment,
            const char     *reason,
            AttWriteFlags   flags,
            GError        **error)
{
  AttMarkWrite w = { pupil, date, session, code, minutes, comment };

  return att_register_write (f->db, user, &w, 1, reason, flags, error);
}

/* Writes a first entry or an amendment that must succeed. */
static void
mark_ok (Fixture    *f,
         gint64      pupil,
         AttDate     date,
         AttSession  session,
         AttCode     code,
         const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (write_mark (f, f->officer, pupil, date, session, code, -1, NULL,
                             reason, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static gint64
count_rows (AttDb      *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
stored_code (AttDb      *db,
             gint64      pupil,
             AttDate     date,
             AttSession  session)
{
  sqlite3_stmt *stmt = NULL;
  char *code = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db),
                                       "SELECT code FROM marks WHERE pupil_id = ? AND date = ? AND session = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, pupil);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, session);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return code;
}

/* The compact copies, in the database and in memory, computed again here
 * straight from the marks table with the public code table, for every
 * pupil and the school years 2023/24 to 2025/26. */
static void
assert_consistent (Fixture *f)
{
  const gint64 pupils[] = { f->amy, f->ben, f->eve, f->lee };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (pupils); p++)
    for (int year = 2023; year <= 2025; year++)
      {
        guint8 expected[ATT_REGISTER_YEAR_SLOTS] = { 0 };
        guint8 blob[ATT_REGISTER_YEAR_SLOTS] = { 0 };
        AttDate start = D (year, 9, 1);
        const guint8 *memory;
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (f->db),
                                             "SELECT date, session, code FROM marks "
                                             "WHERE pupil_id = ? AND date BETWEEN ? AND ?",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_int64 (stmt, 1, pupils[p]);
        sqlite3_bind_int (stmt, 2, start);
        sqlite3_bind_int (stmt, 3, D (year + 1, 8, 31));
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            AttDate date = sqlite3_column_int (stmt, 0);
            int session = sqlite3_column_int (stmt, 1);
            AttCode code = att_code_lookup ((const char *)sqlite3_column_text (stmt, 2));

            g_assert_cmpint (code, !=, ATT_CODE_NONE);
            expected[(date - start) * 2 + session] = code;
          }
        sqlite3_finalize (stmt);

        g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (f->db),
                                             "SELECT codes FROM mark_years WHERE pupil_id = ? AND year = ?",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_int64 (stmt, 1, pupils[p]);
        sqlite3_bind_int (stmt, 2, year);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          {
            int n = sqlite3_column_bytes (stmt, 0);

            /* The copy keeps the sessions up to its last code: it ends
             * with a code, and those after it read as none. */
            g_assert_cmpint (n, >, 0);
            g_assert_cmpint (n, <=, ATT_REGISTER_YEAR_SLOTS);
            memcpy (blob, sqlite3_column_blob (stmt, 0), (gsize)n);
            g_assert_cmpint (blob[n - 1], !=, ATT_CODE_NONE);
          }
        sqlite3_finalize (stmt);
        g_assert_cmpmem (blob, sizeof blob, expected, sizeof expected);

        memory = att_register_year_codes (f->db, pupils[p], year);
        if (memory != NULL)
          g_assert_cmpmem (memory, ATT_REGISTER_YEAR_SLOTS, expected, sizeof expected);
        else
          {
            static const guint8 zeros[ATT_REGISTER_YEAR_SLOTS] = { 0 };
            g_assert_cmpmem (zeros, sizeof zeros, expected, sizeof expected);
          }
      }

  g_assert_true (att_db_check (f->db, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
assert_nothing_written (Fixture *f)
{
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "mark_years"), ==, 0);
}

static void
test_first_entry (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *am = NULL;
  g_autofree char *pm = NULL;
  AttHistoryEntry *entry;
  AttMark mark = { 0 };
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  const guint8 *codes;

  /* Either slash is present; each session keeps its own: '\' typed for
   * the morning is stored as '/', and '/' for the afternoon as '\'. */
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_PM, NULL);
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_PRESENT_AM, NULL);

  am = stored_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM);
  pm = stored_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_PM);
  g_assert_cmpstr (am, ==, "/");
  g_assert_cmpstr (pm, ==, "\\");
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);

  /* The compact array: 2 Sep is day 1 after 1 Sep, so slots 2 and 3. */
  codes = att_register_year_codes (f->db, f->amy, 2024);
  g_assert_nonnull (codes);
  g_assert_cmpint (codes[0], ==, ATT_CODE_NONE);
  g_assert_cmpint (codes[2], ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (codes[3], ==, ATT_CODE_PRESENT_PM);
  g_assert_null (att_register_year_codes (f->db, f->amy, 2023));
  g_assert_null (att_register_year_codes (f->db, f->ben, 2024));

  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM, &mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mark.code, ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (mark.minutes_late, ==, -1);
  g_assert_null (mark.comment);
  g_assert_cmpuint (mark.amendments, ==, 0);
  att_mark_clear (&mark);

  /* No mark at all */
  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_NONE);
  att_mark_clear (&mark);

  history = att_register_history (f->db, f->amy, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  entry = history->pdata[0];
  g_assert_cmpint (entry->pupil_id, ==, f->amy);
  g_assert_cmpint (entry->date, ==, D (2024, 9, 2));
  g_assert_cmpint (entry->session, ==, ATT_SESSION_AM);
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_NONE);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_PRESENT_AM);
  g_assert_null (entry->reason);
  g_assert_cmpstr (entry->user_name, ==, "Olive Officer");
  g_assert_cmpstr (entry->position, ==, "Attendance officer");
  g_assert_cmpint (entry->at, >=, before);
  g_assert_cmpint (entry->at, <=, g_get_real_time () / G_USEC_PER_SEC);

  assert_consistent (f);
}

static void
test_identical_rewrite (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_N, NULL);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 1);

  /* The same code again needs no reason and adds no history. */
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_N, NULL);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 1);

  /* A blank comment is no comment. */
  g_assert_true (write_mark (f, f->receptionist, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                             ATT_CODE_N, -1, "   ", NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 1);

  /* Clearing a session that holds nothing changes nothing. */
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 3), ATT_SESSION_AM,
                             ATT_CODE_NONE, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 1);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 1);
  assert_consistent (f);
}

static void
test_amendment_needs_reason (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *upn = g_strdup (att_pupils_get (f->db, f->amy)->upn);
  AttHistoryEntry *entry;
  AttMark mark = { 0 };

  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_N, NULL);

  /* No reason, then a reason of spaces: both refused, nothing changes. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_I, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "A reason is needed to change a saved mark"));
  g_assert_nonnull (strstr (error->message, upn));
  g_assert_nonnull (strstr (error->message, "Amy Able"));
  g_assert_nonnull (strstr (error->message, "2 Sep 2024"));
  g_clear_error (&error);
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_I, -1, NULL, "  \t ", ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  /* A comment added to a saved mark is a change as well. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_N, -1, "Mum rang", NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_N);
  g_autofree char *code = stored_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM);
  g_assert_cmpstr (code, ==, "N");
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 1);
  assert_consistent (f);

  /* With a reason (trimmed) the amendment is made and recorded. */
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                             ATT_CODE_I, -1, NULL, "  Mother phoned: ill  ", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_I);
  g_assert_cmpuint (mark.amendments, ==, 1);
  att_mark_clear (&mark);

  history = att_register_history (f->db, f->amy, D (2024, 9, 2), D (2024, 9, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  entry = history->pdata[1];
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_N);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_I);
  g_assert_cmpstr (entry->reason, ==, "Mother phoned: ill");
  assert_consistent (f);
}

static void
test_history_keeps_people_as_they_were (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(AttUser) promoted = att_user_copy (f->officer);
  AttHistoryEntry *entry;

  /* On Tuesday 3 September, Olive enters N as attendance officer ... */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-03", TRUE);
  mark_ok (f, f->amy, D (2024, 9, 3), ATT_SESSION_PM, ATT_CODE_N, NULL);

  /* ... Rita changes it to L with 12 minutes late the same afternoon ... */
  g_assert_true (write_mark (f, f->receptionist, f->amy, D (2024, 9, 3), ATT_SESSION_PM,
                             ATT_CODE_L, 12, "Bus late", "Arrived at 13:27", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  /* ... and Olive, now deputy head, makes it U with 40 minutes. */
  g_free (promoted->position);
  promoted->position = g_strdup ("Deputy headteacher");
  g_assert_true (write_mark (f, promoted, f->amy, D (2024, 9, 3), ATT_SESSION_PM,
                             ATT_CODE_U, 40, "Bus late", "Register had closed", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  g_unsetenv ("ATTENDANCE_TODAY");

  history = att_register_history (f->db, f->amy, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);

  entry = history->pdata[0];
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_NONE);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_N);
  g_assert_cmpstr (entry->user_name, ==, "Olive Officer");
  g_assert_cmpstr (entry->position, ==, "Attendance officer");

  entry = history->pdata[1];
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_N);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_L);
  g_assert_cmpint (entry->old_minutes, ==, -1);
  g_assert_cmpint (entry->new_minutes, ==, 12);
  g_assert_cmpstr (entry->comment, ==, "Bus late");
  g_assert_cmpstr (entry->reason, ==, "Arrived at 13:27");
  g_assert_cmpstr (entry->user_name, ==, "Rita Reception");
  g_assert_cmpstr (entry->position, ==, "Receptionist");

  entry = history->pdata[2];
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_L);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_U);
  g_assert_cmpint (entry->old_minutes, ==, 12);
  g_assert_cmpint (entry->new_minutes, ==, 40);
  g_assert_cmpstr (entry->reason, ==, "Register had closed");
  g_assert_cmpstr (entry->user_name, ==, "Olive Officer");
  g_assert_cmpstr (entry->position, ==, "Deputy headteacher");

  /* The range is inclusive and filters by the session's date. */
  g_clear_pointer (&history, g_ptr_array_unref);
  history = att_register_history (f->db, f->amy, D (2024, 9, 4), ATT_DATE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = att_register_history (f->db, f->amy, ATT_DATE_NONE, D (2024, 9, 3), &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = att_register_history (f->db, f->ben, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  g_assert_cmpuint (history->len, ==, 0);
}

static void
test_history_append_only (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *handle = att_db_get_handle (f->db);

  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_N, NULL);
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_I, "Illness");
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 2);

  /* The triggers refuse to rewrite or delete history, even through SQL. */
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE mark_history SET reason = 'tidied'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE mark_history SET new_code = 'O' WHERE old_code IS NULL", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM mark_history", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 2);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) history = att_register_history (f->db, f->amy, ATT_DATE_NONE, ATT_DATE_NONE, &error);
    AttHistoryEntry *entry = history->pdata[1];

    g_assert_cmpstr (entry->reason, ==, "Illness");
  }
}

static void
assert_refused (Fixture    *f,
                gint64      pupil,
                AttDate     date,
                AttSession  session,
                AttCode     code,
                int         error_code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  AttPupil *p = att_pupils_get (f->db, pupil);

  g_assert_false (write_mark (f, f->officer, pupil, date, session, code, -1, NULL,
                              "reason", ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, error_code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, p->upn));
  g_assert_nonnull (strstr (error->message, att_pupil_get_display_name (p)));
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_refused_sessions (Fixture       *f,
                       gconstpointer  data)
{
  /* Sat 7 Sep 2024 */
  assert_refused (f, f->amy, D (2024, 9, 7), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, ATT_ERROR_RULE, "weekend");
  assert_refused (f, f->amy, D (2024, 9, 7), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, ATT_ERROR_RULE, "7 Sep 2024");
  /* Mon 5 May 2025, inside the summer term */
  assert_refused (f, f->amy, D (2025, 5, 5), ATT_SESSION_PM, ATT_CODE_I, ATT_ERROR_RULE, "bank holiday");
  /* Tue 29 Oct 2024, half term */
  assert_refused (f, f->amy, D (2024, 10, 29), ATT_SESSION_AM, ATT_CODE_O, ATT_ERROR_RULE, "outside term");
  /* Fri 13 Sep 2024, the INSET day */
  assert_refused (f, f->amy, D (2024, 9, 13), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, ATT_ERROR_RULE, "INSET day");
  /* Ben joins on Wed 11 Sep 2024: Tue 10 Sep is before admission. */
  assert_refused (f, f->ben, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, ATT_ERROR_RULE, "admitted on Wed 11 Sep 2024");
  /* Lee left on Fri 6 Sep 2024 (his last day on roll). */
  assert_refused (f, f->lee, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, ATT_ERROR_RULE, "leaving date");
  assert_nothing_written (f);

  /* The day of admission and the leaving date itself are on roll. */
  mark_ok (f, f->ben, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  mark_ok (f, f->lee, D (2024, 9, 6), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, NULL);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 2);

  /* A pupil who does not exist */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (write_mark (f, f->officer, 9999, D (2024, 9, 2), ATT_SESSION_AM,
                                ATT_CODE_PRESENT_AM, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  }
  assert_consistent (f);
}

static void
test_code_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttMark mark = { 0 };

  /* '#' comes only from the calendar; Z is for pupils not on roll. */
  assert_refused (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_CLOSED, ATT_ERROR_RULE, "calendar");
  assert_refused (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_Z, ATT_ERROR_RULE, "Z");
  /* Amy (born 2013) is of compulsory school age: no X. */
  assert_refused (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_X, ATT_ERROR_RULE, "compulsory school age");
  /* Retired codes are never typed, not even for old dates. */
  assert_refused (f, f->amy, D (2024, 6, 3), ATT_SESSION_AM, ATT_CODE_OLD_H, ATT_ERROR_RULE, "retired");
  assert_refused (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, (AttCode)200, ATT_ERROR_INVALID, "code");
  /* Nonsense dates and sessions are refused, not looked up. */
  assert_refused (f, f->amy, -3, ATT_SESSION_AM, ATT_CODE_PRESENT_AM, ATT_ERROR_INVALID, "date");
  assert_refused (f, f->amy, D (2024, 9, 2), (AttSession)7, ATT_CODE_PRESENT_AM, ATT_ERROR_INVALID, "session");
  g_assert_cmpint (att_register_code (f->db, f->amy, -3, ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), (AttSession)7), ==, ATT_CODE_NONE);
  assert_nothing_written (f);

  /* An import may bring H for Mon 3 Jun 2024, before the 2024 table ... */
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 6, 3), ATT_SESSION_AM,
                             ATT_CODE_OLD_H, -1, NULL, NULL, ATT_WRITE_IMPORT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 6, 3), ATT_SESSION_AM), ==, ATT_CODE_OLD_H);
  /* ... but not for Mon 2 Sep 2024. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_OLD_H, -1, NULL, NULL, ATT_WRITE_IMPORT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  /* Imports need the bulk right, which a receptionist does not have. */
  g_assert_false (write_mark (f, f->receptionist, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_PRESENT_AM, -1, NULL, NULL, ATT_WRITE_IMPORT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Eve (born 1 Jun 2020) is four: X is right for her. */
  mark_ok (f, f->eve, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_X, NULL);

  /* Minutes late: only with L or U, and 0 to 300. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_PRESENT_AM, 5, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "L or U"));
  g_clear_error (&error);
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_L, 301, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* Minutes are counted from the register's opening, and the school's
   * registers are open 30 minutes (08:45 to 09:15, 13:15 to 13:45): an L
   * has 0 to 29 minutes, a U 30 or more. A mark whose minutes contradict
   * its code is refused, naming the register times. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_L, 300, "Dentist first", NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "08:45 to 09:15"));
  g_assert_nonnull (strstr (error->message, "300 minutes late"));
  g_clear_error (&error);
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_L, 30, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_PM,
                              ATT_CODE_U, 29, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "13:15 to 13:45"));
  g_clear_error (&error);
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                             ATT_CODE_L, 29, "Dentist first", NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_PM,
                             ATT_CODE_U, 30, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_L);
  g_assert_cmpint (mark.minutes_late, ==, 29);
  g_assert_cmpstr (mark.comment, ==, "Dentist first");
  att_mark_clear (&mark);
  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_PM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_U);
  g_assert_cmpint (mark.minutes_late, ==, 30);
  att_mark_clear (&mark);

  /* Four marks: H (imported), X, L and U */
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 4);
  assert_consistent (f);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite fill[3] = {
    { f->amy, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_Y1, -1, NULL },
    { f->ben, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_Y1, -1, NULL },
    { f->eve, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_Y1, -1, NULL },
  };

  /* Y1 for a group at once is a bulk mark: a receptionist takes the
   * register but may not, whatever path the marks come by. */
  g_assert_false (att_register_write (f->db, f->receptionist, fill, 3, "Coach broke down",
                                      ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 0);

  /* An officer may, once they say why; the reason is kept as each mark's
   * comment. */
  g_assert_false (att_register_write (f->db, f->officer, fill, 3, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Say why pupils were unable to attend (Y1)"));
  g_clear_error (&error);
  g_assert_true (att_register_write (f->db, f->officer, fill, 3, "Coach broke down",
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 3);
  {
    AttMark mark = { 0, };

    g_assert_true (att_register_get_mark (f->db, f->eve, D (2024, 9, 11), ATT_SESSION_AM, &mark, &error));
    g_assert_cmpint (mark.code, ==, ATT_CODE_Y1);
    g_assert_cmpstr (mark.comment, ==, "Coach broke down");
    att_mark_clear (&mark);
  }

  /* One pupil's Y1 is one mark like any other, for a receptionist too. */
  g_assert_true (write_mark (f, f->receptionist, f->ben, D (2024, 9, 11), ATT_SESSION_PM,
                             ATT_CODE_Y1, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 4);

  /* The set-up path acts as the system itself; its actor is "System". */
  g_assert_true (write_mark (f, att_user_system (), f->amy, D (2024, 9, 12), ATT_SESSION_AM,
                             ATT_CODE_PRESENT_AM, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) history = att_register_history (f->db, f->amy, ATT_DATE_NONE, ATT_DATE_NONE, &error);
    AttHistoryEntry *entry = history->pdata[1];

    g_assert_cmpstr (entry->user_name, ==, "System");
  }

  /* A receptionist may amend the day's marks with a reason (on Wed 11
   * September), but not an earlier day's (on Thursday), and not import. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-12", TRUE);
  g_assert_false (write_mark (f, f->receptionist, f->amy, D (2024, 9, 11), ATT_SESSION_AM,
                              ATT_CODE_I, -1, NULL, "Phoned in sick", ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "cannot change a saved mark of an earlier day"));
  g_clear_error (&error);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-11", TRUE);
  g_assert_true (write_mark (f, f->receptionist, f->amy, D (2024, 9, 11), ATT_SESSION_AM,
                             ATT_CODE_I, -1, NULL, "Phoned in sick", ATT_WRITE_DEFAULT, &error));
  g_unsetenv ("ATTENDANCE_TODAY");
  g_assert_no_error (error);
  g_assert_false (write_mark (f, f->receptionist, f->eve, D (2024, 9, 12), ATT_SESSION_AM,
                              ATT_CODE_PRESENT_AM, -1, NULL, NULL, ATT_WRITE_IMPORT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 5);
  assert_consistent (f);
}

static void
test_batch_all_or_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite batch[4] = {
    { f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { f->amy, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, -1, NULL },
    { f->eve, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_I, -1, "Cold" },
    /* Sat 7 Sep: refused, so none of the four is written */
    { f->eve, D (2024, 9, 7), ATT_SESSION_AM, ATT_CODE_I, -1, NULL },
  };

  /* Load the school year into memory first, so the test also sees that
   * memory is left alone. */
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_NONE);

  g_assert_false (att_register_write (f->db, f->officer, batch, 4, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Eve Early"));
  g_clear_error (&error);
  assert_nothing_written (f);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  assert_consistent (f);

  /* Without the bad one, all three go in. */
  g_assert_true (att_register_write (f->db, f->officer, batch, 3, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 3);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 3);
  g_assert_cmpint (count_rows (f->db, "mark_years"), ==, 2);

  /* An amendment batch with a broken write in the middle changes nothing:
   * the first write would amend Amy's AM mark, the second is X for Amy. */
  {
    AttMarkWrite amend[2] = {
      { f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_M, -1, NULL },
      { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_X, -1, NULL },
    };

    g_assert_false (att_register_write (f->db, f->officer, amend, 2, "Dentist", ATT_WRITE_DEFAULT, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
    g_clear_error (&error);
  }
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 3);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 3);
  assert_consistent (f);
}

static void
count_changed (AttDb   *db,
               guint    changes,
               gpointer user_data)
{
  guint *count = user_data;

  g_assert_true (changes & ATT_CHANGE_MARKS);
  (*count)++;
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint changed = 0;
  AttMarkWrite batch[2] = {
    { f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_N, -1, NULL },
    { f->amy, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_N, -1, NULL },
  };
  AttMarkWrite twice[2] = {
    { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_N, -1, NULL },
    { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_I, -1, NULL },
  };

  g_signal_connect (f->db, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_NONE);

  g_assert_true (att_register_write (f->db, f->officer, batch, 2, NULL, ATT_WRITE_DRY_RUN, &error));
  g_assert_no_error (error);
  assert_nothing_written (f);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpuint (changed, ==, 0);

  /* A dry run finds what a real run would: the second write to the same
   * session is an amendment and needs a reason. */
  g_assert_false (att_register_write (f->db, f->officer, twice, 2, NULL, ATT_WRITE_DRY_RUN, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  assert_nothing_written (f);

  /* Inside someone else's transaction, a dry run does not spoil it. */
  g_assert_true (att_db_begin (f->db, &error));
  g_assert_false (att_register_write (f->db, f->officer, twice, 2, NULL, ATT_WRITE_DRY_RUN, &error));
  g_clear_error (&error);
  g_assert_true (att_register_write (f->db, f->officer, batch, 2, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (att_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 2);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_PM), ==, ATT_CODE_N);
  assert_consistent (f);
}

static void
test_clear (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  AttHistoryEntry *entry;

  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_G, NULL);
  g_assert_cmpint (count_rows (f->db, "mark_years"), ==, 1);

  /* Clearing is an amendment: a reason first. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 2), ATT_SESSION_AM,
                              ATT_CODE_NONE, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_G);

  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_NONE, "Marked the wrong pupil");
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 0);
  /* Amy has no other mark that year, so her compact copy goes. */
  g_assert_cmpint (count_rows (f->db, "mark_years"), ==, 0);
  g_assert_null (att_register_year_codes (f->db, f->amy, 2024));

  history = att_register_history (f->db, f->amy, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  g_assert_cmpuint (history->len, ==, 2);
  entry = history->pdata[1];
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_G);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_NONE);
  g_assert_cmpstr (entry->reason, ==, "Marked the wrong pupil");

  /* Marked again, the session is a first entry, and remembers that it
   * has been changed twice before (entry, clear). */
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  {
    AttMark mark = { 0 };
    g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM, &mark, &error));
    g_assert_cmpint (mark.code, ==, ATT_CODE_PRESENT_AM);
    g_assert_cmpuint (mark.amendments, ==, 2);
    att_mark_clear (&mark);
  }
  assert_consistent (f);
}

static void
test_rollback_reloads (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);

  /* Marks written inside an outer transaction show in memory at once ... */
  g_assert_true (att_db_begin (f->db, &error));
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, NULL);
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_M, "Dentist");
  mark_ok (f, f->eve, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_I, NULL);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_M);
  g_assert_cmpint (att_register_code (f->db, f->eve, D (2024, 9, 3), ATT_SESSION_AM), ==, ATT_CODE_I);

  /* ... and are gone from it when that transaction rolls back. */
  att_db_rollback (f->db);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 2), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (f->db, f->eve, D (2024, 9, 3), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, 1);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 1);
  assert_consistent (f);
}

/* What a change does not mention stays: the comment, and the minutes
 * while the mark is still a late one. */
static void
test_amend_keeps_details (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttMark mark = { 0 };

  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 3), ATT_SESSION_AM,
                             ATT_CODE_L, 10, "Bus", NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  /* L becomes U keeping its 10 minutes: 10 minutes after 08:45 is while
   * the register was open (to 09:15), which U contradicts. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 3), ATT_SESSION_AM,
                              ATT_CODE_U, -1, NULL, "Register had closed", ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "08:45 to 09:15"));
  g_clear_error (&error);

  /* With the time she really came, 09:25, 40 minutes after the register
   * opened: U, 40 minutes, and "Bus" stays. */
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 3), ATT_SESSION_AM,
                             ATT_CODE_U, 40, NULL, "Register had closed", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_U);
  g_assert_cmpint (mark.minutes_late, ==, 40);
  g_assert_cmpstr (mark.comment, ==, "Bus");
  att_mark_clear (&mark);

  /* Asked beforehand, the register says what a write would change. */
  {
    AttMarkWrite same = { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_U, -1, NULL };
    AttMarkWrite later = { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_U, 45, NULL };
    AttMarkWrite blank = { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_U, -1, "" };

    g_assert_false (att_register_write_changes (f->db, &same));
    g_assert_true (att_register_write_changes (f->db, &later));
    g_assert_true (att_register_write_changes (f->db, &blank));
  }

  /* Typing U again is no change at all: no reason needed, no history. */
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 3), ATT_SESSION_AM,
                             ATT_CODE_U, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 2);

  /* M is not late: the minutes go, the comment stays. */
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 3), ATT_SESSION_AM,
                             ATT_CODE_M, -1, NULL, "Appointment card", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.minutes_late, ==, -1);
  g_assert_cmpstr (mark.comment, ==, "Bus");
  att_mark_clear (&mark);

  /* An empty comment removes it. */
  g_assert_true (write_mark (f, f->officer, f->amy, D (2024, 9, 3), ATT_SESSION_AM,
                             ATT_CODE_M, -1, "  ", "Comment was wrong", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (att_register_get_mark (f->db, f->amy, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_null (mark.comment);
  att_mark_clear (&mark);
  g_assert_cmpint (count_rows (f->db, "mark_history"), ==, 4);
  assert_consistent (f);
}

/* Today is Wednesday 4 September 2024. Thursday's sessions take only
 * what can be planned ahead; today's take anything. */
static void
test_before_the_day (Fixture       *f,
                     gconstpointer  data)
{
  static const AttCode on_the_day[] = {
    ATT_CODE_PRESENT_AM, ATT_CODE_PRESENT_PM, ATT_CODE_L, ATT_CODE_U, ATT_CODE_N, ATT_CODE_O,
  };
  static const AttCode planned[] = {
    ATT_CODE_V, ATT_CODE_C, ATT_CODE_M, ATT_CODE_E, ATT_CODE_I, ATT_CODE_Y1,
  };
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-04", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (on_the_day); i++)
    assert_refused (f, f->amy, D (2024, 9, 5), ATT_SESSION_AM, on_the_day[i], ATT_ERROR_RULE,
                    "has not come yet");
  /* An import is no way round it. */
  g_assert_false (write_mark (f, f->officer, f->amy, D (2024, 9, 5), ATT_SESSION_PM,
                              ATT_CODE_PRESENT_PM, -1, NULL, NULL, ATT_WRITE_IMPORT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  assert_nothing_written (f);

  /* Planned absences, one session after another from Thursday. */
  for (guint i = 0; i < G_N_ELEMENTS (planned); i++)
    {
      AttDate date = D (2024, 9, 5) + (AttDate)(i / 2);
      AttSession session = i % 2 == 0 ? ATT_SESSION_AM : ATT_SESSION_PM;

      if (att_date_weekday (date) >= 6)
        date += 2;
      mark_ok (f, f->amy, date, session, planned[i], NULL);
      g_assert_cmpint (att_register_code (f->db, f->amy, date, session), ==, planned[i]);
    }

  /* Today, present and late are recorded as usual. */
  mark_ok (f, f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  mark_ok (f, f->amy, D (2024, 9, 4), ATT_SESSION_PM, ATT_CODE_N, NULL);
  g_assert_cmpint (count_rows (f->db, "marks"), ==, G_N_ELEMENTS (planned) + 2);
  assert_consistent (f);
  g_unsetenv ("ATTENDANCE_TODAY");
}

static void
test_other_program (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) other = NULL;
  AttMarkWrite w = { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_I, -1, NULL };
  AttFigures figures;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-04", TRUE);
  const guint8 *held;

  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 4), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  /* Wed 4 Sep AM is slot (4 Sep - 1 Sep) * 2 = 6 of 2024/25. */
  held = att_register_year_codes (f->db, f->amy, 2024);
  g_assert_nonnull (held);
  g_assert_cmpint (held[6], ==, ATT_CODE_NONE);

  /* attendance-cli writes to the same file through its own connection. */
  other = att_db_open (f->t->path, &error);
  g_assert_no_error (error);
  g_assert_true (att_register_write (other, att_user_system (), &w, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  /* The figures look at once ... */
  g_assert_true (att_stats_pupil (f->db, f->amy, D (2024, 9, 2), D (2024, 9, 4), &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (figures.codes[ATT_CODE_I], ==, 1);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 4), ATT_SESSION_AM), ==, ATT_CODE_I);
  /* An array handed out before is refreshed in place, never freed. */
  g_assert_true (att_register_year_codes (f->db, f->amy, 2024) == held);
  g_assert_cmpint (held[6], ==, ATT_CODE_I);

  /* ... and a cell read soon after sees the next change too. */
  w.code = ATT_CODE_M;
  g_assert_true (att_register_write (other, att_user_system (), &w, 1, "Appointment card seen", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_usleep (120 * 1000);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 9, 4), ATT_SESSION_AM), ==, ATT_CODE_M);
  assert_consistent (f);
  g_unsetenv ("ATTENDANCE_TODAY");
}

static void
test_pupil_saved_in_same_transaction (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) lee = att_pupil_copy (att_pupils_get (f->db, f->lee));
  gint64 nia;

  /* An import saves a pupil and then marks them, in one transaction. */
  g_assert_true (att_db_begin (f->db, &error));
  nia = att_test_add_pupil (f->db, "Nia", "New", 7, D (2013, 4, 4), D (2024, 9, 9), ATT_DATE_NONE);
  mark_ok (f, nia, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  g_assert_true (att_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (f->db, nia, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);

  /* Lee's leaving date moves back to Wed 4 Sep in an open transaction:
   * Thu 5 Sep is refused, and the refusal undoes the whole transaction. */
  g_assert_true (att_db_begin (f->db, &error));
  lee->leaving = D (2024, 9, 4);
  g_assert_cmpint (att_pupils_save (f->db, att_user_system (), lee, &error), ==, f->lee);
  g_assert_no_error (error);
  g_assert_false (write_mark (f, f->officer, f->lee, D (2024, 9, 5), ATT_SESSION_AM,
                              ATT_CODE_PRESENT_AM, -1, NULL, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Lee Long"));
  g_assert_nonnull (strstr (error->message, "Wed 4 Sep 2024"));
  g_clear_error (&error);
  g_assert_false (att_db_commit (f->db, &error));
  g_clear_error (&error);
  g_assert_cmpint (att_pupils_get (f->db, f->lee)->leaving, ==, D (2024, 9, 6));

  g_assert_cmpint (count_rows (f->db, "marks"), ==, 1);
}

typedef struct
{
  GArray *dates;
  GPtrArray *upns;
  AttDb *db;
  guint stop_after;
} Collected;

static gboolean
collect (gint64      pupil_id,
         AttDate     date,
         AttSession  session,
         AttCode     code,
         int         minutes_late,
         const char *comment,
         gpointer    user_data)
{
  Collected *c = user_data;
  int key = date * 2 + session;

  g_array_append_val (c->dates, key);
  g_ptr_array_add (c->upns, g_strdup (att_pupils_get (c->db, pupil_id)->upn));
  return c->stop_after == 0 || c->upns->len < c->stop_after;
}

static void
test_foreach (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Collected c = { g_array_new (FALSE, FALSE, sizeof (int)),
                  g_ptr_array_new_with_free_func (g_free), f->db, 0 };

  /* Written out of order on purpose: 12 Sep first, then 11 Sep. */
  mark_ok (f, f->eve, D (2024, 9, 12), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, NULL);
  mark_ok (f, f->amy, D (2024, 9, 12), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  mark_ok (f, f->ben, D (2024, 9, 12), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  mark_ok (f, f->eve, D (2024, 9, 12), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  mark_ok (f, f->ben, D (2024, 9, 11), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, NULL);
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, NULL);

  /* From 11 Sep: five marks by date, session, then UPN. */
  g_assert_true (att_register_foreach (f->db, D (2024, 9, 11), ATT_DATE_NONE, collect, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.upns->len, ==, 5);
  for (guint i = 1; i < c.upns->len; i++)
    {
      int a = g_array_index (c.dates, int, i - 1);
      int b = g_array_index (c.dates, int, i);

      g_assert_cmpint (a, <=, b);
      if (a == b)
        g_assert_cmpint (strcmp (c.upns->pdata[i - 1], c.upns->pdata[i]), <, 0);
    }
  g_assert_cmpint (g_array_index (c.dates, int, 0), ==, D (2024, 9, 11) * 2 + 1);
  g_assert_cmpint (g_array_index (c.dates, int, 4), ==, D (2024, 9, 12) * 2 + 1);

  /* Inclusive ends, and the callback can stop the walk. */
  g_array_set_size (c.dates, 0);
  g_ptr_array_set_size (c.upns, 0);
  g_assert_true (att_register_foreach (f->db, D (2024, 9, 2), D (2024, 9, 11), collect, &c, &error));
  g_assert_cmpuint (c.upns->len, ==, 2);
  g_array_set_size (c.dates, 0);
  g_ptr_array_set_size (c.upns, 0);
  c.stop_after = 3;
  g_assert_true (att_register_foreach (f->db, ATT_DATE_NONE, ATT_DATE_NONE, collect, &c, &error));
  g_assert_cmpuint (c.upns->len, ==, 3);

  g_array_unref (c.dates);
  g_ptr_array_unref (c.upns);
}

static void
test_years_and_check (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *upn = g_strdup (att_pupils_get (f->db, f->amy)->upn);
  sqlite3_stmt *stmt = NULL;
  guint8 blob[ATT_REGISTER_YEAR_SLOTS];
  const guint8 *codes;

  /* Marks in two school years: Fri 19 Jul 2024 is in 2023/24 (slot
   * (19 Jul - 1 Sep 2023) * 2 + 1 = 322 * 2 + 1 = 645), Mon 2 Sep 2024 in
   * 2024/25. */
  mark_ok (f, f->amy, D (2024, 7, 19), ATT_SESSION_PM, ATT_CODE_G, NULL);
  mark_ok (f, f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  mark_ok (f, f->lee, D (2024, 6, 3), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  codes = att_register_year_codes (f->db, f->amy, 2023);
  g_assert_nonnull (codes);
  g_assert_cmpint (D (2024, 7, 19) - D (2023, 9, 1), ==, 322);
  g_assert_cmpint (codes[645], ==, ATT_CODE_G);
  g_assert_cmpint (att_register_code (f->db, f->amy, D (2024, 7, 19), ATT_SESSION_PM), ==, ATT_CODE_G);
  g_assert_cmpint (count_rows (f->db, "mark_years"), ==, 3);
  assert_consistent (f);

  /* Tamper with Amy's 2024/25 copy: the 2 Sep AM byte becomes O. */
  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (f->db),
                                       "SELECT codes FROM mark_years WHERE pupil_id = ? AND year = 2024",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, f->amy);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  memset (blob, 0, sizeof blob);
  memcpy (blob, sqlite3_column_blob (stmt, 0), MIN ((gsize)sqlite3_column_bytes (stmt, 0), sizeof blob));
  sqlite3_finalize (stmt);
  g_assert_cmpint (blob[2], ==, ATT_CODE_PRESENT_AM);
  blob[2] = ATT_CODE_O;
  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (f->db),
                                       "UPDATE mark_years SET codes = ? WHERE pupil_id = ? AND year = 2024",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, blob, sizeof blob, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, f->amy);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  /* And remove Lee's 2023/24 copy altogether. */
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (f->db), "DELETE FROM mark_years WHERE year = 2023 AND pupil_id = (SELECT id FROM pupils WHERE legal_surname = 'Long')", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (att_db_check (f->db, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 2);
  {
    gboolean amy_found = FALSE, lee_found = FALSE;

    for (guint i = 0; i < problems->len; i++)
      {
        const char *p = problems->pdata[i];
        if (strstr (p, upn) && strstr (p, "2024/25") && strstr (p, "2 Sep 2024"))
          amy_found = TRUE;
        if (strstr (p, "Lee Long") && strstr (p, "2023/24"))
          lee_found = TRUE;
      }
    g_assert_true (amy_found);
    g_assert_true (lee_found);
  }

  /* Rebuilding from the marks mends both. */
  g_assert_true (att_register_rebuild_cache (f->db, &error));
  g_assert_no_error (error);
  assert_consistent (f);
  g_assert_cmpint (count_rows (f->db, "mark_years"), ==, 3);

  /* Copies end at their last code; a full-length copy (as older files
   * hold) reads the same, and one longer than a year is reported. */
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (f->db),
                                 "UPDATE mark_years SET codes = codes || zeroblob (732 - length (codes))",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_ptr_array_set_size (problems, 0);
  g_assert_true (att_db_check (f->db, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (f->db),
                                 "UPDATE mark_years SET codes = codes || zeroblob (8)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (att_db_check (f->db, problems, &error));
  /* Amy's two copies and Lee's one, 740 bytes each. */
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_nonnull (strstr (problems->pdata[0], "wrong length (740 bytes)"));
  g_assert_true (att_register_rebuild_cache (f->db, &error));
  assert_consistent (f);
  g_ptr_array_set_size (problems, 0);

  /* A write mends the copy of the pupil-year it touches, too. */
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (f->db), "UPDATE mark_years SET codes = zeroblob(732)", NULL, NULL, NULL), ==, SQLITE_OK);
  mark_ok (f, f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  g_ptr_array_set_size (problems, 0);
  g_assert_true (att_db_check (f->db, problems, &error));
  /* Amy's 2023/24 and Lee's 2023/24 copies are still blank. */
  g_assert_cmpuint (problems->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/register/first-entry", test_first_entry);
  ADD ("/register/identical-rewrite", test_identical_rewrite);
  ADD ("/register/amendment-needs-reason", test_amendment_needs_reason);
  ADD ("/register/history-keeps-people", test_history_keeps_people_as_they_were);
  ADD ("/register/history-append-only", test_history_append_only);
  ADD ("/register/refused-sessions", test_refused_sessions);
  ADD ("/register/code-rules", test_code_rules);
  ADD ("/register/before-the-day", test_before_the_day);
  ADD ("/register/amend-keeps-details", test_amend_keeps_details);
  ADD ("/register/permissions", test_permissions);
  ADD ("/register/batch-all-or-nothing", test_batch_all_or_nothing);
  ADD ("/register/dry-run", test_dry_run);
  ADD ("/register/clear", test_clear);
  ADD ("/register/rollback-reloads", test_rollback_reloads);
  ADD ("/register/other-program", test_other_program);
  ADD ("/register/pupil-saved-in-same-transaction", test_pupil_saved_in_same_transaction);
  ADD ("/register/foreach", test_foreach);
  ADD ("/register/years-and-check", test_years_and_check);

  return g_test_run ();
}
