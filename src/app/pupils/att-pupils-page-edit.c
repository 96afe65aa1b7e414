/* att-pupils-page-edit.c: the Pupils page's changes: a pupil added or
 * edited, a leaver recorded (and put back), contacts added, edited,
 * removed and put in a new calling order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes through the core, which checks the user's role and
 * writes the audit log; the page only enables the actions the core's
 * rights allow (a disabled button says why) and reports each change in a
 * toast. A leaver and a new calling order can be undone from the toast:
 * its Undo activates pupils.undo-leaver or pupils.undo-reorder, which
 * reverse the change through the core.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-contact-editor.h"
#include "att-leaver-dialog.h"
#include "att-pupil-editor.h"
#include "att-pupils-page-private.h"

static GtkWindow *
parent_window (AttPupilsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AttDb *
page_db (AttPupilsPage *self)
{
  return att_context_get_db (att_page_get_context (ATT_PAGE (self)));
}

static const AttUser *
page_user (AttPupilsPage *self)
{
  return att_context_get_user (att_page_get_context (ATT_PAGE (self)));
}

static gint64
shown_pupil (AttPupilsPage *self)
{
  return att_pupil_view_get_pupil_id (att_pupils_page_get_pupil_view (self));
}

static void
toast (AttPupilsPage *self,
       const char    *message,
       const char    *undo_action,
       GVariant      *undo_target)
{
  att_page_add_toast (ATT_PAGE (self), message, undo_action, undo_target);
}

static void
report_error (AttPupilsPage *self,
              const GError  *error)
{
  toast (self, error->message, NULL, NULL);
}

/* The page and the record shown read again after a change. */
static void
reread (AttPupilsPage *self)
{
  att_page_refresh (ATT_PAGE (self));
  att_page_actions_update (ATT_PAGE (self));
}

static char *
pupil_name (AttPupilsPage *self,
            gint64         pupil_id)
{
  AttDb *db = page_db (self);
  AttPupil *pupil = db != NULL ? att_pupils_get (db, pupil_id) : NULL;

  return g_strdup (pupil != NULL ? att_pupil_get_display_name (pupil) : "");
}

/* Adding and editing a pupil */

