/* att-leave-decide.c: leave of absence, the decision and what follows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-leave.h"
#include "att-leave-private.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-stats.h"
#include "att-text.h"
#include "att-users.h"

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[strspn (text, " \t\r\n")] == '\0';
}

static gboolean
is_presence (AttCode code)
{
  return code != ATT_CODE_NONE && att_code_info (code)->meaning == ATT_MEANING_PRESENT;
}

static gboolean
is_absence (AttCode code)
{
  AttCodeMeaning meaning;

  if (code == ATT_CODE_NONE)
    return FALSE;
  meaning = att_code_info (code)->meaning;
  return meaning == ATT_MEANING_AUTHORISED || meaning == ATT_MEANING_UNAUTHORISED;
}

static gboolean
is_unauthorised (AttCode code)
{
  return code != ATT_CODE_NONE && att_code_info (code)->meaning == ATT_MEANING_UNAUTHORISED;
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */

static double
pct (guint part,
     guint whole)
{
  if (whole == 0)
    return 0;
  /* One decimal, as the lists show it. */
  return (double)(guint)((part * 1000.0 / whole) + 0.5) / 10.0;
}

gboolean
att_leave_figures (AttDb           *db,
                   gint64           id,
                   AttLeaveFigures *figures,
                   GError         **error)
{
  g_autoptr(AttLeave) leave = att_leave_get (db, id, error);
  AttDate today = att_date_today ();
  AttFigures now = { 0 };
  AttDate last_day = ATT_DATE_NONE;
  AttDate year_end;

  if (leave == NULL)
    return FALSE;
  memset (figures, 0, sizeof *figures);
  if (!att_stats_pupil (db, leave->pupil_id, ATT_DATE_NONE, today, &now, error))
    return FALSE;
  figures->possible_now = now.possible;
  figures->present_now = att_figures_attended (&now);
  figures->attendance_now = pct (figures->present_now, figures->possible_now);
  figures->possible_after = figures->possible_now;
  figures->present_after = figures->present_now;
  /* The school year that holds today ends before the next 1 September. */
  year_end = att_date_school_year_start (att_date_school_year_start (today) + 366) - 1;
  for (guint i = 0; i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      figures->sessions++;
      if (row->date != last_day)
        figures->school_days++;
      last_day = row->date;
      /* What the statistics have not counted yet: the sessions to come in
       * this school year, and those past with no mark. */
      if (row->date < att_date_school_year_start (today) || row->date > year_end)
        continue;
      if (row->date > today || row->code == ATT_CODE_NONE)
        figures->possible_after++;
    }
  figures->attendance_after = pct (figures->present_after, figures->possible_after);
  /* Persistent absence is 10% or more of possible sessions, compared
   * exactly: present * 10 < possible * 9. */
  figures->persistent_after = figures->possible_after > 0 &&
                              (guint64)figures->present_after * 10 < (guint64)figures->possible_after * 9;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Planning a decision                                                 */

static gboolean
find_session (const AttLeave *leave,
              AttDate         date,
              AttSession      session)
{
  for (guint i = 0; i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      if (row->date == date && row->session == session)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_agreed (const AttLeave         *leave,
           const AttLeaveDecision *decision,
           AttDate                 date,
           AttSession              session)
{
  if (decision->verdict == ATT_LEAVE_AGREE_ALL)
    return TRUE;
  if (decision->verdict == ATT_LEAVE_REFUSE)
    return FALSE;
  for (guint i = 0; i < decision->n_agreed; i++)
    if (decision->agreed[i].date == date && decision->agreed[i].session == session)
      return TRUE;
  return FALSE;
}

/* Whether the session was refused in an earlier request for the pupil. */
static gint64
refused_before (AttDb      *db,
                gint64      pupil_id,
                gint64      leave_id,
                AttDate     date,
                AttSession  session)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT leave_id FROM leave_sessions WHERE pupil_id = ? AND date = ? AND session = ? "
    "AND state = 'refused' AND leave_id <> ? ORDER BY leave_id LIMIT 1", NULL);
  gint64 found = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, session);
  sqlite3_bind_int64 (stmt, 4, leave_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}

static gboolean
check_waiting (const AttLeave  *leave,
               GError         **error)
{
  g_autofree char *when = NULL;

  if (leave->status == ATT_LEAVE_SUBMITTED)
    return TRUE;
  if (leave->status == ATT_LEAVE_WITHDRAWN)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Request %" G_GINT64_FORMAT " for %s was withdrawn: there is nothing to decide"),
                   leave->id, leave->pupil_name);
      return FALSE;
    }
  if (leave->decided_at > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (leave->decided_at);

      when = g_date_time_format (at, "%Y-%m-%d");
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
               _("Request %" G_GINT64_FORMAT " for %s was decided on %s by %s (%s): a decision is final, a new request is needed to ask again"),
               leave->id, leave->pupil_name, when != NULL ? when : "?",
               leave->decided_by != NULL ? leave->decided_by : "?",
               att_leave_status_describe (leave->status));
  return FALSE;
}

