/* att-contact-editor.c: a pupil's contact added, changed or removed by
 * hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the pupil editor: the core reads each field (att_contact_set_field())
 * and judges the contact (att_contact_validate_at()). Who may change what
 * is the core's too: a user with ATT_PERM_EDIT_PUPILS saves through
 * att_contacts_save(); one with ATT_PERM_EDIT_CONTACT_NUMBERS only sees
 * the numbers and e-mail editable, and saves through
 * att_contacts_save_numbers(), which refuses anything else.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-contact-editor.h"
#include "att-field-rows.h"
#include "att-pupil-fields.h"

struct _AttContactEditor
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *group;
  GtkLabel            *problem_label;
  GtkWidget           *save_button;
  GtkWidget           *remove_button;

  AttContext          *context;
  gint64               pupil_id;
  AttContact          *original;    /* NULL for a new contact */
  int                  next_priority;
  gboolean             numbers_only;
  AttFieldRows        *rows;
  gboolean             tried;
  gboolean             valid;
};

G_DEFINE_FINAL_TYPE (AttContactEditor, att_contact_editor, ADW_TYPE_WINDOW)

enum { SAVED, REMOVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const AttFieldSpec fields[] = {
  { "title", N_("Title"), ATT_FIELD_TEXT, NULL },
  { "forename", N_("Forename"), ATT_FIELD_TEXT, NULL },
  { "surname", N_("Surname"), ATT_FIELD_TEXT, NULL },
  { "relationship", N_("Relationship to the pupil"), ATT_FIELD_TEXT, NULL },
  { "parental_responsibility", N_("Parental responsibility"), ATT_FIELD_SWITCH, NULL },
  { "lives_with", N_("Lives with the pupil"), ATT_FIELD_SWITCH, NULL },
  { "receives_letters", N_("Receives letters"), ATT_FIELD_SWITCH, NULL },
  { "phone_mobile", N_("Mobile phone"), ATT_FIELD_TEXT, NULL },
  { "phone_home", N_("Home phone"), ATT_FIELD_TEXT, NULL },
  { "phone_work", N_("Work phone"), ATT_FIELD_TEXT, NULL },
  { "email", N_("E-mail"), ATT_FIELD_TEXT, NULL },
  { "address_1", N_("Address line 1"), ATT_FIELD_TEXT, NULL },
  { "address_2", N_("Address line 2"), ATT_FIELD_TEXT, NULL },
  { "town", N_("Town"), ATT_FIELD_TEXT, NULL },
  { "postcode", N_("Postcode"), ATT_FIELD_TEXT, NULL },
};

static AttContact *
build_contact (AttContactEditor  *self,
               const char       **field,
               GError           **error)
{
  g_autoptr(AttContact) contact = NULL;

  if (self->original != NULL)
    contact = att_contact_copy (self->original);
  else
    {
      contact = att_contact_new ();
      contact->pupil_id = self->pupil_id;
      contact->priority = self->next_priority;
    }
  for (guint i = 0; i < att_field_rows_get_n (self->rows); i++)
    {
      const char *name = att_field_rows_get_name (self->rows, i);
      g_autofree char *value = att_field_rows_get (self->rows, name);

      if (!att_contact_set_field (contact, name, value, error))
        {
          *field = name;
          return NULL;
        }
    }
  if (!att_contact_validate_at (contact, field, error))
    return NULL;
  return g_steal_pointer (&contact);
}

static void
validate (AttContactEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) contact = NULL;
  const char *field = NULL;

  contact = build_contact (self, &field, &error);
  self->valid = contact != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->valid);
  att_field_rows_show_check (self->rows, self->valid, field, error != NULL ? error->message : NULL,
                             self->tried || self->original != NULL);
}

static void
on_changed (AttContactEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  validate (self);
}

static void
show_problem (AttContactEditor *self,
              const char       *message)
{
  gtk_label_set_label (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
}

static void
save (AttContactEditor *self)
{
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) contact = NULL;
  const char *field = NULL;
  gint64 id;

  self->tried = TRUE;
  validate (self);
  if (!self->valid || db == NULL || user == NULL)
    return;
  contact = build_contact (self, &field, &error);
  if (contact == NULL)
    return;
  if (self->numbers_only)
    id = att_contacts_save_numbers (db, user, contact, &error) ? contact->id : 0;
  else
    id = att_contacts_save (db, user, contact, &error);
  if (id == 0)
    {
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATT_CONTACT_EDITOR (widget));
}

