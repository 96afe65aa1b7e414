/* att-letter-batch-email.c: a batch of letters sent by e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each letter goes as its own message: a short covering note in plain
 * text and the letter itself as a PDF, drawn as the printed one is
 * (att_letter_batch_document_item_pdf()). Each is logged the moment the
 * server has taken it, in a transaction of its own, so that a failure
 * later in the batch (or the program stopping) never loses the record of
 * what went.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-letter-batch-document.h"
#include "att-mail-private.h"
#include "att-users.h"

static AttMailResult *
result_new (guint                     index,
            const AttLetterBatchItem *item)
{
  AttMailResult *result = g_new0 (AttMailResult, 1);

  result->index = index;
  result->pupil_id = item->pupil_id;
  if (item->recipient != NULL)
    {
      result->recipient = g_strdup (item->recipient->addressee);
      result->address = g_strdup (item->recipient->email);
    }
  return result;
}

/* The covering note: who it is from, what the letter is about, and what
 * to do when the attachment cannot be opened. */
static char *
covering_note (const AttLetterBatchItem *item,
               const AttLetterhead      *letterhead)
{
  g_autoptr(GString) body = g_string_new (NULL);
  const char *salutation = item->recipient->salutation;

  if (salutation != NULL && salutation[0] != '\0')
    g_string_append_printf (body, "%s,\n\n", salutation);
  g_string_append_printf (body,
                          /* Translators: the e-mail that carries a letter: the pupil's name,
                           * then the school's */
                          _("Please find attached a letter about %s’s attendance from %s."),
                          item->pupil_name != NULL ? item->pupil_name : "",
                          letterhead->name != NULL ? letterhead->name : "");
  g_string_append (body, "\n\n");
  if (letterhead->phone != NULL && letterhead->phone[0] != '\0')
    g_string_append_printf (body,
                            _("If you cannot open the letter, or would like to talk about it, "
                              "please reply to this message or telephone the school office on %s."),
                            letterhead->phone);
  else
    g_string_append (body, _("If you cannot open the letter, or would like to talk about it, "
                             "please reply to this message."));
  g_string_append (body, "\n\n");
  if (letterhead->signatory_name != NULL && letterhead->signatory_name[0] != '\0')
    g_string_append_printf (body, "%s\n", letterhead->signatory_name);
  if (letterhead->signatory_role != NULL && letterhead->signatory_role[0] != '\0')
    g_string_append_printf (body, "%s\n", letterhead->signatory_role);
  if (letterhead->name != NULL && letterhead->name[0] != '\0')
    g_string_append_printf (body, "%s\n", letterhead->name);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static char *
attachment_name (const AttLetterBatchItem *item)
{
  char date[ATT_DATE_TEXT_SIZE];
  g_autofree char *name = NULL;

  att_date_format_to (item->record->date, date);
  /* Translators: the file name of a letter attached to an e-mail: the
   * pupil's name and the letter's date */
  name = g_strdup_printf (_("Letter about %s, %s.pdf"),
                          item->pupil_name != NULL ? item->pupil_name : "", date);
  /* A file name holds no slashes. */
  g_strdelimit (name, "/\\", '-');
  return g_steal_pointer (&name);
}

/* Logs item @item as e-mailed on @sent, in a transaction of its own. A
 * letter already in the log waiting to be sent by e-mail gets its date;
 * any other is logged again as a new letter sent by e-mail. */
static gboolean
log_sent (AttDb              *db,
          const AttUser      *user,
          AttLetterBatchItem *item,
          AttDate             sent,
          gint64             *letter_id,
          GError            **error)
{
  AttLetterRecord *record = item->record;
  gint64 id;

  if (record->id != 0 && record->posted == ATT_DATE_NONE && record->delivery == ATT_LETTER_EMAIL)
    {
      if (!att_letters_set_posted (db, user, record->id, sent, error))
        return FALSE;
      record->posted = sent;
      *letter_id = record->id;
      return TRUE;
    }
  record->id = 0;
  record->delivery = ATT_LETTER_EMAIL;
  record->posted = sent;
  id = att_letters_record (db, user, record, error);
  if (id == 0)
    return FALSE;
  record->id = id;
  *letter_id = id;
  return TRUE;
}

GPtrArray *
att_letter_batch_email (AttDb               *db,
                        const AttUser       *user,
                        AttLetterBatch      *batch,
                        const AttLetterhead *letterhead,
                        AttDate              sent,
                        GError             **error)
{
  g_autoptr(AttMailSettings) settings = NULL;
  g_autoptr(AttLetterhead) own_letterhead = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *stopped = NULL;
  GPtrArray *items;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (sent != ATT_DATE_NONE, NULL);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return NULL;
  settings = att_mail_settings_load (db, error);
  if (settings == NULL || !att_mail_settings_check (settings, TRUE, error))
    return NULL;
  if (letterhead == NULL)
    letterhead = own_letterhead = att_letterhead_load (db);
  if (settings->from_name == NULL && letterhead->name != NULL && letterhead->name[0] != '\0')
    settings->from_name = g_strdup (letterhead->name);

  items = att_letter_batch_get_items (batch);
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) att_mail_result_free);
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);
      AttMailResult *result = result_new (i, item);
      g_autoptr(AttMailMessage) message = NULL;
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *body = NULL;
      g_autofree char *filename = NULL;
      const char *subject;
      gboolean server_failed = FALSE;

      g_ptr_array_add (results, result);
      if (item->recipient == NULL || item->recipient->email == NULL ||
          item->recipient->email[0] == '\0')
        {
          result->outcome = ATT_MAIL_NO_ADDRESS;
          result->message = g_strdup_printf (_("%s (%s): %s has no e-mail address: the letter "
                                               "was not sent; print it and post it"),
                                             item->pupil_name, item->upn,
                                             result->recipient != NULL ? result->recipient : "");
          continue;
        }
      if (!att_mail_address_is_valid (item->recipient->email))
        {
          result->outcome = ATT_MAIL_NO_ADDRESS;
          result->message = g_strdup_printf (_("%s (%s): “%s” is not an e-mail address: the "
                                               "letter was not sent; correct the contact’s "
                                               "address"),
                                             item->pupil_name, item->upn, item->recipient->email);
          continue;
        }
      result->outcome = ATT_MAIL_FAILED;
      if (stopped != NULL)
        {
          result->message = g_strdup_printf (_("%s (%s): not sent: %s"), item->pupil_name,
                                             item->upn, stopped);
          continue;
        }
      if (item->delivery == ATT_LETTER_TEXT)
        {
          result->message = g_strdup_printf (_("%s (%s): this is a text message, not a letter: "
                                               "it is not sent by e-mail"),
                                             item->pupil_name, item->upn);
          continue;
        }
      if (item->record->date != ATT_DATE_NONE && sent < item->record->date)
        {
          char date[ATT_DATE_TEXT_SIZE];

          result->message = g_strdup_printf (_("%s (%s): the letter is dated %s, after the day "
                                               "it would be sent: not sent"),
                                             item->pupil_name, item->upn,
                                             att_date_format_to (item->record->date, date));
          continue;
        }

      pdf = att_letter_batch_document_item_pdf (batch, i, letterhead, &local_error);
      if (pdf == NULL)
        {
          result->message = g_strdup_printf (_("%s (%s): the letter could not be made: %s"),
                                             item->pupil_name, item->upn, local_error->message);
          continue;
        }
      subject = item->text != NULL && item->text->subject != NULL && item->text->subject[0] != '\0'
                ? item->text->subject : item->record->subject;
      body = covering_note (item, letterhead);
      message = att_mail_message_new_from_settings (settings, item->recipient->email,
                                                    item->recipient->addressee,
                                                    subject != NULL ? subject : _("A letter from the school"),
                                                    body);
      filename = attachment_name (item);
      att_mail_message_attach (message, filename, "application/pdf", pdf);

      if (!_att_mail_send (settings, message, &server_failed, &local_error))
        {
          result->outcome = g_error_matches (local_error, ATT_ERROR, ATT_ERROR_MAIL_RECIPIENT)
                            ? ATT_MAIL_REFUSED : ATT_MAIL_FAILED;
          result->message = g_strdup_printf (_("%s (%s): not sent: %s"), item->pupil_name,
                                             item->upn, local_error->message);
          if (server_failed)
            stopped = g_strdup (local_error->message);
          continue;
        }

      /* It went: the log must say so, even if a later one fails. */
      if (!log_sent (db, user, item, sent, &result->letter_id, &local_error))
        {
          result->message = g_strdup_printf (_("%s (%s): the letter was sent to %s but could not "
                                               "be logged: %s; note it in the pupil’s record"),
                                             item->pupil_name, item->upn, item->recipient->email,
                                             local_error->message);
          result->outcome = ATT_MAIL_SENT;
          continue;
        }
      result->outcome = ATT_MAIL_SENT;
    }
  return g_steal_pointer (&results);
}
