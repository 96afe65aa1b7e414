/* test-letter-batch.c: a batch of letters from the half-termly report,
 * the due list and the log; the data check, recording, texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school and its pupils are in letter-batch-fixture.h.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-letter-batch.h"
#include "att-letter-templates.h"
#include "att-letters-due.h"
#include "letter-batch-fixture.h"

static GPtrArray *
items_of (AttLetterBatch *batch,
          gint64          pupil)
{
  GPtrArray *items = att_letter_batch_get_items (batch);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    if (((AttLetterBatchItem *)g_ptr_array_index (items, i))->pupil_id == pupil)
      g_ptr_array_add (found, g_ptr_array_index (items, i));
  return found;
}

static AttLetterProblem *
problem_of (AttLetterBatch       *batch,
            gint64                pupil,
            AttLetterProblemKind  kind)
{
  GPtrArray *problems = att_letter_batch_get_problems (batch);

  for (guint i = 0; i < problems->len; i++)
    {
      AttLetterProblem *problem = g_ptr_array_index (problems, i);

      if (problem->pupil_id == pupil && problem->kind == kind)
        return problem;
    }
  return NULL;
}

/* The message of that problem, which must be there. */
static const char *
problem_message (AttLetterBatch       *batch,
                 gint64                pupil,
                 AttLetterProblemKind  kind)
{
  AttLetterProblem *problem = problem_of (batch, pupil, kind);

  if (problem == NULL)
    g_error ("no problem of kind %d for pupil %" G_GINT64_FORMAT, kind, pupil);
  return problem->message;
}

/* One letter per address, the figures of the half term and the year,
 * the record to log, and the data check. */
static void
test_half_term (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = att_letter_batch_new_half_term (f->s.db, AS_OF, &error);
  g_autoptr(GPtrArray) amira = NULL;
  g_autoptr(GPtrArray) ben = NULL;
  g_autoptr(GPtrArray) cara = NULL;
  g_autoptr(GPtrArray) dan = NULL;
  g_autofree char *plain = NULL;
  AttLetterBatchItem *item;
  const char *message;

  g_assert_no_error (error);
  g_assert_nonnull (batch);
  amira = items_of (batch, f->amira);
  ben = items_of (batch, f->ben);
  cara = items_of (batch, f->cara);
  dan = items_of (batch, f->dan);
  /* Amira's parents at 12 Mill Lane get one letter, Mr Haddad another;
   * Ben's and Cara's one each; Dan's none: 4 letters. */
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 4);
  g_assert_cmpuint (amira->len, ==, 2);
  g_assert_cmpuint (ben->len, ==, 1);
  g_assert_cmpuint (cara->len, ==, 1);
  g_assert_cmpuint (dan->len, ==, 0);

  item = g_ptr_array_index (amira, 0);
  g_assert_cmpstr (item->recipient->addressee, ==, "Mrs Sana Khan and Mr Tariq Khan");
  g_assert_cmpstr (item->record->address, ==, "Mrs Sana Khan and Mr Tariq Khan\n12 Mill Lane\nMillbrook\nMB4 2QT");
  g_assert_cmpint (item->delivery, ==, ATT_LETTER_POST);
  g_assert_false (item->legal_warning);
  g_assert_cmpstr (item->record->kind, ==, ATT_LETTER_HALF_TERM_KIND);
  g_assert_cmpstr (item->record->template_name, ==, ATT_LETTER_HALF_TERM_KIND);
  g_assert_cmpuint (item->record->template_version, ==, 1);
  g_assert_cmpint (item->record->date, ==, AS_OF);
  g_assert_cmpint (item->record->posted, ==, ATT_DATE_NONE);
  g_assert_cmpint (item->record->period_from, ==, D (2024, 9, 2));
  g_assert_cmpint (item->record->period_to, ==, AS_OF);
  g_assert_cmpint (item->record->marks_seen, >, 0);
  /* 17 of 20 attended, in the half term and the year alike. */
  g_assert_nonnull (strstr (item->record->figures, "\"half_term\": {\"attendance\": 85.0, \"possible\": 20, \"attended\": 17, \"absent\": 3, \"authorised\": 1, \"unauthorised\": 2"));
  g_assert_nonnull (strstr (item->record->figures, "\"year\": {\"attendance\": 85.0"));
  plain = att_letter_text_to_plain (item->text);
  g_assert_nonnull (strstr (plain, "Dear Mrs and Mr Khan"));
  g_assert_nonnull (strstr (plain, "85.0%"));
  g_assert_nonnull (strstr (plain, "Amira"));
  g_assert_cmpstr (((AttLetterBatchItem *)g_ptr_array_index (amira, 1))->recipient->addressee, ==,
                   "Mr Omar Haddad");

  item = g_ptr_array_index (ben, 0);
  g_clear_pointer (&plain, g_free);
  plain = att_letter_text_to_plain (item->text);
  g_assert_nonnull (strstr (plain, "100.0%"));
  g_assert_nonnull (strstr (item->record->figures, "\"possible\": 20, \"attended\": 20"));

  /* Cara: 1 N and 1 session with no mark; possible counts the N (19). */
  item = g_ptr_array_index (cara, 0);
  g_assert_nonnull (strstr (item->record->figures, "\"possible\": 19, \"attended\": 18"));
  message = problem_message (batch, f->cara, ATT_LETTER_PROBLEM_MARKS);
  g_assert_nonnull (strstr (message, "Cara Cole"));
  g_assert_nonnull (strstr (message, "holds N for 1 session and no mark for 1 session"));
  message = problem_message (batch, f->dan, ATT_LETTER_PROBLEM_NO_ADDRESS);
  g_assert_nonnull (strstr (message, "Dee Dunn"));
  g_assert_null (problem_of (batch, f->amira, ATT_LETTER_PROBLEM_MARKS));
  g_assert_null (problem_of (batch, f->ben, ATT_LETTER_PROBLEM_MARKS));
  g_assert_cmpuint (att_letter_batch_get_problems (batch)->len, ==, 2);

  /* The officer leaves Cara out for now. */
  g_assert_cmpuint (att_letter_batch_remove_pupil (batch, f->cara), ==, 1);
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 3);
  g_assert_cmpuint (att_letter_batch_get_problems (batch)->len, ==, 1);
}

