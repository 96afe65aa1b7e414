/* att-letter-batch-due.c: batches from the due list and from the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stage's letter is merged from the due row's values (the ladder's own
 * reading of the figures, att_letters_due_fill_values()). A letter read
 * back from the log is merged again from what the log kept: its template
 * and version, its period, its date and its addressee, so a copy says
 * what the first print said as long as no mark of its period changed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "att-db-private.h"
#include "att-error.h"
#include "att-leave.h"
#include "att-letter-batch-private.h"
#include "att-letter-templates.h"
#include "att-letters-due.h"

gboolean
att_letter_batch_stage_is_legal_warning (const AttLadderStage *stage)
{
  g_return_val_if_fail (stage != NULL, FALSE);

  /* The formal warning at the penalty threshold: past it, the school
   * must consider a penalty notice (domain.md, National Framework). */
  return stage->condition == ATT_LADDER_UNAUTHORISED && stage->count >= ATT_THRESHOLD_SESSIONS;
}

static AttLadderStage *
find_stage (GPtrArray  *ladder,
            const char *name)
{
  for (guint i = 0; ladder != NULL && i < ladder->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (ladder, i);

      if (g_strcmp0 (stage->name, name) == 0)
        return stage;
    }
  return NULL;
}

/* The stage's letter goes to the first recipient only when it says so. */
static void
keep_first_only (GPtrArray *recipients)
{
  if (recipients->len > 1)
    g_ptr_array_remove_range (recipients, 1, recipients->len - 1);
}

