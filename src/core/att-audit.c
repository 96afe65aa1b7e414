/* att-audit.c: the audit log, who changed what, when, from what to what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-clock.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-file.h"
#include "att-import.h"
#include "att-pupils.h"
#include "att-users.h"

static const char * const kind_names[ATT_AUDIT_N_KINDS] = {
  [ATT_AUDIT_OTHER] = "other",
  [ATT_AUDIT_PUPIL] = "pupil",
  [ATT_AUDIT_CONTACT] = "contact",
  [ATT_AUDIT_MARK] = "mark",
  [ATT_AUDIT_CALL] = "call",
  [ATT_AUDIT_LEAVE] = "leave",
  [ATT_AUDIT_LETTER] = "letter",
  [ATT_AUDIT_CASEWORK] = "casework",
  [ATT_AUDIT_PENALTY] = "penalty",
  [ATT_AUDIT_USER] = "user",
  [ATT_AUDIT_SETTING] = "setting",
  [ATT_AUDIT_CALENDAR] = "calendar",
  [ATT_AUDIT_IMPORT] = "import",
  [ATT_AUDIT_EXPORT] = "export",
};

const char *
att_audit_kind_to_string (AttAuditKind kind)
{
  g_return_val_if_fail ((guint)kind < ATT_AUDIT_N_KINDS, "other");
  return kind_names[kind];
}

const char *
att_audit_kind_describe (AttAuditKind kind)
{
  switch (kind)
    {
    case ATT_AUDIT_PUPIL:
      return _("Pupil");
    case ATT_AUDIT_CONTACT:
      return _("Contact");
    case ATT_AUDIT_MARK:
      return _("Mark");
    case ATT_AUDIT_CALL:
      return _("Call");
    case ATT_AUDIT_LEAVE:
      return _("Leave");
    case ATT_AUDIT_LETTER:
      return _("Letter");
    case ATT_AUDIT_CASEWORK:
      return _("Casework");
    case ATT_AUDIT_PENALTY:
      return _("Penalty decision");
    case ATT_AUDIT_USER:
      return _("User");
    case ATT_AUDIT_SETTING:
      return _("Setting");
    case ATT_AUDIT_CALENDAR:
      return _("Calendar");
    case ATT_AUDIT_IMPORT:
      return _("Import");
    case ATT_AUDIT_EXPORT:
      return _("Export");
    case ATT_AUDIT_OTHER:
    case ATT_AUDIT_N_KINDS:
    default:
      return _("Other");
    }
}

AttAuditKind
att_audit_kind_from_string (const char *text)
{
  if (text != NULL)
    for (guint i = 0; i < ATT_AUDIT_N_KINDS; i++)
      if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
        return i;
  return ATT_AUDIT_OTHER;
}

gboolean
att_audit_kind_parse (const char    *text,
                      AttAuditKind  *kind,
                      GError       **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < ATT_AUDIT_N_KINDS; i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }

  for (guint i = 0; i < ATT_AUDIT_N_KINDS; i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", kind_names[i]);
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a kind of change: use one of %s"),
               text != NULL ? text : "", known->str);
  return FALSE;
}

/* What each action's name means, by its first words: the kind of change
 * the log files it under, and what the window must read again when
 * another program made it (AttChange flags). The longer names come
 * before the shorter ones they begin with. An action not here is of kind
 * "other" and may have changed anything (a restored backup, a
 * demonstration school made in place). */
#define EVERYTHING (ATT_CHANGE_SETTINGS | ATT_CHANGE_CALENDAR | ATT_CHANGE_USERS | \
                    ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS | ATT_CHANGE_MARKS | ATT_CHANGE_OTHER)

