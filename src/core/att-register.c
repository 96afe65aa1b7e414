/* att-register.c: marks, amendments and their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-codes.h"
#include "att-error.h"
#include "att-text.h"
#include "att-pupils.h"
#include "att-register-private.h"
#include "att-users.h"


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
AttPupil *
att_register_pupil_for_write (AttDb  *db,
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
  g_autoptr(AttPupil) pupil = att_register_pupil_for_write (db, pupil_id);

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

/* Every refusal names the pupil, the session and the rule. */
void
att_register_set_error (GError     **error,
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
  AttMarkRules    rules;
  gint64          actor_id;
  gint64          at;
  GHashTable     *touched;  /* pupil_id * 10000 + year (gint64*) -> TouchedYear index */
  GArray         *years;    /* TouchedYear */
  GPtrArray      *keys;
  GArray         *changes;  /* AttMarkChange, one per write */
  guint           n_need_reason;
  AttMarkWrite    need_reason;  /* the first of them */
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

/* The mark a session holds, and in @exists whether it has a row at all. */
static gboolean
read_mark (AttDb       *db,
           gint64       pupil_id,
           AttDate      date,
           AttSession   session,
           AttMark     *mark,
           gboolean    *exists,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  mark->code = ATT_CODE_NONE;
  mark->minutes_late = -1;
  mark->comment = NULL;
  mark->amendments = 0;
  *exists = FALSE;

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
      *exists = TRUE;
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

static gboolean
read_saved (AttDb         *db,
            gint64         pupil_id,
            AttDate        date,
            AttSession     session,
            AttSavedMark  *saved,
            GError       **error)
{
  AttMark mark;

  memset (saved, 0, sizeof *saved);
  saved->minutes = -1;
  if (!read_mark (db, pupil_id, date, session, &mark, &saved->exists, error))
    return FALSE;
  saved->code = mark.code;
  saved->minutes = mark.minutes_late;
  saved->comment = g_steal_pointer (&mark.comment);
  return TRUE;
}

sqlite3_stmt *
att_register_prepare_own (AttDb       *db,
                          const char  *sql,
                          const char  *what,
                          GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, what);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

void
att_register_bind_code (sqlite3_stmt *stmt,
                        int           index,
                        AttCode       code)
{
  if (code == ATT_CODE_NONE)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, att_code_to_string (code), -1, SQLITE_STATIC);
}

void
att_register_bind_minutes (sqlite3_stmt *stmt,
                           int           index,
                           int           minutes)
{
  if (minutes < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, minutes);
}

void
att_register_bind_text (sqlite3_stmt *stmt,
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
            const AttSavedMark  *saved,
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
      att_register_bind_code (stmt, 4, code);
      att_register_bind_minutes (stmt, 5, minutes);
      att_register_bind_text (stmt, 6, comment);
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
      att_register_bind_code (stmt, 1, code);
      att_register_bind_minutes (stmt, 2, minutes);
      att_register_bind_text (stmt, 3, comment);
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
  att_register_bind_code (stmt, 4, saved->exists ? saved->code : ATT_CODE_NONE);
  att_register_bind_code (stmt, 5, code);
  att_register_bind_minutes (stmt, 6, saved->exists ? saved->minutes : -1);
  att_register_bind_minutes (stmt, 7, minutes);
  att_register_bind_text (stmt, 8, comment);
  /* A first entry has no reason: there was nothing to change. */
  att_register_bind_text (stmt, 9, saved->exists ? batch->reason : NULL);
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
void
att_register_resolve_details (const AttSavedMark  *saved,
                              const AttMarkWrite  *w,
                              AttCode              code,
                              int                 *minutes,
                              char               **comment)
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

AttWriteEffect
att_register_effect_of (const AttSavedMark *saved,
                        AttCode             code,
                        int                 minutes,
                        const char         *comment,
                        AttWriteFlags       flags)
{
  if (!saved->exists)
    return code == ATT_CODE_NONE ? ATT_WRITE_EFFECT_NONE : ATT_WRITE_EFFECT_FIRST;
  if (flags & ATT_WRITE_BLANK_ONLY)
    return ATT_WRITE_EFFECT_NONE;
  if (saved->code == code && saved->minutes == minutes && g_strcmp0 (saved->comment, comment) == 0)
    return ATT_WRITE_EFFECT_NONE;
  return ATT_WRITE_EFFECT_AMEND;
}

AttWriteEffect
att_register_write_effect (AttDb              *db,
                           const AttMarkWrite *w)
{
  AttCode code = w->code;
  int minutes = w->minutes_late;
  g_autofree char *comment = NULL;
  AttSavedMark saved;
  AttWriteEffect effect;

  g_return_val_if_fail (ATT_IS_DB (db), ATT_WRITE_EFFECT_AMEND);
  g_return_val_if_fail (w != NULL, ATT_WRITE_EFFECT_AMEND);

  /* A session that cannot be read is left for the write to report. */
  if (!read_saved (db, w->pupil_id, w->date, w->session, &saved, NULL))
    return ATT_WRITE_EFFECT_AMEND;
  if (code == ATT_CODE_PRESENT_AM || code == ATT_CODE_PRESENT_PM)
    code = w->session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;
  att_register_resolve_details (&saved, w, code, &minutes, &comment);
  effect = att_register_effect_of (&saved, code, minutes, comment, ATT_WRITE_DEFAULT);
  g_free (saved.comment);
  return effect;
}

gboolean
att_register_write_changes (AttDb              *db,
                            const AttMarkWrite *w)
{
  g_return_val_if_fail (ATT_IS_DB (db), TRUE);

  return att_register_write_effect (db, w) != ATT_WRITE_EFFECT_NONE;
}

/* What one write will do, worked out before anything is stored. */
typedef struct
{
  AttPupil       *pupil;
  AttCode         code;
  int             minutes;
  char           *comment;
  AttSavedMark    saved;
  AttWriteEffect  effect;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_object (&plan->pupil);
  g_clear_pointer (&plan->comment, g_free);
  g_clear_pointer (&plan->saved.comment, g_free);
}

/* Every rule except those on the user and the reason, and what the write
 * would do to its session. */
static gboolean
plan_write (WriteBatch          *batch,
            const AttMarkWrite  *w,
            Plan                *plan,
            GError             **error)
{
  AttDb *db = batch->db;
  AttMarkWrite write = *w;

  memset (plan, 0, sizeof *plan);
  plan->saved.minutes = -1;
  if (!att_text_check_mark (w->comment, batch->reason, error))
    return FALSE;
  plan->pupil = att_register_pupil_for_write (db, w->pupil_id);
  if (plan->pupil == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no pupil number %lld on the register: nothing was saved"),
                   (long long) w->pupil_id);
      return FALSE;
    }
  if (!att_mark_rules_check (&batch->rules, plan->pupil, w, &plan->code, error))
    return FALSE;
  if (!read_saved (db, w->pupil_id, w->date, w->session, &plan->saved, error))
    return FALSE;

  /* Y1 to Y7 filled over several sessions keep the reason they were
   * given as each mark's comment. */
  if (att_code_is_unable (plan->code) && write.comment == NULL && batch->reason != NULL
      && !(batch->flags & ATT_WRITE_IMPORT))
    write.comment = batch->reason;

  plan->minutes = w->minutes_late;
  att_register_resolve_details (&plan->saved, &write, plan->code, &plan->minutes, &plan->comment);
  if (!att_mark_rules_check_minutes (&batch->rules, w->pupil_id, w->date, w->session,
                                     plan->code, plan->minutes, error))
    return FALSE;

  plan->effect = att_register_effect_of (&plan->saved, plan->code, plan->minutes, plan->comment, batch->flags);
  return TRUE;
}

/* The right the write needs: to mark, or to amend an earlier day. */
static gboolean
require_right (WriteBatch          *batch,
               const AttMarkWrite  *w,
               AttWriteEffect       effect,
               GError             **error)
{
  AttPermission perm = att_register_right_for (effect, w->date, att_date_today ());

  if (effect == ATT_WRITE_EFFECT_NONE || att_user_require (batch->user, perm, error))
    return TRUE;

  {
    g_autofree char *where = att_register_describe_session (batch->db, w->pupil_id, w->date, w->session);
    g_prefix_error (error, _("%s: "), where);
  }
  return FALSE;
}

static void
change_from_plan (AttMarkChange       *change,
                  const AttMarkWrite  *w,
                  const Plan          *plan)
{
  change->pupil_id = w->pupil_id;
  change->date = w->date;
  change->session = w->session;
  change->effect = plan->effect;
  change->old_code = plan->saved.exists ? plan->saved.code : ATT_CODE_NONE;
  change->old_minutes = plan->saved.exists ? plan->saved.minutes : -1;
  change->old_comment = g_strdup (plan->saved.comment);
  change->new_code = plan->effect == ATT_WRITE_EFFECT_NONE ? change->old_code : plan->code;
  change->new_minutes = plan->effect == ATT_WRITE_EFFECT_NONE ? change->old_minutes : plan->minutes;
}

static gboolean
write_one (WriteBatch          *batch,
           const AttMarkWrite  *w,
           GError             **error)
{
  Plan plan;
  AttMarkChange change = { 0, };
  gboolean ok;

  ok = plan_write (batch, w, &plan, error);
  if (ok && plan.effect == ATT_WRITE_EFFECT_AMEND && batch->reason == NULL)
    {
      /* Every mark a batch would change without a reason is counted, so
       * the refusal says how many there are, not only the first. */
      if (batch->n_need_reason++ == 0)
        {
          batch->need_reason = *w;
          batch->need_reason.comment = NULL;
        }
      plan_clear (&plan);
      return TRUE;
    }
  if (ok)
    ok = require_right (batch, w, plan.effect, error);
  if (ok && plan.effect != ATT_WRITE_EFFECT_NONE)
    ok = store_mark (batch, w, w->session, plan.code, plan.minutes, plan.comment,
                     &plan.saved, error);
  if (ok)
    {
      change_from_plan (&change, w, &plan);
      if (change.effect != ATT_WRITE_EFFECT_NONE && !(batch->flags & ATT_WRITE_DRY_RUN))
        att_register_note_change (batch->db, &change);
      g_array_append_val (batch->changes, change);
    }
  plan_clear (&plan);
  return ok;
}

gboolean
att_register_check (AttDb               *db,
                    const AttUser       *user,
                    const AttMarkWrite  *write,
                    AttWriteEffect      *effect,
                    GError             **error)
{
  WriteBatch batch = { 0 };
  Plan plan = { 0, };
  gboolean ok;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  /* No reason is given here: the caller asks for one when the write
   * amends, and the write checks it. */
  batch.db = db;
  batch.user = user;
  att_mark_rules_init (&batch.rules, db, ATT_WRITE_DEFAULT);
  ok = att_mark_rules_check_unable (&batch.rules, user, write, 1, NULL, error)
       && plan_write (&batch, write, &plan, error)
       && require_right (&batch, write, plan.effect, error);
  if (ok && effect != NULL)
    *effect = plan.effect;
  plan_clear (&plan);
  att_mark_rules_clear (&batch.rules);
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
      sqlite3_bind_blob (stmt, 3, touched->codes, (int)att_register_codes_length (touched->codes),
                         SQLITE_STATIC);
    }
  return att_db_step_done (db, stmt, error);
}

