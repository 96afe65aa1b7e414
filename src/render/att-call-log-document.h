/* att-call-log-document.h: the day's call log and late book, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-document.h"
#include "att-calls.h"
#include "att-latebook.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* The columns of the call log, as the Calls page and the printout show
 * them. */
typedef enum
{
  ATT_CALL_LOG_TIME,
  ATT_CALL_LOG_PUPIL,
  ATT_CALL_LOG_GROUP,
  ATT_CALL_LOG_CALLER,
  ATT_CALL_LOG_CHANNEL,
  ATT_CALL_LOG_OUTCOME,
  ATT_CALL_LOG_TAKEN_BY,
  ATT_CALL_LOG_N_COLUMNS
} AttCallLogColumn;

/* The cells of one call (a NULL-terminated array of new strings). */
GStrv         att_call_log_cells          (AttDb      *db,
                                           AttCall    *call);

typedef enum
{
  ATT_LATE_BOOK_TIME,
  ATT_LATE_BOOK_PUPIL,
  ATT_LATE_BOOK_GROUP,
  ATT_LATE_BOOK_WHAT,
  ATT_LATE_BOOK_CODE,
  ATT_LATE_BOOK_REASON,
  ATT_LATE_BOOK_PERSON,
  ATT_LATE_BOOK_RECORDED_BY,
  ATT_LATE_BOOK_N_COLUMNS
} AttLateBookColumn;

GStrv         att_late_book_cells         (AttDb        *db,
                                           AttLateEntry *entry);

/* @calls: AttCall, as att_calls_list() gives them for @date. */
AttDocument  *att_call_log_document_new   (AttDb      *db,
                                           AttDate     date,
                                           GPtrArray  *calls,
                                           const char *school,
                                           const char *footer);
/* @entries: AttLateEntry, as att_latebook_list() gives them for @date. */
AttDocument  *att_late_book_document_new  (AttDb      *db,
                                           AttDate     date,
                                           GPtrArray  *entries,
                                           const char *school,
                                           const char *footer);

G_END_DECLS
