/* att-calls.c: absence calls, and the attempts to reach someone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-calls.h"
#include "att-calls-private.h"
#include "att-clock.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-firstday.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-register-status.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */

const char * const att_call_channel_names[ATT_CALL_N_CHANNELS] = {
  "phone", "voicemail", "text", "email", "in-person", "home-visit", "app",
};

const char * const att_call_reason_names[ATT_CALL_N_REASONS] = {
  "", "illness", "medical", "religious", "family-emergency", "transport",
  "anxiety", "holiday", "no-reason", "other",
};

const char * const att_call_outcome_names[ATT_ATTEMPT_N_OUTCOMES] = {
  "reached", "no-answer", "voicemail", "not-working", "wrong-person", "sent",
};

const char *
att_call_channel_to_string (AttCallChannel channel)
{
  g_return_val_if_fail ((guint)channel < ATT_CALL_N_CHANNELS, "");
  return att_call_channel_names[channel];
}

const char *
att_call_channel_describe (AttCallChannel channel)
{
  switch (channel)
    {
    case ATT_CALL_CHANNEL_PHONE: return _("Phone");
    case ATT_CALL_CHANNEL_VOICEMAIL: return _("Voicemail");
    case ATT_CALL_CHANNEL_TEXT: return _("Text message");
    case ATT_CALL_CHANNEL_EMAIL: return _("E-mail");
    case ATT_CALL_CHANNEL_IN_PERSON: return _("In person");
    case ATT_CALL_CHANNEL_HOME_VISIT: return _("Home visit");
    case ATT_CALL_CHANNEL_APP: return _("App message");
    case ATT_CALL_N_CHANNELS:
    default: g_return_val_if_reached ("");
    }
}

gboolean
att_call_channel_parse (const char      *text,
                        AttCallChannel  *channel,
                        GError         **error)
{
  guint i;

  if (!att_text_parse_name (text, att_call_channel_names, ATT_CALL_N_CHANNELS, 0, _("a channel"), &i, error))
    return FALSE;
  *channel = i;
  return TRUE;
}

const char *
att_call_direction_to_string (AttCallDirection direction)
{
  return direction == ATT_CALL_OUT ? "out" : "in";
}

gboolean
att_call_direction_parse (const char        *text,
                          AttCallDirection  *direction,
                          GError           **error)
{
  static const char * const names[] = { "in", "out" };
  guint i;

  if (!att_text_parse_name (text, names, G_N_ELEMENTS (names), 0, _("a direction"), &i, error))
    return FALSE;
  *direction = i == 1 ? ATT_CALL_OUT : ATT_CALL_IN;
  return TRUE;
}

const char *
att_call_reason_to_string (AttCallReason reason)
{
  g_return_val_if_fail ((guint)reason < ATT_CALL_N_REASONS, "");
  return att_call_reason_names[reason];
}

const char *
att_call_reason_describe (AttCallReason reason)
{
  switch (reason)
    {
    case ATT_CALL_REASON_NONE: return _("No reason recorded");
    case ATT_CALL_REASON_ILLNESS: return _("Illness");
    case ATT_CALL_REASON_MEDICAL: return _("Medical or dental appointment");
    case ATT_CALL_REASON_RELIGIOUS: return _("Religious observance");
    case ATT_CALL_REASON_FAMILY_EMERGENCY: return _("Family emergency");
    case ATT_CALL_REASON_TRANSPORT: return _("Transport");
    case ATT_CALL_REASON_ANXIETY: return _("Refusal or anxiety");
    case ATT_CALL_REASON_HOLIDAY: return _("Holiday");
    case ATT_CALL_REASON_NO_REASON: return _("No reason given");
    case ATT_CALL_REASON_OTHER: return _("Other");
    case ATT_CALL_N_REASONS:
    default: g_return_val_if_reached ("");
    }
}

gboolean
att_call_reason_parse (const char     *text,
                       AttCallReason  *reason,
                       GError        **error)
{
  guint i;

  if (!att_text_parse_name (text, att_call_reason_names, ATT_CALL_N_REASONS, 1, _("a reason category"), &i, error))
    return FALSE;
  *reason = i;
  return TRUE;
}

const char *
att_attempt_outcome_to_string (AttAttemptOutcome outcome)
{
  g_return_val_if_fail ((guint)outcome < ATT_ATTEMPT_N_OUTCOMES, "");
  return att_call_outcome_names[outcome];
}

