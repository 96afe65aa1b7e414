/* att-import-private.h: imports from bytes in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-import.h"

G_BEGIN_DECLS

/* As att_import_pupils() and the others, with the file's bytes rather
 * than its path; @name is the file's name in messages and the audit log.
 * The fuzz targets feed the importers through these. */
gboolean    att_import_pupils_data   (AttDb            *db,
                                      const AttUser    *user,
                                      const char       *name,
                                      const char       *data,
                                      gsize             length,
                                      gboolean          dry_run,
                                      AttImportReport  *report,
                                      GError          **error);
gboolean    att_import_contacts_data (AttDb            *db,
                                      const AttUser    *user,
                                      const char       *name,
                                      const char       *data,
                                      gsize             length,
                                      gboolean          dry_run,
                                      AttImportReport  *report,
                                      GError          **error);
gboolean    att_import_marks_data    (AttDb            *db,
                                      const AttUser    *user,
                                      const char       *name,
                                      const char       *data,
                                      gsize             length,
                                      gboolean          dry_run,
                                      AttImportReport  *report,
                                      GError          **error);

G_END_DECLS
