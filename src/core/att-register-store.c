/* att-register-store.c: the register in memory and its compact copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every pupil's marks for a school year are kept twice: one row per
 * session in `marks`, and one byte per session in `mark_years`. This file
 * keeps the arrays in memory in step with the file, and checks and
 * rebuilds the compact copies from the marks.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-codes.h"
#include "att-error.h"
#include "att-register-private.h"

/* How long the in-memory register trusts itself before asking SQLite
 * whether another program committed to the file. Asking costs about a
 * microsecond, which matters when a grid reads thousands of cells. */
#define SYNC_INTERVAL_USEC (50 * 1000)

/* The register in memory: for each school year that has been asked for,
 * every pupil's array of codes, loaded in one query over mark_years. The
 * arrays are updated in place after each committed write, so they always
 * agree with the marks table; att_db drops the whole store after a
 * rollback. An array, once handed out, is never freed while the store
 * lives (a pupil whose marks are all cleared keeps an empty one), so a
 * caller holding one across a refresh reads current codes, not freed
 * memory. */
typedef struct
{
  gint64   pupil_id;
  gboolean empty;
  guint8   codes[ATT_REGISTER_YEAR_SLOTS];
} PupilYear;

typedef struct
{
  GHashTable *pupils;       /* &PupilYear.pupil_id -> PupilYear (owned) */
} StoreYear;

struct _AttMarkStore
{
  GHashTable *years;        /* GINT_TO_POINTER (school year) -> StoreYear */
  gint64      data_version; /* PRAGMA data_version when last checked */
  gint64      checked_at;   /* monotonic time of that check */
};

/* Codes are stored as their DfE text; turning them back into numbers is
 * in every loop that reads marks, so it is a table look-up. */
AttCode
att_register_code_from_text (const char *text)
{
  static guint8 table[128][128];
  static gsize initialised = 0;
  guchar c0, c1;
  AttCode code = ATT_CODE_NONE;

  if (g_once_init_enter (&initialised))
    {
      for (guint c = 1; c < ATT_CODE_N_CODES; c++)
        {
          const char *t = att_code_info ((AttCode)c)->text;
          table[(guchar)t[0]][(guchar)t[1]] = (guint8)c;
        }
      g_once_init_leave (&initialised, 1);
    }

  if (text == NULL || text[0] == '\0')
    return ATT_CODE_NONE;
  c0 = (guchar)text[0];
  c1 = (guchar)text[1];
  if (c0 < 128 && c1 < 128 && (c1 == '\0' || text[2] == '\0'))
    code = (AttCode)table[c0][c1];
  /* Someone may have typed into the file by hand: be lenient on case. */
  if (code == ATT_CODE_NONE)
    code = att_code_lookup (text);
  return code;
}

/* The store */

static void
store_year_free (gpointer data)
{
  StoreYear *sy = data;

  g_hash_table_unref (sy->pupils);
  g_free (sy);
}

static StoreYear *
store_year_new (void)
{
  StoreYear *sy = g_new0 (StoreYear, 1);

  sy->pupils = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  return sy;
}

void
att_mark_store_free (AttMarkStore *store)
{
  if (store == NULL)
    return;
  g_hash_table_unref (store->years);
  g_free (store);
}

