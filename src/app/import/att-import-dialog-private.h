/* att-import-dialog-private.h: what the tests reach of the import dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-import-dialog.h"

G_BEGIN_DECLS

/* As if @path was chosen in the file chooser: reads its columns and goes
 * on to mapping them. */
void              att_import_dialog_set_file        (AttImportDialog *self,
                                                     const char      *path);
/* "file", "map", "preview", "progress" or "summary" */
const char       *att_import_dialog_get_step        (AttImportDialog *self);
/* The row choosing the file's column for our column @field ("dob"). */
AdwComboRow      *att_import_dialog_get_column_row  (AttImportDialog *self,
                                                     const char      *field);
GtkSwitch        *att_import_dialog_get_roll_switch (AttImportDialog *self);
AdwEntryRow      *att_import_dialog_get_leaving_row (AttImportDialog *self);
GtkColumnView    *att_import_dialog_get_preview_view (AttImportDialog *self);
GtkListBox       *att_import_dialog_get_problem_list (AttImportDialog *self);
GtkWidget        *att_import_dialog_get_next_button (AttImportDialog *self);
AdwStatusPage    *att_import_dialog_get_summary_page (AttImportDialog *self);
/* The report of the last preview or import. */
AttImportReport  *att_import_dialog_get_report      (AttImportDialog *self);
/* Whether the import runs on its thread. */
gboolean          att_import_dialog_is_busy         (AttImportDialog *self);

G_END_DECLS
