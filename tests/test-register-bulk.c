/* test-register-bulk.c: loading a whole school's registers in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's calendar: Autumn 1 2024, Mon 2 Sep .. Fri 25 Oct 2024;
 * registers open 08:45 to 09:15 and 13:15 to 13:45 (the defaults).
 * Pupils, Year 7, on roll from 2 Sep 2024: Amy Able, Ben Brown.
 * Users: Olive Officer (attendance officer), Rita Reception
 * (receptionist). The load's clock stands at Tue 10 Sep 2024, 16:00.
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

typedef struct
{
  AttTestSchool s;
  gint64        amy, ben;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  att_test_school_init (&f->s);
  f->amy = att_test_school_add_pupil (&f->s, "Amy", "Able", D (2013, 1, 10));
  f->ben = att_test_school_add_pupil (&f->s, "Ben", "Brown", D (2013, 2, 10));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_test_school_clear (&f->s);
}

static gint64
count (AttDb      *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static AttRegisterBulk *
begin (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AttRegisterBulk *bulk = att_register_bulk_begin (f->s.db, att_user_system (), ATT_BULK_NEW_SCHOOL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bulk);
  att_register_bulk_set_clock (bulk, D (2024, 9, 10), 16 * 60);
  return bulk;
}

static void
on_marks_changed (AttDb  *db,
                  GArray *changes,
                  guint  *n_all)
{
  /* A load is too big to list: the notification has no list. */
  g_assert_null (changes);
  (*n_all)++;
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) history = NULL;
  AttRegisterBulk *bulk;
  AttMark mark = { 0, };
  AttHistoryEntry *entry;
  guint n_all = 0;
  /* 2 Sep 2024 08:50 BST = 07:50 UTC = 1725263400 */
  const gint64 at = 1725263400;
  const AttBulkMark entries[] = {
    /* Amy: present Monday, both sessions ('/' in the afternoon is '\'). */
    { f->amy, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL, NULL, f->s.receptionist, at },
    { f->amy, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_PRESENT_AM, -1, NULL, NULL, f->s.receptionist, at + 16200 },
    /* Tuesday morning N, then I once the parent phoned, by the officer. */
    { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_N, -1, NULL, NULL, f->s.receptionist, at + 86400 },
    { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_I, -1, "Cold", "Parent phoned", f->s.officer, at + 90000 },
    /* The same again: no change, no history. */
    { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_I, -1, NULL, NULL, f->s.officer, at + 90060 },
    /* Ben: late 10 minutes (L), then after the register closed (U, 35). */
    { f->ben, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_L, 10, "Bus", NULL, NULL, 0 },
    { f->ben, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_U, 35, NULL, NULL, NULL, 0 },
    /* A visit planned for after the clock's day. */
    { f->ben, D (2024, 9, 20), ATT_SESSION_PM, ATT_CODE_V, -1, NULL, NULL, NULL, 0 },
  };

  g_signal_connect (f->s.db, "marks-changed", G_CALLBACK (on_marks_changed), &n_all);
  /* Loaded in memory before, read again after. */
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_NONE);

  bulk = begin (f);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_assert_true (att_register_bulk_add (bulk, &entries[i], &error));
      g_assert_no_error (error);
    }
  /* 8 entries, one of which changed nothing: 7 stored. */
  g_assert_cmpuint (att_register_bulk_get_n_entries (bulk), ==, 7);
  g_assert_cmpuint (n_all, ==, 0);
  g_assert_true (att_register_bulk_commit (bulk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_all, ==, 1);
  g_signal_handlers_disconnect_by_data (f->s.db, &n_all);

  /* 6 sessions, 7 history rows; the indexes are back, and hold them. */
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM marks"), ==, 6);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM mark_history"), ==, 7);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                   "('marks_by_date', 'marks_amended', 'mark_history_by_session', 'mark_history_by_time')"), ==, 4);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM mark_history INDEXED BY mark_history_by_time WHERE at > 0"), ==, 7);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM mark_history INDEXED BY mark_history_by_session WHERE pupil_id > 0"), ==, 7);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM marks INDEXED BY marks_amended WHERE amendments > 0"), ==, 1);

  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 2), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 2), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);
  g_assert_true (att_register_get_mark (f->s.db, f->amy, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_I);
  g_assert_cmpstr (mark.comment, ==, "Cold");
  g_assert_cmpuint (mark.amendments, ==, 1);
  att_mark_clear (&mark);
  g_assert_true (att_register_get_mark (f->s.db, f->ben, D (2024, 9, 3), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_U);
  g_assert_cmpint (mark.minutes_late, ==, 35);
  att_mark_clear (&mark);

  /* The history keeps who and when: the N by the receptionist at 08:50
   * BST on Tuesday (at + 86400), the amendment by the officer an hour
   * later, 09:50 BST (at + 90000). */
  history = att_register_history (f->s.db, f->amy, D (2024, 9, 3), D (2024, 9, 3), &error);
  g_assert_cmpuint (history->len, ==, 2);
  entry = history->pdata[0];
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_N);
  g_assert_cmpstr (entry->user_name, ==, "Rita Reception");
  g_assert_null (entry->reason);
  entry = history->pdata[1];
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_N);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_I);
  g_assert_cmpstr (entry->reason, ==, "Parent phoned");
  g_assert_cmpstr (entry->user_name, ==, "Olive Officer");
  g_assert_cmpint (entry->at, ==, at + 90000);
  g_clear_pointer (&history, g_ptr_array_unref);
  /* Entries with no user are the load's: the system. */
  history = att_register_history (f->s.db, f->ben, D (2024, 9, 2), D (2024, 9, 2), &error);
  g_assert_cmpstr (((AttHistoryEntry *)history->pdata[0])->user_name, ==, "System");

  /* The compact copies agree with the marks. */
  g_assert_true (att_db_check (f->s.db, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Each rule refuses a loaded entry with the words att_register_write()
 * uses, and a refused load leaves nothing. */
static void
test_same_rules (Fixture       *f,
                 gconstpointer  data)
{
  struct {
    AttBulkMark  mark;
    const char  *reason;
  } cases[] = {
    { { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_CLOSED, -1, NULL, NULL, NULL, 0 }, NULL },
    { { f->amy, D (2024, 9, 7), ATT_SESSION_AM, ATT_CODE_I, -1, NULL, NULL, NULL, 0 }, NULL },        /* a Saturday */
    { { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_L, 30, NULL, NULL, NULL, 0 }, NULL },        /* L past 09:15 */
    { { f->amy, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_N, -1, NULL, NULL, NULL, 0 }, NULL },       /* after the clock */
    { { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_X, -1, NULL, NULL, NULL, 0 }, NULL },        /* compulsory age */
    { { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_I, -1, "Ill\x07", NULL, NULL, 0 }, NULL },   /* a control character */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) bulk_error = NULL;
      g_autoptr(GError) write_error = NULL;
      const AttBulkMark *m = &cases[i].mark;
      AttMarkWrite w = { m->pupil_id, m->date, m->session, m->code, m->minutes_late, m->comment };
      AttRegisterBulk *bulk = begin (f);

      g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
      g_assert_false (att_register_bulk_add (bulk, m, &bulk_error));
      att_register_bulk_abort (bulk);
      g_assert_false (att_register_write (f->s.db, f->s.officer, &w, 1, NULL, ATT_WRITE_DEFAULT, &write_error));
      g_unsetenv ("ATTENDANCE_TODAY");
      g_assert_nonnull (bulk_error);
      g_assert_nonnull (write_error);
      g_assert_cmpstr (bulk_error->message, ==, write_error->message);
    }

  /* An amendment needs a reason, and a receptionist may not load a
   * school. */
  {
    g_autoptr(GError) error = NULL;
    AttRegisterBulk *bulk = begin (f);
    AttBulkMark first = { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_N, -1, NULL, NULL, NULL, 0 };
    AttBulkMark change = { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_I, -1, NULL, NULL, NULL, 0 };

    g_assert_true (att_register_bulk_add (bulk, &first, &error));
    g_assert_false (att_register_bulk_add (bulk, &change, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
    g_assert_nonnull (strstr (error->message, "A reason is needed to change a saved mark"));
    att_register_bulk_abort (bulk);
    g_clear_error (&error);

    g_assert_null (att_register_bulk_begin (f->s.db, f->s.receptionist, ATT_BULK_DEFAULT, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  }

  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM marks"), ==, 0);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM mark_history"), ==, 0);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM sqlite_master WHERE name IN ('marks_by_date', 'marks_amended')"), ==, 2);
}

/* A load over marks already there amends them like any write. */
static void
test_load_over_marks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_N, -1, "No call" };
  AttBulkMark ill = { f->amy, D (2024, 9, 4), ATT_SESSION_AM, ATT_CODE_I, -1, NULL, "Parent phoned", f->s.officer, 0 };
  AttBulkMark next = { f->amy, D (2024, 9, 5), ATT_SESSION_AM, ATT_CODE_I, -1, NULL, NULL, f->s.officer, 0 };
  AttRegisterBulk *bulk;
  AttMark mark = { 0, };

  g_assert_true (att_register_write (f->s.db, f->s.officer, &w, 1, NULL, ATT_WRITE_DEFAULT, &error));
  bulk = att_register_bulk_begin (f->s.db, att_user_system (), ATT_BULK_DEFAULT, &error);
  att_register_bulk_set_clock (bulk, D (2024, 9, 10), 16 * 60);
  g_assert_true (att_register_bulk_add (bulk, &ill, &error));
  g_assert_true (att_register_bulk_add (bulk, &next, &error));
  g_assert_true (att_register_bulk_commit (bulk, &error));
  g_assert_no_error (error);

  /* N became I and kept its comment; one amendment. */
  g_assert_true (att_register_get_mark (f->s.db, f->amy, D (2024, 9, 4), ATT_SESSION_AM, &mark, &error));
  g_assert_cmpint (mark.code, ==, ATT_CODE_I);
  g_assert_cmpstr (mark.comment, ==, "No call");
  g_assert_cmpuint (mark.amendments, ==, 1);
  att_mark_clear (&mark);
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 5), ATT_SESSION_AM), ==, ATT_CODE_I);
  /* 2 sessions; history: N, N to I, and Thursday's I. */
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM marks"), ==, 2);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM mark_history"), ==, 3);
}

