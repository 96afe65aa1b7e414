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

G_END_DECLS
