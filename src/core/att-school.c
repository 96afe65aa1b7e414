/* att-school.c: the school's own settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-text.h"
#include "att-school.h"
#include "att-users.h"

typedef enum
{
  KIND_TEXT,
  KIND_LINES,   /* text that may run over several lines */
  KIND_NAME,
  KIND_URN,
  KIND_EMAIL,
  KIND_TIME,
  KIND_BOOL,
  KIND_DAYS,
  KIND_MINUTES,
  KIND_WEEKS,   /* an improvement period, 3 to 6 school weeks */
  KIND_PERCENT, /* a target, 50 to 100 percent, or empty for none */
} KeyKind;

typedef struct
{
  const char *key;
  KeyKind     kind;
  const char *fallback;   /* shown and used while the key is unset */
} KeyInfo;

/* In the order `school show` lists them. */
static const KeyInfo key_info[] = {
  { "name", KIND_NAME, "" },
  { "urn", KIND_URN, "" },
  { "la", KIND_TEXT, "" },
  { "address", KIND_LINES, "" },
  { "phone", KIND_TEXT, "" },
  { "email", KIND_EMAIL, "" },
  { "headteacher", KIND_TEXT, "" },
  { "attendance_lead", KIND_TEXT, "" },
  { "am_open", KIND_TIME, "08:45" },
  { "am_close", KIND_TIME, "09:15" },
  { "pm_open", KIND_TIME, "13:15" },
  { "pm_close", KIND_TIME, "13:45" },
  { "threshold_counts_n", KIND_BOOL, "yes" },
  { "n_resolve_days", KIND_DAYS, "5" },
  { "lock_minutes", KIND_MINUTES, "10" },
  { "penalty_improvement_weeks", KIND_WEEKS, "4" },
  { "attendance_target", KIND_PERCENT, "" },
};

static const char * const key_names[] = {
  "name", "urn", "la", "address", "phone", "email", "headteacher",
  "attendance_lead", "am_open", "am_close", "pm_open", "pm_close",
  "threshold_counts_n", "n_resolve_days", "lock_minutes", "penalty_improvement_weeks",
  "attendance_target", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (key_names) == G_N_ELEMENTS (key_info) + 1);

#define MAX_RESOLVE_DAYS 30
/* The longest the window may stay unlocked while nobody uses it. */
#define MAX_LOCK_MINUTES 120

const char * const *
att_school_keys (void)
{
  return key_names;
}

static const KeyInfo *
find_key (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (key_info); i++)
    if (strcmp (key_info[i].key, key) == 0)
      return &key_info[i];
  return NULL;
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "on" };
  static const char * const no[] = { "no", "n", "false", "0", "off" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      {
        *value = TRUE;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *value = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* The lowest attendance target a school may set: a target is what the
 * school aims for, and below half is no aim at all. */
#define MIN_TARGET_PERCENT 50

/* A percentage from MIN_TARGET_PERCENT to 100 written with digits and at
 * most one point ("96", "96.5"), rounded to one decimal place. */
static gboolean
parse_percent (const char *text,
               double     *value)
{
  gboolean point = FALSE;
  char *end = NULL;
  double v;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '.' && !point)
      point = TRUE;
    else if (!g_ascii_isdigit (*p))
      return FALSE;
  v = g_ascii_strtod (text, &end);
  if (*end != '\0')
    return FALSE;
  v = (double)(gint64)(v * 10.0 + 0.5) / 10.0;
  if (v < MIN_TARGET_PERCENT || v > 100.0)
    return FALSE;
  *value = v;
  return TRUE;
}

/* "96" for a whole percentage, else "96.5". */
static char *
format_percent (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, (gint64)(value * 10.0 + 0.5) % 10 == 0 ? "%.0f" : "%.1f", value));
}

static gboolean
parse_whole (const char *text,
             int         max,
             int        *out)
{
  char *end = NULL;
  gint64 value;

  if (*text == '\0' || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || value < 1 || value > max)
    return FALSE;
  *out = (int)value;
  return TRUE;
}

static gboolean
parse_days (const char *text,
            int        *days)
{
  return parse_whole (text, MAX_RESOLVE_DAYS, days);
}