static gint64
read_data_version (AttDb *db)
{
  sqlite3_stmt *stmt = att_db_prepare (db, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static void store_refresh (AttDb        *db,
                           AttMarkStore *store);

static AttMarkStore *
store_get (AttDb    *db,
           gboolean  force_check)
{
  AttMarkStore *store = db->marks;
  gint64 now, version;

  if (store == NULL)
    {
      store = g_new0 (AttMarkStore, 1);
      store->years = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                            NULL, store_year_free);
      /* Read before anything is loaded, so a commit by another program
       * in between is noticed on the next check. */
      store->data_version = read_data_version (db);
      store->checked_at = g_get_monotonic_time ();
      db->marks = store;
      return store;
    }

  /* Inside a transaction this connection holds the write lock, so no one
   * else can have committed. */
  if (db->depth > 0)
    return store;

  now = g_get_monotonic_time ();
  if (!force_check && now - store->checked_at < SYNC_INTERVAL_USEC)
    return store;

  store->checked_at = now;
  version = read_data_version (db);
  if (version != store->data_version)
    {
      store->data_version = version;
      store_refresh (db, store);
    }
  return store;
}

void
att_register_sync_for_write (AttDb *db)
{
  AttMarkStore *store = db->marks;
  gint64 version;

  /* Called once the write lock is held: every commit by another program
   * is in the file now, and none can come until this one ends. */
  if (store == NULL)
    return;
  store->checked_at = g_get_monotonic_time ();
  version = read_data_version (db);
  if (version != store->data_version)
    {
      store->data_version = version;
      store_refresh (db, store);
    }
}

void
att_register_store_reload (AttDb *db)
{
  if (db->marks != NULL)
    store_refresh (db, db->marks);
}

void
att_register_sync (AttDb *db)
{
  g_return_if_fail (ATT_IS_DB (db));
  store_get (db, TRUE);
}

gboolean
att_register_codes_empty (const guint8 *codes)
{
  for (guint i = 0; i < ATT_REGISTER_YEAR_SLOTS; i++)
    if (codes[i] != ATT_CODE_NONE)
      return FALSE;
  return TRUE;
}

gsize
att_register_codes_length (const guint8 *codes)
{
  gsize n = ATT_REGISTER_YEAR_SLOTS;

  while (n > 0 && codes[n - 1] == ATT_CODE_NONE)
    n--;
  return n;
}

static PupilYear *
store_year_pupil (StoreYear *sy,
                  gint64     pupil_id)
{
  PupilYear *py = g_hash_table_lookup (sy->pupils, &pupil_id);

  if (py == NULL)
    {
      py = g_new0 (PupilYear, 1);
      py->pupil_id = pupil_id;
      py->empty = TRUE;
      g_hash_table_replace (sy->pupils, &py->pupil_id, py);
    }
  return py;
}

/* Reads every pupil's copy for @year into @sy, in one query. Arrays of
 * pupils who no longer have a copy are emptied, never freed. */
static gboolean
store_fill_year (AttDb     *db,
                 StoreYear *sy,
                 int        year)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  int rc;

  stmt = att_db_prepare (db, "SELECT pupil_id, codes FROM mark_years WHERE year = ?", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not load the register for %d: %s", year, error->message);
      return FALSE;
    }

  g_hash_table_iter_init (&iter, sy->pupils);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PupilYear *py = value;
      memset (py->codes, 0, sizeof py->codes);
      py->empty = TRUE;
    }

  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PupilYear *py = store_year_pupil (sy, sqlite3_column_int64 (stmt, 0));
      const guint8 *blob = sqlite3_column_blob (stmt, 1);
      int n = sqlite3_column_bytes (stmt, 1);

      guint8 any = 0;

      if (blob != NULL)
        memcpy (py->codes, blob, MIN (n, ATT_REGISTER_YEAR_SLOTS));
      /* A damaged copy must never index past the code tables; `check`
       * reports it and a rebuild mends it. One branch-free pass, as this
       * runs for every pupil when a school year is loaded. */
      for (guint i = 0; i < ATT_REGISTER_YEAR_SLOTS; i++)
        {
          guint8 c = py->codes[i];

          c = c < ATT_CODE_N_CODES ? c : ATT_CODE_NONE;
          py->codes[i] = c;
          any |= c;
        }
      py->empty = any == 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_warning ("Could not load the register for %d: %s", year,
                 sqlite3_errmsg (att_db_get_handle (db)));
      return FALSE;
    }
  return TRUE;
}

static StoreYear *
store_load_year (AttDb        *db,
                 AttMarkStore *store,
                 int           year)
{
  StoreYear *sy = g_hash_table_lookup (store->years, GINT_TO_POINTER (year));

  if (sy != NULL)
    return sy;

  sy = store_year_new ();
  if (!store_fill_year (db, sy, year))
    {
      store_year_free (sy);
      return NULL;
    }
  g_hash_table_insert (store->years, GINT_TO_POINTER (year), sy);
  return sy;
}

/* Another program changed the file, or the copies were rebuilt: read
 * every loaded school year again, in place. */
