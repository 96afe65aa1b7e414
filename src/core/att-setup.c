/* att-setup.c: a new school, set up a step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "att-auth.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-file.h"
#include "att-school.h"
#include "att-setup.h"

/* How far the set-up has come: the last step confirmed, by name. */
#define CONFIRMED_KEY "setup.confirmed"

static const char * const step_names[] = {
  "school", "times", "terms", "admin", "done",
};

/* The step a name in CONFIRMED_KEY says was confirmed last, or -1. */
static int
confirmed_step (AttDb *db)
{
  g_autofree char *value = att_db_get_setting (db, CONFIRMED_KEY);

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (step_names); i++)
    if (strcmp (value, step_names[i]) == 0)
      return (int)i;
  return -1;
}

/* Notes that step @step (an index of step_names) is confirmed, in the
 * caller's transaction; a step confirmed again after going back does not
 * undo the steps after it. */
static gboolean
confirm_step (AttDb    *db,
              guint     step,
              GError  **error)
{
  if (confirmed_step (db) >= (int)step)
    return TRUE;
  if (!att_db_put_setting (db, CONFIRMED_KEY, step_names[step], error))
    return FALSE;
  return att_audit_log (db, att_user_system (), "setup.step", step_names[step], error);
}

static gboolean
count_users (AttDb   *db,
             gint64  *n,
             GError **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db, "SELECT count(*) FROM users", error);

  return stmt != NULL && att_db_query_int (db, stmt, n, _("read the users"), error);
}

/* The set-up acts as the system, which only a school with nobody in it
 * allows: once it has a user, they sign in and change it themselves. */
static gboolean
require_no_users (AttDb   *db,
                  GError **error)
{
  gint64 n = 0;

  if (!count_users (db, &n, error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   _("The school has users now: sign in to change its settings"));
      return FALSE;
    }
  return TRUE;
}

/* @keys and @values without the empty values of keys other than the
 * name: a school made with no e-mail address has none, rather than an
 * empty one the rules refuse. */
static void
drop_empty (const char * const *keys,
            const char * const *values,
            GPtrArray          *kept_keys,
            GPtrArray          *kept_values)
{
  for (guint i = 0; keys[i] != NULL && values[i] != NULL; i++)
    {
      const char *v = values[i];

      if (strcmp (keys[i], "name") != 0 && v[strspn (v, " \t")] == '\0')
        continue;
      g_ptr_array_add (kept_keys, (gpointer)keys[i]);
      g_ptr_array_add (kept_values, (gpointer)values[i]);
    }
  g_ptr_array_add (kept_keys, NULL);
  g_ptr_array_add (kept_values, NULL);
}

static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Writes the settings into the new database at @path, in one transaction
 * with the note that the school's step is confirmed. */
static gboolean
write_school (const char         *path,
              const char * const *keys,
              const char * const *values,
              GError            **error)
{
  g_autoptr(AttDb) db = att_db_create (path, error);

  if (db == NULL || !att_db_begin (db, error))
    return FALSE;
  if (!att_school_set_many (db, att_user_system (), keys, values, error) ||
      !confirm_step (db, 0, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  return att_db_commit (db, error);
  /* The last connection closes here, folding its log into the file. */
}

gboolean
att_school_create (const char         *path,
                   const char * const *keys,
                   const char * const *values,
                   GError            **error)
{
  g_autoptr(GPtrArray) kept_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) kept_values = g_ptr_array_new ();
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *work = NULL;
  g_autofree char *inside = NULL;
  gboolean done;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("A database already exists at %s: nothing was changed"), path);
      return FALSE;
    }
  drop_empty (keys, values, kept_keys, kept_values);
  if (!g_strv_contains ((const char * const *)kept_keys->pdata, "name"))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The school’s name cannot be empty"));
      return FALSE;
    }
  if (!att_school_check_many ((const char * const *)kept_keys->pdata,
                              (const char * const *)kept_values->pdata, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, ATT_FOLDER_MODE) != 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  /* Made in a folder of its own beside @path, where a crash leaves only
   * something that is not the school. */
  work = g_strconcat (path, ".new-XXXXXX", NULL);
  if (g_mkdtemp_full (work, ATT_FOLDER_MODE) == NULL)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not create the database at %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  base = g_path_get_basename (path);
  inside = g_build_filename (work, base, NULL);

  done = write_school (inside, (const char * const *)kept_keys->pdata,
                       (const char * const *)kept_values->pdata, error) &&
         att_file_move_new (inside, path, error);

  remove_files (inside);
  g_rmdir (work);
  return done;
}

AttSetupStep
att_setup_get_step (AttDb *db)
{
  gint64 users = 0;
  int confirmed;

  if (db == NULL)
    return ATT_SETUP_SCHOOL;
  g_return_val_if_fail (ATT_IS_DB (db), ATT_SETUP_DONE);

  confirmed = confirmed_step (db);
  if (confirmed < 0 || confirmed >= 4)
    return ATT_SETUP_DONE;
  if (confirmed == 3)
    return ATT_SETUP_PUPILS;
  /* Users added another way (attendance-cli users add): they sign in,
   * and change the rest in Preferences. */
  if (!count_users (db, &users, NULL) || users > 0)
    return ATT_SETUP_DONE;
  return (AttSetupStep)(confirmed + 1);
}

