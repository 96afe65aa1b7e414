/* att-report-chart.h: one chart of the Reports page, or its table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-chart.h"

G_BEGIN_DECLS

#define ATT_TYPE_REPORT_CHART (att_report_chart_get_type ())
G_DECLARE_FINAL_TYPE (AttReportChart, att_report_chart, ATT, REPORT_CHART, GtkWidget)

/* Which chart (construct-only: "kind", an AttChartKind). */
AttChartKind   att_report_chart_get_kind       (AttReportChart *self);
/* Draws @report (NULL: nothing yet) and fills the table. */
void           att_report_chart_set_report     (AttReportChart *self,
                                                AttReport      *report);
/* Whether the table shows in place of the chart. */
gboolean       att_report_chart_get_show_table (AttReportChart *self);
void           att_report_chart_set_show_table (AttReportChart *self,
                                                gboolean        show_table);
/* The table's rows: the points' long labels, and their values as
 * shown ("94.2%"). */
GListModel    *att_report_chart_get_table      (AttReportChart *self);
char          *att_report_chart_dup_value_text (AttReportChart *self,
                                                guint           position);
GtkWidget     *att_report_chart_get_drawing    (AttReportChart *self);

G_END_DECLS
