/* att-users.c: the people who use the system, their roles and rights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-text.h"
#include "att-users.h"

G_DEFINE_BOXED_TYPE (AttUser, att_user, att_user_copy, att_user_free)

AttUser *
att_user_copy (const AttUser *user)
{
  AttUser *copy;

  g_return_val_if_fail (user != NULL, NULL);

  copy = g_new0 (AttUser, 1);
  copy->id = user->id;
  copy->name = g_strdup (user->name);
  copy->role = user->role;
  copy->position = g_strdup (user->position);
  copy->deactivated = user->deactivated;
  copy->deputy = user->deputy;
  return copy;
}

const AttUser *
att_user_system (void)
{
  /* Not a person: the set-up path (a new database, its first users and
   * settings, a demonstration school) acts as the system itself. Its name
   * is what the audit rows keep, so it is not translated. */
  static const AttUser system = {
    .id = 0,
    .name = (char *)"System",
    .role = ATT_ROLE_ADMIN,
    .position = (char *)"",
  };

  return &system;
}

gboolean
att_user_is_system (const AttUser *user)
{
  return user != NULL && user->id <= 0;
}

void
att_user_free (AttUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->position);
  g_free (user);
}

static const char * const role_names[ATT_N_ROLES] = {
  [ATT_ROLE_RECEPTIONIST] = "receptionist",
  [ATT_ROLE_ATTENDANCE_OFFICER] = "attendance-officer",
  [ATT_ROLE_HEADTEACHER] = "headteacher",
  [ATT_ROLE_ADMIN] = "admin",
};

#define BIT(p) (1u << (p))

/* Who may do what: the one table. Each role may do what the one before
 * it may, and more: a receptionist marks (and puts right today's marks),
 * logs calls, records leave requests and changes a contact's phone
 * numbers and e-mail address (never who the contact is); an attendance officer also
 * amends earlier days' marks, marks in bulk, keeps pupils, contacts and
 * the calendar, runs letters and records casework; the headteacher may
 * do everything, and alone decides leave and penalty cases (or a deputy
 * they authorise, see att_user_can()), but the administrator's own. The
 * administrator runs the system (users, settings, imports, backups: a
 * restore replaces the whole register; the audit log; the deletion of
 * leavers' records at the end of their retention) and may do what an attendance
 * officer does, but takes none of the headteacher's decisions. */
#define RECEPTIONIST_PERMS (BIT (ATT_PERM_MARK) | BIT (ATT_PERM_LOG_CALLS) | \
                            BIT (ATT_PERM_RECORD_LEAVE) | BIT (ATT_PERM_EDIT_CONTACT_NUMBERS))
#define OFFICER_PERMS (RECEPTIONIST_PERMS | BIT (ATT_PERM_AMEND) | BIT (ATT_PERM_BULK_MARK) | \
                       BIT (ATT_PERM_EDIT_PUPILS) | BIT (ATT_PERM_CALENDAR) | \
                       BIT (ATT_PERM_LETTERS) | BIT (ATT_PERM_CASEWORK) | \
                       BIT (ATT_PERM_SUBJECT_ACCESS))
/* What only the administrator may do: the whole register's safety and
 * the log of everyone's changes. */
#define ADMIN_ONLY (BIT (ATT_PERM_BACKUPS) | BIT (ATT_PERM_READ_AUDIT) | BIT (ATT_PERM_PURGE))
#define HEADTEACHER_DECISIONS (BIT (ATT_PERM_DECIDE_LEAVE) | BIT (ATT_PERM_PENALTY) | \
                               BIT (ATT_PERM_AUTHORISE_DEPUTY))
/* What the headteacher may hand to a deputy. */
#define DEPUTY_PERMS (BIT (ATT_PERM_DECIDE_LEAVE) | BIT (ATT_PERM_PENALTY))

static const guint permissions[ATT_N_ROLES] = {
  [ATT_ROLE_RECEPTIONIST] = RECEPTIONIST_PERMS,
  [ATT_ROLE_ATTENDANCE_OFFICER] = OFFICER_PERMS,
  [ATT_ROLE_HEADTEACHER] = ((1u << ATT_N_PERMS) - 1) & ~ADMIN_ONLY,
  [ATT_ROLE_ADMIN] = ((1u << ATT_N_PERMS) - 1) & ~HEADTEACHER_DECISIONS,
};

