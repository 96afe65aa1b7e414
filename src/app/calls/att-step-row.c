/* att-step-row.c: one step of the first-day procedure, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row only gathers the fields: the core checks the step and says
 * which field is wrong, so the window and attendance-cli refuse alike.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-step-row.h"

struct _AttStepRow
{
  AdwExpanderRow  parent_instance;

  /* Template widgets */
  AdwComboRow    *action_row;
  AdwComboRow    *for_row;
  GtkSpinButton  *day_spin;
  GtkSpinButton  *every_spin;
  AdwEntryRow    *due_row;
  AdwEntryRow    *who_row;

  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (AttStepRow, att_step_row, ADW_TYPE_EXPANDER_ROW)

enum
{
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
for_describe (AttStepFor who_for)
{
  switch (who_for)
    {
    case ATT_STEP_FOR_VULNERABLE: return _("Vulnerable pupils");
    case ATT_STEP_FOR_OTHERS: return _("Other pupils");
    case ATT_STEP_FOR_ALL:
    default: return _("All pupils");
    }
}

static void
on_changed (AttStepRow *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove (AttStepRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

char *
att_step_row_dup_line (AttStepRow *self)
{
  guint action = adw_combo_row_get_selected (self->action_row);
  guint who_for = adw_combo_row_get_selected (self->for_row);
  int day = gtk_spin_button_get_value_as_int (self->day_spin);
  int every = gtk_spin_button_get_value_as_int (self->every_spin);
  g_autofree char *days = every > 0 ? g_strdup_printf ("%d+%d", day, every) : g_strdup_printf ("%d", day);

  g_return_val_if_fail (ATT_IS_STEP_ROW (self), NULL);

  return g_strdup_printf ("%s;%s;%s;%s;%s", days,
                          who_for <= ATT_STEP_FOR_OTHERS ? att_step_for_to_string (who_for) : "",
                          action < ATT_N_STEPS ? att_step_action_to_string (action) : "",
                          gtk_editable_get_text (GTK_EDITABLE (self->due_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->who_row)));
}

void
att_step_row_show_step (AttStepRow    *self,
                        const AttStep *step)
{
  g_autofree char *days = NULL;
  g_autofree char *due = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (ATT_IS_STEP_ROW (self));
  g_return_if_fail (step != NULL);

  days = step->every > 0
         /* Translators: when a step of the procedure is done */
         ? g_strdup_printf (_("Day %u, then every %u school days"), step->day, step->every)
         : g_strdup_printf (_("Day %u"), step->day);
  if (step->due_after_close == 0)
    due = g_strdup (_("by the register’s close"));
  else if (step->due_after_close > 0)
    due = g_strdup_printf (_("within %d minutes of the register’s close"), step->due_after_close);
  else if (step->due_time >= 0)
    {
      g_autofree char *time = att_time_format (step->due_time);
      due = g_strdup_printf (_("by %s"), time);
    }
  subtitle = due != NULL
             /* Translators: "Day 1 · All pupils · by 12:00 · Office" */
             ? g_strdup_printf (_("%s · %s · %s · %s"), days, for_describe (step->who_for), due, step->who)
             : g_strdup_printf (_("%s · %s · %s"), days, for_describe (step->who_for), step->who);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), att_step_action_describe (step->action));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  att_step_row_set_invalid (self, FALSE);
}

void
att_step_row_set_invalid (AttStepRow *self,
                          gboolean    invalid)
{
  g_return_if_fail (ATT_IS_STEP_ROW (self));

  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

static void
att_step_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATT_TYPE_STEP_ROW);
  G_OBJECT_CLASS (att_step_row_parent_class)->dispose (object);
}

static void
att_step_row_class_init (AttStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_step_row_dispose;

  /* A field changed (an entry once applied): the procedure is saved. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/calls/att-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AttStepRow, action_row);
  gtk_widget_class_bind_template_child (widget_class, AttStepRow, for_row);
  gtk_widget_class_bind_template_child (widget_class, AttStepRow, day_spin);
  gtk_widget_class_bind_template_child (widget_class, AttStepRow, every_spin);
  gtk_widget_class_bind_template_child (widget_class, AttStepRow, due_row);
  gtk_widget_class_bind_template_child (widget_class, AttStepRow, who_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);
}

static void
att_step_row_init (AttStepRow *self)
{
  g_autoptr(GtkStringList) actions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) fors = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = TRUE;
  for (AttStepAction a = 0; a < ATT_N_STEPS; a++)
    gtk_string_list_append (actions, att_step_action_describe (a));
  for (AttStepFor i = ATT_STEP_FOR_ALL; i <= ATT_STEP_FOR_OTHERS; i++)
    gtk_string_list_append (fors, for_describe (i));
  adw_combo_row_set_model (self->action_row, G_LIST_MODEL (actions));
  adw_combo_row_set_model (self->for_row, G_LIST_MODEL (fors));
  self->filling = FALSE;
}

AttStepRow *
att_step_row_new (const AttStep *step)
{
  AttStepRow *self = g_object_new (ATT_TYPE_STEP_ROW, NULL);
  g_autofree char *due = NULL;

  g_return_val_if_fail (step != NULL, self);

  due = att_step_format_due (step);
  self->filling = TRUE;
  adw_combo_row_set_selected (self->action_row, step->action);
  adw_combo_row_set_selected (self->for_row, step->who_for);
  gtk_spin_button_set_value (self->day_spin, step->day);
  gtk_spin_button_set_value (self->every_spin, step->every);
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), due != NULL ? due : "");
  gtk_editable_set_text (GTK_EDITABLE (self->who_row), step->who != NULL ? step->who : "");
  self->filling = FALSE;
  att_step_row_show_step (self, step);
  return self;
}
