/* att-cli-print.c: printed documents (register --pdf) and the roll call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"
#include "att-register-document.h"
#include "att-register-grid.h"
#include "att-rollcall-document.h"

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

static void
rollcall_json (AttCliContext *ctx,
               AttRollCall   *rollcall)
{
  g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

  att_cli_json_begin_object (writer);
  att_cli_json_date (writer, "date", rollcall->date);
  att_cli_json_string (writer, "session", att_session_to_string (rollcall->session));
  att_cli_json_int (writer, "on_roll", rollcall->on_roll);
  att_cli_json_int (writer, "not_marked", rollcall->not_marked);
  att_cli_json_int (writer, "on_site", rollcall->on_site);
  att_cli_json_member (writer, "groups");
  att_cli_json_begin_array (writer);
  for (guint g = 0; g < rollcall->groups->len; g++)
    {
      AttRollCallGroup *group = g_ptr_array_index (rollcall->groups, g);

      att_cli_json_begin_object (writer);
      att_cli_json_string (writer, "group", group->group);
      att_cli_json_int (writer, "on_roll", group->on_roll);
      att_cli_json_int (writer, "not_marked", group->not_marked);
      att_cli_json_member (writer, "on_site");
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < group->on_site->len; i++)
        {
          AttRollCallEntry *entry = g_ptr_array_index (group->on_site, i);

          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "upn", entry->pupil->upn);
          att_cli_json_string (writer, "name", att_pupil_get_display_name (entry->pupil));
          att_cli_json_string (writer, "code", att_code_to_string (entry->code));
          att_cli_json_member (writer, "minutes_late");
          if (entry->minutes_late >= 0)
            att_cli_json_add_int (writer, entry->minutes_late);
          else
            att_cli_json_add_null (writer);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_json_end_object (writer);
    }
  att_cli_json_end_array (writer);
  att_cli_json_end_object (writer);
  att_cli_print_json (writer);
}

static void
rollcall_table (AttRollCall *rollcall)
{
  g_autoptr(AttCliTable) table = att_cli_table_new (_("Group"), _("UPN"), _("Name"), _("Mark"),
                                                    NULL);
  g_autoptr(AttCliTable) summary = att_cli_table_new (_("Group"), _("On roll"), _("Not marked"),
                                                      _("On site"), NULL);
  char on_roll[16], not_marked[16], on_site[16];

  for (guint g = 0; g < rollcall->groups->len; g++)
    {
      AttRollCallGroup *group = g_ptr_array_index (rollcall->groups, g);
      const char *name = group->group != NULL ? group->group : "";

      for (guint i = 0; i < group->on_site->len; i++)
        {
          AttRollCallEntry *entry = g_ptr_array_index (group->on_site, i);
          g_autofree char *mark = entry->minutes_late >= 0
            ? g_strdup_printf (_("%s %d min"), att_code_to_string (entry->code), entry->minutes_late)
            : g_strdup (att_code_to_string (entry->code));

          att_cli_table_add_row (table, name, entry->pupil->upn,
                                 att_pupil_get_display_name (entry->pupil), mark, NULL);
        }
      g_snprintf (on_roll, sizeof on_roll, "%u", group->on_roll);
      g_snprintf (not_marked, sizeof not_marked, "%u", group->not_marked);
      g_snprintf (on_site, sizeof on_site, "%u", group->on_site->len);
      att_cli_table_add_row (summary, name, on_roll, not_marked, on_site, NULL);
    }
  g_snprintf (on_roll, sizeof on_roll, "%u", rollcall->on_roll);
  g_snprintf (not_marked, sizeof not_marked, "%u", rollcall->not_marked);
  g_snprintf (on_site, sizeof on_site, "%u", rollcall->on_site);
  /* Translators: the total row of the roll call's summary */
  att_cli_table_add_row (summary, _("Whole school"), on_roll, not_marked, on_site, NULL);
  for (guint c = 1; c <= 3; c++)
    att_cli_table_align_right (summary, c);

  att_cli_table_print (table);
  g_print ("\n");
  att_cli_table_print (summary);
}

int
att_cli_cmd_rollcall (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttRollCall) rollcall = NULL;
  const char *pdf = att_cli_opt (ctx, "pdf");
  const char *session_text = att_cli_opt (ctx, "session");
  AttDate date = att_date_today ();
  AttSession session = ATT_SESSION_AM;
  int status;

  if ((status = att_cli_opt_date (ctx, "date", &date)) != ATT_CLI_OK)
    return status;
  if (session_text != NULL &&
      (status = att_cli_parse_session (ctx, "--session", session_text, &session)) != ATT_CLI_OK)
    return status;
  if (pdf != NULL && att_cli_flag (ctx, "json"))
    return att_cli_usage (ctx, _("give --json or --pdf FILE, not both"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  /* Without --session, the session the register clock is in now. */
  if (session_text == NULL)
    session = att_rollcall_session_at (ctx->db, att_clock_now ());

  rollcall = att_rollcall_new (ctx->db, date, session, &error);
  if (rollcall == NULL)
    return att_cli_refuse (error);

  if (pdf != NULL)
    {
      g_autofree char *school = school_name (ctx->db);
      g_autofree char *footer = printed_on ();
      g_autoptr(AttDocument) document = att_rollcall_document_new (g_steal_pointer (&rollcall),
                                                                   school, footer);

      return write_document (document, pdf);
    }
  if (att_cli_flag (ctx, "json"))
    rollcall_json (ctx, rollcall);
  else
    rollcall_table (rollcall);
  return ATT_CLI_OK;
}
