/* att-letter-batch.c: a batch of letters, from letters due to letters sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building a batch reads everything a letter needs and merges it, so
 * that what is printed, what is logged and what the data check says all
 * come from the same reading. The half-termly report is here too; the
 * batch from the due list and the reprint of stage letters are in
 * att-letter-batch-due.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-file.h"
#include "att-import.h"
#include "att-letter-batch-private.h"
#include "att-letter-templates.h"
#include "att-stats.h"

/* ------------------------------------------------------------------ */
/* Items and batches                                                  */
/* ------------------------------------------------------------------ */

void
att_letter_batch_item_free (AttLetterBatchItem *item)
{
  if (item == NULL)
    return;
  g_free (item->upn);
  g_free (item->pupil_name);
  g_clear_pointer (&item->recipient, att_letter_recipient_free);
  g_clear_pointer (&item->text, att_letter_text_free);
  g_free (item->message);
  g_clear_pointer (&item->record, att_letter_record_free);
  g_free (item);
}

static AttLetterRecipient *
recipient_copy (const AttLetterRecipient *recipient)
{
  AttLetterRecipient *copy = g_new0 (AttLetterRecipient, 1);

  copy->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
  for (guint i = 0; recipient->contacts != NULL && i < recipient->contacts->len; i++)
    g_ptr_array_add (copy->contacts, att_contact_copy (g_ptr_array_index (recipient->contacts, i)));
  copy->addressee = g_strdup (recipient->addressee);
  copy->title = g_strdup (recipient->title);
  copy->salutation = g_strdup (recipient->salutation);
  copy->address = g_strdupv (recipient->address);
  copy->email = g_strdup (recipient->email);
  copy->mobile = g_strdup (recipient->mobile);
  return copy;
}

AttLetterRecord *
att_letter_batch_record_copy (const AttLetterRecord *record)
{
  AttLetterRecord *copy = att_letter_record_new ();

  *copy = *record;
  copy->upn = g_strdup (record->upn);
  copy->contact_ids = g_strdup (record->contact_ids);
  copy->recipient = g_strdup (record->recipient);
  copy->address = g_strdup (record->address);
  copy->kind = g_strdup (record->kind);
  copy->reference = g_strdup (record->reference);
  copy->template_name = g_strdup (record->template_name);
  copy->subject = g_strdup (record->subject);
  copy->figures = g_strdup (record->figures);
  copy->who = g_strdup (record->who);
  copy->position = g_strdup (record->position);
  return copy;
}

static AttLetterBatchItem *
item_copy (const AttLetterBatchItem *item)
{
  AttLetterBatchItem *copy = g_new0 (AttLetterBatchItem, 1);

  copy->pupil_id = item->pupil_id;
  copy->upn = g_strdup (item->upn);
  copy->pupil_name = g_strdup (item->pupil_name);
  copy->recipient = recipient_copy (item->recipient);
  copy->text = att_letter_text_copy (item->text);
  copy->message = g_strdup (item->message);
  copy->record = att_letter_batch_record_copy (item->record);
  copy->delivery = item->delivery;
  copy->legal_warning = item->legal_warning;
  return copy;
}

static AttLetterProblem *
problem_copy (const AttLetterProblem *problem)
{
  AttLetterProblem *copy = g_new0 (AttLetterProblem, 1);

  *copy = *problem;
  copy->message = g_strdup (problem->message);
  return copy;
}

G_DEFINE_BOXED_TYPE (AttLetterBatch, att_letter_batch, att_letter_batch_ref, att_letter_batch_unref)

AttLetterBatch *
att_letter_batch_new (const char *title)
{
  AttLetterBatch *self = g_new0 (AttLetterBatch, 1);

  g_ref_count_init (&self->ref_count);
  self->title = g_strdup (title);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_batch_item_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);
  self->problem_delivery = g_hash_table_new (NULL, NULL);
  return self;
}

AttLetterBatch *
att_letter_batch_ref (AttLetterBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
att_letter_batch_unref (AttLetterBatch *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->problems);
  g_hash_table_unref (self->problem_delivery);
  g_free (self);
}

