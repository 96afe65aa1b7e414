/* att-report-document.c: the governors' report, as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-chart.h"
#include "att-flow-private.h"
#include "att-report-document.h"

/* Points: a chart across a portrait A4 page. */
#define CHART_HEIGHT      230.0
#define CHART_FONT_SIZE   6.5
/* A table of many points (the weeks of a year) in this many columns. */
#define LONG_TABLE        12

struct _AttReportDocument
{
  GObject    parent_instance;

  AttReport *report;
  AttReport *last_year;
  AttFlow   *flow;
  char      *title;
};

static void att_report_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttReportDocument, att_report_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_report_document_iface_init))

/* ------------------------------------------------------------------ */
/* Figures as text                                                    */
/* ------------------------------------------------------------------ */

static char *
pct_text (double value)
{
  /* Translators: a percentage in the governors' report, "94.2%" */
  return g_strdup_printf (_("%.1f%%"), value);
}

/* "+1.2 points", "−0.4 points", "no change" */
static char *
change_text (double now,
             double before)
{
  double d = now - before;

  if (d > -0.05 && d < 0.05)
    return g_strdup (_("no change"));
  /* Translators: a change of a percentage from last year, in percentage points */
  return g_strdup_printf (d > 0 ? _("+%.1f points") : _("−%.1f points"), d > 0 ? d : -d);
}

/* "1,204" */
static char *
count_text (guint n)
{
  return att_chart_format_value (ATT_CHART_REASONS, n);
}

static char *
count_change_text (guint now,
                   guint before)
{
  g_autofree char *change = NULL;

  if (now == before)
    return g_strdup (_("no change"));
  change = count_text (now > before ? now - before : before - now);
  return g_strconcat (now > before ? "+" : "−", change, NULL);
}

/* "23 (4.5%)" */
static char *
count_pct_text (guint  n,
                double pct)
{
  return g_strdup_printf (_("%u (%.1f%%)"), n, pct);
}

static char *
range_text (AttDate from,
            AttDate to)
{
  g_autofree char *a = att_date_format_long (from);
  g_autofree char *b = att_date_format_long (to);

  /* Translators: a period in the governors' report, "Mon 1 Sep 2025 to Fri 17 Oct 2025" */
  return g_strdup_printf (_("%s to %s"), a, b);
}

/* ------------------------------------------------------------------ */
/* The sections                                                       */
/* ------------------------------------------------------------------ */

static void
add_introduction (AttFlow    *flow,
                  AttReport  *report,
                  AttReport  *last_year,
                  const char *school)
{
  g_autofree char *range = range_text (att_report_get_from (report), att_report_get_to (report));
  g_autofree char *until = att_date_format_long (att_report_get_until (report));
  g_autofree char *period = NULL;
  double target = att_report_get_target (report);

  g_autofree char *title = school != NULL && school[0] != '\0'
    /* Translators: the title of the governors' report, "Attendance report: Riverside Academy" */
    ? g_strdup_printf (_("Attendance report: %s"), school) : g_strdup (_("Attendance report"));

  att_flow_title (flow, title);
  /* Translators: the period of the governors' report: "Mon 1 Sep 2025 to Fri 17 Oct 2025, counted to Wed 15 Oct 2025" */
  period = g_strdup_printf (_("%s, counted to %s."), range, until);
  att_flow_text (flow, ATT_FLOW_BODY, period);
  if (last_year != NULL && att_report_get_school (last_year)->figures.possible > 0)
    {
      g_autofree char *before = range_text (att_report_get_from (last_year), att_report_get_to (last_year));
      /* Translators: the governors' report's comparison, "Beside each figure, the same period last year: ..." */
      g_autofree char *text = g_strdup_printf (_("Beside each figure, the same period last year: %s."), before);

      att_flow_text (flow, ATT_FLOW_BODY, text);
    }
  if (att_report_get_flags (report) & ATT_REPORT_AGES_5_TO_15)
    att_flow_text (flow, ATT_FLOW_BODY,
                   _("Only pupils aged 5 to 15 on 31 August before the school year are counted, "
                     "as national statistics count."));
  if (target > 0)
    {
      /* Translators: the school's target in the governors' report */
      g_autofree char *text = g_strdup_printf (_("The school's attendance target is %.1f%%."), target);

      att_flow_text (flow, ATT_FLOW_BODY, text);
    }
}

