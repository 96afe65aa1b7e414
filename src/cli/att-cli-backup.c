/* att-cli-backup.c: backup into the backup folder, backups list, restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"

static const char *
kind_word (AttBackupKind kind)
{
  switch (kind)
    {
    case ATT_BACKUP_BEFORE_UPDATE:
      return "before-update";
    case ATT_BACKUP_BEFORE_RESTORE:
      return "before-restore";
    case ATT_BACKUP_REGULAR:
    default:
      return "regular";
    }
}

static char *
format_time (int seconds)
{
  return g_strdup_printf ("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

int
att_cli_cmd_backup_folder (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *path = NULL;
  const char *to = att_cli_opt (ctx, "to");
  int status;

  if (att_cli_opt (ctx, "user") == NULL)
    return att_cli_usage (ctx, _("--user NAME is required: say who makes the backup"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (to != NULL && *to == '\0')
    return att_cli_usage (ctx, _("--to needs a folder"));

  path = att_backup_now (ctx->db, user, to, &error);
  if (path == NULL)
    return att_cli_refuse (error);
  g_print (_("Backed up %s to %s\n"), ctx->db_path, path);
  return ATT_CLI_OK;
}

int
att_cli_cmd_backups_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttBackupSettings) settings = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  settings = att_backup_settings_load (ctx->db);
  list = att_backup_list (settings->folder, ctx->db_path, &error);
  if (list == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; i < list->len; i++)
        {
          AttBackup *backup = g_ptr_array_index (list, i);
          g_autofree char *time = format_time (backup->seconds);

          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "file", backup->name);
          att_cli_json_string (writer, "path", backup->path);
          att_cli_json_date (writer, "date", backup->date);
          att_cli_json_string (writer, "time", time);
          att_cli_json_string (writer, "kind", kind_word (backup->kind));
          att_cli_json_int (writer, "size", backup->size);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
      return ATT_CLI_OK;
    }
  else
    {
      g_autoptr(AttCliTable) table = att_cli_table_new (_("Date"), _("Time"), _("Kind"),
                                                         _("Size"), _("File"), NULL);

      att_cli_table_align_right (table, 3);
      for (guint i = 0; i < list->len; i++)
        {
          AttBackup *backup = g_ptr_array_index (list, i);
          g_autofree char *date = att_date_format (backup->date);
          g_autofree char *time = format_time (backup->seconds);
          g_autofree char *size = g_format_size (backup->size);

          att_cli_table_add_row (table, date, time, kind_word (backup->kind), size,
                                 backup->name, NULL);
        }
      /* Where they are, and how long they stay, before the list. */
      g_print (_("Backups in %s (every day for %u days, one a month for %u months):\n"),
               settings->folder, settings->keep_days, settings->keep_months);
      att_cli_table_print (table);
    }
  return ATT_CLI_OK;
}

int
att_cli_cmd_restore (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *kept = NULL;
  const char *file = att_cli_arg (ctx, 0);
  const char *name = att_cli_opt (ctx, "user");

  if (name == NULL)
    return att_cli_usage (ctx, _("--user NAME is required: say which administrator restores the backup"));

  /* The user is looked up in the database being replaced; when that is
   * too damaged to open (the usual reason to restore), in the backup. */
  if (g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    ctx->db = att_db_open (ctx->db_path, NULL);
  if (ctx->db != NULL)
    {
      user = att_users_find (ctx->db, name, &error);
      if (user == NULL && error != NULL)
        return att_cli_refuse (error);
      /* The connection is not needed any more: the restore opens its own. */
      g_clear_object (&ctx->db);
    }
  else
    {
      if (!att_backup_verify (file, NULL, NULL, &error))
        return att_cli_refuse (error);
      user = att_backup_find_user (file, name, &error);
      if (user == NULL && error != NULL)
        return att_cli_refuse (error);
    }
  if (user == NULL)
    return att_cli_refuse_msg (_("There is no user called “%s”: add them with “attendance-cli users add”"),
                               name);

  if (!att_backup_restore (ctx->db_path, file, user, NULL, &kept, &error))
    return att_cli_refuse (error);

  g_print (_("Restored %s from %s\n"), ctx->db_path, file);
  if (kept != NULL)
    g_print (_("The database it replaced is kept at %s\n"), kept);
  return ATT_CLI_OK;
}