static gboolean
add_due_row (AttLetterBatch      *self,
             AttDb               *db,
             const AttLetterDue  *due,
             AttLadderStage      *stage,
             AttDate              letter_date,
             gint64               seen,
             GHashTable          *templates,
             GError             **error)
{
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(AttLetterValues) values = NULL;
  g_autoptr(AttLetterRecord) record = NULL;
  AttLetterTemplate *tmpl;
  AttFigures figures;
  AttPupil *pupil;

  pupil = att_pupils_get_or_error (db, due->pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  tmpl = g_hash_table_lookup (templates, due->template_name);
  if (tmpl == NULL)
    {
      tmpl = att_letter_templates_get (db, due->template_name, error);
      if (tmpl == NULL)
        return FALSE;
      g_hash_table_insert (templates, g_strdup (due->template_name), tmpl);
    }
  recipients = att_letter_batch_recipients (self, db, pupil, due->delivery, error);
  if (recipients == NULL)
    return FALSE;
  if (recipients->len == 0)
    return TRUE;
  if (stage != NULL && stage->recipients == ATT_LADDER_TO_FIRST)
    keep_first_only (recipients);

  values = att_letter_values_new ();
  if (!att_letters_due_fill_values (db, due, values, error))
    return FALSE;
  att_letter_values_set_letter_date (values, letter_date);
  if (!att_stats_pupil (db, pupil->id, due->period_from, due->period_to, &figures, error))
    return FALSE;
  att_letter_batch_check_figures (self, pupil, &figures, due->period_from, due->period_to);

  record = att_letter_record_new ();
  record->kind = g_strdup (due->stage);
  record->date = letter_date;
  record->posted = ATT_DATE_NONE;
  record->period_from = due->period_from;
  record->period_to = due->period_to;
  record->figures = att_letters_due_figures_json (due);
  record->marks_seen = seen;
  return att_letter_batch_add_letters (self, pupil, recipients, tmpl, values, record, due->delivery,
                                       stage != NULL && att_letter_batch_stage_is_legal_warning (stage),
                                       error);
}

AttLetterBatch *
att_letter_batch_new_from_due (AttDb       *db,
                               GPtrArray   *due,
                               AttDate      letter_date,
                               GError     **error)
{
  g_autoptr(AttLetterBatch) self = NULL;
  g_autoptr(GPtrArray) ladder = NULL;
  g_autoptr(GHashTable) templates = NULL;
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  gint64 seen = 0;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (due != NULL, NULL);
  g_return_val_if_fail (letter_date != ATT_DATE_NONE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ladder = att_ladder_load (db, error);
  if (ladder == NULL || !att_letters_marks_seen (db, &seen, error))
    return NULL;
  day = att_letter_format_date (letter_date, ATT_LETTER_DATE_HEADING);
  /* Translators: the title of a batch of letters, "Attendance letters, 20 November 2026" */
  title = g_strdup_printf (_("Attendance letters, %s"), day);
  self = att_letter_batch_new (title);
  templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)att_letter_template_unref);

  begun = att_db_begin_read (db);
  for (guint i = 0; i < due->len; i++)
    {
      const AttLetterDue *row = g_ptr_array_index (due, i);

      if (row->status != ATT_LETTER_DUE_DUE)
        continue;
      if (!add_due_row (self, db, row, find_stage (ladder, row->stage), letter_date, seen,
                        templates, error))
        {
          att_db_end_read (db, begun);
          return NULL;
        }
    }
  att_db_end_read (db, begun);
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* From the log                                                       */
/* ------------------------------------------------------------------ */

/* The recipient the log names: the contacts it names as they are now when
 * they are still at one address (or, for an e-mail, share one), otherwise the addressee and address as
 * printed. */
static AttLetterRecipient *
logged_recipient (AttDb                  *db,
                  const AttLetterRecord  *record,
                  GError                **error)
{
  g_autoptr(GPtrArray) recipients = att_letter_recipients_for_pupil_by (db, record->pupil_id,
                                                                        record->delivery, error);
  AttLetterRecipient *recipient;
  g_autoptr(GPtrArray) names = NULL;

  if (recipients == NULL)
    return NULL;
  for (guint i = 0; i < recipients->len; i++)
    {
      g_autoptr(AttLetterRecord) probe = att_letter_record_new ();
      AttLetterRecipient *now = g_ptr_array_index (recipients, i);

      att_letter_record_set_recipient (probe, now);
      if (g_strcmp0 (probe->contact_ids, record->contact_ids) == 0)
        {
          /* The address as printed: a copy goes where the letter went. */
          g_strfreev (now->address);
          now->address = g_strsplit (record->address != NULL ? record->address : "", "\n", -1);
          return g_ptr_array_steal_index (recipients, i);
        }
    }
  recipient = g_new0 (AttLetterRecipient, 1);
  recipient->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
  recipient->addressee = g_strdup (record->recipient);
  recipient->title = g_strdup ("");
  recipient->salutation = g_strdup_printf (_("Dear %s"), record->recipient);
  recipient->address = g_strsplit (record->address != NULL ? record->address : "", "\n", -1);
  return recipient;
}

static gboolean
leave_letter_parse (const char     *kind,
                    AttLeaveLetter *letter)
{
  for (guint i = 0; i < ATT_LEAVE_N_LETTERS; i++)
    if (g_strcmp0 (kind, att_leave_letter_to_string (i)) == 0)
      {
        *letter = i;
        return TRUE;
      }
  return FALSE;
}

/* The values a logged letter was merged from, read again; @record's
 * figures are set to the figures as they are now. */
static AttLetterValues *
values_for_record (AttDb            *db,
                   AttPupil         *pupil,
                   AttLetterRecord  *record,
                   AttDate           date,
                   gboolean         *legal_warning,
                   GError          **error)
{
  g_autoptr(AttLetterValues) values = NULL;
  g_autoptr(AttLadderStage) stage = NULL;
  g_autoptr(AttLetterDue) due = NULL;
  AttFigures figures;
  AttLeaveLetter letter;

  *legal_warning = FALSE;
  if (g_strcmp0 (record->kind, ATT_LETTER_HALF_TERM_KIND) == 0)
    {
      AttFigures year;

      values = att_letter_values_new ();
      if (!att_letter_batch_half_term_fill (db, pupil, record->date, values, record, &year, error))
        return NULL;
      att_letter_values_set_letter_date (values, date);
      record->date = date;
      return g_steal_pointer (&values);
    }
  if (record->reference != NULL && g_str_has_prefix (record->reference, "leave:")
      && leave_letter_parse (record->kind, &letter))
    {
      g_autoptr(AttLeave) leave = att_leave_get (db, g_ascii_strtoll (record->reference + 6, NULL, 10),
                                                 error);

      if (leave == NULL)
        return NULL;
      values = att_leave_letter_values (db, leave, letter, date, error);
      if (values == NULL)
        return NULL;
      att_letter_values_set_pupil (values, pupil);
      att_letter_values_set_school (values, db);
      {
        g_autoptr(AttLetterhead) head = att_letterhead_load (db);

        att_letter_values_set_signatory (values, head->signatory_name, head->signatory_role);
      }
      att_letter_values_set_letter_date (values, date);
      return g_steal_pointer (&values);
    }

  /* A stage of the ladder: the due row it was, rebuilt from the log. */
  if (record->period_from == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Letter %" G_GINT64_FORMAT " (%s) has no period in the log, so it cannot be "
                     "made again"), record->id, record->kind);
      return NULL;
    }
  stage = att_ladder_get (db, record->kind, NULL);
  if (stage != NULL)
    *legal_warning = att_letter_batch_stage_is_legal_warning (stage);
  due = g_new0 (AttLetterDue, 1);
  due->pupil_id = record->pupil_id;
  due->upn = g_strdup (pupil->upn);
  due->name = g_strdup (att_pupil_get_display_name (pupil));
  due->group = g_strdup (pupil->reg_group);
  due->year_group = pupil->year_group;
  due->stage = g_strdup (record->kind);
  due->stage_title = g_strdup (stage != NULL ? stage->title : record->kind);
  due->template_name = g_strdup (record->template_name);
  due->delivery = record->delivery;
  due->status = ATT_LETTER_DUE_DUE;
  due->period_from = record->period_from;
  due->period_to = record->period_to;
  /* The figures as they are now, counted as the due list counts them. */
  if (!att_stats_pupil (db, pupil->id, record->period_from, record->period_to, &figures, error))
    return NULL;
  if (stage != NULL)
    {
      if (!att_letters_due_stage_figures (db, stage, pupil->id, record->period_from, record->period_to,
                                          &due->figures, error))
        return NULL;
    }
  else
    {
      due->figures.attendance = att_figures_attendance_pct (&figures);
      due->figures.possible = figures.possible;
      due->figures.present = att_figures_attended (&figures);
      due->figures.authorised = figures.authorised;
      due->figures.unauthorised = figures.unauthorised;
      due->figures.lates = figures.late + figures.late_after_close;
    }
  values = att_letter_values_new ();
  if (!att_letters_due_fill_values (db, due, values, error))
    return NULL;
  att_letter_values_set_letter_date (values, date);
  g_free (record->figures);
  record->figures = att_letters_due_figures_json (due);
  return g_steal_pointer (&values);
}