static gboolean
is_urn (const char *text)
{
  if (strlen (text) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL ||
      strpbrk (text, " \t") != NULL)
    return FALSE;
  dot = strchr (at + 1, '.');
  /* Something on each side of the dot: "office@school.org.uk". */
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* Checks one value and turns it into the text we store ("8:40" becomes
 * "08:40", "true" becomes "yes"). */
static char *
normalise (const KeyInfo  *info,
           const char     *value,
           GError        **error)
{
  g_autofree char *text = g_strstrip (g_strdup (value ? value : ""));
  g_autofree char *label = g_strdup_printf (_("The setting “%s”"), info->key);

  if (!att_text_check (label, text,
                       info->kind == KIND_LINES ? ATT_TEXT_NOTE_MAX : ATT_TEXT_LINE_MAX,
                       info->kind == KIND_LINES ? ATT_TEXT_LINES : ATT_TEXT_ONE_LINE,
                       error))
    return NULL;

  switch (info->kind)
    {
    case KIND_TEXT:
    case KIND_LINES:
      return g_steal_pointer (&text);

    case KIND_NAME:
      if (*text == '\0')
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The school’s name cannot be empty"));
          return NULL;
        }
      return g_steal_pointer (&text);

    case KIND_URN:
      if (!is_urn (text))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not a URN: the school’s unique reference number has 6 digits"),
                       text);
          return NULL;
        }
      return g_steal_pointer (&text);

    case KIND_EMAIL:
      if (!is_email (text))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not an e-mail address: write it as name@domain, for example office@school.org.uk"),
                       text);
          return NULL;
        }
      return g_steal_pointer (&text);

    case KIND_TIME:
      {
        int minutes = att_time_parse (text, error);

        if (minutes < 0)
          {
            g_prefix_error (error, "%s: ", info->key);
            return NULL;
          }
        return att_time_format (minutes);
      }

    case KIND_BOOL:
      {
        gboolean flag;

        if (!parse_bool (text, &flag))
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("“%s” is not yes or no: %s takes yes or no"),
                         text, info->key);
            return NULL;
          }
        return g_strdup (flag ? "yes" : "no");
      }

    case KIND_DAYS:
      {
        int days;

        if (!parse_days (text, &days))
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("“%s” is not a number of school days: %s takes a whole number from 1 to %d"),
                         text, info->key, MAX_RESOLVE_DAYS);
            return NULL;
          }
        return g_strdup_printf ("%d", days);
      }

    case KIND_MINUTES:
      {
        int minutes;

        if (!parse_whole (text, MAX_LOCK_MINUTES, &minutes))
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("“%s” is not a number of minutes: %s takes a whole number from 1 to %d"),
                         text, info->key, MAX_LOCK_MINUTES);
            return NULL;
          }
        return g_strdup_printf ("%d", minutes);
      }

    case KIND_WEEKS:
      {
        int weeks;

        /* The National Framework's improvement period: 3 to 6 weeks. */
        if (!parse_whole (text, 6, &weeks) || weeks < 3)
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("“%s” is not an improvement period: %s takes a whole number of school weeks from 3 to 6"),
                         text, info->key);
            return NULL;
          }
        return g_strdup_printf ("%d", weeks);
      }

    case KIND_PERCENT:
      {
        double percent;

        if (*text == '\0')
          return g_steal_pointer (&text);
        if (!parse_percent (text, &percent))
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("“%s” is not an attendance target: %s takes a percentage from %d to 100, such as 96 or 96.5, or nothing for no target"),
                         text, info->key, MIN_TARGET_PERCENT);
            return NULL;
          }
        return format_percent (percent);
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

/* The stored value, or the fallback while unset or unreadable. */
static char *
get_normalised (AttDb         *db,
                const KeyInfo *info)
{
  g_autofree char *stored = NULL;
  char *value;

  g_return_val_if_fail (info != NULL, NULL);

  stored = att_db_get_setting (db, info->key);

  if (stored == NULL)
    return g_strdup (info->fallback);
  value = normalise (info, stored, NULL);
  return value ? value : g_strdup (info->fallback);
}

AttSchool *
att_school_load (AttDb *db)
{
  AttSchool *school;
  char **text_fields[8];
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* Every setting read in one transaction: one snapshot of the school,
   * and the write-ahead log's read lock taken once, not once a setting. */
  begun = att_db_begin_read (db);
  school = g_new0 (AttSchool, 1);
  text_fields[0] = &school->name;
  text_fields[1] = &school->urn;
  text_fields[2] = &school->la;
  text_fields[3] = &school->address;
  text_fields[4] = &school->phone;
  text_fields[5] = &school->email;
  text_fields[6] = &school->headteacher;
  text_fields[7] = &school->attendance_lead;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      /* An e-mail or URN typed into the table by hand is shown as it is. */
      g_autofree char *stored = att_db_get_setting (db, key_info[i].key);
      *text_fields[i] = stored ? g_strstrip (g_steal_pointer (&stored))
                               : g_strdup (key_info[i].fallback);
    }

  {
    g_autofree char *am_open = get_normalised (db, find_key ("am_open"));
    g_autofree char *am_close = get_normalised (db, find_key ("am_close"));
    g_autofree char *pm_open = get_normalised (db, find_key ("pm_open"));
    g_autofree char *pm_close = get_normalised (db, find_key ("pm_close"));
    g_autofree char *counts_n = get_normalised (db, find_key ("threshold_counts_n"));
    g_autofree char *days = get_normalised (db, find_key ("n_resolve_days"));
    g_autofree char *lock = get_normalised (db, find_key ("lock_minutes"));

    school->am_open = att_time_parse (am_open, NULL);
    school->am_close = att_time_parse (am_close, NULL);
    school->pm_open = att_time_parse (pm_open, NULL);
    school->pm_close = att_time_parse (pm_close, NULL);
    school->threshold_counts_n = strcmp (counts_n, "yes") == 0;
    school->n_resolve_days = atoi (days);
    school->lock_minutes = atoi (lock);
  }

  att_db_end_read (db, begun);
  return school;
}

