/* att-leave-review-form.h: the lines a review of a part-time timetable
 * is recorded with: the day, the next review and what was decided
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-leave.h"

G_BEGIN_DECLS

#define ATT_TYPE_LEAVE_REVIEW_FORM (att_leave_review_form_get_type ())
G_DECLARE_FINAL_TYPE (AttLeaveReviewForm, att_leave_review_form, ATT, LEAVE_REVIEW_FORM, GtkWidget)

/* Filled for @leave reviewed on @today: the next review @review_days
 * after it, or none when the timetable ends first. */
AttLeaveReviewForm *att_leave_review_form_new   (const AttLeave     *leave,
                                                 AttDate             today,
                                                 guint               review_days);
void                att_leave_review_form_focus (AttLeaveReviewForm *self);
gint64              att_leave_review_form_get_leave_id (AttLeaveReviewForm *self);
/* Records the review through the core. */
gboolean            att_leave_review_form_save  (AttLeaveReviewForm *self,
                                                 AttDb              *db,
                                                 const AttUser      *user,
                                                 GError            **error);

G_END_DECLS
