/* att-mark-history-popover.c: the full history of one session's mark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "att-mark-history-popover.h"

struct _AttMarkHistoryPopover
{
  GtkPopover  parent_instance;

  /* Template widgets */
  GtkLabel   *title;
  GtkListBox *list;
  GPtrArray  *texts;   /* char*, one per entry */
};

G_DEFINE_FINAL_TYPE (AttMarkHistoryPopover, att_mark_history_popover, GTK_TYPE_POPOVER)

static void
att_mark_history_popover_finalize (GObject *object)
{
  AttMarkHistoryPopover *self = ATT_MARK_HISTORY_POPOVER (object);

  g_clear_pointer (&self->texts, g_ptr_array_unref);

  G_OBJECT_CLASS (att_mark_history_popover_parent_class)->finalize (object);
}

static void
att_mark_history_popover_class_init (AttMarkHistoryPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = att_mark_history_popover_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/register/att-mark-history-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AttMarkHistoryPopover, title);
  gtk_widget_class_bind_template_child (widget_class, AttMarkHistoryPopover, list);
}

static void
att_mark_history_popover_init (AttMarkHistoryPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->texts = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
att_mark_history_popover_new (void)
{
  return g_object_new (ATT_TYPE_MARK_HISTORY_POPOVER, NULL);
}

static char *
describe_code (AttCode code,
               int     minutes)
{
  if (code == ATT_CODE_NONE)
    return g_strdup (_("no mark"));
  if (minutes >= 0)
    /* Translators: a code and minutes late, as in "L (12 min)" */
    return g_strdup_printf (_("%s (%d min)"), att_code_to_string (code), minutes);
  return g_strdup (att_code_to_string (code));
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

gboolean
att_mark_history_popover_load (AttMarkHistoryPopover  *self,
                               AttDb                  *db,
                               AttPupil               *pupil,
                               AttDate                 date,
                               AttSession              session,
                               GError                **error)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *day = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *child;

  g_return_val_if_fail (ATT_IS_MARK_HISTORY_POPOVER (self), FALSE);
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (ATT_IS_PUPIL (pupil), FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->texts, 0);

  day = att_date_format_long (date);
  /* Translators: "Amy Able, Mon 9 Sep 2024 AM" */
  heading = g_strdup_printf (_("%s, %s %s"), att_pupil_get_display_name (pupil), day,
                             att_session_to_string (session));
  gtk_label_set_label (self->title, heading);

  history = att_register_history (db, pupil->id, date, date, error);
  if (history == NULL)
    return FALSE;

  for (guint i = 0; i < history->len; i++)
    {
      AttHistoryEntry *entry = g_ptr_array_index (history, i);
      g_autoptr(GDateTime) at = NULL;
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      g_autoptr(GString) details = g_string_new (NULL);

      if (entry->session != session)
        continue;

      at = g_date_time_new_from_unix_local (entry->at);
      when = at != NULL ? g_date_time_format (at, "%a %e %b %Y %H:%M") : g_strdup ("");
      new_text = describe_code (entry->new_code, entry->new_minutes);
      if (self->texts->len == 0 && entry->old_code == ATT_CODE_NONE)
        /* Translators: the first entry of a mark */
        title = g_strdup_printf (_("Original: %s"), new_text);
      else
        {
          old_text = describe_code (entry->old_code, entry->old_minutes);
          /* Translators: a change of mark, "/ → L (5 min)" */
          title = g_strdup_printf (_("Changed: %s → %s"), old_text, new_text);
        }

      /* Translators: who made an entry and when: "Olive Officer (Attendance officer), Mon 9 Sep 2024 08:52" */
      g_string_append_printf (details, _("%s (%s), %s"),
                              entry->user_name ? entry->user_name : "",
                              entry->position && *entry->position ? entry->position : _("no position"),
                              g_strstrip (when));
      if (entry->reason != NULL && *entry->reason != '\0')
        g_string_append_printf (details, "\n%s %s", _("Reason:"), entry->reason);
      if (entry->comment != NULL && *entry->comment != '\0')
        g_string_append_printf (details, "\n%s %s", _("Note:"), entry->comment);
      subtitle = g_string_free (g_steal_pointer (&details), FALSE);

      gtk_list_box_append (self->list, make_row (title, subtitle));
      g_ptr_array_add (self->texts, g_strdup_printf ("%s\n%s", title, subtitle));
    }

  if (self->texts->len == 0)
    gtk_list_box_append (self->list, make_row (_("No entry yet"),
                                               _("This session has not been marked.")));
  return TRUE;
}

guint
att_mark_history_popover_get_n_entries (AttMarkHistoryPopover *self)
{
  g_return_val_if_fail (ATT_IS_MARK_HISTORY_POPOVER (self), 0);
  return self->texts->len;
}

char *
att_mark_history_popover_dup_entry_text (AttMarkHistoryPopover *self,
                                         guint                  index)
{
  g_return_val_if_fail (ATT_IS_MARK_HISTORY_POPOVER (self), NULL);
  g_return_val_if_fail (index < self->texts->len, NULL);
  return g_strdup (g_ptr_array_index (self->texts, index));
}
