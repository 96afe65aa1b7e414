/* att-register-private.h: what the statistics share with the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-db-private.h"
#include "att-register.h"

G_BEGIN_DECLS

/* Makes sure the in-memory register agrees with the database file: when
 * another program (attendance-cli, a second window) has committed since
 * the arrays were loaded, they are dropped and reloaded on demand. Call
 * it once before a loop over many pupils. */
void          att_register_sync             (AttDb       *db);

/* Like att_register_year_codes() without the check for changes made by
 * other programs: for hot loops after att_register_sync(). */
const guint8 *att_register_year_codes_fast  (AttDb       *db,
                                             gint64       pupil_id,
                                             int          school_year);

/* The slot of a session in a school year's array. */
static inline guint
att_register_slot (AttDate     year_start,
                   AttDate     date,
                   AttSession  session)
{
  return (guint)(date - year_start) * 2 + (guint)session;
}

G_END_DECLS
