/* att-leave-record.c: leave of absence, recording, withdrawing, reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
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

/* ------------------------------------------------------------------ */
/* Sessions                                                            */

GArray *
_att_leave_school_sessions (AttDb      *db,
                            gint64      pupil_id,
                            AttDate     first_date,
                            AttSession  first_session,
                            AttDate     last_date,
                            AttSession  last_session,
                            guint       pattern)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (AttLeaveSession));
  AttCalendar *calendar = att_db_get_calendar (db);
  AttPupil *pupil = att_pupils_get (db, pupil_id);
  const AttSessionSlot *slots;
  guint n_slots, k;
  int first_key = first_date * 2 + first_session;
  int last_key = last_date * 2 + last_session;

  slots = att_calendar_get_sessions (calendar, &n_slots);
  for (k = att_calendar_session_index (calendar, first_date);
       k < n_slots && slots[k].date <= last_date; k++)
    {
      int key = slots[k].date * 2 + slots[k].session;
      AttLeaveSession one = { slots[k].date, slots[k].session };

      if (key < first_key || key > last_key)
        continue;
      if (pupil != NULL && !att_pupil_on_roll (pupil, slots[k].date))
        continue;
      if (pattern != 0)
        {
          int weekday = att_date_weekday (slots[k].date);

          if (weekday > 5 || (pattern & ATT_LEAVE_PATTERN_BIT (weekday, slots[k].session)) == 0)
            continue;
        }
      g_array_append_val (out, one);
    }
  return out;
}

AttDate
_att_leave_school_day_from (AttDb   *db,
                            AttDate  date)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  const AttSessionSlot *slots;
  guint n_slots, k;

  slots = att_calendar_get_sessions (calendar, &n_slots);
  k = att_calendar_session_index (calendar, date);
  return k < n_slots ? (AttDate)slots[k].date : ATT_DATE_NONE;
}

/* The day the pupil is due back when the request gives none: the
 * afternoon of the last day when the leave ends in the morning and that
 * day has an afternoon, else the first school day after. */
static AttDate
default_return (AttDb            *db,
                const AttLeaveInput *input)
{
  AttCalendar *calendar = att_db_get_calendar (db);

  if (input->type != ATT_LEAVE_PART_TIME && input->last_session == ATT_SESSION_AM &&
      (att_calendar_day_sessions (calendar, input->last_date) & 2) != 0)
    return input->last_date;
  return _att_leave_school_day_from (db, input->last_date + 1);
}

static AttDate
default_review (AttDb               *db,
                const AttLeaveInput *input)
{
  AttDate review = input->first_date + (AttDate)att_leave_get_review_days (db);

  return MIN (review, input->last_date);
}

/* The day of a moment (UTC seconds), in local time. */
static AttDate
day_of (gint64 at)
{
  g_autoptr(GDateTime) when = at != 0 ? g_date_time_new_from_unix_local (at) : NULL;

  if (when == NULL)
    return att_date_today ();
  return att_date_from_ymd (g_date_time_get_year (when), g_date_time_get_month (when),
                            g_date_time_get_day_of_month (when));
}

/* ------------------------------------------------------------------ */
/* Checking                                                            */

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[strspn (text, " \t\r\n")] == '\0';
}

/* The contact of @pupil_id who asked: @contact_id when it is theirs, else
 * one with the same name. NULL when none matches. */
