/* att-cli-report.c: report and export census
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "att-cli-report.h"
#include "att-cli-charts.h"

/* The period of the command line: --period, else --from and --to (a
 * custom period), else this school year. */
static int
report_range (AttCliContext   *ctx,
              AttReportPeriod *period,
              AttDate         *from,
              AttDate         *to)
{
  g_autoptr(GError) error = NULL;
  const char *name = att_cli_opt (ctx, "period");
  AttDate today = att_date_today ();
  int status;

  *from = *to = ATT_DATE_NONE;
  if ((status = att_cli_opt_date (ctx, "from", from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", to)) != ATT_CLI_OK)
    return status;

  if (name == NULL)
    *period = (*from != ATT_DATE_NONE || *to != ATT_DATE_NONE) ? ATT_REPORT_PERIOD_CUSTOM
                                                               : ATT_REPORT_PERIOD_THIS_YEAR;
  else if (!att_report_period_from_string (name, period))
    return att_cli_usage (ctx, _("--period takes this-week, last-week, this-half-term, this-term, this-year, last-year or custom, not “%s”"),
                          name);

  if (*period != ATT_REPORT_PERIOD_CUSTOM)
    {
      if (*from != ATT_DATE_NONE || *to != ATT_DATE_NONE)
        return att_cli_usage (ctx, _("--from and --to give a period of their own: leave out --period, or use --period custom"));
      if (att_cli_open_db (ctx) == NULL)
        return ATT_CLI_REFUSED;
      if (!att_report_period_range (ctx->db, *period, today, from, to, &error))
        return att_cli_refuse (error);
      return ATT_CLI_OK;
    }

  if (*from == ATT_DATE_NONE && *to == ATT_DATE_NONE)
    return att_cli_usage (ctx, _("--period custom needs --from and --to"));
  /* One end given: the other is today, or the start of its school year. */
  if (*to == ATT_DATE_NONE)
    *to = today;
  if (*from == ATT_DATE_NONE)
    *from = att_date_school_year_start (*to);
  if (*from > *to)
    return att_cli_usage (ctx, _("--from must not be after --to"));
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

static void
json_row_members (AttCliJson           *writer,
                  const AttReportGroup *group)
{
  const AttFigures *f = &group->figures;

  att_cli_json_string (writer, "key", group->key);
  att_cli_json_string (writer, "label", group->label);
  att_cli_json_int (writer, "pupils", group->pupils);
  att_cli_json_int (writer, "possible", f->possible);
  att_cli_json_int (writer, "attended", att_figures_attended (f));
  att_cli_json_int (writer, "present", f->present);
  att_cli_json_int (writer, "aea", f->aea);
  att_cli_json_int (writer, "authorised", f->authorised);
  att_cli_json_int (writer, "unauthorised", f->unauthorised);
  att_cli_json_int (writer, "missing", f->missing);
  att_cli_json_int (writer, "late_before_close", f->late);
  att_cli_json_int (writer, "late_after_close", f->late_after_close);
  att_cli_json_int (writer, "lates", att_report_group_lates (group));
  att_cli_json_pct (writer, "attendance_pct", att_report_group_attendance_pct (group));
  att_cli_json_pct (writer, "authorised_pct", att_report_group_authorised_pct (group));
  att_cli_json_pct (writer, "unauthorised_pct", att_report_group_unauthorised_pct (group));
  att_cli_json_int (writer, "persistent", group->persistent);
  att_cli_json_pct (writer, "persistent_pct", att_report_group_persistent_pct (group));
  att_cli_json_int (writer, "severe", group->severe);
  att_cli_json_pct (writer, "severe_pct", att_report_group_severe_pct (group));
}

/* The row of @last with @group's key, or NULL. */
static const AttReportGroup *
matching_row (AttReport            *last,
              const AttReportGroup *group)
{
  const AttReportGroup *rows;
  guint n;

  if (last == NULL)
    return NULL;
  rows = att_report_get_groups (last, group->by, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (rows[i].key, group->key) == 0)
      return &rows[i];
  return NULL;
}

static void
json_row (AttCliJson           *writer,
          const AttReportGroup *group,
          AttReport            *last)
{
  const AttReportGroup *before = matching_row (last, group);

  att_cli_json_begin_object (writer);
  json_row_members (writer, group);
  att_cli_json_member (writer, "last_year");
  if (before != NULL)
    {
      att_cli_json_begin_object (writer);
      json_row_members (writer, before);
      att_cli_json_end_object (writer);
    }
  else
    att_cli_json_add_null (writer);
  att_cli_json_end_object (writer);
}

static const char * const weekday_names[5] = {
  "monday", "tuesday", "wednesday", "thursday", "friday",
};

static double
rate (guint part,
      guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

static void
json_report (AttCliContext   *ctx,
             AttReport       *report,
             AttReport       *last,
             AttReportPeriod  period,
             int              by)
{
  g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);
  const AttReportWeek *weeks;
  const guint *codes;
  guint possible[5], attended[5], n;

  att_cli_json_begin_object (writer);
  att_cli_json_string (writer, "period", att_report_period_to_string (period));
  att_cli_json_date (writer, "from", att_report_get_from (report));
  att_cli_json_date (writer, "to", att_report_get_to (report));
  att_cli_json_date (writer, "until", att_report_get_until (report));
  att_cli_json_bool (writer, "ages_5_to_15", (att_report_get_flags (report) & ATT_REPORT_AGES_5_TO_15) != 0);
  att_cli_json_member (writer, "target");
  if (att_report_get_target (report) > 0)
    att_cli_json_add_double (writer, att_report_get_target (report));
  else
    att_cli_json_add_null (writer);

  att_cli_json_member (writer, "last_year");
  att_cli_json_begin_object (writer);
  att_cli_json_date (writer, "from", att_report_get_from (last));
  att_cli_json_date (writer, "to", att_report_get_to (last));
  att_cli_json_date (writer, "until", att_report_get_until (last));
  att_cli_json_end_object (writer);

  att_cli_json_member (writer, "school");
  json_row (writer, att_report_get_school (report), last);

  att_cli_json_member (writer, "by");
  att_cli_json_begin_object (writer);
  for (guint b = ATT_REPORT_BY_YEAR; b < ATT_REPORT_N_BY; b++)
    {
      const AttReportGroup *rows;

      if (by >= 0 && (guint)by != b)
        continue;
      rows = att_report_get_groups (report, b, &n);
      att_cli_json_member (writer, att_report_by_to_string (b));
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < n; i++)
        json_row (writer, &rows[i], last);
      att_cli_json_end_array (writer);
    }
  att_cli_json_end_object (writer);

  weeks = att_report_get_weeks (report, &n);
  att_cli_json_member (writer, "weeks");
  att_cli_json_begin_array (writer);
  for (guint i = 0; i < n; i++)
    {
      att_cli_json_begin_object (writer);
      att_cli_json_date (writer, "monday", weeks[i].monday);
      att_cli_json_bool (writer, "school", weeks[i].school);
      att_cli_json_int (writer, "possible", weeks[i].possible);
      att_cli_json_int (writer, "attended", weeks[i].attended);
      att_cli_json_member (writer, "attendance_pct");
      if (weeks[i].possible > 0)
        att_cli_json_add_double (writer, att_cli_round_pct (rate (weeks[i].attended, weeks[i].possible)));
      else
        att_cli_json_add_null (writer);
      att_cli_json_end_object (writer);
    }
  att_cli_json_end_array (writer);

  att_report_get_weekdays (report, possible, attended);
  att_cli_json_member (writer, "weekdays");
  att_cli_json_begin_array (writer);
  for (guint d = 0; d < 5; d++)
    {
      att_cli_json_begin_object (writer);
      att_cli_json_string (writer, "day", weekday_names[d]);
      att_cli_json_int (writer, "possible", possible[d]);
      att_cli_json_int (writer, "attended", attended[d]);
      att_cli_json_pct (writer, "attendance_pct", rate (attended[d], possible[d]));
      att_cli_json_end_object (writer);
    }
  att_cli_json_end_array (writer);

  codes = att_report_get_codes (report);
  att_cli_json_codes (writer, "codes", codes);

  att_cli_json_member (writer, "lists");
  att_cli_json_begin_object (writer);
  for (guint l = 0; l < ATT_REPORT_N_LISTS; l++)
    {
      const AttReportListEntry *entries = att_report_get_list (report, l, &n);

      att_cli_json_member (writer, att_report_list_to_string (l));
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < n; i++)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "upn", entries[i].upn);
          att_cli_json_string (writer, "name", entries[i].name);
          att_cli_json_string (writer, "group", entries[i].reg_group);
          if (l == ATT_REPORT_LIST_THRESHOLD)
            {
              att_cli_json_int (writer, "unauthorised_sessions", (gint64)entries[i].value);
              att_cli_json_int (writer, "school_weeks", (gint64)entries[i].before);
            }
          else
            {
              att_cli_json_pct (writer, "attendance_pct", entries[i].value);
              if (l == ATT_REPORT_LIST_NEW_PERSISTENT || l == ATT_REPORT_LIST_FALLING)
                att_cli_json_pct (writer, "before_pct", entries[i].before);
            }
          att_cli_json_int (writer, "possible", entries[i].possible);
          att_cli_json_int (writer, "absent", entries[i].absent);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
    }
  att_cli_json_end_object (writer);

  att_cli_json_end_object (writer);
  att_cli_print_json (writer);
}

/* ------------------------------------------------------------------ */
/* The table                                                           */

static void
table_row (AttCliTable          *table,
           const AttReportGroup *group,
           AttReport            *last)
{
  const AttReportGroup *before = matching_row (last, group);
  GPtrArray *cells = g_ptr_array_new ();

  g_ptr_array_add (cells, g_strdup (group->label));
  g_ptr_array_add (cells, g_strdup_printf ("%u", group->pupils));
  g_ptr_array_add (cells, g_strdup_printf ("%u", group->figures.possible));
  g_ptr_array_add (cells, att_cli_format_pct (att_report_group_attendance_pct (group)));
  g_ptr_array_add (cells, att_cli_format_pct (att_report_group_authorised_pct (group)));
  g_ptr_array_add (cells, att_cli_format_pct (att_report_group_unauthorised_pct (group)));
  g_ptr_array_add (cells, g_strdup_printf ("%u", group->persistent));
  g_ptr_array_add (cells, att_cli_format_pct (att_report_group_persistent_pct (group)));
  g_ptr_array_add (cells, g_strdup_printf ("%u", group->severe));
  g_ptr_array_add (cells, att_cli_format_pct (att_report_group_severe_pct (group)));
  g_ptr_array_add (cells, g_strdup_printf ("%u", att_report_group_lates (group)));
  g_ptr_array_add (cells, before != NULL && before->figures.possible > 0
                          ? att_cli_format_pct (att_report_group_attendance_pct (before))
                          : g_strdup (""));
  att_cli_table_add_row_array (table, cells);
}

static void
table_report (AttReport *report,
              AttReport *last,
              int        by)
{
  g_autoptr(AttCliTable) table = NULL;
  g_autofree char *from = att_date_format (att_report_get_from (report));
  g_autofree char *to = att_date_format (att_report_get_to (report));
  g_autofree char *until = att_date_format (att_report_get_until (report));
  g_autofree char *last_from = att_date_format (att_report_get_from (last));
  g_autofree char *last_to = att_date_format (att_report_get_to (last));

  printf (_("Period: %s to %s, counted to %s"), from, to, until);
  printf ("\n");
  printf (_("Last year: %s to %s"), last_from, last_to);
  printf ("\n");
  if (att_report_get_flags (report) & ATT_REPORT_AGES_5_TO_15)
    printf ("%s\n", _("Only pupils aged 5 to 15 on 31 August before the school year"));
  printf ("\n");

  table = att_cli_table_new (_("Group"), _("Pupils"), _("Possible"), _("Att %"), _("Auth %"),
                             _("Unauth %"), _("PA"), _("PA %"), _("SA"), _("SA %"), _("Lates"),
                             _("Last year att %"), NULL);
  for (guint c = 1; c <= 11; c++)
    att_cli_table_align_right (table, c);
  table_row (table, att_report_get_school (report), last);
  for (guint b = ATT_REPORT_BY_YEAR; b < ATT_REPORT_N_BY; b++)
    {
      const AttReportGroup *rows;
      guint n;

      if (by >= 0 && (guint)by != b)
        continue;
      rows = att_report_get_groups (report, b, &n);
      for (guint i = 0; i < n; i++)
        table_row (table, &rows[i], last);
    }
  att_cli_table_print (table);

  printf ("\n");
  for (guint l = 0; l < ATT_REPORT_N_LISTS; l++)
    {
      guint n;

      att_report_get_list (report, l, &n);
      printf ("%s: %u\n", att_report_list_label (l), n);
    }
}

int
att_cli_cmd_report (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) report = NULL;
  g_autoptr(AttReport) last = NULL;
  const char *by_name = att_cli_opt (ctx, "by");
  const char *pdf = att_cli_opt (ctx, "pdf");
  AttReportFlags flags = ATT_REPORT_NONE;
  AttReportPeriod period;
  AttDate from, to, last_from, last_to;
  AttReportBy by = ATT_REPORT_BY_SCHOOL;
  int status;

  if (by_name != NULL && (!att_report_by_from_string (by_name, &by) || by == ATT_REPORT_BY_SCHOOL))
    return att_cli_usage (ctx, _("--by takes year, group or cohort, not “%s”"), by_name);
  if (pdf != NULL && (att_cli_flag (ctx, "json") || by_name != NULL))
    return att_cli_usage (ctx, _("--pdf writes the whole report with every breakdown: leave out --json and --by"));
  if (pdf == NULL && att_cli_flag (ctx, "no-names"))
    return att_cli_usage (ctx, _("--no-names leaves the pupils' names out of the PDF: give --pdf FILE.pdf too"));
  if ((status = report_range (ctx, &period, &from, &to)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  if (att_cli_flag (ctx, "ages-5-15"))
    flags |= ATT_REPORT_AGES_5_TO_15;
  /* The governors' report: counted and drawn by attendance-cli-print. */
  if (pdf != NULL)
    return att_cli_report_pdf (ctx, from, to, flags, pdf, !att_cli_flag (ctx, "no-names"));
  report = att_report_new (ctx->db, from, to, flags, &error);
  if (report == NULL)
    return att_cli_refuse (error);
  att_report_period_last_year (ctx->db, from, to, &last_from, &last_to);
  last = att_report_new (ctx->db, last_from, last_to, flags | ATT_REPORT_FIGURES_ONLY, &error);
  if (last == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    json_report (ctx, report, last, period, by_name != NULL ? (int)by : -1);
  else
    table_report (report, last, by_name != NULL ? (int)by : -1);
  return ATT_CLI_OK;
}

int
att_cli_cmd_export_census (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  const char *path = att_cli_arg (ctx, 0);
  const char *term_name = att_cli_opt (ctx, "term");
  const char *year_text = att_cli_opt (ctx, "year");
  AttCensusTerm term;
  gint64 year = -1;

  if (term_name == NULL)
    return att_cli_usage (ctx, _("export census needs --term autumn, spring or summer"));
  if (!att_census_term_from_string (term_name, &term))
    return att_cli_usage (ctx, _("--term takes autumn, spring or summer, not “%s”"), term_name);
  if (year_text != NULL &&
      (!g_ascii_string_to_signed (year_text, 10, 1990, 2100, &year, NULL) || strlen (year_text) != 4))
    return att_cli_usage (ctx, _("--year takes the year the school year starts in, such as 2024 for 2024 to 2025, not “%s”"),
                          year_text);
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_census_write_csv (ctx->db, term, (int)year, path, &error))
    return att_cli_refuse (error);
  g_print (_("Wrote the census attendance figures of the %s term to %s\n"), term_name, path);
  return ATT_CLI_OK;
}
