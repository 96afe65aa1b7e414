/* att-cli-mail-letters-send.c: letters email, in attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The batch is made as `letters print` makes its own (the due rows, the
 * half-termly report, or letters from the log), the data check's
 * problems are left out saying why, and each letter is sent and logged
 * by the mail library. The command fails (exit 1) when any letter was not
 * sent; those that went are logged all the same, and listed.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"
#include "att-letters-due.h"
#include "att-mail.h"

/* The due rows sent by e-mail, of --pupil when given. */
static int
due_batch (AttCliContext   *ctx,
           AttLetterBatch **batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  AttPupil *pupil = NULL;   /* borrowed from the cache */
  const char *upn = att_cli_opt (ctx, "pupil");
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if (upn != NULL && (pupil = att_cli_find_pupil (ctx->db, upn)) == NULL)
    return ATT_CLI_REFUSED;
  rows = pupil != NULL ? att_letters_due_for_pupil (ctx->db, pupil->id, as_of, &error)
                       : att_letters_due (ctx->db, as_of, &error);
  if (rows == NULL)
    return att_cli_refuse (error);
  for (guint i = 0; i < rows->len; i++)
    {
      AttLetterDue *row = g_ptr_array_index (rows, i);

      if (row->status == ATT_LETTER_DUE_DUE && row->delivery == ATT_LETTER_EMAIL)
        g_ptr_array_add (chosen, row);
    }
  if (chosen->len == 0)
    {
      g_autofree char *day = att_date_format_long (as_of);

      return att_cli_refuse_msg (_("No letter to e-mail is due on %s: a stage of the ladder sends "
                                   "by e-mail only when its delivery says so"), day);
    }
  *batch = att_letter_batch_new_from_due (ctx->db, chosen, as_of, &error);
  return *batch != NULL ? ATT_CLI_OK : att_cli_refuse (error);
}

/* The data check: a letter it finds fault with would be wrong, so its
 * pupil is left out, saying why (on standard error), and the rest go. */
static int
leave_out_problems (AttLetterBatch *batch)
{
  GPtrArray *problems = att_letter_batch_get_problems (batch);

  for (guint i = 0; i < problems->len; i++)
    {
      AttLetterProblem *problem = g_ptr_array_index (problems, i);

      /* Translators: a letter the data check left out of a batch */
      g_printerr (_("Left out: %s\n"), problem->message);
    }
  while (problems->len > 0)
    att_letter_batch_remove_pupil (batch, ((AttLetterProblem *)g_ptr_array_index (problems, 0))->pupil_id);
  if (att_letter_batch_get_n_items (batch) == 0)
    return att_cli_refuse_msg (_("There is no letter left to e-mail once those the data check "
                                 "found fault with are left out: put those right first"));
  return ATT_CLI_OK;
}

int
att_cli_letters_email_send (AttCliContext *ctx,
                            const AttUser *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) results = NULL;
  AttDate as_of = ATT_DATE_NONE;
  guint n_sent = 0;
  int status;

  if ((status = att_cli_parse_letter_ids (ctx, &ids)) != ATT_CLI_OK)
    return status;
  if (ids != NULL)
    {
      batch = att_letter_batch_new_from_log (ctx->db, ids, &error);
      if (batch == NULL)
        return att_cli_refuse (error);
    }
  else if (att_cli_flag (ctx, "half-term"))
    {
      if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
        return status;
      batch = att_letter_batch_new_half_term_for (ctx->db, as_of, ATT_LETTER_EMAIL, &error);
      if (batch == NULL)
        return att_cli_refuse (error);
    }
  else if ((status = due_batch (ctx, &batch)) != ATT_CLI_OK)
    return status;
  if ((status = leave_out_problems (batch)) != ATT_CLI_OK)
    return status;

  results = att_letter_batch_email (ctx->db, user, batch, NULL, att_date_today (), &error);
  if (results == NULL)
    return att_cli_refuse (error);
  for (guint i = 0; i < results->len; i++)
    {
      AttMailResult *result = g_ptr_array_index (results, i);

      if (result->outcome == ATT_MAIL_SENT && result->message == NULL)
        {
          AttLetterBatchItem *item = g_ptr_array_index (att_letter_batch_get_items (batch), result->index);

          n_sent++;
          /* Translators: the letter's number in the log, the address, the addressee, the pupil */
          g_print (_("Letter %" G_GINT64_FORMAT " e-mailed to %s (%s) about %s\n"), result->letter_id,
                   result->address, result->recipient, item->pupil_name);
        }
      else
        {
          /* Each names the pupil and says what became of the letter:
           * not sent and why, or sent but not logged. */
          if (result->outcome == ATT_MAIL_SENT)
            n_sent++;
          g_printerr ("%s\n", result->message);
        }
    }
  if (n_sent < results->len)
    return att_cli_refuse_msg (g_dngettext (GETTEXT_PACKAGE,
                                            "%u of %u letter was not sent; those sent are logged",
                                            "%u of %u letters were not sent; those sent are logged",
                                            results->len),
                               results->len - n_sent, results->len);
  return ATT_CLI_OK;
}
