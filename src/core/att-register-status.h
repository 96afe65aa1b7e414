/* att-register-status.h: the register's times, and which registers are
 * still incomplete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"
#include "att-school.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* The times the school's register opens and closes for a session, in
 * minutes after midnight (school settings am_open, am_close, pm_open,
 * pm_close). */
void                 att_register_times       (AttDb               *db,
                                               AttSession           session,
                                               int                 *open,
                                               int                 *close);
/* The same from the settings already read (@school may be NULL: a school
 * that cannot be read goes by the usual times). */
void                 att_register_times_of    (const AttSchool     *school,
                                               AttSession           session,
                                               int                 *open,
                                               int                 *close);

/* Whether the register of a session has opened at @clock_minutes
 * (minutes after midnight) on @today: a session before today has opened,
 * one after it has not, and today's opens at its own time (the
 * afternoon's at pm_open, not when the morning's did). */
gboolean             att_register_opened      (AttDb               *db,
                                               AttDate              date,
                                               AttSession           session,
                                               AttDate              today,
                                               int                  clock_minutes);
/* Whether the register of a session has closed at @clock_minutes on
 * @today. A session before today has closed; one after it has not. */
gboolean             att_register_closed      (AttDb               *db,
                                               AttDate              date,
                                               AttSession           session,
                                               AttDate              today,
                                               int                  clock_minutes);
/* The code for a pupil arriving at @clock_minutes: L while the register
 * is open, U once it has closed; @minutes_late is the time after the
 * register opened (0 before it). */
AttCode              att_register_late_code   (AttDb               *db,
                                               AttSession           session,
                                               int                  clock_minutes,
                                               int                 *minutes_late);
/* The code for an arrival @minutes_late after a register open from
 * @open to @close (minutes after midnight): L while it is open, U once it
 * has closed, so a late mark of the register's length or more is U. The
 * one statement of the rule: the register's checks, the late book and
 * the window all ask it. */
AttCode              att_register_late_code_for (int                open,
                                                 int                close,
                                                 int                minutes_late);

/* Register completeness for one session. */
typedef struct
{
  char   *group;
  guint   on_roll;
  guint   marked;
} AttRegisterStatus;

void                 att_register_status_free (AttRegisterStatus   *status);
/* Registration groups whose register for the session is not complete (a
 * pupil on roll has no mark), by year group then group; empty on a day
 * with no such session. */
GPtrArray           *att_register_incomplete  (AttDb               *db,
                                               AttDate              date,
                                               AttSession           session,
                                               GError             **error);
/* A session whose register has closed while pupils on roll were still
 * without a mark: the registers it left incomplete, as
 * att_register_incomplete() gives them. */
typedef struct
{
  AttDate     date;
  AttSession  session;
  guint       unmarked;   /* pupils on roll with no mark, every group */
  GPtrArray  *groups;     /* AttRegisterStatus */
} AttRegisterGap;

void                 att_register_gap_free    (AttRegisterGap      *gap);
/* The school sessions from @first to @today whose register has closed at
 * @clock_minutes on @today and is still incomplete, oldest first: the
 * past sessions left unmarked, which the office must still complete. A
 * session still open, or not yet come, is not listed. */
GPtrArray           *att_register_incomplete_past (AttDb           *db,
                                               AttDate              first,
                                               AttDate              today,
                                               int                  clock_minutes,
                                               GError             **error);
/* Pupils (gint64 ids, by surname) still marked N for a session whose
 * register has closed at @clock_minutes on @today; empty while it is
 * open. */
GArray              *att_register_still_n     (AttDb               *db,
                                               AttDate              date,
                                               AttSession           session,
                                               AttDate              today,
                                               int                  clock_minutes,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttRegisterGap, att_register_gap_free)

G_END_DECLS
