/* test-calendar.c: bank holidays, terms, closures, school days and weeks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

/* Bank holidays */

/* Every bank holiday of a year in England and Wales, from the published
 * lists, written out by hand; zero-terminated. */
typedef struct
{
  int year;
  int days[12][2];   /* month, day */
} HolidayYear;

static const HolidayYear holiday_years[] = {
  /* 2020: early May moved to Friday 8 May (VE Day); Boxing Day a
   * Saturday, so Monday 28 December. */
  { 2020, { { 1, 1 }, { 4, 10 }, { 4, 13 }, { 5, 8 }, { 5, 25 }, { 8, 31 },
            { 12, 25 }, { 12, 28 } } },
  /* 2022: 1 January a Saturday, so Monday 3 January; spring holiday moved
   * to Thursday 2 June plus the Platinum Jubilee on Friday 3 June; the
   * State Funeral on 19 September; Christmas a Sunday, so Boxing Day on
   * Monday 26 and Christmas on Tuesday 27. */
  { 2022, { { 1, 3 }, { 4, 15 }, { 4, 18 }, { 5, 2 }, { 6, 2 }, { 6, 3 },
            { 8, 29 }, { 9, 19 }, { 12, 26 }, { 12, 27 } } },
  /* 2023: 1 January a Sunday, so Monday 2 January; the Coronation on
   * Monday 8 May, a week after the early May holiday. */
  { 2023, { { 1, 2 }, { 4, 7 }, { 4, 10 }, { 5, 1 }, { 5, 8 }, { 5, 29 },
            { 8, 28 }, { 12, 25 }, { 12, 26 } } },
  /* 2026: Easter Sunday 5 April; Boxing Day a Saturday, so Monday 28. */
  { 2026, { { 1, 1 }, { 4, 3 }, { 4, 6 }, { 5, 4 }, { 5, 25 }, { 8, 31 },
            { 12, 25 }, { 12, 28 } } },
};

static void
test_bank_holidays_by_year (void)
{
  for (guint y = 0; y < G_N_ELEMENTS (holiday_years); y++)
    {
      const HolidayYear *hy = &holiday_years[y];
      AttDate first = D (hy->year, 1, 1);
      AttDate last = D (hy->year, 12, 31);
      guint expected = 0, found = 0;

      for (guint i = 0; i < G_N_ELEMENTS (hy->days) && hy->days[i][0] != 0; i++)
        {
          AttDate day = D (hy->year, hy->days[i][0], hy->days[i][1]);

          g_test_message ("%d-%02d-%02d should be a bank holiday",
                          hy->year, hy->days[i][0], hy->days[i][1]);
          g_assert_true (att_is_bank_holiday (day));
          g_assert_nonnull (att_bank_holiday_name (day));
          /* A bank holiday is always a weekday. */
          g_assert_cmpint (att_date_weekday (day), <=, 5);
          expected++;
        }

      /* And no other day of the year is one. */
      for (AttDate day = first; day <= last; day++)
        if (att_is_bank_holiday (day))
          found++;
      g_assert_cmpuint (found, ==, expected);
    }
}

static void
test_bank_holidays_one_offs (void)
{
  /* The ordinary rule would have given these, but not in these years. */
  g_assert_false (att_is_bank_holiday (D (2020, 5, 4)));
  g_assert_false (att_is_bank_holiday (D (2022, 5, 30)));
  g_assert_false (att_is_bank_holiday (D (2022, 1, 1)));

  g_assert_nonnull (strstr (att_bank_holiday_name (D (2023, 5, 8)), "Coronation"));
  g_assert_nonnull (strstr (att_bank_holiday_name (D (2022, 9, 19)), "Funeral"));
  g_assert_nonnull (strstr (att_bank_holiday_name (D (2022, 6, 3)), "Jubilee"));
  g_assert_nonnull (strstr (att_bank_holiday_name (D (2020, 5, 8)), "VE"));
  g_assert_cmpstr (att_bank_holiday_name (D (2026, 4, 3)), ==, "Good Friday");
  g_assert_cmpstr (att_bank_holiday_name (D (2026, 4, 6)), ==, "Easter Monday");

  /* 2021: Christmas and Boxing Day both at the weekend, so Monday 27 and
   * Tuesday 28 December; 2027 has the same pattern. */
  g_assert_true (att_is_bank_holiday (D (2021, 12, 27)));
  g_assert_true (att_is_bank_holiday (D (2021, 12, 28)));
  g_assert_false (att_is_bank_holiday (D (2021, 12, 25)));
  g_assert_true (att_is_bank_holiday (D (2027, 12, 28)));
  /* 2028: New Year's Day a Saturday, so Monday 3 January. */
  g_assert_true (att_is_bank_holiday (D (2028, 1, 3)));
  g_assert_false (att_is_bank_holiday (D (2028, 1, 1)));

  /* Outside 2019 to 2030 the table does not guess. */
  g_assert_null (att_bank_holiday_name (D (2018, 12, 25)));
  g_assert_null (att_bank_holiday_name (D (2031, 1, 1)));
  g_assert_nonnull (att_bank_holiday_name (D (2019, 1, 1)));
  g_assert_nonnull (att_bank_holiday_name (D (2030, 12, 25)));
}

