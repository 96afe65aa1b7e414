/* att-consideration-dialog.h: the school's consideration of a breach of
 * the penalty notice threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_CONSIDERATION_DIALOG (att_consideration_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttConsiderationDialog, att_consideration_dialog, ATT, CONSIDERATION_DIALOG, AdwWindow)

/* The form for @pupil_id's breach as of @as_of, over @parent's window;
 * NULL when no school is open. "recorded" is emitted with the new
 * consideration's id once it is recorded. */
AttConsiderationDialog *att_consideration_dialog_new          (AttContext             *context,
                                                               GtkWindow              *parent,
                                                               gint64                  pupil_id,
                                                               AttDate                 as_of);
/* Opens the form over the window holding @parent (any widget). */
void                    att_consideration_dialog_present      (GtkWidget              *parent,
                                                               AttContext             *context,
                                                               gint64                  pupil_id,
                                                               AttDate                 as_of);
/* The consideration recorded, 0 before. */
gint64                  att_consideration_dialog_get_recorded (AttConsiderationDialog *self);
/* Why the signed-in user may not record, or NULL. */
const char             *att_consideration_dialog_get_denied   (AttConsiderationDialog *self);
/* The message shown in place of the last refusal, or NULL. */
const char             *att_consideration_dialog_get_error    (AttConsiderationDialog *self);

G_END_DECLS
