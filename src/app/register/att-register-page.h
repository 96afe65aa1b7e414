/* att-register-page.h: the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-page.h"
#include "att-register-grid.h"

G_BEGIN_DECLS

#define ATT_TYPE_REGISTER_PAGE (att_register_page_get_type ())
G_DECLARE_FINAL_TYPE (AttRegisterPage, att_register_page, ATT, REGISTER_PAGE, AttPage)

/* The page follows its context's database and acts as its context's
 * user (see AttPage); made without a context, it makes its own. */
GtkWidget     *att_register_page_new         (void);
AttDb         *att_register_page_get_db      (AttRegisterPage     *self);
/* Shows a selection of pupils (a group, a year, the school, a saved
 * filter) on a date, a day or a week at a time. */
void           att_register_page_show        (AttRegisterPage     *self,
                                              const AttGridFilter *filter,
                                              AttDate              date,
                                              gboolean             week);
/* Puts the cursor, and the keyboard focus, on a pupil's row in the
 * session column the view starts on (the session now, when shown).
 * Returns FALSE when the pupil is not in the selection shown. */
/* Gives the keyboard to the grid, as on arriving from the Today page. */
void           att_register_page_focus_grid  (AttRegisterPage     *self);
gboolean       att_register_page_focus_pupil (AttRegisterPage     *self,
                                              gint64               pupil_id);

G_END_DECLS
