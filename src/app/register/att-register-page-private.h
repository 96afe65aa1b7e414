/* att-register-page-private.h: what the key controller and the tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-amend-dialog.h"
#include "att-filter-dialog.h"
#include "att-register-model.h"
#include "att-register-page.h"

G_BEGIN_DECLS

/* The key handler of the grid: the key controller calls it, and so do the
 * tests. Returns TRUE when the key was used. */
gboolean        att_register_page_handle_key       (AttRegisterPage  *self,
                                                    guint             keyval,
                                                    GdkModifierType   state);
/* Types text, one character at a time, through the key handler. */
void            att_register_page_type             (AttRegisterPage  *self,
                                                    const char       *text);
/* The cursor: a position in the list as shown (sorted and filtered) and
 * a session column of the grid. */
void            att_register_page_set_cursor       (AttRegisterPage  *self,
                                                    guint             position,
                                                    guint             column);
void            att_register_page_get_cursor       (AttRegisterPage  *self,
                                                    guint            *position,
                                                    guint            *column);
AttRegisterModel *att_register_page_get_model      (AttRegisterPage  *self);
/* The list as shown: AttRegisterRow items after sorting and filtering. */
GListModel     *att_register_page_get_view_model   (AttRegisterPage  *self);
GtkColumnView  *att_register_page_get_column_view  (AttRegisterPage  *self);
GtkEditable    *att_register_page_get_search_entry (AttRegisterPage  *self);
/* What stands in place of an empty grid: NULL while the grid is shown. */
AdwStatusPage  *att_register_page_get_empty_page   (AttRegisterPage  *self);
/* The dialog asking for a reason, while one is open. */
AttAmendDialog *att_register_page_get_amend_dialog (AttRegisterPage  *self);
/* The dialog creating or changing a saved filter, and the one asking to
 * delete one, while open. */
AttFilterDialog *att_register_page_get_filter_dialog (AttRegisterPage *self);
AdwMessageDialog *att_register_page_get_delete_dialog (AttRegisterPage *self);
/* The message last shown in the page's banner (a refused code, a broken
 * rule), or NULL when the banner is hidden. */
const char     *att_register_page_get_message      (AttRegisterPage  *self);
/* Opens the history popover of the cursor's cell and returns it. */
GtkWidget      *att_register_page_show_history     (AttRegisterPage  *self);
/* The popover asking for minutes late, while one is open. */
GtkPopover     *att_register_page_get_late_popover (AttRegisterPage  *self);
void            att_register_page_set_late_minutes (AttRegisterPage  *self,
                                                    int               minutes,
                                                    const char       *reason);
/* The code the late popover would record (ATT_CODE_L or ATT_CODE_U). */
AttCode         att_register_page_get_late_code    (AttRegisterPage  *self);
void            att_register_page_confirm_late     (AttRegisterPage  *self);
GtkWidget      *att_register_page_get_palette      (AttRegisterPage  *self);
/* Writes the week's register to a PDF file through the print operation. */
gboolean        att_register_page_export_pdf       (AttRegisterPage  *self,
                                                    const char       *path,
                                                    GError          **error);
/* The selection and the date shown. */
const AttGridFilter *att_register_page_get_filter  (AttRegisterPage  *self);
AttDate         att_register_page_get_date         (AttRegisterPage  *self);
/* TRUE for a week at a time, FALSE for a day. */
gboolean        att_register_page_get_week         (AttRegisterPage  *self);
/* The groups listed as not complete for the current session. */
GPtrArray      *att_register_page_get_missing      (AttRegisterPage  *self);

G_END_DECLS
