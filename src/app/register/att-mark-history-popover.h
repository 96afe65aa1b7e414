/* att-mark-history-popover.h: the full history of one session's mark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_MARK_HISTORY_POPOVER (att_mark_history_popover_get_type ())
G_DECLARE_FINAL_TYPE (AttMarkHistoryPopover, att_mark_history_popover, ATT, MARK_HISTORY_POPOVER, GtkPopover)

GtkWidget *att_mark_history_popover_new         (void);
/* Fills the popover with the original entry and every change of a
 * session: who (name and position), when, what, and why. */
gboolean   att_mark_history_popover_load        (AttMarkHistoryPopover *self,
                                                 AttDb                 *db,
                                                 AttPupil              *pupil,
                                                 AttDate                date,
                                                 AttSession             session,
                                                 GError               **error);
guint      att_mark_history_popover_get_n_entries (AttMarkHistoryPopover *self);
/* The text of entry @index, for tests and screen readers. */
char      *att_mark_history_popover_dup_entry_text (AttMarkHistoryPopover *self,
                                                    guint                  index);

G_END_DECLS
