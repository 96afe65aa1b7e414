/* att-amend-dialog.h: asks why a saved mark is changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATT_TYPE_AMEND_DIALOG (att_amend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttAmendDialog, att_amend_dialog, ATT, AMEND_DIALOG, AdwMessageDialog)

/* The responses: "cancel" and "amend" (enabled once there is a reason). */
#define ATT_AMEND_RESPONSE_AMEND "amend"

/* A dialog with the common reasons to pick from and a line for another;
 * @action is the label of the button that makes the change. */
AttAmendDialog *att_amend_dialog_new           (GtkWindow      *parent,
                                                const char     *heading,
                                                const char     *body,
                                                const char     *action);
/* The same with other common reasons to pick from (NULL-terminated). */
AttAmendDialog *att_amend_dialog_new_with_reasons (GtkWindow          *parent,
                                                   const char         *heading,
                                                   const char         *body,
                                                   const char         *action,
                                                   const char * const *reasons);
/* The reason chosen or typed (typed text wins), or NULL. */
char           *att_amend_dialog_dup_reason    (AttAmendDialog *self);
/* Types @reason into the free-text line. */
void            att_amend_dialog_set_reason    (AttAmendDialog *self,
                                                const char     *reason);
/* Picks the @index-th common reason. */
void            att_amend_dialog_select_reason (AttAmendDialog *self,
                                                guint           index);

G_END_DECLS
