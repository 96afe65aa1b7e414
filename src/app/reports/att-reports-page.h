/* att-reports-page.h: the Reports page: the figures of a period for the
 * whole school and its groups, the charts, and the pupils to act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-page.h"
#include "att-report.h"

G_BEGIN_DECLS

#define ATT_TYPE_REPORTS_PAGE (att_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (AttReportsPage, att_reports_page, ATT, REPORTS_PAGE, AttPage)

/* The period shown (this year until another is chosen). */
AttReportPeriod att_reports_page_get_period (AttReportsPage *self);
void            att_reports_page_set_period (AttReportsPage *self,
                                             AttReportPeriod period);
/* A period of the user's own, from @from to @to. */
void            att_reports_page_set_custom (AttReportsPage *self,
                                             AttDate         from,
                                             AttDate         to);
/* The report shown, or NULL while none is counted yet. */
AttReport      *att_reports_page_get_report (AttReportsPage *self);

G_END_DECLS
