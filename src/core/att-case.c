/* att-case.c: meetings with a family and the support of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The names of the outcomes, kinds and events; planning and recording a
 * meeting; support and agency entries. The meetings' letters are in
 * att-case-letters.c, the chronology in att-case-chronology.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-case.h"
#include "att-case-private.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-letters.h"
#include "att-pupils.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Names                                                              */
/* ------------------------------------------------------------------ */

static const char * const outcome_names[ATT_MEETING_N_OUTCOMES] = {
  "none", "review", "support-plan", "contract", "closed",
};

static const char * const support_names[ATT_CASE_SUPPORT_N_KINDS] = {
  "early-help", "agency", "support",
};

static const char * const event_names[ATT_CASE_EVENT_N_KINDS] = {
  "call", "letter", "meeting", "leave", "consideration", "improve", "notice", "support",
};

const char *
att_meeting_outcome_to_string (AttMeetingOutcome outcome)
{
  g_return_val_if_fail ((guint)outcome < ATT_MEETING_N_OUTCOMES, NULL);
  return outcome_names[outcome];
}

const char *
att_meeting_outcome_describe (AttMeetingOutcome outcome)
{
  switch (outcome)
    {
    case ATT_MEETING_OUTCOME_NONE: return _("Not yet recorded");
    case ATT_MEETING_OUTCOME_REVIEW: return _("Review meeting");
    case ATT_MEETING_OUTCOME_SUPPORT_PLAN: return _("Support plan");
    case ATT_MEETING_OUTCOME_CONTRACT: return _("Attendance contract");
    case ATT_MEETING_OUTCOME_CLOSED: return _("Closed: no further action");
    case ATT_MEETING_N_OUTCOMES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
att_meeting_outcome_parse (const char         *text,
                           AttMeetingOutcome  *outcome,
                           GError            **error)
{
  guint i;

  if (!att_text_parse_name (text, outcome_names, ATT_MEETING_N_OUTCOMES, 0, _("a meeting outcome"), &i, error))
    return FALSE;
  *outcome = i;
  return TRUE;
}

const char *
att_meeting_outcome_template (AttMeetingOutcome outcome)
{
  switch (outcome)
    {
    case ATT_MEETING_OUTCOME_NONE: return NULL;
    case ATT_MEETING_OUTCOME_CONTRACT: return ATT_CASE_TEMPLATE_CONTRACT;
    case ATT_MEETING_OUTCOME_REVIEW:
    case ATT_MEETING_OUTCOME_SUPPORT_PLAN:
    case ATT_MEETING_OUTCOME_CLOSED: return ATT_CASE_TEMPLATE_OUTCOME;
    case ATT_MEETING_N_OUTCOMES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
att_case_support_kind_to_string (AttCaseSupportKind kind)
{
  g_return_val_if_fail ((guint)kind < ATT_CASE_SUPPORT_N_KINDS, NULL);
  return support_names[kind];
}

const char *
att_case_support_kind_describe (AttCaseSupportKind kind)
{
  switch (kind)
    {
    case ATT_CASE_SUPPORT_EARLY_HELP: return _("Early help");
    case ATT_CASE_SUPPORT_AGENCY: return _("Agency involved");
    case ATT_CASE_SUPPORT_SUPPORT: return _("Support");
    case ATT_CASE_SUPPORT_N_KINDS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
att_case_support_kind_parse (const char          *text,
                             AttCaseSupportKind  *kind,
                             GError             **error)
{
  guint i;

  if (!att_text_parse_name (text, support_names, ATT_CASE_SUPPORT_N_KINDS, 0, _("a kind of support"), &i, error))
    return FALSE;
  *kind = i;
  return TRUE;
}

const char *
att_case_event_kind_to_string (AttCaseEventKind kind)
{
  g_return_val_if_fail ((guint)kind < ATT_CASE_EVENT_N_KINDS, NULL);
  return event_names[kind];
}

const char *
att_case_event_kind_describe (AttCaseEventKind kind)
{
  switch (kind)
    {
    case ATT_CASE_EVENT_CALL: return _("Call");
    case ATT_CASE_EVENT_LETTER: return _("Letter");
    case ATT_CASE_EVENT_MEETING: return _("Meeting");
    case ATT_CASE_EVENT_LEAVE: return _("Leave");
    case ATT_CASE_EVENT_CONSIDERATION: return _("Consideration");
    case ATT_CASE_EVENT_IMPROVE: return _("Notice to improve");
    case ATT_CASE_EVENT_NOTICE: return _("Penalty notice");
    case ATT_CASE_EVENT_SUPPORT: return _("Support");
    case ATT_CASE_EVENT_N_KINDS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
att_case_event_kind_parse (const char        *text,
                           AttCaseEventKind  *kind,
                           GError           **error)
{
  guint i;

  if (!att_text_parse_name (text, event_names, ATT_CASE_EVENT_N_KINDS, 0, _("a kind of entry"), &i, error))
    return FALSE;
  *kind = i;
  return TRUE;
}

char *
_att_case_moment (gint64 at)
{
  g_autoptr(GDateTime) moment = at != 0 ? g_date_time_new_from_unix_local (at) : NULL;

  return moment != NULL ? g_date_time_format (moment, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

/* ------------------------------------------------------------------ */
/* Meetings                                                           */
/* ------------------------------------------------------------------ */

AttMeeting *
att_meeting_new (void)
{
  AttMeeting *meeting = g_new0 (AttMeeting, 1);

  meeting->time = -1;
  return meeting;
}

AttMeeting *
att_meeting_copy (const AttMeeting *meeting)
{
  AttMeeting *copy;

  g_return_val_if_fail (meeting != NULL, NULL);
  copy = g_memdup2 (meeting, sizeof *meeting);
  copy->upn = g_strdup (meeting->upn);
  copy->pupil_name = g_strdup (meeting->pupil_name);
  copy->place = g_strdup (meeting->place);
  copy->user = g_strdup (meeting->user);
  copy->at = g_strdup (meeting->at);
  copy->attended = g_strdup (meeting->attended);
  copy->absent = g_strdup (meeting->absent);
  copy->notes = g_strdup (meeting->notes);
  copy->barriers = g_strdup (meeting->barriers);
  copy->actions = g_strdup (meeting->actions);
  copy->recorded_by = g_strdup (meeting->recorded_by);
  copy->recorded_at = g_strdup (meeting->recorded_at);
  return copy;
}

void
att_meeting_free (AttMeeting *meeting)
{
  if (meeting == NULL)
    return;
  g_free (meeting->upn);
  g_free (meeting->pupil_name);
  g_free (meeting->place);
  g_free (meeting->user);
  g_free (meeting->at);
  g_free (meeting->attended);
  g_free (meeting->absent);
  g_free (meeting->notes);
  g_free (meeting->barriers);
  g_free (meeting->actions);
  g_free (meeting->recorded_by);
  g_free (meeting->recorded_at);
  g_free (meeting);
}

gboolean
att_meeting_is_held (const AttMeeting *meeting)
{
  g_return_val_if_fail (meeting != NULL, FALSE);
  return meeting->outcome != ATT_MEETING_OUTCOME_NONE;
}

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

/* "Amira Khan (E383210413001), review date: ..." */
static gboolean
field_error (GError         **error,
             AttError        code,
             const AttPupil  *pupil,
             const char      *field,
             const char      *format,
             ...) G_GNUC_PRINTF (5, 6);

static gboolean
field_error (GError         **error,
             AttError        code,
             const AttPupil  *pupil,
             const char      *field,
             const char      *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "Amira Khan (E383210413001), review date: it is before the meeting ..." */
  g_set_error (error, ATT_ERROR, code, _("%s (%s), %s: %s"),
               att_pupil_get_display_name ((AttPupil *)pupil), pupil->upn, field, text);
  return FALSE;
}

/* A text field as att_text_check() checks it, its error naming the pupil. */
static gboolean
check_text (const AttPupil  *pupil,
            const char      *field,
            const char      *text,
            guint            max,
            AttTextFlags     flags,
            GError         **error)
{
  g_autoptr(GError) local = NULL;

  if (att_text_check (field, text, max, flags, &local))
    return TRUE;
  g_set_error (error, ATT_ERROR, local->code, "%s (%s): %s",
               att_pupil_get_display_name ((AttPupil *)pupil), pupil->upn, local->message);
  return FALSE;
}

static gboolean
check_letter (AttDb           *db,
              const AttPupil  *pupil,
              const char      *field,
              gint64           letter_id,
              GError         **error)
{
  g_autoptr(AttLetterRecord) letter = NULL;
  g_autoptr(GError) local = NULL;

  if (letter_id == 0)
    return TRUE;
  letter = att_letters_get (db, letter_id, &local);
  if (letter == NULL)
    {
      if (!g_error_matches (local, ATT_ERROR, ATT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return field_error (error, ATT_ERROR_NOT_FOUND, pupil, field,
                          _("the letters log has no letter %" G_GINT64_FORMAT
                            ": give the number “letters log” shows"), letter_id);
    }
  if (letter->pupil_id != pupil->id)
    return field_error (error, ATT_ERROR_INVALID, pupil, field,
                        _("letter %" G_GINT64_FORMAT " is about another pupil (%s)"),
                        letter_id, letter->upn != NULL ? letter->upn : "");
  return TRUE;
}

/* 07:00 to 19:00, as a ladder letter's meeting. */
#define MEETING_EARLIEST (7 * 60)
#define MEETING_LATEST   (19 * 60)

gint64
att_case_meeting_add (AttDb             *db,
                      const AttUser     *user,
                      const AttMeeting  *meeting,
                      GError           **error)
{
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  AttPupil *pupil;
  gint64 actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);
  g_return_val_if_fail (meeting != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error))
    return 0;
  pupil = att_pupils_get_or_error (db, meeting->pupil_id, error);
  if (pupil == NULL)
    return 0;
  if (meeting->date == ATT_DATE_NONE)
    return field_error (error, ATT_ERROR_INVALID, pupil, _("date"), _("say on which day the meeting is")), 0;
  if (meeting->time != -1 && (meeting->time < MEETING_EARLIEST || meeting->time > MEETING_LATEST))
    {
      g_autofree char *given = meeting->time >= 0 && meeting->time < 24 * 60
        ? att_time_format (meeting->time) : g_strdup_printf ("%d", meeting->time);

      field_error (error, ATT_ERROR_INVALID, pupil, _("time"),
                   _("%s is outside the school’s day: choose a time from 07:00 to 19:00"), given);
      return 0;
    }
  if (!filled (meeting->place))
    return field_error (error, ATT_ERROR_INVALID, pupil, _("place"),
                        _("say where the meeting is (the school office, the library…)")), 0;
  if (!check_text (pupil, _("Place"), meeting->place, ATT_TEXT_LINE_MAX, ATT_TEXT_ONE_LINE, error)
      || !check_letter (db, pupil, _("invitation"), meeting->invitation_letter_id, error))
    return 0;

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
                         "INSERT INTO case_meetings (pupil_id, invitation_letter_id, date, time, place, "
                         "actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil->id);
  if (meeting->invitation_letter_id != 0)
    sqlite3_bind_int64 (stmt, 2, meeting->invitation_letter_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int (stmt, 3, meeting->date);
  if (meeting->time >= 0)
    sqlite3_bind_int (stmt, 4, meeting->time);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, g_strstrip (g_strdup (meeting->place)), -1, g_free);
  sqlite3_bind_int64 (stmt, 6, actor);
  sqlite3_bind_int64 (stmt, 7, meeting->at_time != 0 ? meeting->at_time : att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  day = att_date_format (meeting->date);
  time = meeting->time >= 0 ? att_time_format (meeting->time) : g_strdup ("");
  detail = g_strdup_printf ("%s: meeting %" G_GINT64_FORMAT " planned for %s %s at %s", pupil->upn, id,
                            day, time, meeting->place);
  if (!att_audit_record_added (db, user, ATT_AUDIT_CASEWORK, pupil->id, "casework.meeting-add", detail,
                               "case_meetings", id, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

/* The checks of a record, before anything is written. @stored is the
 * meeting as planned. */
static gboolean
check_record (AttDb             *db,
              const AttPupil    *pupil,
              const AttMeeting  *stored,
              const AttMeeting  *meeting,
              AttDate            date,
              GError           **error)
{
  AttDate today = att_date_today ();

  if (date > today)
    {
      g_autofree char *day = att_date_format_long (date);

      return field_error (error, ATT_ERROR_RULE, pupil, _("date"),
                          _("the meeting is on %s, after today: record what happened once it has "
                            "taken place"), day);
    }
  if (!filled (meeting->attended))
    return field_error (error, ATT_ERROR_INVALID, pupil, _("attended"),
                        _("say who came to the meeting (the parents, the pupil, staff)"));
  if (meeting->outcome == ATT_MEETING_OUTCOME_NONE || (guint)meeting->outcome >= ATT_MEETING_N_OUTCOMES)
    return field_error (error, ATT_ERROR_INVALID, pupil, _("outcome"),
                        _("say what the meeting decided: review, support-plan, contract or closed"));
  if (meeting->target_sessions_per_week > ATT_CASE_TARGET_MAX)
    return field_error (error, ATT_ERROR_INVALID, pupil, _("target"),
                        _("%u sessions a week is more than a school week has: a target is from 1 to %d "
                          "sessions a week (not a percentage)"),
                        meeting->target_sessions_per_week, ATT_CASE_TARGET_MAX);
  if (meeting->review_date != ATT_DATE_NONE && meeting->review_date <= date)
    {
      g_autofree char *review = att_date_format_long (meeting->review_date);
      g_autofree char *day = att_date_format_long (date);

      return field_error (error, ATT_ERROR_INVALID, pupil, _("review date"),
                          _("%s is not after the meeting (%s): choose a later day"), review, day);
    }
  if (meeting->review_date == ATT_DATE_NONE
      && (meeting->outcome == ATT_MEETING_OUTCOME_REVIEW
          || meeting->outcome == ATT_MEETING_OUTCOME_SUPPORT_PLAN
          || meeting->outcome == ATT_MEETING_OUTCOME_CONTRACT))
    return field_error (error, ATT_ERROR_INVALID, pupil, _("review date"),
                        _("%s needs a date to review it"),
                        att_meeting_outcome_describe (meeting->outcome));
  if (meeting->outcome == ATT_MEETING_OUTCOME_CONTRACT && meeting->target_sessions_per_week == 0)
    return field_error (error, ATT_ERROR_INVALID, pupil, _("target"),
                        _("an attendance contract needs a target: the sessions a week, from 1 to %d"),
                        ATT_CASE_TARGET_MAX);
  return check_text (pupil, _("Attended"), meeting->attended, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error)
         && check_text (pupil, _("Did not attend"), meeting->absent, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error)
         && check_text (pupil, _("Notes"), meeting->notes, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error)
         && check_text (pupil, _("Barriers"), meeting->barriers, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error)
         && check_text (pupil, _("Agreed actions"), meeting->actions, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error);
}

static void
bind_text_or_empty (sqlite3_stmt *stmt,
                    int           column,
                    const char   *text)
{
  sqlite3_bind_text (stmt, column, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

gboolean
att_case_meeting_record (AttDb             *db,
                         const AttUser     *user,
                         const AttMeeting  *meeting,
                         GError           **error)
{
  g_autoptr(AttMeeting) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  AttPupil *pupil;
  AttDate date;
  gint64 actor;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error))
    return FALSE;
  stored = att_case_meeting_get (db, meeting->id, error);
  if (stored == NULL)
    return FALSE;
  pupil = att_pupils_get_or_error (db, stored->pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  date = meeting->date != ATT_DATE_NONE ? meeting->date : stored->date;
  if (!check_record (db, pupil, stored, meeting, date, error))
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_audit_snapshot (db, "case_meetings", stored->id, &before, error))
    goto failed;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
                         "UPDATE case_meetings SET date = ?, attended = ?, absent = ?, notes = ?, "
                         "barriers = ?, actions = ?, target = ?, review_date = ?, outcome = ?, "
                         "recorded_actor_id = ?, recorded_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, date);
  bind_text_or_empty (stmt, 2, meeting->attended);
  bind_text_or_empty (stmt, 3, meeting->absent);
  bind_text_or_empty (stmt, 4, meeting->notes);
  bind_text_or_empty (stmt, 5, meeting->barriers);
  bind_text_or_empty (stmt, 6, meeting->actions);
  sqlite3_bind_int (stmt, 7, (int)meeting->target_sessions_per_week);
  if (meeting->review_date != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 8, meeting->review_date);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, outcome_names[meeting->outcome], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, actor);
  sqlite3_bind_int64 (stmt, 11, meeting->recorded_time != 0 ? meeting->recorded_time : att_audit_now ());
  sqlite3_bind_int64 (stmt, 12, stored->id);
  if (!att_db_step_done (db, stmt, error)
      || !att_audit_snapshot (db, "case_meetings", stored->id, &after, error))
    goto failed;
  detail = g_strdup_printf ("%s: meeting %" G_GINT64_FORMAT " %s: %s", pupil->upn, stored->id,
                            att_meeting_is_held (stored) ? "corrected" : "recorded",
                            outcome_names[meeting->outcome]);
  if (!att_audit_record (db, user, ATT_AUDIT_CASEWORK, pupil->id, "casework.meeting-record", detail,
                         before, after, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

#define MEETING_COLUMNS \
  "m.id, m.pupil_id, p.upn, coalesce (nullif (p.preferred_forename, ''), p.legal_forename) || ' ' || " \
  "coalesce (nullif (p.preferred_surname, ''), p.legal_surname), m.invitation_letter_id, m.date, m.time, " \
  "m.place, a.name, m.at, m.attended, m.absent, m.notes, m.barriers, m.actions, m.target, " \
  "m.review_date, m.outcome, m.outcome_letter_id, r.name, m.recorded_at " \
  "FROM case_meetings m JOIN pupils p ON p.id = m.pupil_id JOIN actors a ON a.id = m.actor_id " \
  "LEFT JOIN actors r ON r.id = m.recorded_actor_id "

static gpointer
meeting_from_row (sqlite3_stmt *stmt)
{
  AttMeeting *meeting = att_meeting_new ();

  meeting->id = sqlite3_column_int64 (stmt, 0);
  meeting->pupil_id = sqlite3_column_int64 (stmt, 1);
  meeting->upn = att_db_column_dup (stmt, 2);
  meeting->pupil_name = att_db_column_dup (stmt, 3);
  meeting->invitation_letter_id = sqlite3_column_int64 (stmt, 4);
  meeting->date = sqlite3_column_int (stmt, 5);
  meeting->time = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 6);
  meeting->place = att_db_column_dup (stmt, 7);
  meeting->user = att_db_column_dup (stmt, 8);
  meeting->at_time = sqlite3_column_int64 (stmt, 9);
  meeting->at = _att_case_moment (meeting->at_time);
  meeting->attended = att_db_column_dup (stmt, 10);
  meeting->absent = att_db_column_dup (stmt, 11);
  meeting->notes = att_db_column_dup (stmt, 12);
  meeting->barriers = att_db_column_dup (stmt, 13);
  meeting->actions = att_db_column_dup (stmt, 14);
  meeting->target_sessions_per_week = (guint)sqlite3_column_int (stmt, 15);
  meeting->review_date = sqlite3_column_int (stmt, 16);
  meeting->outcome = att_text_name_index ((const char *)sqlite3_column_text (stmt, 17), outcome_names,
                                       ATT_MEETING_N_OUTCOMES);
  meeting->outcome_letter_id = sqlite3_column_int64 (stmt, 18);
  meeting->recorded_by = att_db_column_dup (stmt, 19);
  meeting->recorded_time = sqlite3_column_int64 (stmt, 20);
  meeting->recorded_at = sqlite3_column_type (stmt, 20) == SQLITE_NULL
                         ? NULL : _att_case_moment (meeting->recorded_time);
  return meeting;
}

AttMeeting *
att_case_meeting_get (AttDb   *db,
                      gint64   id,
                      GError **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, "SELECT " MEETING_COLUMNS "WHERE m.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  found = att_db_collect (db, stmt, meeting_from_row, (GDestroyNotify)att_meeting_free,
                          _("read the meetings"), error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no meeting %" G_GINT64_FORMAT ": “meeting list UPN” shows a pupil’s meetings"),
                   id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

GPtrArray *
att_case_meetings (AttDb   *db,
                   gint64   pupil_id,
                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
                         "SELECT " MEETING_COLUMNS
                         "WHERE ?1 = 0 OR m.pupil_id = ?1 ORDER BY m.date, coalesce (m.time, 1440), m.id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return att_db_collect (db, stmt, meeting_from_row, (GDestroyNotify)att_meeting_free,
                         _("read the meetings"), error);
}

gboolean
_att_case_meeting_set_letter (AttDb   *db,
                              gint64   id,
                              gboolean outcome,
                              gint64   letter_id,
                              GError **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
                                       outcome
                                       ? "UPDATE case_meetings SET outcome_letter_id = ? WHERE id = ?"
                                       : "UPDATE case_meetings SET invitation_letter_id = ? WHERE id = ?",
                                       error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, letter_id);
  sqlite3_bind_int64 (stmt, 2, id);
  return att_db_step_done (db, stmt, error);
}

/* ------------------------------------------------------------------ */
/* Support and agencies                                               */
/* ------------------------------------------------------------------ */

AttCaseSupport *
att_case_support_new (void)
{
  return g_new0 (AttCaseSupport, 1);
}

void
att_case_support_free (AttCaseSupport *support)
{
  if (support == NULL)
    return;
  g_free (support->agency);
  g_free (support->detail);
  g_free (support->user);
  g_free (support->at);
  g_free (support);
}

gint64
att_case_support_add (AttDb                 *db,
                      const AttUser         *user,
                      const AttCaseSupport  *support,
                      GError               **error)
{
  g_autofree char *day = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  AttPupil *pupil;
  gint64 actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);
  g_return_val_if_fail (support != NULL, 0);
  g_return_val_if_fail ((guint)support->kind < ATT_CASE_SUPPORT_N_KINDS, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error))
    return 0;
  pupil = att_pupils_get_or_error (db, support->pupil_id, error);
  if (pupil == NULL)
    return 0;
  if (support->date == ATT_DATE_NONE)
    return field_error (error, ATT_ERROR_INVALID, pupil, _("date"),
                        _("say on which day the support was offered or the agency became involved")), 0;
  if (support->date > att_date_today ())
    {
      g_autofree char *when = att_date_format_long (support->date);

      return field_error (error, ATT_ERROR_RULE, pupil, _("date"),
                          _("%s is after today: record support once it has been offered"), when), 0;
    }
  if (support->kind != ATT_CASE_SUPPORT_SUPPORT && !filled (support->agency))
    return field_error (error, ATT_ERROR_INVALID, pupil, _("agency"),
                        _("say which service (the early help team, the school nurse, social care…)")), 0;
  if (!filled (support->detail))
    return field_error (error, ATT_ERROR_INVALID, pupil, _("detail"),
                        _("say what was offered or done")), 0;
  if (!check_text (pupil, _("Agency"), support->agency, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error)
      || !check_text (pupil, _("Detail"), support->detail, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error))
    return 0;

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
                         "INSERT INTO case_support (pupil_id, date, kind, agency, detail, actor_id, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil->id);
  sqlite3_bind_int (stmt, 2, support->date);
  sqlite3_bind_text (stmt, 3, support_names[support->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, g_strstrip (g_strdup (support->agency != NULL ? support->agency : "")), -1,
                     g_free);
  sqlite3_bind_text (stmt, 5, support->detail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, actor);
  sqlite3_bind_int64 (stmt, 7, support->at_time != 0 ? support->at_time : att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  day = att_date_format (support->date);
  detail = g_strdup_printf ("%s: %s %s on %s", pupil->upn, support_names[support->kind],
                            support->agency != NULL ? support->agency : "", day);
  if (!att_audit_record_added (db, user, ATT_AUDIT_CASEWORK, pupil->id, "casework.support-add", detail,
                               "case_support", id, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

static gpointer
support_from_row (sqlite3_stmt *stmt)
{
  AttCaseSupport *support = att_case_support_new ();

  support->id = sqlite3_column_int64 (stmt, 0);
  support->pupil_id = sqlite3_column_int64 (stmt, 1);
  support->date = sqlite3_column_int (stmt, 2);
  support->kind = att_text_name_index ((const char *)sqlite3_column_text (stmt, 3), support_names,
                                    ATT_CASE_SUPPORT_N_KINDS);
  support->agency = att_db_column_dup (stmt, 4);
  support->detail = att_db_column_dup (stmt, 5);
  support->user = att_db_column_dup (stmt, 6);
  support->at_time = sqlite3_column_int64 (stmt, 7);
  support->at = _att_case_moment (support->at_time);
  return support;
}

GPtrArray *
att_case_support (AttDb   *db,
                  gint64   pupil_id,
                  GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
                         "SELECT s.id, s.pupil_id, s.date, s.kind, s.agency, s.detail, a.name, s.at "
                         "FROM case_support s JOIN actors a ON a.id = s.actor_id "
                         "WHERE ?1 = 0 OR s.pupil_id = ?1 ORDER BY s.date, s.id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return att_db_collect (db, stmt, support_from_row, (GDestroyNotify)att_case_support_free,
                         _("read the support entries"), error);
}