static AttContact *
find_requester (AttDb      *db,
                gint64      pupil_id,
                gint64      contact_id,
                const char *name)
{
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (db, pupil_id, NULL);
  g_autofree char *wanted = NULL;
  AttContact *by_id = NULL;

  if (contacts == NULL)
    return NULL;
  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *contact = g_ptr_array_index (contacts, i);

      if (contact_id > 0 && contact->id == contact_id)
        by_id = contact;
    }
  if (by_id != NULL)
    return att_contact_copy (by_id);
  if (contact_id > 0)
    {
      /* Someone else's contact on file: a brother's or sister's, the same
       * person under another row. Match by their name. */
      sqlite3_stmt *stmt = att_db_prepare (db,
        "SELECT coalesce (forename, '') || ' ' || surname FROM contacts WHERE id = ?", NULL);

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, contact_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            wanted = att_db_column_dup (stmt, 0);
          sqlite3_reset (stmt);
        }
    }
  else if (name != NULL)
    wanted = g_strdup (name);
  if (wanted == NULL)
    return NULL;
  g_strstrip (wanted);
  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *full = att_contact_dup_name (contact);
      g_autofree char *plain = g_strdup_printf ("%s %s", contact->forename != NULL ? contact->forename : "",
                                                contact->surname);

      g_strstrip (plain);
      if (g_ascii_strcasecmp (full, wanted) == 0 || g_ascii_strcasecmp (plain, wanted) == 0)
        return att_contact_copy (contact);
    }
  return NULL;
}

static gboolean
check_input (AttDb               *db,
             const AttLeaveInput *input,
             GError             **error)
{
  if (input->n_pupils == 0 || input->pupil_ids == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("A request for leave needs a pupil"));
      return FALSE;
    }
  if ((guint)input->type >= ATT_LEAVE_N_TYPES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Unknown type of leave"));
      return FALSE;
    }
  if (input->first_date == ATT_DATE_NONE || input->last_date == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Give the first and the last day of the leave"));
      return FALSE;
    }
  if (input->first_date * 2 + input->first_session > input->last_date * 2 + input->last_session)
    {
      g_autofree char *first = att_date_format_long (input->first_date);
      g_autofree char *last = att_date_format_long (input->last_date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The leave ends (%s %s) before it starts (%s %s)"),
                   last, att_session_to_string (input->last_session),
                   first, att_session_to_string (input->first_session));
      return FALSE;
    }
  if (input->return_date != ATT_DATE_NONE && input->return_date < input->last_date)
    {
      g_autofree char *last = att_date_format_long (input->last_date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The return date must be on or after the last day of the leave (%s)"), last);
      return FALSE;
    }
  if (is_blank (input->reason))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Write down the reason for the request, in the parent’s words"));
      return FALSE;
    }
  if (input->requested_by_contact_id <= 0 && is_blank (input->requested_by))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Say who asked for the leave: pick a contact or give a name"));
      return FALSE;
    }
  if (!att_text_check (_("reason"), input->reason, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) ||
      !att_text_check (_("evidence seen"), input->evidence, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) ||
      !att_text_check (_("requested by"), input->requested_by, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error) ||
      !att_text_check (_("address while away"), input->address_away, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error))
    return FALSE;
  if (input->type == ATT_LEAVE_PART_TIME)
    {
      AttDate review = input->review_date != ATT_DATE_NONE ? input->review_date : default_review (db, input);
      guint days = att_leave_get_review_days (db);

      if ((input->pattern & ATT_LEAVE_PATTERN_ALL) == 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("A part-time timetable needs the sessions of the week the pupil is out of school"));
          return FALSE;
        }
      if (review < input->first_date || review > input->first_date + (AttDate)days)
        {
          g_autofree char *first = att_date_format_long (input->first_date);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "A part-time timetable is reviewed at most %u day after it starts (%s): choose an earlier review date",
                                    "A part-time timetable is reviewed at most %u days after it starts (%s): choose an earlier review date",
                                    days),
                       days, first);
          return FALSE;
        }
    }
  else if (input->pattern != 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A pattern of sessions is only for a part-time timetable"));
      return FALSE;
    }

  for (guint i = 0; i < input->n_pupils; i++)
    {
      AttPupil *pupil = att_pupils_get_or_error (db, input->pupil_ids[i], error);
      g_autoptr(GArray) sessions = NULL;

      if (pupil == NULL)
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (input->pupil_ids[j] == input->pupil_ids[i])
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("%s (%s) is named twice in one request"),
                         att_pupil_get_display_name (pupil), pupil->upn);
            return FALSE;
          }
      sessions = _att_leave_school_sessions (db, pupil->id, input->first_date, input->first_session,
                                             input->last_date, input->last_session,
                                             input->type == ATT_LEAVE_PART_TIME ? input->pattern : 0);
      if (sessions->len == 0)
        {
          g_autofree char *first = att_date_format_long (input->first_date);
          g_autofree char *last = att_date_format_long (input->last_date);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s (%s) has no school session on roll from %s to %s: there is nothing to ask leave for"),
                       att_pupil_get_display_name (pupil), pupil->upn, first, last);
          return FALSE;
        }
    }
  return TRUE;
}

