/* att-pupil-search.h: finding a pupil as part of a name, a UPN or a group
 * is typed, for the call form and the late book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_PUPIL_SEARCH (att_pupil_search_get_type ())
G_DECLARE_FINAL_TYPE (AttPupilSearch, att_pupil_search, ATT, PUPIL_SEARCH, GtkWidget)

/* The pupils on roll on @date of @db are searched (the core's finder, so
 * accents are optional); "pupil-chosen" is emitted with the pupil when
 * Enter is pressed in the entry (the first match) or a match is
 * activated. */
void          att_pupil_search_set_school (AttPupilSearch *self,
                                           AttDb          *db,
                                           AttDate         date);
/* The pupil chosen last, or NULL. */
AttPupil     *att_pupil_search_get_pupil  (AttPupilSearch *self);
void          att_pupil_search_set_pupil  (AttPupilSearch *self,
                                           AttPupil       *pupil);
/* How many pupils the text finds (at most the number shown). */
guint         att_pupil_search_get_n_matches (AttPupilSearch *self);
void          att_pupil_search_focus      (AttPupilSearch *self);

G_END_DECLS
