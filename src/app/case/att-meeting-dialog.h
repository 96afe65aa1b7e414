/* att-meeting-dialog.h: the form a meeting with the family is planned
 * and recorded with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_MEETING_DIALOG (att_meeting_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttMeetingDialog, att_meeting_dialog, ATT, MEETING_DIALOG, AdwWindow)

/* Plans a meeting about pupil @pupil_id (@meeting_id 0), or records what
 * happened at meeting @meeting_id, from the school and the user of
 * @context, on top of @parent. Emits "saved" and closes once saved. */
AttMeetingDialog *att_meeting_dialog_new           (AttContext       *context,
                                                    GtkWindow        *parent,
                                                    gint64            pupil_id,
                                                    gint64            meeting_id);
/* The meeting saved (its id), 0 until then. */
gint64            att_meeting_dialog_get_saved_id  (AttMeetingDialog *self);
/* What the form says under its fields after a refused save, or NULL. */
const char       *att_meeting_dialog_get_error     (AttMeetingDialog *self);

G_END_DECLS
