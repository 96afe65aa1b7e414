/* test-retention.c: subject access and the end of retention: everything
 * held about a pupil, and what goes six years after the last entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

static int
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
today (const char *date)
{
  g_setenv ("ATTENDANCE_TODAY", date, TRUE);
}

static void
test_first_day (void)
{
  /* Six years from the day of the last entry, that day excluded: kept to
   * the end of the sixth anniversary, deletable the day after. */
  g_assert_cmpint (att_retention_first_day (D (2018, 7, 20)), ==, D (2024, 7, 21));
  g_assert_cmpint (att_retention_first_day (D (2019, 12, 31)), ==, D (2026, 1, 1));
  /* 28 February 2018: its anniversary is 28 February 2024, a leap
   * year, so the first day is 29 February 2024. */
  g_assert_cmpint (att_retention_first_day (D (2018, 2, 28)), ==, D (2024, 2, 29));
  /* 29 February 2020: 2026 has none, the anniversary is 1 March 2026
   * and the first day 2 March. */
  g_assert_cmpint (att_retention_first_day (D (2020, 2, 29)), ==, D (2026, 3, 2));
  /* 29 February 2024: 2030 has none either: 2 March 2030. */
  g_assert_cmpint (att_retention_first_day (D (2024, 2, 29)), ==, D (2030, 3, 2));
}

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *admin;
  AttUser   *officer;
  AttUser   *receptionist;
  gint64     ada, ben, cara, dan, eve;
} School;

static const char *
upn_of (School *s,
        gint64  id)
{
  return att_pupils_get (s->db, id)->upn;
}

/* Ada left on 20 July 2018, marked that day: last entry 20 July 2018.
 * Ben left the same day, but his mark of 19 July was amended on 15
 * January 2019: last entry 15 January 2019.
 * Cara left on 29 February 2020 (entered on file in 2018).
 * Dan is on roll.
 * Eve left on 20 July 2018; her details were corrected on 10 March
 * 2021: last entry 10 March 2021. */
static void
school_init (School *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) contact = att_contact_new ();
  AttMarkWrite write = { 0, D (2018, 7, 20), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL };

  today ("2018-07-20");
  s->t = att_test_db_new ();
  s->db = s->t->db;
  att_test_add_term (s->db, "Summer 2 2018", D (2018, 6, 4), D (2018, 7, 20));
  s->admin = att_test_add_user (s->db, "Ada Admin", ATT_ROLE_ADMIN, NULL);
  s->officer = att_test_add_user (s->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  s->receptionist = att_test_add_user (s->db, "Rita Reception", ATT_ROLE_RECEPTIONIST, NULL);

  s->ada = att_test_add_pupil (s->db, "Ada", "Able", 6, D (2007, 1, 5), D (2018, 6, 4), D (2018, 7, 20));
  s->ben = att_test_add_pupil (s->db, "Ben", "Baker", 6, D (2007, 2, 5), D (2018, 6, 4), D (2018, 7, 20));
  s->cara = att_test_add_pupil (s->db, "Cara", "Cole", 6, D (2007, 3, 5), D (2018, 6, 4), D (2020, 2, 29));
  s->dan = att_test_add_pupil (s->db, "Dan", "Dale", 6, D (2007, 4, 5), D (2018, 6, 4), ATT_DATE_NONE);
  s->eve = att_test_add_pupil (s->db, "Eve", "Eden", 6, D (2007, 5, 5), D (2018, 6, 4), D (2018, 7, 20));

  contact->pupil_id = s->ada;
  contact->priority = 1;
  contact->surname = g_strdup ("Able");
  contact->forename = g_strdup ("Alex");
  contact->relationship = g_strdup ("Father");
  g_assert_cmpint (att_contacts_save (s->db, s->officer, contact, &error), >, 0);
  g_assert_no_error (error);

  write.pupil_id = s->ada;
  g_assert_true (att_register_write (s->db, s->receptionist, &write, 1, NULL, 0, &error));
  g_assert_no_error (error);
  write.pupil_id = s->ben;
  write.date = D (2018, 7, 19);
  write.code = ATT_CODE_N;
  g_assert_true (att_register_write (s->db, s->receptionist, &write, 1, NULL, 0, &error));
  g_assert_no_error (error);

  today ("2019-01-15");
  write.code = ATT_CODE_I;
  g_assert_true (att_register_write (s->db, s->officer, &write, 1, "Doctor's letter came late", 0, &error));
  g_assert_no_error (error);

  today ("2021-03-10");
  {
    g_autoptr(AttPupil) copy = att_pupil_copy (att_pupils_get (s->db, s->eve));

    g_free (copy->legal_forename);
    copy->legal_forename = g_strdup ("Evie");
    g_assert_cmpint (att_pupils_save (s->db, s->officer, copy, &error), ==, s->eve);
    g_assert_no_error (error);
  }
}

