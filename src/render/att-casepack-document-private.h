/* att-casepack-document-private.h: the referral pack's sections about the
 * case (support, the chronology, considerations, notices to improve)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-casepack.h"
#include "att-flow-private.h"

G_BEGIN_DECLS

/* Adds the body of @section (one of ATT_CASEPACK_SUPPORT, _CHRONOLOGY,
 * _CONSIDERATIONS, _NOTICE_TO_IMPROVE) of @pack to @flow, under the
 * heading the caller has added. */
void _att_casepack_document_add_case_section (AttFlow            *flow,
                                              AttCasepack        *pack,
                                              AttCasepackSection  section);

/* The same for ATT_CASEPACK_CONSIDERATIONS and _NOTICE_TO_IMPROVE. */
void _att_casepack_document_add_penalty_section (AttFlow            *flow,
                                                 AttCasepack        *pack,
                                                 AttCasepackSection  section);

G_END_DECLS
