/* att-late-popover.c: asks how late a pupil arrived
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-late-popover.h"

struct _AttLatePopover
{
  GtkPopover     parent_instance;

  /* Template widgets */
  GtkSpinButton *spin;
  GtkLabel      *label;
  GtkEntry      *reason;
  GtkButton     *button;

  int            open;
  int            close;
};

G_DEFINE_FINAL_TYPE (AttLatePopover, att_late_popover, GTK_TYPE_POPOVER)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AttCode
late_code_for (AttLatePopover *self,
               int             minutes)
{
  /* Arrival after the register closed is U, whatever was typed: the
   * register's own rule decides. */
  return att_register_late_code_for (self->open, self->close, minutes);
}

static void
update (AttLatePopover *self)
{
  int minutes = gtk_spin_button_get_value_as_int (self->spin);
  AttCode code = late_code_for (self, minutes);
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason));
  g_autofree char *reason_stripped = g_strstrip (g_strdup (reason));

  if (code == ATT_CODE_U)
    {
      g_autofree char *close = att_time_format (self->close);
      g_autofree char *text =
        g_strdup_printf (_("The register closed at %s: arriving after it is U, an unauthorised "
                           "absence. Give the reason for the late arrival."), close);
      gtk_label_set_label (self->label, text);
      gtk_button_set_label (self->button, _("Record _U"));
    }
  else
    {
      gtk_label_set_label (self->label, _("L: late, arrived before the register closed."));
      gtk_button_set_label (self->button, _("Record _L"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reason), code == ATT_CODE_U);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button),
                            code == ATT_CODE_L || *reason_stripped != '\0');
}

static void
on_changed (AttLatePopover *self)
{
  update (self);
}

GtkWidget *
att_late_popover_new (void)
{
  return g_object_new (ATT_TYPE_LATE_POPOVER, NULL);
}

void
att_late_popover_set_register_times (AttLatePopover *self,
                                     int             open,
                                     int             close)
{
  g_return_if_fail (ATT_IS_LATE_POPOVER (self));

  self->open = open;
  self->close = close;
  update (self);
}

void
att_late_popover_present (AttLatePopover     *self,
                          const GdkRectangle *rect,
                          int                 minutes)
{
  g_return_if_fail (ATT_IS_LATE_POPOVER (self));

  att_late_popover_set_minutes (self, minutes, NULL);
  gtk_popover_set_pointing_to (GTK_POPOVER (self), rect);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->spin));
}

void
att_late_popover_set_minutes (AttLatePopover *self,
                              int             minutes,
                              const char     *reason)
{
  g_return_if_fail (ATT_IS_LATE_POPOVER (self));

  gtk_spin_button_set_value (self->spin, minutes);
  gtk_editable_set_text (GTK_EDITABLE (self->reason), reason != NULL ? reason : "");
  update (self);
}

AttCode
att_late_popover_get_code (AttLatePopover *self)
{
  g_return_val_if_fail (ATT_IS_LATE_POPOVER (self), ATT_CODE_L);

  return late_code_for (self, gtk_spin_button_get_value_as_int (self->spin));
}

void
att_late_popover_confirm (AttLatePopover *self)
{
  int minutes;
  AttCode code;
  g_autofree char *reason = NULL;

  g_return_if_fail (ATT_IS_LATE_POPOVER (self));

  minutes = gtk_spin_button_get_value_as_int (self->spin);
  code = late_code_for (self, minutes);
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason))));
  if (code == ATT_CODE_U && *reason == '\0')
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CONFIRMED], 0, code, minutes, code == ATT_CODE_U ? reason : NULL);
}

static void
att_late_popover_class_init (AttLatePopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The code (an AttCode), the minutes late, the reason or NULL. */
  signals[CONFIRMED] =
    g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/register/att-late-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLatePopover, spin);
  gtk_widget_class_bind_template_child (widget_class, AttLatePopover, label);
  gtk_widget_class_bind_template_child (widget_class, AttLatePopover, reason);
  gtk_widget_class_bind_template_child (widget_class, AttLatePopover, button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, att_late_popover_confirm);
}

static void
att_late_popover_init (AttLatePopover *self)
{
  /* No register times yet: every arrival is L. */
  self->open = 0;
  self->close = G_MAXINT / 2;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Enter in the minutes records the mark (GTK 4.8's spin button has no
   * activate signal of its own: its text field has). */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->spin)), "activate",
                            G_CALLBACK (att_late_popover_confirm), self);
  update (self);
}
