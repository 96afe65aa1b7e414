/* att-register.c: marks, amendments and their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-codes.h"
#include "att-error.h"
#include "att-text.h"
#include "att-pupils.h"
#include "att-register-private.h"
#include "att-users.h"

/* Minutes late are kept for L and U only, and a session is never longer
 * than this. */
#define MINUTES_LATE_MAX 300

/* The last day GDate (and so AttDate) can hold: 31 December 9999. */
#define LAST_DATE 3652059

static inline gboolean
date_valid (AttDate date)
{
  return date >= 1 && date <= LAST_DATE;
}

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
static AttCode
code_from_text (const char *text)
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

static const char *
session_label (AttSession session)
{
  /* Translators: the morning and afternoon sessions of a school day */
  return session == ATT_SESSION_PM ? _("PM") : _("AM");
}

/* The pupil as the open transaction sees them. The database's list of
 * pupils is refreshed when a transaction commits, so a pupil added or
 * changed earlier in the same transaction (an import that saves pupils
 * and then their marks) is read from the table instead. Returns a new
 * reference, or NULL. */
static AttPupil *
pupil_for_write (AttDb  *db,
                 gint64  pupil_id)
{
  g_autoptr(AttPupil) pupil = NULL;
  sqlite3_stmt *stmt;

  if (!(db->pending & ATT_CHANGE_PUPILS))
    {
      AttPupil *cached = att_pupils_get (db, pupil_id);
      return cached != NULL ? g_object_ref (cached) : NULL;
    }

  stmt = att_db_prepare (db,
                         "SELECT upn, legal_surname, legal_forename, preferred_surname, "
                         "preferred_forename, dob, sex, year_group, reg_group, "
                         "admission_date, leaving_date FROM pupils WHERE id = ?",
                         NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sex = (const char *)sqlite3_column_text (stmt, 6);

      pupil = att_pupil_new ();
      pupil->id = pupil_id;
      pupil->upn = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      pupil->legal_surname = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      pupil->legal_forename = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      pupil->preferred_surname = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      pupil->preferred_forename = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      pupil->dob = sqlite3_column_int (stmt, 5);
      pupil->sex = sex != NULL ? sex[0] : 'F';
      pupil->year_group = sqlite3_column_int (stmt, 7);
      pupil->reg_group = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
      pupil->admission = sqlite3_column_int (stmt, 9);
      pupil->leaving = sqlite3_column_type (stmt, 10) == SQLITE_NULL
                       ? ATT_DATE_NONE : sqlite3_column_int (stmt, 10);
      att_pupil_update_names (pupil);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&pupil);
}

static char *
describe_pupil (AttDb  *db,
                gint64  pupil_id)
{
  g_autoptr(AttPupil) pupil = pupil_for_write (db, pupil_id);

  if (pupil == NULL)
    return g_strdup_printf (_("pupil number %lld"), (long long) pupil_id);
  /* Translators: a pupil's name and their unique pupil number */
  return g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil), pupil->upn);
}

static char *
describe_session (AttDb      *db,
                  gint64      pupil_id,
                  AttDate     date,
                  AttSession  session)
{
  g_autofree char *who = describe_pupil (db, pupil_id);
  g_autofree char *when = att_date_format_long (date);

  /* Translators: pupil, date and session, as in
   * "Amina Khan (A123456789012), Mon 2 Sep 2024 AM" */
  return g_strdup_printf (_("%s, %s %s"), who, when, session_label (session));
}

static void set_mark_error (GError     **error,
                            AttError     code,
                            AttDb       *db,
                            gint64       pupil_id,
                            AttDate      date,
                            AttSession   session,
                            const char  *format,
                            ...) G_GNUC_PRINTF (7, 8);

