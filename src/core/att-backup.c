/* att-backup.c: backups of the school's database, their rotation, and
 * restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "att-backup.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-file.h"
#include "att-users.h"

/* The settings, kept in the settings table beside the school's own. */
#define KEY_FOLDER      "backup.folder"
#define KEY_KEEP_DAYS   "backup.keep_days"
#define KEY_KEEP_MONTHS "backup.keep_months"

/* How long a backup or a restore waits for a writer to finish. */
#define BUSY_TIMEOUT_MS 5000

/* The suffix of each kind in a backup's file name. */
static const char * const kind_suffixes[] = {
  [ATT_BACKUP_REGULAR] = "",
  [ATT_BACKUP_BEFORE_UPDATE] = "-before-update",
  [ATT_BACKUP_BEFORE_RESTORE] = "-before-restore",
};

void
att_backup_free (AttBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->name);
  g_free (backup);
}

void
att_backup_settings_free (AttBackupSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->folder);
  g_free (settings);
}

char *
att_backup_default_folder (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "backups", NULL);
}

static guint
parse_count (const char *text,
             guint       min,
             guint       max,
             guint       fallback)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return fallback;
  return (guint)value;
}

AttBackupSettings *
att_backup_settings_load (AttDb *db)
{
  AttBackupSettings *settings;
  g_autofree char *folder = NULL;
  g_autofree char *days = NULL;
  g_autofree char *months = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  folder = att_db_get_setting (db, KEY_FOLDER);
  days = att_db_get_setting (db, KEY_KEEP_DAYS);
  months = att_db_get_setting (db, KEY_KEEP_MONTHS);

  settings = g_new0 (AttBackupSettings, 1);
  if (folder != NULL && *folder != '\0')
    settings->folder = g_steal_pointer (&folder);
  else
    {
      settings->folder = att_backup_default_folder (att_db_get_path (db));
      settings->folder_is_default = TRUE;
    }
  settings->keep_days = parse_count (days, 1, ATT_BACKUP_KEEP_DAYS_MAX,
                                     ATT_BACKUP_KEEP_DAYS_DEFAULT);
  settings->keep_months = parse_count (months, 0, ATT_BACKUP_KEEP_MONTHS_MAX,
                                       ATT_BACKUP_KEEP_MONTHS_DEFAULT);
  return settings;
}

/* Makes the folder backups go to, readable by its owner only when this
 * program makes it; a folder that is there already (a memory stick, a
 * share) keeps its own permissions. Only the folder itself is made,
 * never the folders above it: a memory stick that is not plugged in
 * must be said, not replaced by a folder of that name on the computer's
 * own disk. */
static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_mkdir (folder, ATT_FOLDER_MODE) != 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not create the backup folder %s: %s; check that the drive is connected, or choose another folder"),
                   folder, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
att_backup_settings_save (AttDb          *db,
                          const AttUser  *user,
                          const char     *folder,
                          guint           keep_days,
                          guint           keep_months,
                          GError        **error)
{
  g_autoptr(AttBackupSettings) old = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *days = NULL;
  g_autofree char *months = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_BACKUPS, error))
    return FALSE;

  clean = g_strstrip (g_strdup (folder != NULL ? folder : ""));
  if (*clean != '\0')
    {
      if (!g_path_is_absolute (clean))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The backup folder “%s” is not a full path: choose the folder, or write its path from the top, such as /media/office/backups"),
                       clean);
          return FALSE;
        }
      if (strchr (clean, '\n') != NULL || !g_utf8_validate (clean, -1, NULL))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The backup folder’s path holds a line break or is not valid text: choose the folder again"));
          return FALSE;
        }
      if (!ensure_folder (clean, error))
        return FALSE;
    }
  if (keep_days < 1 || keep_days > ATT_BACKUP_KEEP_DAYS_MAX)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Backups are kept every day for %u days: it must be from 1 to %u days"),
                   keep_days, ATT_BACKUP_KEEP_DAYS_MAX);
      return FALSE;
    }
  if (keep_months > ATT_BACKUP_KEEP_MONTHS_MAX)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("One backup a month is kept for %u months: it must be from 0 to %u months"),
                   keep_months, ATT_BACKUP_KEEP_MONTHS_MAX);
      return FALSE;
    }

  old = att_backup_settings_load (db);
  days = g_strdup_printf ("%u", keep_days);
  months = g_strdup_printf ("%u", keep_months);

  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, KEY_FOLDER, clean, error) ||
      !att_db_put_setting (db, KEY_KEEP_DAYS, days, error) ||
      !att_db_put_setting (db, KEY_KEEP_MONTHS, months, error))
    goto failed;
  detail = g_strdup_printf ("folder = %s, keep_days = %u, keep_months = %u "
                            "(was %s, %u, %u)",
                            *clean != '\0' ? clean : "(default)", keep_days, keep_months,
                            old->folder_is_default ? "(default)" : old->folder,
                            old->keep_days, old->keep_months);
  if (!att_audit_log (db, user, "school.backup", detail, error))
    goto failed;
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

