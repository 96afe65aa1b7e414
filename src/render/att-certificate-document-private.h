/* att-certificate-document-private.h: the certificate as part of another
 * document (the referral pack)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-certificate-document.h"
#include "att-flow-private.h"

G_BEGIN_DECLS

/* Adds the certificate @cert of @school to @flow: its title, the pupil,
 * the sessions by week, the key, the totals, the sessions to put right,
 * and with @declaration the headteacher's declaration. */
void _att_certificate_document_add             (AttFlow        *flow,
                                                AttCertificate *cert,
                                                const char     *school,
                                                gboolean        declaration);
/* @text, then the headteacher's name and lines to sign and date. */
void _att_certificate_document_add_declaration (AttFlow        *flow,
                                                const char     *text,
                                                const char     *headteacher);

G_END_DECLS
