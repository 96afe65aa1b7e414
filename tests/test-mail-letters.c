/* test-mail-letters.c: letters sent by e-mail through a real SMTP server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school of letter-batch-fixture.h (today Friday 13 September 2024),
 * its half-termly reports to families, and tests/mail/smtp_server.py
 * speaking STARTTLS with a user name and password, refusing the address
 * gone@example.org. The contacts' e-mail addresses:
 *   Amira Khan: Mrs Sana Khan (12 Mill Lane, with Mr Tariq Khan, who has
 *               none) sana.khan@example.org; Mr Omar Haddad (3 Weavers
 *               Row) gone@example.org, which the server refuses.
 *   Ben Baker:  Ms Jo Baker has none.
 *   Cara Cole:  Mr Carl Cole carl.cole@example.org.
 *   Dan Dunn:   no postal address: no letter at all.
 * So the batch of letters holds four: Amira at Mill Lane (sent), Amira
 * at Weavers Row (refused), Ben (no address), Cara (sent); Dan has none.
 */
#include "config.h"

#include <string.h>

#include "letter-batch-fixture.h"
#include "mail/att-mail-test-server.h"

static void
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
      att_contacts_save (f->s.db, att_user_system (), contact, &error);
      g_assert_no_error (error);
      return;
    }
  g_assert_not_reached ();
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  fixture_set_up (f, data);
  set_email (f, f->amira, "Sana", "sana.khan@example.org");
  set_email (f, f->amira, "Omar", "gone@example.org");
  set_email (f, f->cara, "Carl", "carl.cole@example.org");
}

static void
use_server (Fixture    *f,
            Server     *server,
            const char *password)
{
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_STARTTLS);
  g_autoptr(GError) error = NULL;

  g_free (settings->password);
  settings->password = g_strdup (password);
  g_assert_true (att_mail_settings_save (f->s.db, att_user_system (), settings, &error));
  g_assert_no_error (error);
}

