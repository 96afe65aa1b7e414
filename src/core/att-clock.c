/* att-clock.c: the register clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-clock.h"

int
att_clock_now (void)
{
  g_autoptr(GDateTime) now = NULL;
  const char *env = g_getenv ("ATTENDANCE_CLOCK");

  /* Tests and demonstrations fix the clock as ATTENDANCE_TODAY fixes the
   * date. */
  if (env != NULL && *env != '\0')
    {
      int minutes = att_time_parse (env, NULL);
      if (minutes >= 0)
        return minutes;
    }
  now = g_date_time_new_now_local ();

  return g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
}

void
att_clock_get (AttClockTime *now)
{
  g_return_if_fail (now != NULL);

  now->date = att_date_today ();
  now->minutes = att_clock_now ();
}
