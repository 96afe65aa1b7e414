/* att-register-bulk.c: loading a whole school's registers in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader keeps the pupil, the school year's compact array and the
 * session being written in memory, and writes a session's row of `marks`
 * once its last entry has come, so a first entry and its amendment cost
 * one row and two history rows. The rules are those of
 * att_register_write() (att-register-rules.c and the register's own
 * functions for what a write keeps and whether it amends).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-register-bulk.h"
#include "att-register-private.h"
#include "att-text.h"

/* Indexes over the marks and their history that a new school builds
 * once, at the end, from the sorted tables: kept up to date, each would
 * take an entry at a random place for every mark (the history by time),
 * and even those whose entries come in order cost more kept up to date
 * than built again. */
static const char * const deferred_indexes[] = {
  "marks_by_date", "marks_amended", "mark_history_by_session", "mark_history_by_time",
};

typedef struct
{
  gint64    pupil_id;
  int       year;           /* 0: none loaded */
  gboolean  dirty;
  guint8    codes[ATT_REGISTER_YEAR_SLOTS];
} BulkYear;

/* Rows waiting to be inserted, BATCH_ROWS at a time with one statement:
 * each statement SQLite runs opens and closes its cursors, which costs as
 * much as the row it inserts. A new row of marks waits only until the
 * file is next read or changed otherwise; the history is never read
 * during a load. */
#define BATCH_ROWS 32

typedef struct
{
  gint64      pupil_id;
  AttDate     date;
  int         session;
  AttCode     code;
  int         minutes;
  char       *comment;
  int         amendments;
} PendingMark;

typedef struct
{
  gint64      pupil_id;
  AttDate     date;
  int         session;
  AttCode     old_code;
  AttCode     new_code;
  int         old_minutes;
  int         new_minutes;
  char       *comment;
  char       *reason;
  gint64      actor;
  gint64      at;
} PendingHistory;

/* The session being written: its row is stored when the next session
 * comes. */
typedef struct
{
  gboolean    active;
  gint64      pupil_id;
  AttDate     date;
  AttSession  session;
  gboolean    in_file;      /* its row was in the file before the load */
  AttSavedMark mark;        /* what it holds now */
  int         amendments;
} BulkSession;

struct _AttRegisterBulk
{
  AttDb          *db;
  const AttUser  *user;
  AttBulkFlags    flags;
  AttMarkRules    rules;
  GHashTable     *actors;       /* const AttUser * -> actor id */
  AttPupil       *pupil;        /* the pupil being written (a reference) */
  BulkYear        year;
  BulkSession     session;
  char           *index_sql[G_N_ELEMENTS (deferred_indexes)];
  gint64          now;
  guint           n_entries;
  GTimeZone      *tz;           /* local time, for the day an entry was made */
  AttDate         epoch;        /* 1 January 1970 */

  sqlite3_stmt   *insert_mark;
  sqlite3_stmt   *update_mark;
  sqlite3_stmt   *delete_mark;
  sqlite3_stmt   *read_mark;
  sqlite3_stmt   *insert_history;
  sqlite3_stmt   *read_year;
  sqlite3_stmt   *write_year;
  sqlite3_stmt   *delete_year;

  PendingMark     marks[BATCH_ROWS];
  guint           n_marks;
  PendingHistory  history[BATCH_ROWS];
  guint           n_history;
  sqlite3_stmt   *insert_marks;     /* BATCH_ROWS rows at once */
  sqlite3_stmt   *insert_histories;
};