const char *
att_letter_batch_get_title (AttLetterBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

GPtrArray *
att_letter_batch_get_items (AttLetterBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->items;
}

guint
att_letter_batch_get_n_items (AttLetterBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

GPtrArray *
att_letter_batch_get_problems (AttLetterBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

AttLetterBatch *
att_letter_batch_select (AttLetterBatch    *self,
                         AttLetterDelivery  delivery)
{
  AttLetterBatch *selected;
  g_autoptr(GHashTable) pupils = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (self != NULL, NULL);

  selected = att_letter_batch_new (self->title);
  selected->reprint = self->reprint;
  for (guint i = 0; i < self->items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (self->items, i);

      if (item->delivery != delivery)
        continue;
      g_ptr_array_add (selected->items, item_copy (item));
      g_hash_table_add (pupils, &item->pupil_id);
    }
  /* A problem goes with the items of its pupil, and with a pupil who has
   * no item at all (whose letters the problem stopped). */
  for (guint i = 0; i < self->problems->len; i++)
    {
      AttLetterProblem *problem = g_ptr_array_index (self->problems, i);

      guint about = GPOINTER_TO_UINT (g_hash_table_lookup (self->problem_delivery, problem));

      if (g_hash_table_contains (pupils, &problem->pupil_id) || about == (guint)delivery + 1)
        {
          AttLetterProblem *copy = problem_copy (problem);

          g_ptr_array_add (selected->problems, copy);
          if (about != 0)
            g_hash_table_insert (selected->problem_delivery, copy, GUINT_TO_POINTER (about));
        }
    }
  return selected;
}

guint
att_letter_batch_remove_pupil (AttLetterBatch *self,
                               gint64          pupil_id)
{
  guint removed = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = self->items->len; i > 0; i--)
    if (((AttLetterBatchItem *)g_ptr_array_index (self->items, i - 1))->pupil_id == pupil_id)
      {
        g_ptr_array_remove_index (self->items, i - 1);
        removed++;
      }
  for (guint i = self->problems->len; i > 0; i--)
    {
      AttLetterProblem *problem = g_ptr_array_index (self->problems, i - 1);

      if (problem->pupil_id != pupil_id)
        continue;
      g_hash_table_remove (self->problem_delivery, problem);
      g_ptr_array_remove_index (self->problems, i - 1);
    }
  return removed;
}

/* ------------------------------------------------------------------ */
/* The data check                                                     */
/* ------------------------------------------------------------------ */

static void
att_letter_batch_add_problem (AttLetterBatch        *self,
                              gint64                 pupil_id,
                              gint64                 contact_id,
                              AttLetterProblemKind   kind,
                              char                  *message)
{
  AttLetterProblem *problem = g_new0 (AttLetterProblem, 1);

  problem->pupil_id = pupil_id;
  problem->contact_id = contact_id;
  problem->kind = kind;
  problem->message = message;
  g_ptr_array_add (self->problems, problem);
}

/* The problem found for @figures, a pupil's figures over [@from, @to], or
 * NULL: N still in the register, or sessions with no mark. */
static char *
marks_problem (AttPupil         *pupil,
               const AttFigures *figures,
               AttDate           from,
               AttDate           to)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint n = figures->codes[ATT_CODE_N];

  if (n == 0 && figures->missing == 0)
    return NULL;
  first = att_date_format_long (from);
  last = att_date_format_long (to);
  if (n > 0 && figures->missing > 0)
    {
      g_autofree char *with_n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n), n);
      g_autofree char *unmarked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                                                figures->missing), figures->missing);

      /* Translators: the data check before letters are sent; "%s (%s)" is
       * the pupil's name and UPN, then the first and last day, then
       * "1 session" and "2 sessions" */
      return g_strdup_printf (_("%s (%s): between %s and %s the register still holds N for %s and "
                                "no mark for %s: put them right before the letter quotes the figures"),
                              att_pupil_get_display_name (pupil), pupil->upn, first, last, with_n,
                              unmarked);
    }
  if (n > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s (%s): %u session still marked N between %s and %s: "
                                         "give it the right code before the letter quotes the figures",
                                         "%s (%s): %u sessions still marked N between %s and %s: "
                                         "give them the right code before the letter quotes the figures",
                                         n),
                            att_pupil_get_display_name (pupil), pupil->upn, n, first, last);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s (%s): %u session has no mark between %s and %s: "
                                       "mark it before the letter quotes the figures",
                                       "%s (%s): %u sessions have no mark between %s and %s: "
                                       "mark them before the letter quotes the figures",
                                       figures->missing),
                          att_pupil_get_display_name (pupil), pupil->upn, figures->missing,
                          first, last);
}

