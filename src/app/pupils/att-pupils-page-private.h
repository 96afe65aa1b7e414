/* att-pupils-page-private.h: what the widget tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-pupil-view.h"
#include "att-pupils-page.h"

G_BEGIN_DECLS

GtkColumnView  *att_pupils_page_get_column_view  (AttPupilsPage *self);
GtkSearchEntry *att_pupils_page_get_search_entry (AttPupilsPage *self);
GtkCheckButton *att_pupils_page_get_leavers_check (AttPupilsPage *self);
AttPupilView   *att_pupils_page_get_pupil_view   (AttPupilsPage *self);
/* TRUE while one pupil's record is shown instead of the list. */
gboolean        att_pupils_page_is_showing_pupil (AttPupilsPage *self);
/* Whether this school year's figures are still being counted. */
gboolean        att_pupils_page_is_counting      (AttPupilsPage *self);
/* The attendance the list shows for the pupil, if their row is drawn. */
const char     *att_pupils_page_get_shown_attendance (AttPupilsPage *self,
                                                      gint64         pupil_id);

/* The page's changes (att-pupils-page-edit.c): its actions, installed
 * by the class, and enabled from the user's rights with the Add Pupil
 * button's tooltip saying why not. */
void            _att_pupils_page_install_edit_actions (GtkWidgetClass *widget_class);
void            _att_pupils_page_edit_actions_update  (AttPupilsPage  *self,
                                                       GtkWidget      *add_button);

G_END_DECLS
