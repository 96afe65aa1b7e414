/* att-db-private.h: what the core's modules share about the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "att-db.h"
#include "att-calendar.h"

G_BEGIN_DECLS

typedef struct _AttMarkStore AttMarkStore;

struct _AttDb
{
  GObject       parent_instance;

  sqlite3      *handle;
  char         *path;
  GHashTable   *statements;     /* SQL text -> sqlite3_stmt */
  guint         depth;          /* nesting of att_db_begin() */
  gboolean      failed;         /* a nested rollback happened */
  AttChange     pending;        /* changes in the open transaction */
  guint64       serial;
  gint64        seen_version;   /* PRAGMA data_version at the last poll */
  gint64        seen_history_id; /* the last mark_history and audit_log */
  gint64        seen_audit_id;   /* rows seen by then */

  /* Caches, each rebuilt from the tables when they change. */
  AttCalendar  *calendar;       /* NULL until asked for */
  guint         sessions_asked; /* att_db_is_school_session() without it */
  GPtrArray    *pupils;         /* AttPupil, by surname; NULL until asked */
  GHashTable   *pupils_by_id;   /* id -> AttPupil, every one read (owned) */
  GHashTable   *pupils_by_upn;  /* upn -> AttPupil (borrowed) */
  AttMarkStore *marks;          /* see att-register-store.c */
  GArray       *mark_changes;   /* AttMarkChange in the open transaction */
  gboolean      marks_all_changed;  /* too many to list (a bulk load) */
};

/* The migrations (att-db-migrations.c): how many there are, and the SQL
 * that brings the schema from @version to @version + 1. */
guint         att_db_n_migrations      (void);
const char   *att_db_migration         (guint         version);
/* What the migration from @version does after its SQL, in C, inside its
 * transaction (most do nothing). */
gboolean      att_db_migration_step    (AttDb        *self,
                                        guint         version,
                                        GError      **error);

sqlite3      *att_db_get_handle        (AttDb        *self);
/* A prepared statement cached on the connection, reset and with its
 * bindings cleared. Do not finalize it. */
sqlite3_stmt *att_db_prepare           (AttDb        *self,
                                        const char   *sql,
                                        GError      **error);
gboolean      att_db_exec              (AttDb        *self,
                                        const char   *sql,
                                        GError      **error);
/* Sets an ATT_ERROR_DATABASE from the connection's last error. */
void          att_db_set_sqlite_error  (AttDb        *self,
                                        GError      **error,
                                        const char   *what);
/* Records that the open transaction touched @change; the "changed"
 * signal is emitted, and caches dropped, after the outermost commit. */
void          att_db_note_change       (AttDb        *self,
                                        AttChange     change);

/* Steps a statement expected to finish (INSERT, UPDATE, DELETE). */
gboolean      att_db_step_done         (AttDb        *self,
                                        sqlite3_stmt *stmt,
                                        GError      **error);

/* Shared statement helpers, so that the store code reads rows one way. */

/* The text of a column, copied; NULL for an SQL NULL. */
char         *att_db_column_dup        (sqlite3_stmt *stmt,
                                        int           column);
/* Steps @stmt to its end and resets it, adding what @from_row makes of
 * each row to a new array that frees them with @free_func. NULL with an
 * error that says the database could not @what ("read the users"). */
typedef gpointer (*AttDbRowFunc)       (sqlite3_stmt *stmt);
GPtrArray    *att_db_collect           (AttDb        *self,
                                        sqlite3_stmt *stmt,
                                        AttDbRowFunc  from_row,
                                        GDestroyNotify free_func,
                                        const char   *what,
                                        GError      **error);
/* Steps a statement that gives one row of one whole number (a count, an
 * EXISTS) and resets it. */
gboolean      att_db_query_int         (AttDb        *self,
                                        sqlite3_stmt *stmt,
                                        gint64       *value,
                                        const char   *what,
                                        GError      **error);

/* Key/value settings in the settings table; NULL if unset. */
char         *att_db_get_setting       (AttDb        *self,
                                        const char   *key);
gboolean      att_db_put_setting       (AttDb        *self,
                                        const char   *key,
                                        const char   *value,
                                        GError      **error);

/* A backup of the database open on @handle at @db_path, made before a
 * migration changes it (att-backup.c): into the backup folder of the
 * settings, or beside the database when that cannot be written. Returns
 * its path. */
char         *_att_backup_before_update (sqlite3     *handle,
                                         const char  *db_path,
                                         GError     **error);

/* Cache hooks, implemented by the modules that own each cache. */
void          att_calendar_cache_drop  (AttDb        *self);
void          att_pupils_cache_drop    (AttDb        *self);
void          att_mark_store_free      (AttMarkStore *store);

/* Several reads seen as one snapshot of the file, without SQLite taking
 * and checking the file's locks again for every statement: a deferred
 * transaction, begun only when none is open. Nothing may be written
 * until att_db_end_read (), which is given what att_db_begin_read ()
 * returned. */
gboolean      att_db_begin_read        (AttDb        *self);
void          att_db_end_read          (AttDb        *self,
                                        gboolean      begun);

G_END_DECLS
