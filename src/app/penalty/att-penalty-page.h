/* att-penalty-page.h: the Penalty Notices page: the pupils at or near the
 * National Framework threshold, and each pupil's case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-page.h"

G_BEGIN_DECLS

#define ATT_TYPE_PENALTY_PAGE (att_penalty_page_get_type ())
G_DECLARE_FINAL_TYPE (AttPenaltyPage, att_penalty_page, ATT, PENALTY_PAGE, AttPage)

/* The day the list is counted to (today until another is chosen). */
AttDate       att_penalty_page_get_as_of   (AttPenaltyPage *self);
void          att_penalty_page_set_as_of   (AttPenaltyPage *self,
                                            AttDate         as_of);
/* Opens @pupil_id's case. */
void          att_penalty_page_open_case   (AttPenaltyPage *self,
                                            gint64          pupil_id);

G_END_DECLS
