/* att-letter-templates.c: the school's stored letter templates, with
 * versions, and the half-termly report's values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-leave.h"
#include "att-case.h"
#include "att-penalty.h"
#include "att-letter-templates.h"
#include "att-letter-templates-private.h"
#include "att-letters.h"
#include "att-stats.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Fields                                                             */
/* ------------------------------------------------------------------ */

void
att_letter_templates_register_fields (void)
{
  static const struct
  {
    const char *name;
    const char *description;
  } fields[] = {
    { "stage.name", N_("The name of the ladder’s stage the letter belongs to") },
    { "stage.title", N_("The title of the ladder’s stage the letter belongs to") },
    { "figures.left_out", N_("A sentence on the sessions of agreed leave or with medical evidence left out of the figures") },
    { "figures.previous_attendance", N_("Attendance quoted in the previous letter") },
    { "figures.improvement", N_("Points of attendance gained since the previous letter") },
    { "monitoring.until", N_("The day the school looks at attendance again") },
    { "monitoring.target", N_("The attendance the school hopes to see by then (“95%”)") },
    { "year.period", N_("The school year so far, from and to") },
    { "year.attendance", N_("Attendance over the school year so far") },
    { "year.possible", N_("Sessions the pupil could attend in the school year so far") },
    { "year.attended", N_("Sessions attended in the school year so far") },
    { "year.absent", N_("Sessions missed in the school year so far") },
    { "report.target", N_("The school’s attendance target (“96%”)") },
    { "report.band", N_("The band of the pupil’s attendance (“Good attendance”)") },
    { "report.note", N_("The half-termly report’s short note for the pupil’s band") },
  };
  static gsize registered = 0;

  att_case_register_fields ();
  att_penalty_register_letter_fields ();
  if (g_once_init_enter (&registered))
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          g_autoptr(GError) error = NULL;

          if (!att_letter_field_register (fields[i].name, fields[i].description,
                                          ATT_LETTER_FIELD_TEXT, &error))
            g_critical ("%s", error->message);
        }
      g_once_init_leave (&registered, 1);
    }
}

/* ------------------------------------------------------------------ */
/* Built-in templates                                                 */
/* ------------------------------------------------------------------ */

static const AttBuiltinTemplate *
find_builtin (const char *name)
{
  for (guint i = 0; i < att_n_builtin_templates; i++)
    if (strcmp (att_builtin_templates[i].name, name) == 0)
      return &att_builtin_templates[i];
  return NULL;
}

static int
find_leave (const char *name)
{
  for (int i = 0; i < ATT_LEAVE_N_LETTERS; i++)
    if (strcmp (att_leave_letter_to_string ((AttLeaveLetter)i), name) == 0)
      return i;
  return -1;
}

const char * const *
att_letter_templates_builtin_names (void)
{
  static const char **names = NULL;
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      const char **list = g_new0 (const char *, att_n_builtin_templates + ATT_LEAVE_N_LETTERS + 1);
      guint n = 0;

      for (guint i = 0; i < att_n_builtin_templates; i++)
        list[n++] = att_builtin_templates[i].name;
      for (int i = 0; i < ATT_LEAVE_N_LETTERS; i++)
        list[n++] = att_leave_letter_to_string ((AttLeaveLetter)i);
      names = list;
      g_once_init_leave (&initialised, 1);
    }
  return names;
}

AttLetterTemplate *
att_letter_templates_builtin (const char *name)
{
  const AttBuiltinTemplate *builtin;
  int leave;

  g_return_val_if_fail (name != NULL, NULL);

  att_letter_templates_register_fields ();
  builtin = find_builtin (name);
  if (builtin != NULL)
    return att_letter_template_new (name, 1, _(builtin->subject), _(builtin->body));
  leave = find_leave (name);
  if (leave >= 0)
    return att_leave_letter_template ((AttLeaveLetter)leave);
  return NULL;
}