/* Every refusal names the pupil, the session and the rule. */
static void
set_mark_error (GError     **error,
                AttError     code,
                AttDb       *db,
                gint64       pupil_id,
                AttDate      date,
                AttSession   session,
                const char  *format,
                ...)
{
  g_autofree char *where = describe_session (db, pupil_id, date, session);
  g_autofree char *rule = NULL;
  va_list args;

  va_start (args, format);
  rule = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the session, then the rule it broke */
  g_set_error (error, ATT_ERROR, code, _("%s: %s"), where, rule);
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
att_register_sync (AttDb *db)
{
  g_return_if_fail (ATT_IS_DB (db));
  store_get (db, TRUE);
}

static gboolean
codes_empty (const guint8 *codes)
{
  for (guint i = 0; i < ATT_REGISTER_YEAR_SLOTS; i++)
    if (codes[i] != ATT_CODE_NONE)
      return FALSE;
  return TRUE;
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

  if (!date_valid (date) || (session != ATT_SESSION_AM && session != ATT_SESSION_PM))
    return ATT_CODE_NONE;

  store_get (db, FALSE);
  codes = att_register_year_codes_fast (db, pupil_id, att_date_school_year (date));
  if (codes == NULL)
    return ATT_CODE_NONE;
  return (AttCode)codes[att_register_slot (att_date_school_year_start (date), date, session)];
}

/* Replaces one pupil's array in memory after a committed write; a year
 * not loaded yet will read the new copy from the database. */
static void
store_put (AttDb        *db,
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

/* Writing */

typedef struct
{
  gint64   pupil_id;
  int      year;
  gboolean empty;
  guint8   codes[ATT_REGISTER_YEAR_SLOTS];
} TouchedYear;

typedef struct
{
  AttDb          *db;
  const AttUser  *user;
  const char     *reason;   /* trimmed; NULL when none was given */
  AttWriteFlags   flags;
  AttCalendar    *calendar;
  gint64          actor_id;
  gint64          at;
  GHashTable     *touched;  /* pupil_id * 10000 + year (gint64*) -> TouchedYear index */
  GArray         *years;    /* TouchedYear */
  GPtrArray      *keys;
} WriteBatch;

static void
batch_touch (WriteBatch *batch,
             gint64      pupil_id,
             int         year)
{
  gint64 key = pupil_id * 10000 + year;
  TouchedYear touched = { 0 };
  gint64 *stored;

  if (g_hash_table_contains (batch->touched, &key))
    return;
  stored = g_new (gint64, 1);
  *stored = key;
  g_ptr_array_add (batch->keys, stored);
  g_hash_table_add (batch->touched, stored);
  touched.pupil_id = pupil_id;
  touched.year = year;
  g_array_append_val (batch->years, touched);
}

/* Why a date and session hold no school session, for the error. */
static char *
explain_no_session (AttCalendar *calendar,
                    AttDate      date,
                    AttSession   session)
{
  const char *holiday = att_bank_holiday_name (date);
  const char *reason;

  if (att_date_weekday (date) >= 6)
    return g_strdup (_("It is a weekend, when there is no school session"));
  if (holiday != NULL)
    return g_strdup_printf (_("It is a bank holiday (%s), when there is no school session"), holiday);
  if (att_calendar_term_for (calendar, date) == NULL)
    return g_strdup (_("It is outside term time, when there is no school session (if the school was open, add the term to the calendar first)"));
  reason = att_calendar_closure_reason (calendar, date, session);
  if (att_calendar_is_closed_session (calendar, date, session) || reason != NULL)
    return g_strdup_printf (_("The school is closed for a planned closure (%s)"),
                            reason != NULL ? reason : "");
  return g_strdup (_("It is not a school session"));
}

typedef struct
{
  gboolean  exists;
  AttCode   code;
  int       minutes;
  char     *comment;
} SavedMark;

static gboolean
read_saved (AttDb      *db,
            gint64      pupil_id,
            AttDate     date,
            AttSession  session,
            SavedMark  *saved,
            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (saved, 0, sizeof *saved);
  saved->minutes = -1;

  stmt = att_db_prepare (db,
                         "SELECT code, minutes_late, comment FROM marks "
                         "WHERE pupil_id = ? AND date = ? AND session = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      saved->exists = TRUE;
      saved->code = code_from_text ((const char *)sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        saved->minutes = sqlite3_column_int (stmt, 1);
      saved->comment = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_code (sqlite3_stmt *stmt,
           int           index,
           AttCode       code)
{
  if (code == ATT_CODE_NONE)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, att_code_to_string (code), -1, SQLITE_STATIC);
}

static void
bind_minutes (sqlite3_stmt *stmt,
              int           index,
              int           minutes)
{
  if (minutes < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, minutes);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
store_mark (WriteBatch       *batch,
            const AttMarkWrite *w,
            AttSession        session,
            AttCode           code,
            int               minutes,
            const char       *comment,
            const SavedMark  *saved,
            GError          **error)
{
  AttDb *db = batch->db;
  sqlite3_stmt *stmt;

  if (batch->actor_id == 0)
    {
      batch->actor_id = att_audit_actor (db, batch->user, error);
      if (batch->actor_id == 0)
        return FALSE;
    }

  if (!saved->exists)
    {
      /* A session cleared earlier and marked again keeps counting its
       * amendments from the history it already has. */
      stmt = att_db_prepare (db,
                             "INSERT INTO marks (pupil_id, date, session, code, minutes_late, comment, amendments) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                             "  (SELECT count(*) FROM mark_history WHERE pupil_id = ?1 AND date = ?2 AND session = ?3))",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, w->pupil_id);
      sqlite3_bind_int (stmt, 2, w->date);
      sqlite3_bind_int (stmt, 3, session);
      bind_code (stmt, 4, code);
      bind_minutes (stmt, 5, minutes);
      bind_text_or_null (stmt, 6, comment);
    }
  else if (code == ATT_CODE_NONE)
    {
      stmt = att_db_prepare (db,
                             "DELETE FROM marks WHERE pupil_id = ? AND date = ? AND session = ?",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, w->pupil_id);
      sqlite3_bind_int (stmt, 2, w->date);
      sqlite3_bind_int (stmt, 3, session);
    }
  else
    {
      stmt = att_db_prepare (db,
                             "UPDATE marks SET code = ?, minutes_late = ?, comment = ?, "
                             "amendments = amendments + 1 "
                             "WHERE pupil_id = ? AND date = ? AND session = ?",
                             error);
      if (stmt == NULL)
        return FALSE;
      bind_code (stmt, 1, code);
      bind_minutes (stmt, 2, minutes);
      bind_text_or_null (stmt, 3, comment);
      sqlite3_bind_int64 (stmt, 4, w->pupil_id);
      sqlite3_bind_int (stmt, 5, w->date);
      sqlite3_bind_int (stmt, 6, session);
    }
  if (!att_db_step_done (db, stmt, error))
    return FALSE;

  stmt = att_db_prepare (db,
                         "INSERT INTO mark_history (pupil_id, date, session, old_code, new_code, "
                         "old_minutes, new_minutes, comment, reason, actor_id, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->pupil_id);
  sqlite3_bind_int (stmt, 2, w->date);
  sqlite3_bind_int (stmt, 3, session);
  bind_code (stmt, 4, saved->exists ? saved->code : ATT_CODE_NONE);
  bind_code (stmt, 5, code);
  bind_minutes (stmt, 6, saved->exists ? saved->minutes : -1);
  bind_minutes (stmt, 7, minutes);
  bind_text_or_null (stmt, 8, comment);
  /* A first entry has no reason: there was nothing to change. */
  bind_text_or_null (stmt, 9, saved->exists ? batch->reason : NULL);
  sqlite3_bind_int64 (stmt, 10, batch->actor_id);
  sqlite3_bind_int64 (stmt, 11, batch->at);
  if (!att_db_step_done (db, stmt, error))
    return FALSE;

  if (!(batch->flags & ATT_WRITE_DRY_RUN))
    att_db_note_change (db, ATT_CHANGE_MARKS);
  batch_touch (batch, w->pupil_id, att_date_school_year (w->date));
  return TRUE;
}

/* What a write leaves beside its code, given what the session holds:
 * minutes not given keep the saved ones while the mark stays a late one
 * (L to U after the register closed, say); no comment given keeps the
 * saved one (a new code for a late arrival keeps "bus late") and a blank
 * one removes it. Clearing a mark leaves no comment: the reason says
 * why. */
static void
resolve_details (const SavedMark    *saved,
                 const AttMarkWrite *w,
                 AttCode             code,
                 int                *minutes,
                 char              **comment)
{
  if (*minutes == -1 && saved->exists && saved->minutes >= 0 &&
      (code == ATT_CODE_L || code == ATT_CODE_U) &&
      (saved->code == ATT_CODE_L || saved->code == ATT_CODE_U))
    *minutes = saved->minutes;

  *comment = NULL;
  if (w->comment == NULL && code != ATT_CODE_NONE)
    *comment = g_strdup (saved->comment);
  else if (w->comment != NULL && code != ATT_CODE_NONE)
    {
      *comment = g_strstrip (g_strdup (w->comment));
      if (**comment == '\0')
        g_clear_pointer (comment, g_free);
    }
}

gboolean
att_register_write_changes (AttDb              *db,
                            const AttMarkWrite *w)
{
  AttCode code = w->code;
  int minutes = w->minutes_late;
  g_autofree char *comment = NULL;
  SavedMark saved;
  gboolean changes;

  g_return_val_if_fail (ATT_IS_DB (db), TRUE);

  /* A session that cannot be read is left for the write to report. */
  if (!read_saved (db, w->pupil_id, w->date, w->session, &saved, NULL))
    return TRUE;
  if (code == ATT_CODE_PRESENT_AM || code == ATT_CODE_PRESENT_PM)
    code = w->session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;
  resolve_details (&saved, w, code, &minutes, &comment);
  changes = saved.exists ? !(saved.code == code && saved.minutes == minutes &&
                             g_strcmp0 (saved.comment, comment) == 0)
                         : code != ATT_CODE_NONE;
  g_free (saved.comment);
  return changes;
}

/* Codes that say what happened in the session, which nobody can know
 * before the day: present, late, and absent for no known or accepted
 * reason. */
static gboolean
code_needs_the_day (AttCode code)
{
  switch (code)
    {
    case ATT_CODE_PRESENT_AM:
    case ATT_CODE_PRESENT_PM:
    case ATT_CODE_L:
    case ATT_CODE_U:
    case ATT_CODE_N:
    case ATT_CODE_O:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
write_one (WriteBatch          *batch,
           const AttMarkWrite  *w,
           GError             **error)
{
  AttDb *db = batch->db;
  g_autoptr(AttPupil) pupil = NULL;
  AttSession session = w->session;
  AttCode code = w->code;
  int minutes = w->minutes_late;
  g_autofree char *comment = NULL;
  SavedMark saved;
  gboolean ok;

  if (!att_text_check_mark (w->comment, batch->reason, error))
    return FALSE;

  pupil = pupil_for_write (db, w->pupil_id);
  if (pupil == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no pupil number %lld on the register: nothing was saved"),
                   (long long) w->pupil_id);
      return FALSE;
    }

  if (!date_valid (w->date))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s (%s): a mark needs a date"),
                   att_pupil_get_display_name (pupil), pupil->upn);
      return FALSE;
    }
  if (session != ATT_SESSION_AM && session != ATT_SESSION_PM)
    {
      g_autofree char *when = att_date_format_long (w->date);
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s (%s), %s: the session must be AM or PM"),
                   att_pupil_get_display_name (pupil), pupil->upn, when);
      return FALSE;
    }

  if (!att_calendar_is_school_session (batch->calendar, w->date, session))
    {
      g_autofree char *why = explain_no_session (batch->calendar, w->date, session);
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session, "%s", why);
      return FALSE;
    }

  if (!att_pupil_on_roll (pupil, w->date))
    {
      if (w->date < pupil->admission)
        {
          g_autofree char *admitted = att_date_format_long (pupil->admission);
          set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                          _("The pupil was not yet on roll: they were admitted on %s"), admitted);
        }
      else
        {
          g_autofree char *left = att_date_format_long (pupil->leaving);
          set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                          _("The pupil was no longer on roll: their leaving date is %s"), left);
        }
      return FALSE;
    }

  if ((guint)code >= ATT_CODE_N_CODES)
    {
      set_mark_error (error, ATT_ERROR_INVALID, db, w->pupil_id, w->date, session,
                      _("That is not an attendance code"));
      return FALSE;
    }

  /* Either slash means present: keep the one that belongs to the session. */
  if (code == ATT_CODE_PRESENT_AM || code == ATT_CODE_PRESENT_PM)
    code = session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;

  if (code == ATT_CODE_CLOSED)
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“#” is never entered by hand: closures come from the school calendar"));
      return FALSE;
    }
  if (att_code_info (code)->retired &&
      (!(batch->flags & ATT_WRITE_IMPORT) || w->date >= att_codes_2024_start ()))
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“%s” is a retired code: it is accepted only when importing registers from before 19 August 2024"),
                      att_code_to_string (code));
      return FALSE;
    }
  if (code == ATT_CODE_X && att_pupil_compulsory_age (pupil, w->date))
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“X” is only for pupils below or above compulsory school age, and this pupil is of compulsory school age on this date"));
      return FALSE;
    }
  if (code == ATT_CODE_Z)
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“Z” is for prospective pupils not yet on roll, and this pupil is on roll"));
      return FALSE;
    }
  /* What happened in a session is recorded once its day has come: nobody
   * is present, late or absent without a reason in advance. Absences
   * planned ahead (leave, visits, appointments, closures) may be entered
   * before the day. */
  if (w->date > att_date_today () && code_needs_the_day (code))
    {
      set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                      _("“%s” records what happened on the day, and this day has not come yet: only absences planned ahead can be entered in advance"),
                      att_code_to_string (code));
      return FALSE;
    }
  if (minutes != -1)
    {
      if (code != ATT_CODE_L && code != ATT_CODE_U)
        {
          set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                          _("Minutes late are recorded only with L or U"));
          return FALSE;
        }
      if (minutes < 0 || minutes > MINUTES_LATE_MAX)
        {
          set_mark_error (error, ATT_ERROR_INVALID, db, w->pupil_id, w->date, session,
                          _("Minutes late must be between 0 and %d"), MINUTES_LATE_MAX);
          return FALSE;
        }
    }

  if (!read_saved (db, w->pupil_id, w->date, session, &saved, error))
    return FALSE;

  resolve_details (&saved, w, code, &minutes, &comment);

  ok = FALSE;
  if (!saved.exists)
    {
      if (code == ATT_CODE_NONE)
        ok = TRUE;  /* nothing to clear */
      else if (!att_user_require (batch->user, ATT_PERM_MARK, error))
        {
          g_autofree char *where = describe_session (db, w->pupil_id, w->date, session);
          g_prefix_error (error, _("%s: "), where);
        }
      else
        ok = store_mark (batch, w, session, code, minutes, comment, &saved, error);
    }
  else if (saved.code == code && saved.minutes == minutes &&
           g_strcmp0 (saved.comment, comment) == 0)
    ok = TRUE;  /* the session already holds exactly this */
  else if (batch->reason == NULL)
    set_mark_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                    _("A reason is needed to change a saved mark"));
  else if (!att_user_require (batch->user, ATT_PERM_AMEND, error))
    {
      g_autofree char *where = describe_session (db, w->pupil_id, w->date, session);
      g_prefix_error (error, _("%s: "), where);
    }
  else
    ok = store_mark (batch, w, session, code, minutes, comment, &saved, error);

  g_free (saved.comment);
  return ok;
}

