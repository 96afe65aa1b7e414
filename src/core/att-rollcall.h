/* att-rollcall.h: who is on the school site, for a fire roll call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttPupil AttPupil;

/* Whether a pupil whose mark for the session is @code is on the school
 * site. */
gboolean     att_rollcall_on_site      (AttCode     code);

/* The session a roll call taken at @clock_minutes (minutes after
 * midnight) is about: the afternoon once its register has opened, else
 * the morning. */
AttSession   att_rollcall_session_at   (AttDb      *db,
                                        int         clock_minutes);

typedef struct
{
  AttPupil  *pupil;          /* a reference */
  AttCode    code;
  int        minutes_late;   /* L and U: -1 when not recorded */
  /* Minutes after midnight: when a late pupil arrived (L and U), and,
   * for a pupil in a group's signed_out list, when they were signed out;
   * -1 when not known. */
  int        arrived;
  int        time_out;
} AttRollCallEntry;

typedef struct
{
  char      *group;          /* NULL: pupils with no registration group */
  guint      on_roll;        /* pupils of the group on roll that day */
  guint      not_marked;     /* of those, pupils with no mark yet */
  GPtrArray *on_site;        /* AttRollCallEntry, by surname */
  /* Pupils the register has on site but the late book has signed out
   * and not back at the time of the roll call (AttRollCallEntry, by
   * surname): not on site, and listed so nobody looks for them. */
  GPtrArray *signed_out;
} AttRollCallGroup;

typedef struct
{
  AttDate     date;
  AttSession  session;
  GPtrArray  *groups;        /* AttRollCallGroup, in register order */
  guint       on_roll;
  guint       not_marked;
  guint       on_site;
  guint       signed_out;
  int         time;          /* minutes after midnight, or -1 */
} AttRollCall;

/* Every registration group with a pupil on roll on @date, and in each the
 * pupils the register puts on site for @session. Refused, with the reason
 * the school is closed, when @date has no such session. For today, the
 * roll call is at the register clock (att_clock_now()), as
 * att_rollcall_new_at() makes it; for another day, from the register
 * alone. */
AttRollCall *att_rollcall_new          (AttDb      *db,
                                        AttDate     date,
                                        AttSession  session,
                                        GError    **error);

/* The roll call at @time (minutes after midnight) on @date: the pupils
 * the register puts on site for @session, less those the late book has
 * signed out at @time and not back by then (no time back, or a time
 * back after @time), and less late arrivals not yet arrived at @time
 * (the late book's arrival time, else the register's opening plus the
 * minutes late). @time -1 reads the register alone. */
AttRollCall *att_rollcall_new_at       (AttDb      *db,
                                        AttDate     date,
                                        AttSession  session,
                                        int         time,
                                        GError    **error);
void         att_rollcall_free         (AttRollCall *rollcall);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttRollCall, att_rollcall_free)

G_END_DECLS