gboolean
att_letter_batch_check_marks (AttDb      *db,
                              gint64      pupil_id,
                              AttDate     from,
                              AttDate     to,
                              GPtrArray  *problems,
                              GError    **error)
{
  AttFigures figures;
  AttPupil *pupil;
  char *message;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (from != ATT_DATE_NONE && to != ATT_DATE_NONE, FALSE);

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL || !att_stats_pupil (db, pupil_id, from, to, &figures, error))
    return FALSE;
  message = marks_problem (pupil, &figures, from, to);
  if (message != NULL)
    {
      AttLetterProblem *problem = g_new0 (AttLetterProblem, 1);

      problem->pupil_id = pupil_id;
      problem->kind = ATT_LETTER_PROBLEM_MARKS;
      problem->message = message;
      g_ptr_array_add (problems, problem);
    }
  return TRUE;
}

/* Adds the marks problem of @pupil's @figures to @self, if any. */
void
att_letter_batch_check_figures (AttLetterBatch   *self,
                                AttPupil         *pupil,
                                const AttFigures *figures,
                                AttDate           from,
                                AttDate           to)
{
  char *message = marks_problem (pupil, figures, from, to);

  if (message != NULL)
    att_letter_batch_add_problem (self, pupil->id, 0, ATT_LETTER_PROBLEM_MARKS, message);
}

/* ------------------------------------------------------------------ */
/* Recipients by delivery                                             */
/* ------------------------------------------------------------------ */

static gboolean
filled (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;
  return FALSE;
}

/* One contact as the addressee of a text: the name, the greeting, and the
 * number as its "address". */
static AttLetterRecipient *
text_recipient (const AttContact *contact)
{
  AttLetterRecipient *recipient = g_new0 (AttLetterRecipient, 1);
  g_autofree char *greeting = NULL;
  g_autofree char *mobile = g_strstrip (g_strdup (contact->phone_mobile));

  recipient->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
  g_ptr_array_add (recipient->contacts, att_contact_copy (contact));
  recipient->addressee = att_contact_dup_name (contact);
  recipient->title = g_strdup (filled (contact->title) ? contact->title : "");
  if (filled (contact->title))
    greeting = g_strdup_printf ("%s %s", contact->title, contact->surname);
  else if (filled (contact->forename))
    greeting = g_strdup_printf ("%s %s", contact->forename, contact->surname);
  else
    greeting = g_strdup (contact->surname);
  recipient->salutation = g_strdup_printf (_("Dear %s"), greeting);
  recipient->address = g_new0 (char *, 3);
  recipient->address[0] = g_strdup (recipient->addressee);
  recipient->address[1] = g_strdup (mobile);
  recipient->email = filled (contact->email) ? g_strdup (contact->email) : NULL;
  recipient->mobile = g_steal_pointer (&mobile);
  return recipient;
}

