/* att-improve-dialog.c: starting a notice to improve, and its letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form asks the day the notice is issued and its improvement period
 * in school weeks (3 to 6, the school's setting first), and shows the
 * period's last day as the core works it out on the school calendar
 * (a half term does not count), changing as they do. Start records the
 * notice; then its letter is printed (or saved as PDF) through the
 * shared print operation, and logged once it went.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-improve-dialog.h"
#include "att-letter-batch-document.h"
#include "att-letters-date-row.h"
#include "att-penalty.h"
#include "att-print-operation.h"
#include "attendance-core.h"

struct _AttImproveDialog
{
  AdwWindow          parent_instance;

  /* Template widgets */
  GtkButton         *cancel_button;
  GtkButton         *start_button;
  GtkLabel          *heading_label;
  AttLettersDateRow *issued_row;
  GtkSpinButton     *weeks_spin;
  AdwActionRow      *end_row;
  GtkLabel          *error_label;
  GtkWidget         *letter_box;
  GtkButton         *print_button;
  GtkLabel          *letter_label;

  AttContext        *context;
  gint64             pupil_id;
  AttDate            end;
  gint64             notice_id;
  char              *denied;
  char              *error;
};

G_DEFINE_FINAL_TYPE (AttImproveDialog, att_improve_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static AttDb *
get_db (AttImproveDialog *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static void
show_error (AttImproveDialog *self,
            const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_actions (AttImproveDialog *self)
{
  gboolean started = self->notice_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "improve.start", !started && self->denied == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_button),
                               self->denied != NULL ? self->denied
                               : _("Record the notice to improve, then print its letter"));
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), !started);
  gtk_widget_set_visible (self->letter_box, started);
  gtk_widget_set_sensitive (GTK_WIDGET (self->issued_row), !started);
  gtk_widget_set_sensitive (GTK_WIDGET (self->weeks_spin), !started);
  if (started || self->denied != NULL)
    gtk_button_set_label (self->cancel_button, _("_Close"));
}

/* The period's last day, as the core works it out, as the form changes. */
static void
on_changed (AttImproveDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AttDate issued;

  if (get_db (self) == NULL || self->notice_id != 0)
    return;
  self->end = ATT_DATE_NONE;
  issued = att_letters_date_row_get_date (self->issued_row, &error);
  if (issued == ATT_DATE_NONE)
    {
      adw_action_row_set_subtitle (self->end_row,
                                   error != NULL ? error->message : _("Type the day the notice is issued"));
      return;
    }
  self->end = att_penalty_improve_end (get_db (self), issued,
                                       (guint)gtk_spin_button_get_value_as_int (self->weeks_spin), &error);
  if (self->end == ATT_DATE_NONE)
    {
      adw_action_row_set_subtitle (self->end_row, error->message);
      return;
    }
  text = att_date_format_long (self->end);
  adw_action_row_set_subtitle (self->end_row, text);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttImproveDialog *self = ATT_IMPROVE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  AttDate issued;
  gint64 id;

  if (get_db (self) == NULL || self->notice_id != 0)
    return;
  issued = att_letters_date_row_get_date (self->issued_row, &error);
  if (issued == ATT_DATE_NONE)
    {
      show_error (self, error != NULL ? error->message : _("Type the day the notice is issued"));
      gtk_widget_grab_focus (GTK_WIDGET (self->issued_row));
      return;
    }
  id = att_penalty_improve_start (get_db (self), att_context_get_user (self->context), self->pupil_id,
                                  issued, (guint)gtk_spin_button_get_value_as_int (self->weeks_spin), &error);
  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  self->notice_id = id;
  /* The keyboard goes to the letter before the fields it was in are
   * made read-only. */
  gtk_widget_set_visible (self->letter_box, TRUE);
  gtk_label_set_label (self->letter_label, _("The notice is recorded. Print its letter to the parents, and it is logged."));
  gtk_widget_grab_focus (GTK_WIDGET (self->print_button));
  update_actions (self);
  g_signal_emit (self, signals[SAVED], 0);
}

