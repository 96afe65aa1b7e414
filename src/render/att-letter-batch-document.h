/* att-letter-batch-document.h: a batch of letters as one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole batch is one document, one PDF and one print job with its
 * preview, drawn by the letters' one drawing function
 * (att-letter-document.h): the letterhead and fonts are laid out once,
 * and each letter is laid out only when a page of it is first needed, so
 * that a preview shows its first page without laying out the other
 * letters. Each letter starts on a new page.
 */
#pragma once

#include "att-document.h"
#include "att-letter-batch.h"
#include "att-letters.h"

G_BEGIN_DECLS

/* The letters of @batch (its items that are not texts) under
 * @letterhead, titled with the batch's title. The document keeps a
 * reference to the batch. */
AttDocument        *att_letter_batch_document_new     (AttLetterBatch      *batch,
                                                       const AttLetterhead *letterhead);

/* Item @index (from 0) of @batch alone, as the bytes of a PDF: the
 * attachment of an e-mailed letter. NULL with an error when the PDF
 * cannot be made. */
GBytes             *att_letter_batch_document_item_pdf (AttLetterBatch     *batch,
                                                       guint                index,
                                                       const AttLetterhead *letterhead,
                                                       GError             **error);

/* The page (from 0) on which item @index's letter starts in
 * @document, and how many pages it takes: for a preview showing one
 * letter of the batch. */
guint               att_letter_batch_document_get_first_page (AttDocument  *document,
                                                       guint                index,
                                                       guint               *n_pages);

G_END_DECLS
