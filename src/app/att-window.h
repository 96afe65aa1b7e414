/* att-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-application.h"

G_BEGIN_DECLS

#define ATT_TYPE_WINDOW (att_window_get_type ())
G_DECLARE_FINAL_TYPE (AttWindow, att_window, ATT, WINDOW, AdwApplicationWindow)

AttWindow  *att_window_new         (AttApplication *application);
/* What the window hands to every page. */
AttContext *att_window_get_context (AttWindow      *self);
/* Shows @message in a toast over the window's content. */
void        att_window_add_toast   (AttWindow      *self,
                                    const char     *message);

G_END_DECLS