/* Recorded in one transaction with the delivery and the posting date;
 * a legal warning needs both; a posting date before the letter's date
 * is refused. */
static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = att_letter_batch_new_half_term (f->s.db, AS_OF, &error);
  g_autoptr(GPtrArray) logged = NULL;
  GPtrArray *items;
  AttLetterBatchItem *first;

  g_assert_no_error (error);
  items = att_letter_batch_get_items (batch);
  first = g_ptr_array_index (items, 0);

  /* A receptionist may not send letters. */
  g_assert_false (att_letter_batch_record (f->s.db, f->s.receptionist, batch, ATT_LETTER_POST, AS_OF, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  /* Posted the day before its date. */
  g_assert_false (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_POST, AS_OF - 1, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* A legal warning: refused without a posting date, and by text. */
  first->legal_warning = TRUE;
  g_assert_false (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_POST, ATT_DATE_NONE, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "legal action"));
  g_clear_error (&error);
  g_assert_false (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_TEXT, AS_OF, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  logged = att_letters_query (f->s.db, NULL, &error);
  g_assert_cmpuint (logged->len, ==, 0);
  g_clear_pointer (&logged, g_ptr_array_unref);

  /* Handed over on Monday 16 September: all four logged. */
  g_assert_true (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_BY_HAND,
                                          D (2024, 9, 16), &error));
  g_assert_no_error (error);
  logged = att_letters_query (f->s.db, NULL, &error);
  g_assert_cmpuint (logged->len, ==, 4);
  for (guint i = 0; i < logged->len; i++)
    {
      AttLetterRecord *record = g_ptr_array_index (logged, i);
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (record->id, ==, item->record->id);
      g_assert_cmpint (record->delivery, ==, ATT_LETTER_BY_HAND);
      g_assert_cmpint (record->posted, ==, D (2024, 9, 16));
      g_assert_cmpstr (record->kind, ==, ATT_LETTER_HALF_TERM_KIND);
      g_assert_cmpstr (record->figures, ==, item->record->figures);
      g_assert_cmpstr (record->who, ==, "Olive Officer");
    }
  /* Once recorded, never again. */
  g_assert_false (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_POST, AS_OF, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
}

/* The texts: one per contact with a mobile; the CSV read back. */
static void
test_texts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = att_letter_batch_new_half_term_for (f->s.db, AS_OF, ATT_LETTER_TEXT, &error);
  g_autofree char *path = g_build_filename (f->s.t->dir, "texts.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) logged = NULL;
  AttLetterBatchItem *item;
  GStatBuf st;

  g_assert_no_error (error);
  /* Ben's mother and Dan's (a mobile but no address: a text needs none);
   * Amira's and Cara's parents have no mobile. */
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 2);
  item = g_ptr_array_index (att_letter_batch_get_items (batch), 0);
  g_assert_cmpint (item->pupil_id, ==, f->ben);
  g_assert_cmpint (item->delivery, ==, ATT_LETTER_TEXT);
  g_assert_cmpstr (item->recipient->mobile, ==, "07700 900123");
  g_assert_nonnull (item->message);
  g_assert_nonnull (strstr (item->message, "100.0%"));
  g_assert_nonnull (problem_of (batch, f->amira, ATT_LETTER_PROBLEM_NO_MOBILE));
  g_assert_nonnull (problem_of (batch, f->cara, ATT_LETTER_PROBLEM_NO_MOBILE));

  g_assert_true (att_letter_batch_write_texts_csv (batch, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "contact,mobile,message");
  g_assert_true (g_str_has_prefix (lines[1], "Ms Jo Baker,07700 900123,"));
  g_assert_nonnull (strstr (lines[1], "100.0%"));
  g_assert_true (g_str_has_prefix (lines[2], "Ms Dee Dunn,07700 900456,"));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_null (lines[4]);

  /* Each row logged as sent, by text, today. */
  g_assert_true (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_TEXT, AS_OF, &error));
  g_assert_no_error (error);
  logged = att_letters_for_pupil (f->s.db, f->ben, &error);
  g_assert_cmpuint (logged->len, ==, 1);
  g_assert_cmpint (((AttLetterRecord *)g_ptr_array_index (logged, 0))->delivery, ==, ATT_LETTER_TEXT);
  g_assert_cmpstr (((AttLetterRecord *)g_ptr_array_index (logged, 0))->address, ==,
                   "Ms Jo Baker\n07700 900123");
}

static GArray *
ids_of (AttLetterBatch *batch,
        gint64          pupil)
{
  GPtrArray *items = att_letter_batch_get_items (batch);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      if (item->pupil_id == pupil)
        g_array_append_val (ids, item->record->id);
    }
  return ids;
}

