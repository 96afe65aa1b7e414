/* att-case-private.h: what the casework's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-case.h"

G_BEGIN_DECLS

/* "YYYY-MM-DD HH:MM:SS" of a moment in seconds, local time; "" for 0. */
char     *_att_case_moment              (gint64              at);
/* Keeps @letter_id on meeting @id as its outcome letter (@outcome) or
 * its invitation, in the caller's transaction. */
gboolean  _att_case_meeting_set_letter  (AttDb              *db,
                                         gint64              id,
                                         gboolean            outcome,
                                         gint64              letter_id,
                                         GError            **error);

G_END_DECLS
