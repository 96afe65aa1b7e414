/* att-pupil-finder.h: finding a pupil as a name, a UPN or a group is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttPupil AttPupil;

/* The pupils on roll on a day, each with the text a search looks in
 * (preferred and legal names, UPN, registration group) folded once as
 * the Pupils page folds it: lower case, without accents, so "celik"
 * finds "Çelik". Made once for a form; each keystroke is a search. */
typedef struct _AttPupilFinder AttPupilFinder;

AttPupilFinder *att_pupil_finder_new    (AttDb           *db,
                                         AttDate          date,
                                         GError         **error);
void            att_pupil_finder_free   (AttPupilFinder  *finder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttPupilFinder, att_pupil_finder_free)

/* The pupils whose text holds every word of @text (in any order), by
 * name, at most @max (0: all). Borrowed pupils, in a new array. An empty
 * text finds nobody. */
GPtrArray      *att_pupil_finder_search (AttPupilFinder  *finder,
                                         const char      *text,
                                         guint            max);

G_END_DECLS
