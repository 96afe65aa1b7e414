/* att-stats-private.h: what the statistics share with the reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-stats.h"

G_BEGIN_DECLS

/* Sets @figures' counts from the sessions of each code in @counts
 * (counts[ATT_CODE_NONE]: past sessions on roll with no mark), keeping
 * its pupil_id: possible, present, absent and the rest as att-stats.h
 * defines them. */
void      att_figures_set_counts   (AttFigures        *figures,
                                    const guint        counts[ATT_CODE_N_CODES]);

G_END_DECLS
