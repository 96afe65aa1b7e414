/* att-leave-page-private.h: what the Leave page's files and its tests
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-leave.h"
#include "att-leave-page.h"

G_BEGIN_DECLS

/* For the tests. */
GtkListBox *att_leave_page_get_requests_list  (AttLeavePage *self);
GtkListBox *att_leave_page_get_queue_list     (AttLeavePage *self);
GtkListBox *att_leave_page_get_part_time_list (AttLeavePage *self);
GtkListBox *att_leave_page_get_not_back_list  (AttLeavePage *self);
/* The request each row of the list shows (AttLeave). */
GPtrArray  *att_leave_page_get_requests       (AttLeavePage *self);
/* Shows the requests of @status only, or every one with -1. */
void        att_leave_page_set_status_filter  (AttLeavePage *self,
                                               int           status);
void        att_leave_page_set_search         (AttLeavePage *self,
                                               const char   *text);
/* The number of rows of the requests list the filter shows. */
guint       att_leave_page_count_shown        (AttLeavePage *self);

G_END_DECLS