static void
add_headline_row (AttFlow    *flow,
                  guint       table,
                  const char *measure,
                  char       *now,
                  char       *before,
                  char       *change)
{
  const char *cells[] = { measure, now, before != NULL ? before : "", change != NULL ? change : "" };

  att_flow_row (flow, table, cells, FALSE);
  g_free (now);
  g_free (before);
  g_free (change);
}

static void
add_headline (AttFlow   *flow,
              AttReport *report,
              AttReport *last_year)
{
  static const double widths[] = { 0.4, 0.2, 0.2, 0.2 };
  const char *header[] = { _("Measure"), _("This period"), _("Last year"), _("Change") };
  const AttReportGroup *now = att_report_get_school (report);
  const AttReportGroup *then = last_year != NULL ? att_report_get_school (last_year) : NULL;
  guint table;

  /* Last year's school with no pupil (before the register was kept here)
   * has nothing to set beside this year's figures. */
  if (then != NULL && then->figures.possible == 0)
    then = NULL;
  att_flow_heading (flow, _("Headline figures"));
  if (last_year != NULL && then == NULL)
    att_flow_text (flow, ATT_FLOW_BODY, _("The register holds no figures for the same period last year."));
  table = att_flow_table (flow, then != NULL ? 4 : 2, widths, header, TRUE, ATT_FLOW_BODY);
#define ROW(label, fmt_now, fmt_then, change)                                       \
  add_headline_row (flow, table, label, fmt_now, then != NULL ? fmt_then : NULL,     \
                    then != NULL ? change : NULL)
  ROW (_("Pupils counted"), count_text (now->pupils), count_text (then->pupils),
       count_change_text (now->pupils, then->pupils));
  ROW (_("Attendance"), pct_text (att_report_group_attendance_pct (now)),
       pct_text (att_report_group_attendance_pct (then)),
       change_text (att_report_group_attendance_pct (now), att_report_group_attendance_pct (then)));
  ROW (_("Authorised absence"), pct_text (att_report_group_authorised_pct (now)),
       pct_text (att_report_group_authorised_pct (then)),
       change_text (att_report_group_authorised_pct (now), att_report_group_authorised_pct (then)));
  ROW (_("Unauthorised absence"), pct_text (att_report_group_unauthorised_pct (now)),
       pct_text (att_report_group_unauthorised_pct (then)),
       change_text (att_report_group_unauthorised_pct (now), att_report_group_unauthorised_pct (then)));
  ROW (_("Persistently absent pupils"), count_pct_text (now->persistent, att_report_group_persistent_pct (now)),
       count_pct_text (then->persistent, att_report_group_persistent_pct (then)),
       change_text (att_report_group_persistent_pct (now), att_report_group_persistent_pct (then)));
  ROW (_("Severely absent pupils"), count_pct_text (now->severe, att_report_group_severe_pct (now)),
       count_pct_text (then->severe, att_report_group_severe_pct (then)),
       change_text (att_report_group_severe_pct (now), att_report_group_severe_pct (then)));
  ROW (_("Late sessions"), count_text (att_report_group_lates (now)),
       count_text (att_report_group_lates (then)),
       count_change_text (att_report_group_lates (now), att_report_group_lates (then)));
  ROW (_("Possible sessions"), count_text (now->figures.possible),
       count_text (then->figures.possible),
       count_change_text (now->figures.possible, then->figures.possible));
#undef ROW
}

