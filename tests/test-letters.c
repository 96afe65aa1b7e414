/* test-letters.c: who receives letters, the data check, and the letter log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-letters.h"
#include "att-test-util.h"

static gint64
add_contact (AttDb      *db,
             gint64      pupil_id,
             int         priority,
             const char *title,
             const char *forename,
             const char *surname,
             gboolean    pr,
             gboolean    letters,
             const char *address_1,
             const char *postcode)
{
  g_autoptr(AttContact) c = att_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  c->pupil_id = pupil_id;
  c->priority = priority;
  c->title = g_strdup (title);
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Parent");
  c->parental_responsibility = pr;
  c->receives_letters = letters;
  c->address_1 = g_strdup (address_1);
  c->town = g_strdup (address_1 != NULL ? "Millbrook" : NULL);
  c->postcode = g_strdup (postcode);
  c->email = g_strdup_printf ("%s@example.org", forename);
  id = att_contacts_save (db, att_user_system (), c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static AttLetterRecipient *
recipient_at (GPtrArray *recipients,
              guint      i)
{
  g_assert_cmpuint (i, <, recipients->len);
  return g_ptr_array_index (recipients, i);
}

/* Parents at one address get one letter addressed to both; a parent
 * elsewhere gets their own; a contact without parental responsibility,
 * or who does not receive letters, gets none. */
static void
test_recipients (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(GError) error = NULL;
  AttLetterRecipient *r;
  gint64 id;

  att_test_school_init (&s);
  id = att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1));
  /* Priority 1 and 3 share an address written two ways. */
  add_contact (s.db, id, 1, "Mrs", "Sana", "Khan", TRUE, TRUE, "12 Mill Lane", "MB4 2QT");
  add_contact (s.db, id, 2, "Mr", "Omar", "Haddad", TRUE, TRUE, "3 Weavers Row", "mb2 6hl");
  add_contact (s.db, id, 3, "Mr", "Tariq", "Khan", TRUE, TRUE, "12, mill lane", "mb42qt");
  /* A grandmother (no parental responsibility) and a parent who asked
   * not to receive letters. */
  add_contact (s.db, id, 4, "Mrs", "Ruth", "Adams", FALSE, TRUE, "1 High Street", "MB1 1AA");
  add_contact (s.db, id, 5, "Ms", "Lena", "Berg", TRUE, FALSE, "1 High Street", "MB1 1AA");

  recipients = att_letter_recipients_for_pupil (s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recipients->len, ==, 2);

  r = recipient_at (recipients, 0);
  g_assert_cmpuint (r->contacts->len, ==, 2);
  g_assert_cmpstr (r->addressee, ==, "Mrs Sana Khan and Mr Tariq Khan");
  g_assert_cmpstr (r->title, ==, "Mrs and Mr");
  g_assert_cmpstr (r->salutation, ==, "Dear Mrs and Mr Khan");
  g_assert_cmpstr (r->address[0], ==, "Mrs Sana Khan and Mr Tariq Khan");
  g_assert_cmpstr (r->address[1], ==, "12 Mill Lane");
  g_assert_cmpstr (r->address[2], ==, "Millbrook");
  g_assert_cmpstr (r->address[3], ==, "MB4 2QT");
  g_assert_null (r->address[4]);
  g_assert_cmpstr (r->email, ==, "Sana@example.org");

  r = recipient_at (recipients, 1);
  g_assert_cmpstr (r->addressee, ==, "Mr Omar Haddad");
  g_assert_cmpstr (r->salutation, ==, "Dear Mr Haddad");
  /* The postcode is written in capitals. */
  g_assert_cmpstr (r->address[3], ==, "MB2 6HL");

  att_letter_values_set_recipient (values, r);
  g_assert_cmpstr (att_letter_values_get (values, "recipient.name"), ==, "Mr Omar Haddad");
  g_assert_cmpstr (att_letter_values_get (values, "recipient.address"), ==,
                   "3 Weavers Row\nMillbrook\nMB2 6HL");
  att_test_school_clear (&s);
}

/* Two parents with different surnames at one address, one without a
 * title: each greeted by name. */
