/* att-xlsx-export.c: the Excel summary workbook: the file, its formats,
 * its cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "att-audit.h"
#include "att-db.h"
#include "att-error.h"
#include "att-file.h"
#include "att-report.h"
#include "att-school.h"
#include "att-xlsx-export-private.h"

/* Rows written between two looks at the cancellable. */
#define CHECK_EVERY 64

/* Widths in characters: what the widest cell asks for, within reason. */
#define MIN_WIDTH 6.0
#define MAX_WIDTH 60.0

/* Sheets */

static void
sheet_free (gpointer data)
{
  AttXlsxSheet *sheet = data;

  g_free (sheet->widths);
  g_free (sheet->name);
  g_free (sheet);
}

/* Excel refuses a sheet name over 31 characters or holding []:*?/\; a
 * translation might hold either. */
static char *
sheet_name (const char *name)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = name; *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && strchr ("[]:*?/\\", (int)c) != NULL)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

AttXlsxSheet *
_att_xlsx_sheet_new (AttXlsx     *x,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *fitted = sheet_name (name);
  lxw_worksheet *worksheet = workbook_add_worksheet (x->workbook, fitted);
  AttXlsxSheet *sheet;

  if (worksheet == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The workbook could not take a sheet named “%s”"), fitted);
      return NULL;
    }
  sheet = g_new0 (AttXlsxSheet, 1);
  sheet->sheet = worksheet;
  sheet->name = g_steal_pointer (&fitted);
  g_ptr_array_add (x->sheets, sheet);
  return sheet;
}

static void
sheet_widen (AttXlsxSheet *sheet,
             guint         column,
             double        width)
{
  if (column >= sheet->n_columns)
    {
      guint n = MAX (column + 1, sheet->n_columns * 2);

      sheet->widths = g_renew (double, sheet->widths, n);
      for (guint i = sheet->n_columns; i < n; i++)
        sheet->widths[i] = 0;
      sheet->n_columns = n;
    }
  if (width > sheet->widths[column])
    sheet->widths[column] = width;
}

void
_att_xlsx_sheet_set_width (AttXlsxSheet *sheet,
                           guint         column,
                           double        width)
{
  sheet_widen (sheet, column, 0);
  sheet->widths[column] = width;
}

void
_att_xlsx_sheet_header (AttXlsx            *x,
                        AttXlsxSheet       *sheet,
                        const char * const *titles,
                        guint               n_titles,
                        guint               frozen_columns)
{
  sheet->header_row = sheet->row;
  sheet->table = TRUE;
  for (guint i = 0; i < n_titles; i++)
    {
      _att_xlsx_text (sheet, i, titles[i], x->header);
      /* Room for the filter's button beside the title. */
      sheet_widen (sheet, i, g_utf8_strlen (titles[i], -1) + 3);
    }
  if (!sheet->no_freeze)
    worksheet_freeze_panes (sheet->sheet, sheet->row + 1, frozen_columns);
  _att_xlsx_next_row (sheet);
}

/* The last column any row of the sheet holds. */
static guint
last_column (AttXlsxSheet *sheet)
{
  guint last = 0;

  for (guint i = 0; i < sheet->n_columns; i++)
    if (sheet->widths[i] > 0)
      last = i;
  return last;
}

void
_att_xlsx_sheet_end_table (AttXlsx      *x,
                           AttXlsxSheet *sheet)
{
  /* In constant-memory mode a range must end on the row being written:
   * the filter is set as the table ends. */
  worksheet_autofilter (sheet->sheet, sheet->header_row, 0,
                        MAX (sheet->row, sheet->header_row + 1) - 1, last_column (sheet));
  sheet->table = FALSE;
}

void
_att_xlsx_sheet_finish (AttXlsx      *x,
                        AttXlsxSheet *sheet)
{
  if (sheet->table)
    _att_xlsx_sheet_end_table (x, sheet);
  for (guint i = 0; i < sheet->n_columns; i++)
    if (sheet->widths[i] > 0)
      worksheet_set_column (sheet->sheet, i, i,
                            CLAMP (sheet->widths[i] + 1, MIN_WIDTH, MAX_WIDTH), NULL);
}

/* Cells */

void
_att_xlsx_text (AttXlsxSheet *sheet,
                guint         column,
                const char   *text,
                lxw_format   *format)
{
  g_autofree char *cut = NULL;
  glong length;

  if (text == NULL || *text == '\0')
    return;
  length = g_utf8_strlen (text, -1);
  if (length > ATT_XLSX_MAX_TEXT)
    {
      /* Excel holds no more in a cell; nothing the product writes is this
       * long, but a note typed into a log might be. */
      cut = g_utf8_substring (text, 0, ATT_XLSX_MAX_TEXT);
      text = cut;
    }
  /* worksheet_write_string () stores the text as a string cell, whatever
   * it begins with: a leading '=', '+', '-' or '@' never becomes a
   * formula (worksheet_write_formula () is never called on data). */
  worksheet_write_string (sheet->sheet, sheet->row, column, text, format);
  if (strchr (text, '\n') == NULL)
    sheet_widen (sheet, column, MIN (length, MAX_WIDTH));
  else
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        sheet_widen (sheet, column, MIN (g_utf8_strlen (lines[i], -1), MAX_WIDTH));
    }
}

