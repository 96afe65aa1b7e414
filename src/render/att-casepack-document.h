/* att-casepack-document.h: the referral pack of one pupil, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-casepack.h"
#include "att-document.h"
#include "att-letters.h"

G_BEGIN_DECLS

/* The referral pack on A4 portrait: the school's letterhead on its first
 * page, then each section of the local authority's profile in its order
 * under its heading (att_casepack_section_describe()), the certificate
 * drawn as the certificate document draws it. */
#define ATT_TYPE_CASEPACK_DOCUMENT (att_casepack_document_get_type ())
G_DECLARE_FINAL_TYPE (AttCasepackDocument, att_casepack_document, ATT, CASEPACK_DOCUMENT, GObject)

/* Reads the pack of @pupil_id on @as_of with the school's profile and
 * makes its document. Refused, naming the sessions, while the
 * certificate in it holds N or unmarked sessions. */
AttDocument  *att_casepack_document_new      (AttDb               *db,
                                              gint64               pupil_id,
                                              AttDate              as_of,
                                              const AttLetterhead *letterhead,
                                              GError             **error);
/* The same from a pack already read; takes @pack. Refused as above (and
 * @pack freed). */
AttDocument  *att_casepack_document_new_for  (AttCasepack         *pack,
                                              const AttLetterhead *letterhead,
                                              GError             **error);

G_END_DECLS
