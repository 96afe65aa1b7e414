/* att-case-chronology.c: every record of a pupil's case in date order,
 * and the chronology as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a local authority asks for first: when the school rang, wrote,
 * met, decided and offered help. Each record is read from its own table
 * in one read transaction and becomes one entry (a meeting two: when it
 * was arranged and when it was held); the day comes from what the record
 * is about (the letter's date, the meeting's day, the support's day), the
 * time from the record when it has one.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calls.h"
#include "att-case-private.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-file.h"
#include "att-import.h"
#include "att-leave.h"
#include "att-letters.h"
#include "att-pupils.h"

AttCaseEvent *
att_case_event_new (AttDate           date,
                    gint              time,
                    AttCaseEventKind  kind,
                    const char       *title,
                    const char       *detail,
                    const char       *user,
                    gint64            source_id)
{
  AttCaseEvent *event = g_new0 (AttCaseEvent, 1);

  event->date = date;
  event->time = time;
  event->kind = kind;
  event->title = g_strdup (title != NULL ? title : "");
  event->detail = g_strdup (detail != NULL ? detail : "");
  event->user = g_strdup (user != NULL ? user : "");
  event->source_id = source_id;
  return event;
}

void
att_case_event_free (AttCaseEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->title);
  g_free (event->detail);
  g_free (event->user);
  g_free (event);
}

static gint
compare_events (gconstpointer a,
                gconstpointer b)
{
  const AttCaseEvent *x = *(const AttCaseEvent * const *)a;
  const AttCaseEvent *y = *(const AttCaseEvent * const *)b;
  /* An entry with no time comes after the timed entries of its day. */
  gint tx = x->time >= 0 ? x->time : 24 * 60;
  gint ty = y->time >= 0 ? y->time : 24 * 60;

  if (x->date != y->date)
    return x->date < y->date ? -1 : 1;
  if (tx != ty)
    return tx < ty ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->source_id != y->source_id)
    return x->source_id < y->source_id ? -1 : 1;
  return 0;
}

void
att_case_chronology_sort (GPtrArray *events)
{
  g_return_if_fail (events != NULL);
  /* g_ptr_array_sort is a merge sort: stable, so entries equal in every
   * key keep the order they were read in. */
  g_ptr_array_sort (events, compare_events);
}

/* The local day and minute of a moment (seconds since 1970). */
static void
moment_split (gint64   at,
              AttDate *date,
              gint    *time)
{
  g_autoptr(GDateTime) moment = at != 0 ? g_date_time_new_from_unix_local (at) : NULL;

  if (moment == NULL)
    {
      *date = ATT_DATE_NONE;
      *time = -1;
      return;
    }
  *date = att_date_from_ymd (g_date_time_get_year (moment), g_date_time_get_month (moment),
                             g_date_time_get_day_of_month (moment));
  *time = g_date_time_get_hour (moment) * 60 + g_date_time_get_minute (moment);
}

/* The time of a moment when it fell on @date, else -1: a letter dated one
 * day and logged another has no time on its day. */
static gint
time_on (gint64  at,
         AttDate date)
{
  AttDate day;
  gint time;

  moment_split (at, &day, &time);
  return day == date ? time : -1;
}

typedef struct
{
  GPtrArray *events;
  AttDate    from;
  AttDate    to;
} Collect;

static void
add (Collect      *c,
     AttCaseEvent *event)
{
  if (event->date == ATT_DATE_NONE
      || (c->from != ATT_DATE_NONE && event->date < c->from)
      || (c->to != ATT_DATE_NONE && event->date > c->to))
    {
      att_case_event_free (event);
      return;
    }
  g_ptr_array_add (c->events, event);
}

/* Appends "label: text" as a line of @detail when @text says anything. */
static void
detail_line (GString    *detail,
             const char *label,
             const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (detail->len > 0)
    g_string_append_c (detail, '\n');
  if (label != NULL)
    g_string_append_printf (detail, "%s: %s", label, text);
  else
    g_string_append (detail, text);
}

/* ------------------------------------------------------------------ */
/* Calls                                                              */
/* ------------------------------------------------------------------ */

