/* att-sign-in-view-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-sign-in-view.h"

G_BEGIN_DECLS

/* "sign-in" or "first-run". */
const char *att_sign_in_view_get_mode          (AttSignInView *self);
GtkListBox *att_sign_in_view_get_users_list    (AttSignInView *self);
GtkWidget  *att_sign_in_view_get_password_row  (AttSignInView *self);
GtkWidget  *att_sign_in_view_get_name_row      (AttSignInView *self);
GtkWidget  *att_sign_in_view_get_new_password_row (AttSignInView *self);
GtkWidget  *att_sign_in_view_get_confirm_row   (AttSignInView *self);
GtkWidget  *att_sign_in_view_get_submit_button (AttSignInView *self);
/* The message shown under the form, or NULL. */
const char *att_sign_in_view_get_message       (AttSignInView *self);
const char *att_sign_in_view_get_description   (AttSignInView *self);
/* Whether a password is being checked (on another thread). */
gboolean    att_sign_in_view_is_checking       (AttSignInView *self);

G_END_DECLS
