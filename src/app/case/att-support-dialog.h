/* att-support-dialog.h: the form support offered or an agency involved
 * is recorded with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_SUPPORT_DIALOG (att_support_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttSupportDialog, att_support_dialog, ATT, SUPPORT_DIALOG, AdwWindow)

/* A form for pupil @pupil_id from the school and the user of @context,
 * on top of @parent. Emits "saved" and closes once saved. */
AttSupportDialog *att_support_dialog_new       (AttContext       *context,
                                                GtkWindow        *parent,
                                                gint64            pupil_id);
/* What the form says under its fields after a refused save, or NULL. */
const char       *att_support_dialog_get_error (AttSupportDialog *self);

G_END_DECLS