static gboolean
read_calls (AttDb    *db,
            gint64    pupil_id,
            Collect  *c,
            GError  **error)
{
  g_autoptr(GPtrArray) calls = att_calls_list (db, ATT_DATE_NONE, pupil_id, error);
  sqlite3_stmt *stmt;
  int rc;

  if (calls == NULL)
    return FALSE;
  for (guint i = 0; i < calls->len; i++)
    {
      AttCall *call = g_ptr_array_index (calls, i);
      g_autoptr(GString) detail = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *about = att_date_format_long (call->date);
      AttDate date;
      gint time;

      moment_split (call->at, &date, &time);
      if (date == ATT_DATE_NONE)
        {
          date = call->date;
          time = -1;
        }
      title = call->reason != ATT_CALL_REASON_NONE
        /* Translators: "Call from Mrs Khan: Illness" */
        ? g_strdup_printf (call->direction == ATT_CALL_IN ? _("Call from %s: %s") : _("Call to %s: %s"),
                           call->caller, att_call_reason_describe (call->reason))
        : g_strdup_printf (call->direction == ATT_CALL_IN ? _("Call from %s") : _("Call to %s"),
                           call->caller);
      detail_line (detail, _("About"), about);
      detail_line (detail, _("How"), att_call_channel_describe (call->channel));
      detail_line (detail, _("Outcome"), call->outcome);
      detail_line (detail, _("Note"), call->note);
      if (call->expected_return != ATT_DATE_NONE)
        {
          g_autofree char *back = att_date_format_long (call->expected_return);

          detail_line (detail, _("Expected back"), back);
        }
      if (call->safeguarding)
        detail_line (detail, NULL, _("A safeguarding concern was raised."));
      for (guint a = 0; a < call->attempts->len; a++)
        {
          AttCallAttempt *attempt = g_ptr_array_index (call->attempts, a);
          g_autofree char *line = g_strdup_printf ("%s, %s", att_call_channel_describe (attempt->channel),
                                                   att_attempt_outcome_describe (attempt->outcome));

          detail_line (detail, _("Attempt"), line);
        }
      add (c, att_case_event_new (date, time, ATT_CASE_EVENT_CALL, title, detail->str, call->user_name,
                                  call->id));
    }

  /* Attempts to reach the family made from the first-day list, with no
   * call logged: the school tried. */
  stmt = att_db_prepare (db,
                         "SELECT t.id, t.date, t.at, t.channel, t.outcome, t.note, a.name "
                         "FROM call_attempts t JOIN actors a ON a.id = t.actor_id "
                         "WHERE t.pupil_id = ? AND t.call_id IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttCallChannel channel = ATT_CALL_CHANNEL_PHONE;
      AttAttemptOutcome outcome = ATT_ATTEMPT_NO_ANSWER;
      g_autofree char *title = NULL;
      AttDate date;
      gint time;

      att_call_channel_parse ((const char *)sqlite3_column_text (stmt, 3), &channel, NULL);
      att_attempt_outcome_parse ((const char *)sqlite3_column_text (stmt, 4), &outcome, NULL);
      moment_split (sqlite3_column_int64 (stmt, 2), &date, &time);
      if (date == ATT_DATE_NONE)
        {
          date = sqlite3_column_int (stmt, 1);
          time = -1;
        }
      /* Translators: "Attempt to reach the family (Telephone): No answer" */
      title = g_strdup_printf (_("Attempt to reach the family (%s): %s"), att_call_channel_describe (channel),
                               att_attempt_outcome_describe (outcome));
      add (c, att_case_event_new (date, time, ATT_CASE_EVENT_CALL, title,
                                  (const char *)sqlite3_column_text (stmt, 5),
                                  (const char *)sqlite3_column_text (stmt, 6),
                                  sqlite3_column_int64 (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the calls"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Letters                                                            */
/* ------------------------------------------------------------------ */

static gboolean
read_letters (AttDb    *db,
              gint64    pupil_id,
              Collect  *c,
              GError  **error)
{
  g_autoptr(GPtrArray) letters = att_letters_for_pupil (db, pupil_id, error);

  if (letters == NULL)
    return FALSE;
  for (guint i = 0; i < letters->len; i++)
    {
      AttLetterRecord *letter = g_ptr_array_index (letters, i);
      g_autoptr(GString) detail = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *to = g_strdup_printf ("%s (%s)", letter->recipient,
                                             att_letter_delivery_describe (letter->delivery));

      /* Translators: "Letter: Amira’s attendance"; a text or an e-mail alike */
      title = g_strdup_printf (letter->delivery == ATT_LETTER_TEXT ? _("Text message: %s")
                               : letter->delivery == ATT_LETTER_EMAIL ? _("E-mail: %s") : _("Letter: %s"),
                               letter->subject != NULL && *letter->subject != '\0'
                               ? letter->subject : letter->kind);
      detail_line (detail, _("To"), to);
      detail_line (detail, _("Letter"), letter->kind);
      if (letter->posted != ATT_DATE_NONE)
        {
          g_autofree char *posted = att_date_format_long (letter->posted);

          detail_line (detail, _("Sent"), posted);
        }
      else
        detail_line (detail, _("Sent"), _("not yet"));
      add (c, att_case_event_new (letter->date, time_on (letter->at, letter->date), ATT_CASE_EVENT_LETTER,
                                  title, detail->str, letter->who, letter->id));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Meetings and support                                               */
/* ------------------------------------------------------------------ */

static gboolean
read_meetings (AttDb    *db,
               gint64    pupil_id,
               Collect  *c,
               GError  **error)
{
  g_autoptr(GPtrArray) meetings = att_case_meetings (db, pupil_id, error);
  sqlite3_stmt *stmt;

  if (meetings == NULL)
    return FALSE;
  stmt = att_db_prepare (db, "SELECT at FROM case_meetings WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < meetings->len; i++)
    {
      AttMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autofree char *day = att_date_format_long (meeting->date);
      g_autofree char *time = meeting->time >= 0 ? att_time_format (meeting->time) : NULL;
      g_autofree char *title = NULL;
      g_autofree char *when = time != NULL ? g_strdup_printf ("%s %s", day, time) : g_strdup (day);
      gint64 at = 0;
      AttDate date;
      gint minute;

      sqlite3_bind_int64 (stmt, 1, meeting->id);
      if (!att_db_query_int (db, stmt, &at, _("read the meetings"), error))
        return FALSE;
      moment_split (at, &date, &minute);
      /* Translators: "Meeting arranged for Thu 19 Sep 2024 15:30, the library" */
      title = g_strdup_printf (_("Meeting arranged for %s, %s"), when, meeting->place);
      {
        g_autoptr(GString) detail = g_string_new (NULL);

        if (meeting->invitation_letter_id != 0)
          {
            g_autofree char *letter = g_strdup_printf (_("letter %" G_GINT64_FORMAT " of the log"),
                                                       meeting->invitation_letter_id);

            detail_line (detail, _("Invitation"), letter);
          }
        add (c, att_case_event_new (date, minute, ATT_CASE_EVENT_MEETING, title, detail->str, meeting->user,
                                    meeting->id));
      }

      if (att_meeting_is_held (meeting))
        {
          g_autoptr(GString) detail = g_string_new (NULL);
          g_autofree char *held = g_strdup_printf (_("Meeting held: %s"),
                                                   att_meeting_outcome_describe (meeting->outcome));

          detail_line (detail, _("Attended"), meeting->attended);
          detail_line (detail, _("Did not attend"), meeting->absent);
          detail_line (detail, _("Barriers"), meeting->barriers);
          detail_line (detail, _("Agreed actions"), meeting->actions);
          if (meeting->target_sessions_per_week > 0)
            {
              g_autofree char *target = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session a week",
                                                                      "%u sessions a week",
                                                                      meeting->target_sessions_per_week),
                                                         meeting->target_sessions_per_week);

              detail_line (detail, _("Target"), target);
            }
          if (meeting->review_date != ATT_DATE_NONE)
            {
              g_autofree char *review = att_date_format_long (meeting->review_date);

              detail_line (detail, _("Review"), review);
            }
          detail_line (detail, _("Notes"), meeting->notes);
          add (c, att_case_event_new (meeting->date, meeting->time, ATT_CASE_EVENT_MEETING, held, detail->str,
                                      meeting->recorded_by, meeting->id));
        }
    }
  return TRUE;
}

static gboolean
read_support (AttDb    *db,
              gint64    pupil_id,
              Collect  *c,
              GError  **error)
{
  g_autoptr(GPtrArray) entries = att_case_support (db, pupil_id, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      AttCaseSupport *support = g_ptr_array_index (entries, i);
      g_autofree char *title = support->agency != NULL && *support->agency != '\0'
        /* Translators: "Agency involved: School nurse" */
        ? g_strdup_printf (_("%s: %s"), att_case_support_kind_describe (support->kind), support->agency)
        : g_strdup (att_case_support_kind_describe (support->kind));

      add (c, att_case_event_new (support->date, -1, ATT_CASE_EVENT_SUPPORT, title, support->detail,
                                  support->user, support->id));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Leave and considerations                                           */
/* ------------------------------------------------------------------ */

static gboolean
read_leave (AttDb    *db,
            gint64    pupil_id,
            Collect  *c,
            GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = att_db_prepare (db,
                         "SELECT r.id, r.type, r.status, r.first_date, r.last_date, r.reason, "
                         "r.decision_reasons, r.decided_at, a.name "
                         "FROM leave_requests r LEFT JOIN actors a ON a.id = r.decided_actor_id "
                         "WHERE r.pupil_id = ? AND r.decided_at IS NOT NULL "
                         "AND r.status IN ('approved', 'partly-approved', 'declined')",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttLeaveType type = ATT_LEAVE_EXCEPTIONAL;
      AttLeaveStatus status = ATT_LEAVE_DECLINED;
      g_autoptr(GString) detail = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *first = att_date_format_long (sqlite3_column_int (stmt, 3));
      g_autofree char *last = att_date_format_long (sqlite3_column_int (stmt, 4));
      g_autofree char *dates = g_strdup_printf (_("%s to %s"), first, last);
      AttDate date;
      gint time;

      att_leave_type_parse ((const char *)sqlite3_column_text (stmt, 1), &type, NULL);
      att_leave_status_parse ((const char *)sqlite3_column_text (stmt, 2), &status, NULL);
      moment_split (sqlite3_column_int64 (stmt, 7), &date, &time);
      /* Translators: "Leave of absence (Exceptional circumstances): Refused" */
      title = g_strdup_printf (_("Leave of absence (%s): %s"), att_leave_type_describe (type),
                               att_leave_status_describe (status));
      detail_line (detail, _("Dates"), dates);
      detail_line (detail, _("Asked for"), (const char *)sqlite3_column_text (stmt, 5));
      detail_line (detail, _("Reasons for the decision"), (const char *)sqlite3_column_text (stmt, 6));
      add (c, att_case_event_new (date, time, ATT_CASE_EVENT_LEAVE, title, detail->str,
                                  (const char *)sqlite3_column_text (stmt, 8), sqlite3_column_int64 (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the leave requests"));
      return FALSE;
    }
  return TRUE;
}

static const char *
decision_describe (const char *decision)
{
  if (g_strcmp0 (decision, "support") == 0)
    return _("more support");
  if (g_strcmp0 (decision, "notice-to-improve") == 0)
    return _("a notice to improve");
  if (g_strcmp0 (decision, "penalty-notice") == 0)
    return _("a penalty notice request");
  return _("another legal step");
}

static gboolean
read_considerations (AttDb    *db,
                     gint64    pupil_id,
                     Collect  *c,
                     GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = att_db_prepare (db,
                         "SELECT d.id, d.as_of, d.sessions, d.decision, d.rationale, d.withdrawn, d.at, a.name "
                         "FROM penalty_decisions d JOIN actors a ON a.id = d.actor_id WHERE d.pupil_id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) detail = g_string_new (NULL);
      g_autofree char *title = NULL;
      AttDate as_of = sqlite3_column_int (stmt, 1);

      /* Translators: "Penalty notice considered: a notice to improve" */
      title = g_strdup_printf (_("Penalty notice considered: %s"),
                               decision_describe ((const char *)sqlite3_column_text (stmt, 3)));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          g_autofree char *sessions = g_strdup_printf (_("%d unauthorised sessions in the 10 school weeks"),
                                                       sqlite3_column_int (stmt, 2));

          detail_line (detail, _("Threshold"), sessions);
        }
      detail_line (detail, _("Rationale"), (const char *)sqlite3_column_text (stmt, 4));
      if (sqlite3_column_int (stmt, 5))
        detail_line (detail, NULL, _("Withdrawn."));
      add (c, att_case_event_new (as_of, time_on (sqlite3_column_int64 (stmt, 6), as_of),
                                  ATT_CASE_EVENT_CONSIDERATION, title, detail->str,
                                  (const char *)sqlite3_column_text (stmt, 7), sqlite3_column_int64 (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the penalty decisions"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The chronology                                                     */
/* ------------------------------------------------------------------ */

GPtrArray *
att_case_chronology (AttDb   *db,
                     gint64   pupil_id,
                     AttDate  from,
                     AttDate  to,
                     GError **error)
{
  g_autoptr(GPtrArray) events = NULL;
  Collect c;
  gboolean begun, ok;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (att_pupils_get_or_error (db, pupil_id, error) == NULL)
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_event_free);
  c.events = events;
  c.from = from;
  c.to = to;

  begun = att_db_begin_read (db);
  ok = read_calls (db, pupil_id, &c, error)
       && read_letters (db, pupil_id, &c, error)
       && read_meetings (db, pupil_id, &c, error)
       && read_leave (db, pupil_id, &c, error)
       && read_considerations (db, pupil_id, &c, error)
       && read_support (db, pupil_id, &c, error);
  att_db_end_read (db, begun);
  if (!ok)
    return NULL;
  att_case_chronology_sort (events);
  return g_steal_pointer (&events);
}

gboolean
att_case_chronology_write_csv (GPtrArray   *events,
                               const char  *path,
                               GError     **error)
{
  static const char * const header[] = { "date", "time", "kind", "title", "detail", "user" };
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  att_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < events->len; i++)
    {
      const AttCaseEvent *event = g_ptr_array_index (events, i);
      g_autofree char *date = att_date_format (event->date);
      g_autofree char *time = event->time >= 0 ? att_time_format (event->time) : g_strdup ("");
      const char *cells[6];

      cells[0] = date;
      cells[1] = time;
      cells[2] = att_case_event_kind_to_string (event->kind);
      cells[3] = event->title;
      cells[4] = event->detail;
      cells[5] = event->user;
      att_csv_append_row (out, cells, G_N_ELEMENTS (cells));
    }
  return att_file_save_private (path, out->str, out->len, error);
}
