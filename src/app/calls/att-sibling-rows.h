/* att-sibling-rows.h: the brothers and sisters a form offers with a pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

/* Fills @list with a row and a check box for each pupil of @sibling_ids
 * (gint64, as att_calls_siblings() gives them) found in @db: the name and
 * the registration group, the box ticked when @ticked. What was in @list,
 * @checks and @ids before goes; @checks gets each GtkCheckButton and @ids
 * its pupil's id, in the same order. @on_toggled(@user_data) is called
 * when a box changes. Returns how many rows were made. */
guint att_sibling_rows_fill (GtkListBox   *list,
                             AttDb        *db,
                             const GArray *sibling_ids,
                             gboolean      ticked,
                             GPtrArray    *checks,
                             GArray       *ids,
                             GCallback     on_toggled,
                             gpointer      user_data);

G_END_DECLS