/* ------------------------------------------------------------------ */
/* The letter                                                          */

static AttDocument *
make_letter (AttImproveDialog *self,
             AttLetterBatch  **batch,
             GError          **error)
{
  g_autoptr(AttLetterhead) letterhead = NULL;

  *batch = att_penalty_improve_letter (get_db (self), self->notice_id,
                                       att_context_get_today (self->context), error);
  if (*batch == NULL)
    return NULL;
  letterhead = att_letterhead_load (get_db (self));
  return att_letter_batch_document_new (*batch, letterhead);
}

static gboolean
letter_sent (AttImproveDialog *self,
             AttLetterBatch   *batch,
             GError          **error)
{
  GPtrArray *items;
  g_autofree char *text = NULL;

  if (!att_letter_batch_record (get_db (self), att_context_get_user (self->context), batch,
                                ATT_LETTER_POST, att_context_get_today (self->context), error))
    return FALSE;
  items = att_letter_batch_get_items (batch);
  if (items->len > 0)
    {
      AttLetterBatchItem *item = g_ptr_array_index (items, 0);

      if (!att_penalty_improve_set_letter (get_db (self), self->notice_id, item->record->id, error))
        return FALSE;
    }
  /* Translators: letters sent and logged */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter logged", "%u letters logged",
                                       items->len), items->len);
  gtk_label_set_label (self->letter_label, text);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
print_letter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttImproveDialog *self = ATT_IMPROVE_DIALOG (widget);
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sent = FALSE;

  document = make_letter (self, &batch, &error);
  if (document == NULL
      || !att_print_operation_print_sent (document, GTK_WINDOW (self), &sent, &error)
      || (sent && !letter_sent (self, batch, &error)))
    show_error (self, error->message);
}

gboolean
att_improve_dialog_save_letter_to (AttImproveDialog *self,
                                   const char       *path,
                                   GError          **error)
{
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(AttDocument) document = NULL;

  g_return_val_if_fail (ATT_IS_IMPROVE_DIALOG (self), FALSE);
  g_return_val_if_fail (self->notice_id != 0, FALSE);

  document = make_letter (self, &batch, error);
  return document != NULL
         && att_print_operation_export_pdf (document, GTK_WINDOW (self), path, error)
         && letter_sent (self, batch, error);
}

static void
on_save_response (GtkNativeDialog  *chooser,
                  int               response,
                  AttImproveDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL
      && !att_improve_dialog_save_letter_to (self, path, &error))
    show_error (self, error->message);
  /* Held while the chooser was open. */
  g_object_unref (self);
}

static void
save_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttImproveDialog *self = ATT_IMPROVE_DIALOG (widget);
  GtkFileChooserNative *chooser;
  AttPupil *pupil = att_pupils_get (get_db (self), self->pupil_id);
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save the Notice to Improve"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the letter's file name; %s is the pupil's UPN */
  name = g_strdup_printf (_("notice-to-improve-%s.pdf"), pupil != NULL && pupil->upn != NULL ? pupil->upn : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
att_improve_dialog_dispose (GObject *object)
{
  AttImproveDialog *self = ATT_IMPROVE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_IMPROVE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_improve_dialog_parent_class)->dispose (object);
}

static void
att_improve_dialog_finalize (GObject *object)
{
  AttImproveDialog *self = ATT_IMPROVE_DIALOG (object);

  g_clear_pointer (&self->denied, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (att_improve_dialog_parent_class)->finalize (object);
}

static void
att_improve_dialog_class_init (AttImproveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_improve_dialog_dispose;
  object_class->finalize = att_improve_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ATT_TYPE_LETTERS_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/penalty/att-improve-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, issued_row);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, weeks_spin);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, letter_box);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, AttImproveDialog, letter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "improve.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "improve.print-letter", NULL, print_letter_action);
  gtk_widget_class_install_action (widget_class, "improve.save-letter", NULL, save_letter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "improve.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_improve_dialog_init (AttImproveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->end = ATT_DATE_NONE;
}