const char *
att_letter_templates_describe (const char *name)
{
  const AttBuiltinTemplate *builtin;
  static const char *leave_titles[ATT_LEAVE_N_LETTERS] = {
    [ATT_LEAVE_LETTER_AGREED] = N_("Leave of absence agreed"),
    [ATT_LEAVE_LETTER_PARTLY_AGREED] = N_("Leave of absence agreed in part"),
    [ATT_LEAVE_LETTER_REFUSED] = N_("Leave of absence not agreed"),
    [ATT_LEAVE_LETTER_RELIGIOUS_AGREED] = N_("Religious observance agreed"),
    [ATT_LEAVE_LETTER_UNAUTHORISED] = N_("After an unauthorised absence on refused leave"),
  };
  int leave;

  g_return_val_if_fail (name != NULL, NULL);

  builtin = find_builtin (name);
  if (builtin != NULL)
    return _(builtin->title);
  leave = find_leave (name);
  return leave >= 0 ? _(leave_titles[leave]) : NULL;
}

gboolean
att_letter_templates_is_text (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);
  return g_str_has_suffix (name, "-text");
}

/* The built-in version of @name: 1 for ours, the leave letters' own. */
static guint
builtin_version (const char *name)
{
  g_autoptr(AttLetterTemplate) builtin = att_letter_templates_builtin (name);

  return builtin != NULL ? att_letter_template_get_version (builtin) : 0;
}

/* ------------------------------------------------------------------ */
/* The store                                                          */
/* ------------------------------------------------------------------ */

static gpointer
template_from_row (sqlite3_stmt *stmt)
{
  return att_letter_template_new ((const char *)sqlite3_column_text (stmt, 0),
                                  (guint)sqlite3_column_int (stmt, 1),
                                  (const char *)sqlite3_column_text (stmt, 2),
                                  (const char *)sqlite3_column_text (stmt, 3));
}

/* The stored version @version of @name, 0 for the newest; NULL without an
 * error when there is none. */
static AttLetterTemplate *
read_stored (AttDb       *db,
             const char  *name,
             guint        version,
             GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  stmt = att_db_prepare (db,
                         "SELECT name, version, subject, body FROM letter_templates "
                         "WHERE name = ?1 AND (?2 = 0 OR version = ?2) "
                         "ORDER BY version DESC LIMIT 1",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int)version);
  rows = att_db_collect (db, stmt, template_from_row, (GDestroyNotify)att_letter_template_unref,
                         _("read the letter templates"), error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return att_letter_template_ref (g_ptr_array_index (rows, 0));
}

AttLetterTemplate *
att_letter_templates_get (AttDb       *db,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GError) local = NULL;
  AttLetterTemplate *template;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  att_letter_templates_register_fields ();
  template = read_stored (db, name, 0, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (template == NULL)
    template = att_letter_templates_builtin (name);
  if (template == NULL)
    g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                 _("There is no letter template called “%s”"), name);
  return template;
}

AttLetterTemplate *
att_letter_templates_get_version (AttDb       *db,
                                  const char  *name,
                                  guint        version,
                                  GError     **error)
{
  g_autoptr(GError) local = NULL;
  AttLetterTemplate *template = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  att_letter_templates_register_fields ();
  if (version > 0)
    template = read_stored (db, name, version, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (template == NULL && version > 0 && version == builtin_version (name))
    template = att_letter_templates_builtin (name);
  if (template == NULL)
    g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                 _("The letter template “%s” has no version %u"), name, version);
  return template;
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  const AttLetterTemplate *x = *(AttLetterTemplate * const *)a;
  const AttLetterTemplate *y = *(AttLetterTemplate * const *)b;

  return strcmp (att_letter_template_get_name (x), att_letter_template_get_name (y));
}

GPtrArray *
att_letter_templates_list (AttDb   *db,
                           GError **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *names = att_letter_templates_builtin_names ();
  GPtrArray *result;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  att_letter_templates_register_fields ();
  stmt = att_db_prepare (db,
                         "SELECT name, max (version), subject, body FROM letter_templates "
                         "GROUP BY name",
                         error);
  if (stmt == NULL)
    return NULL;
  stored = att_db_collect (db, stmt, template_from_row, (GDestroyNotify)att_letter_template_unref,
                           _("read the letter templates"), error);
  if (stored == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_template_unref);
  for (guint i = 0; i < stored->len; i++)
    {
      AttLetterTemplate *template = g_ptr_array_index (stored, i);

      g_hash_table_add (seen, (gpointer)att_letter_template_get_name (template));
      g_ptr_array_add (result, att_letter_template_ref (template));
    }
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_hash_table_contains (seen, names[i]))
      g_ptr_array_add (result, att_letter_templates_builtin (names[i]));
  g_ptr_array_sort (result, compare_templates);
  return result;
}

