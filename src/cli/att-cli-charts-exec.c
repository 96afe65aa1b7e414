/* att-cli-charts-exec.c: the governors' report and the year at a glance
 * handed to attendance-cli-print, which writes their PDFs (see
 * att-cli-pdf-exec.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-cli-charts.h"

int
att_cli_report_pdf (AttCliContext  *ctx,
                    AttDate         from,
                    AttDate         to,
                    AttReportFlags  flags,
                    const char     *path,
                    gboolean        with_names)
{
  return att_cli_run_print_program (ctx);
}

int
att_cli_pupil_calendar_pdf (AttCliContext *ctx,
                            gint64         pupil_id,
                            int            school_year,
                            AttDate        as_of,
                            const char    *path)
{
  return att_cli_run_print_program (ctx);
}
