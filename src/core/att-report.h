/* att-report.h: the figures of the Reports page, the workbook and the
 * governors' report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One AttReport holds everything the Reports page shows for one period:
 * the whole school, every year group, registration group and cohort, the
 * weekly trend of the school year, absence by reason code and by weekday,
 * and the lists of pupils to act on. It is computed once, in one read
 * snapshot, from the compact register (att-stats.h's rules: possible
 * sessions from each pupil's own admission date, sessions after today not
 * counted), and is then read without the database, from any thread.
 */
#pragma once

#include <glib-object.h>

#include "att-codes.h"
#include "att-date.h"
#include "att-stats.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* The periods the page offers. */
typedef enum
{
  ATT_REPORT_PERIOD_THIS_WEEK,
  ATT_REPORT_PERIOD_LAST_WEEK,
  ATT_REPORT_PERIOD_THIS_HALF_TERM,
  ATT_REPORT_PERIOD_THIS_TERM,
  ATT_REPORT_PERIOD_THIS_YEAR,
  ATT_REPORT_PERIOD_LAST_YEAR,
  ATT_REPORT_PERIOD_CUSTOM,
  ATT_REPORT_N_PERIODS
} AttReportPeriod;

/* "this-week", "last-week", "this-half-term", "this-term", "this-year",
 * "last-year", "custom": the CLI's --period names. */
const char  *att_report_period_to_string   (AttReportPeriod   period);
gboolean     att_report_period_from_string (const char       *text,
                                            AttReportPeriod  *period);
/* "This week", ...: translated. */
const char  *att_report_period_label       (AttReportPeriod   period);

/* The dates of @period on @today (a custom period has none: refused).
 * A week runs Monday to Friday; a half term and a term are the calendar's
 * (the one holding @today, else the last one before it); this year runs
 * from 1 September to @today; last year is the whole school year before.
 * @to may lie after @today (this week, this term): figures never count
 * sessions after today. Refused, naming the period, when the calendar
 * holds no such term. */
gboolean     att_report_period_range       (AttDb            *db,
                                            AttReportPeriod   period,
                                            AttDate           today,
                                            AttDate          *from,
                                            AttDate          *to,
                                            GError          **error);

/* The same period a year before, for figures shown beside it: the same
 * term or half term (by its place in the school year) of the year
 * before when [from, to] is one, else the same dates a year earlier
 * (29 February becomes 28 February), moved to the same weekdays when the
 * period is a week. */
void         att_report_period_last_year   (AttDb            *db,
                                            AttDate           from,
                                            AttDate           to,
                                            AttDate          *last_from,
                                            AttDate          *last_to);

typedef enum
{
  ATT_REPORT_NONE          = 0,
  /* Only pupils aged 5 to 15 on 31 August before the period's school
   * year, as national statistics count. */
  ATT_REPORT_AGES_5_TO_15  = 1 << 0,
  /* Leave out the lists and the weekly trend (the comparison with last
   * year needs only the groups). */
  ATT_REPORT_FIGURES_ONLY  = 1 << 1,
} AttReportFlags;

/* How the rows of a breakdown are formed. */
typedef enum
{
  ATT_REPORT_BY_SCHOOL,       /* one row: every pupil */
  ATT_REPORT_BY_YEAR,         /* Reception, Year 1, ... in year order */
  ATT_REPORT_BY_GROUP,        /* registration groups, by name */
  ATT_REPORT_BY_COHORT,       /* the AttCohort rows, in their order */
  ATT_REPORT_N_BY
} AttReportBy;

/* "school", "year", "group", "cohort": the CLI's --by names. */
const char  *att_report_by_to_string       (AttReportBy       by);
gboolean     att_report_by_from_string     (const char       *text,
                                            AttReportBy      *by);

