/* test-mail-dialog.c: the Mail Server dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: a fresh database with Hanna Head, a headteacher (who may
 * change the school's settings), and Olive Officer, an attendance officer
 * (who may not).
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "att-mail-dialog-private.h"
#include "att-mail-settings.h"
#include "att-test-util.h"

void attendance_register_resource (void);

static AttTestDb *t;
static AttUser   *head;
static AttUser   *officer;

static AttContext *
new_context (const AttUser *user)
{
  AttContext *context = att_context_new (NULL);

  att_context_set_db (context, t->db);
  att_context_set_user (context, user);
  return context;
}

static void
set_field (AttMailDialog *dialog,
           AttMailField   field,
           const char    *text)
{
  gtk_editable_set_text (att_mail_dialog_get_field (dialog, field), text);
}

/* A port on this computer where nothing listens. */
static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

/* The headteacher fills the form and saves it; the fields are stored as
 * the core keeps them, the password out of the form. */
static void
test_save (void)
{
  g_autoptr(AttContext) context = new_context (head);
  g_autoptr(AttMailSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  AttMailDialog *dialog = att_mail_dialog_new (NULL, context);

  gtk_window_present (GTK_WINDOW (dialog));
  att_test_flush_events ();

  /* Nothing stored: STARTTLS on 587. */
  g_assert_cmpuint (adw_combo_row_get_selected (att_mail_dialog_get_security_row (dialog)), ==,
                    ATT_MAIL_STARTTLS);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (att_mail_dialog_get_port_spin (dialog)), ==, 587);

  set_field (dialog, ATT_MAIL_FIELD_HOST, " smtp.example.org ");
  set_field (dialog, ATT_MAIL_FIELD_USERNAME, "office@hillside.example");
  set_field (dialog, ATT_MAIL_FIELD_PASSWORD, "pa55 word");
  set_field (dialog, ATT_MAIL_FIELD_FROM_ADDRESS, "office@hillside.example");
  set_field (dialog, ATT_MAIL_FIELD_REPLY_TO, "attendance@hillside.example");
  /* TLS from the start: the usual port follows, 465. */
  adw_combo_row_set_selected (att_mail_dialog_get_security_row (dialog), ATT_MAIL_TLS);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (att_mail_dialog_get_port_spin (dialog)), ==, 465);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "mail.save", NULL);
  att_test_flush_events ();
  g_assert_cmpstr (att_mail_dialog_get_last_message (dialog), ==, "Saved: letters can be sent by e-mail");

  settings = att_mail_settings_load (t->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (settings->host, ==, "smtp.example.org");
  g_assert_cmpint (settings->security, ==, ATT_MAIL_TLS);
  g_assert_cmpuint (settings->port, ==, 0);   /* the usual one */
  g_assert_cmpstr (settings->username, ==, "office@hillside.example");
  g_assert_cmpstr (settings->password, ==, "pa55 word");
  g_assert_cmpstr (settings->reply_to, ==, "attendance@hillside.example");
  g_assert_null (settings->from_name);
  /* The password is not put back in the form; saving again keeps it. */
  g_assert_cmpstr (gtk_editable_get_text (att_mail_dialog_get_field (dialog, ATT_MAIL_FIELD_PASSWORD)), ==, "");
  set_field (dialog, ATT_MAIL_FIELD_FROM_NAME, "Hillside Primary School");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "mail.save", NULL);
  g_clear_pointer (&settings, att_mail_settings_free);
  settings = att_mail_settings_load (t->db, &error);
  g_assert_cmpstr (settings->from_name, ==, "Hillside Primary School");
  g_assert_cmpstr (settings->password, ==, "pa55 word");

  /* Closed, nothing is left of it. */
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  att_test_flush_events ();
  g_assert_finalize_object (dialog);
}

/* A refusal is shown in the dialog, naming what is wrong, and nothing
 * changes; a test message that cannot go says why. */
