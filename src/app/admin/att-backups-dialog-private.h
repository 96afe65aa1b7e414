/* att-backups-dialog-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-backups-dialog.h"

G_BEGIN_DECLS

/* The rows of the list of backups, newest first. */
GtkListBox      *att_backups_dialog_get_list         (AttBackupsDialog *self);
GtkSpinButton   *att_backups_dialog_get_days_spin    (AttBackupsDialog *self);
GtkSpinButton   *att_backups_dialog_get_months_spin  (AttBackupsDialog *self);
/* The subtitle of the folder row: where backups go. */
const char      *att_backups_dialog_get_folder_text  (AttBackupsDialog *self);
/* The restore confirmation shown now, or NULL. */
AdwMessageDialog *att_backups_dialog_get_confirmation (AttBackupsDialog *self);
/* Whether a backup or a restore is running in its thread. */
gboolean         att_backups_dialog_is_busy          (AttBackupsDialog *self);
/* Saves the rotation settings now rather than after the pause that
 * follows a change of the spin buttons. */
void             att_backups_dialog_save_settings    (AttBackupsDialog *self);
/* Sets the folder as the folder chooser does. */
void             att_backups_dialog_set_folder       (AttBackupsDialog *self,
                                                      const char       *folder);
/* The last message shown in a toast, or NULL. */
const char      *att_backups_dialog_get_last_message (AttBackupsDialog *self);

G_END_DECLS
