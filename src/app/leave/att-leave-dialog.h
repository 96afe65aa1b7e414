/* att-leave-dialog.h: the form a parent's request for leave of absence
 * is recorded with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_LEAVE_DIALOG (att_leave_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttLeaveDialog, att_leave_dialog, ATT, LEAVE_DIALOG, AdwWindow)

/* "saved" is emitted once the request is recorded. */
AttLeaveDialog *att_leave_dialog_new           (AttContext     *context,
                                                GtkWindow      *parent);
/* The requests recorded (gint64, one a pupil), or empty. */
GArray         *att_leave_dialog_get_leave_ids (AttLeaveDialog *self);
/* The warnings shown for the request as it stands, one a line, or NULL. */
const char     *att_leave_dialog_get_warnings  (AttLeaveDialog *self);

G_END_DECLS
