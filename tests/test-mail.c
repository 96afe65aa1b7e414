/* test-mail.c: the mail server's settings, messages as MIME, and real
 * SMTP exchanges with a server the test starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server is tests/mail/smtp_server.py on 127.0.0.1: STARTTLS (or TLS
 * from the start) with a certificate made here with openssl for
 * "localhost", AUTH with a user name and password, and recipients it
 * refuses. It reads each message it accepts with Python's own e-mail
 * parser and writes what it found to N.ini, so the checks below are what
 * a family's mail program would see.
 */
#include "config.h"

#include <string.h>

#include "att-audit.h"
#include "att-mail.h"
#include "att-test-util.h"
#include "mail/att-mail-test-server.h"

/* ------------------------------------------------------------------ */
/* Messages                                                           */
/* ------------------------------------------------------------------ */

static AttMailMessage *
sample_message (void)
{
  AttMailMessage *message = att_mail_message_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.5\n\xff\xfe binary", 18);

  message->from_address = g_strdup ("office@hillside.example");
  message->from_name = g_strdup ("École Sainte-Thérèse");
  message->to_address = g_strdup ("zoe.bronte@example.org");
  message->to_name = g_strdup ("Mrs Zoë Brontë");
  message->reply_to = g_strdup ("attendance@hillside.example");
  message->subject = g_strdup ("Zoë’s attendance this term");
  /* A pound sign, a line of 100 characters, a line ending in a space, and
   * an equals sign. */
  message->body = g_strdup ("Dear Mrs Brontë,\n\nThe fee is £5 = five pounds.\n"
                            "0123456789012345678901234567890123456789"
                            "0123456789012345678901234567890123456789"
                            "01234567890123456789\n"
                            "Ends with a space \nLast line");
  message->date = g_date_time_new (zone, 2024, 9, 2, 9, 10, 0);
  message->message_id = g_strdup ("<1234.5678@hillside.example>");
  att_mail_message_attach (message, "Letter about Zoë.pdf", "application/pdf", pdf);
  return message;
}

/* The headers, hand-encoded: "École Sainte-Thérèse" is the UTF-8 bytes
 * C3 89 63 6F ..., base64 "w4ljb2xlIFNhaW50ZS1UaMOpcsOoc2U="; Monday 2
 * September 2024 at 09:10 in a zone one hour ahead of UTC. */
