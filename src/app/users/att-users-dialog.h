/* att-users-dialog.h: the school's users, for its administrators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_USERS_DIALOG (att_users_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttUsersDialog, att_users_dialog, ATT, USERS_DIALOG, AdwPreferencesWindow)

/* The users of the context's school, managed as the context's user. */
AttUsersDialog *att_users_dialog_new (AttContext *context);

G_END_DECLS
