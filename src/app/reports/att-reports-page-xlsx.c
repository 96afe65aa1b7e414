/* att-reports-page-xlsx.c: the Reports page's Excel workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of AttReportsPage (att-reports-page-private.h). The workbook of
 * the period shown is written by att_xlsx_export_write_full() on a thread with
 * a connection of its own, as the Today page counts its breaches: the
 * page shows its progress and a Cancel button, and a cancelled workbook
 * leaves nothing behind.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-reports-page-private.h"
#include "att-xlsx-export.h"
#include "attendance-core.h"

/* ------------------------------------------------------------------ */
/* The workbook                                                        */

typedef struct
{
  char         *db_path;
  char         *path;
  AttDate       from;
  AttDate       to;
  AttReportFlags flags;
  GCancellable *cancellable;
  AttReportsPage *self;    /* the task's source object keeps it alive */
} ExportJob;

typedef struct
{
  AttReportsPage *self;
  GCancellable   *cancellable;
  double          fraction;
  char           *what;
} ExportProgress;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static gboolean
show_progress (gpointer data)
{
  ExportProgress *progress = data;
  AttReportsPage *self = progress->self;

  /* Only the workbook still being written moves the bar. */
  if (!self->disposed && self->export_cancellable == progress->cancellable)
    {
      g_autofree char *text = NULL;

      gtk_progress_bar_set_fraction (self->export_progress, CLAMP (progress->fraction, 0.0, 1.0));
      /* Translators: %s is the part of the workbook being written, "Pupils" */
      text = g_strdup_printf (_("Writing the workbook: %s"), progress->what);
      gtk_label_set_label (self->export_label, text);
    }
  g_object_unref (progress->self);
  g_object_unref (progress->cancellable);
  g_free (progress->what);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called on the exporting thread: the bar moves on the main one. */
static void
on_export_progress (double      fraction,
                    const char *what,
                    gpointer    data)
{
  ExportJob *job = data;
  ExportProgress *progress = g_new0 (ExportProgress, 1);

  progress->self = g_object_ref (job->self);
  progress->cancellable = g_object_ref (job->cancellable);
  progress->fraction = fraction;
  progress->what = g_strdup (what != NULL ? what : "");
  g_main_context_invoke (NULL, show_progress, progress);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;
  AttDb *db = att_db_open (job->db_path, &error);
  gboolean ok = FALSE;

  if (db != NULL)
    {
      ok = att_xlsx_export_write_full (db, job->path, job->from, job->to, job->flags,
                                       on_export_progress, job, job->cancellable, &error);
      att_db_close (db);
      g_object_unref (db);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->disposed || self->export_cancellable != job->cancellable)
    return;
  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  att_page_actions_update (ATT_PAGE (self));

  if (ok)
    {
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *text = NULL;

      /* Translators: %s is a file name */
      text = g_strdup_printf (_("The workbook was saved as %s"), base);
      _att_reports_page_toast (self, text);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _att_reports_page_toast (self, _("The workbook was not saved"));
  else
    _att_reports_page_toast (self, error->message);
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
}

void
att_reports_page_export_xlsx (AttReportsPage *self,
                              const char     *path)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (ATT_IS_REPORTS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->db == NULL || self->report == NULL || self->export_cancellable != NULL)
    return;

  self->export_cancellable = g_cancellable_new ();
  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->path = g_strdup (path);
  job->from = att_report_get_from (self->report);
  job->to = att_report_get_to (self->report);
  /* The pupils the page counts: every one, or those aged 5 to 15. */
  job->flags = att_report_get_flags (self->report) & ATT_REPORT_AGES_5_TO_15;
  job->cancellable = g_object_ref (self->export_cancellable);
  job->self = self;

  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  gtk_label_set_label (self->export_label, _("Writing the workbook…"));
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  att_page_actions_update (ATT_PAGE (self));
  /* Esc or Enter on Cancel stops it: the keyboard goes there. */
  gtk_widget_grab_focus (gtk_widget_get_last_child (gtk_revealer_get_child (self->export_revealer)));

  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_source_tag (task, att_reports_page_export_xlsx);
  g_task_set_task_data (task, job, (GDestroyNotify)export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
att_reports_page_is_exporting (AttReportsPage *self)
{
  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), FALSE);

  return self->export_cancellable != NULL;
}

void
_att_reports_page_cancel_export (AttReportsPage *self)
{
  if (self->export_cancellable == NULL)
    return;
  g_cancellable_cancel (self->export_cancellable);
}

static void
on_xlsx_response (GtkNativeDialog *dialog,
                  int              response,
                  AttReportsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        att_reports_page_export_xlsx (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_xlsx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->db == NULL || self->report == NULL)
    return;
  name = _att_reports_page_file_name (self, "attendance", "xlsx");
  chooser = gtk_file_chooser_native_new (_("Export to Excel"), _att_reports_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_xlsx_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (widget);

  _att_reports_page_cancel_export (self);
  gtk_label_set_label (self->export_label, _("Stopping…"));
}

void
_att_reports_page_install_xlsx_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reports.export-xlsx", NULL, export_xlsx_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel-export", NULL,
                                   cancel_export_action);
}

void
_att_reports_page_xlsx_actions_update (AttReportsPage *self,
                                       gboolean        ready)
{
  gboolean exporting = self->export_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-xlsx", ready && !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel-export", exporting);
}
