/* att-certificate-document.h: the registration certificate, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-certificate.h"
#include "att-document.h"
#include "att-letters.h"

G_BEGIN_DECLS

/* A registration certificate on A4 portrait: the school's letterhead, the
 * pupil's details, the sessions week by week (Monday to Friday, AM and
 * PM, with their codes), the key to the codes used, the totals, and the
 * headteacher's declaration with a line to sign and date. A long span
 * runs over as many pages as it needs. A certificate that cannot be
 * finalised (att_certificate_can_finalise()) is drawn as a draft for the
 * office to check: "DRAFT" across every page. */
#define ATT_TYPE_CERTIFICATE_DOCUMENT (att_certificate_document_get_type ())
G_DECLARE_FINAL_TYPE (AttCertificateDocument, att_certificate_document, ATT, CERTIFICATE_DOCUMENT, GObject)

/* Holds a reference to @certificate and copies @letterhead. */
AttDocument  *att_certificate_document_new      (AttCertificate          *certificate,
                                                 const AttLetterhead     *letterhead);
/* Whether the document is marked DRAFT. */
gboolean      att_certificate_document_is_draft (AttCertificateDocument  *self);

G_END_DECLS
