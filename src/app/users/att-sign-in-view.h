/* att-sign-in-view.h: signing in, unlocking, and the first administrator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_SIGN_IN_VIEW (att_sign_in_view_get_type ())
G_DECLARE_FINAL_TYPE (AttSignInView, att_sign_in_view, ATT, SIGN_IN_VIEW, GtkWidget)

/* What the window shows while nobody is signed in, or while it is
 * locked. A user who signs in becomes the user of @context, and the view
 * emits "signed-in". */
AttSignInView *att_sign_in_view_new   (AttContext     *context);

/* Shows the form again, empty: the active users of the context's school
 * to choose from, or, when the school has no users at all, the form that
 * makes the first administrator. @locked_by is the user who locked the
 * window, chosen already so that only their password is asked; NULL when
 * nobody is signed in. */
void           att_sign_in_view_reset (AttSignInView  *self,
                                       const AttUser  *locked_by);

G_END_DECLS