const char *
att_attempt_outcome_describe (AttAttemptOutcome outcome)
{
  switch (outcome)
    {
    case ATT_ATTEMPT_REACHED: return _("Reached");
    case ATT_ATTEMPT_NO_ANSWER: return _("No answer");
    case ATT_ATTEMPT_VOICEMAIL: return _("Voicemail left");
    case ATT_ATTEMPT_NOT_WORKING: return _("Number not working");
    case ATT_ATTEMPT_WRONG_PERSON: return _("Wrong person");
    case ATT_ATTEMPT_SENT: return _("Sent");
    case ATT_ATTEMPT_N_OUTCOMES:
    default: g_return_val_if_reached ("");
    }
}

gboolean
att_attempt_outcome_parse (const char         *text,
                           AttAttemptOutcome  *outcome,
                           GError            **error)
{
  guint i;

  if (!att_text_parse_name (text, att_call_outcome_names, ATT_ATTEMPT_N_OUTCOMES, 0, _("a call outcome"), &i, error))
    return FALSE;
  *outcome = i;
  return TRUE;
}

AttCode
att_call_reason_code (AttCallReason reason)
{
  switch (reason)
    {
    case ATT_CALL_REASON_NONE:
      return ATT_CODE_NONE;
    case ATT_CALL_REASON_ILLNESS:
      return ATT_CODE_I;
    case ATT_CALL_REASON_MEDICAL:
      return ATT_CODE_M;
    case ATT_CALL_REASON_RELIGIOUS:
      return ATT_CODE_R;
    case ATT_CALL_REASON_FAMILY_EMERGENCY:
    case ATT_CALL_REASON_TRANSPORT:
    case ATT_CALL_REASON_ANXIETY:
    case ATT_CALL_REASON_HOLIDAY:
    case ATT_CALL_REASON_NO_REASON:
    case ATT_CALL_REASON_OTHER:
    case ATT_CALL_N_REASONS:
    default:
      /* The office decides later: O, G, or leave granted. */
      return ATT_CODE_N;
    }
}

/* ------------------------------------------------------------------ */
/* Planning                                                            */

void
att_call_report_clear (AttCallReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->call_ids, g_array_unref);
  g_clear_pointer (&report->marks, g_array_unref);
  report->n_conflicts = 0;
}

static gboolean
check_school_day (AttCalendar  *calendar,
                  AttDate       date,
                  GError      **error)
{
  g_autofree char *why = NULL;
  g_autofree char *when = NULL;

  if (att_calendar_day_sessions (calendar, date) != 0)
    return TRUE;
  when = att_date_format_long (date);
  why = att_calendar_describe_no_school (calendar, date, -1);
  g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
               /* Translators: a date, then why there is no school then */
               _("%s is not a school day (%s): log the call against the school day it is about"),
               when, why != NULL ? why : _("no session"));
  return FALSE;
}

static void
plan_session (AttDb          *db,
              GArray         *marks,
              gint64          pupil_id,
              AttDate         date,
              AttSession      session,
              AttCode         code,
              gboolean        keep_other,
              AttDate         today,
              int             now)
{
  AttCallMark mark = { 0 };
  AttCode old = att_register_code (db, pupil_id, date, session);

  mark.pupil_id = pupil_id;
  mark.date = date;
  mark.session = session;
  mark.old_code = old;
  mark.new_code = code;

  if (old == code)
    return;
  if (code == ATT_CODE_N)
    {
      /* N stands for "not yet known" in a register that has been taken:
       * only a blank session whose register has opened gets it. */
      if (old != ATT_CODE_NONE || !att_register_opened (db, date, session, today, now))
        return;
    }
  else if (old != ATT_CODE_NONE && old != ATT_CODE_N)
    {
      mark.conflict = TRUE;
      mark.kept = keep_other;
    }
  g_array_append_val (marks, mark);
}