/* A school calendar
 *
 * Summer 1 2025   Tue 22 Apr - Fri 23 May   (Easter Monday 21 April is
 *                                            just before it; Monday 5 May
 *                                            is a bank holiday in it)
 * half term       26 - 30 May: no sessions
 * Summer 2 2025   Mon  2 Jun - Tue 22 Jul   (Monday 2 June is an INSET
 *                                            day; Friday 18 July the
 *                                            afternoon is closed)
 * summer holiday
 * Autumn 1 2025   Wed  3 Sep - Fri 24 Oct
 *
 * Counted by hand, with school week numbers:
 *   week  1  21 Apr  Tue-Fri                4 days   8 sessions   0..7
 *   week  2  28 Apr  Mon-Fri                5       10            8..17
 *   week  3   5 May  Tue-Fri (bank holiday) 4        8           18..25
 *   week  4  12 May                         5       10           26..35
 *   week  5  19 May                         5       10           36..45
 *   (26 May: half term, no number)
 *   week  6   2 Jun  Tue-Fri (INSET)        4        8           46..53
 *   weeks 7-11  9 Jun .. 7 Jul              25      50           54..103
 *   week 12  14 Jul  Mon-Thu and Fri AM     5        9          104..112
 *   week 13  21 Jul  Mon-Tue                2        4          113..116
 *   2024-25: 59 days, 117 sessions
 *   week 14   1 Sep  Wed-Fri                3        6          117..122
 *   weeks 15-21  8 Sep .. 20 Oct            35      70          123..192
 *   2025-26: 38 days, 76 sessions; 193 sessions in all.
 */

typedef struct
{
  AttTestDb *t;
  AttCalendar *cal;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttDb *db;

  f->t = att_test_db_new ();
  db = f->t->db;

  /* Added out of order: the calendar sorts them. */
  g_assert_cmpint (att_calendar_add_term (db, (AttUser *)att_user_system (), "Autumn 1 2025", D (2025, 9, 3), D (2025, 10, 24), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_calendar_add_term (db, (AttUser *)att_user_system (), "Summer 1 2025", D (2025, 4, 22), D (2025, 5, 23), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_calendar_add_term (db, (AttUser *)att_user_system (), "Summer 2 2025", D (2025, 6, 2), D (2025, 7, 22), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2025, 6, 2), D (2025, 6, 2), -1, "INSET day", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2025, 7, 18), D (2025, 7, 18), ATT_SESSION_PM, "Staff training", &error), >, 0);
  g_assert_no_error (error);

  f->cal = att_calendar_ref (att_db_get_calendar (db));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->cal, att_calendar_unref);
  att_test_db_free (f->t);
}

static void
test_terms_and_closures (Fixture       *f,
                         gconstpointer  data)
{
  const AttTerm *terms;
  const AttClosure *closures;
  guint n_terms, n_closures;

  terms = att_calendar_get_terms (f->cal, &n_terms);
  g_assert_cmpuint (n_terms, ==, 3);
  g_assert_cmpstr (terms[0].name, ==, "Summer 1 2025");
  g_assert_cmpstr (terms[1].name, ==, "Summer 2 2025");
  g_assert_cmpstr (terms[2].name, ==, "Autumn 1 2025");
  g_assert_cmpint (terms[2].start, ==, D (2025, 9, 3));
  g_assert_cmpint (terms[2].end, ==, D (2025, 10, 24));

  closures = att_calendar_get_closures (f->cal, &n_closures);
  g_assert_cmpuint (n_closures, ==, 2);
  g_assert_cmpstr (closures[0].reason, ==, "INSET day");
  g_assert_cmpint (closures[0].session, ==, -1);
  g_assert_cmpint (closures[1].session, ==, ATT_SESSION_PM);

  g_assert_true (att_calendar_term_for (f->cal, D (2025, 6, 2)) == &terms[1]);
  g_assert_null (att_calendar_term_for (f->cal, D (2025, 5, 28)));
  g_assert_null (att_calendar_term_for (f->cal, D (2024, 1, 1)));
}

