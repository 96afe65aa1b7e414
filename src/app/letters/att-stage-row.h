/* att-stage-row.h: one stage of the letter ladder in the rules window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-ladder.h"

G_BEGIN_DECLS

#define ATT_TYPE_STAGE_ROW (att_stage_row_get_type ())
G_DECLARE_FINAL_TYPE (AttStageRow, att_stage_row, ATT, STAGE_ROW, AdwActionRow)

/* A row showing @stage, the @index-th of @n_stages (which says whether
 * it can move up or down). Emits "edit" when activated and "move" with
 * -1 or +1 from its buttons or Alt+Up and Alt+Down. */
AttStageRow          *att_stage_row_new          (const AttLadderStage *stage,
                                                  guint                 index,
                                                  guint                 n_stages);
const AttLadderStage *att_stage_row_get_stage    (AttStageRow          *self);
void                  att_stage_row_set_invalid  (AttStageRow          *self,
                                                  gboolean              invalid);
void                  att_stage_row_set_editable (AttStageRow          *self,
                                                  gboolean              editable);

G_END_DECLS
