/* att-penalty-case.h: one pupil's penalty case: the breach, the
 * considerations, notices to improve and penalty notices, with actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_PENALTY_CASE (att_penalty_case_get_type ())
G_DECLARE_FINAL_TYPE (AttPenaltyCase, att_penalty_case, ATT, PENALTY_CASE, GtkWidget)

/* Shows @pupil_id's case as of @as_of, read through @context. */
void        att_penalty_case_show               (AttPenaltyCase *self,
                                                 AttContext     *context,
                                                 gint64          pupil_id,
                                                 AttDate         as_of);
/* Gives the keyboard to the case's first action, Record a Consideration. */
void        att_penalty_case_focus              (AttPenaltyCase *self);
/* Reads the case again (after a change). */
void        att_penalty_case_reload             (AttPenaltyCase *self);
gint64      att_penalty_case_get_pupil_id       (AttPenaltyCase *self);
/* The case's lists, for the tests. */
GtkListBox *att_penalty_case_get_considerations (AttPenaltyCase *self);
GtkListBox *att_penalty_case_get_improve_list   (AttPenaltyCase *self);
GtkListBox *att_penalty_case_get_notices_list   (AttPenaltyCase *self);
/* The figures line under the name. */
const char *att_penalty_case_get_figures        (AttPenaltyCase *self);
/* The last refusal shown in place, or NULL. */
const char *att_penalty_case_get_error          (AttPenaltyCase *self);

G_END_DECLS
