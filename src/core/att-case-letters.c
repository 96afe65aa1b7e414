/* att-case-letters.c: a meeting's letters: the invitation, the outcome
 * letter and the attendance contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each is one family's letter from a stored template
 * (att_letter_batch_new_for_pupil()) with the meeting's values over the
 * pupil's, logged under its own kind with the reference "meeting:ID", and
 * kept on the meeting once logged.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-audit.h"
#include "att-case-private.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-letter-batch.h"
#include "att-users.h"

void
att_case_register_fields (void)
{
  static const struct
  {
    const char *name;
    const char *description;
  } fields[] = {
    { "meeting.attended", N_("Who came to the meeting") },
    { "meeting.absent", N_("Who was invited to the meeting and did not come") },
    { "meeting.absent_note", N_("A sentence naming who was invited and did not come, or nothing") },
    { "meeting.notes", N_("The meeting’s notes") },
    { "meeting.barriers", N_("What makes attending hard, as the meeting understood it") },
    { "meeting.actions", N_("What the meeting agreed each person would do") },
    { "meeting.outcome", N_("What the meeting decided (“Attendance contract”)") },
    { "meeting.outcome_note", N_("A sentence on what happens next, by the meeting’s outcome") },
    { "meeting.target", N_("The target agreed, in sessions a week (“8 sessions a week”)") },
    { "meeting.target_sessions", N_("The target agreed, the number of sessions a week alone (“8”)") },
    { "meeting.target_note", N_("A sentence giving the target agreed, or nothing when there is none") },
    { "meeting.review_date", N_("The day the meeting’s plan is reviewed") },
    { "meeting.review_note", N_("A sentence giving the review date, or nothing when there is none") },
  };
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          g_autoptr(GError) error = NULL;

          if (!att_letter_field_register (fields[i].name, fields[i].description,
                                          ATT_LETTER_FIELD_TEXT, &error))
            g_critical ("%s", error->message);
        }
      g_once_init_leave (&registered, 1);
    }
}

static const char *
or_none (const char *text)
{
  return text != NULL && *text != '\0' ? text : _("None recorded.");
}

void
att_case_meeting_values (const AttMeeting *meeting,
                         AttLetterValues  *values)
{
  g_return_if_fail (meeting != NULL);
  g_return_if_fail (values != NULL);

  att_case_register_fields ();
  att_letter_values_set_date (values, "meeting.date", meeting->date);
  if (meeting->time >= 0)
    {
      g_autofree char *time = att_time_format (meeting->time);

      att_letter_values_set (values, "meeting.time", time);
    }
  else
    att_letter_values_set (values, "meeting.time", "");
  att_letter_values_set (values, "meeting.place", meeting->place != NULL ? meeting->place : "");
  att_letter_values_set (values, "meeting.attended", meeting->attended != NULL ? meeting->attended : "");
  att_letter_values_set (values, "meeting.absent", meeting->absent != NULL ? meeting->absent : "");
  if (meeting->absent != NULL && *meeting->absent != '\0')
    att_letter_values_set_printf (values, "meeting.absent_note", _("Invited but not able to come: %s."),
                                  meeting->absent);
  else
    att_letter_values_set (values, "meeting.absent_note", "");
  att_letter_values_set (values, "meeting.notes", meeting->notes != NULL ? meeting->notes : "");
  att_letter_values_set (values, "meeting.barriers", or_none (meeting->barriers));
  att_letter_values_set (values, "meeting.actions", or_none (meeting->actions));
  att_letter_values_set (values, "meeting.outcome",
                         meeting->outcome != ATT_MEETING_OUTCOME_NONE
                         ? att_meeting_outcome_describe (meeting->outcome) : "");
  switch (meeting->outcome)
    {
    case ATT_MEETING_OUTCOME_REVIEW:
      att_letter_values_set (values, "meeting.outcome_note",
                             _("We agreed to meet again to see how things are going."));
      break;
    case ATT_MEETING_OUTCOME_SUPPORT_PLAN:
      att_letter_values_set (values, "meeting.outcome_note",
                             _("What we agreed is the support plan we will follow together."));
      break;
    case ATT_MEETING_OUTCOME_CONTRACT:
      att_letter_values_set (values, "meeting.outcome_note",
                             _("We agreed an attendance contract, which is set out in a letter of its own."));
      break;
    case ATT_MEETING_OUTCOME_CLOSED:
      att_letter_values_set (values, "meeting.outcome_note",
                             _("We do not plan any further meetings for now; please tell us at any time if "
                               "things change."));
      break;
    case ATT_MEETING_OUTCOME_NONE:
    case ATT_MEETING_N_OUTCOMES:
    default:
      att_letter_values_set (values, "meeting.outcome_note", "");
      break;
    }
  if (meeting->target_sessions_per_week > 0)
    {
      g_autofree char *target = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session a week",
                                                              "%u sessions a week",
                                                              meeting->target_sessions_per_week),
                                                 meeting->target_sessions_per_week);

      att_letter_values_set (values, "meeting.target", target);
      att_letter_values_set_printf (values, "meeting.target_sessions", "%u", meeting->target_sessions_per_week);
      att_letter_values_set_printf (values, "meeting.target_note",
                                    _("We agreed a target of %s, out of the 10 sessions of a full school week."),
                                    target);
    }
  else
    {
      att_letter_values_set (values, "meeting.target", "");
      att_letter_values_set (values, "meeting.target_sessions", "");
      att_letter_values_set (values, "meeting.target_note", "");
    }
  if (meeting->review_date != ATT_DATE_NONE)
    {
      g_autofree char *review = att_letter_format_date (meeting->review_date, ATT_LETTER_DATE_LONG);

      att_letter_values_set (values, "meeting.review_date", review);
      att_letter_values_set_printf (values, "meeting.review_note", _("We will review it on %s."), review);
    }
  else
    {
      att_letter_values_set (values, "meeting.review_date", "");
      att_letter_values_set (values, "meeting.review_note", "");
    }
}

/* The letter @template_name about @meeting, logged as @kind. */
static AttLetterBatch *
meeting_letter (AttDb            *db,
                const AttMeeting *meeting,
                const char       *template_name,
                const char       *kind,
                AttDate           letter_date,
                GError          **error)
{
  g_autoptr(AttLetterValues) extra = att_letter_values_new ();
  g_autofree char *reference = g_strdup_printf ("meeting:%" G_GINT64_FORMAT, meeting->id);
  AttLetterBatch *batch;
  GPtrArray *items;

  att_case_meeting_values (meeting, extra);
  batch = att_letter_batch_new_for_pupil (db, meeting->pupil_id, template_name, extra, letter_date, error);
  if (batch == NULL)
    return NULL;
  items = att_letter_batch_get_items (batch);
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      g_free (item->record->kind);
      item->record->kind = g_strdup (kind);
      g_free (item->record->reference);
      item->record->reference = g_strdup (reference);
    }
  return batch;
}