typedef struct
{
  AttReport    *report;
  AttChartKind  kind;
} ChartData;

static void
chart_data_free (ChartData *data)
{
  att_report_unref (data->report);
  g_free (data);
}

static void
draw_chart_block (cairo_t *cr,
                  double   width,
                  double   height,
                  gpointer user_data)
{
  ChartData *data = user_data;
  AttChartStyle style = { FALSE, NULL, CHART_FONT_SIZE, FALSE };

  att_chart_draw (cr, data->report, data->kind, width, height - 8, &style);
}

/* The chart's points as a table: in several columns when they are many. */
static void
add_points_table (AttFlow      *flow,
                  AttReport    *report,
                  AttChartKind  kind)
{
  g_autoptr(GArray) points = att_chart_points (report, kind);
  const AttReportWeek *weeks;
  guint n_weeks;
  guint n_pairs = points->len > LONG_TABLE ? 3 : 1;
  guint rows = (points->len + n_pairs - 1) / n_pairs;
  double widths[6];
  const char *header[6];
  guint table;

  if (points->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_SMALL, _("No figures for this period."));
      return;
    }
  /* The weekly points are the school year's weeks from its first. */
  weeks = att_report_get_weeks (report, &n_weeks);
  for (guint p = 0; p < n_pairs; p++)
    {
      widths[2 * p] = (n_pairs == 1 ? 0.7 : 0.22);
      widths[2 * p + 1] = (n_pairs == 1 ? 0.3 : 1.0 / 3 - 0.22);
      header[2 * p] = kind == ATT_CHART_WEEKLY ? _("Week") : kind == ATT_CHART_YEAR_GROUPS ? _("Year group")
                      : kind == ATT_CHART_PERSISTENT ? _("Group of pupils")
                      : kind == ATT_CHART_REASONS ? _("Reason") : _("Day");
      header[2 * p + 1] = att_chart_value_label (kind);
    }
  table = att_flow_table (flow, 2 * n_pairs, widths, header, TRUE, ATT_FLOW_SMALL);
  for (guint r = 0; r < rows; r++)
    {
      char *cells[6] = { NULL, };

      for (guint p = 0; p < n_pairs; p++)
        {
          guint i = p * rows + r;
          const AttChartPoint *point;

          if (i >= points->len)
            continue;
          point = &g_array_index (points, AttChartPoint, i);
          cells[2 * p] = g_strdup (n_pairs == 1 ? point->long_label : point->label);
          if (!point->gap)
            cells[2 * p + 1] = att_chart_format_value (kind, point->value);
          else if (kind == ATT_CHART_WEEKLY && i < n_weeks && !weeks[i].school)
            cells[2 * p + 1] = g_strdup (_("holiday"));
          else
            cells[2 * p + 1] = g_strdup ("–");
        }
      att_flow_row (flow, table, (const char *const *)cells, FALSE);
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        g_free (cells[c]);
    }
}

static void
add_charts (AttFlow   *flow,
            AttReport *report)
{
  for (AttChartKind kind = 0; kind < ATT_N_CHARTS; kind++)
    {
      ChartData *data;

      if (kind == ATT_CHART_WEEKLY && (att_report_get_flags (report) & ATT_REPORT_FIGURES_ONLY))
        continue;
      data = g_new0 (ChartData, 1);
      data->report = att_report_ref (report);
      data->kind = kind;
      /* The heading, the chart and a short table on one page. */
      {
        g_autoptr(GArray) points = att_chart_points (report, kind);
        guint rows = points->len > LONG_TABLE ? (points->len + 2) / 3 : points->len;

        att_flow_heading_keep (flow, att_chart_title (kind), rows <= 16 ? 1 + MAX (rows, 1) : 1);
      }
      att_flow_drawing (flow, CHART_HEIGHT, draw_chart_block, data, (GDestroyNotify)chart_data_free);
      add_points_table (flow, report, kind);
    }
}

