/* att-db.h: the school's database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATT_TYPE_DB (att_db_get_type ())
G_DECLARE_FINAL_TYPE (AttDb, att_db, ATT, DB, GObject)

/* The schema version this build writes (PRAGMA user_version). */
#define ATT_DB_SCHEMA_VERSION (att_db_schema_version ())

int         att_db_schema_version   (void);

/* $ATTENDANCE_DB if set, else $XDG_DATA_HOME/attendance/attendance.db
 * (attendance-devel.db for development builds when @development). */
char       *att_db_default_path     (gboolean      development);

/* Creates a new database file and its schema; refuses if @path exists. */
AttDb      *att_db_create           (const char   *path,
                                     GError      **error);
/* Opens an existing database, applying any pending migrations, each in
 * its own transaction. Refuses if the file does not exist. */
AttDb      *att_db_open             (const char   *path,
                                     GError      **error);
const char *att_db_get_path         (AttDb        *self);

/* Transactions nest: only the outermost begin/commit touches SQLite.
 * A rollback anywhere rolls the whole outer transaction back. */
gboolean    att_db_begin            (AttDb        *self,
                                     GError      **error);
gboolean    att_db_commit           (AttDb        *self,
                                     GError      **error);
void        att_db_rollback         (AttDb        *self);

/* A consistent copy made with SQLite's online backup: safe while the app
 * or another process is writing. Refuses to overwrite an existing file. */
gboolean    att_db_backup           (AttDb        *self,
                                     const char   *dest_path,
                                     GError      **error);
/* SQLite's integrity and foreign-key checks plus the register's own: every
 * cached per-pupil array agrees with the marks it was built from. Each
 * problem found is appended to @problems as a sentence; returns TRUE when
 * the check ran (whether or not it found problems). A file damaged in
 * itself (SQLite's integrity check fails) is an error that says to
 * restore a backup, with SQLite's findings in @problems. */
gboolean    att_db_check            (AttDb        *self,
                                     GPtrArray    *problems,
                                     GError      **error);

/* Appends a sentence to @warnings for each of the database, its -wal and
 * -shm files and its folder that others than the owner may read. */
void        att_db_check_access     (AttDb        *self,
                                     GPtrArray    *warnings);

/* Whether another program (attendance-cli, a second window, an import
 * on its own connection) has committed to the file since the last look.
 * If so, the rows it added to the register's history and the audit log
 * say what changed: the caches concerned are read again and the database
 * emits "marks-changed" with the sessions written (no list when there are
 * too many, or when more than marks changed), then "changed" with the
 * areas touched, as after its own commits. A window calls it on a timer.
 * Returns whether anything had changed. */
gboolean    att_db_poll             (AttDb        *self);

/* Bumped after every committed change; lets views know when to refresh. */
guint64     att_db_get_serial       (AttDb        *self);

G_END_DECLS

G_BEGIN_DECLS

/* What a committed change touched; passed to the "changed" signal. */
typedef enum
{
  ATT_CHANGE_SETTINGS = 1 << 0,
  ATT_CHANGE_CALENDAR = 1 << 1,
  ATT_CHANGE_USERS    = 1 << 2,
  ATT_CHANGE_PUPILS   = 1 << 3,
  ATT_CHANGE_CONTACTS = 1 << 4,
  ATT_CHANGE_MARKS    = 1 << 5,
  ATT_CHANGE_OTHER    = 1 << 6,
} AttChange;

/* Closes the file now, as at the end of a program: SQLite's statements
 * are finalized and the connection closed (the last connection folds the
 * write-ahead log into the file), but what was read stays in memory and
 * is not freed, since the program is about to end. Nothing may be asked
 * of @self afterwards but to be unreferenced. */
void        att_db_close            (AttDb        *self);
/* Reads the file through memory mapped from it rather than a page at a
 * time with a system call each: a third faster for a program that reads
 * a school year and ends (attendance-cli), at the price of the mapped
 * pages counting in its memory. */
void        att_db_read_mapped      (AttDb        *self);
/* Reads the file as a program that answers one question and ends
 * (attendance-cli) is best served: a page at a time with a system call
 * each into a small cache whose buffers are reused (64 pages), neither
 * mapped from the file nor kept. Such a program spends more on the pages
 * of memory it touches for the first time (each a page fault, on the
 * file's mapping or on a new buffer) than on the system calls: measured
 * on the 2,000-pupil, 6-year demo, `threshold` reads 240 pages of the
 * file and touches 230 fewer pages of memory this way than with the
 * file mapped, and is a fifth faster. A long write is not slowed: SQLite
 * writes the pages it cannot keep to the write-ahead log early, which it
 * does in any case for a transaction larger than the cache. */
void        att_db_read_once        (AttDb        *self);

G_END_DECLS
