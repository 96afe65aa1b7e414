/* att-pupil-fields.h: one field of a pupil or a contact, set from text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields are named as the columns of the pupils' and contacts' CSV
 * files (cli.md), and their values read as an import reads them, so that
 * `attendance-cli pupils set`, `contacts set` and the window's editors
 * take what a file would. Whether the whole record is right is still
 * decided when it is saved (att_pupils_save(), att_contacts_save()).
 */
#pragma once

#include <glib.h>

#include "att-pupils.h"

G_BEGIN_DECLS

/* The fields att_pupil_set_field() knows, NULL-terminated: upn, surname,
 * forename, preferred_surname, preferred_forename, dob, sex, year_group,
 * reg_group, admission_date, fsm, sen, eal, looked_after, social_worker,
 * young_carer, medical_note. The leaving date is not among them: a leaver
 * is recorded with their destination (att_pupils_leave()). */
const char * const *att_pupil_field_names   (void);
/* Sets the field @name of @pupil from @value: dates as YYYY-MM-DD or
 * DD/MM/YYYY, yes/no as Y/N (1/0, yes/no, true/false), a year group as R
 * or 1 to 14, sex M or F, SEN N, K or E; an empty value clears a text
 * or a date (which the record's checks may then refuse: "Date of birth is
 * missing"). Refuses, naming the field, a value that cannot be read
 * or a field not known; @pupil is then unchanged. */
gboolean      att_pupil_set_field       (AttPupil        *pupil,
                                         const char      *name,
                                         const char      *value,
                                         GError         **error);

/* The fields att_contact_set_field() knows, NULL-terminated: priority,
 * title, forename, surname, relationship, parental_responsibility,
 * lives_with, receives_letters, phone_home, phone_mobile, phone_work,
 * email, address_1, address_2, town, postcode. */
const char * const *att_contact_field_names (void);
gboolean      att_contact_set_field     (AttContact      *contact,
                                         const char      *name,
                                         const char      *value,
                                         GError         **error);
/* Whether @name is one of the ways of reaching a contact (phone_home,
 * phone_mobile, phone_work, email): what att_contacts_save_numbers()
 * changes, and a receptionist may. */
gboolean      att_contact_field_is_number (const char    *name);

/* For an editor that shows each problem beside its field: like
 * att_pupil_validate(), and then, when @db is given, the roll-date rule
 * of att_pupils_save() (never an admission or leaving date over recorded
 * marks); sets @field to the field at fault, named as above
 * ("admission_date", ...). */
gboolean      att_pupil_validate_at     (AttDb           *db,
                                         AttPupil        *pupil,
                                         const char     **field,
                                         GError         **error);
/* Like att_contact_validate(), naming the field at fault. */
gboolean      att_contact_validate_at   (const AttContact *contact,
                                         const char     **field,
                                         GError         **error);

G_END_DECLS
