/* att-leave-rows.h: the words and rows the Leave page and its forms
 * show a request in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-leave.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_LEAVE_ROW_LIST,       /* every request: dates, sessions, type, status */
  ATT_LEAVE_ROW_QUEUE,      /* waiting: what it would take, attendance now and after */
  ATT_LEAVE_ROW_PART_TIME,  /* a part-time timetable: pattern, dates, review */
  ATT_LEAVE_ROW_NOT_BACK,   /* not back by the return date */
} AttLeaveRowKind;

/* "Mon 7 Oct 2024 to Fri 11 Oct 2024", with “afternoon” on a first day
 * that starts after the morning and “morning” on a last day that ends
 * before the afternoon. */
char      *att_leave_dates_text      (const AttLeave        *leave);
/* "08/10/2024": a date as the forms' lines ask for it. */
char      *att_leave_date_entry_text (AttDate                date);
/* "Tue 8 Oct 2024, morning" */
char      *att_leave_session_text    (AttDate                date,
                                      AttSession             session);
/* The status's words, for the row's label, and its style class. */
const char *att_leave_status_style   (AttLeaveStatus         status);
/* An activatable row for @leave; @figures (may be NULL) for the queue. */
GtkWidget *att_leave_row_new         (const AttLeave        *leave,
                                      AttLeaveRowKind        kind,
                                      const AttLeaveFigures *figures);
GtkWidget *att_leave_case_row_new    (const AttLeaveCase    *item);

G_END_DECLS
