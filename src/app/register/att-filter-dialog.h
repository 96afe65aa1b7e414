/* att-filter-dialog.h: creates or changes a saved register filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-register-grid.h"

G_BEGIN_DECLS

#define ATT_TYPE_FILTER_DIALOG (att_filter_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttFilterDialog, att_filter_dialog, ATT, FILTER_DIALOG, AdwWindow)

/* A modal dialog over @parent for a new saved filter (@filter NULL, or
 * without a name to start from its values) or for changing the saved
 * filter @filter (one with a name, found by that name). Saving
 * writes the whole list of saved filters as @user; when it succeeds the
 * dialog emits "saved" with the filter as saved, then closes. */
AttFilterDialog     *att_filter_dialog_new        (GtkWindow           *parent,
                                                   AttDb               *db,
                                                   const AttUser       *user,
                                                   AttDate              today,
                                                   const AttGridFilter *filter);
/* The filter the fields describe now (its name stripped of spaces). */
AttGridFilter       *att_filter_dialog_dup_filter (AttFilterDialog     *self);
/* Pupils on roll today that the fields select. */
guint                att_filter_dialog_count_matching (AttFilterDialog *self);
/* The message shown in the dialog (a name already used, a refused
 * save), or NULL. */
const char          *att_filter_dialog_get_message (AttFilterDialog    *self);
/* What Save does: returns TRUE when the filter was saved. */
gboolean             att_filter_dialog_save       (AttFilterDialog     *self);

G_END_DECLS
