/* att-cli-mail-exec.c: the commands that send e-mail, handed to
 * attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * attendance-cli does not load libcurl: a command that sends e-mail is
 * run by attendance-cli-print (att-cli-mail-send.c), with the same
 * command line, once it has been checked here.
 */
#include "config.h"

#include "att-cli-private.h"

int
att_cli_mail_test_send (AttCliContext *ctx,
                        const AttUser *user,
                        const char    *address)
{
  return att_cli_run_print_program (ctx);
}

int
att_cli_letters_email_send (AttCliContext *ctx,
                            const AttUser *user)
{
  return att_cli_run_print_program (ctx);
}
