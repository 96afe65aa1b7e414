/* att-penalty-rows.h: the words and rows the Penalty Notices page, its
 * case view and the Today dashboard show a breach and its records in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-penalty.h"

G_BEGIN_DECLS

void       att_penalty_clear_list            (GtkListBox                    *list);
/* "12 unauthorised sessions from Mon 7 Sep 2026 to Fri 13 Nov 2026 (10
 * school weeks), counted on …; includes N codes; 1 penalty notice in
 * the last 3 years" */
char      *att_penalty_breach_describe       (const AttBreach               *breach,
                                              AttDate                        as_of);
/* "£80", "£160", "£12.50" */
char      *att_penalty_money_text            (guint                          pence);
/* "£80 within 21 days, £160 within 28 days" for @kind. */
char      *att_penalty_amounts_text          (AttPenaltyNoticeKind           kind);
/* "Mon 7 Sep 2026, morning (G)" */
char      *att_penalty_session_text          (const AttPenaltySession       *session);
/* A row of the penalty list: the pupil, the count and window, N, the
 * notices in 3 years, considered or not, a running notice to improve;
 * activating it runs "penalty.open-case" with the pupil's id. */
GtkWidget *att_penalty_list_row_new          (const AttPenaltyRow           *row);
/* The case's rows, each opening on its details. */
GtkWidget *att_penalty_consideration_row_new (const AttPenaltyConsideration *consideration);
GtkWidget *att_penalty_improve_row_new       (const AttNoticeToImprove      *notice,
                                              GArray                        *flagged,
                                              AttDate                        today);
GtkWidget *att_penalty_notice_row_new        (const AttPenaltyNotice        *notice);

G_END_DECLS