static GArray *
plan (AttDb                  *db,
      const AttLeave         *leave,
      const AttLeaveDecision *decision,
      GError                **error)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, TRUE, sizeof (AttLeaveMark));
  AttCode code = att_leave_type_code (leave->type);
  AttDate today = att_date_today ();

  if (decision->at != 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (decision->at);

      if (when != NULL)
        today = att_date_from_ymd (g_date_time_get_year (when), g_date_time_get_month (when),
                                   g_date_time_get_day_of_month (when));
    }

  if (!check_waiting (leave, error))
    return NULL;
  if ((guint)decision->verdict > ATT_LEAVE_REFUSE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Unknown decision"));
      return NULL;
    }
  if (decision->verdict == ATT_LEAVE_AGREE_SOME)
    {
      if (decision->n_agreed == 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("Name the sessions agreed, or refuse the request"));
          return NULL;
        }
      for (guint i = 0; i < decision->n_agreed; i++)
        if (!find_session (leave, decision->agreed[i].date, decision->agreed[i].session))
          {
            g_autofree char *when = att_date_format_long (decision->agreed[i].date);

            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("%s %s is not a session request %" G_GINT64_FORMAT " asks for: only the sessions asked for can be agreed"),
                         when, att_session_to_string (decision->agreed[i].session), leave->id);
            return NULL;
          }
    }

  for (guint i = 0; i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);
      AttLeaveMark mark = { row->date, row->session, row->code, code, FALSE };
      gint64 refused;

      if (!is_agreed (leave, decision, row->date, row->session))
        continue;
      refused = refused_before (db, leave->pupil_id, leave->id, row->date, row->session);
      if (refused != 0 && row->date <= today)
        {
          g_autofree char *when = att_date_format_long (row->date);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s %s was refused in advance (request %" G_GINT64_FORMAT "): leave refused in advance cannot be agreed afterwards"),
                       when, att_session_to_string (row->session), refused);
          return NULL;
        }
      if (row->code == code)
        continue;
      mark.conflict = row->code != ATT_CODE_NONE && row->code != ATT_CODE_N;
      g_array_append_val (marks, mark);
    }
  return g_steal_pointer (&marks);
}

GArray *
att_leave_plan_decision (AttDb                  *db,
                         gint64                  id,
                         const AttLeaveDecision *decision,
                         GError                **error)
{
  g_autoptr(AttLeave) leave = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (decision != NULL, NULL);

  leave = att_leave_get (db, id, error);
  if (leave == NULL)
    return NULL;
  return plan (db, leave, decision, error);
}

/* ------------------------------------------------------------------ */
/* Deciding                                                            */

/* Only the headteacher, or the deputy the headteacher authorised as the
 * database holds it now (a user read before the deputy was changed, or
 * made by hand, is not taken at its word). */