static void
test_message_headers (void)
{
  g_autoptr(AttMailMessage) message = sample_message ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = att_mail_message_to_bytes (message, &error);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_true (g_str_has_prefix (text, "Date: Mon, 02 Sep 2024 09:10:00 +0100\r\n"
                                         "Message-ID: <1234.5678@hillside.example>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nFrom: =?UTF-8?B?w4ljb2xlIFNhaW50ZS1UaMOpcsOoc2U=?= "
                                  "<office@hillside.example>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTo: =?UTF-8?B?TXJzIFpvw6sgQnJvbnTDqw==?= "
                                  "<zoe.bronte@example.org>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nReply-To: attendance@hillside.example\r\n"));
  g_assert_nonnull (strstr (text, "\r\nSubject: =?UTF-8?B?Wm/Dq+KAmXMgYXR0ZW5kYW5jZSB0aGlzIHRlcm0=?=\r\n"));
  g_assert_nonnull (strstr (text, "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;\r\n boundary=\"=_attendance_"));
  /* The text: £ is C2 A3; '=' is =3D; the long line cut with a soft
   * break after 75 characters; the space before the line break kept as
   * =20; ë is C3 AB. */
  g_assert_nonnull (strstr (text, "Content-Type: text/plain; charset=UTF-8\r\n"
                                  "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                                  "Dear Mrs Bront=C3=AB,\r\n\r\nThe fee is =C2=A35 =3D five pounds.\r\n"
                                  "012345678901234567890123456789012345678901234567890123456789012345678901234=\r\n"
                                  "5678901234567890123456789\r\n"
                                  "Ends with a space=20\r\nLast line\r\n"));
  /* The attachment: an ASCII name for old readers in its type, and the
   * name itself (RFC 2231: ë is %C3%AB, a space %20). */
  g_assert_nonnull (strstr (text, "Content-Type: application/pdf;\r\n name=\"Letter about Zoe.pdf\"\r\n"
                                  "Content-Disposition: attachment;\r\n"
                                  " filename*=UTF-8''Letter%20about%20Zo%C3%AB.pdf\r\n"
                                  "Content-Transfer-Encoding: base64\r\n\r\n"
                                  "JVBERi0xLjUK//4gYmluYXJ5\r\n"));
  g_assert_true (g_str_has_suffix (text, "--\r\n"));

  /* Every line ends in CRLF and none is longer than 76 characters. */
  g_assert_null (strstr (text, "\n\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_cmpuint (strlen (lines[i]), <=, 76);
    }
}

/* A subject too long for one encoded word is cut into words of at most
 * 75 characters, on whole characters, folded onto lines of their own. */
static void
test_message_long_subject (void)
{
  g_autoptr(AttMailMessage) message = att_mail_message_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) decoded = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char *subject = "Zoë’s attendance over the whole of the autumn term, and what happens next";
  const char *p;
  guint n_words = 0;

  message->from_address = g_strdup ("office@hillside.example");
  message->from_name = g_strdup ("Hillside \"Primary\"");
  message->to_address = g_strdup ("parent@example.org");
  message->subject = g_strdup (subject);
  message->body = g_strdup ("Plain");
  bytes = att_mail_message_to_bytes (message, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* A plain ASCII name is a quoted string, its quotes escaped; no
   * attachment, no multipart; a Message-ID made at the from domain. */
  g_assert_nonnull (strstr (text, "\r\nFrom: \"Hillside \\\"Primary\\\"\" <office@hillside.example>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTo: parent@example.org\r\n"));
  g_assert_null (strstr (text, "multipart"));
  g_assert_nonnull (strstr (text, "@hillside.example>\r\n"));
  g_assert_nonnull (message->message_id);

  /* 73 characters, 76 bytes (ë and ’ are 2 and 3): after "Subject: "
   * (9 characters) the first word has room for (76 - 9 - 12) / 4 * 3 =
   * 39 bytes, the second, after a fold, for 45: two words. */
  p = strstr (text, "\r\nSubject: ") + strlen ("\r\nSubject: ");
  while (g_str_has_prefix (p, "=?UTF-8?B?"))
    {
      const char *end = strstr (p, "?=");
      g_autofree char *encoded = g_strndup (p + 10, end - p - 10);
      gsize size = 0;
      g_autofree guchar *piece = g_base64_decode (encoded, &size);

      g_assert_cmpuint (end + 2 - p, <=, 75);
      g_assert_true (g_utf8_validate ((const char *) piece, size, NULL));
      g_string_append_len (decoded, (const char *) piece, size);
      n_words++;
      p = end + 2;
      if (g_str_has_prefix (p, "\r\n "))
        p += 3;
    }
  g_assert_cmpuint (n_words, ==, 2);
  g_assert_cmpstr (decoded->str, ==, subject);
}

/* A header that would start another header, and an address that is not
 * one, are refused rather than sent. */
static void
test_message_refusals (void)
{
  g_autoptr(AttMailMessage) message = att_mail_message_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  message->from_address = g_strdup ("office@hillside.example");
  message->to_address = g_strdup ("parent@example.org");
  message->subject = g_strdup ("Attendance\r\nBcc: everyone@example.org");
  bytes = att_mail_message_to_bytes (message, &error);
  g_assert_null (bytes);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line break"));
  g_clear_error (&error);

  g_free (message->subject);
  message->subject = g_strdup ("Attendance");
  g_free (message->to_address);
  message->to_address = g_strdup ("Mrs Khan <khan@example.org>");
  bytes = att_mail_message_to_bytes (message, &error);
  g_assert_null (bytes);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Mrs Khan <khan@example.org>” is not an e-mail address"));
}

/* ------------------------------------------------------------------ */
/* Settings                                                           */
/* ------------------------------------------------------------------ */

static void
test_settings (void)
{
  AttTestSchool s;
  g_autoptr(AttUser) head = NULL;
  g_autoptr(AttMailSettings) settings = NULL;
  g_autoptr(AttMailSettings) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *password = NULL;
  AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
  gboolean found = FALSE;

  att_test_school_init (&s);
  head = att_test_add_user (s.db, "Hanna Head", ATT_ROLE_HEADTEACHER, "Headteacher");

  /* Nothing stored: not set up, STARTTLS on its usual port 587. */
  settings = att_mail_settings_load (s.db, &error);
  g_assert_no_error (error);
  g_assert_false (att_mail_settings_is_set_up (settings));
  g_assert_cmpint (settings->security, ==, ATT_MAIL_STARTTLS);
  g_assert_cmpuint (att_mail_settings_get_port (settings), ==, 587);

  /* An attendance officer may not change them. */
  g_assert_false (att_mail_settings_set (s.db, s.officer, "host", "smtp.example.org", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (att_mail_settings_set (s.db, head, "from_address", "office@hillside.example", &error));
  g_assert_no_error (error);
  g_assert_true (att_mail_settings_set (s.db, head, "host", "smtp.example.org", &error));
  g_assert_no_error (error);
  g_assert_true (att_mail_settings_set (s.db, head, "security", "tls", &error));
  g_assert_no_error (error);
  g_assert_true (att_mail_settings_set (s.db, head, "username", "office", &error));
  g_assert_no_error (error);
  g_assert_true (att_mail_settings_set (s.db, head, "password", " secret words ", &error));
  g_assert_no_error (error);

  loaded = att_mail_settings_load (s.db, &error);
  g_assert_no_error (error);
  g_assert_true (att_mail_settings_is_set_up (loaded));
  g_assert_cmpstr (loaded->host, ==, "smtp.example.org");
  g_assert_cmpint (loaded->security, ==, ATT_MAIL_TLS);
  /* TLS from the start: its usual port, 465; the password as typed, its
   * spaces kept; `mail show` says only that it is set. */
  g_assert_cmpuint (att_mail_settings_get_port (loaded), ==, 465);
  g_assert_cmpstr (loaded->password, ==, " secret words ");
  password = att_mail_settings_get (loaded, "password");
  g_assert_cmpstr (password, ==, "set");

  /* Refusals name what is wrong. */
  g_assert_false (att_mail_settings_set (s.db, head, "security", "none", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "smtp.example.org cannot be used without encryption"));
  g_clear_error (&error);
  g_assert_false (att_mail_settings_set (s.db, head, "port", "70000", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“70000” is not a port"));
  g_clear_error (&error);
  g_assert_false (att_mail_settings_set (s.db, head, "reply_to", "office at school", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_mail_settings_set (s.db, head, "ssl", "yes", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* No encryption is allowed for a server on this computer. */
  g_assert_true (att_mail_settings_set (s.db, head, "host", "localhost", &error));
  g_assert_no_error (error);
  g_assert_true (att_mail_settings_set (s.db, head, "security", "none", &error));
  g_assert_no_error (error);

  /* The audit log says the password changed, never what it is. */
  entries = att_audit_query (s.db, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      AttAuditEntry *entry = g_ptr_array_index (entries, i);
      const char *detail = entry->detail != NULL ? entry->detail : "";
      const char *after = entry->after != NULL ? entry->after : "";

      g_assert_null (strstr (detail, "secret"));
      g_assert_null (strstr (after, "secret"));
      if (g_strcmp0 (entry->action, "school.mail") == 0 &&
          strstr (detail, "password changed") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
  att_test_school_clear (&s);
}

/* ------------------------------------------------------------------ */
/* Sending                                                            */
/* ------------------------------------------------------------------ */

/* STARTTLS on the test's own certificate (trusted through the settings'
 * CA file), signed in, and the message as the server's parser reads it. */
static void
test_send_starttls (void)
{
  Server *server = server_start ("--user", "office", "--password", "pa55 word", NULL);
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_STARTTLS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) received = NULL;
  g_autofree char *body_path = g_build_filename (server->dir, "1.txt", NULL);
  g_autofree char *body = NULL;
  g_autofree char *value = NULL;

  g_assert_true (att_mail_send_test (settings, "Hillside Primary School", "parent@example.org", &error));
  g_assert_no_error (error);

  received = server_message (server, 1);
  g_assert_nonnull (received);
  value = message_value (received, "message", "mail_from");
  g_assert_cmpstr (value, ==, "<office@hillside.example>");
  g_free (value);
  value = message_value (received, "message", "rcpt_to");
  g_assert_cmpstr (value, ==, "parent@example.org");
  g_free (value);
  value = message_value (received, "message", "from");
  g_assert_cmpstr (value, ==, "\"Hillside Primary School\" <office@hillside.example>");
  g_free (value);
  value = message_value (received, "message", "reply_to");
  g_assert_cmpstr (value, ==, "attendance@hillside.example");
  g_free (value);
  value = message_value (received, "message", "subject");
  g_assert_cmpstr (value, ==, "Test message from Hillside Primary School");
  g_free (value);
  value = message_value (received, "message", "defects");
  g_assert_cmpstr (value, ==, "0");
  g_assert_true (g_file_get_contents (body_path, &body, NULL, NULL));
  g_assert_nonnull (strstr (body, "(localhost, port "));
  g_assert_nonnull (strstr (body, "letters can be sent by e-mail"));
  server_stop (server);
}

/* TLS from the start, and a message with a letter attached. */
static void
test_send_tls_attachment (void)
{
  Server *server = server_start ("--tls", "--user", "office", "--password", "pa55 word", NULL);
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_TLS);
  g_autoptr(AttMailMessage) message = sample_message ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) received = NULL;
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (att_mail_send (settings, message, &error));
  g_assert_no_error (error);
  received = server_message (server, 1);
  g_assert_nonnull (received);
  value = message_value (received, "message", "subject");
  g_assert_cmpstr (value, ==, "Zoë’s attendance this term");
  g_free (value);
  value = message_value (received, "message", "to");
  g_assert_cmpstr (value, ==, "Mrs Zoë Brontë <zoe.bronte@example.org>");
  g_free (value);
  value = message_value (received, "attachment0", "filename");
  g_assert_cmpstr (value, ==, "Letter about Zoë.pdf");
  path = message_value (received, "attachment0", "path");
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpuint (size, ==, 18);
  g_assert_cmpmem (data, size, "%PDF-1.5\n\xff\xfe binary", 18);
  server_stop (server);
}

/* A wrong password is named as such, and nothing is sent. */
static void
test_send_wrong_password (void)
{
  Server *server = server_start ("--user", "office", "--password", "right", NULL);
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_STARTTLS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) received = NULL;

  g_assert_false (att_mail_send_test (settings, "Hillside", "parent@example.org", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_MAIL);
  g_assert_nonnull (strstr (error->message, "refused the user name “office” or its password"));
  g_assert_nonnull (strstr (error->message, "check them in the Mail Server settings"));
  /* The password is never in a message. */
  g_assert_null (strstr (error->message, "pa55"));
  received = server_message (server, 1);
  g_assert_null (received);
  server_stop (server);
}

/* A recipient the server refuses is told apart from the server failing. */
static void
test_send_refused_recipient (void)
{
  Server *server = server_start ("--user", "office", "--password", "pa55 word",
                                 "--refuse", "gone@example.org", NULL);
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_STARTTLS);
  g_autoptr(GError) error = NULL;

  g_assert_false (att_mail_send_test (settings, "Hillside", "gone@example.org", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_MAIL_RECIPIENT);
  g_assert_nonnull (strstr (error->message, "refused the address gone@example.org"));
  g_assert_nonnull (strstr (error->message, "User unknown"));
  server_stop (server);
}

/* The server's certificate is not trusted without the school's CA file. */
static void
test_send_untrusted (void)
{
  Server *server = server_start ("--user", "office", "--password", "pa55 word", NULL);
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_STARTTLS);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&settings->ca_file, g_free);
  g_assert_false (att_mail_send_test (settings, "Hillside", "parent@example.org", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_MAIL);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  server_stop (server);
}

/* A server that does not offer STARTTLS gets neither password nor
 * letter; with no encryption (allowed on this computer) it is used. */
static void
test_send_no_starttls (void)
{
  Server *server = server_start ("--no-starttls", "--user", "office", "--password", "pa55 word", NULL);
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_STARTTLS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) received = NULL;

  g_assert_false (att_mail_send_test (settings, "Hillside", "parent@example.org", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_MAIL);
  g_assert_nonnull (strstr (error->message, "does not offer STARTTLS"));
  g_assert_null (server_message (server, 1));
  g_clear_error (&error);

  settings->security = ATT_MAIL_NONE;
  g_assert_true (att_mail_send_test (settings, "Hillside", "parent@example.org", &error));
  g_assert_no_error (error);
  received = server_message (server, 1);
  g_assert_nonnull (received);
  server_stop (server);
}

/* Nothing listening: the message names the server and the port. */
static void
test_send_connect (void)
{
  Server *server = server_start (NULL);
  g_autoptr(AttMailSettings) settings = settings_for (server, ATT_MAIL_STARTTLS);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  server_stop (server);
  g_free (settings->host);
  settings->host = g_strdup ("127.0.0.1");
  g_assert_false (att_mail_send_test (settings, "Hillside", "parent@example.org", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_MAIL);
  expected = g_strdup_printf ("Could not connect to the mail server 127.0.0.1 on port %u",
                              settings->port);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  att_mail_test_make_certificate ();

  g_test_add_func ("/mail/message/headers", test_message_headers);
  g_test_add_func ("/mail/message/long-subject", test_message_long_subject);
  g_test_add_func ("/mail/message/refusals", test_message_refusals);
  g_test_add_func ("/mail/settings", test_settings);
  g_test_add_func ("/mail/send/starttls", test_send_starttls);
  g_test_add_func ("/mail/send/tls-attachment", test_send_tls_attachment);
  g_test_add_func ("/mail/send/wrong-password", test_send_wrong_password);
  g_test_add_func ("/mail/send/refused-recipient", test_send_refused_recipient);
  g_test_add_func ("/mail/send/untrusted", test_send_untrusted);
  g_test_add_func ("/mail/send/no-starttls", test_send_no_starttls);
  g_test_add_func ("/mail/send/connect", test_send_connect);
  status = g_test_run ();
  att_mail_test_remove_certificate ();
  return status;
}
