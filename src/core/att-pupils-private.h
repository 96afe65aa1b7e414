/* att-pupils-private.h: what the pupils module shares with the importer,
 * the demo school and the migrations
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

/* The key lists sort a pupil by: the collation key of the surname and
 * forename (the preferred ones when given), folded as att_name_fold()
 * folds them, in the order of the program's language. */
char         *att_pupil_sort_key        (const char        *surname,
                                         const char        *forename);
/* Which rules and which language's order make the sort keys of this run,
 * as "1 en_GB.UTF-8 0123456789abcdef": the rules' version, LC_COLLATE and
 * a checksum of the keys of a few telling names. */
char         *att_pupils_collation      (void);

/* Writes the sort key of every pupil in the table, in this run's
 * collation, and records which that is. Runs inside the caller's
 * transaction (or a migration's); the pupils' cache is not touched. */
gboolean      att_pupils_write_sort_keys   (AttDb          *db,
                                            GError        **error);
/* Before a pupil is written with its key: rewrites every key if those in
 * the table were made in another collation, so that they all compare,
 * and otherwise writes the keys that are missing. */
gboolean      att_pupils_prepare_sort_keys (AttDb          *db,
                                            GError        **error);

/* What the National Framework check needs of a pupil on roll, without
 * the pupil. */
typedef struct
{
  gint64   id;
  AttDate  dob;
  AttDate  admission;
  AttDate  leaving;
} AttPupilDates;

/* The pupils on roll at some time in [from, to], in the order of
 * att_pupils_list(): an array of AttPupilDates read from the index of
 * the pupils by name alone, when the keys in the table are this run's
 * (otherwise from the pupils themselves). */
GArray       *att_pupils_on_roll_dates     (AttDb          *db,
                                            AttDate         from,
                                            AttDate         to,
                                            GError        **error);
/* Reads the pupils of @ids that have not been read yet, one row each, so
 * that att_pupils_get() finds them without reading the whole list. */
void          att_pupils_prefetch          (AttDb          *db,
                                            const gint64   *ids,
                                            guint           n_ids);

G_END_DECLS