/* The warnings of one pupil's request, with their sentences. */
static AttLeaveWarnings
warnings_for (AttDb               *db,
              const AttLeaveInput *input,
              gint64               pupil_id,
              GPtrArray           *messages)
{
  AttLeaveWarnings warnings = 0;
  /* The day it is recorded: today, or the day of @input->at. */
  AttDate today = day_of (input->at);
  AttDate received = input->received != ATT_DATE_NONE ? input->received : today;
  guint notice = att_leave_get_notice_days (db);
  AttPupil *pupil = att_pupils_get (db, pupil_id);
  const char *name = pupil != NULL ? att_pupil_get_display_name (pupil) : "";
  g_autoptr(GPtrArray) exams = att_exam_periods_list (db, NULL);

  if (input->first_date - received < (AttDate)notice)
    {
      warnings |= ATT_LEAVE_WARN_LATE_NOTICE;
      if (messages != NULL)
        {
          guint before = (guint)MAX (input->first_date - received, 0);
          g_autofree char *received_text =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Received %u day before the leave starts",
                                          "Received %u days before the leave starts", before),
                             before);

          /* Translators: the first %s is "Received 3 days before the leave starts" */
          g_ptr_array_add (messages,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%s: the school asks for %u day’s notice",
                                                         "%s: the school asks for %u days’ notice",
                                                         notice),
                                            received_text, notice));
        }
    }
  for (guint i = 0; exams != NULL && i < exams->len; i++)
    {
      AttExamPeriod *period = g_ptr_array_index (exams, i);

      if (period->start <= input->last_date && period->end >= input->first_date)
        {
          warnings |= ATT_LEAVE_WARN_EXAM_PERIOD;
          if (messages != NULL)
            g_ptr_array_add (messages, g_strdup_printf (_("The dates fall in the exam period “%s”"), period->name));
          break;
        }
    }
  if (input->first_date < today)
    {
      warnings |= ATT_LEAVE_WARN_PAST;
      if (messages != NULL)
        g_ptr_array_add (messages, g_strdup (_("The leave starts on a day already past: leave cannot be granted after the event")));
    }
  if (input->type == ATT_LEAVE_EXCEPTIONAL || input->type == ATT_LEAVE_HOLIDAY)
    {
      g_autoptr(AttContact) contact = find_requester (db, pupil_id, input->requested_by_contact_id,
                                                      input->requested_by);

      if (contact == NULL || !contact->parental_responsibility || !contact->lives_with)
        {
          warnings |= ATT_LEAVE_WARN_REQUESTER;
          if (messages != NULL)
            g_ptr_array_add (messages,
                             g_strdup_printf (_("Leave for exceptional circumstances must be asked for by a parent %s normally lives with: the person who asked is not recorded as one"),
                                              name));
        }
    }
  return warnings;
}

GPtrArray *
att_leave_check (AttDb               *db,
                 const AttLeaveInput *input,
                 AttLeaveWarnings    *warnings,
                 GError             **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  AttLeaveWarnings all = 0;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!check_input (db, input, error))
    return NULL;
  for (guint i = 0; i < input->n_pupils; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_free);
      AttLeaveWarnings w = warnings_for (db, input, input->pupil_ids[i], one);

      /* Brothers and sisters share most warnings: say each once. */
      for (guint j = 0; j < one->len; j++)
        {
          const char *text = g_ptr_array_index (one, j);
          gboolean seen = FALSE;

          for (guint k = 0; k < messages->len && !seen; k++)
            seen = g_strcmp0 (g_ptr_array_index (messages, k), text) == 0;
          if (!seen)
            g_ptr_array_add (messages, g_strdup (text));
        }
      all |= w;
    }
  if (warnings != NULL)
    *warnings = all;
  return g_steal_pointer (&messages);
}

