/* att-xlsx-export-private.h: what the parts of the workbook writer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbook is written in libxlsxwriter's constant-memory mode, so
 * every sheet is written row by row, top to bottom: a row once left is
 * never written again. Each sheet is an AttXlsxSheet that remembers the
 * widest text of each column, so that the columns fit what they hold,
 * and gets its autofilter and widths when it is finished.
 */
#pragma once

#include <xlsxwriter.h>

#include "att-codes.h"
#include "att-xlsx-export.h"

G_BEGIN_DECLS

typedef struct _AttReport AttReport;

/* Excel's own limits. */
#define ATT_XLSX_MAX_COLUMNS 16384
#define ATT_XLSX_MAX_TEXT    32767

typedef struct
{
  lxw_worksheet  *sheet;
  char           *name;
  lxw_row_t       row;        /* the next row to write */
  guint           n_columns;
  double         *widths;     /* in characters, per column */
  lxw_row_t       header_row; /* the row of the table's header */
  gboolean        table;      /* whether it has a table to filter */
  gboolean        no_freeze;  /* a header that scrolls away with the rest */
} AttXlsxSheet;

typedef struct
{
  AttDb            *db;
  lxw_workbook     *workbook;
  AttDate           from;
  AttDate           to;
  AttDate           until;      /* the earlier of to and today */
  AttXlsxProgress   progress;
  gpointer          user_data;
  GCancellable     *cancellable;
  guint             ticks;      /* rows written since the last check */

  /* The part of the progress bar the sheet being written fills. */
  double            stage_start;
  double            stage_span;
  const char       *stage_what;

  lxw_format       *header;
  lxw_format       *title;
  lxw_format       *bold;
  lxw_format       *wrap;
  lxw_format       *date;
  lxw_format       *datetime;
  lxw_format       *percent;
  lxw_format       *count;
  lxw_format       *change_count;  /* +1, -1 */
  lxw_format       *change_rate;   /* +1.2%, -0.4% */
  lxw_format       *code_group[ATT_N_GROUPS];
  lxw_format       *persistent; /* the conditional formats' fills */
  lxw_format       *severe;

  GPtrArray        *sheets;     /* AttXlsxSheet, freed at the end */
  AttReport        *report;     /* the period's figures, or NULL */
  AttReport        *last_year;  /* the same period last year, or NULL */
  AttReportFlags    flags;      /* ATT_REPORT_AGES_5_TO_15 or none */
} AttXlsx;

/* Sheets */
AttXlsxSheet *_att_xlsx_sheet_new        (AttXlsx            *x,
                                          const char         *name,
                                          GError            **error);
/* Writes a table's header row at the sheet's next row, bold, and freezes
 * the rows above it and it and the first @frozen_columns columns (unless
 * the sheet's no_freeze is set). */
void          _att_xlsx_sheet_header     (AttXlsx            *x,
                                          AttXlsxSheet       *sheet,
                                          const char * const *titles,
                                          guint               n_titles,
                                          guint               frozen_columns);
/* Sets the autofilter over the table, which ends with the row before
 * the sheet's next row: called where rows that are not part of it
 * follow. */
void          _att_xlsx_sheet_end_table  (AttXlsx            *x,
                                          AttXlsxSheet       *sheet);
/* Sets the autofilter over the table, if it has none yet, and fits every
 * column. */
void          _att_xlsx_sheet_finish     (AttXlsx            *x,
                                          AttXlsxSheet       *sheet);
void          _att_xlsx_sheet_set_width  (AttXlsxSheet       *sheet,
                                          guint               column,
                                          double              width);

/* Cells. Text is always written as text, never as a formula: a name such
 * as "=SUM(A1)" stays what it is. */
void          _att_xlsx_text             (AttXlsxSheet       *sheet,
                                          guint               column,
                                          const char         *text,
                                          lxw_format         *format);
void          _att_xlsx_number           (AttXlsxSheet       *sheet,
                                          guint               column,
                                          double              value,
                                          lxw_format         *format);
/* @part over @whole as a fraction shown as a percentage; blank when
 * @whole is 0. */
void          _att_xlsx_fraction         (AttXlsx            *x,
                                          AttXlsxSheet       *sheet,
                                          guint               column,
                                          guint               part,
                                          guint               whole);
void          _att_xlsx_date             (AttXlsx            *x,
                                          AttXlsxSheet       *sheet,
                                          guint               column,
                                          AttDate             date);
void          _att_xlsx_timestamp        (AttXlsx            *x,
                                          AttXlsxSheet       *sheet,
                                          guint               column,
                                          gint64              unix_time);
void          _att_xlsx_yes_no           (AttXlsxSheet       *sheet,
                                          guint               column,
                                          gboolean            yes);
/* Moves to the next row. */
void          _att_xlsx_next_row         (AttXlsxSheet       *sheet);

/* Highlights the rows of [first_row, last_row] over [first_column,
 * last_column] whose absence fraction in @absence_column is 50% or more
 * (severe) or 10% or more (persistent). */
void          _att_xlsx_absence_formats  (AttXlsx            *x,
                                          AttXlsxSheet       *sheet,
                                          lxw_row_t           first_row,
                                          lxw_row_t           last_row,
                                          guint               first_column,
                                          guint               last_column,
                                          guint               absence_column);

/* Progress and cancellation */
void          _att_xlsx_stage            (AttXlsx            *x,
                                          double              start,
                                          double              span,
                                          const char         *what);
/* Reports @fraction of the current stage done and checks for a cancel
 * (every so many rows): FALSE with G_IO_ERROR_CANCELLED. */
gboolean      _att_xlsx_step             (AttXlsx            *x,
                                          double              fraction,
                                          GError            **error);

/* The sheets, in the order they appear */
/* Summary, Year groups, Registration groups, Cohorts, Persistent and
 * severe absence, Threshold, Codes and Weekly trend, from the period's
 * report (and last year's), which it keeps in @x. */
gboolean      _att_xlsx_write_report     (AttXlsx            *x,
                                          GError            **error);
gboolean      _att_xlsx_write_pupils     (AttXlsx            *x,
                                          GError            **error);
gboolean      _att_xlsx_write_register   (AttXlsx            *x,
                                          GError            **error);
gboolean      _att_xlsx_write_letters    (AttXlsx            *x,
                                          GError            **error);
gboolean      _att_xlsx_write_calls      (AttXlsx            *x,
                                          GError            **error);
gboolean      _att_xlsx_write_leave      (AttXlsx            *x,
                                          GError            **error);

G_END_DECLS
