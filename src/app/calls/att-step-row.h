/* att-step-row.h: one step of the first-day procedure, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_STEP_ROW (att_step_row_get_type ())
G_DECLARE_FINAL_TYPE (AttStepRow, att_step_row, ATT, STEP_ROW, AdwExpanderRow)

AttStepRow *att_step_row_new          (const AttStep *step);
/* The step as the procedure stores it, from the fields as they stand:
 * "DAY[+EVERY];FOR;ACTION;DUE;WHO". The core checks it. */
char       *att_step_row_dup_line     (AttStepRow    *self);
/* Shows @step, as saved, in the row's title and subtitle. */
void        att_step_row_show_step    (AttStepRow    *self,
                                       const AttStep *step);
/* Marks the row as holding a mistake (or not). */
void        att_step_row_set_invalid  (AttStepRow    *self,
                                       gboolean       invalid);

G_END_DECLS
