/* att-firstday-lead.h: who the school's designated safeguarding lead is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* The name the school set for its designated safeguarding lead
 * (ATT_FIRSTDAY_DSL_KEY), or NULL when none is set: the call form names
 * the person a concern goes to. */
char         *att_firstday_safeguarding_lead (AttDb *db);

G_END_DECLS
