/* att-calls-page.h: the Calls page: the first-day list, the day's call
 * log, the late book and the local authority's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-page.h"

G_BEGIN_DECLS

#define ATT_TYPE_CALLS_PAGE (att_calls_page_get_type ())
G_DECLARE_FINAL_TYPE (AttCallsPage, att_calls_page, ATT, CALLS_PAGE, AttPage)

/* "firstday", "log", "late" or "la". */
void          att_calls_page_show_view     (AttCallsPage *self,
                                            const char   *name);
const char   *att_calls_page_get_view      (AttCallsPage *self);
/* Opens the new-call form on top of the page's window. */
GtkWindow    *att_calls_page_new_call      (AttCallsPage *self);

G_END_DECLS