/* An amendment made on the session's own day needs only the right to
 * mark; one made on a later day needs the right to amend. The day is the
 * local one (the tests run in Europe/London): Tue 3 Sep 2024 is British
 * Summer Time, UTC+1, and 3 Sep 00:00 UTC is 1725321600. */
static void
test_amended_on_the_day (Fixture       *f,
                         gconstpointer  data)
{
  /* 22:30 UTC = 23:30 BST on 3 Sep: the same day. */
  const gint64 late_evening = 1725321600 + 22 * 3600 + 30 * 60;
  /* 23:30 UTC = 00:30 BST on 4 Sep: the next day, though still 3 Sep in
   * UTC. */
  const gint64 after_midnight = late_evening + 3600;
  const AttBulkMark first = { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_N, -1, NULL, NULL,
                              f->s.receptionist, 1725321600 + 7 * 3600 + 50 * 60 };
  AttBulkMark change = { f->amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_I, -1, NULL, "Parent phoned",
                         f->s.receptionist, late_evening };
  g_autoptr(GError) error = NULL;
  AttRegisterBulk *bulk;

  /* The receptionist may put right her own day's register. */
  bulk = begin (f);
  g_assert_true (att_register_bulk_add (bulk, &first, &error));
  g_assert_true (att_register_bulk_add (bulk, &change, &error));
  g_assert_no_error (error);
  att_register_bulk_abort (bulk);

  /* Half past midnight is the next day: refused, naming the session. */
  change.at = after_midnight;
  bulk = begin (f);
  g_assert_true (att_register_bulk_add (bulk, &first, &error));
  g_assert_false (att_register_bulk_add (bulk, &change, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Amy"));
  att_register_bulk_abort (bulk);
  g_assert_cmpint (count (f->s.db, "SELECT count(*) FROM mark_history"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/register-bulk/load", test_load);
  ADD ("/register-bulk/same-rules", test_same_rules);
  ADD ("/register-bulk/load-over-marks", test_load_over_marks);
  ADD ("/register-bulk/amended-on-the-day", test_amended_on_the_day);

  return g_test_run ();
}
