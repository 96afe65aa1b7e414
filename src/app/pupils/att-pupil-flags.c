/* att-pupil-flags.c: the small labels that flag a pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-pupil-flags.h"

typedef enum
{
  FLAG_ABSENCE,    /* PA or SA */
  FLAG_SW,
  FLAG_LAC,
  FLAG_SEN,        /* SEN K or EHCP */
  FLAG_LEFT,
  N_FLAGS
} Flag;

GtkWidget *
att_pupil_flags_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  for (guint i = 0; i < N_FLAGS; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "flag");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (label, FALSE);
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static GtkWidget *
nth_flag (GtkWidget *flags,
          Flag       flag)
{
  GtkWidget *child = gtk_widget_get_first_child (flags);

  for (guint i = 0; child != NULL && i < flag; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static void
set_flag (GtkWidget  *flags,
          Flag        flag,
          gboolean    shown,
          const char *text,
          const char *tooltip,
          const char *style)
{
  GtkWidget *label = nth_flag (flags, flag);

  gtk_widget_set_visible (label, shown);
  if (!shown)
    return;

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "accent");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
}

void
att_pupil_flags_update (GtkWidget        *flags,
                        AttPupil         *pupil,
                        const AttFigures *figures,
                        AttDate           today)
{
  gboolean severe, persistent;
  gboolean left;

  g_return_if_fail (GTK_IS_BOX (flags));
  g_return_if_fail (ATT_IS_PUPIL (pupil));

  severe = figures != NULL && att_figures_severe (figures);
  persistent = figures != NULL && att_figures_persistent (figures);

  if (severe)
    set_flag (flags, FLAG_ABSENCE, TRUE, att_flag_info (ATT_FLAG_SEVERE)->label,
              att_flag_info (ATT_FLAG_SEVERE)->description, "error");
  else
    set_flag (flags, FLAG_ABSENCE, persistent, att_flag_info (ATT_FLAG_PERSISTENT)->label,
              att_flag_info (ATT_FLAG_PERSISTENT)->description, "warning");

  set_flag (flags, FLAG_SW, pupil->social_worker, att_flag_info (ATT_FLAG_SOCIAL_WORKER)->label,
            att_flag_info (ATT_FLAG_SOCIAL_WORKER)->description, "accent");
  set_flag (flags, FLAG_LAC, pupil->looked_after, att_flag_info (ATT_FLAG_LOOKED_AFTER)->label,
            att_flag_info (ATT_FLAG_LOOKED_AFTER)->description, "accent");

  if (pupil->sen == ATT_SEN_EHCP)
    set_flag (flags, FLAG_SEN, TRUE, att_flag_info (ATT_FLAG_EHC_PLAN)->label,
              att_flag_info (ATT_FLAG_EHC_PLAN)->description, NULL);
  else
    set_flag (flags, FLAG_SEN, pupil->sen == ATT_SEN_SUPPORT,
              att_flag_info (ATT_FLAG_SEN_SUPPORT)->label,
              att_flag_info (ATT_FLAG_SEN_SUPPORT)->description, NULL);

  left = pupil->leaving != ATT_DATE_NONE && !att_pupil_on_roll (pupil, today);
  if (left)
    {
      g_autofree char *date = att_date_format_long (pupil->leaving);
      /* Translators: %s is a date */
      g_autofree char *tooltip = g_strdup_printf (_("Left the school on %s"), date);

      set_flag (flags, FLAG_LEFT, TRUE, att_flag_info (ATT_FLAG_LEFT)->label, tooltip, NULL);
    }
  else
    set_flag (flags, FLAG_LEFT, FALSE, NULL, NULL, NULL);
}
