/* att-mail-dialog.c: the school's mail server, for letters sent by e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form shows the stored settings (the password as dots, never read
 * back into another field) and saves them all at once through the core,
 * which checks them together and logs the change. A test message goes
 * with the settings as they stand in the form, so a school can try them
 * before saving; it is sent on a thread, since a server that does not
 * answer takes up to 30 seconds to give up.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-mail-dialog-private.h"
#include "att-mail.h"

struct _AttMailDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *host_row;
  AdwComboRow          *security_row;
  GtkSpinButton        *port_spin;
  AdwEntryRow          *ca_file_row;
  AdwEntryRow          *username_row;
  AdwPasswordEntryRow  *password_row;
  AdwEntryRow          *from_address_row;
  AdwEntryRow          *from_name_row;
  AdwEntryRow          *reply_to_row;
  AdwEntryRow          *test_address_row;
  GtkLabel             *status_label;

  AttContext           *context;
  GCancellable         *cancellable;
  char                 *stored_password;  /* never put back in the form */
  char                 *last_message;
  gboolean              busy;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (AttMailDialog, att_mail_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static AttDb *
get_db (AttMailDialog *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static const AttUser *
get_user (AttMailDialog *self)
{
  return self->context != NULL ? att_context_get_user (self->context) : NULL;
}

/* Shows a result under the form, where it stays to be read (and copied),
 * and as a toast. */
static void
show_message (AttMailDialog *self,
              const char    *message,
              gboolean       is_error)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  adw_toast_set_timeout (toast, 10);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static GtkWidget *
field_widget (AttMailDialog *self,
              AttMailField   field)
{
  switch (field)
    {
    case ATT_MAIL_FIELD_HOST:         return GTK_WIDGET (self->host_row);
    case ATT_MAIL_FIELD_CA_FILE:      return GTK_WIDGET (self->ca_file_row);
    case ATT_MAIL_FIELD_USERNAME:     return GTK_WIDGET (self->username_row);
    case ATT_MAIL_FIELD_PASSWORD:     return GTK_WIDGET (self->password_row);
    case ATT_MAIL_FIELD_FROM_ADDRESS: return GTK_WIDGET (self->from_address_row);
    case ATT_MAIL_FIELD_FROM_NAME:    return GTK_WIDGET (self->from_name_row);
    case ATT_MAIL_FIELD_REPLY_TO:     return GTK_WIDGET (self->reply_to_row);
    case ATT_MAIL_FIELD_TEST_ADDRESS: return GTK_WIDGET (self->test_address_row);
    default:                          g_return_val_if_reached (NULL);
    }
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The text of a field, NULL when empty; spaces round it taken off but
 * for the password, where they may be part of it. */
static char *
get_text (AdwEntryRow *row,
          gboolean     strip)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (strip)
    g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The settings as the form has them. */
static AttMailSettings *
read_form (AttMailDialog *self)
{
  AttMailSettings *settings = att_mail_settings_new ();
  guint selected = adw_combo_row_get_selected (self->security_row);

  settings->host = get_text (self->host_row, TRUE);
  settings->security = selected < ATT_MAIL_N_SECURITIES ? (AttMailSecurity) selected : ATT_MAIL_STARTTLS;
  settings->port = (guint) gtk_spin_button_get_value_as_int (self->port_spin);
  settings->ca_file = get_text (self->ca_file_row, TRUE);
  settings->username = get_text (self->username_row, TRUE);
  settings->password = get_text (ADW_ENTRY_ROW (self->password_row), FALSE);
  /* An empty password field keeps the stored password, unless there is
   * no user name to go with it any more. */
  if (settings->password == NULL && settings->username != NULL)
    settings->password = g_strdup (self->stored_password);
  settings->from_address = get_text (self->from_address_row, TRUE);
  settings->from_name = get_text (self->from_name_row, TRUE);
  settings->reply_to = get_text (self->reply_to_row, TRUE);
  /* The usual port of the encryption is stored as "the usual one", so
   * that it follows a change of encryption. */
  if (settings->port == att_mail_security_default_port (settings->security))
    settings->port = 0;
  return settings;
}

static void
fill_form (AttMailDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttMailSettings) settings = NULL;
  AttDb *db = get_db (self);

  if (db == NULL)
    return;
  settings = att_mail_settings_load (db, &error);
  if (settings == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  self->filling = TRUE;
  set_text (self->host_row, settings->host);
  adw_combo_row_set_selected (self->security_row, settings->security);
  gtk_spin_button_set_value (self->port_spin, att_mail_settings_get_port (settings));
  set_text (self->ca_file_row, settings->ca_file);
  set_text (self->username_row, settings->username);
  /* The stored password is kept out of the form, where it could be
   * shown: the field is for a new one. */
  set_text (ADW_ENTRY_ROW (self->password_row), NULL);
  g_free (self->stored_password);
  self->stored_password = g_strdup (settings->password);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 settings->password != NULL
                                 ? _("Pass_word (stored; type a new one to change it)")
                                 : _("Pass_word"));
  set_text (self->from_address_row, settings->from_address);
  set_text (self->from_name_row, settings->from_name);
  set_text (self->reply_to_row, settings->reply_to);
  self->filling = FALSE;
}

/* The one place that enables the dialog's actions and fields, from the
 * user's rights (the core's) and whether a message is being sent. */
static void
actions_update (AttMailDialog *self)
{
  g_autoptr(GError) why = NULL;
  g_autofree char *not_allowed = NULL;
  AttDb *db = get_db (self);
  const AttUser *user = get_user (self);
  gboolean can_change = FALSE;
  GtkWidget *rows[] = {
    GTK_WIDGET (self->host_row), GTK_WIDGET (self->security_row), GTK_WIDGET (self->port_spin),
    GTK_WIDGET (self->ca_file_row), GTK_WIDGET (self->username_row),
    GTK_WIDGET (self->password_row), GTK_WIDGET (self->from_address_row),
    GTK_WIDGET (self->from_name_row), GTK_WIDGET (self->reply_to_row),
  };

  if (db == NULL || user == NULL)
    not_allowed = g_strdup (_("Open a school and sign in to set up its mail server"));
  else if (!att_user_require (user, ATT_PERM_SETTINGS, &why))
    not_allowed = g_strdup (why->message);
  else
    can_change = TRUE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.save", can_change && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.send-test", can_change && !self->busy);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_set_sensitive (rows[i], can_change);
      gtk_widget_set_tooltip_text (rows[i], not_allowed);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->test_address_row), not_allowed);
}

