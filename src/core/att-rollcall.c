/* att-rollcall.c: who is on the school site, for a fire roll call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-calendar.h"
#include "att-db.h"
#include "att-error.h"
#include "att-clock.h"
#include "att-groups.h"
#include "att-latebook.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-rollcall.h"
#include "att-school.h"

gboolean
att_rollcall_on_site (AttCode code)
{
  /* A roll call counts the people in the building, not the attendance
   * figures. Present (/ and \) and late before the register closed (L)
   * are on site. U, late after the register closed, counts as an
   * unauthorised absence in the statistics, yet the pupil arrived and is
   * in school: a fire roll call that left them out would send someone
   * looking for a child who is standing in the line, or worse, not look
   * for one who is missing from it. The approved educational activities
   * (K, V, P, W, B) happen away from the school site, and D is the other
   * school's register: those pupils are not here. Every absence code is
   * off site. A pupil with no mark yet is not listed but counted, so the
   * person calling the roll knows the list is not complete. */
  switch (code)
    {
    case ATT_CODE_PRESENT_AM:
    case ATT_CODE_PRESENT_PM:
    case ATT_CODE_L:
    case ATT_CODE_U:
      return TRUE;
    default:
      return FALSE;
    }
}

AttSession
att_rollcall_session_at (AttDb *db,
                         int    clock_minutes)
{
  g_autoptr(AttSchool) school = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), ATT_SESSION_AM);

  school = att_school_load (db);
  return school != NULL && clock_minutes >= school->pm_open ? ATT_SESSION_PM : ATT_SESSION_AM;
}

static void
entry_free (AttRollCallEntry *entry)
{
  g_clear_object (&entry->pupil);
  g_free (entry);
}

static void
group_free (AttRollCallGroup *group)
{
  g_free (group->group);
  g_clear_pointer (&group->on_site, g_ptr_array_unref);
  g_clear_pointer (&group->signed_out, g_ptr_array_unref);
  g_free (group);
}

void
att_rollcall_free (AttRollCall *rollcall)
{
  if (rollcall == NULL)
    return;
  g_clear_pointer (&rollcall->groups, g_ptr_array_unref);
  g_free (rollcall);
}

/* What the late book says of one pupil at the time of the roll call. */
typedef struct
{
  int  arrived;     /* this session's arrival, or -1 */
  int  time_out;    /* signed out and not back at the time, or -1 */
} Movements;

/* The late book of @date, read once: pupil id -> Movements at @time. */
static GHashTable *
read_movements (AttDb       *db,
                AttDate      date,
                AttSession   session,
                int          time,
                GError     **error)
{
  g_autoptr(GHashTable) movements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) book = att_latebook_list (db, date, error);

  if (book == NULL)
    return NULL;
  for (guint i = 0; i < book->len; i++)
    {
      const AttLateEntry *entry = g_ptr_array_index (book, i);
      Movements *m = g_hash_table_lookup (movements, &entry->pupil_id);

      if (m == NULL)
        {
          m = g_new (Movements, 1);
          m->arrived = -1;
          m->time_out = -1;
          g_hash_table_insert (movements, g_memdup2 (&entry->pupil_id, sizeof entry->pupil_id), m);
        }
      if (entry->kind == ATT_LATE_ARRIVAL)
        {
          if (entry->session == session && entry->time_in >= 0)
            m->arrived = entry->time_in;
        }
      /* Out at the time: left by then, and not back by then. A pupil
       * signed out twice is out if either spell holds the time. */
      else if (entry->time_out >= 0 && entry->time_out <= time &&
               (entry->time_in < 0 || entry->time_in > time))
        m->time_out = entry->time_out;
    }
  return g_steal_pointer (&movements);
}

AttRollCall *
att_rollcall_new (AttDb       *db,
                  AttDate      date,
                  AttSession   session,
                  GError     **error)
{
  return att_rollcall_new_at (db, date, session,
                              date == att_date_today () ? att_clock_now () : -1, error);
}