AttLetterBatch *
att_case_meeting_invitation (AttDb   *db,
                             gint64   id,
                             AttDate  letter_date,
                             GError **error)
{
  g_autoptr(AttMeeting) meeting = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (letter_date != ATT_DATE_NONE, NULL);

  meeting = att_case_meeting_get (db, id, error);
  if (meeting == NULL)
    return NULL;
  return meeting_letter (db, meeting, ATT_CASE_TEMPLATE_INVITATION, ATT_CASE_LETTER_INVITATION,
                         letter_date, error);
}

AttLetterBatch *
att_case_meeting_outcome_letter (AttDb   *db,
                                 gint64   id,
                                 AttDate  letter_date,
                                 GError **error)
{
  g_autoptr(AttMeeting) meeting = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (letter_date != ATT_DATE_NONE, NULL);

  meeting = att_case_meeting_get (db, id, error);
  if (meeting == NULL)
    return NULL;
  if (!att_meeting_is_held (meeting))
    {
      g_autofree char *day = att_date_format_long (meeting->date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Meeting %" G_GINT64_FORMAT " with %s’s family (%s) has not been recorded yet: record "
                     "what happened and its outcome first"),
                   meeting->id, meeting->pupil_name, day);
      return NULL;
    }
  return meeting_letter (db, meeting, att_meeting_outcome_template (meeting->outcome),
                         meeting->outcome == ATT_MEETING_OUTCOME_CONTRACT
                         ? ATT_CASE_LETTER_CONTRACT : ATT_CASE_LETTER_OUTCOME,
                         letter_date, error);
}

gboolean
att_case_meeting_letter_record (AttDb              *db,
                                const AttUser      *user,
                                gint64              id,
                                AttLetterBatch     *batch,
                                AttLetterDelivery   delivery,
                                AttDate             posted,
                                GError            **error)
{
  g_autoptr(AttMeeting) meeting = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *detail = NULL;
  AttLetterBatchItem *first;
  GPtrArray *items;
  gboolean outcome;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error))
    return FALSE;
  meeting = att_case_meeting_get (db, id, error);
  if (meeting == NULL)
    return FALSE;
  items = att_letter_batch_get_items (batch);
  reference = g_strdup_printf ("meeting:%" G_GINT64_FORMAT, id);
  if (items->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("There is no letter to log for meeting %" G_GINT64_FORMAT ": %s’s contacts need a "
                     "parent who receives letters, with a postal address"),
                   id, meeting->pupil_name);
      return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      g_return_val_if_fail (g_strcmp0 (item->record->reference, reference) == 0, FALSE);
    }
  first = g_ptr_array_index (items, 0);
  outcome = g_strcmp0 (first->record->kind, ATT_CASE_LETTER_INVITATION) != 0;

  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_letter_batch_record (db, user, batch, delivery, posted, error)
      || !_att_case_meeting_set_letter (db, id, outcome, first->record->id, error))
    goto failed;
  detail = g_strdup_printf ("%s: meeting %" G_GINT64_FORMAT " %s letter %" G_GINT64_FORMAT,
                            meeting->upn, id, outcome ? first->record->kind : "invitation",
                            first->record->id);
  if (!att_audit_record (db, user, ATT_AUDIT_CASEWORK, meeting->pupil_id, "casework.meeting-letter",
                         detail, NULL, NULL, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}
