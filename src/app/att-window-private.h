/* att-window-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-setup-view.h"
#include "att-sign-in-view.h"
#include "att-window.h"

G_BEGIN_DECLS

GtkListBox  *att_window_get_sidebar           (AttWindow  *self);
/* The page widget of an area ("today", "pupils"), or NULL. */
/* The page called @name, made now if it was not yet shown. */
GtkWidget   *att_window_get_page              (AttWindow  *self,
                                               const char *name);
/* Whether the page called @name was made (shown or asked for). */
gboolean     att_window_has_page              (AttWindow  *self,
                                               const char *name);
const char  *att_window_get_visible_page_name (AttWindow  *self);
/* "main", "sign-in", "setup", "creating" or "error". */
const char  *att_window_get_state_name        (AttWindow  *self);
/* The text of the "Signed in as" line. */
const char  *att_window_get_user_text         (AttWindow  *self);

AttSignInView *att_window_get_sign_in_view    (AttWindow  *self);
gboolean     att_window_is_locked             (AttWindow  *self);
/* Locks the window when nobody has used it since @now (monotonic time)
 * less the school's lock_minutes; returns whether it locked. */
gboolean     att_window_check_idle            (AttWindow  *self,
                                               gint64      now);
/* The name of the area at @index in sidebar order, or NULL past the last. */
const char  *att_window_get_page_name         (guint       index);
/* The first run's steps, shown while a school is set up. */
AttSetupView *att_window_get_setup_view       (AttWindow  *self);

G_END_DECLS
