/* att-users.h: the people who use the system, their roles and rights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

typedef enum
{
  ATT_ROLE_RECEPTIONIST,
  ATT_ROLE_ATTENDANCE_OFFICER,
  ATT_ROLE_HEADTEACHER,
  ATT_ROLE_ADMIN,
  ATT_N_ROLES
} AttRole;

/* What a change needs. Every core function that writes checks one; the
 * table of who may do what is in att-users.c, and nowhere else.
 * ATT_PERM_MARK also covers changing a mark of today or a later day (a
 * call that explains this morning's N, a pupil who arrives late);
 * ATT_PERM_AMEND is for the marks of earlier days. */
typedef enum
{
  ATT_PERM_MARK,            /* take the register, first entry of a mark */
  ATT_PERM_AMEND,           /* change a saved mark (with a reason) */
  ATT_PERM_BULK_MARK,       /* closures, Y codes for a group, imports of marks */
  ATT_PERM_EDIT_PUPILS,     /* add or change pupils and contacts, imports */
  ATT_PERM_DELETE_PUPIL,
  ATT_PERM_CALENDAR,        /* terms and closures */
  ATT_PERM_SETTINGS,        /* school settings */
  ATT_PERM_USERS,           /* add and change users */
  ATT_PERM_DECIDE_LEAVE,
  ATT_PERM_PENALTY,         /* record a penalty-notice decision */
  ATT_PERM_BACKUPS,         /* where backups go, how long kept, restore one */
  ATT_PERM_LOG_CALLS,       /* log a call to or from a family */
  ATT_PERM_RECORD_LEAVE,    /* record a request for leave of absence */
  ATT_PERM_LETTERS,         /* print and record letters to families */
  ATT_PERM_CASEWORK,        /* meetings, contracts, notices to improve */
  ATT_PERM_IMPORT,          /* import pupils, contacts or marks from a file */
  ATT_PERM_AUTHORISE_DEPUTY, /* name a deputy to decide leave and penalties */
  ATT_PERM_READ_AUDIT,      /* read and export the audit log */
  ATT_PERM_PURGE,           /* delete leavers' records once their retention ends */
  ATT_PERM_SUBJECT_ACCESS,  /* export everything held about one pupil */
  ATT_PERM_EDIT_CONTACT_NUMBERS, /* a contact's phone numbers and e-mail only */
  ATT_N_PERMS
} AttPermission;

/* A user as recorded when they acted: name and position are kept with
 * every audit row, so later changes to the user do not rewrite history. */
struct _AttUser
{
  gint64   id;
  char    *name;
  AttRole  role;
  char    *position;
  /* As the database holds them when the user was read; FALSE in a user
   * made by hand. A deactivated user may do nothing; the deputy may also
   * decide leave and penalty cases, as the headteacher authorised. */
  gboolean deactivated;
  gboolean deputy;
};
typedef struct _AttUser AttUser;

#define ATT_TYPE_USER (att_user_get_type ())
GType         att_user_get_type     (void) G_GNUC_CONST;
AttUser      *att_user_copy         (const AttUser  *user);
void          att_user_free         (AttUser        *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttUser, att_user_free)

/* The system itself, for the set-up path only: creating a database, its
 * first users and settings while it has none, and a demonstration
 * school. Every other change is made by a user. Never freed. */
const AttUser *att_user_system      (void);
gboolean      att_user_is_system    (const AttUser  *user);

const char   *att_role_to_string    (AttRole         role);   /* "attendance-officer" */
const char   *att_role_describe     (AttRole         role);   /* translated */
gboolean      att_role_parse        (const char     *text,
                                     AttRole        *role,
                                     GError        **error);

gboolean      att_role_can          (AttRole         role,
                                     AttPermission   perm);
/* What @user may do: their role's rights, and the headteacher's
 * decisions when they are the authorised deputy; nothing when they are
 * deactivated. */
gboolean      att_user_can          (const AttUser  *user,
                                     AttPermission   perm);
/* An ATT_ERROR_PERMISSION naming the user, their role and the action
 * when the role does not allow @perm. There is always a user: the set-up
 * path acts as att_user_system(). */
gboolean      att_user_require      (const AttUser  *user,
                                     AttPermission   perm,
                                     GError        **error);

/* Adds a user; names are unique (case-insensitive). @user needs the
 * right to manage users. Returns the id. */
gint64        att_users_add         (AttDb          *db,
                                     const AttUser  *user,
                                     const char     *name,
                                     AttRole         role,
                                     const char     *position,
                                     GError        **error);
/* AttUser, by name. */
GPtrArray    *att_users_list        (AttDb          *db,
                                     GError        **error);
AttUser      *att_users_find        (AttDb          *db,
                                     const char     *name,
                                     GError        **error);
AttUser      *att_users_get         (AttDb          *db,
                                     gint64          id,
                                     GError        **error);

/* Deactivates (@active FALSE) or reactivates user @user_id. @actor needs
 * the right to manage users, and may not deactivate themselves or the
 * last active user who may manage users. A deactivated user cannot sign
 * in or be named with --user, and is no longer the deputy; everything
 * they did stays theirs in the register's history and the audit log.
 * Audited. */
gboolean      att_users_set_active  (AttDb          *db,
                                     const AttUser  *actor,
                                     gint64          user_id,
                                     gboolean        active,
                                     GError        **error);
/* Authorises user @user_id (0: nobody) as the headteacher's deputy, who
 * may then decide leave and penalty cases; the deputy before, if any, no
 * longer is. @actor needs the right to authorise a deputy (the
 * headteacher); the deputy is an active user who is not a headteacher.
 * Audited. */
gboolean      att_users_set_deputy  (AttDb          *db,
                                     const AttUser  *actor,
                                     gint64          user_id,
                                     GError        **error);
/* The authorised deputy, or NULL (with no error) when there is none. */
AttUser      *att_users_get_deputy  (AttDb          *db,
                                     GError        **error);

/* Appends a row to the general audit log (changes other than marks,
 * which have their own history). Part of the caller's transaction. */
gboolean      att_audit_log         (AttDb          *db,
                                     const AttUser  *user,
                                     const char     *action,
                                     const char     *detail,
                                     GError        **error);
/* The id of the actor row (user name and position at the time) used by
 * audit rows; creates it when the user's name or position is new. */
gint64        att_audit_actor       (AttDb          *db,
                                     const AttUser  *user,
                                     GError        **error);

/* Whether @name may be a user's name (not empty, one line, not too long),
 * for a form that says so beside the field; att_users_add () checks it
 * again, and that the name is not taken. */
gboolean      att_users_check_name  (const char     *name,
                                     GError        **error);

G_END_DECLS
