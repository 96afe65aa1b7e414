/* att-threshold.c: the National Framework check for penalty notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-error.h"
#include "att-penalty.h"
#include "att-pupils-private.h"
#include "att-register-private.h"
#include "att-stats.h"

/* The rolling window for one as-of date, shared by every pupil. */
typedef struct
{
  AttDate               as_of;
  AttDate               start;      /* first school day, or ATT_DATE_NONE */
  AttDate               end;        /* last school day, no later than as_of */
  const AttSessionSlot *slots;
  guint                 first;      /* slice of the calendar's sessions */
  guint                 last;       /* one past the end (up to as_of) */
  guint                 weeks_end;  /* one past the last session of the last
                                     * school week, which may be after as_of */
  /* Whether a code counts, for every byte a copy may hold: a value that
   * is no code (a damaged copy) counts as none does. */
  gboolean              counted[256];

  /* For each session of [first, weeks_end): the school weeks begun up to
   * it from the window's start, and (up to last) its school year, 0 for
   * the year of the window's start and 1 for the next, and its place in
   * that year's array of codes. Shared by every pupil. */
  guint                *weeks_before;
  guint8               *year_of;
  guint16              *slot_of;
  int                   years[2];

  /* For a check of every pupil, the window's sessions of each year read
   * from the file as the pupils are counted, in the order of their
   * numbers (NULL: from the arrays in memory), starting at
   * slice_first[y] in that year's array. */
  AttYearStream        *streams[2];
  guint                 slice_first[2];
} Window;

static void
window_clear (Window *window)
{
  g_clear_pointer (&window->weeks_before, g_free);
  g_clear_pointer (&window->year_of, g_free);
  g_clear_pointer (&window->slot_of, g_free);
  g_clear_pointer (&window->streams[0], att_year_stream_free);
  g_clear_pointer (&window->streams[1], att_year_stream_free);
}

/* Reads the window's sessions of the years not in memory yet as the
 * pupils are counted: a few weeks of each pupil's year rather than the
 * whole of it, as a check of every pupil in a command that runs once
 * reads them only here. A year in memory (the window keeps the register
 * open) is read from there. */
static gboolean
window_open_streams (AttDb   *db,
                     Window  *window,
                     GError **error)
{
  for (guint y = 0; y < 2; y++)
    {
      guint lo = G_MAXUINT, hi = 0;

      for (guint i = window->first; i < window->last; i++)
        {
          guint k = i - window->first;

          if (window->year_of[k] != y)
            continue;
          lo = MIN (lo, window->slot_of[k]);
          hi = MAX (hi, window->slot_of[k]);
        }
      if (lo > hi || att_register_year_loaded (db, window->years[y]))
        continue;
      window->streams[y] = att_register_year_stream (db, window->years[y], lo, hi - lo + 1, error);
      if (window->streams[y] == NULL)
        return FALSE;
      window->slice_first[y] = lo;
    }
  return TRUE;
}

/* @pupil_id's codes of the window's year @y, indexed by slot_of minus
 * slice_first[y], of which *@n_codes are there; NULL when the pupil has
 * no mark that year. With the year read from the file, pupils are asked
 * for in the order of their numbers. */
static const guint8 *
window_codes (AttDb        *db,
              const Window *window,
              guint         y,
              gint64        pupil_id,
              guint        *n_codes)
{
  if (window->streams[y] != NULL)
    return att_year_stream_get (window->streams[y], pupil_id, n_codes);
  *n_codes = ATT_REGISTER_YEAR_SLOTS;
  return att_register_year_codes_fast (db, pupil_id, window->years[y]);
}

/* FALSE, with @error set, when a year read from the file failed. */
static gboolean
window_check_streams (const Window  *window,
                      GError       **error)
{
  for (guint y = 0; y < 2; y++)
    if (window->streams[y] != NULL && !att_year_stream_check (window->streams[y], error))
      return FALSE;
  return TRUE;
}

/* Counting N is a school setting, on unless the school turned it off. */
static gboolean
counts_n (AttDb *db)
{
  g_autofree char *value = att_db_get_setting (db, "threshold_counts_n");

  if (value == NULL)
    return TRUE;
  g_strstrip (value);
  return !(g_ascii_strcasecmp (value, "no") == 0 ||
           g_ascii_strcasecmp (value, "n") == 0 ||
           g_ascii_strcasecmp (value, "0") == 0 ||
           g_ascii_strcasecmp (value, "false") == 0 ||
           g_ascii_strcasecmp (value, "off") == 0);
}

