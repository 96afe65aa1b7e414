/* att-register-sheet.c: a printed register for a week (or a day)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register is drawn by AttRegisterDocument; these functions take the
 * sheet's description and hand it to a document.
 */
#include "config.h"

#include "att-register-sheet.h"

static AttDocument *
sheet_document (const AttRegisterSheet *sheet)
{
  return att_register_document_new (sheet->grid, sheet->school, sheet->title, sheet->footer);
}

guint
att_register_sheet_count_pages (const AttRegisterSheet *sheet,
                                double                  width,
                                double                  height)
{
  g_autoptr(AttDocument) document = NULL;

  g_return_val_if_fail (sheet != NULL && sheet->grid != NULL, 0);

  document = sheet_document (sheet);
  return att_document_count_pages (document, width, height);
}

void
att_register_sheet_draw_page (const AttRegisterSheet *sheet,
                              cairo_t                *cr,
                              double                  width,
                              double                  height,
                              guint                   page)
{
  g_autoptr(AttDocument) document = NULL;

  g_return_if_fail (sheet != NULL && sheet->grid != NULL);
  g_return_if_fail (cr != NULL);

  document = sheet_document (sheet);
  att_document_draw_page (document, cr, width, height, page);
}