GPtrArray *
att_letter_batch_recipients (AttLetterBatch    *self,
                             AttDb             *db,
                             AttPupil          *pupil,
                             AttLetterDelivery  delivery,
                             GError           **error)
{
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (db, pupil->id, error);
  g_autoptr(GPtrArray) recipients = NULL;
  guint receiving = 0;

  if (contacts == NULL)
    return NULL;

  if (delivery == ATT_LETTER_TEXT)
    {
      recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_recipient_free);
      for (guint i = 0; i < contacts->len; i++)
        {
          const AttContact *contact = g_ptr_array_index (contacts, i);

          if (!contact->parental_responsibility || !contact->receives_letters)
            continue;
          receiving++;
          if (filled (contact->phone_mobile))
            g_ptr_array_add (recipients, text_recipient (contact));
        }
      if (recipients->len == 0)
        att_letter_batch_add_problem_for (self, pupil->id, delivery,
                                          receiving == 0 ? ATT_LETTER_PROBLEM_NO_RECIPIENT
                                                         : ATT_LETTER_PROBLEM_NO_MOBILE,
                                          receiving == 0
                                          ? g_strdup_printf (_("%s (%s): no one with parental responsibility receives "
                                                               "letters: tick “Receives letters” for a parent on the "
                                                               "pupil’s contacts"),
                                                             att_pupil_get_display_name (pupil), pupil->upn)
                                          : g_strdup_printf (_("%s (%s): a text message is due but no parent who "
                                                               "receives letters has a mobile number: add one to "
                                                               "the pupil’s contacts"),
                                                             att_pupil_get_display_name (pupil), pupil->upn));
      return g_steal_pointer (&recipients);
    }

  if (delivery == ATT_LETTER_EMAIL)
    recipients = att_letter_recipients_for_email_from_contacts (contacts);
  else
    recipients = att_letter_recipients_from_contacts (contacts);
  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);

      receiving += contact->parental_responsibility && contact->receives_letters;
    }
  for (guint i = 0; i < recipients->len; i++)
    receiving -= ((AttLetterRecipient *)g_ptr_array_index (recipients, i))->contacts->len;
  /* Someone who receives letters is left out, or no one does. */
  if (receiving > 0 || recipients->len == 0)
    {
      /* The data check says what is missing: a contact who receives
       * letters whom the letter cannot reach (no postal address for a
       * letter on paper, no e-mail address for an e-mail) makes it
       * impossible even when another parent gets one. */
      g_autoptr(GPtrArray) problems = g_ptr_array_new ();

      if (!att_letters_check_pupil_for (db, pupil->id, delivery, problems, error))
        return NULL;
      for (guint i = 0; i < problems->len; i++)
        {
          AttLetterProblem *problem = g_ptr_array_index (problems, i);

          g_ptr_array_add (self->problems, problem);
          g_hash_table_insert (self->problem_delivery, problem, GUINT_TO_POINTER ((guint)delivery + 1));
        }
    }
  return g_steal_pointer (&recipients);
}

void
att_letter_batch_add_problem_for (AttLetterBatch       *self,
                                  gint64                pupil_id,
                                  AttLetterDelivery     delivery,
                                  AttLetterProblemKind  kind,
                                  char                 *message)
{
  att_letter_batch_add_problem (self, pupil_id, 0, kind, message);
  g_hash_table_insert (self->problem_delivery,
                       g_ptr_array_index (self->problems, self->problems->len - 1),
                       GUINT_TO_POINTER ((guint)delivery + 1));
}

/* ------------------------------------------------------------------ */
/* Merging                                                            */
/* ------------------------------------------------------------------ */