static void
on_activated (AttContactEditor *self)
{
  if (!self->valid)
    {
      self->tried = TRUE;
      validate (self);
      return;
    }
  save (self);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AttContactEditor *self)
{
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (g_strcmp0 (response, "remove") != 0 || db == NULL || user == NULL || self->original == NULL)
    return;
  id = self->original->id;
  if (!att_contacts_remove (db, user, self->pupil_id, id, &error))
    {
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[REMOVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttContactEditor *self = ATT_CONTACT_EDITOR (widget);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->original == NULL)
    return;
  name = att_contact_dup_name (self->original);
  /* Translators: a contact's name */
  heading = g_strdup_printf (_("Remove %s?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("They will no longer be called about this pupil; those after them move up. Calls, letters and notices keep their record, and the audit log keeps the contact’s details."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill (AttContactEditor *self)
{
  AttContact *c = self->original;

  att_field_rows_set (self->rows, "title", c->title);
  att_field_rows_set (self->rows, "forename", c->forename);
  att_field_rows_set (self->rows, "surname", c->surname);
  att_field_rows_set (self->rows, "relationship", c->relationship);
  att_field_rows_set (self->rows, "parental_responsibility", c->parental_responsibility ? "Y" : "N");
  att_field_rows_set (self->rows, "lives_with", c->lives_with ? "Y" : "N");
  att_field_rows_set (self->rows, "receives_letters", c->receives_letters ? "Y" : "N");
  att_field_rows_set (self->rows, "phone_mobile", c->phone_mobile);
  att_field_rows_set (self->rows, "phone_home", c->phone_home);
  att_field_rows_set (self->rows, "phone_work", c->phone_work);
  att_field_rows_set (self->rows, "email", c->email);
  att_field_rows_set (self->rows, "address_1", c->address_1);
  att_field_rows_set (self->rows, "address_2", c->address_2);
  att_field_rows_set (self->rows, "town", c->town);
  att_field_rows_set (self->rows, "postcode", c->postcode);
}

static void
att_contact_editor_dispose (GObject *object)
{
  AttContactEditor *self = ATT_CONTACT_EDITOR (object);

  g_clear_pointer (&self->rows, att_field_rows_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_CONTACT_EDITOR);

  G_OBJECT_CLASS (att_contact_editor_parent_class)->dispose (object);
}

static void
att_contact_editor_finalize (GObject *object)
{
  AttContactEditor *self = ATT_CONTACT_EDITOR (object);

  g_clear_pointer (&self->original, att_contact_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_contact_editor_parent_class)->finalize (object);
}

static void
att_contact_editor_class_init (AttContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_contact_editor_dispose;
  object_class->finalize = att_contact_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[REMOVED] = g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/pupils/att-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AttContactEditor, group);
  gtk_widget_class_bind_template_child (widget_class, AttContactEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AttContactEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, AttContactEditor, remove_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_contact_editor_init (AttContactEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = att_field_rows_new (self->group, fields, G_N_ELEMENTS (fields),
                                   G_CALLBACK (on_changed), G_CALLBACK (on_activated), self);
  self->next_priority = 1;
}

AttContactEditor *
att_contact_editor_new (GtkWindow  *parent,
                        AttContext *context,
                        gint64      pupil_id,
                        gint64      contact_id)
{
  AttContactEditor *self;
  AttDb *db;
  const AttUser *user;
  g_autoptr(GPtrArray) contacts = NULL;
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_CONTACT_EDITOR, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->pupil_id = pupil_id;
  db = att_context_get_db (context);
  user = att_context_get_user (context);
  contacts = db != NULL ? att_contacts_for_pupil (db, pupil_id, NULL) : NULL;
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      AttContact *c = g_ptr_array_index (contacts, i);

      self->next_priority = MAX (self->next_priority, c->priority + 1);
      if (c->id == contact_id)
        self->original = att_contact_copy (c);
    }
  pupil = db != NULL ? att_pupils_get (db, pupil_id) : NULL;
  if (pupil != NULL)
    adw_preferences_group_set_title (self->group, att_pupil_get_display_name (pupil));

  /* What the signed-in user may change: the core's rights. */
  self->numbers_only = user != NULL && !att_user_can (user, ATT_PERM_EDIT_PUPILS) &&
                       att_user_can (user, ATT_PERM_EDIT_CONTACT_NUMBERS);
  if (self->original != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact"));
      fill (self);
      gtk_widget_set_visible (self->remove_button, !self->numbers_only);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Add Contact"));
  if (self->numbers_only)
    {
      for (guint i = 0; i < att_field_rows_get_n (self->rows); i++)
        {
          const char *name = att_field_rows_get_name (self->rows, i);

          att_field_rows_set_editable (self->rows, name, att_contact_field_is_number (name));
        }
      adw_preferences_group_set_description (self->group,
                                             _("You may change the phone numbers and the e-mail address; an attendance officer or an administrator changes the rest."));
    }
  else
    adw_preferences_group_set_description (self->group,
                                           self->original != NULL
                                           ? NULL
                                           : _("Called after the pupil’s other contacts; move them up on the pupil’s record."));
  validate (self);
  gtk_widget_grab_focus (att_field_rows_get_row (self->rows, self->numbers_only ? "phone_mobile" : "title"));
  return self;
}

gint64
att_contact_editor_get_contact_id (AttContactEditor *self)
{
  g_return_val_if_fail (ATT_IS_CONTACT_EDITOR (self), 0);

  return self->original != NULL ? self->original->id : 0;
}

GtkWidget *
att_contact_editor_get_row (AttContactEditor *self,
                            const char       *field)
{
  g_return_val_if_fail (ATT_IS_CONTACT_EDITOR (self), NULL);

  return att_field_rows_get_row (self->rows, field);
}

gboolean
att_contact_editor_is_editable (AttContactEditor *self,
                                const char       *field)
{
  g_return_val_if_fail (ATT_IS_CONTACT_EDITOR (self), FALSE);

  return att_field_rows_get_editable (self->rows, field);
}

const char *
att_contact_editor_get_problem (AttContactEditor *self,
                                const char       *field)
{
  g_return_val_if_fail (ATT_IS_CONTACT_EDITOR (self), NULL);

  return att_field_rows_get_problem (self->rows, field);
}

gboolean
att_contact_editor_can_save (AttContactEditor *self)
{
  g_return_val_if_fail (ATT_IS_CONTACT_EDITOR (self), FALSE);

  return self->valid;
}