void
att_school_free (AttSchool *school)
{
  if (school == NULL)
    return;
  g_free (school->name);
  g_free (school->urn);
  g_free (school->la);
  g_free (school->address);
  g_free (school->phone);
  g_free (school->email);
  g_free (school->headteacher);
  g_free (school->attendance_lead);
  g_free (school);
}

char *
att_school_get (AttDb      *db,
                const char *key)
{
  const KeyInfo *info;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  info = find_key (key);
  if (info == NULL)
    return NULL;
  if (info->kind == KIND_TIME || info->kind == KIND_BOOL || info->kind == KIND_DAYS ||
      info->kind == KIND_MINUTES || info->kind == KIND_WEEKS || info->kind == KIND_PERCENT)
    return get_normalised (db, info);
  else
    {
      g_autofree char *stored = att_db_get_setting (db, key);
      return stored ? g_strstrip (g_steal_pointer (&stored)) : g_strdup (info->fallback);
    }
}

static gboolean
check_register (AttSession   session,
                int          open,
                int          close,
                GError     **error)
{
  g_autofree char *open_text = att_time_format (open);
  g_autofree char *close_text = att_time_format (close);

  if (close <= open)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   session == ATT_SESSION_AM
                   ? _("The morning register would open at %s and close at %s: it must close after it opens")
                   : _("The afternoon register would open at %s and close at %s: it must close after it opens"),
                   open_text, close_text);
      return FALSE;
    }
  if (close - open > ATT_REGISTER_MAX_OPEN)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   session == ATT_SESSION_AM
                   ? _("The morning register would stay open %d minutes (%s to %s): a register may stay open at most %d minutes (2024 regulations)")
                   : _("The afternoon register would stay open %d minutes (%s to %s): a register may stay open at most %d minutes (2024 regulations)"),
                   close - open, open_text, close_text, ATT_REGISTER_MAX_OPEN);
      return FALSE;
    }
  return TRUE;
}

/* Checks @keys and @values as a change to @school (the settings as they
 * stand, changed in place to what they would become) and appends the
 * text to store for each value to @clean. */
static gboolean
validate_many (AttSchool          *school,
               const char * const *keys,
               const char * const *values,
               guint               n,
               GPtrArray          *clean,
               GError            **error)
{
  gboolean am_changed = FALSE;
  gboolean pm_changed = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const KeyInfo *info = find_key (keys[i]);
      char *value;

      if (info == NULL)
        {
          g_autofree char *valid = g_strjoinv (", ", (char **)key_names);
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not a school setting: use one of %s"),
                       keys[i], valid);
          return FALSE;
        }

      value = normalise (info, values[i], error);
      if (value == NULL)
        return FALSE;
      g_ptr_array_add (clean, value);

      if (info->kind == KIND_TIME)
        {
          int minutes = att_time_parse (value, NULL);
          gboolean am = g_str_has_prefix (info->key, "am_");
          gboolean opens = g_str_has_suffix (info->key, "_open");

          if (am && opens)
            school->am_open = minutes;
          else if (am)
            school->am_close = minutes;
          else if (opens)
            school->pm_open = minutes;
          else
            school->pm_close = minutes;
          if (am)
            am_changed = TRUE;
          else
            pm_changed = TRUE;
        }
    }

  /* A change to one end of a register is checked against the other end
   * as it stands, so the rule holds whichever end moves. */
  if (am_changed &&
      !check_register (ATT_SESSION_AM, school->am_open, school->am_close, error))
    return FALSE;
  if (pm_changed &&
      !check_register (ATT_SESSION_PM, school->pm_open, school->pm_close, error))
    return FALSE;
  if ((am_changed || pm_changed) && school->am_close >= school->pm_open)
    {
      g_autofree char *am_close = att_time_format (school->am_close);
      g_autofree char *pm_open = att_time_format (school->pm_open);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The morning register would close at %s, but the afternoon register opens at %s: the morning register must close before the afternoon one opens"),
                   am_close, pm_open);
      return FALSE;
    }
  return TRUE;
}

