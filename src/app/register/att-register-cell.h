/* att-register-cell.h: one cell of the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-register-row.h"

G_BEGIN_DECLS

/* What a column of the grid shows. */
typedef enum
{
  ATT_REGISTER_CELL_NAME,
  ATT_REGISTER_CELL_GROUP,
  ATT_REGISTER_CELL_FLAGS,
  ATT_REGISTER_CELL_SESSION,
  ATT_REGISTER_CELL_YTD,
  ATT_REGISTER_CELL_UNAUTH,
} AttRegisterCellKind;

#define ATT_TYPE_REGISTER_CELL (att_register_cell_get_type ())
G_DECLARE_FINAL_TYPE (AttRegisterCell, att_register_cell, ATT, REGISTER_CELL, GtkWidget)

/* A cell of @kind other than a session (AttRegisterSessions draws those);
 * @column is -1. The cell shows its row and follows the row's changes.
 * It emits "pressed" (button, modifier state) when clicked; the page
 * moves its cursor from it. */
GtkWidget           *att_register_cell_new        (AttRegisterCellKind  kind,
                                                   int                  column);
AttRegisterCellKind  att_register_cell_get_kind   (AttRegisterCell     *self);
int                  att_register_cell_get_column (AttRegisterCell     *self);
/* The row shown, or NULL while the cell is not bound. */
AttRegisterRow      *att_register_cell_get_row    (AttRegisterCell     *self);
void                 att_register_cell_set_row    (AttRegisterCell     *self,
                                                   AttRegisterRow      *row);
/* The text the cell draws, which is also what a screen reader is told;
 * the cell's style classes are its own. */
const char          *att_register_cell_get_text   (AttRegisterCell     *self);
/* What the cell's tooltip says (the name, the flags spelled out, what a
 * code means), or NULL. */
char                *att_register_cell_dup_tooltip (AttRegisterCell    *self);
/* The short flags of a pupil as the flags column shows them ("SEN FSM"). */
char                *att_register_cell_flags_text (AttPupil            *pupil);

G_END_DECLS
