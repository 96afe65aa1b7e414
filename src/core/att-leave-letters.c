/* att-leave-letters.c: leave of absence, the decision letters' wording and
 * the values of their fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-db-private.h"
#include "att-error.h"
#include "att-leave.h"
#include "att-leave-private.h"
#include "att-letter-template.h"
#include "att-letters.h"
#include "att-users.h"

/* The wording of the five letters, ours. A change of wording raises the
 * version, so the letter log says which wording a family received. */
static const struct
{
  const char *subject;
  const char *body;
} templates[ATT_LEAVE_N_LETTERS] = {
  [ATT_LEAVE_LETTER_AGREED] = {
    N_("Leave of absence for {pupil.name}: agreed"),
    N_("{recipient.salutation},\n"
       "\n"
       "Thank you for your request, received on {leave.received}, for {pupil.forename} to be absent "
       "from school {leave.dates}.\n"
       "\n"
       "I am writing to confirm that the headteacher has agreed the leave: "
       "{leave.sessions_agreed_text}, {leave.agreed_dates}. The leave will be recorded in the register "
       "as authorised absence.\n"
       "\n"
       "{absences.table}\n"
       "\n"
       "{leave.decision_reason}\n"
       "\n"
       "We expect {pupil.forename} back in school on {leave.return_date}. If {pronoun.they} cannot "
       "return that day, please telephone the school office on {school.phone} on the morning of the "
       "return. A pupil who does not return when expected, and whose family we cannot reach, must be "
       "reported to the local authority.\n"
       "\n"
       "Yours sincerely,") },
  [ATT_LEAVE_LETTER_PARTLY_AGREED] = {
    N_("Leave of absence for {pupil.name}: agreed in part"),
    N_("{recipient.salutation},\n"
       "\n"
       "Thank you for your request, received on {leave.received}, for {pupil.forename} to be absent "
       "from school {leave.dates}.\n"
       "\n"
       "The headteacher has agreed {leave.sessions_agreed} of the {leave.sessions_requested_text} "
       "you asked for: {leave.agreed_dates}. What was agreed will be recorded in the register as "
       "authorised absence.\n"
       "\n"
       "The rest of the request, {leave.sessions_refused_text}, has not been agreed: "
       "{leave.refused_dates}. "
       "{leave.decision_reason}\n"
       "\n"
       "{absences.table}\n"
       "\n"
       "{pupil.forename} is expected in school for every session that was not agreed. An absence on "
       "those sessions will be recorded as unauthorised, and unauthorised absence can lead to a "
       "penalty notice under the National Framework for penalty notices.\n"
       "\n"
       "If you would like to talk about this decision, please contact the school office on "
       "{school.phone}.\n"
       "\n"
       "Yours sincerely,") },
  [ATT_LEAVE_LETTER_REFUSED] = {
    N_("Leave of absence for {pupil.name}: not agreed"),
    N_("{recipient.salutation},\n"
       "\n"
       "Thank you for your request, received on {leave.received}, for {pupil.forename} to be absent "
       "from school {leave.dates} ({leave.sessions_requested_text}). The reason you gave was: "
       "“{leave.parent_reason}”.\n"
       "\n"
       "The law allows a headteacher to grant leave of absence in term time only on the grounds the "
       "school attendance regulations set out, and otherwise only in exceptional circumstances. "
       "Exceptional circumstances are rare, significant, unavoidable and short, and need to be asked "
       "for in advance; a holiday is not normally one of them.\n"
       "\n"
       "The headteacher has considered your request carefully and has decided that the circumstances "
       "you describe are not exceptional, so the leave has not been agreed. {leave.decision_reason}\n"
       "\n"
       "{pupil.forename}’s attendance this school year is {figures.attendance}. If {pronoun.they} is "
       "absent on these days, the absence will be recorded as unauthorised and cannot be authorised "
       "afterwards, and the school may ask the local authority to issue a penalty notice.\n"
       "\n"
       "If your circumstances change, or there is something the school did not know, you are welcome "
       "to make a new request. Please contact the school office on {school.phone}.\n"
       "\n"
       "Yours sincerely,") },
  [ATT_LEAVE_LETTER_RELIGIOUS_AGREED] = {
    N_("Religious observance: {pupil.name}"),
    N_("{recipient.salutation},\n"
       "\n"
       "Thank you for letting us know, on {leave.received}, that {pupil.forename} will be absent "
       "{leave.dates} for religious observance.\n"
       "\n"
       "The school authorises absence on a day set apart for religious observance by the religious "
       "body to which your family belongs. The absence has been agreed and will be recorded in the "
       "register as authorised: {leave.agreed_dates}.\n"
       "\n"
       "{absences.table}\n"
       "\n"
       "{leave.decision_reason}\n"
       "\n"
       "We look forward to seeing {pupil.forename} back in school on {leave.return_date}.\n"
       "\n"
       "Yours sincerely,") },
  [ATT_LEAVE_LETTER_UNAUTHORISED] = {
    N_("Unauthorised absence: {pupil.name}"),
    N_("{recipient.salutation},\n"
       "\n"
       "You asked, on {leave.received}, for {pupil.forename} to be absent from school {leave.dates}. "
       "Those sessions were not agreed, for these reasons: {leave.decision_reason}\n"
       "\n"
       "The register shows that {pupil.forename} was absent on sessions that were not agreed. They "
       "have been recorded as unauthorised absence:\n"
       "\n"
       "{absences.table}\n"
       "\n"
       "Leave refused in advance cannot be authorised afterwards. {pupil.forename} has "
       "{rolling.sessions_text} of unauthorised absence in the ten school weeks {rolling.period}. "
       "Ten or more unauthorised sessions in ten school weeks is the point at which the school must "
       "consider a penalty notice under the National Framework for penalty notices.\n"
       "\n"
       "If there is anything you would like the school to take into account, please contact "
       "{school.attendance_lead} on {school.phone} within ten school days of this letter.\n"
       "\n"
       "Yours sincerely,") },
};

