/* att-la-notify.c: the pupils the local authority must be told of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-clock.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-la-notify.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-register-status.h"
#include "att-text.h"
#include "att-users.h"

static const char * const kind_names[ATT_LA_N_KINDS] = { "unauthorised", "illness" };

const char *
att_la_kind_to_string (AttLaKind kind)
{
  g_return_val_if_fail ((guint)kind < ATT_LA_N_KINDS, "");
  return kind_names[kind];
}

const char *
att_la_kind_describe (AttLaKind kind)
{
  return kind == ATT_LA_ILLNESS ? _("Illness reaching 15 school days")
                                : _("10 continuous school days unauthorised");
}

gboolean
att_la_kind_parse (const char  *text,
                   AttLaKind   *kind,
                   GError     **error)
{
  for (guint i = 0; text != NULL && i < ATT_LA_N_KINDS; i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a list the local authority is told of: use unauthorised or illness"),
               text != NULL ? text : "");
  return FALSE;
}

void
att_la_case_free (AttLaCase *la_case)
{
  if (la_case == NULL)
    return;
  g_clear_object (&la_case->pupil);
  g_free (la_case);
}

/* The code of a session from the pupil's compact year, read once per
 * school year. */
typedef struct
{
  AttDb        *db;
  gint64        pupil_id;
  int           year;
  const guint8 *codes;
} YearCodes;

static AttCode
code_at (YearCodes  *y,
         AttDate     date,
         AttSession  session)
{
  int year = att_date_school_year (date);

  if (year != y->year)
    {
      y->year = year;
      y->codes = att_register_year_codes (y->db, y->pupil_id, year);
    }
  if (y->codes == NULL)
    return ATT_CODE_NONE;
  return y->codes[(date - att_date_school_year_start (date)) * 2 + session];
}

typedef struct
{
  gint64  id;
  AttLaKind kind;
  AttDate told;
} Told;

static gboolean
read_told (AttDb       *db,
           GHashTable  *by_pupil,
           GError     **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT id, pupil_id, kind, told FROM la_notifications ORDER BY told, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pupil = sqlite3_column_int64 (stmt, 1);
      GArray *list = g_hash_table_lookup (by_pupil, &pupil);
      Told told = { sqlite3_column_int64 (stmt, 0),
                    g_strcmp0 ((const char *)sqlite3_column_text (stmt, 2), "illness") == 0
                    ? ATT_LA_ILLNESS : ATT_LA_UNAUTHORISED,
                    sqlite3_column_int (stmt, 3) };

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Told));
          g_hash_table_insert (by_pupil, g_memdup2 (&pupil, sizeof pupil), list);
        }
      g_array_append_val (list, told);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read what the local authority was told"));
      return FALSE;
    }
  return TRUE;
}

/* The latest notice of @kind on or after @since (oldest first in @list). */
static void
find_told (GArray    *list,
           AttLaKind  kind,
           AttDate    since,
           AttLaCase *la_case)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      Told *told = &g_array_index (list, Told, i);

      if (told->kind == kind && told->told >= since)
        {
          la_case->told = told->told;
          la_case->notification_id = told->id;
        }
    }
}

/* Illness calls about a day of the school year up to @as_of whose
 * expected return is after it: the latest return per pupil. */