static void
test_errors (void)
{
  g_autoptr(AttContext) context = new_context (head);
  g_autoptr(AttMailSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  AttMailDialog *dialog = att_mail_dialog_new (NULL, context);
  guint port;

  gtk_window_present (GTK_WINDOW (dialog));
  att_test_flush_events ();
  /* The form holds what test_save stored. */
  g_assert_cmpstr (gtk_editable_get_text (att_mail_dialog_get_field (dialog, ATT_MAIL_FIELD_HOST)), ==,
                   "smtp.example.org");

  /* No encryption to a server elsewhere. */
  adw_combo_row_set_selected (att_mail_dialog_get_security_row (dialog), ATT_MAIL_NONE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "mail.save", NULL);
  g_assert_nonnull (strstr (att_mail_dialog_get_last_message (dialog),
                            "The mail server smtp.example.org cannot be used without encryption"));
  settings = att_mail_settings_load (t->db, &error);
  g_assert_cmpint (settings->security, ==, ATT_MAIL_TLS);

  /* A test message needs an address to go to. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "mail.send-test", NULL);
  g_assert_false (att_mail_dialog_is_busy (dialog));
  g_assert_nonnull (strstr (att_mail_dialog_get_last_message (dialog), "Give the address"));

  /* Sent, unsaved, to a server on this computer where nothing listens:
   * it says which server and port could not be reached. */
  port = closed_port ();
  set_field (dialog, ATT_MAIL_FIELD_HOST, "127.0.0.1");
  gtk_spin_button_set_value (att_mail_dialog_get_port_spin (dialog), port);
  set_field (dialog, ATT_MAIL_FIELD_TEST_ADDRESS, "me@example.org");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "mail.send-test", NULL);
  g_assert_true (att_mail_dialog_is_busy (dialog));
  while (att_mail_dialog_is_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  expected = g_strdup_printf ("Could not connect to the mail server 127.0.0.1 on port %u", port);
  g_assert_true (g_str_has_prefix (att_mail_dialog_get_last_message (dialog), expected));
  /* Nothing was saved by trying. */
  g_clear_pointer (&settings, att_mail_settings_free);
  settings = att_mail_settings_load (t->db, &error);
  g_assert_cmpstr (settings->host, ==, "smtp.example.org");

  gtk_window_close (GTK_WINDOW (dialog));
  att_test_flush_events ();
}

/* An attendance officer sees the settings but may not change them, and
 * the fields say why. */
static void
test_rights (void)
{
  g_autoptr(AttContext) context = new_context (officer);
  AttMailDialog *dialog = att_mail_dialog_new (NULL, context);
  GtkWidget *host;
  const char *tooltip;

  gtk_window_present (GTK_WINDOW (dialog));
  att_test_flush_events ();
  host = GTK_WIDGET (att_mail_dialog_get_field (dialog, ATT_MAIL_FIELD_HOST));
  g_assert_false (gtk_widget_is_sensitive (host));
  tooltip = gtk_widget_get_tooltip_text (host);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "Olive Officer"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (att_mail_dialog_get_port_spin (dialog))));

  /* Signed in as the headteacher, the same dialog may. */
  att_context_set_user (context, head);
  att_test_flush_events ();
  g_assert_true (gtk_widget_is_sensitive (host));
  g_assert_null (gtk_widget_get_tooltip_text (host));

  gtk_window_close (GTK_WINDOW (dialog));
  att_test_flush_events ();
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("ATTENDANCE_TODAY", "2024-12-20", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  t = att_test_db_new ();
  head = att_test_add_user (t->db, "Hanna Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  officer = att_test_add_user (t->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance Officer");

  g_test_add_func ("/mail-dialog/save", test_save);
  g_test_add_func ("/mail-dialog/errors", test_errors);
  g_test_add_func ("/mail-dialog/rights", test_rights);
  status = g_test_run ();

  att_user_free (head);
  att_user_free (officer);
  att_test_db_free (t);
  return status;
}
