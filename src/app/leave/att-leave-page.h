/* att-leave-page.h: the Leave page: parents' requests for leave of
 * absence, the headteacher's queue, part-time timetables and the pupils
 * to follow up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-page.h"

G_BEGIN_DECLS

#define ATT_TYPE_LEAVE_PAGE (att_leave_page_get_type ())
G_DECLARE_FINAL_TYPE (AttLeavePage, att_leave_page, ATT, LEAVE_PAGE, AttPage)

/* "requests", "queue" or "follow-up". */
void          att_leave_page_show_view     (AttLeavePage *self,
                                            const char   *name);
const char   *att_leave_page_get_view      (AttLeavePage *self);
/* Opens the new-request form on top of the page's window. */
GtkWindow    *att_leave_page_new_request   (AttLeavePage *self);

G_END_DECLS
