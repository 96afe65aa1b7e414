/* att-letters-due-values.c: what a due letter merges, and the school
 * days the ladder counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-codes.h"
#include "att-db-private.h"
#include "att-ladder.h"
#include "att-letter-templates.h"
#include "att-letters-due-private.h"
#include "att-stats.h"

/* ------------------------------------------------------------------ */
/* School days                                                        */
/* ------------------------------------------------------------------ */

/* The school day @n school days after @date, or ATT_DATE_NONE past the
 * calendar. */
AttDate
_att_school_day_after (AttCalendar *calendar,
                       AttDate      date,
                       guint        n)
{
  guint n_slots, days = 0;
  const AttSessionSlot *slots = att_calendar_get_sessions (calendar, &n_slots);
  AttDate last = ATT_DATE_NONE;

  for (guint i = att_calendar_session_index (calendar, date + 1); i < n_slots; i++)
    if (slots[i].date != last)
      {
        last = slots[i].date;
        if (++days == n)
          return last;
      }
  return ATT_DATE_NONE;
}

/* The monitoring period after a letter dated @letter_date: from the
 * next school day to the last school day of the @weeks-th school week
 * counted from that day's. FALSE when the calendar does not reach. */
gboolean
_att_monitoring_period (AttCalendar *calendar,
                        AttDate      letter_date,
                        guint        weeks,
                        AttDate     *first,
                        AttDate     *last)
{
  guint n_slots, i;
  const AttSessionSlot *slots = att_calendar_get_sessions (calendar, &n_slots);
  guint32 week;

  i = att_calendar_session_index (calendar, letter_date + 1);
  if (i >= n_slots)
    return FALSE;
  *first = slots[i].date;
  week = slots[i].week + weeks - 1;
  *last = *first;
  for (; i < n_slots && slots[i].week <= week; i++)
    *last = slots[i].date;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* A row's letter                                                     */
/* ------------------------------------------------------------------ */

char *
att_letters_due_figures_json (const AttLetterDue *due)
{
  GString *out;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (due != NULL, NULL);

  out = g_string_new ("{\"stage\": ");
  att_json_append_string (out, due->stage);
  g_string_append_printf (out, ", \"attendance\": %s",
                          g_ascii_formatd (number, sizeof number, "%.1f", due->figures.attendance));
  g_string_append_printf (out, ", \"possible\": %u, \"present\": %u, \"authorised\": %u, "
                          "\"unauthorised\": %u, \"rolling_unauthorised\": %u, \"lates\": %u, "
                          "\"agreed_leave\": %u, \"medical\": %u",
                          due->figures.possible, due->figures.present, due->figures.authorised,
                          due->figures.unauthorised, due->figures.rolling_unauthorised,
                          due->figures.lates, due->figures.agreed_leave, due->figures.medical);
  g_string_append_printf (out, ", \"improvement\": %s}",
                          g_ascii_formatd (number, sizeof number, "%.1f", due->figures.improvement));
  return g_string_free (out, FALSE);
}

static char *
time_text (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

gboolean
att_letters_due_fill_values (AttDb               *db,
                             const AttLetterDue  *due,
                             AttLetterValues     *values,
                             GError             **error)
{
  g_autoptr(AttLadderStage) stage = NULL;
  g_autoptr(AttLetterhead) letterhead = NULL;
  g_autoptr(AttLetterValues) absences = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  GPtrArray *rows;
  AttFigures year;
  AttPupil *pupil;
  gboolean warning;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (due != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  att_letter_templates_register_fields ();
  pupil = att_pupils_get_or_error (db, due->pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  stage = att_ladder_get (db, due->stage, error);
  if (stage == NULL)
    return FALSE;
  warning = att_ladder_condition_is_warning (stage->condition);

  att_letter_values_set_pupil (values, pupil);
  att_letter_values_set_school (values, db);
  letterhead = att_letterhead_load (db);
  att_letter_values_set_signatory (values, letterhead->signatory_name, letterhead->signatory_role);
  att_letter_values_set_letter_date (values, due->period_to);
  if (!att_letter_values_set_figures (values, db, due->pupil_id, due->period_from, due->period_to, error) ||
      !att_letter_values_set_rolling (values, db, due->pupil_id, due->period_to, error))
    return FALSE;
  /* The row's own figures: a warning's leave out agreed leave and
   * medical absences. */
  att_letter_values_set_printf (values, "figures.attendance", "%.1f%%", due->figures.attendance);
  att_letter_values_set_printf (values, "figures.possible", "%u", due->figures.possible);
  att_letter_values_set_printf (values, "figures.attended", "%u", due->figures.present);
  att_letter_values_set_printf (values, "figures.absent", "%u",
                                due->figures.authorised + due->figures.unauthorised);
  att_letter_values_set_printf (values, "figures.authorised", "%u", due->figures.authorised);
  att_letter_values_set_printf (values, "figures.unauthorised", "%u", due->figures.unauthorised);
  if (due->figures.agreed_leave > 0 || due->figures.medical > 0)
    {
      /* Translators: "%s" is the list of what was left out */
      g_autofree char *leave = due->figures.agreed_leave > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session of leave the school agreed",
                                        "%u sessions of leave the school agreed", due->figures.agreed_leave),
                           due->figures.agreed_leave)
        : NULL;
      g_autofree char *medical = due->figures.medical > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u absence covered by medical evidence",
                                        "%u absences covered by medical evidence", due->figures.medical),
                           due->figures.medical)
        : NULL;
      g_autofree char *both = leave != NULL && medical != NULL
        ? g_strdup_printf (_("%s and %s"), leave, medical)
        : g_strdup (leave != NULL ? leave : medical);

      att_letter_values_set_printf (values, "figures.left_out",
                                    _("These figures do not count %s."), both);
    }
  else
    att_letter_values_set (values, "figures.left_out", "");

  /* The table of absences, without the sessions left out. */
  absences = att_letter_values_new ();
  if (!att_letter_values_set_absences (absences, db, due->pupil_id,
                                       stage->condition == ATT_LADDER_UNAUTHORISED
                                       ? MIN (due->period_from, att_date_school_year_start (due->period_to))
                                       : due->period_from,
                                       due->period_to, error))
    return FALSE;
  rows = att_letter_values_get_rows (absences);
  {
    g_autoptr(GHashTable) left_out = g_hash_table_new (g_direct_hash, g_direct_equal);

    if (warning)
      {
        g_autoptr(GPtrArray) evidence = att_medical_evidence_list (db, due->pupil_id, error);
        g_autoptr(GPtrArray) leave = NULL;
        sqlite3_stmt *stmt;

        if (evidence == NULL)
          return FALSE;
        for (guint i = 0; i < rows->len; i++)
          {
            AttLetterRow *row = g_ptr_array_index (rows, i);

            for (guint e = 0; e < evidence->len; e++)
              {
                AttMedicalEvidence *item = g_ptr_array_index (evidence, e);

                if (row->date >= item->from && row->date <= item->to)
                  g_hash_table_add (left_out, GUINT_TO_POINTER ((guint)row->date * 2 + row->session));
              }
          }
        stmt = att_db_prepare (db,
                               "SELECT s.date, s.session FROM leave_sessions s JOIN leave_requests r "
                               "ON r.id = s.leave_id WHERE s.pupil_id = ? AND s.state = 'agreed' "
                               "AND r.status IN ('approved', 'partly-approved')",
                               error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, due->pupil_id);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_hash_table_add (left_out, GUINT_TO_POINTER ((guint)sqlite3_column_int (stmt, 0) * 2 +
                                                        (guint)sqlite3_column_int (stmt, 1)));
        sqlite3_reset (stmt);
      }
    for (guint i = 0; i < rows->len; i++)
      {
        AttLetterRow *row = g_ptr_array_index (rows, i);
        const AttCodeInfo *info;
        g_autofree char *day = NULL;
        AttCode code;

        if (g_hash_table_contains (left_out, GUINT_TO_POINTER ((guint)row->date * 2 + row->session)))
          continue;
        /* A letter about unauthorised absence lists the unauthorised
         * sessions of the rolling window. */
        code = att_code_lookup (row->code);
        info = code != ATT_CODE_NONE ? att_code_info (code) : NULL;
        if (stage->condition == ATT_LADDER_UNAUTHORISED &&
            (info == NULL || info->meaning != ATT_MEANING_UNAUTHORISED))
          continue;
        att_letter_values_add_row (values, row->date, row->session, row->code, row->meaning);
        day = att_letter_format_date (row->date, ATT_LETTER_DATE_SHORT);
        g_string_append_printf (list, "%s%s %s (%s)", list->len > 0 ? ", " : "", day,
                                row->session == ATT_SESSION_AM ? _("am") : _("pm"), row->code);
      }
  }
  att_letter_values_set (values, "absences.list", list->str);
  att_letter_values_set (values, "absences.table", "");

  att_letter_values_set (values, "stage.name", stage->name);
  att_letter_values_set (values, "stage.title", stage->title);
  if (stage->meeting_days > 0)
    {
      g_autofree char *time = time_text (stage->meeting_time);

      att_letter_values_set_date (values, "meeting.date",
                                  _att_school_day_after (att_db_get_calendar (db), due->period_to,
                                                    stage->meeting_days));
      att_letter_values_set (values, "meeting.time", time);
      att_letter_values_set (values, "meeting.place", stage->meeting_place);
    }
  else
    {
      att_letter_values_set (values, "meeting.date", "");
      att_letter_values_set (values, "meeting.time", "");
      att_letter_values_set (values, "meeting.place", "");
    }
  if (stage->monitor_weeks > 0)
    {
      AttDate first, last;

      if (_att_monitoring_period (att_db_get_calendar (db), due->period_to, stage->monitor_weeks, &first, &last))
        att_letter_values_set_date (values, "monitoring.until", last);
      else
        att_letter_values_set (values, "monitoring.until", "");
      att_letter_values_set_printf (values, "monitoring.target", "%g%%", stage->monitor_percent);
    }
  else
    {
      att_letter_values_set (values, "monitoring.until", "");
      att_letter_values_set (values, "monitoring.target", "");
    }
  att_letter_values_set_printf (values, "figures.improvement", "%.1f", due->figures.improvement);
  att_letter_values_set_printf (values, "figures.previous_attendance", "%.1f%%",
                                due->figures.attendance - due->figures.improvement);

  if (!att_stats_pupil (db, due->pupil_id, att_date_school_year_start (due->period_to), due->period_to,
                        &year, error))
    return FALSE;
  {
    g_autofree char *a = att_letter_format_date (att_date_school_year_start (due->period_to),
                                                 ATT_LETTER_DATE_LONG);
    g_autofree char *b = att_letter_format_date (due->period_to, ATT_LETTER_DATE_LONG);

    att_letter_values_set_printf (values, "year.period", _("%s to %s"), a, b);
  }
  att_letter_values_set_printf (values, "year.attendance", "%.1f%%", att_figures_attendance_pct (&year));
  att_letter_values_set_printf (values, "year.possible", "%u", year.possible);
  att_letter_values_set_printf (values, "year.attended", "%u", att_figures_attended (&year));
  att_letter_values_set_printf (values, "year.absent", "%u", att_figures_absent (&year));
  att_letter_values_set_printf (values, "report.target", "%g%%", att_letters_target (db));
  att_letter_values_set (values, "report.band", "");
  att_letter_values_set (values, "report.note", "");
  return TRUE;
}
