/* att-call-dialog.h: the form a call about an absence is logged with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_CALL_DIALOG (att_call_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttCallDialog, att_call_dialog, ATT, CALL_DIALOG, AdwWindow)

/* A form for a call about today's absence, from the school and the user
 * of @context, on top of @parent. */
AttCallDialog *att_call_dialog_new          (AttContext    *context,
                                             GtkWindow     *parent);
/* Fills the form for @pupil_id (its brothers and sisters offered too),
 * with @contact_id (0: the first in calling order) as the caller, the
 * school calling out: the first-day list's "reached". */
void           att_call_dialog_set_pupil    (AttCallDialog *self,
                                             gint64         pupil_id,
                                             gint64         contact_id,
                                             gboolean       outgoing);
/* The call records saved (gint64), empty until the form is saved. */
GArray        *att_call_dialog_get_call_ids (AttCallDialog *self);
/* What the form shows as saved, one line a session changed. */
const char    *att_call_dialog_get_summary  (AttCallDialog *self);

G_END_DECLS
