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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/case/pupil-letter", test_pupil_letter);
  ADD ("/case/pupil-letter/refusals", test_pupil_letter_refusals);
#undef ADD

  return g_test_run ();
}
