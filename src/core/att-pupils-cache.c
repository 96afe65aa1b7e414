/* att-pupils-cache.c: reading pupils, one at a time or the whole list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils-private.h"

/* The database keeps the pupils it has read until the pupils change:
 * pupils_by_id holds a reference to each, pupils_by_upn borrows them, and
 * pupils, once somebody asks for the whole list, holds every pupil in the
 * order of the lists. A pupil read on its own is the same object in the
 * list read later, so a pupil borrowed from either stays valid until the
 * next change to the pupils.
 *
 * Looking up one pupil reads that pupil's row. The whole list is read in
 * the order of the sort keys kept with each pupil (see
 * att_pupil_sort_key()), so that it is neither sorted nor has its names
 * folded here; the display names are made when first asked for. */

/* The setting that says which rules and which language's order made the
 * sort keys in the pupils table (see att_pupils_collation()). */
#define SORT_COLLATION_SETTING "pupils.sort_collation"

/* A caller that looks up more pupils than this one by one (a range of
 * marks written over a year group, say) reads the whole list instead. */
#define SINGLE_READS_MAX 32

#define PUPIL_COLUMNS \
  "id, upn, legal_surname, legal_forename, preferred_surname, " \
  "preferred_forename, dob, sex, year_group, reg_group, admission_date, " \
  "leaving_date, fsm, sen, eal, looked_after, social_worker, young_carer, " \
  "medical_note, sort_key, leaving_destination"

#define SORT_KEY_COLUMN 19

static AttPupil *
pupil_from_row (sqlite3_stmt *stmt)
{
  AttPupil *pupil = att_pupil_new ();
  const char *text;

  pupil->id = sqlite3_column_int64 (stmt, 0);
  pupil->upn = att_db_column_dup (stmt, 1);
  pupil->legal_surname = att_db_column_dup (stmt, 2);
  pupil->legal_forename = att_db_column_dup (stmt, 3);
  pupil->preferred_surname = att_db_column_dup (stmt, 4);
  pupil->preferred_forename = att_db_column_dup (stmt, 5);
  pupil->dob = sqlite3_column_int (stmt, 6);
  text = (const char *)sqlite3_column_text (stmt, 7);
  pupil->sex = text ? text[0] : 'F';
  pupil->year_group = sqlite3_column_int (stmt, 8);
  pupil->reg_group = att_db_column_dup (stmt, 9);
  pupil->admission = sqlite3_column_int (stmt, 10);
  pupil->leaving = sqlite3_column_type (stmt, 11) == SQLITE_NULL
                   ? ATT_DATE_NONE : sqlite3_column_int (stmt, 11);
  pupil->fsm = sqlite3_column_int (stmt, 12) != 0;
  text = (const char *)sqlite3_column_text (stmt, 13);
  pupil->sen = text ? (AttSen)text[0] : ATT_SEN_NONE;
  pupil->eal = sqlite3_column_int (stmt, 14) != 0;
  pupil->looked_after = sqlite3_column_int (stmt, 15) != 0;
  pupil->social_worker = sqlite3_column_int (stmt, 16) != 0;
  pupil->young_carer = sqlite3_column_int (stmt, 17) != 0;
  pupil->medical_note = att_db_column_dup (stmt, 18);
  pupil->leaving_destination = att_db_column_dup (stmt, 20);
  return pupil;
}

/* The sort key kept in the row, or NULL when there is none (a row another
 * program wrote or renamed). A key is a string without NUL bytes, kept as
 * a blob because it need not be UTF-8. */
static char *
column_sort_key (sqlite3_stmt *stmt)
{
  const void *blob = sqlite3_column_blob (stmt, SORT_KEY_COLUMN);
  int len = sqlite3_column_bytes (stmt, SORT_KEY_COLUMN);

  if (blob == NULL || len <= 0 || memchr (blob, '\0', len) != NULL)
    return NULL;
  return g_strndup (blob, len);
}

static char *
pupil_sort_key (AttPupil *pupil)
{
  return att_pupil_sort_key (att_pupil_get_surname (pupil), att_pupil_get_forename (pupil));
}

/* By sort key, then by UPN for pupils of the same name: the order of
 * "ORDER BY sort_key, upn", since SQLite compares blobs and text byte by
 * byte as strcmp() does. */
static int
compare_pupils (gconstpointer a,
                gconstpointer b)
{
  AttPupil *pa = *(AttPupil * const *)a;
  AttPupil *pb = *(AttPupil * const *)b;
  int cmp = g_strcmp0 (pa->sort_key, pb->sort_key);

  if (cmp != 0)
    return cmp;
  return g_strcmp0 (pa->upn, pb->upn);
}