static void
on_security_changed (AttMailDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->security_row);
  guint port = (guint) gtk_spin_button_get_value_as_int (self->port_spin);

  if (self->filling || selected >= ATT_MAIL_N_SECURITIES)
    return;
  /* The port follows the encryption while it is one of the usual ones. */
  for (guint i = 0; i < ATT_MAIL_N_SECURITIES; i++)
    if (port == att_mail_security_default_port (i))
      {
        gtk_spin_button_set_value (self->port_spin, att_mail_security_default_port (selected));
        break;
      }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttMailDialog *self = ATT_MAIL_DIALOG (widget);
  g_autoptr(AttMailSettings) settings = read_form (self);
  g_autoptr(GError) error = NULL;

  if (get_db (self) == NULL || get_user (self) == NULL)
    return;
  if (!att_mail_settings_save (get_db (self), get_user (self), settings, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  fill_form (self);
  show_message (self, att_mail_settings_is_set_up (settings)
                      ? _("Saved: letters can be sent by e-mail")
                      : _("Saved; give the server’s name and the from address to send letters by e-mail"),
                FALSE);
}

typedef struct
{
  AttMailSettings *settings;
  char            *school;
  char            *address;
} TestData;

static void
test_data_free (TestData *data)
{
  att_mail_settings_free (data->settings);
  g_free (data->school);
  g_free (data->address);
  g_free (data);
}

static void
send_test_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TestData *data = task_data;
  GError *error = NULL;

  if (att_mail_send_test (data->settings, data->school, data->address, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
send_test_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttMailDialog *self = ATT_MAIL_DIALOG (source);
  TestData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->busy = FALSE;
  actions_update (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  /* Translators: the result of Send Test Message */
  text = g_strdup_printf (_("Sent a test message to %s: check that it arrived"), data->address);
  show_message (self, text, FALSE);
}

static void
send_test_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttMailDialog *self = ATT_MAIL_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttSchool) school = NULL;
  TestData *data;
  g_autofree char *address = get_text (self->test_address_row, TRUE);
  AttMailSettings *settings;

  if (self->busy || get_db (self) == NULL)
    return;
  if (address == NULL || !att_mail_address_is_valid (address))
    {
      show_message (self, _("Give the address to send the test message to, for example your own"),
                    TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->test_address_row));
      return;
    }
  settings = read_form (self);
  if (!att_mail_settings_check (settings, TRUE, &error))
    {
      att_mail_settings_free (settings);
      show_message (self, error->message, TRUE);
      return;
    }

  school = att_school_load (get_db (self));
  data = g_new0 (TestData, 1);
  data->settings = settings;
  data->school = g_strdup (school != NULL ? school->name : NULL);
  data->address = g_steal_pointer (&address);

  self->busy = TRUE;
  actions_update (self);
  /* Translators: shown while the test message is being sent */
  show_message (self, _("Sending…"), FALSE);
  task = g_task_new (self, self->cancellable, send_test_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_run_in_thread (task, send_test_thread);
}

static void
on_test_address_activated (AttMailDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "mail.send-test", NULL);
}

