/* att-purge-dialog.c: deleting the records whose retention has ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-purge-dialog.h"

struct _AttPurgeDialog
{
  AdwMessageDialog  parent_instance;

  AttContext       *context;
  AttDate           as_of;
  GPtrArray        *items;     /* AttRetentionItem */
};

G_DEFINE_FINAL_TYPE (AttPurgeDialog, att_purge_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Each pupil on a row of their own: the name and UPN, and below them
 * what goes. */
static GtkWidget *
list_of_names (GPtrArray *items)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < items->len; i++)
    {
      AttRetentionItem *item = g_ptr_array_index (items, i);
      g_autofree char *text = att_retention_item_describe (item);
      g_autofree char *title = g_strdup_printf ("%s (%s)", item->name, item->upn);
      /* The description starts with the name and UPN: the subtitle is
       * the rest, from "left ..." on. */
      const char *rest = strstr (text, "), ");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rest != NULL ? rest + 3 : text);
      /* Read, not chosen: the keyboard goes to the buttons, Cancel first. */
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (items->len, 3) * 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  return scrolled;
}

static void
tell_window (AttPurgeDialog *self,
             const char     *text)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", text);
}

static void
att_purge_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  AttPurgeDialog *self = ATT_PURGE_DIALOG (dialog);
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) purged = NULL;

  if (ADW_MESSAGE_DIALOG_CLASS (att_purge_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (att_purge_dialog_parent_class)->response (dialog, response);
  if (g_strcmp0 (response, "delete") != 0 || db == NULL || user == NULL)
    return;

  /* Only those named, and only if their time has still come. */
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->items->len; i++)
    g_array_append_val (ids, ((AttRetentionItem *)g_ptr_array_index (self->items, i))->pupil_id);
  if (att_retention_purge (db, user, self->as_of, ids, &purged, &error))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The records of %u pupil were deleted",
                                                            "The records of %u pupils were deleted",
                                                            purged->len),
                                               purged->len);
      tell_window (self, text);
    }
  else
    tell_window (self, error->message);
}

static void
fill (AttPurgeDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(GError) error = NULL;

  self->as_of = att_context_get_today (self->context);
  if (db == NULL || user == NULL || !att_retention_require (user, &error) ||
      (self->items = att_retention_due (db, self->as_of, &error)) == NULL)
    {
      adw_message_dialog_set_heading (dialog, _("Records Cannot Be Deleted"));
      adw_message_dialog_set_body (dialog, error != NULL ? error->message
                                                         : _("Open a school and sign in as an administrator."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      return;
    }

  if (self->items->len == 0)
    {
      adw_message_dialog_set_heading (dialog, _("No Records to Delete"));
      adw_message_dialog_set_body (dialog,
                                   _("Every entry in the register is kept for six years. No pupil who left "
                                     "has had six years pass since the last entry about them."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      return;
    }

  {
    g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Delete the Records of %u Pupil?",
                                                             "Delete the Records of %u Pupils?",
                                                             self->items->len),
                                                self->items->len);

    adw_message_dialog_set_heading (dialog, heading);
  }
  adw_message_dialog_set_body (dialog,
                               _("These pupils have left, and six years have passed since the last entry "
                                 "about them. Their details, contacts, marks, register history, penalty "
                                 "decisions and audit log rows will be deleted for good; the audit log "
                                 "keeps their UPNs and how much was deleted."));
  adw_message_dialog_set_extra_child (dialog, list_of_names (self->items));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete Records"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

AttPurgeDialog *
att_purge_dialog_new (GtkWindow  *parent,
                      AttContext *context)
{
  AttPurgeDialog *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_PURGE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  fill (self);
  return self;
}

GPtrArray *
att_purge_dialog_get_items (AttPurgeDialog *self)
{
  g_return_val_if_fail (ATT_IS_PURGE_DIALOG (self), NULL);

  return self->items;
}

static void
att_purge_dialog_finalize (GObject *object)
{
  AttPurgeDialog *self = ATT_PURGE_DIALOG (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_purge_dialog_parent_class)->finalize (object);
}

static void
att_purge_dialog_class_init (AttPurgeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_purge_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = att_purge_dialog_response;
}

static void
att_purge_dialog_init (AttPurgeDialog *self)
{
}
