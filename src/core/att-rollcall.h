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
} AttRollCallEntry;

typedef struct
{
  char      *group;          /* NULL: pupils with no registration group */
  guint      on_roll;        /* pupils of the group on roll that day */
  guint      not_marked;     /* of those, pupils with no mark yet */
  GPtrArray *on_site;        /* AttRollCallEntry, by surname */
} AttRollCallGroup;

typedef struct
{
  AttDate     date;
  AttSession  session;
  GPtrArray  *groups;        /* AttRollCallGroup, in register order */
  guint       on_roll;
  guint       not_marked;
  guint       on_site;
} AttRollCall;

/* Every registration group with a pupil on roll on @date, and in each the
 * pupils the register puts on site for @session. Refused, with the reason
 * the school is closed, when @date has no such session. */
AttRollCall *att_rollcall_new          (AttDb      *db,
                                        AttDate     date,
                                        AttSession  session,
                                        GError    **error);
void         att_rollcall_free         (AttRollCall *rollcall);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttRollCall, att_rollcall_free)

G_END_DECLS
