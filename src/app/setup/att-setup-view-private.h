/* att-setup-view-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-setup-view.h"

G_BEGIN_DECLS

/* "welcome", "school", "times", "terms", "admin" or "pupils". */
const char *att_setup_view_get_page_name (AttSetupView *self);
/* The message shown under the page's fields, or NULL. */
const char *att_setup_view_get_message   (AttSetupView *self);
/* The entry of field @key: a school setting ("name", "urn", "am_open"),
 * "admin-name", "admin-position", "password", "confirm", or
 * "term-N-name", "term-N-start", "term-N-end" (N from 0); and the buttons
 * "continue", "start", "import-pupils" and "import-ctf". */
GtkWidget  *att_setup_view_get_field     (AttSetupView *self,
                                          const char   *key);
/* The bank holidays the terms' page lists. */
guint       att_setup_view_get_n_bank_holidays (AttSetupView *self);

G_END_DECLS
