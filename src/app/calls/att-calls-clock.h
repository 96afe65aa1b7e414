/* att-calls-clock.h: when a call or an attempt is logged, by the
 * context's clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-context.h"

G_BEGIN_DECLS

/* Now, as the context's today and time of day say, in UTC seconds: the
 * time a call or an attempt is logged at, so that the log's times agree
 * with the register's clock ($ATTENDANCE_TODAY and $ATTENDANCE_CLOCK in
 * tests and screenshots). */
static inline gint64
att_calls_context_now (AttContext *context)
{
  g_autoptr(GDateTime) now = NULL;
  int clock = att_context_get_clock (context);
  int year, month, day;

  att_date_to_ymd (att_context_get_today (context), &year, &month, &day);
  now = g_date_time_new_local (year, month, day, clock / 60, clock % 60, 0);
  return now != NULL ? g_date_time_to_unix (now) : 0;
}

G_END_DECLS
