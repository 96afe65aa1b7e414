/* att-date.h: calendar dates as day numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date is its Julian day number as GDate counts it (1 January of year 1
 * is day 1), so that dates compare and subtract as plain integers and the
 * register's compact arrays can be indexed by them. 0 means "no date". */
typedef gint32 AttDate;

#define ATT_DATE_NONE 0

typedef enum
{
  ATT_SESSION_AM = 0,
  ATT_SESSION_PM = 1,
} AttSession;

AttDate      att_date_from_ymd        (int          year,
                                       int          month,
                                       int          day);
void         att_date_to_ymd          (AttDate      date,
                                       int         *year,
                                       int         *month,
                                       int         *day);
/* 1 = Monday .. 7 = Sunday */
int          att_date_weekday         (AttDate      date);
AttDate      att_date_monday          (AttDate      date);
AttDate      att_date_today           (void);
/* Accepts YYYY-MM-DD and DD/MM/YYYY; anything else is an ATT_ERROR_INVALID. */
AttDate      att_date_parse           (const char  *text,
                                       GError     **error);
/* Only YYYY-MM-DD, as the command line asks. */
AttDate      att_date_parse_iso       (const char  *text,
                                       GError     **error);
char        *att_date_format          (AttDate      date);
/* The same text written into @buf, which holds ATT_DATE_TEXT_SIZE bytes,
 * without allocating: for output that writes many dates. Returns @buf. */
#define ATT_DATE_TEXT_SIZE 16
char        *att_date_format_to       (AttDate      date,
                                       char        *buf);
/* "Mon 2 Sep 2024" style, translated */
char        *att_date_format_long     (AttDate      date);
/* 1 September of the school year holding @date; a school year runs from
 * 1 September to 31 August. */
AttDate      att_date_school_year_start (AttDate    date);
/* The calendar year in which the school year holding @date starts. */
int          att_date_school_year     (AttDate      date);
/* Easter Sunday of @year in the Gregorian calendar: the bank holidays
 * and the demo school's terms both hang on it. */
AttDate      att_date_easter_sunday   (int          year);
/* Age in whole years on @on. */
int          att_date_age_on          (AttDate      birth,
                                       AttDate      on);

const char  *att_session_to_string    (AttSession   session);
gboolean     att_session_parse        (const char  *text,
                                       AttSession  *session,
                                       GError     **error);

/* Minutes after midnight from "HH:MM"; -1 and an error when not a time. */
int          att_time_parse           (const char  *text,
                                       GError     **error);
char        *att_time_format          (int          minutes);

G_END_DECLS
