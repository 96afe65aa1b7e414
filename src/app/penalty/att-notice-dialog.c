/* att-notice-dialog.c: a request to the local authority for a penalty
 * notice to one parent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form offers the pupil's contacts with parental responsibility. For
 * the parent chosen it shows the notices they have had for this child in
 * the last 3 years (withdrawn ones left out, as the core counts them),
 * the notice that follows (a first with none, a second with one) and its
 * amounts. The core refuses a third, naming the earlier two; its refusal
 * is shown in place, under the parent.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-notice-dialog.h"
#include "att-penalty-rows.h"
#include "att-penalty.h"
#include "attendance-core.h"

struct _AttNoticeDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *request_button;
  GtkLabel       *heading_label;
  AdwComboRow    *parent_row;
  AdwEntryRow    *date_row;
  AdwActionRow   *kind_row;
  AdwActionRow   *earlier_row;
  GtkLabel       *error_label;

  AttContext     *context;
  gint64          pupil_id;
  GPtrArray      *parents;     /* AttContact with parental responsibility */
  AttPenaltyNoticeKind kind;
  char           *kind_text;
  gint64          recorded;
  char           *denied;
  char           *error;
};

G_DEFINE_FINAL_TYPE (AttNoticeDialog, att_notice_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static AttDb *
get_db (AttNoticeDialog *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static void
show_error (AttNoticeDialog *self,
            const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static AttContact *
get_parent (AttNoticeDialog *self)
{
  guint index = adw_combo_row_get_selected (self->parent_row);

  if (self->parents == NULL || index == GTK_INVALID_LIST_POSITION || index >= self->parents->len)
    return NULL;
  return g_ptr_array_index (self->parents, index);
}

static void
update_actions (AttNoticeDialog *self)
{
  gboolean may = self->denied == NULL && get_parent (self) != NULL && self->recorded == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.request", may);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->request_button),
                               self->denied != NULL ? self->denied
                               : get_parent (self) == NULL ? _("The pupil has no contact with parental responsibility")
                               : _("Ask the local authority for the notice to this parent"));
}

/* The notices the chosen parent has had for this child, and the one that
 * follows. */
static void
on_parent_changed (AttNoticeDialog *self)
{
  AttContact *parent = get_parent (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *earlier = NULL;
  g_autofree char *amounts = NULL;
  guint n;

  show_error (self, NULL);
  g_clear_pointer (&self->kind_text, g_free);
  /* The relationship under the line, the name in it. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->parent_row),
                               parent != NULL && parent->relationship != NULL ? parent->relationship : "");
  if (parent == NULL)
    {
      adw_action_row_set_subtitle (self->kind_row, "—");
      adw_action_row_set_subtitle (self->earlier_row, "—");
      update_actions (self);
      return;
    }
  n = att_penalty_notices_3y (get_db (self), self->pupil_id, parent->id,
                              att_context_get_today (self->context), &error);
  if (error != NULL)
    {
      show_error (self, error->message);
      update_actions (self);
      return;
    }
  /* Translators: penalty notices to one parent for this child */
  earlier = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in the last 3 years", "%u in the last 3 years", n), n);
  adw_action_row_set_subtitle (self->earlier_row, earlier);

  self->kind = n == 0 ? ATT_PENALTY_NOTICE_FIRST : ATT_PENALTY_NOTICE_SECOND;
  amounts = att_penalty_amounts_text (self->kind);
  /* Translators: the notice that follows, then its amounts */
  self->kind_text = g_strdup_printf (_("%s: %s"), att_penalty_notice_kind_describe (self->kind), amounts);
  adw_action_row_set_subtitle (self->kind_row, self->kind_text);
  update_actions (self);
}

static void
request_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttNoticeDialog *self = ATT_NOTICE_DIALOG (widget);
  AttContact *parent = get_parent (self);
  g_autoptr(GError) error = NULL;
  gint64 id;
  AttDate requested;

  if (parent == NULL || self->recorded != 0)
    return;
  /* The day the request went to the local authority: today unless the
   * office records one made earlier; the core checks it. */
  requested = att_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &error);
  if (requested == ATT_DATE_NONE)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what is wrong with the date typed */
      message = g_strdup_printf (_("The date of the request: %s"), error->message);
      show_error (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }
  id = att_penalty_notice_request (get_db (self), att_context_get_user (self->context), self->pupil_id,
                                   parent->id, self->kind, requested, &error);
  if (id == 0)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->parent_row));
      return;
    }
  self->recorded = id;
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
att_notice_dialog_dispose (GObject *object)
{
  AttNoticeDialog *self = ATT_NOTICE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_NOTICE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_notice_dialog_parent_class)->dispose (object);
}