static void
test_sessions_counted (Fixture       *f,
                       gconstpointer  data)
{
  const AttSessionSlot *sessions;
  guint n;

  sessions = att_calendar_get_sessions (f->cal, &n);
  g_assert_cmpuint (n, ==, 193);

  g_assert_cmpint (sessions[0].date, ==, D (2025, 4, 22));
  g_assert_cmpint (sessions[0].session, ==, ATT_SESSION_AM);
  g_assert_cmpint (sessions[0].week, ==, 1);
  g_assert_cmpint (sessions[1].session, ==, ATT_SESSION_PM);
  g_assert_cmpint (sessions[116].date, ==, D (2025, 7, 22));
  g_assert_cmpint (sessions[117].date, ==, D (2025, 9, 3));
  g_assert_cmpint (sessions[117].week, ==, 14);
  g_assert_cmpint (sessions[192].date, ==, D (2025, 10, 24));
  g_assert_cmpint (sessions[192].week, ==, 21);

  /* In date order, AM before PM. */
  for (guint i = 1; i < n; i++)
    g_assert_true (sessions[i - 1].date < sessions[i].date ||
                   (sessions[i - 1].date == sessions[i].date &&
                    sessions[i - 1].session < sessions[i].session));

  /* Every session is found at its own index. */
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (att_calendar_find_session (f->cal, sessions[i].date, sessions[i].session), ==, (int)i);

  /* Friday 18 July: the morning only, the 113th session (index 112). */
  g_assert_cmpint (att_calendar_find_session (f->cal, D (2025, 7, 18), ATT_SESSION_AM), ==, 112);
  g_assert_cmpint (att_calendar_find_session (f->cal, D (2025, 7, 18), ATT_SESSION_PM), ==, -1);
  g_assert_cmpuint (att_calendar_day_sessions (f->cal, D (2025, 7, 18)), ==, 1);

  /* The INSET day, the bank holiday, a weekend, the half term. */
  g_assert_cmpuint (att_calendar_day_sessions (f->cal, D (2025, 6, 2)), ==, 0);
  g_assert_cmpuint (att_calendar_day_sessions (f->cal, D (2025, 5, 5)), ==, 0);
  g_assert_cmpuint (att_calendar_day_sessions (f->cal, D (2025, 5, 10)), ==, 0);
  g_assert_cmpuint (att_calendar_day_sessions (f->cal, D (2025, 5, 28)), ==, 0);
  g_assert_cmpuint (att_calendar_day_sessions (f->cal, D (2025, 4, 21)), ==, 0);
  g_assert_cmpuint (att_calendar_day_sessions (f->cal, D (2025, 6, 3)), ==, 3);
  g_assert_false (att_calendar_is_school_session (f->cal, D (2025, 6, 2), ATT_SESSION_AM));
  g_assert_true (att_calendar_is_school_session (f->cal, D (2025, 6, 3), ATT_SESSION_PM));
  g_assert_false (att_calendar_is_school_session (f->cal, D (2030, 1, 7), ATT_SESSION_AM));
  g_assert_false (att_calendar_is_school_session (f->cal, D (2020, 1, 6), ATT_SESSION_AM));

  /* First session on or after a date. */
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2025, 1, 1)), ==, 0);
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2025, 4, 22)), ==, 0);
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2025, 4, 23)), ==, 2);
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2025, 5, 28)), ==, 46);
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2025, 6, 2)), ==, 46);
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2025, 8, 1)), ==, 117);
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2025, 10, 25)), ==, 193);
  g_assert_cmpuint (att_calendar_session_index (f->cal, D (2026, 6, 1)), ==, 193);
}

static void
test_closed_sessions (Fixture       *f,
                      gconstpointer  data)
{
  /* A bank holiday in term shows '#', with its name. */
  g_assert_true (att_calendar_is_closed_session (f->cal, D (2025, 5, 5), ATT_SESSION_AM));
  g_assert_true (att_calendar_is_closed_session (f->cal, D (2025, 5, 5), ATT_SESSION_PM));
  g_assert_cmpstr (att_calendar_closure_reason (f->cal, D (2025, 5, 5), ATT_SESSION_AM), ==,
                   "Early May bank holiday");

  /* The INSET day and the closed afternoon. */
  g_assert_cmpstr (att_calendar_closure_reason (f->cal, D (2025, 6, 2), ATT_SESSION_PM), ==, "INSET day");
  g_assert_true (att_calendar_is_closed_session (f->cal, D (2025, 7, 18), ATT_SESSION_PM));
  g_assert_cmpstr (att_calendar_closure_reason (f->cal, D (2025, 7, 18), ATT_SESSION_PM), ==, "Staff training");
  g_assert_false (att_calendar_is_closed_session (f->cal, D (2025, 7, 18), ATT_SESSION_AM));

  /* Holidays between terms, weekends and ordinary days are not '#'. */
  g_assert_false (att_calendar_is_closed_session (f->cal, D (2025, 5, 26), ATT_SESSION_AM));
  g_assert_false (att_calendar_is_closed_session (f->cal, D (2025, 4, 21), ATT_SESSION_AM));
  g_assert_false (att_calendar_is_closed_session (f->cal, D (2025, 5, 10), ATT_SESSION_AM));
  g_assert_false (att_calendar_is_closed_session (f->cal, D (2025, 6, 3), ATT_SESSION_AM));
  g_assert_null (att_calendar_closure_reason (f->cal, D (2025, 8, 25), ATT_SESSION_AM));
}

/* Which closure names a closed session, when closures overlap: a bank
 * holiday keeps its own name; otherwise the closure that starts first
 * (then a whole day before a single session, then the one added first).
 * Added to the fixture's calendar:
 *   Mon 15 - Fri 19 Sep 2025   whole days   "Boiler repairs"
 *   Wed 17 Sep                 whole day    "Polling station"  (inside it)
 *   Mon 22 Sep                 afternoon    "Sports day"
 *   Mon 22 Sep                 whole day    "Heating off"      (added later)
 *   Mon 5 - Tue 6 May          whole days   "Flood"  (5 May a bank holiday) */
