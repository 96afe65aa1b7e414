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

/* What a change needs. Every core function that writes checks one. */
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

G_END_DECLS