static void
store_refresh (AttDb        *db,
               AttMarkStore *store)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, store->years);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!store_fill_year (db, value, GPOINTER_TO_INT (key)))
      g_hash_table_iter_remove (&iter);
}

const guint8 *
att_register_year_codes_fast (AttDb  *db,
                              gint64  pupil_id,
                              int     school_year)
{
  AttMarkStore *store = db->marks != NULL ? db->marks : store_get (db, FALSE);
  StoreYear *sy = store_load_year (db, store, school_year);
  PupilYear *py;

  if (sy == NULL)
    return NULL;
  py = g_hash_table_lookup (sy->pupils, &pupil_id);
  return py != NULL && !py->empty ? py->codes : NULL;
}

gboolean
att_register_year_loaded (AttDb *db,
                          int    school_year)
{
  return db->marks != NULL &&
         g_hash_table_contains (db->marks->years, GINT_TO_POINTER (school_year));
}

struct _AttYearSlice
{
  guint       n_slots;
  GArray     *ids;          /* gint64, ascending */
  GByteArray *codes;        /* n_slots for each of ids */
};

AttYearSlice *
att_register_year_slice (AttDb   *db,
                         int      school_year,
                         guint    first_slot,
                         guint    n_slots,
                         GError **error)
{
  g_autoptr(AttYearSlice) slice = g_new0 (AttYearSlice, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (first_slot + n_slots <= ATT_REGISTER_YEAR_SLOTS, NULL);

  slice->n_slots = n_slots;
  slice->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  slice->codes = g_byte_array_new ();
  /* Only the bytes asked for leave SQLite; the rows come in the order of
   * the pupils' numbers (the table's key is the year, then the pupil). */
  stmt = att_db_prepare (db,
                         "SELECT pupil_id, substr (codes, ?2, ?3) FROM mark_years "
                         "WHERE year = ?1 ORDER BY pupil_id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, school_year);
  sqlite3_bind_int (stmt, 2, (int)first_slot + 1);
  sqlite3_bind_int (stmt, 3, (int)n_slots);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pupil_id = sqlite3_column_int64 (stmt, 0);
      const guint8 *blob = sqlite3_column_blob (stmt, 1);
      guint n = MIN ((guint)sqlite3_column_bytes (stmt, 1), n_slots);
      guint at = slice->codes->len;

      g_array_append_val (slice->ids, pupil_id);
      g_byte_array_set_size (slice->codes, at + n_slots);
      memset (slice->codes->data + at, 0, n_slots);
      if (blob != NULL)
        memcpy (slice->codes->data + at, blob, n);
      /* As when a year is loaded: a damaged copy never indexes past the
       * code tables. */
      for (guint i = 0; i < n; i++)
        if (slice->codes->data[at + i] >= ATT_CODE_N_CODES)
          slice->codes->data[at + i] = ATT_CODE_NONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      return NULL;
    }
  return g_steal_pointer (&slice);
}

const guint8 *
att_year_slice_get (const AttYearSlice *slice,
                    gint64              pupil_id)
{
  guint lo = 0, hi = slice->ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 id = g_array_index (slice->ids, gint64, mid);

      if (id == pupil_id)
        return slice->codes->data + (gsize)mid * slice->n_slots;
      if (id < pupil_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

void
att_year_slice_free (AttYearSlice *slice)
{
  if (slice == NULL)
    return;
  g_clear_pointer (&slice->ids, g_array_unref);
  g_clear_pointer (&slice->codes, g_byte_array_unref);
  g_free (slice);
}

struct _AttYearStream
{
  AttDb        *db;
  sqlite3_stmt *stmt;       /* its own: two years may be read at once */
  guint         n_slots;
  int           rc;         /* of the last step; SQLITE_ROW before the first */
  gint64        id;         /* the pupil of the current row, 0 before the first */
  GError       *error;      /* of a step that failed */
};

AttYearStream *
att_register_year_stream (AttDb   *db,
                          int      school_year,
                          guint    first_slot,
                          guint    n_slots,
                          GError **error)
{
  g_autoptr(AttYearStream) stream = g_new0 (AttYearStream, 1);

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (first_slot + n_slots <= ATT_REGISTER_YEAR_SLOTS, NULL);

  stream->db = db;
  stream->n_slots = n_slots;
  stream->rc = SQLITE_ROW;
  if (sqlite3_prepare_v2 (att_db_get_handle (db),
                          "SELECT pupil_id, substr (codes, ?2, ?3) FROM mark_years "
                          "WHERE year = ?1 ORDER BY pupil_id",
                          -1, &stream->stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      return NULL;
    }
  sqlite3_bind_int (stream->stmt, 1, school_year);
  sqlite3_bind_int (stream->stmt, 2, (int)first_slot + 1);
  sqlite3_bind_int (stream->stmt, 3, (int)n_slots);
  return g_steal_pointer (&stream);
}

const guint8 *
att_year_stream_get (AttYearStream *stream,
                     gint64         pupil_id,
                     guint         *n_codes)
{
  *n_codes = 0;
  while (stream->rc == SQLITE_ROW && stream->id < pupil_id)
    {
      stream->rc = sqlite3_step (stream->stmt);
      if (stream->rc == SQLITE_ROW)
        stream->id = sqlite3_column_int64 (stream->stmt, 0);
      else if (stream->rc != SQLITE_DONE)
        att_db_set_sqlite_error (stream->db, &stream->error, _("read the register"));
    }
  if (stream->rc != SQLITE_ROW || stream->id != pupil_id)
    return NULL;
  *n_codes = MIN ((guint)sqlite3_column_bytes (stream->stmt, 1), stream->n_slots);
  /* An empty copy is no copy: the same as a pupil with no mark. */
  return *n_codes > 0 ? sqlite3_column_blob (stream->stmt, 1) : NULL;
}

gboolean
att_year_stream_check (AttYearStream  *stream,
                       GError        **error)
{
  if (stream->error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (stream->error));
  return FALSE;
}

void
att_year_stream_free (AttYearStream *stream)
{
  if (stream == NULL)
    return;
  sqlite3_finalize (stream->stmt);
  g_clear_error (&stream->error);
  g_free (stream);
}

const guint8 *
att_register_year_codes (AttDb  *db,
                         gint64  pupil_id,
                         int     school_year)
{
  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  store_get (db, FALSE);
  return att_register_year_codes_fast (db, pupil_id, school_year);
}

AttCode
att_register_code (AttDb      *db,
                   gint64      pupil_id,
                   AttDate     date,
                   AttSession  session)
{
  const guint8 *codes;

  g_return_val_if_fail (ATT_IS_DB (db), ATT_CODE_NONE);

  if (!att_register_date_valid (date) || (session != ATT_SESSION_AM && session != ATT_SESSION_PM))
    return ATT_CODE_NONE;

  store_get (db, FALSE);
  codes = att_register_year_codes_fast (db, pupil_id, att_date_school_year (date));
  if (codes == NULL)
    return ATT_CODE_NONE;
  return (AttCode)codes[att_register_slot (att_date_school_year_start (date), date, session)];
}

/* Replaces one pupil's array in memory after a committed write; a year
 * not loaded yet will read the new copy from the database. */
void
att_register_store_put (AttDb        *db,
           gint64        pupil_id,
           int           year,
           const guint8 *codes)
{
  StoreYear *sy;
  PupilYear *py;

  if (db->marks == NULL)
    return;
  sy = g_hash_table_lookup (db->marks->years, GINT_TO_POINTER (year));
  if (sy == NULL)
    return;
  if (codes == NULL && !g_hash_table_contains (sy->pupils, &pupil_id))
    return;
  py = store_year_pupil (sy, pupil_id);
  if (codes == NULL)
    memset (py->codes, 0, sizeof py->codes);
  else
    memcpy (py->codes, codes, ATT_REGISTER_YEAR_SLOTS);
  py->empty = codes == NULL;
}

/* The compact copies, checked and rebuilt from the marks */

typedef struct
{
  gint64   key;
  gint64   pupil_id;
  int      year;
  gboolean seen;
  guint8   codes[ATT_REGISTER_YEAR_SLOTS];
} BuiltYear;

static gint64
year_key (gint64 pupil_id,
          int    year)
{
  return pupil_id * 10000 + year;
}

/* Every pupil's arrays as the marks table says they should be; unknown
 * codes are reported into @problems when it is not NULL. */
static GHashTable *
build_years (AttDb      *db,
             GPtrArray  *problems,
             GError    **error)
{
  g_autoptr(GHashTable) built = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  sqlite3_stmt *stmt = NULL;
  BuiltYear *current = NULL;
  int rc;

  stmt = att_register_prepare_own (db,
                                   "SELECT pupil_id, date, session, code FROM marks",
                                   _("read the register"), error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pupil_id = sqlite3_column_int64 (stmt, 0);
      AttDate date = sqlite3_column_int (stmt, 1);
      int session = sqlite3_column_int (stmt, 2);
      const char *text = (const char *)sqlite3_column_text (stmt, 3);
      AttCode code = att_register_code_from_text (text);
      int year;

      if (!att_register_date_valid (date) || (session != ATT_SESSION_AM && session != ATT_SESSION_PM))
        {
          if (problems != NULL)
            g_ptr_array_add (problems,
                             g_strdup_printf (_("A mark of pupil number %lld has an impossible date or session"),
                                              (long long) pupil_id));
          continue;
        }
      if (code == ATT_CODE_NONE)
        {
          if (problems != NULL)
            {
              g_autofree char *where = att_register_describe_session (db, pupil_id, date, session);
              g_ptr_array_add (problems,
                               g_strdup_printf (_("%s: the mark “%s” is not an attendance code"),
                                                where, text ? text : ""));
            }
          continue;
        }

      year = att_date_school_year (date);
      if (current == NULL || current->pupil_id != pupil_id || current->year != year)
        {
          gint64 key = year_key (pupil_id, year);

          current = g_hash_table_lookup (built, &key);
          if (current == NULL)
            {
              current = g_new0 (BuiltYear, 1);
              current->key = key;
              current->pupil_id = pupil_id;
              current->year = year;
              g_hash_table_insert (built, &current->key, current);
            }
        }
      current->codes[att_register_slot (att_date_from_ymd (year, 9, 1), date, session)] = code;
    }
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&built);
}

static void
report_difference (AttDb        *db,
                   GPtrArray    *problems,
                   gint64        pupil_id,
                   int           year,
                   const guint8 *expected,
                   const guint8 *found,
                   gsize         found_len,
                   const char   *what)
{
  static const guint8 zeros[ATT_REGISTER_YEAR_SLOTS] = { 0 };
  AttDate start = att_date_from_ymd (year, 9, 1);
  guint differ = 0;
  int first = -1;

  if (expected == NULL)
    expected = zeros;
  for (guint i = 0; i < ATT_REGISTER_YEAR_SLOTS; i++)
    {
      guint8 value = found != NULL && i < found_len ? found[i] : 0;
      if (value != expected[i])
        {
          differ++;
          if (first < 0)
            first = (int)i;
        }
    }

  /* A copy may leave out the sessions after its last code (see
   * att_register_codes_length ()), never hold more than a year. */
  if (differ == 0 && (found == NULL || (found_len > 0 && found_len <= ATT_REGISTER_YEAR_SLOTS)))
    return;

  {
    g_autofree char *who = att_register_describe_pupil (db, pupil_id);

    if (differ == 0)
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The %s of %s for %d/%02d has the wrong length (%lu bytes): rebuild it from the marks"),
                                        what, who, year, (year + 1) % 100, (unsigned long) found_len));
    else
      {
        g_autofree char *when = att_date_format_long (start + first / 2);
        g_ptr_array_add (problems,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "The %s of %s for %d/%02d disagrees with the marks on %u session (%s %s): rebuild it from the marks",
                                                       "The %s of %s for %d/%02d disagrees with the marks on %u sessions (the first is %s %s): rebuild it from the marks",
                                                       differ),
                                          what, who, year, (year + 1) % 100, differ,
                                          when, att_register_session_label (first % 2)));
      }
  }
}

