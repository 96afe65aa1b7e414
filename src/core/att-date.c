/* att-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "att-date.h"
#include "att-error.h"

/* Julian day numbers as GDate counts them (1 is 1 January of year 1, in
 * the proleptic Gregorian calendar), reckoned with whole numbers rather
 * than through a GDate: the figures turn dates into days and back for
 * every pupil, and GDate's conversions cost some hundred times as much.
 * The days are counted from 1 March of year 0 so that the leap day ends
 * a year (Howard Hinnant's algorithms for the civil calendar). */
#define JULIAN_OF_MARCH_0 306      /* 1 March of year 0 is day -305 */
#define LAST_JULIAN 3652059         /* 31 December 9999 */

static gboolean
leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

AttDate
att_date_from_ymd (int year,
                   int month,
                   int day)
{
  static const guint8 days_in[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, yoe, doy, doe;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in[month - 1] + (month == 2 && leap_year (year)))
    return ATT_DATE_NONE;

  y = year - (month <= 2);
  yoe = y % 400;
  doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (AttDate)((y / 400) * 146097 + doe - JULIAN_OF_MARCH_0 + 1);
}

void
att_date_to_ymd (AttDate  date,
                 int     *year,
                 int     *month,
                 int     *day)
{
  int z, era, doe, yoe, doy, mp, m;

  if (G_UNLIKELY (date < 1 || date > LAST_JULIAN))
    {
      /* Out of the calendar: whatever GDate makes of it, as before. */
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_julian (&d, date);
      if (year)
        *year = g_date_get_year (&d);
      if (month)
        *month = g_date_get_month (&d);
      if (day)
        *day = g_date_get_day (&d);
      return;
    }

  z = date - 1 + JULIAN_OF_MARCH_0;
  era = z / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (year)
    *year = yoe + era * 400 + (m <= 2);
  if (month)
    *month = m;
  if (day)
    *day = doy - (153 * mp + 2) / 5 + 1;
}

int
att_date_weekday (AttDate date)
{
  /* Julian day 1 (1 January of year 1) was a Monday. */
  return ((date - 1) % 7) + 1;
}

AttDate
att_date_monday (AttDate date)
{
  return date - (att_date_weekday (date) - 1);
}

AttDate
att_date_today (void)
{
  const char *fixed = g_getenv ("ATTENDANCE_TODAY");
  g_autoptr(GDateTime) now = NULL;

  /* Tests, demonstrations and training sessions can pin "today". */
  if (fixed != NULL && *fixed != '\0')
    {
      AttDate date = att_date_parse_iso (fixed, NULL);
      if (date != ATT_DATE_NONE)
        return date;
    }

  now = g_date_time_new_now_local ();
  return att_date_from_ymd (g_date_time_get_year (now),
                            g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now));
}

static gboolean
parse_number (const char *text,
              gsize       len,
              int        *out)
{
  int value = 0;

  if (len == 0 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

static AttDate
parse_date (const char  *text,
            gboolean     allow_uk,
            GError     **error)
{
  g_autofree char *trimmed = NULL;
  int y, m, d;
  gsize len;
  AttDate date = ATT_DATE_NONE;

  if (text == NULL)
    text = "";
  trimmed = g_strstrip (g_strdup (text));
  len = strlen (trimmed);

  if (len == 10 && trimmed[4] == '-' && trimmed[7] == '-' &&
      parse_number (trimmed, 4, &y) &&
      parse_number (trimmed + 5, 2, &m) &&
      parse_number (trimmed + 8, 2, &d))
    date = att_date_from_ymd (y, m, d);
  else if (allow_uk && (len == 10 || len == 9 || len == 8))
    {
      g_auto(GStrv) parts = g_strsplit (trimmed, "/", -1);

      if (g_strv_length (parts) == 3 &&
          parse_number (parts[0], strlen (parts[0]), &d) && strlen (parts[0]) <= 2 &&
          parse_number (parts[1], strlen (parts[1]), &m) && strlen (parts[1]) <= 2 &&
          strlen (parts[2]) == 4 && parse_number (parts[2], 4, &y))
        date = att_date_from_ymd (y, m, d);
    }

  if (date == ATT_DATE_NONE)
    {
      if (allow_uk)
        g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                     _("“%s” is not a date: write it as YYYY-MM-DD or DD/MM/YYYY"), trimmed);
      else
        g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                     _("“%s” is not a date: write it as YYYY-MM-DD"), trimmed);
    }
  return date;
}

