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

/* What the editor shows, for tests. */
/* The refusal or problem shown under the body, or NULL. */
const char        *att_template_editor_get_error         (AttTemplateEditor *self);
const char        *att_template_editor_get_name          (AttTemplateEditor *self);
/* The version being edited, as stored. */
guint              att_template_editor_get_version       (AttTemplateEditor *self);
gboolean           att_template_editor_get_modified      (AttTemplateEditor *self);
GtkTextView       *att_template_editor_get_body_view     (AttTemplateEditor *self);
GtkEditable       *att_template_editor_get_subject       (AttTemplateEditor *self);
AttPupil          *att_template_editor_get_preview_pupil (AttTemplateEditor *self);
void               att_template_editor_set_preview_pupil (AttTemplateEditor *self,
                                                          AttPupil          *pupil);
/* Whether a change waits for the preview to be merged again. */
gboolean           att_template_editor_get_preview_pending (AttTemplateEditor *self);
/* The previewed letter as plain text (att_letter_text_to_plain()), or
 * NULL before any was merged. */
char              *att_template_editor_dup_preview_text  (AttTemplateEditor *self);

/* Shows version @version of the template being edited, read only (the
 * version in use: the wording letters use, to edit). Asks first when the
 * wording is changed and unsaved, and returns FALSE then. */
gboolean           att_template_editor_show_version      (AttTemplateEditor *self,
                                                          guint              version);
/* The version shown: an earlier one, or the one in use. */
guint              att_template_editor_get_shown_version (AttTemplateEditor *self);
/* Starts editing from the earlier version shown: its wording, changed and
 * unsaved, so that saving makes the template's next version. FALSE when
 * no earlier version is shown or the user may not change templates. */
gboolean           att_template_editor_edit_from_version (AttTemplateEditor *self);

G_END_DECLS
