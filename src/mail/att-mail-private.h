/* att-mail-private.h: what the parts of the mail library share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-mail.h"

G_BEGIN_DECLS

/* att_mail_send(), also saying whether the failure was the server's
 * (could not connect, secure or sign in): then every other message
 * would fail the same way, and a batch stops. */
gboolean            _att_mail_send                (const AttMailSettings *settings,
                                                   AttMailMessage   *message,
                                                   gboolean         *server_failed,
                                                   GError          **error);

G_END_DECLS