const char *
att_role_to_string (AttRole role)
{
  g_return_val_if_fail ((guint)role < ATT_N_ROLES, "");
  return role_names[role];
}

const char *
att_role_describe (AttRole role)
{
  switch (role)
    {
    case ATT_ROLE_RECEPTIONIST:
      return _("Receptionist");
    case ATT_ROLE_ATTENDANCE_OFFICER:
      return _("Attendance officer");
    case ATT_ROLE_HEADTEACHER:
      return _("Headteacher");
    case ATT_ROLE_ADMIN:
      return _("Administrator");
    case ATT_N_ROLES:
    default:
      g_return_val_if_reached ("");
    }
}

/* The role as it reads inside a sentence: "Sam is a receptionist". */
static const char *
role_with_article (AttRole role)
{
  switch (role)
    {
    case ATT_ROLE_RECEPTIONIST:
      return _("a receptionist");
    case ATT_ROLE_ATTENDANCE_OFFICER:
      return _("an attendance officer");
    case ATT_ROLE_HEADTEACHER:
      return _("the headteacher");
    case ATT_ROLE_ADMIN:
      return _("an administrator");
    case ATT_N_ROLES:
    default:
      return "";
    }
}

gboolean
att_role_parse (const char  *text,
                AttRole     *role,
                GError     **error)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (role != NULL, FALSE);

  /* "Attendance officer", "attendance_officer" and "attendance-officer"
   * are all the same role. */
  norm = g_strstrip (g_ascii_strdown (text ? text : "", -1));
  g_strdelimit (norm, "_ ", '-');

  for (guint i = 0; i < ATT_N_ROLES; i++)
    if (strcmp (norm, role_names[i]) == 0)
      {
        *role = (AttRole)i;
        return TRUE;
      }
  if (strcmp (norm, "administrator") == 0)
    {
      *role = ATT_ROLE_ADMIN;
      return TRUE;
    }

  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a role: use receptionist, attendance-officer, headteacher or admin"),
               text ? text : "");
  return FALSE;
}

gboolean
att_role_can (AttRole       role,
              AttPermission perm)
{
  g_return_val_if_fail ((guint)role < ATT_N_ROLES, FALSE);
  g_return_val_if_fail ((guint)perm < ATT_N_PERMS, FALSE);

  return (permissions[role] & BIT (perm)) != 0;
}

/* What a permission lets someone do, to finish "… and cannot %s". */
static const char *
permission_action (AttPermission perm)
{
  switch (perm)
    {
    case ATT_PERM_MARK:
      return _("take the register");
    case ATT_PERM_AMEND:
      return _("change a saved mark of an earlier day");
    case ATT_PERM_BULK_MARK:
      return _("mark sessions in bulk or import marks");
    case ATT_PERM_EDIT_PUPILS:
      return _("add or change pupils and contacts");
    case ATT_PERM_DELETE_PUPIL:
      return _("delete a pupil");
    case ATT_PERM_CALENDAR:
      return _("change terms or closures");
    case ATT_PERM_SETTINGS:
      return _("change the school’s settings");
    case ATT_PERM_USERS:
      return _("add or change users");
    case ATT_PERM_DECIDE_LEAVE:
      return _("decide a leave request");
    case ATT_PERM_PENALTY:
      return _("record a penalty-notice decision");
    case ATT_PERM_BACKUPS:
      return _("change the backup settings or restore a backup");
    case ATT_PERM_LOG_CALLS:
      return _("log calls, the late book or the local authority’s notices");
    case ATT_PERM_RECORD_LEAVE:
      return _("record a leave request");
    case ATT_PERM_LETTERS:
      return _("print or record letters");
    case ATT_PERM_CASEWORK:
      return _("record casework");
    case ATT_PERM_IMPORT:
      return _("import from a file");
    case ATT_PERM_AUTHORISE_DEPUTY:
      return _("authorise a deputy");
    case ATT_PERM_READ_AUDIT:
      return _("read the audit log");
    case ATT_PERM_PURGE:
      return _("delete pupils’ records at the end of their retention");
    case ATT_PERM_SUBJECT_ACCESS:
      return _("export everything held about a pupil");
    case ATT_PERM_EDIT_CONTACT_NUMBERS:
      return _("change a contact’s phone numbers or e-mail address");
    case ATT_N_PERMS:
    default:
      return "";
    }
}

