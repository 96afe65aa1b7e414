/* att-late-dialog.c: the late book's form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time is now by default; the core decides the code (L while the
 * register is open, U once it has closed, which needs a reason; M or I
 * for the sessions a signed-out pupil misses).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-late-dialog.h"
#include "att-pupil-search.h"

struct _AttLateDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AttPupilSearch   *search;
  AdwEntryRow      *time_row;
  AdwEntryRow      *back_row;
  AdwComboRow      *category_row;
  AdwEntryRow      *reason_row;
  AdwEntryRow      *person_row;
  AdwEntryRow      *amend_row;
  GtkLabel         *error_label;
  GtkButton        *save_button;

  AttContext       *context;
  AttLateKind       kind;
  gint64            entry_id;
};

G_DEFINE_FINAL_TYPE (AttLateDialog, att_late_dialog, ADW_TYPE_WINDOW)

/* The sign-out reasons offered, as the combo row's items. */
static const AttCallReason sign_out_reasons[] = {
  ATT_CALL_REASON_MEDICAL, ATT_CALL_REASON_ILLNESS, ATT_CALL_REASON_FAMILY_EMERGENCY,
  ATT_CALL_REASON_OTHER,
};

static const char *
text_or_null (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text[0] != '\0' ? text : NULL;
}

static void
show_error (AttLateDialog *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttLateDialog *self = ATT_LATE_DIALOG (widget);
  AttDb *db = att_context_get_db (self->context);
  AttPupil *pupil = att_pupil_search_get_pupil (self->search);
  g_autoptr(GError) error = NULL;
  int time, back = -1;

  if (db == NULL)
    return;
  if (pupil == NULL)
    {
      show_error (self, _("Find the pupil first: type part of their name, UPN or group"));
      return;
    }
  time = att_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &error);
  if (time >= 0 && self->kind == ATT_LATE_SIGN_OUT && text_or_null (self->back_row) != NULL)
    back = att_time_parse (text_or_null (self->back_row), &error);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  if (self->kind == ATT_LATE_ARRIVAL)
    self->entry_id = att_latebook_arrive (db, att_context_get_user (self->context), pupil->id,
                                          att_context_get_today (self->context), time,
                                          text_or_null (self->reason_row),
                                          text_or_null (self->person_row), NULL, &error);
  else
    self->entry_id = att_latebook_sign_out (db, att_context_get_user (self->context), pupil->id,
                                            att_context_get_today (self->context), time, back,
                                            sign_out_reasons[adw_combo_row_get_selected (self->category_row)],
                                            text_or_null (self->person_row),
                                            text_or_null (self->amend_row), &error);
  if (self->entry_id == 0)
    {
      show_error (self, error->message);
      if (self->kind == ATT_LATE_SIGN_OUT)
        gtk_widget_set_visible (GTK_WIDGET (self->amend_row), TRUE);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_pupil_chosen (AttPupilSearch *search,
                 AttPupil       *pupil,
                 AttLateDialog  *self)
{
  if (self->kind == ATT_LATE_ARRIVAL)
    gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->category_row));
}

static void
att_late_dialog_dispose (GObject *object)
{
  AttLateDialog *self = ATT_LATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_LATE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_late_dialog_parent_class)->dispose (object);
}

static void
att_late_dialog_class_init (AttLateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_late_dialog_dispose;

  g_type_ensure (ATT_TYPE_PUPIL_SEARCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/calls/att-late-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, search);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, back_row);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, amend_row);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttLateDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_chosen);

  gtk_widget_class_install_action (widget_class, "late.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "late.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_late_dialog_init (AttLateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

AttLateDialog *
att_late_dialog_new (AttContext  *context,
                     GtkWindow   *parent,
                     AttLateKind  kind)
{
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  g_autofree char *now = NULL;
  AttLateDialog *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_LATE_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "title", kind == ATT_LATE_ARRIVAL ? _("Late Arrival") : _("Sign Out"),
                       NULL);
  self->context = g_object_ref (context);
  self->kind = kind;

  if (att_context_get_db (context) != NULL)
    att_pupil_search_set_school (self->search, att_context_get_db (context),
                                 att_context_get_today (context));
  now = att_time_format (att_context_get_clock (context));
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), now);

  for (guint i = 0; i < G_N_ELEMENTS (sign_out_reasons); i++)
    gtk_string_list_append (reasons, att_call_reason_describe (sign_out_reasons[i]));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (reasons));

  if (kind == ATT_LATE_ARRIVAL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), _("_Arrived at"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row), _("_Brought by"));
      gtk_widget_set_visible (GTK_WIDGET (self->back_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->category_row), FALSE);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), _("_Left at"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row), _("_Collected by"));
      gtk_widget_set_visible (GTK_WIDGET (self->reason_row), FALSE);
    }

  att_pupil_search_focus (self->search);
  return self;
}

gint64
att_late_dialog_get_entry_id (AttLateDialog *self)
{
  g_return_val_if_fail (ATT_IS_LATE_DIALOG (self), 0);

  return self->entry_id;
}