static const struct
{
  const char   *prefix;
  AttAuditKind  kind;
  AttChange     changes;
} action_areas[] = {
  /* The end of retention takes pupils with their register. */
  { "pupils.purge", ATT_AUDIT_PUPIL, ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS | ATT_CHANGE_MARKS },
  { "pupils.", ATT_AUDIT_PUPIL, ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS },
  { "contacts.", ATT_AUDIT_CONTACT, ATT_CHANGE_CONTACTS },
  { "marks.", ATT_AUDIT_MARK, ATT_CHANGE_MARKS },
  { "register.filters", ATT_AUDIT_SETTING, ATT_CHANGE_SETTINGS },
  { "register.", ATT_AUDIT_SETTING, EVERYTHING },
  /* Calls, the late book, the local authority's notices, leave and
   * letters: the marks they write are read from the register's history. */
  { "calls.", ATT_AUDIT_CALL, ATT_CHANGE_OTHER },
  { "latebook.", ATT_AUDIT_OTHER, ATT_CHANGE_OTHER },
  { "la.", ATT_AUDIT_OTHER, ATT_CHANGE_OTHER },
  { "firstday.", ATT_AUDIT_OTHER, ATT_CHANGE_SETTINGS },
  { "leave.", ATT_AUDIT_LEAVE, ATT_CHANGE_OTHER },
  { "letters.logo", ATT_AUDIT_LETTER, ATT_CHANGE_SETTINGS },
  { "letters.signature", ATT_AUDIT_LETTER, ATT_CHANGE_SETTINGS },
  { "letters.", ATT_AUDIT_LETTER, ATT_CHANGE_OTHER },
  { "casework.", ATT_AUDIT_CASEWORK, ATT_CHANGE_OTHER },
  { "penalty.", ATT_AUDIT_PENALTY, ATT_CHANGE_OTHER },
  /* Signing in, and a wrong password, change nobody's record. */
  { "users.sign-in", ATT_AUDIT_USER, 0 },
  { "users.", ATT_AUDIT_USER, ATT_CHANGE_USERS },
  { "school.", ATT_AUDIT_SETTING, ATT_CHANGE_SETTINGS },
  { "settings.", ATT_AUDIT_SETTING, ATT_CHANGE_SETTINGS },
  { "calendar.", ATT_AUDIT_CALENDAR, ATT_CHANGE_CALENDAR },
  { "import.", ATT_AUDIT_IMPORT, EVERYTHING },
  /* Exports (of the audit log, of what is held about a pupil) change
   * nothing but the log itself. */
  { "export.", ATT_AUDIT_EXPORT, 0 },
  { "sar.", ATT_AUDIT_EXPORT, 0 },
};

static int
action_area (const char *action)
{
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (action_areas); i++)
    if (g_str_has_prefix (action, action_areas[i].prefix))
      return (int)i;
  return -1;
}

AttAuditKind
att_audit_kind_for_action (const char *action)
{
  int i;

  if (action == NULL)
    return ATT_AUDIT_OTHER;
  /* An import of pupils, contacts or marks is one row for the file. */
  if (g_str_has_suffix (action, ".import") || strcmp (action, "demo") == 0)
    return ATT_AUDIT_IMPORT;
  i = action_area (action);
  return i < 0 ? ATT_AUDIT_OTHER : action_areas[i].kind;
}

guint
att_audit_changes_for_action (const char *action)
{
  int i = action_area (action);

  return i < 0 ? EVERYTHING : action_areas[i].changes;
}