void
_att_xlsx_number (AttXlsxSheet *sheet,
                  guint         column,
                  double        value,
                  lxw_format   *format)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  worksheet_write_number (sheet->sheet, sheet->row, column, value, format);
  g_snprintf (text, sizeof text, "%.1f", value);
  sheet_widen (sheet, column, strlen (text) + 1);
}

void
_att_xlsx_fraction (AttXlsx      *x,
                    AttXlsxSheet *sheet,
                    guint         column,
                    guint         part,
                    guint         whole)
{
  if (whole == 0)
    return;
  /* The exact fraction, shown to one decimal place: 27 / 30 is exactly
   * 0.9 to Excel as to the core, so a filter on 90% finds it. */
  worksheet_write_number (sheet->sheet, sheet->row, column, (double)part / whole, x->percent);
  sheet_widen (sheet, column, 7);
}

void
_att_xlsx_date (AttXlsx      *x,
                AttXlsxSheet *sheet,
                guint         column,
                AttDate       date)
{
  lxw_datetime when = { 0 };
  int year, month, day;

  if (date == ATT_DATE_NONE)
    return;
  att_date_to_ymd (date, &year, &month, &day);
  when.year = year;
  when.month = month;
  when.day = day;
  worksheet_write_datetime (sheet->sheet, sheet->row, column, &when, x->date);
  sheet_widen (sheet, column, 10);
}

void
_att_xlsx_timestamp (AttXlsx      *x,
                     AttXlsxSheet *sheet,
                     guint         column,
                     gint64        unix_time)
{
  g_autoptr(GDateTime) local = NULL;
  lxw_datetime when = { 0 };

  if (unix_time == 0 || (local = g_date_time_new_from_unix_local (unix_time)) == NULL)
    return;
  when.year = g_date_time_get_year (local);
  when.month = g_date_time_get_month (local);
  when.day = g_date_time_get_day_of_month (local);
  when.hour = g_date_time_get_hour (local);
  when.min = g_date_time_get_minute (local);
  when.sec = g_date_time_get_second (local);
  worksheet_write_datetime (sheet->sheet, sheet->row, column, &when, x->datetime);
  sheet_widen (sheet, column, 16);
}

void
_att_xlsx_yes_no (AttXlsxSheet *sheet,
                  guint         column,
                  gboolean      yes)
{
  _att_xlsx_text (sheet, column, yes ? _("Yes") : _("No"), NULL);
}

void
_att_xlsx_next_row (AttXlsxSheet *sheet)
{
  sheet->row++;
}

void
_att_xlsx_absence_formats (AttXlsx      *x,
                           AttXlsxSheet *sheet,
                           lxw_row_t     first_row,
                           lxw_row_t     last_row,
                           guint         first_column,
                           guint         last_column,
                           guint         absence_column)
{
  lxw_conditional_format rule = { 0 };
  char cell[16];
  g_autofree char *severe = NULL;
  g_autofree char *persistent = NULL;

  if (last_row < first_row)
    return;
  /* The formula is written for the range's first row; Excel moves it
   * down the rows. The column is fixed, so every column of a row looks
   * at the row's absence. A blank (nothing possible) is no absence. */
  lxw_rowcol_to_cell_abs (cell, first_row, absence_column, FALSE, TRUE);
  severe = g_strdup_printf ("=AND(ISNUMBER(%s),%s>=0.5)", cell, cell);
  persistent = g_strdup_printf ("=AND(ISNUMBER(%s),%s>=0.1)", cell, cell);

  rule.type = LXW_CONDITIONAL_TYPE_FORMULA;
  rule.value_string = severe;
  rule.format = x->severe;
  rule.stop_if_true = LXW_TRUE;
  worksheet_conditional_format_range (sheet->sheet, first_row, first_column,
                                      last_row, last_column, &rule);
  rule.value_string = persistent;
  rule.format = x->persistent;
  worksheet_conditional_format_range (sheet->sheet, first_row, first_column,
                                      last_row, last_column, &rule);
}

/* Progress and cancellation */

void
_att_xlsx_stage (AttXlsx    *x,
                 double      start,
                 double      span,
                 const char *what)
{
  x->stage_start = start;
  x->stage_span = span;
  x->stage_what = what;
  if (x->progress != NULL)
    x->progress (start, what, x->user_data);
}

