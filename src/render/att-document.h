/* att-document.h: a printable document, drawn without widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the product prints (the register, the roll call, and later
 * letters, certificates and reports) is an AttDocument: it says how many
 * pages it needs on a page of a given size and draws any one of them on a
 * cairo context. The desktop app hands a document to its print operation;
 * the command-line tool and the tests write it to a PDF file with
 * att_document_write_pdf().
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* A4 in points: every document is printed on A4, the paper of a school in
 * England. */
#define ATT_DOCUMENT_A4_SHORT  595.28
#define ATT_DOCUMENT_A4_LONG   841.89
/* The margin a PDF written by att_document_write_pdf() leaves on each
 * side, in points: about 1 cm, inside what any office printer reaches. */
#define ATT_DOCUMENT_PDF_MARGIN 28.0

typedef enum
{
  ATT_PAGE_PORTRAIT,
  ATT_PAGE_LANDSCAPE,
} AttPageOrientation;

#define ATT_TYPE_DOCUMENT (att_document_get_type ())
G_DECLARE_INTERFACE (AttDocument, att_document, ATT, DOCUMENT, GObject)

struct _AttDocumentInterface
{
  GTypeInterface parent_iface;

  /* A short title: the print job's name and the PDF's title. */
  const char         *(*get_title)       (AttDocument *self);
  AttPageOrientation  (*get_orientation) (AttDocument *self);
  /* The pages needed when the printable area is @width x @height points. */
  guint               (*count_pages)     (AttDocument *self,
                                          double       width,
                                          double       height);
  /* Draws page @page (from 0) onto @cr, whose origin is the top left of
   * the printable area of @width x @height points. */
  void                (*draw_page)       (AttDocument *self,
                                          cairo_t     *cr,
                                          double       width,
                                          double       height,
                                          guint        page);
  /* Whether the document draws from the paper's own corner on the whole
   * sheet (a letter, whose address must sit in an envelope's window)
   * rather than inside the printer's margins. Optional: FALSE when NULL. */
  gboolean            (*uses_full_page)  (AttDocument *self);
};

const char         *att_document_get_title       (AttDocument  *self);
AttPageOrientation  att_document_get_orientation (AttDocument  *self);
guint               att_document_count_pages     (AttDocument  *self,
                                                  double        width,
                                                  double        height);
void                att_document_draw_page       (AttDocument  *self,
                                                  cairo_t      *cr,
                                                  double        width,
                                                  double        height,
                                                  guint         page);

/* Whether @self draws on the whole sheet from the paper's corner: then
 * the print operation prints on the full page and att_document_write_pdf()
 * leaves no margin, and the width and height given to count_pages and
 * draw_page are the paper's. */
gboolean            att_document_uses_full_page  (AttDocument  *self);

/* The paper for the document's orientation, in points. */
void                att_document_get_paper_size  (AttDocument  *self,
                                                  double       *width,
                                                  double       *height);

/* Writes every page to a PDF file on A4 in the document's orientation,
 * with ATT_DOCUMENT_PDF_MARGIN on each side (none for a document that
 * uses the full page). The file is readable by its
 * owner only (it names pupils), and is written beside @path and renamed,
 * so a reader never sees half a file and a failure leaves what was there.
 * Sets @n_pages (may be NULL) to the pages written. */
gboolean            att_document_write_pdf       (AttDocument  *self,
                                                  const char   *path,
                                                  guint        *n_pages,
                                                  GError      **error);

G_END_DECLS