const char *
att_audit_describe_action (const char *action)
{
  static const struct
  {
    const char *action;
    const char *text;
  } actions[] = {
    { "pupils.add", N_("Pupil added") },
    { "pupils.update", N_("Pupil’s details changed") },
    { "pupils.delete", N_("Pupil deleted") },
    { "pupils.import", N_("Pupils imported") },
    { "pupils.purge", N_("Records deleted at the end of retention") },
    { "contacts.add", N_("Contact added") },
    { "contacts.update", N_("Contact changed") },
    { "contacts.import", N_("Contacts imported") },
    { "pupils.leave", N_("Leaver recorded") },
    { "pupils.return", N_("Leaver put back on roll") },
    { "contacts.remove", N_("Contact removed") },
    { "contacts.reorder", N_("Contacts put in a new calling order") },
    { "contacts.numbers", N_("Contact’s numbers changed") },
    { "marks.enter", N_("Mark entered") },
    { "marks.amend", N_("Mark amended") },
    { "marks.import", N_("Marks imported") },
    { "users.add", N_("User added") },
    { "school.set", N_("School setting changed") },
    { "calendar.term.add", N_("Term added") },
    { "calendar.closure.add", N_("Closure added") },
    { "register.filters", N_("Register filters saved") },
    { "export.audit", N_("Audit log exported") },
    { "sar.export", N_("Subject access export") },
    { "demo", N_("Demonstration school made") },
    { "leave.add", N_("Leave of absence requested") },
    { "leave.decide", N_("Leave of absence decided") },
    { "leave.withdraw", N_("Request for leave withdrawn") },
    { "leave.review", N_("Part-time timetable reviewed") },
    { "calendar.exams.add", N_("Exam period added") },
    { "calendar.exams.remove", N_("Exam period removed") },
    { "contacts.confirm", N_("Contact’s details checked with the family") },
    { "school.la-profile", N_("Referral pack’s sections changed") },
    { "export.casepack", N_("Referral pack made for the local authority") },
    { "ctf.import", N_("Common Transfer File imported") },
    { "ctf.previous-attendance", N_("Attendance at a previous school kept") },
    { "import.mapping", N_("Columns of a kind of file remembered") },
  };

  g_return_val_if_fail (action != NULL, "");

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (strcmp (action, actions[i].action) == 0)
      return _(actions[i].text);
  return action;
}

gint64
att_audit_now (void)
{
  const char *fixed = g_getenv ("ATTENDANCE_TODAY");
  g_autoptr(GDateTime) moment = NULL;
  int year, month, day, minutes;

  if (fixed == NULL || *fixed == '\0' || att_date_parse_iso (fixed, NULL) == ATT_DATE_NONE)
    return g_get_real_time () / G_USEC_PER_SEC;

  att_date_to_ymd (att_date_today (), &year, &month, &day);
  minutes = att_clock_now ();
  moment = g_date_time_new_local (year, month, day, minutes / 60, minutes % 60, 0);
  return moment != NULL ? g_date_time_to_unix (moment) : g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
att_audit_record (AttDb          *db,
                  const AttUser  *user,
                  AttAuditKind    kind,
                  gint64          pupil_id,
                  const char     *action,
                  const char     *detail,
                  const char     *before,
                  const char     *after,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 actor;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail ((guint)kind < ATT_AUDIT_N_KINDS, FALSE);

  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    return FALSE;

  stmt = att_db_prepare (db,
                         "INSERT INTO audit_log (at, actor_id, action, detail, kind, "
                         "pupil_id, old_value, new_value) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, att_audit_now ());
  sqlite3_bind_int64 (stmt, 2, actor);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, detail ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, kind_names[kind], -1, SQLITE_STATIC);
  if (pupil_id > 0)
    sqlite3_bind_int64 (stmt, 6, pupil_id);
  else
    sqlite3_bind_null (stmt, 6);
  if (before != NULL)
    sqlite3_bind_text (stmt, 7, before, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  if (after != NULL)
    sqlite3_bind_text (stmt, 8, after, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 8);
  return att_db_step_done (db, stmt, error);
}

/* JSON */

void
att_json_append_string (GString    *out,
                        const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
        }
    }
  g_string_append_c (out, '"');
}

