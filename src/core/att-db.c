/* att-db.c: the school's database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-register-private.h"
#include "att-error.h"
#include "att-file.h"

static gint64 read_data_version (AttDb      *self);
static gint64 read_max_id       (AttDb      *self,
                                 const char *sql);

enum {
  SIGNAL_CHANGED,
  SIGNAL_MARKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AttDb, att_db, G_TYPE_OBJECT)

int
att_db_schema_version (void)
{
  return att_db_n_migrations ();
}

static void
att_db_finalize (GObject *object)
{
  AttDb *self = (AttDb *)object;

  att_calendar_cache_drop (self);
  att_pupils_cache_drop (self);
  g_clear_pointer (&self->marks, att_mark_store_free);
  g_clear_pointer (&self->mark_changes, g_array_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);

  G_OBJECT_CLASS (att_db_parent_class)->finalize (object);
}

gboolean
att_db_begin_read (AttDb *self)
{
  g_return_val_if_fail (ATT_IS_DB (self), FALSE);

  if (self->depth > 0 || self->handle == NULL || !sqlite3_get_autocommit (self->handle))
    return FALSE;
  return sqlite3_exec (self->handle, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
}

void
att_db_end_read (AttDb    *self,
                 gboolean  begun)
{
  g_return_if_fail (ATT_IS_DB (self));

  /* A read-only transaction cannot fail to end; if it did, the next
   * write would say so. */
  if (begun)
    sqlite3_exec (self->handle, "COMMIT", NULL, NULL, NULL);
}

void
att_db_read_mapped (AttDb *self)
{
  g_return_if_fail (ATT_IS_DB (self));

  /* Up to 1 GiB of the file; SQLite reads what lies beyond as before. */
  if (!att_db_exec (self, "PRAGMA mmap_size = 1073741824", NULL))
    g_debug ("The database is read without mapping it");
}

void
att_db_read_once (AttDb *self)
{
  g_return_if_fail (ATT_IS_DB (self));

  if (!att_db_exec (self, "PRAGMA mmap_size = 0", NULL) ||
      !att_db_exec (self, "PRAGMA cache_size = 64", NULL))
    g_debug ("The database is read with SQLite's usual cache");
}

void
att_db_close (AttDb *self)
{
  g_return_if_fail (ATT_IS_DB (self));

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  self->handle = NULL;
}

static void
att_db_class_init (AttDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = att_db_finalize;

  /**
   * AttDb::changed:
   * @changes: the #AttChange flags of what the committed change touched
   *
   * Emitted after a transaction that changed something commits.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * AttDb::marks-changed:
   * @changes: (element-type AttMarkChange) (nullable): every session the
   *   committed change wrote, with what it held before and holds now; %NULL
   *   when there were too many to list (a bulk load) and any may have
   *   changed
   *
   * Emitted after a transaction that wrote marks commits, before
   * #AttDb::changed, so that views refresh only the rows it touched.
   */
  signals[SIGNAL_MARKS_CHANGED] =
    g_signal_new ("marks-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
att_db_init (AttDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            g_free, finalize_statement);
}

char *
att_db_default_path (gboolean development)
{
  const char *env = g_getenv ("ATTENDANCE_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "attendance",
                           development ? "attendance-devel.db" : "attendance.db",
                           NULL);
}

const char *
att_db_get_path (AttDb *self)
{
  g_return_val_if_fail (ATT_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
att_db_get_handle (AttDb *self)
{
  return self->handle;
}

guint64
att_db_get_serial (AttDb *self)
{
  g_return_val_if_fail (ATT_IS_DB (self), 0);
  return self->serial;
}

/* How long a writer waits for another to finish before it gives up. An
 * import of a few thousand marks takes a second or two; the app and
 * attendance-cli share the file, so a write that comes in meanwhile
 * waits rather than failing at once. */
#define BUSY_TIMEOUT_MS 5000

static void
set_error_from_code (AttDb       *self,
                     int          code,
                     GError     **error,
                     const char  *what)
{
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                 _("The database is busy: another Attendance window or attendance-cli (an import, perhaps) has been saving changes for more than %d seconds. Nothing was saved: wait until it has finished, then try again"),
                 BUSY_TIMEOUT_MS / 1000);
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    /* Translators: the second %s is SQLite's own words, such as
     * "database disk image is malformed" */
    g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                 _("%s is damaged (%s): restore the latest backup with “attendance-cli restore FILE --user NAME” (an administrator)"),
                 self->path, sqlite3_errmsg (self->handle));
  else if (code == SQLITE_FULL)
    g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                 _("The disk is full: nothing was saved (%s)"), what);
  else if (code == SQLITE_READONLY)
    g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                 _("The database is read-only: nothing was saved (%s)"), what);
  else
    g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                 _("The database could not %s: %s"), what,
                 sqlite3_errmsg (self->handle));
}