static void
test_closure_names (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttDb *db = f->t->db;
  AttUser *system = (AttUser *)att_user_system ();
  AttCalendar *cal;

  g_assert_cmpint (att_calendar_add_closure (db, system, D (2025, 9, 15), D (2025, 9, 19), -1, "Boiler repairs", &error), >, 0);
  g_assert_cmpint (att_calendar_add_closure (db, system, D (2025, 9, 17), D (2025, 9, 17), -1, "Polling station", &error), >, 0);
  g_assert_cmpint (att_calendar_add_closure (db, system, D (2025, 9, 22), D (2025, 9, 22), ATT_SESSION_PM, "Sports day", &error), >, 0);
  g_assert_cmpint (att_calendar_add_closure (db, system, D (2025, 9, 22), D (2025, 9, 22), -1, "Heating off", &error), >, 0);
  g_assert_cmpint (att_calendar_add_closure (db, system, D (2025, 5, 5), D (2025, 5, 6), -1, "Flood", &error), >, 0);
  g_assert_no_error (error);
  cal = att_db_get_calendar (db);

  g_assert_cmpstr (att_calendar_closure_reason (cal, D (2025, 9, 15), ATT_SESSION_AM), ==, "Boiler repairs");
  g_assert_cmpstr (att_calendar_closure_reason (cal, D (2025, 9, 17), ATT_SESSION_PM), ==, "Boiler repairs");
  g_assert_cmpstr (att_calendar_closure_reason (cal, D (2025, 9, 19), ATT_SESSION_PM), ==, "Boiler repairs");
  /* Same start: the whole day (session -1) is ordered before the
   * afternoon, though added after it. */
  g_assert_cmpstr (att_calendar_closure_reason (cal, D (2025, 9, 22), ATT_SESSION_AM), ==, "Heating off");
  g_assert_cmpstr (att_calendar_closure_reason (cal, D (2025, 9, 22), ATT_SESSION_PM), ==, "Heating off");
  g_assert_cmpstr (att_calendar_closure_reason (cal, D (2025, 5, 5), ATT_SESSION_AM), ==, "Early May bank holiday");
  g_assert_cmpstr (att_calendar_closure_reason (cal, D (2025, 5, 6), ATT_SESSION_PM), ==, "Flood");
  /* The days either side are open: no reason, and sessions. */
  g_assert_null (att_calendar_closure_reason (cal, D (2025, 9, 12), ATT_SESSION_AM));
  g_assert_null (att_calendar_closure_reason (cal, D (2025, 9, 23), ATT_SESSION_PM));
  g_assert_true (att_calendar_is_school_session (cal, D (2025, 9, 23), ATT_SESSION_AM));
  /* Saturday 20 September is in the closure but was never a session. */
  g_assert_null (att_calendar_closure_reason (cal, D (2025, 9, 20), ATT_SESSION_AM));
  /* 8 whole days closed less the bank holiday already so: the 193
   * sessions of the fixture less 2 x 7 = 14, 179 in all. */
  {
    guint n_sessions = 0;

    att_calendar_get_sessions (cal, &n_sessions);
    g_assert_cmpuint (n_sessions, ==, 179);
  }
}

/* A program that writes one mark asks whether its session is a school
 * session without building the calendar: the answer read from the terms
 * and closures is the calendar's, for every session from 1 April to 30
 * November 2025 (weekends, Easter Monday, the bank holiday in term, the
 * half term, the INSET day, the closed afternoon, the summer holiday),
 * with the closures of test_closure_names () added too. */
static void
test_school_session_unbuilt (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) other = NULL;
  AttDb *db = f->t->db;
  AttUser *system = (AttUser *)att_user_system ();
  AttCalendar *cal;
  guint open = 0;

  g_assert_cmpint (att_calendar_add_closure (db, system, D (2025, 9, 15), D (2025, 9, 19), -1, "Boiler repairs", &error), >, 0);
  g_assert_cmpint (att_calendar_add_closure (db, system, D (2025, 9, 22), D (2025, 9, 22), ATT_SESSION_PM, "Sports day", &error), >, 0);
  g_assert_no_error (error);
  cal = att_db_get_calendar (db);

  other = att_db_open (f->t->path, &error);
  g_assert_no_error (error);
  for (AttDate date = D (2025, 4, 1); date <= D (2025, 11, 30); date++)
    for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
      {
        gboolean answer;

        other->sessions_asked = 0;
        answer = att_db_is_school_session (other, date, s);
        g_assert_null (other->calendar);
        g_assert_cmpint (answer, ==, att_calendar_is_school_session (cal, date, s));
        open += answer;
      }
  /* The fixture's 193 sessions less the 10 of the boiler repairs and the
   * afternoon of the sports day. */
  g_assert_cmpuint (open, ==, 182);

  /* After a few questions the calendar is built and answers. */
  for (guint i = 0; i < 20; i++)
    g_assert_true (att_db_is_school_session (other, D (2025, 6, 3), ATT_SESSION_AM));
  g_assert_nonnull (other->calendar);
  g_assert_false (att_db_is_school_session (other, D (2025, 6, 2), ATT_SESSION_AM));
  g_assert_false (att_db_is_school_session (other, D (2025, 6, 3), 2));
}

