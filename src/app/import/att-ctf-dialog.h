/* att-ctf-dialog.h: importing a Common Transfer File in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"
#include "att-ctf.h"

G_BEGIN_DECLS

#define ATT_TYPE_CTF_DIALOG (att_ctf_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttCtfDialog, att_ctf_dialog, ATT, CTF_DIALOG, AdwWindow)

/* A modal window over @parent (may be NULL) for the school open in
 * @context, acting as its user: choose a file (ctf.choose, or ctf.open
 * with its path), read what it would change on a thread, show it, then
 * ctf.import writes it (new pupils admitted on the date given) or
 * ctf.cancel (Escape) closes it with nothing written. */
AttCtfDialog *att_ctf_dialog_new      (GtkWindow    *parent,
                                       AttContext   *context);
/* Whether a file is being read or imported. */
gboolean      att_ctf_dialog_is_busy  (AttCtfDialog *self);
/* What the file chosen would change; NULL before one is read. */
AttCtfPlan   *att_ctf_dialog_get_plan (AttCtfDialog *self);
/* The admission date of the new pupils, as typed. */
AdwEntryRow  *att_ctf_dialog_get_admission_row (AttCtfDialog *self);
/* The line that says what is happening, or what went wrong. */
const char   *att_ctf_dialog_get_status (AttCtfDialog *self);

G_END_DECLS
