/* att-late-dialog.h: the late book's form: a late arrival, or a pupil
 * signed out during the day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_LATE_DIALOG (att_late_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttLateDialog, att_late_dialog, ATT, LATE_DIALOG, AdwWindow)

AttLateDialog *att_late_dialog_new      (AttContext    *context,
                                         GtkWindow     *parent,
                                         AttLateKind    kind);
/* The entry saved, or 0. */
gint64         att_late_dialog_get_entry_id (AttLateDialog *self);

G_END_DECLS
