/* att-cli-pdf.c: the printed documents, written to PDF (register --pdf,
 * rollcall --pdf)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing needs cairo and Pango, and loading them (and GIO under them)
 * costs every run of a program about 13 ms, more than most commands take.
 * So this file is built into attendance-cli-print only, a second program
 * made of the same commands; attendance-cli runs it in its own place for
 * a command that writes a PDF (att-cli-pdf-exec.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"
#include "att-register-document.h"
#include "att-register-grid.h"
#include "att-rollcall-document.h"
#include "att-sar-document.h"
#include "att-leave-letter-document.h"

/* "Printed on Fri 20 Dec 2024 at 09:10", by the clock the register goes
 * by ($ATTENDANCE_TODAY and $ATTENDANCE_CLOCK when set). */
static char *
printed_on (void)
{
  g_autofree char *day = att_date_format_long (att_date_today ());
  int clock = att_clock_now ();

  /* Translators: the footer of a document printed by attendance-cli,
   * "Printed on Fri 20 Dec 2024 at 09:10" */
  return g_strdup_printf (_("Printed on %s at %02d:%02d"), day, clock / 60, clock % 60);
}

static char *
school_name (AttDb *db)
{
  g_autoptr(AttSchool) school = att_school_load (db);

  return school != NULL ? g_strdup (school->name) : NULL;
}

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

/* The grid's selection for GROUP as `register` reads it: "all", a year
 * ("year:N", "Year N", "reception") or a registration group, which is
 * matched without regard to case as the table's rows are. */
static AttGridFilter *
filter_for_group (AttDb      *db,
                  const char *group)
{
  GPtrArray *pupils;

  if (g_ascii_strcasecmp (group, "all") == 0)
    return att_grid_filter_new ();

  pupils = att_pupils_list (db, NULL);
  for (guint i = 0; pupils != NULL && i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (!att_cli_group_matches (group, pupil))
        continue;
      if (pupil->reg_group != NULL && g_ascii_strcasecmp (pupil->reg_group, group) == 0)
        return att_grid_filter_new_group (pupil->reg_group);
      return att_grid_filter_new_year (pupil->year_group);
    }
  return NULL;
}

int
att_cli_register_pdf (AttCliContext *ctx,
                      const char    *group,
                      AttDate        first,
                      AttDate        last,
                      const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) filter = NULL;
  g_autoptr(AttGrid) grid = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_autofree char *what = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *title = NULL;
  g_autofree char *school = NULL;
  g_autofree char *footer = NULL;

  filter = filter_for_group (ctx->db, group);
  if (filter == NULL)
    {
      /* An empty year is printed as an empty register. */
      const char *text = NULL;
      int year;

      if (g_ascii_strncasecmp (group, "year", 4) == 0)
        for (text = group + 4; *text == ':' || *text == ' '; text++)
          ;
      else if (g_ascii_strcasecmp (group, "reception") == 0)
        text = "R";
      if (text == NULL || !att_year_group_parse (text, &year, NULL))
        return att_cli_refuse_msg (_("There are no pupils in the group “%s”: give a registration group, year:N or all"),
                                   group);
      filter = att_grid_filter_new_year (year);
    }

  grid = att_grid_new (ctx->db, filter, first, last, &error);
  if (grid == NULL)
    return att_cli_refuse (error);

  what = att_grid_filter_describe (filter);
  from = att_date_format_long (first);
  to = att_date_format_long (last);
  title = first == last
          /* Translators: the title of a printed register of one day: "7A, Mon 9 Sep 2024" */
          ? g_strdup_printf (_("%s, %s"), what, from)
          /* Translators: the title of a printed register: "7A, Mon 9 Sep 2024 to Fri 13 Sep 2024" */
          : g_strdup_printf (_("%s, %s to %s"), what, from, to);
  school = school_name (ctx->db);
  footer = printed_on ();
  document = att_register_document_new (grid, school, title, footer);
  return write_document (document, path);
}

int
att_cli_rollcall_pdf (AttCliContext *ctx,
                      AttRollCall   *rollcall,
                      const char    *path)
{
  g_autofree char *school = school_name (ctx->db);
  g_autofree char *footer = printed_on ();
  g_autoptr(AttDocument) document = att_rollcall_document_new (rollcall, school, footer);

  return write_document (document, path);
}

int
att_cli_sar_files (AttCliContext *ctx,
                   const AttUser *user,
                   gint64         pupil_id,
                   const char    *pdf_path,
                   const char    *json_path)
{
  g_autoptr(GError) error = NULL;

  if (!att_sar_write_files (ctx->db, user, pupil_id, pdf_path, json_path, &error))
    return att_cli_refuse (error);
  return ATT_CLI_OK;
}

int
att_cli_leave_letter_pdf (AttCliContext *ctx,
                          const AttUser *user,
                          gint64         leave_id,
                          const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_record_free);
  g_autoptr(AttLetterDocument) document = NULL;
  int status;

  document = att_leave_letter_document_new (ctx->db, leave_id, att_date_today (), records, &error);
  if (document == NULL)
    return att_cli_refuse (error);
  if ((status = write_document (ATT_DOCUMENT (document), path)) != ATT_CLI_OK)
    return status;
  if (!att_leave_letters_log (ctx->db, user, records, &error))
    return att_cli_refuse (error);
  for (guint i = 0; i < records->len; i++)
    {
      AttLetterRecord *record = g_ptr_array_index (records, i);

      g_print (_("Letter %" G_GINT64_FORMAT " to %s logged\n"), record->id, record->recipient);
    }
  return ATT_CLI_OK;
}