/* The row of @last_year with @key, or NULL. */
static const AttReportGroup *
find_group (AttReport   *last_year,
            AttReportBy  by,
            const char  *key)
{
  const AttReportGroup *groups;
  guint n;

  if (last_year == NULL)
    return NULL;
  groups = att_report_get_groups (last_year, by, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (groups[i].key, key) == 0)
      return &groups[i];
  return NULL;
}

static void
add_breakdown (AttFlow     *flow,
               AttReport   *report,
               AttReport   *last_year,
               AttReportBy  by,
               const char  *title)
{
  static const double widths[] = { 0.2, 0.08, 0.11, 0.11, 0.12, 0.14, 0.1, 0.06, 0.08 };
  const char *header[] = {
    by == ATT_REPORT_BY_COHORT ? _("Group of pupils") : by == ATT_REPORT_BY_YEAR ? _("Year group")
                                                      : _("Registration group"),
    _("Pupils"), _("Attendance"), _("Authorised"), _("Unauthorised"), _("Persistent"), _("Severe"),
    _("Lates"), _("Last year"),
  };
  const AttReportGroup *groups;
  guint n, table;

  groups = att_report_get_groups (report, by, &n);
  att_flow_heading (flow, title);
  if (n == 0)
    {
      att_flow_text (flow, ATT_FLOW_SMALL, _("No pupils for this period."));
      return;
    }
  table = att_flow_table (flow, last_year != NULL ? 9 : 8, widths, header, TRUE, ATT_FLOW_SMALL);
  for (guint i = 0; i < n; i++)
    {
      const AttReportGroup *g = &groups[i];
      const AttReportGroup *before = find_group (last_year, by, g->key);
      g_autofree char *pupils = count_text (g->pupils);
      g_autofree char *att = pct_text (att_report_group_attendance_pct (g));
      g_autofree char *auth = pct_text (att_report_group_authorised_pct (g));
      g_autofree char *unauth = pct_text (att_report_group_unauthorised_pct (g));
      g_autofree char *pa = count_pct_text (g->persistent, att_report_group_persistent_pct (g));
      g_autofree char *sa = g_strdup_printf ("%u", g->severe);
      g_autofree char *lates = count_text (att_report_group_lates (g));
      g_autofree char *last = before != NULL && before->pupils > 0
                              ? pct_text (att_report_group_attendance_pct (before)) : g_strdup ("–");
      const char *cells[] = { g->label, pupils, att, auth, unauth, pa, sa, lates, last };

      att_flow_row (flow, table, cells, FALSE);
    }
}

