/* att-contacts.h: whether a contact's details are current, and a pupil's
 * brothers and sisters on roll
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contacts themselves (AttContact, att_contacts_for_pupil(),
 * att_contacts_save()) are declared in att-pupils.h. A contact's
 * details_checked is set to today when it is added, when an edit or an
 * import changes its details, and when the office confirms them with the
 * family.
 */
#pragma once

#include <glib.h>

#include "att-date.h"
#include "att-pupils.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* How long a contact's details are taken as current. */
#define ATT_CONTACT_DETAILS_MONTHS 6

/* The first day @contact's details are due to be checked again: six
 * calendar months after they were last checked and one day (checked on
 * 15 March, due on 16 September; a day missing from the shorter month
 * counts as its last day: 31 August is due on 1 March); ATT_DATE_NONE when
 * they were never checked. */
AttDate       att_contact_details_recheck_date (const AttContact *contact);
/* Whether @contact's details are older than six months on @as_of, or not
 * known to have been checked at all: flagged for re-checking. On the day
 * six months after the check they are not yet stale. */
gboolean      att_contact_details_stale  (const AttContact *contact,
                                          AttDate           as_of);

/* Records that the contact @contact_id of @pupil_id was checked with the
 * family on @checked (ATT_PERM_EDIT_PUPILS), audited as
 * "contact.confirm". The contact must belong to the pupil and @checked
 * may not be after today. */
gboolean      att_contacts_confirm       (AttDb            *db,
                                          const AttUser    *user,
                                          gint64            pupil_id,
                                          gint64            contact_id,
                                          AttDate           checked,
                                          GError          **error);

/* The pupils on roll on @as_of, other than @pupil_id, who share a parent
 * or carer with it: a contact of theirs and one of the pupil's with the
 * same surname and the same postcode (both compared without case or
 * spaces), or the same e-mail address (without case), or the same mobile
 * number (its digits, a leading 44 read as 0). New references to the
 * pupils (AttPupil), by surname then forename. */
GPtrArray    *att_contacts_siblings_on_roll (AttDb         *db,
                                          gint64            pupil_id,
                                          AttDate           as_of,
                                          GError          **error);

G_END_DECLS
