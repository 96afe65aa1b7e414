/* att-cli-case-pdf.c: a meeting's letters and a case's chronology,
 * written to PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built into attendance-cli-print only (see att-cli-pdf.c). A letter is
 * logged once its file is written, so the log holds only letters that
 * were printed.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-chronology-document.h"
#include "att-cli-case.h"
#include "att-letter-batch-document.h"

int
att_cli_case_letter_pdf (AttCliContext *ctx,
                         const AttUser *user,
                         gint64         id,
                         gboolean       invitation,
                         const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(AttLetterhead) head = NULL;
  g_autoptr(AttDocument) document = NULL;
  const char *delivery_text = att_cli_opt (ctx, "delivery");
  AttLetterDelivery delivery = ATT_LETTER_POST;
  AttDate posted = ATT_DATE_NONE;
  GPtrArray *items;
  guint n_pages = 0;
  int status;

  if (delivery_text != NULL && !att_letter_delivery_parse (delivery_text, &delivery, &error))
    return att_cli_usage (ctx, "--delivery: %s", error->message);
  if ((status = att_cli_opt_date (ctx, "posted", &posted)) != ATT_CLI_OK)
    return status;
  batch = invitation ? att_case_meeting_invitation (ctx->db, id, att_date_today (), &error)
                     : att_case_meeting_outcome_letter (ctx->db, id, att_date_today (), &error);
  if (batch == NULL)
    return att_cli_refuse (error);
  if ((status = att_cli_letters_leave_out_problems (ctx, batch)) != ATT_CLI_OK)
    return status;
  /* A letter that could not be logged is not printed either. */
  if (!att_letter_batch_check_record (batch, delivery, posted, &error))
    return att_cli_refuse (error);

  head = att_letterhead_load (ctx->db);
  document = att_letter_batch_document_new (batch, head);
  if (!att_document_write_pdf (document, path, &n_pages, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages),
           n_pages, path);
  if (!att_case_meeting_letter_record (ctx->db, user, id, batch, delivery, posted, &error))
    return att_cli_refuse (error);
  items = att_letter_batch_get_items (batch);
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      g_print (_("Letter %" G_GINT64_FORMAT " to %s logged\n"), item->record->id, item->record->recipient);
    }
  return ATT_CLI_OK;
}

int
att_cli_case_chronology_pdf (AttCliContext *ctx,
                             gint64         pupil_id,
                             AttDate        from,
                             AttDate        to,
                             const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(AttSchool) school = NULL;
  AttPupil *pupil;
  guint n_pages = 0;

  pupil = att_pupils_get_or_error (ctx->db, pupil_id, &error);
  if (pupil == NULL)
    return att_cli_refuse (error);
  events = att_case_chronology (ctx->db, pupil_id, from, to, &error);
  if (events == NULL)
    return att_cli_refuse (error);
  school = att_school_load (ctx->db);
  document = att_chronology_document_new (events, school != NULL ? school->name : NULL,
                                          att_pupil_get_display_name (pupil), pupil->upn, from, to);
  if (!att_document_write_pdf (document, path, &n_pages, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages),
           n_pages, path);
  return ATT_CLI_OK;
}