gboolean
att_setup_save_school (AttDb              *db,
                       const char * const *keys,
                       const char * const *values,
                       GError            **error)
{
  g_autoptr(GPtrArray) kept_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) kept_values = g_ptr_array_new ();

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (keys != NULL && values != NULL, FALSE);

  drop_empty (keys, values, kept_keys, kept_values);
  if (!att_db_begin (db, error))
    return FALSE;
  if (!require_no_users (db, error) ||
      !att_school_set_many (db, att_user_system (), (const char * const *)kept_keys->pdata,
                            (const char * const *)kept_values->pdata, error) ||
      !confirm_step (db, 0, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  return att_db_commit (db, error);
}

gboolean
att_setup_save_times (AttDb       *db,
                      const char  *am_open,
                      const char  *am_close,
                      const char  *pm_open,
                      const char  *pm_close,
                      GError     **error)
{
  const char *keys[] = { "am_open", "am_close", "pm_open", "pm_close", NULL };
  const char *values[] = { am_open, am_close, pm_open, pm_close, NULL };

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (am_open != NULL && am_close != NULL, FALSE);
  g_return_val_if_fail (pm_open != NULL && pm_close != NULL, FALSE);

  /* Checked against each other as they will be, not against the times
   * stored before (the defaults), which are being replaced together. */
  if (!att_school_check_many (keys, values, error))
    return FALSE;
  if (!att_db_begin (db, error))
    return FALSE;
  if (!require_no_users (db, error) ||
      !att_school_set_many (db, att_user_system (), keys, values, error) ||
      !confirm_step (db, 1, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  return att_db_commit (db, error);
}

gboolean
att_setup_save_terms (AttDb             *db,
                      const AttTerm     *terms,
                      guint              n_terms,
                      const AttClosure  *closures,
                      guint              n_closures,
                      GError           **error)
{
  AttUser *system = (AttUser *)att_user_system ();
  AttCalendar *calendar;
  g_autoptr(GArray) old_terms = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) old_closures = g_array_new (FALSE, FALSE, sizeof (gint64));
  const AttTerm *kept;
  const AttClosure *shut;
  guint n_kept, n_shut;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (terms != NULL || n_terms == 0, FALSE);
  g_return_val_if_fail (closures != NULL || n_closures == 0, FALSE);

  if (n_terms == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The school year needs at least one term"));
      return FALSE;
    }
  if (!att_calendar_check_terms (terms, n_terms, error))
    return FALSE;
  if (!att_db_begin (db, error))
    return FALSE;
  if (!require_no_users (db, error))
    goto failed;

  /* The terms saved before, read in this transaction, give way. */
  att_calendar_cache_drop (db);
  calendar = att_db_get_calendar (db);
  kept = att_calendar_get_terms (calendar, &n_kept);
  shut = att_calendar_get_closures (calendar, &n_shut);
  for (guint i = 0; i < n_kept; i++)
    g_array_append_val (old_terms, kept[i].id);
  for (guint i = 0; i < n_shut; i++)
    g_array_append_val (old_closures, shut[i].id);
  for (guint i = 0; i < old_closures->len; i++)
    if (!att_calendar_remove_closure (db, system, g_array_index (old_closures, gint64, i), error))
      goto failed;
  for (guint i = 0; i < old_terms->len; i++)
    if (!att_calendar_remove_term (db, system, g_array_index (old_terms, gint64, i), error))
      goto failed;

  for (guint i = 0; i < n_terms; i++)
    if (att_calendar_add_term (db, system, terms[i].name, terms[i].start, terms[i].end, error) <= 0)
      goto failed;
  for (guint i = 0; i < n_closures; i++)
    if (att_calendar_add_closure (db, system, closures[i].start, closures[i].end,
                                  closures[i].session, closures[i].reason, error) <= 0)
      goto failed;
  if (!confirm_step (db, 2, error))
    goto failed;
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
att_setup_check_passwords (const char  *password,
                           const char  *again,
                           GError     **error)
{
  if (!att_password_check (password != NULL ? password : "", error))
    return FALSE;
  if (g_strcmp0 (password, again) != 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The two passwords are not the same: type them again"));
      return FALSE;
    }
  return TRUE;
}

gint64
att_setup_add_admin (AttDb       *db,
                     const char  *name,
                     const char  *position,
                     const char  *password,
                     GError     **error)
{
  gint64 id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);

  if (!att_password_check (password != NULL ? password : "", error) ||
      !att_db_begin (db, error))
    return 0;
  if (!require_no_users (db, error))
    goto failed;
  id = att_users_add_with_password (db, att_user_system (), name, ATT_ROLE_ADMIN,
                                    position != NULL ? position : "", password, error);
  if (id <= 0 || !confirm_step (db, 3, error))
    goto failed;
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

gboolean
att_setup_finish (AttDb          *db,
                  const AttUser  *user,
                  GError        **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error) ||
      !att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, CONFIRMED_KEY, "done", error) ||
      !att_audit_log (db, user, "setup.step", "done", error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);
}

int
att_setup_school_year (AttDate today)
{
  int year, month, day;

  att_date_to_ymd (today, &year, &month, &day);
  return month >= 8 ? year : year - 1;
}
