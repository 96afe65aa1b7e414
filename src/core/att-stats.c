/* att-stats.c: attendance figures per pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-error.h"
#include "att-pupils-private.h"
#include "att-register-private.h"
#include "att-stats-private.h"

void
att_figures_add (AttFigures       *sum,
                 const AttFigures *figures)
{
  g_return_if_fail (sum != NULL);
  g_return_if_fail (figures != NULL);

  sum->possible += figures->possible;
  sum->present += figures->present;
  sum->aea += figures->aea;
  sum->authorised += figures->authorised;
  sum->unauthorised += figures->unauthorised;
  sum->not_possible += figures->not_possible;
  sum->missing += figures->missing;
  sum->late += figures->late;
  sum->late_after_close += figures->late_after_close;
  for (guint i = 0; i < ATT_CODE_N_CODES; i++)
    sum->codes[i] += figures->codes[i];
}

guint
att_figures_attended (const AttFigures *figures)
{
  g_return_val_if_fail (figures != NULL, 0);
  return figures->present + figures->aea;
}

guint
att_figures_absent (const AttFigures *figures)
{
  g_return_val_if_fail (figures != NULL, 0);
  return figures->authorised + figures->unauthorised;
}

/* The law compares exact fractions (see att_figures_persistent()); these
 * are only what people read. */
gboolean
att_figures_persistent (const AttFigures *figures)
{
  g_return_val_if_fail (figures != NULL, FALSE);
  return figures->possible > 0 &&
         (guint64)att_figures_absent (figures) * 10 >= figures->possible;
}

gboolean
att_figures_severe (const AttFigures *figures)
{
  g_return_val_if_fail (figures != NULL, FALSE);
  return figures->possible > 0 &&
         (guint64)att_figures_absent (figures) * 2 >= figures->possible;
}

/* @part / @whole in tenths of a percent, rounded half up. */
static guint
tenths (guint part,
        guint whole)
{
  return (guint)(((guint64)part * 2000 + whole) / ((guint64)whole * 2));
}

/* Percentages are rounded to one decimal, except that rounding never
 * carries a figure across the persistent (10%) or severe (50%) line: a
 * pupil who is not persistently absent never reads "90.0%" attendance or
 * "10.0%" absence, and one who is never reads more or less. Otherwise an
 * office would see 90.0% for a pupil at 90.04% and take them for PA. */
double
att_figures_attendance_pct (const AttFigures *figures)
{
  guint t;

  g_return_val_if_fail (figures != NULL, 0.0);
  if (figures->possible == 0)
    return 0.0;

  t = tenths (att_figures_attended (figures), figures->possible);
  if (!att_figures_persistent (figures) && t <= 900)
    t = 901;
  if (!att_figures_severe (figures) && t <= 500)
    t = 501;
  return t / 10.0;
}

double
att_figures_absence_pct (const AttFigures *figures)
{
  guint t;

  g_return_val_if_fail (figures != NULL, 0.0);
  if (figures->possible == 0)
    return 0.0;

  t = tenths (att_figures_absent (figures), figures->possible);
  if (!att_figures_persistent (figures) && t >= 100)
    t = 99;
  if (!att_figures_severe (figures) && t >= 500)
    t = 499;
  return t / 10.0;
}

/* What each code counted means, added up: the one place the meanings of
 * att-codes.h become figures. */
void
att_figures_set_counts (AttFigures  *figures,
                        const guint  counts[ATT_CODE_N_CODES])
{
  figures->missing = counts[ATT_CODE_NONE];
  for (guint c = 1; c < ATT_CODE_N_CODES; c++)
    {
      const AttCodeInfo *info;

      if (counts[c] == 0)
        continue;
      figures->codes[c] = counts[c];
      info = att_code_info ((AttCode)c);
      if (!info->possible)
        {
          figures->not_possible += counts[c];
          continue;
        }
      figures->possible += counts[c];
      switch (info->meaning)
        {
        case ATT_MEANING_PRESENT:
          figures->present += counts[c];
          break;
        case ATT_MEANING_AEA:
          figures->aea += counts[c];
          break;
        case ATT_MEANING_AUTHORISED:
          figures->authorised += counts[c];
          break;
        case ATT_MEANING_UNAUTHORISED:
          figures->unauthorised += counts[c];
          break;
        case ATT_MEANING_NOT_POSSIBLE:
        default:
          /* A possible code always has one of the meanings above. */
          g_assert_not_reached ();
        }
    }
  figures->late = counts[ATT_CODE_L];
  figures->late_after_close = counts[ATT_CODE_U];
}