/* File names */

/* A database's backups are named after its file: attendance.db makes
 * attendance-2024-09-02-083000.db. */
static char *
file_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

static char *
backup_name (const char    *stem,
             AttDate        date,
             int            seconds,
             AttBackupKind  kind)
{
  int y, m, d;

  att_date_to_ymd (date, &y, &m, &d);
  return g_strdup_printf ("%s-%04d-%02d-%02d-%02d%02d%02d%s.db", stem, y, m, d,
                          seconds / 3600, seconds / 60 % 60, seconds % 60,
                          kind_suffixes[kind]);
}

static gboolean
read_digits (const char **p,
             guint        n,
             int         *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *value = *value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  return TRUE;
}

/* The date, time and kind a backup's name says, or FALSE for a file that
 * is not a backup of the database with this @stem. */
static gboolean
parse_name (const char    *name,
            const char    *stem,
            AttDate       *date,
            int           *seconds,
            AttBackupKind *kind)
{
  const char *p = name;
  int y, mo, d, h, mi, s;

  if (!g_str_has_prefix (p, stem) || p[strlen (stem)] != '-')
    return FALSE;
  p += strlen (stem) + 1;
  if (!read_digits (&p, 4, &y) || *p++ != '-' ||
      !read_digits (&p, 2, &mo) || *p++ != '-' ||
      !read_digits (&p, 2, &d) || *p++ != '-' ||
      !read_digits (&p, 2, &h) || !read_digits (&p, 2, &mi) || !read_digits (&p, 2, &s))
    return FALSE;
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 ||
      !g_date_valid_dmy (d, mo, y))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (kind_suffixes); k++)
    {
      g_autofree char *end = g_strconcat (kind_suffixes[k], ".db", NULL);

      if (strcmp (p, end) == 0)
        {
          *date = att_date_from_ymd (y, mo, d);
          *seconds = h * 3600 + mi * 60 + s;
          *kind = (AttBackupKind)k;
          return TRUE;
        }
    }
  return FALSE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const AttBackup *x = *(AttBackup * const *)a;
  const AttBackup *y = *(AttBackup * const *)b;

  if (x->date != y->date)
    return x->date > y->date ? -1 : 1;
  if (x->seconds != y->seconds)
    return x->seconds > y->seconds ? -1 : 1;
  return strcmp (y->name, x->name);
}

GPtrArray *
att_backup_list (const char  *folder,
                 const char  *db_path,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)att_backup_free);
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *stem = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  if (!g_file_test (folder, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&list);
  dir = g_dir_open (folder, 0, &local);
  if (dir == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not read the backup folder %s: %s"), folder, local->message);
      return NULL;
    }

  stem = file_stem (db_path);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      AttBackup *backup;
      GStatBuf st;
      AttDate date;
      int seconds;
      AttBackupKind kind;
      g_autofree char *path = NULL;

      if (!parse_name (name, stem, &date, &seconds, &kind))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      backup = g_new0 (AttBackup, 1);
      backup->path = g_steal_pointer (&path);
      backup->name = g_strdup (name);
      backup->date = date;
      backup->seconds = seconds;
      backup->kind = kind;
      backup->size = st.st_size;
      g_ptr_array_add (list, backup);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return g_steal_pointer (&list);
}

static int
month_index (AttDate date)
{
  int y, m, d;

  att_date_to_ymd (date, &y, &m, &d);
  return y * 12 + (m - 1);
}

