/* att-case-view-private.h: what the parts of AttCaseView share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-case-view.h"
#include "att-document.h"

G_BEGIN_DECLS

AttDb       *_att_case_view_get_db              (AttCaseView *self);
AttContext  *_att_case_view_get_context         (AttCaseView *self);
GtkWindow   *_att_case_view_get_window          (AttCaseView *self);
/* Shows @message (NULL hides it) above the case, where the buttons are. */
void         _att_case_view_show_message        (AttCaseView *self,
                                                 const char  *message);
/* Why the user may not record in the case (the core's words), or NULL. */
const char  *_att_case_view_get_casework_denied (AttCaseView *self);
/* "chronology-UPN-YYYY-MM-DD.csv" for a file chooser. */
char        *_att_case_view_file_name           (AttCaseView *self,
                                                 const char  *what,
                                                 const char  *extension);
/* "Tue 3 Nov 2026" or "Tue 3 Nov 2026, 09:30" (@time -1: no time). */
char        *_att_case_format_when              (AttDate      date,
                                                 int          time);
AttDocument *_att_case_view_chronology_document (AttCaseView *self);

/* att-case-view-actions.c */
void         _att_case_view_fill_contacts       (AttCaseView *self,
                                                 AttDb       *db,
                                                 GtkListBox  *list);
void         _att_case_view_print_invitation_action (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);
void         _att_case_view_print_outcome_action    (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);
void         _att_case_view_confirm_contact_action  (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);
void         _att_case_view_referral_pack_action    (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);

G_END_DECLS