static void
on_pupil_saved (AttPupilEditor *editor,
                gint64          pupil_id,
                gboolean        added,
                AttPupilsPage  *self)
{
  g_autofree char *name = pupil_name (self, pupil_id);
  g_autofree char *text = NULL;

  /* Translators: a pupil's name */
  text = g_strdup_printf (added ? _("%s added") : _("%s’s details saved"), name);
  reread (self);
  /* A new pupil's record opens, for their contacts next; an edited one
   * stays, the focus where it was (Edit Details). */
  if (added)
    att_pupils_page_show_pupil (self, pupil_id);
  else
    att_page_set_subtitle (ATT_PAGE (self), name);
  toast (self, text, NULL, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (widget);
  AttPupilEditor *editor = att_pupil_editor_new (parent_window (self),
                                                 att_page_get_context (ATT_PAGE (self)), 0);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_pupil_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (widget);
  AttPupilEditor *editor;

  if (shown_pupil (self) == 0)
    return;
  editor = att_pupil_editor_new (parent_window (self), att_page_get_context (ATT_PAGE (self)),
                                 shown_pupil (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_pupil_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Leavers */

static void
on_leaver_recorded (AttLeaverDialog *dialog,
                    gint64           pupil_id,
                    AttPupilsPage   *self)
{
  g_autofree char *name = pupil_name (self, pupil_id);
  g_autofree char *text = NULL;

  /* Translators: a pupil's name */
  text = g_strdup_printf (_("%s marked as leaver"), name);
  reread (self);
  toast (self, text, "pupils.undo-leaver", g_variant_new_int64 (pupil_id));
}

static void
leaver_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (widget);
  AttLeaverDialog *dialog;

  if (shown_pupil (self) == 0)
    return;
  dialog = att_leaver_dialog_new (parent_window (self), att_page_get_context (ATT_PAGE (self)),
                                  shown_pupil (self));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_leaver_recorded), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_on_roll (AttPupilsPage *self,
              gint64         pupil_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = pupil_name (self, pupil_id);
  g_autofree char *text = NULL;

  if (page_db (self) == NULL || page_user (self) == NULL)
    return;
  if (!att_pupils_clear_leaving (page_db (self), page_user (self), pupil_id, &error))
    {
      report_error (self, error);
      return;
    }
  /* Translators: a pupil's name */
  text = g_strdup_printf (_("%s is back on roll"), name);
  reread (self);
  toast (self, text, NULL, NULL);
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (widget);

  if (shown_pupil (self) != 0)
    back_on_roll (self, shown_pupil (self));
}

static void
undo_leaver_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  back_on_roll (ATT_PUPILS_PAGE (widget), g_variant_get_int64 (parameter));
}

/* Contacts */

static void
focus_contact (AttPupilsPage *self,
               gint64         contact_id)
{
  att_pupil_view_focus_contact (att_pupils_page_get_pupil_view (self), contact_id);
}

static void
on_contact_saved (AttContactEditor *editor,
                  gint64            contact_id,
                  AttPupilsPage    *self)
{
  gboolean added = att_contact_editor_get_contact_id (editor) == 0;

  reread (self);
  focus_contact (self, contact_id);
  toast (self, added ? _("Contact added") : _("Contact’s details saved"), NULL, NULL);
}

static void
on_contact_removed (AttContactEditor *editor,
                    gint64            contact_id,
                    AttPupilsPage    *self)
{
  AttPupilView *view = att_pupils_page_get_pupil_view (self);

  reread (self);
  /* The focus goes to the contact who took the removed one's place. */
  focus_contact (self, att_pupil_view_get_n_contacts (view) > 0
                       ? att_pupil_view_get_contact_id (view, 0) : 0);
  toast (self, _("Contact removed"), NULL, NULL);
}

static void
open_contact_editor (AttPupilsPage *self,
                     gint64         contact_id)
{
  AttContactEditor *editor;

  if (shown_pupil (self) == 0)
    return;
  editor = att_contact_editor_new (parent_window (self), att_page_get_context (ATT_PAGE (self)),
                                   shown_pupil (self), contact_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_contact_saved), self, 0);
  g_signal_connect_object (editor, "removed", G_CALLBACK (on_contact_removed), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_contact_editor (ATT_PUPILS_PAGE (widget), 0);
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_contact_editor (ATT_PUPILS_PAGE (widget), g_variant_get_int64 (parameter));
}

/* Puts the shown pupil's contacts in the order @ids, with the old order
 * offered back in the toast when @undoable. */
static void
reorder (AttPupilsPage *self,
         GArray        *ids,
         gint64         focus,
         gboolean       undoable)
{
  AttPupilView *view = att_pupils_page_get_pupil_view (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 pupil_id = shown_pupil (self);
  GVariant *undo;

  if (page_db (self) == NULL || page_user (self) == NULL || pupil_id == 0)
    return;
  for (guint i = 0; i < att_pupil_view_get_n_contacts (view); i++)
    {
      gint64 id = att_pupil_view_get_contact_id (view, i);

      g_array_append_val (before, id);
    }
  if (!att_contacts_reorder (page_db (self), page_user (self), pupil_id,
                             (const gint64 *)ids->data, ids->len, &error))
    {
      report_error (self, error);
      return;
    }
  reread (self);
  focus_contact (self, focus);
  undo = g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, before->data, before->len, sizeof (gint64));
  if (undoable)
    toast (self, _("Contacts reordered"), "pupils.undo-reorder", undo);
  else
    {
      g_variant_unref (g_variant_ref_sink (undo));
      toast (self, _("Contacts put back in their order"), NULL, NULL);
    }
}

/* Moves the contact @contact_id one place earlier (@step -1) or later. */
static void
move_contact (AttPupilsPage *self,
              gint64         contact_id,
              int            step)
{
  AttPupilView *view = att_pupils_page_get_pupil_view (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = att_pupil_view_get_n_contacts (view);
  int at = -1;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = att_pupil_view_get_contact_id (view, i);

      if (id == contact_id)
        at = i;
      g_array_append_val (ids, id);
    }
  if (at < 0 || at + step < 0 || at + step >= (int)n)
    return;
  g_array_index (ids, gint64, at) = g_array_index (ids, gint64, at + step);
  g_array_index (ids, gint64, at + step) = contact_id;
  reorder (self, ids, contact_id, TRUE);
}

static void
contact_up_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_contact (ATT_PUPILS_PAGE (widget), g_variant_get_int64 (parameter), -1);
}

static void
contact_down_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_contact (ATT_PUPILS_PAGE (widget), g_variant_get_int64 (parameter), +1);
}

