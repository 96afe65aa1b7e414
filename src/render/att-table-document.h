/* att-table-document.h: a printed list of rows under column headings,
 * which the call log and the late book are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-document.h"

G_BEGIN_DECLS

#define ATT_TYPE_TABLE_DOCUMENT (att_table_document_get_type ())
G_DECLARE_FINAL_TYPE (AttTableDocument, att_table_document, ATT, TABLE_DOCUMENT, GObject)

/* @headings is NULL-terminated; @widths gives each column's share of the
 * page width (they add up to 1). Text that does not fit is ellipsized. */
AttTableDocument *att_table_document_new     (const char         *school,
                                              const char         *title,
                                              const char         *footer,
                                              AttPageOrientation  orientation,
                                              const char * const *headings,
                                              const double       *widths);
/* A row of as many cells as there are headings. */
void              att_table_document_add_row (AttTableDocument   *self,
                                              const char * const *cells);
guint             att_table_document_get_n_rows (AttTableDocument *self);

G_END_DECLS
