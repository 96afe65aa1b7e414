/* att-filter-dialog-private.h: what the tests reach inside the dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-filter-dialog.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_FILTER_FIELD_YEAR,
  ATT_FILTER_FIELD_GROUP,
  ATT_FILTER_FIELD_SEN,
  ATT_FILTER_FIELD_FSM,
  ATT_FILTER_FIELD_EAL,
  ATT_FILTER_FIELD_LOOKED_AFTER,
  ATT_FILTER_FIELD_SOCIAL_WORKER,
  ATT_FILTER_FIELD_YOUNG_CARER,
  ATT_N_FILTER_FIELDS
} AttFilterField;

GtkEditable *att_filter_dialog_get_name_entry  (AttFilterDialog *self);
AdwComboRow *att_filter_dialog_get_combo       (AttFilterDialog *self,
                                                AttFilterField   field);
GtkWidget   *att_filter_dialog_get_save_button (AttFilterDialog *self);
GtkLabel    *att_filter_dialog_get_count_label (AttFilterDialog *self);

G_END_DECLS
