/* att-pupils-private.h: what the pupils module shares with the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-pupils.h"

G_BEGIN_DECLS

/* Like att_pupil_validate(), and sets @field to the CSV column name of the
 * field at fault ("dob", "reg_group", ...) so that an import can report
 * the row and the column. */
gboolean      att_pupil_check           (AttPupil          *pupil,
                                         const char       **field,
                                         GError           **error);

/* Like att_contact_validate(), naming the CSV column at fault. */
gboolean      att_contact_check         (const AttContact  *contact,
                                         const char       **field,
                                         GError           **error);

/* Whether saving @pupil would leave marks outside its roll: for a pupil
 * already saved whose admission date moves later, or whose leaving date
 * moves earlier (or appears), over marks the register holds. Refuses
 * naming the field ("admission_date" or "leaving_date" in @field), the
 * first marks in the way and how many there are. */
gboolean      att_pupil_check_roll      (AttDb             *db,
                                         AttPupil          *pupil,
                                         const char       **field,
                                         GError           **error);

G_END_DECLS
