/* att-import-mapping.c: which of a file's columns is each of ours
 *
 * The names below are those the management information systems schools
 * use write in their exports (SIMS, Arbor, Bromcom, ScholarPack and the
 * like). A guess only ever offers a mapping; the importer reads what the
 * person confirms, and a file with our own names needs none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-import-mapping.h"
#include "att-importer-private.h"

/* The kinds of file */

static const char * const type_names[ATT_IMPORT_N_TYPES] = {
  [ATT_IMPORT_PUPILS] = "pupils",
  [ATT_IMPORT_CONTACTS] = "contacts",
  [ATT_IMPORT_MARKS] = "marks",
};

const char *
att_import_type_to_string (AttImportType type)
{
  g_return_val_if_fail ((guint)type < ATT_IMPORT_N_TYPES, "");
  return type_names[type];
}

gboolean
att_import_type_parse (const char    *text,
                       AttImportType *type)
{
  for (guint i = 0; i < ATT_IMPORT_N_TYPES; i++)
    if (g_strcmp0 (text, type_names[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

const AttImportField *
att_import_fields (AttImportType  type,
                   guint         *n_fields)
{
  const AttImportKind *kind = _att_import_kind (type);

  g_return_val_if_fail (kind != NULL, NULL);
  *n_fields = kind->n_specs;
  return kind->specs;
}

const char *
att_import_field_describe (const char *name)
{
  static const struct
  {
    const char *name;
    const char *text;
  } labels[] = {
    { "upn", N_("UPN") },
    { "surname", N_("Surname") },
    { "forename", N_("Forename") },
    { "preferred_surname", N_("Preferred surname") },
    { "preferred_forename", N_("Preferred forename") },
    { "dob", N_("Date of birth") },
    { "sex", N_("Sex") },
    { "year_group", N_("Year group") },
    { "reg_group", N_("Registration group") },
    { "admission_date", N_("Admission date") },
    { "leaving_date", N_("Leaving date") },
    { "fsm", N_("Free school meals") },
    { "sen", N_("SEN status") },
    { "eal", N_("English as an additional language") },
    { "looked_after", N_("Looked after") },
    { "social_worker", N_("Has a social worker") },
    { "young_carer", N_("Young carer") },
    { "medical_note", N_("Medical note") },
    { "priority", N_("Priority (1 is called first)") },
    { "title", N_("Title") },
    { "relationship", N_("Relationship") },
    { "parental_responsibility", N_("Parental responsibility") },
    { "lives_with", N_("Lives with the pupil") },
    { "receives_letters", N_("Receives letters") },
    { "phone_home", N_("Home telephone") },
    { "phone_mobile", N_("Mobile") },
    { "phone_work", N_("Work telephone") },
    { "email", N_("Email") },
    { "address_1", N_("Address line 1") },
    { "address_2", N_("Address line 2") },
    { "town", N_("Town") },
    { "postcode", N_("Postcode") },
    { "date", N_("Date") },
    { "session", N_("Session (am or pm)") },
    { "code", N_("Code") },
    { "minutes_late", N_("Minutes late") },
    { "comment", N_("Comment") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (name, labels[i].name) == 0)
      return _(labels[i].text);
  return name;
}

static gboolean
is_field (AttImportType  type,
          const char    *name)
{
  guint n;
  const AttImportField *fields = att_import_fields (type, &n);

  for (guint i = 0; i < n; i++)
    if (strcmp (fields[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

/* The mapping */

AttImportMapping *
att_import_mapping_new (AttImportType type)
{
  AttImportMapping *mapping = g_new0 (AttImportMapping, 1);

  g_return_val_if_fail ((guint)type < ATT_IMPORT_N_TYPES, NULL);
  mapping->type = type;
  mapping->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return mapping;
}

AttImportMapping *
att_import_mapping_copy (const AttImportMapping *mapping)
{
  AttImportMapping *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (mapping != NULL, NULL);
  copy = att_import_mapping_new (mapping->type);
  g_hash_table_iter_init (&iter, mapping->columns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->columns, g_strdup (key), g_strdup (value));
  return copy;
}

void
att_import_mapping_free (AttImportMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_hash_table_unref (mapping->columns);
  g_free (mapping);
}

void
att_import_mapping_set (AttImportMapping *mapping,
                        const char       *ours,
                        const char       *theirs)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (ours != NULL);

  if (theirs == NULL)
    g_hash_table_remove (mapping->columns, ours);
  else
    g_hash_table_replace (mapping->columns, g_strdup (ours), g_strstrip (g_strdup (theirs)));
}

const char *
att_import_mapping_get (const AttImportMapping *mapping,
                        const char             *ours)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  return g_hash_table_lookup (mapping->columns, ours);
}

gboolean
att_import_mapping_parse (AttImportMapping  *mapping,
                          const char        *text,
                          GError           **error)
{
  const char *equals = strchr (text, '=');
  g_autofree char *ours = NULL;
  g_autofree char *written = NULL;

  if (equals == NULL || equals == text)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a column and the file’s column: write OURS=THEIRS, such as dob=Date of Birth"),
                   text);
      return FALSE;
    }
  written = g_strndup (text, equals - text);
  ours = att_csv_normalise_header (written);
  if (!is_field (mapping->type, ours))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a column of a %s file"), ours,
                   att_import_type_to_string (mapping->type));
      return FALSE;
    }
  att_import_mapping_set (mapping, ours, equals + 1);
  return TRUE;
}

/* The file's shape */

GPtrArray *
att_import_read_headers (const char  *path,
                         GError     **error)
{
  g_autoptr(AttCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_path_get_basename (path);
  GPtrArray *headers;
  GPtrArray *fields;
  guint line;
  int fd;

  fd = att_csv_open_file (path, &local);
  if (fd < 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND, _("%s could not be read: %s"),
                   name, local->message);
      return NULL;
    }
  reader = att_csv_reader_new_for_fd (fd);
  if (!att_csv_reader_next (reader, &fields, &line, &local))
    goto failed;
  if (fields->len <= 2 && g_ascii_strncasecmp (g_ptr_array_index (fields, 0), "sep=", 4) == 0 &&
      !att_csv_reader_next (reader, &fields, &line, &local))
    goto failed;

  headers = g_ptr_array_new_full (fields->len, g_free);
  for (guint i = 0; i < fields->len; i++)
    g_ptr_array_add (headers, g_strstrip (g_strdup (g_ptr_array_index (fields, i))));
  return headers;

failed:
  if (local != NULL)
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, "%s: %s", name, local->message);
  else
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                 _("%s: the file is empty: it needs a first row of column names"), name);
  return NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

char *
att_import_file_shape (GPtrArray *headers)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < headers->len; i++)
    {
      char *name = att_csv_normalise_header (g_ptr_array_index (headers, i));

      if (*name == '\0')
        g_free (name);
      else
        g_ptr_array_add (names, name);
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (i == 0 || strcmp (g_ptr_array_index (names, i), g_ptr_array_index (names, i - 1)) != 0)
      g_string_append_printf (text, "%s\n", (const char *)g_ptr_array_index (names, i));
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
}

/* Guessing */

/* For each of our columns, the names exports give it, most telling
 * first; our own name and alias come first of all (added in code). */
typedef struct
{
  const char *ours;
  const char *names;   /* "|" between them, as written in the exports */
} Synonyms;

static const Synonyms pupil_names[] = {
  { "upn", "Unique Pupil Number|Pupil UPN|UPN Number" },
  { "surname", "Legal Surname|Legal Last Name|Last Name|Family Name|Lastname" },
  { "forename", "Legal Forename|Legal First Name|First Name|Firstname|Given Name|Forenames" },
  { "preferred_surname", "Preferred Surname|Preferred Last Name|Known As Surname" },
  { "preferred_forename", "Preferred Forename|Preferred First Name|Preferred Name|Known As|Chosen Name" },
  { "dob", "DOB|D.O.B.|Date of Birth|Birth Date|Birthdate" },
  { "sex", "Gender|Legal Sex|Sex" },
  { "year_group", "Year|NC Year|National Curriculum Year|Curriculum Year|Year Taught In|Year Group" },
  { "reg_group", "Reg Group|Registration Group|Reg|Form|Form Group|Tutor Group|Registration Class|Class" },
  { "admission_date", "Admission Date|Date of Admission|Admission|Date of Entry|Entry Date|Start Date" },
  { "leaving_date", "Leaving Date|Date of Leaving|Leave Date|End Date" },
  { "fsm", "FSM Eligible|FSM|Free School Meals|FSM Eligibility|Eligible for FSM" },
  { "sen", "SEN Status|SEN|SEN Provision|SEND Status|SEN Need" },
  { "eal", "EAL|EAL Status|English as an Additional Language" },
  { "looked_after", "Looked After|In Care|LAC|CLA|Child Looked After|Looked After Child" },
  { "social_worker", "Social Worker|Has Social Worker|CIN" },
  { "young_carer", "Young Carer" },
  { "medical_note", "Medical Note|Medical Notes|Medical Conditions|Medical Information|Medical" },
};

static const Synonyms contact_names[] = {
  { "upn", "Pupil UPN|Student UPN|Unique Pupil Number" },
  { "priority", "Contact Priority|Priority Order|Contact Order|Order" },
  { "title", "Contact Title|Title" },
  { "forename", "Contact Forename|Contact First Name|First Name|Forename" },
  { "surname", "Contact Surname|Contact Last Name|Last Name|Surname" },
  { "relationship", "Relationship|Relation|Relationship to Pupil|Contact Relationship" },
  { "parental_responsibility", "Parental Responsibility|Has Parental Responsibility|PR" },
  { "lives_with", "Lives With|Lives With Pupil|Resides With Pupil|Same Address" },
  { "receives_letters", "Receives Letters|Correspondence|Receives Correspondence|Mailing" },
  { "phone_home", "Telephone|Home Telephone|Home Phone|Home Tel|Telephone Home|Phone" },
  { "phone_mobile", "Mobile|Mobile Telephone|Mobile Phone|Mobile Number|Telephone Mobile" },
  { "phone_work", "Work Telephone|Work Phone|Telephone Work|Work Tel" },
  { "email", "Email|Email Address|E-mail|E-mail Address" },
  { "address_1", "Address Line 1|Address1|Street|House and Street|Address" },
  { "address_2", "Address Line 2|Address2|Locality" },
  { "town", "Town|City|Town or City|Post Town" },
  { "postcode", "Postcode|Post Code|Postal Code" },
};

static const Synonyms mark_names[] = {
  { "upn", "Pupil UPN|Unique Pupil Number" },
  { "date", "Session Date|Attendance Date|Date" },
  { "session", "AM/PM|Session|AM PM" },
  { "code", "Mark|Attendance Code|Attendance Mark|Code" },
  { "minutes_late", "Mins Late|Minutes Late|Late Minutes" },
  { "comment", "Comment|Comments|Note|Notes" },
};

/* A name as guessing compares it: the normalised header with anything
 * but letters and digits as one '_', none at either end ("D.O.B." is
 * "d_o_b", "AM/PM" "am_pm"). */
static char *
guess_key (const char *text)
{
  g_autofree char *normal = att_csv_normalise_header (text);
  GString *key = g_string_new (NULL);

  for (const char *p = normal; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || (guchar)*p >= 0x80)
        g_string_append_c (key, *p);
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        g_string_append_c (key, '_');
    }
  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);
  return g_string_free (key, FALSE);
}

