/* att-demo-casepack.c: when the demo school last checked each family's
 * details, through the core's contacts functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-contacts.h"
#include "att-demo-private.h"

/* One family in this many has not been asked to check its details for
 * over six months, so a referral pack flags them. */
#define STALE_ONE_IN 15

/* Every contact was checked when it was added (the day the demo is
 * made). The families a few pupils on roll belong to last confirmed
 * their details eight to twelve months before the demo's day, as a
 * school that sends its data collection sheets once a year finds. */
gboolean
att_demo_write_contact_checks (AttDemo  *demo,
                               GError  **error)
{
  const AttUser *system = att_user_system ();

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, i);
      g_autoptr(GPtrArray) contacts = NULL;
      guint family = (guint)MAX (p->family, 0);
      AttDate checked;

      if (p->family < 0 || (family * 2654435761u) % STALE_ONE_IN != 0 ||
          p->admission > demo->as_of || (p->leaving != ATT_DATE_NONE && p->leaving < demo->as_of))
        continue;
      checked = demo->as_of - 240 - (AttDate)(family % 120);
      if (checked > att_date_today ())
        continue;
      contacts = att_contacts_for_pupil (demo->db, p->id, error);
      if (contacts == NULL)
        return FALSE;
      for (guint k = 0; k < contacts->len; k++)
        {
          AttContact *contact = g_ptr_array_index (contacts, k);

          if (!att_contacts_confirm (demo->db, system, p->id, contact->id, checked, error))
            return FALSE;
        }
    }
  return TRUE;
}
