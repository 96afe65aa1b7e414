/* att-cli-mail.c: attendance-cli mail show, mail set and mail test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Showing and changing the mail server's settings needs only the core.
 * Sending needs libcurl (and, for letters, cairo and Pango), which this
 * program never loads: `mail test` and `letters email` check their
 * command line here and are then run by attendance-cli-print
 * (att-cli-mail-send.c), as the commands that write a PDF are.
 *
 * The password is never taken from the command line, where other users
 * of the computer could read it (ps, the shell's history): `mail set
 * password` reads it from standard input or from a file.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "att-cli-private.h"
#include "att-mail-settings.h"

int
att_cli_cmd_mail_show (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttMailSettings) settings = NULL;
  const char * const *keys = att_mail_settings_keys ();

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  settings = att_mail_settings_load (ctx->db, &error);
  if (settings == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_object (writer);
      att_cli_json_bool (writer, "set_up", att_mail_settings_is_set_up (settings));
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = att_mail_settings_get (settings, keys[i]);

          /* The password is never shown: only whether there is one. */
          if (strcmp (keys[i], "password") == 0)
            att_cli_json_bool (writer, "password_set", value[0] != '\0');
          else if (strcmp (keys[i], "port") == 0)
            att_cli_json_int (writer, "port", att_mail_settings_get_port (settings));
          else
            att_cli_json_string (writer, keys[i], value);
        }
      att_cli_json_end_object (writer);
      att_cli_print_json (writer);
    }
  else
    {
      g_autoptr(AttCliTable) table = att_cli_table_new (_("Setting"), _("Value"), NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = att_mail_settings_get (settings, keys[i]);

          if (strcmp (keys[i], "password") == 0)
            att_cli_table_add_row (table, keys[i], value[0] != '\0' ? _("(set)") : "", NULL);
          else
            att_cli_table_add_row (table, keys[i], value, NULL);
        }
      att_cli_table_print (table);
      if (!att_mail_settings_is_set_up (settings))
        g_print (_("Mail is not set up: give at least host and from_address (attendance-cli mail set)\n"));
    }
  return ATT_CLI_OK;
}

/* The password of --password-file: the file's first line, without its
 * line break. NULL with the refusal printed. */
static char *
read_password_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  char *end;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      att_cli_refuse_msg (_("--password-file: %s"), error->message);
      return NULL;
    }
  end = memchr (contents, '\n', length);
  if (end != NULL)
    {
      /* Only a line break may follow the password. */
      for (const char *p = end; p < contents + length; p++)
        if (*p != '\n' && *p != '\r')
          {
            att_cli_free_password (contents);
            att_cli_refuse_msg (_("--password-file: %s holds more than one line: give the password alone, on one line"),
                                path);
            return NULL;
          }
      *end = '\0';
      if (end > contents && end[-1] == '\r')
        end[-1] = '\0';
    }
  return contents;
}

int
att_cli_cmd_mail_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *key = att_cli_arg (ctx, 0);
  const char *value = att_cli_n_args (ctx) > 1 ? att_cli_arg (ctx, 1) : NULL;
  const char *password_file = att_cli_opt (ctx, "password-file");
  gboolean from_stdin = att_cli_flag (ctx, "password-stdin");
  char *password = NULL;
  gboolean done;
  int status;

  if (strcmp (key, "password") == 0)
    {
      if (value != NULL)
        return att_cli_usage (ctx, _("the password is never given on the command line, where others "
                                     "could read it: use --password-stdin or --password-file FILE "
                                     "(an empty line clears it)"));
      if (from_stdin == (password_file != NULL))
        return att_cli_usage (ctx, _("give the password with --password-stdin or with --password-file FILE"));
    }
  else
    {
      if (from_stdin || password_file != NULL)
        return att_cli_usage (ctx, _("--password-stdin and --password-file are for the password only"));
      if (value == NULL)
        return att_cli_usage (ctx, _("give the value of %s (\"\" to clear it)"), key);
    }
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  if (strcmp (key, "password") == 0)
    {
      password = from_stdin ? att_cli_read_password (ctx) : read_password_file (password_file);
      if (password == NULL)
        return ATT_CLI_REFUSED;
      value = password;
    }
  done = att_mail_settings_set (ctx->db, user, key, value, &error);
  att_cli_free_password (password);
  if (!done)
    return att_cli_refuse (error);
  if (strcmp (key, "password") == 0)
    g_print (_("Stored the mail server’s password\n"));
  else
    g_print (_("Set mail %s to “%s”\n"), key, value);
  return ATT_CLI_OK;
}

int
att_cli_cmd_mail_test (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttMailSettings) settings = NULL;
  const char *address = att_cli_arg (ctx, 0);
  int status;

  if (!att_mail_address_is_valid (address))
    return att_cli_usage (ctx, _("“%s” is not an e-mail address: write it as name@domain"), address);
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_user_require (user, ATT_PERM_SETTINGS, &error))
    return att_cli_refuse (error);
  settings = att_mail_settings_load (ctx->db, &error);
  if (settings == NULL || !att_mail_settings_check (settings, TRUE, &error))
    return att_cli_refuse (error);
  return att_cli_mail_test_send (ctx, user, address);
}