static void
test_salutation_mixed (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  att_test_school_init (&s);
  id = att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1));
  add_contact (s.db, id, 1, "Ms", "Sana", "Khan", TRUE, TRUE, "12 Mill Lane", "MB4 2QT");
  add_contact (s.db, id, 2, NULL, "Jo", "Reed", TRUE, TRUE, "12 Mill Lane", "MB4 2QT");
  recipients = att_letter_recipients_for_pupil (s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recipients->len, ==, 1);
  g_assert_cmpstr (recipient_at (recipients, 0)->salutation, ==, "Dear Ms Khan and Jo Reed");
  g_assert_cmpstr (recipient_at (recipients, 0)->title, ==, "Ms");
  att_test_school_clear (&s);
}

/* The data check: a parent who receives letters without an address, and
 * a pupil with no one to write to. */
static void
test_data_check (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) error = NULL;
  AttLetterProblem *problem;
  gint64 amira, ben, no_address;

  att_test_school_init (&s);
  amira = att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1));
  ben = att_test_school_add_pupil (&s, "Ben", "Baker", D (2012, 11, 1));
  add_contact (s.db, amira, 1, "Mrs", "Sana", "Khan", TRUE, TRUE, "12 Mill Lane", "MB4 2QT");
  /* No postcode is no postal address. */
  no_address = add_contact (s.db, amira, 2, "Mr", "Tariq", "Khan", TRUE, TRUE, "4 Elm Road", NULL);
  /* Ben's only contact has no parental responsibility. */
  add_contact (s.db, ben, 1, "Mrs", "Ruth", "Baker", FALSE, TRUE, "1 High Street", "MB1 1AA");

  g_assert_true (att_letters_check_pupil (s.db, amira, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, ATT_LETTER_PROBLEM_NO_ADDRESS);
  g_assert_cmpint (problem->contact_id, ==, no_address);
  g_assert_nonnull (strstr (problem->message, "Mr Tariq Khan receives letters but has no postal address"));
  g_assert_nonnull (strstr (problem->message, "Amira Khan"));
  /* He gets no letter; Mrs Khan does. */
  recipients = att_letter_recipients_for_pupil (s.db, amira, &error);
  g_assert_cmpuint (recipients->len, ==, 1);

  g_assert_true (att_letters_check_pupil (s.db, ben, problems, &error));
  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpint (problem->kind, ==, ATT_LETTER_PROBLEM_NO_RECIPIENT);
  g_assert_cmpint (problem->pupil_id, ==, ben);
  g_assert_cmpint (problem->contact_id, ==, 0);
  g_assert_nonnull (strstr (problem->message, "Ben Baker"));
  g_assert_nonnull (strstr (problem->message, "no one with parental responsibility receives letters"));

  g_assert_false (att_letters_check_pupil (s.db, 9999, problems, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  att_test_school_clear (&s);
}

/* Gives contact @id of @pupil_id the e-mail address @email (NULL: none). */
static void
set_email (AttDb      *db,
           gint64      pupil_id,
           gint64      id,
           const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (db, pupil_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *contact = g_ptr_array_index (contacts, i);

      if (contact->id != id)
        continue;
      g_free (contact->email);
      contact->email = g_strdup (email);
      g_assert_cmpint (att_contacts_save (db, att_user_system (), contact, &error), ==, id);
      g_assert_no_error (error);
      return;
    }
  g_assert_not_reached ();
}

/* Whom an e-mail goes to, and the data check by delivery. Amira's
 * parents, who all receive letters:
 *   1 Mrs Sana Khan   12 Mill Lane      Khan.Home@example.org
 *   2 Mr Tariq Khan   "12, mill lane"   khan.home@example.org (the same)
 *   3 Mr Omar Haddad  no postal address omar@example.org
 *   4 Ms Lena Berg    3 Weavers Row     khan.home@example.org
 *   5 Mr Jo Reed      3 Weavers Row     none
 *   6 Ms Ann Lee      1 High Street     none
 * By e-mail: the Khans together (one address, one e-mail address), Mr
 * Haddad alone (no postal address is no matter), Ms Berg with Mr Reed
 * (the same e-mail address as the Khans but another postal address):
 * 3 e-mails; Ms Lee is the one the data check names. By post: the Khans,
 * Ms Berg and Mr Reed, Ms Lee: 3 letters; Mr Haddad is the one named. */
static void
test_email_recipients (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GPtrArray) post = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);
  g_autoptr(GPtrArray) emailed = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(GError) error = NULL;
  AttLetterRecipient *r;
  AttLetterProblem *problem;
  gint64 id, ben, sana, tariq, omar, lena, jo, ann, ben_parent;

  att_test_school_init (&s);
  id = att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1));
  sana = add_contact (s.db, id, 1, "Mrs", "Sana", "Khan", TRUE, TRUE, "12 Mill Lane", "MB4 2QT");
  tariq = add_contact (s.db, id, 2, "Mr", "Tariq", "Khan", TRUE, TRUE, "12, mill lane", "mb42qt");
  omar = add_contact (s.db, id, 3, "Mr", "Omar", "Haddad", TRUE, TRUE, NULL, NULL);
  lena = add_contact (s.db, id, 4, "Ms", "Lena", "Berg", TRUE, TRUE, "3 Weavers Row", "MB2 6HL");
  jo = add_contact (s.db, id, 5, "Mr", "Jo", "Reed", TRUE, TRUE, "3 Weavers Row", "MB2 6HL");
  ann = add_contact (s.db, id, 6, "Ms", "Ann", "Lee", TRUE, TRUE, "1 High Street", "MB1 1AA");
  set_email (s.db, id, sana, "Khan.Home@example.org");
  set_email (s.db, id, tariq, " khan.home@example.org");
  set_email (s.db, id, omar, "omar@example.org");
  set_email (s.db, id, lena, "khan.home@example.org");
  set_email (s.db, id, jo, NULL);
  set_email (s.db, id, ann, NULL);

  recipients = att_letter_recipients_for_pupil_by (s.db, id, ATT_LETTER_EMAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recipients->len, ==, 3);
  r = recipient_at (recipients, 0);
  g_assert_cmpuint (r->contacts->len, ==, 2);
  g_assert_cmpstr (r->addressee, ==, "Mrs Sana Khan and Mr Tariq Khan");
  g_assert_cmpstr (r->salutation, ==, "Dear Mrs and Mr Khan");
  g_assert_cmpstr (r->email, ==, "Khan.Home@example.org");
  g_assert_cmpstr (r->address[1], ==, "12 Mill Lane");
  r = recipient_at (recipients, 1);
  g_assert_cmpstr (r->addressee, ==, "Mr Omar Haddad");
  g_assert_cmpstr (r->email, ==, "omar@example.org");
  /* No postal lines: the addressee alone. */
  g_assert_cmpstr (r->address[0], ==, "Mr Omar Haddad");
  g_assert_null (r->address[1]);
  att_letter_values_set_recipient (values, r);
  g_assert_cmpstr (att_letter_values_get (values, "recipient.address"), ==, "");
  g_assert_cmpstr (att_letter_values_get (values, "recipient.email"), ==, "omar@example.org");
  r = recipient_at (recipients, 2);
  g_assert_cmpstr (r->addressee, ==, "Ms Lena Berg and Mr Jo Reed");
  g_assert_cmpstr (r->email, ==, "khan.home@example.org");
  g_assert_cmpstr (r->address[1], ==, "3 Weavers Row");

  post = att_letter_recipients_for_pupil_by (s.db, id, ATT_LETTER_POST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (post->len, ==, 3);
  g_assert_cmpstr (recipient_at (post, 2)->addressee, ==, "Ms Ann Lee");

  /* By post only the missing postal address; by e-mail only the missing
   * e-mail address. */
  g_assert_true (att_letters_check_pupil_for (s.db, id, ATT_LETTER_POST, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, ATT_LETTER_PROBLEM_NO_ADDRESS);
  g_assert_cmpint (problem->contact_id, ==, omar);
  g_assert_true (att_letters_check_pupil_for (s.db, id, ATT_LETTER_BY_HAND, problems, &error));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpint (((AttLetterProblem *)g_ptr_array_index (problems, 1))->contact_id, ==, omar);

  g_assert_true (att_letters_check_pupil_for (s.db, id, ATT_LETTER_EMAIL, emailed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emailed->len, ==, 1);
  problem = g_ptr_array_index (emailed, 0);
  g_assert_cmpint (problem->kind, ==, ATT_LETTER_PROBLEM_NO_EMAIL);
  g_assert_cmpint (problem->contact_id, ==, ann);
  g_assert_nonnull (strstr (problem->message, "Amira Khan"));
  g_assert_nonnull (strstr (problem->message, "Ms Ann Lee receives letters but has no e-mail address"));

  /* A pupil whose one parent has no e-mail address: said about the
   * pupil; a postal address is not asked for. */
  ben = att_test_school_add_pupil (&s, "Ben", "Baker", D (2012, 11, 1));
  ben_parent = add_contact (s.db, ben, 1, "Ms", "Jo", "Baker", TRUE, TRUE, NULL, NULL);
  set_email (s.db, ben, ben_parent, NULL);
  g_assert_true (att_letters_check_pupil_for (s.db, ben, ATT_LETTER_EMAIL, emailed, &error));
  g_assert_cmpuint (emailed->len, ==, 2);
  problem = g_ptr_array_index (emailed, 1);
  g_assert_cmpint (problem->kind, ==, ATT_LETTER_PROBLEM_NO_EMAIL);
  g_assert_cmpint (problem->contact_id, ==, 0);
  g_assert_nonnull (strstr (problem->message, "no parent who receives letters has an e-mail address"));
  att_test_school_clear (&s);
}

static AttLetterRecord *
sample_record (gint64 pupil_id)
{
  AttLetterRecord *record = att_letter_record_new ();

  record->pupil_id = pupil_id;
  record->recipient = g_strdup ("Mrs Sana Khan");
  record->address = g_strdup ("Mrs Sana Khan\n12 Mill Lane\nMB4 2QT");
  record->contact_ids = g_strdup ("1");
  record->kind = g_strdup ("concern");
  record->template_name = g_strdup ("concern");
  record->template_version = 2;
  record->subject = g_strdup ("Amira's attendance");
  record->date = D (2024, 9, 13);
  record->delivery = ATT_LETTER_POST;
  record->period_from = D (2024, 9, 2);
  record->period_to = D (2024, 9, 6);
  record->figures = g_strdup ("{\"attendance\": \"70.0%\", \"possible\": 10}");
  return record;
}

static void
write_mark (AttTestSchool *s,
            gint64         pupil_id,
            AttDate        date,
            const char    *code,
            const char    *reason)
{
  AttMarkWrite write = { pupil_id, date, ATT_SESSION_AM, att_code_lookup (code), -1, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (att_register_write (s->db, s->officer, &write, 1, reason, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

/* Recording, reading back, the audit row, the rights, what is refused,
 * and that the log is never changed. */
static void
test_log (void)
{
  AttTestSchool s;
  g_autoptr(AttLetterRecord) record = NULL;
  g_autoptr(AttLetterRecord) back = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  AttAuditFilter filter = { NULL, 0, ATT_AUDIT_LETTER, ATT_DATE_NONE, ATT_DATE_NONE, FALSE, 0 };
  AttLettersFilter by_kind = { 0, "concern", NULL, ATT_DATE_NONE, ATT_DATE_NONE };
  gint64 id, second, seen;
  char *err = NULL;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  record = sample_record (att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1)));
  write_mark (&s, record->pupil_id, D (2024, 9, 2), "/", NULL);

  /* A receptionist may not send letters. */
  g_assert_cmpint (att_letters_record (s.db, s.receptionist, record, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  id = att_letters_record (s.db, s.officer, record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  back = att_letters_get (s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->upn, ==, att_pupils_get (s.db, record->pupil_id)->upn);
  g_assert_cmpstr (back->recipient, ==, "Mrs Sana Khan");
  g_assert_cmpstr (back->address, ==, record->address);
  g_assert_cmpstr (back->kind, ==, "concern");
  g_assert_cmpstr (back->template_name, ==, "concern");
  g_assert_cmpuint (back->template_version, ==, 2);
  g_assert_cmpint (back->date, ==, D (2024, 9, 13));
  g_assert_cmpint (back->delivery, ==, ATT_LETTER_POST);
  g_assert_cmpint (back->posted, ==, ATT_DATE_NONE);
  g_assert_cmpstr (back->figures, ==, record->figures);
  g_assert_cmpstr (back->who, ==, s.officer->name);
  /* marks_seen 0 was taken as the history then: its one row. */
  g_assert_true (att_letters_marks_seen (s.db, &seen, &error));
  g_assert_cmpint (back->marks_seen, ==, seen);
  g_assert_cmpint (seen, >, 0);

  /* The audit row, of kind letter, about Amira. */
  audit = att_audit_query (s.db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((AttAuditEntry *)g_ptr_array_index (audit, 0))->action, ==, "letters.record");
  g_assert_cmpint (((AttAuditEntry *)g_ptr_array_index (audit, 0))->pupil_id, ==, record->pupil_id);

  /* A second letter by hand, another kind, posted the same day. */
  g_free (record->kind);
  record->kind = g_strdup ("meeting");
  record->delivery = ATT_LETTER_BY_HAND;
  record->posted = D (2024, 9, 13);
  second = att_letters_record (s.db, s.officer, record, &error);
  g_assert_no_error (error);
  letters = att_letters_for_pupil (s.db, record->pupil_id, &error);
  g_assert_cmpuint (letters->len, ==, 2);
  g_assert_cmpint (((AttLetterRecord *)g_ptr_array_index (letters, 1))->id, ==, second);
  g_assert_cmpint (((AttLetterRecord *)g_ptr_array_index (letters, 1))->posted, ==, D (2024, 9, 13));
  g_clear_pointer (&letters, g_ptr_array_unref);
  letters = att_letters_query (s.db, &by_kind, &error);
  g_assert_cmpuint (letters->len, ==, 1);

  /* What is refused. */
  record->posted = D (2024, 9, 12);
  g_assert_cmpint (att_letters_record (s.db, s.officer, record, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "before its date"));
  g_clear_error (&error);
  record->posted = ATT_DATE_NONE;
  record->template_version = 0;
  g_assert_cmpint (att_letters_record (s.db, s.officer, record, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  record->template_version = 2;
  record->period_to = ATT_DATE_NONE;
  g_assert_cmpint (att_letters_record (s.db, s.officer, record, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  record->period_to = D (2024, 9, 6);
  g_free (record->figures);
  record->figures = g_strdup ("attendance 70%");
  g_assert_cmpint (att_letters_record (s.db, s.officer, record, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "JSON object"));
  g_clear_error (&error);
  g_free (record->figures);
  record->figures = g_strdup ("{\"attendance\": \"70.0%\"}");
  record->pupil_id = 9999;
  g_assert_cmpint (att_letters_record (s.db, s.officer, record, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (att_letters_get (s.db, 9999, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The posting date is set once, not before the letter's date nor
   * after today. */
  g_assert_false (att_letters_set_posted (s.db, s.officer, id, D (2024, 9, 12), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_letters_set_posted (s.db, s.officer, id, D (2024, 9, 14), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (att_letters_set_posted (s.db, s.officer, id, D (2024, 9, 13), &error));
  g_assert_no_error (error);
  g_assert_false (att_letters_set_posted (s.db, s.officer, id, D (2024, 9, 13), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  /* The schema itself refuses changes and deletions. */
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), "UPDATE letters SET recipient = 'x'",
                                 NULL, NULL, &err), !=, SQLITE_OK);
  g_assert_nonnull (strstr (err, "never changed"));
  sqlite3_free (err);
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db), "DELETE FROM letters",
                                 NULL, NULL, &err), !=, SQLITE_OK);
  g_assert_nonnull (strstr (err, "never deleted"));
  sqlite3_free (err);

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* A letter is out of date once a mark of its period is entered or
 * amended after its figures were read; a mark outside the period, or of
 * another pupil, changes nothing. */
static void
test_out_of_date (void)
{
  AttTestSchool s;
  g_autoptr(AttLetterRecord) record = NULL;
  g_autoptr(AttLetterRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stale = TRUE;
  gint64 other, id;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  record = sample_record (att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1)));
  other = att_test_school_add_pupil (&s, "Ben", "Baker", D (2012, 11, 1));
  write_mark (&s, record->pupil_id, D (2024, 9, 3), "O", NULL);
  id = att_letters_record (s.db, s.officer, record, &error);
  g_assert_no_error (error);
  back = att_letters_get (s.db, id, &error);

  g_assert_true (att_letters_is_out_of_date (s.db, back, &stale, &error));
  g_assert_false (stale);
  /* Monday 9 September is after the period (2 to 6 September). */
  write_mark (&s, record->pupil_id, D (2024, 9, 9), "O", NULL);
  /* Ben's mark inside the period is not Amira's. */
  write_mark (&s, other, D (2024, 9, 3), "O", NULL);
  g_assert_true (att_letters_is_out_of_date (s.db, back, &stale, &error));
  g_assert_false (stale);

  /* Tuesday's O becomes I: the letter's figures are wrong now. */
  write_mark (&s, record->pupil_id, D (2024, 9, 3), "I", "Doctor's note arrived");
  g_assert_true (att_letters_is_out_of_date (s.db, back, &stale, &error));
  g_assert_no_error (error);
  g_assert_true (stale);

  /* A letter with no period is never out of date. */
  back->period_from = back->period_to = ATT_DATE_NONE;
  g_assert_true (att_letters_is_out_of_date (s.db, back, &stale, &error));
  g_assert_false (stale);

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* The letters are in the subject access export, and go with a leaver's
 * records at the end of their retention. */
static void
test_sar_and_purge (void)
{
  AttTestSchool s;
  g_autoptr(AttLetterRecord) record = NULL;
  g_autoptr(AttSar) sar = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autofree char *json = NULL;
  AttSarSection *section = NULL;
  gint64 ben;

  att_test_school_init (&s);
  admin = att_test_add_user (s.db, "Ada Admin", ATT_ROLE_ADMIN, "Office manager");
  g_setenv ("ATTENDANCE_TODAY", "2018-07-02", TRUE);
  /* Ben left on 20 July 2018; six years later (2,190 days or more) his
   * records may go: 16 January 2025 is 2,372 days later. */
  ben = att_test_add_pupil (s.db, "Ben", "Baker", 7, D (2006, 10, 1), D (2015, 9, 1), D (2018, 7, 20));
  record = sample_record (ben);
  record->date = D (2018, 7, 2);
  record->period_from = D (2018, 6, 1);
  record->period_to = D (2018, 6, 29);
  g_assert_cmpint (att_letters_record (s.db, s.officer, record, &error), >, 0);
  g_assert_no_error (error);

  sar = att_sar_collect (s.db, s.officer, ben, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sar->sections->len; i++)
    if (strcmp (((AttSarSection *)g_ptr_array_index (sar->sections, i))->key, "letters") == 0)
      section = g_ptr_array_index (sar->sections, i);
  g_assert_nonnull (section);
  g_assert_cmpuint (section->records->len, ==, 1);
  json = att_sar_to_json (sar, TRUE);
  g_assert_nonnull (strstr (json, "\"recipient\": \"Mrs Sana Khan\""));
  /* The figures are JSON in the export, not a string. */
  g_assert_nonnull (strstr (json, "\"figures\": {\"attendance\": \"70.0%\""));

  g_setenv ("ATTENDANCE_TODAY", "2025-01-16", TRUE);
  g_assert_true (att_retention_purge (s.db, admin, D (2025, 1, 16), NULL, NULL, &error));
  g_assert_no_error (error);
  {
    AttLettersFilter any = { 0, NULL, NULL, ATT_DATE_NONE, ATT_DATE_NONE };

    letters = att_letters_query (s.db, &any, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (letters->len, ==, 0);
  }
  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* The letterhead from the school's settings, and the letter settings. */
static void
test_letterhead (void)
{
  AttTestSchool s;
  g_autoptr(AttLetterhead) head = NULL;
  g_autoptr(AttLetterhead) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  g_autofree char *png = NULL;
  g_autofree char *not_png = NULL;
  static const guchar tiny_png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
  };

  att_test_school_init (&s);
  admin = att_test_add_user (s.db, "Ada Admin", ATT_ROLE_ADMIN, "Office manager");
  g_assert_true (att_school_set (s.db, admin, "name", "Millbrook Academy", &error));
  g_assert_true (att_school_set (s.db, admin, "address", "Weavers Row, Millbrook, MB2 6HL", &error));
  g_assert_true (att_school_set (s.db, admin, "attendance_lead", "Daniel Osei (Deputy Headteacher)", &error));
  g_assert_no_error (error);

  head = att_letterhead_load (s.db);
  g_assert_cmpstr (head->name, ==, "Millbrook Academy");
  g_assert_cmpuint (g_strv_length (head->address), ==, 3);
  g_assert_cmpstr (head->address[2], ==, "MB2 6HL");
  g_assert_null (head->logo);
  /* Signed by the attendance lead, the role read from the brackets. */
  g_assert_cmpstr (head->signatory_name, ==, "Daniel Osei");
  g_assert_cmpstr (head->signatory_role, ==, "Deputy Headteacher");

  png = g_build_filename (s.t->dir, "logo.png", NULL);
  not_png = g_build_filename (s.t->dir, "logo.jpg", NULL);
  g_assert_true (g_file_set_contents (png, (const char *)tiny_png, sizeof tiny_png, NULL));
  g_assert_true (g_file_set_contents (not_png, "\xff\xd8\xff\xe0 a JPEG, not a PNG", -1, NULL));

  g_assert_false (att_letters_set_setting (s.db, s.officer, "letters.logo", png, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (att_letters_set_setting (s.db, admin, "letters.logo", not_png, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not a PNG image"));
  g_clear_error (&error);
  g_assert_false (att_letters_set_setting (s.db, admin, "letters.colour", "red", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (att_letters_set_setting (s.db, admin, "letters.logo", png, &error));
  g_assert_true (att_letters_set_setting (s.db, admin, "letters.signatory_name", "Helen Carter", &error));
  g_assert_true (att_letters_set_setting (s.db, admin, "letters.signatory_role", "Headteacher", &error));
  g_assert_no_error (error);

  again = att_letterhead_load (s.db);
  g_assert_cmpstr (again->logo, ==, png);
  g_assert_cmpstr (again->signatory_name, ==, "Helen Carter");
  g_assert_cmpstr (again->signatory_role, ==, "Headteacher");

  /* Cleared with "". */
  g_assert_true (att_letters_set_setting (s.db, admin, "letters.logo", "", &error));
  g_clear_pointer (&again, att_letterhead_free);
  again = att_letterhead_load (s.db);
  g_assert_null (again->logo);
  att_test_school_clear (&s);
}

static void
test_delivery (void)
{
  AttLetterDelivery delivery = ATT_LETTER_TEXT;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ATT_LETTER_N_DELIVERIES; i++)
    {
      g_assert_true (att_letter_delivery_parse (att_letter_delivery_to_string (i), &delivery, &error));
      g_assert_cmpint (delivery, ==, i);
    }
  g_assert_cmpstr (att_letter_delivery_describe (ATT_LETTER_POST), ==, "First-class post");
  g_assert_false (att_letter_delivery_parse ("pigeon", &delivery, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“pigeon”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/letters/recipients", test_recipients);
  g_test_add_func ("/letters/salutation-mixed", test_salutation_mixed);
  g_test_add_func ("/letters/data-check", test_data_check);
  g_test_add_func ("/letters/log", test_log);
  g_test_add_func ("/letters/out-of-date", test_out_of_date);
  g_test_add_func ("/letters/sar-and-purge", test_sar_and_purge);
  g_test_add_func ("/letters/letterhead", test_letterhead);
  g_test_add_func ("/letters/delivery", test_delivery);
  g_test_add_func ("/letters/email-recipients", test_email_recipients);

  return g_test_run ();
}
