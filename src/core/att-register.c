/* att-register.c: marks, amendments and their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-codes.h"
#include "att-error.h"
#include "att-text.h"
#include "att-pupils.h"
#include "att-register-private.h"
#include "att-users.h"

/* Minutes late are kept for L and U only, and a session is never longer
 * than this. */
#define MINUTES_LATE_MAX 300


const char *
att_register_session_label (AttSession session)
{
  /* Translators: the morning and afternoon sessions of a school day */
  return session == ATT_SESSION_PM ? _("PM") : _("AM");
}

/* The pupil as the open transaction sees them. The database's list of
 * pupils is refreshed when a transaction commits, so a pupil added or
 * changed earlier in the same transaction (an import that saves pupils
 * and then their marks) is read from the table instead. Returns a new
 * reference, or NULL. */
static AttPupil *
pupil_for_write (AttDb  *db,
                 gint64  pupil_id)
{
  g_autoptr(AttPupil) pupil = NULL;
  sqlite3_stmt *stmt;

  if (!(db->pending & ATT_CHANGE_PUPILS))
    {
      AttPupil *cached = att_pupils_get (db, pupil_id);
      return cached != NULL ? g_object_ref (cached) : NULL;
    }

  stmt = att_db_prepare (db,
                         "SELECT upn, legal_surname, legal_forename, preferred_surname, "
                         "preferred_forename, dob, sex, year_group, reg_group, "
                         "admission_date, leaving_date FROM pupils WHERE id = ?",
                         NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sex = (const char *)sqlite3_column_text (stmt, 6);

      pupil = att_pupil_new ();
      pupil->id = pupil_id;
      pupil->upn = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      pupil->legal_surname = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      pupil->legal_forename = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      pupil->preferred_surname = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      pupil->preferred_forename = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      pupil->dob = sqlite3_column_int (stmt, 5);
      pupil->sex = sex != NULL ? sex[0] : 'F';
      pupil->year_group = sqlite3_column_int (stmt, 7);
      pupil->reg_group = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
      pupil->admission = sqlite3_column_int (stmt, 9);
      pupil->leaving = sqlite3_column_type (stmt, 10) == SQLITE_NULL
                       ? ATT_DATE_NONE : sqlite3_column_int (stmt, 10);
      att_pupil_update_names (pupil);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&pupil);
}

char *
att_register_describe_pupil (AttDb  *db,
                gint64  pupil_id)
{
  g_autoptr(AttPupil) pupil = pupil_for_write (db, pupil_id);

  if (pupil == NULL)
    return g_strdup_printf (_("pupil number %lld"), (long long) pupil_id);
  /* Translators: a pupil's name and their unique pupil number */
  return g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil), pupil->upn);
}

char *
att_register_describe_session (AttDb      *db,
                  gint64      pupil_id,
                  AttDate     date,
                  AttSession  session)
{
  g_autofree char *who = att_register_describe_pupil (db, pupil_id);
  g_autofree char *when = att_date_format_long (date);

  /* Translators: pupil, date and session, as in
   * "Amina Khan (A123456789012), Mon 2 Sep 2024 AM" */
  return g_strdup_printf (_("%s, %s %s"), who, when, att_register_session_label (session));
}

static void set_mark_error (GError     **error,
                            AttError     code,
                            AttDb       *db,
                            gint64       pupil_id,
                            AttDate      date,
                            AttSession   session,
                            const char  *format,
                            ...) G_GNUC_PRINTF (7, 8);

/* Every refusal names the pupil, the session and the rule. */
static void
set_mark_error (GError     **error,
                AttError     code,
                AttDb       *db,
                gint64       pupil_id,
                AttDate      date,
                AttSession   session,
                const char  *format,
                ...)
{
  g_autofree char *where = att_register_describe_session (db, pupil_id, date, session);
  g_autofree char *rule = NULL;
  va_list args;

  va_start (args, format);
  rule = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the session, then the rule it broke */
  g_set_error (error, ATT_ERROR, code, _("%s: %s"), where, rule);
}