void
att_pupils_cache_drop (AttDb *self)
{
  g_clear_pointer (&self->pupils, g_ptr_array_unref);
  g_clear_pointer (&self->pupils_by_upn, g_hash_table_unref);
  g_clear_pointer (&self->pupils_by_id, g_hash_table_unref);
}

static void
ensure_tables (AttDb *db)
{
  if (db->pupils_by_id != NULL)
    return;
  db->pupils_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  db->pupils_by_upn = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Keeps @pupil (taking the reference) and returns it. */
static AttPupil *
remember (AttDb    *db,
          AttPupil *pupil)
{
  ensure_tables (db);
  g_hash_table_insert (db->pupils_by_id, &pupil->id, pupil);
  g_hash_table_insert (db->pupils_by_upn, pupil->upn, pupil);
  return pupil;
}

/* Whether the keys in the table are this run's. Keys made under other
 * rules, or in another language's order, are not: then the keys are made
 * here, as they are for a row that has none. */
static gboolean
keys_kept (AttDb *db)
{
  g_autofree char *stored = att_db_get_setting (db, SORT_COLLATION_SETTING);
  g_autofree char *current = att_pupils_collation ();

  return g_strcmp0 (stored, current) == 0;
}

/* The pupils of @stmt, a query of PUPIL_COLUMNS ordered by sort key and
 * UPN, in the order of the lists; each one kept for later. */
static GPtrArray *
read_rows (AttDb         *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) pupils = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean kept = keys_kept (db);
  gboolean sort = FALSE;
  int rc;

  ensure_tables (db);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      AttPupil *pupil = g_hash_table_lookup (db->pupils_by_id, &id);
      gboolean has_key = kept && sqlite3_column_type (stmt, SORT_KEY_COLUMN) != SQLITE_NULL;

      /* A pupil read on its own before is that same pupil, with its
       * names made. */
      if (pupil == NULL)
        {
          pupil = remember (db, pupil_from_row (stmt));
          if (has_key)
            pupil->sort_key = column_sort_key (stmt);
          if (pupil->sort_key == NULL)
            pupil->sort_key = pupil_sort_key (pupil);
        }
      if (!has_key)
        sort = TRUE;
      g_ptr_array_add (pupils, g_object_ref (pupil));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the pupils"));
      return NULL;
    }

  if (sort)
    g_ptr_array_sort (pupils, compare_pupils);
  return g_steal_pointer (&pupils);
}

static gboolean
ensure_list (AttDb   *db,
             GError **error)
{
  sqlite3_stmt *stmt;

  if (db->pupils != NULL)
    return TRUE;

  stmt = att_db_prepare (db, "SELECT " PUPIL_COLUMNS " FROM pupils ORDER BY sort_key, upn",
                         error);
  if (stmt == NULL)
    return FALSE;
  db->pupils = read_rows (db, stmt, error);
  return db->pupils != NULL;
}

/* One pupil from @stmt, bound to look up one row, kept for later. */
static AttPupil *
read_one (AttDb        *db,
          sqlite3_stmt *stmt)
{
  AttPupil *pupil = NULL;
  AttPupil *known;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      pupil = pupil_from_row (stmt);
      if (sqlite3_column_type (stmt, SORT_KEY_COLUMN) != SQLITE_NULL && keys_kept (db))
        pupil->sort_key = column_sort_key (stmt);
    }
  sqlite3_reset (stmt);
  if (pupil == NULL)
    return NULL;

  ensure_tables (db);
  known = g_hash_table_lookup (db->pupils_by_id, &pupil->id);
  if (known != NULL)
    {
      g_object_unref (pupil);
      return known;
    }
  /* The key kept with the pupil, when it is this run's, is not made
   * again: only the display name. */
  if (pupil->sort_key == NULL)
    att_pupil_update_names (pupil);
  else
    att_pupil_get_display_name (pupil);
  return remember (db, pupil);
}

/* Whether to read the whole list rather than one more pupil. */
static gboolean
read_whole_list (AttDb *db)
{
  return db->pupils_by_id != NULL &&
         g_hash_table_size (db->pupils_by_id) >= SINGLE_READS_MAX;
}

GPtrArray *
att_pupils_list (AttDb   *db,
                 GError **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (!ensure_list (db, error))
    return NULL;
  return db->pupils;
}

