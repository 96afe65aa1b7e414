/* att-today-page-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-today-page.h"

G_BEGIN_DECLS

/* The big number of the "On roll today" card. */
const char *att_today_page_get_on_roll_text (AttTodayPage *self);
/* "main" or "empty". */
const char *att_today_page_get_state_name   (AttTodayPage *self);
GtkListBox *att_today_page_get_threshold_list (AttTodayPage *self);
/* Whether the breaches not yet considered are still being counted (on a
 * thread: the list's rows come once they are). */
gboolean    att_today_page_is_counting_breaches (AttTodayPage *self);
GtkListBox *att_today_page_get_registers_list (AttTodayPage *self);
/* Checks the registers again now (the tests move the clock). */
void        att_today_page_update_registers   (AttTodayPage *self);
/* What the page does once a minute while it is shown: catch up with the
 * clock, unless the register list has the keyboard focus. */
void        att_today_page_tick               (AttTodayPage *self);
/* Counts everything again now (the tests move the date), and the small
 * print of the "Attendance this week" card. */
void        att_today_page_refresh            (AttTodayPage *self);
const char *att_today_page_get_week_detail    (AttTodayPage *self);

G_END_DECLS
