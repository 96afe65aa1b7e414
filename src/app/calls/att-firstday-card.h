/* att-firstday-card.h: the Today page's line for first-day calling: how
 * many pupils are still to be reached, opening the Calls page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_FIRSTDAY_CARD (att_firstday_card_get_type ())
G_DECLARE_FINAL_TYPE (AttFirstdayCard, att_firstday_card, ATT, FIRSTDAY_CARD, AdwPreferencesGroup)

/* Counts the first-day list of @today at @clock (minutes after
 * midnight); hidden with no school. */
void          att_firstday_card_update      (AttFirstdayCard *self,
                                             AttDb           *db,
                                             AttDate          today,
                                             int              clock);
/* The pupils counted, or -1 when the list could not be made. */
int           att_firstday_card_get_count   (AttFirstdayCard *self);

G_END_DECLS