static gboolean
check_decider (AttDb          *db,
               const AttUser  *user,
               GError        **error)
{
  g_autoptr(AttUser) current = NULL;

  if (!att_user_require (user, ATT_PERM_DECIDE_LEAVE, error))
    return FALSE;
  if (att_role_can (user->role, ATT_PERM_DECIDE_LEAVE) || att_user_is_system (user))
    return TRUE;
  current = user->id > 0 ? att_users_get (db, user->id, NULL) : NULL;
  if (current != NULL && current->deputy && !current->deactivated)
    return TRUE;
  g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
               _("%s is not the deputy the headteacher authorised to decide leave: only the headteacher or their deputy may decide"),
               user->name);
  return FALSE;
}

static gboolean
link_history (AttDb    *db,
              gint64    leave_id,
              gint64    pupil_id,
              gint64    before,
              GError  **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "UPDATE leave_sessions SET history_id = ("
    "  SELECT max (h.id) FROM mark_history h WHERE h.id > ?1 AND h.pupil_id = ?2"
    "  AND h.date = leave_sessions.date AND h.session = leave_sessions.session) "
    "WHERE leave_id = ?3 AND state = 'agreed' AND EXISTS ("
    "  SELECT 1 FROM mark_history h WHERE h.id > ?1 AND h.pupil_id = ?2"
    "  AND h.date = leave_sessions.date AND h.session = leave_sessions.session)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, before);
  sqlite3_bind_int64 (stmt, 2, pupil_id);
  sqlite3_bind_int64 (stmt, 3, leave_id);
  return att_db_step_done (db, stmt, error);
}

