/* att-reports-page-private.h: what the parts of the Reports page share,
 * and what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-report-chart.h"
#include "att-report-figure.h"
#include "att-reports-page.h"

G_BEGIN_DECLS

typedef struct _AttReportsCounter AttReportsCounter;

struct _AttReportsPage
{
  AttPage          parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *period_dropdown;
  GtkBox          *custom_box;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;
  GtkSwitch       *ages_switch;
  GtkSpinner      *spinner;
  AdwSplitButton  *print_button;
  GtkButton       *export_button;
  GtkRevealer     *export_revealer;
  GtkLabel        *export_label;
  GtkProgressBar  *export_progress;
  GtkStack        *state_stack;
  AdwStatusPage   *empty_page;
  GtkLabel        *range_label;
  AttReportFigure *attendance_figure;
  AttReportFigure *authorised_figure;
  AttReportFigure *unauthorised_figure;
  AttReportFigure *persistent_figure;
  AttReportFigure *severe_figure;
  AttReportFigure *lates_figure;
  AttReportChart  *weekly_chart;
  AttReportChart  *years_chart;
  AttReportChart  *persistent_chart;
  AttReportChart  *reasons_chart;
  AttReportChart  *weekdays_chart;
  GtkDropDown     *by_dropdown;
  GtkColumnView   *breakdown_view;
  GtkStack        *lists_stack;

  GListStore      *breakdown_store;            /* AttReportItem */
  GListStore      *list_stores[ATT_REPORT_N_LISTS];
  GtkColumnView   *list_views[ATT_REPORT_N_LISTS];
  GtkPopover      *working_popover;            /* a breakdown row's working */
  GtkLabel        *working_label;

  AttDb           *db;
  gulong           changed_id;
  AttReportPeriod  period;
  AttDate          custom_from;
  AttDate          custom_to;
  AttReportBy      by;
  AttReport       *report;
  AttReport       *last_year;
  AttReportsCounter *counter;  /* the counts' own connection */
  guint            serial;
  guint            start_id;                   /* the count waiting to start */
  GdkFrameClock   *frame_clock;
  gulong           after_paint_id;
  gboolean         loading;
  gboolean         disposed;
  char            *error_message;

  GCancellable    *export_cancellable;         /* the workbook being written */
};

/* att-reports-page-tables.c: the breakdown and the lists. */
void        _att_reports_page_init_tables (AttReportsPage *self);
void        _att_reports_page_fill_breakdown (AttReportsPage *self);
void        _att_reports_page_fill_lists  (AttReportsPage *self);
void        _att_reports_page_dispose_tables (AttReportsPage *self);
void        on_breakdown_activate         (GtkColumnView  *view,
                                           guint           position,
                                           AttReportsPage *self);

/* att-reports-page-export.c: print and PDF. */
void        _att_reports_page_install_export_actions (GtkWidgetClass *widget_class);
GtkWindow  *_att_reports_page_get_window  (AttReportsPage *self);
void        _att_reports_page_toast       (AttReportsPage *self,
                                           const char     *text);
char       *_att_reports_page_file_name   (AttReportsPage *self,
                                           const char     *what,
                                           const char     *extension);

/* att-reports-page-xlsx.c: the workbook. */
void        _att_reports_page_install_xlsx_actions (GtkWidgetClass *widget_class);
void        _att_reports_page_xlsx_actions_update  (AttReportsPage *self,
                                                    gboolean        ready);
void        _att_reports_page_cancel_export (AttReportsPage *self);

/* For the tests: whether the figures are still being counted, the
 * breakdown and a list as shown, and the charts. */
gboolean         att_reports_page_is_loading     (AttReportsPage *self);
/* "loading", "report" or "empty". */
const char      *att_reports_page_get_state      (AttReportsPage *self);
GtkColumnView   *att_reports_page_get_breakdown  (AttReportsPage *self);
GtkColumnView   *att_reports_page_get_list_view  (AttReportsPage *self,
                                                  AttReportList   list);
AttReportChart  *att_reports_page_get_chart      (AttReportsPage *self,
                                                  AttChartKind    kind);
AttReportFigure *att_reports_page_get_figure     (AttReportsPage *self,
                                                  guint           index);
void             att_reports_page_set_by         (AttReportsPage *self,
                                                  AttReportBy     by);
/* Writes the workbook of the period shown to @path on a thread, as
 * "Export to Excel…" does once a file is chosen. */
void             att_reports_page_export_xlsx    (AttReportsPage *self,
                                                  const char     *path);
gboolean         att_reports_page_is_exporting   (AttReportsPage *self);
/* Writes the governors' report to @path as "Save as PDF…" does. */
gboolean         att_reports_page_save_pdf       (AttReportsPage *self,
                                                  const char     *path,
                                                  gboolean        with_names,
                                                  GError        **error);

G_END_DECLS
