/* att-cli-procedure.c: the school's first-day procedure, its text message
 * and its designated safeguarding lead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "att-cli-private.h"

/* The most a procedure file may hold: far more than any school's. */
#define PROCEDURE_MAX (64 * 1024)

/* The settings of first-day calling "firstday set" changes, and the keys
 * they are stored under. */
static const struct
{
  const char *name;
  const char *key;
} settings[] = {
  { "text_template", ATT_FIRSTDAY_TEXT_KEY },
  { "safeguarding_lead", ATT_FIRSTDAY_DSL_KEY },
};

int
att_cli_cmd_firstday_procedure (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *template = NULL;
  g_autofree char *lead = NULL;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  steps = att_firstday_procedure (ctx->db, &error);
  if (steps == NULL)
    return att_cli_refuse (error);
  template = att_firstday_text_template (ctx->db);
  lead = att_firstday_safeguarding_lead (ctx->db);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_object (writer);
      att_cli_json_member (writer, "steps");
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < steps->len; i++)
        {
          const AttStep *step = g_ptr_array_index (steps, i);
          g_autofree char *due = att_step_format_due (step);

          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "day", step->day);
          att_cli_json_int (writer, "every", step->every);
          att_cli_json_string (writer, "for", att_step_for_to_string (step->who_for));
          att_cli_json_string (writer, "action", att_step_action_to_string (step->action));
          att_cli_json_string (writer, "due", due);
          att_cli_json_string (writer, "who", step->who);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_json_string (writer, "text_template", template);
      att_cli_json_string (writer, "safeguarding_lead", lead);
      att_cli_json_end_object (writer);
      att_cli_print_json (writer);
      return ATT_CLI_OK;
    }

  {
    g_autoptr(AttCliTable) table = att_cli_table_new (_("Day"), _("Repeat"), _("For"), _("Action"),
                                                      _("Due"), _("Who"), NULL);
    g_autofree char *shown_template = att_text_escape (template);
    g_autofree char *shown_lead = att_text_escape (lead);

    for (guint i = 0; i < steps->len; i++)
      {
        const AttStep *step = g_ptr_array_index (steps, i);
        g_autofree char *day = g_strdup_printf ("%u", step->day);
        g_autofree char *every = step->every > 0 ? g_strdup_printf ("%u", step->every) : g_strdup ("");
        g_autofree char *due = att_step_format_due (step);
        g_autofree char *who = att_text_escape (step->who);

        att_cli_table_add_row (table, day, every, att_step_for_to_string (step->who_for),
                               att_step_action_to_string (step->action), due != NULL ? due : "",
                               who, NULL);
      }
    att_cli_table_align_right (table, 0);
    att_cli_table_align_right (table, 1);
    att_cli_table_print (table);
    g_print ("\n%s %s\n", _("Text message:"), shown_template);
    g_print ("%s %s\n", _("Safeguarding lead:"), lead != NULL ? shown_lead : _("(none named)"));
  }
  return ATT_CLI_OK;
}

/* The file's text, or standard input's for "-". */
static char *
read_procedure (const char  *path,
                GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (strcmp (path, "-") == 0)
    {
      text = g_malloc (PROCEDURE_MAX + 1);
      length = fread (text, 1, PROCEDURE_MAX + 1, stdin);
      text[MIN (length, PROCEDURE_MAX)] = '\0';
    }
  else if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  if (length > PROCEDURE_MAX)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s: a procedure is at most %d bytes, one step a line: is it the right file?"),
                   path, PROCEDURE_MAX);
      return NULL;
    }
  return g_steal_pointer (&text);
}

int
att_cli_cmd_firstday_procedure_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *text = NULL;
  const char *path = att_cli_arg (ctx, 0);
  int status;

  if ((status = att_cli_get_user (ctx, FALSE, &user)) != ATT_CLI_OK)
    return status;
  text = read_procedure (path, &error);
  if (text == NULL ||
      !att_firstday_procedure_set (ctx->db, user, g_strchomp (text), &error) ||
      (steps = att_firstday_procedure (ctx->db, &error)) == NULL)
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "The procedure has %u step\n", "The procedure has %u steps\n",
                        steps->len),
           steps->len);
  return ATT_CLI_OK;
}

int
att_cli_cmd_firstday_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *name = att_cli_arg (ctx, 0);
  const char *value = att_cli_arg (ctx, 1);
  const char *key = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (strcmp (name, settings[i].name) == 0)
      key = settings[i].key;
  if (key == NULL)
    return att_cli_usage (ctx, _("Unknown setting “%s”: the settings are text_template, safeguarding_lead"),
                          name);

  if ((status = att_cli_get_user (ctx, FALSE, &user)) != ATT_CLI_OK)
    return status;
  if (!att_firstday_setting_set (ctx->db, user, key, value, &error))
    return att_cli_refuse (error);

  /* What is in force now: an empty value goes back to the default. */
  stored = g_str_equal (key, ATT_FIRSTDAY_TEXT_KEY) ? att_firstday_text_template (ctx->db)
                                                     : att_firstday_safeguarding_lead (ctx->db);
  shown = att_text_escape (stored);
  g_print ("%s = %s\n", name, stored != NULL ? shown : "");
  return ATT_CLI_OK;
}
