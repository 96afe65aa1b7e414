/* att-cli-print.c: the roll call (its PDF is written by att-cli-pdf.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"

static void
entry_json (AttCliJson       *writer,
            AttRollCallEntry *entry)
{
  att_cli_json_begin_object (writer);
  att_cli_json_string (writer, "upn", entry->pupil->upn);
  att_cli_json_string (writer, "name", att_pupil_get_display_name (entry->pupil));
  att_cli_json_string (writer, "code", att_code_to_string (entry->code));
  att_cli_json_member (writer, "minutes_late");
  if (entry->minutes_late >= 0)
    att_cli_json_add_int (writer, entry->minutes_late);
  else
    att_cli_json_add_null (writer);
  if (entry->time_out >= 0)
    {
      g_autofree char *out = att_time_format (entry->time_out);

      att_cli_json_string (writer, "time_out", out);
    }
  att_cli_json_end_object (writer);
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
  att_cli_json_int (writer, "signed_out", rollcall->signed_out);
  att_cli_json_member (writer, "time");
  if (rollcall->time >= 0)
    {
      g_autofree char *time = att_time_format (rollcall->time);

      att_cli_json_add_string (writer, time);
    }
  else
    att_cli_json_add_null (writer);
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
        entry_json (writer, g_ptr_array_index (group->on_site, i));
      att_cli_json_end_array (writer);
      att_cli_json_member (writer, "signed_out");
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < group->signed_out->len; i++)
        entry_json (writer, g_ptr_array_index (group->signed_out, i));
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
  g_autoptr(AttCliTable) out = att_cli_table_new (_("Group"), _("UPN"), _("Name"), _("Signed out"),
                                                  NULL);
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
      for (guint i = 0; i < group->signed_out->len; i++)
        {
          AttRollCallEntry *entry = g_ptr_array_index (group->signed_out, i);
          g_autofree char *time_out = att_time_format (entry->time_out);

          att_cli_table_add_row (out, name, entry->pupil->upn,
                                 att_pupil_get_display_name (entry->pupil), time_out, NULL);
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
  /* Those the register has in, but the signing-in book has out: nobody
   * should go looking for them. */
  if (rollcall->signed_out > 0)
    {
      g_print ("\n");
      att_cli_table_print (out);
    }
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
  int time = -1;
  int status;

  if ((status = att_cli_opt_date (ctx, "date", &date)) != ATT_CLI_OK ||
      (status = att_cli_opt_time (ctx, "time", &time)) != ATT_CLI_OK)
    return status;
  if (session_text != NULL &&
      (status = att_cli_parse_session (ctx, "--session", session_text, &session)) != ATT_CLI_OK)
    return status;
  if (pdf != NULL && att_cli_flag (ctx, "json"))
    return att_cli_usage (ctx, _("give --json or --pdf FILE, not both"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  /* Without --time, the register clock; without --session, the session
   * that time is in. */
  if (time < 0)
    time = att_clock_now ();
  if (session_text == NULL)
    session = att_rollcall_session_at (ctx->db, time);

  rollcall = att_rollcall_new_at (ctx->db, date, session, time, &error);
  if (rollcall == NULL)
    return att_cli_refuse (error);

  if (pdf != NULL)
    return att_cli_rollcall_pdf (ctx, g_steal_pointer (&rollcall), pdf);
  if (att_cli_flag (ctx, "json"))
    rollcall_json (ctx, rollcall);
  else
    rollcall_table (rollcall);
  return ATT_CLI_OK;
}
