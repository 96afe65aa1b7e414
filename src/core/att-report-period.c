/* att-report-period.c: the report's periods, the names of its rows and
 * lists, and the rates of a row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-report-private.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */

static const char * const period_names[ATT_REPORT_N_PERIODS] = {
  "this-week", "last-week", "this-half-term", "this-term", "this-year", "last-year", "custom",
};

const char *
att_report_period_to_string (AttReportPeriod period)
{
  g_return_val_if_fail (period < ATT_REPORT_N_PERIODS, NULL);
  return period_names[period];
}

gboolean
att_report_period_from_string (const char      *text,
                               AttReportPeriod *period)
{
  for (guint i = 0; text != NULL && i < ATT_REPORT_N_PERIODS; i++)
    if (g_ascii_strcasecmp (text, period_names[i]) == 0)
      {
        *period = (AttReportPeriod)i;
        return TRUE;
      }
  return FALSE;
}

const char *
att_report_period_label (AttReportPeriod period)
{
  switch (period)
    {
    case ATT_REPORT_PERIOD_THIS_WEEK:
      return _("This week");
    case ATT_REPORT_PERIOD_LAST_WEEK:
      return _("Last week");
    case ATT_REPORT_PERIOD_THIS_HALF_TERM:
      return _("This half term");
    case ATT_REPORT_PERIOD_THIS_TERM:
      return _("This term");
    case ATT_REPORT_PERIOD_THIS_YEAR:
      return _("This school year");
    case ATT_REPORT_PERIOD_LAST_YEAR:
      return _("Last school year");
    case ATT_REPORT_PERIOD_CUSTOM:
      return _("Chosen dates");
    case ATT_REPORT_N_PERIODS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char * const by_names[ATT_REPORT_N_BY] = {
  "school", "year", "group", "cohort",
};

const char *
att_report_by_to_string (AttReportBy by)
{
  g_return_val_if_fail (by < ATT_REPORT_N_BY, NULL);
  return by_names[by];
}

gboolean
att_report_by_from_string (const char  *text,
                           AttReportBy *by)
{
  for (guint i = 0; text != NULL && i < ATT_REPORT_N_BY; i++)
    if (g_ascii_strcasecmp (text, by_names[i]) == 0)
      {
        *by = (AttReportBy)i;
        return TRUE;
      }
  return FALSE;
}

static const char * const cohort_names[ATT_N_COHORTS] = {
  "male", "female", "fsm", "not-fsm", "sen-support", "ehc-plan", "no-sen", "eal",
  "looked-after", "social-worker", "young-carer",
};

const char *
att_cohort_to_string (AttCohort cohort)
{
  g_return_val_if_fail (cohort < ATT_N_COHORTS, NULL);
  return cohort_names[cohort];
}

const char *
att_cohort_label (AttCohort cohort)
{
  switch (cohort)
    {
    case ATT_COHORT_MALE:
      return _("Boys");
    case ATT_COHORT_FEMALE:
      return _("Girls");
    case ATT_COHORT_FSM:
      return _("Free school meals");
    case ATT_COHORT_NOT_FSM:
      return _("Not free school meals");
    case ATT_COHORT_SEN_SUPPORT:
      return _("SEN support");
    case ATT_COHORT_EHC_PLAN:
      return _("EHC plan");
    case ATT_COHORT_NO_SEN:
      return _("No special educational needs");
    case ATT_COHORT_EAL:
      return _("English as an additional language");
    case ATT_COHORT_LOOKED_AFTER:
      return _("Looked after or previously looked after");
    case ATT_COHORT_SOCIAL_WORKER:
      return _("Child with a social worker");
    case ATT_COHORT_YOUNG_CARER:
      return _("Young carer");
    case ATT_N_COHORTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char * const list_names[ATT_REPORT_N_LISTS] = {
  "persistent", "severe", "new-persistent", "falling", "threshold",
};

const char *
att_report_list_to_string (AttReportList list)
{
  g_return_val_if_fail (list < ATT_REPORT_N_LISTS, NULL);
  return list_names[list];
}

const char *
att_report_list_label (AttReportList list)
{
  switch (list)
    {
    case ATT_REPORT_LIST_PERSISTENT:
      return _("Persistently absent");
    case ATT_REPORT_LIST_SEVERE:
      return _("Severely absent");
    case ATT_REPORT_LIST_NEW_PERSISTENT:
      return _("Newly persistently absent this week");
    case ATT_REPORT_LIST_FALLING:
      return _("Attendance falling most over 4 school weeks");
    case ATT_REPORT_LIST_THRESHOLD:
      return _("At or near the penalty notice threshold");
    case ATT_REPORT_N_LISTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
att_census_term_from_string (const char    *text,
                             AttCensusTerm *term)
{
  static const char * const names[] = { "autumn", "spring", "summer" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *term = (AttCensusTerm)i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Rates of a row                                                      */

/* @part of @whole as a percentage rounded half up to one decimal place;
 * 0 when @whole is 0. */
static double
percent (guint part,
         guint whole)
{
  if (whole == 0)
    return 0.0;
  return (double)(((guint64)part * 2000 + whole) / ((guint64)whole * 2)) / 10.0;
}

double
att_report_group_attendance_pct (const AttReportGroup *group)
{
  g_return_val_if_fail (group != NULL, 0.0);
  return att_figures_attendance_pct (&group->figures);
}

double
att_report_group_authorised_pct (const AttReportGroup *group)
{
  g_return_val_if_fail (group != NULL, 0.0);
  return percent (group->figures.authorised, group->figures.possible);
}

double
att_report_group_unauthorised_pct (const AttReportGroup *group)
{
  g_return_val_if_fail (group != NULL, 0.0);
  return percent (group->figures.unauthorised, group->figures.possible);
}

double
att_report_group_persistent_pct (const AttReportGroup *group)
{
  g_return_val_if_fail (group != NULL, 0.0);
  return percent (group->persistent, group->pupils);
}

double
att_report_group_severe_pct (const AttReportGroup *group)
{
  g_return_val_if_fail (group != NULL, 0.0);
  return percent (group->severe, group->pupils);
}

guint
att_report_group_lates (const AttReportGroup *group)
{
  g_return_val_if_fail (group != NULL, 0);
  return group->figures.late + group->figures.late_after_close;
}

/* ------------------------------------------------------------------ */
/* Terms and seasons                                                   */

static gboolean
name_says (const char *name,
           const char *season)
{
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  return strstr (lower, season) != NULL;
}

AttSeason
_att_report_term_season (const AttTerm *term)
{
  int year, month, day;

  if (name_says (term->name, "autumn"))
    return ATT_SEASON_AUTUMN;
  if (name_says (term->name, "spring"))
    return ATT_SEASON_SPRING;
  if (name_says (term->name, "summer"))
    return ATT_SEASON_SUMMER;

  att_date_to_ymd (term->start, &year, &month, &day);
  if (month >= 9)
    return ATT_SEASON_AUTUMN;
  if (term->start < att_date_easter_sunday (year))
    return ATT_SEASON_SPRING;
  return ATT_SEASON_SUMMER;
}

gboolean
_att_report_season_range (AttCalendar *calendar,
                          int          school_year,
                          AttSeason    season,
                          AttDate     *first,
                          AttDate     *last)
{
  const AttTerm *terms;
  guint n_terms;
  gboolean found = FALSE;

  *first = *last = ATT_DATE_NONE;
  terms = att_calendar_get_terms (calendar, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      if (att_date_school_year (terms[i].start) != school_year ||
          _att_report_term_season (&terms[i]) != season)
        continue;
      if (!found || terms[i].start < *first)
        *first = terms[i].start;
      if (!found || terms[i].end > *last)
        *last = terms[i].end;
      found = TRUE;
    }
  return found;
}

gboolean
_att_report_age_5_to_15 (AttDate dob,
                         int     school_year)
{
  int age;

  if (dob == ATT_DATE_NONE)
    return FALSE;
  age = att_date_age_on (dob, att_date_from_ymd (school_year, 8, 31));
  return age >= 5 && age <= 15;
}

/* The term holding @date, or the last one before it; NULL if none. Its
 * place among the terms of its school year goes in @place. */
static const AttTerm *
term_on_or_before (AttCalendar *calendar,
                   AttDate      date,
                   guint       *place)
{
  const AttTerm *terms;
  guint n_terms;

  terms = att_calendar_get_terms (calendar, &n_terms);
  for (guint i = n_terms; i-- > 0;)
    if (terms[i].start <= date)
      {
        int year = att_date_school_year (terms[i].start);

        *place = 0;
        for (guint j = i; j-- > 0 && att_date_school_year (terms[j].start) == year;)
          (*place)++;
        return &terms[i];
      }
  return NULL;
}

/* The @place'th term of the school year starting in @school_year. */
static const AttTerm *
term_at_place (AttCalendar *calendar,
               int          school_year,
               guint        place)
{
  const AttTerm *terms;
  guint n_terms, seen = 0;

  terms = att_calendar_get_terms (calendar, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    if (att_date_school_year (terms[i].start) == school_year && seen++ == place)
      return &terms[i];
  return NULL;
}

gboolean
att_report_period_range (AttDb            *db,
                         AttReportPeriod   period,
                         AttDate           today,
                         AttDate          *from,
                         AttDate          *to,
                         GError          **error)
{
  AttCalendar *calendar;
  const AttTerm *term;
  AttDate monday;
  guint place;
  int year;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (today == ATT_DATE_NONE)
    today = att_date_today ();
  *from = *to = ATT_DATE_NONE;
  calendar = att_db_get_calendar (db);
  monday = att_date_monday (today);
  year = att_date_school_year (today);

  switch (period)
    {
    case ATT_REPORT_PERIOD_THIS_WEEK:
      *from = monday;
      *to = monday + 4;
      return TRUE;

    case ATT_REPORT_PERIOD_LAST_WEEK:
      *from = monday - 7;
      *to = monday - 3;
      return TRUE;

    case ATT_REPORT_PERIOD_THIS_HALF_TERM:
    case ATT_REPORT_PERIOD_THIS_TERM:
      term = term_on_or_before (calendar, today, &place);
      if (term == NULL)
        {
          g_autofree char *day = att_date_format_long (today);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       period == ATT_REPORT_PERIOD_THIS_TERM
                       ? _("There is no term on or before %s in the school’s calendar for “this term”: add the terms with calendar term add")
                       : _("There is no half term on or before %s in the school’s calendar for “this half term”: add the terms with calendar term add"),
                       day);
          return FALSE;
        }
      if (period == ATT_REPORT_PERIOD_THIS_HALF_TERM)
        {
          *from = term->start;
          *to = term->end;
          return TRUE;
        }
      return _att_report_season_range (calendar, att_date_school_year (term->start),
                                       _att_report_term_season (term), from, to);

    case ATT_REPORT_PERIOD_THIS_YEAR:
      *from = att_date_from_ymd (year, 9, 1);
      *to = today;
      return TRUE;

    case ATT_REPORT_PERIOD_LAST_YEAR:
      *from = att_date_from_ymd (year - 1, 9, 1);
      *to = att_date_from_ymd (year, 8, 31);
      return TRUE;

    case ATT_REPORT_PERIOD_CUSTOM:
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A period of chosen dates has no dates of its own: give the first and the last day"));
      return FALSE;

    case ATT_REPORT_N_PERIODS:
    default:
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Unknown report period"));
      return FALSE;
    }
}

/* @date a year earlier; 29 February becomes 28 February. */
static AttDate
year_earlier (AttDate date)
{
  int y, m, d;

  att_date_to_ymd (date, &y, &m, &d);
  if (m == 2 && d == 29)
    d = 28;
  return att_date_from_ymd (y - 1, m, d);
}

void
att_report_period_last_year (AttDb    *db,
                             AttDate   from,
                             AttDate   to,
                             AttDate  *last_from,
                             AttDate  *last_to)
{
  AttCalendar *calendar;
  const AttTerm *term;
  guint place;

  g_return_if_fail (db != NULL);
  g_return_if_fail (last_from != NULL && last_to != NULL);

  calendar = att_db_get_calendar (db);

  /* A half term of the calendar: the one in the same place a year
   * before. */
  term = term_on_or_before (calendar, from, &place);
  if (term != NULL && term->start == from && term->end == to)
    {
      const AttTerm *before = term_at_place (calendar, att_date_school_year (from) - 1, place);

      /* Of the same season too: a calendar that starts part way through
       * last year has its terms in other places. */
      if (before != NULL && _att_report_term_season (before) == _att_report_term_season (term))
        {
          *last_from = before->start;
          *last_to = before->end;
          return;
        }
    }

  /* A term: the same season a year before. */
  if (term != NULL)
    {
      int year = att_date_school_year (term->start);
      AttSeason season = _att_report_term_season (term);
      AttDate first, last;

      if (_att_report_season_range (calendar, year, season, &first, &last) &&
          first == from && last == to &&
          _att_report_season_range (calendar, year - 1, season, last_from, last_to))
        return;
    }

  /* A week, Monday to Friday: the same weekdays 52 weeks before. */
  if (to - from == 4 && att_date_weekday (from) == 1)
    {
      *last_from = from - 364;
      *last_to = to - 364;
      return;
    }

  *last_from = year_earlier (from);
  *last_to = year_earlier (to);
}
