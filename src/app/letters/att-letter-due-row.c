/* att-letter-due-row.c: the items and rows of the letters due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A school of 2,000 pupils can have hundreds of rows on its due list, so
 * the list is a list view that makes rows only for what is on screen:
 * the row is bound to an item and unbound when it scrolls away, and the
 * item keeps whether it is opened. The explanation is written into the
 * row only while it is open.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letter-due-row.h"

struct _AttLetterDueItem
{
  GObject             parent_instance;

  AttLetterDue       *due;      /* a copy: rows outlive the page's list */
  char               *title;
  char               *subtitle;
  char               *text;
  gboolean            expanded;
};

G_DEFINE_FINAL_TYPE (AttLetterDueItem, att_letter_due_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_EXPANDED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
att_letter_due_item_finalize (GObject *object)
{
  AttLetterDueItem *self = ATT_LETTER_DUE_ITEM (object);

  g_clear_pointer (&self->due, att_letter_due_free);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->text);
  G_OBJECT_CLASS (att_letter_due_item_parent_class)->finalize (object);
}

static void
att_letter_due_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttLetterDueItem *self = ATT_LETTER_DUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_letter_due_item_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttLetterDueItem *self = ATT_LETTER_DUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      att_letter_due_item_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_letter_due_item_class_init (AttLetterDueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = att_letter_due_item_finalize;
  object_class->get_property = att_letter_due_item_get_property;
  object_class->set_property = att_letter_due_item_set_property;
  properties[PROP_EXPANDED] = g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
att_letter_due_item_init (AttLetterDueItem *self)
{
}

AttLetterDueItem *
att_letter_due_item_new (const AttLetterDue *due,
                         const char         *key_figure)
{
  AttLetterDueItem *self = g_object_new (ATT_TYPE_LETTER_DUE_ITEM, NULL);
  const char *stage = due->stage_title != NULL ? due->stage_title : due->stage;
  const char *group = due->group != NULL ? due->group : "";
  g_autofree char *until = NULL;
  g_autofree char *all = NULL;

  self->due = att_letter_due_copy (due);
  self->title = g_strdup (due->name != NULL ? due->name : "");
  if (due->until != ATT_DATE_NONE)
    until = att_date_format_long (due->until);
  if (due->status == ATT_LETTER_DUE_DUE)
    /* Translators: a letter due: the pupil's group, the stage's title, the
     * figure it turns on */
    self->subtitle = key_figure != NULL ? g_strdup_printf (_("%s · %s · %s"), group, stage, key_figure)
                                        : g_strdup_printf (_("%s · %s"), group, stage);
  else if (until != NULL)
    /* Translators: a letter not sent: the group, the stage, its status
     * (“Postponed”), the day it holds until, and why */
    self->subtitle = g_strdup_printf (_("%s · %s · %s until %s: %s"), group, stage,
                                      att_letter_due_status_describe (due->status), until,
                                      due->reason != NULL ? due->reason : "");
  else
    /* Translators: a letter not sent: the group, the stage, its status
     * (“Waiting”) and why */
    self->subtitle = g_strdup_printf (_("%s · %s · %s: %s"), group, stage,
                                      att_letter_due_status_describe (due->status),
                                      due->reason != NULL ? due->reason : "");
  all = g_strdup_printf ("%s %s %s", self->title, due->upn != NULL ? due->upn : "", group);
  self->text = att_name_fold (all);
  return self;
}

AttLetterDueItem *
att_letter_due_item_new_heading (const char *title,
                                 const char *description)
{
  AttLetterDueItem *self = g_object_new (ATT_TYPE_LETTER_DUE_ITEM, NULL);

  self->title = g_strdup (title);
  self->subtitle = g_strdup (description);
  return self;
}

const AttLetterDue *
att_letter_due_item_get_due (AttLetterDueItem *self)
{
  g_return_val_if_fail (ATT_IS_LETTER_DUE_ITEM (self), NULL);

  return self->due;
}

const char *
att_letter_due_item_get_title (AttLetterDueItem *self)
{
  g_return_val_if_fail (ATT_IS_LETTER_DUE_ITEM (self), NULL);

  return self->title;
}

const char *
att_letter_due_item_get_subtitle (AttLetterDueItem *self)
{
  g_return_val_if_fail (ATT_IS_LETTER_DUE_ITEM (self), NULL);

  return self->subtitle;
}

const char *
att_letter_due_item_get_text (AttLetterDueItem *self)
{
  g_return_val_if_fail (ATT_IS_LETTER_DUE_ITEM (self), NULL);

  return self->text;
}

gboolean
att_letter_due_item_get_expanded (AttLetterDueItem *self)
{
  g_return_val_if_fail (ATT_IS_LETTER_DUE_ITEM (self), FALSE);

  return self->expanded;
}

void
att_letter_due_item_set_expanded (AttLetterDueItem *self,
                                  gboolean          expanded)
{
  g_return_if_fail (ATT_IS_LETTER_DUE_ITEM (self));

  expanded = expanded && self->due != NULL;
  if (self->expanded == expanded)
    return;
  self->expanded = expanded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/* ------------------------------------------------------------------ */
/* The row                                                             */

struct _AttLetterDueRow
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkLabel         *title;
  GtkLabel         *subtitle;
  GtkWidget        *buttons;
  GtkToggleButton  *expand_button;
  GtkButton        *postpone_button;
  GtkButton        *remove_button;
  GtkButton        *keep_button;
  GtkRevealer      *revealer;
  GtkLabel         *explanation;

  AttLetterDueItem *item;
  GBinding         *binding;
};

G_DEFINE_FINAL_TYPE (AttLetterDueRow, att_letter_due_row, GTK_TYPE_WIDGET)

static void
fill_explanation (AttLetterDueRow *self)
{
  const AttLetterDue *due = self->item != NULL ? self->item->due : NULL;
  GString *text;

  if (due == NULL || !self->item->expanded)
    {
      gtk_label_set_label (self->explanation, "");
      return;
    }
  text = g_string_new (NULL);
  if (due->reason != NULL && due->reason[0] != '\0')
    g_string_append_printf (text, "%s\n", due->reason);
  for (guint i = 0; due->explanation != NULL && due->explanation[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", due->explanation[i]);
  gtk_label_set_label (self->explanation, text->str);
  g_string_free (text, TRUE);
}

static void
on_expanded (AttLetterDueItem *item,
             GParamSpec       *pspec,
             AttLetterDueRow  *self)
{
  fill_explanation (self);
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), item->expanded);
  gtk_revealer_set_reveal_child (self->revealer, item->expanded);
}

static GtkButton *
row_button (AttLetterDueRow *self,
            const char      *icon_name,
            const char      *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_box_append (GTK_BOX (self->buttons), button);
  return GTK_BUTTON (button);
}

static void
att_letter_due_row_dispose (GObject *object)
{
  AttLetterDueRow *self = ATT_LETTER_DUE_ROW (object);

  att_letter_due_row_unbind (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (att_letter_due_row_parent_class)->dispose (object);
}

static void
att_letter_due_row_class_init (AttLetterDueRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = att_letter_due_row_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
att_letter_due_row_init (AttLetterDueRow *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_label_set_wrap_mode (self->title, PANGO_WRAP_WORD_CHAR);
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_wrap (self->subtitle, TRUE);
  gtk_label_set_wrap_mode (self->subtitle, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "caption");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->subtitle));
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), labels);

  self->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (self->buttons, GTK_ALIGN_CENTER);
  self->expand_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->expand_button), "pan-down-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->expand_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->expand_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->expand_button), _("Show the figures behind it (Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expand_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the figures behind it"), -1);
  gtk_box_append (GTK_BOX (self->buttons), GTK_WIDGET (self->expand_button));
  /* Their actions are set with their targets when the row is bound. */
  self->postpone_button = row_button (self, "alarm-symbolic", _("Postpone the letter to a later day (P)"));
  self->remove_button = row_button (self, "user-trash-symbolic", _("Remove the letter, with a reason (Delete)"));
  self->keep_button = row_button (self, "edit-undo-symbolic", _("Send the letter now after all"));
  gtk_box_append (GTK_BOX (line), self->buttons);
  gtk_box_append (GTK_BOX (self->box), line);

  self->explanation = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->explanation, 0);
  gtk_label_set_wrap (self->explanation, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->explanation), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->explanation), 6);
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_child (self->revealer, GTK_WIDGET (self->explanation));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->revealer));
}

