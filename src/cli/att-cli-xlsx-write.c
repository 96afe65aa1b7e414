/* att-cli-xlsx-write.c: the Excel summary workbook written by
 * attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-xlsx.h"
#include "att-xlsx-export.h"

int
att_cli_xlsx_write (AttCliContext *ctx,
                    AttDate        from,
                    AttDate        to,
                    const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = att_date_format (from);
  g_autofree char *last = att_date_format (to);

  if (!att_xlsx_export_write (ctx->db, path, from, to, NULL, NULL, NULL, &error))
    return att_cli_refuse (error);
  g_print (_("Wrote the workbook of %s to %s to %s\n"), first, last, path);
  return ATT_CLI_OK;
}
