/* att-chart.h: the Reports page's charts, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing serves the screen, the governors' PDF and print: a chart is
 * drawn from an AttReport into a rectangle of a cairo context, with its
 * axes labelled, in a light or a dark style. The points a chart draws are
 * also given as rows of text, for the table view that screen readers use
 * and for the PDF's tables.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "att-report.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_CHART_WEEKLY,        /* weekly attendance over the school year, the
                            * target as a line, holidays as gaps */
  ATT_CHART_YEAR_GROUPS,   /* attendance by year group */
  ATT_CHART_PERSISTENT,    /* persistent absence rate by cohort */
  ATT_CHART_REASONS,       /* absence sessions by reason code */
  ATT_CHART_WEEKDAYS,      /* attendance by weekday */
  ATT_N_CHARTS
} AttChartKind;

typedef struct
{
  gboolean     dark;        /* light ink on a dark background */
  const char  *font;        /* a Pango font family; NULL for "Sans" */
  double       font_size;   /* points for labels; 0 for 9 */
  gboolean     background;  /* fill the rectangle first */
} AttChartStyle;

/* "weekly", "year-groups", "persistent", "reasons", "weekdays". */
const char  *att_chart_to_string   (AttChartKind        kind);
/* A translated title and the units of its values ("Attendance (%)",
 * "Sessions"). */
const char  *att_chart_title       (AttChartKind        kind);
const char  *att_chart_value_label (AttChartKind        kind);

/* One point of a chart: a label for its axis, its value, and whether it
 * is a gap (a holiday week, drawn as a break in the line). */
typedef struct
{
  char        *label;       /* "7 Sep", "Year 7", "I", "Monday" */
  char        *long_label;  /* "Week of 7 September 2026", "Illness" */
  double       value;       /* a percentage, or sessions */
  gboolean     gap;
} AttChartPoint;

/* The points @kind draws for @report: an array of AttChartPoint that
 * frees its labels. */
GArray      *att_chart_points      (AttReport          *report,
                                    AttChartKind        kind);
/* A point's value as the table shows it ("94.2%", "1,204"). */
char        *att_chart_format_value (AttChartKind       kind,
                                    double              value);

/* Draws @kind for @report into [0, width] x [0, height] of @cr (the
 * caller translates to the chart's corner). */
void         att_chart_draw        (cairo_t            *cr,
                                    AttReport          *report,
                                    AttChartKind        kind,
                                    double              width,
                                    double              height,
                                    const AttChartStyle *style);

G_END_DECLS