static void
add_list (AttFlow       *flow,
          AttReport     *report,
          AttReportList  list,
          gboolean       with_names)
{
  const AttReportListEntry *entries;
  g_autofree char *heading = NULL;
  double widths[5] = { 0.4, 0.15, 0.15, 0.15, 0.15 };
  const char *header[5] = { _("Pupil"), _("Group"), NULL, NULL, NULL };
  guint n, table, n_columns = 5;

  entries = att_report_get_list (report, list, &n);
  /* Translators: a list's heading in the governors' report, "Persistently absent pupils (23)" */
  heading = g_strdup_printf (_("%s (%u)"), att_report_list_label (list), n);
  att_flow_heading (flow, heading);
  if (n == 0)
    {
      att_flow_text (flow, ATT_FLOW_SMALL, _("No pupils."));
      return;
    }
  if (!with_names)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u pupil. Names are left out of this copy.",
                                                            "%u pupils. Names are left out of this copy.", n),
                                               n);

      att_flow_text (flow, ATT_FLOW_SMALL, text);
      return;
    }

  switch (list)
    {
    case ATT_REPORT_LIST_NEW_PERSISTENT:
      header[2] = _("Attendance");
      header[3] = _("A week before");
      header[4] = _("Absent sessions");
      break;
    case ATT_REPORT_LIST_FALLING:
      header[2] = _("Attendance");
      header[3] = _("4 weeks before");
      header[4] = _("Fall");
      break;
    case ATT_REPORT_LIST_THRESHOLD:
      header[2] = _("Unauthorised sessions");
      header[3] = _("School weeks");
      n_columns = 4;
      widths[2] = 0.25;
      widths[3] = 0.2;
      break;
    case ATT_REPORT_LIST_PERSISTENT:
    case ATT_REPORT_LIST_SEVERE:
    case ATT_REPORT_N_LISTS:
    default:
      header[2] = _("Attendance");
      header[3] = _("Possible sessions");
      header[4] = _("Absent sessions");
      break;
    }
  table = att_flow_table (flow, n_columns, widths, header, TRUE, ATT_FLOW_SMALL);
  for (guint i = 0; i < n; i++)
    {
      const AttReportListEntry *e = &entries[i];
      char *cells[5] = { g_strdup (e->name), g_strdup (e->reg_group), NULL, NULL, NULL };

      switch (list)
        {
        case ATT_REPORT_LIST_NEW_PERSISTENT:
          cells[2] = pct_text (e->value);
          cells[3] = pct_text (e->before);
          cells[4] = g_strdup_printf ("%u", e->absent);
          break;
        case ATT_REPORT_LIST_FALLING:
          cells[2] = pct_text (e->value);
          cells[3] = pct_text (e->before);
          cells[4] = change_text (e->value, e->before);
          break;
        case ATT_REPORT_LIST_THRESHOLD:
          cells[2] = g_strdup_printf ("%.0f", e->value);
          cells[3] = g_strdup_printf ("%.0f", e->before);
          break;
        case ATT_REPORT_LIST_PERSISTENT:
        case ATT_REPORT_LIST_SEVERE:
        case ATT_REPORT_N_LISTS:
        default:
          cells[2] = pct_text (e->value);
          cells[3] = g_strdup_printf ("%u", e->possible);
          cells[4] = g_strdup_printf ("%u", e->absent);
          break;
        }
      att_flow_row (flow, table, (const char *const *)cells, FALSE);
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        g_free (cells[c]);
    }
}

static void
add_definitions (AttFlow *flow)
{
  static const double widths[] = { 0.25, 0.75 };
  const char *header[] = { _("Measure"), _("How it is counted") };
  const char *rows[][2] = {
    { N_("Possible sessions"),
      N_("Morning and afternoon sessions on which a pupil on roll was expected to attend, from their own "
         "admission date (and to their leaving date), up to the last day counted. Sessions marked D, X, Q, "
         "Y1 to Y7, Z or # are not possible sessions, and sessions not yet marked are not counted.") },
    { N_("Attendance"),
      N_("Sessions present (/, \\, L) or at an approved educational activity (K, V, P, W, B) as a "
         "percentage of possible sessions.") },
    { N_("Authorised absence"),
      N_("Sessions with an authorised absence code (C, C1, C2, M, J1, S, T, R, I, E) as a percentage of "
         "possible sessions.") },
    { N_("Unauthorised absence"),
      N_("Sessions with an unauthorised absence code (G, N, O, U) as a percentage of possible sessions.") },
    { N_("Persistent absence"),
      N_("Pupils who missed 10% or more of their possible sessions over the period, for any reason "
         "(so attendance of exactly 90.0% is persistent absence), as a number and as a percentage of the pupils counted.") },
    { N_("Severe absence"),
      N_("Pupils who missed 50% or more of their possible sessions over the period.") },
    { N_("Lates"),
      N_("Sessions marked L (late before the register closed, counted as present) or U (late after it "
         "closed, an unauthorised absence).") },
    { N_("Last year"),
      N_("The same term or half term of the school year before, or the same dates a year earlier.") },
    { N_("National Framework threshold"),
      N_("10 or more sessions of unauthorised absence within a rolling period of 10 school weeks, "
         "counted while the pupil was of compulsory school age.") },
  };
  guint table;

  att_flow_heading (flow, _("What each measure means"));
  table = att_flow_table (flow, 2, widths, header, TRUE, ATT_FLOW_SMALL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *cells[] = { _(rows[i][0]), _(rows[i][1]) };

      att_flow_row (flow, table, cells, FALSE);
    }
}