#define DRY_RUN_SAVEPOINT "att_register_dry_run"

static void
mark_change_clear (gpointer data)
{
  AttMarkChange *change = data;

  g_clear_pointer (&change->old_comment, g_free);
}

GArray *
att_mark_changes_new (void)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (AttMarkChange));

  g_array_set_clear_func (changes, mark_change_clear);
  return changes;
}

gboolean
att_register_write_full (AttDb               *db,
                         const AttUser       *user,
                         const AttMarkWrite  *writes,
                         guint                n_writes,
                         const char          *reason,
                         AttWriteFlags        flags,
                         GArray             **changes,
                         GError             **error)
{
  g_autofree char *trimmed = NULL;
  gboolean dry_run = (flags & ATT_WRITE_DRY_RUN) != 0;
  WriteBatch batch = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (writes != NULL || n_writes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (changes != NULL)
    *changes = NULL;
  if (n_writes == 0)
    {
      if (changes != NULL)
        *changes = att_mark_changes_new ();
      return TRUE;
    }

  /* Imports write many marks at once: that takes the bulk right. */
  if ((flags & ATT_WRITE_IMPORT) && !att_user_require (user, ATT_PERM_BULK_MARK, error))
    return FALSE;

  if (reason != NULL)
    {
      trimmed = g_strstrip (g_strdup (reason));
      if (*trimmed == '\0')
        g_clear_pointer (&trimmed, g_free);
    }

  batch.db = db;
  batch.user = user;
  batch.reason = trimmed;
  batch.flags = flags;
  att_mark_rules_init (&batch.rules, db, flags);
  if (!att_mark_rules_check_unable (&batch.rules, user, writes, n_writes, trimmed, error))
    {
      att_mark_rules_clear (&batch.rules);
      return FALSE;
    }

  if (!att_db_begin (db, error))
    {
      att_mark_rules_clear (&batch.rules);
      return FALSE;
    }
  if (db->depth == 1)
    att_register_sync_for_write (db);

  /* A dry run does the real work inside a savepoint and then undoes it,
   * so it meets exactly the checks a real run would, including several
   * writes to one session in the same batch. */
  if (dry_run && !att_db_exec (db, "SAVEPOINT " DRY_RUN_SAVEPOINT, error))
    {
      att_db_rollback (db);
      att_mark_rules_clear (&batch.rules);
      return FALSE;
    }

  batch.at = att_audit_now ();
  batch.keys = g_ptr_array_new_with_free_func (g_free);
  batch.touched = g_hash_table_new (g_int64_hash, g_int64_equal);
  batch.years = g_array_new (FALSE, FALSE, sizeof (TouchedYear));
  batch.changes = att_mark_changes_new ();

  for (guint i = 0; ok && i < n_writes; i++)
    ok = write_one (&batch, &writes[i], error);

  if (ok && batch.n_need_reason > 0)
    {
      const AttMarkWrite *w = &batch.need_reason;

      if (batch.n_need_reason == 1)
        att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, w->session,
                                _("A reason is needed to change a saved mark"));
      else
        {
          g_autofree char *where = att_register_describe_session (db, w->pupil_id, w->date, w->session);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       /* Translators: a number of sessions, then the first of them */
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u session already has a mark (%s): a reason is needed to change it",
                                    "%u sessions already have a mark (the first is %s): a reason is needed to change them",
                                    batch.n_need_reason),
                       batch.n_need_reason, where);
        }
      ok = FALSE;
    }

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
  else
    {
      /* The arrays in memory follow the committed marks. Inside an outer
       * transaction they are updated now: a rollback of that transaction
       * drops the whole store. */
      for (guint i = 0; i < batch.years->len; i++)
        {
          TouchedYear *touched = &g_array_index (batch.years, TouchedYear, i);
          att_register_store_put (db, touched->pupil_id, touched->year,
                                  touched->empty ? NULL : touched->codes);
        }
      if (!att_db_commit (db, error))
        ok = FALSE;
    }

  if (ok && changes != NULL)
    *changes = g_steal_pointer (&batch.changes);
  g_clear_pointer (&batch.changes, g_array_unref);
  att_mark_rules_clear (&batch.rules);
  g_hash_table_unref (batch.touched);
  g_ptr_array_unref (batch.keys);
  g_array_unref (batch.years);
  return ok;
}