typedef enum
{
  FROM_LOG_REPRINT,
  FROM_LOG_REGENERATE,
} FromLog;

static AttLetterBatch *
new_from_log (AttDb    *db,
              GArray   *letter_ids,
              FromLog   how,
              AttDate   letter_date,
              GError  **error)
{
  g_autoptr(AttLetterBatch) self = NULL;
  gint64 seen = 0;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (letter_ids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (how == FROM_LOG_REGENERATE && !att_letters_marks_seen (db, &seen, error))
    return NULL;
  self = att_letter_batch_new (how == FROM_LOG_REPRINT ? _("Letters printed again")
                                                       : _("Letters made again"));
  self->reprint = how == FROM_LOG_REPRINT;

  for (guint i = 0; i < letter_ids->len; i++)
    {
      gint64 id = g_array_index (letter_ids, gint64, i);
      g_autoptr(AttLetterRecord) logged = att_letters_get (db, id, error);
      g_autoptr(AttLetterRecord) record = NULL;
      g_autoptr(AttLetterRecipient) recipient = NULL;
      g_autoptr(AttLetterValues) values = NULL;
      g_autoptr(AttLetterTemplate) tmpl = NULL;
      g_autoptr(GPtrArray) recipients = NULL;
      gboolean out_of_date = FALSE, legal_warning = FALSE;
      AttPupil *pupil;
      guint before;

      if (logged == NULL)
        return NULL;
      if (logged->delivery == ATT_LETTER_TEXT)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("Letter %" G_GINT64_FORMAT " was a text message to %s: there is no letter "
                         "to print"), id, logged->recipient);
          return NULL;
        }
      if (!att_letters_is_out_of_date (db, logged, &out_of_date, error))
        return NULL;
      if (how == FROM_LOG_REPRINT && out_of_date)
        {
          if (logged->posted == ATT_DATE_NONE)
            g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                         _("Letter %" G_GINT64_FORMAT " to %s is out of date: a mark of its period "
                           "was entered or changed after it was prepared, so its figures are no longer "
                           "right; make it again (letters regenerate %" G_GINT64_FORMAT ")"),
                         id, logged->recipient, id);
          else
            g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                         _("Letter %" G_GINT64_FORMAT " to %s was posted, and a mark of its period has "
                           "changed since, so a copy would not say what it said; the log keeps the "
                           "figures it quoted (letters log)"), id, logged->recipient);
          return NULL;
        }
      if (how == FROM_LOG_REGENERATE && logged->posted != ATT_DATE_NONE)
        {
          g_autofree char *posted = att_date_format_long (logged->posted);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("Letter %" G_GINT64_FORMAT " to %s went on %s: a letter sent is not made "
                         "again; the due list says whether another is due"),
                       id, logged->recipient, posted);
          return NULL;
        }

      pupil = att_pupils_get_or_error (db, logged->pupil_id, error);
      if (pupil == NULL)
        return NULL;
      record = att_letter_batch_record_copy (logged);
      values = values_for_record (db, pupil, record,
                                  how == FROM_LOG_REPRINT ? logged->date : letter_date,
                                  &legal_warning, error);
      if (values == NULL)
        return NULL;
      tmpl = how == FROM_LOG_REPRINT
             ? att_letter_templates_get_version (db, logged->template_name, logged->template_version, error)
             : att_letter_templates_get (db, logged->template_name, error);
      if (tmpl == NULL)
        return NULL;
      recipient = logged_recipient (db, logged, error);
      if (recipient == NULL)
        return NULL;
      recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_recipient_free);
      g_ptr_array_add (recipients, g_steal_pointer (&recipient));

      if (how == FROM_LOG_REGENERATE)
        {
          record->id = 0;
          record->date = letter_date;
          record->posted = ATT_DATE_NONE;
          record->marks_seen = seen;
          g_clear_pointer (&record->who, g_free);
          g_clear_pointer (&record->position, g_free);
          record->at = 0;
        }
      before = self->items->len;
      if (!att_letter_batch_add_letters (self, pupil, recipients, tmpl, values, record,
                                         logged->delivery, legal_warning, error))
        return NULL;
      for (guint k = before; k < self->items->len; k++)
        {
          AttLetterBatchItem *item = g_ptr_array_index (self->items, k);

          /* The copy keeps the log's own record: its id, addressee and
           * address as they were printed. */
          if (how == FROM_LOG_REPRINT)
            {
              att_letter_record_free (item->record);
              item->record = att_letter_batch_record_copy (logged);
            }
          else
            {
              g_free (item->record->address);
              item->record->address = g_strdup (logged->address);
              g_free (item->record->recipient);
              item->record->recipient = g_strdup (logged->recipient);
              g_free (item->record->contact_ids);
              item->record->contact_ids = g_strdup (logged->contact_ids);
            }
        }
    }
  return g_steal_pointer (&self);
}

AttLetterBatch *
att_letter_batch_new_from_log (AttDb   *db,
                               GArray  *letter_ids,
                               GError **error)
{
  return new_from_log (db, letter_ids, FROM_LOG_REPRINT, ATT_DATE_NONE, error);
}

AttLetterBatch *
att_letter_batch_new_regenerated (AttDb    *db,
                                  GArray   *letter_ids,
                                  AttDate   letter_date,
                                  GError  **error)
{
  g_return_val_if_fail (letter_date != ATT_DATE_NONE, NULL);

  return new_from_log (db, letter_ids, FROM_LOG_REGENERATE, letter_date, error);
}