char *
att_audit_json_pair (const char *key,
                     const char *value)
{
  GString *out;

  if (value == NULL)
    return NULL;
  out = g_string_new ("{");
  att_json_append_string (out, key);
  g_string_append_c (out, ':');
  att_json_append_string (out, value);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Columns that hold a day number (att-date.h) or a moment in seconds. */
static gboolean
is_date_column (const char *name)
{
  return strcmp (name, "dob") == 0 || strcmp (name, "as_of") == 0 ||
         g_str_has_suffix (name, "date") || g_str_has_prefix (name, "window_");
}

static gboolean
is_time_column (const char *name)
{
  return strcmp (name, "at") == 0 || g_str_has_suffix (name, "_at");
}

static char *
format_moment (gint64 at)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (at);

  return moment != NULL ? g_date_time_format (moment, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

gboolean
att_audit_snapshot (AttDb       *db,
                    const char  *table,
                    gint64       id,
                    char       **json,
                    GError     **error)
{
  static const char * const tables[] = {
    "pupils", "contacts", "users", "terms", "closures", "penalty_decisions",
    "leave_requests", "exam_periods", "penalty_improvements", "penalty_notices",
    "case_meetings", "case_support", "previous_attendance",
  };
  g_autofree char *sql = NULL;
  g_autoptr(GString) out = NULL;
  sqlite3_stmt *stmt;
  gboolean known = FALSE;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  *json = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    known |= g_strcmp0 (table, tables[i]) == 0;
  g_return_val_if_fail (known, FALSE);

  sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", table);
  stmt = att_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      att_db_set_sqlite_error (db, error, _("read the record for the audit log"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  out = g_string_new ("{");
  for (int col = 0; col < sqlite3_column_count (stmt); col++)
    {
      const char *name = sqlite3_column_name (stmt, col);
      int type = sqlite3_column_type (stmt, col);

      /* The row's id and the ids it refers to (the pupil's, whom the
       * row of the log names already) are not what a person changed;
       * binary columns (a sort key) are derived. */
      if (strcmp (name, "id") == 0 || g_str_has_suffix (name, "_id") || type == SQLITE_BLOB)
        continue;
      if (out->len > 1)
        g_string_append_c (out, ',');
      att_json_append_string (out, name);
      g_string_append_c (out, ':');
      if (type == SQLITE_NULL)
        g_string_append (out, "null");
      else if (type == SQLITE_INTEGER && is_date_column (name))
        {
          char text[16];

          att_json_append_string (out, att_date_format_to ((AttDate)sqlite3_column_int64 (stmt, col), text));
        }
      else if (type == SQLITE_INTEGER && is_time_column (name))
        {
          g_autofree char *text = format_moment (sqlite3_column_int64 (stmt, col));

          att_json_append_string (out, text);
        }
      else if (type == SQLITE_INTEGER)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, col));
      else
        att_json_append_string (out, (const char *)sqlite3_column_text (stmt, col));
    }
  g_string_append_c (out, '}');
  sqlite3_reset (stmt);
  *json = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

gboolean
att_audit_record_added (AttDb          *db,
                        const AttUser  *user,
                        AttAuditKind    kind,
                        gint64          pupil_id,
                        const char     *action,
                        const char     *detail,
                        const char     *table,
                        gint64          id,
                        GError        **error)
{
  g_autofree char *after = NULL;

  return att_audit_snapshot (db, table, id, &after, error) &&
         att_audit_record (db, user, kind, pupil_id, action, detail, NULL, after, error);
}

gboolean
att_audit_check (AttDb      *db,
                 GPtrArray  *problems,
                 GError    **error)
{
  static const char * const triggers[] = {
    "audit_log_kept", "audit_log_not_deleted", "mark_history_kept", "mark_history_not_deleted",
    "retention_permit_checked", "retention_permit_kept",
  };
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      stmt = att_db_prepare (db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, triggers[i], -1, SQLITE_STATIC);
      if (!att_db_query_int (db, stmt, &n, _("read the schema"), error))
        return FALSE;
      if (n == 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The rule “%s” that keeps the audit log and the register’s history unchanged is missing: the file was changed by another program; restore the latest backup"),
                                          triggers[i]));
    }

  stmt = att_db_prepare (db, "SELECT count(*) FROM retention_permits", error);
  if (stmt == NULL || !att_db_query_int (db, stmt, &n, _("read the schema"), error))
    return FALSE;
  if (n > 0)
    g_ptr_array_add (problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%lld permit to delete a pupil’s history was left behind: the file was changed by another program",
                                                   "%lld permits to delete pupils’ history were left behind: the file was changed by another program",
                                                   (gulong)n),
                                      (long long)n));
  return TRUE;
}