/* The Today page's sentence for a day or session with no school; the
 * dates and term names come from the fixture, worked out by hand. */
static void
test_describe_no_school (Fixture       *f,
                         gconstpointer  data)
{
  struct
  {
    int         y, m, d;
    int         session;
    const char *expected;   /* NULL: there is school */
  } cases[] = {
    /* An ordinary Tuesday, whole day and each session. */
    { 2025, 6, 3, -1, NULL },
    { 2025, 6, 3, ATT_SESSION_AM, NULL },
    { 2025, 6, 3, ATT_SESSION_PM, NULL },
    /* Saturday in term, and a Sunday in term. */
    { 2025, 5, 10, -1, "No school at the weekend" },
    { 2025, 6, 8, ATT_SESSION_AM, "No school at the weekend" },
    /* A bank holiday in term, by its name. */
    { 2025, 5, 5, -1, "The school is closed: Early May bank holiday" },
    { 2025, 5, 5, ATT_SESSION_PM, "The school is closed: Early May bank holiday" },
    /* The INSET day, a planned closure. */
    { 2025, 6, 2, -1, "The school is closed: INSET day" },
    /* Friday 18 July: open in the morning, closed in the afternoon. */
    { 2025, 7, 18, -1, NULL },
    { 2025, 7, 18, ATT_SESSION_AM, NULL },
    { 2025, 7, 18, ATT_SESSION_PM, "The school is closed in the afternoon: Staff training" },
    /* Half term (Wednesday 28 May): Summer 2 starts on Monday 2 June. */
    { 2025, 5, 28, -1, "School holidays: Summer 2 2025 starts on Mon 2 Jun 2025" },
    /* Easter Monday, before the first term: a holiday, but not a closure
     * in term, so the sentence is about the term to come. */
    { 2025, 4, 21, ATT_SESSION_AM, "School holidays: Summer 1 2025 starts on Tue 22 Apr 2025" },
    /* The summer bank holiday in the summer holidays. */
    { 2025, 8, 25, -1, "School holidays: Autumn 1 2025 starts on Wed 3 Sep 2025" },
    /* After the last term. */
    { 2025, 11, 3, -1, "Outside term time: no later term is set up" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = att_calendar_describe_no_school (f->cal,
                                                               D (cases[i].y, cases[i].m, cases[i].d),
                                                               cases[i].session);

      g_test_message ("%d-%02d-%02d session %d", cases[i].y, cases[i].m, cases[i].d, cases[i].session);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_school_weeks (Fixture       *f,
                   gconstpointer  data)
{
  /* The week of Easter Monday holds sessions from Tuesday: week 1, on
   * every day of it, Monday to Sunday. */
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 4, 21)), ==, 1);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 4, 22)), ==, 1);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 4, 27)), ==, 1);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 4, 28)), ==, 2);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 5, 5)), ==, 3);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 5, 23)), ==, 5);
  /* The half-term week has no number; the next one is 6, not 7. */
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 5, 28)), ==, 0);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 6, 2)), ==, 6);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 7, 22)), ==, 13);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 8, 15)), ==, 0);
  /* Numbers carry on into the next school year. */
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 9, 1)), ==, 14);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 10, 24)), ==, 21);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2025, 10, 27)), ==, 0);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2024, 10, 1)), ==, 0);
  g_assert_cmpuint (att_calendar_school_week (f->cal, D (2027, 10, 1)), ==, 0);
}

static void
check_window (AttCalendar *cal,
              AttDate      as_of,
              guint        weeks,
              guint        expect_weeks,
              AttDate      expect_first,
              AttDate      expect_last)
{
  AttDate first = 1, last = 1;
  g_autofree char *text = att_date_format (as_of);

  g_test_message ("window of %u weeks to %s", weeks, text);
  g_assert_cmpuint (att_calendar_window (cal, as_of, weeks, &first, &last), ==, expect_weeks);
  g_assert_cmpint (first, ==, expect_first);
  g_assert_cmpint (last, ==, expect_last);
}