AttDate
att_date_parse (const char  *text,
                GError     **error)
{
  return parse_date (text, TRUE, error);
}

AttDate
att_date_parse_iso (const char  *text,
                    GError     **error)
{
  return parse_date (text, FALSE, error);
}

char *
att_date_format (AttDate date)
{
  char buf[ATT_DATE_TEXT_SIZE];

  return g_strdup (att_date_format_to (date, buf));
}

char *
att_date_format_to (AttDate  date,
                    char    *buf)
{
  int y, m, d;

  if (date == ATT_DATE_NONE)
    {
      buf[0] = '\0';
      return buf;
    }
  att_date_to_ymd (date, &y, &m, &d);
  if (y < 0 || y > 9999)
    {
      g_snprintf (buf, ATT_DATE_TEXT_SIZE, "%04d-%02d-%02d", y, m, d);
      return buf;
    }
  /* YYYY-MM-DD, as "%04d-%02d-%02d" writes it, without printf. */
  buf[0] = '0' + y / 1000;
  buf[1] = '0' + y / 100 % 10;
  buf[2] = '0' + y / 10 % 10;
  buf[3] = '0' + y % 10;
  buf[4] = '-';
  buf[5] = '0' + m / 10;
  buf[6] = '0' + m % 10;
  buf[7] = '-';
  buf[8] = '0' + d / 10;
  buf[9] = '0' + d % 10;
  buf[10] = '\0';
  return buf;
}

char *
att_date_format_long (AttDate date)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (date == ATT_DATE_NONE)
    return g_strdup ("");
  att_date_to_ymd (date, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a date as in "Mon 2 Sep 2024", see g_date_time_format() */
  return g_date_time_format (dt, _("%a %-d %b %Y"));
}

AttDate
att_date_school_year_start (AttDate date)
{
  int y, m;

  att_date_to_ymd (date, &y, &m, NULL);
  return att_date_from_ymd (m >= 9 ? y : y - 1, 9, 1);
}

int
att_date_school_year (AttDate date)
{
  int y, m;

  att_date_to_ymd (date, &y, &m, NULL);
  return m >= 9 ? y : y - 1;
}

int
att_date_age_on (AttDate birth,
                 AttDate on)
{
  int by, bm, bd, y, m, d, age;

  att_date_to_ymd (birth, &by, &bm, &bd);
  att_date_to_ymd (on, &y, &m, &d);
  age = y - by;
  if (m < bm || (m == bm && d < bd))
    age--;
  return age;
}

const char *
att_session_to_string (AttSession session)
{
  return session == ATT_SESSION_PM ? "pm" : "am";
}

gboolean
att_session_parse (const char  *text,
                   AttSession  *session,
                   GError     **error)
{
  if (text != NULL && g_ascii_strcasecmp (text, "am") == 0)
    *session = ATT_SESSION_AM;
  else if (text != NULL && g_ascii_strcasecmp (text, "pm") == 0)
    *session = ATT_SESSION_PM;
  else
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a session: write am or pm"), text ? text : "");
      return FALSE;
    }
  return TRUE;
}

int
att_time_parse (const char  *text,
                GError     **error)
{
  int h, m;
  const char *colon = text ? strchr (text, ':') : NULL;

  if (colon == NULL ||
      !parse_number (text, colon - text, &h) || colon - text > 2 ||
      !parse_number (colon + 1, strlen (colon + 1), &m) || strlen (colon + 1) != 2 ||
      h > 23 || m > 59)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a time: write it as HH:MM, for example 08:40"),
                   text ? text : "");
      return -1;
    }
  return h * 60 + m;
}

char *
att_time_format (int minutes)
{
  if (minutes < 0)
    return g_strdup ("");
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/* Easter Sunday in the Gregorian calendar (the "anonymous" computus
 * published in Nature in 1876, valid for every Gregorian year). */
AttDate
att_date_easter_sunday (int year)
{
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = ((h + l - 7 * m + 114) % 31) + 1;

  return att_date_from_ymd (year, month, day);
}