gboolean
att_audit_require_reader (const AttUser  *user,
                          GError        **error)
{
  return att_user_require (user, ATT_PERM_READ_AUDIT, error);
}

/* The reader */

G_DEFINE_FINAL_TYPE (AttAuditEntry, att_audit_entry, G_TYPE_OBJECT)

static void
att_audit_entry_finalize (GObject *object)
{
  AttAuditEntry *self = ATT_AUDIT_ENTRY (object);

  g_free (self->who);
  g_free (self->position);
  g_free (self->upn);
  g_free (self->pupil_name);
  g_free (self->action);
  g_free (self->detail);
  g_free (self->before);
  g_free (self->after);

  G_OBJECT_CLASS (att_audit_entry_parent_class)->finalize (object);
}

static void
att_audit_entry_class_init (AttAuditEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_audit_entry_finalize;
}

static void
att_audit_entry_init (AttAuditEntry *self)
{
}

char *
att_audit_entry_format_time (AttAuditEntry *self)
{
  g_autoptr(GDateTime) moment = NULL;

  g_return_val_if_fail (ATT_IS_AUDIT_ENTRY (self), NULL);

  moment = g_date_time_new_from_unix_local (self->at);
  return moment != NULL ? g_date_time_format (moment, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* A flat JSON object, as att_audit_snapshot() and the mark rows write
 * them, read into ordered keys and their values as text (NULL for null).
 * Anything else (an array, a nested object) is kept as its JSON text. */
static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}

static const char *
read_string (const char  *p,
             GString     *out)
{
  /* @p is just after the opening quote. */
  while (*p != '\0' && *p != '"')
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'u':
          {
            char hex[5] = { 0 };
            gunichar c;

            for (int i = 0; i < 4 && p[1] != '\0'; i++)
              hex[i] = *++p;
            c = (gunichar)g_ascii_strtoull (hex, NULL, 16);
            g_string_append_unichar (out, c);
          }
          break;
        case '\0':
          return p;
        default:
          g_string_append_c (out, *p);
        }
      p++;
    }
  return *p == '"' ? p + 1 : p;
}

static const char *
read_value (const char  *p,
            char       **value)
{
  if (*p == '"')
    {
      GString *text = g_string_new (NULL);

      p = read_string (p + 1, text);
      *value = g_string_free (text, FALSE);
      return p;
    }
  if (*p == '{' || *p == '[')
    {
      const char *start = p;
      int depth = 0;
      gboolean in_string = FALSE;

      for (; *p != '\0'; p++)
        {
          if (in_string)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              else if (*p == '"')
                in_string = FALSE;
              continue;
            }
          if (*p == '"')
            in_string = TRUE;
          else if (*p == '{' || *p == '[')
            depth++;
          else if ((*p == '}' || *p == ']') && --depth == 0)
            {
              p++;
              break;
            }
        }
      *value = g_strndup (start, p - start);
      return p;
    }
  {
    const char *start = p;

    while (*p != '\0' && *p != ',' && *p != '}' && *p != ' ' && *p != '\n')
      p++;
    *value = g_strndup (start, p - start);
    if (strcmp (*value, "null") == 0)
      g_clear_pointer (value, g_free);
    return p;
  }
}

/* Keys in @keys, values in @values (NULL for null), in the object's order. */
static void
read_object (const char *json,
             GPtrArray  *keys,
             GPtrArray  *values)
{
  const char *p;

  if (json == NULL)
    return;
  p = skip_space (json);
  if (*p != '{')
    return;
  p++;
  for (;;)
    {
      GString *key;
      char *value = NULL;

      p = skip_space (p);
      if (*p != '"')
        return;
      key = g_string_new (NULL);
      p = skip_space (read_string (p + 1, key));
      if (*p != ':')
        {
          g_string_free (key, TRUE);
          return;
        }
      p = read_value (skip_space (p + 1), &value);
      g_ptr_array_add (keys, g_string_free (key, FALSE));
      g_ptr_array_add (values, value);
      p = skip_space (p);
      if (*p != ',')
        return;
      p++;
    }
}

