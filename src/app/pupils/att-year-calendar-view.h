/* att-year-calendar-view.h: a pupil's school year at a glance, on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-pupil-year.h"

G_BEGIN_DECLS

#define ATT_TYPE_YEAR_CALENDAR_VIEW (att_year_calendar_view_get_type ())
G_DECLARE_FINAL_TYPE (AttYearCalendarView, att_year_calendar_view, ATT, YEAR_CALENDAR_VIEW, GtkWidget)

GtkWidget    *att_year_calendar_view_new         (void);
/* The year drawn (NULL: nothing). */
void          att_year_calendar_view_set_year    (AttYearCalendarView *self,
                                                  AttPupilYear        *year);
AttPupilYear *att_year_calendar_view_get_year    (AttYearCalendarView *self);
/* The session the keyboard is on: arrows move it, Enter opens the
 * register there (win.show-register-pupil-day), as a click does. */
gboolean      att_year_calendar_view_get_cursor  (AttYearCalendarView *self,
                                                  AttDate             *date,
                                                  AttSession          *session);
gboolean      att_year_calendar_view_set_cursor  (AttYearCalendarView *self,
                                                  AttDate              date,
                                                  AttSession           session);
/* What a screen reader is told of the session the keyboard is on. */
char         *att_year_calendar_view_describe_cursor (AttYearCalendarView *self);
/* A click at (@x, @y) of the drawing: the session there becomes the
 * cursor and its register opens. FALSE when no session is drawn there. */
gboolean      att_year_calendar_view_click       (AttYearCalendarView *self,
                                                  double               x,
                                                  double               y);

G_END_DECLS
