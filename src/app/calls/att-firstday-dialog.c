/* att-firstday-dialog.c: the school's first-day procedure, its text
 * message and its designated safeguarding lead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences in the GNOME way: every change is saved as it is made (an
 * entry when applied), through the core, which checks it, needs the
 * right to change settings and writes the audit log. A refusal is shown
 * as a toast naming the line and field, and the row stays marked until
 * it is put right; nothing is stored meanwhile.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-firstday-dialog.h"
#include "att-step-row.h"

struct _AttFirstdayDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *steps_group;
  AdwEntryRow          *text_row;
  AdwEntryRow          *lead_row;

  AttContext           *context;
  GPtrArray            *rows;        /* AttStepRow, in order */
  char                 *error;
};

G_DEFINE_FINAL_TYPE (AttFirstdayDialog, att_firstday_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void save_procedure (AttFirstdayDialog *self);

static AttDb *
get_db (AttFirstdayDialog *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static const AttUser *
get_user (AttFirstdayDialog *self)
{
  return self->context != NULL ? att_context_get_user (self->context) : NULL;
}

static void
show_result (AttFirstdayDialog *self,
             GError            *error)
{
  g_clear_pointer (&self->error, g_free);
  if (error == NULL)
    return;
  self->error = g_strdup (error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
on_step_changed (AttFirstdayDialog *self)
{
  save_procedure (self);
}

static void
on_step_remove (AttFirstdayDialog *self,
                AttStepRow        *row)
{
  guint index;

  if (!g_ptr_array_find (self->rows, row, &index))
    return;
  adw_preferences_group_remove (self->steps_group, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->rows, index);
  save_procedure (self);
  /* The focus goes to the step that took its place, or the last. */
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1)));
}

static AttStepRow *
add_row (AttFirstdayDialog *self,
         const AttStep     *step)
{
  AttStepRow *row = att_step_row_new (step);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_step_changed), self);
  g_signal_connect_swapped (row, "remove", G_CALLBACK (on_step_remove), self);
  adw_preferences_group_add (self->steps_group, GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);
  return row;
}

/* Gathers the rows into the procedure as stored, and saves it; a row the
 * core refuses on its own is marked. */
static void
save_procedure (AttFirstdayDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = g_new0 (char *, self->rows->len + 1);

  if (get_db (self) == NULL || get_user (self) == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    {
      lines[i] = att_step_row_dup_line (g_ptr_array_index (self->rows, i));
      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", lines[i]);
    }

  if (!att_firstday_procedure_set (get_db (self), get_user (self), text->str, &error))
    {
      for (guint i = 0; i < self->rows->len; i++)
        {
          g_autoptr(GPtrArray) one = att_firstday_procedure_parse (lines[i], NULL);

          att_step_row_set_invalid (g_ptr_array_index (self->rows, i), one == NULL);
        }
      show_result (self, error);
      return;
    }
  steps = att_firstday_procedure (get_db (self), NULL);
  for (guint i = 0; steps != NULL && i < steps->len && i < self->rows->len; i++)
    att_step_row_show_step (g_ptr_array_index (self->rows, i), g_ptr_array_index (steps, i));
  show_result (self, NULL);
}

static void
on_add_step (AttFirstdayDialog *self)
{
  /* A call on the first day, by the office: the commonest step, changed
   * from there. */
  AttStep step = { 1, 0, ATT_STEP_FOR_ALL, ATT_STEP_CALL, 0, -1, (char *)_("Office") };
  AttStepRow *row = add_row (self, &step);

  save_procedure (self);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
save_setting (AttFirstdayDialog *self,
              AdwEntryRow       *row,
              const char        *key)
{
  g_autoptr(GError) error = NULL;

  if (get_db (self) == NULL || get_user (self) == NULL)
    return;
  if (att_firstday_setting_set (get_db (self), get_user (self), key,
                                gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  show_result (self, error);
}

static void
on_text_apply (AttFirstdayDialog *self)
{
  save_setting (self, self->text_row, ATT_FIRSTDAY_TEXT_KEY);
}

static void
on_lead_apply (AttFirstdayDialog *self)
{
  save_setting (self, self->lead_row, ATT_FIRSTDAY_DSL_KEY);
}

static void
load (AttFirstdayDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *template = NULL;
  g_autofree char *lead = NULL;
  AttDb *db = get_db (self);

  if (db == NULL)
    return;
  steps = att_firstday_procedure (db, &error);
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    add_row (self, g_ptr_array_index (steps, i));
  show_result (self, error);
  template = att_firstday_text_template (db);
  lead = att_firstday_setting_get (db, ATT_FIRSTDAY_DSL_KEY);
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), template);
  gtk_editable_set_text (GTK_EDITABLE (self->lead_row), lead != NULL ? lead : "");
}

const char *
att_firstday_dialog_get_error (AttFirstdayDialog *self)
{
  g_return_val_if_fail (ATT_IS_FIRSTDAY_DIALOG (self), NULL);
  return self->error;
}

guint
att_firstday_dialog_get_n_steps (AttFirstdayDialog *self)
{
  g_return_val_if_fail (ATT_IS_FIRSTDAY_DIALOG (self), 0);
  return self->rows->len;
}

GtkWidget *
att_firstday_dialog_get_step_row (AttFirstdayDialog *self,
                                  guint              index)
{
  g_return_val_if_fail (ATT_IS_FIRSTDAY_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

static void
att_firstday_dialog_dispose (GObject *object)
{
  AttFirstdayDialog *self = ATT_FIRSTDAY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_FIRSTDAY_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (att_firstday_dialog_parent_class)->dispose (object);
}

static void
att_firstday_dialog_finalize (GObject *object)
{
  AttFirstdayDialog *self = ATT_FIRSTDAY_DIALOG (object);

  g_free (self->error);
  G_OBJECT_CLASS (att_firstday_dialog_parent_class)->finalize (object);
}

static void
att_firstday_dialog_class_init (AttFirstdayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_firstday_dialog_dispose;
  object_class->finalize = att_firstday_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/calls/att-firstday-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttFirstdayDialog, steps_group);
  gtk_widget_class_bind_template_child (widget_class, AttFirstdayDialog, text_row);
  gtk_widget_class_bind_template_child (widget_class, AttFirstdayDialog, lead_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_step);
  gtk_widget_class_bind_template_callback (widget_class, on_text_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_lead_apply);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_firstday_dialog_init (AttFirstdayDialog *self)
{
  g_type_ensure (ATT_TYPE_STEP_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

AttFirstdayDialog *
att_firstday_dialog_new (AttContext *context,
                         GtkWindow  *parent)
{
  AttFirstdayDialog *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_FIRSTDAY_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  load (self);
  return self;
}
