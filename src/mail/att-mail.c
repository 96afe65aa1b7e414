/* att-mail.c: sending a message with libcurl's SMTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection a message: a batch of letters is tens of messages at
 * most, and a connection of its own makes each failure that message's.
 * libcurl does the SMTP conversation (EHLO, STARTTLS, AUTH, MAIL FROM,
 * RCPT TO, DATA with its dot-stuffing); this file says where and how, and
 * turns a failure into words an office can act on. libcurl's trace tells
 * which command the server answered last, so that a refused recipient is
 * told apart from a refused sender or a failed sign-in, and the server's
 * own answer is quoted.
 */
#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-mail-private.h"

typedef struct
{
  const guchar *data;
  gsize         size;
  gsize         offset;
  char         *last_command;   /* the last command sent: "RCPT TO:<...>" */
  char         *last_reply;     /* the server's last line */
  gboolean      quitting;       /* QUIT sent: what follows is no answer */
} Transfer;

static size_t
read_message (char   *buffer,
              size_t  size,
              size_t  n_items,
              void   *user_data)
{
  Transfer *transfer = user_data;
  gsize n = MIN (size * n_items, transfer->size - transfer->offset);

  memcpy (buffer, transfer->data + transfer->offset, n);
  transfer->offset += n;
  return n;
}

static char *
first_line (const char *text,
            size_t      size)
{
  g_autofree char *line = g_strndup (text, MIN (size, 400));
  char *end = strpbrk (line, "\r\n");

  if (end != NULL)
    *end = '\0';
  return g_utf8_make_valid (line, -1);
}

static int
trace (CURL          *handle,
       curl_infotype  type,
       char          *data,
       size_t         size,
       void          *user_data)
{
  Transfer *transfer = user_data;

  if (transfer->quitting)
    return 0;
  if (type == CURLINFO_HEADER_OUT && size >= 4 && g_ascii_strncasecmp (data, "QUIT", 4) == 0)
    transfer->quitting = TRUE;
  else if (type == CURLINFO_HEADER_OUT)
    {
      g_free (transfer->last_command);
      transfer->last_command = first_line (data, size);
      /* What follows AUTH is the password, encoded: never kept. */
      if (g_ascii_strncasecmp (transfer->last_command, "AUTH", 4) == 0)
        transfer->last_command[4] = '\0';
    }
  else if (type == CURLINFO_HEADER_IN)
    {
      g_free (transfer->last_reply);
      transfer->last_reply = first_line (data, size);
    }
  return 0;
}

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

static gboolean
command_is (const Transfer *transfer,
            const char     *command)
{
  return transfer->last_command != NULL &&
         g_ascii_strncasecmp (transfer->last_command, command, strlen (command)) == 0;
}

static void
set_error (GError               **error,
           CURLcode               code,
           const char            *detail,
           const Transfer        *transfer,
           const AttMailSettings *settings,
           const AttMailMessage  *message)
{
  const char *host = settings->host;
  guint port = att_mail_settings_get_port (settings);
  const char *reply = transfer->last_reply != NULL ? transfer->last_reply
                                                   : (detail[0] != '\0' ? detail : curl_easy_strerror (code));

  switch ((int) code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("The mail server “%s” could not be found: check its name in the Mail Server "
                     "settings and that this computer is connected to the internet"), host);
      return;
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("Could not connect to the mail server %s on port %u: check the server’s name "
                     "and port (usually 587 for STARTTLS, 465 for TLS) and that the school’s "
                     "firewall lets this computer reach it"), host, port);
      return;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("The mail server %s on port %u did not answer in time: check the port and the "
                     "kind of connection (STARTTLS on 587, TLS on 465), or try again later"),
                   host, port);
      return;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("The mail server %s on port %u does not offer STARTTLS, so the password and "
                     "letters would go unprotected: choose “TLS from the start” (usually port 465) "
                     "or ask your e-mail provider for the right port"), host, port);
      return;
    case CURLE_PEER_FAILED_VERIFICATION:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("The mail server %s’s certificate is not trusted (%s): check the server’s "
                     "name, or, if the school uses its own certificate authority, give its "
                     "certificate file in the Mail Server settings"), host, detail);
      return;
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("The certificate file “%s” of the Mail Server settings could not be read as "
                     "certificates (PEM): %s"),
                   settings->ca_file != NULL ? settings->ca_file : "", detail);
      return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("A secure connection to the mail server %s on port %u could not be made (%s): "
                     "check that the kind of connection matches the port (STARTTLS on 587, TLS on "
                     "465)"), host, port, detail);
      return;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("The mail server %s refused the user name “%s” or its password (%s): check "
                     "them in the Mail Server settings"),
                   host, settings->username != NULL ? settings->username : "", reply);
      return;
    case CURLE_UNSUPPORTED_PROTOCOL:
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("This computer’s libcurl cannot send e-mail (%s): install libcurl with SMTP"),
                   detail);
      return;
    default:
      break;
    }

  if (command_is (transfer, "RCPT"))
    g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL_RECIPIENT,
                 _("The mail server refused the address %s (%s): check the contact’s e-mail "
                   "address"), message->to_address, reply);
  else if (command_is (transfer, "MAIL"))
    g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                 _("The mail server %s refused to send from %s (%s): the from address must be one "
                   "the mail account may send as"), host, message->from_address, reply);
  else if (command_is (transfer, "AUTH"))
    g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                 _("The mail server %s refused the user name “%s” or its password (%s): check "
                   "them in the Mail Server settings"),
                 host, settings->username != NULL ? settings->username : "", reply);
  else if (command_is (transfer, "DATA") || command_is (transfer, "."))
    g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                 _("The mail server %s refused the message to %s (%s)"),
                 host, message->to_address, reply);
  else
    g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                 _("The message to %s could not be sent through %s (%s)"),
                 message->to_address, host, detail[0] != '\0' ? detail : curl_easy_strerror (code));
}