/* A copy from the log says what the letter said; a letter prepared and
 * not posted whose figures changed is refused and made again. */
static void
test_reprint_and_regenerate (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = att_letter_batch_new_half_term (f->s.db, AS_OF, &error);
  g_autoptr(AttLetterBatch) copy = NULL;
  g_autoptr(AttLetterBatch) again = NULL;
  g_autoptr(GArray) amira = NULL;
  g_autoptr(GArray) ben = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  AttMarkWrite amend = { 0, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_I, -1, NULL };
  AttLetterBatchItem *item;

  g_assert_no_error (error);
  /* Prepared, not yet posted. */
  g_assert_true (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_POST, ATT_DATE_NONE, &error));
  g_assert_no_error (error);
  amira = ids_of (batch, f->amira);
  ben = ids_of (batch, f->ben);

  copy = att_letter_batch_new_from_log (f->s.db, amira, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (copy), ==, 2);
  item = g_ptr_array_index (att_letter_batch_get_items (copy), 0);
  g_assert_cmpint (item->record->id, ==, g_array_index (amira, gint64, 0));
  {
    g_autoptr(GPtrArray) sent = items_of (batch, f->amira);

    first = att_letter_text_to_plain (((AttLetterBatchItem *)g_ptr_array_index (sent, 0))->text);
  }
  second = att_letter_text_to_plain (item->text);
  g_assert_cmpstr (first, ==, second);
  /* A copy is not logged again. */
  g_assert_false (att_letter_batch_record (f->s.db, f->s.officer, copy, ATT_LETTER_POST, AS_OF, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_clear_pointer (&copy, att_letter_batch_unref);

  /* A doctor's note: Mon 9 Sep am becomes I. Amira's letters are out of
   * date, Ben's are not. */
  amend.pupil_id = f->amira;
  g_assert_true (att_register_write (f->s.db, f->s.officer, &amend, 1, "Doctor's note", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  copy = att_letter_batch_new_from_log (f->s.db, amira, &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "out of date"));
  g_assert_null (copy);
  g_clear_error (&error);
  copy = att_letter_batch_new_from_log (f->s.db, ben, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (copy), ==, 1);

  /* Made again, dated Monday 16 September: still 17 of 20 attended, now
   * 1 unauthorised and 2 authorised. */
  again = att_letter_batch_new_regenerated (f->s.db, amira, D (2024, 9, 16), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (again), ==, 2);
  item = g_ptr_array_index (att_letter_batch_get_items (again), 0);
  g_assert_cmpint (item->record->id, ==, 0);
  g_assert_cmpint (item->record->date, ==, D (2024, 9, 16));
  g_assert_cmpint (item->record->period_to, ==, AS_OF);
  g_assert_nonnull (strstr (item->record->figures, "\"authorised\": 2, \"unauthorised\": 1"));
  g_assert_cmpstr (item->record->address, ==, "Mrs Sana Khan and Mr Tariq Khan\n12 Mill Lane\nMillbrook\nMB4 2QT");
  g_assert_true (att_letter_batch_record (f->s.db, f->s.officer, again, ATT_LETTER_POST, D (2024, 9, 16), &error));
  g_assert_no_error (error);
  g_assert_cmpint (item->record->id, >, g_array_index (amira, gint64, 1));

  /* A letter posted is not made again. */
  g_clear_pointer (&amira, g_array_unref);
  amira = ids_of (again, f->amira);
  g_clear_pointer (&again, att_letter_batch_unref);
  again = att_letter_batch_new_regenerated (f->s.db, amira, D (2024, 9, 17), &error);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_null (again);
}

/* The due list's rows: DUE only, one letter per address, kind the
 * stage, the figures the ladder read. */
static void
test_from_due (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = att_letters_due (f->s.db, AS_OF, &error);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(AttLetterBatch) batch = NULL;
  GPtrArray *items;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      AttLetterDue *row = g_ptr_array_index (rows, i);

      if (row->pupil_id == f->amira && row->status == ATT_LETTER_DUE_DUE
          && row->delivery != ATT_LETTER_TEXT)
        g_ptr_array_add (chosen, row);
    }
  /* Amira, at 85.0%, is due a letter of the school's default ladder. */
  g_assert_cmpuint (chosen->len, >=, 1);
  g_ptr_array_set_size (chosen, 1);
  batch = att_letter_batch_new_from_due (f->s.db, chosen, D (2024, 9, 16), &error);
  g_assert_no_error (error);
  items = att_letter_batch_get_items (batch);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);
      AttLetterDue *row = g_ptr_array_index (chosen, 0);

      g_assert_cmpint (item->pupil_id, ==, f->amira);
      g_assert_cmpstr (item->record->kind, ==, row->stage);
      g_assert_cmpstr (item->record->template_name, ==, row->template_name);
      g_assert_cmpint (item->record->date, ==, D (2024, 9, 16));
      g_assert_cmpint (item->record->period_from, ==, row->period_from);
      g_assert_cmpint (item->record->period_to, ==, row->period_to);
      g_assert_nonnull (item->record->figures);
    }
  g_assert_true (att_letter_batch_record (f->s.db, f->s.officer, batch, ATT_LETTER_POST, D (2024, 9, 16), &error));
  g_assert_no_error (error);
}

