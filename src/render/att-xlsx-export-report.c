/* att-xlsx-export-report.c: the workbook's sheets of the Reports page's
 * figures: Summary, the breakdowns, the lists, Codes and Weekly trend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure comes from the period's AttReport (att-report.h), so the
 * workbook says what the Reports page says. Rates are written as exact
 * fractions of their own sums, shown to one decimal place.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-audit.h"
#include "att-report.h"
#include "att-school.h"
#include "att-stats.h"
#include "att-xlsx-export-private.h"

/* "Mon 2 Sep 2024 to Fri 27 Sep 2024" */
static char *
range_text (AttDate from,
            AttDate to)
{
  g_autofree char *first = att_date_format_long (from);
  g_autofree char *last = att_date_format_long (to);

  /* Translators: a period, "Mon 2 Sep 2024 to Fri 27 Sep 2024" */
  return g_strdup_printf (_("%s to %s"), first, last);
}

/* The current codes counted as @meaning (or not possible), as "/ \ L". */
static char *
codes_counted_as (AttCodeMeaning meaning)
{
  GString *text = g_string_new (NULL);

  for (guint c = ATT_CODE_NONE + 1; c < ATT_CODE_N_CODES; c++)
    {
      const AttCodeInfo *info = att_code_info ((AttCode)c);

      if (info->retired || info->meaning != meaning)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, info->text);
    }
  return g_string_free (text, FALSE);
}

static const char *
meaning_describe (AttCodeMeaning meaning)
{
  switch (meaning)
    {
    case ATT_MEANING_PRESENT: return _("Present");
    case ATT_MEANING_AEA: return _("Approved educational activity");
    case ATT_MEANING_AUTHORISED: return _("Authorised absence");
    case ATT_MEANING_UNAUTHORISED: return _("Unauthorised absence");
    case ATT_MEANING_NOT_POSSIBLE: return _("Not a possible session");
    default: return "";
    }
}

/* ------------------------------------------------------------------ */
/* Summary                                                            */

typedef enum
{
  KIND_COUNT,
  KIND_RATE,
} Kind;

/* A headline row: the measure, this period's figure, last year's and
 * the change (percentage points for a rate). */
static void
headline (AttXlsx      *x,
          AttXlsxSheet *sheet,
          const char   *measure,
          Kind          kind,
          guint         part,
          guint         whole,
          gboolean      have_last,
          guint         last_part,
          guint         last_whole)
{
  double now = 0, then = 0;

  _att_xlsx_text (sheet, 0, measure, NULL);
  if (kind == KIND_COUNT)
    {
      _att_xlsx_number (sheet, 1, part, x->count);
      if (have_last)
        {
          _att_xlsx_number (sheet, 2, last_part, x->count);
          _att_xlsx_number (sheet, 3, (double)part - last_part, x->change_count);
        }
    }
  else
    {
      _att_xlsx_fraction (x, sheet, 1, part, whole);
      if (have_last)
        _att_xlsx_fraction (x, sheet, 2, last_part, last_whole);
      if (have_last && whole > 0 && last_whole > 0)
        {
          now = (double)part / whole;
          then = (double)last_part / last_whole;
          _att_xlsx_number (sheet, 3, now - then, x->change_rate);
        }
    }
  _att_xlsx_next_row (sheet);
}

/* A measure and its definition, the text over the three columns of
 * figures (58 characters wide), wrapped. Excel does not fit the height
 * of a row to merged cells, so the row is given the lines it needs. */
static void
definition (AttXlsxSheet *sheet,
            lxw_format   *wrap,
            const char   *measure,
            const char   *text)
{
  guint lines = (g_utf8_strlen (text, -1) + 51) / 52;

  worksheet_set_row (sheet->sheet, sheet->row, 15.0 * MAX (lines, 1), NULL);
  _att_xlsx_text (sheet, 0, measure, wrap);
  worksheet_merge_range (sheet->sheet, sheet->row, 1, sheet->row, 3, text, wrap);
  _att_xlsx_next_row (sheet);
}