static void
school_clear (School *s)
{
  g_clear_pointer (&s->admin, att_user_free);
  g_clear_pointer (&s->officer, att_user_free);
  g_clear_pointer (&s->receptionist, att_user_free);
  g_clear_pointer (&s->t, att_test_db_free);
}

/* The pupils due on @as_of, as "Ada,Ben". */
static char *
due_names (School  *s,
           AttDate  as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = att_retention_due (s->db, as_of, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      AttRetentionItem *item = g_ptr_array_index (due, i);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "",
                              att_pupil_get_forename (att_pupils_get (s->db, item->pupil_id)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_due (void)
{
  School s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  AttRetentionItem *item;

  school_init (&s);

#define ASSERT_DUE(date, names) \
  G_STMT_START { \
    g_autofree char *got = due_names (&s, date); \
    g_assert_cmpstr (got, ==, names); \
  } G_STMT_END

  ASSERT_DUE (D (2024, 7, 20), "");           /* Ada's sixth anniversary: still kept */
  ASSERT_DUE (D (2024, 7, 21), "Ada");
  ASSERT_DUE (D (2025, 1, 15), "Ada");        /* Ben's amendment's anniversary */
  ASSERT_DUE (D (2025, 1, 16), "Ada,Ben");
  ASSERT_DUE (D (2026, 3, 1), "Ada,Ben");     /* Cara left on 29 February */
  ASSERT_DUE (D (2026, 3, 2), "Ada,Ben,Cara");
  ASSERT_DUE (D (2027, 3, 10), "Ada,Ben,Cara"); /* Eve's details corrected */
  ASSERT_DUE (D (2027, 3, 11), "Ada,Ben,Cara,Evie");
  ASSERT_DUE (D (2099, 1, 1), "Ada,Ben,Cara,Evie"); /* Dan is on roll */

  /* What will go, as the confirmation says it. Ada: the contact, one
   * mark, its one entry, and two audit rows (her addition and her
   * contact's). */
  due = att_retention_due (s.db, D (2024, 7, 21), &error);
  g_assert_no_error (error);
  item = g_ptr_array_index (due, 0);
  g_assert_cmpint (item->last_entry, ==, D (2018, 7, 20));
  g_assert_cmpint (item->first_day, ==, D (2024, 7, 21));
  g_assert_cmpuint (item->n_contacts, ==, 1);
  g_assert_cmpuint (item->n_marks, ==, 1);
  g_assert_cmpuint (item->n_history, ==, 1);
  g_assert_cmpuint (item->n_decisions, ==, 0);
  g_assert_cmpuint (item->n_audit, ==, 2);
  {
    g_autofree char *text = att_retention_item_describe (item);
    g_autofree char *expected = g_strdup_printf ("Ada Able (UPN %s), left Fri 20 Jul 2018: 1 contact, 1 mark, "
                                                 "1 register entry or amendment, 0 penalty decisions, "
                                                 "2 audit log rows", item->upn);

    g_assert_cmpstr (text, ==, expected);
  }
  school_clear (&s);
}

static void
on_changed (AttDb *db,
            guint  changes,
            guint *out)
{
  *out |= changes;
}

/* One meeting with the family (recorded, a review) and one support
 * entry about @pupil, on 1 July 2018. */
static void
add_case_records (AttDb  *db,
                  gint64  pupil)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO case_meetings (pupil_id, date, time, place, attended, target, review_date, outcome, "
    "  actor_id, at, recorded_actor_id, recorded_at) "
    "  VALUES (%1$" G_GINT64_FORMAT ", %2$d, 540, 'the office', 'Mrs Baker', 8, %3$d, 'review', "
    "          (SELECT min(id) FROM actors), 1530432000, (SELECT min(id) FROM actors), 1530432000);"
    "INSERT INTO case_support (pupil_id, date, kind, agency, detail, actor_id, at) "
    "  VALUES (%1$" G_GINT64_FORMAT ", %2$d, 'agency', 'School nurse', 'Headaches', "
    "          (SELECT min(id) FROM actors), 1530432000);",
    pupil, (int)D (2018, 7, 1), (int)D (2018, 7, 8));

  g_assert_true (att_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* One of each record the calls keep about @pupil: a call linked to the
 * pupil's first register entry, an attempt on it, a late arrival and a
 * notice to the local authority, all on 1 July 2018. */
static void
add_call_records (AttDb  *db,
                  gint64  pupil)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO calls (id, pupil_id, date, at, caller, channel, direction, reason, actor_id) "
    "  VALUES (900, %1$" G_GINT64_FORMAT ", %2$d, 1530432000, 'Mrs Baker', 'phone', 'in', 'illness', "
    "          (SELECT min(id) FROM actors));"
    "INSERT INTO call_attempts (call_id, pupil_id, date, at, channel, outcome, actor_id) "
    "  VALUES (900, %1$" G_GINT64_FORMAT ", %2$d, 1530432000, 'phone', 'reached', (SELECT min(id) FROM actors));"
    "INSERT INTO call_marks (call_id, history_id) "
    "  SELECT 900, min(id) FROM mark_history WHERE pupil_id = %1$" G_GINT64_FORMAT ";"
    "INSERT INTO late_book (id, pupil_id, date, kind, session, minutes_late, code, reason, person, actor_id, at) "
    "  VALUES (901, %1$" G_GINT64_FORMAT ", %2$d, 'arrival', 0, 5, 'L', 'Bus', 'Mother', "
    "          (SELECT min(id) FROM actors), 1530432000);"
    "INSERT INTO late_book_marks (entry_id, history_id) "
    "  SELECT 901, min(id) FROM mark_history WHERE pupil_id = %1$" G_GINT64_FORMAT ";"
    "INSERT INTO la_notifications (pupil_id, kind, told, actor_id, at) "
    "  VALUES (%1$" G_GINT64_FORMAT ", 'illness', %2$d, (SELECT min(id) FROM actors), 1530432000);",
    pupil, (int)D (2018, 7, 1));

  g_assert_true (att_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* A request for leave about @pupil, refused, with its one session linked
 * to the pupil's first register entry, and a review. */
static void
add_leave_records (AttDb  *db,
                   gint64  pupil)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO leave_requests (id, group_id, pupil_id, type, status, first_date, first_session, "
    "  last_date, last_session, reason, requested_by, received, actor_id, at) "
    "  VALUES (902, 902, %1$" G_GINT64_FORMAT ", 'holiday', 'declined', %2$d, 0, %2$d, 0, "
    "          'A family holiday', 'Mrs Baker', %2$d, (SELECT min(id) FROM actors), 1530432000);"
    "INSERT INTO leave_sessions (leave_id, pupil_id, date, session, state, history_id) "
    "  SELECT 902, %1$" G_GINT64_FORMAT ", %2$d, 0, 'refused', min(id) FROM mark_history "
    "  WHERE pupil_id = %1$" G_GINT64_FORMAT ";"
    "INSERT INTO leave_reviews (leave_id, review_day, note, actor_id, at) "
    "  VALUES (902, %2$d, 'Reviewed', (SELECT min(id) FROM actors), 1530432000);",
    pupil, (int)D (2018, 7, 2));

  g_assert_true (att_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
test_purge (void)
{
  School s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) purged = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *ada_upn = NULL;
  g_autofree char *ben_upn = NULL;
  AttDb *other = NULL;
  guint changes = 0;
  int pupils, history, audit;

  school_init (&s);
  ada_upn = g_strdup (upn_of (&s, s.ada));
  ben_upn = g_strdup (upn_of (&s, s.ben));
  add_call_records (s.db, s.ben);
  add_case_records (s.db, s.ben);
  add_leave_records (s.db, s.ben);
  pupils = count_rows (s.db, "SELECT count(*) FROM pupils");
  history = count_rows (s.db, "SELECT count(*) FROM mark_history");
  audit = count_rows (s.db, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (pupils, ==, 5);
  g_assert_cmpint (history, ==, 3);

  today ("2025-01-16");
  /* Only an administrator. */
  g_assert_false (att_retention_purge (s.db, s.officer, D (2025, 1, 16), NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  /* Never as of a day still to come. */
  g_assert_false (att_retention_purge (s.db, s.admin, D (2026, 3, 2), NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  /* Cara's time has not come: the whole purge is refused, naming her. */
  g_array_append_val (ids, s.ben);
  g_array_append_val (ids, s.cara);
  g_assert_false (att_retention_purge (s.db, s.admin, D (2025, 1, 16), ids, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Cara Cole"));
  g_clear_error (&error);
  /* Dan is on roll. */
  g_array_set_size (ids, 0);
  g_array_append_val (ids, s.dan);
  g_assert_false (att_retention_purge (s.db, s.admin, D (2025, 1, 16), ids, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "has not left"));
  g_clear_error (&error);
  /* Nothing went, and the refusals wrote nothing. */
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM pupils"), ==, pupils);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM mark_history"), ==, history);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM audit_log"), ==, audit);

  /* Another program (a window) has the school open. */
  other = att_db_open (s.t->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (att_pupils_get (other, s.ada));
  g_signal_connect (other, "changed", G_CALLBACK (on_changed), &changes);

  /* Everyone due on 16 January 2025: Ada and Ben. */
  g_assert_true (att_retention_purge (s.db, s.admin, D (2025, 1, 16), NULL, &purged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (purged->len, ==, 2);
  g_assert_null (att_pupils_get (s.db, s.ada));
  g_assert_null (att_pupils_get (s.db, s.ben));
  g_assert_nonnull (att_pupils_get (s.db, s.cara));
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM pupils"), ==, 3);
  /* Ada's one entry and Ben's two went; the contact with Ada. */
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM mark_history"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM marks"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM mark_years"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM retention_permits"), ==, 0);
  /* The calls about him went with him, and what linked them to his register. */
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM calls"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM call_attempts"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM call_marks"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM late_book"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM late_book_marks"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM la_notifications"), ==, 0);
  /* And his request for leave, its session and its review. */
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM leave_requests"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM leave_sessions"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM leave_reviews"), ==, 0);
  /* And the meeting with his family and the support offered. */
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM case_meetings"), ==, 0);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM case_support"), ==, 0);

  /* The window sees them go, with their register. */
  g_assert_true (att_db_poll (other));
  g_assert_cmpuint (changes & (ATT_CHANGE_PUPILS | ATT_CHANGE_MARKS), ==, ATT_CHANGE_PUPILS | ATT_CHANGE_MARKS);
  g_assert_null (att_pupils_get (other, s.ada));
  g_assert_nonnull (att_pupils_get (other, s.dan));
  g_clear_object (&other);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE pupil_id IN (%"
                                            G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", s.ada, s.ben);
    AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
    g_autoptr(GPtrArray) rows = NULL;
    g_autofree char *detail = g_strdup_printf ("as of 2025-01-16: %s, %s", ada_upn, ben_upn);
    AttAuditEntry *entry;

    g_assert_cmpint (count_rows (s.db, sql), ==, 0);
    /* The purge is in the log, by UPN and with the counts. */
    filter.kind = ATT_AUDIT_PUPIL;
    filter.newest_first = TRUE;
    rows = att_audit_query (s.db, &filter, &error);
    g_assert_no_error (error);
    entry = g_ptr_array_index (rows, 0);
    g_assert_cmpstr (entry->action, ==, "pupils.purge");
    g_assert_cmpstr (entry->who, ==, "Ada Admin");
    g_assert_cmpstr (entry->detail, ==, detail);
    g_assert_nonnull (strstr (entry->before, "\"marks\":1,\"register_entries\":2"));
  }

  /* The exception was for them and for that transaction: the history of
   * everyone else is still refused. */
  {
    char *message = NULL;

    g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), "DELETE FROM audit_log WHERE pupil_id IS NOT NULL",
                                   NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
    sqlite3_free (message);
  }

  /* The register still works for those left. */
  {
    AttMarkWrite write = { s.dan, D (2018, 7, 20), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, -1, NULL };

    g_assert_true (att_register_write (s.db, s.receptionist, &write, 1, NULL, 0, &error));
    g_assert_no_error (error);
  }
  /* The database is whole. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (att_db_check (s.db, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  school_clear (&s);
}

/* Everything held about Ben, who left. */
static void
test_subject_access (void)
{
  School s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttSar) sar = NULL;
  g_autofree char *json = NULL;
  const char *keys[] = { "details", "contacts", "marks", "register_history", "penalty_decisions",
                         "calls", "call_attempts", "late_book", "la_notifications", "audit_log",
                         "letters", "leave_requests", "leave_sessions", "leave_reviews",
                         "medical_evidence", "letters_do_not_send", "letter_holds",
                         "penalty_improvements", "penalty_notices", "case_meetings", "case_support",
                         "previous_attendance" };
  /* Ben: his details, no contacts, one mark (I, amended once), its two
   * entries (N, then I), no decisions, one call, one attempt, one late
   * arrival, one notice to the LA, his addition in the log, no letters,
   * one request for leave with its one session and one review, and
   * nothing about letters held back or medical evidence, no notices;
   * one meeting with his family and one support entry; no attendance at a
   * previous school. */
  const guint counts[] = { 1, 0, 1, 2, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0 };

  school_init (&s);
  add_call_records (s.db, s.ben);
  add_case_records (s.db, s.ben);
  add_leave_records (s.db, s.ben);
  today ("2024-09-02");

  g_assert_null (att_sar_collect (s.db, s.receptionist, s.ben, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  sar = att_sar_collect (s.db, s.officer, s.ben, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sar->upn, ==, upn_of (&s, s.ben));
  g_assert_cmpstr (sar->name, ==, "Ben Baker");
  g_assert_cmpuint (sar->sections->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      AttSarSection *section = g_ptr_array_index (sar->sections, i);

      g_assert_cmpstr (section->key, ==, keys[i]);
      g_assert_cmpuint (section->records->len, ==, counts[i]);
    }

  json = att_sar_to_json (sar, TRUE);
  g_assert_nonnull (strstr (json, "\"legal_surname\": \"Baker\""));
  g_assert_nonnull (strstr (json, "\"fsm\": false"));
  g_assert_nonnull (strstr (json, "\"leaving_date\": \"2018-07-20\""));
  g_assert_nonnull (strstr (json, "\"contacts\": []"));
  g_assert_nonnull (strstr (json, "\"amendments\": 1"));
  g_assert_nonnull (strstr (json, "\"reason\": \"Doctor's letter came late\""));
  g_assert_nonnull (strstr (json, "\"when\": \"2019-01-15 16:00:00\""));

  /* The export is in the log, with what was handed over. */
  g_assert_true (att_sar_record_export (s.db, s.officer, sar, "ben.pdf, ben.json", &error));
  g_assert_no_error (error);
  {
    AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
    g_autoptr(GPtrArray) rows = NULL;
    AttAuditEntry *entry;

    filter.kind = ATT_AUDIT_EXPORT;
    filter.pupil_id = s.ben;
    rows = att_audit_query (s.db, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    entry = g_ptr_array_index (rows, 0);
    g_assert_cmpstr (entry->action, ==, "sar.export");
    g_assert_cmpstr (entry->who, ==, "Olive Officer");
    g_assert_cmpstr (entry->after, ==, "{\"details\":1,\"contacts\":0,\"marks\":1,"
                                       "\"register_history\":2,\"penalty_decisions\":0,\"calls\":1,"
                                       "\"call_attempts\":1,\"late_book\":1,\"la_notifications\":1,"
                                       "\"audit_log\":1,\"letters\":0,\"leave_requests\":1,"
                                       "\"leave_sessions\":1,\"leave_reviews\":1,\"medical_evidence\":0,"
                   "\"letters_do_not_send\":0,\"letter_holds\":0,"
                   "\"penalty_improvements\":0,\"penalty_notices\":0,\"case_meetings\":1,\"case_support\":1,"
                   "\"previous_attendance\":0}");
  }
  school_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retention/first-day", test_first_day);
  g_test_add_func ("/retention/due", test_due);
  g_test_add_func ("/retention/purge", test_purge);
  g_test_add_func ("/retention/subject-access", test_subject_access);
  return g_test_run ();
}
