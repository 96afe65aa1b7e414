/* att-reports-page-export.c: the Reports page's workbook, print and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of AttReportsPage (att-reports-page-private.h). The governors'
 * report is the AttReportDocument of src/render, printed or written as a
 * PDF through the shared AttPrintOperation from the report on screen.
 * The Excel workbook is in att-reports-page-xlsx.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-print-operation.h"
#include "att-report-document.h"
#include "att-reports-page-private.h"
#include "attendance-core.h"

GtkWindow *
_att_reports_page_get_window (AttReportsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_att_reports_page_toast (AttReportsPage *self,
                         const char     *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "attendance-report-2025-09-01-to-2026-08-31.pdf": a file name for
 * the period shown. */
char *
_att_reports_page_file_name (AttReportsPage *self,
           const char     *what,
           const char     *extension)
{
  g_autofree char *from = att_date_format (att_report_get_from (self->report));
  g_autofree char *to = att_date_format (att_report_get_to (self->report));

  return g_strdup_printf ("%s-%s-to-%s.%s", what, from, to, extension);
}

/* ------------------------------------------------------------------ */
/* The governors' report                                               */

static AttDocument *
report_document (AttReportsPage *self,
                 gboolean        with_names)
{
  g_autoptr(AttSchool) school = att_school_load (self->db);

  return ATT_DOCUMENT (att_report_document_new (self->report, self->last_year,
                                                school != NULL ? school->name : NULL,
                                                with_names));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (widget);
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->db == NULL || self->report == NULL)
    return;
  document = report_document (self, TRUE);
  if (!att_print_operation_print (document, _att_reports_page_get_window (self), &error))
    _att_reports_page_toast (self, error->message);
}

gboolean
att_reports_page_save_pdf (AttReportsPage  *self,
                           const char      *path,
                           gboolean         with_names,
                           GError         **error)
{
  g_autoptr(AttDocument) document = NULL;

  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->db == NULL || self->report == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The figures are still being counted; save the report once they are shown"));
      return FALSE;
    }
  document = report_document (self, with_names);
  return att_print_operation_export_pdf (document, _att_reports_page_get_window (self), path, error);
}

static void
on_pdf_response (GtkNativeDialog *dialog,
                 int              response,
                 AttReportsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      const char *names = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "names");
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          if (att_reports_page_save_pdf (self, path, g_strcmp0 (names, "false") != 0, &error))
            {
              g_autofree char *base = g_path_get_basename (path);
              g_autofree char *text = NULL;

              /* Translators: %s is a file name */
              text = g_strdup_printf (_("The report was saved as %s"), base);
              _att_reports_page_toast (self, text);
            }
          else
            _att_reports_page_toast (self, error->message);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->db == NULL || self->report == NULL)
    return;
  name = _att_reports_page_file_name (self, "attendance-report", "pdf");
  chooser = gtk_file_chooser_native_new (_("Save the Report as PDF"), _att_reports_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* Governors who must not see pupils' names get the lists as counts. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "names",
                               _("Name the pupils in the lists"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "names", "true");
  g_signal_connect (chooser, "response", G_CALLBACK (on_pdf_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_att_reports_page_install_export_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "reports.print", NULL);
}
