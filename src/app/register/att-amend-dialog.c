/* att-amend-dialog.c: asks why a saved mark is changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-amend-dialog.h"
#include "att-register-grid.h"

struct _AttAmendDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *reasons;
  GtkEntry         *other;

  GPtrArray        *checks;    /* GtkCheckButton per common reason */
  GStrv             texts;     /* the common reasons, as the checks */
};

G_DEFINE_FINAL_TYPE (AttAmendDialog, att_amend_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_response (AttAmendDialog *self)
{
  g_autofree char *reason = att_amend_dialog_dup_reason (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self),
                                           ATT_AMEND_RESPONSE_AMEND, reason != NULL);
}

static void
on_check_toggled (GtkCheckButton *check,
                  AttAmendDialog *self)
{
  /* Picking a common reason replaces one typed. */
  if (gtk_check_button_get_active (check))
    gtk_editable_set_text (GTK_EDITABLE (self->other), "");
  update_response (self);
}

static void
on_other_changed (GtkEditable    *editable,
                  AttAmendDialog *self)
{
  /* Typing another reason replaces a picked one, so what is saved is
   * what the person sees. */
  if (*gtk_editable_get_text (editable) != '\0')
    for (guint i = 0; i < self->checks->len; i++)
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
  update_response (self);
}

static void
on_other_activate (GtkEntry       *entry,
                   AttAmendDialog *self)
{
  g_autofree char *reason = att_amend_dialog_dup_reason (self);

  if (reason != NULL)
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), ATT_AMEND_RESPONSE_AMEND);
}

static void
att_amend_dialog_finalize (GObject *object)
{
  AttAmendDialog *self = ATT_AMEND_DIALOG (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_strfreev);

  G_OBJECT_CLASS (att_amend_dialog_parent_class)->finalize (object);
}

static void
att_amend_dialog_class_init (AttAmendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = att_amend_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/register/att-amend-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttAmendDialog, reasons);
  gtk_widget_class_bind_template_child (widget_class, AttAmendDialog, other);
  gtk_widget_class_bind_template_callback (widget_class, on_other_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_other_activate);
}

static void
att_amend_dialog_init (AttAmendDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Fills in the list of common reasons. */
static void
build_reasons (AttAmendDialog     *self,
               const char * const *reasons)
{
  /* Radio buttons rather than a selected row: nothing is chosen until
   * the person chooses, so a reason is never given by accident. */
  self->checks = g_ptr_array_new ();
  self->texts = g_strdupv ((char **)reasons);
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      if (self->checks->len > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (self->checks, 0));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reasons[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      g_ptr_array_add (self->checks, check);
      gtk_list_box_append (self->reasons, row);
    }
}

AttAmendDialog *
att_amend_dialog_new (GtkWindow  *parent,
                      const char *heading,
                      const char *body,
                      const char *action)
{
  return att_amend_dialog_new_with_reasons (parent, heading, body, action,
                                            att_grid_amend_reasons ());
}

AttAmendDialog *
att_amend_dialog_new_with_reasons (GtkWindow          *parent,
                                   const char         *heading,
                                   const char         *body,
                                   const char         *action,
                                   const char * const *reasons)
{
  AttAmendDialog *self;

  self = g_object_new (ATT_TYPE_AMEND_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
  build_reasons (self, reasons);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    ATT_AMEND_RESPONSE_AMEND, action != NULL ? action : _("_Change Mark"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self),
                                              ATT_AMEND_RESPONSE_AMEND,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), ATT_AMEND_RESPONSE_AMEND);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  update_response (self);
  return self;
}

char *
att_amend_dialog_dup_reason (AttAmendDialog *self)
{
  g_autofree char *typed = NULL;

  g_return_val_if_fail (ATT_IS_AMEND_DIALOG (self), NULL);

  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->other))));
  if (*typed != '\0')
    return g_steal_pointer (&typed);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return g_strdup (self->texts[i]);
  return NULL;
}

void
att_amend_dialog_set_reason (AttAmendDialog *self,
                             const char     *reason)
{
  g_return_if_fail (ATT_IS_AMEND_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->other), reason != NULL ? reason : "");
}

void
att_amend_dialog_select_reason (AttAmendDialog *self,
                                guint           index)
{
  g_return_if_fail (ATT_IS_AMEND_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->other), "");
  if (index < self->checks->len)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, index), TRUE);
}
