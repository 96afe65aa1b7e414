/* att-code-palette.c: every code the register takes, with its meaning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-code-palette.h"

struct _AttCodePalette
{
  GtkPopover  parent_instance;

  /* Template widgets */
  GtkBox     *codes_box;

  guint       n_codes;
};

enum {
  SIGNAL_CODE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AttCodePalette, att_code_palette, GTK_TYPE_POPOVER)

const char *
att_code_palette_css_class (AttCode code)
{
  const AttCodeInfo *info;

  if (code == ATT_CODE_NONE)
    return NULL;
  if (code == ATT_CODE_CLOSED)
    return "code-closed";
  info = att_code_info (code);
  switch (info->meaning)
    {
    case ATT_MEANING_PRESENT:
      return "code-present";
    case ATT_MEANING_AEA:
      return "code-aea";
    case ATT_MEANING_AUTHORISED:
      return "code-authorised";
    case ATT_MEANING_UNAUTHORISED:
      return "code-unauthorised";
    case ATT_MEANING_NOT_POSSIBLE:
    default:
      return "code-not-possible";
    }
}

/* palette.choose, the action of every code's button, with the code's
 * text as its target. */
static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttCodePalette *self = ATT_CODE_PALETTE (widget);
  const char *code = g_variant_get_string (parameter, NULL);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_CODE_CHOSEN], 0, code);
}

static void
att_code_palette_class_init (AttCodePaletteClass *klass)
{
  /**
   * AttCodePalette::code-chosen:
   * @code: the code's text, such as "C1"
   */
  signals[SIGNAL_CODE_CHOSEN] =
    g_signal_new ("code-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/schoolattendance/Attendance/register/att-code-palette.ui");
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), AttCodePalette, codes_box);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "palette.choose", "s", choose_action);
}

static void
att_code_palette_init (AttCodePalette *self)
{
  GtkWidget *box;

  gtk_widget_init_template (GTK_WIDGET (self));
  box = GTK_WIDGET (self->codes_box);

  for (AttCodeGroup group = 0; group < ATT_N_GROUPS; group++)
    {
      GtkWidget *heading = NULL;
      GtkWidget *grid = NULL;
      int row = 0;

      if (group == ATT_GROUP_RETIRED)
        continue;

      for (AttCode code = ATT_CODE_NONE + 1; code < ATT_CODE_N_CODES; code++)
        {
          const AttCodeInfo *info = att_code_info (code);
          GtkWidget *button, *inner, *code_label, *meaning;

          if (info->group != group || info->retired || code == ATT_CODE_CLOSED)
            continue;
          /* The present codes come as one entry: '/' and '\' are both
           * accepted and turned into the one for the session. */
          if (code == ATT_CODE_PRESENT_PM)
            continue;

          if (heading == NULL)
            {
              heading = gtk_label_new (att_code_group_describe (group));
              gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
              gtk_widget_add_css_class (heading, "heading");
              gtk_widget_set_margin_top (heading, group == 0 ? 0 : 8);
              gtk_box_append (GTK_BOX (box), heading);
              grid = gtk_grid_new ();
              gtk_box_append (GTK_BOX (box), grid);
            }

          button = gtk_button_new ();
          gtk_widget_add_css_class (button, "flat");
          inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          code_label = gtk_label_new (code == ATT_CODE_PRESENT_AM ? "/ \\" : info->text);
          gtk_widget_set_size_request (code_label, 36, -1);
          gtk_widget_add_css_class (code_label, "register-code");
          gtk_widget_add_css_class (code_label, att_code_palette_css_class (code));
          meaning = gtk_label_new (code == ATT_CODE_PRESENT_AM ? _("Present (morning / afternoon)")
                                                              : att_code_describe (code));
          gtk_label_set_xalign (GTK_LABEL (meaning), 0.0);
          gtk_label_set_wrap (GTK_LABEL (meaning), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (meaning), 48);
          gtk_box_append (GTK_BOX (inner), code_label);
          gtk_box_append (GTK_BOX (inner), meaning);
          gtk_button_set_child (GTK_BUTTON (button), inner);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "palette.choose");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->text);
          gtk_grid_attach (GTK_GRID (grid), button, 0, row++, 1, 1);
          self->n_codes++;
        }
    }

}

GtkWidget *
att_code_palette_new (void)
{
  return g_object_new (ATT_TYPE_CODE_PALETTE, NULL);
}

guint
att_code_palette_get_n_codes (AttCodePalette *self)
{
  g_return_val_if_fail (ATT_IS_CODE_PALETTE (self), 0);
  return self->n_codes;
}
