/* test-date.c: dates, times and sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-test-util.h"

static void
test_parse_both_formats (void)
{
  g_autoptr(GError) error = NULL;
  AttDate iso, uk, short_uk;

  iso = att_date_parse ("2024-09-02", &error);
  g_assert_no_error (error);
  uk = att_date_parse ("02/09/2024", &error);
  g_assert_no_error (error);
  short_uk = att_date_parse ("2/9/2024", &error);
  g_assert_no_error (error);

  g_assert_cmpint (iso, !=, ATT_DATE_NONE);
  g_assert_cmpint (iso, ==, D (2024, 9, 2));
  g_assert_cmpint (uk, ==, iso);
  g_assert_cmpint (short_uk, ==, iso);

  /* Surrounding spaces, as a CSV cell may have them. */
  g_assert_cmpint (att_date_parse (" 2024-09-02 ", NULL), ==, iso);

  /* The command line takes only YYYY-MM-DD. */
  g_assert_cmpint (att_date_parse_iso ("2024-09-02", NULL), ==, iso);
  g_assert_cmpint (att_date_parse_iso ("02/09/2024", &error), ==, ATT_DATE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
}

static void
test_parse_rejects_bad_dates (void)
{
  static const char * const bad[] = {
    "31/02/2024",   /* February never has 31 days */
    "30/02/2024",
    "29/02/2023",   /* 2023 is not a leap year */
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-04-31",   /* April has 30 days */
    "32/01/2024",
    "2024/09/02",
    "02-09-2024",
    "2/9/24",
    "",
    "tomorrow",
    "2024-9-2x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("parsing '%s'", bad[i]);
      g_assert_cmpint (att_date_parse (bad[i], &error), ==, ATT_DATE_NONE);
      g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    }

  g_assert_cmpint (att_date_parse (NULL, NULL), ==, ATT_DATE_NONE);

  /* 2024 is a leap year, so its 29 February is real. */
  g_assert_cmpint (att_date_parse ("29/02/2024", NULL), ==, D (2024, 2, 29));
  g_assert_cmpint (att_date_from_ymd (2024, 2, 30), ==, ATT_DATE_NONE);
}

static void
test_day_numbers (void)
{
  int y, m, d;

  /* Dates are day numbers: a week is 7, a leap year 366. */
  g_assert_cmpint (D (2024, 9, 9) - D (2024, 9, 2), ==, 7);
  g_assert_cmpint (D (2025, 1, 1) - D (2024, 1, 1), ==, 366);
  g_assert_cmpint (D (2024, 3, 1) - D (2024, 2, 28), ==, 2);

  att_date_to_ymd (D (2024, 12, 31), &y, &m, &d);
  g_assert_cmpint (y, ==, 2024);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (d, ==, 31);
}

static void
test_weekday (void)
{
  /* 2 September 2024 was a Monday (the first day of many schools'
   * autumn term); 8 September the Sunday of that week. */
  g_assert_cmpint (att_date_weekday (D (2024, 9, 2)), ==, 1);
  g_assert_cmpint (att_date_weekday (D (2024, 9, 6)), ==, 5);
  g_assert_cmpint (att_date_weekday (D (2024, 9, 8)), ==, 7);
  /* 25 December 2025 is a Thursday; 1 January 2000 was a Saturday. */
  g_assert_cmpint (att_date_weekday (D (2025, 12, 25)), ==, 4);
  g_assert_cmpint (att_date_weekday (D (2000, 1, 1)), ==, 6);

  g_assert_cmpint (att_date_monday (D (2024, 9, 8)), ==, D (2024, 9, 2));
  g_assert_cmpint (att_date_monday (D (2024, 9, 2)), ==, D (2024, 9, 2));
  /* Across a month end: Sunday 2 March 2025 belongs to Monday 24 Feb. */
  g_assert_cmpint (att_date_monday (D (2025, 3, 2)), ==, D (2025, 2, 24));
}

static void
test_school_year (void)
{
  /* A school year runs 1 September to 31 August. */
  g_assert_cmpint (att_date_school_year (D (2025, 8, 31)), ==, 2024);
  g_assert_cmpint (att_date_school_year (D (2025, 9, 1)), ==, 2025);
  g_assert_cmpint (att_date_school_year (D (2025, 1, 15)), ==, 2024);
  g_assert_cmpint (att_date_school_year_start (D (2025, 8, 31)), ==, D (2024, 9, 1));
  g_assert_cmpint (att_date_school_year_start (D (2024, 9, 1)), ==, D (2024, 9, 1));
  g_assert_cmpint (att_date_school_year_start (D (2024, 12, 25)), ==, D (2024, 9, 1));
}