gboolean
att_user_can (const AttUser *user,
              AttPermission  perm)
{
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail ((guint)perm < ATT_N_PERMS, FALSE);

  if (user->deactivated)
    return FALSE;
  if (user->deputy && (DEPUTY_PERMS & BIT (perm)) != 0)
    return TRUE;
  return att_role_can (user->role, perm);
}

gboolean
att_user_require (const AttUser  *user,
                  AttPermission   perm,
                  GError        **error)
{
  /* The order in which people to ask are named. */
  static const AttRole ask_order[] = {
    ATT_ROLE_ATTENDANCE_OFFICER,
    ATT_ROLE_ADMIN,
    ATT_ROLE_HEADTEACHER,
  };
  g_autoptr(GPtrArray) ask = NULL;
  g_autofree char *who = NULL;

  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail ((guint)perm < ATT_N_PERMS, FALSE);

  if (att_user_can (user, perm))
    return TRUE;

  if (user->deactivated)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   _("%s has been deactivated and may no longer make changes: an administrator can reactivate them"),
                   user->name);
      return FALSE;
    }

  ask = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (ask_order); i++)
    if (att_role_can (ask_order[i], perm))
      g_ptr_array_add (ask, (gpointer)role_with_article (ask_order[i]));

  if (ask->len == 1)
    who = g_strdup (ask->pdata[0]);
  else if (ask->len == 2)
    /* Translators: the people to ask, as in "an administrator or the headteacher" */
    who = g_strdup_printf (_("%s or %s"), (char *)ask->pdata[0], (char *)ask->pdata[1]);
  else
    /* Translators: the people to ask, as in "an attendance officer, an administrator or the headteacher" */
    who = g_strdup_printf (_("%s, %s or %s"), (char *)ask->pdata[0],
                           (char *)ask->pdata[1], (char *)ask->pdata[2]);

  g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
               /* Translators: "Sam Patel is a receptionist and cannot delete a pupil: ask an administrator or the headteacher" */
               _("%s is %s and cannot %s: ask %s"),
               user->name, role_with_article (user->role), permission_action (perm), who);
  return FALSE;
}

static gpointer
user_from_row (sqlite3_stmt *stmt)
{
  AttUser *user = g_new0 (AttUser, 1);
  AttRole role = ATT_ROLE_RECEPTIONIST;

  user->id = sqlite3_column_int64 (stmt, 0);
  user->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  /* The table's CHECK constraint keeps the role to the known names. */
  att_role_parse ((const char *)sqlite3_column_text (stmt, 2), &role, NULL);
  user->role = role;
  user->position = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  user->deactivated = sqlite3_column_int (stmt, 4) == 0;
  user->deputy = sqlite3_column_int (stmt, 5) != 0;
  return user;
}

#define USER_COLUMNS "id, name, role, position, active, deputy"

