/* test-case.c: casework: one pupil's letter, meetings, support entries
 * and the chronology of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school and its pupils are in letter-batch-fixture.h: today is
 * Friday 13 September 2024, the tenth school day of the year.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-case.h"
#include "att-db-private.h"
#include "att-letter-batch.h"
#include "att-letter-templates.h"
#include "letter-batch-fixture.h"

/* ------------------------------------------------------------------ */
/* One pupil's letter                                                 */
/* ------------------------------------------------------------------ */

static AttLetterValues *
meeting_values (void)
{
  AttLetterValues *extra = att_letter_values_new ();

  att_letter_values_set_date (extra, "meeting.date", D (2024, 9, 19));
  att_letter_values_set (extra, "meeting.time", "15:30");
  att_letter_values_set (extra, "meeting.place", "the library");
  return extra;
}

/* The ladder's invitation from the stored "meeting" template, with the
 * meeting's values given: one letter per address, the school year's
 * figures, the record to log. */
static void
test_pupil_letter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterValues) extra = meeting_values ();
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autofree char *plain = NULL;
  AttLetterBatchItem *item;
  GPtrArray *items;

  batch = att_letter_batch_new_for_pupil (f->s.db, f->amira, "meeting", extra, AS_OF, &error);
  g_assert_no_error (error);
  items = att_letter_batch_get_items (batch);
  /* Mrs and Mr Khan at 12 Mill Lane, Mr Haddad at 3 Weavers Row: 2. */
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (att_letter_batch_get_problems (batch)->len, ==, 0);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->recipient->addressee, ==, "Mrs Sana Khan and Mr Tariq Khan");
  g_assert_cmpstr (((AttLetterBatchItem *)g_ptr_array_index (items, 1))->recipient->addressee, ==,
                   "Mr Omar Haddad");
  g_assert_cmpstr (item->record->kind, ==, "meeting");
  g_assert_cmpstr (item->record->template_name, ==, "meeting");
  g_assert_cmpint (item->record->date, ==, AS_OF);
  g_assert_cmpint (item->record->period_from, ==, D (2024, 9, 1));
  g_assert_cmpint (item->record->period_to, ==, AS_OF);
  g_assert_cmpint (item->record->marks_seen, >, 0);
  /* 17 of the 20 sessions attended: 85.0%; 2 O unauthorised, 1 I. */
  g_assert_nonnull (strstr (item->record->figures, "\"attendance\": 85.0, \"possible\": 20, \"attended\": 17, "
                                                   "\"absent\": 3, \"authorised\": 1, \"unauthorised\": 2"));
  plain = att_letter_text_to_plain (item->text);
  g_assert_nonnull (strstr (plain, "Dear Mrs and Mr Khan"));
  g_assert_nonnull (strstr (plain, "It is now 85.0%"));
  g_assert_nonnull (strstr (plain, "attended 17 of 20 sessions and missed 3, 2 of them unauthorised"));
  /* The caller's values: the meeting. */
  g_assert_nonnull (strstr (plain, "a meeting on Thursday 19 September 2024 at 15:30, in the library"));

  /* Recorded as any batch is: two letters in the log, kind "meeting". */
  g_assert_true (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_POST, AS_OF, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) logged = att_letters_for_pupil (f->s.db, f->amira, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (logged->len, ==, 2);
    g_assert_cmpstr (((AttLetterRecord *)g_ptr_array_index (logged, 0))->kind, ==, "meeting");
  }
}

/* A template's field that neither the pupil nor the caller fills is
 * refused naming it; a pupil nobody can be written to gets no letter
 * and the problem; a period holding N is a problem too; the caller's own
 * table replaces the absences. */