static void
test_easter (void)
{
  /* From the published tables: 31 Mar 2024, 20 Apr 2025, 5 Apr 2026;
   * 27 Mar 2016 (early); 25 Apr 2038 and 2000 (23 Apr) late; 22 Mar 2285,
   * the earliest date Easter can fall on. */
  g_assert_cmpint (att_date_easter_sunday (2024), ==, D (2024, 3, 31));
  g_assert_cmpint (att_date_easter_sunday (2025), ==, D (2025, 4, 20));
  g_assert_cmpint (att_date_easter_sunday (2026), ==, D (2026, 4, 5));
  g_assert_cmpint (att_date_easter_sunday (2016), ==, D (2016, 3, 27));
  g_assert_cmpint (att_date_easter_sunday (2038), ==, D (2038, 4, 25));
  g_assert_cmpint (att_date_easter_sunday (2000), ==, D (2000, 4, 23));
  g_assert_cmpint (att_date_easter_sunday (2285), ==, D (2285, 3, 22));
  for (int y = 2000; y < 2100; y++)
    g_assert_cmpint (att_date_weekday (att_date_easter_sunday (y)), ==, 7);
}

static void
test_age (void)
{
  /* Born 1 September 2019: 4 on 31 August 2024, 5 the next day. */
  g_assert_cmpint (att_date_age_on (D (2019, 9, 1), D (2024, 8, 31)), ==, 4);
  g_assert_cmpint (att_date_age_on (D (2019, 9, 1), D (2024, 9, 1)), ==, 5);

  /* Born 29 February 2016: 8 on 29 February 2024; in 2025 (no 29th) still
   * 8 on 28 February and 9 on 1 March. */
  g_assert_cmpint (att_date_age_on (D (2016, 2, 29), D (2024, 2, 28)), ==, 7);
  g_assert_cmpint (att_date_age_on (D (2016, 2, 29), D (2024, 2, 29)), ==, 8);
  g_assert_cmpint (att_date_age_on (D (2016, 2, 29), D (2025, 2, 28)), ==, 8);
  g_assert_cmpint (att_date_age_on (D (2016, 2, 29), D (2025, 3, 1)), ==, 9);
}

static void
test_format (void)
{
  g_autofree char *iso = att_date_format (D (2024, 9, 2));
  g_autofree char *none = att_date_format (ATT_DATE_NONE);
  g_autofree char *longer = att_date_format_long (D (2024, 9, 2));

  char buf[ATT_DATE_TEXT_SIZE];

  g_assert_cmpstr (iso, ==, "2024-09-02");
  g_assert_cmpstr (none, ==, "");
  /* Without allocating: the same text, every digit in its place; the
   * years before 1000 with their leading zeros, as %04d writes them. */
  g_assert_cmpstr (att_date_format_to (D (2024, 9, 2), buf), ==, "2024-09-02");
  g_assert_cmpstr (att_date_format_to (D (1999, 12, 31), buf), ==, "1999-12-31");
  g_assert_cmpstr (att_date_format_to (D (987, 10, 15), buf), ==, "0987-10-15");
  g_assert_cmpstr (att_date_format_to (ATT_DATE_NONE, buf), ==, "");
  /* The tests run in the C locale. */
  g_assert_cmpstr (longer, ==, "Mon 2 Sep 2024");
}

static void
test_today (void)
{
  g_setenv ("ATTENDANCE_TODAY", "2025-03-14", TRUE);
  g_assert_cmpint (att_date_today (), ==, D (2025, 3, 14));
  g_unsetenv ("ATTENDANCE_TODAY");
  g_assert_cmpint (att_date_today (), !=, ATT_DATE_NONE);
}