GPtrArray *
att_backup_rotation_prune (GPtrArray *backups,
                           AttDate    today,
                           guint      keep_days,
                           guint      keep_months)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) months_kept = g_hash_table_new (NULL, NULL);
  GPtrArray *pruned = g_ptr_array_new ();
  int this_month = month_index (today);

  g_return_val_if_fail (backups != NULL, pruned);

  if (backups->len == 0)
    return pruned;

  /* Oldest first, so that the first backup of each month is the one
   * seen first: once made, a month's backup stays the month's. */
  sorted = g_ptr_array_copy (backups, NULL, NULL);
  /* The copy borrows the elements (it would take the free function). */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_newest_first);
  for (guint i = sorted->len; i-- > 0;)
    {
      AttBackup *backup = g_ptr_array_index (sorted, i);
      int month = month_index (backup->date);
      gboolean keep = FALSE;

      /* The newest, and any made today or in the days before it that
       * are kept (or dated after today, by a clock that was wrong). */
      if (i == 0 || backup->date > today - (AttDate)keep_days)
        keep = TRUE;
      if (month <= this_month && this_month - month < (int)keep_months &&
          !g_hash_table_contains (months_kept, GINT_TO_POINTER (month)))
        {
          g_hash_table_add (months_kept, GINT_TO_POINTER (month));
          keep = TRUE;
        }
      if (!keep)
        g_ptr_array_add (pruned, backup);
    }
  return pruned;
}

/* SQLite files opened on their own connection */

static sqlite3 *
open_raw (const char  *path,
          gboolean     writable,
          GError     **error)
{
  sqlite3 *handle = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &handle,
                        writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not open %s: %s"), path,
                   handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close (handle);
      return NULL;
    }
  sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);
  return handle;
}

static char *
read_setting (sqlite3    *handle,
              const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (handle, "SELECT value FROM settings WHERE key = ?", -1,
                          &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strstrip (g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
read_int (sqlite3    *handle,
          const char *sql,
          int        *value,
          int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc_out != NULL)
    *rc_out = rc;
  return rc == SQLITE_ROW;
}

/* SQLite's integrity check of the whole file, with its first finding. */
static gboolean
check_integrity (sqlite3     *handle,
                 const char  *path,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *finding = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    finding = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s is not a database at all (or it is damaged beyond reading): it is not a backup of the school"),
                   path);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s failed its integrity check (%s): it cannot be used as a backup"),
                   path, sqlite3_errstr (rc));
      return FALSE;
    }
  if (g_strcmp0 (finding, "ok") != 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s failed its integrity check (%s): it cannot be used as a backup"),
                   path, finding != NULL ? finding : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_handle (sqlite3     *handle,
               const char  *path,
               char       **name,
               char       **urn,
               GError     **error)
{
  int version = -1, tables = 0, rc;

  if (!check_integrity (handle, path, error))
    return FALSE;
  if (!read_int (handle, "PRAGMA user_version", &version, &rc) ||
      !read_int (handle,
                 "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                 "('settings', 'users', 'actors', 'audit_log', 'pupils', 'marks', 'mark_history')",
                 &tables, &rc))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s could not be read (%s): it cannot be used as a backup"),
                   path, sqlite3_errstr (rc));
      return FALSE;
    }
  if (version < 1 || tables < 7)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s is not an attendance database (it is another program’s, or empty): it is not a backup of the school"),
                   path);
      return FALSE;
    }
  if (version > att_db_schema_version ())
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s was written by a newer version of Attendance (schema %d, this version knows %d): update Attendance to restore it"),
                   path, version, att_db_schema_version ());
      return FALSE;
    }
  if (name != NULL)
    *name = read_setting (handle, "name");
  if (urn != NULL)
    *urn = read_setting (handle, "urn");
  return TRUE;
}

gboolean
att_backup_verify (const char  *path,
                   char       **name,
                   char       **urn,
                   GError     **error)
{
  sqlite3 *handle;
  gboolean ok;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no backup file at %s"), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("%s is an empty file, not a backup of the school"), path);
      return FALSE;
    }
  handle = open_raw (path, FALSE, error);
  if (handle == NULL)
    return FALSE;
  ok = verify_handle (handle, path, name, urn, error);
  sqlite3_close (handle);
  return ok;
}

