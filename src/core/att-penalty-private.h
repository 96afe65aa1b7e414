/* att-penalty-private.h: what the penalty core's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "att-penalty.h"

G_BEGIN_DECLS

/* Only the headteacher, or the deputy the headteacher authorised as the
 * database holds it now, may decide (ATT_PERM_PENALTY). */
gboolean      _att_penalty_check_decider   (AttDb          *db,
                                            const AttUser  *user,
                                            GError        **error);
/* Audits the change of row @id of @table (its before as JSON, may be
 * NULL for an addition) and commits the open transaction. */
gboolean      _att_penalty_audit_commit    (AttDb          *db,
                                            const AttUser  *user,
                                            const char     *table,
                                            gint64          id,
                                            gint64          pupil_id,
                                            const char     *action,
                                            const char     *detail,
                                            const char     *before,
                                            GError        **error);
/* "Name (UPN ...)" of a pupil, for messages. */
char         *_att_penalty_pupil_label     (AttDb          *db,
                                            gint64          pupil_id);
/* The newest consideration of @pupil_id as of @as_of or before, with its
 * decision; 0 in *id when there is none. */
gboolean      _att_penalty_latest_decision (AttDb          *db,
                                            gint64          pupil_id,
                                            AttDate         as_of,
                                            gint64         *id,
                                            AttPenaltyDecision *decision,
                                            GError        **error);
/* Fills @row's pupil fields from the pupil's record. */
void          _att_penalty_row_fill_pupil  (AttDb          *db,
                                            AttPenaltyRow  *row);
/* Fills @row's running improvement period as of @as_of. */
gboolean      _att_penalty_row_fill_improve (AttDb         *db,
                                             AttPenaltyRow *row,
                                             AttDate        as_of,
                                             GError       **error);
/* The day before @date three years earlier: the rolling 3 years to
 * @date are the days after it (29 February's is 28 February). */
AttDate       _att_penalty_three_years_before (AttDate      date);

G_END_DECLS
