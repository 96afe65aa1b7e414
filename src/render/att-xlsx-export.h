/* att-xlsx-export.h: the Excel summary workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One .xlsx file, written with libxlsxwriter, holding the period's
 * figures: Summary, Year groups, Registration groups, Cohorts, Persistent
 * and severe absence, Threshold, Codes, Weekly trend (with a native line
 * chart), Pupils, Register, and the letters, calls and leave decisions of
 * the period where there are any. Headers are frozen, every table has an
 * autofilter, and text that begins with '=', '+', '-' or '@' is written
 * as text, never as a formula. The big sheets are written in
 * libxlsxwriter's constant-memory mode.
 */
#pragma once

#include <gio/gio.h>

#include "att-date.h"
#include "att-report.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* Called as the export goes, from the exporting thread: @fraction from 0
 * to 1 and what is being written ("Pupils"). */
typedef void (*AttXlsxProgress) (double      fraction,
                                 const char *what,
                                 gpointer    user_data);

/* Writes the workbook for [from, to] (from ATT_DATE_NONE: the school
 * year's start; to ATT_DATE_NONE: today) to @path. @db must be this
 * thread's own connection. The file appears whole or not at all: it is
 * written beside @path and renamed over it. Cancelled through
 * @cancellable (G_IO_ERROR_CANCELLED, nothing left behind). */
gboolean     att_xlsx_export_write (AttDb           *db,
                                    const char      *path,
                                    AttDate          from,
                                    AttDate          to,
                                    AttXlsxProgress  progress,
                                    gpointer         user_data,
                                    GCancellable    *cancellable,
                                    GError         **error);
/* The same with the report's flags: ATT_REPORT_AGES_5_TO_15 counts, and
 * lists on every sheet, only the pupils aged 5 to 15 on 31 August before
 * the period's school year, as the Reports page's switch does. */
gboolean     att_xlsx_export_write_full (AttDb          *db,
                                    const char      *path,
                                    AttDate          from,
                                    AttDate          to,
                                    AttReportFlags   flags,
                                    AttXlsxProgress  progress,
                                    gpointer         user_data,
                                    GCancellable    *cancellable,
                                    GError         **error);

G_END_DECLS
