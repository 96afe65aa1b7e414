/* att-leave-card.h: the Today page's lines for leave of absence: the
 * requests waiting for a decision, the part-time timetables due a review
 * and the pupils not back from leave, each opening the Leave page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-leave.h"

G_BEGIN_DECLS

#define ATT_TYPE_LEAVE_CARD (att_leave_card_get_type ())
G_DECLARE_FINAL_TYPE (AttLeaveCard, att_leave_card, ATT, LEAVE_CARD, AdwPreferencesGroup)

/* Counts as of @today; hidden with no school, and with nothing to do. */
void          att_leave_card_update        (AttLeaveCard *self,
                                            AttDb        *db,
                                            AttDate       today);
/* The counts shown (every field 0 before the first update). */
const AttLeaveCounts *att_leave_card_get_counts (AttLeaveCard *self);

G_END_DECLS