static GHashTable *
read_returns (AttDb    *db,
              AttDate   year_start,
              AttDate   as_of,
              GError  **error)
{
  g_autoptr(GHashTable) returns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT pupil_id, max (expected_return) FROM calls WHERE reason = 'illness' "
    "AND date BETWEEN ?1 AND ?2 AND expected_return > ?2 GROUP BY pupil_id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year_start);
  sqlite3_bind_int (stmt, 2, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (returns, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the calls"));
      return NULL;
    }
  return g_steal_pointer (&returns);
}

static gboolean
session_counts (const AttSessionSlot *slot,
                AttDate               today,
                guint                 closed_today)
{
  return slot->date < today || (slot->date == today && (closed_today & (1u << slot->session)));
}

/* The latest run of unauthorised absence of 10 school days or more that
 * ends on or after @year_first, scanning from @from. */
static AttLaCase *
unauthorised_case (AttPupil             *pupil,
                   YearCodes            *codes,
                   const AttSessionSlot *slots,
                   guint                 from,
                   guint                 to,
                   AttDate               year_first,
                   AttDate               today,
                   guint                 closed_today)
{
  AttDate run_first = ATT_DATE_NONE, run_last = ATT_DATE_NONE;
  AttDate best_first = ATT_DATE_NONE, best_last = ATT_DATE_NONE;
  guint run = 0, best = 0;
  gboolean best_ongoing = FALSE;
  AttLaCase *la_case;

  for (guint k = from; k < to; )
    {
      AttDate day = slots[k].date;
      gboolean counts = FALSE, breaks = FALSE;

      for (; k < to && slots[k].date == day; k++)
        {
          AttCode code;

          if (!session_counts (&slots[k], today, closed_today))
            continue;
          if (!att_pupil_on_roll (pupil, day))
            {
              breaks = TRUE;
              continue;
            }
          code = code_at (codes, day, slots[k].session);
          if (code == ATT_CODE_N || code == ATT_CODE_O || code == ATT_CODE_G)
            counts = TRUE;
          /* A register not taken says nothing: passed over. */
          else if (code == ATT_CODE_NONE || !att_code_info (code)->possible)
            continue;
          else
            breaks = TRUE;
        }
      if (breaks)
        {
          if (run >= ATT_LA_UNAUTHORISED_DAYS && run_last >= year_first)
            {
              best = run;
              best_first = run_first;
              best_last = run_last;
              best_ongoing = FALSE;
            }
          run = 0;
        }
      else if (counts)
        {
          if (run == 0)
            run_first = day;
          run++;
          run_last = day;
        }
    }
  if (run >= ATT_LA_UNAUTHORISED_DAYS && run_last >= year_first)
    {
      best = run;
      best_first = run_first;
      best_last = run_last;
      best_ongoing = TRUE;
    }
  if (best == 0)
    return NULL;

  la_case = g_new0 (AttLaCase, 1);
  la_case->pupil = g_object_ref (pupil);
  la_case->kind = ATT_LA_UNAUTHORISED;
  la_case->first = best_first;
  la_case->last = best_last;
  la_case->days = best;
  la_case->ongoing = best_ongoing;
  return la_case;
}

static AttLaCase *
illness_case (AttPupil             *pupil,
              YearCodes            *codes,
              const AttSessionSlot *slots,
              guint                 from,
              guint                 to,
              guint                 expected,
              AttDate               today,
              guint                 closed_today)
{
  guint total = 0, run = 0, longest = 0;
  AttDate first = ATT_DATE_NONE, last = ATT_DATE_NONE;
  gboolean ongoing = FALSE, reached, continuous;
  AttLaCase *la_case;
  const guint need = ATT_LA_ILLNESS_DAYS * 2;

  for (guint k = from; k < to; k++)
    {
      AttCode code;

      if (!session_counts (&slots[k], today, closed_today))
        continue;
      if (!att_pupil_on_roll (pupil, slots[k].date))
        {
          run = 0;
          ongoing = FALSE;
          continue;
        }
      code = code_at (codes, slots[k].date, slots[k].session);
      if (code == ATT_CODE_I)
        {
          total++;
          run++;
          longest = MAX (longest, run);
          if (first == ATT_DATE_NONE)
            first = slots[k].date;
          last = slots[k].date;
          ongoing = TRUE;
        }
      else if (code != ATT_CODE_NONE && !att_code_info (code)->possible)
        continue;
      else
        {
          run = 0;
          ongoing = FALSE;
        }
    }
  if (!ongoing)
    run = 0;

  reached = total >= need || longest >= need;
  if (!reached && total + expected < need && run + expected < need)
    return NULL;

  continuous = reached ? longest >= need : run + expected >= need;
  la_case = g_new0 (AttLaCase, 1);
  la_case->pupil = g_object_ref (pupil);
  la_case->kind = ATT_LA_ILLNESS;
  la_case->first = first;
  la_case->last = last;
  la_case->continuous = continuous;
  la_case->ongoing = ongoing;
  la_case->sessions = continuous ? (reached ? longest : run) : total;
  la_case->days = la_case->sessions / 2;
  la_case->expected = !reached;
  la_case->expected_sessions = expected;
  return la_case;
}

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  const AttLaCase *x = *(AttLaCase * const *)a;
  const AttLaCase *y = *(AttLaCase * const *)b;

  if (x->kind != y->kind)
    return (int)x->kind - (int)y->kind;
  if (x->kind == ATT_LA_ILLNESS && x->sessions != y->sessions)
    return x->sessions > y->sessions ? -1 : 1;
  if (x->days != y->days)
    return x->days > y->days ? -1 : 1;
  return g_strcmp0 (x->pupil->sort_key, y->pupil->sort_key);
}