static gboolean
write_summary (AttXlsx  *x,
               GError  **error)
{
  const char * const titles[] = {
    _("Measure"), _("This period"), _("Same period last year"), _("Change"),
  };
  g_autoptr(AttSchool) school = att_school_load (x->db);
  const AttReportGroup *now = att_report_get_school (x->report);
  const AttReportGroup *then = x->last_year != NULL ? att_report_get_school (x->last_year) : NULL;
  const AttFigures *f = &now->figures;
  const AttFigures *l = then != NULL ? &then->figures : NULL;
  gboolean have = then != NULL;
  g_autofree char *title = NULL;
  g_autofree char *period = range_text (x->from, x->to);
  g_autofree char *until = att_date_format_long (x->until);
  g_autofree char *present = codes_counted_as (ATT_MEANING_PRESENT);
  g_autofree char *aea = codes_counted_as (ATT_MEANING_AEA);
  g_autofree char *authorised = codes_counted_as (ATT_MEANING_AUTHORISED);
  g_autofree char *unauthorised = codes_counted_as (ATT_MEANING_UNAUTHORISED);
  g_autofree char *not_possible = codes_counted_as (ATT_MEANING_NOT_POSSIBLE);
  g_autofree char *text = NULL;
  double target = att_report_get_target (x->report);
  AttXlsxSheet *sheet;

  if ((sheet = _att_xlsx_sheet_new (x, _("Summary"), error)) == NULL)
    return FALSE;

  /* Translators: the Summary sheet's title, with the school's name */
  title = g_strdup_printf (_("Attendance report: %s"),
                           school != NULL && school->name != NULL ? school->name : "");
  _att_xlsx_text (sheet, 0, title, x->title);
  /* The title may run over the columns beside it. */
  sheet->widths[0] = 0;
  _att_xlsx_next_row (sheet);

  _att_xlsx_text (sheet, 0, _("Period"), x->bold);
  _att_xlsx_text (sheet, 1, period, NULL);
  _att_xlsx_next_row (sheet);
  _att_xlsx_text (sheet, 0, _("Pupils included"), x->bold);
  _att_xlsx_text (sheet, 1, (x->flags & ATT_REPORT_AGES_5_TO_15)
                              ? _("Aged 5 to 15 on 31 August, as national statistics count")
                              : _("Every pupil on roll"), NULL);
  _att_xlsx_next_row (sheet);
  _att_xlsx_text (sheet, 0, _("Counted to"), x->bold);
  _att_xlsx_text (sheet, 1, x->until >= x->from ? until : _("Nothing yet: the period starts after today"),
                  NULL);
  _att_xlsx_next_row (sheet);
  _att_xlsx_text (sheet, 0, _("Same period last year"), x->bold);
  if (x->last_year != NULL)
    {
      g_autofree char *last = range_text (att_report_get_from (x->last_year),
                                          att_report_get_to (x->last_year));

      _att_xlsx_text (sheet, 1, last, NULL);
    }
  else
    _att_xlsx_text (sheet, 1, _("No register for it"), NULL);
  _att_xlsx_next_row (sheet);
  _att_xlsx_text (sheet, 0, _("Produced"), x->bold);
  _att_xlsx_timestamp (x, sheet, 1, att_audit_now ());
  _att_xlsx_next_row (sheet);
  _att_xlsx_text (sheet, 0, _("Attendance target"), x->bold);
  if (target > 0)
    _att_xlsx_number (sheet, 1, target / 100, x->percent);
  else
    _att_xlsx_text (sheet, 1, _("None set"), NULL);
  _att_xlsx_next_row (sheet);
  _att_xlsx_next_row (sheet);

  /* The summary is short: its header scrolls with it. */
  sheet->no_freeze = TRUE;
  _att_xlsx_sheet_header (x, sheet, titles, G_N_ELEMENTS (titles), 0);
  headline (x, sheet, _("Pupils counted"), KIND_COUNT, now->pupils, 0,
            have, have ? then->pupils : 0, 0);
  headline (x, sheet, _("Possible sessions"), KIND_COUNT, f->possible, 0,
            have, have ? l->possible : 0, 0);
  headline (x, sheet, _("Attendance"), KIND_RATE, att_figures_attended (f), f->possible,
            have, have ? att_figures_attended (l) : 0, have ? l->possible : 0);
  headline (x, sheet, _("Authorised absence rate"), KIND_RATE, f->authorised, f->possible,
            have, have ? l->authorised : 0, have ? l->possible : 0);
  headline (x, sheet, _("Unauthorised absence rate"), KIND_RATE, f->unauthorised, f->possible,
            have, have ? l->unauthorised : 0, have ? l->possible : 0);
  headline (x, sheet, _("Persistently absent pupils"), KIND_COUNT, now->persistent, 0,
            have, have ? then->persistent : 0, 0);
  headline (x, sheet, _("Persistent absence rate"), KIND_RATE, now->persistent, now->pupils,
            have, have ? then->persistent : 0, have ? then->pupils : 0);
  headline (x, sheet, _("Severely absent pupils"), KIND_COUNT, now->severe, 0,
            have, have ? then->severe : 0, 0);
  headline (x, sheet, _("Severe absence rate"), KIND_RATE, now->severe, now->pupils,
            have, have ? then->severe : 0, have ? then->pupils : 0);
  headline (x, sheet, _("Late sessions (L and U)"), KIND_COUNT, att_report_group_lates (now), 0,
            have, have ? att_report_group_lates (then) : 0, 0);
  /* The autofilter covers the headline table only: the definitions
   * below are text to read. */
  _att_xlsx_sheet_end_table (x, sheet);
  _att_xlsx_next_row (sheet);

  _att_xlsx_text (sheet, 0, _("Definitions"), x->bold);
  _att_xlsx_next_row (sheet);
  text = g_strdup_printf (_("Every school session from the pupil’s own admission date (or the "
                            "period’s start) to their leaving date or the period’s end, and never "
                            "after today, marked with a code that is a possible session: not %s. "
                            "A session not marked yet is left out until it is."), not_possible);
  definition (sheet, x->wrap, _("Possible sessions"), text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Sessions attended, present (%s) or at an approved educational "
                            "activity (%s), divided by possible sessions."), present, aea);
  definition (sheet, x->wrap, _("Attendance"), text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Sessions of authorised absence (%s) divided by possible sessions."),
                          authorised);
  definition (sheet, x->wrap, _("Authorised absence rate"), text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Sessions of unauthorised absence (%s) divided by possible sessions."),
                          unauthorised);
  definition (sheet, x->wrap, _("Unauthorised absence rate"), text);
  g_clear_pointer (&text, g_free);
  definition (sheet, x->wrap, _("Persistently absent"),
              _("A pupil absent from 10% or more of their own possible sessions in the period, "
                "compared as exact fractions: attendance of exactly 90.0% is persistent absence."));
  definition (sheet, x->wrap, _("Severely absent"),
              _("A pupil absent from 50% or more of their own possible sessions in the period."));
  definition (sheet, x->wrap, _("Persistent absence rate"),
              _("Persistently absent pupils divided by the pupils counted; the severe absence "
                "rate likewise."));
  definition (sheet, x->wrap, _("Pupils counted"),
              _("Pupils with at least one possible session in the period."));
  definition (sheet, x->wrap, _("Late sessions (L and U)"),
              _("L, late before the register closed, counts as present; U, late after it "
                "closed, is an unauthorised absence."));
  definition (sheet, x->wrap, _("Same period last year"),
              _("The same term or half term of the school year before, else the same dates a "
                "year earlier (moved to the same weekdays for a week)."));
  definition (sheet, x->wrap, _("Cohorts"),
              _("The pupil groups of the daily data return: boys and girls, free school meals, "
                "SEN support (K), an EHC plan (E), English as an additional language, looked "
                "after, a social worker, young carers. A pupil may be in several."));
  definition (sheet, x->wrap, _("Threshold"),
              _("The National Framework for penalty notices: 10 or more sessions of "
                "unauthorised absence in a rolling 10 school weeks, counted while the pupil "
                "is of compulsory school age. The Threshold sheet lists those at it or within "
                "2 sessions of it on the period’s last day counted."));
  definition (sheet, x->wrap, _("Weekly trend"),
              _("The whole school’s attendance in each week of the school year; a week "
                "without school is a gap."));
  _att_xlsx_sheet_set_width (sheet, 0, 28);
  _att_xlsx_sheet_set_width (sheet, 1, 22);
  _att_xlsx_sheet_set_width (sheet, 2, 22);
  _att_xlsx_sheet_set_width (sheet, 3, 14);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Breakdowns                                                         */