static void
test_rolling_window (Fixture       *f,
                     gconstpointer  data)
{
  /* Friday 4 July is in week 10: the window is weeks 1 to 10, eleven
   * calendar weeks because the half term has no sessions. */
  check_window (f->cal, D (2025, 7, 4), 10, 10, D (2025, 4, 22), D (2025, 7, 4));

  /* Monday 7 July (week 11): weeks 2 to 11, from Monday 28 April, still
   * stretching over the half term. */
  check_window (f->cal, D (2025, 7, 7), 10, 10, D (2025, 4, 28), D (2025, 7, 7));

  /* Sunday 20 July belongs to week 12 (14 July): weeks 3 to 12. Week 3
   * starts on Tuesday 6 May (Monday was a bank holiday); the last school
   * day is Friday 18 July. */
  check_window (f->cal, D (2025, 7, 20), 10, 10, D (2025, 5, 6), D (2025, 7, 18));

  /* In the summer holiday the last school week is 13: weeks 4 to 13. */
  check_window (f->cal, D (2025, 8, 15), 10, 10, D (2025, 5, 12), D (2025, 7, 22));

  /* Across the summer into the new school year: Friday 12 September is in
   * week 15, so weeks 6 to 15, from Tuesday 3 June (after the INSET day). */
  check_window (f->cal, D (2025, 9, 12), 10, 10, D (2025, 6, 3), D (2025, 9, 12));

  /* Monday 1 September is in week 14, whose sessions start on Wednesday:
   * weeks 5 to 14, and the last school day up to then is 22 July. */
  check_window (f->cal, D (2025, 9, 1), 10, 10, D (2025, 5, 19), D (2025, 7, 22));

  /* During the half term: the calendar has only 5 school weeks so far. */
  check_window (f->cal, D (2025, 5, 28), 10, 5, D (2025, 4, 22), D (2025, 5, 23));

  /* Before the first school week there is no window. */
  check_window (f->cal, D (2025, 4, 1), 10, 0, ATT_DATE_NONE, ATT_DATE_NONE);

  /* Long after the last term the window is the last 10 school weeks:
   * 12 to 21, from Monday 14 July. */
  check_window (f->cal, D (2026, 3, 1), 10, 10, D (2025, 7, 14), D (2025, 10, 24));

  /* A one-week window on the Monday of week 1, whose sessions start on
   * Tuesday, holds no school day up to as_of: an empty range. */
  check_window (f->cal, D (2025, 4, 21), 1, 1, D (2025, 4, 22), D (2025, 4, 21));
}

static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  AttDate first = 0, last = 0;

  g_assert_true (att_calendar_school_year_range (f->cal, D (2025, 5, 1), &first, &last));
  g_assert_cmpint (first, ==, D (2025, 4, 22));
  g_assert_cmpint (last, ==, D (2025, 7, 22));
  g_assert_true (att_calendar_school_year_range (f->cal, D (2025, 8, 31), &first, &last));
  g_assert_cmpint (last, ==, D (2025, 7, 22));
  g_assert_true (att_calendar_school_year_range (f->cal, D (2025, 10, 1), &first, &last));
  g_assert_cmpint (first, ==, D (2025, 9, 3));
  g_assert_cmpint (last, ==, D (2025, 10, 24));
  g_assert_false (att_calendar_school_year_range (f->cal, D (2024, 1, 1), &first, &last));

  /* Summer 2 begins with the INSET day: its first school day is Tuesday. */
  g_assert_true (att_calendar_term_range (f->cal, D (2025, 6, 20), &first, &last));
  g_assert_cmpint (first, ==, D (2025, 6, 3));
  g_assert_cmpint (last, ==, D (2025, 7, 22));
  /* During half term: the term before it. */
  g_assert_true (att_calendar_term_range (f->cal, D (2025, 5, 28), &first, &last));
  g_assert_cmpint (first, ==, D (2025, 4, 22));
  g_assert_cmpint (last, ==, D (2025, 5, 23));
  g_assert_false (att_calendar_term_range (f->cal, D (2025, 4, 21), &first, &last));
}

