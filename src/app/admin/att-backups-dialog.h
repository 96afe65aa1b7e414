/* att-backups-dialog.h: where backups go, how long they stay, making one
 * now and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_BACKUPS_DIALOG (att_backups_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttBackupsDialog, att_backups_dialog, ATT, BACKUPS_DIALOG, AdwPreferencesWindow)

/* A modal dialog over @parent (may be NULL) for the school open in
 * @context, acting as its user. Anyone may back up now; the folder, the
 * rotation and restoring need ATT_PERM_BACKUPS, and say so in their
 * tooltips otherwise. After a restore it emits "restored" with the
 * backup's path and the path of the copy kept of what it replaced, then
 * closes: the window opens the restored database again. */
AttBackupsDialog *att_backups_dialog_new (GtkWindow  *parent,
                                          AttContext *context);

G_END_DECLS