/* Colours the attendance in @column of [first_row, last_row] that is
 * below the school's target, when it has one. */
static void
below_target (AttXlsx      *x,
              AttXlsxSheet *sheet,
              lxw_row_t     first_row,
              guint         column)
{
  double target = att_report_get_target (x->report);
  lxw_conditional_format rule = { 0 };
  g_autofree char *formula = NULL;
  char cell[16];
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  if (target <= 0 || sheet->row <= first_row)
    return;
  lxw_rowcol_to_cell (cell, first_row, column);
  g_ascii_formatd (value, sizeof value, "%.6g", target / 100);
  /* A blank (nothing possible) is not below anything. */
  formula = g_strdup_printf ("=AND(ISNUMBER(%s),%s<%s)", cell, cell, value);
  rule.type = LXW_CONDITIONAL_TYPE_FORMULA;
  rule.value_string = formula;
  rule.format = x->persistent;
  worksheet_conditional_format_range (sheet->sheet, first_row, column, sheet->row - 1, column,
                                      &rule);
}

enum
{
  GROUP_LABEL,
  GROUP_PUPILS,
  GROUP_POSSIBLE,
  GROUP_ATTENDED,
  GROUP_AUTHORISED,
  GROUP_UNAUTHORISED,
  GROUP_ATTENDANCE,
  GROUP_AUTHORISED_PCT,
  GROUP_UNAUTHORISED_PCT,
  GROUP_PERSISTENT,
  GROUP_PERSISTENT_PCT,
  GROUP_SEVERE,
  GROUP_SEVERE_PCT,
  GROUP_LATES,
  GROUP_LAST_ATTENDANCE,
  GROUP_LAST_PERSISTENT_PCT,
  N_GROUP_COLUMNS
};

