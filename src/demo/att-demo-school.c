/* att-demo-school.c: the demo school's settings, staff, calendar and
 * saved register filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is written through the modules that own it, inside the
 * transaction att-demo.c holds open for the whole school.
 */
#include "config.h"

#include <string.h>

#include "att-auth.h"
#include "att-calendar.h"
#include "att-demo.h"
#include "att-demo-private.h"
#include "att-register-grid.h"
#include "att-school.h"
#include "att-users.h"

/* Pupil days in a year; with the five INSET days the terms hold 195. */
#define PUPIL_DAYS 190

/* ------------------------------------------------------------------ */
/* The school year: English term dates.                                */

static gboolean
is_weekday (AttDate date)
{
  return att_date_weekday (date) <= 5;
}

static AttDate
next_weekday (AttDate date)
{
  while (!is_weekday (date))
    date++;
  return date;
}

AttDate
att_demo_last_weekday_of_month (int year,
                                int month,
                                int weekday)
{
  AttDate date = att_date_from_ymd (month == 12 ? year + 1 : year,
                                    month == 12 ? 1 : month + 1, 1) - 1;

  while (att_date_weekday (date) != weekday)
    date--;
  return date;
}

static AttDate
first_weekday_on_or_after (AttDate date,
                           int     weekday)
{
  while (att_date_weekday (date) != weekday)
    date++;
  return date;
}

static gboolean
is_inset (const AttDemoYear *y,
          AttDate            date)
{
  for (guint i = 0; i < G_N_ELEMENTS (y->inset); i++)
    if (y->inset[i] == date)
      return TRUE;
  return FALSE;
}

static guint
count_term_days (AttDate start,
                 AttDate end)
{
  guint n = 0;

  for (AttDate d = start; d <= end; d++)
    if (is_weekday (d) && !att_is_bank_holiday (d))
      n++;
  return n;
}

static AttDate
first_open_day (AttDate date)
{
  date = next_weekday (date);
  while (att_is_bank_holiday (date) || !is_weekday (date))
    date++;
  return date;
}

/* Term dates as many English local authorities set them: back in the
 * first days of September, a week off at the end of October, Christmas
 * from about 20 December, a week in mid February, two weeks round Easter,
 * the week of the late-May bank holiday, and the summer from about 20
 * July, with the end of the year chosen to give 195 days in term. */
void
att_demo_year_init (AttDemoYear *y,
                    int          year)
{
  AttDate d, easter, may_bh;
  guint days_before_summer2 = 0, want;

  memset (y, 0, sizeof *y);
  y->year = year;

  /* Autumn 1: the first weekday of September, two INSET days. */
  y->term_start[0] = next_weekday (att_date_from_ymd (year, 9, 1));
  d = att_demo_last_weekday_of_month (year, 10, 1);
  y->term_end[0] = d - 3;
  /* Autumn 2: after the October half term, to the last weekday on or
   * before 20 December. */
  y->term_start[1] = d + 7;
  d = att_date_from_ymd (year, 12, 20);
  while (!is_weekday (d))
    d--;
  y->term_end[1] = d;
  /* Spring 1: the first Monday from 3 January, to the Friday before the
   * week holding the Monday on or after 11 February. */
  y->term_start[2] = first_weekday_on_or_after (att_date_from_ymd (year + 1, 1, 3), 1);
  d = first_weekday_on_or_after (att_date_from_ymd (year + 1, 2, 11), 1);
  y->term_end[2] = d - 3;
  /* Spring 2 ends on the Friday before Holy Week; Summer 1 starts the
   * Monday after Easter week. */
  y->term_start[3] = d + 7;
  easter = att_date_easter_sunday (year + 1);
  y->term_end[3] = easter - 9;
  y->term_start[4] = easter + 8;
  may_bh = att_demo_last_weekday_of_month (year + 1, 5, 1);
  y->term_end[4] = may_bh - 3;
  y->term_start[5] = may_bh + 7;

  y->inset[0] = first_open_day (y->term_start[0]);
  y->inset[1] = first_open_day (y->inset[0] + 1);
  y->inset[2] = first_open_day (y->term_start[1]);
  y->inset[3] = first_open_day (y->term_start[2]);
  y->inset[4] = first_open_day (y->term_start[5]);

  for (guint t = 0; t < 5; t++)
    days_before_summer2 += count_term_days (y->term_start[t], y->term_end[t]);

  /* Summer 2 runs until the terms hold 195 days, ending on a weekday
   * between 15 and 24 July. */
  want = PUPIL_DAYS + G_N_ELEMENTS (y->inset);
  d = y->term_start[5];
  {
    guint n = days_before_summer2;
    AttDate earliest = att_date_from_ymd (year + 1, 7, 15);
    AttDate latest = att_date_from_ymd (year + 1, 7, 24);

    for (;; d++)
      {
        if (is_weekday (d) && !att_is_bank_holiday (d))
          n++;
        if ((n >= want && d >= earliest && is_weekday (d)) || d >= latest)
          break;
      }
    while (!is_weekday (d))
      d--;
  }
  y->term_end[5] = d;

  y->days = g_array_new (FALSE, FALSE, sizeof (AttDate));
  for (guint t = 0; t < 6; t++)
    for (d = y->term_start[t]; d <= y->term_end[t]; d++)
      if (is_weekday (d) && !att_is_bank_holiday (d) && !is_inset (y, d))
        g_array_append_val (y->days, d);
}

void
att_demo_year_clear (AttDemoYear *y)
{
  g_clear_pointer (&y->days, g_array_unref);
}

