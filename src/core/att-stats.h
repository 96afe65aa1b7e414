/* att-stats.h: attendance figures and the National Framework check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* Figures for one pupil (or a sum over several) over a date range. A past
 * school session on roll with no mark is counted in missing and left out
 * of possible until it is marked. Sessions after today are not counted. */
typedef struct
{
  gint64  pupil_id;
  guint   possible;
  guint   present;          /* /, \ and L */
  guint   aea;              /* K, V, P, W, B */
  guint   authorised;
  guint   unauthorised;
  guint   not_possible;     /* marked with a code that is not possible */
  guint   missing;
  guint   late;             /* L */
  guint   late_after_close; /* U */
  guint   codes[ATT_CODE_N_CODES];
} AttFigures;

void      att_figures_add          (AttFigures        *sum,
                                    const AttFigures  *figures);
guint     att_figures_attended     (const AttFigures  *figures);  /* present + aea */
guint     att_figures_absent       (const AttFigures  *figures);  /* authorised + unauthorised */
/* Percentages for display; 0 when there is no possible session. */
double    att_figures_attendance_pct (const AttFigures *figures);
double    att_figures_absence_pct  (const AttFigures  *figures);
/* Absence of 10% or more (50% or more for severe) of possible sessions,
 * compared as exact fractions. */
gboolean  att_figures_persistent   (const AttFigures  *figures);
gboolean  att_figures_severe       (const AttFigures  *figures);

/* One pupil's figures over [from, to]; ATT_DATE_NONE for from means the
 * start of the school year holding @to. */
gboolean  att_stats_pupil          (AttDb             *db,
                                    gint64             pupil_id,
                                    AttDate            from,
                                    AttDate            to,
                                    AttFigures        *figures,
                                    GError           **error);
/* Figures for every pupil on roll at some time in [from, to], in the order
 * of att_pupils_list(). An array of AttFigures. */
GArray   *att_stats_all            (AttDb             *db,
                                    AttDate            from,
                                    AttDate            to,
                                    GError           **error);

/* The National Framework for penalty notices. */
#define ATT_THRESHOLD_SESSIONS 10
#define ATT_THRESHOLD_WEEKS 10

typedef struct
{
  gint64    pupil_id;
  guint     sessions;         /* unauthorised sessions in the window */
  AttDate   window_start;
  AttDate   window_end;
  guint     school_weeks;     /* window weeks with the pupil on roll */
  guint     codes[ATT_CODE_N_CODES];
  gboolean  includes_n;
  guint     notices_3y;       /* penalty notices requested in the 3 years
                               * to as-of, withdrawn ones left out */
  gboolean  considered;       /* a decision is recorded for this breach */
} AttBreach;

/* One pupil's count in the window ending on @as_of (breach or not): only
 * sessions while the pupil was on roll and of compulsory school age
 * count, and school_weeks counts the window's weeks in that span. */
gboolean  att_threshold_pupil      (AttDb             *db,
                                    gint64             pupil_id,
                                    AttDate            as_of,
                                    AttBreach         *breach,
                                    GError           **error);
/* Every pupil of compulsory school age on @as_of with 10 or more
 * unauthorised sessions in the window: an array of AttBreach in the
 * order of att_pupils_list(). */
GArray   *att_threshold_check      (AttDb             *db,
                                    AttDate            as_of,
                                    GError           **error);
/* The count of every pupil of compulsory school age on @as_of with
 * @min_sessions or more unauthorised sessions in the window (at least
 * one), counted as att_threshold_pupil() counts: an array of AttBreach
 * without the penalty-notice decisions, in the order of
 * att_pupils_list(). For letters warning below the threshold. */
GArray   *att_threshold_counts     (AttDb             *db,
                                    AttDate            as_of,
                                    guint              min_sessions,
                                    GError           **error);

/* Whether N counts towards the threshold (the school's setting
 * threshold_counts_n, on by default). */
gboolean  att_threshold_counts_n   (AttDb             *db);
/* The decision that considered @breach as of @as_of: the newest one
 * recorded as of a day from the window's start to @as_of; 0 in *id for
 * none. This is the rule of AttBreach's considered. */
gboolean  att_threshold_consideration (AttDb          *db,
                                    const AttBreach   *breach,
                                    AttDate            as_of,
                                    gint64            *id,
                                    GError           **error);

G_END_DECLS