char *
att_json_describe (const char *json)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  if (json == NULL)
    return NULL;
  read_object (json, keys, values);
  if (keys->len == 0)
    return g_strdup (json);
  out = g_string_new (NULL);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      g_string_append_printf (out, "%s%s: ", i > 0 ? "\n" : "", (const char *)g_ptr_array_index (keys, i));
      /* Translators: an empty field in the audit log's "before → after" */
      g_string_append (out, value != NULL && *value != '\0' ? value : _("(empty)"));
    }
  return g_string_free (out, FALSE);
}

static int
find_key (GPtrArray  *keys,
          const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (strcmp (g_ptr_array_index (keys, i), key) == 0)
      return (int)i;
  return -1;
}

static void
append_value (GString    *out,
              const char *value)
{
  /* Translators: an empty field in the audit log's "before → after" */
  g_string_append (out, value != NULL && *value != '\0' ? value : _("(empty)"));
}

char *
att_audit_entry_describe_change (AttAuditEntry *self)
{
  g_autoptr(GPtrArray) old_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) old_values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) new_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) new_values = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (ATT_IS_AUDIT_ENTRY (self), NULL);

  read_object (self->before, old_keys, old_values);
  read_object (self->after, new_keys, new_values);

  /* The fields of the record after the change, in its order, then any
   * the change took away. */
  for (guint i = 0; i < new_keys->len; i++)
    {
      const char *key = g_ptr_array_index (new_keys, i);
      const char *value = g_ptr_array_index (new_values, i);
      int old = find_key (old_keys, key);
      const char *old_value = old >= 0 ? g_ptr_array_index (old_values, old) : NULL;

      if (self->before != NULL && old >= 0 && g_strcmp0 (old_value, value) == 0)
        continue;
      /* A field left empty is not part of what was added. */
      if (value == NULL && (old < 0 || self->before == NULL))
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s: ", key);
      if (self->before != NULL)
        {
          append_value (out, old_value);
          g_string_append (out, " → ");
        }
      append_value (out, value);
    }
  for (guint i = 0; i < old_keys->len; i++)
    {
      const char *key = g_ptr_array_index (old_keys, i);
      const char *value = g_ptr_array_index (old_values, i);

      if (find_key (new_keys, key) >= 0 || value == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s: ", key);
      append_value (out, value);
      if (self->after != NULL)
        {
          g_string_append (out, " → ");
          append_value (out, NULL);
        }
    }
  return g_string_free (out, FALSE);
}