AttLetterTemplate *
att_leave_letter_template (AttLeaveLetter letter)
{
  g_return_val_if_fail ((guint)letter < ATT_LEAVE_N_LETTERS, NULL);

  return att_letter_template_new (att_leave_letter_to_string (letter), 2,
                                  _(templates[letter].subject), _(templates[letter].body));
}

/* "Mon 2 Dec 2024 (all day), Tue 3 Dec 2024 (morning)": the sessions of
 * @leave in @state, a day at a time. */
static char *
sessions_text (const AttLeave       *leave,
               AttLeaveSessionState  state)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < leave->sessions->len; i++)
    {
      const AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);
      const AttLeaveSessionRow *next = i + 1 < leave->sessions->len
                                       ? &g_array_index (leave->sessions, AttLeaveSessionRow, i + 1) : NULL;
      g_autofree char *day = NULL;
      const char *part;

      if (row->state != state)
        continue;
      day = att_letter_format_date (row->date, ATT_LETTER_DATE_SHORT);
      if (row->session == ATT_SESSION_AM && next != NULL && next->date == row->date && next->state == state)
        {
          part = _("all day");
          i++;
        }
      else
        part = row->session == ATT_SESSION_AM ? _("morning") : _("afternoon");
      /* Translators: a day and which part of it, "Mon 2 Dec 2024 (morning)" */
      g_string_append_printf (out, _("%s%s (%s)"), out->len > 0 ? ", " : "", day, part);
    }
  return g_string_free (out, FALSE);
}

static char *
dates_text (const AttLeave *leave)
{
  g_autofree char *first = att_letter_format_date (leave->first_date, ATT_LETTER_DATE_LONG);
  g_autofree char *last = att_letter_format_date (leave->last_date, ATT_LETTER_DATE_LONG);

  if (leave->first_date == leave->last_date)
    {
      if (leave->first_session == leave->last_session)
        /* Translators: "on the morning of Monday 2 December 2024" */
        return g_strdup_printf (leave->first_session == ATT_SESSION_AM ? _("on the morning of %s")
                                                                       : _("on the afternoon of %s"), first);
      return g_strdup_printf (_("on %s"), first);
    }
  /* Translators: "from Monday 2 December 2024 to Wednesday 4 December 2024" */
  return g_strdup_printf (_("from %s to %s"), first, last);
}

static void
add_rows (AttLetterValues *values,
          const AttLeave  *leave,
          AttLeaveLetter   letter)
{
  AttCode code = att_leave_type_code (leave->type);

  for (guint i = 0; i < leave->sessions->len; i++)
    {
      const AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      if (letter == ATT_LEAVE_LETTER_UNAUTHORISED)
        {
          if (row->state == ATT_LEAVE_SESSION_REFUSED && row->code != ATT_CODE_NONE &&
              att_code_info (row->code)->meaning == ATT_MEANING_UNAUTHORISED)
            att_letter_values_add_row (values, row->date, row->session, att_code_to_string (row->code),
                                       att_code_describe (row->code));
        }
      else if (row->state == ATT_LEAVE_SESSION_AGREED)
        att_letter_values_add_row (values, row->date, row->session, att_code_to_string (code),
                                   att_code_describe (code));
      else if (row->state == ATT_LEAVE_SESSION_REFUSED)
        att_letter_values_add_row (values, row->date, row->session, "", _("Not agreed"));
    }
}