gboolean
att_register_write (AttDb               *db,
                    const AttUser       *user,
                    const AttMarkWrite  *writes,
                    guint                n_writes,
                    const char          *reason,
                    AttWriteFlags        flags,
                    GError             **error)
{
  return att_register_write_full (db, user, writes, n_writes, reason, flags, NULL, error);
}

void
att_register_note_all_changed (AttDb *db)
{
  db->marks_all_changed = TRUE;
}

void
att_register_note_change (AttDb               *db,
                          const AttMarkChange *change)
{
  AttMarkChange copy = *change;

  if (db->mark_changes == NULL)
    db->mark_changes = att_mark_changes_new ();
  copy.old_comment = g_strdup (change->old_comment);
  g_array_append_val (db->mark_changes, copy);
}

static int
column_minutes (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int (stmt, column);
}

/* More sessions than this from another program are not listed: views
 * read everything again. */
#define CHANGES_LISTED_MAX 10000

GArray *
att_register_changes_since (AttDb  *db,
                            gint64  after,
                            gint64 *last)
{
  g_autoptr(GArray) changes = att_mark_changes_new ();
  sqlite3_stmt *stmt;
  gboolean too_many = FALSE;

  stmt = att_db_prepare (db,
                         "SELECT id, pupil_id, date, session, old_code, new_code, old_minutes, new_minutes "
                         "FROM mark_history WHERE id > ? ORDER BY id",
                         NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AttMarkChange change = { 0, };

      *last = sqlite3_column_int64 (stmt, 0);
      if (too_many || changes->len >= CHANGES_LISTED_MAX)
        {
          too_many = TRUE;
          continue;
        }
      change.pupil_id = sqlite3_column_int64 (stmt, 1);
      change.date = sqlite3_column_int (stmt, 2);
      change.session = sqlite3_column_int (stmt, 3) == 1 ? ATT_SESSION_PM : ATT_SESSION_AM;
      change.old_code = att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 4));
      change.new_code = att_register_code_from_text ((const char *)sqlite3_column_text (stmt, 5));
      change.effect = change.old_code == ATT_CODE_NONE ? ATT_WRITE_EFFECT_FIRST : ATT_WRITE_EFFECT_AMEND;
      change.old_minutes = column_minutes (stmt, 6);
      change.new_minutes = column_minutes (stmt, 7);
      g_array_append_val (changes, change);
    }
  sqlite3_reset (stmt);
  return too_many ? NULL : g_steal_pointer (&changes);
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
  gboolean exists;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);

  return read_mark (db, pupil_id, date, session, mark, &exists, error);
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
  stmt = att_register_prepare_own (db,
                                   "SELECT h.id, h.pupil_id, h.date, h.session, h.old_code, h.new_code, "
                                   "  h.old_minutes, h.new_minutes, h.comment, h.reason, a.name, a.position, h.at "
                                   "FROM mark_history h JOIN actors a ON a.id = h.actor_id "
                                   "WHERE h.pupil_id = ? AND h.date BETWEEN ? AND ? "
                                   "ORDER BY h.id",
                                   _("read the register’s history"), error);
  if (stmt == NULL)
    return NULL;
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
  stmt = att_register_prepare_own (db,
                                   "SELECT m.pupil_id, m.date, m.session, m.code, m.minutes_late, m.comment "
                                   "FROM marks m JOIN pupils p ON p.id = m.pupil_id "
                                   "WHERE m.date BETWEEN ? AND ? "
                                   "ORDER BY m.date, m.session, p.upn",
                                   _("read the register"), error);
  if (stmt == NULL)
    return FALSE;
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