/* "Riverside Primary (URN 123456)", or the name alone without a URN. */
static char *
describe_school (const char *name,
                 const char *urn)
{
  const char *shown = name != NULL && *name != '\0' ? name : _("a school with no name");

  if (urn != NULL && *urn != '\0')
    /* Translators: a school's name and its unique reference number */
    return g_strdup_printf (_("%s (URN %s)"), shown, urn);
  /* Translators: a school's name when it has no unique reference number */
  return g_strdup_printf (_("%s (no URN)"), shown);
}

/* Whether two databases hold the same school: the same URN when both
 * have one, else the same name. */
static gboolean
same_school (const char *name_a,
             const char *urn_a,
             const char *name_b,
             const char *urn_b)
{
  if (urn_a != NULL && *urn_a != '\0' && urn_b != NULL && *urn_b != '\0')
    return strcmp (urn_a, urn_b) == 0;
  return g_utf8_collate (name_a != NULL ? name_a : "", name_b != NULL ? name_b : "") == 0;
}

/* The refusal of a backup of another school. */
static void
set_other_school_error (GError     **error,
                        const char  *path,
                        const char  *their_name,
                        const char  *their_urn,
                        const char  *our_name,
                        const char  *our_urn)
{
  g_autofree char *theirs = describe_school (their_name, their_urn);
  g_autofree char *ours = describe_school (our_name, our_urn);

  g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
               _("%s holds another school, %s, not this one, %s: nothing was changed; choose a backup of %s"),
               path, theirs, ours, ours);
}

gboolean
att_backup_check_school (AttDb       *db,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *name = NULL, *urn = NULL, *our_name = NULL, *our_urn = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!att_backup_verify (path, &name, &urn, error))
    return FALSE;
  our_name = att_db_get_setting (db, "name");
  our_urn = att_db_get_setting (db, "urn");
  if (our_name != NULL)
    g_strstrip (our_name);
  if (our_urn != NULL)
    g_strstrip (our_urn);
  if ((our_name != NULL || our_urn != NULL) && !same_school (our_name, our_urn, name, urn))
    {
      set_other_school_error (error, path, name, urn, our_name, our_urn);
      return FALSE;
    }
  return TRUE;
}

/* Making a backup */

static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Copies every page of @src into @dest with SQLite's online backup: one
 * consistent snapshot, and on the destination one transaction. */
static int
copy_pages (sqlite3 *src,
            sqlite3 *dest)
{
  sqlite3_backup *backup;
  gint64 deadline = g_get_monotonic_time () + 4 * BUSY_TIMEOUT_MS * (gint64)1000;
  int rc;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    return sqlite3_errcode (dest);
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && g_get_monotonic_time () < deadline)
        sqlite3_sleep (20);
      else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        break;
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    return SQLITE_OK;
  return rc;
}

static char *
new_backup_path (const char    *folder,
                 const char    *db_path,
                 AttBackupKind  kind)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stem = file_stem (db_path);
  int seconds = g_date_time_get_hour (now) * 3600 + g_date_time_get_minute (now) * 60 +
                g_date_time_get_second (now);
  AttDate today = att_date_today ();

  /* Two backups within a second (a restore, then the day's) take the
   * next free second: the name orders them. */
  for (; seconds < 24 * 3600; seconds++)
    {
      g_autofree char *name = backup_name (stem, today, seconds, kind);
      char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  return NULL;
}

/* Writes the backup of @src (a connection of the caller's) under a new
 * name in @folder. When @verify, the copy must pass the integrity check
 * and hold the school @src holds before it is given its name. */
