/* att-xlsx-export-pupils.c: the workbook's big sheets, Pupils (one row
 * per pupil, every figure) and Register (one column per session)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-calendar.h"
#include "att-error.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-stats.h"
#include "att-xlsx-export-private.h"

/* The pupil of a row of the report when the sheets list them: on roll by
 * the last day counted (a pupil who joins after today, in a period that
 * runs on, has nothing to show yet); NULL otherwise. Borrowed. */
static AttPupil *
listed_pupil (AttXlsx              *x,
              const AttReportPupil *row)
{
  AttPupil *pupil = att_pupils_get (x->db, row->pupil_id);

  if (pupil == NULL || !att_pupil_on_roll_between (pupil, x->from, x->until))
    return NULL;
  return pupil;
}

enum
{
  COL_UPN,
  COL_SURNAME,
  COL_FORENAME,
  COL_YEAR,
  COL_GROUP,
  COL_SEX,
  COL_FSM,
  COL_SEN,
  COL_EAL,
  COL_LOOKED_AFTER,
  COL_SOCIAL_WORKER,
  COL_YOUNG_CARER,
  COL_ADMISSION,
  COL_LEAVING,
  COL_POSSIBLE,
  COL_PRESENT,
  COL_AEA,
  COL_AUTHORISED,
  COL_UNAUTHORISED,
  COL_NOT_POSSIBLE,
  COL_MISSING,
  COL_LATE,
  COL_LATE_AFTER,
  COL_ATTENDANCE,
  COL_AUTHORISED_PCT,
  COL_UNAUTHORISED_PCT,
  COL_ABSENCE,
  COL_PERSISTENT,
  COL_SEVERE,
  N_PUPIL_COLUMNS
};