GtkWidget *
att_letter_due_row_new (void)
{
  return g_object_new (ATT_TYPE_LETTER_DUE_ROW, NULL);
}

void
att_letter_due_row_bind (AttLetterDueRow  *self,
                         AttLetterDueItem *item)
{
  const AttLetterDue *due;
  gboolean heading;

  g_return_if_fail (ATT_IS_LETTER_DUE_ROW (self));

  att_letter_due_row_unbind (self);
  self->item = g_object_ref (item);
  due = item->due;
  heading = due == NULL;

  gtk_label_set_label (self->title, item->title);
  gtk_label_set_label (self->subtitle, item->subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), item->subtitle != NULL && item->subtitle[0] != '\0');
  if (heading)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
      gtk_widget_set_margin_top (self->box, 18);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->title), "heading");
      gtk_widget_set_margin_top (self->box, 6);
    }
  gtk_widget_set_visible (self->buttons, !heading);
  if (!heading)
    {
      GVariant *target = g_variant_new ("(xs)", due->pupil_id, due->stage);

      g_variant_ref_sink (target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->postpone_button), target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->keep_button), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->postpone_button), "letters.postpone");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "letters.remove");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->keep_button), "letters.keep");
      g_variant_unref (target);
      gtk_widget_set_visible (GTK_WIDGET (self->postpone_button), due->status == ATT_LETTER_DUE_DUE);
      gtk_widget_set_visible (GTK_WIDGET (self->remove_button), due->status == ATT_LETTER_DUE_DUE);
      gtk_widget_set_visible (GTK_WIDGET (self->keep_button),
                              due->status == ATT_LETTER_DUE_POSTPONED || due->status == ATT_LETTER_DUE_REMOVED);
      self->binding = g_object_bind_property (item, "expanded", self->expand_button, "active",
                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_signal_connect_object (item, "notify::expanded", G_CALLBACK (on_expanded), self, 0);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, item->title, -1);
  fill_explanation (self);
  /* A closed row takes no room for its explanation. */
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), item->expanded);
  gtk_revealer_set_reveal_child (self->revealer, item->expanded);
}

void
att_letter_due_row_unbind (AttLetterDueRow *self)
{
  g_return_if_fail (ATT_IS_LETTER_DUE_ROW (self));

  if (self->item == NULL)
    return;
  if (self->binding != NULL)
    g_binding_unbind (self->binding);
  self->binding = NULL;
  g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_object (&self->item);
}
