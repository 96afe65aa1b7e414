/* att-report-item.h: one row of the Reports page's tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "att-report.h"

G_BEGIN_DECLS

#define ATT_TYPE_REPORT_ITEM (att_report_item_get_type ())
G_DECLARE_FINAL_TYPE (AttReportItem, att_report_item, ATT, REPORT_ITEM, GObject)

/* A row of a breakdown: @group of @report, and the row with the same key
 * of the same period last year (@last may be NULL). The item keeps the
 * reports alive, so the rows it points into stay valid. */
AttReportItem            *att_report_item_new_group  (AttReport                *report,
                                                      const AttReportGroup     *group,
                                                      AttReport                *last_report,
                                                      const AttReportGroup     *last);
/* A pupil of one of the report's lists. */
AttReportItem            *att_report_item_new_entry  (AttReport                *report,
                                                      AttReportList             list,
                                                      const AttReportListEntry *entry);

AttReport                *att_report_item_get_report (AttReportItem            *self);
const AttReportGroup     *att_report_item_get_group  (AttReportItem            *self);
const AttReportGroup     *att_report_item_get_last   (AttReportItem            *self);
AttReportList             att_report_item_get_list   (AttReportItem            *self);
const AttReportListEntry *att_report_item_get_entry  (AttReportItem            *self);

G_END_DECLS