AttImproveDialog *
att_improve_dialog_new (AttContext *context,
                        GtkWindow  *parent,
                        gint64      pupil_id)
{
  AttImproveDialog *self;
  AttPupil *pupil;
  const AttUser *user;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  if (att_context_get_db (context) == NULL)
    return NULL;
  self = g_object_new (ATT_TYPE_IMPROVE_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->pupil_id = pupil_id;

  pupil = att_pupils_get (get_db (self), pupil_id);
  gtk_label_set_label (self->heading_label, pupil != NULL ? att_pupil_get_display_name (pupil) : "");
  user = att_context_get_user (context);
  if (user == NULL)
    self->denied = g_strdup (_("Sign in to start a notice to improve"));
  else if (!att_user_require (user, ATT_PERM_CASEWORK, &error))
    self->denied = g_strdup (error->message);
  if (self->denied != NULL)
    show_error (self, self->denied);

  att_letters_date_row_set_date (self->issued_row, att_context_get_today (context));
  gtk_spin_button_set_value (self->weeks_spin, att_penalty_improve_weeks (get_db (self)));
  on_changed (self);
  update_actions (self);
  gtk_widget_grab_focus (self->denied == NULL ? GTK_WIDGET (self->weeks_spin) : GTK_WIDGET (self->cancel_button));
  return self;
}

AttImproveDialog *
att_improve_dialog_new_for_notice (AttContext *context,
                                   GtkWindow  *parent,
                                   gint64      notice_id)
{
  g_autoptr(AttNoticeToImprove) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *end = NULL;
  AttImproveDialog *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  if (att_context_get_db (context) == NULL)
    return NULL;
  notice = att_penalty_improve_get (att_context_get_db (context), notice_id, &error);
  if (notice == NULL)
    {
      g_warning ("Could not read notice to improve %" G_GINT64_FORMAT ": %s", notice_id, error->message);
      return NULL;
    }
  self = att_improve_dialog_new (context, parent, notice->pupil_id);
  /* The notice as it was started, read only; the letter to print. */
  att_letters_date_row_set_date (self->issued_row, notice->issued);
  gtk_spin_button_set_value (self->weeks_spin, notice->weeks);
  self->notice_id = notice->id;
  self->end = notice->period_end;
  end = att_date_format_long (notice->period_end);
  adw_action_row_set_subtitle (self->end_row, end);
  gtk_widget_set_visible (self->letter_box, TRUE);
  gtk_label_set_label (self->letter_label,
                       notice->letter_id != 0 ? _("Its letter is logged; printing it again logs it again.")
                                              : _("Its letter is not logged yet. Print it to the parents, and it is logged."));
  gtk_widget_grab_focus (GTK_WIDGET (self->print_button));
  update_actions (self);
  return self;
}

AttDate
att_improve_dialog_get_end (AttImproveDialog *self)
{
  g_return_val_if_fail (ATT_IS_IMPROVE_DIALOG (self), ATT_DATE_NONE);

  return self->end;
}

void
att_improve_dialog_set_weeks (AttImproveDialog *self,
                              guint             weeks)
{
  g_return_if_fail (ATT_IS_IMPROVE_DIALOG (self));

  gtk_spin_button_set_value (self->weeks_spin, weeks);
}

gint64
att_improve_dialog_get_notice_id (AttImproveDialog *self)
{
  g_return_val_if_fail (ATT_IS_IMPROVE_DIALOG (self), 0);

  return self->notice_id;
}

const char *
att_improve_dialog_get_error (AttImproveDialog *self)
{
  g_return_val_if_fail (ATT_IS_IMPROVE_DIALOG (self), NULL);

  return self->error;
}
