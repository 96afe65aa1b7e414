/* att-cli-users.c: passwords, deactivated users and the deputy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * attendance-cli asks no password itself (it runs from scheduled jobs):
 * these commands set the passwords people sign in to the window with.
 * A password is read from standard input, never from the command line,
 * where other users of the computer could see it.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "att-cli-private.h"

/* What is read at most: a password longer than the core takes is refused
 * by it; more than this is not a password at all. */
#define READ_MAX 4096

char *
att_cli_read_password (AttCliContext *ctx)
{
  char *buffer = g_malloc0 (READ_MAX + 1);
  gsize length;

  length = fread (buffer, 1, READ_MAX + 1, stdin);
  if (length > READ_MAX)
    {
      sodium_memzero (buffer, READ_MAX + 1);
      g_free (buffer);
      att_cli_refuse_msg (_("Standard input holds more than a password: give the password alone, on one line"));
      return NULL;
    }
  buffer[length] = '\0';
  /* One line: the line break that ends it is not part of the password. */
  if (length > 0 && buffer[length - 1] == '\n')
    buffer[--length] = '\0';
  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';
  if (memchr (buffer, '\n', length) != NULL)
    {
      sodium_memzero (buffer, READ_MAX + 1);
      g_free (buffer);
      att_cli_refuse_msg (_("Standard input holds more than one line: give the password alone, on one line"));
      return NULL;
    }
  return buffer;
}

void
att_cli_free_password (char *password)
{
  if (password == NULL)
    return;
  sodium_memzero (password, strlen (password));
  g_free (password);
}

/* The user named by the command's first argument, or NULL with the
 * refusal printed. */
static AttUser *
find_named (AttCliContext *ctx,
            const char    *name)
{
  g_autoptr(GError) error = NULL;
  AttUser *user = att_users_find (ctx->db, name, &error);

  if (user == NULL)
    att_cli_refuse (error);
  return user;
}

int
att_cli_cmd_users_passwd (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) actor = NULL;
  g_autoptr(AttUser) target = NULL;
  char *password;
  gboolean done;
  int status;

  if (!att_cli_flag (ctx, "password-stdin"))
    return att_cli_usage (ctx, _("--password-stdin is required: the password is read from standard input, never from the command line"));
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, TRUE, &actor)) != ATT_CLI_OK)
    return status;
  target = find_named (ctx, att_cli_arg (ctx, 0));
  if (target == NULL)
    return ATT_CLI_REFUSED;

  password = att_cli_read_password (ctx);
  if (password == NULL)
    return ATT_CLI_REFUSED;
  done = att_users_set_password (ctx->db, actor, target->id, password, &error);
  att_cli_free_password (password);
  if (!done)
    return att_cli_refuse (error);

  g_print (_("Set the password of %s\n"), target->name);
  return ATT_CLI_OK;
}

static int
set_active (AttCliContext *ctx,
            gboolean       active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) actor = NULL;
  g_autoptr(AttUser) target = NULL;
  int status;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, TRUE, &actor)) != ATT_CLI_OK)
    return status;
  target = find_named (ctx, att_cli_arg (ctx, 0));
  if (target == NULL)
    return ATT_CLI_REFUSED;
  if (!att_users_set_active (ctx->db, actor, target->id, active, &error))
    return att_cli_refuse (error);

  if (active)
    g_print (_("Reactivated %s\n"), target->name);
  else
    g_print (_("Deactivated %s: what they did stays theirs in the records\n"), target->name);
  return ATT_CLI_OK;
}

int
att_cli_cmd_users_deactivate (AttCliContext *ctx)
{
  return set_active (ctx, FALSE);
}

int
att_cli_cmd_users_activate (AttCliContext *ctx)
{
  return set_active (ctx, TRUE);
}

int
att_cli_cmd_users_deputy (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) actor = NULL;
  g_autoptr(AttUser) target = NULL;
  gboolean none = att_cli_flag (ctx, "none");
  int status;

  if (none && att_cli_n_args (ctx) > 0)
    return att_cli_usage (ctx, _("Give either a name or --none, not both"));
  if (!none && att_cli_n_args (ctx) == 0)
    return att_cli_usage (ctx, _("Name the deputy, or give --none to withdraw the authority"));
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, TRUE, &actor)) != ATT_CLI_OK)
    return status;
  if (!none)
    {
      target = find_named (ctx, att_cli_arg (ctx, 0));
      if (target == NULL)
        return ATT_CLI_REFUSED;
    }
  if (!att_users_set_deputy (ctx->db, actor, target != NULL ? target->id : 0, &error))
    return att_cli_refuse (error);

  if (target != NULL)
    g_print (_("%s may now decide leave and penalty cases as deputy\n"), target->name);
  else
    g_print (_("Nobody is deputy now\n"));
  return ATT_CLI_OK;
}
