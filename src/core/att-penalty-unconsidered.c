/* att-penalty-unconsidered.c: breaches of the National Framework
 * threshold the school has not considered yet, for the Today dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A breach met on any school day of the last 10 school weeks stays on the
 * dashboard until a consideration is recorded for it, even once the count
 * has dropped below the threshold. Asking att_threshold_pupil() for every
 * pupil on every one of those days would count each pupil's window some
 * fifty times; instead each pupil's counted sessions over the span of
 * every window are summed once (a running total over the compact
 * register), and each day's count is the difference of two totals. The
 * few pupils found are then counted again by att_threshold_pupil(), so
 * the figures shown are the threshold's own.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-penalty-private.h"
#include "att-pupils.h"
#include "att-pupils-private.h"
#include "att-register-private.h"

/* One school day of the last 10 school weeks, with its window as slots
 * [lo, hi) of the span. */
typedef struct
{
  AttDate  date;
  AttDate  window_start;
  guint    lo;
  guint    hi;
} Day;

typedef struct
{
  const AttSessionSlot *slots;   /* the span's sessions */
  guint                 n;
  GArray               *days;    /* Day, in date order */
  int                   years[2];
  AttDate               year_start[2];
  guint8               *year_of; /* per session of the span */
  guint16              *slot_of;
  AttYearSlice         *slices[2];
  guint                 slice_first[2];
  gboolean              counted[ATT_CODE_N_CODES];
} Span;

static void
span_clear (Span *span)
{
  g_clear_pointer (&span->days, g_array_unref);
  g_clear_pointer (&span->year_of, g_free);
  g_clear_pointer (&span->slot_of, g_free);
  g_clear_pointer (&span->slices[0], att_year_slice_free);
  g_clear_pointer (&span->slices[1], att_year_slice_free);
}

/* The days of the 10 school weeks to @as_of and the span of sessions
 * their windows cover; FALSE when the calendar has none. */
static gboolean
span_init (AttDb   *db,
           AttDate  as_of,
           Span    *span)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  const AttSessionSlot *slots;
  gboolean count_n = att_threshold_counts_n (db);
  AttDate start, end;
  guint n_slots, first, last;

  memset (span, 0, sizeof *span);
  for (guint c = 0; c < ATT_CODE_N_CODES; c++)
    span->counted[c] = att_code_is_threshold ((AttCode)c, count_n);

  if (att_calendar_window (calendar, as_of, ATT_THRESHOLD_WEEKS, &start, &end) == 0)
    return FALSE;
  end = MIN (end, as_of);
  slots = att_calendar_get_sessions (calendar, &n_slots);

  span->days = g_array_new (FALSE, FALSE, sizeof (Day));
  first = G_MAXUINT;
  last = 0;
  for (guint k = att_calendar_session_index (calendar, start);
       k < n_slots && (AttDate)slots[k].date <= end; k++)
    {
      Day day = { slots[k].date, ATT_DATE_NONE, 0, 0 };
      AttDate day_end;
      guint lo, hi;

      if (span->days->len > 0 && g_array_index (span->days, Day, span->days->len - 1).date == day.date)
        continue;
      if (att_calendar_window (calendar, day.date, ATT_THRESHOLD_WEEKS, &day.window_start, &day_end) == 0)
        continue;
      lo = att_calendar_session_index (calendar, day.window_start);
      hi = lo;
      while (hi < n_slots && (AttDate)slots[hi].date <= day.date)
        hi++;
      first = MIN (first, lo);
      last = MAX (last, hi);
      day.lo = lo;
      day.hi = hi;
      g_array_append_val (span->days, day);
    }
  if (span->days->len == 0 || first >= last)
    return FALSE;

  span->slots = slots + first;
  span->n = last - first;
  for (guint i = 0; i < span->days->len; i++)
    {
      Day *day = &g_array_index (span->days, Day, i);

      day->lo -= first;
      day->hi -= first;
    }

  span->years[0] = att_date_school_year (span->slots[0].date);
  span->years[1] = span->years[0] + 1;
  span->year_start[0] = att_date_from_ymd (span->years[0], 9, 1);
  span->year_start[1] = att_date_from_ymd (span->years[1], 9, 1);
  span->year_of = g_new (guint8, span->n);
  span->slot_of = g_new (guint16, span->n);
  for (guint k = 0; k < span->n; k++)
    {
      const AttSessionSlot *slot = &span->slots[k];
      guint y = (AttDate)slot->date >= span->year_start[1];

      span->year_of[k] = (guint8)y;
      span->slot_of[k] = (guint16)att_register_slot (span->year_start[y], slot->date, slot->session);
    }
  return TRUE;
}

/* The span's sessions of a year not in memory, read for every pupil at
 * once (as the threshold check reads them). */
static gboolean
span_read_slices (AttDb   *db,
                  Span    *span,
                  GError **error)
{
  for (guint y = 0; y < 2; y++)
    {
      guint lo = G_MAXUINT, hi = 0;

      for (guint k = 0; k < span->n; k++)
        if (span->year_of[k] == y)
          {
            lo = MIN (lo, span->slot_of[k]);
            hi = MAX (hi, span->slot_of[k]);
          }
      if (lo > hi || att_register_year_loaded (db, span->years[y]))
        continue;
      span->slices[y] = att_register_year_slice (db, span->years[y], lo, hi - lo + 1, error);
      if (span->slices[y] == NULL)
        return FALSE;
      span->slice_first[y] = lo;
    }
  return TRUE;
}

