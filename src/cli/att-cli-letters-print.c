/* att-cli-letters-print.c: attendance-cli letters print, texts, half-term,
 * posted, reprint and regenerate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command here reads its batch through the core (att-letter-batch.h)
 * and logs what it sent. The ones that write a PDF are finished in
 * attendance-cli-print (att-cli-letters-pdf.c), which runs the same
 * command line: this file checks the command line first, so that a
 * mistake is reported before that program is started.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "att-cli-private.h"
#include "att-letter-batch.h"
#include "att-letters-due.h"

/* --delivery: post or hand for a letter on paper. */
static int
opt_paper_delivery (AttCliContext     *ctx,
                    AttLetterDelivery *delivery)
{
  const char *text = att_cli_opt (ctx, "delivery");

  *delivery = ATT_LETTER_POST;
  if (text == NULL)
    return ATT_CLI_OK;
  if (g_ascii_strcasecmp (text, "post") == 0)
    *delivery = ATT_LETTER_POST;
  else if (g_ascii_strcasecmp (text, "hand") == 0)
    *delivery = ATT_LETTER_BY_HAND;
  else
    return att_cli_usage (ctx, _("--delivery: “%s” is not a way of sending a printed letter: use post or hand"),
                          text);
  return ATT_CLI_OK;
}

/* The letter ids given as arguments. */
static int
parse_ids (AttCliContext  *ctx,
           GArray        **ids)
{
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < att_cli_n_args (ctx); i++)
    {
      const char *text = att_cli_arg (ctx, i);
      char *end = NULL;
      gint64 id = g_ascii_strtoll (text, &end, 10);

      if (end == text || *end != '\0' || id <= 0)
        {
          g_clear_pointer (ids, g_array_unref);
          return att_cli_usage (ctx, _("“%s” is not a letter’s number: give the numbers letters log shows"),
                                text);
        }
      g_array_append_val (*ids, id);
    }
  return ATT_CLI_OK;
}

