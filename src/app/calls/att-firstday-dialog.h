/* att-firstday-dialog.h: the school's first-day procedure, its text
 * message and its designated safeguarding lead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_FIRSTDAY_DIALOG (att_firstday_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttFirstdayDialog, att_firstday_dialog, ATT, FIRSTDAY_DIALOG, AdwPreferencesWindow)

AttFirstdayDialog *att_firstday_dialog_new          (AttContext        *context,
                                                     GtkWindow         *parent);
/* The last refusal shown, or NULL when the last change was saved. */
const char        *att_firstday_dialog_get_error    (AttFirstdayDialog *self);
/* The step rows, in order (AttStepRow). */
GtkWidget         *att_firstday_dialog_get_step_row (AttFirstdayDialog *self,
                                                     guint              index);
guint              att_firstday_dialog_get_n_steps  (AttFirstdayDialog *self);

G_END_DECLS