/* Counts every school session of [from, to] (already clamped to today)
 * while the pupil is on roll. The loop only counts codes; what each code
 * means is added up afterwards. */
static void
compute (AttDb               *db,
         AttCalendar         *calendar,
         const AttPupilDates *pupil,
         AttDate              from,
         AttDate              to,
         AttFigures          *figures)
{
  const AttSessionSlot *slots;
  guint n_slots, i;
  guint counts[ATT_CODE_N_CODES] = { 0 };
  const guint8 *codes = NULL;
  AttDate year_start = ATT_DATE_NONE;
  AttDate next_year = ATT_DATE_NONE;

  memset (figures, 0, sizeof *figures);
  figures->pupil_id = pupil->id;

  if (pupil->admission == ATT_DATE_NONE)
    return;
  from = MAX (from, pupil->admission);
  if (pupil->leaving != ATT_DATE_NONE)
    to = MIN (to, pupil->leaving);
  if (from > to)
    return;

  slots = att_calendar_get_sessions (calendar, &n_slots);
  for (i = att_calendar_session_index (calendar, from);
       i < n_slots && slots[i].date <= to;
       i++)
    {
      AttDate date = slots[i].date;

      if (date >= next_year)
        {
          int year = att_date_school_year (date);

          year_start = att_date_from_ymd (year, 9, 1);
          next_year = att_date_from_ymd (year + 1, 9, 1);
          codes = att_register_year_codes_fast (db, pupil->id, year);
        }
      counts[codes != NULL ? codes[att_register_slot (year_start, date, slots[i].session)] : 0]++;
    }

  att_figures_set_counts (figures, counts);
}

/* The range asked for, with the defaults of att-stats.h. */
static void
resolve_range (AttDate *from,
               AttDate *to)
{
  if (*to == ATT_DATE_NONE)
    *to = att_date_today ();
  if (*from == ATT_DATE_NONE)
    *from = att_date_school_year_start (*to);
}

gboolean
att_stats_pupil (AttDb       *db,
                 gint64       pupil_id,
                 AttDate      from,
                 AttDate      to,
                 AttFigures  *figures,
                 GError     **error)
{
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  memset (figures, 0, sizeof *figures);
  figures->pupil_id = pupil_id;

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;

  resolve_range (&from, &to);
  att_register_sync (db);
  /* Sessions after today have not happened: they are neither possible
   * nor missing. */
  {
    AttPupilDates dates = { pupil->id, pupil->dob, pupil->admission, pupil->leaving };

    compute (db, att_db_get_calendar (db), &dates, from, MIN (to, att_date_today ()), figures);
  }
  return TRUE;
}

static GArray *stats_all (AttDb    *db,
                          AttDate   from,
                          AttDate   to,
                          GError  **error);

GArray *
att_stats_all (AttDb    *db,
               AttDate   from,
               AttDate   to,
               GError  **error)
{
  GArray *result;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* One snapshot for the pupils and the register. */
  begun = att_db_begin_read (db);
  result = stats_all (db, from, to, error);
  att_db_end_read (db, begun);
  return result;
}

static GArray *
stats_all (AttDb    *db,
           AttDate   from,
           AttDate   to,
           GError  **error)
{
  g_autoptr(GArray) pupils = NULL;
  AttCalendar *calendar;
  GArray *result;
  AttDate until;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* Only the pupils on roll in the period are read, not every pupil the
   * school has had, and of them only the dates that say when they were
   * on roll: the figures need no more. */
  resolve_range (&from, &to);
  pupils = att_pupils_on_roll_dates (db, from, to, error);
  if (pupils == NULL)
    return NULL;

  until = MIN (to, att_date_today ());
  att_register_sync (db);
  calendar = att_db_get_calendar (db);

  result = g_array_sized_new (FALSE, FALSE, sizeof (AttFigures), pupils->len);
  for (guint i = 0; i < pupils->len; i++)
    {
      const AttPupilDates *pupil = &g_array_index (pupils, AttPupilDates, i);
      AttFigures figures;

      /* As att_pupil_on_roll_between (). */
      if (pupil->admission == ATT_DATE_NONE || from > to || pupil->admission > to ||
          (pupil->leaving != ATT_DATE_NONE && pupil->leaving < from))
        continue;
      compute (db, calendar, pupil, from, until, &figures);
      g_array_append_val (result, figures);
    }
  return result;
}
