/* att-auth.c: passwords and signing in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "att-auth-private.h"
#include "att-auth.h"
#include "att-db-private.h"
#include "att-error.h"

/* The cost of a hash: libsodium's "interactive" limits (about a fifth
 * of a second and 64 MiB here). Only the tests lower them, through
 * att-auth-private.h, which nothing else includes. */
static gboolean fast_hashing;

void
att_auth_use_fast_hashing_for_tests (void)
{
  fast_hashing = TRUE;
}

static unsigned long long
ops_limit (void)
{
  return fast_hashing ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

static size_t
mem_limit (void)
{
  return fast_hashing ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }
  if (!ok)
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                 _("Passwords cannot be checked on this computer: its cryptography library did not start"));
  return ok;
}

gboolean
att_password_check (const char  *password,
                    GError     **error)
{
  gsize bytes;

  if (password == NULL || *password == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("The password is empty: type one"));
      return FALSE;
    }
  bytes = strlen (password);
  if (!g_utf8_validate (password, bytes, NULL))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The password is not text this program can read (it is not UTF-8): type it again"));
      return FALSE;
    }
  if (g_utf8_strlen (password, bytes) < ATT_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   ngettext ("The password is too short: use at least %d character; three random words make a good one",
                             "The password is too short: use at least %d characters; three random words make a good one",
                             ATT_PASSWORD_MIN_LENGTH),
                   ATT_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  if (bytes > ATT_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The password is too long: use at most %d letters or digits"),
                   ATT_PASSWORD_MAX_BYTES);
      return FALSE;
    }
  return TRUE;
}

gint64
att_auth_delay_for (guint failures)
{
  const gint64 first = 30;
  const gint64 longest = 15 * 60;
  guint doublings;

  if (failures < ATT_SIGN_IN_FREE_TRIES)
    return 0;
  doublings = failures - ATT_SIGN_IN_FREE_TRIES;
  /* 30 << 5 is 960 s, past the longest wait already. */
  if (doublings >= 5)
    return longest;
  return MIN (first << doublings, longest);
}

char *
att_auth_format_delay (gint64 seconds)
{
  gint64 minutes;

  if (seconds < 60)
    return g_strdup_printf (ngettext ("%d second", "%d seconds", (gulong)seconds), (int)seconds);
  /* A wait of 61 seconds reads "2 minutes": never less than it is. */
  minutes = (seconds + 59) / 60;
  return g_strdup_printf (ngettext ("%d minute", "%d minutes", (gulong)minutes), (int)minutes);
}