static char *
write_backup (sqlite3        *src,
              const char     *db_path,
              const char     *folder,
              AttBackupKind   kind,
              gboolean        verify,
              GError        **error)
{
  g_autofree char *final = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  sqlite3 *dest = NULL;
  int fd, rc;

  if (!ensure_folder (folder, error))
    return NULL;
  final = new_backup_path (folder, db_path, kind);
  if (final == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("The backup folder %s already holds a backup for every second of today"), folder);
      return NULL;
    }

  /* A hidden temporary file of our own, readable by its owner only,
   * given the backup's name only once it is whole and checked. */
  fd = att_file_open_beside (final, O_RDWR, &tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not write a backup in %s: %s; check that the drive is connected and has room"),
                   folder, g_strerror (saved));
      return NULL;
    }
  close (fd);

  dest = open_raw (tmp, TRUE, error);
  if (dest == NULL)
    goto failed;
  rc = copy_pages (src, dest);
  if (rc != SQLITE_OK)
    {
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                     _("The backup could not be made: the database was busy for too long; try again in a moment"));
      else
        g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                     _("The backup could not be made in %s: %s"), folder, sqlite3_errstr (rc));
      goto failed;
    }
  /* A backup is one self-contained file: no WAL beside it. */
  sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (verify)
    {
      g_autofree char *name = NULL, *urn = NULL, *copy_name = NULL, *copy_urn = NULL;

      name = read_setting (src, "name");
      urn = read_setting (src, "urn");
      if (!verify_handle (dest, tmp, &copy_name, &copy_urn, error))
        {
          g_prefix_error (error, _("The backup was not kept: "));
          goto failed;
        }
      if (g_strcmp0 (name, copy_name) != 0 || g_strcmp0 (urn, copy_urn) != 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                       _("The backup was not kept: the copy does not read back as the school it was made from"));
          goto failed;
        }
    }
  sqlite3_close (dest);
  dest = NULL;

  /* On the disk before it has its name, so a power cut never leaves a
   * backup that looks whole but is not. */
  if (!sync_file (tmp))
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not write a backup in %s: %s"), folder, g_strerror (saved));
      goto failed;
    }
  if (!att_file_move_new (tmp, final, error))
    goto failed;
  dir = g_path_get_dirname (final);
  sync_file (dir);
  return g_steal_pointer (&final);

failed:
  if (dest != NULL)
    sqlite3_close (dest);
  g_unlink (tmp);
  return NULL;
}

/* Removes what a backup cut short (the program killed, the power cut)
 * left in @folder: its hidden temporary files, once a day old, so that
 * none still being written is touched. */
static void
remove_leftovers (const char *folder,
                  const char *db_path)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *stem = file_stem (db_path);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *base = NULL;
      g_autofree char *path = NULL;
      AttDate date;
      int seconds;
      AttBackupKind kind;
      GStatBuf st;
      gsize len = strlen (name);

      /* ".attendance-2024-09-02-083000.db.AbC123" */
      if (name[0] != '.' || len < 9 || name[len - 7] != '.')
        continue;
      base = g_strndup (name + 1, len - 8);
      if (!parse_name (base, stem, &date, &seconds, &kind))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > 24 * 3600)
        g_unlink (path);
    }
}

static void
rotate (const char *folder,
        const char *db_path,
        guint       keep_days,
        guint       keep_months)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) pruned = NULL;

  remove_leftovers (folder, db_path);

  list = att_backup_list (folder, db_path, NULL);
  if (list == NULL)
    return;
  pruned = att_backup_rotation_prune (list, att_date_today (), keep_days, keep_months);
  for (guint i = 0; i < pruned->len; i++)
    g_unlink (((AttBackup *)g_ptr_array_index (pruned, i))->path);
}

char *
att_backup_make (const char     *db_path,
                 const char     *folder,
                 AttBackupKind   kind,
                 guint           keep_days,
                 guint           keep_months,
                 GError        **error)
{
  g_autofree char *path = NULL;
  sqlite3 *src;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no database at %s to back up"), db_path);
      return NULL;
    }
  src = open_raw (db_path, FALSE, error);
  if (src == NULL)
    return NULL;
  path = write_backup (src, db_path, folder, kind, TRUE, error);
  sqlite3_close (src);
  if (path == NULL)
    return NULL;

  if (keep_days > 0 || keep_months > 0)
    rotate (folder, db_path, keep_days, keep_months);
  return g_steal_pointer (&path);
}