/* Writing */

typedef struct
{
  gint64   pupil_id;
  int      year;
  gboolean empty;
  guint8   codes[ATT_REGISTER_YEAR_SLOTS];
} TouchedYear;

typedef struct
{
  AttDb          *db;
  const AttUser  *user;
  const char     *reason;   /* trimmed; NULL when none was given */
  AttWriteFlags   flags;
  AttCalendar    *calendar;
  gint64          actor_id;
  gint64          at;
  GHashTable     *touched;  /* pupil_id * 10000 + year (gint64*) -> TouchedYear index */
  GArray         *years;    /* TouchedYear */
  GPtrArray      *keys;
} WriteBatch;

static void
batch_touch (WriteBatch *batch,
             gint64      pupil_id,
             int         year)
{
  gint64 key = pupil_id * 10000 + year;
  TouchedYear touched = { 0 };
  gint64 *stored;

  if (g_hash_table_contains (batch->touched, &key))
    return;
  stored = g_new (gint64, 1);
  *stored = key;
  g_ptr_array_add (batch->keys, stored);
  g_hash_table_add (batch->touched, stored);
  touched.pupil_id = pupil_id;
  touched.year = year;
  g_array_append_val (batch->years, touched);
}

/* Why a date and session hold no school session, for the error. */
static char *
explain_no_session (AttCalendar *calendar,
                    AttDate      date,
                    AttSession   session)
{
  const char *holiday = att_bank_holiday_name (date);
  const char *reason;

  if (att_date_weekday (date) >= 6)
    return g_strdup (_("It is a weekend, when there is no school session"));
  if (holiday != NULL)
    return g_strdup_printf (_("It is a bank holiday (%s), when there is no school session"), holiday);
  if (att_calendar_term_for (calendar, date) == NULL)
    return g_strdup (_("It is outside term time, when there is no school session (if the school was open, add the term to the calendar first)"));
  reason = att_calendar_closure_reason (calendar, date, session);
  if (att_calendar_is_closed_session (calendar, date, session) || reason != NULL)
    return g_strdup_printf (_("The school is closed for a planned closure (%s)"),
                            reason != NULL ? reason : "");
  return g_strdup (_("It is not a school session"));
}

typedef struct
{
  gboolean  exists;
  AttCode   code;
  int       minutes;
  char     *comment;
} SavedMark;

