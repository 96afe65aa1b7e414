/* att-cli-mail-send.c: the commands that send e-mail, in
 * attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built into attendance-cli-print only, with libcurl (src/mail):
 * attendance-cli hands it `mail test` and `letters email` once their
 * command lines are checked (att-cli-mail-exec.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"
#include "att-mail.h"

int
att_cli_mail_test_send (AttCliContext *ctx,
                        const AttUser *user,
                        const char    *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttMailSettings) settings = att_mail_settings_load (ctx->db, &error);
  g_autoptr(AttSchool) school = NULL;

  if (settings == NULL)
    return att_cli_refuse (error);
  school = att_school_load (ctx->db);
  if (!att_mail_send_test (settings, school != NULL ? school->name : NULL, address, &error))
    return att_cli_refuse (error);
  g_print (_("Sent a test message to %s through %s, port %u\n"), address, settings->host,
           att_mail_settings_get_port (settings));
  return ATT_CLI_OK;
}