static void
undo_reorder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gsize n = 0;
  const gint64 *order = g_variant_get_fixed_array (parameter, &n, sizeof (gint64));

  g_array_append_vals (ids, order, n);
  reorder (self, ids, n > 0 ? order[0] : 0, FALSE);
}

/* The page's part */

void
_att_pupils_page_install_edit_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pupils.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "pupils.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "pupils.leaver", NULL, leaver_action);
  gtk_widget_class_install_action (widget_class, "pupils.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "pupils.undo-leaver", "x", undo_leaver_action);
  gtk_widget_class_install_action (widget_class, "pupils.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "pupils.edit-contact", "x", edit_contact_action);
  gtk_widget_class_install_action (widget_class, "pupils.contact-up", "x", contact_up_action);
  gtk_widget_class_install_action (widget_class, "pupils.contact-down", "x", contact_down_action);
  gtk_widget_class_install_action (widget_class, "pupils.undo-reorder", "ax", undo_reorder_action);
  /* A new pupil, while the page is shown, as Ctrl+N makes a new one of
   * anything in a GNOME app. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "pupils.add", NULL);
}

void
_att_pupils_page_edit_actions_update (AttPupilsPage *self,
                                      GtkWidget     *add_button)
{
  AttDb *db = page_db (self);
  const AttUser *user = page_user (self);
  g_autoptr(GError) why = NULL;
  g_autoptr(GError) why_numbers = NULL;
  gint64 pupil_id = shown_pupil (self);
  AttPupil *pupil = db != NULL && pupil_id != 0 ? att_pupils_get (db, pupil_id) : NULL;
  gboolean can_edit, can_numbers;
  GtkWidget *widget = GTK_WIDGET (self);

  if (user == NULL)
    {
      g_set_error_literal (&why, ATT_ERROR, ATT_ERROR_PERMISSION, _("Nobody is signed in"));
      g_set_error_literal (&why_numbers, ATT_ERROR, ATT_ERROR_PERMISSION, _("Nobody is signed in"));
    }
  can_edit = user != NULL && att_user_require (user, ATT_PERM_EDIT_PUPILS, &why) && db != NULL;
  can_numbers = user != NULL && att_user_require (user, ATT_PERM_EDIT_CONTACT_NUMBERS, &why_numbers) &&
                db != NULL;

  gtk_widget_action_set_enabled (widget, "pupils.add", can_edit);
  gtk_widget_action_set_enabled (widget, "pupils.edit", can_edit && pupil != NULL);
  gtk_widget_action_set_enabled (widget, "pupils.leaver",
                                 can_edit && pupil != NULL && pupil->leaving == ATT_DATE_NONE);
  gtk_widget_action_set_enabled (widget, "pupils.return",
                                 can_edit && pupil != NULL && pupil->leaving != ATT_DATE_NONE);
  gtk_widget_action_set_enabled (widget, "pupils.undo-leaver", can_edit);
  gtk_widget_action_set_enabled (widget, "pupils.add-contact", can_edit && pupil != NULL);
  gtk_widget_action_set_enabled (widget, "pupils.edit-contact", (can_edit || can_numbers) && pupil != NULL);
  gtk_widget_action_set_enabled (widget, "pupils.contact-up", can_edit && pupil != NULL);
  gtk_widget_action_set_enabled (widget, "pupils.contact-down", can_edit && pupil != NULL);
  gtk_widget_action_set_enabled (widget, "pupils.undo-reorder", can_edit);

  gtk_widget_set_tooltip_text (add_button, can_edit ? _("Add a pupil joining the school (Ctrl+N)")
                                                    : why != NULL ? why->message : NULL);
  att_pupil_view_set_edit_tooltip (att_pupils_page_get_pupil_view (self),
                                   can_edit ? NULL : why != NULL ? why->message : NULL);
}