AttRollCall *
att_rollcall_new_at (AttDb       *db,
                     AttDate      date,
                     AttSession   session,
                     int          time,
                     GError     **error)
{
  g_autoptr(AttRollCall) rollcall = NULL;
  g_autoptr(GPtrArray) on_roll = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GHashTable) movements = NULL;
  g_autoptr(AttSchool) school = NULL;
  AttCalendar *calendar;
  AttRollCallGroup *group = NULL;
  GPtrArray *pupils;
  int opens;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (session == ATT_SESSION_AM || session == ATT_SESSION_PM, NULL);
  g_return_val_if_fail (time >= -1 && time <= 24 * 60, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calendar = att_db_get_calendar (db);
  if (!att_calendar_is_school_session (calendar, date, session))
    {
      g_autofree char *day = att_date_format_long (date);
      g_autofree char *why = att_calendar_describe_no_school (calendar, date, session);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   session == ATT_SESSION_AM
                   /* Translators: "There is no morning session on Sat 21 Dec 2024: No school at the weekend" */
                   ? _("There is no morning session on %s: %s")
                   : _("There is no afternoon session on %s: %s"),
                   day, why != NULL ? why : _("it is not a school day"));
      return NULL;
    }

  if (time >= 0 && (movements = read_movements (db, date, session, time, error)) == NULL)
    return NULL;
  school = att_school_load (db);
  opens = school == NULL ? -1 : session == ATT_SESSION_AM ? school->am_open : school->pm_open;

  pupils = att_pupils_list (db, error);
  if (pupils == NULL)
    return NULL;

  on_roll = g_ptr_array_new ();
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (att_pupil_on_roll (pupil, date))
        g_ptr_array_add (on_roll, pupil);
    }

  rollcall = g_new0 (AttRollCall, 1);
  rollcall->date = date;
  rollcall->session = session;
  rollcall->time = time;
  rollcall->groups = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);

  order = att_groups_order_pupils (on_roll);
  for (guint i = 0; i < order->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (on_roll, g_array_index (order, guint, i));
      const char *name = pupil->reg_group != NULL && *pupil->reg_group ? pupil->reg_group : NULL;
      const Movements *moved = movements != NULL ? g_hash_table_lookup (movements, &pupil->id) : NULL;
      AttRollCallEntry *entry;
      AttCode code;

      if (group == NULL || g_strcmp0 (group->group, name) != 0)
        {
          group = g_new0 (AttRollCallGroup, 1);
          group->group = g_strdup (name);
          group->on_site = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
          group->signed_out = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
          g_ptr_array_add (rollcall->groups, group);
        }

      group->on_roll++;
      rollcall->on_roll++;
      code = att_register_code (db, pupil->id, date, session);
      if (code == ATT_CODE_NONE)
        {
          group->not_marked++;
          rollcall->not_marked++;
          continue;
        }
      if (!att_rollcall_on_site (code))
        continue;

      entry = g_new0 (AttRollCallEntry, 1);
      entry->pupil = g_object_ref (pupil);
      entry->code = code;
      entry->minutes_late = -1;
      entry->arrived = -1;
      entry->time_out = -1;
      if (code == ATT_CODE_L || code == ATT_CODE_U)
        {
          AttMark mark = { 0 };

          if (!att_register_get_mark (db, pupil->id, date, session, &mark, error))
            {
              entry_free (entry);
              return NULL;
            }
          entry->minutes_late = mark.minutes_late;
          att_mark_clear (&mark);
          /* The signing-in book has the minute they came in; without
           * it, the register's minutes from its opening say it. */
          if (moved != NULL && moved->arrived >= 0)
            entry->arrived = moved->arrived;
          else if (entry->minutes_late >= 0 && opens >= 0)
            entry->arrived = opens + entry->minutes_late;
          /* Not in yet: off site, as an absent pupil is. */
          if (time >= 0 && entry->arrived > time)
            {
              entry_free (entry);
              continue;
            }
        }

      if (moved != NULL && moved->time_out >= 0)
        {
          entry->time_out = moved->time_out;
          g_ptr_array_add (group->signed_out, entry);
          rollcall->signed_out++;
        }
      else
        {
          g_ptr_array_add (group->on_site, entry);
          rollcall->on_site++;
        }
    }

  return g_steal_pointer (&rollcall);
}
