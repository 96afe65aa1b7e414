/* att-year-calendar.h: a pupil's school year at a glance, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Twelve months from September as rows, the days of each month as
 * columns, each weekday split into its AM and PM session: every session
 * coloured and shaped by its code's group (so the groups tell apart
 * without colour too), the terms and holidays marked, and the National
 * Framework's rolling window outlined. One drawing for the pupil view and
 * the pupil's PDF; a point of it can be turned back into its session.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "att-chart.h"
#include "att-pupil-year.h"

G_BEGIN_DECLS

/* The height the calendar wants at @width, key included. */
double       att_year_calendar_height (double               width);

void         att_year_calendar_draw   (cairo_t             *cr,
                                       AttPupilYear        *year,
                                       double               width,
                                       double               height,
                                       const AttChartStyle *style);

/* The weekday session drawn at (@x, @y) of a drawing @width x @height;
 * FALSE for a point on no session. */
gboolean     att_year_calendar_hit    (AttPupilYear        *year,
                                       double               width,
                                       double               height,
                                       double               x,
                                       double               y,
                                       AttDate             *date,
                                       AttSession          *session);

/* The box drawn for the session @session of @date in a drawing @width x
 * @height (for a focus ring round it); FALSE when the calendar does not
 * show that session (a weekend, another school year). */
gboolean     att_year_calendar_session_box (AttPupilYear   *year,
                                            double          width,
                                            double          height,
                                            AttDate         date,
                                            AttSession      session,
                                            double         *x,
                                            double         *y,
                                            double         *box_width,
                                            double         *box_height);

/* A document of one landscape page: the pupil's name, the year's figures,
 * the calendar and its key. */
#define ATT_TYPE_YEAR_CALENDAR_DOCUMENT (att_year_calendar_document_get_type ())
G_DECLARE_FINAL_TYPE (AttYearCalendarDocument, att_year_calendar_document, ATT, YEAR_CALENDAR_DOCUMENT, GObject)

AttYearCalendarDocument *att_year_calendar_document_new (AttPupilYear *year,
                                                         const char   *school_name);

G_END_DECLS
