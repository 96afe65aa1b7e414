/* att-pupil-flags.h: the small labels that flag a pupil (PA, SW, LAC ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attendance-core.h"

G_BEGIN_DECLS

/* A box of pill labels, each with a tooltip that says what it means. */
GtkWidget *att_pupil_flags_new     (void);
/* Shows the flags of @pupil; @figures (this school year, may be NULL)
 * give PA and SA; @today decides whether the pupil has left. */
void       att_pupil_flags_update  (GtkWidget        *flags,
                                    AttPupil         *pupil,
                                    const AttFigures *figures,
                                    AttDate           today);

G_END_DECLS