/* A mark's entry in the register's history, as a row of the log. */
static char *
mark_json (const char *code,
           gint64      minutes,
           gboolean    has_minutes,
           const char *comment)
{
  GString *out;

  if (code == NULL)
    return NULL;
  out = g_string_new ("{\"code\":");
  att_json_append_string (out, code);
  if (has_minutes)
    g_string_append_printf (out, ",\"minutes_late\":%" G_GINT64_FORMAT, minutes);
  if (comment != NULL && *comment != '\0')
    {
      g_string_append (out, ",\"comment\":");
      att_json_append_string (out, comment);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* The query is made for the filters given, each arm of it naming only
 * the conditions in use, so that SQLite reads a pupil's rows from the
 * index by pupil, and the newest rows of the whole school from the
 * indexes by time, rather than sorting the whole history. */
static char *
query_sql (const AttAuditFilter *filter)
{
  const char *order = filter->newest_first ? "DESC" : "ASC";
  g_autoptr(GString) audit = g_string_new ("1");
  g_autoptr(GString) history = g_string_new ("1");
  const char *by_user =
    " AND (a.name = :user COLLATE NOCASE"
    " OR a.user_id = (SELECT id FROM users WHERE name = :user COLLATE NOCASE))";

  if (filter->user != NULL && *filter->user != '\0')
    {
      g_string_append (audit, by_user);
      g_string_append (history, by_user);
    }
  if (filter->pupil_id > 0)
    {
      g_string_append (audit, " AND l.pupil_id = :pupil");
      g_string_append (history, " AND h.pupil_id = :pupil");
    }
  if (filter->kind >= 0 && filter->kind < ATT_AUDIT_N_KINDS)
    {
      g_string_append (audit, " AND l.kind = :kind");
      if (filter->kind != ATT_AUDIT_MARK)
        g_string_append (history, " AND 0");
    }
  if (filter->from != ATT_DATE_NONE)
    {
      g_string_append (audit, " AND l.at >= :from");
      g_string_append (history, " AND h.at >= :from");
    }
  if (filter->to != ATT_DATE_NONE)
    {
      g_string_append (audit, " AND l.at < :to");
      g_string_append (history, " AND h.at < :to");
    }

  return g_strdup_printf (
    "SELECT src, id, at, who, position, kind, pupil_id, action, detail, old_value, new_value, "
    "  date, session, old_code, new_code, old_minutes, new_minutes, comment FROM ("
    "SELECT * FROM (SELECT 0 AS src, l.id AS id, l.at AS at, a.name AS who, "
    "  a.position AS position, l.kind AS kind, l.pupil_id AS pupil_id, l.action AS action, "
    "  l.detail AS detail, l.old_value AS old_value, l.new_value AS new_value, NULL AS date, "
    "  NULL AS session, NULL AS old_code, NULL AS new_code, NULL AS old_minutes, "
    "  NULL AS new_minutes, NULL AS comment "
    "FROM audit_log l JOIN actors a ON a.id = l.actor_id WHERE %s "
    "ORDER BY l.at %s, l.id %s LIMIT :limit) "
    "UNION ALL "
    "SELECT * FROM (SELECT 1, h.id, h.at, a.name, a.position, 'mark', h.pupil_id, "
    "  CASE WHEN h.old_code IS NULL THEN 'marks.enter' ELSE 'marks.amend' END, h.reason, "
    "  NULL, NULL, h.date, h.session, h.old_code, h.new_code, h.old_minutes, h.new_minutes, "
    "  h.comment "
    "FROM mark_history h JOIN actors a ON a.id = h.actor_id WHERE %s "
    "ORDER BY h.at %s, h.id %s LIMIT :limit)) "
    "ORDER BY at %s, src %s, id %s LIMIT :limit",
    audit->str, order, order, history->str, order, order, order, order, order);
}

static void
bind_int (sqlite3_stmt *stmt,
          const char   *name,
          gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* Midnight at the start of @date, local time, in seconds since 1970. */
static gint64
start_of_day (AttDate date)
{
  g_autoptr(GDateTime) moment = NULL;
  int year, month, day;

  att_date_to_ymd (date, &year, &month, &day);
  moment = g_date_time_new_local (year, month, day, 0, 0, 0);
  return moment != NULL ? g_date_time_to_unix (moment) : 0;
}

static AttAuditEntry *
entry_from_row (AttDb        *db,
                sqlite3_stmt *stmt)
{
  AttAuditEntry *entry = g_object_new (ATT_TYPE_AUDIT_ENTRY, NULL);
  AttPupil *pupil;

  entry->from_history = sqlite3_column_int (stmt, 0) == 1;
  entry->id = sqlite3_column_int64 (stmt, 1);
  entry->at = sqlite3_column_int64 (stmt, 2);
  entry->who = att_db_column_dup (stmt, 3);
  entry->position = att_db_column_dup (stmt, 4);
  entry->kind = att_audit_kind_from_string ((const char *)sqlite3_column_text (stmt, 5));
  entry->pupil_id = sqlite3_column_int64 (stmt, 6);
  entry->action = att_db_column_dup (stmt, 7);

  if (!entry->from_history)
    {
      entry->detail = att_db_column_dup (stmt, 8);
      entry->before = att_db_column_dup (stmt, 9);
      entry->after = att_db_column_dup (stmt, 10);
    }
  else
    {
      char date[ATT_DATE_TEXT_SIZE];
      const char *reason = (const char *)sqlite3_column_text (stmt, 8);
      const char *comment = (const char *)sqlite3_column_text (stmt, 17);

      att_date_format_to ((AttDate)sqlite3_column_int64 (stmt, 11), date);
      entry->detail = g_strdup_printf ("%s %s%s%s", date,
                                       att_session_to_string (sqlite3_column_int (stmt, 12)),
                                       reason != NULL && *reason != '\0' ? ": " : "",
                                       reason != NULL ? reason : "");
      entry->before = mark_json ((const char *)sqlite3_column_text (stmt, 13),
                                 sqlite3_column_int64 (stmt, 15),
                                 sqlite3_column_type (stmt, 15) != SQLITE_NULL, NULL);
      entry->after = mark_json ((const char *)sqlite3_column_text (stmt, 14),
                                sqlite3_column_int64 (stmt, 16),
                                sqlite3_column_type (stmt, 16) != SQLITE_NULL, comment);
    }

  pupil = entry->pupil_id > 0 ? att_pupils_get (db, entry->pupil_id) : NULL;
  if (pupil != NULL)
    {
      entry->upn = g_strdup (pupil->upn);
      entry->pupil_name = g_strdup (att_pupil_get_display_name (pupil));
    }
  return entry;
}

GPtrArray *
att_audit_query (AttDb                *db,
                 const AttAuditFilter *filter,
                 GError              **error)
{
  static const AttAuditFilter all = ATT_AUDIT_FILTER_INIT;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (filter == NULL)
    filter = &all;

  /* Made for these filters, so prepared here rather than kept. */
  sql = query_sql (filter);
  if (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, _("read the audit log"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (filter->user != NULL)
    bind_text (stmt, ":user", filter->user);
  bind_int (stmt, ":pupil", filter->pupil_id);
  if (filter->kind >= 0 && filter->kind < ATT_AUDIT_N_KINDS)
    bind_text (stmt, ":kind", kind_names[filter->kind]);
  if (filter->from != ATT_DATE_NONE)
    bind_int (stmt, ":from", start_of_day (filter->from));
  if (filter->to != ATT_DATE_NONE)
    bind_int (stmt, ":to", start_of_day (filter->to + 1));
  bind_int (stmt, ":limit", filter->limit > 0 ? (gint64)filter->limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (db, stmt));
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the audit log"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&entries);
}

GString *
att_audit_to_csv (GPtrArray *entries)
{
  static const char * const columns[] = {
    "at", "who", "position", "kind", "upn", "pupil", "action", "detail", "change",
    "before", "after",
  };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (entries != NULL, out);

  att_csv_append_row (out, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < entries->len; i++)
    {
      AttAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *at = format_moment (entry->at);
      g_autofree char *change = att_audit_entry_describe_change (entry);
      const char *cells[] = {
        at, entry->who, entry->position, kind_names[entry->kind], entry->upn,
        entry->pupil_name, entry->action, entry->detail, change, entry->before,
        entry->after,
      };

      att_csv_append_row (out, cells, G_N_ELEMENTS (cells));
    }
  return out;
}

gboolean
att_audit_export_csv (AttDb                *db,
                      const AttUser        *user,
                      const AttAuditFilter *filter,
                      const char           *path,
                      guint                *n_rows,
                      GError              **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!att_audit_require_reader (user, error))
    return FALSE;

  entries = att_audit_query (db, filter, error);
  if (entries == NULL)
    return FALSE;
  out = att_audit_to_csv (entries);

  /* The export is itself in the log: who took a copy, and of how much. */
  if (!att_db_begin (db, error))
    return FALSE;
  detail = g_strdup_printf ("%s: %u rows", path, entries->len);
  if (!att_audit_record (db, user, ATT_AUDIT_EXPORT, filter != NULL ? filter->pupil_id : 0,
                         "export.audit", detail, NULL, NULL, error) ||
      !att_file_save_private (path, out->str, out->len, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = entries->len;
  return TRUE;
}
