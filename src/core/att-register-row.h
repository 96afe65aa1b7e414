/* att-register-row.h: one pupil's row in the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "att-register-grid.h"

G_BEGIN_DECLS

#define ATT_TYPE_REGISTER_ROW (att_register_row_get_type ())
G_DECLARE_FINAL_TYPE (AttRegisterRow, att_register_row, ATT, REGISTER_ROW, GObject)

/* A row is a light view on one row of an AttGrid: the marks stay in the
 * grid's compact arrays. The row adds what the view needs to redraw its
 * cells: the cursor and selection on this row, and a revision bumped
 * (with a notify) whenever any of that, or the row's marks, change. */
AttRegisterRow *att_register_row_new              (AttGrid        *grid,
                                                   guint           index);
AttGrid        *att_register_row_get_grid         (AttRegisterRow *self);
guint           att_register_row_get_index        (AttRegisterRow *self);
AttPupil       *att_register_row_get_pupil        (AttRegisterRow *self);
guint           att_register_row_get_revision     (AttRegisterRow *self);

/* Column of the cursor on this row, -1 when it is elsewhere; @pending is
 * the part of a code typed so far ("C" waiting for "1"), or NULL. */
void            att_register_row_set_cursor       (AttRegisterRow *self,
                                                   int             column,
                                                   const char     *pending);
int             att_register_row_get_cursor       (AttRegisterRow *self);
const char     *att_register_row_get_pending      (AttRegisterRow *self);
/* Selected columns [first, last] on this row, or -1, -1. */
void            att_register_row_set_selection    (AttRegisterRow *self,
                                                   int             first,
                                                   int             last);
gboolean        att_register_row_is_selected      (AttRegisterRow *self,
                                                   int             column);
/* The row's marks changed in the register: reload them and redraw. */
void            att_register_row_changed          (AttRegisterRow *self);
/* The grid was reloaded already: only redraw. */
/* Shows the same pupil from another grid of the same pupils (another day
 * or week), so the list keeps its row objects, and the window its row
 * widgets. */
void            att_register_row_set_grid (AttRegisterRow *self,
                                           AttGrid        *grid);
void            att_register_row_redraw           (AttRegisterRow *self);

G_END_DECLS
