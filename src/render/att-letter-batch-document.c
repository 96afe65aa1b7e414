/* att-letter-batch-document.c: a batch of letters as one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The batch's letters are handed to the letters' one drawing function
 * (AttLetterDocument) as they are: their address as the log keeps it,
 * the date they bear and their merged text. Texts are not letters and
 * are left out; an e-mailed letter is drawn like a posted one.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "att-error.h"
#include "att-letter-batch-document.h"
#include "att-letter-document.h"

static void
add_item (AttLetterDocument        *document,
          const AttLetterBatchItem *item)
{
  AttLetterContent content = { 0 };
  g_auto(GStrv) address = NULL;

  /* The address block as logged: what the envelope shows is what the
   * log says the letter was addressed to. */
  if (item->record->address != NULL && item->record->address[0] != '\0')
    address = g_strsplit (item->record->address, "\n", -1);
  content.address = address != NULL ? (const char * const *)address
                                     : (const char * const *)item->recipient->address;
  content.date = item->record->date;
  content.text = item->text;
  att_letter_document_add (document, &content);
}

AttDocument *
att_letter_batch_document_new (AttLetterBatch      *batch,
                               const AttLetterhead *letterhead)
{
  AttLetterDocument *document;
  GPtrArray *items;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (letterhead != NULL, NULL);

  document = att_letter_document_new (letterhead, att_letter_batch_get_title (batch));
  items = att_letter_batch_get_items (batch);
  for (guint i = 0; i < items->len; i++)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, i);

      if (item->delivery != ATT_LETTER_TEXT)
        add_item (document, item);
    }
  /* The document keeps what it draws from. */
  g_object_set_data_full (G_OBJECT (document), "att-letter-batch", att_letter_batch_ref (batch),
                          (GDestroyNotify)att_letter_batch_unref);
  return ATT_DOCUMENT (document);
}

guint
att_letter_batch_document_get_first_page (AttDocument *document,
                                          guint        index,
                                          guint       *n_pages)
{
  AttLetterBatch *batch;
  GPtrArray *items;
  guint letter = 0;

  g_return_val_if_fail (ATT_IS_LETTER_DOCUMENT (document), 0);

  /* Items that are texts have no letter: count the letters before it. */
  batch = g_object_get_data (G_OBJECT (document), "att-letter-batch");
  items = batch != NULL ? att_letter_batch_get_items (batch) : NULL;
  for (guint i = 0; items != NULL && i < index && i < items->len; i++)
    if (((AttLetterBatchItem *)g_ptr_array_index (items, i))->delivery != ATT_LETTER_TEXT)
      letter++;
  if (items == NULL)
    letter = index;
  return att_letter_document_get_first_page (ATT_LETTER_DOCUMENT (document), letter, n_pages);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
att_letter_batch_document_item_pdf (AttLetterBatch       *batch,
                                    guint                 index,
                                    const AttLetterhead  *letterhead,
                                    GError              **error)
{
  g_autoptr(AttLetterDocument) document = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  AttLetterBatchItem *item;
  GPtrArray *items;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint pages;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (letterhead != NULL, NULL);

  items = att_letter_batch_get_items (batch);
  g_return_val_if_fail (index < items->len, NULL);
  item = g_ptr_array_index (items, index);

  document = att_letter_document_new (letterhead, item->text->subject);
  add_item (document, item);

  /* A letter uses the whole sheet: no margin. */
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, ATT_DOCUMENT_A4_SHORT,
                                                 ATT_DOCUMENT_A4_LONG);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, item->text->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Attendance");
  cr = cairo_create (surface);
  pages = att_document_count_pages (ATT_DOCUMENT (document), ATT_DOCUMENT_A4_SHORT,
                                    ATT_DOCUMENT_A4_LONG);
  for (guint page = 0; page < pages; page++)
    {
      att_document_draw_page (ATT_DOCUMENT (document), cr, ATT_DOCUMENT_A4_SHORT,
                              ATT_DOCUMENT_A4_LONG, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not make the PDF of the letter to %s: %s"),
                   item->record->recipient, cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
