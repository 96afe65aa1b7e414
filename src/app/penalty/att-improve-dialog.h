/* att-improve-dialog.h: starting a notice to improve, and its letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_IMPROVE_DIALOG (att_improve_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttImproveDialog, att_improve_dialog, ATT, IMPROVE_DIALOG, AdwWindow)

/* The form for a notice to improve for @pupil_id, issued today with the
 * school's period; NULL when no school is open. "saved" is emitted once
 * the notice is started, and again once its letter is logged. */
AttImproveDialog *att_improve_dialog_new            (AttContext       *context,
                                                     GtkWindow        *parent,
                                                     gint64            pupil_id);
/* The form of notice @notice_id already started: its letter to print. */
AttImproveDialog *att_improve_dialog_new_for_notice (AttContext       *context,
                                                     GtkWindow        *parent,
                                                     gint64            notice_id);
/* The last day of the period as the form shows it, or ATT_DATE_NONE. */
AttDate           att_improve_dialog_get_end        (AttImproveDialog *self);
void              att_improve_dialog_set_weeks      (AttImproveDialog *self,
                                                     guint             weeks);
/* The notice started, 0 before. */
gint64            att_improve_dialog_get_notice_id  (AttImproveDialog *self);
/* Writes the notice's letter to the PDF file @path and logs it. */
gboolean          att_improve_dialog_save_letter_to (AttImproveDialog *self,
                                                     const char       *path,
                                                     GError          **error);
/* The last refusal shown in place, or NULL. */
const char       *att_improve_dialog_get_error      (AttImproveDialog *self);

G_END_DECLS
