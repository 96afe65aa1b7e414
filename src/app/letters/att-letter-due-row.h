/* att-letter-due-row.h: the items and rows of the letters due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-letters-due.h"

G_BEGIN_DECLS

/* One item of the due list's model: a due row of the core, or a heading
 * between the letters to send and those not sent this time. */
#define ATT_TYPE_LETTER_DUE_ITEM (att_letter_due_item_get_type ())
G_DECLARE_FINAL_TYPE (AttLetterDueItem, att_letter_due_item, ATT, LETTER_DUE_ITEM, GObject)

/* An item for @due (copied); @key_figure is the figure the stage turns on, or NULL. */
AttLetterDueItem   *att_letter_due_item_new         (const AttLetterDue *due,
                                                     const char         *key_figure);
AttLetterDueItem   *att_letter_due_item_new_heading (const char         *title,
                                                     const char         *description);
/* NULL for a heading. */
const AttLetterDue *att_letter_due_item_get_due     (AttLetterDueItem   *self);
const char         *att_letter_due_item_get_title   (AttLetterDueItem   *self);
/* The line under the pupil's name, or a heading's description. */
const char         *att_letter_due_item_get_subtitle (AttLetterDueItem  *self);
/* Folded pupil, UPN and group, for the search. */
const char         *att_letter_due_item_get_text    (AttLetterDueItem   *self);
gboolean            att_letter_due_item_get_expanded (AttLetterDueItem  *self);
void                att_letter_due_item_set_expanded (AttLetterDueItem  *self,
                                                      gboolean           expanded);

/* The row a list view shows an item in: the pupil, the stage and its
 * figure, buttons to postpone and remove a letter due (or keep one
 * postponed), and, opened, the explanation line by line. */
#define ATT_TYPE_LETTER_DUE_ROW (att_letter_due_row_get_type ())
G_DECLARE_FINAL_TYPE (AttLetterDueRow, att_letter_due_row, ATT, LETTER_DUE_ROW, GtkWidget)

GtkWidget          *att_letter_due_row_new          (void);
void                att_letter_due_row_bind         (AttLetterDueRow    *self,
                                                     AttLetterDueItem   *item);
void                att_letter_due_row_unbind       (AttLetterDueRow    *self);

G_END_DECLS
