/* att-users-dialog-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-users-dialog.h"

G_BEGIN_DECLS

/* The row of the user called @name, or NULL. */
GtkWidget  *att_users_dialog_get_row        (AttUsersDialog *self,
                                             const char     *name);
/* The button of that row that activates @action_name ("users.deputy",
 * "users.set-active", "users.reset-password"). */
GtkWidget  *att_users_dialog_get_row_button (AttUsersDialog *self,
                                             const char     *name,
                                             const char     *action_name);
/* "name", "role", "position", "add-password", "add-confirm" (adding a
 * user), "password", "confirm" (resetting one), "lock". */
GtkWidget  *att_users_dialog_get_entry      (AttUsersDialog *self,
                                             const char     *which);
/* The last message shown as a toast, or NULL. */
const char *att_users_dialog_get_message    (AttUsersDialog *self);

G_END_DECLS
