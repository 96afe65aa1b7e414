/* att-cli-casepack.h: the registration certificate, the referral pack,
 * the local authority's profile and contacts' confirmation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-casepack.h"
#include "att-certificate.h"
#include "att-cli-private.h"

G_BEGIN_DECLS

int att_cli_cmd_certificate       (AttCliContext *ctx);
int att_cli_cmd_casepack          (AttCliContext *ctx);
int att_cli_cmd_la_profile_show   (AttCliContext *ctx);
int att_cli_cmd_la_profile_set    (AttCliContext *ctx);
int att_cli_cmd_la_profile_preset (AttCliContext *ctx);
int att_cli_cmd_la_profile_presets (AttCliContext *ctx);
int att_cli_cmd_contacts_confirm  (AttCliContext *ctx);

/* Writes @certificate to the PDF @path (attendance-cli-print:
 * att-cli-casepack-pdf.c; attendance-cli hands the command to it,
 * att-cli-casepack-exec.c). */
int att_cli_certificate_pdf       (AttCliContext  *ctx,
                                   AttCertificate *certificate,
                                   const char     *path);
/* Writes @pack to the PDF @path and records in the audit log that @user
 * made it. Takes @pack. */
int att_cli_casepack_pdf          (AttCliContext  *ctx,
                                   const AttUser  *user,
                                   AttCasepack    *pack,
                                   const char     *path);

G_END_DECLS