gboolean
att_leave_decide (AttDb                  *db,
                  const AttUser          *user,
                  gint64                  id,
                  const AttLeaveDecision *decision,
                  GError                **error)
{
  g_autoptr(AttLeave) leave = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  g_autofree char *before = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *auto_reason = NULL;
  AttLeaveStatus status;
  guint n_conflicts = 0, n_agreed = 0;
  gint64 actor, history_before = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);

  if (!check_decider (db, user, error))
    return FALSE;
  if (is_blank (decision->reasons))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Give the reasons for the decision: they go in the letter to the family"));
      return FALSE;
    }
  if (!att_text_check (_("reasons"), decision->reasons, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) ||
      !att_text_check (_("reason for the change"), decision->amend_reason, ATT_TEXT_REASON_MAX,
                       ATT_TEXT_ONE_LINE, error))
    return FALSE;
  leave = att_leave_get (db, id, error);
  if (leave == NULL)
    return FALSE;
  marks = plan (db, leave, decision, error);
  if (marks == NULL)
    return FALSE;

  for (guint i = 0; i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      n_agreed += is_agreed (leave, decision, row->date, row->session);
    }
  for (guint i = 0; i < marks->len; i++)
    n_conflicts += g_array_index (marks, AttLeaveMark, i).conflict;
  if (n_conflicts > 0 && is_blank (decision->amend_reason))
    {
      AttLeaveMark first = { 0 };
      g_autofree char *when = NULL;

      for (guint i = marks->len; i-- > 0;)
        if (g_array_index (marks, AttLeaveMark, i).conflict)
          first = g_array_index (marks, AttLeaveMark, i);
      when = att_date_format_long (first.date);
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u agreed session already holds another mark (%s %s holds %s): give the reason for changing it",
                                "%u agreed sessions already hold another mark (the first, %s %s, holds %s): give the reason for changing them",
                                n_conflicts),
                   n_conflicts, when, att_session_to_string (first.session),
                   att_code_to_string (first.old_code));
      return FALSE;
    }

  if (n_agreed == 0)
    status = ATT_LEAVE_DECLINED;
  else if (n_agreed == leave->sessions->len)
    status = ATT_LEAVE_APPROVED;
  else
    status = ATT_LEAVE_PARTLY_APPROVED;

  for (guint i = 0; i < marks->len; i++)
    {
      AttLeaveMark *mark = &g_array_index (marks, AttLeaveMark, i);
      AttMarkWrite write = { 0 };

      write.pupil_id = leave->pupil_id;
      write.date = mark->date;
      write.session = mark->session;
      write.code = mark->new_code;
      write.minutes_late = -1;
      g_array_append_val (writes, write);
    }
  auto_reason = g_strdup_printf (_("Leave of absence agreed by %s (request %" G_GINT64_FORMAT ")"),
                                 user->name, id);

  if (!att_db_begin (db, error))
    return FALSE;
  actor = att_audit_actor (db, user, error);
  if (actor == 0 || !att_audit_snapshot (db, "leave_requests", id, &before, error))
    goto failed;
  stmt = att_db_prepare (db,
    "UPDATE leave_requests SET status = ?, decided_actor_id = ?, decided_at = ?, "
    "decision_reasons = ? WHERE id = ? AND status = 'submitted'", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, _att_leave_status_names[status], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, actor);
  sqlite3_bind_int64 (stmt, 3, decision->at != 0 ? decision->at : att_audit_now ());
  sqlite3_bind_text (stmt, 4, decision->reasons, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (att_db_get_handle (db)) != 1)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Request %" G_GINT64_FORMAT " was decided or withdrawn meanwhile: a decision is final"), id);
      goto failed;
    }
  for (guint i = 0; i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      stmt = att_db_prepare (db, "UPDATE leave_sessions SET state = ? WHERE leave_id = ? AND date = ? AND session = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, is_agreed (leave, decision, row->date, row->session) ? "agreed" : "refused",
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_int (stmt, 3, row->date);
      sqlite3_bind_int (stmt, 4, row->session);
      if (!att_db_step_done (db, stmt, error))
        goto failed;
    }
  if (writes->len > 0)
    {
      stmt = att_db_prepare (db, "SELECT coalesce (max (id), 0) FROM mark_history", error);
      if (stmt == NULL || !att_db_query_int (db, stmt, &history_before, _("read the register history"), error))
        goto failed;
      if (!att_register_write_full (db, user, (AttMarkWrite *)(gpointer)writes->data, writes->len,
                                    n_conflicts > 0 ? decision->amend_reason : auto_reason,
                                    ATT_WRITE_DEFAULT, NULL, error) ||
          !link_history (db, id, leave->pupil_id, history_before, error))
        goto failed;
    }
  detail = g_strdup_printf ("leave %" G_GINT64_FORMAT " %s: %u of %u sessions agreed, %u marks written",
                            id, _att_leave_status_names[status], n_agreed, leave->sessions->len, writes->len);
  if (!_att_leave_audit_commit (db, user, id, leave->pupil_id, "leave.decide", detail, before, error))
    goto failed;
  return TRUE;

failed:
  att_db_rollback (db);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* After the decision                                                  */

/* The request whose agreed leave ended before @date's @session with the
 * pupil absent (or unmarked) on every session since, up to it: days
 * taken beyond the leave. 0 when none. */
static gint64
extended_leave (AttDb        *db,
                gint64        pupil_id,
                AttDate       date,
                AttSession    session,
                AttLeaveType *type)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT l.id, l.type, max (s.date * 2 + s.session) FROM leave_requests l "
    "JOIN leave_sessions s ON s.leave_id = l.id AND s.state = 'agreed' "
    "WHERE l.pupil_id = ? AND l.type <> 'part-time' AND l.last_date < ? AND l.last_date >= ? "
    "GROUP BY l.id ORDER BY l.last_date DESC LIMIT 1", NULL);
  AttCalendar *calendar = att_db_get_calendar (db);
  const AttSessionSlot *slots;
  guint n_slots;
  gint64 id = 0;
  int last_key = 0, key = date * 2 + session;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date + 1);
  sqlite3_bind_int (stmt, 3, date - 28);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *type = att_text_name_index ((const char *)sqlite3_column_text (stmt, 1),
                                 _att_leave_type_names, ATT_LEAVE_N_TYPES);
      last_key = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (id == 0 || last_key >= key)
    return 0;
  slots = att_calendar_get_sessions (calendar, &n_slots);
  for (guint k = att_calendar_session_index (calendar, last_key / 2); k < n_slots; k++)
    {
      int here = slots[k].date * 2 + slots[k].session;

      if (here <= last_key)
        continue;
      if (here >= key)
        break;
      if (is_presence (att_register_code (db, pupil_id, slots[k].date, slots[k].session)))
        return 0;
    }
  return id;
}