/* Declared in att-db.c, which calls it from att_db_check(). */
gboolean att_register_check_cache (AttDb      *self,
                                   GPtrArray  *problems,
                                   GError    **error);

gboolean
att_register_check_cache (AttDb      *self,
                          GPtrArray  *problems,
                          GError    **error)
{
  g_autoptr(GHashTable) built = NULL;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer value;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  built = build_years (self, problems, error);
  if (built == NULL)
    return FALSE;

  stmt = att_register_prepare_own (self,
                                   "SELECT pupil_id, year, codes FROM mark_years",
                                   _("read the register"), error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pupil_id = sqlite3_column_int64 (stmt, 0);
      int year = sqlite3_column_int (stmt, 1);
      gint64 key = year_key (pupil_id, year);
      BuiltYear *expected = g_hash_table_lookup (built, &key);
      const guint8 *blob = sqlite3_column_blob (stmt, 2);
      gsize len = (gsize)sqlite3_column_bytes (stmt, 2);

      if (expected != NULL)
        expected->seen = TRUE;
      report_difference (self, problems, pupil_id, year,
                         expected ? expected->codes : NULL, blob, len,
                         _("saved copy of the register"));
    }
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (self, error, _("read the register"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, built);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BuiltYear *expected = value;

      if (!expected->seen)
        report_difference (self, problems, expected->pupil_id, expected->year,
                           expected->codes, NULL, 0, _("saved copy of the register"));
    }

  /* The arrays in memory answer the grid and the figures: check the
   * school years loaded so far as well. */
  if (self->marks != NULL)
    {
      GHashTableIter years;
      gpointer year_key_ptr, year_value;

      store_get (self, TRUE);
      g_hash_table_iter_init (&years, self->marks->years);
      while (g_hash_table_iter_next (&years, &year_key_ptr, &year_value))
        {
          int year = GPOINTER_TO_INT (year_key_ptr);
          StoreYear *sy = year_value;
          GHashTableIter pupils;
          gpointer pupil_value;

          g_hash_table_iter_init (&pupils, sy->pupils);
          while (g_hash_table_iter_next (&pupils, NULL, &pupil_value))
            {
              PupilYear *py = pupil_value;
              gint64 key = year_key (py->pupil_id, year);
              BuiltYear *expected = g_hash_table_lookup (built, &key);

              report_difference (self, problems, py->pupil_id, year,
                                 expected ? expected->codes : NULL,
                                 py->codes, ATT_REGISTER_YEAR_SLOTS,
                                 _("register in memory"));
            }

          g_hash_table_iter_init (&iter, built);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              BuiltYear *expected = value;

              if (expected->year == year &&
                  !g_hash_table_contains (sy->pupils, &expected->pupil_id))
                report_difference (self, problems, expected->pupil_id, year,
                                   expected->codes, NULL, 0, _("register in memory"));
            }
        }
    }

  return TRUE;
}

