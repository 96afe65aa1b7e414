/* att-leave-private.h: what the parts of the leave module share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-leave.h"

G_BEGIN_DECLS

extern const char * const _att_leave_type_names[ATT_LEAVE_N_TYPES];
extern const char * const _att_leave_status_names[ATT_LEAVE_N_STATUSES];
extern const char * const _att_leave_state_names[3];

/* The columns att_leave_list() and att_leave_get() read, and the row
 * they make of them (without its sessions). */
#define ATT_LEAVE_COLUMNS \
  "l.id, l.group_id, l.pupil_id, l.type, l.status, l.first_date, l.first_session, " \
  "l.last_date, l.last_session, l.return_date, l.reason, l.evidence, l.contact_id, " \
  "l.requested_by, l.address_away, l.received, l.pattern, l.review_date, l.warnings, " \
  "l.snapshot, l.at, ra.name || CASE WHEN ra.position <> '' THEN ' (' || ra.position || ')' ELSE '' END, " \
  "l.decided_at, da.name, da.position, l.decision_reasons"
#define ATT_LEAVE_FROM \
  "leave_requests l JOIN actors ra ON ra.id = l.actor_id " \
  "LEFT JOIN actors da ON da.id = l.decided_actor_id"

/* Reads request @id's sessions into @leave. */
gboolean      _att_leave_load_sessions   (AttDb              *db,
                                          AttLeave           *leave,
                                          GError            **error);

/* The sessions of the school calendar from @first to @last (each a date
 * and a session) that @pupil_id is on roll for; for a part-time
 * timetable only those of @pattern (0: every session). A new GArray of
 * AttLeaveSession. */
GArray       *_att_leave_school_sessions (AttDb              *db,
                                          gint64              pupil_id,
                                          AttDate             first_date,
                                          AttSession          first_session,
                                          AttDate             last_date,
                                          AttSession          last_session,
                                          guint               pattern);

/* The first school day on or after @date, or ATT_DATE_NONE. */
AttDate       _att_leave_school_day_from (AttDb              *db,
                                          AttDate             date);

/* Ends a step on request @id inside the caller's transaction: logs
 * @action with @detail, the request as it was (@before, from
 * att_audit_snapshot()) and as it is now, and commits. FALSE with
 * @error set when it could not: the caller rolls back. */
gboolean      _att_leave_audit_commit    (AttDb              *db,
                                          const AttUser      *user,
                                          gint64              id,
                                          gint64              pupil_id,
                                          const char         *action,
                                          const char         *detail,
                                          const char         *before,
                                          GError            **error);

G_END_DECLS
