/* att-report-document.h: the governors' report, as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole Reports page for a period on paper: the headline figures
 * beside the same period last year, every chart with its table, the
 * breakdowns by year group, registration group and cohort, the lists of
 * pupils to act on (as counts and, unless left out, names), and the
 * definitions of each measure. Printed through the shared print
 * operation and written as a PDF by att_document_write_pdf().
 */
#pragma once

#include "att-document.h"
#include "att-report.h"

G_BEGIN_DECLS

#define ATT_TYPE_REPORT_DOCUMENT (att_report_document_get_type ())
G_DECLARE_FINAL_TYPE (AttReportDocument, att_report_document, ATT, REPORT_DOCUMENT, GObject)

/* @last_year may be NULL. @school_name heads every page. With
 * @with_names FALSE the lists give counts only, for governors who must
 * not see pupils' names. */
AttReportDocument *att_report_document_new (AttReport  *report,
                                            AttReport  *last_year,
                                            const char *school_name,
                                            gboolean    with_names);

G_END_DECLS