static const guint8 *
span_codes (AttDb      *db,
            const Span *span,
            guint       y,
            gint64      pupil_id)
{
  if (span->slices[y] != NULL)
    return att_year_slice_get (span->slices[y], pupil_id);
  return att_register_year_codes_fast (db, pupil_id, span->years[y]);
}

/* The newest consideration's as-of date of every pupil who has one. */
static GHashTable *
latest_considerations (AttDb   *db,
                       GError **error)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT pupil_id, max (as_of) FROM penalty_decisions GROUP BY pupil_id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (latest, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the penalty-notice decisions"));
      return NULL;
    }
  return g_steal_pointer (&latest);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const AttPenaltyRow *x = *(const AttPenaltyRow * const *)a;
  const AttPenaltyRow *y = *(const AttPenaltyRow * const *)b;

  if (x->breach.sessions != y->breach.sessions)
    return x->breach.sessions > y->breach.sessions ? -1 : 1;
  return g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
}

static GPtrArray *
unconsidered (AttDb    *db,
              AttDate   as_of,
              GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)att_penalty_row_free);
  g_autoptr(GArray) pupils = NULL;
  g_autoptr(GHashTable) latest = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found_days = g_array_new (FALSE, FALSE, sizeof (AttDate));
  g_autofree guint *total = NULL;
  Span span;

  att_register_sync (db);
  if (!span_init (db, as_of, &span))
    {
      span_clear (&span);
      return g_steal_pointer (&rows);
    }
  latest = latest_considerations (db, error);
  pupils = latest != NULL
           ? att_pupils_on_roll_dates (db, span.slots[0].date, g_array_index (span.days, Day, span.days->len - 1).date, error)
           : NULL;
  if (pupils == NULL || !span_read_slices (db, &span, error))
    {
      span_clear (&span);
      return NULL;
    }

  /* total[k]: the pupil's counted sessions among the span's first k. */
  total = g_new (guint, span.n + 1);
  for (guint i = 0; i < pupils->len; i++)
    {
      const AttPupilDates *pupil = &g_array_index (pupils, AttPupilDates, i);
      const guint8 *codes[2] = { NULL, NULL };
      gboolean read[2] = { FALSE, FALSE };
      AttDate csa_first, csa_last, from, to;
      gpointer considered;
      AttDate met = ATT_DATE_NONE;

      if (pupil->dob == ATT_DATE_NONE || pupil->admission == ATT_DATE_NONE)
        continue;
      att_compulsory_school_age (pupil->dob, &csa_first, &csa_last);
      /* Not of compulsory school age now: never listed, as no notice can
       * be given. */
      if (as_of < csa_first || as_of > csa_last)
        continue;
      from = MAX (pupil->admission, csa_first);
      to = pupil->leaving != ATT_DATE_NONE ? MIN (pupil->leaving, csa_last) : csa_last;
      if (from > to)
        continue;

      total[0] = 0;
      for (guint k = 0; k < span.n; k++)
        {
          AttDate date = span.slots[k].date;
          guint y = span.year_of[k];
          gboolean counts = FALSE;

          if (date >= from && date <= to)
            {
              if (!read[y])
                {
                  codes[y] = span_codes (db, &span, y, pupil->id);
                  read[y] = TRUE;
                }
              counts = codes[y] != NULL && span.counted[codes[y][span.slot_of[k] - span.slice_first[y]]];
            }
          total[k + 1] = total[k] + counts;
        }
      if (total[span.n] < ATT_THRESHOLD_SESSIONS)
        continue;

      /* The last day of the 10 weeks the pupil, of compulsory school age
       * that day, met the threshold. */
      for (guint d = span.days->len; d-- > 0;)
        {
          const Day *day = &g_array_index (span.days, Day, d);

          if (day->date < csa_first || day->date > csa_last)
            continue;
          if (total[day->hi] - total[day->lo] >= ATT_THRESHOLD_SESSIONS)
            {
              /* Considered by a consideration as of a day in its window
               * or later. */
              if (g_hash_table_lookup_extended (latest, &pupil->id, NULL, &considered) &&
                  GPOINTER_TO_INT (considered) >= day->window_start)
                break;
              met = day->date;
              break;
            }
        }
      if (met == ATT_DATE_NONE)
        continue;
      g_array_append_val (found, pupil->id);
      g_array_append_val (found_days, met);
    }
  span_clear (&span);

  att_pupils_prefetch (db, (const gint64 *)found->data, found->len);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(AttPenaltyRow) row = g_new0 (AttPenaltyRow, 1);

      row->pupil_id = g_array_index (found, gint64, i);
      row->met = g_array_index (found_days, AttDate, i);
      /* The threshold's own count of that day. */
      if (!att_threshold_pupil (db, row->pupil_id, row->met, &row->breach, error))
        return NULL;
      if (row->breach.sessions < ATT_THRESHOLD_SESSIONS)
        {
          g_warning ("Pupil %" G_GINT64_FORMAT ": %u sessions as of the day the threshold was found met",
                     row->pupil_id, row->breach.sessions);
          continue;
        }
      row->over = TRUE;
      if (!_att_penalty_row_fill_improve (db, row, as_of, error))
        return NULL;
      _att_penalty_row_fill_pupil (db, row);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

GPtrArray *
att_penalty_unconsidered (AttDb    *db,
                          AttDate   as_of,
                          GError  **error)
{
  GPtrArray *rows;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();
  begun = att_db_begin_read (db);
  rows = unconsidered (db, as_of, error);
  att_db_end_read (db, begun);
  return rows;
}