/* Rebuilds one pupil's array for a school year from the marks table, so
 * the compact copy can only ever be what the marks say. */
static gboolean
rebuild_year (AttDb       *db,
              TouchedYear *touched,
              GError     **error)
{
  AttDate start = att_date_from_ymd (touched->year, 9, 1);
  AttDate end = att_date_from_ymd (touched->year + 1, 8, 31);
  sqlite3_stmt *stmt;
  int rc;

  memset (touched->codes, 0, sizeof touched->codes);
  stmt = att_db_prepare (db,
                         "SELECT date, session, code FROM marks "
                         "WHERE pupil_id = ? AND date BETWEEN ? AND ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, touched->pupil_id);
  sqlite3_bind_int (stmt, 2, start);
  sqlite3_bind_int (stmt, 3, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttDate date = sqlite3_column_int (stmt, 0);
      int session = sqlite3_column_int (stmt, 1);

      if (session == ATT_SESSION_AM || session == ATT_SESSION_PM)
        touched->codes[att_register_slot (start, date, session)] =
          code_from_text ((const char *)sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      return FALSE;
    }

  touched->empty = codes_empty (touched->codes);
  if (touched->empty)
    {
      stmt = att_db_prepare (db, "DELETE FROM mark_years WHERE pupil_id = ? AND year = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, touched->pupil_id);
      sqlite3_bind_int (stmt, 2, touched->year);
    }
  else
    {
      stmt = att_db_prepare (db,
                             "INSERT INTO mark_years (pupil_id, year, codes) VALUES (?, ?, ?) "
                             "ON CONFLICT (pupil_id, year) DO UPDATE SET codes = excluded.codes",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, touched->pupil_id);
      sqlite3_bind_int (stmt, 2, touched->year);
      sqlite3_bind_blob (stmt, 3, touched->codes, ATT_REGISTER_YEAR_SLOTS, SQLITE_STATIC);
    }
  return att_db_step_done (db, stmt, error);
}

#define DRY_RUN_SAVEPOINT "att_register_dry_run"

gboolean
att_register_write (AttDb               *db,
                    const AttUser       *user,
                    const AttMarkWrite  *writes,
                    guint                n_writes,
                    const char          *reason,
                    AttWriteFlags        flags,
                    GError             **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(AttCalendar) calendar = NULL;
  gboolean dry_run = (flags & ATT_WRITE_DRY_RUN) != 0;
  WriteBatch batch = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (writes != NULL || n_writes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_writes == 0)
    return TRUE;

  /* Imports write many marks at once: that takes the bulk right. */
  if ((flags & ATT_WRITE_IMPORT) && !att_user_require (user, ATT_PERM_BULK_MARK, error))
    return FALSE;

  if (reason != NULL)
    {
      trimmed = g_strstrip (g_strdup (reason));
      if (*trimmed == '\0')
        g_clear_pointer (&trimmed, g_free);
    }

  if (!att_db_begin (db, error))
    return FALSE;

  /* A dry run does the real work inside a savepoint and then undoes it,
   * so it meets exactly the checks a real run would, including several
   * writes to one session in the same batch. */
  if (dry_run && !att_db_exec (db, "SAVEPOINT " DRY_RUN_SAVEPOINT, error))
    {
      att_db_rollback (db);
      return FALSE;
    }

  calendar = att_calendar_ref (att_db_get_calendar (db));
  batch.db = db;
  batch.user = user;
  batch.reason = trimmed;
  batch.flags = flags;
  batch.calendar = calendar;
  batch.at = g_get_real_time () / G_USEC_PER_SEC;
  batch.keys = g_ptr_array_new_with_free_func (g_free);
  batch.touched = g_hash_table_new (g_int64_hash, g_int64_equal);
  batch.years = g_array_new (FALSE, FALSE, sizeof (TouchedYear));

  for (guint i = 0; ok && i < n_writes; i++)
    ok = write_one (&batch, &writes[i], error);

  for (guint i = 0; ok && i < batch.years->len; i++)
    ok = rebuild_year (db, &g_array_index (batch.years, TouchedYear, i), error);

  if (dry_run)
    {
      att_db_exec (db, "ROLLBACK TO " DRY_RUN_SAVEPOINT, NULL);
      att_db_exec (db, "RELEASE " DRY_RUN_SAVEPOINT, NULL);
      /* Nothing was written, so there is nothing to roll back, and an
       * outer transaction must not be spoilt by a check. */
      if (!att_db_commit (db, ok ? error : NULL))
        ok = FALSE;
    }
  else if (!ok)
    att_db_rollback (db);
  else if (!att_db_commit (db, error))
    ok = FALSE;
  else
    {
      /* Committed (or part of an outer transaction, which drops the store
       * if it rolls back): bring memory up to date. */
      for (guint i = 0; i < batch.years->len; i++)
        {
          TouchedYear *touched = &g_array_index (batch.years, TouchedYear, i);
          store_put (db, touched->pupil_id, touched->year,
                     touched->empty ? NULL : touched->codes);
        }
    }

  g_hash_table_unref (batch.touched);
  g_ptr_array_unref (batch.keys);
  g_array_unref (batch.years);
  return ok;
}

/* Reading */

void
att_mark_clear (AttMark *mark)
{
  if (mark == NULL)
    return;
  g_clear_pointer (&mark->comment, g_free);
  mark->code = ATT_CODE_NONE;
  mark->minutes_late = -1;
  mark->amendments = 0;
}

gboolean
att_register_get_mark (AttDb       *db,
                       gint64       pupil_id,
                       AttDate      date,
                       AttSession   session,
                       AttMark     *mark,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);

  mark->code = ATT_CODE_NONE;
  mark->minutes_late = -1;
  mark->comment = NULL;
  mark->amendments = 0;

  stmt = att_db_prepare (db,
                         "SELECT code, minutes_late, comment, amendments FROM marks "
                         "WHERE pupil_id = ? AND date = ? AND session = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      mark->code = code_from_text ((const char *)sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        mark->minutes_late = sqlite3_column_int (stmt, 1);
      mark->comment = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      mark->amendments = (guint)MAX (0, sqlite3_column_int (stmt, 3));
    }
  else if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
att_history_entry_free (AttHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->comment);
  g_free (entry->reason);
  g_free (entry->user_name);
  g_free (entry->position);
  g_free (entry);
}

static int
column_minutes (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;
  return sqlite3_column_int (stmt, column);
}

GPtrArray *
att_register_history (AttDb       *db,
                      gint64       pupil_id,
                      AttDate      from,
                      AttDate      to,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* Not a cached statement: callers may read the register again while
   * they walk the result. */
  if (sqlite3_prepare_v2 (att_db_get_handle (db),
                          "SELECT h.id, h.pupil_id, h.date, h.session, h.old_code, h.new_code, "
                          "  h.old_minutes, h.new_minutes, h.comment, h.reason, a.name, a.position, h.at "
                          "FROM mark_history h JOIN actors a ON a.id = h.actor_id "
                          "WHERE h.pupil_id = ? AND h.date BETWEEN ? AND ? "
                          "ORDER BY h.id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, _("read the register’s history"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, from != ATT_DATE_NONE ? from : G_MININT32);
  sqlite3_bind_int (stmt, 3, to != ATT_DATE_NONE ? to : G_MAXINT32);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)att_history_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttHistoryEntry *entry = g_new0 (AttHistoryEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->pupil_id = sqlite3_column_int64 (stmt, 1);
      entry->date = sqlite3_column_int (stmt, 2);
      entry->session = sqlite3_column_int (stmt, 3) == 1 ? ATT_SESSION_PM : ATT_SESSION_AM;
      entry->old_code = code_from_text ((const char *)sqlite3_column_text (stmt, 4));
      entry->new_code = code_from_text ((const char *)sqlite3_column_text (stmt, 5));
      entry->old_minutes = column_minutes (stmt, 6);
      entry->new_minutes = column_minutes (stmt, 7);
      entry->comment = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
      entry->reason = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
      entry->user_name = g_strdup ((const char *)sqlite3_column_text (stmt, 10));
      entry->position = g_strdup ((const char *)sqlite3_column_text (stmt, 11));
      entry->at = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register’s history"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&entries);
}

gboolean
att_register_foreach (AttDb        *db,
                      AttDate       from,
                      AttDate       to,
                      AttMarkFunc   func,
                      gpointer      user_data,
                      GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Not a cached statement: @func may use the database. */
  if (sqlite3_prepare_v2 (att_db_get_handle (db),
                          "SELECT m.pupil_id, m.date, m.session, m.code, m.minutes_late, m.comment "
                          "FROM marks m JOIN pupils p ON p.id = m.pupil_id "
                          "WHERE m.date BETWEEN ? AND ? "
                          "ORDER BY m.date, m.session, p.upn",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, from != ATT_DATE_NONE ? from : G_MININT32);
  sqlite3_bind_int (stmt, 2, to != ATT_DATE_NONE ? to : G_MAXINT32);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!func (sqlite3_column_int64 (stmt, 0),
                 sqlite3_column_int (stmt, 1),
                 sqlite3_column_int (stmt, 2) == 1 ? ATT_SESSION_PM : ATT_SESSION_AM,
                 code_from_text ((const char *)sqlite3_column_text (stmt, 3)),
                 column_minutes (stmt, 4),
                 (const char *)sqlite3_column_text (stmt, 5),
                 user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
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

  if (sqlite3_prepare_v2 (att_db_get_handle (db),
                          "SELECT pupil_id, date, session, code FROM marks",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pupil_id = sqlite3_column_int64 (stmt, 0);
      AttDate date = sqlite3_column_int (stmt, 1);
      int session = sqlite3_column_int (stmt, 2);
      const char *text = (const char *)sqlite3_column_text (stmt, 3);
      AttCode code = code_from_text (text);
      int year;

      if (!date_valid (date) || (session != ATT_SESSION_AM && session != ATT_SESSION_PM))
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
              g_autofree char *where = describe_session (db, pupil_id, date, session);
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

  if (differ == 0 && (found == NULL || found_len == ATT_REGISTER_YEAR_SLOTS))
    return;

  {
    g_autofree char *who = describe_pupil (db, pupil_id);

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
                                          when, session_label (first % 2)));
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

  if (sqlite3_prepare_v2 (att_db_get_handle (self),
                          "SELECT pupil_id, year, codes FROM mark_years",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      att_db_set_sqlite_error (self, error, _("read the register"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
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

      if (codes_empty (year->codes))
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
      sqlite3_bind_blob (stmt, 3, year->codes, ATT_REGISTER_YEAR_SLOTS, SQLITE_STATIC);
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
