/* att-demo.h: a realistic demonstration school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

/* The password of every user of a demonstration school: no secret, the
 * sign-in and the README say it. */
#define ATT_DEMO_PASSWORD "millbrook"

typedef struct
{
  guint    pupils;     /* default 600 */
  guint    years;      /* school years of marks, default 2 */
  guint64  seed;       /* default 1 */
  AttDate  as_of;      /* marks up to this date; default today */
} AttDemoOptions;

void      att_demo_options_init (AttDemoOptions        *options);

/* Creates a new database at @path holding a demo school: a primary school
 * (Reception to Year 6) up to 700 pupils, a secondary (Years 7 to 11) above.
 * The same seed and as-of date give the same school. Refuses if @path
 * exists (or a -wal or -journal of an earlier database is left there).
 *
 * All or nothing: the school is made in "@path.part" and renamed to @path
 * only once complete, so a demo stopped half way (killed, or the machine
 * turned off) leaves no database at @path. The next demo at @path removes
 * what such a demo left, and refuses while another demo is still being
 * made there. */
gboolean  att_demo_create       (const char            *path,
                                 const AttDemoOptions  *options,
                                 GError               **error);

G_END_DECLS
