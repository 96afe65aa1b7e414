/* att-latebook.c: reception's signing-in book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-latebook.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-register-status.h"
#include "att-text.h"
#include "att-users.h"

void
att_late_entry_free (AttLateEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->reason);
  g_free (entry->person);
  g_free (entry->user_name);
  g_free (entry);
}

static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  AttLateEntry *entry = g_new0 (AttLateEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->pupil_id = sqlite3_column_int64 (stmt, 1);
  entry->date = sqlite3_column_int (stmt, 2);
  entry->kind = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 3), "sign-out") == 0
                ? ATT_LATE_SIGN_OUT : ATT_LATE_ARRIVAL;
  entry->session = sqlite3_column_int (stmt, 4);
  entry->time_out = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 5);
  entry->time_in = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 6);
  entry->minutes_late = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 7);
  entry->code = att_code_lookup ((const char *)sqlite3_column_text (stmt, 8));
  entry->reason = att_db_column_dup (stmt, 9);
  entry->person = att_db_column_dup (stmt, 10);
  entry->user_name = att_db_column_dup (stmt, 11);
  entry->at = sqlite3_column_int64 (stmt, 12);
  return entry;
}

#define ENTRY_SELECT \
  "SELECT b.id, b.pupil_id, b.date, b.kind, b.session, b.time_out, b.time_in, b.minutes_late, " \
  "b.code, b.reason, b.person, r.name, b.at FROM late_book b JOIN actors r ON r.id = b.actor_id "

GPtrArray *
att_latebook_list (AttDb   *db,
                   AttDate  date,
                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, ENTRY_SELECT
                         "WHERE b.date = ? ORDER BY coalesce (b.time_in, b.time_out), b.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, date);
  return att_db_collect (db, stmt, entry_from_row, (GDestroyNotify)att_late_entry_free,
                         _("read the late book"), error);
}

static gboolean
check_pupil_day (AttDb     *db,
                 gint64     pupil_id,
                 AttDate    date,
                 AttPupil **out,
                 GError   **error)
{
  AttPupil *pupil = att_pupils_get_or_error (db, pupil_id, error);
  g_autofree char *when = NULL;

  if (pupil == NULL)
    return FALSE;
  when = att_date_format_long (date);
  if (att_calendar_day_sessions (att_db_get_calendar (db), date) == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE, _("%s is not a school day"), when);
      return FALSE;
    }
  if (!att_pupil_on_roll (pupil, date))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE, _("%s (%s) is not on roll on %s"),
                   att_pupil_get_display_name (pupil), pupil->upn, when);
      return FALSE;
    }
  *out = pupil;
  return TRUE;
}

/* Inserts the entry and links the history rows written after @before. */
static gint64
insert_entry (AttDb          *db,
              const AttUser  *user,
              const AttLateEntry *e,
              gint64          before,
              GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 actor = att_audit_actor (db, user, error), id;

  if (actor == 0)
    return 0;
  stmt = att_db_prepare (db,
    "INSERT INTO late_book (pupil_id, date, kind, session, time_out, time_in, minutes_late, code, "
    "reason, person, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, e->pupil_id);
  sqlite3_bind_int (stmt, 2, e->date);
  sqlite3_bind_text (stmt, 3, e->kind == ATT_LATE_SIGN_OUT ? "sign-out" : "arrival", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, e->session);
  if (e->time_out >= 0)
    sqlite3_bind_int (stmt, 5, e->time_out);
  if (e->time_in >= 0)
    sqlite3_bind_int (stmt, 6, e->time_in);
  if (e->minutes_late >= 0)
    sqlite3_bind_int (stmt, 7, e->minutes_late);
  if (e->code != ATT_CODE_NONE)
    sqlite3_bind_text (stmt, 8, att_code_to_string (e->code), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, e->reason != NULL ? e->reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, e->person != NULL ? e->person : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, actor);
  sqlite3_bind_int64 (stmt, 12, g_get_real_time () / G_USEC_PER_SEC);
  if (!att_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));

  stmt = att_db_prepare (db,
    "INSERT INTO late_book_marks (entry_id, history_id) SELECT ?, id FROM mark_history WHERE id > ?",
    error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, before);
  if (!att_db_step_done (db, stmt, error))
    return 0;
  return id;
}

