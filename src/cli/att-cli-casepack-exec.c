/* att-cli-casepack-exec.c: certificate and casepack handed to
 * attendance-cli-print, which writes their PDFs (see att-cli-pdf-exec.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-cli-casepack.h"

int
att_cli_certificate_pdf (AttCliContext  *ctx,
                         AttCertificate *certificate,
                         const char     *path)
{
  return att_cli_run_print_program (ctx);
}

int
att_cli_casepack_pdf (AttCliContext  *ctx,
                      const AttUser  *user,
                      AttCasepack    *pack,
                      const char     *path)
{
  att_casepack_free (pack);
  return att_cli_run_print_program (ctx);
}