char *
att_letter_batch_figures_json (const AttFigures *figures)
{
  GString *out = g_string_new ("{");
  char pct[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (pct, sizeof pct, "%.1f", att_figures_attendance_pct (figures));
  g_string_append_printf (out,
                          "\"attendance\": %s, \"possible\": %u, \"attended\": %u, \"absent\": %u, "
                          "\"authorised\": %u, \"unauthorised\": %u, \"late\": %u, \"missing\": %u, "
                          "\"n\": %u}",
                          pct, figures->possible, att_figures_attended (figures),
                          att_figures_absent (figures), figures->authorised, figures->unauthorised,
                          figures->late, figures->missing, figures->codes[ATT_CODE_N]);
  return g_string_free (out, FALSE);
}

gboolean
att_letter_batch_add_letters (AttLetterBatch          *self,
                              AttPupil                *pupil,
                              GPtrArray               *recipients,
                              const AttLetterTemplate *tmpl,
                              AttLetterValues         *values,
                              const AttLetterRecord   *base,
                              AttLetterDelivery        delivery,
                              gboolean                 legal_warning,
                              GError                 **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_batch_item_free);

  /* Every letter of the pupil is merged before any is added: all or none. */
  for (guint i = 0; i < recipients->len; i++)
    {
      AttLetterRecipient *recipient = g_ptr_array_index (recipients, i);
      AttLetterBatchItem *item;
      AttLetterText *text;

      att_letter_values_set_recipient (values, recipient);
      text = att_letter_template_merge (tmpl, values, error);
      if (text == NULL)
        return FALSE;
      item = g_new0 (AttLetterBatchItem, 1);
      item->pupil_id = pupil->id;
      item->upn = g_strdup (pupil->upn);
      item->pupil_name = g_strdup (att_pupil_get_display_name (pupil));
      item->recipient = recipient_copy (recipient);
      item->text = text;
      if (delivery == ATT_LETTER_TEXT || delivery == ATT_LETTER_EMAIL)
        item->message = att_letter_text_to_plain (text);
      item->record = att_letter_batch_record_copy (base);
      item->record->pupil_id = pupil->id;
      g_free (item->record->upn);
      item->record->upn = g_strdup (pupil->upn);
      att_letter_record_set_recipient (item->record, recipient);
      g_free (item->record->template_name);
      item->record->template_name = g_strdup (text->template_name);
      item->record->template_version = text->template_version;
      g_free (item->record->subject);
      item->record->subject = g_strdup (text->subject);
      item->record->delivery = delivery;
      item->delivery = delivery;
      item->legal_warning = legal_warning;
      g_ptr_array_add (items, item);
    }
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (self->items, g_ptr_array_steal_index (items, i--));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The half-termly report                                             */
/* ------------------------------------------------------------------ */

/* The half term holding @as_of (or the last before it), up to @as_of,
 * and the school year up to @as_of. */
gboolean
att_letter_batch_half_term_range (AttDb    *db,
                                  AttDate   as_of,
                                  AttDate  *half_from,
                                  AttDate  *half_to,
                                  AttDate  *year_from,
                                  GError  **error)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  AttDate last, year_last;

  if (!att_calendar_term_range (calendar, as_of, half_from, &last)
      || !att_calendar_school_year_range (calendar, as_of, year_from, &year_last)
      || *half_from > as_of)
    {
      g_autofree char *day = att_date_format_long (as_of);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("There is no half term on or before %s in the school’s calendar: "
                     "add the terms with calendar term add"), day);
      return FALSE;
    }
  *half_to = MIN (last, as_of);
  if (*year_from > *half_from)
    *year_from = *half_from;
  return TRUE;
}

/* The values every letter of a batch shares: the school and signatory. */
AttLetterValues *
att_letter_batch_base_values (AttDb   *db,
                              AttDate  letter_date)
{
  g_autoptr(AttLetterhead) head = att_letterhead_load (db);
  AttLetterValues *values = att_letter_values_new ();

  att_letter_values_set_school (values, db);
  att_letter_values_set_signatory (values, head->signatory_name, head->signatory_role);
  att_letter_values_set_letter_date (values, letter_date);
  return values;
}

gboolean
att_letter_batch_half_term_fill (AttDb            *db,
                                 AttPupil         *pupil,
                                 AttDate           as_of,
                                 AttLetterValues  *values,
                                 AttLetterRecord  *record,
                                 AttFigures       *year,
                                 GError          **error)
{
  g_autofree char *half_json = NULL;
  g_autofree char *year_json = NULL;
  AttDate half_from, half_to, year_from;
  AttFigures half;

  if (!att_letter_batch_half_term_range (db, as_of, &half_from, &half_to, &year_from, error)
      || !att_letter_templates_fill_half_term (db, pupil->id, as_of, values, error)
      || !att_stats_pupil (db, pupil->id, half_from, half_to, &half, error)
      || !att_stats_pupil (db, pupil->id, year_from, half_to, year, error))
    return FALSE;
  half_json = att_letter_batch_figures_json (&half);
  year_json = att_letter_batch_figures_json (year);
  g_free (record->kind);
  record->kind = g_strdup (ATT_LETTER_HALF_TERM_KIND);
  record->date = as_of;
  record->period_from = year_from;
  record->period_to = half_to;
  g_free (record->figures);
  record->figures = g_strdup_printf ("{\"half_term\": %s, \"year\": %s}", half_json, year_json);
  return TRUE;
}

