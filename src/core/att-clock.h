/* att-clock.h: the register clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register goes by the time of day as att_date_today() goes by the
 * date: $ATTENDANCE_CLOCK=HH:MM fixes it for tests and demonstrations.
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

/* Minutes after midnight now, in local time, or $ATTENDANCE_CLOCK when it
 * holds a time (HH:MM). */
int          att_clock_now            (void);

/* The moment the register goes by: today's date (att_date_today()) and
 * the clock (att_clock_now()). */
typedef struct
{
  AttDate  date;
  int      minutes;
} AttClockTime;

void         att_clock_get            (AttClockTime  *now);

G_END_DECLS
