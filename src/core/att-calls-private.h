/* att-calls-private.h: what the files of the calls share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-calls.h"

G_BEGIN_DECLS

/* The names as stored (att-calls.c). */
extern const char * const att_call_channel_names[ATT_CALL_N_CHANNELS];
extern const char * const att_call_reason_names[ATT_CALL_N_REASONS];
extern const char * const att_call_outcome_names[ATT_ATTEMPT_N_OUTCOMES];

G_END_DECLS