/* The half-termly report's short wording for a text message, as the
 * school stored it, or ours. */
static const char half_term_text_subject[] = N_("{pupil.name}’s attendance this half term");
static const char half_term_text_body[] =
  N_("{school.name}: {pupil.forename}’s attendance this half term is {figures.attendance} and this "
     "school year {year.attendance}; our target is {report.target}. {report.note}");

static AttLetterTemplate *
half_term_template (AttDb              *db,
                    AttLetterDelivery   delivery,
                    GError            **error)
{
  g_autoptr(GError) local = NULL;
  AttLetterTemplate *tmpl;

  if (delivery != ATT_LETTER_TEXT)
    return att_letter_templates_get (db, ATT_LETTER_HALF_TERM_KIND, error);
  tmpl = att_letter_templates_get (db, ATT_LETTER_HALF_TERM_TEXT_TEMPLATE, &local);
  if (tmpl != NULL || !g_error_matches (local, ATT_ERROR, ATT_ERROR_NOT_FOUND))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return tmpl;
    }
  att_letter_templates_register_fields ();
  return att_letter_template_new (ATT_LETTER_HALF_TERM_TEXT_TEMPLATE, 1, _(half_term_text_subject),
                                  _(half_term_text_body));
}

static gboolean
add_half_term_pupil (AttLetterBatch          *self,
                     AttDb                   *db,
                     AttPupil                *pupil,
                     const AttLetterTemplate *tmpl,
                     AttLetterDelivery        delivery,
                     AttDate                  as_of,
                     gint64                   seen,
                     GError                 **error)
{
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(AttLetterValues) values = NULL;
  g_autoptr(AttLetterRecord) record = NULL;
  AttFigures year;

  recipients = att_letter_batch_recipients (self, db, pupil, delivery, error);
  if (recipients == NULL)
    return FALSE;
  if (recipients->len == 0)
    return TRUE;

  values = att_letter_values_new ();
  record = att_letter_record_new ();
  if (!att_letter_batch_half_term_fill (db, pupil, as_of, values, record, &year, error))
    return FALSE;
  att_letter_batch_check_figures (self, pupil, &year, record->period_from, record->period_to);
  record->posted = ATT_DATE_NONE;
  record->marks_seen = seen;
  return att_letter_batch_add_letters (self, pupil, recipients, tmpl, values, record, delivery,
                                       FALSE, error);
}

AttLetterBatch *
att_letter_batch_new_half_term_for (AttDb              *db,
                                    AttDate             as_of,
                                    AttLetterDelivery   delivery,
                                    GError            **error)
{
  g_autoptr(AttLetterBatch) self = NULL;
  g_autoptr(AttLetterTemplate) tmpl = NULL;
  g_autoptr(GPtrArray) pupils = NULL;
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  AttDate half_from, half_to, year_from;
  gint64 seen = 0;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail ((guint)delivery < ATT_LETTER_N_DELIVERIES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!att_letter_batch_half_term_range (db, as_of, &half_from, &half_to, &year_from, error))
    return NULL;
  tmpl = half_term_template (db, delivery, error);
  if (tmpl == NULL || !att_letters_marks_seen (db, &seen, error))
    return NULL;
  pupils = att_pupils_list_on_roll (db, as_of, as_of, error);
  if (pupils == NULL)
    return NULL;

  day = att_letter_format_date (as_of, ATT_LETTER_DATE_HEADING);
  /* Translators: the title of a batch of reports, "Half-termly attendance reports, 16 October 2026" */
  title = g_strdup_printf (_("Half-termly attendance reports, %s"), day);
  self = att_letter_batch_new (title);

  /* Every pupil's reading is one snapshot of the register, without the
   * file's locks taken again for each statement. */
  begun = att_db_begin_read (db);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (!att_pupil_on_roll (pupil, as_of))
        continue;
      if (!add_half_term_pupil (self, db, pupil, tmpl, delivery, as_of, seen, error))
        {
          att_db_end_read (db, begun);
          return NULL;
        }
    }
  att_db_end_read (db, begun);
  return g_steal_pointer (&self);
}