static const Synonyms *
synonyms_for (AttImportType  type,
              guint         *n)
{
  switch (type)
    {
    case ATT_IMPORT_PUPILS:
      *n = G_N_ELEMENTS (pupil_names);
      return pupil_names;
    case ATT_IMPORT_CONTACTS:
      *n = G_N_ELEMENTS (contact_names);
      return contact_names;
    case ATT_IMPORT_MARKS:
    case ATT_IMPORT_N_TYPES:
    default:
      *n = G_N_ELEMENTS (mark_names);
      return mark_names;
    }
}

/* The header of @keys (the file's, as guess_key() makes them) not yet
 * @taken that is @name; -1 for none. */
static int
find_header (GPtrArray  *keys,
             gboolean   *taken,
             const char *name)
{
  g_autofree char *key = guess_key (name);

  for (guint h = 0; h < keys->len; h++)
    if (!taken[h] && strcmp (g_ptr_array_index (keys, h), key) == 0)
      return (int)h;
  return -1;
}

AttImportMapping *
att_import_mapping_guess (AttImportType  type,
                          GPtrArray     *headers)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *taken = g_new0 (gboolean, headers->len + 1);
  g_autofree int *found = NULL;
  AttImportMapping *mapping = att_import_mapping_new (type);
  const AttImportField *fields;
  const Synonyms *synonyms;
  guint n_fields, n_synonyms;

  for (guint h = 0; h < headers->len; h++)
    g_ptr_array_add (keys, guess_key (g_ptr_array_index (headers, h)));
  fields = att_import_fields (type, &n_fields);
  synonyms = synonyms_for (type, &n_synonyms);
  found = g_new (int, n_fields);

  /* Our own names first, for every column, so that a file written for
   * the importer keeps each of its columns; then the exports' names. */
  for (guint f = 0; f < n_fields; f++)
    {
      found[f] = find_header (keys, taken, fields[f].name);
      if (found[f] < 0 && fields[f].alias != NULL)
        found[f] = find_header (keys, taken, fields[f].alias);
      if (found[f] >= 0)
        taken[found[f]] = TRUE;
    }
  for (guint f = 0; f < n_fields; f++)
    for (guint s = 0; s < n_synonyms && found[f] < 0; s++)
      if (strcmp (synonyms[s].ours, fields[f].name) == 0)
        {
          g_auto(GStrv) names = g_strsplit (synonyms[s].names, "|", -1);

          for (guint i = 0; names[i] != NULL && found[f] < 0; i++)
            found[f] = find_header (keys, taken, names[i]);
          if (found[f] >= 0)
            taken[found[f]] = TRUE;
        }

  for (guint f = 0; f < n_fields; f++)
    att_import_mapping_set (mapping, fields[f].name,
                            found[f] >= 0 ? g_ptr_array_index (headers, found[f]) : "");
  return mapping;
}

