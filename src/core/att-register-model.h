/* att-register-model.h: the register grid as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "att-register-grid.h"
#include "att-register-row.h"

G_BEGIN_DECLS

#define ATT_TYPE_REGISTER_MODEL (att_register_model_get_type ())
G_DECLARE_FINAL_TYPE (AttRegisterModel, att_register_model, ATT, REGISTER_MODEL, GObject)

/* A GListModel of AttRegisterRow over an AttGrid. Rows are built only
 * when a view asks for them and kept while the grid stays the same, so a
 * list of 2,000 pupils costs 2,000 pointers until it is scrolled. The
 * model follows its grid's database: when marks change ("marks-changed"),
 * whoever wrote them, the rows of the pupils concerned read them again. */
AttRegisterModel *att_register_model_new         (void);
/* Replaces the grid (NULL for none). A grid of the same pupils in the
 * same order (another day or week of the same selection) keeps the row
 * objects, which show the new grid, and the list does not change;
 * otherwise every row changes. */
void              att_register_model_set_grid    (AttRegisterModel *self,
                                                  AttGrid          *grid);
AttGrid          *att_register_model_get_grid    (AttRegisterModel *self);
/* The row object of grid row @index (built if needed). */
AttRegisterRow   *att_register_model_get_row     (AttRegisterModel *self,
                                                  guint             index);
/* Reloads one pupil's row from the register. */
void              att_register_model_row_changed (AttRegisterModel *self,
                                                  guint             index);
/* Reloads every row's marks, keeping the rows. */
void              att_register_model_refresh     (AttRegisterModel *self);

G_END_DECLS