static void
test_sessions (void)
{
  AttSession session = ATT_SESSION_PM;
  g_autoptr(GError) error = NULL;

  g_assert_true (att_session_parse ("AM", &session, NULL));
  g_assert_cmpint (session, ==, ATT_SESSION_AM);
  g_assert_true (att_session_parse ("pm", &session, NULL));
  g_assert_cmpint (session, ==, ATT_SESSION_PM);
  g_assert_false (att_session_parse ("evening", &session, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);

  g_assert_cmpstr (att_session_to_string (ATT_SESSION_AM), ==, "am");
  g_assert_cmpstr (att_session_to_string (ATT_SESSION_PM), ==, "pm");
}

static void
test_times (void)
{
  static const char * const bad[] = { "24:00", "08:60", "0845", "8", "8:5", "ab:cd", "", "-1:00" };
  g_autofree char *text = NULL;

  /* 8 h 45 min = 525 minutes after midnight. */
  g_assert_cmpint (att_time_parse ("08:45", NULL), ==, 525);
  g_assert_cmpint (att_time_parse ("8:45", NULL), ==, 525);
  g_assert_cmpint (att_time_parse ("00:00", NULL), ==, 0);
  g_assert_cmpint (att_time_parse ("23:59", NULL), ==, 1439);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("parsing time '%s'", bad[i]);
      g_assert_cmpint (att_time_parse (bad[i], &error), ==, -1);
      g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    }

  text = att_time_format (525);
  g_assert_cmpstr (text, ==, "08:45");
}

/* Day numbers are GDate's Julian days, worked out without a GDate: every
 * day from 1 January 1800 to 31 December 2299, and every 97th day of the
 * rest of years 1 to 9999, agree with GDate both ways; impossible dates
 * (30 February, 29 February in 1900, a 13th month) have no number. */
static void
test_day_numbers_like_gdate (void)
{
  GDate d;
  guint32 first_1800, last_2299, last;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, 1800);
  first_1800 = g_date_get_julian (&d);
  g_date_set_dmy (&d, 31, 12, 2299);
  last_2299 = g_date_get_julian (&d);
  g_date_set_dmy (&d, 31, 12, 9999);
  last = g_date_get_julian (&d);

  for (guint32 j = 1; j <= last; j += (j >= first_1800 && j <= last_2299) ? 1 : 97)
    {
      int y, m, day;

      g_date_set_julian (&d, j);
      att_date_to_ymd ((AttDate)j, &y, &m, &day);
      if (y != g_date_get_year (&d) || m != (int)g_date_get_month (&d) || day != g_date_get_day (&d))
        g_error ("day %u: %d-%02d-%02d, GDate %d-%02d-%02d", j, y, m, day,
                 g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
      if (att_date_from_ymd (y, m, day) != (AttDate)j)
        g_error ("%d-%02d-%02d: day %d, GDate %u", y, m, day, att_date_from_ymd (y, m, day), j);
    }
  g_assert_cmpint (att_date_from_ymd (1, 1, 1), ==, 1);
  g_assert_cmpint (att_date_from_ymd (9999, 12, 31), ==, (AttDate)last);
  g_assert_cmpint (att_date_from_ymd (2024, 2, 29), ==, att_date_from_ymd (2024, 2, 28) + 1);
  g_assert_cmpint (att_date_from_ymd (2023, 2, 29), ==, ATT_DATE_NONE);
  g_assert_cmpint (att_date_from_ymd (1900, 2, 29), ==, ATT_DATE_NONE);
  g_assert_cmpint (att_date_from_ymd (2000, 2, 29), !=, ATT_DATE_NONE);
  g_assert_cmpint (att_date_from_ymd (2024, 4, 31), ==, ATT_DATE_NONE);
  g_assert_cmpint (att_date_from_ymd (2024, 13, 1), ==, ATT_DATE_NONE);
  g_assert_cmpint (att_date_from_ymd (2024, 0, 1), ==, ATT_DATE_NONE);
  g_assert_cmpint (att_date_from_ymd (0, 1, 1), ==, ATT_DATE_NONE);
  g_assert_cmpint (att_date_from_ymd (10000, 1, 1), ==, ATT_DATE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/both-formats", test_parse_both_formats);
  g_test_add_func ("/date/parse/bad-dates", test_parse_rejects_bad_dates);
  g_test_add_func ("/date/day-numbers", test_day_numbers);
  g_test_add_func ("/date/day-numbers-like-gdate", test_day_numbers_like_gdate);
  g_test_add_func ("/date/weekday", test_weekday);
  g_test_add_func ("/date/school-year", test_school_year);
  g_test_add_func ("/date/age", test_age);
  g_test_add_func ("/date/easter", test_easter);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/today", test_today);
  g_test_add_func ("/date/sessions", test_sessions);
  g_test_add_func ("/date/times", test_times);

  return g_test_run ();
}
