/* att-auth.h: passwords and signing in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A password is kept only as an Argon2id hash (libsodium's
 * crypto_pwhash_str, at its "interactive" cost), never written to a log
 * or the audit log. Five wrong passwords in a row make the next try wait
 * (see att_auth_delay_for ()); the count is kept in the database, so
 * starting the app again does not reset it.
 *
 * attendance-cli asks no password: it runs from scheduled jobs, and the
 * database file's permissions are its boundary.
 */
#pragma once

#include <glib.h>

#include "att-users.h"

G_BEGIN_DECLS

/* The shortest password accepted, in characters. */
#define ATT_PASSWORD_MIN_LENGTH 8
/* The longest, in bytes. */
#define ATT_PASSWORD_MAX_BYTES 256
/* Wrong passwords in a row allowed before the next try must wait. */
#define ATT_SIGN_IN_FREE_TRIES 5

/* Whether @password may be used: UTF-8 text, at least 8 characters and at
 * most 256 bytes. The error says what is wrong, never the password. */
gboolean  att_password_check          (const char     *password,
                                       GError        **error);

/* How long the next try waits, in seconds, after @failures wrong
 * passwords in a row: nothing for the first four; 30 seconds after the
 * fifth, doubled after each further one (1, 2, 4, 8 minutes), and at most
 * 15 minutes. */
gint64    att_auth_delay_for          (guint           failures);

/* "30 seconds", "2 minutes": a wait as a person reads it. */
char     *att_auth_format_delay       (gint64          seconds);

/* Sets the password of user @user_id, who needs none before. @actor
 * needs the right to manage users (an administrator resets a password),
 * unless the database has no users with a password yet and @actor is the
 * system. A reset also clears the wrong passwords counted against the
 * user. Audited, without the password. */
gboolean  att_users_set_password      (AttDb          *db,
                                       const AttUser  *actor,
                                       gint64          user_id,
                                       const char     *password,
                                       GError        **error);

/* att_users_add () and att_users_set_password () in one change: the user
 * is added with their password, or not at all. */
gint64    att_users_add_with_password (AttDb          *db,
                                       const AttUser  *actor,
                                       const char     *name,
                                       AttRole         role,
                                       const char     *position,
                                       const char     *password,
                                       GError        **error);

/* A password hashed once to be given to several users: the demonstration
 * school's staff share the password its sign-in shows, and each hash at
 * the interactive cost takes about 180 ms of processor time. The hash
 * alone is kept, never the password. NULL with the error of
 * att_users_add_with_password () when the password is refused. */
typedef struct _AttPasswordHash AttPasswordHash;
AttPasswordHash *att_password_hash_new  (const char     *password,
                                         GError        **error);
void             att_password_hash_free (AttPasswordHash *hash);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttPasswordHash, att_password_hash_free)

/* att_users_add_with_password () with a password already hashed. */
gint64    att_users_add_with_password_hash (AttDb                 *db,
                                            const AttUser         *actor,
                                            const char            *name,
                                            AttRole                role,
                                            const char            *position,
                                            const AttPasswordHash *hash,
                                            GError               **error);

/* Whether user @user_id has a password (and so may sign in). */
gboolean  att_users_has_password      (AttDb          *db,
                                       gint64          user_id);

/* The seconds before user @user_id may try a password again at @now
 * (seconds since 1970), or 0. */
gint64    att_auth_delay_remaining    (AttDb          *db,
                                       gint64          user_id,
                                       gint64          now);

/* Signs user @user_id in at @now (seconds since 1970) with @password.
 * Returns the user as the database holds them, or NULL with an
 * ATT_ERROR_PERMISSION that says why: deactivated, no password yet, a
 * wrong password (the fifth in a row and every one after it also says how
 * long the next try must wait), or a try while that wait runs (which does
 * not count, and does not look at the password). A right password clears
 * the count. Audited: every sign-in and every wrong password. */
AttUser  *att_auth_sign_in            (AttDb          *db,
                                       gint64          user_id,
                                       const char     *password,
                                       gint64          now,
                                       GError        **error);

/* The same in three steps, so that a window checks the password on
 * another thread and never freezes: att_auth_sign_in_prepare () (on the
 * database's thread) refuses a deactivated user, a user without a
 * password and a try while a wait runs, and returns the stored hash;
 * att_auth_verify () compares a password with it and may run on any
 * thread; att_auth_sign_in_finish () (on the database's thread) records
 * the outcome as att_auth_sign_in () does, and refuses what changed in
 * between (deactivated, or the password reset). */
char     *att_auth_sign_in_prepare    (AttDb          *db,
                                       gint64          user_id,
                                       gint64          now,
                                       GError        **error);
gboolean  att_auth_verify             (const char     *hash,
                                       const char     *password);
AttUser  *att_auth_sign_in_finish     (AttDb          *db,
                                       gint64          user_id,
                                       const char     *password,
                                       const char     *hash,
                                       gboolean        right,
                                       gint64          now,
                                       GError        **error);

G_END_DECLS