/* The settings of a school that has stored none: every key's fallback. */
static void
school_defaults (AttSchool *school)
{
  int *times[] = { &school->am_open, &school->am_close, &school->pm_open, &school->pm_close };
  const char *keys[] = { "am_open", "am_close", "pm_open", "pm_close" };

  memset (school, 0, sizeof *school);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeyInfo *info = find_key (keys[i]);

      *times[i] = info != NULL ? att_time_parse (info->fallback, NULL) : 0;
    }
}

gboolean
att_school_check_many (const char * const *keys,
                       const char * const *values,
                       GError            **error)
{
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  AttSchool school;
  guint n;

  g_return_val_if_fail (keys != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  n = g_strv_length ((char **)keys);
  g_return_val_if_fail (g_strv_length ((char **)values) == n, FALSE);

  school_defaults (&school);
  return validate_many (&school, keys, values, n, clean, error);
}

gboolean
att_school_check (const char  *key,
                  const char  *value,
                  GError     **error)
{
  const char *keys[2] = { key, NULL };
  const char *values[2] = { value, NULL };
  g_autofree char *clean = NULL;
  const KeyInfo *info;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  info = find_key (key);
  if (info == NULL)
    return att_school_check_many (keys, values, error);
  /* A field left empty is left unset when a school is made: only the
   * name is needed. */
  if (info->kind != KIND_NAME && value[strspn (value, " \t")] == '\0')
    return TRUE;
  /* The value alone: a register's times are checked against each other
   * by att_school_check_many (). */
  clean = normalise (info, value, error);
  return clean != NULL;
}

gboolean
att_school_set_many (AttDb              *db,
                     const AttUser      *user,
                     const char * const *keys,
                     const char * const *values,
                     GError            **error)
{
  g_autoptr(AttSchool) school = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  guint n;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  n = g_strv_length ((char **)keys);
  g_return_val_if_fail (g_strv_length ((char **)values) == n, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error))
    return FALSE;

  school = att_school_load (db);
  clean = g_ptr_array_new_with_free_func (g_free);
  if (!validate_many (school, keys, values, n, clean, error))
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *old = att_school_get (db, keys[i]);
      g_autofree char *detail = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      const char *value = clean->pdata[i];

      /* Setting what is already there is no change, and not logged. */
      if (g_strcmp0 (old, value) == 0)
        continue;
      if (!att_db_put_setting (db, keys[i], value, error))
        goto failed;
      detail = g_strdup_printf ("%s = %s (was %s)", keys[i], value, old);
      before = att_audit_json_pair (keys[i], old);
      after = att_audit_json_pair (keys[i], value);
      if (!att_audit_record (db, user, ATT_AUDIT_SETTING, 0, "school.set", detail,
                             before, after, error))
        goto failed;
    }

  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
att_school_set (AttDb          *db,
                const AttUser  *user,
                const char     *key,
                const char     *value,
                GError        **error)
{
  const char *keys[2] = { key, NULL };
  const char *values[2] = { value, NULL };

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return att_school_set_many (db, user, keys, values, error);
}

/* Not one of the keys `school set` takes: only a demonstration school
 * is made one, when it is made. */
#define DEMONSTRATION_KEY "school.demonstration"

gboolean
att_school_is_demonstration (AttDb *db)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  value = att_db_get_setting (db, DEMONSTRATION_KEY);
  return g_strcmp0 (value, "yes") == 0;
}

gboolean
att_school_set_demonstration (AttDb          *db,
                              const AttUser  *user,
                              GError        **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error) ||
      !att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, DEMONSTRATION_KEY, "yes", error) ||
      !att_audit_log (db, user, "school.set", DEMONSTRATION_KEY " = yes", error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);
}

double
att_school_attendance_target (AttDb *db)
{
  g_autofree char *stored = NULL;
  double value = 0.0;

  g_return_val_if_fail (ATT_IS_DB (db), 0.0);

  stored = att_db_get_setting (db, "attendance_target");
  if (stored == NULL)
    return 0.0;
  g_strstrip (stored);
  if (!parse_percent (stored, &value))
    return 0.0;
  return value;
}

const char *
att_school_get_default (const char *key)
{
  const KeyInfo *info = find_key (key);

  return info != NULL ? info->fallback : NULL;
}
