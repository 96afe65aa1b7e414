/* att-csv-private.h: the CSV parser as the importer uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-import.h"

G_BEGIN_DECLS

/* Like att_csv_parse(), but on failure sets @error_row to the file's row
 * at fault (0 for the whole file) and leaves the row out of the message,
 * so that the importer can report it as a problem with its row. */
AttCsv       *att_csv_parse_at          (const char   *data,
                                         gsize         length,
                                         guint        *error_row,
                                         GError      **error);

G_END_DECLS
