/* att-stage-row.c: one stage of the letter ladder in the rules window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row says what the stage asks and what it sends, in the core's
 * words (att_ladder_stage_describe_condition()), so the window and
 * attendance-cli describe a stage alike.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letter-templates.h"
#include "att-stage-row.h"

struct _AttStageRow
{
  AdwActionRow     parent_instance;

  /* Template widgets */
  GtkLabel        *position_label;
  GtkButton       *up_button;
  GtkButton       *down_button;

  AttLadderStage  *stage;
  guint            index;
  guint            n_stages;
};

G_DEFINE_FINAL_TYPE (AttStageRow, att_stage_row, ADW_TYPE_ACTION_ROW)

enum
{
  EDIT,
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_activated (AttStageRow *self)
{
  g_signal_emit (self, signals[EDIT], 0);
}

static void
on_up (AttStageRow *self)
{
  if (self->index > 0)
    g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_down (AttStageRow *self)
{
  if (self->index + 1 < self->n_stages)
    g_signal_emit (self, signals[MOVE], 0, 1);
}

static gboolean
move_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   data)
{
  AttStageRow *self = ATT_STAGE_ROW (widget);

  if (g_variant_get_int32 (args) < 0)
    on_up (self);
  else
    on_down (self);
  return TRUE;
}

const AttLadderStage *
att_stage_row_get_stage (AttStageRow *self)
{
  g_return_val_if_fail (ATT_IS_STAGE_ROW (self), NULL);
  return self->stage;
}

void
att_stage_row_set_invalid (AttStageRow *self,
                           gboolean     invalid)
{
  g_return_if_fail (ATT_IS_STAGE_ROW (self));

  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

void
att_stage_row_set_editable (AttStageRow *self,
                            gboolean     editable)
{
  g_return_if_fail (ATT_IS_STAGE_ROW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), editable && self->index > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), editable && self->index + 1 < self->n_stages);
}

static void
att_stage_row_dispose (GObject *object)
{
  AttStageRow *self = ATT_STAGE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_STAGE_ROW);
  g_clear_pointer (&self->stage, att_ladder_stage_free);
  G_OBJECT_CLASS (att_stage_row_parent_class)->dispose (object);
}

static void
att_stage_row_class_init (AttStageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_stage_row_dispose;

  /* The stage is to be edited. */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The stage is to move by one place, -1 up or +1 down. */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/letters/att-stage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AttStageRow, position_label);
  gtk_widget_class_bind_template_child (widget_class, AttStageRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, AttStageRow, down_button);
  gtk_widget_class_bind_template_callback (widget_class, on_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_up);
  gtk_widget_class_bind_template_callback (widget_class, on_down);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_shortcut, "i", 1);
}

static void
att_stage_row_init (AttStageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttStageRow *
att_stage_row_new (const AttLadderStage *stage,
                   guint                 index,
                   guint                 n_stages)
{
  AttStageRow *self;
  g_autofree char *condition = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  const char *template_title;

  g_return_val_if_fail (stage != NULL, NULL);

  self = g_object_new (ATT_TYPE_STAGE_ROW, NULL);
  self->stage = att_ladder_stage_copy (stage);
  self->index = index;
  self->n_stages = n_stages;

  condition = att_ladder_stage_describe_condition (stage);
  template_title = att_letter_templates_describe (stage->template_name);
  if (stage->follows != NULL)
    /* Translators: a stage of the letter ladder: its condition, the letter
     * it sends, how, and the stage it comes after */
    subtitle = g_strdup_printf (_("%s · %s · %s · after “%s”"), condition,
                                template_title != NULL ? template_title : stage->template_name,
                                att_letter_delivery_describe (stage->delivery), stage->follows);
  else
    /* Translators: a stage of the letter ladder: its condition, the letter
     * it sends and how */
    subtitle = g_strdup_printf (_("%s · %s · %s"), condition,
                                template_title != NULL ? template_title : stage->template_name,
                                att_letter_delivery_describe (stage->delivery));
  number = g_strdup_printf ("%u", index + 1);
  title = stage->title != NULL && stage->title[0] != '\0' ? g_strdup (stage->title) : g_strdup (stage->name);
  gtk_label_set_text (self->position_label, number);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), index > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), index + 1 < n_stages);
  return self;
}
