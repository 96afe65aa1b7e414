/* att-year-glance.h: the pupil's school year at a glance, with the year
 * chosen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-year-calendar-view.h"
#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_YEAR_GLANCE (att_year_glance_get_type ())
G_DECLARE_FINAL_TYPE (AttYearGlance, att_year_glance, ATT, YEAR_GLANCE, GtkWidget)

/* Shows the school year holding @today of @pupil_id (0 or a NULL @db
 * clears it); the chooser offers each school year from the pupil's
 * admission to today's. */
void                 att_year_glance_show           (AttYearGlance *self,
                                                     AttDb         *db,
                                                     gint64         pupil_id,
                                                     AttDate        today);
/* The school year shown, by the calendar year it starts in. */
int                  att_year_glance_get_school_year (AttYearGlance *self);
void                 att_year_glance_set_school_year (AttYearGlance *self,
                                                      int            school_year);
AttYearCalendarView *att_year_glance_get_view       (AttYearGlance *self);
/* Writes the year shown on one page of PDF, as "Save as PDF…" does. */
gboolean             att_year_glance_save_pdf       (AttYearGlance  *self,
                                                     const char     *path,
                                                     GError        **error);

G_END_DECLS