/* ------------------------------------------------------------------ */
/* The document                                                       */
/* ------------------------------------------------------------------ */

static void
att_report_document_finalize (GObject *object)
{
  AttReportDocument *self = ATT_REPORT_DOCUMENT (object);

  g_clear_pointer (&self->flow, att_flow_free);
  g_clear_pointer (&self->report, att_report_unref);
  g_clear_pointer (&self->last_year, att_report_unref);
  g_free (self->title);
  G_OBJECT_CLASS (att_report_document_parent_class)->finalize (object);
}

static void
att_report_document_class_init (AttReportDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_report_document_finalize;
}

static void
att_report_document_init (AttReportDocument *self)
{
}

static const char *
get_title (AttDocument *document)
{
  return ATT_REPORT_DOCUMENT (document)->title;
}

static AttPageOrientation
get_orientation (AttDocument *document)
{
  return ATT_PAGE_PORTRAIT;
}

static guint
count_pages (AttDocument *document,
             double       width,
             double       height)
{
  return att_flow_count_pages (ATT_REPORT_DOCUMENT (document)->flow, width, height);
}

static void
draw_page (AttDocument *document,
           cairo_t     *cr,
           double       width,
           double       height,
           guint        page)
{
  att_flow_draw_page (ATT_REPORT_DOCUMENT (document)->flow, cr, width, height, page);
}

static void
att_report_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = get_title;
  iface->get_orientation = get_orientation;
  iface->count_pages = count_pages;
  iface->draw_page = draw_page;
}

AttReportDocument *
att_report_document_new (AttReport  *report,
                         AttReport  *last_year,
                         const char *school_name,
                         gboolean    with_names)
{
  AttReportDocument *self;
  g_autofree char *range = NULL;
  g_autofree char *running = NULL;
  AttFlow *flow;

  g_return_val_if_fail (report != NULL, NULL);

  self = g_object_new (ATT_TYPE_REPORT_DOCUMENT, NULL);
  self->report = att_report_ref (report);
  self->last_year = last_year != NULL ? att_report_ref (last_year) : NULL;
  range = range_text (att_report_get_from (report), att_report_get_to (report));
  /* Translators: the title of the governors' report's print job, "Attendance report, Mon 1 Sep 2025 to ..." */
  self->title = g_strdup_printf (_("Attendance report, %s"), range);
  self->flow = flow = att_flow_new (NULL);
  running = school_name != NULL && school_name[0] != '\0'
            ? g_strdup_printf ("%s · %s", school_name, self->title) : g_strdup (self->title);
  att_flow_set_running_title (flow, running);
  att_flow_set_footer (flow, with_names ? _("Names pupils: keep it as securely as the school's records.")
                                        : _("Counts only: no pupil is named."));

  add_introduction (flow, report, last_year, school_name);
  add_headline (flow, report, last_year);
  add_charts (flow, report);
  add_breakdown (flow, report, last_year, ATT_REPORT_BY_YEAR, _("By year group"));
  add_breakdown (flow, report, last_year, ATT_REPORT_BY_GROUP, _("By registration group"));
  add_breakdown (flow, report, last_year, ATT_REPORT_BY_COHORT, _("By group of pupils"));
  att_flow_page_break (flow);
  att_flow_heading (flow, _("Pupils to act on"));
  for (AttReportList list = 0; list < ATT_REPORT_N_LISTS; list++)
    {
      if ((att_report_get_flags (report) & ATT_REPORT_FIGURES_ONLY) != 0)
        break;
      add_list (flow, report, list, with_names);
    }
  add_definitions (flow);
  return self;
}
