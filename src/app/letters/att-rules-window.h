/* att-rules-window.h: the school's letter ladder, stage by stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"
#include "att-stage-editor.h"
#include "att-stage-row.h"

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

/* What the window shows, for tests. */
/* The last refusal shown, or NULL when the last change was saved. */
const char     *att_rules_window_get_error     (AttRulesWindow *self);
guint           att_rules_window_get_n_stages  (AttRulesWindow *self);
AttStageRow    *att_rules_window_get_stage_row (AttRulesWindow *self,
                                                guint           index);
/* The stage form shown, or NULL when the ladder is. */
AttStageEditor *att_rules_window_get_editor    (AttRulesWindow *self);

G_END_DECLS