static void
on_context_changed (AttMailDialog *self)
{
  fill_form (self);
  actions_update (self);
}

GtkEditable *
att_mail_dialog_get_field (AttMailDialog *self,
                           AttMailField   field)
{
  g_return_val_if_fail (ATT_IS_MAIL_DIALOG (self), NULL);
  return GTK_EDITABLE (field_widget (self, field));
}

AdwComboRow *
att_mail_dialog_get_security_row (AttMailDialog *self)
{
  g_return_val_if_fail (ATT_IS_MAIL_DIALOG (self), NULL);
  return self->security_row;
}

GtkSpinButton *
att_mail_dialog_get_port_spin (AttMailDialog *self)
{
  g_return_val_if_fail (ATT_IS_MAIL_DIALOG (self), NULL);
  return self->port_spin;
}

const char *
att_mail_dialog_get_last_message (AttMailDialog *self)
{
  g_return_val_if_fail (ATT_IS_MAIL_DIALOG (self), NULL);
  return self->last_message;
}

gboolean
att_mail_dialog_is_busy (AttMailDialog *self)
{
  g_return_val_if_fail (ATT_IS_MAIL_DIALOG (self), FALSE);
  return self->busy;
}

static void
att_mail_dialog_dispose (GObject *object)
{
  AttMailDialog *self = ATT_MAIL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_MAIL_DIALOG);

  G_OBJECT_CLASS (att_mail_dialog_parent_class)->dispose (object);
}

static void
att_mail_dialog_finalize (GObject *object)
{
  AttMailDialog *self = ATT_MAIL_DIALOG (object);

  g_clear_object (&self->cancellable);
  if (self->stored_password != NULL)
    memset (self->stored_password, 0, strlen (self->stored_password));
  g_free (self->stored_password);
  g_free (self->last_message);

  G_OBJECT_CLASS (att_mail_dialog_parent_class)->finalize (object);
}

static void
att_mail_dialog_class_init (AttMailDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_mail_dialog_dispose;
  object_class->finalize = att_mail_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/letters/att-mail-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, server_group);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, security_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, port_spin);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, from_address_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, from_name_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, reply_to_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, test_address_row);
  gtk_widget_class_bind_template_child (widget_class, AttMailDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_security_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_test_address_activated);

  gtk_widget_class_install_action (widget_class, "mail.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "mail.send-test", NULL, send_test_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "mail.save", NULL);
}

static void
att_mail_dialog_init (AttMailDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

AttMailDialog *
att_mail_dialog_new (GtkWindow  *parent,
                     AttContext *context)
{
  AttMailDialog *self = g_object_new (ATT_TYPE_MAIL_DIALOG,
                                      "transient-for", parent,
                                      NULL);

  self->context = g_object_ref (context);
  g_signal_connect_swapped (context, "notify::db", G_CALLBACK (on_context_changed), self);
  g_signal_connect_swapped (context, "notify::user", G_CALLBACK (on_context_changed), self);
  fill_form (self);
  actions_update (self);
  return self;
}
