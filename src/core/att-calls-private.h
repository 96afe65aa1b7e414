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

/* The index of @text in @names, 0 when it is not there (stored data is
 * checked by the schema, so that is never a surprise). */
guint        _att_calls_lookup_name (const char         *text,
                                     const char * const *names,
                                     guint               n);

G_END_DECLS
