/* att-print-operation.h: printing and PDF export of a render document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "att-document.h"

G_BEGIN_DECLS

/* A print operation over an AttDocument: A4 in the document's
 * orientation, the document's title as the job's name, its pages counted
 * for the printable area the printer gives and drawn by the document.
 * Print and Preview use it through the print dialog; Export writes a PDF
 * without any dialog (and without a display). */
#define ATT_TYPE_PRINT_OPERATION (att_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (AttPrintOperation, att_print_operation, ATT, PRINT_OPERATION, GtkPrintOperation)

AttPrintOperation *att_print_operation_new          (AttDocument       *document);
AttDocument       *att_print_operation_get_document (AttPrintOperation *self);

/* Shows the print dialog over @parent (may be NULL) and prints. FALSE
 * with @error set when printing failed; a cancelled dialog is no error. */
gboolean           att_print_operation_print        (AttDocument       *document,
                                                     GtkWindow         *parent,
                                                     GError           **error);
/* Writes @document to the PDF file @path through the print operation's
 * export. The file is readable by its owner only: it names pupils. */
gboolean           att_print_operation_export_pdf   (AttDocument       *document,
                                                     GtkWindow         *parent,
                                                     const char        *path,
                                                     GError           **error);
/* As att_print_operation_print(), and @sent says whether the document
 * went to the printer (FALSE when the dialog was cancelled): what a
 * letter's log needs to know. */
gboolean           att_print_operation_print_sent   (AttDocument       *document,
                                                     GtkWindow         *parent,
                                                     gboolean          *sent,
                                                     GError           **error);

G_END_DECLS
