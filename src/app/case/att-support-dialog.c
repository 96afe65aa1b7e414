/* att-support-dialog.c: the form support offered or an agency involved
 * is recorded with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-case-form.h"
#include "att-case.h"
#include "att-support-dialog.h"

struct _AttSupportDialog
{
  AdwWindow    parent_instance;

  /* Template widgets */
  GtkLabel    *pupil_label;
  AdwComboRow *kind_row;
  AdwEntryRow *date_row;
  AdwEntryRow *agency_row;
  AdwEntryRow *detail_row;
  GtkLabel    *error_label;
  GtkButton   *save_button;

  AttContext  *context;
  gint64       pupil_id;
};

G_DEFINE_FINAL_TYPE (AttSupportDialog, att_support_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_changed (AttSupportDialog *self)
{
  att_case_form_mark_error (self->date_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (AttSupportDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
save (AttSupportDialog *self)
{
  AttDb *db = self->context != NULL ? att_context_get_db (self->context) : NULL;
  g_autoptr(AttCaseSupport) entry = att_case_support_new ();
  g_autoptr(GError) error = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (db == NULL)
    return;

  entry->pupil_id = self->pupil_id;
  entry->kind = kind < ATT_CASE_SUPPORT_N_KINDS ? kind : ATT_CASE_SUPPORT_SUPPORT;
  entry->agency = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agency_row))));
  entry->detail = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->detail_row))));
  if (!att_case_form_parse_date (self->date_row, TRUE, &entry->date, &error)
      || att_case_support_add (db, att_context_get_user (self->context), entry, &error) == 0)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATT_SUPPORT_DIALOG (widget));
}

static void
att_support_dialog_dispose (GObject *object)
{
  AttSupportDialog *self = ATT_SUPPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_SUPPORT_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_support_dialog_parent_class)->dispose (object);
}

static void
att_support_dialog_class_init (AttSupportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_support_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/case/att-support-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttSupportDialog, pupil_label);
  gtk_widget_class_bind_template_child (widget_class, AttSupportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AttSupportDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AttSupportDialog, agency_row);
  gtk_widget_class_bind_template_child (widget_class, AttSupportDialog, detail_row);
  gtk_widget_class_bind_template_child (widget_class, AttSupportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttSupportDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "support-form.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "support-form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_support_dialog_init (AttSupportDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < ATT_CASE_SUPPORT_N_KINDS; i++)
    gtk_string_list_append (kinds, att_case_support_kind_describe (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

AttSupportDialog *
att_support_dialog_new (AttContext *context,
                        GtkWindow  *parent,
                        gint64      pupil_id)
{
  AttSupportDialog *self;
  AttDb *db;
  AttPupil *pupil;
  g_autofree char *today = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_SUPPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->pupil_id = pupil_id;
  db = att_context_get_db (context);

  pupil = db != NULL ? att_pupils_get (db, pupil_id) : NULL;
  if (pupil != NULL)
    {
      /* Translators: a pupil's name and UPN at the top of a form */
      g_autofree char *heading = g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil),
                                                  pupil->upn != NULL ? pupil->upn : "");

      gtk_label_set_label (self->pupil_label, heading);
    }
  today = att_case_form_date_text (att_context_get_today (context));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  on_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));
  return self;
}

const char *
att_support_dialog_get_error (AttSupportDialog *self)
{
  g_return_val_if_fail (ATT_IS_SUPPORT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : NULL;
}
