/* att-cli-case-exec.c: the casework commands that write a PDF, handed to
 * attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checked here, written by attendance-cli-print (att-cli-case-pdf.c)
 * with the same command line, as every PDF is (att-cli-pdf-exec.c).
 */
#include "config.h"

#include "att-cli-case.h"

int
att_cli_case_letter_pdf (AttCliContext *ctx,
                         const AttUser *user,
                         gint64         id,
                         gboolean       invitation,
                         const char    *path)
{
  return att_cli_run_print_program (ctx);
}

int
att_cli_case_chronology_pdf (AttCliContext *ctx,
                             gint64         pupil_id,
                             AttDate        from,
                             AttDate        to,
                             const char    *path)
{
  return att_cli_run_print_program (ctx);
}
