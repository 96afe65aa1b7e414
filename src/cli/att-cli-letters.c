/* att-cli-letters.c: attendance-cli letters log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-json.h"
#include "att-cli-private.h"
#include "att-letters.h"

static char *
moment_text (gint64 at)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

static void
letter_json (AttCliJson      *w,
             AttDb           *db,
             AttLetterRecord *letter,
             gboolean         out_of_date)
{
  AttPupil *pupil = att_pupils_get (db, letter->pupil_id);
  g_auto(GStrv) ids = g_strsplit (letter->contact_ids != NULL ? letter->contact_ids : "", ",", -1);
  g_autofree char *at = moment_text (letter->at);

  att_cli_json_begin_object (w);
  att_cli_json_int (w, "id", letter->id);
  att_cli_json_string (w, "upn", letter->upn);
  att_cli_json_string (w, "name", pupil != NULL ? att_pupil_get_display_name (pupil) : NULL);
  att_cli_json_date (w, "date", letter->date);
  att_cli_json_string (w, "kind", letter->kind);
  att_cli_json_string (w, "reference", letter->reference);
  att_cli_json_string (w, "template", letter->template_name);
  att_cli_json_int (w, "template_version", letter->template_version);
  att_cli_json_string (w, "subject", letter->subject);
  att_cli_json_string (w, "recipient", letter->recipient);
  att_cli_json_string (w, "address", letter->address);
  att_cli_json_member (w, "contacts");
  att_cli_json_begin_array (w);
  for (guint i = 0; ids[i] != NULL; i++)
    if (ids[i][0] != '\0')
      att_cli_json_add_int (w, g_ascii_strtoll (ids[i], NULL, 10));
  att_cli_json_end_array (w);
  att_cli_json_string (w, "delivery", att_letter_delivery_to_string (letter->delivery));
  att_cli_json_date (w, "posted", letter->posted);
  att_cli_json_date (w, "period_from", letter->period_from);
  att_cli_json_date (w, "period_to", letter->period_to);
  att_cli_json_member (w, "figures");
  if (letter->figures != NULL)
    att_cli_json_add_raw (w, letter->figures);
  else
    att_cli_json_add_null (w);
  att_cli_json_bool (w, "out_of_date", out_of_date);
  att_cli_json_string (w, "user", letter->who);
  att_cli_json_string (w, "position", letter->position);
  att_cli_json_string (w, "at", at);
  att_cli_json_end_object (w);
}

int
att_cli_cmd_letters_log (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttLettersFilter filter = { 0, NULL, NULL, ATT_DATE_NONE, ATT_DATE_NONE };
  const char *upn = att_cli_opt (ctx, "pupil");

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (upn != NULL)
    {
      AttPupil *pupil = att_cli_find_pupil (ctx->db, upn);

      if (pupil == NULL)
        return ATT_CLI_REFUSED;
      filter.pupil_id = pupil->id;
    }
  letters = att_letters_query (ctx->db, &filter, &error);
  if (letters == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    table = att_cli_table_new (_("ID"), _("Date"), _("UPN"), _("Name"), _("Letter"), _("Template"),
                               _("To"), _("Sent by"), _("Posted"), _("Out of date"), _("Recorded by"),
                               NULL);

  for (guint i = 0; i < letters->len; i++)
    {
      AttLetterRecord *letter = g_ptr_array_index (letters, i);
      AttPupil *pupil = att_pupils_get (ctx->db, letter->pupil_id);
      gboolean out_of_date = FALSE;
      g_autofree char *id = NULL;
      g_autofree char *date = NULL;
      g_autofree char *template = NULL;
      g_autofree char *posted = NULL;

      if (!att_letters_is_out_of_date (ctx->db, letter, &out_of_date, &error))
        return att_cli_refuse (error);
      if (writer != NULL)
        {
          letter_json (writer, ctx->db, letter, out_of_date);
          continue;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, letter->id);
      date = att_date_format (letter->date);
      /* Translators: a letter's template and its version, "concern v2" */
      template = g_strdup_printf (_("%s v%u"), letter->template_name, letter->template_version);
      posted = letter->posted != ATT_DATE_NONE ? att_date_format (letter->posted) : g_strdup ("");
      att_cli_table_add_row (table, id, date, letter->upn,
                             pupil != NULL ? att_pupil_get_display_name (pupil) : "",
                             letter->kind, template, letter->recipient,
                             att_letter_delivery_describe (letter->delivery), posted,
                             /* Translators: a letter whose figures changed since it was made */
                             out_of_date ? _("out of date") : "",
                             letter->who, NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}