/* A new hash of @password in @out (crypto_pwhash_STRBYTES long). */
static gboolean
hash_password (const char  *password,
               char        *out,
               GError     **error)
{
  if (!att_password_check (password, error) || !ensure_sodium (error))
    return FALSE;
  if (crypto_pwhash_str (out, password, strlen (password), ops_limit (), mem_limit ()) != 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The password could not be stored: the computer ran out of memory; close other programs and try again"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_hash (AttDb          *db,
            const AttUser  *actor,
            const AttUser  *target,
            const char     *hash,
            GError        **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  stmt = att_db_prepare (db,
                         "UPDATE users SET password_hash = ?, failed_sign_ins = 0, "
                         "sign_in_delayed_until = NULL WHERE id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, target->id);
  if (!att_db_step_done (db, stmt, error))
    return FALSE;

  /* Who and whose, never the password or its hash. */
  detail = g_strdup_printf ("%s", target->name);
  if (!att_audit_log (db, actor, "users.password", detail, error))
    return FALSE;
  att_db_note_change (db, ATT_CHANGE_USERS);
  return TRUE;
}

gboolean
att_users_set_password (AttDb          *db,
                        const AttUser  *actor,
                        gint64          user_id,
                        const char     *password,
                        GError        **error)
{
  char hash[crypto_pwhash_STRBYTES];
  g_autoptr(AttUser) target = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!att_user_require (actor, ATT_PERM_USERS, error))
    return FALSE;
  target = att_users_get (db, user_id, error);
  if (target == NULL)
    return FALSE;

  /* Hashing takes a moment: done before the transaction, so the database
   * is not held meanwhile. */
  if (!hash_password (password, hash, error))
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;
  if (!store_hash (db, actor, target, hash, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  return att_db_commit (db, error);
}

struct _AttPasswordHash
{
  char hash[crypto_pwhash_STRBYTES];
};

AttPasswordHash *
att_password_hash_new (const char  *password,
                       GError     **error)
{
  AttPasswordHash *hash = g_new0 (AttPasswordHash, 1);

  if (!hash_password (password, hash->hash, error))
    {
      att_password_hash_free (hash);
      return NULL;
    }
  return hash;
}

void
att_password_hash_free (AttPasswordHash *hash)
{
  if (hash == NULL)
    return;
  sodium_memzero (hash->hash, sizeof hash->hash);
  g_free (hash);
}

gint64
att_users_add_with_password_hash (AttDb                 *db,
                                  const AttUser         *actor,
                                  const char            *name,
                                  AttRole                role,
                                  const char            *position,
                                  const AttPasswordHash *hash,
                                  GError               **error)
{
  g_autoptr(AttUser) added = NULL;
  gint64 id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (actor != NULL, 0);
  g_return_val_if_fail (hash != NULL, 0);

  if (!att_user_require (actor, ATT_PERM_USERS, error))
    return 0;

  if (!att_db_begin (db, error))
    return 0;
  id = att_users_add (db, actor, name, role, position, error);
  if (id <= 0)
    goto failed;
  added = att_users_get (db, id, error);
  if (added == NULL || !store_hash (db, actor, added, hash->hash, error))
    goto failed;
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

gint64
att_users_add_with_password (AttDb          *db,
                             const AttUser  *actor,
                             const char     *name,
                             AttRole         role,
                             const char     *position,
                             const char     *password,
                             GError        **error)
{
  g_autoptr(AttPasswordHash) hash = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (actor != NULL, 0);

  /* Refused for want of the right before the password is hashed. */
  if (!att_user_require (actor, ATT_PERM_USERS, error))
    return 0;
  hash = att_password_hash_new (password, error);
  if (hash == NULL)
    return 0;
  return att_users_add_with_password_hash (db, actor, name, role, position, hash, error);
}

typedef struct
{
  gboolean  exists;
  char     *name;
  gboolean  active;
  char     *hash;
  gint64    failures;
  gint64    delayed_until;
} SignInRow;

static void
sign_in_row_clear (SignInRow *row)
{
  g_clear_pointer (&row->name, g_free);
  if (row->hash != NULL)
    sodium_memzero (row->hash, strlen (row->hash));
  g_clear_pointer (&row->hash, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SignInRow, sign_in_row_clear)

static gboolean
read_sign_in_row (AttDb      *db,
                  gint64      user_id,
                  SignInRow  *row,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (row, 0, sizeof *row);
  stmt = att_db_prepare (db,
                         "SELECT name, active, password_hash, failed_sign_ins, "
                         "coalesce(sign_in_delayed_until, 0) FROM users WHERE id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->exists = TRUE;
      row->name = att_db_column_dup (stmt, 0);
      row->active = sqlite3_column_int (stmt, 1) != 0;
      row->hash = att_db_column_dup (stmt, 2);
      row->failures = sqlite3_column_int64 (stmt, 3);
      row->delayed_until = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the users"));
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no user number %lld"), (long long)user_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_users_has_password (AttDb  *db,
                        gint64  user_id)
{
  SignInRow row;
  gboolean has;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if (!read_sign_in_row (db, user_id, &row, NULL))
    return FALSE;
  has = row.hash != NULL && *row.hash != '\0';
  sign_in_row_clear (&row);
  return has;
}

gint64
att_auth_delay_remaining (AttDb  *db,
                          gint64  user_id,
                          gint64  now)
{
  SignInRow row;
  gint64 remaining = 0;

  g_return_val_if_fail (ATT_IS_DB (db), 0);

  if (!read_sign_in_row (db, user_id, &row, NULL))
    return 0;
  if (row.delayed_until > now)
    remaining = row.delayed_until - now;
  sign_in_row_clear (&row);
  return remaining;
}

/* Counts a wrong password against the user, in its own change; returns
 * how many there now are in a row (0 when it could not be counted). */
static gint64
count_failure (AttDb       *db,
               gint64       user_id,
               const char  *name,
               gint64       now,
               gint64      *delay)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 failures = 0;

  *delay = 0;
  if (!att_db_begin (db, &error))
    goto failed;

  /* Read and written in one transaction, so two windows trying at once
   * both count. */
  stmt = att_db_prepare (db,
                         "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? "
                         "RETURNING failed_sign_ins",
                         &error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    failures = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (failures <= 0)
    goto rollback;

  *delay = att_auth_delay_for ((guint)MIN (failures, G_MAXUINT));
  if (*delay > 0)
    {
      stmt = att_db_prepare (db, "UPDATE users SET sign_in_delayed_until = ? WHERE id = ?", &error);
      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_int64 (stmt, 1, now + *delay);
      sqlite3_bind_int64 (stmt, 2, user_id);
      if (!att_db_step_done (db, stmt, &error))
        goto rollback;
    }

  /* Nobody is signed in yet: the system records the try, and the detail
   * names the account that was tried. */
  if (*delay > 0)
    detail = g_strdup_printf ("%s: wrong password, %" G_GINT64_FORMAT " in a row; next try in %" G_GINT64_FORMAT " s",
                              name, failures, *delay);
  else
    detail = g_strdup_printf ("%s: wrong password, %" G_GINT64_FORMAT " in a row", name, failures);
  if (!att_audit_log (db, att_user_system (), "users.sign-in-refused", detail, &error))
    goto rollback;
  att_db_note_change (db, ATT_CHANGE_USERS);
  if (!att_db_commit (db, &error))
    goto failed;
  return failures;

rollback:
  att_db_rollback (db);
failed:
  if (error != NULL)
    g_warning ("A wrong password could not be counted: %s", error->message);
  return 0;
}

static gboolean
record_success (AttDb       *db,
                gint64       user_id,
                const char  *password,
                const char  *old_hash,
                GError     **error)
{
  g_autoptr(AttUser) user = NULL;
  char new_hash[crypto_pwhash_STRBYTES];
  gboolean rehash;
  sqlite3_stmt *stmt;

  /* A hash made at another cost (an older default) is made again now that
   * the password is at hand. */
  rehash = crypto_pwhash_str_needs_rehash (old_hash, ops_limit (), mem_limit ()) != 0 &&
           crypto_pwhash_str (new_hash, password, strlen (password), ops_limit (), mem_limit ()) == 0;

  if (!att_db_begin (db, error))
    return FALSE;
  stmt = att_db_prepare (db,
                         rehash
                         ? "UPDATE users SET failed_sign_ins = 0, sign_in_delayed_until = NULL, "
                           "password_hash = ? WHERE id = ?"
                         : "UPDATE users SET failed_sign_ins = 0, sign_in_delayed_until = NULL "
                           "WHERE id = ?1 OR id = ?2",
                         error);
  if (stmt == NULL)
    goto failed;
  if (rehash)
    sqlite3_bind_text (stmt, 1, new_hash, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  user = att_users_get (db, user_id, error);
  if (user == NULL || !att_audit_log (db, user, "users.sign-in", user->name, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_USERS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

/* Whether the user of @row may try a password at @now. */
static gboolean
may_try (const SignInRow  *row,
         gint64            now,
         GError          **error)
{
  if (!row->active)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   _("%s has been deactivated and cannot sign in: an administrator can reactivate them"),
                   row->name);
      return FALSE;
    }
  if (row->delayed_until > now)
    {
      g_autofree char *wait = att_auth_format_delay (row->delayed_until - now);

      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   _("Too many wrong passwords for %s: try again in %s"),
                   row->name, wait);
      return FALSE;
    }
  if (row->hash == NULL || *row->hash == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   _("%s has no password yet: an administrator sets one under Users in the main menu, or with “attendance-cli users passwd”"),
                   row->name);
      return FALSE;
    }
  return TRUE;
}

char *
att_auth_sign_in_prepare (AttDb   *db,
                          gint64   user_id,
                          gint64   now,
                          GError **error)
{
  g_auto(SignInRow) row = { 0 };

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (!ensure_sodium (error) || !read_sign_in_row (db, user_id, &row, error) ||
      !may_try (&row, now, error))
    return NULL;
  return g_steal_pointer (&row.hash);
}

gboolean
att_auth_verify (const char *hash,
                 const char *password)
{
  if (hash == NULL || password == NULL || !ensure_sodium (NULL))
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

AttUser *
att_auth_sign_in_finish (AttDb       *db,
                         gint64       user_id,
                         const char  *password,
                         const char  *hash,
                         gboolean     right,
                         gint64       now,
                         GError     **error)
{
  g_auto(SignInRow) row = { 0 };
  gint64 failures, delay;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* Read again: an administrator may have deactivated the user, or reset
   * the password, while it was being checked. */
  if (!read_sign_in_row (db, user_id, &row, error) || !may_try (&row, now, error))
    return NULL;
  if (right && g_strcmp0 (row.hash, hash) == 0)
    {
      if (!record_success (db, user_id, password, row.hash, error))
        return NULL;
      return att_users_get (db, user_id, error);
    }

  failures = count_failure (db, user_id, row.name, now, &delay);
  if (delay > 0)
    {
      g_autofree char *wait = att_auth_format_delay (delay);

      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   _("The password is wrong, %d times in a row for %s: try again in %s"),
                   (int)failures, row.name, wait);
    }
  else
    g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                 _("The password is wrong: check that Caps Lock is off and type it again"));
  return NULL;
}

AttUser *
att_auth_sign_in (AttDb       *db,
                  gint64       user_id,
                  const char  *password,
                  gint64       now,
                  GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  hash = att_auth_sign_in_prepare (db, user_id, now, error);
  if (hash == NULL)
    return NULL;
  return att_auth_sign_in_finish (db, user_id, password, hash,
                                  att_auth_verify (hash, password), now, error);
}