static void
window_init (AttDb   *db,
             AttDate  as_of,
             Window  *window)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  gboolean count_n = counts_n (db);
  guint n_slots, n_weeks;
  guint32 last_week;

  memset (window, 0, sizeof *window);
  window->as_of = as_of;
  window->slots = att_calendar_get_sessions (calendar, &n_slots);

  for (guint c = 0; c < ATT_CODE_N_CODES; c++)
    window->counted[c] = att_code_is_threshold ((AttCode)c, count_n);

  n_weeks = att_calendar_window (calendar, as_of, ATT_THRESHOLD_WEEKS,
                                 &window->start, &window->end);
  if (n_weeks == 0)
    {
      window->start = window->end = ATT_DATE_NONE;
      return;
    }

  /* Sessions are counted up to and including the as-of date. */
  window->end = MIN (window->end, as_of);
  window->first = att_calendar_session_index (calendar, window->start);
  window->last = window->first;
  while (window->last < n_slots && window->slots[window->last].date <= window->end)
    window->last++;

  /* The week holding the as-of date is a school week when it holds a
   * session on any day, even a later one (domain.md: an as-of date on a
   * bank-holiday Monday is in a school week), so the weeks are counted
   * over the whole of the last week, not only up to the as-of date. */
  last_week = window->slots[window->first].week + n_weeks - 1;
  window->weeks_end = window->last;
  while (window->weeks_end < n_slots && window->slots[window->weeks_end].week <= last_week)
    window->weeks_end++;

  {
    guint n = window->weeks_end - window->first;
    guint weeks = 0;
    guint32 week = 0;
    AttDate year_start[2];

    window->weeks_before = g_new (guint, n);
    window->year_of = g_new0 (guint8, n);
    window->slot_of = g_new0 (guint16, n);
    window->years[0] = att_date_school_year (window->start);
    window->years[1] = window->years[0] + 1;
    year_start[0] = att_date_from_ymd (window->years[0], 9, 1);
    year_start[1] = att_date_from_ymd (window->years[1], 9, 1);
    for (guint k = 0; k < n; k++)
      {
        const AttSessionSlot *slot = &window->slots[window->first + k];
        guint y = slot->date >= year_start[1];

        if (slot->week != week)
          {
            weeks++;
            week = slot->week;
          }
        window->weeks_before[k] = weeks;
        window->year_of[k] = (guint8)y;
        window->slot_of[k] = (guint16)att_register_slot (year_start[y], slot->date, slot->session);
      }
  }
}

/* Counts one pupil's sessions in the window while they are on roll and of
 * compulsory school age: penalty notices concern only the parents of a
 * child of compulsory school age, so sessions outside it never count. */
/* The first of the window's sessions from @start on whose date is after
 * @date (weeks_end when none is): the sessions are in date order. */