gint64
att_users_add (AttDb          *db,
               const AttUser  *user,
               const char     *name,
               AttRole         role,
               const char     *position,
               GError        **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_position = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(AttUser) existing = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);
  g_return_val_if_fail ((guint)role < ATT_N_ROLES, 0);

  if (!att_user_require (user, ATT_PERM_USERS, error))
    return 0;

  clean_name = g_strstrip (g_strdup (name ? name : ""));
  if (*clean_name == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A user needs a name"));
      return 0;
    }

  /* The position is written beside every change the user makes, as the
   * regulations ask; the role's name stands in when none is given. */
  clean_position = g_strstrip (g_strdup (position ? position : ""));
  if (*clean_position == '\0')
    {
      g_free (clean_position);
      clean_position = g_strdup (att_role_describe (role));
    }
  if (!att_text_check (_("The user's name"), clean_name, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error) ||
      !att_text_check (_("The position"), clean_position, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error))
    return 0;

  if (!att_db_begin (db, error))
    return 0;

  existing = att_users_find (db, clean_name, NULL);
  if (existing != NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("There is already a user called “%s”: choose a different name"),
                   existing->name);
      att_db_rollback (db);
      return 0;
    }

  stmt = att_db_prepare (db,
                         "INSERT INTO users (name, role, position, created_at) "
                         "VALUES (?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, att_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, clean_position, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));

  detail = g_strdup_printf ("%s, %s, %s", clean_name, att_role_to_string (role),
                            clean_position);
  if (!att_audit_record_added (db, user, ATT_AUDIT_USER, 0, "users.add", detail,
                               "users", id, error))
    goto failed;

  att_db_note_change (db, ATT_CHANGE_USERS);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

GPtrArray *
att_users_list (AttDb   *db,
                GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
                         "SELECT " USER_COLUMNS " FROM users "
                         "ORDER BY name COLLATE NOCASE, id",
                         error);
  if (stmt == NULL)
    return NULL;
  return att_db_collect (db, stmt, user_from_row,
                         (GDestroyNotify)att_user_free, _("read the users"), error);
}

static AttUser *
find_one (AttDb        *db,
          const char   *sql,
          const char   *name,
          gint64        id,
          GError      **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db, sql, error);
  AttUser *user = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    user = user_from_row (stmt);
  else if (rc != SQLITE_DONE)
    att_db_set_sqlite_error (db, error, _("read the users"));
  else if (name != NULL)
    g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                 _("There is no user called “%s”: check the spelling, or add them with “users add”"),
                 name);
  else
    g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                 _("There is no user number %lld"), (long long) id);
  sqlite3_reset (stmt);
  return user;
}

AttUser *
att_users_find (AttDb       *db,
                const char  *name,
                GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  clean = g_strstrip (g_strdup (name ? name : ""));
  return find_one (db,
                   "SELECT " USER_COLUMNS " FROM users WHERE name = ? COLLATE NOCASE",
                   clean, 0, error);
}

AttUser *
att_users_get (AttDb    *db,
               gint64    id,
               GError  **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  return find_one (db, "SELECT " USER_COLUMNS " FROM users WHERE id = ?",
                   NULL, id, error);
}

/* How many active users, other than @except, may manage users. */
static gboolean
count_other_managers (AttDb   *db,
                      gint64   except,
                      gint64  *n,
                      GError **error)
{
  g_autoptr(GPtrArray) users = att_users_list (db, error);

  if (users == NULL)
    return FALSE;
  *n = 0;
  for (guint i = 0; i < users->len; i++)
    {
      const AttUser *u = g_ptr_array_index (users, i);

      if (u->id != except && att_user_can (u, ATT_PERM_USERS))
        (*n)++;
    }
  return TRUE;
}