GPtrArray *
att_la_cases (AttDb   *db,
              AttDate  as_of,
              GError **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify)att_la_case_free);
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GHashTable) told = NULL;
  g_autoptr(GHashTable) returns = NULL;
  const AttSessionSlot *slots;
  AttCalendar *calendar;
  AttDate year_start, year_first, year_last, today = att_date_today ();
  guint n_slots, from, lead_from, to, closed_today = 0;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  calendar = att_db_get_calendar (db);
  slots = att_calendar_get_sessions (calendar, &n_slots);
  year_start = att_date_school_year_start (as_of);
  if (!att_calendar_school_year_range (calendar, as_of, &year_first, &year_last) || year_first > as_of)
    return g_steal_pointer (&cases);
  from = att_calendar_session_index (calendar, year_first);
  to = att_calendar_session_index (calendar, as_of + 1);
  /* A run of unauthorised absence may have begun before the school
   * year: read a year further back for it. */
  lead_from = att_calendar_session_index (calendar, year_first - 366);
  for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
    if (att_register_closed (db, today, s, today, att_clock_now ()))
      closed_today |= 1u << s;

  told = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_array_unref);
  if (!read_told (db, told, error) ||
      (returns = read_returns (db, year_start, as_of, error)) == NULL ||
      (pupils = att_pupils_list_on_roll (db, as_of, as_of, error)) == NULL)
    return NULL;

  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      GArray *pupil_told = g_hash_table_lookup (told, &pupil->id);
      YearCodes codes = { db, pupil->id, -1, NULL };
      AttLaCase *la_case;
      gpointer back = g_hash_table_lookup (returns, &pupil->id);
      guint expected = 0;

      if (!att_pupil_on_roll (pupil, as_of))
        continue;

      la_case = unauthorised_case (pupil, &codes, slots, lead_from, to, year_first, today, closed_today);
      if (la_case != NULL)
        {
          find_told (pupil_told, ATT_LA_UNAUTHORISED, la_case->first, la_case);
          g_ptr_array_add (cases, la_case);
        }

      /* The school sessions after the as-of date up to the day before
       * the expected return. */
      if (back != NULL)
        expected = att_calendar_session_index (calendar, GPOINTER_TO_INT (back)) - to;
      la_case = illness_case (pupil, &codes, slots, from, to, expected, today, closed_today);
      if (la_case != NULL)
        {
          find_told (pupil_told, ATT_LA_ILLNESS, year_start, la_case);
          g_ptr_array_add (cases, la_case);
        }
    }
  g_ptr_array_sort (cases, compare_cases);
  return g_steal_pointer (&cases);
}

gint64
att_la_record_told (AttDb          *db,
                    const AttUser  *user,
                    gint64          pupil_id,
                    AttLaKind       kind,
                    AttDate         told,
                    const char     *note,
                    GError        **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  AttPupil *pupil;
  gint64 actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (!att_user_require (user, ATT_PERM_LOG_CALLS, error) ||
      !att_text_check (_("note"), note, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error))
    return 0;
  if ((guint)kind >= ATT_LA_N_KINDS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Unknown list"));
      return 0;
    }
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return 0;
  if (told > att_date_today ())
    {
      g_autofree char *when = att_date_format_long (told);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s is in the future: record the day the local authority was told"), when);
      return 0;
    }

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  stmt = actor != 0 ? att_db_prepare (db,
    "INSERT INTO la_notifications (pupil_id, kind, told, note, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)",
    error) : NULL;
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_text (stmt, 2, kind_names[kind], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, told);
  sqlite3_bind_text (stmt, 4, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, actor);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  detail = g_strdup_printf ("%s: %s told %d", pupil->upn, kind_names[kind], told);
  if (!att_audit_log (db, user, "la.told", detail, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}
