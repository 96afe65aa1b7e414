/* att-retention.h: how long a leaver's records are kept, and their end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The School Attendance (Pupil Registration) (England) Regulations 2024
 * keep every entry of the admission and attendance registers for six
 * years from the day it was made. A pupil's records are therefore kept
 * until six years have passed since the last entry about them: their
 * leaving date (the entry that takes them off the admission register),
 * or a later one (an amendment made after they left, a change to their
 * details, a penalty decision). The period runs from that day, not from
 * the end of its school year: an entry made on 20 July 2018 is kept to
 * the end of 20 July 2024 and may go from 21 July 2024. An entry made on
 * 29 February has its anniversary on 1 March in a year with no 29
 * February (as a birthday does, att_compulsory_school_age()), which keeps
 * it one day longer than the shortest reading and never less.
 *
 * Nothing is deleted before then, and then only by an administrator,
 * who is shown what will go first; the purge is recorded in the audit
 * log with each pupil's UPN and how many records went.
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* The years every entry is kept. */
#define ATT_RETENTION_YEARS 6

/* The first day on which records whose last entry was made on @last may
 * be deleted: the day after the sixth anniversary of @last. */
AttDate       att_retention_first_day   (AttDate         last);

typedef struct
{
  gint64    pupil_id;
  char     *upn;
  char     *name;
  AttDate   leaving;
  AttDate   last_entry;    /* the day of the last entry about them */
  AttDate   first_day;     /* att_retention_first_day (last_entry) */
  guint     n_contacts;
  guint     n_marks;
  guint     n_history;     /* entries and amendments of the register */
  guint     n_decisions;   /* penalty notice decisions */
  guint     n_audit;       /* rows of the audit log about them */
} AttRetentionItem;

void          att_retention_item_free   (AttRetentionItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttRetentionItem, att_retention_item_free)

/* "Ben Carter (UPN A123…), left 20 July 2018: 2 contacts, 380 marks,
 * 402 register entries, 0 penalty decisions, 5 audit rows" */
char         *att_retention_item_describe (const AttRetentionItem *item);

/* Only an administrator may delete records whose time has come. */
gboolean      att_retention_require     (const AttUser  *user,
                                         GError        **error);

/* The pupils who left and whose records may be deleted on @as_of, by
 * surname: an array of AttRetentionItem. Reads only. */
GPtrArray    *att_retention_due         (AttDb          *db,
                                         AttDate         as_of,
                                         GError        **error);

/* Deletes the records of the pupils of @pupil_ids (gint64) as of
 * @as_of, or of every pupil due when @pupil_ids is NULL, in one
 * transaction with its row in the audit log. @as_of may not be after
 * today. A pupil asked for whose records are not yet due refuses the
 * whole purge, naming them. Sets @purged (may be NULL) to what went, an
 * array of AttRetentionItem. */
gboolean      att_retention_purge       (AttDb          *db,
                                         const AttUser  *user,
                                         AttDate         as_of,
                                         GArray         *pupil_ids,
                                         GPtrArray     **purged,
                                         GError        **error);

G_END_DECLS