char *
att_backup_now (AttDb          *db,
                const AttUser  *user,
                const char     *folder,
                GError        **error)
{
  g_autoptr(AttBackupSettings) settings = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  settings = att_backup_settings_load (db);
  if (folder != NULL)
    return att_backup_make (att_db_get_path (db), folder, ATT_BACKUP_REGULAR, 0, 0, error);
  return att_backup_make (att_db_get_path (db), settings->folder, ATT_BACKUP_REGULAR,
                          settings->keep_days, settings->keep_months, error);
}

gboolean
att_backup_due (const AttBackupSettings *settings,
                const char              *db_path,
                AttDate                  today)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);

  list = att_backup_list (settings->folder, db_path, NULL);
  if (list == NULL)
    return TRUE;
  for (guint i = 0; i < list->len; i++)
    {
      AttBackup *backup = g_ptr_array_index (list, i);

      if (backup->kind == ATT_BACKUP_REGULAR && backup->date == today)
        return FALSE;
    }
  return TRUE;
}

/* The backup the migration of att-db.c asks for, before it changes
 * anything: on the connection already open, into the folder the
 * settings name, or beside the database when that folder cannot be
 * written (a memory stick left at home). */
char *
_att_backup_before_update (sqlite3     *handle,
                           const char  *db_path,
                           GError     **error)
{
  g_autofree char *folder = read_setting (handle, KEY_FOLDER);
  g_autofree char *fallback = att_backup_default_folder (db_path);
  g_autoptr(GError) local = NULL;
  char *path;

  if (folder != NULL && *folder != '\0')
    {
      path = write_backup (handle, db_path, folder, ATT_BACKUP_BEFORE_UPDATE, TRUE, &local);
      if (path != NULL)
        return path;
    }
  return write_backup (handle, db_path, fallback, ATT_BACKUP_BEFORE_UPDATE, TRUE, error);
}

/* Restoring */

/* A copy of the database a restore replaces, kept even when it is
 * damaged (that is why it is being replaced): through SQLite when it
 * reads, else the file itself and its WAL as they are on the disk. */
static char *
keep_replaced (const char  *db_path,
               const char  *folder,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *wal_copy = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *src;
  gsize length;

  src = open_raw (db_path, FALSE, NULL);
  if (src != NULL)
    {
      path = write_backup (src, db_path, folder, ATT_BACKUP_BEFORE_RESTORE, FALSE, &local);
      sqlite3_close (src);
      if (path != NULL)
        return g_steal_pointer (&path);
    }

  if (!ensure_folder (folder, error))
    return NULL;
  path = new_backup_path (folder, db_path, ATT_BACKUP_BEFORE_RESTORE);
  if (path == NULL || !g_file_get_contents (db_path, &contents, &length, NULL) ||
      !att_file_save_private (path, contents, length, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                     _("Could not keep a copy of %s in %s before restoring: nothing was changed"),
                     db_path, folder);
      return NULL;
    }
  g_clear_pointer (&contents, g_free);
  wal = g_strconcat (db_path, "-wal", NULL);
  wal_copy = g_strconcat (path, "-wal", NULL);
  if (g_file_get_contents (wal, &contents, &length, NULL) && length > 0 &&
      !att_file_save_private (wal_copy, contents, length, error))
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* Puts a copy of the file @from in the place of @to in one rename,
 * readable by its owner only, and removes the -wal and -shm that
 * belonged to what was there. */
static gboolean
replace_file (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);
  gsize length;

  if (!g_file_get_contents (from, &contents, &length, NULL))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not read the backup %s: nothing was changed"), from);
      return FALSE;
    }
  g_unlink (wal);
  g_unlink (shm);
  return att_file_save_private (to, contents, length, error);
}