GArray *
att_calls_plan (AttDb                *db,
                const AttCallRequest *request,
                GError              **error)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, TRUE, sizeof (AttCallMark));
  AttCalendar *calendar;
  AttCode code;
  AttDate today = att_date_today ();
  int now = att_clock_now ();
  int pm_open, pm_close;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (request->n_pupils == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("A call needs a pupil"));
      return NULL;
    }
  calendar = att_db_get_calendar (db);
  if (!check_school_day (calendar, request->date, error))
    return NULL;
  if (request->expected_return != ATT_DATE_NONE && request->expected_return <= request->date)
    {
      g_autofree char *when = att_date_format_long (request->date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The expected return must be after the day of the call (%s)"), when);
      return NULL;
    }
  if (request->cover == ATT_CALL_COVER_TO_RETURN && request->expected_return == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("To cover the days up to the return, give the expected return date"));
      return NULL;
    }

  for (guint i = 0; i < request->n_pupils; i++)
    {
      AttPupil *pupil = att_pupils_get_or_error (db, request->pupil_ids[i], error);

      if (pupil == NULL)
        return NULL;
      if (!att_pupil_on_roll (pupil, request->date))
        {
          g_autofree char *when = att_date_format_long (request->date);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s (%s) is not on roll on %s: a call is logged only for a pupil on roll"),
                       att_pupil_get_display_name (pupil), pupil->upn, when);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (request->pupil_ids[j] == request->pupil_ids[i])
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("%s (%s) is named twice in one call"),
                         att_pupil_get_display_name (pupil), pupil->upn);
            return NULL;
          }
    }

  code = att_call_reason_code (request->reason);
  if (request->cover == ATT_CALL_COVER_NONE || code == ATT_CODE_NONE)
    return g_steal_pointer (&marks);

  /* Only a call about today loses the morning to the clock. */
  pm_open = 24 * 60;
  if (request->clock >= 0 && request->date == today)
    att_register_times (db, ATT_SESSION_PM, &pm_open, &pm_close);
  for (guint i = 0; i < request->n_pupils; i++)
    {
      AttPupil *pupil = att_pupils_get (db, request->pupil_ids[i]);
      AttDate last = request->date;
      guint first_index;
      const AttSessionSlot *slots;
      guint n_slots;

      if (request->cover == ATT_CALL_COVER_TO_RETURN)
        last = request->expected_return - 1;

      slots = att_calendar_get_sessions (calendar, &n_slots);
      first_index = att_calendar_session_index (calendar, request->date);
      for (guint k = first_index; k < n_slots && slots[k].date <= last; k++)
        {
          AttSession session = slots[k].session;

          /* On the call day itself, the morning has gone once the
           * afternoon's register has opened. */
          if (slots[k].date == request->date && session == ATT_SESSION_AM &&
              request->clock >= 0 && request->clock >= pm_open)
            continue;
          if (!att_pupil_on_roll (pupil, slots[k].date))
            continue;
          plan_session (db, marks, pupil->id, slots[k].date, session, code,
                        request->keep_other, today, now);
        }
    }
  return g_steal_pointer (&marks);
}

/* ------------------------------------------------------------------ */
/* Logging                                                             */

static gboolean
check_request_text (const AttCallRequest  *request,
                    GError               **error)
{
  if (request->caller == NULL || *request->caller == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Say who the call was with: pick a contact or give a name"));
      return FALSE;
    }
  if ((guint)request->channel >= ATT_CALL_N_CHANNELS || (guint)request->reason >= ATT_CALL_N_REASONS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Unknown channel or reason"));
      return FALSE;
    }
  return att_text_check (_("caller"), request->caller, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error) &&
         att_text_check (_("outcome"), request->outcome, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error) &&
         att_text_check (_("note"), request->note, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) &&
         att_text_check (_("reason for the change"), request->amend_reason, ATT_TEXT_REASON_MAX,
                         ATT_TEXT_ONE_LINE, error);
}