static const AttReportGroup *
find_group (AttReport   *report,
            AttReportBy  by,
            const char  *key)
{
  const AttReportGroup *groups;
  guint n = 0;

  if (report == NULL)
    return NULL;
  groups = att_report_get_groups (report, by, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (groups[i].key, key) == 0)
      return &groups[i];
  return NULL;
}

static gboolean
write_breakdown (AttXlsx      *x,
                 AttReportBy   by,
                 const char   *name,
                 const char   *first_title,
                 GError      **error)
{
  const char * const titles[N_GROUP_COLUMNS] = {
    [GROUP_LABEL] = first_title,
    [GROUP_PUPILS] = _("Pupils"),
    [GROUP_POSSIBLE] = _("Possible sessions"),
    [GROUP_ATTENDED] = _("Attended"),
    [GROUP_AUTHORISED] = _("Authorised absence"),
    [GROUP_UNAUTHORISED] = _("Unauthorised absence"),
    [GROUP_ATTENDANCE] = _("Attendance"),
    [GROUP_AUTHORISED_PCT] = _("Authorised absence rate"),
    [GROUP_UNAUTHORISED_PCT] = _("Unauthorised absence rate"),
    [GROUP_PERSISTENT] = _("Persistently absent"),
    [GROUP_PERSISTENT_PCT] = _("Persistent absence rate"),
    [GROUP_SEVERE] = _("Severely absent"),
    [GROUP_SEVERE_PCT] = _("Severe absence rate"),
    [GROUP_LATES] = _("Late sessions (L and U)"),
    [GROUP_LAST_ATTENDANCE] = _("Attendance last year"),
    [GROUP_LAST_PERSISTENT_PCT] = _("Persistent absence rate last year"),
  };
  const AttReportGroup *groups;
  guint n = 0;
  AttXlsxSheet *sheet;

  if ((sheet = _att_xlsx_sheet_new (x, name, error)) == NULL)
    return FALSE;
  _att_xlsx_sheet_header (x, sheet, titles, N_GROUP_COLUMNS, 1);
  groups = att_report_get_groups (x->report, by, &n);
  for (guint i = 0; i < n; i++)
    {
      const AttReportGroup *g = &groups[i];
      const AttReportGroup *last = find_group (x->last_year, by, g->key);
      const AttFigures *f = &g->figures;

      _att_xlsx_text (sheet, GROUP_LABEL, g->label, NULL);
      _att_xlsx_number (sheet, GROUP_PUPILS, g->pupils, x->count);
      _att_xlsx_number (sheet, GROUP_POSSIBLE, f->possible, x->count);
      _att_xlsx_number (sheet, GROUP_ATTENDED, att_figures_attended (f), x->count);
      _att_xlsx_number (sheet, GROUP_AUTHORISED, f->authorised, x->count);
      _att_xlsx_number (sheet, GROUP_UNAUTHORISED, f->unauthorised, x->count);
      _att_xlsx_fraction (x, sheet, GROUP_ATTENDANCE, att_figures_attended (f), f->possible);
      _att_xlsx_fraction (x, sheet, GROUP_AUTHORISED_PCT, f->authorised, f->possible);
      _att_xlsx_fraction (x, sheet, GROUP_UNAUTHORISED_PCT, f->unauthorised, f->possible);
      _att_xlsx_number (sheet, GROUP_PERSISTENT, g->persistent, x->count);
      _att_xlsx_fraction (x, sheet, GROUP_PERSISTENT_PCT, g->persistent, g->pupils);
      _att_xlsx_number (sheet, GROUP_SEVERE, g->severe, x->count);
      _att_xlsx_fraction (x, sheet, GROUP_SEVERE_PCT, g->severe, g->pupils);
      _att_xlsx_number (sheet, GROUP_LATES, att_report_group_lates (g), x->count);
      if (last != NULL)
        {
          _att_xlsx_fraction (x, sheet, GROUP_LAST_ATTENDANCE,
                              att_figures_attended (&last->figures), last->figures.possible);
          _att_xlsx_fraction (x, sheet, GROUP_LAST_PERSISTENT_PCT, last->persistent,
                              last->pupils);
        }
      _att_xlsx_next_row (sheet);
    }
  below_target (x, sheet, sheet->header_row + 1, GROUP_ATTENDANCE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Lists                                                              */

enum
{
  PA_UPN,
  PA_NAME,
  PA_YEAR,
  PA_GROUP,
  PA_POSSIBLE,
  PA_ABSENT,
  PA_AUTHORISED,
  PA_UNAUTHORISED,
  PA_ATTENDANCE,
  PA_ABSENCE,
  PA_SEVERE,
  N_PA_COLUMNS
};

static gboolean
write_persistent (AttXlsx  *x,
                  GError  **error)
{
  const char * const titles[N_PA_COLUMNS] = {
    [PA_UPN] = _("UPN"),
    [PA_NAME] = _("Name"),
    [PA_YEAR] = _("Year"),
    [PA_GROUP] = _("Group"),
    [PA_POSSIBLE] = _("Possible sessions"),
    [PA_ABSENT] = _("Absent"),
    [PA_AUTHORISED] = _("Authorised absence"),
    [PA_UNAUTHORISED] = _("Unauthorised absence"),
    [PA_ATTENDANCE] = _("Attendance"),
    [PA_ABSENCE] = _("Absence rate"),
    [PA_SEVERE] = _("Severely absent"),
  };
  const AttReportPupil *pupils;
  guint n = 0;
  AttXlsxSheet *sheet;
  lxw_row_t first_row;

  if ((sheet = _att_xlsx_sheet_new (x, _("Persistent and severe absence"), error)) == NULL)
    return FALSE;
  _att_xlsx_sheet_header (x, sheet, titles, N_PA_COLUMNS, PA_NAME + 1);
  first_row = sheet->row;
  pupils = att_report_get_pupils (x->report, &n);
  for (guint i = 0; i < n; i++)
    {
      const AttReportPupil *p = &pupils[i];
      const AttFigures *f = &p->figures;

      if (!p->persistent)
        continue;
      _att_xlsx_text (sheet, PA_UPN, p->upn, NULL);
      _att_xlsx_text (sheet, PA_NAME, p->name, NULL);
      _att_xlsx_text (sheet, PA_YEAR, p->year_group, NULL);
      _att_xlsx_text (sheet, PA_GROUP, p->reg_group, NULL);
      _att_xlsx_number (sheet, PA_POSSIBLE, f->possible, NULL);
      _att_xlsx_number (sheet, PA_ABSENT, att_figures_absent (f), NULL);
      _att_xlsx_number (sheet, PA_AUTHORISED, f->authorised, NULL);
      _att_xlsx_number (sheet, PA_UNAUTHORISED, f->unauthorised, NULL);
      _att_xlsx_fraction (x, sheet, PA_ATTENDANCE, att_figures_attended (f), f->possible);
      _att_xlsx_fraction (x, sheet, PA_ABSENCE, att_figures_absent (f), f->possible);
      _att_xlsx_yes_no (sheet, PA_SEVERE, p->severe);
      _att_xlsx_next_row (sheet);
    }
  _att_xlsx_absence_formats (x, sheet, first_row, sheet->row - 1, PA_ATTENDANCE, PA_SEVERE,
                             PA_ABSENCE);
  return TRUE;
}

static gboolean
write_threshold (AttXlsx  *x,
                 GError  **error)
{
  const char * const titles[] = {
    _("UPN"), _("Name"), _("Group"), _("Unauthorised sessions in the window"),
    _("School weeks in the window"), _("Possible sessions in the window"),
    _("At the threshold"),
  };
  const AttReportListEntry *entries;
  guint n = 0;
  AttXlsxSheet *sheet;
  lxw_conditional_format rule = { 0 };

  if ((sheet = _att_xlsx_sheet_new (x, _("Threshold"), error)) == NULL)
    return FALSE;
  _att_xlsx_sheet_header (x, sheet, titles, G_N_ELEMENTS (titles), 2);
  entries = att_report_get_list (x->report, ATT_REPORT_LIST_THRESHOLD, &n);
  for (guint i = 0; i < n; i++)
    {
      const AttReportListEntry *e = &entries[i];

      _att_xlsx_text (sheet, 0, e->upn, NULL);
      _att_xlsx_text (sheet, 1, e->name, NULL);
      _att_xlsx_text (sheet, 2, e->reg_group, NULL);
      _att_xlsx_number (sheet, 3, e->value, NULL);
      _att_xlsx_number (sheet, 4, e->before, NULL);
      _att_xlsx_number (sheet, 5, e->possible, NULL);
      _att_xlsx_yes_no (sheet, 6, e->value >= ATT_THRESHOLD_SESSIONS);
      _att_xlsx_next_row (sheet);
    }
  /* Those at the threshold stand out from those near it. */
  if (n > 0)
    {
      rule.type = LXW_CONDITIONAL_TYPE_CELL;
      rule.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
      rule.value = ATT_THRESHOLD_SESSIONS;
      rule.format = x->severe;
      worksheet_conditional_format_range (sheet->sheet, sheet->header_row + 1, 3,
                                          sheet->row - 1, 3, &rule);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Codes                                                              */

static gboolean
write_codes (AttXlsx  *x,
             GError  **error)
{
  const char * const titles[] = {
    _("Code"), _("Meaning"), _("Group"), _("Counted as"), _("Sessions"), _("Share of possible"),
  };
  const guint *codes = att_report_get_codes (x->report);
  guint possible = att_report_get_school (x->report)->figures.possible;
  AttXlsxSheet *sheet;

  if ((sheet = _att_xlsx_sheet_new (x, _("Codes"), error)) == NULL)
    return FALSE;
  _att_xlsx_sheet_header (x, sheet, titles, G_N_ELEMENTS (titles), 1);
  for (guint c = ATT_CODE_NONE + 1; c < ATT_CODE_N_CODES; c++)
    {
      const AttCodeInfo *info = att_code_info ((AttCode)c);

      /* Every code of the current table, used or not; a retired one
       * only when the period holds it. */
      if (info->retired && codes[c] == 0)
        continue;
      _att_xlsx_text (sheet, 0, info->text, x->code_group[info->group]);
      _att_xlsx_text (sheet, 1, att_code_describe ((AttCode)c), NULL);
      _att_xlsx_text (sheet, 2, att_code_group_describe (info->group), NULL);
      _att_xlsx_text (sheet, 3, meaning_describe (info->meaning), NULL);
      _att_xlsx_number (sheet, 4, codes[c], x->count);
      if (info->possible)
        _att_xlsx_fraction (x, sheet, 5, codes[c], possible);
      _att_xlsx_next_row (sheet);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Weekly trend                                                       */

static gboolean
write_weeks (AttXlsx  *x,
             GError  **error)
{
  const char * const titles[] = {
    _("Week beginning"), _("School week"), _("Possible sessions"), _("Attended"),
    _("Attendance"), _("Target"),
  };
  const AttReportWeek *weeks;
  guint n = 0;
  double target = att_report_get_target (x->report);
  lxw_chart *chart;
  lxw_chart_series *series;
  lxw_chart_line dashed = { 0 };
  lxw_chart_options place = { 0 };
  AttXlsxSheet *sheet;
  lxw_row_t first, last;

  if ((sheet = _att_xlsx_sheet_new (x, _("Weekly trend"), error)) == NULL)
    return FALSE;
  _att_xlsx_sheet_header (x, sheet, titles, target > 0 ? 6 : 5, 1);
  first = sheet->row;
  weeks = att_report_get_weeks (x->report, &n);
  for (guint i = 0; i < n; i++)
    {
      const AttReportWeek *w = &weeks[i];

      _att_xlsx_date (x, sheet, 0, w->monday);
      _att_xlsx_yes_no (sheet, 1, w->school);
      if (w->school)
        {
          _att_xlsx_number (sheet, 2, w->possible, x->count);
          _att_xlsx_number (sheet, 3, w->attended, x->count);
          /* A holiday, or a week after today, is blank: a gap in the
           * line. */
          _att_xlsx_fraction (x, sheet, 4, w->attended, w->possible);
        }
      if (target > 0)
        _att_xlsx_number (sheet, 5, target / 100, x->percent);
      _att_xlsx_next_row (sheet);
    }
  last = sheet->row - 1;
  if (n == 0)
    return TRUE;
  below_target (x, sheet, first, 4);

  chart = workbook_add_chart (x->workbook, LXW_CHART_LINE);
  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, sheet->name, first, 0, last, 0);
  chart_series_set_values (series, sheet->name, first, 4, last, 4);
  chart_series_set_name (series, _("Attendance"));
  chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
  chart_series_set_marker_size (series, 4);
  if (target > 0)
    {
      series = chart_add_series (chart, NULL, NULL);
      chart_series_set_categories (series, sheet->name, first, 0, last, 0);
      chart_series_set_values (series, sheet->name, first, 5, last, 5);
      chart_series_set_name (series, _("Target"));
      dashed.color = LXW_COLOR_RED;
      dashed.dash_type = LXW_CHART_LINE_DASH_DASH;
      dashed.width = 1.5;
      chart_series_set_line (series, &dashed);
      chart_series_set_marker_type (series, LXW_CHART_MARKER_NONE);
    }
  chart_title_set_name (chart, _("Weekly attendance"));
  chart_axis_set_name (chart->x_axis, _("Week beginning"));
  chart_axis_set_num_format (chart->x_axis, "dd/mm");
  chart_axis_set_name (chart->y_axis, _("Attendance"));
  chart_axis_set_num_format (chart->y_axis, "0%");
  chart_axis_major_gridlines_set_visible (chart->y_axis, LXW_TRUE);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  chart_show_blanks_as (chart, LXW_CHART_BLANKS_AS_GAP);
  place.x_scale = 1.8;
  place.y_scale = 1.5;
  place.description = _("Weekly attendance over the school year, with the target");
  worksheet_insert_chart_opt (sheet->sheet, sheet->header_row, 7, chart, &place);
  return TRUE;
}

/* ------------------------------------------------------------------ */

gboolean
_att_xlsx_write_report (AttXlsx  *x,
                        GError  **error)
{
  AttDate last_from = ATT_DATE_NONE, last_to = ATT_DATE_NONE;
  g_autoptr(GError) last_error = NULL;

  x->report = att_report_new (x->db, x->from, x->to, x->flags, error);
  if (x->report == NULL)
    return FALSE;
  if (!_att_xlsx_step (x, 0.6, error))
    return FALSE;
  /* Last year's figures are beside this year's only where there are
   * any: a school new to the program has no register for last year. */
  att_report_period_last_year (x->db, x->from, x->to, &last_from, &last_to);
  x->last_year = att_report_new (x->db, last_from, last_to,
                                 ATT_REPORT_FIGURES_ONLY | (x->flags & ATT_REPORT_AGES_5_TO_15),
                                 &last_error);
  if (x->last_year != NULL && att_report_get_school (x->last_year)->figures.possible == 0)
    g_clear_pointer (&x->last_year, att_report_unref);

  return write_summary (x, error) &&
         write_breakdown (x, ATT_REPORT_BY_YEAR, _("Year groups"), _("Year group"), error) &&
         write_breakdown (x, ATT_REPORT_BY_GROUP, _("Registration groups"),
                          _("Registration group"), error) &&
         write_breakdown (x, ATT_REPORT_BY_COHORT, _("Cohorts"), _("Cohort"), error) &&
         write_persistent (x, error) &&
         write_threshold (x, error) &&
         write_codes (x, error) &&
         write_weeks (x, error);
}
