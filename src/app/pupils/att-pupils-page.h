/* att-pupils-page.h: every pupil, searchable, and one pupil's record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-page.h"

G_BEGIN_DECLS

#define ATT_TYPE_PUPILS_PAGE (att_pupils_page_get_type ())
G_DECLARE_FINAL_TYPE (AttPupilsPage, att_pupils_page, ATT, PUPILS_PAGE, AttPage)

/* Back to the list, with the keyboard focus in the search entry. */
void      att_pupils_page_focus_search  (AttPupilsPage *self);
/* Shows one pupil's record. */
void      att_pupils_page_show_pupil    (AttPupilsPage *self,
                                         gint64         pupil_id);

/* Writes everything held about the pupil shown to @folder, as the
 * Subject Access Export button does: subject-access-UPN.pdf and .json,
 * the export recorded in the audit log. */
gboolean  att_pupils_page_export_subject_access (AttPupilsPage  *self,
                                                 const char     *folder,
                                                 GError        **error);

G_END_DECLS
