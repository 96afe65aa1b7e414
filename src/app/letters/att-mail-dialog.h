/* att-mail-dialog.h: the school's mail server, for letters sent by e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_MAIL_DIALOG (att_mail_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttMailDialog, att_mail_dialog, ATT, MAIL_DIALOG, AdwPreferencesWindow)

/* A modal dialog over @parent (may be NULL) showing the mail server's
 * settings of the school open in @context. Saving them (mail.save) needs
 * ATT_PERM_SETTINGS, and the fields say why not otherwise; a test message
 * (mail.send-test) is sent with the settings as they stand in the form,
 * on a thread, and its result shown. */
AttMailDialog *att_mail_dialog_new (GtkWindow  *parent,
                                    AttContext *context);

G_END_DECLS
