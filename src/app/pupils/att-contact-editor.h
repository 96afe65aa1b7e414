/* att-contact-editor.h: a pupil's contact added, changed or removed by
 * hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_CONTACT_EDITOR (att_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (AttContactEditor, att_contact_editor, ATT, CONTACT_EDITOR, AdwWindow)

/* An editor of the contact @contact_id of pupil @pupil_id, or of a new
 * contact (called after the others) when @contact_id is 0. A user who
 * may change only contacts' numbers (a receptionist) may change the
 * phone numbers and the e-mail address, and the other fields are shown
 * but not editable. It emits "saved" (the contact's id) or "removed"
 * (the contact's id), and closes. */
AttContactEditor *att_contact_editor_new          (GtkWindow        *parent,
                                                   AttContext       *context,
                                                   gint64            pupil_id,
                                                   gint64            contact_id);
gint64            att_contact_editor_get_contact_id (AttContactEditor *self);
/* For the tests. */
GtkWidget        *att_contact_editor_get_row      (AttContactEditor *self,
                                                   const char       *field);
gboolean          att_contact_editor_is_editable  (AttContactEditor *self,
                                                   const char       *field);
const char       *att_contact_editor_get_problem  (AttContactEditor *self,
                                                   const char       *field);
gboolean          att_contact_editor_can_save     (AttContactEditor *self);

G_END_DECLS