AttDate
att_demo_year_first_day (const AttDemoYear *y)
{
  return g_array_index (y->days, AttDate, 0);
}

AttDate
att_demo_year_last_day (const AttDemoYear *y)
{
  return g_array_index (y->days, AttDate, y->days->len - 1);
}

/* ------------------------------------------------------------------ */
/* The school's settings and staff, its terms and saved filters.       */

gboolean
att_demo_write_settings (AttDemo  *demo,
                         GError  **error)
{
  const char *keys[] = {
    "name", "urn", "la", "address", "phone", "email", "headteacher",
    "attendance_lead", "am_open", "am_close", "pm_open", "pm_close",
    "attendance_target", NULL,
  };
  const char *primary_values[] = {
    "Millbrook Primary School", "190412", "Millshire",
    "Brook Lane, Millbrook, Millshire MB4 2QT", "01632 960100",
    "office@millbrook-primary.example.org", "Helen Carter",
    "Daniel Osei (Deputy Headteacher)", "08:45", "09:15", "13:00", "13:15",
    "96", NULL,
  };
  const char *secondary_values[] = {
    "Millbrook Academy", "190877", "Millshire",
    "Weavers Row, Millbrook, Millshire MB2 6HL", "01632 960200",
    "office@millbrook-academy.example.org", "Helen Carter",
    "Daniel Osei (Deputy Headteacher)", "08:35", "09:00", "13:40", "13:55",
    "95", NULL,
  };

  demo->am_open = demo->primary ? 8 * 60 + 45 : 8 * 60 + 35;
  demo->pm_open = demo->primary ? 13 * 60 : 13 * 60 + 40;
  demo->am_minutes = demo->primary ? 30 : 25;
  demo->pm_minutes = 15;
  return att_school_set_many (demo->db, att_user_system (), keys,
                              demo->primary ? primary_values : secondary_values,
                              error);
}

/* Adds a member of staff; returns them (owned by @demo) or NULL. */
static AttUser *
add_user (AttDemo               *demo,
          const char            *name,
          AttRole                role,
          const char            *position,
          const AttPasswordHash *password,
          GError               **error)
{
  AttUser *user;
  gint64 id = att_users_add_with_password_hash (demo->db, att_user_system (), name, role, position,
                                                password, error);

  if (id <= 0)
    return NULL;
  user = att_users_get (demo->db, id, error);
  if (user != NULL)
    g_ptr_array_add (demo->users, user);
  return user;
}

/* The staff, and who of them marks the registers and amends them. They
 * all sign in with ATT_DEMO_PASSWORD, which the sign-in shows, since the
 * school is marked as a demonstration: it is hashed once for all five
 * (a hash is about 180 ms of processor time). */
gboolean
att_demo_write_users (AttDemo  *demo,
                      GError  **error)
{
  g_autoptr(AttPasswordHash) password = att_password_hash_new (ATT_DEMO_PASSWORD, error);

  return password != NULL &&
         att_school_set_demonstration (demo->db, att_user_system (), error) &&
         add_user (demo, "Helen Carter", ATT_ROLE_HEADTEACHER, "Headteacher", password, error) != NULL &&
         (demo->officer = demo->markers[2] =
            add_user (demo, "Sam Whitfield", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance Officer",
                      password, error)) != NULL &&
         (demo->reception = demo->markers[0] =
            add_user (demo, "Julie Price", ATT_ROLE_RECEPTIONIST, "Receptionist", password, error)) != NULL &&
         (demo->markers[1] =
            add_user (demo, "Amrit Sandhu", ATT_ROLE_RECEPTIONIST, "Receptionist", password, error)) != NULL &&
         add_user (demo, "Tom Ashworth", ATT_ROLE_ADMIN, "Data Manager", password, error) != NULL;
}

/* Two saved register filters of the kind an office keeps, so the demo
 * shows what they are for. */
gboolean
att_demo_write_saved_filters (AttDemo  *demo,
                              GError  **error)
{
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func ((GDestroyNotify) att_grid_filter_free);
  AttGridFilter *sen, *vulnerable;

  sen = att_grid_filter_new_year (demo->primary ? 6 : 9);
  sen->name = g_strdup_printf ("SEN support, Year %d", sen->year);
  sen->sen = 'K';
  g_ptr_array_add (filters, sen);
  vulnerable = att_grid_filter_new ();
  vulnerable->name = g_strdup ("Looked after, whole school");
  vulnerable->looked_after = 1;
  g_ptr_array_add (filters, vulnerable);
  return att_grid_filters_save (demo->db, demo->officer, filters, error);
}

gboolean
att_demo_write_calendar (AttDemo  *demo,
                         GError  **error)
{
  static const char * const names[6] = {
    "Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2",
  };
  /* The calendar's functions take the user as not const. */
  AttUser *system = (AttUser *)att_user_system ();

  for (int year = demo->first_year; year <= demo->last_year; year++)
    {
      AttDemoYear *y = att_demo_get_year (demo, year);

      for (guint t = 0; t < 6; t++)
        {
          g_autofree char *name = g_strdup_printf ("%s %d", names[t], t < 2 ? year : year + 1);

          if (att_calendar_add_term (demo->db, system, name, y->term_start[t], y->term_end[t], error) <= 0)
            return FALSE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (y->inset); i++)
        if (att_calendar_add_closure (demo->db, system, y->inset[i], y->inset[i], -1,
                                      "INSET day (staff training)", error) <= 0)
          return FALSE;
    }
  return TRUE;
}