/* That problem, which must be there. */
static AttLetterProblem *
problem_must (AttLetterBatch       *batch,
              gint64                pupil,
              AttLetterProblemKind  kind)
{
  AttLetterProblem *problem = problem_of (batch, pupil, kind);

  if (problem == NULL)
    g_error ("no problem of kind %d for pupil %" G_GINT64_FORMAT, kind, pupil);
  return problem;
}

/* Gives the contact @forename of @pupil the e-mail address @email;
 * returns the contact's id. */
static gint64
set_email (Fixture    *f,
           gint64      pupil,
           const char *forename,
           const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (f->s.db, pupil, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *contact = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (contact->forename, forename) != 0)
        continue;
      g_free (contact->email);
      contact->email = g_strdup (email);
      g_assert_cmpint (att_contacts_save (f->s.db, att_user_system (), contact, &error), ==, contact->id);
      g_assert_no_error (error);
      return contact->id;
    }
  g_assert_not_reached ();
}

static AttLetterBatchItem *
item_at (GPtrArray *items,
         guint      i)
{
  g_assert_cmpuint (i, <, items->len);
  return g_ptr_array_index (items, i);
}

/* By e-mail the letters go to every parent with an e-mail address, postal
 * address or not; the data check asks for e-mail addresses, not postal
 * ones. The fixture's parents, with Mrs Cath Cole added for Cara (no
 * postal address, cath.cole@example.org):
 *   Amira: Mrs Sana Khan khan.family@example.org and Mr Tariq Khan (none)
 *          at 12 Mill Lane: one e-mail to both; Mr Omar Haddad
 *          omar@example.org at 3 Weavers Row: his own. 2 e-mails.
 *   Ben:   Ms Jo Baker has none: no e-mail, one problem about Ben.
 *   Cara:  Mrs Cath Cole: 1 e-mail. Mr Carl Cole (4 Park Way) has none
 *          and no one there has: a problem naming him (and her marks).
 *   Dan:   Ms Dee Dunn dee.dunn@example.org, no postal address: 1 e-mail.
 * So 4 e-mails. By post: Amira 2, Ben 1, Cara 1 (Carl), Dan none = 4,
 * with Cath's and Dee's missing postal addresses the problems. */
