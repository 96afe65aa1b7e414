/* att-register-page-print.c: printing the register and exporting it to PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of AttRegisterPage; what the parts share is in
 * att-register-page-private.h.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-amend-dialog.h"
#include "att-application.h"
#include "att-code-palette.h"
#include "att-filter-dialog.h"
#include "att-mark-history-popover.h"
#include "att-register-model.h"
#include "att-register-page-private.h"
#include "att-register-sheet.h"

/* ------------------------------------------------------------------ */
/* Printing                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  AttRegisterSheet  sheet;
  AttGrid          *grid;
  char             *school;
  char             *title;
  char             *footer;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_pointer (&data->grid, att_grid_unref);
  g_free (data->school);
  g_free (data->title);
  g_free (data->footer);
  g_free (data);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  gtk_print_operation_set_n_pages (operation,
                                   att_register_sheet_count_pages (&data->sheet,
                                                                   gtk_print_context_get_width (context),
                                                                   gtk_print_context_get_height (context)));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintData         *data)
{
  att_register_sheet_draw_page (&data->sheet, gtk_print_context_get_cairo_context (context),
                                gtk_print_context_get_width (context),
                                gtk_print_context_get_height (context), page);
}

gboolean
_att_register_page_run_print (AttRegisterPage          *self,
                              GtkPrintOperationAction   action,
                              const char               *path,
                              GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *what = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *stamp = NULL;
  const AttUser *user = _att_register_page_get_user (self);
  PrintData *data;
  GtkPrintOperationResult result;

  if (self->db == NULL)
    return FALSE;

  data = g_new0 (PrintData, 1);
  /* Whatever the view, the printed register is the week. */
  data->grid = _att_register_page_build_grid (self, TRUE, error);
  if (data->grid == NULL)
    {
      print_data_free (data);
      return FALSE;
    }
  what = att_grid_filter_describe (self->filter);
  monday = att_date_format_long (att_date_monday (self->date));
  data->school = self->school != NULL && self->school->name != NULL ? g_strdup (self->school->name) : NULL;
  /* Translators: the title of a printed register: "7A, week beginning Mon 9 Sep 2024" */
  data->title = g_strdup_printf (_("%s, week beginning %s"), what, monday);
  stamp = g_date_time_format (now, "%-d %b %Y %H:%M");
  /* Translators: "Printed by Olive Officer on 9 Sep 2024 10:12" */
  data->footer = g_strdup_printf (_("Printed by %s on %s"), user != NULL ? user->name : _("nobody signed in"),
                                  stamp);
  data->sheet.grid = data->grid;
  data->sheet.school = data->school;
  data->sheet.title = data->title;
  data->sheet.footer = data->footer;

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, data->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  if (path != NULL)
    gtk_print_operation_set_export_filename (operation, path);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), data);

  result = gtk_print_operation_run (operation, action, _att_register_page_get_window (self), error);
  print_data_free (data);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
att_register_page_export_pdf (AttRegisterPage  *self,
                              const char       *path,
                              GError          **error)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return _att_register_page_run_print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, path, error);
}

void
_att_register_page_on_export_response (GtkNativeDialog *dialog,
                                       int              response,
                                       AttRegisterPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          if (att_register_page_export_pdf (self, path, &error))
            _att_register_page_show_toast (self, _("The register was saved as PDF"));
          else
            _att_register_page_show_message (self, error != NULL ? error->message : _("The PDF could not be written"));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}
