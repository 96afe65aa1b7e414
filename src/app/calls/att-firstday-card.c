/* att-firstday-card.c: the Today page's line for first-day calling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-firstday-card.h"

struct _AttFirstdayCard
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *row;
  int                  count;
};

G_DEFINE_FINAL_TYPE (AttFirstdayCard, att_firstday_card, ADW_TYPE_PREFERENCES_GROUP)

void
att_firstday_card_update (AttFirstdayCard *self,
                          AttDb           *db,
                          AttDate          today,
                          int              clock)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint vulnerable = 0;

  g_return_if_fail (ATT_IS_FIRSTDAY_CARD (self));

  self->count = -1;
  if (db != NULL)
    rows = att_firstday_list (db, today, clock, &error);
  /* No school today (or none open): nothing to say. */
  gtk_widget_set_visible (GTK_WIDGET (self), rows != NULL);
  if (rows == NULL)
    return;

  self->count = rows->len;
  for (guint i = 0; i < rows->len; i++)
    vulnerable += ((AttFirstdayRow *)g_ptr_array_index (rows, i))->vulnerable;

  if (rows->len == 0)
    title = g_strdup (_("Nobody to call: every absent pupil has a reason"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pupil absent without a reason to call",
                                          "%u pupils absent without a reason to call", rows->len),
                             rows->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title);
  if (vulnerable > 0)
    {
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u of them vulnerable: call first and tell the safeguarding lead",
                                      "%u of them vulnerable: call first and tell the safeguarding lead",
                                      vulnerable),
                         vulnerable);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->row), _("Open the first-day list on the Calls page"));
}

int
att_firstday_card_get_count (AttFirstdayCard *self)
{
  g_return_val_if_fail (ATT_IS_FIRSTDAY_CARD (self), -1);

  return self->count;
}

static void
att_firstday_card_class_init (AttFirstdayCardClass *klass)
{
}

static void
att_firstday_card_init (AttFirstdayCard *self)
{
  GtkWidget *list = gtk_list_box_new ();

  self->count = -1;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("First-Day Calls"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->row), "win.show-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->row), "s", "calls");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_append (GTK_LIST_BOX (list), self->row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), list);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