GPtrArray *
att_pupils_list_on_roll (AttDb    *db,
                         AttDate   from,
                         AttDate   to,
                         GError  **error)
{
  GPtrArray *pupils;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (db->pupils != NULL)
    {
      pupils = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < db->pupils->len; i++)
        {
          AttPupil *pupil = g_ptr_array_index (db->pupils, i);

          if (att_pupil_on_roll_between (pupil, from, to))
            g_ptr_array_add (pupils, g_object_ref (pupil));
        }
      return pupils;
    }

  /* The same test as att_pupil_on_roll_between (). */
  stmt = att_db_prepare (db,
                         "SELECT " PUPIL_COLUMNS " FROM pupils "
                         "WHERE ?1 <= ?2 AND admission_date <= ?2 "
                         "AND (leaving_date IS NULL OR leaving_date >= ?1) "
                         "ORDER BY sort_key, upn",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  return read_rows (db, stmt, error);
}

/* Whether the order of "ORDER BY sort_key, upn" is the list's: the keys
 * are this run's and every pupil has one. */
static gboolean
keys_in_order (AttDb *db)
{
  sqlite3_stmt *stmt;
  gint64 missing = 1;

  if (!keys_kept (db))
    return FALSE;
  stmt = att_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM pupils WHERE sort_key IS NULL)", NULL);
  return stmt != NULL && att_db_query_int (db, stmt, &missing, NULL, NULL) && !missing;
}

static void
append_dates (GArray   *dates,
              AttPupil *pupil)
{
  AttPupilDates d = { pupil->id, pupil->dob, pupil->admission, pupil->leaving };

  g_array_append_val (dates, d);
}

GArray *
att_pupils_on_roll_dates (AttDb    *db,
                          AttDate   from,
                          AttDate   to,
                          GError  **error)
{
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (AttPupilDates));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (db->pupils != NULL || !keys_in_order (db))
    {
      g_autoptr(GPtrArray) pupils = att_pupils_list_on_roll (db, from, to, error);

      if (pupils == NULL)
        return NULL;
      for (guint i = 0; i < pupils->len; i++)
        append_dates (dates, g_ptr_array_index (pupils, i));
      return g_steal_pointer (&dates);
    }

  /* The same test as att_pupil_on_roll_between (); every column is in
   * the index pupils_by_name, so no row of the table is read. */
  stmt = att_db_prepare (db,
                         "SELECT id, dob, admission_date, leaving_date FROM pupils "
                         "WHERE ?1 <= ?2 AND admission_date <= ?2 "
                         "AND (leaving_date IS NULL OR leaving_date >= ?1) "
                         "ORDER BY sort_key, upn",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttPupilDates d;

      d.id = sqlite3_column_int64 (stmt, 0);
      d.dob = sqlite3_column_int (stmt, 1);
      d.admission = sqlite3_column_int (stmt, 2);
      d.leaving = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                  ? ATT_DATE_NONE : sqlite3_column_int (stmt, 3);
      g_array_append_val (dates, d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the pupils"));
      return NULL;
    }
  return g_steal_pointer (&dates);
}

void
att_pupils_prefetch (AttDb        *db,
                     const gint64 *ids,
                     guint         n_ids)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (ATT_IS_DB (db));

  if (db->pupils != NULL)
    return;
  stmt = att_db_prepare (db, "SELECT " PUPIL_COLUMNS " FROM pupils WHERE id = ?", NULL);
  if (stmt == NULL)
    return;
  for (guint i = 0; i < n_ids; i++)
    {
      if (db->pupils_by_id != NULL && g_hash_table_contains (db->pupils_by_id, &ids[i]))
        continue;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      read_one (db, stmt);
    }
}