static gboolean
history_top (AttDb   *db,
             gint64  *before,
             GError **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db, "SELECT coalesce (max (id), 0) FROM mark_history", error);

  return stmt != NULL && att_db_query_int (db, stmt, before, _("read the register history"), error);
}

gint64
att_latebook_arrive (AttDb          *db,
                     const AttUser  *user,
                     gint64          pupil_id,
                     AttDate         date,
                     int             time,
                     const char     *reason,
                     const char     *brought_by,
                     AttLateEntry  **entry,
                     GError        **error)
{
  g_autofree char *clock = NULL;
  g_autofree char *amend = NULL;
  g_autofree char *detail = NULL;
  AttLateEntry e = { 0 };
  AttMarkWrite write = { 0 };
  AttPupil *pupil;
  int am_open, am_close, pm_open, pm_close, open, close;
  gint64 before = 0, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (!att_user_require (user, ATT_PERM_LOG_CALLS, error) ||
      !att_text_check (_("reason"), reason, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error) ||
      !att_text_check (_("brought by"), brought_by, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error) ||
      !check_pupil_day (db, pupil_id, date, &pupil, error))
    return 0;

  att_register_times (db, ATT_SESSION_AM, &am_open, &am_close);
  att_register_times (db, ATT_SESSION_PM, &pm_open, &pm_close);
  e.session = time >= pm_open ? ATT_SESSION_PM : ATT_SESSION_AM;
  open = e.session == ATT_SESSION_PM ? pm_open : am_open;
  close = e.session == ATT_SESSION_PM ? pm_close : am_close;
  clock = att_time_format (time);
  if (time < 0 || time >= 24 * 60)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("The arrival time is not a time of day"));
      return 0;
    }
  if (time <= open)
    {
      g_autofree char *opens = att_time_format (open);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("An arrival at %s is not late: the register opens at %s"), clock, opens);
      return 0;
    }
  if (!att_calendar_is_school_session (att_db_get_calendar (db), date, e.session))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE, _("There is no %s session on that day"),
                   att_session_to_string (e.session));
      return 0;
    }

  e.pupil_id = pupil_id;
  e.date = date;
  e.kind = ATT_LATE_ARRIVAL;
  e.time_out = -1;
  e.time_in = time;
  e.minutes_late = time - open;
  e.code = att_register_late_code_for (open, close, e.minutes_late);
  e.reason = (char *)(reason != NULL ? reason : "");
  e.person = (char *)(brought_by != NULL ? brought_by : "");
  if (e.code == ATT_CODE_U && *e.reason == '\0')
    {
      g_autofree char *closes = att_time_format (close);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s arrived at %s, after the register closed at %s (U): give the reason for the late arrival"),
                   att_pupil_get_display_name (pupil), clock, closes);
      return 0;
    }

  write.pupil_id = pupil_id;
  write.date = date;
  write.session = e.session;
  write.code = e.code;
  write.minutes_late = e.minutes_late;
  amend = *e.reason != '\0'
          ? g_strdup_printf (_("Signed in at reception at %s: %s"), clock, e.reason)
          : g_strdup_printf (_("Signed in at reception at %s"), clock);

  if (!att_db_begin (db, error))
    return 0;
  if (!history_top (db, &before, error) ||
      !att_register_write_full (db, user, &write, 1, amend, ATT_WRITE_DEFAULT, NULL, error) ||
      (id = insert_entry (db, user, &e, before, error)) == 0)
    goto failed;
  detail = g_strdup_printf ("%s arrived %s, %s %d minutes", pupil->upn, clock,
                            att_code_to_string (e.code), e.minutes_late);
  if (!att_audit_log (db, user, "latebook.arrive", detail, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;

  if (entry != NULL)
    {
      *entry = g_memdup2 (&e, sizeof e);
      (*entry)->id = id;
      (*entry)->reason = g_strdup (e.reason);
      (*entry)->person = g_strdup (e.person);
      (*entry)->user_name = g_strdup (user->name);
      (*entry)->at = g_get_real_time () / G_USEC_PER_SEC;
    }
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

gint64
att_latebook_sign_out (AttDb          *db,
                       const AttUser  *user,
                       gint64          pupil_id,
                       AttDate         date,
                       int             time_out,
                       int             time_back,
                       AttCallReason   category,
                       const char     *collected_by,
                       const char     *amend_reason,
                       GError        **error)
{
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  g_autofree char *out_text = NULL;
  g_autofree char *auto_reason = NULL;
  g_autofree char *detail = NULL;
  AttLateEntry e = { 0 };
  AttPupil *pupil;
  AttCode code = att_call_reason_code (category);
  gboolean first = TRUE;
  gint64 before = 0, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (!att_user_require (user, ATT_PERM_LOG_CALLS, error) ||
      !att_text_check (_("collected by"), collected_by, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error) ||
      !att_text_check (_("reason for the change"), amend_reason, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error) ||
      !check_pupil_day (db, pupil_id, date, &pupil, error))
    return 0;
  if (time_out < 0 || time_out >= 24 * 60 || (time_back >= 0 && time_back <= time_out))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The time back must be after the time out, both times of the day"));
      return 0;
    }
  /* Only an authorised absence is written: any other reason leaves the
   * register to be taken as usual. */
  if (code != ATT_CODE_I && code != ATT_CODE_M)
    code = ATT_CODE_NONE;

  out_text = att_time_format (time_out);
  e.pupil_id = pupil_id;
  e.date = date;
  e.kind = ATT_LATE_SIGN_OUT;
  e.time_out = time_out;
  e.time_in = time_back;
  e.minutes_late = -1;
  e.code = ATT_CODE_NONE;
  e.reason = (char *)att_call_reason_to_string (category);
  e.person = (char *)(collected_by != NULL ? collected_by : "");
  e.session = time_out >= 0 ? ATT_SESSION_PM : ATT_SESSION_AM;

  for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
    {
      int open, close;
      AttCode old;
      AttMarkWrite write = { 0 };

      att_register_times (db, s, &open, &close);
      if (!att_calendar_is_school_session (att_db_get_calendar (db), date, s) ||
          time_out >= open || (time_back >= 0 && time_back < close))
        continue;
      if (first)
        e.session = s;
      first = FALSE;
      if (code == ATT_CODE_NONE)
        continue;
      old = att_register_code (db, pupil_id, date, s);
      if (old == code)
        continue;
      if (old != ATT_CODE_NONE && old != ATT_CODE_N && (amend_reason == NULL || *amend_reason == '\0'))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s %s already holds %s: give a reason to change it to %s"),
                       pupil->upn, att_session_to_string (s), att_code_to_string (old),
                       att_code_to_string (code));
          return 0;
        }
      write.pupil_id = pupil_id;
      write.date = date;
      write.session = s;
      write.code = code;
      write.minutes_late = -1;
      g_array_append_val (writes, write);
      e.code = code;
    }

  auto_reason = g_strdup_printf (_("Signed out at %s: %s"), out_text, att_call_reason_describe (category));
  if (!att_db_begin (db, error))
    return 0;
  if (!history_top (db, &before, error))
    goto failed;
  if (writes->len > 0 &&
      !att_register_write_full (db, user, (AttMarkWrite *)(gpointer)writes->data, writes->len,
                                amend_reason != NULL && *amend_reason != '\0' ? amend_reason : auto_reason,
                                ATT_WRITE_DEFAULT, NULL, error))
    goto failed;
  if ((id = insert_entry (db, user, &e, before, error)) == 0)
    goto failed;
  detail = g_strdup_printf ("%s signed out %s, %u sessions written", pupil->upn, out_text, writes->len);
  if (!att_audit_log (db, user, "latebook.sign-out", detail, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}
