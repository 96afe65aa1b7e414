/* att-leave-decision-dialog.h: one request for leave: what helps decide,
 * the decision, the withdrawal and the letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_LEAVE_DECISION_DIALOG (att_leave_decision_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttLeaveDecisionDialog, att_leave_decision_dialog, ATT, LEAVE_DECISION_DIALOG, AdwWindow)

/* The window of request @leave_id, or NULL when it cannot be read.
 * "saved" is emitted once it is decided or withdrawn. */
AttLeaveDecisionDialog *att_leave_decision_dialog_new         (AttContext             *context,
                                                               GtkWindow              *parent,
                                                               gint64                  leave_id);
/* What the decision wrote, one session a line, or NULL before. */
const char             *att_leave_decision_dialog_get_summary (AttLeaveDecisionDialog *self);
/* Writes the decision letter to the PDF file @path and logs it. */
gboolean                att_leave_decision_dialog_save_letter_to (AttLeaveDecisionDialog *self,
                                                                  const char             *path,
                                                                  GError                **error);

G_END_DECLS
