/* att-sibling-rows.c: the brothers and sisters a form offers with a pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The call form ticks them (one call usually covers a family); the leave
 * form offers them unticked (each child needs a request of its own).
 */
#include "config.h"

#include "att-sibling-rows.h"

guint
att_sibling_rows_fill (GtkListBox   *list,
                       AttDb        *db,
                       const GArray *sibling_ids,
                       gboolean      ticked,
                       GPtrArray    *checks,
                       GArray       *ids,
                       GCallback     on_toggled,
                       gpointer      user_data)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  g_ptr_array_set_size (checks, 0);
  g_array_set_size (ids, 0);

  for (guint i = 0; sibling_ids != NULL && db != NULL && i < sibling_ids->len; i++)
    {
      gint64 id = g_array_index (sibling_ids, gint64, i);
      AttPupil *sibling = att_pupils_get (db, id);
      GtkWidget *row, *check;

      if (sibling == NULL)
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ticked);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (check, "toggled", on_toggled, user_data);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), att_pupil_get_display_name (sibling));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sibling->reg_group != NULL ? sibling->reg_group : "");
      gtk_list_box_append (list, row);
      g_ptr_array_add (checks, check);
      g_array_append_val (ids, id);
    }
  return checks->len;
}
