/* att-case-view.h: one pupil's case: meetings, support, the chronology,
 * the registration certificate and the referral pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_CASE_VIEW (att_case_view_get_type ())
G_DECLARE_FINAL_TYPE (AttCaseView, att_case_view, ATT, CASE_VIEW, GtkWidget)

/* Shows the case of pupil @pupil_id (0 clears it) from the school and
 * the user of @context. The records are read now if the view is on
 * screen, otherwise when it is next mapped; call again after the
 * database changed. */
void        att_case_view_show             (AttCaseView *self,
                                            AttContext  *context,
                                            gint64       pupil_id);
gint64      att_case_view_get_pupil_id     (AttCaseView *self);

/* Reads the case again now (the dialogs call it after a save). */
void        att_case_view_refresh          (AttCaseView *self);

/* For the tests: the chronology's rows (AdwActionRow, one per entry, or
 * one row saying there is none), the meetings' rows and the support
 * rows, in the order shown. */
GtkListBox *att_case_view_get_chronology_list (AttCaseView *self);
GtkListBox *att_case_view_get_meetings_list   (AttCaseView *self);
GtkListBox *att_case_view_get_support_list    (AttCaseView *self);
GtkListBox *att_case_view_get_contacts_list   (AttCaseView *self);
/* What the view says in place after a refused action (the referral pack
 * refused, a letter that could not be printed), or NULL. */
const char *att_case_view_get_message         (AttCaseView *self);

/* Writes the chronology as CSV, or the referral pack as a PDF, to @path:
 * what Export CSV… and Save Referral Pack… do once a file is chosen. */
gboolean    att_case_view_export_chronology   (AttCaseView *self,
                                               const char  *path,
                                               GError     **error);
gboolean    att_case_view_save_referral_pack  (AttCaseView *self,
                                               const char  *path,
                                               GError     **error);

G_END_DECLS
