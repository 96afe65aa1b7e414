/* att-import-dialog.h: bringing a CSV file of pupils, contacts or marks in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"
#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_IMPORT_DIALOG (att_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttImportDialog, att_import_dialog, ATT, IMPORT_DIALOG, AdwWindow)

/* The steps of an import of @type: choose the file, map its columns,
 * preview its first rows with their problems, import it on a thread
 * with a progress bar and Cancel, and the summary. */
AttImportDialog *att_import_dialog_new (GtkWindow     *parent,
                                        AttContext    *context,
                                        AttImportType  type);

G_END_DECLS