guint
att_letter_templates_save (AttDb          *db,
                           const AttUser  *user,
                           const char     *name,
                           const char     *subject,
                           const char     *body,
                           GError        **error)
{
  g_autoptr(AttLetterTemplate) template = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *after = NULL;
  gint64 stored = 0, actor;
  sqlite3_stmt *stmt;
  guint version;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!att_user_can (user, ATT_PERM_SETTINGS) && !att_user_require (user, ATT_PERM_LETTERS, error))
    return 0;
  att_letter_templates_register_fields ();

  stmt = att_db_prepare (db, "SELECT coalesce (max (version), 0) FROM letter_templates WHERE name = ?",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!att_db_query_int (db, stmt, &stored, _("read the letter templates"), error))
    return 0;
  version = MAX ((guint)stored, builtin_version (name)) + 1;

  template = att_letter_template_new (name, version, subject, body);
  if (!att_letter_template_check (template, error))
    return 0;
  if (att_letter_templates_is_text (name) && body != NULL &&
      (strstr (body, "\n\n") != NULL || g_utf8_strlen (body, -1) > 640))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The text message “%s” is one paragraph of at most 640 characters "
                     "(four text messages)"), name);
      return 0;
    }

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
                         "INSERT INTO letter_templates (name, version, subject, body, actor_id, at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int)version);
  sqlite3_bind_text (stmt, 3, att_letter_template_get_subject (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, att_letter_template_get_body (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, actor);
  sqlite3_bind_int64 (stmt, 6, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  detail = g_strdup_printf ("template %s version %u", name, version);
  {
    GString *json = g_string_new ("{\"name\": ");

    att_json_append_string (json, name);
    g_string_append_printf (json, ", \"version\": %u, \"subject\": ", version);
    att_json_append_string (json, att_letter_template_get_subject (template));
    g_string_append (json, ", \"body\": ");
    att_json_append_string (json, att_letter_template_get_body (template));
    g_string_append_c (json, '}');
    after = g_string_free (json, FALSE);
  }
  if (!att_audit_record (db, user, ATT_AUDIT_LETTER, 0, "letters.template", detail, NULL, after,
                         error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return version;

failed:
  att_db_rollback (db);
  return 0;
}

void
att_letter_template_version_free (AttLetterTemplateVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->who);
  g_free (version);
}

static gpointer
version_from_row (sqlite3_stmt *stmt)
{
  AttLetterTemplateVersion *version = g_new0 (AttLetterTemplateVersion, 1);

  version->version = (guint)sqlite3_column_int (stmt, 0);
  version->who = att_db_column_dup (stmt, 1);
  version->at = sqlite3_column_int64 (stmt, 2);
  return version;
}

GPtrArray *
att_letter_templates_history (AttDb       *db,
                              const char  *name,
                              GError     **error)
{
  GPtrArray *versions;
  sqlite3_stmt *stmt;
  guint builtin;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = att_db_prepare (db,
                         "SELECT t.version, a.name, t.at FROM letter_templates t "
                         "JOIN actors a ON a.id = t.actor_id WHERE t.name = ? ORDER BY t.version",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  versions = att_db_collect (db, stmt, version_from_row,
                             (GDestroyNotify)att_letter_template_version_free,
                             _("read the letter templates"), error);
  if (versions == NULL)
    return NULL;
  builtin = builtin_version (name);
  if (builtin > 0 &&
      (versions->len == 0 ||
       ((AttLetterTemplateVersion *)g_ptr_array_index (versions, 0))->version > builtin))
    {
      AttLetterTemplateVersion *version = g_new0 (AttLetterTemplateVersion, 1);

      version->version = builtin;
      g_ptr_array_insert (versions, 0, version);
    }
  return versions;
}

/* ------------------------------------------------------------------ */
/* The half-termly report                                             */
/* ------------------------------------------------------------------ */

double
att_letters_target (AttDb *db)
{
  g_autofree char *value = NULL;
  double target;
  char *end = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), 96.0);

  value = att_db_get_setting (db, "letters.target");
  if (value == NULL)
    return 96.0;
  target = g_ascii_strtod (value, &end);
  if (end == value || target <= 0 || target > 100)
    return 96.0;
  return target;
}

AttReportBand
att_report_band_for (guint  possible,
                     guint  attended,
                     double target)
{
  guint absent;

  if (possible == 0)
    return ATT_REPORT_BAND_GOOD;
  absent = possible - MIN (attended, possible);
  /* Exact fractions, as att_figures_persistent () and severe compare. */
  if ((guint64)absent * 2 >= possible)
    return ATT_REPORT_BAND_SEVERE;
  if ((guint64)absent * 10 >= possible)
    return ATT_REPORT_BAND_PERSISTENT;
  if ((guint64)attended * 100 >= (guint64)possible * 99)
    return ATT_REPORT_BAND_EXCELLENT;
  if ((double)attended * 100.0 >= (double)possible * target - 1e-9)
    return ATT_REPORT_BAND_GOOD;
  return ATT_REPORT_BAND_BELOW;
}

const char *
att_report_band_template (AttReportBand band)
{
  static const char *names[ATT_REPORT_N_BANDS] = {
    "half-term-note-excellent", "half-term-note-good", "half-term-note-below",
    "half-term-note-persistent", "half-term-note-severe",
  };

  g_return_val_if_fail ((guint)band < ATT_REPORT_N_BANDS, NULL);
  return names[band];
}

static char *
period_text (AttDate from,
             AttDate to)
{
  g_autofree char *a = att_letter_format_date (from, ATT_LETTER_DATE_LONG);
  g_autofree char *b = att_letter_format_date (to, ATT_LETTER_DATE_LONG);

  /* Translators: a period in a letter, "Monday 1 September 2025 to Friday 14 November 2025" */
  return g_strdup_printf (_("%s to %s"), a, b);
}

gboolean
att_letter_templates_fill_half_term (AttDb            *db,
                                     gint64            pupil_id,
                                     AttDate           as_of,
                                     AttLetterValues  *values,
                                     GError          **error)
{
  g_autoptr(AttLetterhead) letterhead = NULL;
  g_autoptr(AttLetterTemplate) note = NULL;
  g_autoptr(AttLetterText) merged = NULL;
  g_autofree char *period = NULL;
  g_autofree char *note_text = NULL;
  AttCalendar *calendar;
  AttFigures year;
  AttDate term_from, term_to, year_from;
  AttReportBand band;
  AttPupil *pupil;
  double target;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  att_letter_templates_register_fields ();
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  calendar = att_db_get_calendar (db);
  /* The calendar's terms are the school's terms or half terms, as it set
   * them: the report covers the one holding the date. */
  if (!att_calendar_term_range (calendar, as_of, &term_from, &term_to))
    term_from = att_date_school_year_start (as_of);
  year_from = att_date_school_year_start (as_of);
  term_from = MAX (term_from, year_from);

  att_letter_values_set_pupil (values, pupil);
  att_letter_values_set_school (values, db);
  letterhead = att_letterhead_load (db);
  att_letter_values_set_signatory (values, letterhead->signatory_name, letterhead->signatory_role);
  att_letter_values_set_letter_date (values, as_of);
  if (!att_letter_values_set_figures (values, db, pupil_id, term_from, as_of, error) ||
      !att_stats_pupil (db, pupil_id, year_from, as_of, &year, error))
    return FALSE;

  period = period_text (year_from, as_of);
  att_letter_values_set (values, "year.period", period);
  att_letter_values_set_printf (values, "year.attendance", "%.1f%%", att_figures_attendance_pct (&year));
  att_letter_values_set_printf (values, "year.possible", "%u", year.possible);
  att_letter_values_set_printf (values, "year.attended", "%u", att_figures_attended (&year));
  att_letter_values_set_printf (values, "year.absent", "%u", att_figures_absent (&year));

  target = att_letters_target (db);
  att_letter_values_set_printf (values, "report.target", "%g%%", target);
  band = att_report_band_for (year.possible, att_figures_attended (&year), target);
  note = att_letter_templates_get (db, att_report_band_template (band), error);
  if (note == NULL)
    return FALSE;
  att_letter_values_set (values, "report.band", att_letter_template_get_subject (note));
  att_letter_values_set (values, "report.note", "");
  merged = att_letter_template_merge (note, values, error);
  if (merged == NULL)
    return FALSE;
  note_text = att_letter_text_to_plain (merged);
  g_strstrip (note_text);
  att_letter_values_set (values, "report.note", note_text);
  return TRUE;
}