/* Checks the options every batch command shares; opens the database. */
static int
check_common (AttCliContext *ctx,
              gboolean       needs_user,
              AttUser      **user)
{
  AttDate date = ATT_DATE_NONE;
  AttLetterDelivery delivery;
  int status;

  if ((status = att_cli_opt_date (ctx, "as-of", &date)) != ATT_CLI_OK
      || (status = att_cli_opt_date (ctx, "posted", &date)) != ATT_CLI_OK
      || (status = att_cli_opt_date (ctx, "date", &date)) != ATT_CLI_OK
      || (status = opt_paper_delivery (ctx, &delivery)) != ATT_CLI_OK)
    return status;
  if (needs_user && (status = att_cli_get_user (ctx, TRUE, user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (needs_user)
    {
      g_autoptr(GError) error = NULL;

      if (!att_user_require (*user, ATT_PERM_LETTERS, &error))
        return att_cli_refuse (error);
    }
  return ATT_CLI_OK;
}

/* The due rows the command line asks for: DUE, of --template and
 * --pupil when given, sent by @paper (post or by hand) or by text. */
static int
due_batch (AttCliContext   *ctx,
           gboolean         texts,
           AttLetterBatch **batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  const char *template = att_cli_opt (ctx, "template");
  const char *upn = att_cli_opt (ctx, "pupil");
  AttDate as_of = ATT_DATE_NONE;
  AttPupil *pupil = NULL;
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
      gboolean is_text = row->delivery == ATT_LETTER_TEXT;

      if (row->status != ATT_LETTER_DUE_DUE || is_text != texts
          || row->delivery == ATT_LETTER_EMAIL)
        continue;
      if (template != NULL && g_strcmp0 (row->template_name, template) != 0
          && g_strcmp0 (row->stage, template) != 0)
        continue;
      g_ptr_array_add (chosen, row);
    }
  if (chosen->len == 0)
    {
      g_autofree char *day = att_date_format_long (as_of);

      return att_cli_refuse_msg (texts ? _("No text message is due on %s%s%s")
                                       : _("No letter to print is due on %s%s%s"),
                                 day, template != NULL ? _(" from the template ") : "",
                                 template != NULL ? template : "");
    }
  *batch = att_letter_batch_new_from_due (ctx->db, chosen, as_of, &error);
  return *batch != NULL ? ATT_CLI_OK : att_cli_refuse (error);
}

int
att_cli_letters_batch (AttCliContext   *ctx,
                       AttCliLetters    what,
                       AttLetterBatch **batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  AttDate date = ATT_DATE_NONE;
  int status;

  *batch = NULL;
  switch (what)
    {
    case ATT_CLI_LETTERS_DUE:
      return due_batch (ctx, FALSE, batch);
    case ATT_CLI_LETTERS_TEXTS:
      return due_batch (ctx, TRUE, batch);
    case ATT_CLI_LETTERS_HALF_TERM:
    case ATT_CLI_LETTERS_HALF_TERM_TEXTS:
      if ((status = att_cli_opt_date_or_today (ctx, "as-of", &date)) != ATT_CLI_OK)
        return status;
      *batch = att_letter_batch_new_half_term_for (ctx->db, date,
                                                   what == ATT_CLI_LETTERS_HALF_TERM_TEXTS
                                                   ? ATT_LETTER_TEXT : ATT_LETTER_POST,
                                                   &error);
      break;
    case ATT_CLI_LETTERS_REPRINT:
      if ((status = parse_ids (ctx, &ids)) != ATT_CLI_OK)
        return status;
      *batch = att_letter_batch_new_from_log (ctx->db, ids, &error);
      break;
    case ATT_CLI_LETTERS_REGENERATE:
      if ((status = parse_ids (ctx, &ids)) != ATT_CLI_OK
          || (status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK)
        return status;
      *batch = att_letter_batch_new_regenerated (ctx->db, ids, date, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  return *batch != NULL ? ATT_CLI_OK : att_cli_refuse (error);
}

int
att_cli_letters_leave_out_problems (AttCliContext  *ctx,
                                    AttLetterBatch *batch)
{
  GPtrArray *problems = att_letter_batch_get_problems (batch);

  /* A letter the data check finds fault with would be wrong: it is left
   * out, saying why, and the rest go. */
  for (guint i = 0; i < problems->len; i++)
    {
      AttLetterProblem *problem = g_ptr_array_index (problems, i);

      /* Translators: a letter the data check left out of a batch */
      g_printerr (_("Left out: %s\n"), problem->message);
    }
  while (problems->len > 0)
    att_letter_batch_remove_pupil (batch, ((AttLetterProblem *)g_ptr_array_index (problems, 0))->pupil_id);
  if (att_letter_batch_get_n_items (batch) == 0)
    return att_cli_refuse_msg (_("There is nothing left to send once the letters the data check "
                                 "found fault with are left out: put those right first"));
  return ATT_CLI_OK;
}

int
att_cli_letters_record (AttCliContext  *ctx,
                        const AttUser  *user,
                        AttLetterBatch *batch,
                        AttLetterDelivery delivery,
                        AttDate         posted)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = att_letter_batch_get_items (batch);

  if (!att_letter_batch_record (ctx->db, user, batch, delivery, posted, &error))
    return att_cli_refuse (error);
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      g_print (_("Letter %" G_GINT64_FORMAT " to %s about %s logged\n"), item->record->id,
               item->record->recipient, item->pupil_name);
    }
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* letters print, letters half-term, letters reprint, regenerate       */

static int
pdf_command (AttCliContext *ctx,
             AttCliLetters  what,
             gboolean       needs_user)
{
  g_autoptr(AttUser) user = NULL;
  const char *out = att_cli_opt (ctx, "out");
  int status;

  if (out == NULL)
    return att_cli_usage (ctx, _("--out FILE.pdf is required: where to write the letters"));
  if ((status = check_common (ctx, needs_user, &user)) != ATT_CLI_OK)
    return status;
  return att_cli_letters_pdf (ctx, what, user, out);
}

int
att_cli_cmd_letters_print (AttCliContext *ctx)
{
  return pdf_command (ctx, ATT_CLI_LETTERS_DUE, TRUE);
}

int
att_cli_cmd_letters_reprint (AttCliContext *ctx)
{
  g_autoptr(GArray) ids = NULL;
  int status;

  if ((status = parse_ids (ctx, &ids)) != ATT_CLI_OK)
    return status;
  return pdf_command (ctx, ATT_CLI_LETTERS_REPRINT, FALSE);
}

int
att_cli_cmd_letters_regenerate (AttCliContext *ctx)
{
  g_autoptr(GArray) ids = NULL;
  int status;

  if ((status = parse_ids (ctx, &ids)) != ATT_CLI_OK)
    return status;
  return pdf_command (ctx, ATT_CLI_LETTERS_REGENERATE, TRUE);
}

/* ------------------------------------------------------------------ */
/* letters texts, letters half-term                                   */

static int
texts_csv (AttCliContext *ctx,
           AttCliLetters  what,
           const AttUser *user,
           const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  AttDate sent = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_letters_batch (ctx, what, &batch)) != ATT_CLI_OK
      || (status = att_cli_letters_leave_out_problems (ctx, batch)) != ATT_CLI_OK
      || (status = att_cli_opt_date_or_today (ctx, "as-of", &sent)) != ATT_CLI_OK)
    return status;
  /* The texts are logged as sent on the day they are handed to the
   * messaging service. */
  if (!att_letter_batch_check_record (batch, ATT_LETTER_TEXT, sent, &error))
    return att_cli_refuse (error);
  if (!att_letter_batch_write_texts_csv (batch, path, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u text message to %s\n",
                        "Wrote %u text messages to %s\n", att_letter_batch_get_n_items (batch)),
           att_letter_batch_get_n_items (batch), path);
  return att_cli_letters_record (ctx, user, batch, ATT_LETTER_TEXT, sent);
}

int
att_cli_cmd_letters_texts (AttCliContext *ctx)
{
  g_autoptr(AttUser) user = NULL;
  const char *out = att_cli_opt (ctx, "out");
  int status;

  if (out == NULL)
    return att_cli_usage (ctx, _("--out FILE.csv is required: where to write the text messages"));
  if ((status = check_common (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  return texts_csv (ctx, ATT_CLI_LETTERS_TEXTS, user, out);
}

int
att_cli_cmd_letters_half_term (AttCliContext *ctx)
{
  g_autoptr(AttUser) user = NULL;
  const char *out = att_cli_opt (ctx, "out");
  const char *texts = att_cli_opt (ctx, "texts");
  int status;

  if ((out == NULL) == (texts == NULL))
    return att_cli_usage (ctx, _("Give one of --out FILE.pdf (letters) or --texts FILE.csv (text messages)"));
  if ((status = check_common (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (texts != NULL)
    return texts_csv (ctx, ATT_CLI_LETTERS_HALF_TERM_TEXTS, user, texts);
  return att_cli_letters_pdf (ctx, ATT_CLI_LETTERS_HALF_TERM, user, out);
}

/* ------------------------------------------------------------------ */
/* letters posted                                                     */

int
att_cli_cmd_letters_posted (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GArray) ids = NULL;
  AttDate date = ATT_DATE_NONE;
  int status;

  if ((status = parse_ids (ctx, &ids)) != ATT_CLI_OK
      || (status = att_cli_opt_date (ctx, "date", &date)) != ATT_CLI_OK)
    return status;
  if (date == ATT_DATE_NONE)
    return att_cli_usage (ctx, _("--date DATE is required: the day the letters were posted or handed over"));
  if ((status = check_common (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;

  /* All or none. */
  if (!att_db_begin (ctx->db, &error))
    return att_cli_refuse (error);
  for (guint i = 0; i < ids->len; i++)
    if (!att_letters_set_posted (ctx->db, user, g_array_index (ids, gint64, i), date, &error))
      {
        att_db_rollback (ctx->db);
        return att_cli_refuse (error);
      }
  if (!att_db_commit (ctx->db, &error))
    return att_cli_refuse (error);
  for (guint i = 0; i < ids->len; i++)
    g_print (_("Letter %" G_GINT64_FORMAT " posted on %s\n"), g_array_index (ids, gint64, i),
             att_cli_opt (ctx, "date"));
  return ATT_CLI_OK;
}
