/* att-notice-dialog.h: a request to the local authority for a penalty
 * notice to one parent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_NOTICE_DIALOG (att_notice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttNoticeDialog, att_notice_dialog, ATT, NOTICE_DIALOG, AdwWindow)

/* The form for @pupil_id, asked for today; NULL when no school is open.
 * "saved" is emitted once the request is recorded. */
AttNoticeDialog *att_notice_dialog_new           (AttContext      *context,
                                                  GtkWindow       *parent,
                                                  gint64           pupil_id);
/* The parents with parental responsibility offered, and choosing one. */
guint            att_notice_dialog_get_n_parents (AttNoticeDialog *self);
void             att_notice_dialog_set_parent    (AttNoticeDialog *self,
                                                  guint            index);
/* The kind's and amounts' words as shown. */
const char      *att_notice_dialog_get_kind_text (AttNoticeDialog *self);
/* The request recorded, 0 before. */
gint64           att_notice_dialog_get_recorded  (AttNoticeDialog *self);
/* The refusal shown in place, or NULL. */
const char      *att_notice_dialog_get_error     (AttNoticeDialog *self);
/* The date entry, for the tests. */
GtkEditable     *att_notice_dialog_get_date      (AttNoticeDialog *self);

G_END_DECLS