AttLetterBatch *
att_letter_batch_new_half_term (AttDb   *db,
                                AttDate  as_of,
                                GError **error)
{
  return att_letter_batch_new_half_term_for (db, as_of, ATT_LETTER_POST, error);
}

/* ------------------------------------------------------------------ */
/* Recording                                                          */
/* ------------------------------------------------------------------ */

gboolean
att_letter_batch_check_record (AttLetterBatch     *self,
                               AttLetterDelivery   delivery,
                               AttDate             posted,
                               GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if ((guint)delivery >= ATT_LETTER_N_DELIVERIES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter to log needs how it is sent: post, by hand, e-mail or text"));
      return FALSE;
    }
  if (self->reprint)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("These letters are copies of letters already in the log: they are not logged again"));
      return FALSE;
    }
  if (self->items->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE, _("There are no letters in the batch to log"));
      return FALSE;
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (self->items, i);

      if (item->record->id != 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The letter to %s about %s is logged already, as letter %" G_GINT64_FORMAT),
                       item->record->recipient, item->pupil_name, item->record->id);
          return FALSE;
        }
      if (posted != ATT_DATE_NONE && posted < item->record->date)
        {
          g_autofree char *day = att_date_format_long (item->record->date);
          g_autofree char *when = att_date_format_long (posted);

          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The letter to %s about %s is dated %s: it cannot have been posted on %s, "
                         "before its date"), item->record->recipient, item->pupil_name, day, when);
          return FALSE;
        }
      if (!item->legal_warning)
        continue;
      if (delivery == ATT_LETTER_TEXT)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The letter “%s” to %s about %s warns of legal action: it must go by "
                         "first-class post, by hand or by e-mail, not by text message"),
                       item->record->kind, item->record->recipient, item->pupil_name);
          return FALSE;
        }
      if (posted == ATT_DATE_NONE)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The letter “%s” to %s about %s warns of legal action: give the day it "
                         "is posted, handed over or sent, so the log can show it"),
                       item->record->kind, item->record->recipient, item->pupil_name);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
att_letter_batch_record (AttDb              *db,
                         const AttUser      *user,
                         AttLetterBatch     *self,
                         AttLetterDelivery   delivery,
                         AttDate             posted,
                         GError            **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Everything is checked before anything is written. */
  if (!att_user_require (user, ATT_PERM_LETTERS, error)
      || !att_letter_batch_check_record (self, delivery, posted, error))
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (self->items, i);
      gint64 id;

      item->record->delivery = delivery;
      item->record->posted = posted;
      id = att_letters_record (db, user, item->record, error);
      if (id == 0)
        {
          att_db_rollback (db);
          for (guint k = 0; k < i; k++)
            ((AttLetterBatchItem *)g_ptr_array_index (self->items, k))->record->id = 0;
          return FALSE;
        }
      item->record->id = id;
    }
  if (!att_db_commit (db, error))
    {
      for (guint k = 0; k < self->items->len; k++)
        ((AttLetterBatchItem *)g_ptr_array_index (self->items, k))->record->id = 0;
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Texts                                                              */
/* ------------------------------------------------------------------ */

gboolean
att_letter_batch_write_texts_csv (AttLetterBatch  *self,
                                  const char      *path,
                                  GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  static const char * const header[] = { "contact", "mobile", "message" };
  guint rows = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  att_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < self->items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *message = NULL;
      const char *cells[3];

      if (item->recipient->mobile == NULL)
        continue;
      message = item->message != NULL ? g_strdup (item->message) : att_letter_text_to_plain (item->text);
      /* A text is one line: the service sends it as it reads. */
      g_strdelimit (message, "\r\n", ' ');
      cells[0] = item->recipient->addressee;
      cells[1] = item->recipient->mobile;
      cells[2] = g_strstrip (message);
      att_csv_append_row (out, cells, 3);
      rows++;
    }
  if (rows == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("There is no text message to write: no one in the batch has a mobile number"));
      return FALSE;
    }
  return att_file_save_private (path, out->str, out->len, error);
}
