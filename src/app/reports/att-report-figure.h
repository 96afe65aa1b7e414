/* att-report-figure.h: one headline figure of the Reports page, with last
 * year's beside it and its working on request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATT_TYPE_REPORT_FIGURE (att_report_figure_get_type ())
G_DECLARE_FINAL_TYPE (AttReportFigure, att_report_figure, ATT, REPORT_FIGURE, GtkWidget)

/* The measure's name ("Attendance"). */
const char  *att_report_figure_get_title     (AttReportFigure *self);
void         att_report_figure_set_title     (AttReportFigure *self,
                                              const char      *title);
/* The figure ("94.2%"), the same period last year ("93.1% last year",
 * NULL for none) and the working shown in the popover. */
void         att_report_figure_set_figures   (AttReportFigure *self,
                                              const char      *value,
                                              const char      *last_year,
                                              const char      *working);
const char  *att_report_figure_get_value     (AttReportFigure *self);
const char  *att_report_figure_get_last_year (AttReportFigure *self);
const char  *att_report_figure_get_working   (AttReportFigure *self);
/* Opens the popover with the working, as a click or Enter does. */
void         att_report_figure_show_working  (AttReportFigure *self);

G_END_DECLS
