/* att-cli-letters-pdf.c: a batch of letters written to one PDF and logged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built into attendance-cli-print only (see att-cli-pdf.c): the batch is
 * read by att-cli-letters-print.c, drawn here, and logged once the file
 * is written, so that the log holds only letters that were printed.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"
#include "att-letter-batch-document.h"

static int
opt_delivery (AttCliContext     *ctx,
              AttLetterDelivery *delivery)
{
  const char *text = att_cli_opt (ctx, "delivery");

  *delivery = text != NULL && g_ascii_strcasecmp (text, "hand") == 0 ? ATT_LETTER_BY_HAND
                                                                     : ATT_LETTER_POST;
  return ATT_CLI_OK;
}

int
att_cli_letters_pdf (AttCliContext *ctx,
                     AttCliLetters  what,
                     const AttUser *user,
                     const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(AttLetterhead) head = NULL;
  g_autoptr(AttDocument) document = NULL;
  AttLetterDelivery delivery;
  AttDate posted = ATT_DATE_NONE;
  guint n_pages = 0;
  int status;

  if ((status = att_cli_letters_batch (ctx, what, &batch)) != ATT_CLI_OK
      || (status = opt_delivery (ctx, &delivery)) != ATT_CLI_OK
      || (status = att_cli_opt_date (ctx, "posted", &posted)) != ATT_CLI_OK)
    return status;
  if (what != ATT_CLI_LETTERS_REPRINT)
    {
      if ((status = att_cli_letters_leave_out_problems (ctx, batch)) != ATT_CLI_OK)
        return status;
      /* A batch that could not be logged is not printed either. */
      if (!att_letter_batch_check_record (batch, delivery, posted, &error))
        return att_cli_refuse (error);
    }

  head = att_letterhead_load (ctx->db);
  document = att_letter_batch_document_new (batch, head);
  if (!att_document_write_pdf (document, path, &n_pages, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages),
           n_pages, path);
  if (what == ATT_CLI_LETTERS_REPRINT)
    return ATT_CLI_OK;
  return att_cli_letters_record (ctx, user, batch, delivery, posted);
}