static guint
first_after (const Window *window,
             guint         start,
             AttDate       date)
{
  guint lo = start, hi = window->weeks_end;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (window->slots[mid].date <= date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
count_pupil (AttDb               *db,
             const Window        *window,
             const AttPupilDates *pupil,
             AttDate              csa_first,
             AttDate              csa_last,
             AttBreach           *breach)
{
  const guint8 *codes[2] = { NULL, NULL };
  guint n_codes[2] = { 0, 0 };
  AttDate from, to;
  guint lo, hi, end;

  memset (breach, 0, sizeof *breach);
  breach->pupil_id = pupil->id;
  breach->window_start = window->start;
  breach->window_end = window->end;

  if (window->start == ATT_DATE_NONE || pupil->admission == ATT_DATE_NONE ||
      pupil->dob == ATT_DATE_NONE)
    return;
  from = MAX (pupil->admission, csa_first);
  to = pupil->leaving != ATT_DATE_NONE ? MIN (pupil->leaving, csa_last) : csa_last;

  /* The pupil's sessions are a slice [lo, hi) of the window's: the
   * first on or after @from, the first after @to. */
  lo = first_after (window, window->first, from - 1);
  hi = first_after (window, lo, to);
  if (lo >= hi)
    return;

  /* The school weeks of the slice, counted over the whole of the last
   * week. */
  breach->school_weeks = window->weeks_before[hi - 1 - window->first]
                         - window->weeks_before[lo - window->first] + 1;

  /* The sessions up to the as-of date; the window may cross the summer
   * into a new school year. */
  end = MIN (hi, window->last);
  for (guint i = lo; i < end; i++)
    {
      guint k = i - window->first;
      guint y = window->year_of[k];
      guint at;
      guint8 code;

      if (codes[y] == NULL)
        {
          codes[y] = window_codes (db, window, y, pupil->id, &n_codes[y]);
          if (codes[y] == NULL)
            {
              /* No mark that year: skip to the next year's sessions. */
              while (i + 1 < end && window->year_of[i + 1 - window->first] == y)
                i++;
              continue;
            }
        }
      /* A copy ends with the pupil's last mark: none after it. */
      at = window->slot_of[k] - window->slice_first[y];
      code = at < n_codes[y] ? codes[y][at] : ATT_CODE_NONE;
      if (window->counted[code])
        {
          breach->sessions++;
          breach->codes[code]++;
        }
    }
  breach->includes_n = breach->codes[ATT_CODE_N] > 0;
}

gboolean
att_threshold_counts_n (AttDb *db)
{
  return counts_n (db);
}

gboolean
att_threshold_consideration (AttDb            *db,
                             const AttBreach  *breach,
                             AttDate           as_of,
                             gint64           *id,
                             GError          **error)
{
  sqlite3_stmt *stmt;

  *id = 0;
  if (breach->window_start == ATT_DATE_NONE)
    return TRUE;
  stmt = att_db_prepare (db,
                         "SELECT coalesce (max (id), 0) FROM penalty_decisions "
                         "WHERE pupil_id = ? AND as_of BETWEEN ? AND ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, breach->pupil_id);
  sqlite3_bind_int (stmt, 2, breach->window_start);
  sqlite3_bind_int (stmt, 3, as_of);
  return att_db_query_int (db, stmt, id, _("read the penalty-notice decisions"), error);
}

/* Penalty notices requested in the 3 years to the as-of date (not
 * withdrawn), and whether a decision has been recorded since the window
 * began. */
static gboolean
read_decisions (AttDb      *db,
                AttDate     as_of,
                AttBreach  *breach,
                GError    **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id = 0;

  breach->notices_3y = att_penalty_notices_3y (db, breach->pupil_id, 0, as_of, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!att_threshold_consideration (db, breach, as_of, &id, error))
    return FALSE;
  breach->considered = id != 0;
  return TRUE;
}

gboolean
att_threshold_pupil (AttDb       *db,
                     gint64       pupil_id,
                     AttDate      as_of,
                     AttBreach   *breach,
                     GError     **error)
{
  AttPupil *pupil;
  Window window;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (breach != NULL, FALSE);

  memset (breach, 0, sizeof *breach);
  breach->pupil_id = pupil_id;

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();

  att_register_sync (db);
  window_init (db, as_of, &window);
  {
    AttPupilDates dates = { pupil->id, pupil->dob, pupil->admission, pupil->leaving };
    AttDate csa_first = ATT_DATE_NONE, csa_last = ATT_DATE_NONE;

    if (pupil->dob != ATT_DATE_NONE)
      att_compulsory_school_age (pupil->dob, &csa_first, &csa_last);
    count_pupil (db, &window, &dates, csa_first, csa_last, breach);
  }
  window_clear (&window);
  return read_decisions (db, as_of, breach, error);
}

/* A pupil's number and place in the list (the order of names). */
typedef struct
{
  gint64 id;
  guint  place;
} PupilPlace;

/* A pupil counted, and their place in the list. */
typedef struct
{
  guint     place;
  AttBreach breach;
} Counted;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = ((const PupilPlace *)a)->id;
  gint64 y = ((const PupilPlace *)b)->id;

  return (x > y) - (x < y);
}

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  guint x = ((const Counted *)a)->place;
  guint y = ((const Counted *)b)->place;

  return (x > y) - (x < y);
}

/* Every pupil on roll in the window, of compulsory school age on the
 * as-of date, with at least @min_sessions sessions that count (1 or
 * more), in the order of the pupils' list; with their penalty-notice
 * decisions when @decisions. */
static GArray *
count_every_pupil (AttDb     *db,
                   Window    *window,
                   guint      min_sessions,
                   gboolean   decisions,
                   GError   **error)
{
  g_autoptr(GArray) pupils = NULL;
  g_autoptr(GArray) counted = NULL;
  g_autofree PupilPlace *order = NULL;
  GArray *result;

  /* A pupil off roll for the whole window has no session in it. Only
   * the dates of those on roll are read: the pupils themselves only for
   * those found, whom the caller lists. */
  pupils = att_pupils_on_roll_dates (db, window->start, window->end, error);
  if (pupils == NULL || !window_open_streams (db, window, error))
    return NULL;

  /* Counted in the order of the pupils' numbers, which is the order of
   * the compact register's rows, then put back in the list's order. */
  order = g_new (PupilPlace, MAX (pupils->len, 1));
  for (guint i = 0; i < pupils->len; i++)
    {
      order[i].id = g_array_index (pupils, AttPupilDates, i).id;
      order[i].place = i;
    }
  qsort (order, pupils->len, sizeof (PupilPlace), compare_ids);

  counted = g_array_new (FALSE, FALSE, sizeof (Counted));
  for (guint i = 0; i < pupils->len; i++)
    {
      const AttPupilDates *pupil = &g_array_index (pupils, AttPupilDates, order[i].place);
      AttDate csa_first, csa_last;
      Counted c;

      /* A pupil who is not of compulsory school age on the as-of date is
       * never listed: no notice can be given for them. */
      if (pupil->dob == ATT_DATE_NONE)
        continue;
      att_compulsory_school_age (pupil->dob, &csa_first, &csa_last);
      if (window->as_of < csa_first || window->as_of > csa_last)
        continue;
      count_pupil (db, window, pupil, csa_first, csa_last, &c.breach);
      if (c.breach.sessions < MAX (min_sessions, 1))
        continue;
      /* Only breaches need the decisions: few pupils, one query each. */
      if (decisions && !read_decisions (db, window->as_of, &c.breach, error))
        return NULL;
      c.place = order[i].place;
      g_array_append_val (counted, c);
    }
  if (!window_check_streams (window, error))
    return NULL;

  g_array_sort (counted, compare_places);
  result = g_array_sized_new (FALSE, FALSE, sizeof (AttBreach), counted->len);
  for (guint i = 0; i < counted->len; i++)
    g_array_append_val (result, g_array_index (counted, Counted, i).breach);
  return result;
}

static GArray *threshold_check (AttDb    *db,
                                AttDate   as_of,
                                GError  **error);

GArray *
att_threshold_check (AttDb    *db,
                     AttDate   as_of,
                     GError  **error)
{
  GArray *result;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* One snapshot for every query the check makes. */
  begun = att_db_begin_read (db);
  result = threshold_check (db, as_of, error);
  att_db_end_read (db, begun);
  return result;
}

static GArray *
threshold_check (AttDb    *db,
                 AttDate   as_of,
                 GError  **error)
{
  GArray *result;
  Window window;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();

  att_register_sync (db);
  window_init (db, as_of, &window);
  if (window.start == ATT_DATE_NONE)
    {
      window_clear (&window);
      return g_array_new (FALSE, FALSE, sizeof (AttBreach));
    }

  result = count_every_pupil (db, &window, ATT_THRESHOLD_SESSIONS, TRUE, error);
  window_clear (&window);
  if (result != NULL)
    {
      g_autofree gint64 *ids = g_new (gint64, MAX (result->len, 1));

      for (guint i = 0; i < result->len; i++)
        ids[i] = g_array_index (result, AttBreach, i).pupil_id;
      att_pupils_prefetch (db, ids, result->len);
    }
  return result;
}

static GArray *
threshold_counts (AttDb    *db,
                  AttDate   as_of,
                  guint     min_sessions,
                  GError  **error)
{
  GArray *result;
  Window window;

  att_register_sync (db);
  window_init (db, as_of, &window);
  if (window.start == ATT_DATE_NONE)
    {
      window_clear (&window);
      return g_array_new (FALSE, FALSE, sizeof (AttBreach));
    }
  result = count_every_pupil (db, &window, min_sessions, FALSE, error);
  window_clear (&window);
  return result;
}

GArray *
att_threshold_counts (AttDb    *db,
                      AttDate   as_of,
                      guint     min_sessions,
                      GError  **error)
{
  GArray *result;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();
  begun = att_db_begin_read (db);
  result = threshold_counts (db, as_of, min_sessions, error);
  att_db_end_read (db, begun);
  return result;
}
