/* att-leave-card.c: the Today page's lines for leave of absence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-leave-card.h"

enum { ROW_WAITING, ROW_REVIEWS, ROW_NOT_BACK, ROW_TAKEN, N_ROWS };

struct _AttLeaveCard
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *rows[N_ROWS];
  AttLeaveCounts       counts;
};

G_DEFINE_FINAL_TYPE (AttLeaveCard, att_leave_card, ADW_TYPE_PREFERENCES_GROUP)

static void
set_row (GtkWidget  *row,
         guint       count,
         const char *title,
         const char *subtitle)
{
  gtk_widget_set_visible (row, count > 0);
  if (count == 0)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

void
att_leave_card_update (AttLeaveCard *self,
                       AttDb        *db,
                       AttDate       today)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *reviews = NULL;
  g_autofree char *not_back = NULL;
  g_autofree char *taken = NULL;
  AttLeaveCounts *c = &self->counts;

  g_return_if_fail (ATT_IS_LEAVE_CARD (self));

  memset (c, 0, sizeof *c);
  if (db == NULL || !att_leave_counts (db, today, c, &error))
    {
      if (error != NULL)
        g_warning ("Could not count the requests for leave: %s", error->message);
      memset (c, 0, sizeof *c);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  /* Nothing to do about leave: no line. */
  gtk_widget_set_visible (GTK_WIDGET (self),
                          c->waiting + c->reviews_due + c->not_back + c->refused_taken > 0);

  waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request for leave waits for a decision",
                                          "%u requests for leave wait for a decision", c->waiting),
                             c->waiting);
  set_row (self->rows[ROW_WAITING], c->waiting, waiting, _("Open the headteacher’s queue on the Leave page"));
  reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u part-time timetable due a review",
                                          "%u part-time timetables due a review", c->reviews_due),
                             c->reviews_due);
  set_row (self->rows[ROW_REVIEWS], c->reviews_due, reviews,
           _("Open the part-time timetables on the Leave page"));
  not_back = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pupil not back from leave",
                                           "%u pupils not back from leave", c->not_back),
                              c->not_back);
  set_row (self->rows[ROW_NOT_BACK], c->not_back, not_back,
           _("No mark of presence since the return date: possibly missing education"));
  taken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pupil took leave that was refused",
                                        "%u pupils took leave that was refused", c->refused_taken),
                           c->refused_taken);
  set_row (self->rows[ROW_TAKEN], c->refused_taken, taken,
           _("Back now: the cases for the attendance officer"));
}

const AttLeaveCounts *
att_leave_card_get_counts (AttLeaveCard *self)
{
  g_return_val_if_fail (ATT_IS_LEAVE_CARD (self), NULL);

  return &self->counts;
}

static void
att_leave_card_class_init (AttLeaveCardClass *klass)
{
}

static void
att_leave_card_init (AttLeaveCard *self)
{
  static const char * const views[N_ROWS] = { "queue", "follow-up", "follow-up", "follow-up" };
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Leave of Absence"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < N_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-leave");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", views[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      self->rows[i] = row;
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), list);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