/* Remembering */

AttImportMapping *
att_import_mapping_recall (AttDb          *db,
                           AttImportType   type,
                           GPtrArray      *headers,
                           GError        **error)
{
  g_autofree char *shape = att_import_file_shape (headers);
  g_autoptr(AttImportMapping) mapping = att_import_mapping_new (type);
  sqlite3_stmt *stmt;
  gboolean any = FALSE;
  int rc;

  stmt = att_db_prepare (db,
                         "SELECT our_column, file_column FROM import_mappings "
                         "WHERE kind = ? AND shape = ?",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, att_import_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, shape, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *ours = (const char *)sqlite3_column_text (stmt, 0);

      /* A column this version no longer has is left out. */
      if (is_field (type, ours))
        att_import_mapping_set (mapping, ours, (const char *)sqlite3_column_text (stmt, 1));
      any = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the column mappings"));
      return NULL;
    }
  if (!any)
    return NULL;
  return g_steal_pointer (&mapping);
}

AttImportMapping *
att_import_mapping_for_file (AttDb          *db,
                             AttImportType   type,
                             GPtrArray      *headers,
                             gboolean       *remembered,
                             GError        **error)
{
  g_autoptr(GError) local = NULL;
  AttImportMapping *mapping = att_import_mapping_recall (db, type, headers, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (remembered != NULL)
    *remembered = mapping != NULL;
  return mapping != NULL ? mapping : att_import_mapping_guess (type, headers);
}

/* The mapping as JSON text, our columns in their order, for the audit
 * log. NULL for none. */
static char *
mapping_json (const AttImportMapping *mapping)
{
  GString *json;
  const AttImportField *fields;
  guint n;
  gboolean first = TRUE;

  if (mapping == NULL)
    return NULL;
  json = g_string_new ("{");
  fields = att_import_fields (mapping->type, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *theirs = att_import_mapping_get (mapping, fields[i].name);

      if (theirs == NULL)
        continue;
      if (!first)
        g_string_append_c (json, ',');
      first = FALSE;
      att_json_append_string (json, fields[i].name);
      g_string_append_c (json, ':');
      att_json_append_string (json, theirs);
    }
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

gboolean
att_import_mapping_remember (AttDb                  *db,
                             const AttUser          *user,
                             GPtrArray              *headers,
                             const AttImportMapping *mapping,
                             GError                **error)
{
  g_autoptr(AttImportMapping) before = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *shape = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  const char *kind = att_import_type_to_string (mapping->type);
  const AttImportField *fields;
  sqlite3_stmt *stmt;
  guint n;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (headers != NULL && mapping != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_IMPORT, error))
    return FALSE;
  if (!att_db_begin (db, error))
    return FALSE;

  before = att_import_mapping_recall (db, mapping->type, headers, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto failed;
    }
  shape = att_import_file_shape (headers);
  stmt = att_db_prepare (db, "DELETE FROM import_mappings WHERE kind = ? AND shape = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, shape, -1, SQLITE_TRANSIENT);
  if (!att_db_step_done (db, stmt, error))
    goto failed;

  fields = att_import_fields (mapping->type, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *theirs = att_import_mapping_get (mapping, fields[i].name);

      if (theirs == NULL)
        continue;
      stmt = att_db_prepare (db,
                             "INSERT INTO import_mappings (kind, shape, our_column, file_column) "
                             "VALUES (?, ?, ?, ?)",
                             error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, shape, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, fields[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, theirs, -1, SQLITE_TRANSIENT);
      if (!att_db_step_done (db, stmt, error))
        goto failed;
    }

  for (guint h = 0; h < headers->len; h++)
    g_string_append_printf (names, "%s%s", h > 0 ? ", " : "",
                            (const char *)g_ptr_array_index (headers, h));
  /* Translators: "Columns of pupils files with the columns UPN, Legal Surname, ..." */
  detail = g_strdup_printf (_("Columns of %s files with the columns %s"), kind, names->str);
  before_json = mapping_json (before);
  after_json = mapping_json (mapping);
  if (!att_audit_record (db, user, ATT_AUDIT_SETTING, 0, "import.mapping", detail,
                         before_json, after_json, error))
    goto failed;
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

/* The preview */

static void
preview_row_free (AttImportPreviewRow *row)
{
  g_strfreev (row->values);
  g_ptr_array_unref (row->problems);
  g_free (row);
}

AttImportPreview *
att_import_preview_new (AttImportType type)
{
  AttImportPreview *preview = g_new0 (AttImportPreview, 1);

  preview->type = type;
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)preview_row_free);
  return preview;
}

void
att_import_preview_free (AttImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_ptr_array_unref (preview->rows);
  g_free (preview);
}

char *
att_import_preview_row_problems (const AttImportPreviewRow *row,
                                 const char                *field)
{
  GString *text = NULL;

  for (guint i = 0; i < row->problems->len; i++)
    {
      const AttImportProblem *problem = g_ptr_array_index (row->problems, i);

      if (problem->column != NULL && g_strcmp0 (problem->column, field) != 0)
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }
  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

AttImportPreview *
att_import_preview (AttDb                  *db,
                    const AttUser          *user,
                    AttImportType           type,
                    const char             *path,
                    const AttImportMapping *mapping,
                    AttDate                 leavers_on,
                    guint                   max_rows,
                    AttImportReport        *report,
                    GError                **error)
{
  g_autoptr(AttImportPreview) preview = att_import_preview_new (type);
  g_autoptr(GError) local = NULL;
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;

  g_return_val_if_fail (report != NULL, NULL);

  options.dry_run = TRUE;
  options.mapping = mapping;
  options.leavers_on = leavers_on;
  options.preview = preview;
  options.preview_rows = max_rows;
  /* The same dry run as any import's: a file with problems "fails" with
   * them in the report, which is what a preview shows. */
  if (!att_import_file (db, user, type, path, &options, report, &local) &&
      !g_error_matches (local, ATT_ERROR, ATT_ERROR_IMPORT))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&preview);
}
