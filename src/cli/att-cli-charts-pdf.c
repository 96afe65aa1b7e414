/* att-cli-charts-pdf.c: the governors' report and the year at a glance
 * written to PDF by attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-charts.h"
#include "att-pupil-year.h"
#include "att-report-document.h"
#include "att-school.h"
#include "att-year-calendar.h"

static int
write_document (AttDocument *document,
                const char  *path)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (!att_document_write_pdf (document, path, &n_pages, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages),
           n_pages, path);
  return ATT_CLI_OK;
}

static char *
school_name (AttDb *db)
{
  g_autoptr(AttSchool) school = att_school_load (db);

  return school != NULL ? g_strdup (school->name) : NULL;
}

int
att_cli_report_pdf (AttCliContext  *ctx,
                    AttDate         from,
                    AttDate         to,
                    AttReportFlags  flags,
                    const char     *path,
                    gboolean        with_names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) report = NULL;
  g_autoptr(AttReport) last = NULL;
  g_autoptr(AttReportDocument) document = NULL;
  g_autofree char *school = NULL;
  AttDate last_from, last_to;

  report = att_report_new (ctx->db, from, to, flags, &error);
  if (report == NULL)
    return att_cli_refuse (error);
  att_report_period_last_year (ctx->db, from, to, &last_from, &last_to);
  last = att_report_new (ctx->db, last_from, last_to, flags | ATT_REPORT_FIGURES_ONLY, &error);
  if (last == NULL)
    return att_cli_refuse (error);
  school = school_name (ctx->db);
  document = att_report_document_new (report, last, school, with_names);
  return write_document (ATT_DOCUMENT (document), path);
}

int
att_cli_pupil_calendar_pdf (AttCliContext *ctx,
                            gint64         pupil_id,
                            int            school_year,
                            AttDate        as_of,
                            const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupilYear) year = NULL;
  g_autoptr(AttYearCalendarDocument) document = NULL;
  g_autofree char *school = NULL;

  year = att_pupil_year_new (ctx->db, pupil_id, school_year, as_of, &error);
  if (year == NULL)
    return att_cli_refuse (error);
  school = school_name (ctx->db);
  document = att_year_calendar_document_new (year, school);
  return write_document (ATT_DOCUMENT (document), path);
}
