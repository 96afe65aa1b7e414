/* att-letters-due-private.h: what the due list shares with the
 * officer's holds, "do not send" and the medical evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-calendar.h"
#include "att-letters-due.h"

G_BEGIN_DECLS

/* The newest postponement or removal of one pupil's letter of a stage,
 * or the newest "do not send" of a pupil. */
typedef struct
{
  AttDate  as_of;      /* a removal: the due list's date it was made on */
  AttDate  until;      /* a postponement or "do not send": ATT_DATE_NONE once cleared */
  char    *reason;
} AttLetterHold;

void          _att_letter_hold_free        (AttLetterHold *hold);

/* Every pupil's holds: "PUPIL:STAGE:postpone" and "PUPIL:STAGE:remove"
 * (the pupil's id in decimal) to AttLetterHold, the newest of each. */
GHashTable   *_att_letters_holds_read      (AttDb         *db,
                                            GError       **error);
/* Every pupil's newest "do not send": GINT64 id (a gint64 *) to AttLetterHold. */
GHashTable   *_att_letters_do_not_send_read (AttDb        *db,
                                            GError       **error);
/* Every pupil's medical evidence over [from, to]: pupil id (gint64 *) to
 * a GArray of AttDate pairs (first, last), clipped to [from, to]. */
GHashTable   *_att_medical_evidence_read   (AttDb         *db,
                                            AttDate        from,
                                            AttDate        to,
                                            GError       **error);

/* The school day @n school days after @date, or ATT_DATE_NONE past the
 * calendar. */
AttDate       _att_school_day_after        (AttCalendar   *calendar,
                                            AttDate        date,
                                            guint          n);
/* The monitoring period after a letter dated @letter_date: from the
 * next school day to the last school day of the @weeks-th school week
 * counted from that day's. FALSE when the calendar does not reach. */
gboolean      _att_monitoring_period       (AttCalendar   *calendar,
                                            AttDate        letter_date,
                                            guint          weeks,
                                            AttDate       *first,
                                            AttDate       *last);

G_END_DECLS