static gint64
insert_call (AttDb                *db,
             const AttCallRequest *request,
             gint64                pupil_id,
             gint64                at,
             gint64                actor,
             GError              **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "INSERT INTO calls (pupil_id, date, at, contact_id, caller, channel, direction, reason, "
    "outcome, note, expected_return, evidence_asked, safeguarding, actor_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, request->date);
  sqlite3_bind_int64 (stmt, 3, at);
  if (request->contact_id > 0)
    sqlite3_bind_int64 (stmt, 4, request->contact_id);
  sqlite3_bind_text (stmt, 5, request->caller, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, att_call_channel_names[request->channel], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, att_call_direction_to_string (request->direction), -1, SQLITE_STATIC);
  if (request->reason != ATT_CALL_REASON_NONE)
    sqlite3_bind_text (stmt, 8, att_call_reason_names[request->reason], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, request->outcome != NULL ? request->outcome : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, request->note != NULL ? request->note : "", -1, SQLITE_TRANSIENT);
  if (request->expected_return != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 11, request->expected_return);
  sqlite3_bind_int (stmt, 12, request->evidence_asked ? 1 : 0);
  sqlite3_bind_int (stmt, 13, request->safeguarding ? 1 : 0);
  sqlite3_bind_int64 (stmt, 14, actor);
  if (!att_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (att_db_get_handle (db));
}

/* Links the history rows written after @before to the calls of their
 * pupils, and notes each row in the report. */
static gboolean
link_history (AttDb         *db,
              gint64         before,
              const gint64  *pupil_ids,
              const gint64  *call_ids,
              guint          n_pupils,
              GArray        *marks,
              GError       **error)
{
  sqlite3_stmt *rows = att_db_prepare (db,
    "SELECT id, pupil_id, date, session FROM mark_history WHERE id > ? ORDER BY id", error);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64) * 4);
  sqlite3_stmt *link;
  int rc;

  if (rows == NULL)
    return FALSE;
  sqlite3_bind_int64 (rows, 1, before);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 row[4] = { sqlite3_column_int64 (rows, 0), sqlite3_column_int64 (rows, 1),
                        sqlite3_column_int64 (rows, 2), sqlite3_column_int64 (rows, 3) };
      g_array_append_vals (found, row, 1);
    }
  sqlite3_reset (rows);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register history"));
      return FALSE;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const gint64 *row = (const gint64 *)(found->data + i * sizeof (gint64) * 4);
      gint64 call_id = 0;

      for (guint p = 0; p < n_pupils; p++)
        if (pupil_ids[p] == row[1])
          call_id = call_ids[p];
      if (call_id == 0)
        continue;
      link = att_db_prepare (db, "INSERT INTO call_marks (call_id, history_id) VALUES (?, ?)", error);
      if (link == NULL)
        return FALSE;
      sqlite3_bind_int64 (link, 1, call_id);
      sqlite3_bind_int64 (link, 2, row[0]);
      if (!att_db_step_done (db, link, error))
        return FALSE;
      for (guint m = 0; m < marks->len; m++)
        {
          AttCallMark *mark = &g_array_index (marks, AttCallMark, m);

          if (mark->pupil_id == row[1] && mark->date == (AttDate)row[2] &&
              mark->session == (AttSession)row[3])
            mark->history_id = row[0];
        }
    }
  return TRUE;
}

