/* att-cli-xlsx-exec.c: export xlsx handed to attendance-cli-print,
 * which links libxlsxwriter (see att-cli-pdf-exec.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-cli-xlsx.h"

int
att_cli_xlsx_write (AttCliContext *ctx,
                    AttDate        from,
                    AttDate        to,
                    const char    *path)
{
  return att_cli_run_print_program (ctx);
}
