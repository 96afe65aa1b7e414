/* att-letters-form.c: the lines of the Letters page's small dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letters-date-row.h"
#include "att-letters-form.h"

struct _AttLettersForm
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwEntryRow       *reason_row;
  AdwComboRow       *delivery_row;
  AttLettersDateRow *date_row;

  AttLettersFormLines lines;
};

G_DEFINE_FINAL_TYPE (AttLettersForm, att_letters_form, GTK_TYPE_WIDGET)

static void
att_letters_form_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ATT_TYPE_LETTERS_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (att_letters_form_parent_class)->dispose (object);
}

static void
att_letters_form_class_init (AttLettersFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_letters_form_dispose;
  g_type_ensure (ATT_TYPE_LETTERS_DATE_ROW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/letters/att-letters-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLettersForm, reason_row);
  gtk_widget_class_bind_template_child (widget_class, AttLettersForm, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, AttLettersForm, date_row);
}

static void
att_letters_form_init (AttLettersForm *self)
{
  g_autoptr(GtkStringList) deliveries = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < ATT_LETTER_N_DELIVERIES; i++)
    gtk_string_list_append (deliveries, att_letter_delivery_describe (i));
  adw_combo_row_set_model (self->delivery_row, G_LIST_MODEL (deliveries));
}

AttLettersForm *
att_letters_form_new (AttLettersFormLines  lines,
                      const char          *date_title,
                      AttDate              date)
{
  AttLettersForm *self = g_object_new (ATT_TYPE_LETTERS_FORM, NULL);

  self->lines = lines;
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), (lines & ATT_LETTERS_FORM_REASON) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->delivery_row), (lines & ATT_LETTERS_FORM_DELIVERY) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), (lines & ATT_LETTERS_FORM_DATE) != 0);
  if (date_title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), date_title);
  att_letters_date_row_set_date (self->date_row, date);
  return self;
}

void
att_letters_form_focus (AttLettersForm *self)
{
  g_return_if_fail (ATT_IS_LETTERS_FORM (self));

  if (self->lines & ATT_LETTERS_FORM_REASON)
    gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
  else if (self->lines & ATT_LETTERS_FORM_DELIVERY)
    gtk_widget_grab_focus (GTK_WIDGET (self->delivery_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

void
att_letters_form_set_delivery (AttLettersForm    *self,
                               AttLetterDelivery  delivery)
{
  g_return_if_fail (ATT_IS_LETTERS_FORM (self));

  adw_combo_row_set_selected (self->delivery_row, delivery);
}

char *
att_letters_form_get_reason (AttLettersForm *self)
{
  g_return_val_if_fail (ATT_IS_LETTERS_FORM (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
}

AttLetterDelivery
att_letters_form_get_delivery (AttLettersForm *self)
{
  guint selected;

  g_return_val_if_fail (ATT_IS_LETTERS_FORM (self), ATT_LETTER_POST);

  selected = adw_combo_row_get_selected (self->delivery_row);
  return selected < ATT_LETTER_N_DELIVERIES ? (AttLetterDelivery)selected : ATT_LETTER_POST;
}

AttDate
att_letters_form_get_date (AttLettersForm *self,
                           GError        **error)
{
  g_return_val_if_fail (ATT_IS_LETTERS_FORM (self), ATT_DATE_NONE);

  return att_letters_date_row_get_date (self->date_row, error);
}

GtkWidget *
att_letters_form_get_line (AttLettersForm *self,
                           const char     *name)
{
  g_return_val_if_fail (ATT_IS_LETTERS_FORM (self), NULL);

  if (g_strcmp0 (name, "reason") == 0)
    return GTK_WIDGET (self->reason_row);
  if (g_strcmp0 (name, "delivery") == 0)
    return GTK_WIDGET (self->delivery_row);
  if (g_strcmp0 (name, "date") == 0)
    return GTK_WIDGET (self->date_row);
  return NULL;
}