gboolean
_att_xlsx_write_pupils (AttXlsx  *x,
                        GError  **error)
{
  const char *titles[N_PUPIL_COLUMNS + ATT_CODE_N_CODES] = {
    [COL_UPN] = _("UPN"),
    [COL_SURNAME] = _("Surname"),
    [COL_FORENAME] = _("Forename"),
    [COL_YEAR] = _("Year"),
    [COL_GROUP] = _("Group"),
    [COL_SEX] = _("Sex"),
    [COL_FSM] = _("Free school meals"),
    [COL_SEN] = _("SEN"),
    [COL_EAL] = _("EAL"),
    [COL_LOOKED_AFTER] = _("Looked after"),
    [COL_SOCIAL_WORKER] = _("Social worker"),
    [COL_YOUNG_CARER] = _("Young carer"),
    [COL_ADMISSION] = _("Admitted"),
    [COL_LEAVING] = _("Left"),
    [COL_POSSIBLE] = _("Possible sessions"),
    [COL_PRESENT] = _("Present (with L)"),
    [COL_AEA] = _("Approved educational activity"),
    [COL_AUTHORISED] = _("Authorised absence"),
    [COL_UNAUTHORISED] = _("Unauthorised absence"),
    [COL_NOT_POSSIBLE] = _("Not possible"),
    [COL_MISSING] = _("Not yet marked"),
    [COL_LATE] = _("Late before close (L)"),
    [COL_LATE_AFTER] = _("Late after close (U)"),
    [COL_ATTENDANCE] = _("Attendance"),
    [COL_AUTHORISED_PCT] = _("Authorised absence rate"),
    [COL_UNAUTHORISED_PCT] = _("Unauthorised absence rate"),
    [COL_ABSENCE] = _("Absence rate"),
    [COL_PERSISTENT] = _("Persistently absent"),
    [COL_SEVERE] = _("Severely absent"),
  };
  const AttReportPupil *rows;
  guint n_rows;
  AttCode used[ATT_CODE_N_CODES];
  guint n_used = 0;
  AttXlsxSheet *sheet;
  lxw_row_t first_row;

  /* Every pupil's figures are the report's: counted once, for the
   * pupils it counts (aged 5 to 15 only when it does). */
  rows = att_report_get_pupils (x->report, &n_rows);

  /* A column for each code marked in the period, in the table's order. */
  for (guint c = ATT_CODE_NONE + 1; c < ATT_CODE_N_CODES; c++)
    for (guint i = 0; i < n_rows; i++)
      if (rows[i].figures.codes[c] > 0)
        {
          used[n_used] = c;
          titles[N_PUPIL_COLUMNS + n_used] = att_code_to_string (c);
          n_used++;
          break;
        }

  if ((sheet = _att_xlsx_sheet_new (x, _("Pupils"), error)) == NULL)
    return FALSE;
  _att_xlsx_sheet_header (x, sheet, titles, N_PUPIL_COLUMNS + n_used, COL_FORENAME + 1);
  first_row = sheet->row;

  for (guint i = 0; i < n_rows; i++)
    {
      const AttFigures *f = &rows[i].figures;
      AttPupil *pupil = listed_pupil (x, &rows[i]);
      g_autofree char *year = NULL;

      if (!_att_xlsx_step (x, (double)i / n_rows, error))
        return FALSE;
      if (pupil == NULL)
        continue;

      year = att_year_group_format (pupil->year_group);
      _att_xlsx_text (sheet, COL_UPN, pupil->upn, NULL);
      _att_xlsx_text (sheet, COL_SURNAME, att_pupil_get_surname (pupil), NULL);
      _att_xlsx_text (sheet, COL_FORENAME, att_pupil_get_forename (pupil), NULL);
      _att_xlsx_text (sheet, COL_YEAR, year, NULL);
      _att_xlsx_text (sheet, COL_GROUP, pupil->reg_group, NULL);
      _att_xlsx_text (sheet, COL_SEX, pupil->sex == 'F' ? "F" : "M", NULL);
      _att_xlsx_yes_no (sheet, COL_FSM, pupil->fsm);
      _att_xlsx_text (sheet, COL_SEN, att_sen_to_string (pupil->sen), NULL);
      _att_xlsx_yes_no (sheet, COL_EAL, pupil->eal);
      _att_xlsx_yes_no (sheet, COL_LOOKED_AFTER, pupil->looked_after);
      _att_xlsx_yes_no (sheet, COL_SOCIAL_WORKER, pupil->social_worker);
      _att_xlsx_yes_no (sheet, COL_YOUNG_CARER, pupil->young_carer);
      _att_xlsx_date (x, sheet, COL_ADMISSION, pupil->admission);
      _att_xlsx_date (x, sheet, COL_LEAVING, pupil->leaving);
      _att_xlsx_number (sheet, COL_POSSIBLE, f->possible, NULL);
      _att_xlsx_number (sheet, COL_PRESENT, f->present, NULL);
      _att_xlsx_number (sheet, COL_AEA, f->aea, NULL);
      _att_xlsx_number (sheet, COL_AUTHORISED, f->authorised, NULL);
      _att_xlsx_number (sheet, COL_UNAUTHORISED, f->unauthorised, NULL);
      _att_xlsx_number (sheet, COL_NOT_POSSIBLE, f->not_possible, NULL);
      _att_xlsx_number (sheet, COL_MISSING, f->missing, NULL);
      _att_xlsx_number (sheet, COL_LATE, f->late, NULL);
      _att_xlsx_number (sheet, COL_LATE_AFTER, f->late_after_close, NULL);
      _att_xlsx_fraction (x, sheet, COL_ATTENDANCE, att_figures_attended (f), f->possible);
      _att_xlsx_fraction (x, sheet, COL_AUTHORISED_PCT, f->authorised, f->possible);
      _att_xlsx_fraction (x, sheet, COL_UNAUTHORISED_PCT, f->unauthorised, f->possible);
      _att_xlsx_fraction (x, sheet, COL_ABSENCE, att_figures_absent (f), f->possible);
      _att_xlsx_yes_no (sheet, COL_PERSISTENT, att_figures_persistent (f));
      _att_xlsx_yes_no (sheet, COL_SEVERE, att_figures_severe (f));
      for (guint c = 0; c < n_used; c++)
        _att_xlsx_number (sheet, N_PUPIL_COLUMNS + c, f->codes[used[c]], NULL);
      _att_xlsx_next_row (sheet);
    }

  _att_xlsx_absence_formats (x, sheet, first_row, sheet->row - 1, COL_ATTENDANCE, COL_SEVERE,
                             COL_ABSENCE);
  return TRUE;
}

/* One school session of the period, and where its code is kept. */
typedef struct
{
  AttDate     date;
  AttSession  session;
  int         year;       /* its school year */
  guint       index;      /* its place in that year's codes */
} Slot;

enum
{
  REG_UPN,
  REG_NAME,
  REG_GROUP,
  N_REGISTER_COLUMNS
};