gboolean
_att_xlsx_step (AttXlsx  *x,
                double    fraction,
                GError  **error)
{
  if (++x->ticks < CHECK_EVERY)
    return TRUE;
  x->ticks = 0;
  if (x->progress != NULL)
    x->progress (x->stage_start + x->stage_span * CLAMP (fraction, 0, 1), x->stage_what,
                 x->user_data);
  return !g_cancellable_set_error_if_cancelled (x->cancellable, error);
}

/* The workbook */

static void
add_formats (AttXlsx *x)
{
  /* Light fills that keep a black code readable, one per group of the
   * DfE table, as the register's grid colours them. */
  static const lxw_color_t group_fills[ATT_N_GROUPS] = {
    [ATT_GROUP_PRESENT] = 0xC6EFCE,
    [ATT_GROUP_AEA] = 0xDDEBF7,
    [ATT_GROUP_OFF_SITE] = 0xEDEDED,
    [ATT_GROUP_LEAVE] = 0xFFF2CC,
    [ATT_GROUP_OTHER_AUTHORISED] = 0xFCE4D6,
    [ATT_GROUP_UNABLE] = 0xE4DFEC,
    [ATT_GROUP_UNAUTHORISED] = 0xFFC7CE,
    [ATT_GROUP_ADMIN] = 0xD9D9D9,
    [ATT_GROUP_RETIRED] = 0xF2F2F2,
  };
  lxw_workbook *wb = x->workbook;

  x->header = workbook_add_format (wb);
  format_set_bold (x->header);
  format_set_bottom (x->header, LXW_BORDER_THIN);
  format_set_text_wrap (x->header);
  format_set_align (x->header, LXW_ALIGN_VERTICAL_TOP);

  x->title = workbook_add_format (wb);
  format_set_bold (x->title);
  format_set_font_size (x->title, 14);

  x->bold = workbook_add_format (wb);
  format_set_bold (x->bold);

  x->wrap = workbook_add_format (wb);
  format_set_text_wrap (x->wrap);
  format_set_align (x->wrap, LXW_ALIGN_VERTICAL_TOP);

  x->date = workbook_add_format (wb);
  format_set_num_format (x->date, "dd/mm/yyyy");
  format_set_align (x->date, LXW_ALIGN_LEFT);

  x->datetime = workbook_add_format (wb);
  format_set_num_format (x->datetime, "dd/mm/yyyy hh:mm");
  format_set_align (x->datetime, LXW_ALIGN_LEFT);

  x->percent = workbook_add_format (wb);
  format_set_num_format (x->percent, "0.0%");

  x->count = workbook_add_format (wb);
  format_set_num_format (x->count, "#,##0");

  x->change_count = workbook_add_format (wb);
  format_set_num_format (x->change_count, "+#,##0;-#,##0;0");
  x->change_rate = workbook_add_format (wb);
  format_set_num_format (x->change_rate, "+0.0%;-0.0%;0.0%");

  for (guint i = 0; i < ATT_N_GROUPS; i++)
    {
      x->code_group[i] = workbook_add_format (wb);
      format_set_bg_color (x->code_group[i], group_fills[i]);
      format_set_align (x->code_group[i], LXW_ALIGN_CENTER);
    }

  /* Excel's own "light red fill with dark red text" and its amber. */
  x->severe = workbook_add_format (wb);
  format_set_bg_color (x->severe, 0xFFC7CE);
  format_set_font_color (x->severe, 0x9C0006);
  x->persistent = workbook_add_format (wb);
  format_set_bg_color (x->persistent, 0xFFEB9C);
  format_set_font_color (x->persistent, 0x9C5700);
}

static void
set_properties (AttXlsx *x)
{
  g_autoptr(AttSchool) school = att_school_load (x->db);
  g_autofree char *first = att_date_format (x->from);
  g_autofree char *last = att_date_format (x->until);
  g_autofree char *subject = NULL;
  lxw_doc_properties properties = { 0 };

  /* Translators: the workbook's subject: the school and its period. */
  subject = g_strdup_printf (_("Attendance of %s from %s to %s"),
                             school != NULL && school->name != NULL ? school->name : "",
                             first, last);
  properties.title = _("Attendance report");
  properties.subject = subject;
  properties.author = school != NULL && school->attendance_lead != NULL && *school->attendance_lead
                      ? school->attendance_lead : NULL;
  properties.company = school != NULL ? school->name : NULL;
  properties.category = _("Attendance");
  properties.keywords = _("attendance, absence, persistent absence, register");
  properties.comments = _("Made by Attendance. Percentages are of possible sessions; "
                          "the Summary sheet defines every measure.");
  properties.created = (time_t)att_audit_now ();
  workbook_set_properties (x->workbook, &properties);
}

