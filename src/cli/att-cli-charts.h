/* att-cli-charts.h: the governors' report and a pupil's year at a
 * glance, written to PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-cli-private.h"
#include "att-report.h"

G_BEGIN_DECLS

int att_cli_cmd_pupils_calendar (AttCliContext *ctx);

/* Writes the governors' report of [@from, @to] with @flags, beside the
 * same period last year, to the PDF @path; names the pupils of its lists
 * unless @with_names is FALSE. attendance-cli hands the command to
 * attendance-cli-print before any figure is counted
 * (att-cli-charts-exec.c), which counts and writes them
 * (att-cli-charts-pdf.c). */
int att_cli_report_pdf          (AttCliContext  *ctx,
                                 AttDate         from,
                                 AttDate         to,
                                 AttReportFlags  flags,
                                 const char     *path,
                                 gboolean        with_names);
/* Writes the year at a glance of @pupil_id for the school year starting
 * in @school_year, as of @as_of, to the PDF @path. */
int att_cli_pupil_calendar_pdf  (AttCliContext  *ctx,
                                 gint64          pupil_id,
                                 int             school_year,
                                 AttDate         as_of,
                                 const char     *path);

G_END_DECLS