AttCode
att_leave_suggest_code (AttDb      *db,
                        gint64      pupil_id,
                        AttDate     date,
                        AttSession  session,
                        gint64     *leave_id)
{
  sqlite3_stmt *stmt;
  AttLeaveType type = ATT_LEAVE_EXCEPTIONAL;
  gint64 id = 0;

  g_return_val_if_fail (ATT_IS_DB (db), ATT_CODE_NONE);

  if (leave_id != NULL)
    *leave_id = 0;
  stmt = att_db_prepare (db,
    "SELECT l.id, l.type FROM leave_sessions s JOIN leave_requests l ON l.id = s.leave_id "
    "WHERE s.pupil_id = ? AND s.date = ? AND s.session = ? AND s.state = 'refused' "
    "ORDER BY l.id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return ATT_CODE_NONE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, session);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      type = att_text_name_index ((const char *)sqlite3_column_text (stmt, 1),
                                _att_leave_type_names, ATT_LEAVE_N_TYPES);
    }
  sqlite3_reset (stmt);
  if (id == 0)
    id = extended_leave (db, pupil_id, date, session, &type);
  if (id == 0)
    return ATT_CODE_NONE;
  if (leave_id != NULL)
    *leave_id = id;
  return type == ATT_LEAVE_HOLIDAY ? ATT_CODE_G : ATT_CODE_O;
}

void
att_leave_case_free (AttLeaveCase *item)
{
  if (item == NULL)
    return;
  g_free (item->upn);
  g_free (item->pupil_name);
  g_free (item->reg_group);
  g_free (item->decision_reasons);
  g_free (item);
}

/* The first session after @after_key, on or before @as_of, with the pupil
 * present: the day they were back. */
static AttDate
back_after (AttDb   *db,
            gint64   pupil_id,
            int      after_key,
            AttDate  as_of)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  const AttSessionSlot *slots;
  guint n_slots;

  slots = att_calendar_get_sessions (calendar, &n_slots);
  for (guint k = att_calendar_session_index (calendar, after_key / 2);
       k < n_slots && slots[k].date <= as_of; k++)
    {
      if ((int)(slots[k].date * 2 + slots[k].session) <= after_key)
        continue;
      if (is_presence (att_register_code (db, pupil_id, slots[k].date, slots[k].session)))
        return slots[k].date;
    }
  return ATT_DATE_NONE;
}

GPtrArray *
att_leave_refused_taken (AttDb    *db,
                         AttDate   as_of,
                         GError  **error)
{
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)att_leave_case_free);
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  filter.to = as_of;
  list = att_leave_list (db, &filter, error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (list, i);
      g_autoptr(AttLeaveCase) item = NULL;
      int last_key = -1;

      if (leave->status != ATT_LEAVE_DECLINED && leave->status != ATT_LEAVE_PARTLY_APPROVED)
        continue;
      item = g_new0 (AttLeaveCase, 1);
      item->first_absent = item->last_absent = item->back = ATT_DATE_NONE;
      for (guint j = 0; j < leave->sessions->len; j++)
        {
          AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, j);

          if (row->state != ATT_LEAVE_SESSION_REFUSED)
            continue;
          item->refused_sessions++;
          if (row->date > as_of || !is_absence (row->code))
            continue;
          item->absent_sessions++;
          item->unauthorised += is_unauthorised (row->code);
          if (item->first_absent == ATT_DATE_NONE)
            item->first_absent = row->date;
          item->last_absent = row->date;
          last_key = row->date * 2 + row->session;
        }
      if (item->absent_sessions == 0)
        continue;
      item->back = back_after (db, leave->pupil_id, last_key, as_of);
      if (item->back == ATT_DATE_NONE)
        continue;
      item->leave_id = leave->id;
      item->pupil_id = leave->pupil_id;
      item->upn = g_strdup (leave->upn);
      item->pupil_name = g_strdup (leave->pupil_name);
      item->reg_group = g_strdup (leave->reg_group);
      item->type = leave->type;
      item->decision_reasons = g_strdup (leave->decision_reasons);
      g_ptr_array_add (out, g_steal_pointer (&item));
    }
  return g_steal_pointer (&out);
}