static void
att_notice_dialog_finalize (GObject *object)
{
  AttNoticeDialog *self = ATT_NOTICE_DIALOG (object);

  g_clear_pointer (&self->parents, g_ptr_array_unref);
  g_clear_pointer (&self->kind_text, g_free);
  g_clear_pointer (&self->denied, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (att_notice_dialog_parent_class)->finalize (object);
}

static void
att_notice_dialog_class_init (AttNoticeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_notice_dialog_dispose;
  object_class->finalize = att_notice_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/penalty/att-notice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, request_button);
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, earlier_row);
  gtk_widget_class_bind_template_child (widget_class, AttNoticeDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_parent_changed);

  gtk_widget_class_install_action (widget_class, "notice.request", NULL, request_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "notice.request", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_notice_dialog_init (AttNoticeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->parents = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
}

AttNoticeDialog *
att_notice_dialog_new (AttContext *context,
                       GtkWindow  *parent,
                       gint64      pupil_id)
{
  AttNoticeDialog *self;
  AttPupil *pupil;
  const AttUser *user;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  if (att_context_get_db (context) == NULL)
    return NULL;
  self = g_object_new (ATT_TYPE_NOTICE_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->pupil_id = pupil_id;

  {
    g_autofree char *today = att_date_format (att_context_get_today (context));

    gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  }
  pupil = att_pupils_get (get_db (self), pupil_id);
  gtk_label_set_label (self->heading_label, pupil != NULL ? att_pupil_get_display_name (pupil) : "");
  user = att_context_get_user (context);
  if (user == NULL)
    self->denied = g_strdup (_("Sign in as the headteacher, or a deputy they authorised, to request a penalty notice"));
  else if (!att_user_require (user, ATT_PERM_PENALTY, &error))
    self->denied = g_strdup (error->message);
  g_clear_error (&error);

  contacts = att_contacts_for_pupil (get_db (self), pupil_id, &error);
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      AttContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = NULL;

      if (!contact->parental_responsibility)
        continue;
      name = att_contact_dup_name (contact);
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->parents, att_contact_copy (contact));
    }
  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (names));
  if (contacts == NULL)
    show_error (self, error->message);
  else if (self->parents->len == 0)
    show_error (self, _("The pupil has no contact with parental responsibility: add one on the pupil’s record first"));
  if (self->denied != NULL)
    show_error (self, self->denied);
  on_parent_changed (self);
  if (self->denied != NULL)
    show_error (self, self->denied);

  gtk_widget_grab_focus (self->denied == NULL && self->parents->len > 0 ? GTK_WIDGET (self->parent_row)
                                                                          : GTK_WIDGET (self->cancel_button));
  return self;
}

guint
att_notice_dialog_get_n_parents (AttNoticeDialog *self)
{
  g_return_val_if_fail (ATT_IS_NOTICE_DIALOG (self), 0);

  return self->parents->len;
}

void
att_notice_dialog_set_parent (AttNoticeDialog *self,
                              guint            index)
{
  g_return_if_fail (ATT_IS_NOTICE_DIALOG (self));

  adw_combo_row_set_selected (self->parent_row, index);
}

const char *
att_notice_dialog_get_kind_text (AttNoticeDialog *self)
{
  g_return_val_if_fail (ATT_IS_NOTICE_DIALOG (self), NULL);

  return self->kind_text;
}

gint64
att_notice_dialog_get_recorded (AttNoticeDialog *self)
{
  g_return_val_if_fail (ATT_IS_NOTICE_DIALOG (self), 0);

  return self->recorded;
}

const char *
att_notice_dialog_get_error (AttNoticeDialog *self)
{
  g_return_val_if_fail (ATT_IS_NOTICE_DIALOG (self), NULL);

  return self->error;
}

GtkEditable *
att_notice_dialog_get_date (AttNoticeDialog *self)
{
  g_return_val_if_fail (ATT_IS_NOTICE_DIALOG (self), NULL);

  return GTK_EDITABLE (self->date_row);
}
