/* att-stage-editor.h: the form of one stage of the letter ladder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"
#include "att-ladder.h"

G_BEGIN_DECLS

#define ATT_TYPE_STAGE_EDITOR (att_stage_editor_get_type ())
G_DECLARE_FINAL_TYPE (AttStageEditor, att_stage_editor, ATT, STAGE_EDITOR, GtkBox)

/* A form for @stage (NULL: a new stage, added at the end), one of the
 * stages of @ladder (AttLadderStage, in order). Saving goes through
 * att_ladder_save_stage(); the form emits "saved" with the stage's name
 * once stored, "deleted" once removed, and "back" when the office goes
 * back to the ladder. */
AttStageEditor *att_stage_editor_new          (AttContext           *context,
                                               const AttLadderStage *stage,
                                               GPtrArray            *ladder);
/* The stage as the form holds it. */
AttLadderStage *att_stage_editor_dup_stage    (AttStageEditor       *self);
/* Saves the stage; FALSE when refused (the refusal is shown and the
 * field's row marked). */
gboolean        att_stage_editor_save         (AttStageEditor       *self);
gboolean        att_stage_editor_get_modified (AttStageEditor       *self);
/* The refusal shown, or NULL. */
const char     *att_stage_editor_get_error    (AttStageEditor       *self);
/* The field whose row is marked ("percent", "meeting-time"...), or NULL. */
const char     *att_stage_editor_get_invalid_field (AttStageEditor  *self);
/* The input of a field, by the names above: a GtkSpinButton, a
 * GtkEditable (AdwEntryRow), an AdwComboRow or a GtkSwitch. */
GtkWidget      *att_stage_editor_get_field    (AttStageEditor       *self,
                                               const char           *field);
/* Whether the form may be changed; @reason says why not. */
void            att_stage_editor_set_editable (AttStageEditor       *self,
                                               gboolean              editable,
                                               const char           *reason);

G_END_DECLS
