/* att-letter-batch-pupil.c: one pupil's letter from a stored template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The letters of a case (a meeting's invitation and outcome, an
 * attendance contract, a notice to improve) are written to one family at
 * a time, not from the due list. They are merged like the ladder's
 * letters: the pupil, the school, the signatory and the figures of the
 * school year up to the letter's date, with what the caller knows (the
 * meeting's date, the target...) over them, one letter per address.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-db-private.h"
#include "att-error.h"
#include "att-letter-batch-private.h"
#include "att-letter-templates.h"
#include "att-stats.h"

/* @values with every registered field @extra has a value for taken from
 * @extra; when @extra has rows of its own, they are the table instead of
 * the school year's absences. A new set of values. */
static AttLetterValues *
overlay_values (const AttLetterValues *values,
                const AttLetterValues *extra)
{
  g_autoptr(GPtrArray) fields = NULL;
  const AttLetterValues *under, *over;
  AttLetterValues *merged;

  if (extra == NULL)
    return att_letter_values_copy (values);
  /* The copy keeps its rows: start from the one whose rows stay. */
  if (att_letter_values_get_rows (extra)->len > 0)
    {
      merged = att_letter_values_copy (extra);
      under = values;
      over = extra;
    }
  else
    {
      merged = att_letter_values_copy (values);
      under = NULL;
      over = extra;
    }
  fields = att_letter_fields ();
  for (guint i = 0; i < fields->len; i++)
    {
      const AttLetterField *field = g_ptr_array_index (fields, i);
      const char *value = att_letter_values_get (over, field->name);

      if (value == NULL && under != NULL)
        value = att_letter_values_get (under, field->name);
      if (value != NULL)
        att_letter_values_set (merged, field->name, value);
    }
  return merged;
}

/* The values every one-pupil letter has: those a ladder letter has, with
 * the school year up to @letter_date as its period. */
static gboolean
fill_pupil_values (AttDb            *db,
                   AttPupil         *pupil,
                   AttDate           letter_date,
                   AttDate           year_from,
                   const AttFigures *year,
                   AttLetterValues  *values,
                   GError          **error)
{
  g_autoptr(AttLetterhead) letterhead = att_letterhead_load (db);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GPtrArray *rows;

  att_letter_values_set_pupil (values, pupil);
  att_letter_values_set_school (values, db);
  att_letter_values_set_signatory (values, letterhead->signatory_name, letterhead->signatory_role);
  att_letter_values_set_letter_date (values, letter_date);
  if (!att_letter_values_set_figures (values, db, pupil->id, year_from, letter_date, error)
      || !att_letter_values_set_rolling (values, db, pupil->id, letter_date, error)
      || !att_letter_values_set_absences (values, db, pupil->id, year_from, letter_date, error))
    return FALSE;
  att_letter_values_set (values, "figures.left_out", "");

  /* absences.list from the table's rows, as the ladder writes it. */
  rows = att_letter_values_get_rows (values);
  for (guint i = 0; i < rows->len; i++)
    {
      const AttLetterRow *row = g_ptr_array_index (rows, i);
      g_autofree char *day = att_letter_format_date (row->date, ATT_LETTER_DATE_SHORT);

      g_string_append_printf (list, "%s%s %s (%s)", list->len > 0 ? ", " : "", day,
                              row->session == ATT_SESSION_AM ? _("am") : _("pm"), row->code);
    }
  att_letter_values_set (values, "absences.list", list->str);

  a = att_letter_format_date (year_from, ATT_LETTER_DATE_LONG);
  b = att_letter_format_date (letter_date, ATT_LETTER_DATE_LONG);
  att_letter_values_set_printf (values, "year.period", _("%s to %s"), a, b);
  att_letter_values_set_printf (values, "year.attendance", "%.1f%%", att_figures_attendance_pct (year));
  att_letter_values_set_printf (values, "year.possible", "%u", year->possible);
  att_letter_values_set_printf (values, "year.attended", "%u", att_figures_attended (year));
  att_letter_values_set_printf (values, "year.absent", "%u", att_figures_absent (year));
  att_letter_values_set_printf (values, "report.target", "%g%%", att_letters_target (db));
  att_letter_values_set (values, "report.band", "");
  att_letter_values_set (values, "report.note", "");
  return TRUE;
}

AttLetterBatch *
att_letter_batch_new_for_pupil (AttDb                 *db,
                                gint64                 pupil_id,
                                const char            *template_name,
                                const AttLetterValues *extra,
                                AttDate                letter_date,
                                GError               **error)
{
  g_autoptr(AttLetterBatch) self = NULL;
  g_autoptr(AttLetterTemplate) tmpl = NULL;
  g_autoptr(AttLetterValues) values = NULL;
  g_autoptr(AttLetterValues) merged = NULL;
  g_autoptr(AttLetterRecord) record = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autofree char *title = NULL;
  AttFigures year;
  AttDate year_from;
  AttPupil *pupil;
  gint64 seen = 0;
  gboolean begun, ok;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (template_name != NULL, NULL);
  g_return_val_if_fail (letter_date != ATT_DATE_NONE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return NULL;
  tmpl = att_letter_templates_get (db, template_name, error);
  if (tmpl == NULL)
    return NULL;

  /* Translators: the title of one family's letter, "Amina Khan: meeting-outcome" */
  title = g_strdup_printf (_("%s: %s"), att_pupil_get_display_name (pupil), template_name);
  self = att_letter_batch_new (title);

  /* One snapshot of the register for the figures and the history seen. */
  begun = att_db_begin_read (db);
  year_from = att_date_school_year_start (letter_date);
  recipients = att_letter_batch_recipients (self, db, pupil, ATT_LETTER_POST, error);
  ok = recipients != NULL
       && att_letters_marks_seen (db, &seen, error)
       && att_stats_pupil (db, pupil->id, year_from, letter_date, &year, error);
  if (ok && recipients->len > 0)
    {
      values = att_letter_values_new ();
      ok = fill_pupil_values (db, pupil, letter_date, year_from, &year, values, error);
    }
  att_db_end_read (db, begun);
  if (!ok)
    return NULL;
  if (recipients->len == 0)
    return g_steal_pointer (&self);

  merged = overlay_values (values, extra);
  att_letter_batch_check_figures (self, pupil, &year, year_from, letter_date);

  record = att_letter_record_new ();
  record->kind = g_strdup (template_name);
  record->date = letter_date;
  record->period_from = year_from;
  record->period_to = letter_date;
  record->figures = att_letter_batch_figures_json (&year);
  record->posted = ATT_DATE_NONE;
  record->marks_seen = seen;
  if (!att_letter_batch_add_letters (self, pupil, recipients, tmpl, merged, record, ATT_LETTER_POST,
                                     FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}
