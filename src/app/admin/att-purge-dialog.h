/* att-purge-dialog.h: deleting the records whose retention has ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_PURGE_DIALOG (att_purge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttPurgeDialog, att_purge_dialog, ATT, PURGE_DIALOG, AdwMessageDialog)

/* Asks the administrator of @context to confirm deleting the records of
 * every pupil whose six years of retention ended by today, naming each
 * with what will go; says so when there are none. On "delete" the
 * records go (att_retention_purge()) and the window is told through its
 * "win.show-toast" action. */
AttPurgeDialog *att_purge_dialog_new         (GtkWindow      *parent,
                                              AttContext     *context);

/* The pupils the dialog names (AttRetentionItem), for the tests. */
GPtrArray      *att_purge_dialog_get_items   (AttPurgeDialog *self);

G_END_DECLS
