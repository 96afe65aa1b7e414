/* att-sar-document.h: everything held about one pupil, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-document.h"
#include "att-sar.h"

G_BEGIN_DECLS

/* The answer to a subject access request, A4 landscape: each section of
 * @sar (att_sar_collect()) in turn, the details and the contacts as
 * forms, the others as tables whose cells wrap so that nothing is cut;
 * an empty section says that nothing is held. */
#define ATT_TYPE_SAR_DOCUMENT (att_sar_document_get_type ())
G_DECLARE_FINAL_TYPE (AttSarDocument, att_sar_document, ATT, SAR_DOCUMENT, GObject)

/* Takes @sar. */
AttDocument  *att_sar_document_new (AttSar *sar);

/* Answers a subject access request for pupil @pupil_id: writes the JSON
 * file @json_path and the printed copy @pdf_path (either may be NULL),
 * readable by their owner only, and records the export in the audit log
 * naming the files. If any step fails, the files written are removed.
 * att_sar_file_paths() names them in a folder. */
gboolean      att_sar_write_files  (AttDb          *db,
                                    const AttUser  *user,
                                    gint64          pupil_id,
                                    const char     *pdf_path,
                                    const char     *json_path,
                                    GError        **error);

G_END_DECLS
