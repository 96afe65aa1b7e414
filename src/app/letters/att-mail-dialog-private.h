/* att-mail-dialog-private.h: what the tests read of the Mail Server dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-mail-dialog.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_MAIL_FIELD_HOST,
  ATT_MAIL_FIELD_CA_FILE,
  ATT_MAIL_FIELD_USERNAME,
  ATT_MAIL_FIELD_PASSWORD,
  ATT_MAIL_FIELD_FROM_ADDRESS,
  ATT_MAIL_FIELD_FROM_NAME,
  ATT_MAIL_FIELD_REPLY_TO,
  ATT_MAIL_FIELD_TEST_ADDRESS,
} AttMailField;

GtkEditable    *att_mail_dialog_get_field        (AttMailDialog *self,
                                                  AttMailField   field);
AdwComboRow    *att_mail_dialog_get_security_row (AttMailDialog *self);
GtkSpinButton  *att_mail_dialog_get_port_spin    (AttMailDialog *self);
/* The last result shown: saved, sent, or what went wrong. */
const char     *att_mail_dialog_get_last_message (AttMailDialog *self);
/* Whether a test message is being sent. */
gboolean        att_mail_dialog_is_busy          (AttMailDialog *self);

G_END_DECLS
