/* att-previous-attendance.h: a pupil's attendance at previous schools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_PREVIOUS_ATTENDANCE (att_previous_attendance_get_type ())
G_DECLARE_FINAL_TYPE (AttPreviousAttendance, att_previous_attendance, ATT, PREVIOUS_ATTENDANCE, GtkWidget)

GtkWidget *att_previous_attendance_new      (void);
/* Shows what Common Transfer Files said of @pupil_id's attendance at
 * previous schools: each school and year, its totals and any difference
 * from its marks. Hidden when there is none (or @db is NULL). */
void       att_previous_attendance_show     (AttPreviousAttendance *self,
                                             AttDb                 *db,
                                             gint64                 pupil_id);
/* The same for the one placed after @sibling in its box, made and placed
 * there the first time: how the pupil's record shows it. */
void       att_previous_attendance_show_after (GtkWidget           *sibling,
                                               AttDb               *db,
                                               gint64               pupil_id);
/* How many school years it lists. */
guint      att_previous_attendance_get_n_years (AttPreviousAttendance *self);
/* The row of the @index-th school year (for the tests). */
AdwActionRow *att_previous_attendance_get_row  (AttPreviousAttendance *self,
                                                guint                  index);

G_END_DECLS