/* The cohorts of the daily data return a school must watch. */
typedef enum
{
  ATT_COHORT_MALE,
  ATT_COHORT_FEMALE,
  ATT_COHORT_FSM,
  ATT_COHORT_NOT_FSM,
  ATT_COHORT_SEN_SUPPORT,     /* SEN status K */
  ATT_COHORT_EHC_PLAN,        /* SEN status E */
  ATT_COHORT_NO_SEN,
  ATT_COHORT_EAL,
  ATT_COHORT_LOOKED_AFTER,
  ATT_COHORT_SOCIAL_WORKER,
  ATT_COHORT_YOUNG_CARER,
  ATT_N_COHORTS
} AttCohort;

/* "male", "female", "fsm", "not-fsm", "sen-support", "ehc-plan",
 * "no-sen", "eal", "looked-after", "social-worker", "young-carer": the
 * key of a cohort's row. */
const char  *att_cohort_to_string          (AttCohort         cohort);
/* "Boys", "Free school meals", ...: translated. */
const char  *att_cohort_label              (AttCohort         cohort);

/* One row of a breakdown: the sum over its pupils. */
typedef struct
{
  AttReportBy  by;
  char        *key;         /* "school"; "7", "R"; "7A"; a cohort's key */
  char        *label;       /* "Whole school", "Year 7", "7A", "Boys" */
  guint        pupils;      /* pupils with a possible session in the period */
  AttFigures   figures;     /* their sessions, summed */
  guint        persistent;  /* of them, persistently absent over the period */
  guint        severe;      /* of them, severely absent */
} AttReportGroup;

/* Rates of a row as percentages, rounded to one decimal place for
 * display (attendance as att_figures_attendance_pct()); 0 when nothing is
 * possible. Lates are L and U sessions. */
double       att_report_group_attendance_pct   (const AttReportGroup *group);
double       att_report_group_authorised_pct   (const AttReportGroup *group);
double       att_report_group_unauthorised_pct (const AttReportGroup *group);
double       att_report_group_persistent_pct   (const AttReportGroup *group);
double       att_report_group_severe_pct       (const AttReportGroup *group);
guint        att_report_group_lates            (const AttReportGroup *group);

/* One pupil counted in the report. */
typedef struct
{
  gint64       pupil_id;
  char        *upn;
  char        *name;        /* "Surname, Forename", as lists show it */
  char        *year_group;  /* "R", "7" */
  char        *reg_group;
  guint        cohorts;     /* 1 << AttCohort for each cohort */
  AttFigures   figures;     /* over the period */
  gboolean     persistent;
  gboolean     severe;
} AttReportPupil;

/* One week of the school year holding the period's end, Monday first,
 * for the trend: whole-school sessions (the report's pupils and flags).
 * A week with no school session (a holiday) has school FALSE and is a
 * gap; weeks after today have nothing possible. */
typedef struct
{
  AttDate      monday;
  gboolean     school;
  guint        possible;
  guint        attended;
} AttReportWeek;

/* The lists of pupils to act on. */
typedef enum
{
  ATT_REPORT_LIST_PERSISTENT,     /* persistently absent over the period */
  ATT_REPORT_LIST_SEVERE,         /* severely absent over the period */
  ATT_REPORT_LIST_NEW_PERSISTENT, /* persistently absent this school year
                                   * as of the period's end, and not as of
                                   * the end of the school week before */
  ATT_REPORT_LIST_FALLING,        /* whose attendance this school year
                                   * fell most over the last 4 school
                                   * weeks to the period's end: the 25
                                   * largest falls */
  ATT_REPORT_LIST_THRESHOLD,      /* at or within 2 sessions of the
                                   * National Framework threshold on the
                                   * period's end */
  ATT_REPORT_N_LISTS
} AttReportList;

const char  *att_report_list_to_string     (AttReportList     list);  /* "persistent", ... */
const char  *att_report_list_label         (AttReportList     list);  /* translated title */

