/* att-report-private.h: what the report's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-calendar.h"
#include "att-report.h"

G_BEGIN_DECLS

struct _AttReport
{
  gatomicrefcount  ref_count;

  AttDate          from;
  AttDate          to;
  AttDate          until;         /* the earlier of to and today */
  AttReportFlags   flags;
  double           target;
  /* The school year holding the period's end: its weeks, the age rule's
   * 31 August and the school year of the lists. */
  int              school_year;

  GArray          *groups[ATT_REPORT_N_BY];   /* AttReportGroup */
  GArray          *pupils;                    /* AttReportPupil */
  GArray          *weeks;                     /* AttReportWeek */
  guint            weekday_possible[5];
  guint            weekday_attended[5];
  GArray          *lists[ATT_REPORT_N_LISTS]; /* AttReportListEntry */
};

/* The seasons of the school year, as the census and "this term" group
 * the calendar's terms (which a school may enter as half terms). */
typedef enum
{
  ATT_SEASON_AUTUMN,
  ATT_SEASON_SPRING,
  ATT_SEASON_SUMMER,
} AttSeason;

/* The season of one of the calendar's terms: by its name when that says
 * (an "Autumn 1", a "Summer term"), else by its first day: from
 * September autumn, from January spring, and from Easter Sunday summer. */
AttSeason     _att_report_term_season   (const AttTerm  *term);

/* The first day of the first term and the last day of the last term of
 * @season in the school year starting in @school_year; FALSE when the
 * calendar holds none. */
gboolean      _att_report_season_range  (AttCalendar    *calendar,
                                         int             school_year,
                                         AttSeason       season,
                                         AttDate        *first,
                                         AttDate        *last);

/* 31 August before the school year starting in @school_year, and whether
 * a child born on @dob is 5 to 15 years old then. */
gboolean      _att_report_age_5_to_15   (AttDate         dob,
                                         int             school_year);

G_END_DECLS