static int
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  AttDb *db = f->t->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) officer = NULL;
  g_autoptr(AttUser) receptionist = NULL;
  int terms_before = count_rows (db, "SELECT count(*) FROM terms");
  int closures_before = count_rows (db, "SELECT count(*) FROM closures");

  g_assert_cmpint (att_users_add (db, att_user_system (), "Ana Lopez", ATT_ROLE_ATTENDANCE_OFFICER, NULL, &error), >, 0);
  g_assert_cmpint (att_users_add (db, att_user_system (), "Sam Patel", ATT_ROLE_RECEPTIONIST, NULL, &error), >, 0);
  g_assert_no_error (error);
  officer = att_users_find (db, "Ana Lopez", &error);
  receptionist = att_users_find (db, "Sam Patel", &error);
  g_assert_no_error (error);

  /* A term that overlaps another names it. */
  g_assert_cmpint (att_calendar_add_term (db, (AttUser *)att_user_system (), "Summer 3", D (2025, 7, 20), D (2025, 7, 25), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Summer 2 2025"));
  g_clear_error (&error);

  g_assert_cmpint (att_calendar_add_term (db, (AttUser *)att_user_system (), "  ", D (2026, 1, 5), D (2026, 2, 13), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (att_calendar_add_term (db, (AttUser *)att_user_system (), "Spring 1 2026", D (2026, 2, 13), D (2026, 1, 5), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* A closure in the half term is outside every term. */
  g_assert_cmpint (att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2025, 5, 28), D (2025, 5, 28), -1, "Training", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "inside a term"));
  g_assert_nonnull (strstr (error->message, "2025-05-28"));
  g_clear_error (&error);

  g_assert_cmpint (att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2025, 6, 10), D (2025, 6, 10), -1, "", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2025, 6, 10), D (2025, 6, 10), 2, "Training", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* A receptionist may not change the calendar. */
  g_assert_cmpint (att_calendar_add_term (db, receptionist, "Spring 1 2026", D (2026, 1, 5), D (2026, 2, 13), &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Sam Patel"));
  g_clear_error (&error);
  g_assert_cmpint (att_calendar_add_closure (db, receptionist, D (2025, 6, 10), D (2025, 6, 10), -1, "Training", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Nothing was stored by any refusal. */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM terms"), ==, terms_before);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM closures"), ==, closures_before);

  /* An attendance officer may, and the change is audited with their name. */
  g_assert_cmpint (att_calendar_add_term (db, officer, "Spring 1 2026", D (2026, 1, 5), D (2026, 2, 13), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit_log a JOIN actors p ON p.id = a.actor_id "
                                   "WHERE a.action = 'calendar.term.add' AND p.name = 'Ana Lopez'"), ==, 1);
  /* The fixture's three terms and two closures were added by the system. */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit_log WHERE action = 'calendar.term.add'"), ==, 4);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit_log WHERE action = 'calendar.closure.add'"), ==, 2);
}

static void
test_snapshots (Fixture       *f,
                gconstpointer  data)
{
  AttDb *db = f->t->db;
  g_autoptr(GError) error = NULL;
  AttCalendar *now;
  guint n;

  /* Asking again without a change gives the same snapshot. */
  g_assert_true (att_db_get_calendar (db) == f->cal);

  /* A committed change gives a new one; the old one is unchanged. */
  g_assert_cmpint (att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2025, 10, 24), D (2025, 10, 24), -1, "INSET day", &error), >, 0);
  g_assert_no_error (error);
  now = att_db_get_calendar (db);
  g_assert_true (now != f->cal);
  att_calendar_get_sessions (f->cal, &n);
  g_assert_cmpuint (n, ==, 193);
  att_calendar_get_sessions (now, &n);
  g_assert_cmpuint (n, ==, 191);
  /* Week 21 keeps its number: it still has sessions Monday to Thursday. */
  g_assert_cmpuint (att_calendar_school_week (now, D (2025, 10, 24)), ==, 21);

  /* A change rolled back leaves no trace in the next snapshot, even when
   * a snapshot was taken inside the transaction. */
  g_assert_true (att_db_begin (db, &error));
  g_assert_cmpint (att_calendar_add_term (db, (AttUser *)att_user_system (), "Spring 1 2026", D (2026, 1, 5), D (2026, 2, 13), &error), >, 0);
  g_assert_no_error (error);
  att_calendar_get_terms (att_db_get_calendar (db), &n);
  g_assert_cmpuint (n, ==, 4);
  att_db_rollback (db);
  att_calendar_get_terms (att_db_get_calendar (db), &n);
  g_assert_cmpuint (n, ==, 3);
}