static gboolean
write_sheets (AttXlsx  *x,
              GError  **error)
{
  /* Each part's share of the bar is its share of the time a school
   * year of 2,000 pupils takes (attendance-bench-xlsx): zipping the
   * sheets up at the end takes about half. */
  _att_xlsx_stage (x, 0.0, 0.05, _("Summary"));
  if (!_att_xlsx_write_report (x, error))
    return FALSE;
  _att_xlsx_stage (x, 0.05, 0.1, _("Pupils"));
  if (!_att_xlsx_write_pupils (x, error))
    return FALSE;
  _att_xlsx_stage (x, 0.15, 0.35, _("Register"));
  if (!_att_xlsx_write_register (x, error))
    return FALSE;
  _att_xlsx_stage (x, 0.5, 0.01, _("Letters"));
  if (!_att_xlsx_write_letters (x, error))
    return FALSE;
  _att_xlsx_stage (x, 0.51, 0.03, _("Calls"));
  if (!_att_xlsx_write_calls (x, error))
    return FALSE;
  _att_xlsx_stage (x, 0.54, 0.01, _("Leave decisions"));
  if (!_att_xlsx_write_leave (x, error))
    return FALSE;
  for (guint i = 0; i < x->sheets->len; i++)
    _att_xlsx_sheet_finish (x, g_ptr_array_index (x->sheets, i));
  return TRUE;
}

static void
clear_reports (AttXlsx *x)
{
  g_clear_pointer (&x->report, att_report_unref);
  g_clear_pointer (&x->last_year, att_report_unref);
}

gboolean
att_xlsx_export_write (AttDb           *db,
                       const char      *path,
                       AttDate          from,
                       AttDate          to,
                       AttXlsxProgress  progress,
                       gpointer         user_data,
                       GCancellable    *cancellable,
                       GError         **error)
{
  return att_xlsx_export_write_full (db, path, from, to, ATT_REPORT_NONE, progress, user_data,
                                     cancellable, error);
}

gboolean
att_xlsx_export_write_full (AttDb           *db,
                            const char      *path,
                            AttDate          from,
                            AttDate          to,
                            AttReportFlags   flags,
                            AttXlsxProgress  progress,
                            gpointer         user_data,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  lxw_workbook_options options = { 0 };
  AttXlsx x = { 0 };
  AttDate today = att_date_today ();
  lxw_error status;
  gboolean done;
  int fd;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (to == ATT_DATE_NONE)
    to = today;
  if (from == ATT_DATE_NONE)
    from = att_date_school_year_start (to);
  if (from > to)
    {
      g_autofree char *first = att_date_format (from);
      g_autofree char *last = att_date_format (to);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The workbook's period starts on %s, after it ends on %s: choose a start "
                     "before the end"), first, last);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The file is written beside @path under another name and renamed
   * over it once whole, so a reader never sees half a workbook and a
   * cancel leaves nothing. mkstemp makes it readable by its owner only,
   * as every file the product writes. */
  dir = g_path_get_dirname (path);
  fd = att_file_open_beside (path, O_RDWR, &temp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not write the workbook in %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  x.db = db;
  x.from = from;
  x.flags = flags & ATT_REPORT_AGES_5_TO_15;
  x.to = to;
  x.until = MIN (to, today);
  x.progress = progress;
  x.user_data = user_data;
  x.cancellable = cancellable;
  x.sheets = g_ptr_array_new_with_free_func (sheet_free);

  /* Constant memory: each row goes to a temporary file as soon as the
   * next one starts, so a year's register of 2,000 pupils never sits in
   * memory whole. */
  options.constant_memory = LXW_TRUE;
  x.workbook = workbook_new_opt (temp, &options);
  if (x.workbook == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not start the workbook %s: out of memory or temporary space"), path);
      g_unlink (temp);
      g_ptr_array_unref (x.sheets);
      return FALSE;
    }
  add_formats (&x);
  set_properties (&x);

  done = write_sheets (&x, error);
  clear_reports (&x);
  if (!done)
    {
      lxw_workbook_free (x.workbook);
      g_unlink (temp);
      g_ptr_array_unref (x.sheets);
      return FALSE;
    }

  if (progress != NULL)
    progress (0.55, _("Saving"), user_data);
  status = workbook_close (x.workbook);
  g_ptr_array_unref (x.sheets);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not write the workbook %s: %s"), path, lxw_strerror (status));
      g_unlink (temp);
      return FALSE;
    }
  /* The zip library opens the file afresh, which keeps the mode mkstemp
   * gave; set it again all the same, as nothing here should widen it. */
  g_chmod (temp, ATT_FILE_MODE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (temp);
      return FALSE;
    }
  if (g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not save the workbook as %s: %s"), path, g_strerror (saved));
      g_unlink (temp);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, _("Done"), user_data);
  return TRUE;
}