static gboolean
read_saved (AttDb      *db,
            gint64      pupil_id,
            AttDate     date,
            AttSession  session,
            SavedMark  *saved,
            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (saved, 0, sizeof *saved);
  saved->minutes = -1;

  stmt = att_db_prepare (db,
                         "SELECT code, minutes_late, comment FROM marks "
                         "WHERE pupil_id = ? AND date = ? AND session = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      saved->exists = TRUE;
      saved->code = att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        saved->minutes = sqlite3_column_int (stmt, 1);
      saved->comment = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_code (sqlite3_stmt *stmt,
           int           index,
           AttCode       code)
{
  if (code == ATT_CODE_NONE)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, att_code_to_string (code), -1, SQLITE_STATIC);
}

static void
bind_minutes (sqlite3_stmt *stmt,
              int           index,
              int           minutes)
{
  if (minutes < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, minutes);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
store_mark (WriteBatch       *batch,
            const AttMarkWrite *w,
            AttSession        session,
            AttCode           code,
            int               minutes,
            const char       *comment,
            const SavedMark  *saved,
            GError          **error)
{
  AttDb *db = batch->db;
  sqlite3_stmt *stmt;

  if (batch->actor_id == 0)
    {
      batch->actor_id = att_audit_actor (db, batch->user, error);
      if (batch->actor_id == 0)
        return FALSE;
    }

  if (!saved->exists)
    {
      /* A session cleared earlier and marked again keeps counting its
       * amendments from the history it already has. */
      stmt = att_db_prepare (db,
                             "INSERT INTO marks (pupil_id, date, session, code, minutes_late, comment, amendments) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                             "  (SELECT count(*) FROM mark_history WHERE pupil_id = ?1 AND date = ?2 AND session = ?3))",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, w->pupil_id);
      sqlite3_bind_int (stmt, 2, w->date);
      sqlite3_bind_int (stmt, 3, session);
      bind_code (stmt, 4, code);
      bind_minutes (stmt, 5, minutes);
      bind_text_or_null (stmt, 6, comment);
    }
  else if (code == ATT_CODE_NONE)
    {
      stmt = att_db_prepare (db,
                             "DELETE FROM marks WHERE pupil_id = ? AND date = ? AND session = ?",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, w->pupil_id);
      sqlite3_bind_int (stmt, 2, w->date);
      sqlite3_bind_int (stmt, 3, session);
    }
  else
    {
      stmt = att_db_prepare (db,
                             "UPDATE marks SET code = ?, minutes_late = ?, comment = ?, "
                             "amendments = amendments + 1 "
                             "WHERE pupil_id = ? AND date = ? AND session = ?",
                             error);
      if (stmt == NULL)
        return FALSE;
      bind_code (stmt, 1, code);
      bind_minutes (stmt, 2, minutes);
      bind_text_or_null (stmt, 3, comment);
      sqlite3_bind_int64 (stmt, 4, w->pupil_id);
      sqlite3_bind_int (stmt, 5, w->date);
      sqlite3_bind_int (stmt, 6, session);
    }
  if (!att_db_step_done (db, stmt, error))
    return FALSE;

  stmt = att_db_prepare (db,
                         "INSERT INTO mark_history (pupil_id, date, session, old_code, new_code, "
                         "old_minutes, new_minutes, comment, reason, actor_id, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->pupil_id);
  sqlite3_bind_int (stmt, 2, w->date);
  sqlite3_bind_int (stmt, 3, session);
  bind_code (stmt, 4, saved->exists ? saved->code : ATT_CODE_NONE);
  bind_code (stmt, 5, code);
  bind_minutes (stmt, 6, saved->exists ? saved->minutes : -1);
  bind_minutes (stmt, 7, minutes);
  bind_text_or_null (stmt, 8, comment);
  /* A first entry has no reason: there was nothing to change. */
  bind_text_or_null (stmt, 9, saved->exists ? batch->reason : NULL);
  sqlite3_bind_int64 (stmt, 10, batch->actor_id);
  sqlite3_bind_int64 (stmt, 11, batch->at);
  if (!att_db_step_done (db, stmt, error))
    return FALSE;

  if (!(batch->flags & ATT_WRITE_DRY_RUN))
    att_db_note_change (db, ATT_CHANGE_MARKS);
  batch_touch (batch, w->pupil_id, att_date_school_year (w->date));
  return TRUE;
}

/* What a write leaves beside its code, given what the session holds:
 * minutes not given keep the saved ones while the mark stays a late one
 * (L to U after the register closed, say); no comment given keeps the
 * saved one (a new code for a late arrival keeps "bus late") and a blank
 * one removes it. Clearing a mark leaves no comment: the reason says
 * why. */
static void
resolve_details (const SavedMark    *saved,
                 const AttMarkWrite *w,
                 AttCode             code,
                 int                *minutes,
                 char              **comment)
{
  if (*minutes == -1 && saved->exists && saved->minutes >= 0 &&
      (code == ATT_CODE_L || code == ATT_CODE_U) &&
      (saved->code == ATT_CODE_L || saved->code == ATT_CODE_U))
    *minutes = saved->minutes;

  *comment = NULL;
  if (w->comment == NULL && code != ATT_CODE_NONE)
    *comment = g_strdup (saved->comment);
  else if (w->comment != NULL && code != ATT_CODE_NONE)
    {
      *comment = g_strstrip (g_strdup (w->comment));
      if (**comment == '\0')
        g_clear_pointer (comment, g_free);
    }
}

gboolean
att_register_write_changes (AttDb              *db,
                            const AttMarkWrite *w)
{
  AttCode code = w->code;
  int minutes = w->minutes_late;
  g_autofree char *comment = NULL;
  SavedMark saved;
  gboolean changes;

  g_return_val_if_fail (ATT_IS_DB (db), TRUE);

  /* A session that cannot be read is left for the write to report. */
  if (!read_saved (db, w->pupil_id, w->date, w->session, &saved, NULL))
    return TRUE;
  if (code == ATT_CODE_PRESENT_AM || code == ATT_CODE_PRESENT_PM)
    code = w->session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;
  resolve_details (&saved, w, code, &minutes, &comment);
  changes = saved.exists ? !(saved.code == code && saved.minutes == minutes &&
                             g_strcmp0 (saved.comment, comment) == 0)
                         : code != ATT_CODE_NONE;
  g_free (saved.comment);
  return changes;
}

/* Codes that say what happened in the session, which nobody can know
 * before the day: present, late, and absent for no known or accepted
 * reason. */
static gboolean
code_needs_the_day (AttCode code)
{
  switch (code)
    {
    case ATT_CODE_PRESENT_AM:
    case ATT_CODE_PRESENT_PM:
    case ATT_CODE_L:
    case ATT_CODE_U:
    case ATT_CODE_N:
    case ATT_CODE_O:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
write_one (WriteBatch          *batch,
           const AttMarkWrite  *w,
           GError             **error)
{
  AttDb *db = batch->db;
  g_autoptr(AttPupil) pupil = NULL;
  AttSession session = w->session;
  AttCode code = w->code;
  int minutes = w->minutes_late;
  g_autofree char *comment = NULL;
  SavedMark saved;
  gboolean ok;

  if (!att_text_check_mark (w->comment, batch->reason, error))
    return FALSE;

  pupil = pupil_for_write (db, w->pupil_id);
  if (pupil == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no pupil number %lld on the register: nothing was saved"),
                   (long long) w->pupil_id);
      return FALSE;
    }

  if (!att_register_date_valid (w->date))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s (%s): a mark needs a date"),
                   att_pupil_get_display_name (pupil), pupil->upn);
      return FALSE;
    }
  if (session != ATT_SESSION_AM && session != ATT_SESSION_PM)
    {
      g_autofree char *when = att_date_format_long (w->date);
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s (%s), %s: the session must be AM or PM"),
                   att_pupil_get_display_name (pupil), pupil->upn, when);
      return FALSE;
    }

  if (!att_calendar_is_school_session (batch->calendar, w->date, session))
    {
      g_autofree char *why = explain_no_session (batch->calendar, w->date, session);
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session, "%s", why);
      return FALSE;
    }

  if (!att_pupil_on_roll (pupil, w->date))
    {
      if (w->date < pupil->admission)
        {
          g_autofree char *admitted = att_date_format_long (pupil->admission);
          set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                          _("The pupil was not yet on roll: they were admitted on %s"), admitted);
        }
      else
        {
          g_autofree char *left = att_date_format_long (pupil->leaving);
          set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                          _("The pupil was no longer on roll: their leaving date is %s"), left);
        }
      return FALSE;
    }

  if ((guint)code >= ATT_CODE_N_CODES)
    {
      set_mark_error (error, ATT_ERROR_INVALID, db, w->pupil_id, w->date, session,
                      _("That is not an attendance code"));
      return FALSE;
    }

  /* Either slash means present: keep the one that belongs to the session. */
  if (code == ATT_CODE_PRESENT_AM || code == ATT_CODE_PRESENT_PM)
    code = session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;

  if (code == ATT_CODE_CLOSED)
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“#” is never entered by hand: closures come from the school calendar"));
      return FALSE;
    }
  if (att_code_info (code)->retired &&
      (!(batch->flags & ATT_WRITE_IMPORT) || w->date >= att_codes_2024_start ()))
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“%s” is a retired code: it is accepted only when importing registers from before 19 August 2024"),
                      att_code_to_string (code));
      return FALSE;
    }
  if (code == ATT_CODE_X && att_pupil_compulsory_age (pupil, w->date))
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“X” is only for pupils below or above compulsory school age, and this pupil is of compulsory school age on this date"));
      return FALSE;
    }
  if (code == ATT_CODE_Z)
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“Z” is for prospective pupils not yet on roll, and this pupil is on roll"));
      return FALSE;
    }
  /* What happened in a session is recorded once its day has come: nobody
   * is present, late or absent without a reason in advance. Absences
   * planned ahead (leave, visits, appointments, closures) may be entered
   * before the day. */
  if (w->date > att_date_today () && code_needs_the_day (code))
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“%s” records what happened on the day, and this day has not come yet: only absences planned ahead can be entered in advance"),
                      att_code_to_string (code));
      return FALSE;
    }
  if (minutes != -1)
    {
      if (code != ATT_CODE_L && code != ATT_CODE_U)
        {
          set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                          _("Minutes late are recorded only with L or U"));
          return FALSE;
        }
      if (minutes < 0 || minutes > MINUTES_LATE_MAX)
        {
          set_mark_error (error, ATT_ERROR_INVALID, db, w->pupil_id, w->date, session,
                          _("Minutes late must be between 0 and %d"), MINUTES_LATE_MAX);
          return FALSE;
        }
    }

  if (!read_saved (db, w->pupil_id, w->date, session, &saved, error))
    return FALSE;

  resolve_details (&saved, w, code, &minutes, &comment);

  ok = FALSE;
  if (!saved.exists)
    {
      if (code == ATT_CODE_NONE)
        ok = TRUE;  /* nothing to clear */
      else if (!att_user_require (batch->user, ATT_PERM_MARK, error))
        {
          g_autofree char *where = att_register_describe_session (db, w->pupil_id, w->date, session);
          g_prefix_error (error, _("%s: "), where);
        }
      else
        ok = store_mark (batch, w, session, code, minutes, comment, &saved, error);
    }
  else if (saved.code == code && saved.minutes == minutes &&
           g_strcmp0 (saved.comment, comment) == 0)
    ok = TRUE;  /* the session already holds exactly this */
  else if (batch->reason == NULL)
    set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                    _("A reason is needed to change a saved mark"));
  else if (!att_user_require (batch->user, ATT_PERM_AMEND, error))
    {
      g_autofree char *where = att_register_describe_session (db, w->pupil_id, w->date, session);
      g_prefix_error (error, _("%s: "), where);
    }
  else
    ok = store_mark (batch, w, session, code, minutes, comment, &saved, error);

  g_free (saved.comment);
  return ok;
}