/* "1 session", "3 sessions": a count with its noun, so the wording reads
 * right whatever the number. */
static void
set_sessions_text (AttLetterValues *values,
                   const char      *name,
                   guint            n)
{
  att_letter_values_set_printf (values, name,
                                g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n), n);
}

AttLetterValues *
att_leave_letter_values (AttDb          *db,
                         const AttLeave *leave,
                         AttLeaveLetter  letter,
                         AttDate         as_of,
                         GError        **error)
{
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autofree char *dates = dates_text (leave);
  g_autofree char *agreed = sessions_text (leave, ATT_LEAVE_SESSION_AGREED);
  g_autofree char *refused = sessions_text (leave, ATT_LEAVE_SESSION_REFUSED);
  g_autofree char *type = g_utf8_strdown (att_leave_type_describe (leave->type), -1);

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (leave != NULL, NULL);
  g_return_val_if_fail ((guint)letter < ATT_LEAVE_N_LETTERS, NULL);

  att_letter_values_set (values, "leave.type", type);
  att_letter_values_set_date (values, "leave.received", leave->received);
  att_letter_values_set_date (values, "leave.first_date", leave->first_date);
  att_letter_values_set_date (values, "leave.last_date", leave->last_date);
  att_letter_values_set (values, "leave.dates", dates);
  att_letter_values_set_date (values, "leave.return_date", leave->return_date);
  att_letter_values_set_printf (values, "leave.sessions_requested", "%u", leave->sessions->len);
  att_letter_values_set_printf (values, "leave.sessions_agreed", "%u",
                                att_leave_count_sessions (leave, ATT_LEAVE_SESSION_AGREED));
  att_letter_values_set_printf (values, "leave.sessions_refused", "%u",
                                att_leave_count_sessions (leave, ATT_LEAVE_SESSION_REFUSED));
  set_sessions_text (values, "leave.sessions_requested_text", leave->sessions->len);
  set_sessions_text (values, "leave.sessions_agreed_text",
                     att_leave_count_sessions (leave, ATT_LEAVE_SESSION_AGREED));
  set_sessions_text (values, "leave.sessions_refused_text",
                     att_leave_count_sessions (leave, ATT_LEAVE_SESSION_REFUSED));
  att_letter_values_set (values, "leave.agreed_dates", agreed);
  att_letter_values_set (values, "leave.refused_dates", refused);
  att_letter_values_set (values, "leave.parent_reason", leave->reason);
  att_letter_values_set (values, "leave.decision_reason",
                         leave->status != ATT_LEAVE_SUBMITTED && leave->decision_reasons != NULL
                         ? leave->decision_reasons : "");
  /* The table stands where the template puts it; its rows are these. */
  att_letter_values_set (values, "absences.table", "");
  add_rows (values, leave, letter);
  if (!att_letter_values_set_figures (values, db, leave->pupil_id, ATT_DATE_NONE, as_of, error) ||
      !att_letter_values_set_rolling (values, db, leave->pupil_id, as_of, error))
    return NULL;
  return g_steal_pointer (&values);
}

gboolean
att_leave_letters_log (AttDb         *db,
                       const AttUser *user,
                       GPtrArray     *records,
                       GError       **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_LETTERS, error) || !att_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      AttLetterRecord *record = g_ptr_array_index (records, i);

      record->id = att_letters_record (db, user, record, error);
      if (record->id == 0)
        {
          att_db_rollback (db);
          for (guint k = 0; k < records->len; k++)
            ((AttLetterRecord *)g_ptr_array_index (records, k))->id = 0;
          return FALSE;
        }
    }
  return att_db_commit (db, error);
}

gboolean
att_leave_letter_choose (AttDb           *db,
                         const AttLeave  *leave,
                         AttLeaveLetter  *letter,
                         GError         **error)
{
  if (att_leave_letter_for (db, leave, letter))
    return TRUE;
  if (leave->status == ATT_LEAVE_WITHDRAWN)
    g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                 _("Request %" G_GINT64_FORMAT " for %s was withdrawn: there is no decision to write about"),
                 leave->id, leave->pupil_name);
  else
    g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                 _("Request %" G_GINT64_FORMAT " for %s is still waiting for a decision: the letter is written once it is decided"),
                 leave->id, leave->pupil_name);
  return FALSE;
}
