/* att-cli-penalty-pdf.c: penalty improve --out, the notice to improve and
 * its letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built into attendance-cli-print only (see att-cli-pdf.c). The notice,
 * its letter in the letters log and the link between them are recorded
 * in one transaction once the PDF is written: a notice whose letter the
 * data check finds fault with is not recorded at all.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"
#include "att-letter-batch-document.h"

static int
improve_with_letter (AttCliContext  *ctx,
                     const AttUser  *user,
                     gint64          pupil_id,
                     AttDate         issued,
                     guint           weeks,
                     const char     *path,
                     gint64         *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(AttLetterhead) head = NULL;
  g_autoptr(AttDocument) document = NULL;
  GPtrArray *problems, *items;
  guint n_pages = 0;

  *id = att_penalty_improve_start (ctx->db, user, pupil_id, issued, weeks, &error);
  if (*id == 0)
    return att_cli_refuse (error);
  batch = att_penalty_improve_letter (ctx->db, *id, issued, &error);
  if (batch == NULL)
    return att_cli_refuse (error);
  problems = att_letter_batch_get_problems (batch);
  if (problems->len > 0 || att_letter_batch_get_n_items (batch) == 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", ((AttLetterProblem *)g_ptr_array_index (problems, i))->message);
      return att_cli_refuse_msg (_("The notice to improve was not recorded: its letter cannot be sent as things are. Put right what is said above first"));
    }
  if (!att_letter_batch_check_record (batch, ATT_LETTER_POST, ATT_DATE_NONE, &error))
    return att_cli_refuse (error);

  head = att_letterhead_load (ctx->db);
  document = att_letter_batch_document_new (batch, head);
  if (!att_document_write_pdf (document, path, &n_pages, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages),
           n_pages, path);
  if (!att_letter_batch_record (ctx->db, user, batch, ATT_LETTER_POST, ATT_DATE_NONE, &error))
    return att_cli_refuse (error);
  items = att_letter_batch_get_items (batch);
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      if (i == 0 && !att_penalty_improve_set_letter (ctx->db, *id, item->record->id, &error))
        return att_cli_refuse (error);
      g_print (_("Letter %" G_GINT64_FORMAT " to %s logged\n"), item->record->id, item->record->recipient);
    }
  return ATT_CLI_OK;
}

int
att_cli_penalty_improve_pdf (AttCliContext *ctx,
                             const AttUser *user,
                             gint64         pupil_id,
                             AttDate        issued,
                             guint          weeks,
                             const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttNoticeToImprove) notice = NULL;
  g_autofree char *issued_text = NULL;
  g_autofree char *end_text = NULL;
  gint64 id = 0;
  int status;

  if (!att_db_begin (ctx->db, &error))
    return att_cli_refuse (error);
  status = improve_with_letter (ctx, user, pupil_id, issued, weeks, path, &id);
  if (status != ATT_CLI_OK)
    {
      att_db_rollback (ctx->db);
      return status;
    }
  if (!att_db_commit (ctx->db, &error))
    return att_cli_refuse (error);
  notice = att_penalty_improve_get (ctx->db, id, &error);
  if (notice == NULL)
    return att_cli_refuse (error);
  issued_text = att_date_format (notice->issued);
  end_text = att_date_format (notice->period_end);
  g_print (_("Notice to improve %" G_GINT64_FORMAT " issued on %s: the improvement period runs to %s\n"),
           id, issued_text, end_text);
  return ATT_CLI_OK;
}
