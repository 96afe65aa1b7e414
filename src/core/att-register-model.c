/* att-register-model.c: the register grid as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-db.h"
#include "att-pupils.h"
#include "att-register-model.h"

struct _AttRegisterModel
{
  GObject          parent_instance;

  AttGrid         *grid;
  AttRegisterRow **rows;     /* n_rows, NULL until asked for */
  guint            n_rows;
  AttDb           *db;       /* the grid's, whose changes the rows follow */
  gulong           marks_changed_id;
};

static void att_register_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttRegisterModel, att_register_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      att_register_model_list_init))

static void
clear_rows (AttRegisterModel *self)
{
  for (guint i = 0; i < self->n_rows; i++)
    g_clear_object (&self->rows[i]);
  g_clear_pointer (&self->rows, g_free);
  self->n_rows = 0;
}

/* Whoever wrote the marks (this window, a fill, another page, a call, or
 * another program seen by att_db_poll()), the rows of the pupils whose
 * sessions changed read their marks and figures again: a write anywhere
 * in the year can change the figures at the end of a row. */
static void
on_marks_changed (AttDb            *db,
                  GArray           *changes,
                  AttRegisterModel *self)
{
  g_autofree guint8 *done = NULL;

  if (self->grid == NULL)
    return;
  if (changes == NULL)
    {
      att_register_model_refresh (self);
      return;
    }

  /* A fill changes many sessions of each pupil: each row once. */
  done = g_new0 (guint8, MAX (self->n_rows, 1));
  for (guint i = 0; i < changes->len; i++)
    {
      const AttMarkChange *change = &g_array_index (changes, AttMarkChange, i);
      int row = att_grid_find_row (self->grid, change->pupil_id);

      if (row < 0 || done[row])
        continue;
      done[row] = 1;
      att_register_model_row_changed (self, (guint)row);
    }
}

static void
follow_db (AttRegisterModel *self,
           AttDb            *db)
{
  if (self->db == db)
    return;
  if (self->db != NULL)
    {
      g_clear_signal_handler (&self->marks_changed_id, self->db);
      g_clear_object (&self->db);
    }
  if (db != NULL)
    {
      self->db = g_object_ref (db);
      self->marks_changed_id = g_signal_connect (db, "marks-changed",
                                                 G_CALLBACK (on_marks_changed), self);
    }
}

static void
att_register_model_finalize (GObject *object)
{
  AttRegisterModel *self = ATT_REGISTER_MODEL (object);

  follow_db (self, NULL);
  clear_rows (self);
  g_clear_pointer (&self->grid, att_grid_unref);

  G_OBJECT_CLASS (att_register_model_parent_class)->finalize (object);
}

static void
att_register_model_class_init (AttRegisterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = att_register_model_finalize;
}

static void
att_register_model_init (AttRegisterModel *self)
{
}

static GType
att_register_model_get_item_type (GListModel *list)
{
  return ATT_TYPE_REGISTER_ROW;
}

static guint
att_register_model_get_n_items (GListModel *list)
{
  return ATT_REGISTER_MODEL (list)->n_rows;
}

static gpointer
att_register_model_get_item (GListModel *list,
                             guint       position)
{
  AttRegisterModel *self = ATT_REGISTER_MODEL (list);

  if (position >= self->n_rows)
    return NULL;
  return g_object_ref (att_register_model_get_row (self, position));
}

static void
att_register_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = att_register_model_get_item_type;
  iface->get_n_items = att_register_model_get_n_items;
  iface->get_item = att_register_model_get_item;
}

AttRegisterModel *
att_register_model_new (void)
{
  return g_object_new (ATT_TYPE_REGISTER_MODEL, NULL);
}

static gboolean
same_pupils (AttGrid *a,
             AttGrid *b)
{
  guint n = att_grid_get_n_rows (a);

  if (n != att_grid_get_n_rows (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (att_grid_get_pupil (a, i)->id != att_grid_get_pupil (b, i)->id)
      return FALSE;
  return TRUE;
}

void
att_register_model_set_grid (AttRegisterModel *self,
                             AttGrid          *grid)
{
  guint removed;

  g_return_if_fail (ATT_IS_REGISTER_MODEL (self));

  /* The same pupils in the same order (the whole school or a group on
   * another day or week): the rows stay and show the new grid, so a list
   * view keeps its row widgets instead of building them all again. */
  if (self->grid != NULL && grid != NULL && same_pupils (self->grid, grid))
    {
      att_grid_ref (grid);
      att_grid_unref (self->grid);
      self->grid = grid;
      follow_db (self, att_grid_get_db (grid));
      for (guint i = 0; i < self->n_rows; i++)
        if (self->rows[i] != NULL)
          att_register_row_set_grid (self->rows[i], grid);
      return;
    }

  removed = self->n_rows;
  clear_rows (self);
  g_clear_pointer (&self->grid, att_grid_unref);
  follow_db (self, grid != NULL ? att_grid_get_db (grid) : NULL);
  if (grid != NULL)
    {
      self->grid = att_grid_ref (grid);
      self->n_rows = att_grid_get_n_rows (grid);
      self->rows = g_new0 (AttRegisterRow *, MAX (self->n_rows, 1));
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_rows);
}

AttGrid *
att_register_model_get_grid (AttRegisterModel *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_MODEL (self), NULL);
  return self->grid;
}

AttRegisterRow *
att_register_model_get_row (AttRegisterModel *self,
                            guint             index)
{
  g_return_val_if_fail (ATT_IS_REGISTER_MODEL (self), NULL);
  g_return_val_if_fail (index < self->n_rows, NULL);

  if (self->rows[index] == NULL)
    self->rows[index] = att_register_row_new (self->grid, index);
  return self->rows[index];
}

void
att_register_model_row_changed (AttRegisterModel *self,
                                guint             index)
{
  g_return_if_fail (ATT_IS_REGISTER_MODEL (self));
  g_return_if_fail (index < self->n_rows);

  /* Built or not, the grid's row is reloaded; a built row also tells the
   * cells that show it. */
  if (self->rows[index] != NULL)
    att_register_row_changed (self->rows[index]);
  else
    att_grid_refresh_row (self->grid, index);
}

void
att_register_model_refresh (AttRegisterModel *self)
{
  g_return_if_fail (ATT_IS_REGISTER_MODEL (self));

  if (self->grid == NULL)
    return;
  att_grid_refresh (self->grid);
  for (guint i = 0; i < self->n_rows; i++)
    if (self->rows[i] != NULL)
      att_register_row_redraw (self->rows[i]);
}
