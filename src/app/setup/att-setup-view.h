/* att-setup-view.h: the first run, a new school set up a step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_SETUP_VIEW (att_setup_view_get_type ())
G_DECLARE_FINAL_TYPE (AttSetupView, att_setup_view, ATT, SETUP_VIEW, GtkWidget)

/* What the window shows while the school is being set up: with no
 * database, the welcome (set up a school, or explore the demonstration
 * school); then the steps of att-setup.h. The school's database is made
 * at @db_path when its step is confirmed, and the view emits
 * "school-created" for the window to open it. Once the administrator is
 * added they are signed in (the context's user), and the last step
 * emits "finished". */
AttSetupView *att_setup_view_new         (AttContext   *context,
                                          const char   *db_path);
void          att_setup_view_set_db_path (AttSetupView *self,
                                          const char   *db_path);
/* Shows the step the context's school has come to (the welcome when it
 * has no database), with the fields read again from the school. */
void          att_setup_view_resume      (AttSetupView *self);

G_END_DECLS
