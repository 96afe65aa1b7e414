/* att-ctf-private.h: what the parts of the CTF import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-audit.h"
#include "att-ctf.h"
#include "att-users.h"

G_BEGIN_DECLS

/* The differences between a year's totals in the file and those counted
 * from its marks (char*, translated); a total missing on either side
 * (-1) is not compared. */
GPtrArray    *_att_ctf_differences     (int               file_possible,
                                        int               file_attended,
                                        int               file_authorised,
                                        int               file_unauthorised,
                                        int               possible,
                                        int               attended,
                                        int               authorised,
                                        int               unauthorised);
/* Adds @year of @pupil_id to previous_attendance, audited, in the
 * caller's transaction. */
gboolean      _att_ctf_insert_previous (AttDb            *db,
                                        const AttUser    *user,
                                        gint64            pupil_id,
                                        const AttCtfYear *year,
                                        const char       *source_file,
                                        GError          **error);
gboolean      _att_ctf_year_is_held    (const AttPreviousYear *row,
                                        const AttCtfYear            *year);

G_END_DECLS