static void
test_pupil_letter_refusals (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(AttLetterValues) extra = meeting_values ();

  batch = att_letter_batch_new_for_pupil (f->s.db, f->amira, "meeting", NULL, AS_OF, &error);
  g_assert_null (batch);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "{meeting.date}"));
  g_clear_error (&error);

  batch = att_letter_batch_new_for_pupil (f->s.db, f->amira, "no-such-letter", extra, AS_OF, &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_null (batch);
  g_clear_error (&error);

  batch = att_letter_batch_new_for_pupil (f->s.db, 99999, "meeting", extra, AS_OF, &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_null (batch);
  g_clear_error (&error);

  /* Dan's only parent has no address: no letter, one problem. */
  batch = att_letter_batch_new_for_pupil (f->s.db, f->dan, "meeting", extra, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 0);
  g_assert_cmpuint (att_letter_batch_get_problems (batch)->len, ==, 1);
  g_assert_cmpint (((AttLetterProblem *)g_ptr_array_index (att_letter_batch_get_problems (batch), 0))->kind,
                   ==, ATT_LETTER_PROBLEM_NO_ADDRESS);
  g_clear_pointer (&batch, att_letter_batch_unref);

  /* Cara: N on Wed 11 Sep am and no mark on Thu 12 Sep pm: the letter is
   * made, and the data check says her figures are not final. */
  batch = att_letter_batch_new_for_pupil (f->s.db, f->cara, "meeting", extra, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 1);
  g_assert_cmpuint (att_letter_batch_get_problems (batch)->len, ==, 1);
  g_assert_cmpint (((AttLetterProblem *)g_ptr_array_index (att_letter_batch_get_problems (batch), 0))->kind,
                   ==, ATT_LETTER_PROBLEM_MARKS);
  g_clear_pointer (&batch, att_letter_batch_unref);

  /* The "unauthorised" letter's table: Amira's three absences of the
   * year, unless the caller gives a table of its own (one row). */
  batch = att_letter_batch_new_for_pupil (f->s.db, f->amira, "unauthorised", NULL, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((AttLetterBatchItem *)g_ptr_array_index (att_letter_batch_get_items (batch), 0))
                    ->text->rows->len, ==, 3);
  g_clear_pointer (&batch, att_letter_batch_unref);
  att_letter_values_add_row (extra, D (2024, 9, 9), ATT_SESSION_AM, "O", "Unauthorised: other reason");
  att_letter_values_set (extra, "rolling.sessions", "99");
  batch = att_letter_batch_new_for_pupil (f->s.db, f->amira, "unauthorised", extra, AS_OF, &error);
  g_assert_no_error (error);
  {
    AttLetterBatchItem *item = g_ptr_array_index (att_letter_batch_get_items (batch), 0);
    g_autofree char *plain = att_letter_text_to_plain (item->text);

    g_assert_cmpuint (item->text->rows->len, ==, 1);
    /* The caller's value wins over the pupil's count (2). */
    g_assert_nonnull (strstr (plain, "shows 99 sessions"));
    /* The pupil's own values stay under the caller's. */
    g_assert_nonnull (strstr (plain, "Amira"));
  }
}


/* ------------------------------------------------------------------ */
/* Meetings                                                           */
/* ------------------------------------------------------------------ */

/* Plans a meeting for @pupil on @date at @time in the library. */
static gint64
plan (Fixture *f,
      gint64   pupil,
      AttDate  date,
      gint     time)
{
  g_autoptr(AttMeeting) m = att_meeting_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  m->pupil_id = pupil;
  m->date = date;
  m->time = time;
  m->place = g_strdup ("the library");
  id = att_case_meeting_add (f->s.db, f->s.officer, m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* What happened at a meeting: a contract, 8 sessions a week, reviewed
 * on Friday 27 September 2024. */
static AttMeeting *
contract_record (gint64 id)
{
  AttMeeting *m = att_meeting_new ();

  m->id = id;
  m->attended = g_strdup ("Mrs Sana Khan, Amira, Olive Officer");
  m->absent = g_strdup ("Mr Tariq Khan");
  m->notes = g_strdup ("Mrs Khan says mornings are the hardest.");
  m->barriers = g_strdup ("Anxiety on Monday mornings");
  m->actions = g_strdup ("School: a mentor meets Amira at the gate at 8:40.\nFamily: Amira in bed by 21:00.");
  m->target_sessions_per_week = 8;
  m->review_date = D (2024, 9, 27);
  m->outcome = ATT_MEETING_OUTCOME_CONTRACT;
  return m;
}

static void
assert_refused (GError     *error,
                const char *part)
{
  g_assert_nonnull (error);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

/* Planning refuses what is missing or wrong, naming the field. */
static void
test_meeting_add (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AttMeeting) m = att_meeting_new ();
  g_autoptr(AttMeeting) back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  m->pupil_id = f->amira;
  m->date = D (2024, 9, 19);
  m->time = 15 * 60 + 30;

  /* No place. */
  g_assert_cmpint (att_case_meeting_add (f->s.db, f->s.officer, m, &error), ==, 0);
  assert_refused (error, "Amira Khan");
  assert_refused (error, "place: say where the meeting is");
  g_clear_error (&error);

  m->place = g_strdup ("the library");
  m->time = 6 * 60;
  g_assert_cmpint (att_case_meeting_add (f->s.db, f->s.officer, m, &error), ==, 0);
  assert_refused (error, "time: 06:00 is outside the school’s day");
  g_clear_error (&error);
  m->time = 15 * 60 + 30;

  /* An invitation that is not in the log. */
  m->invitation_letter_id = 4242;
  g_assert_cmpint (att_case_meeting_add (f->s.db, f->s.officer, m, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  assert_refused (error, "invitation: the letters log has no letter 4242");
  g_clear_error (&error);
  m->invitation_letter_id = 0;

  /* Rita Reception may not record casework. */
  g_assert_cmpint (att_case_meeting_add (f->s.db, f->s.receptionist, m, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  id = att_case_meeting_add (f->s.db, f->s.officer, m, &error);
  g_assert_no_error (error);
  back = att_case_meeting_get (f->s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->pupil_id, ==, f->amira);
  g_assert_cmpstr (back->pupil_name, ==, "Amira Khan");
  g_assert_cmpint (back->date, ==, D (2024, 9, 19));
  g_assert_cmpint (back->time, ==, 15 * 60 + 30);
  g_assert_cmpstr (back->place, ==, "the library");
  g_assert_cmpstr (back->user, ==, "Olive Officer");
  /* Planned today at the register clock's 16:00. */
  g_assert_cmpstr (back->at, ==, "2024-09-13 16:00:00");
  g_assert_false (att_meeting_is_held (back));
  g_assert_null (back->recorded_by);

  list = att_case_meetings (f->s.db, f->amira, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = att_case_meetings (f->s.db, f->ben, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

/* Recording refuses a meeting in the future, a target over 10, a review
 * date before the meeting..., naming the field; then records, and a
 * second record corrects it. */
static void
test_meeting_record (Fixture       *f,
                     gconstpointer  data)
{
  gint64 later = plan (f, f->amira, D (2024, 9, 19), 15 * 60 + 30);
  gint64 held = plan (f, f->amira, D (2024, 9, 12), 9 * 60);
  g_autoptr(AttMeeting) m = contract_record (later);
  g_autoptr(AttMeeting) back = NULL;
  g_autoptr(GError) error = NULL;

  /* Thursday 19 September is after today, Friday 13th. */
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  assert_refused (error, "Amira Khan");
  assert_refused (error, "date: the meeting is on Thu 19 Sep 2024, after today");
  g_clear_error (&error);

  m->id = held;
  m->target_sessions_per_week = 11;
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  assert_refused (error, "target: 11 sessions a week is more than a school week has");
  g_clear_error (&error);

  m->target_sessions_per_week = 0;
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  assert_refused (error, "target: an attendance contract needs a target");
  g_clear_error (&error);
  m->target_sessions_per_week = 8;

  /* The meeting was on Thursday 12 September: a review on the 11th, or
   * on the day itself, is not after it. */
  m->review_date = D (2024, 9, 11);
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  assert_refused (error, "review date: Wed 11 Sep 2024 is not after the meeting (Thu 12 Sep 2024)");
  g_clear_error (&error);
  m->review_date = D (2024, 9, 12);
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  assert_refused (error, "review date:");
  g_clear_error (&error);
  m->review_date = ATT_DATE_NONE;
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  assert_refused (error, "review date: Attendance contract needs a date to review it");
  g_clear_error (&error);
  m->review_date = D (2024, 9, 27);

  m->outcome = ATT_MEETING_OUTCOME_NONE;
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  assert_refused (error, "outcome: say what the meeting decided");
  g_clear_error (&error);
  m->outcome = ATT_MEETING_OUTCOME_CONTRACT;

  g_clear_pointer (&m->attended, g_free);
  m->attended = g_strdup ("  ");
  g_assert_false (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  assert_refused (error, "attended: say who came");
  g_clear_error (&error);
  g_clear_pointer (&m->attended, g_free);
  m->attended = g_strdup ("Mrs Sana Khan, Amira, Olive Officer");

  g_assert_false (att_case_meeting_record (f->s.db, f->s.receptionist, m, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Nothing refused was written. */
  back = att_case_meeting_get (f->s.db, held, &error);
  g_assert_false (att_meeting_is_held (back));
  g_clear_pointer (&back, att_meeting_free);

  g_assert_true (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  g_assert_no_error (error);
  back = att_case_meeting_get (f->s.db, held, &error);
  g_assert_true (att_meeting_is_held (back));
  g_assert_cmpint (back->outcome, ==, ATT_MEETING_OUTCOME_CONTRACT);
  g_assert_cmpuint (back->target_sessions_per_week, ==, 8);
  g_assert_cmpint (back->review_date, ==, D (2024, 9, 27));
  g_assert_cmpstr (back->absent, ==, "Mr Tariq Khan");
  g_assert_cmpstr (back->actions, ==, "School: a mentor meets Amira at the gate at 8:40.\n"
                                      "Family: Amira in bed by 21:00.");
  g_assert_cmpstr (back->recorded_by, ==, "Olive Officer");
  g_assert_cmpint (back->date, ==, D (2024, 9, 12));
  g_assert_cmpint (back->time, ==, 9 * 60);
  g_clear_pointer (&back, att_meeting_free);

  /* Corrected: a support plan instead, no target. */
  m->outcome = ATT_MEETING_OUTCOME_SUPPORT_PLAN;
  m->target_sessions_per_week = 0;
  g_assert_true (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  g_assert_no_error (error);
  back = att_case_meeting_get (f->s.db, held, &error);
  g_assert_cmpint (back->outcome, ==, ATT_MEETING_OUTCOME_SUPPORT_PLAN);
  g_assert_cmpuint (back->target_sessions_per_week, ==, 0);

  /* Audited: two plans, two records, each with the pupil. */
  {
    sqlite3_stmt *stmt = att_db_prepare (f->s.db,
                                         "SELECT count(*) FROM audit_log WHERE action LIKE 'casework.meeting-%'",
                                         &error);
    gint64 n = 0;

    g_assert_true (att_db_query_int (f->s.db, stmt, &n, "count", &error));
    g_assert_cmpint (n, ==, 4);
  }
}

/* The outcome letter of a contract is the contract, with the meeting's
 * values; logged, it is kept on the meeting. The invitation is the
 * ladder's "meeting" letter with the meeting's day, time and place. */
static void
test_meeting_letters (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = plan (f, f->amira, D (2024, 9, 12), 9 * 60);
  g_autoptr(AttMeeting) m = contract_record (id);
  g_autoptr(AttMeeting) back = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  AttLetterBatchItem *item;

  /* Not yet recorded: no outcome letter. */
  batch = att_case_meeting_outcome_letter (f->s.db, id, AS_OF, &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  assert_refused (error, "has not been recorded yet");
  g_clear_error (&error);

  batch = att_case_meeting_invitation (f->s.db, id, D (2024, 9, 6), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 2);
  item = g_ptr_array_index (att_letter_batch_get_items (batch), 0);
  g_assert_cmpstr (item->record->kind, ==, ATT_CASE_LETTER_INVITATION);
  g_assert_cmpstr (item->record->template_name, ==, "meeting");
  {
    g_autofree char *reference = g_strdup_printf ("meeting:%" G_GINT64_FORMAT, id);

    g_assert_cmpstr (item->record->reference, ==, reference);
  }
  plain = att_letter_text_to_plain (item->text);
  g_assert_nonnull (strstr (plain, "a meeting on Thursday 12 September 2024 at 09:00, in the library"));
  g_assert_true (att_case_meeting_letter_record (f->s.db, f->s.officer, id, batch, ATT_LETTER_POST,
                                                 D (2024, 9, 6), &error));
  g_assert_no_error (error);
  back = att_case_meeting_get (f->s.db, id, &error);
  g_assert_cmpint (back->invitation_letter_id, ==, item->record->id);
  g_assert_cmpint (back->outcome_letter_id, ==, 0);
  g_clear_pointer (&back, att_meeting_free);
  g_clear_pointer (&batch, att_letter_batch_unref);
  g_clear_pointer (&plain, g_free);

  g_assert_true (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  g_assert_no_error (error);
  batch = att_case_meeting_outcome_letter (f->s.db, id, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 2);
  item = g_ptr_array_index (att_letter_batch_get_items (batch), 0);
  g_assert_cmpstr (item->record->kind, ==, ATT_CASE_LETTER_CONTRACT);
  g_assert_cmpstr (item->record->template_name, ==, ATT_CASE_TEMPLATE_CONTRACT);
  g_assert_cmpstr (item->text->subject, ==, "Attendance contract for Amira Khan");
  plain = att_letter_text_to_plain (item->text);
  g_assert_nonnull (strstr (plain, "when we met on Thursday 12 September 2024"));
  g_assert_nonnull (strstr (plain, "At the meeting: Mrs Sana Khan, Amira, Olive Officer. "
                                   "Invited but not able to come: Mr Tariq Khan."));
  g_assert_nonnull (strstr (plain, "Anxiety on Monday mornings"));
  g_assert_nonnull (strstr (plain, "School: a mentor meets Amira at the gate at 8:40.\n"
                                   "Family: Amira in bed by 21:00."));
  g_assert_nonnull (strstr (plain, "attends at least 8 sessions a week"));
  g_assert_nonnull (strstr (plain, "review this contract together on Friday 27 September 2024"));
  /* 17 of 20 sessions, 85.0%, 2 of the 3 missed unauthorised. */
  g_assert_nonnull (strstr (plain, "attended 17 of 20 sessions (85.0%), and 2 of the sessions missed"));
  /* The meeting's own notes stay out of the family's letter. */
  g_assert_null (strstr (plain, "mornings are the hardest"));
  g_assert_true (att_case_meeting_letter_record (f->s.db, f->s.officer, id, batch, ATT_LETTER_POST,
                                                 AS_OF, &error));
  g_assert_no_error (error);
  back = att_case_meeting_get (f->s.db, id, &error);
  g_assert_cmpint (back->outcome_letter_id, ==, item->record->id);
  g_clear_pointer (&back, att_meeting_free);
  g_clear_pointer (&batch, att_letter_batch_unref);
  g_clear_pointer (&plain, g_free);

  /* Any other outcome: the meeting-outcome letter; closed, no target,
   * no review: those paragraphs are left out. */
  g_clear_pointer (&m->absent, g_free);
  m->outcome = ATT_MEETING_OUTCOME_CLOSED;
  m->target_sessions_per_week = 0;
  m->review_date = ATT_DATE_NONE;
  g_assert_true (att_case_meeting_record (f->s.db, f->s.officer, m, &error));
  g_assert_no_error (error);
  batch = att_case_meeting_outcome_letter (f->s.db, id, AS_OF, &error);
  g_assert_no_error (error);
  item = g_ptr_array_index (att_letter_batch_get_items (batch), 0);
  g_assert_cmpstr (item->record->kind, ==, ATT_CASE_LETTER_OUTCOME);
  plain = att_letter_text_to_plain (item->text);
  g_assert_true (strstr (plain, "At the meeting: Mrs Sana Khan, Amira, Olive Officer. \n") != NULL
                 || strstr (plain, "At the meeting: Mrs Sana Khan, Amira, Olive Officer.\n") != NULL);
  g_assert_null (strstr (plain, "Invited but"));
  g_assert_null (strstr (plain, "target"));
  g_assert_nonnull (strstr (plain, "We do not plan any further meetings for now"));
}

/* ------------------------------------------------------------------ */
/* Support                                                            */
/* ------------------------------------------------------------------ */

static void
test_support (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AttCaseSupport) s = att_case_support_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  AttCaseSupport *back;
  AttCaseSupportKind kind;

  g_assert_true (att_case_support_kind_parse ("early-help", &kind, &error));
  g_assert_cmpint (kind, ==, ATT_CASE_SUPPORT_EARLY_HELP);
  g_assert_false (att_case_support_kind_parse ("nurse", &kind, &error));
  assert_refused (error, "“nurse” is not a kind of support: use one of early-help, agency, support");
  g_clear_error (&error);

  s->pupil_id = f->amira;
  s->kind = ATT_CASE_SUPPORT_AGENCY;
  s->date = D (2024, 9, 16);
  s->detail = g_strdup ("Referred to the school nurse about headaches");
  g_assert_cmpint (att_case_support_add (f->s.db, f->s.officer, s, &error), ==, 0);
  assert_refused (error, "date: Mon 16 Sep 2024 is after today");
  g_clear_error (&error);
  s->date = D (2024, 9, 11);
  g_assert_cmpint (att_case_support_add (f->s.db, f->s.officer, s, &error), ==, 0);
  assert_refused (error, "agency: say which service");
  g_clear_error (&error);
  s->agency = g_strdup ("School nurse");
  g_assert_cmpint (att_case_support_add (f->s.db, f->s.receptionist, s, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (att_case_support_add (f->s.db, f->s.officer, s, &error), >, 0);
  g_assert_no_error (error);

  /* Support from the school itself needs no agency. */
  g_clear_pointer (&s->agency, g_free);
  g_clear_pointer (&s->detail, g_free);
  s->kind = ATT_CASE_SUPPORT_SUPPORT;
  s->date = D (2024, 9, 10);
  s->detail = g_strdup ("Breakfast club place offered");
  g_assert_cmpint (att_case_support_add (f->s.db, f->s.officer, s, &error), >, 0);
  g_assert_no_error (error);

  list = att_case_support (f->s.db, f->amira, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  /* By date: the breakfast club (10th) before the nurse (11th). */
  back = g_ptr_array_index (list, 0);
  g_assert_cmpint (back->kind, ==, ATT_CASE_SUPPORT_SUPPORT);
  g_assert_cmpstr (back->agency, ==, "");
  back = g_ptr_array_index (list, 1);
  g_assert_cmpint (back->date, ==, D (2024, 9, 11));
  g_assert_cmpstr (back->agency, ==, "School nurse");
  g_assert_cmpstr (back->user, ==, "Olive Officer");
}

/* ------------------------------------------------------------------ */
/* The chronology                                                     */
/* ------------------------------------------------------------------ */

static gint64
moment (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GDateTime) t = g_date_time_new_local (y, mo, d, h, mi, 0);

  return g_date_time_to_unix (t);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (att_db_exec (f->s.db, sql, &error));
  g_assert_no_error (error);
}

/* Sets today and the clock, for a record stamped "now". */
static void
at (const char *day,
    const char *clock)
{
  g_setenv ("ATTENDANCE_TODAY", day, TRUE);
  g_setenv ("ATTENDANCE_CLOCK", clock, TRUE);
}

/* Every kind of record, made out of order, comes back by day, then time
 * (an entry with no time last in its day), then kind. */
static void
test_chronology_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(AttMeeting) rec = NULL;
  g_autoptr(AttCaseSupport) s = att_case_support_new ();
  g_autoptr(AttLetterRecord) letter = att_letter_record_new ();
  g_autofree char *sql = NULL;
  gint64 actor = att_audit_actor (f->s.db, f->s.officer, &error);
  gint64 meeting;
  const struct
  {
    AttDate          date;
    gint             time;
    AttCaseEventKind kind;
    const char      *title;
  } expected[] = {
    { D (2024, 9, 3), 9 * 60 + 10, ATT_CASE_EVENT_CALL, "Call from Mrs Sana Khan: Illness" },
    { D (2024, 9, 4), 12 * 60, ATT_CASE_EVENT_LEAVE, "Leave of absence (Exceptional circumstances): Refused" },
    { D (2024, 9, 5), 10 * 60, ATT_CASE_EVENT_CALL, "Call to Mrs Sana Khan" },
    { D (2024, 9, 5), 10 * 60, ATT_CASE_EVENT_LETTER, "Letter: An invitation" },
    { D (2024, 9, 5), 14 * 60, ATT_CASE_EVENT_MEETING, "Meeting arranged for Tue 10 Sep 2024 15:30, the library" },
    { D (2024, 9, 10), 15 * 60 + 30, ATT_CASE_EVENT_MEETING, "Meeting held: Review meeting" },
    { D (2024, 9, 10), -1, ATT_CASE_EVENT_SUPPORT, "Early help: Early help team" },
    { D (2024, 9, 12), 11 * 60, ATT_CASE_EVENT_CONSIDERATION, "Penalty notice considered: more support" },
  };

  g_assert_no_error (error);
  /* Made in this order: the consideration, the support, the meeting, the
   * letter, the calls, the leave decision. */
  sql = g_strdup_printf ("INSERT INTO penalty_decisions (pupil_id, as_of, sessions, decision, rationale, "
                         "actor_id, at) VALUES (%" G_GINT64_FORMAT ", %d, 10, 'support', 'Support first', "
                         "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         f->amira, D (2024, 9, 12), actor, moment (2024, 9, 12, 11, 0));
  exec (f, sql);
  g_clear_pointer (&sql, g_free);

  s->pupil_id = f->amira;
  s->kind = ATT_CASE_SUPPORT_EARLY_HELP;
  s->date = D (2024, 9, 10);
  s->agency = g_strdup ("Early help team");
  s->detail = g_strdup ("Early help assessment offered; Mrs Khan agreed");
  g_assert_cmpint (att_case_support_add (f->s.db, f->s.officer, s, &error), >, 0);

  at ("2024-09-05", "14:00");
  meeting = plan (f, f->amira, D (2024, 9, 10), 15 * 60 + 30);
  at ("2024-09-13", "16:00");
  rec = contract_record (meeting);
  rec->outcome = ATT_MEETING_OUTCOME_REVIEW;
  g_assert_true (att_case_meeting_record (f->s.db, f->s.officer, rec, &error));
  g_assert_no_error (error);

  at ("2024-09-05", "10:00");
  letter->pupil_id = f->amira;
  letter->kind = g_strdup ("meeting");
  letter->template_name = g_strdup ("meeting");
  letter->template_version = 1;
  letter->subject = g_strdup ("An invitation");
  letter->recipient = g_strdup ("Mrs Sana Khan");
  letter->date = D (2024, 9, 5);
  letter->delivery = ATT_LETTER_POST;
  g_assert_cmpint (att_letters_record (f->s.db, f->s.officer, letter, &error), >, 0);
  g_assert_no_error (error);
  at ("2024-09-13", "16:00");

  sql = g_strdup_printf ("INSERT INTO calls (pupil_id, date, at, caller, channel, direction, reason, actor_id) "
                         "VALUES (%1$" G_GINT64_FORMAT ", %2$d, %3$" G_GINT64_FORMAT ", 'Mrs Sana Khan', "
                         "'phone', 'out', NULL, %4$" G_GINT64_FORMAT "), "
                         "(%1$" G_GINT64_FORMAT ", %5$d, %6$" G_GINT64_FORMAT ", 'Mrs Sana Khan', "
                         "'phone', 'in', 'illness', %4$" G_GINT64_FORMAT ")",
                         f->amira, D (2024, 9, 5), moment (2024, 9, 5, 10, 0), actor,
                         D (2024, 9, 3), moment (2024, 9, 3, 9, 10));
  exec (f, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO leave_requests (group_id, pupil_id, type, status, first_date, "
                         "first_session, last_date, last_session, reason, requested_by, received, actor_id, "
                         "at, decided_actor_id, decided_at, decision_reasons) VALUES (1, %" G_GINT64_FORMAT
                         ", 'exceptional', 'declined', %d, 0, %d, 1, 'A family wedding', 'Mrs Sana Khan', %d, "
                         "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                         ", 'Not exceptional')",
                         f->amira, D (2024, 9, 23), D (2024, 9, 24), D (2024, 9, 2), actor,
                         moment (2024, 9, 2, 9, 0), actor, moment (2024, 9, 4, 12, 0));
  exec (f, sql);

  events = att_case_chronology (f->s.db, f->amira, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AttCaseEvent *event = g_ptr_array_index (events, i);

      g_test_message ("%u: %s", i, event->title);
      g_assert_cmpint (event->date, ==, expected[i].date);
      g_assert_cmpint (event->time, ==, expected[i].time);
      g_assert_cmpint (event->kind, ==, expected[i].kind);
      g_assert_cmpstr (event->title, ==, expected[i].title);
      g_assert_cmpstr (event->user, ==, "Olive Officer");
    }
  g_assert_nonnull (strstr (((AttCaseEvent *)g_ptr_array_index (events, 5))->detail,
                            "Target: 8 sessions a week\nReview: Fri 27 Sep 2024"));
  g_assert_nonnull (strstr (((AttCaseEvent *)g_ptr_array_index (events, 1))->detail,
                            "Reasons for the decision: Not exceptional"));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* From Thursday 5 to Tuesday 10 September: entries 3 to 7. */
  events = att_case_chronology (f->s.db, f->amira, D (2024, 9, 5), D (2024, 9, 10), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_cmpstr (((AttCaseEvent *)g_ptr_array_index (events, 0))->title, ==, "Call to Mrs Sana Khan");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Ben has none; no pupil 99999. */
  events = att_case_chronology (f->s.db, f->ben, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = att_case_chronology (f->s.db, 99999, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_null (events);
}

/* The sort alone: entries with no time after the timed ones of their
 * day, ties by kind then source. */
static void
test_chronology_sort (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_event_free);

  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 2), -1, ATT_CASE_EVENT_SUPPORT, "d", "", "", 1));
  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 2), 23 * 60 + 59, ATT_CASE_EVENT_NOTICE, "c", "", "", 1));
  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 2), 8 * 60, ATT_CASE_EVENT_LETTER, "b", "", "", 7));
  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 2), 8 * 60, ATT_CASE_EVENT_LETTER, "a", "", "", 3));
  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 1), -1, ATT_CASE_EVENT_CALL, "0", "", "", 9));
  att_case_chronology_sort (events);
  g_assert_cmpstr (((AttCaseEvent *)g_ptr_array_index (events, 0))->title, ==, "0");
  g_assert_cmpstr (((AttCaseEvent *)g_ptr_array_index (events, 1))->title, ==, "a");
  g_assert_cmpstr (((AttCaseEvent *)g_ptr_array_index (events, 2))->title, ==, "b");
  g_assert_cmpstr (((AttCaseEvent *)g_ptr_array_index (events, 3))->title, ==, "c");
  g_assert_cmpstr (((AttCaseEvent *)g_ptr_array_index (events, 4))->title, ==, "d");
}

/* The CSV: quoted where a cell needs it, a cell that looks like a
 * formula behind an apostrophe, owner-only. */
static void
test_chronology_csv (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_event_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("case-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "chronology.csv", NULL);
  g_autofree char *text = NULL;
  GStatBuf st;

  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 3), 9 * 60 + 5, ATT_CASE_EVENT_CALL,
                                               "=HYPERLINK(\"http://x\")", "Said \"fine\", then hung up\nRang back",
                                               "Olive Officer", 1));
  g_ptr_array_add (events, att_case_event_new (D (2024, 9, 4), -1, ATT_CASE_EVENT_SUPPORT,
                                               "-2 sessions", "@home visit", "+Rita", 2));
  g_assert_true (att_case_chronology_write_csv (events, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_cmpstr (text, ==,
                   "date,time,kind,title,detail,user\n"
                   "2024-09-03,09:05,call,\"'=HYPERLINK(\"\"http://x\"\")\",\"Said \"\"fine\"\", then hung up\nRang back\",Olive Officer\n"
                   "2024-09-04,,support,'-2 sessions,'@home visit,'+Rita\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/case/pupil-letter", test_pupil_letter);
  ADD ("/case/pupil-letter/refusals", test_pupil_letter_refusals);
  ADD ("/case/meeting/add", test_meeting_add);
  ADD ("/case/meeting/record", test_meeting_record);
  ADD ("/case/meeting/letters", test_meeting_letters);
  ADD ("/case/support", test_support);
  ADD ("/case/chronology/order", test_chronology_order);
#undef ADD
  g_test_add_func ("/case/chronology/sort", test_chronology_sort);
  g_test_add_func ("/case/chronology/csv", test_chronology_csv);

  return g_test_run ();
}
