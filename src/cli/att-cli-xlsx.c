/* att-cli-xlsx.c: export xlsx, the Excel summary workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-xlsx.h"

int
att_cli_cmd_export_xlsx (AttCliContext *ctx)
{
  const char *path = att_cli_arg (ctx, 0);
  AttDate from = ATT_DATE_NONE;
  AttDate to = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date (ctx, "from", &from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", &to)) != ATT_CLI_OK)
    return status;
  /* The period as the workbook reads it: to today, from the start of
   * the school year holding its end. */
  if (to == ATT_DATE_NONE)
    to = att_date_today ();
  if (from == ATT_DATE_NONE)
    from = att_date_school_year_start (to);
  if (from > to)
    return att_cli_usage (ctx, _("--from must not be after --to"));
  if (!g_str_has_suffix (path, ".xlsx") && !g_str_has_suffix (path, ".XLSX"))
    return att_cli_usage (ctx, _("give the workbook a name ending in .xlsx, as Excel expects"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  return att_cli_xlsx_write (ctx, from, to, path);
}