/* ------------------------------------------------------------------ */
/* The snapshot                                                        */

static char *
snapshot_json (const AttLeaveSnapshot *s)
{
  char pct[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (pct, sizeof pct, "%.1f", s->attendance_pct);
  return g_strdup_printf ("{\"as_of\":%d,\"possible\":%u,\"present\":%u,\"absent\":%u,"
                          "\"unauthorised\":%u,\"attendance_pct\":%s,\"persistent\":%s,"
                          "\"severe\":%s,\"previous_requests\":%u,\"previous_agreed\":%u,"
                          "\"previous_refused\":%u,\"previous_withdrawn\":%u}",
                          s->as_of, s->possible, s->present, s->absent, s->unauthorised, pct,
                          s->persistent ? "true" : "false", s->severe ? "true" : "false",
                          s->previous_requests, s->previous_agreed, s->previous_refused,
                          s->previous_withdrawn);
}

static double
json_number (const char *json,
             const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\":", key);
  const char *at = json != NULL ? strstr (json, needle) : NULL;

  if (at == NULL)
    return 0;
  at += strlen (needle);
  if (g_str_has_prefix (at, "true"))
    return 1;
  return g_ascii_strtod (at, NULL);
}

static void
snapshot_parse (const char       *json,
                AttLeaveSnapshot *s)
{
  s->as_of = (AttDate)json_number (json, "as_of");
  s->possible = (guint)json_number (json, "possible");
  s->present = (guint)json_number (json, "present");
  s->absent = (guint)json_number (json, "absent");
  s->unauthorised = (guint)json_number (json, "unauthorised");
  s->attendance_pct = json_number (json, "attendance_pct");
  s->persistent = json_number (json, "persistent") != 0;
  s->severe = json_number (json, "severe") != 0;
  s->previous_requests = (guint)json_number (json, "previous_requests");
  s->previous_agreed = (guint)json_number (json, "previous_agreed");
  s->previous_refused = (guint)json_number (json, "previous_refused");
  s->previous_withdrawn = (guint)json_number (json, "previous_withdrawn");
}

