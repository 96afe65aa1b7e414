/* att-audit-window.h: the audit log, read by an administrator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_AUDIT_WINDOW (att_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (AttAuditWindow, att_audit_window, ATT, AUDIT_WINDOW, AdwWindow)

/* The log of @context's database as its user may read it (an
 * administrator), newest first, with filters by user, kind, pupil and
 * dates, and an export of what is shown to CSV. */
AttAuditWindow *att_audit_window_new               (AttContext     *context);

/* For the tests. */
GtkColumnView  *att_audit_window_get_column_view   (AttAuditWindow *self);
GtkDropDown    *att_audit_window_get_user_dropdown (AttAuditWindow *self);
GtkDropDown    *att_audit_window_get_kind_dropdown (AttAuditWindow *self);
GtkEditable    *att_audit_window_get_pupil_entry   (AttAuditWindow *self);
GtkEditable    *att_audit_window_get_from_entry    (AttAuditWindow *self);
GtkEditable    *att_audit_window_get_to_entry      (AttAuditWindow *self);
/* TRUE while the empty state is shown instead of the list. */
gboolean        att_audit_window_is_empty          (AttAuditWindow *self);
/* Writes the rows the filters select to @path, as the Export button does. */
gboolean        att_audit_window_export            (AttAuditWindow *self,
                                                    const char     *path,
                                                    GError        **error);

G_END_DECLS
