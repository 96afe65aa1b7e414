/* att-print-operation.c: printing and PDF export of a render document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "att-error.h"
#include "att-print-operation.h"

struct _AttPrintOperation
{
  GtkPrintOperation  parent_instance;

  AttDocument       *document;
};

G_DEFINE_FINAL_TYPE (AttPrintOperation, att_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
att_print_operation_begin_print (GtkPrintOperation *operation,
                                 GtkPrintContext   *context)
{
  AttPrintOperation *self = ATT_PRINT_OPERATION (operation);

  gtk_print_operation_set_n_pages (operation,
                                   att_document_count_pages (self->document,
                                                             gtk_print_context_get_width (context),
                                                             gtk_print_context_get_height (context)));
}

static void
att_print_operation_draw_page (GtkPrintOperation *operation,
                               GtkPrintContext   *context,
                               int                page)
{
  AttPrintOperation *self = ATT_PRINT_OPERATION (operation);

  att_document_draw_page (self->document, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context), page);
}

static void
att_print_operation_finalize (GObject *object)
{
  AttPrintOperation *self = ATT_PRINT_OPERATION (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (att_print_operation_parent_class)->finalize (object);
}

static void
att_print_operation_class_init (AttPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = att_print_operation_finalize;
  operation_class->begin_print = att_print_operation_begin_print;
  operation_class->draw_page = att_print_operation_draw_page;
}

static void
att_print_operation_init (AttPrintOperation *self)
{
}

AttPrintOperation *
att_print_operation_new (AttDocument *document)
{
  AttPrintOperation *self;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  const char *title;

  g_return_val_if_fail (ATT_IS_DOCUMENT (document), NULL);

  self = g_object_new (ATT_TYPE_PRINT_OPERATION, NULL);
  self->document = g_object_ref (document);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup,
                                  att_document_get_orientation (document) == ATT_PAGE_LANDSCAPE
                                  ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                  : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  /* The document draws in points, whatever the printer's resolution. */
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  /* A letter places its address for an envelope's window, measured from
   * the paper's corner, not from the printer's margins. */
  if (att_document_uses_full_page (document))
    gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  title = att_document_get_title (document);
  if (title != NULL)
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  return self;
}

AttDocument *
att_print_operation_get_document (AttPrintOperation *self)
{
  g_return_val_if_fail (ATT_IS_PRINT_OPERATION (self), NULL);

  return self->document;
}

gboolean
att_print_operation_print (AttDocument  *document,
                           GtkWindow    *parent,
                           GError      **error)
{
  g_autoptr(AttPrintOperation) operation = NULL;

  g_return_val_if_fail (ATT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);

  operation = att_print_operation_new (document);
  return gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                  GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* The export writes into the file it is given, keeping its permissions:
 * the file is made (or made again) readable by its owner only first. */
static gboolean
create_private (const char  *path,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int saved = 0;

  if (fd < 0 || fchmod (fd, 0600) != 0)
    saved = errno;
  if (fd >= 0)
    close (fd);
  if (saved != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Could not write “%s”: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
att_print_operation_export_pdf (AttDocument  *document,
                                GtkWindow    *parent,
                                const char   *path,
                                GError      **error)
{
  g_autoptr(AttPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (ATT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!create_private (path, error))
    return FALSE;

  operation = att_print_operation_new (document);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* No half-written file is left to be taken for the document. */
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_print_operation_print_sent (AttDocument  *document,
                                GtkWindow    *parent,
                                gboolean     *sent,
                                GError      **error)
{
  g_autoptr(AttPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (ATT_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (sent != NULL, FALSE);

  operation = att_print_operation_new (document);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
  *sent = result == GTK_PRINT_OPERATION_RESULT_APPLY;
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