static gboolean
take_snapshot (AttDb             *db,
               gint64             pupil_id,
               AttDate            as_of,
               AttLeaveSnapshot  *s,
               GError           **error)
{
  AttFigures figures = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  memset (s, 0, sizeof *s);
  s->as_of = as_of;
  if (!att_stats_pupil (db, pupil_id, ATT_DATE_NONE, s->as_of, &figures, error))
    return FALSE;
  s->possible = figures.possible;
  s->present = att_figures_attended (&figures);
  s->absent = att_figures_absent (&figures);
  s->unauthorised = figures.unauthorised;
  s->attendance_pct = att_figures_attendance_pct (&figures);
  s->persistent = att_figures_persistent (&figures);
  s->severe = att_figures_severe (&figures);

  stmt = att_db_prepare (db, "SELECT status, count(*) FROM leave_requests WHERE pupil_id = ? GROUP BY status", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttLeaveStatus status = att_text_name_index ((const char *)sqlite3_column_text (stmt, 0),
                                                 _att_leave_status_names, ATT_LEAVE_N_STATUSES);
      guint n = sqlite3_column_int (stmt, 1);

      s->previous_requests += n;
      if (status == ATT_LEAVE_APPROVED || status == ATT_LEAVE_PARTLY_APPROVED)
        s->previous_agreed += n;
      else if (status == ATT_LEAVE_DECLINED)
        s->previous_refused += n;
      else if (status == ATT_LEAVE_WITHDRAWN)
        s->previous_withdrawn += n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the earlier requests for leave"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Recording                                                           */

static gint64
insert_request (AttDb               *db,
                const AttLeaveInput *input,
                gint64               pupil_id,
                gint64               group_id,
                AttLeaveWarnings     warnings,
                const char          *snapshot,
                gint64               actor,
                gint64               at,
                GError             **error)
{
  g_autoptr(AttContact) contact = NULL;
  g_autofree char *contact_name = NULL;
  const char *requested_by = input->requested_by;
  AttDate return_date = input->return_date != ATT_DATE_NONE ? input->return_date : default_return (db, input);
  sqlite3_stmt *stmt;
  gint64 contact_id = 0;

  if (input->requested_by_contact_id > 0)
    {
      contact = find_requester (db, pupil_id, input->requested_by_contact_id, NULL);
      if (contact != NULL)
        {
          contact_id = contact->id;
          contact_name = att_contact_dup_name (contact);
        }
      else
        {
          /* The contact is not this pupil's: keep their name. */
          stmt = att_db_prepare (db, "SELECT coalesce (forename, '') || ' ' || surname FROM contacts WHERE id = ?", error);
          if (stmt == NULL)
            return 0;
          sqlite3_bind_int64 (stmt, 1, input->requested_by_contact_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            contact_name = g_strstrip (att_db_column_dup (stmt, 0));
          sqlite3_reset (stmt);
          if (contact_name == NULL)
            {
              g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                           _("There is no contact %" G_GINT64_FORMAT " on file to have asked for the leave"),
                           input->requested_by_contact_id);
              return 0;
            }
        }
      if (is_blank (requested_by))
        requested_by = contact_name;
    }
  else
    {
      /* A name that is one of the pupil's contacts is that contact. */
      contact = find_requester (db, pupil_id, 0, requested_by);
      if (contact != NULL)
        contact_id = contact->id;
    }

  stmt = att_db_prepare (db,
    "INSERT INTO leave_requests (group_id, pupil_id, type, first_date, first_session, last_date, "
    "last_session, return_date, reason, evidence, contact_id, requested_by, address_away, received, "
    "pattern, review_date, warnings, snapshot, actor_id, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, pupil_id);
  sqlite3_bind_text (stmt, 3, _att_leave_type_names[input->type], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, input->first_date);
  sqlite3_bind_int (stmt, 5, input->first_session);
  sqlite3_bind_int (stmt, 6, input->last_date);
  sqlite3_bind_int (stmt, 7, input->last_session);
  if (return_date != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 8, return_date);
  sqlite3_bind_text (stmt, 9, g_strstrip (g_strdup (input->reason)), -1, g_free);
  sqlite3_bind_text (stmt, 10, input->evidence != NULL ? input->evidence : "", -1, SQLITE_TRANSIENT);
  if (contact_id > 0)
    sqlite3_bind_int64 (stmt, 11, contact_id);
  sqlite3_bind_text (stmt, 12, requested_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, input->address_away != NULL ? input->address_away : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 14, input->received != ATT_DATE_NONE ? input->received : day_of (input->at));
  if (input->type == ATT_LEAVE_PART_TIME)
    {
      sqlite3_bind_int (stmt, 15, input->pattern & ATT_LEAVE_PATTERN_ALL);
      sqlite3_bind_int (stmt, 16, input->review_date != ATT_DATE_NONE ? input->review_date
                                                                      : default_review (db, input));
    }
  else
    sqlite3_bind_int (stmt, 15, 0);
  sqlite3_bind_int (stmt, 17, warnings);
  sqlite3_bind_text (stmt, 18, snapshot, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 19, actor);
  sqlite3_bind_int64 (stmt, 20, at);
  if (!att_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (att_db_get_handle (db));
}

static gboolean
insert_sessions (AttDb               *db,
                 const AttLeaveInput *input,
                 gint64               id,
                 gint64               pupil_id,
                 GError             **error)
{
  g_autoptr(GArray) sessions = _att_leave_school_sessions (db, pupil_id, input->first_date, input->first_session,
                                                           input->last_date, input->last_session,
                                                           input->type == ATT_LEAVE_PART_TIME ? input->pattern : 0);

  for (guint i = 0; i < sessions->len; i++)
    {
      AttLeaveSession *one = &g_array_index (sessions, AttLeaveSession, i);
      sqlite3_stmt *stmt = att_db_prepare (db,
        "INSERT INTO leave_sessions (leave_id, pupil_id, date, session) VALUES (?, ?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, pupil_id);
      sqlite3_bind_int (stmt, 3, one->date);
      sqlite3_bind_int (stmt, 4, one->session);
      if (!att_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

GArray *
att_leave_record (AttDb               *db,
                  const AttUser       *user,
                  const AttLeaveInput *input,
                  GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_free);
  gint64 actor, group_id = 0, at;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!att_user_require (user, ATT_PERM_RECORD_LEAVE, error) || !check_input (db, input, error))
    return NULL;
  /* Taken before the requests exist, so that brothers' and sisters'
   * requests of the same form are not each other's "previous". */
  for (guint i = 0; i < input->n_pupils; i++)
    {
      AttLeaveSnapshot s;

      if (!take_snapshot (db, input->pupil_ids[i], day_of (input->at), &s, error))
        return NULL;
      g_ptr_array_add (snapshots, snapshot_json (&s));
    }
  at = input->at != 0 ? input->at : att_audit_now ();

  if (!att_db_begin (db, error))
    return NULL;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  for (guint i = 0; i < input->n_pupils; i++)
    {
      gint64 pupil_id = input->pupil_ids[i];
      AttLeaveWarnings warnings = warnings_for (db, input, pupil_id, NULL);
      g_autofree char *detail = NULL;
      sqlite3_stmt *stmt;
      gint64 id;

      id = insert_request (db, input, pupil_id, group_id, warnings,
                           g_ptr_array_index (snapshots, i), actor, at, error);
      if (id == 0)
        goto failed;
      if (group_id == 0)
        {
          group_id = id;
          stmt = att_db_prepare (db, "UPDATE leave_requests SET group_id = ? WHERE id = ?", error);
          if (stmt == NULL)
            goto failed;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, id);
          if (!att_db_step_done (db, stmt, error))
            goto failed;
        }
      if (!insert_sessions (db, input, id, pupil_id, error))
        goto failed;
      detail = g_strdup_printf ("leave %" G_GINT64_FORMAT " (group %" G_GINT64_FORMAT "): %s recorded",
                                id, group_id, _att_leave_type_names[input->type]);
      if (!att_audit_record_added (db, user, ATT_AUDIT_LEAVE, pupil_id, "leave.add", detail,
                                   "leave_requests", id, error))
        goto failed;
      g_array_append_val (ids, id);
    }
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return NULL;
  return g_steal_pointer (&ids);

failed:
  att_db_rollback (db);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

void
att_leave_free (AttLeave *leave)
{
  if (leave == NULL)
    return;
  g_free (leave->upn);
  g_free (leave->pupil_name);
  g_free (leave->reg_group);
  g_free (leave->reason);
  g_free (leave->evidence);
  g_free (leave->requested_by);
  g_free (leave->address_away);
  g_free (leave->recorded_by);
  g_free (leave->decided_by);
  g_free (leave->decided_position);
  g_free (leave->decision_reasons);
  g_clear_pointer (&leave->sessions, g_array_unref);
  g_free (leave);
}

static AttDate
column_date (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? ATT_DATE_NONE
                                                           : (AttDate)sqlite3_column_int (stmt, column);
}

static gpointer
leave_from_row (sqlite3_stmt *stmt)
{
  AttLeave *leave = g_new0 (AttLeave, 1);
  g_autofree char *snapshot = NULL;

  leave->id = sqlite3_column_int64 (stmt, 0);
  leave->group_id = sqlite3_column_int64 (stmt, 1);
  leave->pupil_id = sqlite3_column_int64 (stmt, 2);
  leave->type = att_text_name_index ((const char *)sqlite3_column_text (stmt, 3),
                                   _att_leave_type_names, ATT_LEAVE_N_TYPES);
  leave->status = att_text_name_index ((const char *)sqlite3_column_text (stmt, 4),
                                     _att_leave_status_names, ATT_LEAVE_N_STATUSES);
  leave->first_date = sqlite3_column_int (stmt, 5);
  leave->first_session = sqlite3_column_int (stmt, 6);
  leave->last_date = sqlite3_column_int (stmt, 7);
  leave->last_session = sqlite3_column_int (stmt, 8);
  leave->return_date = column_date (stmt, 9);
  leave->reason = att_db_column_dup (stmt, 10);
  leave->evidence = att_db_column_dup (stmt, 11);
  leave->requested_by_contact_id = sqlite3_column_int64 (stmt, 12);
  leave->requested_by = att_db_column_dup (stmt, 13);
  leave->address_away = att_db_column_dup (stmt, 14);
  leave->received = sqlite3_column_int (stmt, 15);
  leave->pattern = sqlite3_column_int (stmt, 16);
  leave->review_date = column_date (stmt, 17);
  leave->warnings = sqlite3_column_int (stmt, 18);
  snapshot = att_db_column_dup (stmt, 19);
  snapshot_parse (snapshot, &leave->snapshot);
  leave->recorded_at = sqlite3_column_int64 (stmt, 20);
  leave->recorded_by = att_db_column_dup (stmt, 21);
  leave->decided_at = sqlite3_column_int64 (stmt, 22);
  leave->decided_by = att_db_column_dup (stmt, 23);
  leave->decided_position = att_db_column_dup (stmt, 24);
  leave->decision_reasons = att_db_column_dup (stmt, 25);
  return leave;
}

static void
fill_pupil (AttDb    *db,
            AttLeave *leave)
{
  AttPupil *pupil = att_pupils_get (db, leave->pupil_id);

  if (pupil == NULL)
    return;
  leave->upn = g_strdup (pupil->upn);
  leave->pupil_name = g_strdup (att_pupil_get_display_name (pupil));
  leave->reg_group = g_strdup (pupil->reg_group);
}

gboolean
_att_leave_load_sessions (AttDb     *db,
                          AttLeave  *leave,
                          GError   **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT date, session, state, coalesce (history_id, 0) FROM leave_sessions "
    "WHERE leave_id = ? ORDER BY date, session", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_clear_pointer (&leave->sessions, g_array_unref);
  leave->sessions = g_array_new (FALSE, TRUE, sizeof (AttLeaveSessionRow));
  sqlite3_bind_int64 (stmt, 1, leave->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttLeaveSessionRow row = { 0 };

      row.date = sqlite3_column_int (stmt, 0);
      row.session = sqlite3_column_int (stmt, 1);
      row.state = att_text_name_index ((const char *)sqlite3_column_text (stmt, 2), _att_leave_state_names, 3);
      row.history_id = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (leave->sessions, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the sessions of a request for leave"));
      return FALSE;
    }
  for (guint i = 0; i < leave->sessions->len; i++)
    {
      AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      row->code = att_register_code (db, leave->pupil_id, row->date, row->session);
    }
  return TRUE;
}

guint
att_leave_count_sessions (const AttLeave       *leave,
                          AttLeaveSessionState  state)
{
  guint n = 0;

  for (guint i = 0; leave->sessions != NULL && i < leave->sessions->len; i++)
    n += g_array_index (leave->sessions, AttLeaveSessionRow, i).state == state;
  return n;
}

AttLeave *
att_leave_get (AttDb   *db,
               gint64   id,
               GError **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db, "SELECT " ATT_LEAVE_COLUMNS " FROM " ATT_LEAVE_FROM " WHERE l.id = ?", error);
  g_autoptr(AttLeave) leave = NULL;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    leave = leave_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read a request for leave"));
      return NULL;
    }
  if (leave == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no request for leave %" G_GINT64_FORMAT), id);
      return NULL;
    }
  fill_pupil (db, leave);
  if (!_att_leave_load_sessions (db, leave, error))
    return NULL;
  return g_steal_pointer (&leave);
}

GPtrArray *
att_leave_list (AttDb                *db,
                const AttLeaveFilter *filter,
                GError              **error)
{
  AttLeaveFilter all = ATT_LEAVE_FILTER_ALL;
  sqlite3_stmt *stmt;
  GPtrArray *list;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  if (filter == NULL)
    filter = &all;
  stmt = att_db_prepare (db,
    "SELECT " ATT_LEAVE_COLUMNS " FROM " ATT_LEAVE_FROM
    " WHERE (?1 IS NULL OR l.status = ?1) AND (?2 = 0 OR l.pupil_id = ?2)"
    " AND (?3 = 0 OR l.group_id = ?3) AND (?4 IS NULL OR l.last_date >= ?4)"
    " AND (?5 IS NULL OR l.first_date <= ?5)"
    " ORDER BY l.first_date, l.first_session, l.pupil_id, l.id", error);
  if (stmt == NULL)
    return NULL;
  if (filter->status >= 0 && filter->status < ATT_LEAVE_N_STATUSES)
    sqlite3_bind_text (stmt, 1, _att_leave_status_names[filter->status], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, filter->pupil_id);
  sqlite3_bind_int64 (stmt, 3, filter->group_id);
  if (filter->from != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 4, filter->from);
  if (filter->to != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 5, filter->to);
  list = att_db_collect (db, stmt, leave_from_row, (GDestroyNotify)att_leave_free,
                         _("read the requests for leave"), error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (list, i);

      fill_pupil (db, leave);
      if (!_att_leave_load_sessions (db, leave, error))
        {
          g_ptr_array_unref (list);
          return NULL;
        }
    }
  return list;
}

/* ------------------------------------------------------------------ */
/* Withdrawing                                                         */

gboolean
att_leave_withdraw (AttDb         *db,
                    const AttUser *user,
                    gint64         id,
                    const char    *note,
                    GError       **error)
{
  g_autoptr(AttLeave) leave = NULL;
  g_autofree char *before = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 actor;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if (!att_user_require (user, ATT_PERM_RECORD_LEAVE, error) ||
      !att_text_check (_("note"), note, ATT_TEXT_REASON_MAX, ATT_TEXT_LINES, error))
    return FALSE;
  leave = att_leave_get (db, id, error);
  if (leave == NULL)
    return FALSE;
  if (leave->status != ATT_LEAVE_SUBMITTED)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Request %" G_GINT64_FORMAT " for %s is %s already: only a request waiting for a decision can be withdrawn"),
                   id, leave->pupil_name, att_leave_status_describe (leave->status));
      return FALSE;
    }
  if (!att_db_begin (db, error))
    return FALSE;
  actor = att_audit_actor (db, user, error);
  if (actor == 0 || !att_audit_snapshot (db, "leave_requests", id, &before, error))
    goto failed;
  stmt = att_db_prepare (db,
    "UPDATE leave_requests SET status = 'withdrawn', decided_actor_id = ?, decided_at = ?, "
    "decision_reasons = ? WHERE id = ? AND status = 'submitted'", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, actor);
  sqlite3_bind_int64 (stmt, 2, att_audit_now ());
  sqlite3_bind_text (stmt, 3, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (att_db_get_handle (db)) != 1)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Request %" G_GINT64_FORMAT " was decided meanwhile: it can no longer be withdrawn"), id);
      goto failed;
    }
  detail = g_strdup_printf ("leave %" G_GINT64_FORMAT " withdrawn", id);
  if (!_att_leave_audit_commit (db, user, id, leave->pupil_id, "leave.withdraw", detail, before, error))
    goto failed;
  return TRUE;

failed:
  att_db_rollback (db);
  return FALSE;
}
