/* att-penalty-page-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-penalty-case.h"
#include "att-penalty-page.h"

G_BEGIN_DECLS

/* Whether the list is still being counted. */
gboolean        att_penalty_page_is_loading    (AttPenaltyPage *self);
GtkListBox     *att_penalty_page_get_over_list (AttPenaltyPage *self);
GtkListBox     *att_penalty_page_get_near_list (AttPenaltyPage *self);
/* "loading", "list", "empty" or "case". */
const char     *att_penalty_page_get_state     (AttPenaltyPage *self);
AttPenaltyCase *att_penalty_page_get_case      (AttPenaltyPage *self);

G_END_DECLS