static void
test_empty_calendar (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  AttCalendar *cal = att_db_get_calendar (t->db);
  AttDate first = 1, last = 1;
  guint n = 99;

  g_assert_nonnull (cal);
  att_calendar_get_sessions (cal, &n);
  g_assert_cmpuint (n, ==, 0);
  att_calendar_get_terms (cal, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (att_calendar_session_index (cal, D (2025, 1, 1)), ==, 0);
  g_assert_cmpint (att_calendar_find_session (cal, D (2025, 1, 6), ATT_SESSION_AM), ==, -1);
  g_assert_cmpuint (att_calendar_school_week (cal, D (2025, 1, 6)), ==, 0);
  g_assert_cmpuint (att_calendar_window (cal, D (2025, 1, 6), 10, &first, &last), ==, 0);
  g_assert_cmpint (first, ==, ATT_DATE_NONE);
  g_assert_false (att_calendar_school_year_range (cal, D (2025, 1, 6), &first, &last));
  g_assert_false (att_calendar_term_range (cal, D (2025, 1, 6), &first, &last));
  g_assert_false (att_calendar_is_closed_session (cal, D (2025, 1, 1), ATT_SESSION_AM));

  {
    g_autofree char *text = att_calendar_describe_no_school (cal, D (2025, 1, 6), -1);

    g_assert_cmpstr (text, ==, "No terms are set up");
  }
}

static void
test_two_years_of_terms (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  AttCalendar *cal;
  AttDate first, last;
  guint n;

  /* A whole school year, 2024-25, as many schools set it:
   *   Autumn  Tue 3 Sep - Fri 20 Dec 2024, half term 28 Oct - 1 Nov
   *   Spring  Mon 6 Jan - Fri 4 Apr 2025,  half term 17 - 21 Feb
   *   Summer  Tue 22 Apr - Tue 22 Jul 2025, half term 26 - 30 May
   * entered as six half terms, one INSET day on Monday 2 September is
   * simply outside the first term. Bank holidays in term: Monday 5 May. */
  g_assert_cmpint (att_calendar_add_term (t->db, (AttUser *)att_user_system (), "Autumn 1", D (2024, 9, 3), D (2024, 10, 25), &error), >, 0);
  g_assert_cmpint (att_calendar_add_term (t->db, (AttUser *)att_user_system (), "Autumn 2", D (2024, 11, 4), D (2024, 12, 20), &error), >, 0);
  g_assert_cmpint (att_calendar_add_term (t->db, (AttUser *)att_user_system (), "Spring 1", D (2025, 1, 6), D (2025, 2, 14), &error), >, 0);
  g_assert_cmpint (att_calendar_add_term (t->db, (AttUser *)att_user_system (), "Spring 2", D (2025, 2, 24), D (2025, 4, 4), &error), >, 0);
  g_assert_cmpint (att_calendar_add_term (t->db, (AttUser *)att_user_system (), "Summer 1", D (2025, 4, 22), D (2025, 5, 23), &error), >, 0);
  g_assert_cmpint (att_calendar_add_term (t->db, (AttUser *)att_user_system (), "Summer 2", D (2025, 6, 2), D (2025, 7, 22), &error), >, 0);
  g_assert_no_error (error);
  cal = att_db_get_calendar (t->db);

  /* Days per half term, by hand:
   *   Autumn 1: 3 Sep - 25 Oct = 4 + 7 * 5 = 39
   *   Autumn 2: 4 Nov - 20 Dec = 7 * 5     = 35
   *   Spring 1: 6 Jan - 14 Feb = 6 * 5     = 30
   *   Spring 2: 24 Feb - 4 Apr = 6 * 5     = 30
   *   Summer 1: 22 Apr - 23 May = 4 + 4 * 5 - 1 (5 May) = 23
   *   Summer 2: 2 Jun - 22 Jul = 7 * 5 + 2 = 37
   * 194 days, 388 sessions; weeks: 8 + 7 + 6 + 6 + 5 + 8 = 40. */
  att_calendar_get_sessions (cal, &n);
  g_assert_cmpuint (n, ==, 388);
  g_assert_cmpuint (att_calendar_school_week (cal, D (2025, 7, 22)), ==, 40);
  g_assert_cmpuint (att_calendar_school_week (cal, D (2024, 11, 4)), ==, 9);
  g_assert_cmpuint (att_calendar_school_week (cal, D (2024, 10, 30)), ==, 0);

  /* Weeks by half term: Autumn 1 is 1-8, Autumn 2 9-15, Spring 1 16-21
   * (from 6 January), Spring 2 22-27, Summer 1 28-32, Summer 2 33-40.
   * The window to Friday 7 March 2025 (week 23) is weeks 14 to 23: it
   * reaches back over the February half term and the Christmas holiday to
   * Monday 9 December 2024 (week 14). */
  g_assert_cmpuint (att_calendar_school_week (cal, D (2025, 1, 6)), ==, 16);
  g_assert_cmpuint (att_calendar_school_week (cal, D (2025, 3, 7)), ==, 23);
  g_assert_cmpuint (att_calendar_window (cal, D (2025, 3, 7), 10, &first, &last), ==, 10);
  g_assert_cmpint (first, ==, D (2024, 12, 9));
  g_assert_cmpint (last, ==, D (2025, 3, 7));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/bank-holidays/years", test_bank_holidays_by_year);
  g_test_add_func ("/calendar/bank-holidays/one-offs", test_bank_holidays_one_offs);
  g_test_add ("/calendar/terms-and-closures", Fixture, NULL, fixture_set_up, test_terms_and_closures, fixture_tear_down);
  g_test_add ("/calendar/sessions", Fixture, NULL, fixture_set_up, test_sessions_counted, fixture_tear_down);
  g_test_add ("/calendar/closed", Fixture, NULL, fixture_set_up, test_closed_sessions, fixture_tear_down);
  g_test_add ("/calendar/closure-names", Fixture, NULL, fixture_set_up, test_closure_names, fixture_tear_down);
  g_test_add ("/calendar/school-session-unbuilt", Fixture, NULL, fixture_set_up, test_school_session_unbuilt, fixture_tear_down);
  g_test_add ("/calendar/describe-no-school", Fixture, NULL, fixture_set_up, test_describe_no_school, fixture_tear_down);
  g_test_add ("/calendar/school-weeks", Fixture, NULL, fixture_set_up, test_school_weeks, fixture_tear_down);
  g_test_add ("/calendar/window", Fixture, NULL, fixture_set_up, test_rolling_window, fixture_tear_down);
  g_test_add ("/calendar/ranges", Fixture, NULL, fixture_set_up, test_ranges, fixture_tear_down);
  g_test_add ("/calendar/validation", Fixture, NULL, fixture_set_up, test_validation, fixture_tear_down);
  g_test_add ("/calendar/snapshots", Fixture, NULL, fixture_set_up, test_snapshots, fixture_tear_down);
  g_test_add_func ("/calendar/empty", test_empty_calendar);
  g_test_add_func ("/calendar/school-year", test_two_years_of_terms);

  return g_test_run ();
}
