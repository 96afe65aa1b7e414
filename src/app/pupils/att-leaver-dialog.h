/* att-leaver-dialog.h: a pupil leaving the roll, with their leaving date
 * and destination
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_LEAVER_DIALOG (att_leaver_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttLeaverDialog, att_leaver_dialog, ATT, LEAVER_DIALOG, AdwMessageDialog)

/* Asks for the last day on roll (today to begin with) and where the pupil
 * @pupil_id goes; "Record Leaver" is enabled once the core would accept
 * them (att_pupils_leave_check()), and records the leaver through
 * att_pupils_leave(), then emits "recorded" with the pupil's id. */
AttLeaverDialog *att_leaver_dialog_new        (GtkWindow       *parent,
                                               AttContext      *context,
                                               gint64           pupil_id);
/* For the tests: the date line, the kind of destination (a combo row:
 * another school, elective home education, moved abroad, other) and the
 * line for the school or the details; the problem shown, or NULL. */
GtkWidget       *att_leaver_dialog_get_date_row   (AttLeaverDialog *self);
GtkWidget       *att_leaver_dialog_get_kind_row   (AttLeaverDialog *self);
GtkWidget       *att_leaver_dialog_get_detail_row (AttLeaverDialog *self);
const char      *att_leaver_dialog_get_problem    (AttLeaverDialog *self);
/* The destination as it will be recorded. */
char            *att_leaver_dialog_dup_destination (AttLeaverDialog *self);

G_END_DECLS