AttPupil *
att_pupils_get (AttDb  *db,
                gint64  id)
{
  AttPupil *pupil;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (db->pupils_by_id != NULL &&
      (pupil = g_hash_table_lookup (db->pupils_by_id, &id)) != NULL)
    return pupil;
  if (db->pupils != NULL)
    return NULL;
  if (read_whole_list (db))
    return ensure_list (db, NULL) ? g_hash_table_lookup (db->pupils_by_id, &id) : NULL;

  stmt = att_db_prepare (db, "SELECT " PUPIL_COLUMNS " FROM pupils WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return read_one (db, stmt);
}

AttPupil *
att_pupils_find (AttDb      *db,
                 const char *upn)
{
  g_autofree char *clean = NULL;
  AttPupil *pupil;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (upn == NULL)
    return NULL;
  /* UPNs are written in capitals; accept them typed in any case. */
  clean = g_strstrip (g_ascii_strup (upn, -1));

  if (db->pupils_by_upn != NULL &&
      (pupil = g_hash_table_lookup (db->pupils_by_upn, clean)) != NULL)
    return pupil;
  if (db->pupils != NULL)
    return NULL;
  if (read_whole_list (db))
    return ensure_list (db, NULL) ? g_hash_table_lookup (db->pupils_by_upn, clean) : NULL;

  stmt = att_db_prepare (db, "SELECT " PUPIL_COLUMNS " FROM pupils WHERE upn = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  return read_one (db, stmt);
}

AttPupil *
att_pupils_get_or_error (AttDb   *db,
                         gint64   id,
                         GError **error)
{
  AttPupil *pupil = att_pupils_get (db, id);

  if (pupil == NULL)
    g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                 _("There is no pupil number %lld on the register"), (long long) id);
  return pupil;
}

AttPupil *
att_pupils_find_or_error (AttDb       *db,
                          const char  *upn,
                          GError     **error)
{
  AttPupil *pupil = att_pupils_find (db, upn);

  if (pupil == NULL)
    g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                 _("There is no pupil with UPN %s: check the UPN, or import the pupils first"),
                 upn ? upn : "");
  return pupil;
}

/* The sort keys in the table */

/* What a sort key is made of, and nothing else: a migration writes the
 * keys (version 2) before the later columns of PUPIL_COLUMNS exist. */
static gpointer
names_from_row (sqlite3_stmt *stmt)
{
  AttPupil *pupil = att_pupil_new ();

  pupil->id = sqlite3_column_int64 (stmt, 0);
  pupil->legal_surname = att_db_column_dup (stmt, 1);
  pupil->legal_forename = att_db_column_dup (stmt, 2);
  pupil->preferred_surname = att_db_column_dup (stmt, 3);
  pupil->preferred_forename = att_db_column_dup (stmt, 4);
  return pupil;
}

#define NAME_COLUMNS "id, legal_surname, legal_forename, preferred_surname, preferred_forename"

/* The keys of every pupil, or of those without one. */
static gboolean
write_sort_keys (AttDb    *db,
                 gboolean  missing_only,
                 GError  **error)
{
  g_autoptr(GPtrArray) pupils = NULL;
  g_autofree char *collation = att_pupils_collation ();
  sqlite3_stmt *stmt;

  /* Read first, then written: the table is not changed under a reading
   * statement. */
  stmt = att_db_prepare (db,
                         missing_only ? "SELECT " NAME_COLUMNS " FROM pupils WHERE sort_key IS NULL"
                                      : "SELECT " NAME_COLUMNS " FROM pupils",
                         error);
  if (stmt == NULL)
    return FALSE;
  pupils = att_db_collect (db, stmt, names_from_row, g_object_unref,
                           _("read the pupils"), error);
  if (pupils == NULL)
    return FALSE;

  stmt = att_db_prepare (db, "UPDATE pupils SET sort_key = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      g_autofree char *key = pupil_sort_key (pupil);

      sqlite3_bind_blob (stmt, 1, key, strlen (key), SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, pupil->id);
      if (!att_db_step_done (db, stmt, error))
        return FALSE;
    }

  /* Derived data, like the keys: not a change anybody sees, so it is not
   * noted as a change of the settings. */
  stmt = att_db_prepare (db,
                         "INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, SORT_COLLATION_SETTING, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, collation, -1, SQLITE_STATIC);
  return att_db_step_done (db, stmt, error);
}

gboolean
att_pupils_write_sort_keys (AttDb   *db,
                            GError **error)
{
  return write_sort_keys (db, FALSE, error);
}

gboolean
att_pupils_prepare_sort_keys (AttDb   *db,
                              GError **error)
{
  g_autofree char *stored = att_db_get_setting (db, SORT_COLLATION_SETTING);
  g_autofree char *current = att_pupils_collation ();
  sqlite3_stmt *stmt;
  gint64 missing = 0;

  if (g_strcmp0 (stored, current) != 0)
    return write_sort_keys (db, FALSE, error);

  /* Pupils another program added or renamed are given their keys too
   * (found at the start of the index, where the empty keys are). */
  stmt = att_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM pupils WHERE sort_key IS NULL)", error);
  if (stmt == NULL ||
      !att_db_query_int (db, stmt, &missing, _("read the pupils"), error))
    return FALSE;
  return !missing || write_sort_keys (db, TRUE, error);
}
