/* att-sar-document.h: everything held about one pupil, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-document.h"
#include "att-sar.h"

G_BEGIN_DECLS

/* The answer to a subject access request, A4 landscape: each section of
 * @sar (att_sar_collect()) in turn, the details and the contacts as
 * forms, the others as tables whose cells wrap so that nothing is cut;
 * an empty section says that nothing is held. */
#define ATT_TYPE_SAR_DOCUMENT (att_sar_document_get_type ())
G_DECLARE_FINAL_TYPE (AttSarDocument, att_sar_document, ATT, SAR_DOCUMENT, GObject)

/* Takes @sar. */
AttDocument  *att_sar_document_new (AttSar *sar);

G_END_DECLS