static sqlite3_stmt *
prepare (AttRegisterBulk  *bulk,
         const char       *sql,
         GError          **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (att_db_get_handle (bulk->db), sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (bulk->db, error, _("load the register"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* @head followed by BATCH_ROWS times @row, separated by commas. */
static sqlite3_stmt *
prepare_batch (AttRegisterBulk  *bulk,
               const char       *head,
               const char       *row,
               GError          **error)
{
  g_autoptr(GString) sql = g_string_new (head);

  for (guint i = 0; i < BATCH_ROWS; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, row);
    }
  return prepare (bulk, sql->str, error);
}

static gboolean
step_done (AttRegisterBulk  *bulk,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  att_db_set_sqlite_error (bulk->db, error, _("load the register"));
  return FALSE;
}

static void
clear_pending (AttRegisterBulk *bulk)
{
  for (guint i = 0; i < bulk->n_marks; i++)
    g_free (bulk->marks[i].comment);
  bulk->n_marks = 0;
  for (guint i = 0; i < bulk->n_history; i++)
    {
      g_free (bulk->history[i].comment);
      g_free (bulk->history[i].reason);
    }
  bulk->n_history = 0;
}

static void
bulk_free (AttRegisterBulk *bulk)
{
  clear_pending (bulk);
  sqlite3_finalize (bulk->insert_marks);
  sqlite3_finalize (bulk->insert_histories);
  sqlite3_finalize (bulk->insert_mark);
  sqlite3_finalize (bulk->update_mark);
  sqlite3_finalize (bulk->delete_mark);
  sqlite3_finalize (bulk->read_mark);
  sqlite3_finalize (bulk->insert_history);
  sqlite3_finalize (bulk->read_year);
  sqlite3_finalize (bulk->write_year);
  sqlite3_finalize (bulk->delete_year);
  for (guint i = 0; i < G_N_ELEMENTS (bulk->index_sql); i++)
    g_free (bulk->index_sql[i]);
  g_clear_pointer (&bulk->session.mark.comment, g_free);
  g_clear_object (&bulk->pupil);
  g_clear_pointer (&bulk->actors, g_hash_table_unref);
  g_clear_pointer (&bulk->tz, g_time_zone_unref);
  att_mark_rules_clear (&bulk->rules);
  g_object_unref (bulk->db);
  g_free (bulk);
}

/* The statement that made an index, so it can be made again; NULL when
 * the schema has no such index. */
static char *
read_index_sql (AttRegisterBulk *bulk,
                const char      *name)
{
  sqlite3_stmt *stmt = att_db_prepare (bulk->db,
                                       "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                       NULL);
  char *sql = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    sql = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return sql;
}

AttRegisterBulk *
att_register_bulk_begin (AttDb          *db,
                         const AttUser  *user,
                         AttBulkFlags    flags,
                         GError        **error)
{
  AttRegisterBulk *bulk;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A whole school's registers at once is a bulk mark. */
  if (!att_user_require (user, ATT_PERM_BULK_MARK, error))
    return NULL;
  if (!att_db_begin (db, error))
    return NULL;
  if (db->depth == 1)
    att_register_sync_for_write (db);

  bulk = g_new0 (AttRegisterBulk, 1);
  bulk->db = g_object_ref (db);
  bulk->user = user;
  bulk->flags = flags;
  att_mark_rules_init (&bulk->rules, db, (flags & ATT_BULK_IMPORT) ? ATT_WRITE_IMPORT : ATT_WRITE_DEFAULT);
  bulk->actors = g_hash_table_new (g_direct_hash, g_direct_equal);
  bulk->now = att_audit_now ();
  /* Asked for once: GLib reads the local zone from the disk again each
   * time it is asked for it when $TZ is not set. */
  bulk->tz = g_time_zone_new_local ();
  bulk->epoch = att_date_from_ymd (1970, 1, 1);

  if ((bulk->insert_mark = prepare (bulk, "INSERT INTO marks (pupil_id, date, session, code, minutes_late, comment, amendments) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?)", error)) == NULL ||
      (bulk->update_mark = prepare (bulk, "UPDATE marks SET code = ?, minutes_late = ?, comment = ?, amendments = ? "
                                          "WHERE pupil_id = ? AND date = ? AND session = ?", error)) == NULL ||
      (bulk->delete_mark = prepare (bulk, "DELETE FROM marks WHERE pupil_id = ? AND date = ? AND session = ?",
                                    error)) == NULL ||
      (bulk->read_mark = prepare (bulk, "SELECT code, minutes_late, comment, amendments FROM marks "
                                        "WHERE pupil_id = ? AND date = ? AND session = ?", error)) == NULL ||
      (bulk->insert_history = prepare (bulk, "INSERT INTO mark_history (pupil_id, date, session, old_code, new_code, "
                                             "old_minutes, new_minutes, comment, reason, actor_id, at) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) == NULL ||
      (bulk->read_year = prepare (bulk, "SELECT codes FROM mark_years WHERE pupil_id = ? AND year = ?",
                                  error)) == NULL ||
      (bulk->write_year = prepare (bulk, "INSERT INTO mark_years (pupil_id, year, codes) VALUES (?, ?, ?) "
                                         "ON CONFLICT (pupil_id, year) DO UPDATE SET codes = excluded.codes",
                                   error)) == NULL ||
      (bulk->delete_year = prepare (bulk, "DELETE FROM mark_years WHERE pupil_id = ? AND year = ?",
                                    error)) == NULL ||
      (bulk->insert_marks = prepare_batch (bulk, "INSERT INTO marks (pupil_id, date, session, code, "
                                                 "minutes_late, comment, amendments) VALUES ",
                                           "(?, ?, ?, ?, ?, ?, ?)", error)) == NULL ||
      (bulk->insert_histories = prepare_batch (bulk, "INSERT INTO mark_history (pupil_id, date, session, "
                                                     "old_code, new_code, old_minutes, new_minutes, "
                                                     "comment, reason, actor_id, at) VALUES ",
                                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) == NULL)
    {
      att_register_bulk_abort (bulk);
      return NULL;
    }

  /* Every index over the marks would be updated at a random place for
   * each mark; a new school builds them once, from the sorted table. */
  if (flags & ATT_BULK_NEW_SCHOOL)
    for (guint i = 0; i < G_N_ELEMENTS (deferred_indexes); i++)
      {
        g_autofree char *drop = NULL;

        bulk->index_sql[i] = read_index_sql (bulk, deferred_indexes[i]);
        if (bulk->index_sql[i] == NULL)
          continue;
        drop = g_strdup_printf ("DROP INDEX %s", deferred_indexes[i]);
        if (!att_db_exec (db, drop, error))
          {
            att_register_bulk_abort (bulk);
            return NULL;
          }
      }

  att_db_note_change (db, ATT_CHANGE_MARKS);
  return bulk;
}

void
att_register_bulk_set_clock (AttRegisterBulk *bulk,
                             AttDate          today,
                             int              clock_minutes)
{
  g_return_if_fail (bulk != NULL);
  g_return_if_fail (clock_minutes >= 0 && clock_minutes < 24 * 60);

  bulk->rules.today = today;
  bulk->rules.clock = clock_minutes;
}

guint
att_register_bulk_get_n_entries (AttRegisterBulk *bulk)
{
  g_return_val_if_fail (bulk != NULL, 0);
  return bulk->n_entries;
}

static void
bind_mark (sqlite3_stmt      *stmt,
           int                first,
           const PendingMark *m)
{
  sqlite3_bind_int64 (stmt, first, m->pupil_id);
  sqlite3_bind_int (stmt, first + 1, m->date);
  sqlite3_bind_int (stmt, first + 2, m->session);
  att_register_bind_code (stmt, first + 3, m->code);
  att_register_bind_minutes (stmt, first + 4, m->minutes);
  att_register_bind_text (stmt, first + 5, m->comment);
  sqlite3_bind_int (stmt, first + 6, m->amendments);
}

static void
bind_history (sqlite3_stmt         *stmt,
              int                   first,
              const PendingHistory *h)
{
  sqlite3_bind_int64 (stmt, first, h->pupil_id);
  sqlite3_bind_int (stmt, first + 1, h->date);
  sqlite3_bind_int (stmt, first + 2, h->session);
  att_register_bind_code (stmt, first + 3, h->old_code);
  att_register_bind_code (stmt, first + 4, h->new_code);
  att_register_bind_minutes (stmt, first + 5, h->old_minutes);
  att_register_bind_minutes (stmt, first + 6, h->new_minutes);
  att_register_bind_text (stmt, first + 7, h->comment);
  att_register_bind_text (stmt, first + 8, h->reason);
  sqlite3_bind_int64 (stmt, first + 9, h->actor);
  sqlite3_bind_int64 (stmt, first + 10, h->at);
}

/* Inserts the rows of marks waiting: a full batch with one statement,
 * fewer one by one. */
static gboolean
flush_marks (AttRegisterBulk  *bulk,
             GError          **error)
{
  gboolean ok = TRUE;

  if (bulk->n_marks == BATCH_ROWS)
    {
      for (guint i = 0; i < BATCH_ROWS; i++)
        bind_mark (bulk->insert_marks, 1 + 7 * i, &bulk->marks[i]);
      ok = step_done (bulk, bulk->insert_marks, error);
      sqlite3_clear_bindings (bulk->insert_marks);
    }
  else
    for (guint i = 0; ok && i < bulk->n_marks; i++)
      {
        bind_mark (bulk->insert_mark, 1, &bulk->marks[i]);
        ok = step_done (bulk, bulk->insert_mark, error);
        sqlite3_clear_bindings (bulk->insert_mark);
      }
  for (guint i = 0; i < bulk->n_marks; i++)
    g_clear_pointer (&bulk->marks[i].comment, g_free);
  bulk->n_marks = 0;
  return ok;
}

static gboolean
flush_history (AttRegisterBulk  *bulk,
               GError          **error)
{
  gboolean ok = TRUE;

  if (bulk->n_history == BATCH_ROWS)
    {
      for (guint i = 0; i < BATCH_ROWS; i++)
        bind_history (bulk->insert_histories, 1 + 11 * i, &bulk->history[i]);
      ok = step_done (bulk, bulk->insert_histories, error);
      sqlite3_clear_bindings (bulk->insert_histories);
    }
  else
    for (guint i = 0; ok && i < bulk->n_history; i++)
      {
        bind_history (bulk->insert_history, 1, &bulk->history[i]);
        ok = step_done (bulk, bulk->insert_history, error);
        sqlite3_clear_bindings (bulk->insert_history);
      }
  for (guint i = 0; i < bulk->n_history; i++)
    {
      g_clear_pointer (&bulk->history[i].comment, g_free);
      g_clear_pointer (&bulk->history[i].reason, g_free);
    }
  bulk->n_history = 0;
  return ok;
}

/* Stores the row of the session being written. */
static gboolean
flush_session (AttRegisterBulk  *bulk,
               GError          **error)
{
  BulkSession *s = &bulk->session;
  sqlite3_stmt *stmt;

  if (!s->active)
    return TRUE;
  s->active = FALSE;

  if (!s->mark.exists && !s->in_file)
    return TRUE;

  /* A new row waits for its batch. */
  if (s->mark.exists && !s->in_file)
    {
      PendingMark *m = &bulk->marks[bulk->n_marks++];

      m->pupil_id = s->pupil_id;
      m->date = s->date;
      m->session = s->session;
      m->code = s->mark.code;
      m->minutes = s->mark.minutes;
      m->comment = g_steal_pointer (&s->mark.comment);
      m->amendments = s->amendments;
      return bulk->n_marks < BATCH_ROWS || flush_marks (bulk, error);
    }

  /* A row in the file is changed in the order of the writes. */
  if (!flush_marks (bulk, error))
    return FALSE;
  if (!s->mark.exists)
    {
      stmt = bulk->delete_mark;
      sqlite3_bind_int64 (stmt, 1, s->pupil_id);
      sqlite3_bind_int (stmt, 2, s->date);
      sqlite3_bind_int (stmt, 3, s->session);
    }
  else
    {
      stmt = bulk->update_mark;
      att_register_bind_code (stmt, 1, s->mark.code);
      att_register_bind_minutes (stmt, 2, s->mark.minutes);
      att_register_bind_text (stmt, 3, s->mark.comment);
      sqlite3_bind_int (stmt, 4, s->amendments);
      sqlite3_bind_int64 (stmt, 5, s->pupil_id);
      sqlite3_bind_int (stmt, 6, s->date);
      sqlite3_bind_int (stmt, 7, s->session);
    }
  if (!step_done (bulk, stmt, error))
    return FALSE;
  sqlite3_clear_bindings (stmt);
  g_clear_pointer (&s->mark.comment, g_free);
  return TRUE;
}

/* Stores the compact array of the school year being written. */
static gboolean
flush_year (AttRegisterBulk  *bulk,
            GError          **error)
{
  BulkYear *y = &bulk->year;
  sqlite3_stmt *stmt;

  if (y->year == 0 || !y->dirty)
    return TRUE;
  y->dirty = FALSE;
  if (att_register_codes_empty (y->codes))
    {
      stmt = bulk->delete_year;
      sqlite3_bind_int64 (stmt, 1, y->pupil_id);
      sqlite3_bind_int (stmt, 2, y->year);
    }
  else
    {
      stmt = bulk->write_year;
      sqlite3_bind_int64 (stmt, 1, y->pupil_id);
      sqlite3_bind_int (stmt, 2, y->year);
      sqlite3_bind_blob (stmt, 3, y->codes, (int)att_register_codes_length (y->codes), SQLITE_STATIC);
    }
  return step_done (bulk, stmt, error);
}

static gboolean
load_year (AttRegisterBulk  *bulk,
           gint64            pupil_id,
           int               year,
           GError          **error)
{
  BulkYear *y = &bulk->year;
  int rc;

  y->pupil_id = pupil_id;
  y->year = year;
  y->dirty = FALSE;
  memset (y->codes, 0, sizeof y->codes);
  sqlite3_bind_int64 (bulk->read_year, 1, pupil_id);
  sqlite3_bind_int (bulk->read_year, 2, year);
  rc = sqlite3_step (bulk->read_year);
  if (rc == SQLITE_ROW)
    {
      const guint8 *blob = sqlite3_column_blob (bulk->read_year, 0);
      int n = sqlite3_column_bytes (bulk->read_year, 0);

      if (blob != NULL)
        memcpy (y->codes, blob, MIN (n, ATT_REGISTER_YEAR_SLOTS));
    }
  sqlite3_reset (bulk->read_year);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (bulk->db, error, _("load the register"));
      return FALSE;
    }
  return TRUE;
}

/* Makes @mark's session the one being written, knowing what it holds. */
static gboolean
open_session (AttRegisterBulk    *bulk,
              const AttBulkMark  *mark,
              guint8              held,
              GError            **error)
{
  BulkSession *s = &bulk->session;
  int rc;

  if (!flush_session (bulk, error))
    return FALSE;
  memset (s, 0, sizeof *s);
  s->active = TRUE;
  s->pupil_id = mark->pupil_id;
  s->date = mark->date;
  s->session = mark->session;
  s->mark.minutes = -1;
  /* The compact array says whether the session holds a mark; only then is
   * the row read, for its minutes and comment. */
  if (held == ATT_CODE_NONE)
    return TRUE;

  /* The row may be one of those waiting. */
  if (!flush_marks (bulk, error))
    return FALSE;
  sqlite3_bind_int64 (bulk->read_mark, 1, mark->pupil_id);
  sqlite3_bind_int (bulk->read_mark, 2, mark->date);
  sqlite3_bind_int (bulk->read_mark, 3, mark->session);
  rc = sqlite3_step (bulk->read_mark);
  if (rc == SQLITE_ROW)
    {
      s->in_file = TRUE;
      s->mark.exists = TRUE;
      s->mark.code = att_register_code_from_text ((const char *)sqlite3_column_text (bulk->read_mark, 0));
      if (sqlite3_column_type (bulk->read_mark, 1) != SQLITE_NULL)
        s->mark.minutes = sqlite3_column_int (bulk->read_mark, 1);
      s->mark.comment = g_strdup ((const char *)sqlite3_column_text (bulk->read_mark, 2));
      s->amendments = sqlite3_column_int (bulk->read_mark, 3);
    }
  sqlite3_reset (bulk->read_mark);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (bulk->db, error, _("load the register"));
      return FALSE;
    }
  return TRUE;
}

/* The day an entry was made: the local date of its time, or today. The
 * date is worked out as g_date_time_new_from_unix_local() would, from the
 * local zone's offset at that moment, without making a GDateTime. */
static AttDate
made_on (AttRegisterBulk   *bulk,
         const AttBulkMark *mark)
{
  /* The times a GDateTime holds: years 1 to 9999. */
  const gint64 first = G_GINT64_CONSTANT (-62135596800);
  const gint64 last = G_GINT64_CONSTANT (253402300799);
  gint64 local;
  int interval;

  if (mark->at == 0 || mark->at < first || mark->at > last)
    return att_date_today ();
  interval = g_time_zone_find_interval (bulk->tz, G_TIME_TYPE_UNIVERSAL, mark->at);
  if (interval < 0)
    return att_date_today ();
  local = mark->at + g_time_zone_get_offset (bulk->tz, interval);
  /* Whole days since 1970, rounded down for times before it. */
  return bulk->epoch + (AttDate)((local - (local < 0 ? 86399 : 0)) / 86400);
}

static gint64
actor_for (AttRegisterBulk  *bulk,
           const AttUser    *user,
           GError          **error)
{
  gpointer cached = g_hash_table_lookup (bulk->actors, user);
  gint64 id;

  if (cached != NULL)
    return (gint64)GPOINTER_TO_SIZE (cached);
  id = att_audit_actor (bulk->db, user, error);
  if (id > 0)
    g_hash_table_insert (bulk->actors, (gpointer)user, GSIZE_TO_POINTER ((gsize)id));
  return id;
}

gboolean
att_register_bulk_add (AttRegisterBulk    *bulk,
                       const AttBulkMark  *mark,
                       GError            **error)
{
  AttDb *db;
  BulkSession *s;
  const AttUser *user;
  AttMarkWrite w;
  AttCode code;
  AttSavedMark before;
  AttWriteEffect effect;
  g_autofree char *comment = NULL;
  guint slot;
  int minutes, year;
  gint64 actor;

  g_return_val_if_fail (bulk != NULL, FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = bulk->db;
  s = &bulk->session;
  user = mark->user != NULL ? mark->user : bulk->user;

  if (!att_text_check_mark (mark->comment, mark->reason, error))
    return FALSE;

  if (bulk->pupil == NULL || bulk->pupil->id != mark->pupil_id)
    {
      g_clear_object (&bulk->pupil);
      bulk->pupil = att_register_pupil_for_write (db, mark->pupil_id);
      if (bulk->pupil == NULL)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                       _("There is no pupil number %lld on the register: nothing was saved"),
                       (long long) mark->pupil_id);
          return FALSE;
        }
    }

  w.pupil_id = mark->pupil_id;
  w.date = mark->date;
  w.session = mark->session;
  w.code = mark->code;
  w.minutes_late = mark->minutes_late;
  w.comment = mark->comment;
  if (!att_mark_rules_check (&bulk->rules, bulk->pupil, &w, &code, error))
    return FALSE;

  year = att_date_school_year (mark->date);
  if (bulk->year.year != year || bulk->year.pupil_id != mark->pupil_id)
    {
      if (!flush_session (bulk, error) || !flush_year (bulk, error) ||
          !load_year (bulk, mark->pupil_id, year, error))
        return FALSE;
    }
  slot = att_register_slot (att_date_from_ymd (year, 9, 1), mark->date, mark->session);

  if (!s->active || s->pupil_id != mark->pupil_id || s->date != mark->date ||
      s->session != mark->session)
    {
      if (!open_session (bulk, mark, bulk->year.codes[slot], error))
        return FALSE;
    }

  minutes = mark->minutes_late;
  att_register_resolve_details (&s->mark, &w, code, &minutes, &comment);
  if (!att_mark_rules_check_minutes (&bulk->rules, mark->pupil_id, mark->date, mark->session,
                                     code, minutes, error))
    return FALSE;

  effect = att_register_effect_of (&s->mark, code, minutes, comment, ATT_WRITE_DEFAULT);
  if (effect == ATT_WRITE_EFFECT_NONE)
    return TRUE;
  if (effect == ATT_WRITE_EFFECT_AMEND && (mark->reason == NULL || *mark->reason == '\0'))
    {
      att_register_set_error (error, ATT_ERROR_RULE, db, mark->pupil_id, mark->date, mark->session,
                              _("A reason is needed to change a saved mark"));
      return FALSE;
    }
  /* Only an amendment's right depends on the day it was made. */
  if (!att_user_require (user,
                         att_register_right_for (effect, mark->date,
                                                 effect == ATT_WRITE_EFFECT_AMEND ? made_on (bulk, mark) : mark->date),
                         error))
    {
      g_autofree char *where = att_register_describe_session (db, mark->pupil_id, mark->date, mark->session);
      g_prefix_error (error, _("%s: "), where);
      return FALSE;
    }
  actor = actor_for (bulk, user, error);
  if (actor <= 0)
    return FALSE;

  before = s->mark;
  {
    PendingHistory *h = &bulk->history[bulk->n_history++];

    h->pupil_id = mark->pupil_id;
    h->date = mark->date;
    h->session = mark->session;
    h->old_code = before.exists ? before.code : ATT_CODE_NONE;
    h->new_code = code;
    h->old_minutes = before.exists ? before.minutes : -1;
    h->new_minutes = minutes;
    h->comment = g_strdup (comment);
    /* A first entry has no reason: there was nothing to change. */
    h->reason = before.exists ? g_strdup (mark->reason) : NULL;
    h->actor = actor;
    h->at = mark->at != 0 ? mark->at : bulk->now;
    if (bulk->n_history == BATCH_ROWS && !flush_history (bulk, error))
      return FALSE;
  }

  if (effect == ATT_WRITE_EFFECT_AMEND)
    s->amendments++;
  s->mark.exists = code != ATT_CODE_NONE;
  s->mark.code = code;
  s->mark.minutes = code != ATT_CODE_NONE ? minutes : -1;
  g_free (s->mark.comment);
  s->mark.comment = g_steal_pointer (&comment);
  bulk->year.codes[slot] = (guint8)code;
  bulk->year.dirty = TRUE;
  bulk->n_entries++;
  return TRUE;
}

gboolean
att_register_bulk_commit (AttRegisterBulk  *bulk,
                          GError          **error)
{
  AttDb *db;
  gboolean ok;

  g_return_val_if_fail (bulk != NULL, FALSE);

  db = bulk->db;
  ok = flush_session (bulk, error) && flush_marks (bulk, error) &&
       flush_history (bulk, error) && flush_year (bulk, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (bulk->index_sql); i++)
    if (bulk->index_sql[i] != NULL)
      ok = att_db_exec (db, bulk->index_sql[i], error);
  if (!ok)
    {
      att_register_bulk_abort (bulk);
      return FALSE;
    }

  /* Too many sessions to list one by one: views are told to read
   * everything again, and the arrays in memory are read again now, inside
   * the transaction, so what views read after the commit is current. */
  att_register_note_all_changed (db);
  att_register_store_reload (db);
  g_object_ref (db);
  bulk_free (bulk);
  ok = att_db_commit (db, error);
  g_object_unref (db);
  return ok;
}

void
att_register_bulk_abort (AttRegisterBulk *bulk)
{
  AttDb *db;

  g_return_if_fail (bulk != NULL);

  db = g_object_ref (bulk->db);
  bulk_free (bulk);
  att_db_rollback (db);
  g_object_unref (db);
}