static void
test_email_recipients (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) email = NULL;
  g_autoptr(AttLetterBatch) post = NULL;
  g_autoptr(GPtrArray) amira = NULL;
  g_autoptr(GPtrArray) cara = NULL;
  g_autoptr(GPtrArray) dan = NULL;
  AttLetterProblem *problem;
  AttLetterBatchItem *item;
  gint64 carl, cath;

  add_contact (f, f->cara, 2, "Mrs", "Cath", "Cole", NULL, NULL, NULL);
  set_email (f, f->amira, "Sana", "khan.family@example.org");
  set_email (f, f->amira, "Omar", "omar@example.org");
  cath = set_email (f, f->cara, "Cath", "cath.cole@example.org");
  carl = set_email (f, f->cara, "Carl", NULL);
  set_email (f, f->dan, "Dee", "dee.dunn@example.org");

  email = att_letter_batch_new_half_term_for (f->s.db, AS_OF, ATT_LETTER_EMAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (email), ==, 4);

  amira = items_of (email, f->amira);
  g_assert_cmpuint (amira->len, ==, 2);
  item = item_at (amira, 0);
  g_assert_cmpint (item->delivery, ==, ATT_LETTER_EMAIL);
  g_assert_cmpstr (item->recipient->email, ==, "khan.family@example.org");
  g_assert_cmpstr (item->recipient->addressee, ==, "Mrs Sana Khan and Mr Tariq Khan");
  g_assert_cmpstr (item->recipient->salutation, ==, "Dear Mrs and Mr Khan");
  g_assert_cmpstr (item_at (amira, 1)->recipient->email, ==, "omar@example.org");
  g_assert_cmpstr (item_at (amira, 1)->recipient->addressee, ==, "Mr Omar Haddad");
  g_assert_null (problem_of (email, f->amira, ATT_LETTER_PROBLEM_NO_EMAIL));

  /* Ben: no one to e-mail, said about the pupil. */
  problem = problem_must (email, f->ben, ATT_LETTER_PROBLEM_NO_EMAIL);
  g_assert_cmpint (problem->contact_id, ==, 0);
  g_assert_nonnull (strstr (problem->message, "no parent who receives letters has an e-mail address"));

  /* Cara: her mother's e-mail, and her father named as the one missing. */
  cara = items_of (email, f->cara);
  g_assert_cmpuint (cara->len, ==, 1);
  g_assert_cmpstr (item_at (cara, 0)->recipient->addressee, ==, "Mrs Cath Cole");
  g_assert_cmpstr (item_at (cara, 0)->record->contact_ids, !=, "");
  g_assert_cmpint (g_ascii_strtoll (item_at (cara, 0)->record->contact_ids, NULL, 10), ==, cath);
  problem = problem_must (email, f->cara, ATT_LETTER_PROBLEM_NO_EMAIL);
  g_assert_cmpint (problem->contact_id, ==, carl);
  g_assert_nonnull (strstr (problem->message, "Mr Carl Cole receives letters but has no e-mail address"));
  g_assert_nonnull (problem_of (email, f->cara, ATT_LETTER_PROBLEM_MARKS));

  /* Dan: no postal address is no matter by e-mail; the letter's address
   * is its addressee alone. */
  dan = items_of (email, f->dan);
  g_assert_cmpuint (dan->len, ==, 1);
  g_assert_cmpstr (item_at (dan, 0)->recipient->email, ==, "dee.dunn@example.org");
  g_assert_cmpstr (item_at (dan, 0)->record->address, ==, "Ms Dee Dunn");
  g_assert_null (problem_of (email, f->dan, ATT_LETTER_PROBLEM_NO_ADDRESS));
  g_assert_null (problem_of (email, f->cara, ATT_LETTER_PROBLEM_NO_ADDRESS));

  /* The same school by post. */
  post = att_letter_batch_new_half_term (f->s.db, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (post), ==, 4);
  g_assert_nonnull (problem_of (post, f->dan, ATT_LETTER_PROBLEM_NO_ADDRESS));
  problem = problem_must (post, f->cara, ATT_LETTER_PROBLEM_NO_ADDRESS);
  g_assert_cmpint (problem->contact_id, ==, cath);
  g_assert_null (problem_of (post, f->cara, ATT_LETTER_PROBLEM_NO_EMAIL));
  g_assert_null (problem_of (post, f->ben, ATT_LETTER_PROBLEM_NO_EMAIL));
}

