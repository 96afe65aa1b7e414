/* att-calendar-suggest.c: England's usual term dates, as a suggestion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each local authority sets its own dates, and most follow one pattern;
 * the set-up offers this pattern for the office to correct from its
 * authority's list rather than typing fifteen dates from nothing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-calendar.h"

/* Days in term a year: 190 with pupils and 5 for staff training. */
#define TERM_DAYS 195

static gboolean
is_weekday (AttDate date)
{
  return att_date_weekday (date) <= 5;
}

static AttDate
weekday_on_or_after (AttDate date)
{
  while (!is_weekday (date))
    date++;
  return date;
}

static AttDate
weekday_on_or_before (AttDate date)
{
  while (!is_weekday (date))
    date--;
  return date;
}

static AttDate
monday_on_or_after (AttDate date)
{
  while (att_date_weekday (date) != 1)
    date++;
  return date;
}

static AttDate
last_monday (int year,
             int month)
{
  AttDate last = month == 12 ? att_date_from_ymd (year, 12, 31)
                             : att_date_from_ymd (year, month + 1, 1) - 1;

  return att_date_monday (last);
}

/* Weekdays from @start to @end that are not bank holidays. */
static guint
count_days (AttDate start,
            AttDate end)
{
  guint n = 0;

  for (AttDate d = start; d <= end; d++)
    if (is_weekday (d) && !att_is_bank_holiday (d))
      n++;
  return n;
}

static void
add_term (GArray     *terms,
          const char *name,
          int         year,
          AttDate     start,
          AttDate     end)
{
  AttTerm term = { 0 };

  term.name = g_strdup_printf ("%s %d", name, year);
  term.start = start;
  term.end = end;
  g_array_append_val (terms, term);
}

static void
add_closure (GArray  *closures,
             AttDate  monday)
{
  AttClosure closure = { 0 };

  closure.start = monday;
  closure.end = monday + 4;
  closure.session = -1;
  closure.reason = g_strdup (_("Half term"));
  g_array_append_val (closures, closure);
}

GArray *
att_calendar_suggest_terms (int       year,
                            gboolean  half_terms,
                            GArray  **closures)
{
  GArray *terms = g_array_new (FALSE, TRUE, sizeof (AttTerm));
  GArray *shut = g_array_new (FALSE, TRUE, sizeof (AttClosure));
  AttDate start[6], end[6];
  AttDate october, february, easter, may, earliest, latest, d;
  guint days = 0;

  g_return_val_if_fail (year > 1900 && year < 9000, terms);

  /* Autumn: from the first weekday of September, with the week of the
   * last Monday of October off, to the last weekday on or before 20
   * December. */
  october = last_monday (year, 10);
  start[0] = weekday_on_or_after (att_date_from_ymd (year, 9, 1));
  end[0] = october - 3;
  start[1] = october + 7;
  end[1] = weekday_on_or_before (att_date_from_ymd (year, 12, 20));

  /* Spring: from the first Monday from 3 January, with the week of the
   * Monday on or after 11 February off, to the Friday before Holy Week. */
  february = monday_on_or_after (att_date_from_ymd (year + 1, 2, 11));
  easter = att_date_easter_sunday (year + 1);
  start[2] = monday_on_or_after (att_date_from_ymd (year + 1, 1, 3));
  end[2] = february - 3;
  start[3] = february + 7;
  end[3] = easter - 9;

  /* Summer: from the Monday after Easter week, with the week of the
   * late May bank holiday off, to the weekday that brings the year to
   * 195 days, between 15 and 24 July. */
  may = last_monday (year + 1, 5);
  start[4] = easter + 8;
  end[4] = may - 3;
  start[5] = may + 7;
  for (guint i = 0; i < 5; i++)
    days += count_days (start[i], end[i]);
  earliest = att_date_from_ymd (year + 1, 7, 15);
  latest = att_date_from_ymd (year + 1, 7, 24);
  for (d = start[5];; d++)
    {
      if (is_weekday (d) && !att_is_bank_holiday (d))
        days++;
      if ((days >= TERM_DAYS && d >= earliest && is_weekday (d)) || d >= latest)
        break;
    }
  end[5] = weekday_on_or_before (d);

  if (half_terms)
    {
      /* Translators: the names of half terms, followed by the year */
      const char *names[6] = { N_("Autumn 1"), N_("Autumn 2"), N_("Spring 1"),
                               N_("Spring 2"), N_("Summer 1"), N_("Summer 2") };

      for (guint i = 0; i < 6; i++)
        add_term (terms, _(names[i]), i < 2 ? year : year + 1, start[i], end[i]);
    }
  else
    {
      add_term (terms, _("Autumn term"), year, start[0], end[1]);
      add_term (terms, _("Spring term"), year + 1, start[2], end[3]);
      add_term (terms, _("Summer term"), year + 1, start[4], end[5]);
      add_closure (shut, october);
      add_closure (shut, february);
      add_closure (shut, may);
    }

  if (closures != NULL)
    *closures = shut;
  else
    att_calendar_suggestion_free (NULL, shut);
  return terms;
}

void
att_calendar_suggestion_free (GArray *terms,
                              GArray *closures)
{
  for (guint i = 0; terms != NULL && i < terms->len; i++)
    g_free (g_array_index (terms, AttTerm, i).name);
  for (guint i = 0; closures != NULL && i < closures->len; i++)
    g_free (g_array_index (closures, AttClosure, i).reason);
  if (terms != NULL)
    g_array_unref (terms);
  if (closures != NULL)
    g_array_unref (closures);
}
