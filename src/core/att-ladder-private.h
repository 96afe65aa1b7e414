/* att-ladder-private.h: what the ladder's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-ladder.h"

G_BEGIN_DECLS

/* A stage as a JSON object of its properties, for the audit log and the
 * command line. */
char         *_att_ladder_stage_to_json (const AttLadderStage *stage);

G_END_DECLS