/* Rebuilds one pupil's array for a school year from the marks table, so
 * the compact copy can only ever be what the marks say. */
static gboolean
rebuild_year (AttDb       *db,
              TouchedYear *touched,
              GError     **error)
{
  AttDate start = att_date_from_ymd (touched->year, 9, 1);
  AttDate end = att_date_from_ymd (touched->year + 1, 8, 31);
  sqlite3_stmt *stmt;
  int rc;

  memset (touched->codes, 0, sizeof touched->codes);
  stmt = att_db_prepare (db,
                         "SELECT date, session, code FROM marks "
                         "WHERE pupil_id = ? AND date BETWEEN ? AND ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, touched->pupil_id);
  sqlite3_bind_int (stmt, 2, start);
  sqlite3_bind_int (stmt, 3, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttDate date = sqlite3_column_int (stmt, 0);
      int session = sqlite3_column_int (stmt, 1);

      if (session == ATT_SESSION_AM || session == ATT_SESSION_PM)
        touched->codes[att_register_slot (start, date, session)] =
          att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      return FALSE;
    }

  touched->empty = att_register_codes_empty (touched->codes);
  if (touched->empty)
    {
      stmt = att_db_prepare (db, "DELETE FROM mark_years WHERE pupil_id = ? AND year = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, touched->pupil_id);
      sqlite3_bind_int (stmt, 2, touched->year);
    }
  else
    {
      stmt = att_db_prepare (db,
                             "INSERT INTO mark_years (pupil_id, year, codes) VALUES (?, ?, ?) "
                             "ON CONFLICT (pupil_id, year) DO UPDATE SET codes = excluded.codes",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, touched->pupil_id);
      sqlite3_bind_int (stmt, 2, touched->year);
      sqlite3_bind_blob (stmt, 3, touched->codes, ATT_REGISTER_YEAR_SLOTS, SQLITE_STATIC);
    }
  return att_db_step_done (db, stmt, error);
}

#define DRY_RUN_SAVEPOINT "att_register_dry_run"

gboolean
att_register_write (AttDb               *db,
                    const AttUser       *user,
                    const AttMarkWrite  *writes,
                    guint                n_writes,
                    const char          *reason,
                    AttWriteFlags        flags,
                    GError             **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(AttCalendar) calendar = NULL;
  gboolean dry_run = (flags & ATT_WRITE_DRY_RUN) != 0;
  WriteBatch batch = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (writes != NULL || n_writes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_writes == 0)
    return TRUE;

  /* Imports write many marks at once: that takes the bulk right. */
  if ((flags & ATT_WRITE_IMPORT) && !att_user_require (user, ATT_PERM_BULK_MARK, error))
    return FALSE;

  if (reason != NULL)
    {
      trimmed = g_strstrip (g_strdup (reason));
      if (*trimmed == '\0')
        g_clear_pointer (&trimmed, g_free);
    }

  if (!att_db_begin (db, error))
    return FALSE;

  /* A dry run does the real work inside a savepoint and then undoes it,
   * so it meets exactly the checks a real run would, including several
   * writes to one session in the same batch. */
  if (dry_run && !att_db_exec (db, "SAVEPOINT " DRY_RUN_SAVEPOINT, error))
    {
      att_db_rollback (db);
      return FALSE;
    }

  calendar = att_calendar_ref (att_db_get_calendar (db));
  batch.db = db;
  batch.user = user;
  batch.reason = trimmed;
  batch.flags = flags;
  batch.calendar = calendar;
  batch.at = g_get_real_time () / G_USEC_PER_SEC;
  batch.keys = g_ptr_array_new_with_free_func (g_free);
  batch.touched = g_hash_table_new (g_int64_hash, g_int64_equal);
  batch.years = g_array_new (FALSE, FALSE, sizeof (TouchedYear));

  for (guint i = 0; ok && i < n_writes; i++)
    ok = write_one (&batch, &writes[i], error);

  for (guint i = 0; ok && i < batch.years->len; i++)
    ok = rebuild_year (db, &g_array_index (batch.years, TouchedYear, i), error);

  if (dry_run)
    {
      att_db_exec (db, "ROLLBACK TO " DRY_RUN_SAVEPOINT, NULL);
      att_db_exec (db, "RELEASE " DRY_RUN_SAVEPOINT, NULL);
      /* Nothing was written, so there is nothing to roll back, and an
       * outer transaction must not be spoilt by a check. */
      if (!att_db_commit (db, ok ? error : NULL))
        ok = FALSE;
    }
  else if (!ok)
    att_db_rollback (db);
  else if (!att_db_commit (db, error))
    ok = FALSE;
  else
    {
      /* Committed (or part of an outer transaction, which drops the store
       * if it rolls back): bring memory up to date. */
      for (guint i = 0; i < batch.years->len; i++)
        {
          TouchedYear *touched = &g_array_index (batch.years, TouchedYear, i);
          att_register_store_put (db, touched->pupil_id, touched->year,
                     touched->empty ? NULL : touched->codes);
        }
    }

  g_hash_table_unref (batch.touched);
  g_ptr_array_unref (batch.keys);
  g_array_unref (batch.years);
  return ok;
}

/* Reading */

void
att_mark_clear (AttMark *mark)
{
  if (mark == NULL)
    return;
  g_clear_pointer (&mark->comment, g_free);
  mark->code = ATT_CODE_NONE;
  mark->minutes_late = -1;
  mark->amendments = 0;
}

gboolean
att_register_get_mark (AttDb       *db,
                       gint64       pupil_id,
                       AttDate      date,
                       AttSession   session,
                       AttMark     *mark,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);

  mark->code = ATT_CODE_NONE;
  mark->minutes_late = -1;
  mark->comment = NULL;
  mark->amendments = 0;

  stmt = att_db_prepare (db,
                         "SELECT code, minutes_late, comment, amendments FROM marks "
                         "WHERE pupil_id = ? AND date = ? AND session = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      mark->code = att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        mark->minutes_late = sqlite3_column_int (stmt, 1);
      mark->comment = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      mark->amendments = (guint)MAX (0, sqlite3_column_int (stmt, 3));
    }
  else if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
att_history_entry_free (AttHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->comment);
  g_free (entry->reason);
  g_free (entry->user_name);
  g_free (entry->position);
  g_free (entry);
}

static int
column_minutes (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int (stmt, column);
}

GPtrArray *
att_register_history (AttDb       *db,
                      gint64       pupil_id,
                      AttDate      from,
                      AttDate      to,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* Not a cached statement: callers may read the register again while
   * they walk the result. */
  if (sqlite3_prepare_v2 (att_db_get_handle (db),
                          "SELECT h.id, h.pupil_id, h.date, h.session, h.old_code, h.new_code, "
                          "  h.old_minutes, h.new_minutes, h.comment, h.reason, a.name, a.position, h.at "
                          "FROM mark_history h JOIN actors a ON a.id = h.actor_id "
                          "WHERE h.pupil_id = ? AND h.date BETWEEN ? AND ? "
                          "ORDER BY h.id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, _("read the register’s history"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, from != ATT_DATE_NONE ? from : G_MININT32);
  sqlite3_bind_int (stmt, 3, to != ATT_DATE_NONE ? to : G_MAXINT32);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)att_history_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttHistoryEntry *entry = g_new0 (AttHistoryEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->pupil_id = sqlite3_column_int64 (stmt, 1);
      entry->date = sqlite3_column_int (stmt, 2);
      entry->session = sqlite3_column_int (stmt, 3) == 1 ? ATT_SESSION_PM : ATT_SESSION_AM;
      entry->old_code = att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 4));
      entry->new_code = att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 5));
      entry->old_minutes = column_minutes (stmt, 6);
      entry->new_minutes = column_minutes (stmt, 7);
      entry->comment = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
      entry->reason = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
      entry->user_name = g_strdup ((const char *)sqlite3_column_text (stmt, 10));
      entry->position = g_strdup ((const char *)sqlite3_column_text (stmt, 11));
      entry->at = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register’s history"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&entries);
}

gboolean
att_register_foreach (AttDb        *db,
                      AttDate       from,
                      AttDate       to,
                      AttMarkFunc   func,
                      gpointer      user_data,
                      GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Not a cached statement: @func may use the database. */
  if (sqlite3_prepare_v2 (att_db_get_handle (db),
                          "SELECT m.pupil_id, m.date, m.session, m.code, m.minutes_late, m.comment "
                          "FROM marks m JOIN pupils p ON p.id = m.pupil_id "
                          "WHERE m.date BETWEEN ? AND ? "
                          "ORDER BY m.date, m.session, p.upn",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, from != ATT_DATE_NONE ? from : G_MININT32);
  sqlite3_bind_int (stmt, 2, to != ATT_DATE_NONE ? to : G_MAXINT32);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!func (sqlite3_column_int64 (stmt, 0),
                 sqlite3_column_int (stmt, 1),
                 sqlite3_column_int (stmt, 2) == 1 ? ATT_SESSION_PM : ATT_SESSION_AM,
                 att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 3)),
                 column_minutes (stmt, 4),
                 (const char *)sqlite3_column_text (stmt, 5),
                 user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