gboolean
att_users_set_active (AttDb          *db,
                      const AttUser  *actor,
                      gint64          user_id,
                      gboolean        active,
                      GError        **error)
{
  g_autoptr(AttUser) target = NULL;
  sqlite3_stmt *stmt;
  gint64 others = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!att_user_require (actor, ATT_PERM_USERS, error))
    return FALSE;
  if (!att_db_begin (db, error))
    return FALSE;

  target = att_users_get (db, user_id, error);
  if (target == NULL)
    goto failed;
  if (target->deactivated == !active)
    {
      /* Nothing to change, and nothing logged. */
      att_db_rollback (db);
      return TRUE;
    }
  if (!active && actor->id == target->id)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s cannot deactivate themselves: ask another administrator"),
                   target->name);
      goto failed;
    }
  if (!active && att_user_can (target, ATT_PERM_USERS))
    {
      if (!count_other_managers (db, target->id, &others, error))
        goto failed;
      if (others == 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s is the only active user who may manage users: add or reactivate another administrator first"),
                       target->name);
          goto failed;
        }
    }

  stmt = att_db_prepare (db,
                         active ? "UPDATE users SET active = 1 WHERE id = ?"
                                : "UPDATE users SET active = 0, deputy = 0 WHERE id = ?",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, target->id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  if (!att_audit_log (db, actor, active ? "users.activate" : "users.deactivate",
                      target->name, error))
    goto failed;
  if (!active && target->deputy &&
      !att_audit_log (db, actor, "users.deputy", "", error))
    goto failed;

  att_db_note_change (db, ATT_CHANGE_USERS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

AttUser *
att_users_get_deputy (AttDb   *db,
                      GError **error)
{
  sqlite3_stmt *stmt;
  AttUser *deputy = NULL;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, "SELECT " USER_COLUMNS " FROM users WHERE deputy = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    deputy = user_from_row (stmt);
  else if (rc != SQLITE_DONE)
    att_db_set_sqlite_error (db, error, _("read the users"));
  sqlite3_reset (stmt);
  return deputy;
}

gboolean
att_users_set_deputy (AttDb          *db,
                      const AttUser  *actor,
                      gint64          user_id,
                      GError        **error)
{
  g_autoptr(AttUser) target = NULL;
  g_autoptr(AttUser) before = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!att_user_require (actor, ATT_PERM_AUTHORISE_DEPUTY, error))
    return FALSE;
  if (!att_db_begin (db, error))
    return FALSE;

  before = att_users_get_deputy (db, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  if (user_id > 0)
    {
      target = att_users_get (db, user_id, error);
      if (target == NULL)
        goto failed;
      if (target->deactivated)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s has been deactivated: reactivate them before authorising them as deputy"),
                       target->name);
          goto failed;
        }
      if (target->role == ATT_ROLE_HEADTEACHER)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s is a headteacher and decides leave and penalty cases already: choose someone else as deputy"),
                       target->name);
          goto failed;
        }
    }
  if ((before == NULL && target == NULL) ||
      (before != NULL && target != NULL && before->id == target->id))
    {
      att_db_rollback (db);
      return TRUE;
    }

  stmt = att_db_prepare (db, "UPDATE users SET deputy = (id = ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  /* The detail names the deputy, empty when the authority is withdrawn. */
  if (!att_audit_log (db, actor, "users.deputy", target != NULL ? target->name : "", error))
    goto failed;

  att_db_note_change (db, ATT_CHANGE_USERS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

gint64
att_audit_actor (AttDb          *db,
                 const AttUser  *user,
                 GError        **error)
{
  const char *name;
  const char *position;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  name = user->name;
  position = user->position != NULL ? user->position : "";

  /* "IS" rather than "=" so that the system's actor, whose user_id is
   * NULL, is found too (UNIQUE does not stop repeated NULLs). */
  stmt = att_db_prepare (db,
                         "SELECT id FROM actors "
                         "WHERE user_id IS ? AND name = ? AND position = ?",
                         error);
  if (stmt == NULL)
    return 0;
  if (user->id > 0)
    sqlite3_bind_int64 (stmt, 1, user->id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, position, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return id;
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the audit log"));
      return 0;
    }

  stmt = att_db_prepare (db,
                         "INSERT INTO actors (user_id, name, position) VALUES (?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  if (user->id > 0)
    sqlite3_bind_int64 (stmt, 1, user->id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, position, -1, SQLITE_TRANSIENT);
  if (!att_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (att_db_get_handle (db));
}

gboolean
att_audit_log (AttDb          *db,
               const AttUser  *user,
               const char     *action,
               const char     *detail,
               GError        **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  /* A row with no record before or after: its kind is read from the
   * action's name. Changes to records say more through
   * att_audit_record(). */
  return att_audit_record (db, user, att_audit_kind_for_action (action), 0,
                           action, detail, NULL, NULL, error);
}

gboolean
att_users_check_name (const char  *name,
                      GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  /* The same words as att_users_add (), which checks them again. */
  if (*clean == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A user needs a name"));
      return FALSE;
    }
  return att_text_check (_("The user's name"), clean, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error);
}
