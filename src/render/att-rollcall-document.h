/* att-rollcall-document.h: the printed fire roll call, a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-document.h"
#include "att-rollcall.h"

G_BEGIN_DECLS

/* The roll call of one session, A4 portrait: first the count of every
 * registration group and the total, then, for each group with anyone on
 * site, its own page listing them with a box to tick at the assembly
 * point. */
#define ATT_TYPE_ROLLCALL_DOCUMENT (att_rollcall_document_get_type ())
G_DECLARE_FINAL_TYPE (AttRollCallDocument, att_rollcall_document, ATT, ROLLCALL_DOCUMENT, GObject)

/* Takes @rollcall. @school and @footer ("Printed by ... on ...") may be
 * NULL. */
AttDocument  *att_rollcall_document_new (AttRollCall *rollcall,
                                         const char  *school,
                                         const char  *footer);

G_END_DECLS