gboolean
att_calls_log (AttDb                *db,
               const AttUser        *user,
               const AttCallRequest *request,
               AttCallReport        *report,
               GError              **error)
{
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GArray) call_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  g_autofree char *auto_reason = NULL;
  g_autofree char *detail = NULL;
  const char *reason_text;
  guint n_conflicts = 0;
  gint64 actor, before = 0, at;
  gboolean has_reason;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (report != NULL)
    memset (report, 0, sizeof *report);

  if (!att_user_require (user, ATT_PERM_LOG_CALLS, error) ||
      !check_request_text (request, error))
    return FALSE;
  marks = att_calls_plan (db, request, error);
  if (marks == NULL)
    return FALSE;

  has_reason = request->amend_reason != NULL && *request->amend_reason != '\0';
  for (guint i = 0; i < marks->len; i++)
    {
      AttCallMark *mark = &g_array_index (marks, AttCallMark, i);

      if (mark->conflict)
        n_conflicts++;
    }
  if (report != NULL)
    {
      report->marks = g_array_ref (marks);
      report->n_conflicts = n_conflicts;
    }
  if (n_conflicts > 0 && !request->keep_other && !has_reason)
    {
      AttCallMark first = { 0 };
      g_autofree char *when = NULL;

      for (guint i = marks->len; i-- > 0;)
        if (g_array_index (marks, AttCallMark, i).conflict)
          first = g_array_index (marks, AttCallMark, i);
      when = att_date_format_long (first.date);
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u session already holds another code (%s %s holds %s): give a reason to change it, or leave it as it is",
                                "%u sessions already hold another code (the first, %s %s, holds %s): give a reason to change them, or leave them as they are",
                                n_conflicts),
                   n_conflicts, when, att_session_to_string (first.session),
                   att_code_to_string (first.old_code));
      return FALSE;
    }

  for (guint i = 0; i < marks->len; i++)
    {
      AttCallMark *mark = &g_array_index (marks, AttCallMark, i);
      AttMarkWrite write = { 0 };

      if (mark->kept)
        continue;
      write.pupil_id = mark->pupil_id;
      write.date = mark->date;
      write.session = mark->session;
      write.code = mark->new_code;
      write.minutes_late = -1;
      g_array_append_val (writes, write);
    }

  /* Changing an N (or, with a reason, another code) is an amendment: the
   * call is its reason, in words the history reads well with. */
  auto_reason = g_strdup_printf (request->direction == ATT_CALL_IN
                                 ? _("%s reported by %s (%s)")
                                 : _("%s given by %s when the school got in touch (%s)"),
                                 att_call_reason_describe (request->reason), request->caller,
                                 att_call_channel_describe (request->channel));
  reason_text = has_reason ? request->amend_reason : auto_reason;
  at = request->at != 0 ? request->at : g_get_real_time () / G_USEC_PER_SEC;

  if (!att_db_begin (db, error))
    return FALSE;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  for (guint i = 0; i < request->n_pupils; i++)
    {
      gint64 id = insert_call (db, request, request->pupil_ids[i], at, actor, error);

      if (id == 0)
        goto failed;
      g_array_append_val (call_ids, id);
    }
  if (request->n_pupils > 1)
    {
      sqlite3_stmt *stmt;

      for (guint i = 0; i < call_ids->len; i++)
        {
          stmt = att_db_prepare (db, "UPDATE calls SET family_id = ? WHERE id = ?", error);
          if (stmt == NULL)
            goto failed;
          sqlite3_bind_int64 (stmt, 1, g_array_index (call_ids, gint64, 0));
          sqlite3_bind_int64 (stmt, 2, g_array_index (call_ids, gint64, i));
          if (!att_db_step_done (db, stmt, error))
            goto failed;
        }
    }

  if (writes->len > 0)
    {
      sqlite3_stmt *stmt = att_db_prepare (db, "SELECT coalesce (max (id), 0) FROM mark_history", error);

      if (stmt == NULL || !att_db_query_int (db, stmt, &before, _("read the register history"), error))
        goto failed;
      if (!att_register_write_full (db, user, (AttMarkWrite *)(gpointer)writes->data, writes->len,
                                    reason_text, ATT_WRITE_DEFAULT, NULL, error) ||
          !link_history (db, before, request->pupil_ids, (const gint64 *)(gpointer)call_ids->data,
                         request->n_pupils, marks, error))
        goto failed;
    }

  detail = g_strdup_printf ("call %" G_GINT64_FORMAT " (%u pupils), %s %s, %s; %u sessions written",
                            g_array_index (call_ids, gint64, 0), request->n_pupils,
                            att_call_direction_to_string (request->direction),
                            att_call_channel_names[request->channel],
                            request->reason != ATT_CALL_REASON_NONE ? att_call_reason_names[request->reason] : "no reason",
                            writes->len);
  if (!att_audit_log (db, user, "calls.add", detail, error))
    goto failed;
  if (request->safeguarding)
    {
      /* The concern is recorded for the designated safeguarding lead,
       * named as the school set them at the time. */
      g_autofree char *lead = att_firstday_safeguarding_lead (db);
      g_autofree char *concern = g_strdup_printf ("call %" G_GINT64_FORMAT ": safeguarding concern for %s",
                                                  g_array_index (call_ids, gint64, 0),
                                                  lead != NULL ? lead : "the safeguarding lead");

      if (!att_audit_log (db, user, "calls.safeguarding", concern, error))
        goto failed;
    }
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    goto failed_committed;

  if (report != NULL)
    report->call_ids = g_steal_pointer (&call_ids);
  return TRUE;

failed:
  att_db_rollback (db);
failed_committed:
  /* Nothing was kept: the report still lists the plan, without the
   * history rows a rolled-back write gave. */
  for (guint i = 0; i < marks->len; i++)
    g_array_index (marks, AttCallMark, i).history_id = 0;
  return FALSE;
}
