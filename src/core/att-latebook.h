/* att-latebook.h: reception's signing-in book: late arrivals, and pupils
 * signed out during the day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-calls.h"
#include "att-codes.h"
#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

typedef enum
{
  ATT_LATE_ARRIVAL,
  ATT_LATE_SIGN_OUT,
} AttLateKind;

/* One line of the book. Times are minutes after midnight, -1 when none. */
typedef struct
{
  gint64       id;
  gint64       pupil_id;
  AttDate      date;
  AttLateKind  kind;
  AttSession   session;       /* the session arrived in; the first one missed */
  int          time_out;      /* sign-out: when they left */
  int          time_in;       /* arrival, or when a signed-out pupil came back */
  int          minutes_late;  /* arrival: after the register opened */
  AttCode      code;          /* what it wrote (L, U, M, I), or NONE */
  char        *reason;
  char        *person;        /* who brought them, or collected them */
  char        *user_name;
  gint64       at;
} AttLateEntry;

void          att_late_entry_free      (AttLateEntry   *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLateEntry, att_late_entry_free)

/* Signs in a pupil arriving at @time on @date (today, usually): in the
 * morning before the afternoon register opens, else in the afternoon.
 * The code is the register's single rule (att_register_late_code_for()):
 * L with the minutes since the register opened while it is open, U once
 * it has closed, and U needs @reason. An arrival before the register
 * opens is not late and is refused. Written through the register's
 * audited path with the entry, in one transaction; a session already
 * holding a mark is amended with the entry as its reason. Returns the
 * entry's id, and the entry itself in @entry when not NULL. */
gint64        att_latebook_arrive      (AttDb          *db,
                                        const AttUser  *user,
                                        gint64          pupil_id,
                                        AttDate         date,
                                        int             time,
                                        const char     *reason,
                                        const char     *brought_by,
                                        AttLateEntry  **entry,
                                        GError        **error);

/* Signs a pupil out at @time_out, back at @time_back (-1: not back
 * today), for @category. A session is missed when the pupil is out for
 * the whole of its register (left before it opened, back after it
 * closed, or not back); it gets the code the reason implies (illness I,
 * a medical or dental appointment M; any other reason writes nothing:
 * the register is taken as usual). A missed session already holding
 * another code than N needs @amend_reason. */
gint64        att_latebook_sign_out    (AttDb          *db,
                                        const AttUser  *user,
                                        gint64          pupil_id,
                                        AttDate         date,
                                        int             time_out,
                                        int             time_back,
                                        AttCallReason   category,
                                        const char     *collected_by,
                                        const char     *amend_reason,
                                        GError        **error);

/* The day's book (AttLateEntry, owned), by time. */
GPtrArray    *att_latebook_list        (AttDb          *db,
                                        AttDate         date,
                                        GError        **error);

G_END_DECLS
