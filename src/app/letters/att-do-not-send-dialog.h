/* att-do-not-send-dialog.h: "do not send" for one pupil's letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

/* Asks why and until when no ladder letter goes to pupil @pupil_id's
 * family (a bereavement, a plan agreed with the family), or clears a
 * "do not send" in force; writes it through att_letters_do_not_send().
 * Returns the dialog, presented over @parent's window. */
GtkWindow *att_do_not_send_dialog_present (GtkWidget  *parent,
                                           AttContext *context,
                                           gint64      pupil_id);

G_END_DECLS
