/* att-cli-mail-letters.c: attendance-cli letters email
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The letters due whose stage goes by e-mail (or --half-term: the
 * half-termly report, or --letters: letters from the log), each sent to
 * its recipient's e-mail address with the letter attached as a PDF and
 * logged as it goes. The command line is checked here; the letters are
 * drawn and sent by attendance-cli-print (att-cli-mail-send.c), which
 * has cairo, Pango and libcurl.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-private.h"
#include "att-mail-settings.h"

int
att_cli_parse_letter_ids (AttCliContext  *ctx,
                          GArray        **ids)
{
  const char *text = att_cli_opt (ctx, "letters");
  g_auto(GStrv) words = NULL;

  *ids = NULL;
  if (text == NULL)
    return ATT_CLI_OK;
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  words = g_strsplit (text, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (g_strstrip (words[i]), &end, 10);

      if (end == words[i] || *end != '\0' || id <= 0)
        {
          g_clear_pointer (ids, g_array_unref);
          return att_cli_usage (ctx, _("--letters: “%s” is not a letter’s number: give the numbers "
                                       "letters log shows, separated by commas"), words[i]);
        }
      g_array_append_val (*ids, id);
    }
  return ATT_CLI_OK;
}

int
att_cli_cmd_letters_email (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttMailSettings) settings = NULL;
  g_autoptr(GArray) ids = NULL;
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date (ctx, "as-of", &as_of)) != ATT_CLI_OK
      || (status = att_cli_parse_letter_ids (ctx, &ids)) != ATT_CLI_OK)
    return status;
  if (ids != NULL && (att_cli_opt (ctx, "as-of") != NULL || att_cli_opt (ctx, "pupil") != NULL ||
                      att_cli_flag (ctx, "half-term")))
    return att_cli_usage (ctx, _("--letters sends letters from the log as they were: it takes no "
                                 "--as-of, --pupil or --half-term"));
  if (att_cli_flag (ctx, "half-term") && att_cli_opt (ctx, "pupil") != NULL)
    return att_cli_usage (ctx, _("--half-term sends every family its report: it takes no --pupil"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_user_require (user, ATT_PERM_LETTERS, &error))
    return att_cli_refuse (error);
  settings = att_mail_settings_load (ctx->db, &error);
  if (settings == NULL || !att_mail_settings_check (settings, TRUE, &error))
    return att_cli_refuse (error);
  if (att_cli_opt (ctx, "pupil") != NULL)
    {
      AttPupil *pupil = att_cli_find_pupil (ctx->db, att_cli_opt (ctx, "pupil"));  /* borrowed */

      if (pupil == NULL)
        return ATT_CLI_REFUSED;
    }
  return att_cli_letters_email_send (ctx, user);
}
