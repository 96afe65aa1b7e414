/* att-leave-letter-document.h: the decision letters of a request for leave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-leave.h"
#include "att-letter-document.h"

G_BEGIN_DECLS

/* The decision letter request @leave_id calls for now
 * (att_leave_letter_for()), one per address of those with parental
 * responsibility who receive letters, dated @date, as a batch. When
 * @records is not NULL, appends an AttLetterRecord for each letter, its
 * kind, reference ("leave:ID") and delivery (post) filled in, to log with
 * att_leave_letters_log() once printed. Refused while the request waits
 * or when it was withdrawn, and for a pupil with no one to write to. */
AttLetterDocument *att_leave_letter_document_new (AttDb      *db,
                                                  gint64      leave_id,
                                                  AttDate     date,
                                                  GPtrArray  *records,
                                                  GError    **error);

G_END_DECLS
