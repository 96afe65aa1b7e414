/* att-register-row.c: one pupil's row in the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-pupils.h"
#include "att-register-row.h"

struct _AttRegisterRow
{
  GObject   parent_instance;

  AttGrid  *grid;
  guint     index;
  guint     revision;
  int       cursor;
  char     *pending;
  int       sel_first;
  int       sel_last;
};

enum {
  PROP_0,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttRegisterRow, att_register_row, G_TYPE_OBJECT)

static void
att_register_row_finalize (GObject *object)
{
  AttRegisterRow *self = ATT_REGISTER_ROW (object);

  g_clear_pointer (&self->grid, att_grid_unref);
  g_free (self->pending);

  G_OBJECT_CLASS (att_register_row_parent_class)->finalize (object);
}

static void
att_register_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttRegisterRow *self = ATT_REGISTER_ROW (object);

  switch (prop_id)
    {
    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_register_row_class_init (AttRegisterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = att_register_row_finalize;
  object_class->get_property = att_register_row_get_property;

  /**
   * AttRegisterRow:revision:
   *
   * Bumped when anything the row's cells show has changed.
   */
  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
att_register_row_init (AttRegisterRow *self)
{
  self->cursor = -1;
  self->sel_first = -1;
  self->sel_last = -1;
}

static void
bump (AttRegisterRow *self)
{
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

AttRegisterRow *
att_register_row_new (AttGrid *grid,
                      guint    index)
{
  AttRegisterRow *self;

  g_return_val_if_fail (grid != NULL, NULL);

  self = g_object_new (ATT_TYPE_REGISTER_ROW, NULL);
  self->grid = att_grid_ref (grid);
  self->index = index;
  return self;
}

AttGrid *
att_register_row_get_grid (AttRegisterRow *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_ROW (self), NULL);
  return self->grid;
}

guint
att_register_row_get_index (AttRegisterRow *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_ROW (self), 0);
  return self->index;
}

AttPupil *
att_register_row_get_pupil (AttRegisterRow *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_ROW (self), NULL);
  return att_grid_get_pupil (self->grid, self->index);
}

guint
att_register_row_get_revision (AttRegisterRow *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_ROW (self), 0);
  return self->revision;
}

void
att_register_row_set_cursor (AttRegisterRow *self,
                             int             column,
                             const char     *pending)
{
  g_return_if_fail (ATT_IS_REGISTER_ROW (self));

  if (self->cursor == column && g_strcmp0 (self->pending, pending) == 0)
    return;
  self->cursor = column;
  g_free (self->pending);
  self->pending = (pending != NULL && *pending != '\0') ? g_strdup (pending) : NULL;
  bump (self);
}

int
att_register_row_get_cursor (AttRegisterRow *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_ROW (self), -1);
  return self->cursor;
}

const char *
att_register_row_get_pending (AttRegisterRow *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_ROW (self), NULL);
  return self->pending;
}

void
att_register_row_set_selection (AttRegisterRow *self,
                                int             first,
                                int             last)
{
  g_return_if_fail (ATT_IS_REGISTER_ROW (self));

  if (self->sel_first == first && self->sel_last == last)
    return;
  self->sel_first = first;
  self->sel_last = last;
  bump (self);
}

gboolean
att_register_row_is_selected (AttRegisterRow *self,
                              int             column)
{
  g_return_val_if_fail (ATT_IS_REGISTER_ROW (self), FALSE);
  return self->sel_first >= 0 && column >= self->sel_first && column <= self->sel_last;
}

void
att_register_row_changed (AttRegisterRow *self)
{
  g_return_if_fail (ATT_IS_REGISTER_ROW (self));

  att_grid_refresh_row (self->grid, self->index);
  bump (self);
}

void
att_register_row_set_grid (AttRegisterRow *self,
                           AttGrid        *grid)
{
  g_return_if_fail (ATT_IS_REGISTER_ROW (self));
  g_return_if_fail (grid != NULL);
  g_return_if_fail (self->index < att_grid_get_n_rows (grid));

  if (self->grid != grid)
    {
      att_grid_ref (grid);
      att_grid_unref (self->grid);
      self->grid = grid;
    }
  self->cursor = -1;
  g_clear_pointer (&self->pending, g_free);
  self->sel_first = self->sel_last = -1;
  bump (self);
}

void
att_register_row_redraw (AttRegisterRow *self)
{
  g_return_if_fail (ATT_IS_REGISTER_ROW (self));

  bump (self);
}
