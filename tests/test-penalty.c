/* test-penalty.c: the penalty list, considerations, the unconsidered
 * breaches, notices to improve and penalty notice requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's calendar and its school weeks (Monday dates):
 *   Summer 2 2024  Mon 3 Jun .. Fri 19 Jul 2024:
 *                  3 Jun, 10 Jun, 17 Jun, 24 Jun, 1 Jul, 8 Jul, 15 Jul
 *   (summer holiday: no school weeks)
 *   Autumn 1 2024  Mon 2 Sep .. Fri 25 Oct 2024:
 *                  2 Sep, 9 Sep, 16 Sep, 23 Sep, 30 Sep, 7 Oct, 14 Oct, 21 Oct
 *   (half term, Mon 28 Oct .. Fri 1 Nov: no sessions)
 *   Autumn 2 2024  Mon 4 Nov .. Fri 20 Dec 2024:
 *                  4 Nov, 11 Nov, 18 Nov, 25 Nov, 2 Dec, 9 Dec, 16 Dec
 *   Spring 1 2025  Mon 6 Jan .. Fri 14 Feb 2025: 6 Jan, 13 Jan, ...
 *
 * As of Fri 8 Nov 2024 the ten school weeks run from Mon 15 Jul 2024.
 * Today is Fri 8 Nov 2024 unless a test says otherwise.
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-letter-batch.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *head;
  AttUser   *officer;
  AttUser   *receptionist;
} Fixture;

static void
today (const char *date)
{
  g_setenv ("ATTENDANCE_TODAY", date, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  today ("2024-11-08");
  f->t = att_test_db_new ();
  f->db = f->t->db;
  att_test_add_term (f->db, "Summer 2 2024", D (2024, 6, 3), D (2024, 7, 19));
  att_test_add_term (f->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  att_test_add_term (f->db, "Autumn 2 2024", D (2024, 11, 4), D (2024, 12, 20));
  att_test_add_term (f->db, "Spring 1 2025", D (2025, 1, 6), D (2025, 2, 14));
  f->head = att_test_add_user (f->db, "Hannah Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  f->officer = att_test_add_user (f->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer");
  f->receptionist = att_test_add_user (f->db, "Rita Reception", ATT_ROLE_RECEPTIONIST, "Receptionist");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->head);
  att_user_free (f->officer);
  att_user_free (f->receptionist);
  att_test_db_free (f->t);
  today ("2024-11-08");
}

/* A Year 8 pupil born 3 March 2012: of compulsory school age from
 * 31 March 2017 to 30 June 2028, all through these tests. */
static gint64
add_pupil_born (Fixture    *f,
                const char *forename,
                const char *surname,
                int         year,
                AttDate     dob)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, year, year == 0 ? "RA" : "8B", dob,
                                        D (2023, 9, 4));

  return att_test_save_pupil (f->db, pupil);
}

static gint64
add_pupil (Fixture    *f,
           const char *forename,
           const char *surname)
{
  return add_pupil_born (f, forename, surname, 8, D (2012, 3, 3));
}

static gint64
add_contact (Fixture    *f,
             gint64      pupil,
             int         priority,
             const char *title,
             const char *forename,
             const char *surname,
             gboolean    responsibility)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) contact = att_contact_new ();
  gint64 id;

  contact->pupil_id = pupil;
  contact->priority = priority;
  contact->title = g_strdup (title);
  contact->forename = g_strdup (forename);
  contact->surname = g_strdup (surname);
  contact->relationship = g_strdup (responsibility ? "Parent" : "Aunt");
  contact->parental_responsibility = responsibility;
  contact->lives_with = responsibility;
  contact->receives_letters = responsibility;
  contact->address_1 = g_strdup ("1 High Street");
  contact->town = g_strdup ("Testbury");
  contact->postcode = g_strdup ("TB1 1AA");
  id = att_contacts_save (f->db, f->officer, contact, &error);
  g_assert_no_error (error);
  return id;
}

/* Marks @count school sessions with @code, from @date @session on. */
static void
mark_sessions (Fixture    *f,
               gint64      pupil,
               AttDate     date,
               AttSession  session,
               guint       count,
               AttCode     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  AttCalendar *calendar = att_db_get_calendar (f->db);
  int s = session;

  while (writes->len < count)
    {
      if (att_calendar_is_school_session (calendar, date, s))
        {
          AttMarkWrite w = { pupil, date, s, code, -1, NULL };
          g_array_append_val (writes, w);
        }
      if (++s > ATT_SESSION_PM)
        {
          s = ATT_SESSION_AM;
          date++;
        }
      g_assert_cmpint (date, <, D (2025, 3, 1));
    }
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite *)(void *)writes->data,
                                     writes->len, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static gint64
