/* att-rules-window.h: the school's letter ladder, stage by stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_RULES_WINDOW (att_rules_window_get_type ())
G_DECLARE_FINAL_TYPE (AttRulesWindow, att_rules_window, ATT, RULES_WINDOW, AdwWindow)

/* Shows the rules window over @parent (a widget inside a window, or
 * NULL): the ladder's stages in order, each edited in a form, presets,
 * and the template editor of a stage's letter. */
void            att_rules_window_present (GtkWidget  *parent,
                                          AttContext *context);

AttRulesWindow *att_rules_window_new     (AttContext *context,
                                          GtkWindow  *parent);

G_END_DECLS
