/* att-cli-xlsx.h: export xlsx, the Excel summary workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-cli-private.h"

G_BEGIN_DECLS

int att_cli_cmd_export_xlsx      (AttCliContext *ctx);

/* Writes the workbook of [@from, @to] to @path (att-cli-xlsx-write.c in
 * attendance-cli-print, which links libxlsxwriter; attendance-cli hands
 * the command over, att-cli-xlsx-exec.c). */
int att_cli_xlsx_write           (AttCliContext *ctx,
                                  AttDate        from,
                                  AttDate        to,
                                  const char    *path);

G_END_DECLS
