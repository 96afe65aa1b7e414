/* att-template-editor.h: a letter template's subject and body, with a
 * live preview of a real pupil's letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_TEMPLATE_EDITOR (att_template_editor_get_type ())
G_DECLARE_FINAL_TYPE (AttTemplateEditor, att_template_editor, ATT, TEMPLATE_EDITOR, AdwWindow)

/* Shows the template editor over @parent (a widget inside a window, or
 * NULL), opened on @template_name, or on the first template of the list
 * when it is NULL. */
void               att_template_editor_present (GtkWidget  *parent,
                                                AttContext *context,
                                                const char *template_name);

AttTemplateEditor *att_template_editor_new     (AttContext *context,
                                                GtkWindow  *parent,
                                                const char *template_name);

G_END_DECLS