consider (Fixture            *f,
          gint64              pupil,
          AttDate             as_of,
          AttPenaltyDecision  decision)
{
  g_autoptr(GError) error = NULL;
  AttPenaltyConsideration c = { 0 };
  gint64 id;

  c.pupil_id = pupil;
  c.as_of = as_of;
  c.support_offered = (char *)"Meeting on 1 October; a morning club place";
  c.equality = (char *)"No disability or special need known";
  c.decision = decision;
  c.rationale = (char *)"Support has not changed the pattern";
  id = att_penalty_consider (f->db, f->head, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_as_of (Fixture *f,
            AttDate  as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = att_penalty_list (f->db, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static GPtrArray *
unconsidered_as_of (Fixture *f,
                    AttDate  as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = att_penalty_unconsidered (f->db, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

#define ROW(rows, i) ((AttPenaltyRow *)g_ptr_array_index ((rows), (i)))

/* ------------------------------------------------------------------ */

static void
test_decision_names (void)
{
  g_autoptr(GError) error = NULL;
  AttPenaltyDecision decision;
  AttPenaltyNoticeKind kind;
  AttPenaltyNoticeStatus status;

  g_assert_true (att_penalty_decision_parse ("notice-to-improve", &decision, &error));
  g_assert_cmpint (decision, ==, ATT_PENALTY_NOTICE_TO_IMPROVE);
  g_assert_cmpstr (att_penalty_decision_to_string (ATT_PENALTY_PENALTY_NOTICE), ==, "penalty-notice");
  g_assert_false (att_penalty_decision_parse ("fine", &decision, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "support, notice-to-improve, penalty-notice or other"));
  g_clear_error (&error);
  g_assert_true (att_penalty_notice_kind_parse ("second", &kind, &error));
  g_assert_cmpint (kind, ==, ATT_PENALTY_NOTICE_SECOND);
  g_assert_true (att_penalty_notice_status_parse ("prosecuted", &status, &error));
  g_assert_cmpint (status, ==, ATT_PENALTY_NOTICE_PROSECUTED);
}

/* Tom has 10 sessions of O, the whole week of Mon 4 Nov 2024; Nina 9. */
static void
test_consider (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) considerations = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
  gint64 tom = add_pupil (f, "Tom", "Ten");
  gint64 nina = add_pupil (f, "Nina", "Nine");
  AttPenaltyConsideration c = { 0 };
  AttPenaltyConsideration *read;
  AttBreach breach;
  gint64 id;

  mark_sessions (f, tom, D (2024, 11, 4), ATT_SESSION_AM, 10, ATT_CODE_O);
  mark_sessions (f, nina, D (2024, 11, 4), ATT_SESSION_AM, 9, ATT_CODE_O);

  c.pupil_id = tom;
  c.as_of = D (2024, 11, 8);
  c.decision = ATT_PENALTY_SUPPORT;
  c.rationale = (char *)"First time at the threshold";
  c.equality = (char *)"Tom has an EHC plan: the school weighed it";
  c.agencies = (char *)"Early help";

  /* Only the headteacher (or the deputy) decides. */
  g_assert_cmpint (att_penalty_consider (f->db, f->officer, &c, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A consideration without the Equality Act considerations is not
   * complete (the window's form refuses it); the rationale is required. */
  c.equality = (char *)"  ";
  g_assert_false (att_penalty_consideration_check_complete (&c, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Equality Act"));
  g_clear_error (&error);
  g_assert_cmpstr (att_penalty_consideration_describe_equality (&c), ==, "Not recorded");
  c.equality = (char *)"Tom has an EHC plan: the school weighed it";
  g_assert_true (att_penalty_consideration_check_complete (&c, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (att_penalty_consideration_describe_equality (&c), ==, c.equality);
  c.rationale = NULL;
  g_assert_cmpint (att_penalty_consider (f->db, f->head, &c, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rationale"));
  g_clear_error (&error);
  c.rationale = (char *)"First time at the threshold";

  /* Nina has 9 sessions, below the threshold: refused, naming them. */
  c.pupil_id = nina;
  g_assert_cmpint (att_penalty_consider (f->db, f->head, &c, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Nina Nine"));
  g_assert_nonnull (strstr (error->message, "has 9 unauthorised sessions"));
  g_clear_error (&error);

  /* Nor as of a day still to come. */
  c.pupil_id = tom;
  c.as_of = D (2024, 11, 11);
  g_assert_cmpint (att_penalty_consider (f->db, f->head, &c, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* Tom, as of Fri 8 Nov: the window from Mon 15 Jul, 10 sessions. */
  c.as_of = D (2024, 11, 8);
  id = att_penalty_consider (f->db, f->head, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  considerations = att_penalty_considerations (f->db, tom, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (considerations->len, ==, 1);
  read = g_ptr_array_index (considerations, 0);
  g_assert_cmpint (read->id, ==, id);
  g_assert_cmpint (read->window_start, ==, D (2024, 7, 15));
  g_assert_cmpint (read->window_end, ==, D (2024, 11, 8));
  g_assert_cmpuint (read->sessions, ==, 10);
  g_assert_cmpint (read->decision, ==, ATT_PENALTY_SUPPORT);
  g_assert_cmpstr (read->equality, ==, "Tom has an EHC plan: the school weighed it");
  g_assert_cmpstr (read->agencies, ==, "Early help");
  g_assert_cmpstr (read->support_offered, ==, "");
  g_assert_cmpstr (read->user, ==, "Hannah Head");

  /* The breach reads as considered, and the change is in the log. */
  g_assert_true (att_threshold_pupil (f->db, tom, D (2024, 11, 8), &breach, &error));
  g_assert_true (breach.considered);
  filter.kind = ATT_AUDIT_PENALTY;
  filter.pupil_id = tom;
  audit = att_audit_query (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((AttAuditEntry *)g_ptr_array_index (audit, 0))->action, ==, "penalty.consider");
}

/* Tom 10 sessions, Nina 9, Nico 8, Ed 7, as of Fri 8 Nov 2024. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 tom = add_pupil (f, "Tom", "Ten");
  gint64 nina = add_pupil (f, "Nina", "Nine");
  gint64 nico = add_pupil (f, "Nico", "Eight");
  gint64 ed = add_pupil (f, "Ed", "Seven");
  gint64 id;

  mark_sessions (f, tom, D (2024, 11, 4), ATT_SESSION_AM, 10, ATT_CODE_O);
  mark_sessions (f, nina, D (2024, 11, 4), ATT_SESSION_AM, 9, ATT_CODE_G);
  /* Nico: 7 of O and one N (counted while the school counts N). */
  mark_sessions (f, nico, D (2024, 11, 4), ATT_SESSION_AM, 7, ATT_CODE_O);
  mark_sessions (f, nico, D (2024, 11, 8), ATT_SESSION_AM, 1, ATT_CODE_N);
  mark_sessions (f, ed, D (2024, 11, 4), ATT_SESSION_AM, 7, ATT_CODE_U);

  /* Over first, then near (within 2): Tom 10, Nina 9, Nico 8. */
  rows = list_as_of (f, D (2024, 11, 8));
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (ROW (rows, 0)->pupil_id, ==, tom);
  g_assert_true (ROW (rows, 0)->over);
  g_assert_cmpuint (ROW (rows, 0)->breach.sessions, ==, 10);
  g_assert_cmpint (ROW (rows, 0)->breach.window_start, ==, D (2024, 7, 15));
  g_assert_false (ROW (rows, 0)->breach.considered);
  g_assert_cmpint (ROW (rows, 0)->consideration_id, ==, 0);
  g_assert_cmpstr (ROW (rows, 0)->name, ==, "Tom Ten");
  g_assert_cmpstr (ROW (rows, 0)->group, ==, "8B");
  g_assert_cmpint (ROW (rows, 1)->pupil_id, ==, nina);
  g_assert_false (ROW (rows, 1)->over);
  g_assert_cmpuint (ROW (rows, 1)->breach.sessions, ==, 9);
  g_assert_cmpuint (ROW (rows, 1)->breach.codes[ATT_CODE_G], ==, 9);
  g_assert_cmpint (ROW (rows, 2)->pupil_id, ==, nico);
  g_assert_cmpuint (ROW (rows, 2)->breach.sessions, ==, 8);
  g_assert_true (ROW (rows, 2)->breach.includes_n);

  /* Considered: the row carries the consideration. */
  id = consider (f, tom, D (2024, 11, 8), ATT_PENALTY_NOTICE_TO_IMPROVE);
  after = list_as_of (f, D (2024, 11, 8));
  g_assert_cmpint (ROW (after, 0)->consideration_id, ==, id);
  g_assert_true (ROW (after, 0)->breach.considered);
}

/* Compulsory school age at both ends. */
static void
test_compulsory_age (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  /* Rosie, in Reception, born Tue 10 Dec 2019: five on 10 Dec 2024, so of
   * compulsory school age from Tue 31 Dec 2024. */
  gint64 rosie = add_pupil_born (f, "Rosie", "Reception", 0, D (2019, 12, 10));
  /* Yusuf, in Year 11, born 1 Oct 2007: sixteen on 1 Oct 2023, so of
   * compulsory school age until the last Friday of June 2024, Fri 28 Jun. */
  gint64 yusuf = add_pupil_born (f, "Yusuf", "Eleven", 11, D (2007, 10, 1));
  AttPenaltyConsideration c = { 0 };
  AttBreach breach;

  today ("2025-01-17");

  /* Rosie: 10 sessions of O in the week of Mon 9 Dec 2024, before she is
   * of compulsory school age, then 5 from Mon 6 Jan 2025 AM to Wed 8 Jan
   * AM. As of Fri 17 Jan 2025 the window runs from Mon 21 Oct 2024 (13 Jan,
   * 6 Jan, 16 Dec, 9 Dec, 2 Dec, 25 Nov, 18 Nov, 11 Nov, 4 Nov, 21 Oct)
   * and holds all 15, but only the 5 after 31 Dec count. */
  mark_sessions (f, rosie, D (2024, 12, 9), ATT_SESSION_AM, 10, ATT_CODE_O);
  mark_sessions (f, rosie, D (2025, 1, 6), ATT_SESSION_AM, 5, ATT_CODE_O);
  g_assert_true (att_threshold_pupil (f->db, rosie, D (2025, 1, 17), &breach, &error));
  g_assert_cmpint (breach.window_start, ==, D (2024, 10, 21));
  g_assert_cmpuint (breach.sessions, ==, 5);
  rows = list_as_of (f, D (2025, 1, 17));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* 4 more (Wed 8 Jan PM to Fri 10 Jan AM) make 9: near, not 19 over. */
  mark_sessions (f, rosie, D (2025, 1, 8), ATT_SESSION_PM, 4, ATT_CODE_O);
  rows = list_as_of (f, D (2025, 1, 17));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (ROW (rows, 0)->pupil_id, ==, rosie);
  g_assert_cmpuint (ROW (rows, 0)->breach.sessions, ==, 9);
  g_assert_false (ROW (rows, 0)->over);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* As of Fri 13 Dec 2024 Rosie had her 10 sessions but was not of
   * compulsory school age: never listed, never considered. */
  rows = list_as_of (f, D (2024, 12, 13));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = unconsidered_as_of (f, D (2024, 12, 13));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  c.pupil_id = rosie;
  c.as_of = D (2024, 12, 13);
  c.decision = ATT_PENALTY_SUPPORT;
  c.equality = (char *)"None known";
  c.rationale = (char *)"Test";
  g_assert_cmpint (att_penalty_consider (f->db, f->head, &c, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "not of compulsory school age on 2024-12-13"));
  g_clear_error (&error);

  /* Yusuf: 10 sessions of O the week of Mon 24 Jun 2024 and every
   * session of the 3 weeks after, to Fri 19 Jul. As of Fri 28 Jun, his
   * last day of compulsory school age, he is over with 10. */
  mark_sessions (f, yusuf, D (2024, 6, 24), ATT_SESSION_AM, 40, ATT_CODE_O);
  rows = list_as_of (f, D (2024, 6, 28));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (ROW (rows, 0)->pupil_id, ==, yusuf);
  g_assert_cmpuint (ROW (rows, 0)->breach.sessions, ==, 10);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* From Mon 1 Jul he is not of compulsory school age: never listed,
   * although the window holds 40 sessions, nor on the dashboard. */
  rows = list_as_of (f, D (2024, 7, 1));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_as_of (f, D (2024, 7, 19));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = unconsidered_as_of (f, D (2024, 7, 19));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* As of his last day he is on the dashboard. */
  rows = unconsidered_as_of (f, D (2024, 6, 28));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (ROW (rows, 0)->met, ==, D (2024, 6, 28));
}

/* The breach stays on the dashboard until considered, even once the
 * count has dropped. Today is Fri 22 Nov 2024: the last 10 school weeks
 * run from Mon 9 Sep 2024 (18 Nov, 11 Nov, 4 Nov, 21 Oct, 14 Oct, 7 Oct,
 * 30 Sep, 23 Sep, 16 Sep, 9 Sep). */
static void
test_unconsidered (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 ruth = add_pupil (f, "Ruth", "Rolling");
  gint64 sam = add_pupil (f, "Sam", "Second");
  gint64 nina = add_pupil (f, "Nina", "Nine");
  gint64 tia = add_pupil (f, "Tia", "Third");

  today ("2024-11-22");

  /* Ruth: 10 sessions of O, the week of Mon 2 Sep. Her count is 10 as of
   * every school day whose window holds that week, the last being Fri
   * 15 Nov (2 Sep .. 11 Nov are ten school weeks); from Mon 18 Nov it is
   * 0. */
  mark_sessions (f, ruth, D (2024, 9, 2), ATT_SESSION_AM, 10, ATT_CODE_O);
  /* Sam: 10 sessions the week of Mon 15 Jul, considered as of Fri 19 Jul,
   * then 10 more the week of Mon 18 Nov: a new breach, met on Fri 22
   * Nov, whose window (from Mon 9 Sep) the old consideration is not in. */
  mark_sessions (f, sam, D (2024, 7, 15), ATT_SESSION_AM, 10, ATT_CODE_G);
  consider (f, sam, D (2024, 7, 19), ATT_PENALTY_SUPPORT);
  mark_sessions (f, sam, D (2024, 11, 18), ATT_SESSION_AM, 10, ATT_CODE_O);
  /* Nina: 9, never a breach. Tia: 10 the week of Mon 18 Nov, never
   * considered: met on Fri 22 Nov as Sam's is. */
  mark_sessions (f, nina, D (2024, 11, 18), ATT_SESSION_AM, 9, ATT_CODE_O);
  mark_sessions (f, tia, D (2024, 11, 18), ATT_SESSION_AM, 10, ATT_CODE_U);

  /* Ruth is not on the penalty list now (0 sessions), Sam and Tia are. */
  rows = list_as_of (f, D (2024, 11, 22));
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (ROW (rows, 0)->pupil_id, ==, sam);
  g_assert_cmpint (ROW (rows, 1)->pupil_id, ==, tia);
  g_assert_cmpint (ROW (rows, 2)->pupil_id, ==, nina);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* All three are on the dashboard: Ruth's breach as of Fri 15 Nov
   * (window from Mon 2 Sep), Sam's and Tia's as of Fri 22 Nov; equal
   * counts, by name. */
  rows = unconsidered_as_of (f, D (2024, 11, 22));
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (ROW (rows, 0)->pupil_id, ==, ruth);
  g_assert_cmpint (ROW (rows, 0)->met, ==, D (2024, 11, 15));
  g_assert_cmpuint (ROW (rows, 0)->breach.sessions, ==, 10);
  g_assert_cmpint (ROW (rows, 0)->breach.window_start, ==, D (2024, 9, 2));
  g_assert_true (ROW (rows, 0)->over);
  g_assert_cmpint (ROW (rows, 1)->pupil_id, ==, sam);
  g_assert_cmpint (ROW (rows, 1)->met, ==, D (2024, 11, 22));
  g_assert_cmpint (ROW (rows, 1)->breach.window_start, ==, D (2024, 9, 9));
  g_assert_false (ROW (rows, 1)->breach.considered);
  g_assert_cmpint (ROW (rows, 2)->pupil_id, ==, tia);
  g_assert_cmpint (ROW (rows, 2)->met, ==, D (2024, 11, 22));
  g_assert_cmpuint (ROW (rows, 2)->breach.sessions, ==, 10);
  g_assert_cmpuint (ROW (rows, 2)->breach.codes[ATT_CODE_U], ==, 10);
  g_assert_cmpuint (ROW (rows, 2)->breach.school_weeks, ==, 10);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A consideration of Ruth's breach as of Fri 6 Sep, the day it was
   * first met, is within the window of 15 Nov (from 2 Sep): it clears
   * her. */
  consider (f, ruth, D (2024, 9, 6), ATT_PENALTY_SUPPORT);
  rows = unconsidered_as_of (f, D (2024, 11, 22));
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (ROW (rows, 0)->pupil_id, ==, sam);
  g_assert_cmpint (ROW (rows, 1)->pupil_id, ==, tia);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Sam's, as of the day shown, clears him. */
  consider (f, sam, D (2024, 11, 22), ATT_PENALTY_PENALTY_NOTICE);
  consider (f, tia, D (2024, 11, 22), ATT_PENALTY_SUPPORT);
  rows = unconsidered_as_of (f, D (2024, 11, 22));
  g_assert_cmpuint (rows->len, ==, 0);
}

/* Penalty notice requests: Tom's father and mother, his aunt without
 * parental responsibility. Today is Fri 8 Nov 2024. */
static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  gint64 tom = add_pupil (f, "Tom", "Ten");
  gint64 other = add_pupil (f, "Olly", "Other");
  gint64 father = add_contact (f, tom, 1, "Mr", "Terry", "Ten", TRUE);
  gint64 mother = add_contact (f, tom, 2, "Mrs", "Tina", "Ten", TRUE);
  gint64 aunt = add_contact (f, tom, 3, "Ms", "Ann", "Ten", FALSE);
  gint64 olly_mother = add_contact (f, other, 1, "Mrs", "Olga", "Other", TRUE);
  g_autoptr(AttPenaltyNotice) first = NULL;
  g_autoptr(AttPenaltyNotice) second = NULL;
  gint64 id1, id2, id3, id4;
  AttBreach breach;

  mark_sessions (f, tom, D (2024, 11, 4), ATT_SESSION_AM, 10, ATT_CODE_O);

  /* Not before the school decided to ask for one. */
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_FIRST,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "penalty-notice"));
  g_clear_error (&error);
  consider (f, tom, D (2024, 11, 8), ATT_PENALTY_PENALTY_NOTICE);

  /* Only the headteacher asks; only a parent with parental
   * responsibility, of this pupil. */
  g_assert_cmpint (att_penalty_notice_request (f->db, f->officer, tom, father, ATT_PENALTY_NOTICE_FIRST,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, aunt, ATT_PENALTY_NOTICE_FIRST,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Ms Ann Ten has no parental responsibility"));
  g_clear_error (&error);
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, olly_mother, ATT_PENALTY_NOTICE_FIRST,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The kind must match the count: no second before a first. */
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_SECOND,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "first notice"));
  g_clear_error (&error);

  /* A first: £80 within 21 days, £160 within 28. */
  id1 = att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_FIRST,
                                    D (2024, 11, 8), &error);
  g_assert_no_error (error);
  first = att_penalty_notice_get (f->db, id1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->parent, ==, "Mr Terry Ten");
  g_assert_cmpint (first->status, ==, ATT_PENALTY_NOTICE_REQUESTED);
  g_assert_cmpint (first->status_date, ==, D (2024, 11, 8));
  g_assert_cmpuint (first->amount_early_pence, ==, 8000);
  g_assert_cmpuint (first->early_days, ==, 21);
  g_assert_cmpuint (first->amount_pence, ==, 16000);
  g_assert_cmpuint (first->days, ==, 28);
  g_assert_cmpint (first->consideration_id, >, 0);

  /* Another first to the same parent is refused: it would be a second. */
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_FIRST,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "second notice"));
  g_clear_error (&error);

  /* A second: £160 within 28 days, no early amount. */
  id2 = att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_SECOND,
                                    D (2024, 11, 8), &error);
  g_assert_no_error (error);
  second = att_penalty_notice_get (f->db, id2, &error);
  g_assert_cmpuint (second->amount_early_pence, ==, 0);
  g_assert_cmpuint (second->early_days, ==, 0);
  g_assert_cmpuint (second->amount_pence, ==, 16000);
  g_assert_cmpuint (second->days, ==, 28);

  /* A third to the same parent within 3 years is refused, naming the
   * two and pointing to other action. */
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_SECOND,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  {
    g_autofree char *one = g_strdup_printf ("notice %" G_GINT64_FORMAT " (first, requested 2024-11-08", id1);
    g_autofree char *two = g_strdup_printf ("notice %" G_GINT64_FORMAT " (second, requested 2024-11-08", id2);

    g_assert_nonnull (strstr (error->message, one));
    g_assert_nonnull (strstr (error->message, two));
  }
  g_assert_nonnull (strstr (error->message, "prosecution"));
  g_assert_nonnull (strstr (error->message, "education supervision order"));
  g_clear_error (&error);

  /* Per parent: the mother's first is allowed. */
  id3 = att_penalty_notice_request (f->db, f->head, tom, mother, ATT_PENALTY_NOTICE_FIRST,
                                    D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id3, >, 0);
  /* Father 2, mother 1: 3 for Tom, as the threshold reports them. */
  g_assert_cmpuint (att_penalty_notices_3y (f->db, tom, father, D (2024, 11, 8), &error), ==, 2);
  g_assert_cmpuint (att_penalty_notices_3y (f->db, tom, 0, D (2024, 11, 8), &error), ==, 3);
  g_assert_true (att_threshold_pupil (f->db, tom, D (2024, 11, 8), &breach, &error));
  g_assert_cmpuint (breach.notices_3y, ==, 3);

  /* Statuses: the receptionist may not record them; a requested notice
   * is not paid before it is issued; not on a day still to come. */
  g_assert_false (att_penalty_notice_set_status (f->db, f->receptionist, id1, ATT_PENALTY_NOTICE_ISSUED,
                                                 D (2024, 11, 8), NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (att_penalty_notice_set_status (f->db, f->officer, id1, ATT_PENALTY_NOTICE_PAID,
                                                 D (2024, 11, 8), NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_false (att_penalty_notice_set_status (f->db, f->officer, id1, ATT_PENALTY_NOTICE_ISSUED,
                                                 D (2024, 11, 9), NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* Withdrawn notices do not count: with the father's first withdrawn
   * he has 1, and the next is a second again. */
  g_assert_true (att_penalty_notice_set_status (f->db, f->officer, id1, ATT_PENALTY_NOTICE_WITHDRAWN,
                                                D (2024, 11, 8), "Wrong address", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (att_penalty_notices_3y (f->db, tom, father, D (2024, 11, 8), &error), ==, 1);
  id4 = att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_SECOND,
                                    D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id4, >, 0);
  /* A withdrawn notice stays withdrawn. */
  g_assert_false (att_penalty_notice_set_status (f->db, f->officer, id1, ATT_PENALTY_NOTICE_ISSUED,
                                                 D (2024, 11, 8), NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  /* Issued, then paid, with dates; the note kept. */
  g_assert_true (att_penalty_notice_set_status (f->db, f->officer, id3, ATT_PENALTY_NOTICE_ISSUED,
                                                D (2024, 11, 8), NULL, &error));
  g_assert_true (att_penalty_notice_set_status (f->db, f->officer, id3, ATT_PENALTY_NOTICE_PAID,
                                                D (2024, 11, 8), "Paid £80", &error));
  g_assert_no_error (error);
  notices = att_penalty_notices (f->db, tom, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 4);
  g_assert_cmpint (((AttPenaltyNotice *)g_ptr_array_index (notices, 0))->status, ==, ATT_PENALTY_NOTICE_WITHDRAWN);
  g_assert_cmpstr (((AttPenaltyNotice *)g_ptr_array_index (notices, 0))->note, ==, "Wrong address");
  g_assert_cmpint (((AttPenaltyNotice *)g_ptr_array_index (notices, 2))->status, ==, ATT_PENALTY_NOTICE_PAID);
  g_assert_cmpstr (((AttPenaltyNotice *)g_ptr_array_index (notices, 2))->note, ==, "Paid £80");
}

/* The rolling 3 years, per parent: notices to the father written as
 * they were on file, on Mon 8 Nov 2021 and Tue 9 Nov 2021. */
static void
test_three_years (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 tom = add_pupil (f, "Tom", "Ten");
  gint64 father = add_contact (f, tom, 1, "Mr", "Terry", "Ten", TRUE);
  gint64 actor = att_audit_actor (f->db, att_user_system (), &error);
  const AttDate dates[] = { D (2021, 11, 8), D (2021, 11, 9) };
  const char * const kinds[] = { "first", "second" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (f->db),
                                           "INSERT INTO penalty_notices (pupil_id, contact_id, parent, kind, "
                                           "requested, status, status_date, actor_id, at) "
                                           "VALUES (?, ?, 'Mr Terry Ten', ?, ?, 'paid', ?, ?, 0)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, tom);
      sqlite3_bind_int64 (stmt, 2, father);
      sqlite3_bind_text (stmt, 3, kinds[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, dates[i]);
      sqlite3_bind_int (stmt, 5, dates[i]);
      sqlite3_bind_int64 (stmt, 6, actor);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  mark_sessions (f, tom, D (2024, 11, 4), ATT_SESSION_AM, 10, ATT_CODE_O);
  consider (f, tom, D (2024, 11, 8), ATT_PENALTY_PENALTY_NOTICE);

  /* On Fri 8 Nov 2024 the 3 years run from Tue 9 Nov 2021: the notice of
   * 8 Nov 2021 has dropped out, that of 9 Nov 2021 counts. The next is a
   * second, not a first, and a third is not reached. */
  g_assert_cmpuint (att_penalty_notices_3y (f->db, tom, father, D (2024, 11, 8), &error), ==, 1);
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_FIRST,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_SECOND,
                                               D (2024, 11, 8), &error), >, 0);
  g_assert_no_error (error);
  /* Now two count (9 Nov 2021 and 8 Nov 2024): a third is refused. */
  g_assert_cmpint (att_penalty_notice_request (f->db, f->head, tom, father, ATT_PENALTY_NOTICE_SECOND,
                                               D (2024, 11, 8), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "requested 2021-11-09"));
  g_clear_error (&error);
}

/* The improvement period on the school calendar. */
static void
test_improve_end (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Issued Fri 18 Oct 2024 (week of 14 Oct), 4 school weeks after it:
   * 21 Oct, (half term, no sessions), 4 Nov, 11 Nov, 18 Nov: to Fri 22 Nov,
   * a week later than the calendar weeks alone would give (15 Nov). */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 18), 4, &error), ==, D (2024, 11, 22));
  /* 3 weeks: 21 Oct, 4 Nov, 11 Nov; 6 weeks: ... 25 Nov, 2 Dec. */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 18), 3, &error), ==, D (2024, 11, 15));
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 18), 6, &error), ==, D (2024, 12, 6));
  /* Issued Wed 23 Oct: the weeks after the week of 21 Oct, 4 Nov to
   * 25 Nov: Fri 29 Nov. */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 23), 4, &error), ==, D (2024, 11, 29));
  /* Issued in the half term (Wed 30 Oct), a week with no session: the
   * weeks from the next school day's, 4 Nov to 25 Nov. */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 30), 4, &error), ==, D (2024, 11, 29));
  /* Across the Christmas holiday: issued Fri 13 Dec, 4 weeks: 16 Dec,
   * 6 Jan, 13 Jan, 20 Jan: Fri 24 Jan 2025. */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 12, 13), 4, &error), ==, D (2025, 1, 24));
  g_assert_no_error (error);

  /* 3 to 6 weeks only. */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 18), 2, &error), ==, ATT_DATE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 18), 7, &error), ==, ATT_DATE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  /* The calendar ends on Fri 14 Feb 2025: 6 weeks after Fri 7 Feb do not
   * fit. */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2025, 2, 7), 6, &error), ==, ATT_DATE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  /* The school's setting: 4 by default, 3 to 6. */
  g_assert_cmpuint (att_penalty_improve_weeks (f->db), ==, 4);
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 18), 0, &error), ==, D (2024, 11, 22));
  g_assert_false (att_penalty_set_improve_weeks (f->db, f->head, 7, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_penalty_set_improve_weeks (f->db, f->receptionist, 5, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_penalty_set_improve_weeks (f->db, f->head, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (att_penalty_improve_weeks (f->db), ==, 5);
  /* 5 weeks after 18 Oct: ... 18 Nov, 25 Nov: Fri 29 Nov. */
  g_assert_cmpint (att_penalty_improve_end (f->db, D (2024, 10, 18), 0, &error), ==, D (2024, 11, 29));
}

/* A notice to improve for Tom, issued Fri 18 Oct 2024 for 4 weeks, to
 * Fri 22 Nov; today is Fri 8 Nov. */
static void
test_improve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) flagged = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttNoticeToImprove) notice = NULL;
  gint64 tom = add_pupil (f, "Tom", "Ten");
  gint64 ivy = add_pupil (f, "Ivy", "Improve");
  gint64 decision, id, ivy_id;
  const AttPenaltySession *s;

  /* Tom: 10 sessions of O the week of Mon 7 Oct. */
  mark_sessions (f, tom, D (2024, 10, 7), ATT_SESSION_AM, 10, ATT_CODE_O);
  mark_sessions (f, ivy, D (2024, 10, 7), ATT_SESSION_AM, 10, ATT_CODE_G);

  /* Not before the school decided on one. */
  g_assert_cmpint (att_penalty_improve_start (f->db, f->officer, tom, D (2024, 10, 18), 4, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "notice-to-improve"));
  g_clear_error (&error);
  decision = consider (f, tom, D (2024, 10, 18), ATT_PENALTY_NOTICE_TO_IMPROVE);
  consider (f, ivy, D (2024, 10, 18), ATT_PENALTY_NOTICE_TO_IMPROVE);

  /* The receptionist does not record casework; weeks 3 to 6. */
  g_assert_cmpint (att_penalty_improve_start (f->db, f->receptionist, tom, D (2024, 10, 18), 4, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (att_penalty_improve_start (f->db, f->officer, tom, D (2024, 10, 18), 8, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  id = att_penalty_improve_start (f->db, f->officer, tom, D (2024, 10, 18), 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  ivy_id = att_penalty_improve_start (f->db, f->officer, ivy, D (2024, 10, 18), 0, &error);
  g_assert_no_error (error);
  /* One notice per consideration. */
  g_assert_cmpint (att_penalty_improve_start (f->db, f->officer, tom, D (2024, 10, 18), 4, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  notice = att_penalty_improve_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (notice->consideration_id, ==, decision);
  g_assert_cmpint (notice->issued, ==, D (2024, 10, 18));
  g_assert_cmpuint (notice->weeks, ==, 4);
  g_assert_cmpint (notice->period_end, ==, D (2024, 11, 22));
  g_assert_cmpint (notice->outcome, ==, ATT_IMPROVE_NONE);
  g_assert_cmpuint (notice->flagged, ==, 0);

  /* Tom's absences: O on Fri 18 Oct PM, the day it was issued (before the
   * period); O on Tue 5 Nov AM and G on Wed 6 Nov PM, inside it (flagged);
   * I on Thu 7 Nov AM (authorised: not flagged). */
  mark_sessions (f, tom, D (2024, 10, 18), ATT_SESSION_PM, 1, ATT_CODE_O);
  mark_sessions (f, tom, D (2024, 11, 5), ATT_SESSION_AM, 1, ATT_CODE_O);
  mark_sessions (f, tom, D (2024, 11, 6), ATT_SESSION_PM, 1, ATT_CODE_G);
  mark_sessions (f, tom, D (2024, 11, 7), ATT_SESSION_AM, 1, ATT_CODE_I);
  flagged = att_penalty_improve_flagged (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flagged->len, ==, 2);
  s = &g_array_index (flagged, AttPenaltySession, 0);
  g_assert_cmpint (s->date, ==, D (2024, 11, 5));
  g_assert_cmpint (s->session, ==, ATT_SESSION_AM);
  g_assert_cmpint (s->code, ==, ATT_CODE_O);
  s = &g_array_index (flagged, AttPenaltySession, 1);
  g_assert_cmpint (s->date, ==, D (2024, 11, 6));
  g_assert_cmpint (s->code, ==, ATT_CODE_G);

  /* The penalty list shows the running period with what is flagged: Tom
   * has 10 + 3 = 13 sessions as of Fri 8 Nov (window from 15 Jul). */
  rows = list_as_of (f, D (2024, 11, 8));
  g_assert_cmpint (ROW (rows, 0)->pupil_id, ==, tom);
  g_assert_cmpuint (ROW (rows, 0)->breach.sessions, ==, 13);
  g_assert_cmpint (ROW (rows, 0)->improvement_id, ==, id);
  g_assert_cmpint (ROW (rows, 0)->improvement_end, ==, D (2024, 11, 22));
  g_assert_cmpuint (ROW (rows, 0)->improvement_flagged, ==, 2);

  /* Before the end: "improved" waits; "not improved" is allowed early
   * only on a flagged session (Tom), not for Ivy with none. */
  g_assert_false (att_penalty_improve_outcome (f->db, f->officer, id, ATT_IMPROVE_IMPROVED, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "runs to 2024-11-22"));
  g_clear_error (&error);
  g_assert_false (att_penalty_improve_outcome (f->db, f->officer, ivy_id, ATT_IMPROVE_NOT_IMPROVED, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_true (att_penalty_improve_outcome (f->db, f->officer, id, ATT_IMPROVE_NOT_IMPROVED,
                                              "Two sessions in the period", &error));
  g_assert_no_error (error);
  /* Once only. */
  g_assert_false (att_penalty_improve_outcome (f->db, f->officer, id, ATT_IMPROVE_IMPROVED, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  /* After Fri 22 Nov, Ivy's outcome may be recorded. */
  today ("2024-11-25");
  g_assert_true (att_penalty_improve_outcome (f->db, f->officer, ivy_id, ATT_IMPROVE_IMPROVED, NULL, &error));
  g_assert_no_error (error);
  list = att_penalty_improve_list (f->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((AttNoticeToImprove *)g_ptr_array_index (list, 0))->outcome, ==, ATT_IMPROVE_NOT_IMPROVED);
  g_assert_cmpint (((AttNoticeToImprove *)g_ptr_array_index (list, 0))->outcome_date, ==, D (2024, 11, 8));
  g_assert_cmpstr (((AttNoticeToImprove *)g_ptr_array_index (list, 0))->outcome_note, ==, "Two sessions in the period");
  g_assert_cmpint (((AttNoticeToImprove *)g_ptr_array_index (list, 1))->outcome, ==, ATT_IMPROVE_IMPROVED);
}

/* The letter of a notice to improve merges the period and the law. */
static void
test_improve_letter (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autofree char *plain = NULL;
  AttLetterBatchItem *item;
  gint64 tom = add_pupil (f, "Tom", "Ten");
  AttPenaltyConsideration c = { 0 };
  gint64 id;

  add_contact (f, tom, 1, "Mr", "Terry", "Ten", TRUE);
  mark_sessions (f, tom, D (2024, 10, 7), ATT_SESSION_AM, 10, ATT_CODE_O);
  c.pupil_id = tom;
  c.as_of = D (2024, 10, 18);
  c.decision = ATT_PENALTY_NOTICE_TO_IMPROVE;
  c.support_offered = (char *)"A meeting with the attendance officer on 14 October.";
  c.equality = (char *)"None known";
  c.rationale = (char *)"A final chance";
  g_assert_cmpint (att_penalty_consider (f->db, f->head, &c, &error), >, 0);
  id = att_penalty_improve_start (f->db, f->officer, tom, D (2024, 10, 18), 4, &error);
  g_assert_no_error (error);

  batch = att_penalty_improve_letter (f->db, id, D (2024, 10, 18), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 1);
  item = g_ptr_array_index (att_letter_batch_get_items (batch), 0);
  plain = att_letter_text_to_plain (item->text);
  g_assert_nonnull (strstr (plain, "notice to improve"));
  g_assert_nonnull (strstr (plain, "section 444"));
  g_assert_nonnull (strstr (plain, "section 7"));
  g_assert_nonnull (strstr (plain, "A meeting with the attendance officer on 14 October."));
  g_assert_nonnull (strstr (plain, "4 school weeks"));
  g_assert_nonnull (strstr (plain, "penalty notice"));
  g_assert_nonnull (strstr (plain, "no unauthorised absence at all"));
  /* 10 sessions of unauthorised absence in the ten school weeks. */
  g_assert_nonnull (strstr (plain, "10 sessions of unauthorised absence"));
  /* The period: from Monday 21 October, the school day after the notice,
   * to Friday 22 November. */
  g_assert_nonnull (strstr (plain, "from Monday 21 October 2024 to Friday 22 November 2024"));

  /* Recorded, the letter is noted with the notice. */
  g_assert_true (att_letter_batch_record (f->db, f->officer, batch, ATT_LETTER_POST,
                                          D (2024, 10, 18), &error));
  g_assert_no_error (error);
  g_assert_true (att_penalty_improve_set_letter (f->db, id, item->record->id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttNoticeToImprove) notice = att_penalty_improve_get (f->db, id, &error);

    g_assert_cmpint (notice->letter_id, ==, item->record->id);
  }
}

/* "Support offered so far", drafted from the case's chronology: the
 * support entries, not the calls. */
static void
test_support_summary (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttCaseSupport) nurse = att_case_support_new ();
  g_autoptr(AttCaseSupport) club = att_case_support_new ();
  g_autofree char *summary = NULL;
  g_autofree char *before = NULL;
  gint64 tom = add_pupil (f, "Tom", "Ten");

  nurse->pupil_id = tom;
  nurse->date = D (2024, 10, 1);
  nurse->kind = ATT_CASE_SUPPORT_AGENCY;
  nurse->agency = g_strdup ("School nurse");
  nurse->detail = g_strdup ("Asthma plan reviewed");
  g_assert_cmpint (att_case_support_add (f->db, f->officer, nurse, &error), >, 0);
  g_assert_no_error (error);
  club->pupil_id = tom;
  club->date = D (2024, 10, 14);
  club->kind = ATT_CASE_SUPPORT_SUPPORT;
  club->detail = g_strdup ("Breakfast club place offered");
  g_assert_cmpint (att_case_support_add (f->db, f->officer, club, &error), >, 0);
  g_assert_no_error (error);

  /* As of Fri 8 Nov: both, oldest first, one line each. */
  summary = att_penalty_support_summary (f->db, tom, D (2024, 11, 8), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (summary, "2024-10-01: "));
  g_assert_nonnull (strstr (summary, "(Asthma plan reviewed)\n2024-10-14: "));
  g_assert_nonnull (strstr (summary, "(Breakfast club place offered)"));
  /* As of Mon 7 Oct: only the nurse. */
  before = att_penalty_support_summary (f->db, tom, D (2024, 10, 7), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (before, "Asthma plan reviewed"));
  g_assert_null (strstr (before, "Breakfast"));
  g_assert_null (strchr (before, '\n'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/penalty/names", test_decision_names);
  ADD ("/penalty/consider", test_consider);
  ADD ("/penalty/list", test_list);
  ADD ("/penalty/compulsory-age", test_compulsory_age);
  ADD ("/penalty/unconsidered", test_unconsidered);
  ADD ("/penalty/notices", test_notices);
  ADD ("/penalty/three-years", test_three_years);
  ADD ("/penalty/improve-end", test_improve_end);
  ADD ("/penalty/improve", test_improve);
  ADD ("/penalty/improve-letter", test_improve_letter);
  ADD ("/penalty/support-summary", test_support_summary);

  return g_test_run ();
}
