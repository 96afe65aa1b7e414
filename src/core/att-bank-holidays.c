/* att-bank-holidays.c: bank holidays in England and Wales
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-calendar.h"

/* The years the table covers. Outside them we do not guess: a one-off
 * holiday (a jubilee, a coronation, a state funeral) cannot be computed,
 * so a school calendar beyond 2030 should add its closures by hand. */
#define FIRST_YEAR 2019
#define LAST_YEAR  2030

/* For each day from 1 January FIRST_YEAR to 31 December LAST_YEAR, 0 on
 * an ordinary day, else 1 + the holiday's place in names; built once,
 * read from any thread. A byte a day rather than a name: some 4 KiB, one
 * page of memory for a program that asks about a single date rather
 * than nine. */
#define MAX_NAMES 255
static guint8 *table;
static const char *names[MAX_NAMES];
static guint n_names;
static AttDate table_start;
static AttDate table_end;

static AttDate
first_monday (int year,
              int month)
{
  AttDate first = att_date_from_ymd (year, month, 1);

  return first + (8 - att_date_weekday (first)) % 7;
}

static AttDate
last_monday (int year,
             int month)
{
  AttDate last = month == 12
                 ? att_date_from_ymd (year, 12, 31)
                 : att_date_from_ymd (year, month + 1, 1) - 1;

  return att_date_monday (last);
}

static void
put (AttDate     date,
     const char *name)
{
  g_assert (date >= table_start && date <= table_end);
  g_assert (n_names < MAX_NAMES);
  names[n_names++] = name;
  table[date - table_start] = (guint8)n_names;
}

static void
fill_year (int year)
{
  AttDate new_year = att_date_from_ymd (year, 1, 1);
  AttDate easter = att_date_easter_sunday (year);
  AttDate christmas = att_date_from_ymd (year, 12, 25);
  AttDate boxing = christmas + 1;

  /* New Year's Day moves to the Monday when it falls at a weekend. */
  switch (att_date_weekday (new_year))
    {
    case 6:
      put (new_year + 2, "New Year’s Day (substitute day)");
      break;
    case 7:
      put (new_year + 1, "New Year’s Day (substitute day)");
      break;
    default:
      put (new_year, "New Year’s Day");
      break;
    }

  put (easter - 2, "Good Friday");
  put (easter + 1, "Easter Monday");

  /* The early May holiday moved to Friday 8 May in 2020 for the 75th
   * anniversary of VE Day. */
  if (year == 2020)
    put (att_date_from_ymd (2020, 5, 8), "Early May bank holiday (VE Day)");
  else
    put (first_monday (year, 5), "Early May bank holiday");

  /* In 2022 the spring holiday moved to Thursday 2 June and Friday 3 June
   * was added for the Platinum Jubilee. */
  if (year == 2022)
    {
      put (att_date_from_ymd (2022, 6, 2), "Spring bank holiday");
      put (att_date_from_ymd (2022, 6, 3), "Platinum Jubilee bank holiday");
    }
  else
    put (last_monday (year, 5), "Spring bank holiday");

  put (last_monday (year, 8), "Summer bank holiday");

  /* Christmas Day and Boxing Day: a holiday that falls at a weekend gets
   * the next weekday not already taken by the other one. */
  switch (att_date_weekday (christmas))
    {
    case 5:   /* Friday: Boxing Day is a Saturday */
      put (christmas, "Christmas Day");
      put (christmas + 3, "Boxing Day (substitute day)");
      break;
    case 6:   /* Saturday and Sunday: Monday and Tuesday instead */
      put (christmas + 2, "Christmas Day (substitute day)");
      put (christmas + 3, "Boxing Day (substitute day)");
      break;
    case 7:   /* Sunday: Boxing Day on Monday, Christmas on Tuesday */
      put (boxing, "Boxing Day");
      put (christmas + 2, "Christmas Day (substitute day)");
      break;
    default:
      put (christmas, "Christmas Day");
      put (boxing, "Boxing Day");
      break;
    }

  if (year == 2022)
    put (att_date_from_ymd (2022, 9, 19),
         "Bank holiday for the State Funeral of Queen Elizabeth II");
  if (year == 2023)
    put (att_date_from_ymd (2023, 5, 8),
         "Bank holiday for the Coronation of King Charles III");
}

static void
ensure_table (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      table_start = att_date_from_ymd (FIRST_YEAR, 1, 1);
      table_end = att_date_from_ymd (LAST_YEAR, 12, 31);
      table = g_new0 (guint8, table_end - table_start + 1);
      for (int year = FIRST_YEAR; year <= LAST_YEAR; year++)
        fill_year (year);
      g_once_init_leave (&initialised, 1);
    }
}

const char *
att_bank_holiday_name (AttDate date)
{
  ensure_table ();

  if (date < table_start || date > table_end || table[date - table_start] == 0)
    return NULL;
  return names[table[date - table_start] - 1];
}

gboolean
att_is_bank_holiday (AttDate date)
{
  return att_bank_holiday_name (date) != NULL;
}