void
att_db_set_sqlite_error (AttDb       *self,
                         GError     **error,
                         const char  *what)
{
  set_error_from_code (self, sqlite3_errcode (self->handle), error, what);
}

sqlite3_stmt *
att_db_prepare (AttDb       *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("The database does not understand a query (%s): %s"),
                   sqlite3_errmsg (self->handle), sql);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
att_db_exec (AttDb       *self,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;

  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, &message);

  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_FULL || rc == SQLITE_READONLY ||
      rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    {
      set_error_from_code (self, rc, error, _("save the change"));
      sqlite3_free (message);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("The database could not be updated: %s"),
                   message ? message : sqlite3_errmsg (self->handle));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_db_step_done (AttDb         *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  att_db_set_sqlite_error (self, error, _("save the change"));
  sqlite3_reset (stmt);
  return FALSE;
}

char *
att_db_column_dup (sqlite3_stmt *stmt,
                   int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? g_strdup (text) : NULL;
}

GPtrArray *
att_db_collect (AttDb          *self,
                sqlite3_stmt   *stmt,
                AttDbRowFunc    from_row,
                GDestroyNotify  free_func,
                const char     *what,
                GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (self, error, what);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
att_db_query_int (AttDb         *self,
                  sqlite3_stmt  *stmt,
                  gint64        *value,
                  const char    *what,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      att_db_set_sqlite_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

/* Takes the write lock. SQLite waits for another writer itself (the busy
 * timeout), but some moments of a WAL database answer "busy" at once
 * without waiting: another connection recovering the WAL after a crash,
 * or checkpointing it. Those are tried again, a little later each time,
 * until the busy timeout has passed; only then is the office told. */
static gboolean
begin_immediate (AttDb   *self,
                 GError **error)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * (gint64)1000;
  guint pause_us = 2000;
  int rc;

  for (;;)
    {
      rc = sqlite3_exec (self->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || g_get_monotonic_time () >= deadline)
        break;
      g_usleep (pause_us + g_random_int_range (0, pause_us));
      pause_us = MIN (pause_us * 2, 50000);
    }
  if (rc == SQLITE_OK)
    return TRUE;
  set_error_from_code (self, rc, error, _("save the change"));
  return FALSE;
}

gboolean
att_db_begin (AttDb   *self,
              GError **error)
{
  g_return_val_if_fail (ATT_IS_DB (self), FALSE);

  if (self->depth++ > 0)
    return TRUE;

  self->failed = FALSE;
  self->pending = 0;
  g_clear_pointer (&self->mark_changes, g_array_unref);
  self->marks_all_changed = FALSE;
  /* IMMEDIATE takes the write lock now, so a busy database is reported
   * before any work is done rather than half way through it. */
  if (!begin_immediate (self, error))
    {
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

static void
drop_caches (AttDb     *self,
             AttChange  changes,
             gboolean   rolled_back)
{
  if (changes & ATT_CHANGE_CALENDAR)
    att_calendar_cache_drop (self);
  if (changes & ATT_CHANGE_PUPILS)
    att_pupils_cache_drop (self);
  /* The register's in-memory arrays are updated as marks are written, so
   * they are right after a commit; after a rollback they are reloaded. */
  if (rolled_back && (changes & ATT_CHANGE_MARKS))
    g_clear_pointer (&self->marks, att_mark_store_free);
  if (rolled_back)
    {
      g_clear_pointer (&self->mark_changes, g_array_unref);
      self->marks_all_changed = FALSE;
    }
}

gboolean
att_db_commit (AttDb   *self,
               GError **error)
{
  AttChange changes;
  gboolean caught_up;
  gint64 history_id = 0, audit_id = 0;

  g_return_val_if_fail (ATT_IS_DB (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;

  if (self->failed)
    {
      att_db_exec (self, "ROLLBACK", NULL);
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Nothing was saved because part of the change failed"));
      drop_caches (self, self->pending, TRUE);
      self->pending = 0;
      return FALSE;
    }

  /* This connection's own rows in the logs are not another program's:
   * unless someone else committed since the last look (then the next
   * poll reports theirs and ours alike), the look moves past them. While
   * the write lock is held nobody else can commit. */
  caught_up = self->pending != 0 && read_data_version (self) == self->seen_version;
  if (caught_up)
    {
      history_id = read_max_id (self, "SELECT coalesce(max(id), 0) FROM mark_history");
      audit_id = read_max_id (self, "SELECT coalesce(max(id), 0) FROM audit_log");
    }

  if (!att_db_exec (self, "COMMIT", error))
    {
      att_db_exec (self, "ROLLBACK", NULL);
      drop_caches (self, self->pending, TRUE);
      self->pending = 0;
      return FALSE;
    }
  if (caught_up)
    {
      self->seen_history_id = history_id;
      self->seen_audit_id = audit_id;
    }

  changes = self->pending;
  self->pending = 0;
  if (changes != 0)
    {
      g_autoptr(GArray) marks = g_steal_pointer (&self->mark_changes);

      self->serial++;
      drop_caches (self, changes, FALSE);
      if (self->marks_all_changed)
        g_signal_emit (self, signals[SIGNAL_MARKS_CHANGED], 0, NULL);
      else if (marks != NULL && marks->len > 0)
        g_signal_emit (self, signals[SIGNAL_MARKS_CHANGED], 0, marks);
      self->marks_all_changed = FALSE;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint)changes);
    }
  g_clear_pointer (&self->mark_changes, g_array_unref);
  return TRUE;
}

void
att_db_rollback (AttDb *self)
{
  g_return_if_fail (ATT_IS_DB (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    {
      self->failed = TRUE;
      return;
    }

  att_db_exec (self, "ROLLBACK", NULL);
  /* Caches may hold what the rolled-back change put there. */
  drop_caches (self, self->pending, TRUE);
  self->pending = 0;
}

static gint64
read_data_version (AttDb *self)
{
  sqlite3_stmt *stmt = att_db_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static gint64
read_max_id (AttDb      *self,
             const char *sql)
{
  sqlite3_stmt *stmt = att_db_prepare (self, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* Where the append-only logs stood when this connection last looked:
 * every change leaves a row in one of them. */
static void
remember_logs (AttDb *self)
{
  self->seen_version = read_data_version (self);
  self->seen_history_id = read_max_id (self, "SELECT coalesce(max(id), 0) FROM mark_history");
  self->seen_audit_id = read_max_id (self, "SELECT coalesce(max(id), 0) FROM audit_log");
}

/* What the audit rows written since @after say was changed. */
static AttChange
audited_changes (AttDb  *self,
                 gint64  after,
                 gint64 *last)
{
  sqlite3_stmt *stmt = att_db_prepare (self, "SELECT id, action FROM audit_log WHERE id > ? ORDER BY id", NULL);
  AttChange changes = 0;

  if (stmt == NULL)
    return ATT_CHANGE_OTHER;
  sqlite3_bind_int64 (stmt, 1, after);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *action = (const char *)sqlite3_column_text (stmt, 1);

      *last = sqlite3_column_int64 (stmt, 0);
      changes |= att_audit_changes_for_action (action);
    }
  sqlite3_reset (stmt);
  return changes;
}

gboolean
att_db_poll (AttDb *self)
{
  g_autoptr(GArray) marks = NULL;
  AttChange changes;
  gint64 version;

  g_return_val_if_fail (ATT_IS_DB (self), FALSE);

  /* Inside a transaction nobody else can have committed. */
  if (self->depth > 0)
    return FALSE;
  version = read_data_version (self);
  if (version == self->seen_version)
    return FALSE;
  self->seen_version = version;

  /* Every change leaves a row in the register's history or the audit
   * log, so the new rows say what another program changed: the sessions
   * themselves for marks. A change that left neither (the compact copies
   * rebuilt by `check`) is taken as one to the marks. */
  changes = audited_changes (self, self->seen_audit_id, &self->seen_audit_id);
  marks = att_register_changes_since (self, self->seen_history_id, &self->seen_history_id);
  if (marks == NULL || marks->len > 0)
    changes |= ATT_CHANGE_MARKS;
  if (changes == 0)
    changes = ATT_CHANGE_MARKS;

  self->serial++;
  drop_caches (self, changes, FALSE);
  att_register_sync (self);
  if (changes & ATT_CHANGE_MARKS)
    g_signal_emit (self, signals[SIGNAL_MARKS_CHANGED], 0,
                   marks != NULL && marks->len > 0 && changes == ATT_CHANGE_MARKS ? marks : NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint)changes);
  return TRUE;
}

void
att_db_note_change (AttDb     *self,
                    AttChange  change)
{
  self->pending |= change;
}

char *
att_db_get_setting (AttDb      *self,
                    const char *key)
{
  sqlite3_stmt *stmt;

  stmt = att_db_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return value;
    }
  sqlite3_reset (stmt);
  return NULL;
}

gboolean
att_db_put_setting (AttDb       *self,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = att_db_prepare (self,
                         "INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!att_db_step_done (self, stmt, error))
    return FALSE;
  att_db_note_change (self, ATT_CHANGE_SETTINGS);
  return TRUE;
}

static int
read_user_version (AttDb *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (AttDb   *self,
         GError **error)
{
  int version = read_user_version (self);

  if (version < 0)
    {
      att_db_set_sqlite_error (self, error, _("be read (is it an Attendance database?)"));
      return FALSE;
    }

  if (version > att_db_schema_version ())
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s was written by a newer version of Attendance (schema %d, this version knows %d): nothing was changed; update Attendance to open it"),
                   self->path, version, att_db_schema_version ());
      return FALSE;
    }

  /* The file as it was, before any step changes it: a copy to go back
   * to if this version of the program turns out to be wrong for it. A
   * new, empty database (version 0) has nothing to keep. */
  if (version > 0 && version < att_db_schema_version ())
    {
      g_autofree char *kept = _att_backup_before_update (self->handle, self->path, error);

      if (kept == NULL)
        {
          g_prefix_error (error, _("The database must be brought up to date for this version of Attendance, and is backed up first, but the backup failed, so nothing was changed: "));
          return FALSE;
        }
    }

  for (; version < att_db_schema_version (); version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!att_db_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!att_db_exec (self, att_db_migration (version), error) ||
          !att_db_migration_step (self, version, error) ||
          !att_db_exec (self, bump, error))
        {
          att_db_exec (self, "ROLLBACK", NULL);
          g_prefix_error (error, _("Could not bring the database up to date (step %d): "),
                          version + 1);
          return FALSE;
        }
      if (!att_db_exec (self, "COMMIT", error))
        {
          att_db_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether an existing file is an Attendance database (of any version),
 * before anything is written to it: a file that is not SQLite at all, or
 * the SQLite database of another program, is refused rather than turned
 * into an empty school. */
static gboolean
is_attendance_file (AttDb   *self,
                    GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc, version = -1, tables = 0;

  rc = sqlite3_prepare_v2 (self->handle,
                           "SELECT (SELECT user_version FROM pragma_user_version), "
                           "(SELECT count(*) FROM sqlite_master WHERE type = 'table')",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      tables = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s is not an attendance database (it is not a database at all, or it is damaged beyond reading): if it held the school's register, restore the latest backup with “attendance-cli restore FILE --user NAME” (an administrator)"),
                   self->path);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      att_db_set_sqlite_error (self, error, _("be read"));
      return FALSE;
    }
  /* Refused here, before the pragmas below touch the file. */
  if (version > att_db_schema_version ())
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s was written by a newer version of Attendance (schema %d, this version knows %d): nothing was changed; update Attendance to open it"),
                   self->path, version, att_db_schema_version ());
      return FALSE;
    }
  if (version == 0 && tables > 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s is the database of another program, not an attendance database: nothing was changed; open the school's own file, or restore it from a backup"),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* The tables every version of the schema has. One that is missing means
 * the file was damaged, or edited by hand, after it was made. */
static gboolean
has_every_table (AttDb   *self,
                 GError **error)
{
  static const char * const tables[] = {
    "settings", "users", "actors", "audit_log", "terms", "closures", "pupils",
    "contacts", "marks", "mark_history", "mark_years", "penalty_decisions",
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* One look at the schema for all of them; one each only to name the
   * one missing. */
  {
    g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM sqlite_master "
                                           "WHERE type = 'table' AND name IN (?");

    for (guint i = 1; i < G_N_ELEMENTS (tables); i++)
      g_string_append (sql, ", ?");
    g_string_append (sql, ")");
    if (sqlite3_prepare_v2 (self->handle, sql->str, -1, &stmt, NULL) != SQLITE_OK)
      {
        att_db_set_sqlite_error (self, error, _("be read"));
        return FALSE;
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    sqlite3_bind_text (stmt, (int)i + 1, tables[i], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == (int)G_N_ELEMENTS (tables))
    {
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (self->handle,
                          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (self, error, _("be read"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        continue;
      if (rc == SQLITE_DONE)
        g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                     _("%s has no table “%s”, which every attendance database has: it was damaged or changed by another program; restore the latest backup with “attendance-cli restore FILE --user NAME” (an administrator)"),
                     self->path, tables[i]);
      else
        att_db_set_sqlite_error (self, error, _("be read"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Whether a file that begins as an SQLite database is shorter than its
 * header says (a copy cut short, a disk that filled up): SQLite would open
 * it and fail later, half way through reading the register. The size in
 * the header counts only when SQLite marked it valid (the change counter
 * at offset 24 matches the number at offset 92); and while a -wal file
 * holds writes not yet copied in, SQLite itself brings the file up to
 * date on opening, so it is not judged then. */
static gboolean
check_not_cut_short (const char  *path,
                     GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guchar header[100];
  GStatBuf st, wal_st;
  guint32 pages, page_size;
  guint64 expected;
  gssize n;
  int fd;

  if (g_stat (path, &st) != 0 ||
      (g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0))
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    return TRUE;
  if (n < (gssize)sizeof header)
    expected = sizeof header;
  else
    {
      if (memcmp (header + 24, header + 92, 4) != 0)
        return TRUE;
      page_size = (guint32)header[16] << 8 | header[17];
      if (page_size == 1)
        page_size = 65536;
      pages = (guint32)header[28] << 24 | (guint32)header[29] << 16 |
              (guint32)header[30] << 8 | header[31];
      expected = (guint64)pages * page_size;
    }
  if ((guint64)st.st_size >= expected)
    return TRUE;

  {
    g_autofree char *have = g_format_size (st.st_size);
    g_autofree char *want = g_format_size (expected);

    g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                 _("%s is damaged: it holds %s of the %s it should (a copy that did not finish, or a full disk); restore the latest backup with “attendance-cli restore FILE --user NAME” (an administrator)"),
                 path, have, want);
  }
  return FALSE;
}

static AttDb *
open_database (const char  *path,
               gboolean     create,
               GError     **error)
{
  g_autoptr(AttDb) self = g_object_new (ATT_TYPE_DB, NULL);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  gboolean begun, ok;
  int rc;

  if (create)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                       _("A database already exists at %s: nothing was changed"), path);
          return NULL;
        }
      if (g_mkdir_with_parents (dir, ATT_FOLDER_MODE) != 0)
        {
          int saved = errno;
          g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                       _("Could not create the folder %s: %s"), dir, g_strerror (saved));
          return NULL;
        }
      /* Made here, readable by its owner only, before SQLite opens it:
       * SQLite gives the -wal and -shm files the mode of the database. */
      if (!att_file_create_private (path, error))
        return NULL;
    }
  else if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no database at %s: create one with “attendance-cli init” or “attendance-cli demo”"),
                   path);
      return NULL;
    }
  else
    {
      /* An empty file (a copy that failed, say) is not an empty school:
       * opening it would quietly start a new register in its place. */
      GStatBuf st;

      if (g_stat (path, &st) == 0 && st.st_size == 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                       _("%s is an empty file, not an attendance database: restore it from a backup, or remove it and create a new one"),
                       path);
          return NULL;
        }
      if (!check_not_cut_short (path, error))
        return NULL;
    }

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not open the database %s: %s"), path,
                   self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, 0);
  /* Wait for another writer (the app and attendance-cli share the file). */
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);

  /* WAL keeps readers and a writer apart and survives a crash or power cut
   * with every committed transaction; synchronous=FULL makes each commit
   * durable before it returns. */
  if (!create && !is_attendance_file (self, error))
    return NULL;

  if (!att_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !att_db_exec (self, "PRAGMA synchronous = FULL", error) ||
      !att_db_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !att_db_exec (self, "PRAGMA temp_store = MEMORY", error))
    {
      g_prefix_error (error, _("Could not open the database %s: "), path);
      return NULL;
    }

  if (!migrate (self, error))
    return NULL;

  /* The tables and the logs' ends read in one transaction rather than a
   * transaction each: every one takes and drops the log's read lock. */
  begun = att_db_begin_read (self);
  ok = has_every_table (self, error);
  if (ok)
    remember_logs (self);
  att_db_end_read (self, begun);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

AttDb *
att_db_create (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_database (path, TRUE, error);
}

AttDb *
att_db_open (const char  *path,
             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_database (path, FALSE, error);
}

gboolean
att_db_backup (AttDb       *self,
               const char  *dest_path,
               GError     **error)
{
  g_autofree char *tmp_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc, fd;

  g_return_val_if_fail (ATT_IS_DB (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  /* A backup never replaces or removes a file it did not make, not even
   * an older backup: the office chooses a new name each time. */
  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("%s already exists: choose a new file name for the backup"), dest_path);
      return FALSE;
    }

  /* Written to a new temporary file of our own beside the destination
   * (readable by its owner only) and moved into place at the end, so a
   * backup that fails part way never looks like a good one. */
  fd = att_file_open_beside (dest_path, O_RDWR, &tmp_path);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not create the backup file %s: %s"), dest_path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not create the backup file %s: %s"), dest_path,
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", self->handle, "main");
  if (backup == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not start the backup: %s"), sqlite3_errmsg (dest));
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* Copying all pages in one step reads one consistent snapshot. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("The backup failed: %s"), sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* A backup is one self-contained file: no WAL beside it. */
  sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);

  if (!att_file_move_new (tmp_path, dest_path, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}

void
att_db_check_access (AttDb     *self,
                     GPtrArray *warnings)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *folder = NULL;
  char *problem;

  g_return_if_fail (ATT_IS_DB (self));
  g_return_if_fail (warnings != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);

      if ((problem = att_file_access_problem (file, FALSE)) != NULL)
        g_ptr_array_add (warnings, problem);
    }
  folder = g_path_get_dirname (self->path);
  if ((problem = att_file_access_problem (folder, TRUE)) != NULL)
    g_ptr_array_add (warnings, problem);
}

/* Implemented with the register, which owns the compact arrays. */
gboolean att_register_check_cache (AttDb     *self,
                                   GPtrArray *problems,
                                   GError   **error);

gboolean
att_db_check (AttDb      *self,
              GPtrArray  *problems,
              GError    **error)
{
  sqlite3_stmt *stmt;
  guint damaged = 0;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (self, error, _("run its integrity check"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (text, "ok") != 0)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("Integrity: %s"), text));
          damaged++;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (self, error, _("run its integrity check"));
      return FALSE;
    }
  /* A damaged file cannot be mended from itself, and reading on would
   * only fail on the damage: say what to do. */
  if (damaged > 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s is damaged (%u problem in the file itself): restore the latest backup with “attendance-cli restore FILE --user NAME” (an administrator)",
                                "%s is damaged (%u problems in the file itself): restore the latest backup with “attendance-cli restore FILE --user NAME” (an administrator)",
                                damaged),
                   self->path, damaged);
      return FALSE;
    }

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (self, error, _("run its foreign-key check"));
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("Table %s, row %lld refers to a missing row of %s"),
                                      (const char *)sqlite3_column_text (stmt, 0),
                                      (long long)sqlite3_column_int64 (stmt, 1),
                                      (const char *)sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);

  return att_audit_check (self, problems, error) &&
         att_register_check_cache (self, problems, error);
}