typedef struct
{
  gint64       pupil_id;
  char        *upn;
  char        *name;
  char        *reg_group;
  double       value;       /* attendance %, or sessions for the threshold */
  double       before;      /* the earlier attendance % (new persistent,
                             * falling); the window's school weeks for the
                             * threshold; else 0 */
  guint        possible;
  guint        absent;      /* absent sessions; unauthorised in the window
                             * for the threshold */
} AttReportListEntry;

/* A computed report. Reference counted; immutable once made, so it may be
 * read from any thread. */
typedef struct _AttReport AttReport;

#define ATT_TYPE_REPORT (att_report_get_type ())
GType        att_report_get_type           (void) G_GNUC_CONST;

/* Figures for [from, to] (to clamped to today for counting). */
AttReport   *att_report_new                (AttDb            *db,
                                            AttDate           from,
                                            AttDate           to,
                                            AttReportFlags    flags,
                                            GError          **error);
AttReport   *att_report_ref                (AttReport        *report);
void         att_report_unref              (AttReport        *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttReport, att_report_unref)

AttDate      att_report_get_from           (AttReport        *report);
AttDate      att_report_get_to             (AttReport        *report);
/* The last day counted: the earlier of to and today. */
AttDate      att_report_get_until          (AttReport        *report);
AttReportFlags att_report_get_flags        (AttReport        *report);
/* The school's attendance target (the school setting
 * attendance_target, a percentage; 0 when none is set). */
double       att_report_get_target         (AttReport        *report);

/* The rows of a breakdown, in display order. */
const AttReportGroup *att_report_get_groups (AttReport       *report,
                                             AttReportBy      by,
                                             guint           *n_groups);
/* The whole-school row. */
const AttReportGroup *att_report_get_school (AttReport       *report);
/* Every pupil counted, in name order. */
const AttReportPupil *att_report_get_pupils (AttReport       *report,
                                             guint           *n_pupils);
/* The school year's weeks (empty with ATT_REPORT_FIGURES_ONLY). */
const AttReportWeek  *att_report_get_weeks  (AttReport       *report,
                                             guint           *n_weeks);
/* Sessions possible and attended over the period by weekday, Monday 0 to
 * Friday 4. */
void         att_report_get_weekdays       (AttReport        *report,
                                            guint             possible[5],
                                            guint             attended[5]);
/* Sessions by code over the period, indexed by AttCode
 * (ATT_CODE_N_CODES entries): the whole school's figures' codes. */
const guint *att_report_get_codes          (AttReport        *report);
const AttReportListEntry *att_report_get_list (AttReport     *report,
                                               AttReportList  list,
                                               guint         *n_entries);

/* The working of a row's figures, translated, one line per measure: the
 * period, the pupils counted (and the age rule when it applies), the
 * possible sessions and the codes counted for each measure, the
 * sessions and the sum that gives the rate. */
char        *att_report_group_working      (AttReport            *report,
                                            const AttReportGroup *group);

/* The school census's attendance figures. */
typedef enum
{
  ATT_CENSUS_AUTUMN,
  ATT_CENSUS_SPRING,
  ATT_CENSUS_SUMMER,
} AttCensusTerm;

gboolean     att_census_term_from_string   (const char       *text,
                                            AttCensusTerm    *term);

/* Writes the census attendance figures of @term of the school year
 * starting in @year (-1: the one holding today) as CSV: one row per pupil
 * aged 5 to 15 on 31 August before that year with a possible session in
 * the term (the summer term as two rows per pupil, its first and its
 * second half term apart), giving the UPN, names, date of birth, the part
 * of the term, sessions possible, authorised, unauthorised and the
 * sessions of each reason code. Refused, naming the term, when the
 * calendar does not hold it. The file is written whole or not at all. */
gboolean     att_census_write_csv          (AttDb            *db,
                                            AttCensusTerm     term,
                                            int               year,
                                            const char       *path,
                                            GError          **error);

G_END_DECLS