gboolean
att_mail_send (const AttMailSettings  *settings,
               AttMailMessage         *message,
               GError                **error)
{
  return _att_mail_send (settings, message, NULL, error);
}

gboolean
_att_mail_send (const AttMailSettings  *settings,
                AttMailMessage         *message,
                gboolean               *server_failed,
                GError                **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  char detail[CURL_ERROR_SIZE] = "";
  struct curl_slist *recipients = NULL;
  Transfer transfer = { 0 };
  CURL *handle;
  CURLcode code;
  const char *host;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (!att_mail_settings_check (settings, TRUE, error))
    return FALSE;
  bytes = att_mail_message_to_bytes (message, error);
  if (bytes == NULL)
    return FALSE;

  g_once (&once, init_curl, NULL);
  handle = curl_easy_init ();
  if (handle == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_MAIL,
                   _("The message could not be sent: libcurl could not start"));
      return FALSE;
    }

  host = settings->host;
  url = g_strdup_printf ("%s://%s%s%s:%u",
                         settings->security == ATT_MAIL_TLS ? "smtps" : "smtp",
                         strchr (host, ':') != NULL ? "[" : "", host,
                         strchr (host, ':') != NULL ? "]" : "",
                         att_mail_settings_get_port (settings));
  from = g_strdup_printf ("<%s>", message->from_address);
  to = g_strdup_printf ("<%s>", message->to_address);
  recipients = curl_slist_append (NULL, to);
  transfer.data = g_bytes_get_data (bytes, &transfer.size);

  curl_easy_setopt (handle, CURLOPT_URL, url);
  curl_easy_setopt (handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (handle, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt (handle, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt (handle, CURLOPT_ERRORBUFFER, detail);
  /* STARTTLS is required, never tried and dropped: a server that does
   * not offer it gets neither the password nor the letter. */
  curl_easy_setopt (handle, CURLOPT_USE_SSL,
                    settings->security == ATT_MAIL_NONE ? (long) CURLUSESSL_NONE
                                                        : (long) CURLUSESSL_ALL);
  curl_easy_setopt (handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (handle, CURLOPT_SSL_VERIFYHOST, 2L);
  /* A school's own authority, in a PEM file; the system's folder of
   * authorities (CURLOPT_CAPATH's default) stays trusted beside it. */
  if (settings->ca_file != NULL && settings->ca_file[0] != '\0')
    curl_easy_setopt (handle, CURLOPT_CAINFO, settings->ca_file);
  if (settings->username != NULL && settings->username[0] != '\0')
    {
      curl_easy_setopt (handle, CURLOPT_USERNAME, settings->username);
      curl_easy_setopt (handle, CURLOPT_PASSWORD,
                        settings->password != NULL ? settings->password : "");
    }
  curl_easy_setopt (handle, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (handle, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (handle, CURLOPT_INFILESIZE_LARGE, (curl_off_t) transfer.size);
  curl_easy_setopt (handle, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt (handle, CURLOPT_READDATA, &transfer);
  curl_easy_setopt (handle, CURLOPT_DEBUGFUNCTION, trace);
  curl_easy_setopt (handle, CURLOPT_DEBUGDATA, &transfer);
  curl_easy_setopt (handle, CURLOPT_VERBOSE, 1L);

  code = curl_easy_perform (handle);
  if (code != CURLE_OK)
    set_error (error, code, detail, &transfer, settings, message);
  /* Before MAIL FROM the failure was the server's: its name, the
   * connection, its certificate or the sign-in. */
  if (server_failed != NULL)
    *server_failed = code != CURLE_OK && !command_is (&transfer, "MAIL") &&
                     !command_is (&transfer, "RCPT") && !command_is (&transfer, "DATA") &&
                     !command_is (&transfer, ".");

  curl_slist_free_all (recipients);
  curl_easy_cleanup (handle);
  g_free (transfer.last_command);
  g_free (transfer.last_reply);
  return code == CURLE_OK;
}

gboolean
att_mail_send_test (const AttMailSettings  *settings,
                    const char             *school_name,
                    const char             *to_address,
                    GError                **error)
{
  g_autoptr(AttMailMessage) message = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  const char *school = school_name != NULL && school_name[0] != '\0' ? school_name
                                                                      : _("the school");

  /* Translators: the subject of the message that checks the mail server */
  subject = g_strdup_printf (_("Test message from %s"), school);
  body = g_strdup_printf (_("This message was sent by Attendance to check the school’s mail "
                            "server settings (%s, port %u, %s).\n\nIf you can read it, letters "
                            "can be sent by e-mail. There is no need to reply."),
                          settings->host != NULL ? settings->host : "",
                          att_mail_settings_get_port (settings),
                          att_mail_security_describe (settings->security));
  message = att_mail_message_new_from_settings (settings, to_address, NULL, subject, body);
  if (message->from_name == NULL && school_name != NULL && school_name[0] != '\0')
    message->from_name = g_strdup (school_name);
  return att_mail_send (settings, message, error);
}

void
att_mail_result_free (AttMailResult *result)
{
  if (result == NULL)
    return;
  g_free (result->recipient);
  g_free (result->address);
  g_free (result->message);
  g_free (result);
}