static AttMailResult *
result_at (GPtrArray *results,
           guint      i)
{
  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

/* The result of the letter to @address (NULL: the one with none). */
static AttMailResult *
find_result (GPtrArray  *results,
             const char *address)
{
  for (guint i = 0; i < results->len; i++)
    {
      AttMailResult *result = g_ptr_array_index (results, i);

      if (g_strcmp0 (result->address, address) == 0)
        return result;
    }
  g_assert_not_reached ();
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Each letter with an address goes with its PDF; the refused address
 * and the parent with none are reported and not logged; the others are
 * logged as e-mailed on the day. */
static void
test_letters_sent (Fixture       *f,
                   gconstpointer  data)
{
  Server *server = server_start ("--user", "office", "--password", "pa55 word",
                                 "--refuse", "gone@example.org", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) amira_log = NULL;
  g_autoptr(GPtrArray) ben_log = NULL;
  g_autoptr(GPtrArray) cara_log = NULL;
  g_autoptr(GKeyFile) first = NULL;
  g_autoptr(GKeyFile) second = NULL;
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *body_path = NULL;
  AttLetterBatchItem *item;
  AttLetterRecord *record;
  AttMailResult *sana, *gone, *carl, *ben;
  guint sana_n, carl_n;

  use_server (f, server, "pa55 word");
  batch = att_letter_batch_new_half_term (f->s.db, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 4);

  /* A receptionist may not send letters. */
  g_assert_null (att_letter_batch_email (f->s.db, f->s.receptionist, batch, NULL, AS_OF, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  results = att_letter_batch_email (f->s.db, f->s.officer, batch, NULL, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);
  sana = find_result (results, "sana.khan@example.org");
  gone = find_result (results, "gone@example.org");
  carl = find_result (results, "carl.cole@example.org");
  ben = find_result (results, NULL);
  g_assert_cmpint (sana->outcome, ==, ATT_MAIL_SENT);
  g_assert_null (sana->message);
  g_assert_cmpint (sana->pupil_id, ==, f->amira);
  g_assert_cmpint (gone->outcome, ==, ATT_MAIL_REFUSED);
  g_assert_true (g_str_has_prefix (gone->message, "Amira Khan ("));
  g_assert_nonnull (strstr (gone->message, "not sent: The mail server refused the address gone@example.org"));
  g_assert_cmpint (gone->letter_id, ==, 0);
  g_assert_cmpint (ben->outcome, ==, ATT_MAIL_NO_ADDRESS);
  g_assert_cmpint (ben->pupil_id, ==, f->ben);
  g_assert_nonnull (strstr (ben->message, "Ms Jo Baker has no e-mail address"));
  g_assert_cmpint (carl->outcome, ==, ATT_MAIL_SENT);
  g_assert_cmpint (carl->pupil_id, ==, f->cara);

  /* What the server received, in the batch's order: Amira's letter to
   * her mother, with the letter attached as a PDF naming her and the
   * address it went to, and Cara's; the refused one never got to DATA. */
  sana_n = sana->index < carl->index ? 1 : 2;
  carl_n = 3 - sana_n;
  item = g_ptr_array_index (att_letter_batch_get_items (batch), sana->index);
  first = server_message (server, sana_n);
  g_assert_nonnull (first);
  value = message_value (first, "message", "rcpt_to");
  g_assert_cmpstr (value, ==, "sana.khan@example.org");
  g_free (value);
  value = message_value (first, "message", "from");
  g_assert_cmpstr (value, ==, "\"Hillside Primary School\" <office@hillside.example>");
  g_free (value);
  value = message_value (first, "message", "to");
  g_assert_cmpstr (value, ==, "\"Mrs Sana Khan and Mr Tariq Khan\" <sana.khan@example.org>");
  g_free (value);
  value = message_value (first, "message", "subject");
  g_assert_cmpstr (value, ==, item->text->subject);
  g_free (value);
  value = message_value (first, "attachment0", "content_type");
  g_assert_cmpstr (value, ==, "application/pdf");
  g_free (value);
  value = message_value (first, "attachment0", "filename");
  g_assert_cmpstr (value, ==, "Letter about Amira Khan, 2024-09-13.pdf");
  path = message_value (first, "attachment0", "path");
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Amira"));
  g_assert_nonnull (strstr (text, "12 Mill Lane"));
  body_path = g_strdup_printf ("%s/%u.txt", server->dir, sana_n);
  g_assert_true (g_file_get_contents (body_path, &body, NULL, NULL));
  g_assert_nonnull (strstr (body, "Please find attached a letter about Amira Khan’s attendance"));
  second = server_message (server, carl_n);
  g_assert_nonnull (second);
  g_free (value);
  value = message_value (second, "message", "rcpt_to");
  g_assert_cmpstr (value, ==, "carl.cole@example.org");
  g_assert_null (server_message (server, 3));

  /* The log: the letters that went, e-mailed on the day; none for the
   * refused address or for Ben. */
  amira_log = att_letters_for_pupil (f->s.db, f->amira, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (amira_log->len, ==, 1);
  record = g_ptr_array_index (amira_log, 0);
  g_assert_cmpint (record->id, ==, sana->letter_id);
  g_assert_cmpint (record->delivery, ==, ATT_LETTER_EMAIL);
  g_assert_cmpint (record->posted, ==, AS_OF);
  g_assert_cmpstr (record->recipient, ==, "Mrs Sana Khan and Mr Tariq Khan");
  ben_log = att_letters_for_pupil (f->s.db, f->ben, &error);
  g_assert_cmpuint (ben_log->len, ==, 0);
  cara_log = att_letters_for_pupil (f->s.db, f->cara, &error);
  g_assert_cmpuint (cara_log->len, ==, 1);

  server_stop (server);
}

/* A wrong password stops the batch at the first letter: each says why,
 * nothing is logged. */
static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  Server *server = server_start ("--user", "office", "--password", "pa55 word", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) log = NULL;

  use_server (f, server, "wrong");
  batch = att_letter_batch_new_half_term_for (f->s.db, AS_OF, ATT_LETTER_EMAIL, &error);
  g_assert_no_error (error);
  /* E-mail only: Amira's two addresses and Cara's. */
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 3);
  results = att_letter_batch_email (f->s.db, f->s.officer, batch, NULL, AS_OF, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      AttMailResult *result = result_at (results, i);

      g_assert_cmpint (result->outcome, ==, ATT_MAIL_FAILED);
      g_assert_nonnull (strstr (result->message, "refused the user name “office” or its password"));
      g_assert_cmpint (result->letter_id, ==, 0);
    }
  log = att_letters_query (f->s.db, &(AttLettersFilter) { 0 }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_null (server_message (server, 1));
  server_stop (server);
}

/* Without the mail server set up nothing is tried. */
static void
test_not_set_up (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = att_letter_batch_new_half_term (f->s.db, AS_OF, &error);

  g_assert_no_error (error);
  g_assert_null (att_letter_batch_email (f->s.db, f->s.officer, batch, NULL, AS_OF, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "The mail server is not set up"));
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  att_mail_test_make_certificate ();
  ADD ("/mail-letters/sent", test_letters_sent);
  ADD ("/mail-letters/wrong-password", test_wrong_password);
  ADD ("/mail-letters/not-set-up", test_not_set_up);
  status = g_test_run ();
  att_mail_test_remove_certificate ();
  return status;
}
