/* att-backup.h: backups of the school's database, their rotation, and
 * restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* How many days every backup is kept, and for how many months the first
 * backup of each month is kept (the settings' defaults and ranges). */
#define ATT_BACKUP_KEEP_DAYS_DEFAULT    14
#define ATT_BACKUP_KEEP_DAYS_MAX        366
#define ATT_BACKUP_KEEP_MONTHS_DEFAULT  12
#define ATT_BACKUP_KEEP_MONTHS_MAX      120

/* Why a backup was made: it is part of the file's name. */
typedef enum
{
  ATT_BACKUP_REGULAR,          /* the day's first start, or "Back Up Now" */
  ATT_BACKUP_BEFORE_UPDATE,    /* before the schema is brought up to date */
  ATT_BACKUP_BEFORE_RESTORE,   /* what a restore replaced */
} AttBackupKind;

/* One backup in the backup folder, as its name says it was made. */
typedef struct
{
  char          *path;
  char          *name;       /* the file's name, without the folder */
  AttDate        date;
  int            seconds;    /* the time of day it was made */
  AttBackupKind  kind;
  goffset        size;       /* bytes */
} AttBackup;

void        att_backup_free           (AttBackup      *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttBackup, att_backup_free)

/* Where backups go and how long they are kept: kept with the school's
 * settings, changed only by an administrator. */
typedef struct
{
  char  *folder;        /* never NULL: the setting, or the default */
  guint  keep_days;
  guint  keep_months;
  gboolean folder_is_default;
} AttBackupSettings;

AttBackupSettings *att_backup_settings_load (AttDb             *db);
void        att_backup_settings_free  (AttBackupSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttBackupSettings, att_backup_settings_free)

/* The folder backups go to when none is set: "backups" beside the
 * database. */
char       *att_backup_default_folder (const char     *db_path);

/* Stores the settings (an empty or NULL @folder goes back to the
 * default). Needs ATT_PERM_BACKUPS; audited. The folder must be an
 * absolute path; it is made (0700) when it does not exist but the
 * folder that holds it does. */
gboolean    att_backup_settings_save  (AttDb          *db,
                                       const AttUser  *user,
                                       const char     *folder,
                                       guint           keep_days,
                                       guint           keep_months,
                                       GError        **error);

/* The backups of the database @db_path in @folder (files this program
 * made, named after the database's file), newest first. A missing
 * folder holds none. */
GPtrArray  *att_backup_list           (const char     *folder,
                                       const char     *db_path,
                                       GError        **error);

/* The backups of @backups (AttBackup) that rotation removes on @today:
 * every backup of the last @keep_days days is kept (today and the days
 * before it), and the first backup of each of the last @keep_months
 * calendar months (this month and the ones before it); the newest is
 * always kept. Returns borrowed pointers into @backups. */
GPtrArray  *att_backup_rotation_prune (GPtrArray      *backups,
                                       AttDate         today,
                                       guint           keep_days,
                                       guint           keep_months);

/* Makes a backup of the database at @db_path into @folder (made 0700 if
 * missing, but never the folders above it: a drive that is not there is
 * an error), with SQLite's online backup on a connection of its own, so
 * it may run in a thread while the app or attendance-cli write. The copy
 * is written under a temporary name, checked (SQLite's integrity check,
 * and that it opens as the same school), then renamed into place,
 * readable by its owner only. Then the folder's backups are rotated
 * (@keep_days, @keep_months; no rotation when both are 0). Returns the
 * new backup's path. */
char       *att_backup_make           (const char     *db_path,
                                       const char     *folder,
                                       AttBackupKind   kind,
                                       guint           keep_days,
                                       guint           keep_months,
                                       GError        **error);

/* att_backup_make() with the school's settings, as @user (any user may
 * make a backup; @folder, when given, is used instead of the setting's
 * and nothing is rotated there). */
char       *att_backup_now            (AttDb          *db,
                                       const AttUser  *user,
                                       const char     *folder,
                                       GError        **error);

/* Whether the day's backup is still to be made: no regular backup dated
 * @today is in the folder. */
gboolean    att_backup_due            (const AttBackupSettings *settings,
                                       const char     *db_path,
                                       AttDate         today);

/* Checks that @path is a sound backup of an attendance database this
 * version can open: SQLite opens it, its integrity check passes, it has
 * the tables of an attendance database and no newer schema. Sets the
 * school's name and URN as it holds them. */
gboolean    att_backup_verify         (const char     *path,
                                       char          **name,
                                       char          **urn,
                                       GError        **error);

/* att_backup_verify(), and that the backup holds the school open in
 * @db: what a restore checks before it changes anything, for a window to
 * ask before it asks for a confirmation. */
gboolean    att_backup_check_school   (AttDb          *db,
                                       const char     *path,
                                       GError        **error);

/* Replaces the database at @db_path with the backup @backup_path, as
 * @user (ATT_PERM_BACKUPS). Refuses a file that fails
 * att_backup_verify() or holds another school (the message names both
 * schools and their URNs). First makes a backup of what it replaces in
 * @folder (the setting's when NULL), whose path is set in @kept. The
 * copy goes into the database through SQLite's backup in one
 * transaction, so a connection left open on it (a window, an import
 * waiting) sees the old school or the restored one, never a mixture,
 * and a failure leaves the old one. */
gboolean    att_backup_restore        (const char     *db_path,
                                       const char     *backup_path,
                                       const AttUser  *user,
                                       const char     *folder,
                                       char          **kept,
                                       GError        **error);

/* The user called @name in the database file @path (read only), for
 * attendance-cli to check a restore's --user when the database it
 * replaces cannot be opened. NULL when there is none. */
AttUser    *att_backup_find_user      (const char     *path,
                                       const char     *name,
                                       GError        **error);

G_END_DECLS
