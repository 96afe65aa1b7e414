/* att-pupil-editor.h: a pupil added or changed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_PUPIL_EDITOR (att_pupil_editor_get_type ())
G_DECLARE_FINAL_TYPE (AttPupilEditor, att_pupil_editor, ATT, PUPIL_EDITOR, AdwWindow)

/* An editor of the pupil @pupil_id of @context's database, or of a new
 * pupil when @pupil_id is 0, over @parent. It emits "saved" (the pupil's
 * id, and whether it was added) once att_pupils_save() accepted the
 * pupil, and closes. */
AttPupilEditor *att_pupil_editor_new         (GtkWindow      *parent,
                                              AttContext     *context,
                                              gint64          pupil_id);
gint64          att_pupil_editor_get_pupil_id (AttPupilEditor *self);
/* The row of a field ("surname", "admission_date", ...), and the problem
 * shown under it (NULL for none): for the tests. */
GtkWidget      *att_pupil_editor_get_row     (AttPupilEditor *self,
                                              const char     *field);
const char     *att_pupil_editor_get_problem (AttPupilEditor *self,
                                              const char     *field);
/* Whether Save is enabled: the core accepts every field. */
gboolean        att_pupil_editor_can_save    (AttPupilEditor *self);

G_END_DECLS
