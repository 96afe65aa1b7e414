/* att-pupil-view.h: one pupil's record: details, contacts and figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-case-view.h"
#include "att-year-glance.h"
#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_PUPIL_VIEW (att_pupil_view_get_type ())
G_DECLARE_FINAL_TYPE (AttPupilView, att_pupil_view, ATT, PUPIL_VIEW, GtkWidget)

/* Shows the pupil @pupil_id of @db (0 or a NULL db clears the view).
 * Call again to bring it up to date after the database changed. */
/* Shows the pupil as of @today (the page's today, from its context). */
void      att_pupil_view_show          (AttPupilView *self,
                                        AttDb        *db,
                                        gint64        pupil_id,
                                        AttDate       today);
gint64    att_pupil_view_get_pupil_id  (AttPupilView *self);

/* The UPN as shown in the view (for the tests). */
const char *att_pupil_view_get_upn_text (AttPupilView *self);
/* The table of figures: a heading row, then this term, this school year
 * and last school year (for the tests). */
GtkGrid    *att_pupil_view_get_figures_grid (AttPupilView *self);

/* What the Subject Access Export button says when hovered: what it does,
 * or why it is disabled. */
void        att_pupil_view_set_export_tooltip (AttPupilView *self,
                                               const char   *text);

/* Shows the pupil's case (TRUE) or their record (FALSE): the "Case" and
 * "Record" buttons above them. */
void         att_pupil_view_show_case     (AttPupilView *self,
                                           gboolean      case_shown);
AttCaseView *att_pupil_view_get_case_view (AttPupilView *self);
/* The school year at a glance, under the figures. */
AttYearGlance *att_pupil_view_get_year_glance (AttPupilView *self);

/* What the buttons that change the pupil or their contacts say when
 * hovered while they are disabled: why (NULL: their own tooltips). */
void           att_pupil_view_set_edit_tooltip (AttPupilView *self,
                                                const char   *why);
/* The contacts' rows, in the order of calling: the row of a contact
 * (NULL when it is not shown), their number and the contact of each. */
GtkWidget     *att_pupil_view_get_contact_row (AttPupilView *self,
                                               gint64        contact_id);
guint          att_pupil_view_get_n_contacts  (AttPupilView *self);
gint64         att_pupil_view_get_contact_id  (AttPupilView *self,
                                               guint         i);
/* Puts the keyboard focus on a contact's row (back from its editor, or
 * after it moved), or on Add Contact when it is not shown. */
void           att_pupil_view_focus_contact   (AttPupilView *self,
                                               gint64        contact_id);

G_END_DECLS