/* A stage that goes by e-mail: the due row's letters go to each e-mail
 * address. Amira's parents as in test_email_recipients but Mr Tariq
 * Khan has tariq@example.org of his own: at 12 Mill Lane two e-mails,
 * one each, and Mr Haddad's: 3. */
static void
test_email_from_due (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(AttLetterBatch) batch = NULL;
  GPtrArray *items;

  set_email (f, f->amira, "Sana", "khan.family@example.org");
  set_email (f, f->amira, "Tariq", "tariq@example.org");
  set_email (f, f->amira, "Omar", "omar@example.org");
  rows = att_letters_due (f->s.db, AS_OF, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len && chosen->len == 0; i++)
    {
      AttLetterDue *row = g_ptr_array_index (rows, i);

      if (row->pupil_id == f->amira && row->status == ATT_LETTER_DUE_DUE
          && row->delivery != ATT_LETTER_TEXT)
        g_ptr_array_add (chosen, row);
    }
  g_assert_cmpuint (chosen->len, ==, 1);
  ((AttLetterDue *)g_ptr_array_index (chosen, 0))->delivery = ATT_LETTER_EMAIL;
  batch = att_letter_batch_new_from_due (f->s.db, chosen, D (2024, 9, 16), &error);
  g_assert_no_error (error);
  items = att_letter_batch_get_items (batch);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (item_at (items, 0)->recipient->email, ==, "khan.family@example.org");
  g_assert_cmpstr (item_at (items, 0)->recipient->addressee, ==, "Mrs Sana Khan");
  g_assert_cmpstr (item_at (items, 1)->recipient->email, ==, "omar@example.org");
  g_assert_cmpstr (item_at (items, 2)->recipient->email, ==, "tariq@example.org");
  g_assert_cmpstr (item_at (items, 2)->recipient->salutation, ==, "Dear Mr Khan");
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (item_at (items, i)->delivery, ==, ATT_LETTER_EMAIL);
  g_assert_cmpuint (att_letter_batch_get_problems (batch)->len, ==, 0);
}

/* The data check on its own: N and unmarked sessions over a period. */
static void
test_check_marks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);

  /* Cara's first week is clean; her second holds the N and the gap. */
  g_assert_true (att_letter_batch_check_marks (f->s.db, f->cara, D (2024, 9, 2), D (2024, 9, 6), problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (att_letter_batch_check_marks (f->s.db, f->cara, D (2024, 9, 11), D (2024, 9, 11), problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((AttLetterProblem *)g_ptr_array_index (problems, 0))->message,
                            "1 session still marked N"));
  g_assert_true (att_letter_batch_check_marks (f->s.db, f->cara, D (2024, 9, 12), AS_OF, problems, &error));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (((AttLetterProblem *)g_ptr_array_index (problems, 1))->message,
                            "1 session has no mark"));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/letter-batch/half-term", test_half_term);
  ADD ("/letter-batch/record", test_record);
  ADD ("/letter-batch/texts", test_texts);
  ADD ("/letter-batch/reprint-and-regenerate", test_reprint_and_regenerate);
  ADD ("/letter-batch/from-due", test_from_due);
  ADD ("/letter-batch/check-marks", test_check_marks);
  ADD ("/letter-batch/email-recipients", test_email_recipients);
  ADD ("/letter-batch/email-from-due", test_email_from_due);
#undef ADD
  return g_test_run ();
}