gboolean
_att_xlsx_write_register (AttXlsx  *x,
                          GError  **error)
{
  /* Translators: weekdays as the register sheet heads its days. */
  static const char *weekdays[7] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
                                     N_("Sat"), N_("Sun") };
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  const AttReportPupil *rows;
  guint n_rows;
  g_autofree const char **titles = NULL;
  AttCalendar *calendar = att_db_get_calendar (x->db);
  const AttSessionSlot *sessions;
  guint n_sessions;
  AttXlsxSheet *sheet;

  sessions = att_calendar_get_sessions (calendar, &n_sessions);
  for (guint i = att_calendar_session_index (calendar, x->from);
       i < n_sessions && sessions[i].date <= x->until; i++)
    {
      Slot slot = { sessions[i].date, sessions[i].session, att_date_school_year (sessions[i].date),
                    att_register_slot (att_date_school_year_start (sessions[i].date),
                                       sessions[i].date, sessions[i].session) };

      g_array_append_val (slots, slot);
    }
  if (slots->len + N_REGISTER_COLUMNS > ATT_XLSX_MAX_COLUMNS)
    {
      g_autofree char *first = att_date_format (x->from);
      g_autofree char *last = att_date_format (x->until);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The register from %s to %s has %u sessions, more than a sheet's %u "
                     "columns: choose a shorter period"),
                   first, last, slots->len, ATT_XLSX_MAX_COLUMNS - N_REGISTER_COLUMNS);
      return FALSE;
    }

  rows = att_report_get_pupils (x->report, &n_rows);
  if ((sheet = _att_xlsx_sheet_new (x, _("Register"), error)) == NULL)
    return FALSE;

  /* The day above its sessions, as the register's grid shows it; the
   * table's header below says the session. */
  for (guint j = 0; j < slots->len; j++)
    {
      const Slot *slot = &g_array_index (slots, Slot, j);
      int year, month, day;
      char text[32];

      if (j > 0 && g_array_index (slots, Slot, j - 1).date == slot->date)
        continue;
      att_date_to_ymd (slot->date, &year, &month, &day);
      g_snprintf (text, sizeof text, "%s %02d/%02d", _(weekdays[att_date_weekday (slot->date) - 1]),
                  day, month);
      worksheet_write_string (sheet->sheet, sheet->row, N_REGISTER_COLUMNS + j, text, x->bold);
    }
  _att_xlsx_next_row (sheet);

  titles = g_new0 (const char *, N_REGISTER_COLUMNS + slots->len);
  titles[REG_UPN] = _("UPN");
  titles[REG_NAME] = _("Name");
  titles[REG_GROUP] = _("Group");
  for (guint j = 0; j < slots->len; j++)
    titles[N_REGISTER_COLUMNS + j] = g_array_index (slots, Slot, j).session == ATT_SESSION_AM
                                     ? _("AM") : _("PM");
  _att_xlsx_sheet_header (x, sheet, titles, N_REGISTER_COLUMNS + slots->len, N_REGISTER_COLUMNS);
  for (guint j = 0; j < slots->len; j++)
    _att_xlsx_sheet_set_width (sheet, N_REGISTER_COLUMNS + j, 4);

  for (guint i = 0; i < n_rows; i++)
    {
      AttPupil *pupil = listed_pupil (x, &rows[i]);
      g_autofree char *name = NULL;
      const guint8 *codes = NULL;
      int year = 0;

      if (!_att_xlsx_step (x, (double)i / n_rows, error))
        return FALSE;
      if (pupil == NULL)
        continue;
      name = g_strdup_printf ("%s, %s", att_pupil_get_surname (pupil),
                              att_pupil_get_forename (pupil));
      _att_xlsx_text (sheet, REG_UPN, pupil->upn, NULL);
      _att_xlsx_text (sheet, REG_NAME, name, NULL);
      _att_xlsx_text (sheet, REG_GROUP, pupil->reg_group, NULL);
      for (guint j = 0; j < slots->len; j++)
        {
          const Slot *slot = &g_array_index (slots, Slot, j);
          AttCode code;

          if (pupil->admission == ATT_DATE_NONE || slot->date < pupil->admission ||
              (pupil->leaving != ATT_DATE_NONE && slot->date > pupil->leaving))
            continue;
          /* The pupil's codes for the school year, read once. */
          if (slot->year != year)
            {
              year = slot->year;
              codes = att_register_year_codes (x->db, pupil->id, year);
            }
          if (codes == NULL || (code = codes[slot->index]) == ATT_CODE_NONE || code >= ATT_CODE_N_CODES)
            continue;
          worksheet_write_string (sheet->sheet, sheet->row, N_REGISTER_COLUMNS + j,
                                  att_code_to_string (code),
                                  x->code_group[att_code_info (code)->group]);
        }
      _att_xlsx_next_row (sheet);
    }
  return TRUE;
}