GPtrArray *
att_leave_not_back (AttDb    *db,
                    AttDate   as_of,
                    GError  **error)
{
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)att_leave_free);
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  filter.to = as_of;
  list = att_leave_list (db, &filter, error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(AttLeave) owned = g_steal_pointer (&list->pdata[i]);
      AttLeave *leave = owned;
      AttPupil *pupil = att_pupils_get (db, leave->pupil_id);
      AttCalendar *calendar = att_db_get_calendar (db);
      const AttSessionSlot *slots;
      guint n_slots;
      AttDate day;
      int from_key;
      gboolean any_mark = FALSE, present = FALSE;

      if ((leave->status != ATT_LEAVE_APPROVED && leave->status != ATT_LEAVE_PARTLY_APPROVED) ||
          leave->type == ATT_LEAVE_PART_TIME || leave->return_date == ATT_DATE_NONE)
        continue;
      day = _att_leave_school_day_from (db, leave->return_date);
      if (day == ATT_DATE_NONE || day > as_of)
        continue;
      if (pupil == NULL || !att_pupil_on_roll (pupil, day))
        continue;
      /* Back in the afternoon when the leave ended in the morning. */
      from_key = day * 2 + (day == leave->last_date ? 1 : 0);
      slots = att_calendar_get_sessions (calendar, &n_slots);
      for (guint k = att_calendar_session_index (calendar, day);
           k < n_slots && slots[k].date <= as_of && !present; k++)
        {
          AttCode code;

          if ((int)(slots[k].date * 2 + slots[k].session) < from_key)
            continue;
          code = att_register_code (db, leave->pupil_id, slots[k].date, slots[k].session);
          any_mark |= code != ATT_CODE_NONE;
          present |= is_presence (code) || (code != ATT_CODE_NONE && !is_absence (code));
        }
      /* A day whose registers are not taken yet says nothing. */
      if (present || (!any_mark && day == as_of))
        continue;
      g_ptr_array_add (out, g_steal_pointer (&owned));
    }
  return g_steal_pointer (&out);
}

static int
compare_review (gconstpointer a,
                gconstpointer b)
{
  const AttLeave *x = *(AttLeave **)a, *y = *(AttLeave **)b;

  return x->review_date < y->review_date ? -1 : x->review_date > y->review_date;
}

GPtrArray *
att_leave_reviews_due (AttDb    *db,
                       AttDate   as_of,
                       GError  **error)
{
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
  g_autoptr(GPtrArray) list = NULL;
  GPtrArray *out;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  filter.from = as_of;
  list = att_leave_list (db, &filter, error);
  if (list == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)att_leave_free);
  for (guint i = 0; i < list->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (list, i);

      if (leave->type != ATT_LEAVE_PART_TIME ||
          (leave->status != ATT_LEAVE_APPROVED && leave->status != ATT_LEAVE_PARTLY_APPROVED) ||
          leave->review_date == ATT_DATE_NONE || leave->review_date > as_of)
        continue;
      g_ptr_array_add (out, g_steal_pointer (&list->pdata[i]));
    }
  g_ptr_array_sort (out, compare_review);
  return out;
}