gboolean
att_register_rebuild_cache (AttDb   *db,
                            GError **error)
{
  g_autoptr(GHashTable) built = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if (!att_db_begin (db, error))
    return FALSE;

  built = build_years (db, NULL, error);
  if (built == NULL || !att_db_exec (db, "DELETE FROM mark_years", error))
    {
      att_db_rollback (db);
      return FALSE;
    }

  g_hash_table_iter_init (&iter, built);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BuiltYear *year = value;
      sqlite3_stmt *stmt;

      if (att_register_codes_empty (year->codes))
        continue;
      stmt = att_db_prepare (db,
                             "INSERT INTO mark_years (pupil_id, year, codes) VALUES (?, ?, ?)",
                             error);
      if (stmt == NULL)
        {
          att_db_rollback (db);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, year->pupil_id);
      sqlite3_bind_int (stmt, 2, year->year);
      sqlite3_bind_blob (stmt, 3, year->codes, (int)att_register_codes_length (year->codes), SQLITE_STATIC);
      if (!att_db_step_done (db, stmt, error))
        {
          att_db_rollback (db);
          return FALSE;
        }
    }

  att_db_note_change (db, ATT_CHANGE_MARKS);
  if (!att_db_commit (db, error))
    return FALSE;

  /* Whatever was loaded came from the copies just replaced. */
  if (db->marks != NULL)
    store_refresh (db, db->marks);
  return TRUE;
}
