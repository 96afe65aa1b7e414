/* att-register-status.c: the register's times, and which registers are
 * still incomplete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-calendar.h"
#include "att-db-private.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-register-status.h"
#include "att-school.h"

/* ------------------------------------------------------------------ */
/* Register times                                                     */
/* ------------------------------------------------------------------ */

void
att_register_times (AttDb      *db,
                    AttSession  session,
                    int        *open,
                    int        *close)
{
  g_autoptr(AttSchool) school = NULL;

  g_return_if_fail (ATT_IS_DB (db));

  school = att_school_load (db);
  att_register_times_of (school, session, open, close);
}

void
att_register_times_of (const AttSchool *school,
                       AttSession       session,
                       int             *open,
                       int             *close)
{
  if (school == NULL)
    {
      /* A school that cannot be read goes by the usual times. */
      *open = session == ATT_SESSION_AM ? 8 * 60 + 40 : 13 * 60 + 10;
      *close = *open + 30;
      return;
    }
  *open = session == ATT_SESSION_AM ? school->am_open : school->pm_open;
  *close = session == ATT_SESSION_AM ? school->am_close : school->pm_close;
}

/* Whether the clock has reached the register's opening (or closing) on
 * @date: a session before today has, one after today has not. */
static gboolean
register_time_reached (AttDb      *db,
                       AttDate     date,
                       AttSession  session,
                       AttDate     today,
                       int         clock_minutes,
                       gboolean    closing)
{
  int open, close;

  if (date < today)
    return TRUE;
  if (date > today)
    return FALSE;
  att_register_times (db, session, &open, &close);
  return clock_minutes >= (closing ? close : open);
}

gboolean
att_register_opened (AttDb      *db,
                     AttDate     date,
                     AttSession  session,
                     AttDate     today,
                     int         clock_minutes)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  return register_time_reached (db, date, session, today, clock_minutes, FALSE);
}

gboolean
att_register_closed (AttDb      *db,
                     AttDate     date,
                     AttSession  session,
                     AttDate     today,
                     int         clock_minutes)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  /* The register is open up to, not including, its closing minute: a
   * pupil arriving at 9:10 when it closes at 9:10 is after the close. */
  return register_time_reached (db, date, session, today, clock_minutes, TRUE);
}

AttCode
att_register_late_code (AttDb      *db,
                        AttSession  session,
                        int         clock_minutes,
                        int        *minutes_late)
{
  int open, close;

  g_return_val_if_fail (ATT_IS_DB (db), ATT_CODE_L);

  att_register_times (db, session, &open, &close);
  if (minutes_late != NULL)
    *minutes_late = MAX (0, clock_minutes - open);
  return att_register_late_code_for (open, close, MAX (0, clock_minutes - open));
}

AttCode
att_register_late_code_for (int open,
                            int close,
                            int minutes_late)
{
  /* Minutes are counted from the register's opening. */
  return open + minutes_late >= close ? ATT_CODE_U : ATT_CODE_L;
}

/* ------------------------------------------------------------------ */
/* Completeness                                                       */
/* ------------------------------------------------------------------ */

void
att_register_status_free (AttRegisterStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->group);
  g_free (status);
}

typedef struct
{
  AttRegisterStatus *status;
  int                year;
} StatusEntry;

static int
compare_status (gconstpointer a,
                gconstpointer b)
{
  const StatusEntry *ea = *(StatusEntry * const *)a;
  const StatusEntry *eb = *(StatusEntry * const *)b;

  if (ea->year != eb->year)
    return ea->year < eb->year ? -1 : 1;
  return g_utf8_collate (ea->status->group, eb->status->group);
}

GPtrArray *
att_register_incomplete (AttDb       *db,
                         AttDate      date,
                         AttSession   session,
                         GError     **error)
{
  GPtrArray *result;
  GPtrArray *pupils;
  g_autoptr(GHashTable) by_group = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)att_register_status_free);
  if (!att_calendar_is_school_session (att_db_get_calendar (db), date, session))
    return result;

  pupils = att_pupils_list (db, error);
  if (pupils == NULL)
    {
      g_ptr_array_unref (result);
      return NULL;
    }

  by_group = g_hash_table_new (g_str_hash, g_str_equal);
  entries = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      StatusEntry *entry;

      if (!att_pupil_on_roll (pupil, date))
        continue;
      entry = g_hash_table_lookup (by_group, pupil->reg_group);
      if (entry == NULL)
        {
          entry = g_new0 (StatusEntry, 1);
          entry->status = g_new0 (AttRegisterStatus, 1);
          entry->status->group = g_strdup (pupil->reg_group);
          entry->year = pupil->year_group;
          g_hash_table_insert (by_group, pupil->reg_group, entry);
          g_ptr_array_add (entries, entry);
        }
      entry->year = MIN (entry->year, pupil->year_group);
      entry->status->on_roll++;
      if (att_register_code (db, pupil->id, date, session) != ATT_CODE_NONE)
        entry->status->marked++;
    }

  g_ptr_array_sort (entries, compare_status);
  for (guint i = 0; i < entries->len; i++)
    {
      StatusEntry *entry = g_ptr_array_index (entries, i);

      if (entry->status->marked < entry->status->on_roll)
        g_ptr_array_add (result, g_steal_pointer (&entry->status));
      else
        att_register_status_free (g_steal_pointer (&entry->status));
    }
  return result;
}

void
att_register_gap_free (AttRegisterGap *gap)
{
  if (gap == NULL)
    return;
  g_clear_pointer (&gap->groups, g_ptr_array_unref);
  g_free (gap);
}

GPtrArray *
att_register_incomplete_past (AttDb       *db,
                              AttDate      first,
                              AttDate      today,
                              int          clock_minutes,
                              GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  AttCalendar *calendar;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)att_register_gap_free);
  calendar = att_db_get_calendar (db);
  for (AttDate date = first; date <= today; date++)
    for (AttSession session = ATT_SESSION_AM; session <= ATT_SESSION_PM; session++)
      {
        g_autoptr(GPtrArray) groups = NULL;
        AttRegisterGap *gap;

        if (!att_calendar_is_school_session (calendar, date, session)
            || !att_register_closed (db, date, session, today, clock_minutes))
          continue;
        groups = att_register_incomplete (db, date, session, error);
        if (groups == NULL)
          return NULL;
        if (groups->len == 0)
          continue;
        gap = g_new0 (AttRegisterGap, 1);
        gap->date = date;
        gap->session = session;
        for (guint i = 0; i < groups->len; i++)
          {
            const AttRegisterStatus *status = g_ptr_array_index (groups, i);
            gap->unmarked += status->on_roll - status->marked;
          }
        gap->groups = g_steal_pointer (&groups);
        g_ptr_array_add (result, gap);
      }
  return g_steal_pointer (&result);
}

GArray *
att_register_still_n (AttDb       *db,
                      AttDate      date,
                      AttSession   session,
                      AttDate      today,
                      int          clock_minutes,
                      GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *pupils;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (!att_calendar_is_school_session (att_db_get_calendar (db), date, session)
      || !att_register_closed (db, date, session, today, clock_minutes))
    return g_steal_pointer (&ids);

  pupils = att_pupils_list (db, error);
  if (pupils == NULL)
    return NULL;
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (att_pupil_on_roll (pupil, date)
          && att_register_code (db, pupil->id, date, session) == ATT_CODE_N)
        g_array_append_val (ids, pupil->id);
    }
  return g_steal_pointer (&ids);
}