gboolean
att_leave_review (AttDb         *db,
                  const AttUser *user,
                  gint64         id,
                  AttDate        review_day,
                  AttDate        next_review,
                  const char    *note,
                  GError       **error)
{
  g_autoptr(AttLeave) leave = NULL;
  g_autofree char *before = NULL;
  g_autofree char *detail = NULL;
  guint days = att_leave_get_review_days (db);
  sqlite3_stmt *stmt;
  gint64 actor;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if (!check_decider (db, user, error) ||
      !att_text_check (_("note"), note, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error))
    return FALSE;
  leave = att_leave_get (db, id, error);
  if (leave == NULL)
    return FALSE;
  if (leave->type != ATT_LEAVE_PART_TIME ||
      (leave->status != ATT_LEAVE_APPROVED && leave->status != ATT_LEAVE_PARTLY_APPROVED))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Request %" G_GINT64_FORMAT " is not an agreed part-time timetable: only those are reviewed"), id);
      return FALSE;
    }
  if (review_day == ATT_DATE_NONE)
    review_day = att_date_today ();
  if (next_review == ATT_DATE_NONE ? leave->last_date > review_day + (AttDate)days
                                   : (next_review <= review_day || next_review > review_day + (AttDate)days))
    {
      g_autofree char *end = att_date_format_long (leave->last_date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The next review must come after this one and at most %u day later, while the timetable lasts (to %s)",
                                "The next review must come after this one and at most %u days later, while the timetable lasts (to %s)",
                                days),
                   days, end);
      return FALSE;
    }
  if (!att_db_begin (db, error))
    return FALSE;
  actor = att_audit_actor (db, user, error);
  if (actor == 0 || !att_audit_snapshot (db, "leave_requests", id, &before, error))
    goto failed;
  stmt = att_db_prepare (db,
    "INSERT INTO leave_reviews (leave_id, review_day, next_review, note, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, review_day);
  if (next_review != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 3, next_review);
  sqlite3_bind_text (stmt, 4, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, actor);
  sqlite3_bind_int64 (stmt, 6, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  stmt = att_db_prepare (db, "UPDATE leave_requests SET review_date = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  if (next_review != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 1, next_review);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  detail = g_strdup_printf ("leave %" G_GINT64_FORMAT " reviewed", id);
  if (!_att_leave_audit_commit (db, user, id, leave->pupil_id, "leave.review", detail, before, error))
    goto failed;
  return TRUE;

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
att_leave_counts (AttDb          *db,
                  AttDate         as_of,
                  AttLeaveCounts *counts,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) not_back = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  gint64 waiting = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  stmt = att_db_prepare (db, "SELECT count(*) FROM leave_requests WHERE status = 'submitted'", error);
  if (stmt == NULL || !att_db_query_int (db, stmt, &waiting, _("read the requests for leave"), error))
    return FALSE;
  reviews = att_leave_reviews_due (db, as_of, error);
  if (reviews == NULL)
    return FALSE;
  not_back = att_leave_not_back (db, as_of, error);
  if (not_back == NULL)
    return FALSE;
  taken = att_leave_refused_taken (db, as_of, error);
  if (taken == NULL)
    return FALSE;
  counts->waiting = waiting;
  counts->reviews_due = reviews->len;
  counts->not_back = not_back->len;
  counts->refused_taken = taken->len;
  return TRUE;
}

gboolean
att_leave_letter_for (AttDb          *db,
                      const AttLeave *leave,
                      AttLeaveLetter *letter)
{
  g_return_val_if_fail (leave != NULL, FALSE);

  for (guint i = 0; leave->sessions != NULL && i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      if (row->state == ATT_LEAVE_SESSION_REFUSED && is_unauthorised (row->code))
        {
          *letter = ATT_LEAVE_LETTER_UNAUTHORISED;
          return TRUE;
        }
    }
  switch (leave->status)
    {
    case ATT_LEAVE_APPROVED:
      *letter = leave->type == ATT_LEAVE_RELIGIOUS ? ATT_LEAVE_LETTER_RELIGIOUS_AGREED : ATT_LEAVE_LETTER_AGREED;
      return TRUE;
    case ATT_LEAVE_PARTLY_APPROVED:
      *letter = ATT_LEAVE_LETTER_PARTLY_AGREED;
      return TRUE;
    case ATT_LEAVE_DECLINED:
      *letter = ATT_LEAVE_LETTER_REFUSED;
      return TRUE;
    case ATT_LEAVE_SUBMITTED:
    case ATT_LEAVE_WITHDRAWN:
    case ATT_LEAVE_N_STATUSES:
    default:
      return FALSE;
    }
}