gboolean
att_backup_restore (const char     *db_path,
                    const char     *backup_path,
                    const AttUser  *user,
                    const char     *folder,
                    char          **kept,
                    GError        **error)
{
  g_autofree char *backup_name_ = NULL, *backup_urn = NULL;
  g_autofree char *current_name = NULL, *current_urn = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *target_folder = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(AttDb) restored = NULL;
  g_autoptr(AttUser) actor = NULL;
  gboolean exists;
  sqlite3 *src = NULL, *dest = NULL;
  int rc;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_BACKUPS, error))
    return FALSE;
  if (!att_backup_verify (backup_path, &backup_name_, &backup_urn, error))
    return FALSE;

  exists = g_file_test (db_path, G_FILE_TEST_EXISTS);
  if (exists)
    {
      sqlite3 *current = open_raw (db_path, FALSE, NULL);

      /* A database too damaged to say whose it is can only be replaced. */
      if (current != NULL)
        {
          current_name = read_setting (current, "name");
          current_urn = read_setting (current, "urn");
          sqlite3_close (current);
        }
      if ((current_name != NULL || current_urn != NULL) &&
          !same_school (current_name, current_urn, backup_name_, backup_urn))
        {
          set_other_school_error (error, backup_path, backup_name_, backup_urn,
                                  current_name, current_urn);
          return FALSE;
        }
    }

  if (folder != NULL)
    target_folder = g_strdup (folder);
  else if (exists)
    {
      sqlite3 *current = open_raw (db_path, FALSE, NULL);
      g_autofree char *setting = current ? read_setting (current, KEY_FOLDER) : NULL;

      if (current != NULL)
        sqlite3_close (current);
      target_folder = setting != NULL && *setting != '\0'
                      ? g_steal_pointer (&setting) : att_backup_default_folder (db_path);
    }
  else
    target_folder = att_backup_default_folder (db_path);

  if (exists)
    {
      kept_path = keep_replaced (db_path, target_folder, error);
      if (kept_path == NULL)
        return FALSE;
    }
  else if (!att_file_create_private (db_path, error))
    return FALSE;

  src = open_raw (backup_path, FALSE, error);
  if (src == NULL)
    return FALSE;
  dest = open_raw (db_path, TRUE, error);
  if (dest == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }
  /* The backup's pages go into the database in one write transaction of
   * its own (in its WAL), so other connections see the whole change at
   * once, and an interruption leaves the database as it was. */
  sqlite3_exec (dest, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  rc = copy_pages (src, dest);
  sqlite3_close (src);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    {
      /* What is there is not a database SQLite can write into, so
       * nothing can be using it: the backup's file takes its place. */
      sqlite3_close (dest);
      dest = NULL;
      if (!replace_file (backup_path, db_path, error))
        return FALSE;
    }
  else if (rc != SQLITE_OK)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("The backup could not be restored: %s; the database is as it was"),
                   rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                   ? _("the database was busy for too long") : sqlite3_errmsg (dest));
      sqlite3_close (dest);
      return FALSE;
    }
  if (dest != NULL)
    {
      /* The backup is in DELETE mode; the database stays in WAL. */
      sqlite3_exec (dest, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
      sqlite3_close (dest);
    }

  /* Opened as the app opens it: an older backup is brought up to date
   * (with a backup of its own first), and the restore is in its log. */
  restored = att_db_open (db_path, error);
  if (restored == NULL)
    return FALSE;
  detail = g_strdup_printf ("from %s%s%s", backup_path,
                            kept_path != NULL ? "; the replaced database is kept at " : "",
                            kept_path != NULL ? kept_path : "");
  /* Written as the user is known in the restored register: an
   * administrator added after the backup was made is not in it, and
   * is named without a user row. */
  actor = att_users_find (restored, user->name, NULL);
  if (actor == NULL)
    {
      actor = att_user_copy (user);
      actor->id = 0;
    }
  if (!att_db_begin (restored, error))
    return FALSE;
  if (!att_audit_log (restored, actor, "backup.restore", detail, error))
    {
      att_db_rollback (restored);
      return FALSE;
    }
  att_db_note_change (restored, ATT_CHANGE_OTHER);
  if (!att_db_commit (restored, error))
    return FALSE;

  if (kept != NULL)
    *kept = g_steal_pointer (&kept_path);
  return TRUE;
}

AttUser *
att_backup_find_user (const char  *path,
                      const char  *name,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle;
  AttUser *user = NULL;
  AttRole role;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  handle = open_raw (path, FALSE, error);
  if (handle == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (handle,
                          "SELECT id, name, role, position FROM users "
                          "WHERE name = ? COLLATE NOCASE AND active",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          att_role_parse ((const char *)sqlite3_column_text (stmt, 2), &role, NULL))
        {
          user = g_new0 (AttUser, 1);
          user->id = sqlite3_column_int64 (stmt, 0);
          user->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
          user->role = role;
          user->position = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return user;
}
