/* att-call-history.h: a pupil's calls, newest first, on the pupil view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_CALL_HISTORY (att_call_history_get_type ())
G_DECLARE_FINAL_TYPE (AttCallHistory, att_call_history, ATT, CALL_HISTORY, AdwPreferencesGroup)

/* Shows the calls logged about @pupil_id (none for 0). */
void          att_call_history_show      (AttCallHistory *self,
                                          AttDb          *db,
                                          gint64          pupil_id);
guint         att_call_history_get_n_calls (AttCallHistory *self);

G_END_DECLS
